//! Diagnoses connection transcripts: what the capture itself says went wrong (the connection,
//! the TLS mode, the handshake, the protocol version, SNI, a paste cut short, OpenSSL's own
//! verdict), beside what the certificates say.
//!
//! Several captures in one paste (the companion script's output, or 993 and 587 pasted one after
//! the other) are inspected one by one, each for its own host, and merged into one report: every
//! finding about a capture carries the fact `capture` (its index), and [`CaptureReport`] gives
//! each capture's verdict and chain.

use serde::Serialize;

use crate::findings::{Finding, FindingId as F, Severity};
use crate::input::{Capture, Client, FailureKind, Missing, ParsedInput};
use crate::inspect::Options;
use crate::report::{ChainReport, Report, Verdict};

// ---------------------------------------------------------------------------------------------
// Several captures
// ---------------------------------------------------------------------------------------------

/// One capture's own result when a paste holds several.
#[derive(Debug, Clone, Serialize)]
pub struct CaptureReport {
    /// Its position in the paste (0 first); findings about it carry the fact `capture`.
    pub index: usize,
    /// Whether a mail client would accept what this capture shows.
    pub verdict: Verdict,
    /// The host it was judged for.
    pub host: Option<String>,
    /// The port it connected to.
    pub port: Option<u16>,
    /// Its `-starttls` protocol, if any.
    pub starttls: Option<String>,
    /// The path found for its certificates (indices into `Report::certificates`).
    pub chain: ChainReport,
    /// Its certificates: indices into `Report::certificates`.
    pub certificates: Vec<usize>,
}

/// Facts that hold an index into `Report::certificates`, shifted when reports are merged.
const CERT_INDEX_FACTS: &[&str] = &["same_as", "issuer_cert"];

/// Inspects each capture of a paste apart (with `core`, the inspection of one input) and adds
/// what the transcripts say; one capture, or none, is one plain inspection.
pub fn inspect_captures(parsed: ParsedInput, opts: &Options, core: fn(ParsedInput, &Options) -> Report) -> Report {
    if parsed.captures.len() <= 1 {
        let capture = parsed.captures.first().cloned();
        let mut report = core(parsed, opts);
        if let Some(capture) = capture {
            let found = diagnose(&capture, &report, opts);
            add_findings(&mut report, found);
        }
        return report;
    }
    let all = parsed.captures.clone();
    let mut parts = Vec::with_capacity(all.len());
    for (i, capture) in all.iter().enumerate() {
        let sub = capture_input(&parsed, i);
        let sub_opts =
            Options { leaf: opts.leaf.and_then(|l| capture.certs.iter().position(|&c| c == l)), ..opts.clone() };
        let mut report = core(sub, &sub_opts);
        let found = diagnose(capture, &report, &sub_opts);
        add_findings(&mut report, found);
        parts.push(report);
    }
    merge(parts, &all, parsed)
}

/// The part of a paste that is capture `i`: its certificates and its transcript. What lies
/// outside every capture (a key, a certificate pasted above the transcripts) goes with the first.
fn capture_input(parsed: &ParsedInput, i: usize) -> ParsedInput {
    let mut capture = parsed.captures.get(i).cloned().unwrap_or_default();
    let mut indices = capture.certs.clone();
    if i == 0 {
        let in_some: Vec<usize> = parsed.captures.iter().flat_map(|c| c.certs.iter().copied()).collect();
        indices.extend((0..parsed.certs.len()).filter(|c| !in_some.contains(c)));
        indices.sort_unstable();
    }
    capture.certs = (0..capture.certs.len()).collect();
    ParsedInput {
        certs: indices.iter().filter_map(|&c| parsed.certs.get(c).cloned()).collect(),
        others: if i == 0 { parsed.others.clone() } else { Vec::new() },
        captures: vec![capture],
        formats: parsed.formats.clone(),
        limit_hit: if i == 0 { parsed.limit_hit.clone() } else { None },
        capture_entries_cut: i == 0 && parsed.capture_entries_cut,
    }
}

/// One report from the reports of several captures (in order; at least one).
fn merge(parts: Vec<Report>, captures: &[Capture], parsed: ParsedInput) -> Report {
    let mut merged: Option<Report> = None;
    let mut summaries = Vec::with_capacity(parts.len());
    let mut verdicts = Vec::with_capacity(parts.len());
    for (i, mut part) in parts.into_iter().enumerate() {
        let offset = merged.as_ref().map_or(0, |m| m.certificates.len());
        for c in &mut part.certificates {
            c.index = c.index.saturating_add(offset);
        }
        for f in &mut part.findings {
            f.cert = f.cert.map(|c| c.saturating_add(offset));
            for &key in CERT_INDEX_FACTS {
                if let Some(v) = f.facts.get(key).and_then(serde_json::Value::as_u64) {
                    f.facts.insert(key, serde_json::Value::from(v.saturating_add(offset as u64)));
                }
            }
            f.facts.insert("capture", serde_json::Value::from(i));
            // The message names certificates by index: write it again with the shifted ones.
            f.message = crate::catalog::message(f);
        }
        part.chain.path.iter_mut().for_each(|x| *x = x.saturating_add(offset));
        part.chain.leaf = part.chain.leaf.map(|l| l.saturating_add(offset));
        let capture = captures.get(i);
        summaries.push(CaptureReport {
            index: i,
            verdict: part.verdict,
            host: part.context.host.clone(),
            port: capture.and_then(|c| c.connect_port),
            starttls: capture.and_then(|c| c.starttls.clone()),
            chain: part.chain.clone(),
            certificates: (offset..offset.saturating_add(part.certificates.len())).collect(),
        });
        verdicts.push(part.verdict);
        match &mut merged {
            None => merged = Some(part),
            Some(m) => {
                m.findings.append(&mut part.findings);
                m.certificates.append(&mut part.certificates);
            }
        }
    }
    let Some(mut report) = merged else {
        // Not reached (the caller has two captures or more): nothing to merge.
        return crate::inspect::inspect_parsed(parsed, &Options::default());
    };
    // Trusted only when every capture is; invalid input only when none had a certificate.
    report.verdict = if verdicts.iter().all(|v| *v == Verdict::Trusted) {
        Verdict::Trusted
    } else if verdicts.iter().all(|v| *v == Verdict::InvalidInput) {
        Verdict::InvalidInput
    } else {
        Verdict::Untrusted
    };
    report.input.certificates = parsed.certs.len();
    report.input.others = parsed.others;
    report.input.captures = parsed.captures;
    report.captures = summaries;
    sort(&mut report.findings);
    report
}

/// Adds findings to a finished report: fills their messages and sorts as the inspection does.
/// A capture that explains why there is no certificate replaces `no_certificate`.
fn add_findings(report: &mut Report, found: Vec<Finding>) {
    let explains_absence = found.iter().any(|f| {
        matches!(
            f.id,
            F::ConnectionFailed | F::TlsModeMismatch | F::NoPeerCertificate | F::HandshakeFailed | F::InputTruncated
        ) || f.id == F::ShowcertsMissing && f.facts.get("shown").and_then(serde_json::Value::as_u64) == Some(0)
    });
    if explains_absence {
        report.findings.retain(|f| f.id != F::NoCertificate);
    }
    // A capture error (TLS 1.1, say) stops a mail app as surely as a bad chain does.
    if report.verdict == Verdict::Trusted && found.iter().any(|f| f.severity == Severity::Error) {
        report.verdict = Verdict::Untrusted;
    }
    for mut f in found {
        f.message = crate::catalog::message(&f);
        report.findings.push(f);
    }
    sort(&mut report.findings);
}

/// The order of `inspect`: errors first; within a severity, what users must act on first.
fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, crate::catalog::rank(f.id), f.cert));
}

// ---------------------------------------------------------------------------------------------
// One capture
// ---------------------------------------------------------------------------------------------

/// What a capture says beyond its certificates, judged beside `report` (the inspection of its
/// certificates): how the connection went, and why OpenSSL's verdict differs from certscope's.
pub fn diagnose(capture: &Capture, report: &Report, opts: &Options) -> Vec<Finding> {
    let d = Diagnosis { cap: capture, report, opts };
    let mut out = Vec::new();
    d.connection(&mut out);
    d.version(&mut out);
    d.sni(&mut out);
    d.truncated(&mut out);
    d.showcerts(&mut out);
    d.openssl_verdict(&mut out);
    out
}

struct Diagnosis<'a> {
    cap: &'a Capture,
    report: &'a Report,
    opts: &'a Options,
}

/// The mail services, their implicit-TLS ("SSL/TLS") and STARTTLS ports: RFC 8314 section 3.3
/// (993, 995, 465 with implicit TLS), RFC 3501 and 2595 (143 and 110 with STARTTLS), RFC 6409
/// (587 submission with STARTTLS) and RFC 5321 (25, server-to-server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Service {
    Imap,
    Pop3,
    Smtp,
}

impl Service {
    fn name(self) -> &'static str {
        match self {
            Service::Imap => "IMAP",
            Service::Pop3 => "POP3",
            Service::Smtp => "SMTP",
        }
    }

    /// The `-starttls` value for it.
    fn starttls(self) -> &'static str {
        match self {
            Service::Imap => "imap",
            Service::Pop3 => "pop3",
            Service::Smtp => "smtp",
        }
    }

    fn tls_port(self) -> u16 {
        match self {
            Service::Imap => 993,
            Service::Pop3 => 995,
            Service::Smtp => 465,
        }
    }

    fn starttls_port(self) -> &'static str {
        match self {
            Service::Imap => "143",
            Service::Pop3 => "110",
            Service::Smtp => "587 (or 25 between servers)",
        }
    }
}

/// Whether a port carries TLS from the first byte (`true`) or starts in plaintext (`false`).
const MAIL_PORTS: &[(u16, Service, bool)] = &[
    (993, Service::Imap, true),
    (143, Service::Imap, false),
    (995, Service::Pop3, true),
    (110, Service::Pop3, false),
    (465, Service::Smtp, true),
    (587, Service::Smtp, false),
    (25, Service::Smtp, false),
];

fn port_service(port: Option<u16>) -> Option<(Service, bool)> {
    MAIL_PORTS.iter().find(|(p, _, _)| Some(*p) == port).map(|&(_, s, tls)| (s, tls))
}

/// The `openssl s_client` command certscope suggests, with the placeholder host when the name
/// the mail app uses is not known.
fn command(connect: &str, port: Option<u16>, starttls: Option<&str>, servername: &str) -> String {
    let target = match port {
        Some(p) if connect.contains(':') => format!("[{connect}]:{p}"),
        Some(p) => format!("{connect}:{p}"),
        None => connect.to_owned(),
    };
    let starttls = starttls.map(|s| format!(" -starttls {s}")).unwrap_or_default();
    format!("openssl s_client -connect {target}{starttls} -servername {servername} -showcerts </dev/null")
}

/// Placeholder for the name the mail app uses, when no name is known.
const HOST_PLACEHOLDER: &str = "MAIL-SERVER-NAME";

impl Diagnosis<'_> {
    fn host(&self) -> String {
        self.cap.connect_host.clone().unwrap_or_else(|| HOST_PLACEHOLDER.to_owned())
    }

    fn port_value(&self) -> serde_json::Value {
        self.cap.connect_port.map_or(serde_json::Value::Null, serde_json::Value::from)
    }

    /// The name to send as SNI: the host being checked when it is a name.
    fn name(&self) -> String {
        let candidates = [self.report.context.host.clone(), self.cap.servername.clone(), self.cap.connect_host.clone()];
        candidates
            .into_iter()
            .flatten()
            .find(|h| h.parse::<std::net::IpAddr>().is_err() && !h.is_empty())
            .unwrap_or_else(|| HOST_PLACEHOLDER.to_owned())
    }

    /// Whether OpenSSL ended the handshake over a verify error (`-verify_return_error`).
    fn openssl_refused(&self) -> bool {
        self.cap.failure.as_ref().is_some_and(|f| f.line.contains("certificate verify failed"))
            && !self.cap.verify_errors.is_empty()
    }

    fn got_certificate(&self) -> bool {
        self.cap.bodies > 0 || !self.cap.certs.is_empty()
    }

    fn service(&self) -> Option<Service> {
        let from_starttls = match self.cap.starttls.as_deref() {
            Some("imap") => Some(Service::Imap),
            Some("pop3") => Some(Service::Pop3),
            Some("smtp" | "lmtp") => Some(Service::Smtp),
            _ => None,
        };
        let from_greeting = self.cap.greeting.as_deref().and_then(|g| {
            if g.starts_with("* ") {
                Some(Service::Imap)
            } else if g.starts_with("+OK") || g.starts_with("-ERR") {
                Some(Service::Pop3)
            } else if g.starts_with("220") {
                Some(Service::Smtp)
            } else {
                None
            }
        });
        from_starttls.or(port_service(self.cap.connect_port).map(|(s, _)| s)).or(from_greeting)
    }

    /// "host:port" as people write it.
    fn target(&self) -> String {
        let host = self.host();
        match self.cap.connect_port {
            Some(p) if host.contains(':') => format!("[{host}]:{p}"),
            Some(p) => format!("{host}:{p}"),
            None => host,
        }
    }

    /// The line that shows what happened, or what the capture shows instead.
    fn evidence(&self, default: &str) -> String {
        self.cap.failure.as_ref().map_or_else(|| default.to_owned(), |f| f.line.clone())
    }

    fn base(&self, id: F, severity: Severity) -> Finding {
        Finding::new(id, severity)
            .fact("host", self.host())
            .fact("port", self.port_value())
            .fact("target", self.target())
            .fact("client", serde_json::to_value(self.cap.client).unwrap_or_default())
    }

    /// connection_failed, tls_mode_mismatch, handshake_failed, no_peer_certificate.
    fn connection(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        if self.got_certificate() {
            return;
        }
        match cap.failure.as_ref().map(|f| f.kind) {
            Some(
                kind @ (FailureKind::ConnectionRefused
                | FailureKind::TimedOut
                | FailureKind::NameNotResolved
                | FailureKind::Unreachable),
            ) => {
                let cause = match kind {
                    FailureKind::ConnectionRefused => "refused",
                    FailureKind::TimedOut => "timed_out",
                    FailureKind::NameNotResolved => "name_not_resolved",
                    _ => "unreachable",
                };
                out.push(
                    self.base(F::ConnectionFailed, Severity::Error)
                        .fact("cause", cause)
                        .fact("evidence", self.evidence(cause)),
                );
            }
            Some(FailureKind::NotTls) => out.push(self.mode_mismatch("tls_to_starttls_port", self.evidence(""))),
            Some(FailureKind::StarttlsNotOffered) => {
                out.push(self.mode_mismatch("starttls_not_offered", self.evidence("")))
            }
            Some(FailureKind::NoCertificate) => {
                out.push(self.base(F::NoPeerCertificate, Severity::Error).fact("evidence", self.evidence("")));
            }
            Some(kind) if !cap.handshake_complete => {
                let alert = cap.failure.as_ref().and_then(|f| f.alert);
                let cause = match (kind, cap.version_forced.as_deref()) {
                    (
                        FailureKind::Alert | FailureKind::ClosedDuringHandshake | FailureKind::NoCommonProtocol,
                        Some(v),
                    ) if is_obsolete(v) && matches!(alert, None | Some(70 | 71 | 40 | 80)) => "old_version_refused",
                    (FailureKind::Alert, _) => "alert",
                    (FailureKind::ClosedDuringHandshake, _) => "closed",
                    (FailureKind::NoCommonProtocol, _) => "no_common_protocol",
                    // -verify_return_error: OpenSSL itself hung up over a verify error.
                    _ if self.openssl_refused() => "certificate_verify_failed",
                    _ => "other",
                };
                out.push(
                    self.base(F::HandshakeFailed, Severity::Error)
                        .fact("cause", cause)
                        .fact("alert", alert)
                        .fact("alert_name", alert.and_then(alert_name))
                        .fact("version_forced", cap.version_forced.clone())
                        .fact("evidence", self.evidence(cause)),
                );
            }
            Some(_) => {}
            None if cap.starttls.is_some() && cap.connected && cap.missing.contains(&Missing::HandshakeResult) => {
                // -starttls waits for the server's plaintext greeting; an implicit-TLS port waits
                // for the ClientHello. Neither speaks, and the capture stops after CONNECTED.
                out.push(
                    self.mode_mismatch(
                        "starttls_to_tls_port",
                        "no greeting from the server after CONNECTED".to_owned(),
                    ),
                );
            }
            None if cap.no_peer_certificate => {
                out.push(
                    self.base(F::NoPeerCertificate, Severity::Error).fact("evidence", "no peer certificate available"),
                );
            }
            None => {}
        }
    }

    fn mode_mismatch(&self, direction: &str, evidence: String) -> Finding {
        let service = self.service();
        let (service_name, tls_ports, starttls_ports) = match service {
            Some(s) => (s.name().to_owned(), s.tls_port().to_string(), s.starttls_port().to_owned()),
            None => (
                "IMAP, POP3 or SMTP".to_owned(),
                "993 (IMAP), 995 (POP3) or 465 (SMTP)".to_owned(),
                "143 (IMAP), 110 (POP3) or 587 (SMTP)".to_owned(),
            ),
        };
        let host = self.host();
        let name = self.name();
        // The command that reads this port as it is meant to be read.
        let suggestion = match (direction, service) {
            ("tls_to_starttls_port", Some(s)) => command(&host, self.cap.connect_port, Some(s.starttls()), &name),
            ("tls_to_starttls_port", None) => command(&host, self.cap.connect_port, Some("imap"), &name),
            (_, Some(s)) => command(&host, Some(s.tls_port()), None, &name),
            (_, None) => command(&host, Some(993), None, &name),
        };
        self.base(F::TlsModeMismatch, Severity::Error)
            .fact("direction", direction)
            .fact("service", service_name)
            .fact("tls_port", tls_ports)
            .fact("starttls_port", starttls_ports)
            .fact("command", suggestion)
            .fact("evidence", evidence)
    }

    /// tls_version_obsolete: RFC 8996 deprecates TLS 1.0 and 1.1 (MUST NOT negotiate).
    fn version(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        if let (true, Some(p)) = (cap.handshake_complete, cap.protocol.as_deref())
            && is_obsolete(p)
        {
            out.push(self.base(F::TlsVersionObsolete, Severity::Error).fact("protocol", p.to_owned()));
        }
    }

    /// sni_missing: no server name was sent, and the certificate received does not cover the
    /// name checked; the server may have sent its default certificate.
    fn sni(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        if cap.sni_sent != Some(false) || !self.got_certificate() {
            return;
        }
        let mismatch = self.report.findings.iter().find(|f| matches!(f.id, F::HostnameMismatch | F::WildcardMismatch));
        let Some(mismatch) = mismatch else {
            return;
        };
        let name = self.name();
        let names = mismatch.facts.get("names").cloned().unwrap_or(serde_json::Value::Array(vec![]));
        out.push(
            self.base(F::SniMissing, Severity::Warning)
                .fact("expected", self.report.context.host.clone())
                .fact("names", names)
                .fact("command", command(&self.host(), cap.connect_port, cap.starttls.as_deref(), &name)),
        );
    }

    /// input_truncated: what the paste lacks.
    fn truncated(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        let explained = out.iter().any(|f| f.id == F::TlsModeMismatch);
        let missing: Vec<&str> = cap
            .missing
            .iter()
            .filter(|m| !(explained && **m == Missing::HandshakeResult))
            .map(|m| match m {
                Missing::Output => "the output of the command",
                Missing::ErrorMessages => "the error messages (the command sent them to /dev/null; run it with 2>&1)",
                Missing::CertificateEnd => "the end of a certificate (its PEM block has no END line)",
                Missing::HandshakeResult => {
                    "the outcome of the handshake (the certificates and the Verify return code)"
                }
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        out.push(
            self.base(F::InputTruncated, Severity::Warning)
                .fact("missing", missing)
                .fact("command", command(&self.host(), cap.connect_port, cap.starttls.as_deref(), &self.name())),
        );
    }

    /// showcerts_missing: the chain is listed but only the server's certificate is shown.
    fn showcerts(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        // `-brief` names the server's certificate without printing it.
        let listed = cap.chain.len().max(usize::from(cap.server_subject.is_some()));
        if cap.showcerts || listed <= cap.bodies {
            return;
        }
        let host = self.host();
        let port = cap.connect_port;
        let suggestion = match cap.client {
            Client::GnutlsCli => format!("gnutls-cli --print-cert -p {} {host}", port.unwrap_or(993)),
            Client::Keytool => format!("keytool -printcert -rfc -sslserver {host}:{}", port.unwrap_or(993)),
            Client::Openssl | Client::Libressl => command(&host, port, cap.starttls.as_deref(), &self.name()),
        };
        let not_shown: Vec<String> = match (cap.chain.is_empty(), &cap.server_subject) {
            (true, Some(subject)) => vec![subject.clone()],
            _ => cap.chain.iter().skip(cap.bodies).map(|s| s.subject.clone()).collect(),
        };
        out.push(
            Finding::new(F::ShowcertsMissing, Severity::Warning)
                .fact("shown", cap.bodies)
                .fact("listed", listed)
                .fact("not_shown", not_shown)
                .fact("command", suggestion),
        );
    }

    /// openssl_verify_error: OpenSSL's verify errors in plain words, and why its verdict
    /// differs from certscope's when it does.
    fn openssl_verdict(&self, out: &mut Vec<Finding>) {
        let cap = self.cap;
        if !matches!(cap.client, Client::Openssl | Client::Libressl)
            || !(self.got_certificate() || self.openssl_refused())
        {
            // Without a certificate OpenSSL's "Verify return code: 0 (ok)" means nothing.
            return;
        }
        let mut codes: Vec<(i64, String, Option<u32>)> = Vec::new();
        for e in &cap.verify_errors {
            let code = e.code.or_else(|| verify_code_by_text(&e.message).map(|v| v.code)).unwrap_or(-1);
            if !codes.iter().any(|(c, _, _)| *c == code) {
                codes.push((code, e.message.clone(), e.depth));
            }
        }
        if let Some(code) = cap.verify_return_code
            && code != 0
            && !codes.iter().any(|(c, _, _)| *c == code)
        {
            codes.push((code, cap.verify_message.clone().unwrap_or_default(), None));
        }
        let openssl_ok = codes.is_empty() && (cap.verify_return_code == Some(0) || cap.verification_ok == Some(true));
        let certscope_ok = self.report.verdict == Verdict::Trusted;
        if codes.is_empty() && !openssl_ok {
            return;
        }
        let differs = openssl_ok != certscope_ok;
        let why = if differs { self.why_different(openssl_ok, &codes) } else { String::new() };
        if openssl_ok {
            if differs {
                out.push(self.verify_finding(0, "ok", None, &why));
            }
            return;
        }
        for (code, text, depth) in &codes {
            out.push(self.verify_finding(*code, text, *depth, &why));
        }
    }

    fn verify_finding(&self, code: i64, printed: &str, depth: Option<u32>, why: &str) -> Finding {
        let entry = verify_code_by_text(printed).or_else(|| verify_code(code));
        let mut f = Finding::new(F::OpensslVerifyError, Severity::Info)
            .fact("code", code)
            .fact("openssl_text", printed.to_owned())
            .fact("name", entry.map(|e| e.name))
            .fact("meaning", entry.map_or("an error code this version of certscope does not know", |e| e.meaning))
            .fact("depth", depth)
            .fact("verdicts", if why.is_empty() { "agree" } else { "differ" })
            .fact(
                "comparison",
                if why.is_empty() { "certscope agrees.".to_owned() } else { format!("certscope differs: {why}.") },
            );
        // The certificate at that depth, when the capture says which one it is.
        if let Some(d) = depth
            && let Some(c) = self.report.certificates.iter().find(|c| c.origin.is_some_and(|o| o.depth == Some(d)))
        {
            f = f.cert(c.index);
        }
        f
    }

    /// Why OpenSSL and certscope disagree, in plain words.
    fn why_different(&self, openssl_ok: bool, codes: &[(i64, String, Option<u32>)]) -> String {
        let cap = self.cap;
        let has = |ids: &[F]| self.report.findings.iter().any(|f| ids.contains(&f.id) && f.severity == Severity::Error);
        let openssl_trust = match &cap.trust {
            Some(t) => format!("the CA certificates given with {t}"),
            None => "this machine's trust store".to_owned(),
        };
        let certscope_trust = if self.opts.only_trusted_roots {
            "only the CA certificates you gave it"
        } else if self.opts.trust.is_empty() {
            "Mozilla's root store, as mail apps do"
        } else {
            "Mozilla's root store and the CA certificates you gave it"
        };
        if openssl_ok {
            if has(&[F::HostnameMismatch, F::WildcardMismatch]) && cap.verify_hostname.is_none() {
                return "OpenSSL was not given -verify_hostname, so it did not check the host name; certscope did"
                    .to_owned();
            }
            if has(&[F::SelfSigned, F::UntrustedRoot, F::MissingIntermediate]) {
                return format!(
                    "OpenSSL trusted the chain through {openssl_trust}, which certscope was not given: add that CA with --trust (the page's private CA field) if you trust it"
                );
            }
            if has(&[F::Expired, F::NotYetValid, F::ExpiredIntermediate, F::ExpiredRoot]) {
                return format!(
                    "certscope checked the dates at {}, OpenSSL when the capture was made",
                    self.report.context.at
                );
            }
            return "certscope applies the rules mail apps add to OpenSSL's (Apple's among them); its findings say which".to_owned();
        }
        let issuer_codes = [2, 19, 20, 21, 27];
        if codes.iter().any(|(c, _, _)| issuer_codes.contains(c)) {
            return format!(
                "OpenSSL used {openssl_trust}, which lacks the root certscope trusts; certscope used {certscope_trust}"
            );
        }
        if codes.iter().any(|(c, _, _)| matches!(c, 9 | 10)) {
            return format!(
                "OpenSSL checked the dates when the capture was made, certscope at {}",
                self.report.context.at
            );
        }
        if codes.iter().any(|(c, _, _)| matches!(c, 62 | 64)) {
            return format!(
                "OpenSSL checked the name {}, certscope {}",
                cap.verify_hostname.as_deref().unwrap_or("given to -verify_hostname"),
                self.report.context.host.as_deref().unwrap_or("(none)")
            );
        }
        "OpenSSL's rules differ from a mail app's here; certscope's findings say what a mail app sees".to_owned()
    }
}

/// SSLv3, TLS 1.0 and TLS 1.1: deprecated by RFC 7568 and RFC 8996.
fn is_obsolete(protocol: &str) -> bool {
    matches!(protocol, "SSLv2" | "SSLv3" | "TLSv1" | "TLSv1.0" | "TLSv1.1")
}

/// TLS alert names: RFC 8446 section 6 and RFC 5246 section 7.2.
fn alert_name(alert: u8) -> Option<&'static str> {
    Some(match alert {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        22 => "record_overflow",
        40 => "handshake_failure",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// OpenSSL's verify errors
// ---------------------------------------------------------------------------------------------

/// One of OpenSSL's certificate verification results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyCode {
    /// The number `s_client` prints ("verify error:num=20").
    pub code: i64,
    /// The constant's name in `x509_vfy.h`.
    pub name: &'static str,
    /// The text `X509_verify_cert_error_string` returns in OpenSSL 3.
    pub text: &'static str,
    /// What it means, in plain words.
    pub meaning: &'static str,
}

const fn v(code: i64, name: &'static str, text: &'static str, meaning: &'static str) -> VerifyCode {
    VerifyCode { code, name, text, meaning }
}

/// Every verify result OpenSSL 3 prints: codes 0 to 94 and their texts as OpenSSL 3.0's
/// `X509_verify_cert_error_string` returns them (read from libcrypto 3.0.19), 95 from 3.2, and
/// the OCSP results 96 to 100 of later 3.x releases (`include/openssl/x509_vfy.h.in`).
pub const OPENSSL_VERIFY_CODES: &[VerifyCode] = &[
    v(0, "X509_V_OK", "ok", "OpenSSL found nothing wrong with the chain."),
    v(
        1,
        "X509_V_ERR_UNSPECIFIED",
        "unspecified certificate verification error",
        "Verification failed for a reason OpenSSL does not name.",
    ),
    v(
        2,
        "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT",
        "unable to get issuer certificate",
        "The certificate of a CA in the chain was not available, so the chain could not be completed.",
    ),
    v(
        3,
        "X509_V_ERR_UNABLE_TO_GET_CRL",
        "unable to get certificate CRL",
        "Revocation checking was asked for, but no revocation list (CRL) was found.",
    ),
    v(
        4,
        "X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE",
        "unable to decrypt certificate's signature",
        "A certificate's signature could not be read at all (a broken certificate).",
    ),
    v(
        5,
        "X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE",
        "unable to decrypt CRL's signature",
        "A revocation list's signature could not be read.",
    ),
    v(
        6,
        "X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
        "unable to decode issuer public key",
        "The issuing CA's public key could not be read.",
    ),
    v(
        7,
        "X509_V_ERR_CERT_SIGNATURE_FAILURE",
        "certificate signature failure",
        "A signature in the chain does not verify: the certificate was altered, or the wrong CA certificate is beside it.",
    ),
    v(8, "X509_V_ERR_CRL_SIGNATURE_FAILURE", "CRL signature failure", "A revocation list's signature does not verify."),
    v(
        9,
        "X509_V_ERR_CERT_NOT_YET_VALID",
        "certificate is not yet valid",
        "A certificate's validity starts in the future, or the clock of the machine that ran OpenSSL is wrong.",
    ),
    v(10, "X509_V_ERR_CERT_HAS_EXPIRED", "certificate has expired", "A certificate in the chain has expired."),
    v(11, "X509_V_ERR_CRL_NOT_YET_VALID", "CRL is not yet valid", "A revocation list is not valid yet."),
    v(12, "X509_V_ERR_CRL_HAS_EXPIRED", "CRL has expired", "A revocation list has expired."),
    v(
        13,
        "X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD",
        "format error in certificate's notBefore field",
        "A certificate's start date is malformed.",
    ),
    v(
        14,
        "X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD",
        "format error in certificate's notAfter field",
        "A certificate's end date is malformed.",
    ),
    v(
        15,
        "X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD",
        "format error in CRL's lastUpdate field",
        "A revocation list's date is malformed.",
    ),
    v(
        16,
        "X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD",
        "format error in CRL's nextUpdate field",
        "A revocation list's date is malformed.",
    ),
    v(
        17,
        "X509_V_ERR_OUT_OF_MEM",
        "out of memory",
        "OpenSSL ran out of memory; nothing is known about the certificate.",
    ),
    v(
        18,
        "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
        "self-signed certificate",
        "The server's certificate is self-signed: it vouches for itself, and no app trusts it unless told to.",
    ),
    v(
        19,
        "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN",
        "self-signed certificate in certificate chain",
        "The chain ends at a root that the trust store used does not hold (a private or company CA).",
    ),
    v(
        20,
        "X509_V_ERR_UNABLE_TO_GET_LOCAL_ISSUER_CERT",
        "unable to get local issuer certificate",
        "The chain could not be completed up to a root in the trust store used: an intermediate is missing, or the root is not trusted there.",
    ),
    v(
        21,
        "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "unable to verify the first certificate",
        "Only the server's certificate was checked and its issuer was not found: usually the server does not send its intermediate certificate.",
    ),
    v(
        22,
        "X509_V_ERR_CERT_CHAIN_TOO_LONG",
        "certificate chain too long",
        "The chain is longer than the verification depth allows.",
    ),
    v(23, "X509_V_ERR_CERT_REVOKED", "certificate revoked", "A certificate in the chain has been revoked by its CA."),
    v(
        24,
        "X509_V_ERR_NO_ISSUER_PUBLIC_KEY",
        "issuer certificate doesn't have a public key",
        "The issuing CA's certificate has no usable public key. (Before OpenSSL 3.0, code 24 was \"invalid CA certificate\".)",
    ),
    v(
        25,
        "X509_V_ERR_PATH_LENGTH_EXCEEDED",
        "path length constraint exceeded",
        "A CA has more CAs below it than its path length allows.",
    ),
    v(
        26,
        "X509_V_ERR_INVALID_PURPOSE",
        "unsuitable certificate purpose",
        "A certificate is not allowed for a TLS server (its extended key usage says otherwise).",
    ),
    v(
        27,
        "X509_V_ERR_CERT_UNTRUSTED",
        "certificate not trusted",
        "The root is in the trust store used but not trusted for this purpose.",
    ),
    v(
        28,
        "X509_V_ERR_CERT_REJECTED",
        "certificate rejected",
        "The root is marked in the trust store used as rejected for this purpose.",
    ),
    v(
        29,
        "X509_V_ERR_SUBJECT_ISSUER_MISMATCH",
        "subject issuer mismatch",
        "A candidate issuer's name does not match (reported while searching; usually harmless).",
    ),
    v(
        30,
        "X509_V_ERR_AKID_SKID_MISMATCH",
        "authority and subject key identifier mismatch",
        "A candidate issuer's key identifier does not match (reported while searching; usually harmless).",
    ),
    v(
        31,
        "X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH",
        "authority and issuer serial number mismatch",
        "A candidate issuer's serial number does not match (reported while searching; usually harmless).",
    ),
    v(
        32,
        "X509_V_ERR_KEYUSAGE_NO_CERTSIGN",
        "key usage does not include certificate signing",
        "A CA certificate in the chain is not allowed to sign certificates.",
    ),
    v(
        33,
        "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER",
        "unable to get CRL issuer certificate",
        "The issuer of a revocation list was not found.",
    ),
    v(
        34,
        "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
        "unhandled critical extension",
        "A certificate has an extension marked critical that OpenSSL does not understand, so it must reject it.",
    ),
    v(
        35,
        "X509_V_ERR_KEYUSAGE_NO_CRL_SIGN",
        "key usage does not include CRL signing",
        "A CA is not allowed to sign revocation lists.",
    ),
    v(
        36,
        "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION",
        "unhandled critical CRL extension",
        "A revocation list has a critical extension OpenSSL does not understand.",
    ),
    v(
        37,
        "X509_V_ERR_INVALID_NON_CA",
        "invalid non-CA certificate (has CA markings)",
        "A certificate that is not a CA carries CA markings.",
    ),
    v(
        38,
        "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED",
        "proxy path length constraint exceeded",
        "A proxy certificate chain is too long (not used by mail servers).",
    ),
    v(
        39,
        "X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE",
        "key usage does not include digital signature",
        "The server's certificate is not allowed to sign, which TLS needs.",
    ),
    v(
        40,
        "X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED",
        "proxy certificates not allowed, please set the appropriate flag",
        "A proxy certificate was found (not used by mail servers).",
    ),
    v(
        41,
        "X509_V_ERR_INVALID_EXTENSION",
        "invalid or inconsistent certificate extension",
        "A certificate has a malformed or contradictory extension.",
    ),
    v(
        42,
        "X509_V_ERR_INVALID_POLICY_EXTENSION",
        "invalid or inconsistent certificate policy extension",
        "A certificate's policy extension is malformed.",
    ),
    v(
        43,
        "X509_V_ERR_NO_EXPLICIT_POLICY",
        "no explicit policy",
        "A certificate policy was required and none was found.",
    ),
    v(
        44,
        "X509_V_ERR_DIFFERENT_CRL_SCOPE",
        "different CRL scope",
        "The revocation list found does not cover this certificate.",
    ),
    v(
        45,
        "X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE",
        "unsupported extension feature",
        "A certificate uses an extension feature OpenSSL does not support.",
    ),
    v(
        46,
        "X509_V_ERR_UNNESTED_RESOURCE",
        "RFC 3779 resource not subset of parent's resources",
        "An IP-address or AS-number resource is outside what the CA may certify.",
    ),
    v(
        47,
        "X509_V_ERR_PERMITTED_VIOLATION",
        "permitted subtree violation",
        "A name in the certificate is outside the names a CA above it may certify (name constraints).",
    ),
    v(
        48,
        "X509_V_ERR_EXCLUDED_VIOLATION",
        "excluded subtree violation",
        "A name in the certificate is one a CA above it is forbidden to certify (name constraints).",
    ),
    v(
        49,
        "X509_V_ERR_SUBTREE_MINMAX",
        "name constraints minimum and maximum not supported",
        "A CA's name constraints use a feature OpenSSL does not support.",
    ),
    v(
        50,
        "X509_V_ERR_APPLICATION_VERIFICATION",
        "application verification failure",
        "The program using OpenSSL rejected the certificate for its own reasons.",
    ),
    v(
        51,
        "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE",
        "unsupported name constraint type",
        "A CA's name constraints use a name type OpenSSL does not support.",
    ),
    v(
        52,
        "X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX",
        "unsupported or invalid name constraint syntax",
        "A CA's name constraints are malformed.",
    ),
    v(
        53,
        "X509_V_ERR_UNSUPPORTED_NAME_SYNTAX",
        "unsupported or invalid name syntax",
        "A name in the certificate is malformed.",
    ),
    v(
        54,
        "X509_V_ERR_CRL_PATH_VALIDATION_ERROR",
        "CRL path validation error",
        "The revocation list's own chain could not be verified.",
    ),
    v(55, "X509_V_ERR_PATH_LOOP", "path loop", "The chain goes round in a circle."),
    v(
        56,
        "X509_V_ERR_SUITE_B_INVALID_VERSION",
        "Suite B: certificate version invalid",
        "Suite B mode: the certificate version is not allowed (not used by mail apps).",
    ),
    v(
        57,
        "X509_V_ERR_SUITE_B_INVALID_ALGORITHM",
        "Suite B: invalid public key algorithm",
        "Suite B mode: the key type is not allowed (not used by mail apps).",
    ),
    v(
        58,
        "X509_V_ERR_SUITE_B_INVALID_CURVE",
        "Suite B: invalid ECC curve",
        "Suite B mode: the curve is not allowed (not used by mail apps).",
    ),
    v(
        59,
        "X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM",
        "Suite B: invalid signature algorithm",
        "Suite B mode: the signature algorithm is not allowed (not used by mail apps).",
    ),
    v(
        60,
        "X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED",
        "Suite B: curve not allowed for this LOS",
        "Suite B mode: the curve is not allowed at this level (not used by mail apps).",
    ),
    v(
        61,
        "X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256",
        "Suite B: cannot sign P-384 with P-256",
        "Suite B mode: a P-256 key signed a P-384 certificate (not used by mail apps).",
    ),
    v(
        62,
        "X509_V_ERR_HOSTNAME_MISMATCH",
        "hostname mismatch",
        "The certificate does not cover the host name given to -verify_hostname.",
    ),
    v(
        63,
        "X509_V_ERR_EMAIL_MISMATCH",
        "email address mismatch",
        "The certificate does not cover the email address given to -verify_email.",
    ),
    v(
        64,
        "X509_V_ERR_IP_ADDRESS_MISMATCH",
        "IP address mismatch",
        "The certificate does not cover the IP address given to -verify_ip.",
    ),
    v(
        65,
        "X509_V_ERR_DANE_NO_MATCH",
        "no matching DANE TLSA records",
        "The certificate matches none of the DANE TLSA records given.",
    ),
    v(
        66,
        "X509_V_ERR_EE_KEY_TOO_SMALL",
        "EE certificate key too weak",
        "The server's key is too small for OpenSSL's security level (for RSA, under 2048 bits).",
    ),
    v(
        67,
        "X509_V_ERR_CA_KEY_TOO_SMALL",
        "CA certificate key too weak",
        "A CA's key is too small for OpenSSL's security level.",
    ),
    v(
        68,
        "X509_V_ERR_CA_MD_TOO_WEAK",
        "CA signature digest algorithm too weak",
        "A certificate is signed with a hash too weak for OpenSSL's security level (SHA-1 or MD5).",
    ),
    v(
        69,
        "X509_V_ERR_INVALID_CALL",
        "invalid certificate verification context",
        "The program called OpenSSL wrongly; nothing is known about the certificate.",
    ),
    v(
        70,
        "X509_V_ERR_STORE_LOOKUP",
        "issuer certificate lookup error",
        "Looking up an issuer in the trust store failed.",
    ),
    v(
        71,
        "X509_V_ERR_NO_VALID_SCTS",
        "Certificate Transparency required, but no valid SCTs found",
        "Certificate Transparency proofs were required and not found.",
    ),
    v(
        72,
        "X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION",
        "proxy subject name violation",
        "A proxy certificate's name is wrong (not used by mail servers).",
    ),
    v(
        73,
        "X509_V_ERR_OCSP_VERIFY_NEEDED",
        "OCSP verification needed",
        "A revocation check by OCSP was required but not done.",
    ),
    v(
        74,
        "X509_V_ERR_OCSP_VERIFY_FAILED",
        "OCSP verification failed",
        "The OCSP revocation response could not be verified.",
    ),
    v(75, "X509_V_ERR_OCSP_CERT_UNKNOWN", "OCSP unknown cert", "The OCSP responder does not know the certificate."),
    v(
        76,
        "X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM",
        "Cannot find certificate signature algorithm",
        "A certificate is signed with an algorithm OpenSSL does not know or allow.",
    ),
    v(
        77,
        "X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH",
        "subject signature algorithm and issuer public key algorithm mismatch",
        "A certificate's signature algorithm does not fit its issuer's key type.",
    ),
    v(
        78,
        "X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY",
        "cert info signature and signature algorithm mismatch",
        "The two signature-algorithm fields of a certificate differ.",
    ),
    v(
        79,
        "X509_V_ERR_INVALID_CA",
        "invalid CA certificate",
        "A certificate used as a CA is not a valid CA certificate.",
    ),
    v(
        80,
        "X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA",
        "Path length invalid for non-CA cert",
        "A non-CA certificate has a path length (strict mode).",
    ),
    v(
        81,
        "X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN",
        "Path length given without key usage keyCertSign",
        "A path length is set on a certificate that may not sign certificates (strict mode).",
    ),
    v(
        82,
        "X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA",
        "Key usage keyCertSign invalid for non-CA cert",
        "A non-CA certificate may sign certificates (strict mode).",
    ),
    v(83, "X509_V_ERR_ISSUER_NAME_EMPTY", "Issuer name empty", "A certificate's issuer name is empty (strict mode)."),
    v(
        84,
        "X509_V_ERR_SUBJECT_NAME_EMPTY",
        "Subject name empty",
        "A CA certificate's subject name is empty (strict mode).",
    ),
    v(
        85,
        "X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER",
        "Missing Authority Key Identifier",
        "A certificate lacks the authority key identifier (strict mode).",
    ),
    v(
        86,
        "X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER",
        "Missing Subject Key Identifier",
        "A CA certificate lacks the subject key identifier (strict mode).",
    ),
    v(
        87,
        "X509_V_ERR_EMPTY_SUBJECT_ALT_NAME",
        "Empty Subject Alternative Name extension",
        "The subject alternative name extension is empty (strict mode).",
    ),
    v(
        88,
        "X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL",
        "Subject empty and Subject Alt Name extension not critical",
        "With an empty subject the alternative names must be critical (strict mode).",
    ),
    v(
        89,
        "X509_V_ERR_CA_BCONS_NOT_CRITICAL",
        "Basic Constraints of CA cert not marked critical",
        "A CA certificate's basic constraints are not marked critical (strict mode).",
    ),
    v(
        90,
        "X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL",
        "Authority Key Identifier marked critical",
        "The authority key identifier is marked critical, which it must not be (strict mode).",
    ),
    v(
        91,
        "X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL",
        "Subject Key Identifier marked critical",
        "The subject key identifier is marked critical, which it must not be (strict mode).",
    ),
    v(
        92,
        "X509_V_ERR_CA_CERT_MISSING_KEY_USAGE",
        "CA cert does not include key usage extension",
        "A CA certificate has no key usage extension (strict mode).",
    ),
    v(
        93,
        "X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3",
        "Using cert extension requires at least X509v3",
        "A certificate has extensions but is not version 3.",
    ),
    v(
        94,
        "X509_V_ERR_EC_KEY_EXPLICIT_PARAMS",
        "Certificate public key has explicit ECC parameters",
        "An elliptic-curve key spells out its curve instead of naming it, which is not allowed.",
    ),
    v(
        95,
        "X509_V_ERR_RPK_UNTRUSTED",
        "Raw public key untrusted, no trusted keys configured",
        "The server sent a bare public key and none was configured as trusted (OpenSSL 3.2 and later).",
    ),
    v(96, "X509_V_ERR_OCSP_RESP_INVALID", "OCSP response(s) invalid", "The stapled OCSP response is invalid."),
    v(
        97,
        "X509_V_ERR_OCSP_SIGNATURE_FAILURE",
        "OCSP response signature verification failure",
        "The stapled OCSP response's signature does not verify.",
    ),
    v(
        98,
        "X509_V_ERR_OCSP_NOT_YET_VALID",
        "OCSP response not yet valid (contains a date in the future)",
        "The stapled OCSP response is not valid yet, or the clock is wrong.",
    ),
    v(99, "X509_V_ERR_OCSP_HAS_EXPIRED", "OCSP response has expired", "The stapled OCSP response has expired."),
    v(
        100,
        "X509_V_ERR_OCSP_NO_RESPONSE",
        "no OCSP response available for certificate",
        "No OCSP response was stapled for a certificate that needed one.",
    ),
];

/// Texts older OpenSSL releases and LibreSSL print for the same results.
const OLDER_TEXTS: &[(&str, i64)] = &[
    ("self signed certificate", 18),
    ("self signed certificate in certificate chain", 19),
    ("unsupported certificate purpose", 26),
    ("certificate is not yet valid or the system clock is incorrect", 9),
];

/// The entry for a verify result number.
pub fn verify_code(code: i64) -> Option<&'static VerifyCode> {
    OPENSSL_VERIFY_CODES.iter().find(|v| v.code == code)
}

/// The entry for a verify result text as any OpenSSL or LibreSSL printed it.
///
/// NOTE: the text wins over the number where they disagree: before OpenSSL 3.0, 24 was
/// "invalid CA certificate" (now 79).
pub fn verify_code_by_text(text: &str) -> Option<&'static VerifyCode> {
    let text = text.trim();
    OPENSSL_VERIFY_CODES
        .iter()
        .find(|v| v.text.eq_ignore_ascii_case(text))
        .or_else(|| OLDER_TEXTS.iter().find(|(t, _)| t.eq_ignore_ascii_case(text)).and_then(|(_, c)| verify_code(*c)))
}
