//! One failing and one passing fixture for every finding id, and golden reports.
//!
//! Each id has `<id>_fails` (an input where the finding appears, with its certificate index and
//! key facts checked) and `<id>_passes` (a near-identical input where it does not). The table
//! `FIXTURES` names both for every id, and `every_finding_id_has_fixtures` fails when an id in
//! `FindingId::ALL` is missing from it, so adding an id without fixtures breaks the build.
//!
//! Certificate indices: inputs are `leaf, intermediate` unless a test says otherwise, so the
//! leaf is #0, the intermediate #1 and the trusted root (appended after the sent ones) #2.
//!
//! Golden reports: `golden_*` compare the report, with key-dependent values removed, to
//! `tests/golden/NAME.json`. `CERTSCOPE_BLESS=1 cargo test --test findings` rewrites them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

mod pki;

use certscope::{inspect, Finding, FindingId, FindingId as F, Options, Profile, Report, Severity, Verdict};
use pki::*;
use rcgen::{BasicConstraints, CustomExtension, ExtendedKeyUsagePurpose as Eku, IsCa, KeyUsagePurpose as Ku};
use serde_json::{json, Value};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Inspects, and checks what must hold for every report.
fn run(input: &[u8], opts: &Options) -> Report {
    let r = inspect(input, opts);
    check_invariants(&r);
    r
}

/// Properties of every report, whatever the input.
fn check_invariants(r: &Report) {
    let json = serde_json::to_value(r).expect("the report serialises");
    assert!(json.is_object());
    for f in &r.findings {
        if let Some(c) = f.cert {
            assert!(c < r.certificates.len(), "{} points at certificate #{c}, but there are {}\n{}", f.id.as_str(), r.certificates.len(), summary(r));
        }
        // Every placeholder of the catalog message must be filled from the finding's facts.
        assert!(unfilled_placeholder(&f.message).is_none(), "{} has an unfilled placeholder in its message: {:?}\n{}", f.id.as_str(), f.message, summary(r));
        assert!(!f.message.is_empty(), "{} has no message", f.id.as_str());
    }
    for (i, c) in r.certificates.iter().enumerate() {
        assert_eq!(c.index, i, "certificate index");
    }
    if r.verdict == Verdict::Trusted {
        // A trusted verdict leaves no error about the path, nor an error about no certificate.
        for f in r.findings.iter().filter(|f| f.severity == Severity::Error) {
            let on_path = f.cert.is_none_or(|c| r.chain.path.contains(&c));
            assert!(!on_path, "verdict trusted despite error {}\n{}", f.id.as_str(), summary(r));
        }
    }
}

/// A `{name}` left in a message: a placeholder the finding had no fact for.
fn unfilled_placeholder(message: &str) -> Option<&str> {
    let mut rest = message;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(after.len());
        if end > 0 && after[end..].starts_with('}') {
            return Some(&after[..end]);
        }
        rest = after;
    }
    None
}

/// The findings of a report, one per line, for failure messages.
fn summary(r: &Report) -> String {
    let mut s = format!("verdict {:?}, chain {:?} {:?}\n", r.verdict, r.chain.status, r.chain.path);
    for f in &r.findings {
        s.push_str(&format!("  {:?} {} cert={:?} field={:?} facts={} | {}\n", f.severity, f.id.as_str(), f.cert, f.field, serde_json::to_string(&f.facts).unwrap(), f.message));
    }
    s
}

/// The one finding with this id about this certificate; fails (showing the report) otherwise.
#[track_caller]
fn expect(r: &Report, id: FindingId, cert: Option<usize>) -> &Finding {
    let found: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id && f.cert == cert).collect();
    match found.as_slice() {
        [f] => f,
        [] => panic!("expected {} about cert {cert:?}\n{}", id.as_str(), summary(r)),
        _ => panic!("expected one {} about cert {cert:?}, found {}\n{}", id.as_str(), found.len(), summary(r)),
    }
}

/// Fails when the report has a finding with this id.
#[track_caller]
fn expect_none(r: &Report, id: FindingId) {
    assert!(!r.findings.iter().any(|f| f.id == id), "did not expect {}\n{}", id.as_str(), summary(r));
}

/// Fails unless the verdict is this one.
#[track_caller]
fn verdict(r: &Report, v: Verdict) {
    assert_eq!(r.verdict, v, "verdict\n{}", summary(r));
}

/// A fact of a finding.
#[track_caller]
fn fact<'a>(f: &'a Finding, key: &str) -> &'a Value {
    f.facts.get(key).unwrap_or_else(|| panic!("{} has no fact {key:?}: {:?}", f.id.as_str(), f.facts))
}

/// The default chain, sent correctly, with its options: the control for most `_passes`.
fn valid() -> (Chain, Report) {
    let c = Chain::new();
    let r = run(&c.sent(), &c.opts());
    (c, r)
}

/// Builds a chain from a spec and inspects it as sent correctly.
fn inspect_spec(spec: Spec) -> (Chain, Report) {
    let c = spec.build();
    let r = run(&c.sent(), &c.opts());
    (c, r)
}

/// Inspects the chain with its leaf replaced by `leaf_der`.
fn with_leaf(c: &Chain, leaf_der: &[u8]) -> Report {
    run(&pem_ders(&[leaf_der, &c.inter.der]), &c.opts())
}

fn host(mut o: Options, h: &str) -> Options {
    o.host = Some(h.into());
    o
}

fn capture(name: &str) -> (Vec<u8>, Options) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/captures");
    let meta: Value = serde_json::from_slice(&std::fs::read(dir.join("captures.json")).unwrap()).unwrap();
    let entry = meta["captures"].as_array().unwrap().iter().find(|c| c["file"] == name).unwrap().clone();
    let trust = match entry["root"].as_str() {
        Some(root) => vec![std::fs::read(dir.join(root)).unwrap()],
        None => vec![],
    };
    let opts = Options {
        host: entry["host"].as_str().map(String::from),
        port: None,
        at: entry["captured_at"].as_i64().unwrap(),
        trust,
        only_trusted_roots: true,
        profile: Profile::MailStrict,
        leaf: None,
    };
    (std::fs::read(dir.join(name)).unwrap(), opts)
}

// ---------------------------------------------------------------------------------------------
// The table: every id, its failing and its passing fixture.

type Fixture = fn();

const FIXTURES: &[(&str, Fixture, Fixture)] = &[
    ("no_certificate", no_certificate_fails, no_certificate_passes),
    ("private_key_present", private_key_present_fails, private_key_present_passes),
    ("csr_not_certificate", csr_not_certificate_fails, csr_not_certificate_passes),
    ("crl_not_certificate", crl_not_certificate_fails, crl_not_certificate_passes),
    ("pkcs12_not_supported", pkcs12_not_supported_fails, pkcs12_not_supported_passes),
    ("public_key_not_certificate", public_key_not_certificate_fails, public_key_not_certificate_passes),
    ("unreadable_input", unreadable_input_fails, unreadable_input_passes),
    ("malformed_certificate", malformed_certificate_fails, malformed_certificate_passes),
    ("limit_reached", limit_reached_fails, limit_reached_passes),
    ("showcerts_missing", showcerts_missing_fails, showcerts_missing_passes),
    ("host_invalid", host_invalid_fails, host_invalid_passes),
    ("no_host_given", no_host_given_fails, no_host_given_passes),
    ("expired", expired_fails, expired_passes),
    ("not_yet_valid", not_yet_valid_fails, not_yet_valid_passes),
    ("expiring_soon", expiring_soon_fails, expiring_soon_passes),
    ("expired_intermediate", expired_intermediate_fails, expired_intermediate_passes),
    ("expired_root", expired_root_fails, expired_root_passes),
    ("validity_too_long", validity_too_long_fails, validity_too_long_passes),
    ("validity_invalid", validity_invalid_fails, validity_invalid_passes),
    ("hostname_mismatch", hostname_mismatch_fails, hostname_mismatch_passes),
    ("wildcard_mismatch", wildcard_mismatch_fails, wildcard_mismatch_passes),
    ("ip_in_dns_san", ip_in_dns_san_fails, ip_in_dns_san_passes),
    ("cn_only_no_san", cn_only_no_san_fails, cn_only_no_san_passes),
    ("san_malformed", san_malformed_fails, san_malformed_passes),
    ("cn_not_in_san", cn_not_in_san_fails, cn_not_in_san_passes),
    ("suspicious_characters", suspicious_characters_fails, suspicious_characters_passes),
    ("self_signed", self_signed_fails, self_signed_passes),
    ("untrusted_root", untrusted_root_fails, untrusted_root_passes),
    ("missing_intermediate", missing_intermediate_fails, missing_intermediate_passes),
    ("wrong_order", wrong_order_fails, wrong_order_passes),
    ("unrelated_cert", unrelated_cert_fails, unrelated_cert_passes),
    ("root_included", root_included_fails, root_included_passes),
    ("duplicate_cert", duplicate_cert_fails, duplicate_cert_passes),
    ("bad_signature", bad_signature_fails, bad_signature_passes),
    ("chain_too_long", chain_too_long_fails, chain_too_long_passes),
    ("weak_signature_sha1", weak_signature_sha1_fails, weak_signature_sha1_passes),
    ("weak_signature_md5", weak_signature_md5_fails, weak_signature_md5_passes),
    ("unsupported_signature_algorithm", unsupported_signature_algorithm_fails, unsupported_signature_algorithm_passes),
    ("signature_algorithm_mismatch", signature_algorithm_mismatch_fails, signature_algorithm_mismatch_passes),
    ("weak_key_rsa1024", weak_key_rsa1024_fails, weak_key_rsa1024_passes),
    ("weak_key", weak_key_fails, weak_key_passes),
    ("unsupported_key_type", unsupported_key_type_fails, unsupported_key_type_passes),
    ("leaf_is_ca", leaf_is_ca_fails, leaf_is_ca_passes),
    ("eku_missing_server_auth", eku_missing_server_auth_fails, eku_missing_server_auth_passes),
    ("key_usage_invalid", key_usage_invalid_fails, key_usage_invalid_passes),
    ("pathlen_exceeded", pathlen_exceeded_fails, pathlen_exceeded_passes),
    ("name_constraints_violated", name_constraints_violated_fails, name_constraints_violated_passes),
    ("intermediate_not_ca", intermediate_not_ca_fails, intermediate_not_ca_passes),
    ("unknown_critical_extension", unknown_critical_extension_fails, unknown_critical_extension_passes),
    ("duplicate_extension", duplicate_extension_fails, duplicate_extension_passes),
    ("extension_invalid", extension_invalid_fails, extension_invalid_passes),
    ("key_identifier_missing", key_identifier_missing_fails, key_identifier_missing_passes),
    ("empty_subject", empty_subject_fails, empty_subject_passes),
    ("not_version3", not_version3_fails, not_version3_passes),
];

/// Ids whose fixtures are capture transcripts, in tests/capture_diagnostics.rs
/// (`<id>_fails` / `<id>_passes` there; checked below by reading that file).
const FIXTURES_ELSEWHERE: &[&str] = &[
    "connection_failed",
    "tls_mode_mismatch",
    "no_peer_certificate",
    "handshake_failed",
    "tls_version_obsolete",
    "sni_missing",
    "input_truncated",
    "openssl_verify_error",
];

#[test]
fn every_finding_id_has_fixtures() {
    let elsewhere = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/capture_diagnostics.rs")).expect("capture_diagnostics.rs");
    for id in FIXTURES_ELSEWHERE {
        assert!(
            elsewhere.contains(&format!("fn {id}_fails()")) && elsewhere.contains(&format!("fn {id}_passes()")),
            "tests/capture_diagnostics.rs lacks {id}_fails/{id}_passes"
        );
    }
    let missing: Vec<&str> = FindingId::ALL
        .iter()
        .map(|id| id.as_str())
        .filter(|n| !FIXTURES.iter().any(|(f, _, _)| f == n) && !FIXTURES_ELSEWHERE.contains(n))
        .collect();
    assert!(missing.is_empty(), "finding ids without a _fails/_passes fixture: {missing:?}");
    let unknown: Vec<&str> = FIXTURES.iter().map(|(n, _, _)| *n).filter(|n| FindingId::from_name(n).is_none()).collect();
    assert!(unknown.is_empty(), "fixtures for ids that do not exist: {unknown:?}");
    let mut names: Vec<&str> = FIXTURES.iter().map(|(n, _, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), FIXTURES.len(), "an id is listed twice in FIXTURES");
    assert_eq!(FIXTURES.len() + FIXTURES_ELSEWHERE.len(), FindingId::ALL.len());
}

// ---------------------------------------------------------------------------------------------
// Input.

#[test]
fn no_certificate_fails() {
    let c = Chain::new();
    let r = run(b"hello, this is not a certificate\n", &c.opts());
    verdict(&r, Verdict::InvalidInput);
    let f = expect(&r, F::NoCertificate, None);
    assert_eq!(f.severity, Severity::Error);
    assert!(fact(f, "found").is_array());
    let r = run(b"", &c.opts());
    verdict(&r, Verdict::InvalidInput);
    assert!(fact(expect(&r, F::NoCertificate, None), "found").is_array());
    assert_eq!(r.chain.path, Vec::<usize>::new());
}

#[test]
fn no_certificate_passes() {
    let (_, r) = valid();
    expect_none(&r, F::NoCertificate);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn private_key_present_fails() {
    let c = Chain::new();
    let sent = String::from_utf8(c.sent()).unwrap();
    let key_line = sent.lines().count() + 1;
    let input = format!("{sent}{}", c.leaf.key_pem());
    let r = run(input.as_bytes(), &c.opts());
    let f = expect(&r, F::PrivateKeyPresent, None);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "label"), "PRIVATE KEY");
    assert_eq!(fact(f, "encrypted"), false);
    assert_eq!(fact(f, "line"), key_line, "the line the key starts on (1-based)");
    // The key never reaches the report.
    let json = serde_json::to_string(&r).unwrap();
    let key_body: String = c.leaf.key_pem().lines().nth(1).unwrap().to_string();
    assert!(!json.contains(&key_body), "the report holds the private key");
    // A pasted key does not change the verdict on the chain.
    verdict(&r, Verdict::Trusted);

    let input = format!("{sent}{}", encrypted_key_pem(&c.leaf));
    let r = run(input.as_bytes(), &c.opts());
    let f = expect(&r, F::PrivateKeyPresent, None);
    assert_eq!(fact(f, "label"), "ENCRYPTED PRIVATE KEY");
    assert_eq!(fact(f, "encrypted"), true);
}

#[test]
fn private_key_present_passes() {
    let (_, r) = valid();
    expect_none(&r, F::PrivateKeyPresent);
}

#[test]
fn csr_not_certificate_fails() {
    let c = Chain::new();
    let r = run(csr_pem().as_bytes(), &c.opts());
    let f = expect(&r, F::CsrNotCertificate, None);
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(fact(f, "line"), 1);
    verdict(&r, Verdict::InvalidInput);
    let none = expect(&r, F::NoCertificate, None);
    assert!(serde_json::to_string(fact(none, "found")).unwrap().contains("certificate signing request"), "{:?}", none.facts);
}

#[test]
fn csr_not_certificate_passes() {
    let c = Chain::new();
    let r = run(c.leaf.pem().as_bytes(), &c.opts());
    expect_none(&r, F::CsrNotCertificate);
    expect_none(&r, F::NoCertificate);
}

#[test]
fn crl_not_certificate_fails() {
    let c = Chain::new();
    let input = format!("{}{}", String::from_utf8(c.sent()).unwrap(), crl_pem(&c.inter));
    let r = run(input.as_bytes(), &c.opts());
    let f = expect(&r, F::CrlNotCertificate, None);
    assert_eq!(f.severity, Severity::Info);
    verdict(&r, Verdict::Trusted);
    let r = run(crl_pem(&c.inter).as_bytes(), &c.opts());
    expect(&r, F::CrlNotCertificate, None);
    verdict(&r, Verdict::InvalidInput);
}

#[test]
fn crl_not_certificate_passes() {
    let (_, r) = valid();
    expect_none(&r, F::CrlNotCertificate);
}

#[test]
fn pkcs12_not_supported_fails() {
    let c = Chain::new();
    let r = run(&pkcs12_der(&c.leaf), &c.opts());
    let f = expect(&r, F::Pkcs12NotSupported, None);
    assert_eq!(f.severity, Severity::Info);
    verdict(&r, Verdict::InvalidInput);
}

#[test]
fn pkcs12_not_supported_passes() {
    // The same certificate as DER is read as a certificate.
    let c = Chain::new();
    let r = run(&c.leaf.der, &c.opts());
    expect_none(&r, F::Pkcs12NotSupported);
    expect_none(&r, F::NoCertificate);
    assert_eq!(r.input.certificates, 1);
}

#[test]
fn public_key_not_certificate_fails() {
    let c = Chain::new();
    let r = run(c.leaf.key.public_key_pem().as_bytes(), &c.opts());
    let f = expect(&r, F::PublicKeyNotCertificate, None);
    assert_eq!(f.severity, Severity::Info);
    verdict(&r, Verdict::InvalidInput);
    let r = run(ssh_public_key_line().as_bytes(), &c.opts());
    expect(&r, F::PublicKeyNotCertificate, None);
    verdict(&r, Verdict::InvalidInput);
}

#[test]
fn public_key_not_certificate_passes() {
    let c = Chain::new();
    let r = run(c.leaf.pem().as_bytes(), &c.opts());
    expect_none(&r, F::PublicKeyNotCertificate);
}

#[test]
fn unreadable_input_fails() {
    let c = Chain::new();
    let input = format!("{}-----BEGIN FOO BAR-----\nAAECAw==\n-----END FOO BAR-----\n", String::from_utf8(c.sent()).unwrap());
    let r = run(input.as_bytes(), &c.opts());
    let f = expect(&r, F::UnreadableInput, None);
    assert!(serde_json::to_string(fact(f, "found")).unwrap().contains("FOO BAR"), "{:?}", f.facts);
    // The chain around it is still judged.
    verdict(&r, Verdict::Trusted);
}

#[test]
fn unreadable_input_passes() {
    let (_, r) = valid();
    expect_none(&r, F::UnreadableInput);
}

#[test]
fn malformed_certificate_fails() {
    // A CERTIFICATE block whose DER is a SEQUENCE { INTEGER 1 }: not a certificate.
    let c = Chain::new();
    let junk = seq(&[integer(&[1])]);
    let r = run(&pem_ders(&[&c.leaf.der, &c.inter.der, &junk]), &c.opts());
    let f = expect(&r, F::MalformedCertificate, Some(2));
    assert_eq!(f.severity, Severity::Error);
    assert!(fact(f, "reason").as_str().is_some_and(|s| !s.is_empty()));
    assert!(r.certificates[2].parse_error.is_some());
    // The good chain beside it is still trusted; the broken one is not on the path.
    verdict(&r, Verdict::Trusted);
}

#[test]
fn malformed_certificate_passes() {
    let (_, r) = valid();
    expect_none(&r, F::MalformedCertificate);
}

#[test]
fn limit_reached_fails() {
    use certscope::limits::MAX_CERTS;
    // More certificates than MAX_CERTS: the rest are not analysed, and the report says so.
    let c = Chain::new();
    let many: Vec<&Node> = std::iter::repeat_n(&c.leaf, MAX_CERTS + 1).collect();
    let r = run(&pem_of(&many), &c.opts());
    let f = r.findings.iter().find(|f| f.id == F::LimitReached).unwrap_or_else(|| panic!("no limit_reached\n{}", summary(&r)));
    assert_eq!(fact(f, "limit"), "MAX_CERTS");
    assert_eq!(fact(f, "value"), MAX_CERTS);
    assert_eq!(fact(f, "analysed"), MAX_CERTS, "only MAX_CERTS certificates were analysed");
}

#[test]
fn limit_reached_for_signature_checks() {
    use certscope::limits::MAX_SIGNATURE_CHECKS;
    // More same-named candidate issuers (none of them the real one) than signature checks allowed.
    let c = Chain::new();
    let fakes: Vec<Node> = (0..=MAX_SIGNATURE_CHECKS).map(|_| c.root.issue(ca_params(INTER_CN), key(KeyType::P256, Role::Other))).collect();
    let mut sent: Vec<&Node> = vec![&c.leaf];
    sent.extend(fakes.iter());
    let r = run(&pem_of(&sent), &c.opts());
    let f = expect(&r, F::LimitReached, None);
    assert_eq!(fact(f, "limit"), "MAX_SIGNATURE_CHECKS");
    assert_eq!(fact(f, "signature_checks"), MAX_SIGNATURE_CHECKS);
    assert_eq!(fact(f, "analysed"), sent.len(), "every sent certificate was read");
    assert_eq!(fact(f, "value"), MAX_SIGNATURE_CHECKS, "the limit's value, as for MAX_CERTS");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn limit_reached_passes() {
    use certscope::limits::MAX_CERTS;
    // Exactly MAX_CERTS certificates are all analysed.
    let c = Chain::new();
    let mut many: Vec<&Node> = vec![&c.leaf, &c.inter];
    many.extend(std::iter::repeat_n(&c.inter, MAX_CERTS - 2));
    let r = run(&pem_of(&many), &c.opts());
    expect_none(&r, F::LimitReached);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn showcerts_missing_fails() {
    let (input, opts) = capture("full-chain-no-showcerts.txt");
    let r = run(&input, &opts);
    let f = expect(&r, F::ShowcertsMissing, None);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "shown"), 1);
    assert_eq!(fact(f, "listed"), 2);
    let not_shown = serde_json::to_string(fact(f, "not_shown")).unwrap();
    assert!(not_shown.contains("certscope Test Intermediate CA R1"), "{not_shown}");
    expect(&r, F::MissingIntermediate, Some(0));
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn showcerts_missing_passes() {
    let (input, opts) = capture("full-chain-showcerts.txt");
    let r = run(&input, &opts);
    expect_none(&r, F::ShowcertsMissing);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn host_invalid_fails() {
    let c = Chain::new();
    let r = run(&c.sent(), &host(c.opts(), "mail example.test"));
    let f = expect(&r, F::HostInvalid, None);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "host"), "mail example.test");
    // An unusable host cannot be matched, so the chain cannot be trusted for it.
    verdict(&r, Verdict::Untrusted);
    expect_none(&r, F::NoHostGiven);
}

#[test]
fn host_invalid_passes() {
    // Case and a trailing dot are not errors.
    let c = Chain::new();
    let r = run(&c.sent(), &host(c.opts(), "MAIL.Example.Test."));
    expect_none(&r, F::HostInvalid);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn no_host_given_fails() {
    let c = Chain::new();
    let mut o = c.opts();
    o.host = None;
    let r = run(&c.sent(), &o);
    let f = expect(&r, F::NoHostGiven, Some(0));
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(fact(f, "names"), &json!([HOST]));
    verdict(&r, Verdict::Trusted);
    // Blank counts as not given.
    let r = run(&c.sent(), &host(c.opts(), "  "));
    expect(&r, F::NoHostGiven, Some(0));
}

#[test]
fn no_host_given_passes() {
    let (_, r) = valid();
    expect_none(&r, F::NoHostGiven);
}

// ---------------------------------------------------------------------------------------------
// Validity.

#[test]
fn expired_fails() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 100 * DAY, NOW - 10 * DAY));
    let f = expect(&r, F::Expired, Some(0));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.field, Some("validity.not_after"));
    assert_eq!(fact(f, "days_since_expiry"), 10);
    assert_eq!(fact(f, "not_after"), "2026-05-22T00:00:00Z");
    assert_eq!(fact(f, "at"), "2026-06-01T00:00:00Z");
    verdict(&r, Verdict::Untrusted);
    // One second past notAfter is expired.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 100 * DAY, NOW - 1));
    expect(&r, F::Expired, Some(0));
}

#[test]
fn expired_passes() {
    // notAfter is inclusive (RFC 5280 4.1.2.5): at exactly notAfter the certificate is valid.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 100 * DAY, NOW));
    expect_none(&r, F::Expired);
    let (_, r) = valid();
    expect_none(&r, F::Expired);
}

#[test]
fn not_yet_valid_fails() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW + DAY, NOW + 90 * DAY));
    let f = expect(&r, F::NotYetValid, Some(0));
    assert_eq!(fact(f, "days_until_valid"), 1);
    assert_eq!(fact(f, "not_before"), "2026-06-02T00:00:00Z");
    verdict(&r, Verdict::Untrusted);
    // An intermediate that is not valid yet.
    let mut spec = Spec::new();
    set_validity(&mut spec.inter, NOW + 2 * DAY, NOW + 900 * DAY);
    let (_, r) = inspect_spec(spec);
    expect(&r, F::NotYetValid, Some(1));
}

#[test]
fn not_yet_valid_passes() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW, NOW + 90 * DAY));
    expect_none(&r, F::NotYetValid);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn expiring_soon_fails() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 60 * DAY, NOW + 10 * DAY));
    let f = expect(&r, F::ExpiringSoon, Some(0));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "days_left"), 10);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn expiring_soon_passes() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 60 * DAY, NOW + 30 * DAY));
    expect_none(&r, F::ExpiringSoon);
}

#[test]
fn expired_intermediate_fails() {
    let mut spec = Spec::new();
    set_validity(&mut spec.inter, NOW - 900 * DAY, NOW - DAY);
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::ExpiredIntermediate, Some(1));
    assert_eq!(fact(f, "days_since_expiry"), 1);
    expect_none(&r, F::Expired);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn expired_intermediate_passes() {
    let (_, r) = valid();
    expect_none(&r, F::ExpiredIntermediate);
}

#[test]
fn expired_root_fails() {
    let mut spec = Spec::new();
    set_validity(&mut spec.root, NOW - 3650 * DAY, NOW - 5 * DAY);
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::ExpiredRoot, Some(2));
    assert_eq!(fact(f, "days_since_expiry"), 5);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn expired_root_passes() {
    let (_, r) = valid();
    expect_none(&r, F::ExpiredRoot);
}

#[test]
fn validity_too_long_fails() {
    // Apple's 825-day rule is an error in the mail profile.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 30 * DAY, NOW - 30 * DAY + 900 * DAY));
    let f = expect(&r, F::ValidityTooLong, Some(0));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "validity_days"), 900);
    assert_eq!(fact(f, "limit_days"), 825);
    verdict(&r, Verdict::Untrusted);
    // The CA/B limit alone (200 days for certificates issued since 2026-03-15, ballot SC-081)
    // is a warning when the root is private.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 30 * DAY, NOW - 30 * DAY + 400 * DAY));
    let f = expect(&r, F::ValidityTooLong, Some(0));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "limit_days"), 200);
    // Issued before SC-081 (2025), the 398-day limit applies.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 400 * DAY, NOW + 2 * DAY));
    let f = expect(&r, F::ValidityTooLong, Some(0));
    assert_eq!(fact(f, "limit_days"), 398);
    assert_eq!(fact(f, "validity_days"), 402);
}

#[test]
fn validity_too_long_passes() {
    // 200 days, counted inclusively, is allowed (SC-081, issued after 2026-03-15).
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 30 * DAY, NOW - 30 * DAY + 200 * DAY - 1));
    expect_none(&r, F::ValidityTooLong);
    verdict(&r, Verdict::Trusted);
    // One second more is over.
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW - 30 * DAY, NOW - 30 * DAY + 200 * DAY));
    expect(&r, F::ValidityTooLong, Some(0));
}

#[test]
fn validity_invalid_fails() {
    let (_, r) = inspect_spec(Spec::new().leaf_validity(NOW + 10 * DAY, NOW - 10 * DAY));
    let f = expect(&r, F::ValidityInvalid, Some(0));
    assert_eq!(fact(f, "not_before"), "2026-06-11T00:00:00Z");
    assert_eq!(fact(f, "not_after"), "2026-05-22T00:00:00Z");
    expect_none(&r, F::Expired);
    expect_none(&r, F::NotYetValid);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn validity_invalid_passes() {
    let (_, r) = valid();
    expect_none(&r, F::ValidityInvalid);
}

// ---------------------------------------------------------------------------------------------
// Names.

#[test]
fn hostname_mismatch_fails() {
    let c = Chain::new();
    let r = run(&c.sent(), &host(c.opts(), "imap.example.test"));
    let f = expect(&r, F::HostnameMismatch, Some(0));
    assert_eq!(fact(f, "host"), "imap.example.test");
    assert_eq!(fact(f, "names"), &json!([HOST]));
    assert_eq!(fact(f, "host_is_ip"), false);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn hostname_mismatch_passes() {
    let (c, r) = inspect_spec(Spec::new().leaf_names(&[dns(HOST), dns("imap.example.test")]));
    expect_none(&r, F::HostnameMismatch);
    let r = run(&c.sent(), &host(c.opts(), "imap.example.test"));
    expect_none(&r, F::HostnameMismatch);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn wildcard_mismatch_fails() {
    let c = Spec::new().leaf_names(&[dns("*.example.test")]).build();
    // A wildcard covers one label only (RFC 6125 6.4.3).
    let r = run(&c.sent(), &host(c.opts(), "a.mail.example.test"));
    let f = expect(&r, F::WildcardMismatch, Some(0));
    assert_eq!(fact(f, "wildcard"), "*.example.test");
    assert_eq!(fact(f, "host"), "a.mail.example.test");
    expect_none(&r, F::HostnameMismatch);
    verdict(&r, Verdict::Untrusted);
    // ... and not the bare domain.
    let r = run(&c.sent(), &host(c.opts(), "example.test"));
    expect(&r, F::WildcardMismatch, Some(0));
}

#[test]
fn wildcard_mismatch_passes() {
    let c = Spec::new().leaf_names(&[dns("*.example.test")]).build();
    let r = run(&c.sent(), &c.opts());
    expect_none(&r, F::WildcardMismatch);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn ip_in_dns_san_fails() {
    let c = Spec::new().leaf_names(&[dns("192.0.2.10")]).build();
    let r = run(&c.sent(), &host(c.opts(), "192.0.2.10"));
    let f = expect(&r, F::IpInDnsSan, Some(0));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "name"), "192.0.2.10");
    let m = expect(&r, F::HostnameMismatch, Some(0));
    assert_eq!(fact(m, "host_is_ip"), true);
    assert_eq!(fact(m, "ip_written_as_dns_name"), true);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn ip_in_dns_san_passes() {
    let c = Spec::new().leaf_names(&[ip("192.0.2.10")]).build();
    let r = run(&c.sent(), &host(c.opts(), "192.0.2.10"));
    expect_none(&r, F::IpInDnsSan);
    expect_none(&r, F::HostnameMismatch);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn cn_only_no_san_fails() {
    let mut spec = Spec::new();
    spec.leaf.subject_alt_names.clear();
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::CnOnlyNoSan, Some(0));
    assert_eq!(fact(f, "common_names"), &json!([HOST]));
    // The CN is not matched, so the host is not covered either.
    expect(&r, F::HostnameMismatch, Some(0));
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn cn_only_no_san_passes() {
    let (_, r) = valid();
    expect_none(&r, F::CnOnlyNoSan);
}

#[test]
fn san_malformed_fails() {
    // An iPAddress entry of 5 octets (neither IPv4 nor IPv6), written by hand.
    let mut spec = Spec::new();
    spec.leaf.subject_alt_names.clear();
    let san = seq(&[tlv(0x82, HOST.as_bytes()), tlv(0x87, &[192, 0, 2, 1, 5])]);
    spec.leaf.custom_extensions.push(CustomExtension::from_oid_content(&[2, 5, 29, 17], san));
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::SanMalformed, Some(0));
    assert_eq!(fact(f, "reason"), "IP address of wrong length");
    verdict(&r, Verdict::Untrusted);
    // A DNS name that is not a valid name.
    let (_, r) = inspect_spec(Spec::new().leaf_names(&[dns(HOST), dns("bad..example.test")]));
    let f = expect(&r, F::SanMalformed, Some(0));
    assert_eq!(fact(f, "name"), "bad..example.test");
}

#[test]
fn san_malformed_passes() {
    let mut spec = Spec::new();
    spec.leaf.subject_alt_names.clear();
    let san = seq(&[tlv(0x82, HOST.as_bytes()), tlv(0x87, &[192, 0, 2, 1])]);
    spec.leaf.custom_extensions.push(CustomExtension::from_oid_content(&[2, 5, 29, 17], san));
    let (_, r) = inspect_spec(spec);
    expect_none(&r, F::SanMalformed);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn cn_not_in_san_fails() {
    // CN mail.example.test, SAN only imap.example.test: the CN must repeat a SAN entry.
    let mut spec = Spec::new().leaf_names(&[dns("imap.example.test")]);
    spec.leaf.distinguished_name = rcgen::DistinguishedName::new();
    spec.leaf.distinguished_name.push(rcgen::DnType::CommonName, HOST);
    let c = spec.build();
    let r = run(&c.sent(), &host(c.opts(), "imap.example.test"));
    let f = expect(&r, F::CnNotInSan, Some(0));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "common_name"), HOST);
    // Clients ignore the CN when there is a SAN: still trusted for the SAN's name ...
    verdict(&r, Verdict::Trusted);
    // ... and not for the CN's.
    let r = run(&c.sent(), &c.opts());
    expect(&r, F::HostnameMismatch, Some(0));
}

#[test]
fn cn_not_in_san_passes() {
    let (_, r) = inspect_spec(Spec::new().leaf_names(&[dns(HOST), dns("imap.example.test")]));
    expect_none(&r, F::CnNotInSan);
    // An IP address CN repeating an iPAddress entry is a copy too.
    let c = Spec::new().leaf_names(&[ip("192.0.2.10")]).build();
    let r = run(&c.sent(), &host(c.opts(), "192.0.2.10"));
    expect_none(&r, F::CnNotInSan);
    verdict(&r, Verdict::Trusted);
}

/// The leaf with this subject CN (and SAN `mail.example.test`).
fn leaf_with_cn(cn: &str) -> Chain {
    let mut spec = Spec::new();
    spec.leaf.distinguished_name = rcgen::DistinguishedName::new();
    spec.leaf.distinguished_name.push(rcgen::DnType::CommonName, cn);
    spec.build()
}

#[test]
fn suspicious_characters_fails() {
    // A right-to-left override: "mail.example.test\u{202E}tset.live" shows as "...evil.test".
    let c = leaf_with_cn("mail.example.test\u{202E}tset.live");
    let r = run(&c.sent(), &c.opts());
    let f = expect(&r, F::SuspiciousCharacters, Some(0));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.field, Some("subject"));
    assert_eq!(fact(f, "kinds"), &json!(["bidi"]));
    assert!(fact(f, "value").as_str().unwrap().contains("mail.example.test[U+202E]tset.live"), "{f:?}");
    // Never shown raw, anywhere in the report.
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains('\u{202E}'), "a raw U+202E in the report");
    assert!(r.certificates[0].subject.contains("[U+202E]"), "{}", r.certificates[0].subject);
    verdict(&r, Verdict::Trusted);

    // A NUL in the CN (the null-prefix attack), and a zero-width space.
    let c = leaf_with_cn("mail.example.test\0.evil.test\u{200B}");
    let r = run(&c.sent(), &c.opts());
    let f = expect(&r, F::SuspiciousCharacters, Some(0));
    assert_eq!(fact(f, "kinds"), &json!(["nul", "invisible"]));

    // Look-alike letters: a Cyrillic "а" in the CN, and in an A-label of the SAN.
    let c = leaf_with_cn("\u{430}pple.example.test");
    let r = run(&c.sent(), &c.opts());
    let f = expect(&r, F::SuspiciousCharacters, Some(0));
    assert_eq!(f.field, Some("subject.common_name"));
    assert_eq!(fact(f, "kinds"), &json!(["lookalike"]));
    let c = Spec::new().leaf_names(&[dns(HOST), dns("xn--pple-43d.example.test")]).build();
    let r = run(&c.sent(), &c.opts());
    let f = expect(&r, F::SuspiciousCharacters, Some(0));
    assert_eq!(f.field, Some("extensions.subject_alt_name"));
    assert_eq!(fact(f, "value"), "xn--pple-43d.example.test");
    verdict(&r, Verdict::Trusted);
}

#[test]
fn suspicious_characters_passes() {
    let (_, r) = inspect_spec(Spec::new());
    expect_none(&r, F::SuspiciousCharacters);
    // Internationalised names in one script are fine: German, Russian, Greek.
    for cn in ["bücher.example.test", "пример.example.test", "ελληνικά.example.test"] {
        let r = run(&leaf_with_cn(cn).sent(), &leaf_with_cn(cn).opts());
        expect_none(&r, F::SuspiciousCharacters);
    }
    let c = Spec::new().leaf_names(&[dns(HOST), dns("xn--bcher-kva.example.test")]).build();
    expect_none(&run(&c.sent(), &c.opts()), F::SuspiciousCharacters);
}

#[test]
fn golden_suspicious_name() {
    let c = leaf_with_cn("mail.example.test\u{202E}tset.live");
    golden("suspicious_name", &run(&c.sent(), &c.opts()));
}

// ---------------------------------------------------------------------------------------------
// Chain and trust.

/// A self-signed server certificate for the default host, as `openssl req -x509` makes it.
fn self_signed_leaf(kind: KeyType) -> Node {
    let mut p = leaf_params(&[dns(HOST)]);
    p.distinguished_name = dn(HOST);
    Node::self_signed(p, key(kind, Role::Leaf))
}

#[test]
fn self_signed_fails() {
    let c = Chain::new();
    let leaf = self_signed_leaf(KeyType::P256);
    let r = run(leaf.pem().as_bytes(), &c.opts());
    let f = expect(&r, F::SelfSigned, Some(0));
    assert!(fact(f, "subject").as_str().unwrap().contains(HOST));
    expect_none(&r, F::UntrustedRoot);
    expect_none(&r, F::MissingIntermediate);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn self_signed_passes() {
    let (_, r) = valid();
    expect_none(&r, F::SelfSigned);
}

#[test]
fn untrusted_root_fails() {
    let c = Chain::new();
    let input = pem_of(&[&c.leaf, &c.inter, &c.root]);
    let r = run(&input, &opts_trusting_nothing());
    let f = expect(&r, F::UntrustedRoot, Some(2));
    assert!(fact(f, "subject").as_str().unwrap().contains(ROOT_CN));
    expect_none(&r, F::SelfSigned);
    verdict(&r, Verdict::Untrusted);
    // With the Mozilla roots, a private root is still not trusted.
    let mut o = opts_trusting_nothing();
    o.only_trusted_roots = false;
    let r = run(&input, &o);
    expect(&r, F::UntrustedRoot, Some(2));
    assert_eq!(fact(expect(&r, F::UntrustedRoot, Some(2)), "root_sent"), true);
}

#[test]
fn untrusted_root_not_sent_is_not_called_a_missing_intermediate() {
    // leaf + intermediate of a private CA whose root is neither sent nor trusted: the chain
    // leads to an untrusted root; nothing the server could send is missing.
    let c = Chain::new();
    let r = run(&pem_of(&[&c.leaf, &c.inter]), &opts_trusting_nothing());
    let f = expect(&r, F::UntrustedRoot, Some(1));
    assert!(fact(f, "subject").as_str().unwrap().contains(ROOT_CN));
    assert_eq!(fact(f, "root_sent"), false);
    expect_none(&r, F::MissingIntermediate);
    verdict(&r, Verdict::Untrusted);
    // A leaf alone still lacks its intermediate.
    let r = run(&pem_of(&[&c.leaf]), &c.opts());
    expect(&r, F::MissingIntermediate, Some(0));
}

#[test]
fn untrusted_root_passes() {
    let c = Chain::new();
    let r = run(&pem_of(&[&c.leaf, &c.inter, &c.root]), &c.opts());
    expect_none(&r, F::UntrustedRoot);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn missing_intermediate_fails() {
    let c = Chain::new();
    let r = run(c.leaf.pem().as_bytes(), &c.opts());
    let f = expect(&r, F::MissingIntermediate, Some(0));
    assert!(fact(f, "issuer").as_str().unwrap().contains(INTER_CN));
    assert_eq!(fact(f, "trust_store_searched"), true);
    assert!(r.chain.missing_issuer.as_deref().is_some_and(|m| m.contains(INTER_CN)));
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn missing_intermediate_passes() {
    let (_, r) = valid();
    expect_none(&r, F::MissingIntermediate);
}

#[test]
fn wrong_order_fails() {
    let c = Chain::new();
    let r = run(&pem_of(&[&c.inter, &c.leaf]), &c.opts());
    let f = expect(&r, F::WrongOrder, None);
    assert_eq!(f.severity, Severity::Warning);
    let subjects = |v: &Value| v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect::<Vec<_>>();
    let sent = subjects(fact(f, "sent_order"));
    let expected = subjects(fact(f, "expected_order"));
    assert!(sent[0].contains(INTER_CN) && sent[1].contains(HOST), "{sent:?}");
    assert!(expected[0].contains(HOST) && expected[1].contains(INTER_CN), "{expected:?}");
    assert_eq!(r.chain.leaf, Some(1));
    verdict(&r, Verdict::Trusted);
}

#[test]
fn wrong_order_passes() {
    let (_, r) = valid();
    expect_none(&r, F::WrongOrder);
}

#[test]
fn unrelated_cert_fails() {
    let c = Chain::new();
    let other = unrelated();
    let r = run(&pem_of(&[&c.leaf, &c.inter, &other]), &c.opts());
    let f = expect(&r, F::UnrelatedCert, Some(2));
    assert!(fact(f, "subject").as_str().unwrap().contains("www.unrelated.test"));
    expect_none(&r, F::WrongOrder);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn unrelated_cert_passes() {
    let (_, r) = valid();
    expect_none(&r, F::UnrelatedCert);
}

#[test]
fn root_included_fails() {
    let c = Chain::new();
    let r = run(&pem_of(&[&c.leaf, &c.inter, &c.root]), &c.opts());
    let f = expect(&r, F::RootIncluded, Some(2));
    assert_eq!(f.severity, Severity::Info);
    expect_none(&r, F::UnrelatedCert);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn root_included_passes() {
    let (_, r) = valid();
    expect_none(&r, F::RootIncluded);
}

#[test]
fn duplicate_cert_fails() {
    let c = Chain::new();
    let r = run(&pem_of(&[&c.leaf, &c.inter, &c.inter]), &c.opts());
    let f = expect(&r, F::DuplicateCert, Some(2));
    assert_eq!(fact(f, "same_as"), 1);
    expect_none(&r, F::UnrelatedCert);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn duplicate_cert_passes() {
    let (_, r) = valid();
    expect_none(&r, F::DuplicateCert);
}

#[test]
fn bad_signature_fails() {
    let c = Chain::new();
    // Change the signed content after signing: the signature no longer fits.
    let mut tbs = Tbs::parse(&c.leaf.der);
    tbs.serial = integer(&[0x42]);
    let sig = signature_of(&c.leaf.der);
    let r = with_leaf(&c, &tbs.with_signature(&sig));
    let f = expect(&r, F::BadSignature, Some(0));
    assert_eq!(fact(f, "issuer_cert"), 1);
    assert_eq!(fact(f, "reason"), "the signature does not verify");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn bad_signature_passes() {
    let c = Chain::new();
    let tbs = Tbs::parse(&c.leaf.der);
    let r = with_leaf(&c, &tbs.with_signature(&signature_of(&c.leaf.der)));
    expect_none(&r, F::BadSignature);
    verdict(&r, Verdict::Trusted);
}

/// A chain with `n` intermediates below the root: (root, intermediates from the top, leaf).
fn long_chain(n: usize) -> (Node, Vec<Node>, Node) {
    let root = Node::self_signed(ca_params(ROOT_CN), key(KeyType::P256, Role::Root));
    let mut inters: Vec<Node> = Vec::new();
    for i in 0..n {
        let params = ca_params(&format!("Intermediate CA {}", i + 1));
        let node = inters.last().unwrap_or(&root).issue(params, key(KeyType::P256, Role::Inter));
        inters.push(node);
    }
    let leaf = inters.last().unwrap_or(&root).issue(leaf_params(&[dns(HOST)]), key(KeyType::P256, Role::Leaf));
    (root, inters, leaf)
}

fn inspect_long(n: usize) -> Report {
    inspect_long_for(n, HOST)
}

fn inspect_long_for(n: usize, for_host: &str) -> Report {
    let (root, inters, leaf) = long_chain(n);
    let mut sent: Vec<&Node> = vec![&leaf];
    sent.extend(inters.iter().rev());
    let mut o = opts_trusting_nothing();
    o.trust = vec![root.pem().into_bytes()];
    run(&pem_of(&sent), &host(o, for_host))
}

#[test]
fn chain_too_long_fails() {
    // Leaf + 8 intermediates: 9 certificates below the root, over MAX_PATH_CERTS (8).
    let r = inspect_long(certscope::limits::MAX_PATH_CERTS);
    // About the last certificate the path reached: its issuer is the one over the limit.
    let f = expect(&r, F::ChainTooLong, Some(certscope::limits::MAX_PATH_CERTS - 1));
    assert_eq!(fact(f, "max"), certscope::limits::MAX_PATH_CERTS);
    for id in [F::UntrustedRoot, F::MissingIntermediate, F::UnrelatedCert] {
        expect_none(&r, id);
    }
    verdict(&r, Verdict::Untrusted);
    // The leaf's own problems are still reported beside the length.
    let r = inspect_long_for(certscope::limits::MAX_PATH_CERTS, "imap.example.test");
    expect(&r, F::ChainTooLong, Some(certscope::limits::MAX_PATH_CERTS - 1));
    expect(&r, F::HostnameMismatch, Some(0));
}

#[test]
fn chain_too_long_passes() {
    // Leaf + 7 intermediates is exactly MAX_PATH_CERTS.
    let r = inspect_long(certscope::limits::MAX_PATH_CERTS - 1);
    expect_none(&r, F::ChainTooLong);
    verdict(&r, Verdict::Trusted);
}

// ---------------------------------------------------------------------------------------------
// Algorithms and keys.

#[test]
fn weak_signature_sha1_fails() {
    let c = Spec::rsa().build();
    let leaf = reissue_openssl(&c.leaf.der, &c.inter, "sha1", OID_SHA1_RSA, |_| {});
    let r = with_leaf(&c, &leaf);
    let f = expect(&r, F::WeakSignatureSha1, Some(0));
    assert_eq!(fact(f, "algorithm"), "sha1WithRSAEncryption");
    // The signature itself verifies: the only complaint is the hash.
    expect_none(&r, F::BadSignature);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn weak_signature_sha1_passes() {
    // The same re-signing with SHA-256 gives a good certificate.
    let c = Spec::rsa().build();
    let leaf = reissue_openssl(&c.leaf.der, &c.inter, "sha256", OID_SHA256_RSA, |_| {});
    let r = with_leaf(&c, &leaf);
    expect_none(&r, F::WeakSignatureSha1);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn weak_signature_md5_fails() {
    let c = Spec::rsa().build();
    let leaf = reissue_openssl(&c.leaf.der, &c.inter, "md5", OID_MD5_RSA, |_| {});
    let r = with_leaf(&c, &leaf);
    let f = expect(&r, F::WeakSignatureMd5, Some(0));
    assert_eq!(fact(f, "algorithm"), "md5WithRSAEncryption");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn weak_signature_md5_passes() {
    let c = Spec::rsa().build();
    let leaf = reissue_openssl(&c.leaf.der, &c.inter, "sha256", OID_SHA256_RSA, |_| {});
    let r = with_leaf(&c, &leaf);
    expect_none(&r, F::WeakSignatureMd5);
}

#[test]
fn unsupported_signature_algorithm_fails() {
    // dsa-with-SHA256 in both algorithm fields.
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| {
        t.signature = alg_id(OID_DSA_SHA256, false);
        t.outer_alg = alg_id(OID_DSA_SHA256, false);
    });
    let r = with_leaf(&c, &leaf);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == F::UnsupportedSignatureAlgorithm && f.cert == Some(0))
        .unwrap_or_else(|| panic!("no unsupported_signature_algorithm\n{}", summary(&r)));
    assert_eq!(fact(f, "algorithm"), "dsa-with-SHA256");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn unsupported_signature_algorithm_passes() {
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |_| {});
    let r = with_leaf(&c, &leaf);
    expect_none(&r, F::UnsupportedSignatureAlgorithm);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn signature_algorithm_mismatch_fails() {
    // tbsCertificate.signature says ecdsa-with-SHA384, signatureAlgorithm ecdsa-with-SHA256.
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| t.signature = alg_id(OID_ECDSA_SHA384, false));
    let r = with_leaf(&c, &leaf);
    let f = expect(&r, F::SignatureAlgorithmMismatch, Some(0));
    assert_eq!(f.severity, Severity::Error);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn signature_algorithm_mismatch_passes() {
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| t.signature = alg_id(OID_ECDSA_SHA256, false));
    let r = with_leaf(&c, &leaf);
    expect_none(&r, F::SignatureAlgorithmMismatch);
    verdict(&r, Verdict::Trusted);
}

fn leaf_with_spki(spki: Vec<u8>) -> Report {
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| t.spki = spki);
    with_leaf(&c, &leaf)
}

#[test]
fn weak_key_rsa1024_fails() {
    let r = leaf_with_spki(rsa_spki(1024, 65537));
    let f = expect(&r, F::WeakKeyRsa1024, Some(0));
    assert_eq!(fact(f, "key_bits"), 1024);
    assert_eq!(r.certificates[0].key, "RSA 1024");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn weak_key_rsa1024_passes() {
    let r = leaf_with_spki(rsa_spki(2048, 65537));
    expect_none(&r, F::WeakKeyRsa1024);
    expect_none(&r, F::WeakKey);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn weak_key_fails() {
    let r = leaf_with_spki(rsa_spki(2052, 65537));
    let f = expect(&r, F::WeakKey, Some(0));
    assert_eq!(fact(f, "reason"), "modulus size not a multiple of 8");
    // CA/B BR 6.1.5 (Web PKI: error); mail apps accept such keys (mail profile: warning).
    assert_eq!(f.severity, Severity::Warning);
    verdict(&r, Verdict::Trusted);
    let r = leaf_with_spki(rsa_spki(2048, 65536));
    let f = expect(&r, F::WeakKey, Some(0));
    assert_eq!(fact(f, "reason"), "bad RSA public exponent");
}

#[test]
fn weak_key_passes() {
    let r = leaf_with_spki(rsa_spki(3072, 3));
    expect_none(&r, F::WeakKey);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn unsupported_key_type_fails() {
    // secp256k1: a curve no TLS client accepts.
    let r = leaf_with_spki(ec_spki("1.3.132.0.10", 64));
    let f = expect(&r, F::UnsupportedKeyType, Some(0));
    assert_eq!(fact(f, "key"), "EC curve 1.3.132.0.10");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn unsupported_key_type_passes() {
    let r = leaf_with_spki(ec_spki("1.2.840.10045.3.1.7", 64));
    expect_none(&r, F::UnsupportedKeyType);
    assert_eq!(r.certificates[0].key, "EC P-256");
    verdict(&r, Verdict::Trusted);
}

// ---------------------------------------------------------------------------------------------
// Extensions and roles.

#[test]
fn leaf_is_ca_fails() {
    let mut spec = Spec::new();
    spec.leaf.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::LeafIsCa, Some(0));
    assert_eq!(f.field, Some("extensions.basic_constraints"));
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn leaf_is_ca_passes() {
    let (_, r) = valid();
    expect_none(&r, F::LeafIsCa);
}

#[test]
fn eku_missing_server_auth_fails() {
    let mut spec = Spec::new();
    spec.leaf.extended_key_usages = vec![Eku::ClientAuth];
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::EkuMissingServerAuth, Some(0));
    assert_eq!(fact(f, "purposes"), &json!(["1.3.6.1.5.5.7.3.2"]));
    verdict(&r, Verdict::Untrusted);
    // An intermediate restricted to clientAuth cannot issue server certificates.
    let mut spec = Spec::new();
    spec.inter.extended_key_usages = vec![Eku::ClientAuth];
    let (_, r) = inspect_spec(spec);
    expect(&r, F::EkuMissingServerAuth, Some(1));
    // Apple requires the EKU extension itself in the mail profile.
    let mut spec = Spec::new();
    spec.leaf.extended_key_usages.clear();
    let (c, r) = inspect_spec(spec);
    assert_eq!(fact(expect(&r, F::EkuMissingServerAuth, Some(0)), "purposes"), &json!([]));
    let mut o = c.opts();
    o.profile = Profile::WebPki;
    expect_none(&run(&c.sent(), &o), F::EkuMissingServerAuth);
}

#[test]
fn eku_missing_server_auth_passes() {
    let mut spec = Spec::new();
    spec.leaf.extended_key_usages = vec![Eku::ServerAuth, Eku::ClientAuth];
    spec.inter.extended_key_usages = vec![Eku::ServerAuth, Eku::ClientAuth];
    let (_, r) = inspect_spec(spec);
    expect_none(&r, F::EkuMissingServerAuth);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn key_usage_invalid_fails() {
    let mut spec = Spec::new();
    spec.leaf.key_usages.push(Ku::KeyCertSign);
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::KeyUsageInvalid, Some(0));
    assert_eq!(fact(f, "reason"), "keyCertSign in a server certificate");
    verdict(&r, Verdict::Untrusted);
    // A CA without keyCertSign.
    let mut spec = Spec::new();
    spec.inter.key_usages = vec![Ku::DigitalSignature, Ku::CrlSign];
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::KeyUsageInvalid, Some(1));
    assert_eq!(fact(f, "reason"), "CA certificate without keyCertSign");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn key_usage_invalid_passes() {
    let (_, r) = valid();
    expect_none(&r, F::KeyUsageInvalid);
}

#[test]
fn pathlen_exceeded_fails() {
    let mut spec = Spec::new();
    spec.root.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::PathlenExceeded, Some(2));
    assert_eq!(fact(f, "path_len"), 0);
    assert_eq!(fact(f, "cas_below"), 1);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn pathlen_exceeded_passes() {
    // pathlen 1 on the root and 0 on the intermediate: the leaf does not count.
    let mut spec = Spec::new();
    spec.root.is_ca = IsCa::Ca(BasicConstraints::Constrained(1));
    spec.inter.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    let (_, r) = inspect_spec(spec);
    expect_none(&r, F::PathlenExceeded);
    verdict(&r, Verdict::Trusted);
}

fn constrained_to(dns_subtree: &str) -> Report {
    let mut spec = Spec::new();
    spec.root.name_constraints = Some(rcgen::NameConstraints {
        permitted_subtrees: vec![rcgen::GeneralSubtree::DnsName(dns_subtree.into())],
        excluded_subtrees: vec![],
    });
    inspect_spec(spec).1
}

#[test]
fn name_constraints_violated_fails() {
    let r = constrained_to("example.org");
    let f = expect(&r, F::NameConstraintsViolated, Some(0));
    assert_eq!(fact(f, "constrained_by"), 2);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn name_constraints_violated_passes() {
    let r = constrained_to("example.test");
    expect_none(&r, F::NameConstraintsViolated);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn intermediate_not_ca_fails() {
    let mut spec = Spec::new();
    spec.inter.is_ca = IsCa::ExplicitNoCa;
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::IntermediateNotCa, Some(1));
    assert_eq!(fact(f, "role"), "intermediate");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn intermediate_not_ca_passes() {
    let (_, r) = valid();
    expect_none(&r, F::IntermediateNotCa);
}

fn leaf_with_extension(oid_arcs: &[u64], critical: bool) -> Report {
    let mut spec = Spec::new();
    let mut ext = CustomExtension::from_oid_content(oid_arcs, vec![0x05, 0x00]);
    ext.set_criticality(critical);
    spec.leaf.custom_extensions.push(ext);
    inspect_spec(spec).1
}

#[test]
fn unknown_critical_extension_fails() {
    let r = leaf_with_extension(&[1, 3, 6, 1, 4, 1, 55738, 1, 1], true);
    let f = expect(&r, F::UnknownCriticalExtension, Some(0));
    assert_eq!(fact(f, "extension"), "1.3.6.1.4.1.55738.1.1");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn unknown_critical_extension_passes() {
    let r = leaf_with_extension(&[1, 3, 6, 1, 4, 1, 55738, 1, 1], false);
    expect_none(&r, F::UnknownCriticalExtension);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn duplicate_extension_fails() {
    // A second subjectAltName extension.
    let mut spec = Spec::new();
    let san = seq(&[tlv(0x82, b"other.example.test")]);
    spec.leaf.custom_extensions.push(CustomExtension::from_oid_content(&[2, 5, 29, 17], san));
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::DuplicateExtension, Some(0));
    assert_eq!(fact(f, "extension"), "subjectAltName");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn duplicate_extension_passes() {
    let (_, r) = valid();
    expect_none(&r, F::DuplicateExtension);
}

fn leaf_with_aki(critical: bool) -> Report {
    // rcgen always writes the AKI non-critical: write it by hand instead.
    let c = Chain::new();
    let kid = c.inter.params.key_identifier(&c.inter.key);
    let mut params = leaf_params(&[dns(HOST)]);
    params.use_authority_key_identifier_extension = false;
    let mut ext = CustomExtension::from_oid_content(&[2, 5, 29, 35], seq(&[tlv(0x80, &kid)]));
    ext.set_criticality(critical);
    params.custom_extensions.push(ext);
    let leaf = c.inter.issue(params, key(KeyType::P256, Role::Leaf));
    run(&pem_of(&[&leaf, &c.inter]), &c.opts())
}

#[test]
fn extension_invalid_fails() {
    let r = leaf_with_aki(true);
    let f = expect(&r, F::ExtensionInvalid, Some(0));
    assert_eq!(fact(f, "extension"), "authorityKeyIdentifier");
    assert_eq!(fact(f, "reason"), "marked critical; it must not be");
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn extension_invalid_passes() {
    let r = leaf_with_aki(false);
    expect_none(&r, F::ExtensionInvalid);
    expect_none(&r, F::KeyIdentifierMissing);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn key_identifier_missing_fails() {
    let mut spec = Spec::new();
    spec.leaf.use_authority_key_identifier_extension = false;
    let (_, r) = inspect_spec(spec);
    let f = expect(&r, F::KeyIdentifierMissing, Some(0));
    assert_eq!(fact(f, "extension"), "authorityKeyIdentifier");
    // Mail apps accept it (a warning); the Web PKI profile rejects it (RFC 5280 4.2.1.1 MUST).
    assert_eq!(f.severity, Severity::Warning);
    verdict(&r, Verdict::Trusted);
    let mut spec = Spec::new();
    spec.leaf.use_authority_key_identifier_extension = false;
    let c = spec.build();
    let r = run(&c.sent(), &Options { profile: certscope::Profile::WebPki, ..c.opts() });
    assert_eq!(expect(&r, F::KeyIdentifierMissing, Some(0)).severity, Severity::Error);
    verdict(&r, Verdict::Untrusted);
    // An intermediate without a subjectKeyIdentifier.
    let c = Chain::new();
    let inter = reissue(&c.inter.der, &c.root, |t| t.remove_extension("2.5.29.14"));
    let r = run(&pem_ders(&[&c.leaf.der, &inter]), &c.opts());
    let f = expect(&r, F::KeyIdentifierMissing, Some(1));
    assert_eq!(fact(f, "extension"), "subjectKeyIdentifier");
}

#[test]
fn key_identifier_missing_passes() {
    let (_, r) = valid();
    expect_none(&r, F::KeyIdentifierMissing);
}

#[test]
fn empty_subject_fails() {
    let mut spec = Spec::new();
    spec.inter.distinguished_name = rcgen::DistinguishedName::new();
    let (_, r) = inspect_spec(spec);
    expect(&r, F::EmptySubject, Some(1));
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn empty_subject_passes() {
    let (_, r) = valid();
    expect_none(&r, F::EmptySubject);
}

#[test]
fn not_version3_fails() {
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| t.version = None);
    let r = with_leaf(&c, &leaf);
    let f = expect(&r, F::NotVersion3, Some(0));
    assert_eq!(fact(f, "version"), 1);
    verdict(&r, Verdict::Untrusted);
}

#[test]
fn not_version3_passes() {
    let c = Chain::new();
    let leaf = reissue(&c.leaf.der, &c.inter, |_| {});
    let r = with_leaf(&c, &leaf);
    expect_none(&r, F::NotVersion3);
    verdict(&r, Verdict::Trusted);
}

// ---------------------------------------------------------------------------------------------
// Behaviour beyond single ids.

#[test]
fn self_signed_server_certificate_trusted_directly() {
    // A self-signed server certificate the user trusts ("pinned") is accepted as it is. Like
    // `openssl req -x509` output it has no authorityKeyIdentifier, which RFC 5280 4.2.1.1
    // allows in self-signed certificates.
    let leaf = self_signed_leaf(KeyType::P256);
    let mut o = opts_trusting_nothing();
    o.trust = vec![leaf.pem().into_bytes()];
    let r = run(leaf.pem().as_bytes(), &o);
    expect_none(&r, F::SelfSigned);
    expect_none(&r, F::KeyIdentifierMissing);
    verdict(&r, Verdict::Trusted);
}

#[test]
fn self_signed_root_sent_but_not_trusted_is_judged_as_a_root() {
    // A sent, untrusted root is reported as untrusted_root, and is not held to the rules for
    // intermediates: a self-signed certificate may omit the AKI (RFC 5280 4.2.1.1).
    let c = Chain::new();
    let r = run(&pem_of(&[&c.leaf, &c.inter, &c.root]), &opts_trusting_nothing());
    expect(&r, F::UntrustedRoot, Some(2));
    expect_none(&r, F::KeyIdentifierMissing);
}

#[test]
fn key_types_are_all_accepted() {
    for kind in [KeyType::P256, KeyType::P384, KeyType::Ed25519, KeyType::Rsa2048] {
        let spec = Spec { root_key: kind, inter_key: kind, leaf_key: kind, ..Spec::new() };
        let (_, r) = inspect_spec(spec);
        verdict(&r, Verdict::Trusted);
    }
}

#[test]
fn chain_in_any_order_with_root_and_duplicates() {
    let c = Chain::new();
    let r = run(&pem_of(&[&c.root, &c.inter, &c.leaf, &c.inter]), &c.opts());
    verdict(&r, Verdict::Trusted);
    assert_eq!(r.chain.leaf, Some(2));
    expect(&r, F::RootIncluded, Some(0));
    expect(&r, F::DuplicateCert, Some(3));
    expect(&r, F::WrongOrder, None);
}

// ---------------------------------------------------------------------------------------------
// Golden reports.

/// Keys whose values depend on the random keys (or on the bytes they sign), dropped before
/// comparing: fingerprints, serials, key identifiers.
const UNSTABLE_KEYS: &[&str] = &["sha256", "sha1", "serial", "subject_key_id", "authority_key_id"];

/// Removes the values that change from run to run; everything else is kept.
fn normalise(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for k in UNSTABLE_KEYS {
                map.remove(*k);
            }
            map.values_mut().for_each(normalise);
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        Value::String(s) if looks_like_hex_id(s) => *s = "<hex>".into(),
        _ => {}
    }
}

/// A colon-separated hex string of 8 or more bytes: a fingerprint, serial or key id.
fn looks_like_hex_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() >= 8 && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn golden(name: &str, r: &Report) {
    let mut actual = serde_json::to_value(r).unwrap();
    normalise(&mut actual);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
    if std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no golden report {} ({e}); run CERTSCOPE_BLESS=1 cargo test --test findings", path.display()));
    let expected: Value = serde_json::from_str(&expected).unwrap();
    if expected != actual {
        panic!(
            "report differs from {}; if the change is intended, run CERTSCOPE_BLESS=1 cargo test --test findings\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            serde_json::to_string_pretty(&expected).unwrap(),
            text
        );
    }
}

#[test]
fn unfilled_placeholders_are_found() {
    assert_eq!(unfilled_placeholder("certificate #0 uses {algorithm}"), Some("algorithm"));
    assert_eq!(unfilled_placeholder("Der(UnexpectedTag { expected: Some(16) })"), None);
    assert_eq!(unfilled_placeholder("no braces"), None);
}

#[test]
fn normalise_drops_only_unstable_values() {
    let mut v = json!({"sha256": "AA", "a": [{"serial": "01", "subject": "CN=x", "fp": "AA:BB:CC:DD:EE:FF:00:11"}], "days_left": 3});
    normalise(&mut v);
    assert_eq!(v, json!({"a": [{"subject": "CN=x", "fp": "<hex>"}], "days_left": 3}));
}

/// The RSA chain: byte-for-byte the same on every run.
fn rsa() -> Chain {
    Spec::rsa().build()
}

#[test]
fn golden_valid_chain() {
    let c = rsa();
    golden("valid_chain", &run(&c.sent(), &c.opts()));
}

#[test]
fn golden_expired() {
    let c = Spec::rsa().leaf_validity(NOW - 100 * DAY, NOW - 10 * DAY).build();
    golden("expired", &run(&c.sent(), &c.opts()));
}

#[test]
fn golden_hostname_mismatch() {
    let c = rsa();
    golden("hostname_mismatch", &run(&c.sent(), &host(c.opts(), "imap.example.test")));
}

#[test]
fn golden_wildcard_mismatch() {
    let c = Spec::rsa().leaf_names(&[dns("*.example.test")]).build();
    golden("wildcard_mismatch", &run(&c.sent(), &host(c.opts(), "a.mail.example.test")));
}

#[test]
fn golden_ip_host() {
    let c = Spec::rsa().leaf_names(&[ip("192.0.2.10"), dns(HOST)]).build();
    golden("ip_host", &run(&c.sent(), &host(c.opts(), "192.0.2.10")));
}

#[test]
fn golden_self_signed() {
    let c = rsa();
    golden("self_signed", &run(self_signed_leaf(KeyType::Rsa2048).pem().as_bytes(), &c.opts()));
}

#[test]
fn golden_missing_intermediate() {
    let c = rsa();
    golden("missing_intermediate", &run(c.leaf.pem().as_bytes(), &c.opts()));
}

#[test]
fn golden_wrong_order() {
    let c = rsa();
    golden("wrong_order", &run(&pem_of(&[&c.inter, &c.leaf]), &c.opts()));
}

#[test]
fn golden_private_ca_trusted() {
    let c = rsa();
    golden("private_ca_trusted", &run(&pem_of(&[&c.leaf, &c.inter, &c.root]), &c.opts()));
}

#[test]
fn golden_private_ca_not_trusted() {
    let c = rsa();
    let mut o = opts_trusting_nothing();
    o.only_trusted_roots = false;
    golden("private_ca_not_trusted", &run(&pem_of(&[&c.leaf, &c.inter, &c.root]), &o));
}

#[test]
fn golden_cn_only() {
    let mut spec = Spec::rsa();
    spec.leaf.subject_alt_names.clear();
    let c = spec.build();
    golden("cn_only", &run(&c.sent(), &c.opts()));
}

#[test]
fn golden_weak_key() {
    let c = rsa();
    let leaf = reissue(&c.leaf.der, &c.inter, |t| t.spki = rsa_spki(1024, 65537));
    golden("weak_key", &with_leaf(&c, &leaf));
}

#[test]
fn golden_sha1() {
    let c = rsa();
    let leaf = reissue_openssl(&c.leaf.der, &c.inter, "sha1", OID_SHA1_RSA, |_| {});
    golden("sha1", &with_leaf(&c, &leaf));
}

#[test]
fn golden_leaf_is_ca() {
    let mut spec = Spec::rsa();
    spec.leaf.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let c = spec.build();
    golden("leaf_is_ca", &run(&c.sent(), &c.opts()));
}

#[test]
fn golden_private_key_pasted() {
    let c = rsa();
    let input = format!("{}{}", String::from_utf8(c.sent()).unwrap(), c.leaf.key_pem());
    golden("private_key_pasted", &run(input.as_bytes(), &c.opts()));
}

#[test]
fn golden_empty_input() {
    let c = rsa();
    golden("empty_input", &run(b"", &c.opts()));
}

#[test]
fn rsa_chain_is_deterministic() {
    // The golden reports rely on this: the same bytes on every build.
    assert_eq!(rsa().leaf.der, rsa().leaf.der);
    assert_eq!(rsa().root.der, rsa().root.der);
}
