//! What certscope says about connection transcripts (src/capture.rs).
//!
//! - Every real transcript in tests/captures/mail (made by scripts/make-mail-captures.sh against
//!   Dovecot, Postfix and openssl s_server on 127.0.0.1) has a golden report in
//!   tests/golden/mail/NAME.json, inspected for the host recorded in captures.json at the time
//!   it was made, trusting the test root only. `CERTSCOPE_BLESS=1 cargo test --test
//!   capture_diagnostics` rewrites them (after regenerating the captures, for one).
//! - Each id of src/capture.rs has a failing and a passing fixture (`FIXTURES`), as in
//!   tests/findings.rs.
//! - The mail-port advice, the several-captures report, OpenSSL's verify table and the
//!   companion script (www/certscope-capture.sh) have their own tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

use certscope::capture::{OPENSSL_VERIFY_CODES, verify_code, verify_code_by_text};
use certscope::{Finding, FindingId, FindingId as F, Options, Report, Severity, Verdict, inspect};
use serde_json::Value;
use std::path::PathBuf;

const MAIL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/mail/");

// ---------------------------------------------------------------------------------------------
// Helpers.

fn index() -> Value {
    serde_json::from_slice(&std::fs::read(format!("{MAIL}captures.json")).expect("captures.json")).expect("json")
}

fn entry(file: &str) -> Value {
    index()["captures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == file)
        .unwrap_or_else(|| panic!("{file} not in captures.json"))
        .clone()
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(format!("{MAIL}{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The options a capture is judged with: its host, its time, the test root and nothing else.
fn opts(file: &str) -> Options {
    let e = entry(file);
    Options {
        host: e["host"].as_str().map(String::from),
        at: e["captured_at"].as_i64().unwrap(),
        trust: vec![read("root.pem")],
        only_trusted_roots: true,
        ..Options::default()
    }
}

/// Inspects a real capture, and checks what must hold for every report.
fn run_file(file: &str) -> Report {
    run(&read(file), &opts(file))
}

fn run(input: &[u8], opts: &Options) -> Report {
    let r = inspect(input, opts);
    check_invariants(&r);
    r
}

fn check_invariants(r: &Report) {
    serde_json::to_value(r).expect("the report serialises");
    for f in &r.findings {
        if let Some(c) = f.cert {
            assert!(
                c < r.certificates.len(),
                "{} points at certificate #{c} of {}\n{}",
                f.id.as_str(),
                r.certificates.len(),
                summary(r)
            );
        }
        assert!(!f.message.is_empty(), "{} has no message", f.id.as_str());
        // Every placeholder of the catalog's message is filled from the finding's facts.
        let unfilled = f.message.split('{').skip(1).find(|rest| {
            rest.find('}')
                .is_some_and(|end| end > 0 && rest[..end].bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        });
        assert!(unfilled.is_none(), "{}: unfilled placeholder in {:?}", f.id.as_str(), f.message);
        if !r.captures.is_empty() {
            let i = f
                .facts
                .get("capture")
                .and_then(Value::as_u64)
                .unwrap_or_else(|| panic!("{} has no capture fact", f.id.as_str()));
            assert!((i as usize) < r.captures.len());
        }
    }
    for (i, c) in r.certificates.iter().enumerate() {
        assert_eq!(c.index, i, "certificate index");
    }
    for c in &r.captures {
        assert!(c.chain.path.iter().chain(&c.certificates).all(|&i| i < r.certificates.len()));
    }
    if r.verdict == Verdict::Trusted {
        let errors: Vec<&str> =
            r.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.id.as_str()).collect();
        assert!(errors.is_empty(), "trusted despite {errors:?}\n{}", summary(r));
    }
}

fn summary(r: &Report) -> String {
    let mut s = format!("verdict {:?}, chain {:?} {:?}\n", r.verdict, r.chain.status, r.chain.path);
    for f in &r.findings {
        s.push_str(&format!(
            "  {:?} {} cert={:?} facts={}\n",
            f.severity,
            f.id.as_str(),
            f.cert,
            serde_json::to_string(&f.facts).unwrap()
        ));
    }
    s
}

fn ids(r: &Report) -> Vec<FindingId> {
    r.findings.iter().map(|f| f.id).collect()
}

/// The one finding with this id; fails (showing the report) otherwise.
#[track_caller]
fn expect(r: &Report, id: FindingId) -> &Finding {
    let found: Vec<&Finding> = r.findings.iter().filter(|f| f.id == id).collect();
    match found.as_slice() {
        [f] => f,
        _ => panic!("expected one {}, found {}\n{}", id.as_str(), found.len(), summary(r)),
    }
}

#[track_caller]
fn expect_none(r: &Report, id: FindingId) {
    assert!(!ids(r).contains(&id), "did not expect {}\n{}", id.as_str(), summary(r));
}

#[track_caller]
fn fact<'a>(f: &'a Finding, key: &str) -> &'a Value {
    f.facts.get(key).unwrap_or_else(|| panic!("{} has no fact {key:?}: {:?}", f.id.as_str(), f.facts))
}

/// A transcript written here, judged for mail.example.com on 2026-06-01 with Mozilla's roots.
fn run_text(text: &str) -> Report {
    run(text.as_bytes(), &Options { host: Some("mail.example.com".into()), at: 1_780_272_000, ..Options::default() })
}

// ---------------------------------------------------------------------------------------------
// Golden reports of the real captures.

/// Values that change when the captures are made again (keys, serials, OpenSSL's thread ids),
/// and the messages, whose words belong to the catalog and are tested there.
const UNSTABLE_KEYS: &[&str] = &["sha256", "sha1", "serial", "subject_key_id", "authority_key_id", "message"];

fn normalise(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for k in UNSTABLE_KEYS {
                map.remove(*k);
            }
            map.values_mut().for_each(normalise);
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        Value::String(s) => {
            if looks_like_hex_id(s) {
                *s = "<hex>".into();
            } else if let Some((thread, rest)) = s.split_once(":error:")
                && !thread.is_empty()
                && thread.bytes().all(|b| b.is_ascii_hexdigit())
            {
                *s = format!("<thread>:error:{rest}");
            }
        }
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
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mail").join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
    if std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("no golden report {} ({e}); run CERTSCOPE_BLESS=1 cargo test --test capture_diagnostics", path.display())
    });
    let expected: Value = serde_json::from_str(&expected).unwrap();
    assert!(
        expected == actual,
        "report differs from {}; if the change is intended, run CERTSCOPE_BLESS=1 cargo test --test capture_diagnostics\n--- actual\n{text}",
        path.display()
    );
}

/// What each real capture must give: the verdict, and ids that must (and must not) be there.
#[rustfmt::skip]
const EXPECTED: &[(&str, Verdict, &[FindingId], &[FindingId])] = &[
    ("imaps-993.txt", Verdict::Trusted, &[F::OpensslVerifyError], &[F::ShowcertsMissing]),
    ("imap-starttls-143.txt", Verdict::Trusted, &[F::OpensslVerifyError], &[]),
    ("pop3s-995.txt", Verdict::Trusted, &[], &[]),
    ("pop3-starttls-110.txt", Verdict::Trusted, &[], &[]),
    ("smtp-starttls-25.txt", Verdict::Trusted, &[], &[]),
    ("submission-starttls-587.txt", Verdict::Trusted, &[], &[]),
    ("smtps-465-status.txt", Verdict::Trusted, &[], &[]),
    ("smtps-465-no-showcerts.txt", Verdict::Untrusted, &[F::ShowcertsMissing, F::MissingIntermediate], &[]),
    ("refused.txt", Verdict::InvalidInput, &[F::ConnectionFailed], &[F::NoCertificate]),
    ("name-not-resolved.txt", Verdict::InvalidInput, &[F::ConnectionFailed], &[F::NoCertificate]),
    ("implicit-tls-on-imap-starttls-port.txt", Verdict::InvalidInput, &[F::TlsModeMismatch], &[F::NoPeerCertificate]),
    ("implicit-tls-on-submission-port.txt", Verdict::InvalidInput, &[F::TlsModeMismatch], &[]),
    ("starttls-on-imaps-port.txt", Verdict::InvalidInput, &[F::TlsModeMismatch], &[F::InputTruncated]),
    ("tls11-dovecot.txt", Verdict::InvalidInput, &[F::HandshakeFailed], &[F::TlsVersionObsolete]),
    ("tls11-refused.txt", Verdict::InvalidInput, &[F::HandshakeFailed], &[F::TlsVersionObsolete]),
    ("tls11-accepted.txt", Verdict::Untrusted, &[F::TlsVersionObsolete], &[]),
    ("no-sni.txt", Verdict::Untrusted, &[F::SniMissing, F::HostnameMismatch], &[]),
    ("with-sni.txt", Verdict::Untrusted, &[F::MissingIntermediate], &[F::SniMissing, F::HostnameMismatch]),
    ("verify-hostname.txt", Verdict::Trusted, &[], &[F::OpensslVerifyError]),
    ("gnutls-cli.txt", Verdict::Trusted, &[], &[F::OpensslVerifyError]),
    ("gnutls-cli-starttls.txt", Verdict::Trusted, &[], &[]),
    ("gnutls-cli-refused.txt", Verdict::InvalidInput, &[F::ConnectionFailed], &[]),
    ("keytool.txt", Verdict::Trusted, &[], &[F::InputTruncated]),
    ("keytool-refused.txt", Verdict::InvalidInput, &[F::NoPeerCertificate], &[]),
    ("x509-text.txt", Verdict::Untrusted, &[F::MissingIntermediate], &[]),
    ("certtool-i.txt", Verdict::Untrusted, &[F::MissingIntermediate], &[]),
    ("capture-script.txt", Verdict::Trusted, &[F::OpensslVerifyError], &[]),
];

#[test]
fn every_real_capture_has_a_golden_report_and_its_expected_findings() {
    let all = index();
    let files: Vec<&str> = all["captures"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
    let listed: Vec<&str> = EXPECTED.iter().map(|(f, _, _, _)| *f).collect();
    assert_eq!(files, listed, "EXPECTED follows captures.json");
    for &(file, verdict, must, must_not) in EXPECTED {
        let r = run_file(file);
        assert_eq!(r.verdict, verdict, "{file}\n{}", summary(&r));
        for id in must {
            assert!(ids(&r).contains(id), "{file}: no {}\n{}", id.as_str(), summary(&r));
        }
        for id in must_not {
            assert!(!ids(&r).contains(id), "{file}: {} is there\n{}", id.as_str(), summary(&r));
        }
        // captures.json names the capture findings the script meant to provoke.
        for id in entry(file)["expect"].as_array().unwrap() {
            let id = FindingId::from_name(id.as_str().unwrap()).unwrap();
            assert!(ids(&r).contains(&id), "{file}: captures.json expects {}\n{}", id.as_str(), summary(&r));
        }
        golden(file.trim_end_matches(".txt"), &r);
    }
}

// ---------------------------------------------------------------------------------------------
// One failing and one passing fixture for every id of src/capture.rs.

type Fixture = fn();

const FIXTURES: &[(&str, Fixture, Fixture)] = &[
    ("connection_failed", connection_failed_fails, connection_failed_passes),
    ("tls_mode_mismatch", tls_mode_mismatch_fails, tls_mode_mismatch_passes),
    ("no_peer_certificate", no_peer_certificate_fails, no_peer_certificate_passes),
    ("handshake_failed", handshake_failed_fails, handshake_failed_passes),
    ("tls_version_obsolete", tls_version_obsolete_fails, tls_version_obsolete_passes),
    ("sni_missing", sni_missing_fails, sni_missing_passes),
    ("input_truncated", input_truncated_fails, input_truncated_passes),
    ("openssl_verify_error", openssl_verify_error_fails, openssl_verify_error_passes),
];

/// The ids src/capture.rs adds, in declaration order: the last ones of `FindingId::ALL`.
#[test]
fn every_capture_id_has_fixtures() {
    let names: Vec<&str> = FIXTURES.iter().map(|(n, _, _)| *n).collect();
    let tail: Vec<&str> = FindingId::ALL[FindingId::ALL.len() - names.len()..].iter().map(|id| id.as_str()).collect();
    assert_eq!(names, tail);
    for (_, fails, passes) in FIXTURES {
        fails();
        passes();
    }
}

#[test]
fn connection_failed_fails() {
    let r = run_file("refused.txt");
    let f = expect(&r, F::ConnectionFailed);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "cause"), "refused");
    assert_eq!(fact(f, "target"), "127.0.0.1:11999");
    assert!(fact(f, "evidence").as_str().unwrap().contains("Connection refused"));
    // The capture explains why there is no certificate: no_certificate would repeat it.
    expect_none(&r, F::NoCertificate);
    let r = run_file("name-not-resolved.txt");
    assert_eq!(fact(expect(&r, F::ConnectionFailed), "cause"), "name_not_resolved");
    let r = run_text("$ openssl s_client -connect mail.example.com:993\nconnect:errno=110\n");
    assert_eq!(fact(expect(&r, F::ConnectionFailed), "cause"), "timed_out");
}

#[test]
fn connection_failed_passes() {
    expect_none(&run_file("imaps-993.txt"), F::ConnectionFailed);
}

#[test]
fn tls_mode_mismatch_fails() {
    let r = run_file("implicit-tls-on-imap-starttls-port.txt");
    let f = expect(&r, F::TlsModeMismatch);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "direction"), "tls_to_starttls_port");
    assert!(fact(f, "evidence").as_str().unwrap().contains("wrong version number"));
    let r = run_file("starttls-on-imaps-port.txt");
    let f = expect(&r, F::TlsModeMismatch);
    assert_eq!(fact(f, "direction"), "starttls_to_tls_port");
    assert_eq!(fact(f, "service"), "IMAP", "from -starttls imap");
    // On the standard ports the advice names the port and setting to use.
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:143 -servername mail.example.com\nCONNECTED(00000003)\n80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n---\nno peer certificate available\n",
    );
    let f = expect(&r, F::TlsModeMismatch);
    assert_eq!(
        (fact(f, "service"), fact(f, "tls_port"), fact(f, "starttls_port")),
        (&Value::from("IMAP"), &Value::from("993"), &Value::from("143"))
    );
    assert_eq!(
        fact(f, "command"),
        "openssl s_client -connect mail.example.com:143 -starttls imap -servername mail.example.com -showcerts </dev/null"
    );
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:587\nCONNECTED(00000003)\n80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:x.c:1:\n",
    );
    let f = expect(&r, F::TlsModeMismatch);
    assert_eq!((fact(f, "service"), fact(f, "tls_port")), (&Value::from("SMTP"), &Value::from("465")));
    assert!(fact(f, "command").as_str().unwrap().contains(":587 -starttls smtp"));
    let r = run_text("$ openssl s_client -connect mail.example.com:995 -starttls pop3\nCONNECTED(00000003)\n");
    let f = expect(&r, F::TlsModeMismatch);
    assert_eq!(
        fact(f, "command"),
        "openssl s_client -connect mail.example.com:995 -servername mail.example.com -showcerts </dev/null"
    );
    expect_none(&r, F::InputTruncated);
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:465 -starttls smtp\nCONNECTED(00000003)\nDidn't find STARTTLS in server response, trying anyway...\nwrite:errno=32\n",
    );
    assert_eq!(fact(expect(&r, F::TlsModeMismatch), "direction"), "starttls_not_offered");
    // A port that is no mail port: all three services are offered.
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:8143\nCONNECTED(00000003)\n80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:x.c:1:\n",
    );
    assert_eq!(fact(expect(&r, F::TlsModeMismatch), "tls_port"), "993 (IMAP), 995 (POP3) or 465 (SMTP)");
}

#[test]
fn tls_mode_mismatch_passes() {
    expect_none(&run_file("imap-starttls-143.txt"), F::TlsModeMismatch);
    expect_none(&run_file("smtps-465-status.txt"), F::TlsModeMismatch);
}

#[test]
fn no_peer_certificate_fails() {
    let r = run_file("keytool-refused.txt");
    let f = expect(&r, F::NoPeerCertificate);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "client"), "keytool");
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:993\nCONNECTED(00000003)\n---\nno peer certificate available\n---\nVerify return code: 0 (ok)\n",
    );
    expect(&r, F::NoPeerCertificate);
    // OpenSSL's "0 (ok)" without a certificate is not explained as a verdict.
    expect_none(&r, F::OpensslVerifyError);
}

#[test]
fn no_peer_certificate_passes() {
    expect_none(&run_file("keytool.txt"), F::NoPeerCertificate);
    // A more specific reason replaces it.
    expect_none(&run_file("implicit-tls-on-submission-port.txt"), F::NoPeerCertificate);
}

#[test]
fn handshake_failed_fails() {
    let r = run_file("tls11-refused.txt");
    let f = expect(&r, F::HandshakeFailed);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "cause"), "old_version_refused");
    assert_eq!((fact(f, "alert"), fact(f, "alert_name")), (&Value::from(70), &Value::from("protocol_version")));
    assert_eq!(fact(f, "version_forced"), "TLSv1.1");
    let r = run_file("tls11-dovecot.txt");
    assert_eq!(fact(expect(&r, F::HandshakeFailed), "cause"), "old_version_refused");
    let r = run_text(
        "$ openssl s_client -connect mail.example.com:993\nCONNECTED(00000003)\n40:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:x.c:1:SSL alert number 40\n---\nno peer certificate available\n",
    );
    let f = expect(&r, F::HandshakeFailed);
    assert_eq!((fact(f, "cause"), fact(f, "alert_name")), (&Value::from("alert"), &Value::from("handshake_failure")));
    // -verify_return_error: OpenSSL hangs up over its own verify error, which is explained.
    let r = run_text("$ openssl s_client -connect mail.example.com:993 -verify_return_error
CONNECTED(00000003)
depth=0 CN = mail.example.com
verify error:num=18:self-signed certificate
40:error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1889:
---
no peer certificate available
");
    assert_eq!(fact(expect(&r, F::HandshakeFailed), "cause"), "certificate_verify_failed");
    assert_eq!(fact(expect(&r, F::OpensslVerifyError), "code"), 18);
}

#[test]
fn handshake_failed_passes() {
    expect_none(&run_file("tls11-accepted.txt"), F::HandshakeFailed);
    expect_none(&run_file("imaps-993.txt"), F::HandshakeFailed);
}

#[test]
fn tls_version_obsolete_fails() {
    let r = run_file("tls11-accepted.txt");
    let f = expect(&r, F::TlsVersionObsolete);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(fact(f, "protocol"), "TLSv1.1");
    // The chain is fine, but a mail app refuses TLS 1.1: not trusted.
    assert_eq!(r.verdict, Verdict::Untrusted);
    assert_eq!(r.chain.status, certscope::report::ChainStatus::Trusted);
}

#[test]
fn tls_version_obsolete_passes() {
    expect_none(&run_file("imaps-993.txt"), F::TlsVersionObsolete);
    // A refused TLS 1.1 handshake negotiated nothing.
    expect_none(&run_file("tls11-refused.txt"), F::TlsVersionObsolete);
}

#[test]
fn sni_missing_fails() {
    let r = run_file("no-sni.txt");
    let f = expect(&r, F::SniMissing);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fact(f, "expected"), "mail.example.test");
    assert_eq!(fact(f, "names"), &serde_json::json!(["default.example.test"]));
    assert_eq!(
        fact(f, "command"),
        "openssl s_client -connect 127.0.0.1:11443 -servername mail.example.test -showcerts </dev/null"
    );
}

#[test]
fn sni_missing_passes() {
    expect_none(&run_file("with-sni.txt"), F::SniMissing);
    // SNI not sent, but the certificate covers the name anyway: nothing to say.
    let mut o = opts("no-sni.txt");
    o.host = Some("default.example.test".into());
    expect_none(&run(&read("no-sni.txt"), &o), F::SniMissing);
}

#[test]
fn input_truncated_fails() {
    let text = String::from_utf8(read("imaps-993.txt")).unwrap();
    let cut = &text[..text.find("-----END CERTIFICATE-----").unwrap() - 100];
    let r = run(cut.as_bytes(), &opts("imaps-993.txt"));
    let f = expect(&r, F::InputTruncated);
    assert_eq!(f.severity, Severity::Warning);
    let missing = serde_json::to_string(fact(f, "missing")).unwrap();
    assert!(missing.contains("end of a certificate") && missing.contains("outcome of the handshake"), "{missing}");
    let r = run_text("$ openssl s_client -connect mail.example.com:993 -servername mail.example.com 2>/dev/null\n");
    let missing = serde_json::to_string(fact(expect(&r, F::InputTruncated), "missing")).unwrap();
    assert!(missing.contains("2>&1"), "{missing}");
    expect_none(&r, F::NoCertificate);
}

#[test]
fn input_truncated_passes() {
    expect_none(&run_file("imaps-993.txt"), F::InputTruncated);
    expect_none(&run_file("keytool.txt"), F::InputTruncated);
}

#[test]
fn openssl_verify_error_fails() {
    // OpenSSL used this machine's store (20); certscope was given the test root and trusts.
    let r = run_file("imaps-993.txt");
    let f = expect(&r, F::OpensslVerifyError);
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(fact(f, "code"), 20);
    assert_eq!(fact(f, "name"), "X509_V_ERR_UNABLE_TO_GET_LOCAL_ISSUER_CERT");
    assert_eq!(fact(f, "verdicts"), "differ");
    assert!(fact(f, "comparison").as_str().unwrap().contains("this machine's trust store"), "{:?}", f.facts);
    assert_eq!(f.cert, Some(1), "depth 1 is the intermediate");
    // Without the root both distrust the chain: they agree.
    let mut o = opts("imaps-993.txt");
    o.trust.clear();
    let r = run(&read("imaps-993.txt"), &o);
    assert_eq!(fact(expect(&r, F::OpensslVerifyError), "verdicts"), "agree");
    // OpenSSL said OK, but was not asked to check the name: certscope says why they differ.
    let certs = {
        let text = String::from_utf8(read("verify-hostname.txt")).unwrap();
        text.replace("-verify_hostname mail.example.test ", "").replace("Verified peername: mail.example.test\n", "")
    };
    let mut o = opts("verify-hostname.txt");
    o.host = Some("imap.example.org".into());
    let r = run(certs.as_bytes(), &o);
    let f = expect(&r, F::OpensslVerifyError);
    assert_eq!((fact(f, "code"), fact(f, "verdicts")), (&Value::from(0), &Value::from("differ")));
    assert!(fact(f, "comparison").as_str().unwrap().contains("-verify_hostname"), "{:?}", f.facts);
    // gnutls-cli's verdict is not OpenSSL's.
    expect_none(&run_file("gnutls-cli.txt"), F::OpensslVerifyError);
}

#[test]
fn openssl_verify_error_passes() {
    // -CAfile with the root and -verify_hostname: OpenSSL's 0 is certscope's trusted.
    expect_none(&run_file("verify-hostname.txt"), F::OpensslVerifyError);
}

// ---------------------------------------------------------------------------------------------
// Several captures in one paste.

#[test]
fn several_captures_are_reported_one_by_one() {
    let r = run_file("capture-script.txt");
    assert_eq!(r.captures.len(), 7);
    let ports: Vec<Option<u16>> = r.captures.iter().map(|c| c.port).collect();
    assert_eq!(ports, [11993, 11143, 11995, 11110, 11465, 11587, 11025].map(Some).to_vec());
    for c in &r.captures {
        assert_eq!(c.verdict, Verdict::Trusted, "capture {}", c.index);
        assert_eq!(c.chain.path.len(), 3, "leaf, intermediate and the test root");
        assert_eq!(c.host.as_deref(), Some("mail.example.test"));
    }
    // Each capture's certificates are its own, and each finding names its capture.
    let per_capture: Vec<usize> = r.captures.iter().map(|c| c.certificates.len()).collect();
    assert_eq!(per_capture, vec![3; 7]);
    assert_eq!(r.input.captures.len(), 7);
    let capture_of: Vec<u64> = r.findings.iter().map(|f| f.facts["capture"].as_u64().unwrap()).collect();
    assert_eq!(capture_of.len(), 7, "one openssl_verify_error per capture\n{}", summary(&r));

    // A good port and a refused one, and one with an expired... mixed verdicts.
    let mut text = read("imaps-993.txt");
    text.extend_from_slice(&read("refused.txt"));
    text.extend_from_slice(&read("tls11-accepted.txt"));
    let r = run(&text, &opts("imaps-993.txt"));
    let verdicts: Vec<Verdict> = r.captures.iter().map(|c| c.verdict).collect();
    assert_eq!(verdicts, vec![Verdict::Trusted, Verdict::InvalidInput, Verdict::Untrusted]);
    assert_eq!(r.verdict, Verdict::Untrusted);
    let of = |id: FindingId| {
        r.findings.iter().filter(|f| f.id == id).map(|f| f.facts["capture"].as_u64().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(of(F::ConnectionFailed), vec![1]);
    assert_eq!(of(F::TlsVersionObsolete), vec![2]);
    // Two captures sending the same certificates are not duplicates of each other.
    let mut twice = read("imaps-993.txt");
    twice.extend_from_slice(&read("imaps-993.txt"));
    let r = run(&twice, &opts("imaps-993.txt"));
    expect_none(&r, F::DuplicateCert);
    assert_eq!(r.verdict, Verdict::Trusted);
}

#[test]
fn one_capture_has_no_capture_list() {
    let r = run_file("imaps-993.txt");
    assert!(r.captures.is_empty());
    assert!(r.findings.iter().all(|f| !f.facts.contains_key("capture")));
    let json = serde_json::to_value(&r).unwrap();
    assert!(json.get("captures").is_none());
    assert_eq!(json["input"]["captures"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// OpenSSL's verify results.

#[test]
fn verify_table_covers_every_code_openssl_3_prints() {
    let codes: Vec<i64> = OPENSSL_VERIFY_CODES.iter().map(|v| v.code).collect();
    assert_eq!(codes, (0..=100).collect::<Vec<i64>>(), "one entry per code, in order");
    for v in OPENSSL_VERIFY_CODES {
        assert!(v.name.starts_with("X509_V_"), "{}", v.name);
        assert!(!v.text.is_empty() && (v.meaning.ends_with('.') || v.meaning.ends_with(".)")), "{}", v.name);
        assert_eq!(verify_code_by_text(v.text).map(|e| e.code), Some(v.code), "{}", v.text);
    }
    let names: std::collections::BTreeSet<&str> = OPENSSL_VERIFY_CODES.iter().map(|v| v.name).collect();
    assert_eq!(names.len(), OPENSSL_VERIFY_CODES.len());
    // Older OpenSSL and LibreSSL spellings; the text wins where the number moved.
    assert_eq!(verify_code_by_text("self signed certificate").map(|v| v.code), Some(18));
    assert_eq!(verify_code_by_text("invalid CA certificate").map(|v| v.code), Some(79));
    assert_eq!(verify_code(20).map(|v| v.text), Some("unable to get local issuer certificate"));
    assert_eq!(verify_code(101), None);
}

/// The texts of the table are those of the OpenSSL on this machine, when it is OpenSSL 3:
/// `openssl verify` prints "error N at depth D lookup: TEXT" for a few codes it can provoke.
#[test]
fn verify_texts_match_the_local_openssl() {
    let Ok(out) = std::process::Command::new("openssl").arg("version").output() else {
        eprintln!("openssl is not installed; skipped");
        return;
    };
    if !String::from_utf8_lossy(&out.stdout).starts_with("OpenSSL 3") {
        eprintln!("not OpenSSL 3; skipped");
        return;
    }
    let none = ["-no-CAfile", "-no-CApath", "-no-CAstore"];
    let root = format!("{MAIL}root.pem");
    let leaf = format!("{MAIL}x509-text.txt");
    let runs: [(Vec<&str>, i64); 3] = [
        // A self-signed root checked against an empty store.
        ([&none[..], &[root.as_str()]].concat(), 18),
        // The leaf without its intermediate.
        ([&["-no-CApath", "-no-CAstore", "-CAfile", root.as_str()][..], &[leaf.as_str()]].concat(), 20),
        // The root, trusted, in 2100.
        (
            [&none[..], &["-partial_chain", "-trusted", root.as_str(), "-attime", "4102444800", root.as_str()]]
                .concat(),
            10,
        ),
    ];
    for (args, want) in runs {
        let out = std::process::Command::new("openssl").arg("verify").args(&args).output().expect("openssl verify");
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        // "error 18 at 0 depth lookup: self-signed certificate"
        let line = text
            .lines()
            .find(|l| l.starts_with("error ") && l.contains(" lookup: "))
            .unwrap_or_else(|| panic!("{text}"));
        let (code, printed) = line.trim_start_matches("error ").split_once(" at ").unwrap();
        let printed = printed.split_once("lookup: ").map_or(printed, |(_, t)| t);
        let code: i64 = code.parse().unwrap();
        assert_eq!(code, want, "{line}");
        assert_eq!(verify_code(code).map(|v| v.text), Some(printed.trim()), "{line}");
    }
}

// ---------------------------------------------------------------------------------------------
// The companion script.

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/certscope-capture.sh");

#[test]
fn companion_script_is_short_posix_sh_using_only_openssl() {
    let text = std::fs::read_to_string(SCRIPT).unwrap();
    assert!(text.lines().count() <= 50, "readable in one screen: {} lines", text.lines().count());
    assert!(text.starts_with("#!/bin/sh\n"));
    for port in ["993/tls", "143/imap", "995/tls", "110/pop3", "465/tls", "587/smtp", "25/smtp"] {
        assert!(text.contains(port), "{port}");
    }
    // Outside comments, the only program run besides the shell's own is openssl (and the
    // standard mktemp, sleep, grep, cat, tail, rm that every Unix has).
    for shell in ["sh", "dash", "bash"] {
        if let Ok(out) = std::process::Command::new(shell).arg("-n").arg(SCRIPT).output() {
            assert!(out.status.success(), "{shell} -n: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

/// Run against a closed port on 127.0.0.1: it leaves the port out and says so on stderr.
#[test]
fn companion_script_leaves_out_ports_that_do_not_answer() {
    if std::process::Command::new("openssl").arg("version").output().is_err() {
        eprintln!("openssl is not installed; skipped");
        return;
    }
    let out = std::process::Command::new("sh")
        .arg(SCRIPT)
        .args(["mail.example.test", "1/tls", "1/imap"])
        .env("CERTSCOPE_CONNECT", "127.0.0.1")
        .env("CERTSCOPE_TIMEOUT", "5")
        .output()
        .expect("sh");
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("(left out)").count(), 2, "{stderr}");
    let bad = std::process::Command::new("sh")
        .arg(SCRIPT)
        .args(["mail.example.test", "1/http"])
        .env("CERTSCOPE_CONNECT", "127.0.0.1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("MODE is tls, imap, pop3 or smtp"));
}
