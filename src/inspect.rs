//! The inspection: input in, report out. Pure: no I/O, no clock, no panics.

use crate::cert::Cert;
use crate::crypto::{Ring, SigError};
use crate::findings::{Finding, FindingId as F, Severity};
use crate::input::{self, NonCertificate, ParsedInput};
use crate::limits::{MAX_CERTS, MAX_NAMES_PER_CERT, MAX_PATH_CERTS, MAX_SAME_FINDINGS_PER_CERT};
use crate::names;
use crate::path::{self, Anchor, Issuer, Pool};
use crate::policy::{self, Policy, Profile, Role};
use crate::report::*;
use crate::time::to_iso;
use std::collections::HashMap;

/// What to inspect against.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The host name the mail app connects to.
    pub host: Option<String>,
    /// The port (only informs the advice; TLS mode is not checked here).
    pub port: Option<u16>,
    /// Validation time, Unix seconds. The core has no clock: callers pass "now".
    pub at: i64,
    /// Extra trust anchors, each an input blob (PEM/DER/PKCS#7) of CA certificates.
    pub trust: Vec<Vec<u8>>,
    /// Trust only `trust`, not the built-in Mozilla roots.
    pub only_trusted_roots: bool,
    /// Which clients' rules apply.
    pub profile: Profile,
    /// Which input certificate is the leaf; by default the first one no other sent certificate names as issuer.
    pub leaf: Option<usize>,
}

/// Inspects whatever was pasted and says whether a mail client would accept it, and why not.
pub fn inspect(bytes: &[u8], opts: &Options) -> Report {
    crate::capture::inspect_captures(input::read_input(bytes), opts, inspect_parsed)
}

/// Inspects one input (or one capture of a paste that holds several).
pub(crate) fn inspect_parsed(parsed: ParsedInput, opts: &Options) -> Report {
    let mut findings = input_findings(&parsed);

    // The pool: sent certificates, then user-supplied anchors.
    let mut certs: Vec<Cert> = Vec::new();
    let mut sources: Vec<(CertSource, Option<input::Origin>)> = Vec::new();
    let mut sent: Vec<usize> = Vec::new();
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    for item in parsed.certs.iter().take(MAX_CERTS) {
        let idx = certs.len();
        let cert = Cert::from_der(item.der.clone());
        if let Some(&first) = seen.get(&cert.sha256) {
            findings.push(Finding::new(F::DuplicateCert, Severity::Warning).cert(idx).fact("same_as", first));
        } else {
            seen.insert(cert.sha256.clone(), idx);
            sent.push(idx);
        }
        // Parse leniently, judge strictly: a certificate that is not DER is still read and
        // shown, and rejected here.
        let reason = cert.parsed.as_ref().map_or_else(|e| Some(e.clone()), |p| p.not_der.clone());
        if let Some(reason) = reason {
            findings.push(Finding::new(F::MalformedCertificate, Severity::Error).cert(idx).fact("reason", reason));
        }
        certs.push(cert);
        sources.push((CertSource::Sent, Some(item.origin)));
    }
    if parsed.certs.len() > MAX_CERTS {
        findings.push(Finding::limit("MAX_CERTS", MAX_CERTS, MAX_CERTS));
    }
    suspicious_findings(&certs, &sent, &mut findings);
    for (idx, p) in certs.iter().enumerate().filter_map(|(i, c)| c.fields().map(|p| (i, p))) {
        let cut = [
            (p.ext.san.as_ref().is_some_and(|(s, _)| s.truncated), "extensions.subject_alt_name"),
            (p.subject.truncated, "subject"),
            (p.issuer.truncated, "issuer"),
        ];
        for (_, field) in cut.into_iter().filter(|(was_cut, _)| *was_cut) {
            findings.push(Finding::limit("MAX_NAMES_PER_CERT", MAX_NAMES_PER_CERT, certs.len()).cert(idx).field(field));
        }
    }
    let mut user_anchors = Vec::new();
    for blob in &opts.trust {
        for item in input::read_input(blob).certs {
            if certs.len() >= 2 * MAX_CERTS {
                findings.push(Finding::limit("MAX_CERTS", MAX_CERTS, user_anchors.len()));
                break;
            }
            let cert = Cert::from_der(item.der);
            if cert.parsed.is_err() {
                continue;
            }
            user_anchors.push(certs.len());
            certs.push(cert);
            sources.push((CertSource::UserTrust, Some(item.origin)));
        }
    }

    // Without a host, use the one the capture connected to (-servername, else -connect).
    let capture_host = parsed.captures.first().and_then(|c| c.servername.clone().or_else(|| c.connect_host.clone()));
    let given_host = opts.host.as_deref().map(str::trim).filter(|h| !h.is_empty());
    let host_from_capture = given_host.is_none() && capture_host.is_some();
    let host_text = given_host.map(str::to_string).or(capture_host);
    let host = match host_text.as_deref() {
        Some(h) => match names::parse_host(h) {
            Ok(hn) => Some(hn),
            Err(e) => {
                findings.push(Finding::new(F::HostInvalid, Severity::Error).fact("host", h.to_string()).fact("reason", e.to_string()));
                None
            }
        },
        None => None,
    };
    let policy = Policy { profile: opts.profile, at: opts.at, host: host.clone() };
    let mut context = Context {
        host: host_text.clone(),
        host_from_capture,
        host_normalized: host.as_ref().map(policy::host_display),
        port: opts.port,
        at: to_iso(opts.at),
        profile: opts.profile,
        mozilla_roots: !opts.only_trusted_roots,
        user_anchors: user_anchors.len(),
        version: env!("CARGO_PKG_VERSION"),
    };
    let input_report = InputReport {
        formats: parsed.formats.clone(),
        certificates: parsed.certs.len(),
        others: parsed.others.clone(),
        captures: parsed.captures.clone(),
    };

    let leaf = opts.leaf.filter(|&l| sent.contains(&l)).or_else(|| choose_leaf(&certs, &sent));
    let Some(leaf) = leaf else {
        if sent.is_empty() {
            // no_certificate says what was found instead; the per-item notes would repeat it.
            findings.retain(|f| f.id != F::UnreadableInput);
            findings.push(Finding::new(F::NoCertificate, Severity::Error).fact("found", describe_others(&parsed.others)));
        }
        let certificates = certs.iter().enumerate().map(|(i, c)| cert_report(i, c, sources_of(&sources, i).0, sources_of(&sources, i).1, opts.at)).collect();
        return finish(Verdict::InvalidInput, findings, certificates, ChainReport { status: ChainStatus::None, path: vec![], leaf: None, missing_issuer: None, signature_checks: 0 }, input_report, context);
    };

    // Search.
    let pool = Pool { certs: &certs, sent: &sent, user_anchors: &user_anchors, mozilla: !opts.only_trusted_roots };
    let mut role_cache: HashMap<(usize, Role), Vec<Finding>> = HashMap::new();
    let mut judge = |path: &[usize], anchor: Anchor| -> Vec<Finding> {
        let mut out = Vec::new();
        let pinned = matches!(anchor, Anchor::User(a) if path.len() == 1 && certs.get(a).map(|c| &c.der) == path.first().and_then(|&l| certs.get(l)).map(|c| &c.der));
        for (pos, &i) in path.iter().enumerate() {
            let role = if pos == 0 { Role::Leaf } else { Role::Intermediate };
            out.extend(role_findings(&policy, &certs, &mut role_cache, i, role));
        }
        let mut chain: Vec<(usize, &Cert)> = path.iter().filter_map(|&i| certs.get(i).map(|c| (i, c))).collect();
        if let Anchor::User(a) = anchor {
            // The user's own root is judged as a root (x509-limbo: expired or malformed roots fail);
            // a certificate trusted directly (a pinned self-signed server certificate) is not.
            if !pinned {
                out.extend(role_findings(&policy, &certs, &mut role_cache, a, Role::Root));
                if let Some(c) = certs.get(a) {
                    chain.push((a, c));
                }
            }
        }
        if let (Anchor::Mozilla(_), Some(c)) = (anchor, certs.get(leaf)) {
            policy::check_public_validity(&policy, c, leaf, &mut out);
        }
        let top_nc = pool.anchor_constraints(anchor);
        policy.check_path(&chain, top_nc.as_ref(), &mut out);
        if let Some(c) = certs.get(leaf) {
            policy.check_host(c, leaf, &mut out);
        }
        out
    };
    let search = path::search(&pool, leaf, &Ring, &mut judge);

    let mut certificates: Vec<CertReport> =
        certs.iter().enumerate().map(|(i, c)| cert_report(i, c, sources_of(&sources, i).0, sources_of(&sources, i).1, opts.at)).collect();
    let mut chain = ChainReport { status: ChainStatus::Incomplete, path: vec![], leaf: Some(leaf), missing_issuer: None, signature_checks: search.signature_checks };
    if let Some(limit) = search.limit {
        let value = match limit {
            "MAX_SIGNATURE_CHECKS" => crate::limits::MAX_SIGNATURE_CHECKS,
            "MAX_BUILD_CALLS" => crate::limits::MAX_BUILD_CALLS,
            _ => crate::limits::MAX_PATHS_JUDGED,
        };
        findings.push(Finding::limit(limit, value, sent.len()).fact("signature_checks", search.signature_checks));
    }
    let trusted = match &search.best {
        Some(best) => {
            findings.extend(best.findings.iter().cloned());
            chain.path = best.path.clone();
            match best.anchor {
                Anchor::User(a) => {
                    if !chain.path.contains(&a) {
                        chain.path.push(a);
                    }
                }
                Anchor::Mozilla(m) => {
                    let idx = certificates.len();
                    let subject = pool.anchor_subject(best.anchor).map(|n| n.text).unwrap_or_default();
                    let key = pool.anchor_key(best.anchor).map(|k| k.kind.display()).unwrap_or_default();
                    let mut r = anchor_report(idx, subject, key);
                    r.origin = None;
                    r.serial = None;
                    certificates.push(r);
                    chain.path.push(idx);
                    // A sent copy of the same root: the path could have ended at it.
                    let _ = m;
                }
            }
            chain.status = if best.errors == 0 { ChainStatus::Trusted } else { ChainStatus::TrustedRootWithErrors };
            root_included(&certs, &sent, &best.path, best.anchor, &pool, &mut findings);
            best.errors == 0
        }
        None => {
            incomplete_findings(&policy, &certs, &search, &pool, &mut role_cache, &mut chain, &mut findings, parsed.captures.first());
            false
        }
    };
    let mut related = chain.path.clone();
    if search.too_long && search.best.is_none() {
        let mut f = Finding::new(F::ChainTooLong, Severity::Error).fact("max", MAX_PATH_CERTS);
        if let Some(&top) = search.deepest.last() {
            f = f.cert(top).field("issuer");
        }
        findings.push(f);
        related.extend(above_cut(&certs, &sent, &search.deepest));
    }
    order_findings(&certs, &sent, &related, &mut findings);
    for (pos, &i) in chain.path.iter().enumerate() {
        if let Some(r) = certificates.get_mut(i) {
            r.role = Some(if pos == 0 {
                Role::Leaf
            } else if pos + 1 == chain.path.len() && chain.status != ChainStatus::Incomplete {
                Role::Root
            } else {
                Role::Intermediate
            });
        }
    }
    if host.is_none() && host_text.is_none()
        && let Some(p) = certs.get(leaf).and_then(|c| c.fields()) {
            findings.push(Finding::new(F::NoHostGiven, Severity::Info).cert(leaf).fact("names", policy::covered_names(p)));
        }
    let host_ok = host_text.is_none() || host.is_some();
    let blocking = findings.iter().any(|f| f.severity == Severity::Error && f.cert.is_some_and(|c| chain.path.contains(&c)));
    let verdict = if trusted && host_ok && !blocking { Verdict::Trusted } else { Verdict::Untrusted };
    context.user_anchors = user_anchors.len();
    finish(verdict, findings, certificates, chain, input_report, context)
}

fn sources_of(sources: &[(CertSource, Option<input::Origin>)], i: usize) -> (CertSource, Option<input::Origin>) {
    sources.get(i).cloned().unwrap_or((CertSource::Sent, None))
}

fn role_findings(policy: &Policy, certs: &[Cert], cache: &mut HashMap<(usize, Role), Vec<Finding>>, i: usize, role: Role) -> Vec<Finding> {
    if let Some(f) = cache.get(&(i, role)) {
        return f.clone();
    }
    let f = certs.get(i).map(|c| policy.check_cert(c, i, role)).unwrap_or_default();
    cache.insert((i, role), f.clone());
    f
}

/// The leaf is the first sent certificate that did not issue another sent certificate
/// (people paste the chain in any order; servers send the leaf first).
fn choose_leaf(certs: &[Cert], sent: &[usize]) -> Option<usize> {
    let parsed: Vec<usize> = sent.iter().copied().filter(|&i| certs.get(i).is_some_and(|c| c.fields().is_some())).collect();
    let issued_another = |i: usize| {
        let Some(p) = certs.get(i).and_then(|c| c.fields()) else { return false };
        parsed.iter().any(|&j| {
            j != i && certs.get(j).and_then(|c| c.fields()).is_some_and(|q| q.issuer.der == p.subject.der && !q.is_self_issued())
        })
    };
    parsed.iter().copied().find(|&i| !issued_another(i)).or_else(|| parsed.first().copied()).or_else(|| sent.first().copied())
}

fn describe_others(others: &[NonCertificate]) -> Vec<String> {
    others
        .iter()
        .map(|o| match o {
            NonCertificate::PrivateKey { .. } => "a private key".to_string(),
            NonCertificate::CertificateRequest { .. } => "a certificate signing request".to_string(),
            NonCertificate::Crl { .. } => "a certificate revocation list".to_string(),
            NonCertificate::PublicKey { .. } => "a public key".to_string(),
            NonCertificate::SshKey { .. } => "an SSH key".to_string(),
            NonCertificate::Pkcs12 => "a PKCS#12 bundle".to_string(),
            NonCertificate::UnknownPem { label, .. } => format!("a PEM block labelled {label:?}"),
            NonCertificate::BadPem { label, reason, .. } => format!("a broken PEM block {label:?} ({reason})"),
            NonCertificate::Unrecognised { what } => what.clone(),
        })
        .collect()
}

/// Findings about what was pasted that is not a certificate.
fn input_findings(parsed: &ParsedInput) -> Vec<Finding> {
    let mut out = Vec::new();
    for other in &parsed.others {
        let f = match other {
            NonCertificate::PrivateKey { label, encrypted, line } => Finding::new(F::PrivateKeyPresent, Severity::Warning)
                .fact("label", label.clone())
                .fact("encrypted", *encrypted)
                .fact("line", *line),
            NonCertificate::CertificateRequest { line } => Finding::new(F::CsrNotCertificate, Severity::Info).fact("line", *line),
            NonCertificate::Crl { line } => Finding::new(F::CrlNotCertificate, Severity::Info).fact("line", *line),
            NonCertificate::Pkcs12 => Finding::new(F::Pkcs12NotSupported, Severity::Info),
            NonCertificate::PublicKey { line } | NonCertificate::SshKey { line } => {
                Finding::new(F::PublicKeyNotCertificate, Severity::Info).fact("line", *line)
            }
            NonCertificate::UnknownPem { .. } | NonCertificate::BadPem { .. } | NonCertificate::Unrecognised { .. } => {
                Finding::new(F::UnreadableInput, Severity::Info).fact("found", describe_others(std::slice::from_ref(other)))
            }
        };
        out.push(f);
    }
    if parsed.capture_entries_cut {
        out.push(Finding::limit("MAX_CAPTURE_ENTRIES", input::MAX_CAPTURE_ENTRIES, parsed.certs.len()));
    }
    if let Some(l) = &parsed.limit_hit {
        out.push(Finding::limit(l.limit, l.value, parsed.certs.len()).fact("bytes_read", l.read));
    }
    out
}

/// Findings when no path reached a trust anchor: self-signed, untrusted root, missing
/// intermediate, or a bad signature.
#[allow(clippy::too_many_arguments)] // each argument is a distinct piece of the inspection's state
fn incomplete_findings(
    policy: &Policy,
    certs: &[Cert],
    search: &path::Search,
    pool: &Pool<'_>,
    cache: &mut HashMap<(usize, Role), Vec<Finding>>,
    chain: &mut ChainReport,
    findings: &mut Vec<Finding>,
    capture: Option<&input::Capture>,
) {
    let deepest = &search.deepest;
    chain.path = deepest.clone();
    for (pos, &i) in deepest.iter().enumerate() {
        let role = if pos == 0 { Role::Leaf } else { Role::Intermediate };
        findings.extend(role_findings(policy, certs, cache, i, role));
    }
    if let Some(&leaf) = deepest.first()
        && let Some(c) = certs.get(leaf) {
            policy.check_host(c, leaf, findings);
        }
    if search.too_long && deepest.len() >= MAX_PATH_CERTS {
        // Cut by the length limit with a verified next issuer at hand: neither missing nor an
        // untrusted root. chain_too_long (below) says so; the rest of the chain is above the cut.
        return;
    }
    let Some(&top) = deepest.last() else { return };
    let Some(p) = certs.get(top).and_then(|c| c.fields()) else { return };
    // A broken signature explains more than a missing issuer.
    let bad: Vec<&(usize, Issuer, SigError)> = search.bad_links.iter().filter(|(child, _, _)| deepest.contains(child)).collect();
    let self_signed = p.is_self_issued() && search.bad_links.iter().all(|(c, i, _)| !(*c == top && *i == Issuer::Cert(top)));
    if p.is_self_issued() && self_signed_verifies(certs, top) {
        chain.status = ChainStatus::UntrustedRoot;
        let id = if deepest.len() == 1 { F::SelfSigned } else { F::UntrustedRoot };
        findings.push(Finding::new(id, Severity::Error).cert(top).field("issuer").fact("subject", p.subject.text.clone()).fact("root_sent", true));
        if deepest.len() > 1 {
            findings.extend(role_findings(policy, certs, cache, top, Role::Root).into_iter().filter(|f| f.severity != Severity::Error || f.id == F::ExpiredRoot));
        }
        return;
    }
    if let Some((child, issuer, why)) = bad.first() {
        let issuer_idx = match issuer {
            Issuer::Cert(i) => Some(*i),
            Issuer::Anchor(Anchor::User(i)) => Some(*i),
            Issuer::Anchor(Anchor::Mozilla(_)) => None,
        };
        let (id, reason) = match why {
            SigError::Invalid => (F::BadSignature, "the signature does not verify".to_string()),
            SigError::KeyMismatch => (F::BadSignature, "the signature algorithm does not fit the issuer's key".to_string()),
            SigError::Unsupported(what) => (F::UnsupportedSignatureAlgorithm, format!("cannot verify {what}")),
        };
        let algorithm = certs.get(*child).and_then(|c| c.fields()).map(|c| c.sig_alg.display()).unwrap_or_default();
        let mut f = Finding::new(id, Severity::Error).cert(*child).field("signature").fact("reason", reason).fact("algorithm", algorithm);
        match issuer_idx {
            // The issuer was there; its signature is the problem, not its absence.
            Some(i) => f = f.fact("issuer_cert", i),
            None => chain.missing_issuer = Some(p.issuer.text.clone()),
        }
        findings.push(f);
        return;
    }
    let _ = self_signed;
    chain.missing_issuer = Some(p.issuer.text.clone());
    // The sent chain reaches an intermediate CA whose issuer is neither sent nor trusted: that
    // issuer is most likely a root the client does not trust (a private CA, or a public root
    // removed from the stores), not a missing intermediate.
    if deepest.len() > 1 && p.is_ca() {
        chain.status = ChainStatus::UntrustedRoot;
        findings.push(
            Finding::new(F::UntrustedRoot, Severity::Error)
                .cert(top)
                .field("issuer")
                .fact("subject", p.issuer.text.clone())
                .fact("root_sent", false),
        );
        return;
    }
    let trusted_store = pool.mozilla || !pool.user_anchors.is_empty();
    // A capture without -showcerts lists the issuer without its body: say so.
    let listed = capture.is_some_and(|c| !c.showcerts && c.chain.len() > c.bodies);
    findings.push(
        Finding::new(F::MissingIntermediate, Severity::Error)
            .cert(top)
            .field("issuer")
            .fact("issuer", p.issuer.text.clone())
            .fact("trust_store_searched", trusted_store)
            .fact("hidden_by_capture", listed),
    );
}

/// The sent certificates that continue a path cut at MAX_PATH_CERTS, by issuer name: they
/// belong to the chain, they are not unrelated.
fn above_cut(certs: &[Cert], sent: &[usize], path: &[usize]) -> Vec<usize> {
    let mut above: Vec<usize> = Vec::new();
    let mut next = path.last().copied();
    // Each round adds one certificate not yet seen, so this ends after `sent.len()` rounds.
    while let Some(top) = next.take() {
        let Some(issuer) = certs.get(top).and_then(|c| c.fields()).map(|p| &p.issuer.der) else { break };
        next = sent.iter().copied().find(|i| {
            !path.contains(i) && !above.contains(i) && certs.get(*i).and_then(|c| c.fields()).is_some_and(|p| &p.subject.der == issuer)
        });
        above.extend(next);
    }
    above
}

fn self_signed_verifies(certs: &[Cert], i: usize) -> bool {
    use crate::crypto::Verifier;
    certs.get(i).and_then(|c| c.fields()).is_some_and(|p| Ring.verify(&p.sig_alg, &p.key, &p.tbs, &p.signature).is_ok())
}

/// The server sent the root itself (harmless but useless: clients use their own copy).
fn root_included(certs: &[Cert], sent: &[usize], path: &[usize], anchor: Anchor, pool: &Pool<'_>, findings: &mut Vec<Finding>) {
    let Some(top) = path.last().and_then(|&t| certs.get(t)).and_then(|c| c.fields()) else { return };
    let Some(anchor_key) = pool.anchor_key(anchor) else { return };
    for &i in sent {
        if path.contains(&i) {
            continue;
        }
        let Some(p) = certs.get(i).and_then(|c| c.fields()) else { continue };
        if p.subject.der == top.issuer.der && p.key.spki == anchor_key.spki && p.is_self_issued() {
            findings.push(Finding::new(F::RootIncluded, Severity::Info).cert(i));
        }
    }
}

/// Order, extra and duplicate certificates among those sent (RFC 8446 4.4.2, RFC 5246 7.4.2:
/// the sender's certificate comes first, each following one certifies the one before).
fn order_findings(certs: &[Cert], sent: &[usize], path: &[usize], findings: &mut Vec<Finding>) {
    let subject = |i: usize| certs.get(i).and_then(|c| c.fields()).map(|p| p.subject.text.clone()).unwrap_or_default();
    // The path's sent certificates, then a sent copy of the root (which belongs last).
    let mut expected: Vec<usize> = path.iter().copied().filter(|i| sent.contains(i)).collect();
    expected.extend(findings.iter().filter(|f| f.id == F::RootIncluded).filter_map(|f| f.cert));
    let mut as_sent = expected.clone();
    as_sent.sort_unstable();
    if expected != as_sent {
        findings.push(
            Finding::new(F::WrongOrder, Severity::Warning)
                .fact("sent_order", as_sent.iter().map(|&i| subject(i)).collect::<Vec<_>>())
                .fact("expected_order", expected.iter().map(|&i| subject(i)).collect::<Vec<_>>()),
        );
    }
    // Certificates another finding already explains are not "unrelated".
    let mentioned: Vec<usize> = findings
        .iter()
        .filter(|f| matches!(f.id, F::RootIncluded | F::DuplicateCert | F::MalformedCertificate))
        .filter_map(|f| f.cert)
        .chain(findings.iter().filter_map(|f| f.facts.get("issuer_cert").and_then(|v| v.as_u64()).map(|v| v as usize)))
        .collect();
    for &i in sent {
        if !path.contains(&i) && !mentioned.contains(&i) {
            findings.push(Finding::new(F::UnrelatedCert, Severity::Warning).cert(i).fact("subject", subject(i)));
        }
    }
}

/// Escapes the hidden characters of every string in a fact (names come from certificates).
fn escape_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(e) = crate::text::escape(s) {
                *s = e;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(escape_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(escape_value),
        _ => {}
    }
}

/// `suspicious_characters`: names of the sent certificates that hide or fake what they say.
fn suspicious_findings(certs: &[Cert], sent: &[usize], findings: &mut Vec<Finding>) {
    for &idx in sent {
        let Some(p) = certs.get(idx).and_then(|c| c.fields()) else { continue };
        let san = p.ext.san.as_ref().map(|(s, _)| s);
        // The subject's text holds its CNs: their hidden characters are found there, and only
        // their letters are checked on their own.
        // A CN with spaces ("Ελληνικό Root CA") is a title, not a host name: its scripts may mix.
        let cns = p.subject.common_names.iter().map(|n| ("subject.common_name", n, !n.contains(char::is_whitespace)));
        let sans = san.into_iter().flat_map(|s| s.dns.iter().chain(&s.emails)).map(|n| ("extensions.subject_alt_name", n, true));
        let uris = san.into_iter().flat_map(|s| s.uris.iter()).map(|n| ("extensions.subject_alt_name", n, false));
        let names = [("subject", &p.subject.text, false), ("issuer", &p.issuer.text, false)].into_iter().chain(cns).chain(sans).chain(uris);
        for (field, name, host) in names {
            let mut kinds = crate::text::suspicious(name, host);
            if field == "subject.common_name" {
                kinds.retain(|k| *k == crate::text::Kind::Lookalike);
            }
            if kinds.is_empty() {
                continue;
            }
            findings.push(
                Finding::new(F::SuspiciousCharacters, Severity::Warning)
                    .cert(idx)
                    .field(field)
                    .fact("part", part_name(field))
                    .fact("value", name.clone())
                    .fact("kinds", kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()),
            );
        }
    }
}

/// The words for a field in `suspicious_characters` messages.
fn part_name(field: &str) -> &'static str {
    match field {
        "subject" => "subject",
        "issuer" => "issuer name",
        "subject.common_name" => "Common Name",
        _ => "subjectAltName",
    }
}

/// Keeps at most MAX_SAME_FINDINGS_PER_CERT findings of one id about one certificate (the
/// first ones, in the order they were found) and says how many more there were.
fn cap_repeats(findings: &mut Vec<Finding>, analysed: usize) {
    let mut counts: HashMap<(F, usize), usize> = HashMap::new();
    findings.retain(|f| {
        let Some(cert) = f.cert else { return true };
        if f.id == F::LimitReached {
            return true;
        }
        let n = counts.entry((f.id, cert)).or_insert(0);
        *n = n.saturating_add(1);
        *n <= MAX_SAME_FINDINGS_PER_CERT
    });
    let mut over: Vec<((F, usize), usize)> = counts.into_iter().filter(|&(_, n)| n > MAX_SAME_FINDINGS_PER_CERT).collect();
    over.sort_unstable_by_key(|&((id, cert), _)| (cert, id.as_str()));
    for ((id, cert), n) in over {
        findings.push(
            Finding::limit("MAX_SAME_FINDINGS_PER_CERT", MAX_SAME_FINDINGS_PER_CERT, analysed)
                .cert(cert)
                .fact("finding", id.as_str())
                .fact("omitted", n.saturating_sub(MAX_SAME_FINDINGS_PER_CERT)),
        );
    }
}

fn finish(verdict: Verdict, mut findings: Vec<Finding>, certificates: Vec<CertReport>, chain: ChainReport, input: InputReport, context: Context) -> Report {
    // Dedupe (a certificate judged in two roles may repeat a finding), then sort: errors
    // first; within a severity, the order users need to act on.
    for f in &mut findings {
        for v in f.facts.values_mut() {
            escape_value(v);
        }
    }
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| seen.insert((f.id, f.cert, f.field, serde_json::to_string(&f.facts).unwrap_or_default())));
    cap_repeats(&mut findings, certificates.len());
    findings.sort_by_key(|f| (f.severity, crate::catalog::rank(f.id), f.cert));
    for f in &mut findings {
        f.message = crate::catalog::message(f);
    }
    Report { verdict, findings, certificates, chain, input, context, captures: Vec::new() }
}
