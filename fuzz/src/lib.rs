//! The bodies of certscope's fuzz targets, one public function per target.
//!
//! Each function drives one public entry point of certscope with arbitrary bytes and checks
//! what must hold for every input (no panic, indices in range, limits respected, the report
//! serialises). The cargo-fuzz binaries in `fuzz_targets/` only call these, and
//! `tests/fuzz_replay.rs` includes this file by `#[path]` and replays every file of
//! `fuzz/corpus/*` and `fuzz/artifacts/*` through the same functions in a debug build, so a
//! crash found by the fuzzer is an ordinary failing test until it is fixed.
//!
//! Nothing here may depend on libfuzzer: the replay test compiles it with certscope's
//! dev-dependencies only (certscope and serde_json).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a fuzz harness reports a broken invariant by panicking"
)]

use certscope::cert::Cert;
use certscope::input::{self, ParsedInput};
use certscope::name_constraints::{self, GeneralName, NameConstraints, Subject, Violation};
use certscope::names::{self, HostName};
use certscope::policy::{Policy, Role};
use certscope::report::{cert_report, CertSource, ChainStatus};
use certscope::{FindingId, Options, Profile, Report, Severity, Verdict};

/// The validation time of every inspection: 2026-06-01T00:00:00Z (as tests/pki).
pub const AT: i64 = 1_780_272_000;

/// The host every inspection is asked about (the host of the test PKI's leaf).
pub const HOST: &str = "mail.example.test";

/// A target's body: takes the fuzzer's bytes, panics when an invariant breaks.
pub type Target = fn(&[u8]);

/// The targets by name, for the replay test: `fuzz/corpus/NAME` and `fuzz/artifacts/NAME`.
pub const TARGETS: &[(&str, Target)] = &[
    ("input", input),
    ("cert", cert),
    ("inspect", inspect),
    ("inspect_trust", inspect_trust),
    ("host", host),
    ("name_constraints", name_constraints),
];

// ---------------------------------------------------------------------------------------------
// input: certscope::input::read_input

/// `read_input` on the bytes as given (PEM, DER, base64, PKCS#7, s_client text, anything).
pub fn input(data: &[u8]) {
    let parsed = input::read_input(data);
    check_parsed(data, &parsed);
}

fn check_parsed(data: &[u8], parsed: &ParsedInput) {
    assert!(parsed.certs.len() <= input::MAX_CERTS, "{} certificates kept, MAX_CERTS is {}", parsed.certs.len(), input::MAX_CERTS);
    assert!(parsed.others.len() <= input::MAX_OTHERS, "{} other items kept, MAX_OTHERS is {}", parsed.others.len(), input::MAX_OTHERS);
    for c in &parsed.certs {
        assert!(!c.der.is_empty(), "an empty certificate was returned");
        // A certificate is decoded from the input: it cannot be larger than the input.
        assert!(c.der.len() <= data.len(), "a {}-byte certificate out of {} bytes of input", c.der.len(), data.len());
    }
    assert!(parsed.captures.len() <= input::MAX_CAPTURES, "{} captures kept", parsed.captures.len());
    for cap in &parsed.captures {
        assert!(cap.certs.iter().all(|&c| c < parsed.certs.len()), "a capture names a certificate that is not there");
        assert!(cap.chain.len() <= input::MAX_CAPTURE_ENTRIES);
        assert!(cap.verify_errors.len() <= input::MAX_CAPTURE_ENTRIES);
        assert!(cap.errors.len() <= input::MAX_CAPTURE_ENTRIES);
    }
    if let Some(hit) = &parsed.limit_hit {
        assert!(hit.read <= data.len().min(input::MAX_INPUT_BYTES), "limit_hit.read {} past the input", hit.read);
    }
    // The parsed input is part of the report: it must serialise.
    serde_json::to_string(parsed).expect("ParsedInput serialises");
}

// ---------------------------------------------------------------------------------------------
// cert: certscope::cert::Cert::from_der, then everything that reads one certificate

/// `Cert::from_der` on the bytes, then the per-certificate policy in every role, the host
/// check and the certificate's report (what the page shows for a certificate).
pub fn cert(data: &[u8]) {
    let c = Cert::from_der(data.to_vec());
    assert_eq!(c.sha256.len(), 32);
    assert_eq!(c.sha1.len(), 20);
    let host = names::parse_host(HOST).ok();
    for profile in [Profile::MailStrict, Profile::WebPki] {
        let policy = Policy { profile, at: AT, host: host.clone() };
        for role in [Role::Leaf, Role::Intermediate, Role::Root] {
            for f in policy.check_cert(&c, 0, role) {
                assert_eq!(f.cert, Some(0), "{:?} not about the certificate checked", f.id);
            }
        }
        let mut out = Vec::new();
        policy.check_host(&c, 0, &mut out);
        policy.check_path(&[(0, &c), (1, &c)], None, &mut out);
    }
    let r = cert_report(0, &c, CertSource::Sent, None, AT);
    serde_json::to_string(&r).expect("CertReport serialises");
    if let Some(p) = c.fields()
        && let Some((san, _)) = &p.ext.san
    {
        let read = san.dns.len() + san.ips.len() + san.emails.len() + san.uris.len() + san.others.len();
        assert!(read <= certscope::limits::MAX_NAMES_PER_CERT, "{read} SAN entries kept");
    }
}

// ---------------------------------------------------------------------------------------------
// inspect: certscope::inspect, the whole analysis

/// The options every fuzzed inspection uses: host, fixed time, Mozilla roots on.
pub fn options() -> Options {
    Options { host: Some(HOST.into()), at: AT, ..Options::default() }
}

/// `inspect` on the bytes as the pasted chain, with a host, a fixed time and Mozilla's roots.
pub fn inspect(data: &[u8]) {
    let report = certscope::inspect(data, &options());
    check_report(&report);
}

/// `inspect` with the first half of the bytes as the user's trusted CAs (`--trust`) and the
/// second half as the chain, Mozilla's roots on; then once more trusting only the user's CAs.
pub fn inspect_trust(data: &[u8]) {
    let (trust, chain) = data.split_at(data.len() / 2);
    let mut opts = Options { trust: vec![trust.to_vec()], ..options() };
    check_report(&certscope::inspect(chain, &opts));
    opts.only_trusted_roots = true;
    opts.profile = Profile::WebPki;
    check_report(&certscope::inspect(chain, &opts));
}

/// What holds for every report, whatever the input.
pub fn check_report(r: &Report) {
    let n = r.certificates.len();
    for f in &r.findings {
        if let Some(c) = f.cert {
            assert!(c < n, "finding {:?} names certificate {c} of {n}", f.id);
        }
        assert!(!f.message.is_empty(), "finding {:?} has no message", f.id);
        if f.id == FindingId::LimitReached {
            assert!(f.facts.get("limit").and_then(|v| v.as_str()).is_some_and(|l| l.starts_with("MAX_")), "limit_reached without the limit's name: {f:?}");
        }
    }
    for &i in &r.chain.path {
        assert!(i < n, "path names certificate {i} of {n}");
    }
    if let Some(leaf) = r.chain.leaf {
        assert!(leaf < n, "leaf {leaf} of {n}");
    }
    assert!(
        r.chain.signature_checks <= certscope::limits::MAX_SIGNATURE_CHECKS,
        "{} signature checks, MAX_SIGNATURE_CHECKS is {}",
        r.chain.signature_checks,
        certscope::limits::MAX_SIGNATURE_CHECKS
    );
    match r.verdict {
        Verdict::Trusted => {
            assert_eq!(r.chain.status, ChainStatus::Trusted, "trusted verdict without a trusted chain");
            let on_path = |f: &&certscope::Finding| f.cert.is_some_and(|c| r.chain.path.contains(&c));
            assert!(
                !r.findings.iter().filter(on_path).any(|f| f.severity == Severity::Error),
                "trusted verdict with an error on the path"
            );
        }
        Verdict::InvalidInput => assert!(r.chain.path.is_empty(), "invalid input with a path"),
        Verdict::Untrusted => {}
    }
    serde_json::to_string(r).expect("Report serialises");
}

// ---------------------------------------------------------------------------------------------
// host: certscope::names::parse_host and the matching functions

/// The bytes up to the first NUL are what the user typed as host; the rest is a presented
/// SAN dNSName. Both are taken as UTF-8, with invalid sequences replaced (they arrive as
/// Rust strings in the library).
pub fn host(data: &[u8]) {
    let (typed, presented) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let typed = String::from_utf8_lossy(typed);
    let presented = String::from_utf8_lossy(presented);
    let _ = names::check_dns_san_syntax(&presented);
    let _ = names::cn_is_copy_of_san(&presented, &[typed.to_string()], &[presented.as_bytes().to_vec()]);
    let _ = names::ip_to_string(presented.as_bytes());
    match names::parse_host(&typed) {
        Ok(HostName::Dns(h)) => {
            assert!(!h.is_empty() && h.len() <= names::MAX_DNS_NAME_LEN, "normalised host {h:?} has an impossible length");
            assert!(h.is_ascii() && h == h.to_ascii_lowercase(), "normalised host {h:?} is not lowercase ASCII");
            assert!(!h.ends_with('.'), "normalised host {h:?} keeps its trailing dot");
            // Normalising is idempotent: what parse_host returns parses to itself.
            assert_eq!(names::parse_host(&h), Ok(HostName::Dns(h.clone())), "parse_host is not idempotent on {h:?}");
            let m = names::match_dns(&presented, &h);
            let _ = m.is_match();
            let _ = names::match_dns(&h, &h);
        }
        Ok(HostName::Ip(ip)) => {
            assert_eq!(names::parse_host(&ip.to_string()), Ok(HostName::Ip(ip)), "parse_host is not idempotent on {ip}");
            let _ = names::match_ip(presented.as_bytes(), &ip);
            let _ = names::match_dns(&presented, &ip.to_string());
        }
        Err(e) => {
            let _ = e.to_string();
            // Matching takes any reference text without panicking.
            let _ = names::match_dns(&presented, &typed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// name_constraints: certscope::name_constraints::{validate_constraints, check}

/// Reads the fuzz input as a small program: a NameConstraints and a subject's names, built
/// from the bytes (`Bytes`), checked with a budget also taken from the bytes. The same bytes
/// are also tried as a DER NameConstraints extension, as a trust-store anchor carries it.
pub fn name_constraints(data: &[u8]) {
    // The DER route (x509-parser, then conversion), against a fixed set of names.
    if let Some(nc) = certscope::cert::name_constraints_from_der(data) {
        let dns = vec!["mail.example.test".to_string(), "*.example.test".to_string()];
        let ips = vec![vec![192, 0, 2, 1], vec![0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]];
        let emails = vec!["postmaster@example.test".to_string()];
        let uris = vec!["https://mail.example.test/".to_string()];
        let dir = [0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, b'm', b'a', b'i', b'l'];
        let subject = Subject {
            dns: &dns,
            ips: &ips,
            emails: &emails,
            uris: &uris,
            dir_name: Some(&dir),
            others: &[],
            subject_cn: &[],
            subject_emails: &emails,
        };
        check_nc(&nc, &subject, name_constraints::MAX_NAME_CONSTRAINT_COMPARISONS);
    }

    // The structured route.
    let mut b = Bytes(data);
    let budget = usize::from(b.byte()) * 64 + usize::from(b.byte());
    let nc = NameConstraints { permitted: b.subtrees(), excluded: b.subtrees() };
    let dns = b.strings();
    let ips = b.list(|b| b.bytes());
    let emails = b.strings();
    let uris = b.strings();
    let others = b.list(|b| b.general_name());
    let dir = b.bytes();
    let subject_cn = b.strings();
    let subject_emails = b.strings();
    let subject = Subject {
        dns: &dns,
        ips: &ips,
        emails: &emails,
        uris: &uris,
        dir_name: Some(dir.as_slice()).filter(|d| !d.is_empty()),
        others: &others,
        subject_cn: &subject_cn,
        subject_emails: &subject_emails,
    };
    check_nc(&nc, &subject, budget);
}

fn check_nc(nc: &NameConstraints, subject: &Subject<'_>, start: usize) {
    let valid = name_constraints::validate_constraints(nc);
    if let Err(v) = &valid {
        let _ = v.to_string();
    }
    for g in nc.permitted.iter().chain(nc.excluded.iter()).flatten() {
        let _ = g.to_string();
    }
    let mut budget = start;
    let result = name_constraints::check(nc, subject, &mut budget);
    assert!(budget <= start, "the budget grew from {start} to {budget}");
    match &result {
        Err(Violation::BudgetExhausted) => assert_eq!(budget, 0, "BudgetExhausted with {budget} left"),
        Err(v) => {
            let _ = v.to_string();
        }
        Ok(()) => assert!(valid.is_ok(), "check accepted what validate_constraints rejects: {valid:?}"),
    }
    // Each (name, constraint) pair costs one unit: the work is bounded by names x constraints.
    let names = subject.dns.len() + subject.ips.len() + subject.emails.len() + subject.uris.len() + subject.others.len() + 1 + subject.subject_emails.len();
    let constraints = nc.permitted.as_ref().map_or(0, Vec::len) + nc.excluded.as_ref().map_or(0, Vec::len);
    assert!(start - budget <= names * constraints, "{} comparisons for {names} names and {constraints} constraints", start - budget);
}

/// A cursor over the fuzz input that never fails: past the end every read is zero or empty.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    /// A length byte (0..=127; the top bit is left for `list`'s callers) then that many bytes.
    fn bytes(&mut self) -> Vec<u8> {
        let n = usize::from(self.byte() & 0x7f).min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head.to_vec()
    }

    fn string(&mut self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.byte() % 8;
        (0..n).map(|_| item(self)).collect()
    }

    fn strings(&mut self) -> Vec<String> {
        self.list(|b| b.string())
    }

    fn general_name(&mut self) -> GeneralName {
        match self.byte() % 7 {
            0 => GeneralName::Dns(self.string()),
            1 => GeneralName::Ip(self.bytes()),
            2 => GeneralName::Email(self.string()),
            3 => GeneralName::Uri(self.string()),
            4 => GeneralName::DirName(self.bytes()),
            5 => GeneralName::Other(self.string()),
            _ => GeneralName::Invalid(self.string()),
        }
    }

    fn subtrees(&mut self) -> Option<Vec<GeneralName>> {
        let tag = self.byte();
        if tag & 0x80 == 0 {
            return None;
        }
        Some((0..tag % 8).map(|_| self.general_name()).collect())
    }
}
