//! Hostile inputs: every file in `tests/hostile/` must give a report, with a sensible verdict and,
//! when it goes over one of certscope's limits, a `limit_reached` finding naming that limit.
//!
//! The files are made by `scripts/make-hostile.sh`, which runs [`generate`] below (rcgen through
//! `tests/pki`, plus a small DER editor) and copies x509-limbo's `pathological::*` cases out of
//! `tests/limbo/limbo.json.gz`. They are committed: a run of the generator makes new keys, so the
//! bytes change, but every case keeps its meaning. Files over 64 KiB are stored gzipped
//! (`NAME.gz`); the test reads them either way.
//!
//! A panic anywhere fails the test (inspect is called normally). Each report is also checked
//! against the invariants of the fuzz harness (`fuzz/src/lib.rs`: indices in range, signature
//! budget kept, the verdict agrees with the chain). Besides the files, [`truncated_everywhere`],
//! [`wrong_lengths_everywhere`] and [`input_over_max_bytes`] derive many more inputs from the
//! committed ones at run time. Time bounds are not checked here: `benches/adversarial.rs` does
//! (each case under 100 ms natively).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: failing loudly is the point"
)]

mod pki;

#[allow(dead_code, reason = "the replay test uses the rest of the harness")]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use certscope::{FindingId, Options, Profile, Report, Verdict};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use pki::{alg_id, bit_string, extension, integer, oid, seq, tlv, Node, Tbs, NOW};

// ---------------------------------------------------------------------------------------------
// The cases.

/// What to trust when inspecting a case.
#[derive(Clone, Copy, Debug)]
enum Trust {
    /// Only `tests/hostile/root.pem`, the root of the generated test PKI.
    Root,
    /// Only the case's own `NAME.trust.pem` (path-building sets, limbo cases).
    Own,
}

/// One hostile input and what its report must say.
struct Case {
    /// File name under `tests/hostile/` (without a `.gz` it may be stored with).
    file: &'static str,
    /// Why the input is hostile.
    what: &'static str,
    trust: Trust,
    /// The host asked about.
    host: &'static str,
    /// The verdicts that are sensible for it.
    verdicts: &'static [Verdict],
    /// Findings the report must hold: `id`, `id|id` (one of them), or `limit_reached:MAX_NAME`;
    /// `!id`: a finding the report must not hold.
    findings: &'static [&'static str],
}

const HOST: &str = pki::HOST;
const TRUSTED: &[Verdict] = &[Verdict::Trusted];
const UNTRUSTED: &[Verdict] = &[Verdict::Untrusted];
const INVALID: &[Verdict] = &[Verdict::InvalidInput];
const NOT_TRUSTED: &[Verdict] = &[Verdict::Untrusted, Verdict::InvalidInput];
/// For the few inputs where accepting and rejecting are both defensible (each says why).
const ANY_CHAIN_VERDICT: &[Verdict] = &[Verdict::Trusted, Verdict::Untrusted];

const fn case(file: &'static str, what: &'static str, verdicts: &'static [Verdict], findings: &'static [&'static str]) -> Case {
    Case { file, what, trust: Trust::Root, host: HOST, verdicts, findings }
}

const fn own(file: &'static str, what: &'static str, host: &'static str, verdicts: &'static [Verdict], findings: &'static [&'static str]) -> Case {
    Case { file, what, trust: Trust::Own, host, verdicts, findings }
}

/// Every committed hostile input. `generate` writes exactly these files (and `root.pem`,
/// `chain.pem`, `leaf.der`, the material the derived tests start from).
const CASES: &[Case] = &[
    // --- The untouched chain: the baseline every edit below starts from.
    case("chain.pem", "the generated chain, unedited", TRUSTED, &[]),
    case("leaf.der", "the leaf alone, as DER", UNTRUSTED, &["missing_intermediate"]),
    // --- Truncated DER (every offset is tried by `truncated_everywhere`).
    case("truncated-at-1.der", "one byte of a certificate", INVALID, &["no_certificate"]),
    case("truncated-at-4.der", "the SEQUENCE header only", INVALID, &["no_certificate"]),
    case("truncated-in-tbs.der", "cut inside the tbsCertificate", INVALID, &["no_certificate"]),
    case("truncated-in-signature.der", "cut one byte before the end", INVALID, &["no_certificate"]),
    case("truncated-in-chain.pem", "the intermediate's PEM body cut in half, END line kept", UNTRUSTED, &["missing_intermediate"]),
    // --- Wrong lengths (every length field is tried by `wrong_lengths_everywhere`).
    case("length-outer-plus-one.der", "the certificate's length runs one byte past the end", INVALID, &["no_certificate"]),
    case("length-outer-minus-one.der", "the certificate's length is one byte short", NOT_TRUSTED, &["no_certificate|malformed_certificate"]),
    case("length-tbs-plus-one.der", "tbsCertificate's length swallows a byte of the algorithm", NOT_TRUSTED, &["no_certificate|malformed_certificate"]),
    case("length-outer-huge.der", "a length of 2^31-1 bytes", INVALID, &["no_certificate"]),
    case("length-outer-5-bytes.der", "a length field of 5 octets", INVALID, &["no_certificate"]),
    // x509-parser reads the non-minimal length and the signature covers only the
    // tbsCertificate; certscope checks the encoding itself and rejects it, as rustls-webpki and Go.
    case("length-nonminimal.der", "the leaf with a non-minimal (BER) length 0x83 00 .., then the intermediate", UNTRUSTED, &["malformed_certificate"]),
    // --- Indefinite-length BER.
    case("ber-indefinite-cert.der", "the certificate SEQUENCE with an indefinite length", INVALID, &["no_certificate"]),
    case("ber-indefinite-tbs.der", "tbsCertificate with an indefinite length", NOT_TRUSTED, &["no_certificate|malformed_certificate"]),
    case("ber-indefinite-pkcs7.der", "a PKCS#7 bundle of the chain, indefinite lengths throughout", INVALID, &["no_certificate"]),
    // --- Deep nesting.
    case("deep-nesting-definite.der", "10,000 nested SEQUENCEs, definite lengths", INVALID, &["no_certificate"]),
    case("deep-nesting-indefinite.der", "10,000 nested SEQUENCEs, indefinite lengths", INVALID, &["no_certificate"]),
    case("deep-nesting-pkcs7.der", "a PKCS#7 whose certificate is 1,000 nested SEQUENCEs", UNTRUSTED, &["malformed_certificate"]),
    case("deep-nesting-in-san.pem", "a SAN otherName whose value is 1,000 nested SEQUENCEs", TRUSTED, &[]),
    case("deep-nesting-in-policy.pem", "a certificatePolicies qualifier nested 1,000 deep", TRUSTED, &[]),
    case("deep-nesting-in-subject.pem", "a subject attribute value nested 1,000 deep", TRUSTED, &[]),
    // --- Serial numbers.
    case("serial-huge.der", "a 10,000-octet serial number", TRUSTED, &[]),
    case("serial-21-octets.pem", "a serial one octet over RFC 5280's 20", TRUSTED, &[]),
    case("serial-negative.pem", "serial number -1", TRUSTED, &[]),
    case("serial-zero.pem", "serial number 0", TRUSTED, &[]),
    // NOTE: RFC 5280 4.1.2.2 says positive and at most 20 octets, but "certificate users SHOULD
    // be prepared to gracefully handle" others; rustls-webpki accepts any INTEGER
    // (lenient_certificate_serial_number), and so does certscope.
    case("serial-empty.pem", "an INTEGER with no content octets", TRUSTED, &[]),
    case("serial-nonminimal.pem", "serial 00 00 01 (non-minimal INTEGER)", TRUSTED, &[]),
    // --- Impossible dates.
    case("date-inverted.pem", "notAfter before notBefore", UNTRUSTED, &["validity_invalid"]),
    case("date-month-13.pem", "UTCTime with month 13", UNTRUSTED, &["malformed_certificate"]),
    case("date-feb-30.pem", "UTCTime 30 February", UNTRUSTED, &["malformed_certificate"]),
    case("date-hour-24.pem", "UTCTime at 24:00:00", UNTRUSTED, &["malformed_certificate"]),
    case("date-no-seconds-no-z.pem", "UTCTime without seconds and without Z", UNTRUSTED, &["malformed_certificate"]),
    case("date-garbage.pem", "UTCTime of letters", UNTRUSTED, &["malformed_certificate"]),
    case("date-year-9999.pem", "notAfter 9999-12-31 (RFC 5280 'no expiry')", UNTRUSTED, &["validity_too_long"]),
    // The 825/398-day rules apply to certificates issued after 2019, known by notBefore.
    case("date-year-0000.pem", "notBefore in year 0", TRUSTED, &[]),
    // RFC 5280 4.1.2.5.1 requires Z; x509-parser reads the offset, certscope checks and rejects.
    case("date-utc-offset.pem", "UTCTime with a +0100 offset instead of Z", UNTRUSTED, &["malformed_certificate"]),
    // --- Extensions.
    case("ext-unknown-critical.pem", "an unknown critical extension in the leaf", UNTRUSTED, &["unknown_critical_extension"]),
    case("ext-unknown-critical-inter.pem", "an unknown critical extension in the intermediate", UNTRUSTED, &["unknown_critical_extension"]),
    case("ext-duplicate-san.pem", "subjectAltName twice", UNTRUSTED, &["duplicate_extension"]),
    case("ext-duplicate-bc-inter.pem", "basicConstraints CA:TRUE and CA:FALSE in the intermediate", UNTRUSTED, &["duplicate_extension"]),
    case("ext-malformed-san.pem", "a subjectAltName that is not DER", UNTRUSTED, &["extension_invalid"]),
    // Reading extensions was quadratic in their number (5 s for 80,000 before the fix); the
    // findings they cause are capped per certificate. Timed in benches/adversarial.rs.
    case("ext-20000-unknown.der", "20,000 distinct non-critical unknown extensions", TRUSTED, &[]),
    case("ext-20000-unknown-critical.der", "20,000 distinct critical unknown extensions", UNTRUSTED, &["unknown_critical_extension", "limit_reached:MAX_SAME_FINDINGS_PER_CERT"]),
    case("ext-20000-duplicates.der", "10,000 unknown extensions, each twice", UNTRUSTED, &["duplicate_extension", "limit_reached:MAX_SAME_FINDINGS_PER_CERT"]),
    // --- Names.
    case("name-invalid-utf8-cn.pem", "a UTF8String CN holding FF FE", TRUSTED, &[]),
    case("name-invalid-ia5-san.pem", "a dNSName holding bytes over 0x7F", UNTRUSTED, &["hostname_mismatch|extension_invalid|san_malformed"]),
    case("name-nul-in-san.pem", "dNSName 'mail.example.test\\0.evil.test'", UNTRUSTED, &["hostname_mismatch|san_malformed|extension_invalid"]),
    case("name-nul-in-cn.pem", "CN 'mail.example.test\\0.evil.test'", TRUSTED, &["cn_not_in_san"]),
    case("name-bidi-cn.pem", "a CN with a right-to-left override", TRUSTED, &["cn_not_in_san"]),
    case("name-bmpstring-odd.pem", "a BMPString CN of odd length", TRUSTED, &[]),
    case("name-cn-100k.der", "a 100,000-character CN", TRUSTED, &["cn_not_in_san"]),
    case("name-10000-rdns.der", "a subject of 10,000 RDNs", TRUSTED, &[]),
    case("name-10000-rdns-nc.der", "a subject of 10,000 RDNs under a directoryName constraint", UNTRUSTED, &["name_constraints_violated"]),
    case("name-20000-cns.der", "a subject with 20,000 different CNs", TRUSTED, &["cn_not_in_san", "limit_reached:MAX_NAMES_PER_CERT", "limit_reached:MAX_SAME_FINDINGS_PER_CERT"]),
    // --- Sizes.
    case("san-10000-host-first.der", "10,000 SAN dNSNames, the host first", TRUSTED, &["limit_reached:MAX_NAMES_PER_CERT"]),
    case("san-10000-host-last.der", "10,000 SAN dNSNames, the host last (past the limit)", UNTRUSTED, &["limit_reached:MAX_NAMES_PER_CERT", "hostname_mismatch"]),
    case("nc-budget.pem", "1,000 permitted dNSName subtrees, 1,000 SAN names each inside only the last", UNTRUSTED, &["name_constraints_violated", "limit_reached:MAX_NAME_CONSTRAINT_COMPARISONS"]),
    // --- Signature algorithms.
    case("sigalg-mismatch.pem", "tbsCertificate says ECDSA-SHA384, the outer field ECDSA-SHA256", UNTRUSTED, &["signature_algorithm_mismatch"]),
    case("sigalg-rsa-oid-on-ecdsa.pem", "sha256WithRSAEncryption on an ECDSA signature", UNTRUSTED, &["bad_signature|unsupported_signature_algorithm"]),
    case("sigalg-unknown-oid.pem", "signature algorithm 1.2.3.4.5", UNTRUSTED, &["unsupported_signature_algorithm"]),
    case("sigalg-ecdsa-null-params.pem", "ecdsa-with-SHA256 with NULL parameters", UNTRUSTED, &["unsupported_signature_algorithm"]),
    case("sigalg-garbage-signature.pem", "100 random bytes as the signature", UNTRUSTED, &["bad_signature"]),
    case("sigalg-empty-signature.pem", "an empty signature BIT STRING", UNTRUSTED, &["bad_signature"]),
    // --- Keys.
    case("key-ec-off-curve-inter.pem", "the intermediate's P-256 point is not on the curve", UNTRUSTED, &["bad_signature"]),
    // NOTE: nothing verifies with the leaf's key during path validation, so nothing notices
    // (rustls-webpki neither); the handshake would fail. See fuzz/README.md.
    case("key-ec-off-curve-leaf.pem", "the leaf's P-256 point is not on the curve", ANY_CHAIN_VERDICT, &[]),
    case("key-ec-compressed-inter.pem", "the intermediate's point in compressed form", UNTRUSTED, &["bad_signature|unsupported_signature_algorithm"]),
    case("key-ec-infinity-inter.pem", "the intermediate's point is the point at infinity", UNTRUSTED, &["bad_signature"]),
    case("key-ec-short-inter.pem", "the intermediate's point is 11 bytes", UNTRUSTED, &["bad_signature"]),
    case("key-ec-unknown-curve-leaf.pem", "the leaf's key is on curve 1.2.3.4", UNTRUSTED, &["unsupported_key_type"]),
    case("key-ec-no-curve-leaf.pem", "the leaf's EC key names no curve", UNTRUSTED, &["unsupported_key_type"]),
    case("key-rsa-exponent-1-leaf.pem", "an RSA key with e = 1", UNTRUSTED, &["weak_key"]),
    case("key-rsa-exponent-huge-leaf.pem", "an RSA key with a 200-bit exponent", UNTRUSTED, &["weak_key"]),
    case("key-rsa-512-leaf.pem", "a 512-bit RSA key", UNTRUSTED, &["weak_key_rsa1024"]),
    case("key-rsa-16384-inter.pem", "the intermediate has a 16,384-bit RSA key", UNTRUSTED, &["bad_signature|unsupported_signature_algorithm"]),
    // --- Path building.
    own("mesh-12.pem", "12 CAs named alike, each cross-signed by the 11 others; the anchor is a 13th key", HOST, UNTRUSTED, &["limit_reached:MAX_SIGNATURE_CHECKS|limit_reached:MAX_BUILD_CALLS|limit_reached:MAX_PATHS_JUDGED"]),
    own("mesh-12-reachable.pem", "the same mesh; the anchor is the 12th key (leaf <- CA1 by CA12 <- anchor)", HOST, TRUSTED, &[]),
    // The path is cut at MAX_PATH_CERTS with the next issuer sent: not missing, not an untrusted
    // root, and the certificates above the cut are not unrelated.
    own("chain-200.pem", "a chain of 200 certificates, 199 distinct CAs", HOST, UNTRUSTED, &["chain_too_long", "!untrusted_root", "!missing_intermediate", "!unrelated_cert"]),
    case("copies-500.der", "the leaf then 500 copies of the intermediate (DER)", TRUSTED, &["limit_reached:MAX_CERTS", "duplicate_cert"]),
    case("copies-500-leaf.pem", "500 copies of the leaf", UNTRUSTED, &["limit_reached:MAX_CERTS", "duplicate_cert", "missing_intermediate"]),
    // --- Input limits.
    case("input-pem-blocks-450.pem", "the chain, 248 copies of the intermediate, 200 unknown PEM blocks", TRUSTED, &["limit_reached:MAX_PEM_BLOCKS"]),
    case("input-others-300.pem", "the chain and 300 unknown PEM blocks", TRUSTED, &["limit_reached:MAX_OTHERS"]),
    case("input-capture-100-entries.txt", "an s_client capture listing 100 chain entries", TRUSTED, &["limit_reached:MAX_CAPTURE_ENTRIES"]),
    case("input-long-line.txt", "a 200 KiB line of base64 before the chain", TRUSTED, &[]),
    // --- x509-limbo pathological::* (expected results from limbo; Web PKI profile).
    own("limbo-multiple-chains-expired-intermediate.pem", "limbo pathological::multiple-chains-expired-intermediate", "example.com", TRUSTED, &[]),
    own("limbo-intermediate-cycle-distinct-cas.pem", "limbo pathological::intermediate-cycle-distinct-cas", "example.com", UNTRUSTED, &[]),
    own("limbo-intermediate-cycle-distinct-cas-max-depth.pem", "limbo pathological::intermediate-cycle-distinct-cas-max-depth", "example.com", UNTRUSTED, &[]),
    own("limbo-intermediate-cycle-same-logical-ca.pem", "limbo pathological::intermediate-cycle-same-logical-ca", "example.com", UNTRUSTED, &[]),
    own("limbo-nc-dos-1.pem", "limbo pathological::nc-dos-1", "t0.test", UNTRUSTED, &["name_constraints_violated"]),
    own("limbo-nc-dos-2.pem", "limbo pathological::nc-dos-2", "t0.test", UNTRUSTED, &["name_constraints_violated"]),
    own("limbo-nc-dos-3.pem", "limbo pathological::nc-dos-3", "t0.test", UNTRUSTED, &["name_constraints_violated"]),
    own("limbo-pathological-chain-distinct-subject-distinct-key.pem", "limbo pathological::pathological-chain-distinct-subject-distinct-key", "example.com", UNTRUSTED, &[]),
    own("limbo-pathological-chain-same-subject-distinct-key.pem", "limbo pathological::pathological-chain-same-subject-distinct-key", "example.com", UNTRUSTED, &[]),
    own("limbo-pathological-chain-distinct-subject-same-key.pem", "limbo pathological::pathological-chain-distinct-subject-same-key", "example.com", UNTRUSTED, &[]),
    own("limbo-pathological-chain-same-subject-same-key.pem", "limbo pathological::pathological-chain-same-subject-same-key", "example.com", UNTRUSTED, &[]),
];

// ---------------------------------------------------------------------------------------------
// Running the cases.

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("hostile")
}

/// Reads `tests/hostile/NAME`, or `NAME.gz` gunzipped.
fn read(name: &str) -> Vec<u8> {
    let plain = dir().join(name);
    if let Ok(bytes) = std::fs::read(&plain) {
        return bytes;
    }
    let gz = dir().join(format!("{name}.gz"));
    let file = std::fs::File::open(&gz).unwrap_or_else(|e| panic!("{}: {e} (run scripts/make-hostile.sh)", gz.display()));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut out).unwrap();
    out
}

fn options(case: &Case) -> Options {
    let trust = match case.trust {
        Trust::Root => vec![read("root.pem")],
        Trust::Own => vec![read(&case.file.replace(".pem", ".trust.pem"))],
    };
    // limbo cases are judged by the Web PKI rules, as the limbo harness does.
    let profile = if case.file.starts_with("limbo-") { Profile::WebPki } else { Profile::MailStrict };
    Options { host: Some(case.host.into()), at: NOW, trust, only_trusted_roots: true, profile, ..Options::default() }
}

fn has(report: &Report, want: &str) -> bool {
    want.split('|').any(|w| match w.split_once(':') {
        Some((id, limit)) => report
            .findings
            .iter()
            .any(|f| f.id.as_str() == id && f.facts.get("limit").and_then(|v| v.as_str()) == Some(limit)),
        None => report.findings.iter().any(|f| f.id.as_str() == w),
    })
}

fn summary(report: &Report) -> String {
    let mut s = format!("verdict {:?}, chain {:?} {:?}:", report.verdict, report.chain.status, report.chain.path);
    for f in report.findings.iter().take(12) {
        let limit = f.facts.get("limit").and_then(|v| v.as_str()).map(|l| format!(" ({l})")).unwrap_or_default();
        s.push_str(&format!("\n    {:?} {}{limit}: {}", f.severity, f.id.as_str(), truncate(&f.message, 160)));
    }
    if report.findings.len() > 12 {
        s.push_str(&format!("\n    ... and {} more", report.findings.len() - 12));
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}...", s.chars().take(n).collect::<String>()) }
}

/// Inspects one case and returns what is wrong with its report (nothing when all is well).
fn run(case: &Case) -> Option<String> {
    let input = read(case.file);
    let opts = options(case);
    let report = certscope::inspect(&input, &opts);
    harness::check_report(&report);
    // The same input with Mozilla's roots and no user trust: only the invariants are checked.
    harness::check_report(&certscope::inspect(&input, &harness::options()));
    let mut problems = Vec::new();
    if !case.verdicts.contains(&report.verdict) {
        problems.push(format!("verdict {:?}, expected one of {:?}", report.verdict, case.verdicts));
    }
    for want in case.findings {
        match want.strip_prefix('!') {
            Some(unwanted) if has(&report, unwanted) => problems.push(format!("a {unwanted} finding")),
            Some(_) => {}
            None if !has(&report, want) => problems.push(format!("no {want} finding")),
            None => {}
        }
    }
    // Nothing from the input reaches a report raw: no bidi, NUL, control or invisible character.
    let mut raw = Vec::new();
    hidden_strings(&serde_json::to_value(&report).unwrap(), "report", &mut raw);
    if !raw.is_empty() {
        problems.push(format!("unescaped hidden characters in {}", raw.join(", ")));
    }
    // A limit that was reached is named, never silent: no `limit_reached` without its name.
    for f in report.findings.iter().filter(|f| f.id == FindingId::LimitReached) {
        if f.facts.get("limit").and_then(|v| v.as_str()).is_none() {
            problems.push("limit_reached without a limit".into());
        }
    }
    (!problems.is_empty()).then(|| format!("{} ({}): {}\n  {}", case.file, case.what, problems.join("; "), summary(&report)))
}

/// Paths of the strings in `v` that still hold a hidden character (`certscope::text::has_hidden`).
fn hidden_strings(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if certscope::text::has_hidden(s) => out.push(path.to_string()),
        serde_json::Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| hidden_strings(x, &format!("{path}[{i}]"), out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, x)| hidden_strings(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn every_hostile_input_gets_a_sensible_report() {
    let failures: Vec<String> = CASES.iter().filter_map(run).collect();
    assert!(failures.is_empty(), "{} of {} hostile inputs:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn every_file_is_a_case() {
    let mut known: Vec<String> = vec!["root.pem".into(), "README.md".into()];
    for c in CASES {
        known.push(c.file.into());
        if matches!(c.trust, Trust::Own) {
            known.push(c.file.replace(".pem", ".trust.pem"));
        }
    }
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let name = name.strip_suffix(".gz").unwrap_or(&name).to_string();
        if !known.contains(&name) {
            stray.push(name);
        }
    }
    assert!(stray.is_empty(), "files in tests/hostile/ that no case uses: {stray:?}");
    for name in &known {
        if name != "README.md" {
            let _ = read(name);
        }
    }
}

/// The leaf cut at every offset, alone and followed by the intermediate: never trusted, never a panic.
#[test]
fn truncated_everywhere() {
    let leaf = read("leaf.der");
    let chain = read("chain.pem");
    let opts = Options { host: Some(HOST.into()), at: NOW, trust: vec![read("root.pem")], only_trusted_roots: true, ..Options::default() };
    for n in 0..leaf.len() {
        let report = certscope::inspect(&leaf[..n], &opts);
        harness::check_report(&report);
        assert_ne!(report.verdict, Verdict::Trusted, "the leaf cut at {n} is trusted");
    }
    // Cut inside the PEM text: the first certificate (the leaf) is damaged or missing.
    let end_of_leaf = chain.windows(25).position(|w| w == b"-----END CERTIFICATE-----").unwrap();
    for n in (0..chain.len()).step_by(7) {
        let report = certscope::inspect(&chain[..n], &opts);
        harness::check_report(&report);
        if n < end_of_leaf {
            assert_ne!(report.verdict, Verdict::Trusted, "the chain cut at {n} is trusted");
        }
    }
}

/// Every length field of the leaf made one too long, one too short, 0x80 (indefinite) and
/// 0x84 FF FF FF FF: never trusted, never a panic.
#[test]
fn wrong_lengths_everywhere() {
    let leaf = read("leaf.der");
    let opts = Options { host: Some(HOST.into()), at: NOW, trust: vec![read("root.pem")], only_trusted_roots: true, ..Options::default() };
    let mut headers = Vec::new();
    tlv_headers(&leaf, 0, &mut headers);
    assert!(headers.len() > 50, "only {} TLVs found in the leaf", headers.len());
    for &(pos, len_at, len_octets) in &headers {
        for edit in 0..4 {
            let mut bytes = leaf.clone();
            match edit {
                0 | 1 => {
                    let last = len_at + len_octets - 1;
                    let old = bytes[last];
                    bytes[last] = if edit == 0 { old.wrapping_add(1) } else { old.wrapping_sub(1) };
                }
                2 => {
                    bytes.splice(len_at..len_at + len_octets, [0x80]);
                }
                _ => {
                    bytes.splice(len_at..len_at + len_octets, [0x84, 0xff, 0xff, 0xff, 0xff]);
                }
            }
            let report = certscope::inspect(&bytes, &opts);
            harness::check_report(&report);
            assert_ne!(report.verdict, Verdict::Trusted, "the leaf with the length of the TLV at {pos} edited ({edit}) is trusted");
        }
    }
}

/// (offset of the tag, offset of the length octets, number of length octets) of every TLV.
fn tlv_headers(der: &[u8], base: usize, out: &mut Vec<(usize, usize, usize)>) {
    let mut i = 0;
    while i + 2 <= der.len() {
        let tag = der[i];
        let first = der[i + 1];
        let (len, n) = if first < 0x80 {
            (usize::from(first), 1)
        } else {
            let k = usize::from(first & 0x7f);
            if k == 0 || k > 4 || i + 2 + k > der.len() {
                return;
            }
            (der[i + 2..i + 2 + k].iter().fold(0usize, |a, b| (a << 8) | usize::from(*b)), 1 + k)
        };
        let start = i + 1 + n;
        if start + len > der.len() {
            return;
        }
        out.push((base + i, base + i + 1, n));
        // Constructed (SEQUENCE, SET, context [n] constructed), and BIT/OCTET STRINGs that
        // hold DER (extension values, keys) are walked into.
        let content = &der[start..start + len];
        if tag & 0x20 != 0 || (tag == 0x04 && content.first().is_some_and(|b| *b == 0x30)) {
            tlv_headers(content, base + start, out);
        }
        i = start + len;
    }
}

/// More than MAX_INPUT_BYTES: the chain, then 5 MiB of spaces. The chain is still read and the
/// limit is named.
#[test]
fn input_over_max_bytes() {
    let mut input = read("chain.pem");
    input.extend(std::iter::repeat_n(b' ', 5 << 20));
    let opts = Options { host: Some(HOST.into()), at: NOW, trust: vec![read("root.pem")], only_trusted_roots: true, ..Options::default() };
    let report = certscope::inspect(&input, &opts);
    harness::check_report(&report);
    assert_eq!(report.verdict, Verdict::Trusted, "{}", summary(&report));
    assert!(has(&report, "limit_reached:MAX_INPUT_BYTES"), "{}", summary(&report));
}

// ---------------------------------------------------------------------------------------------
// The generator (scripts/make-hostile.sh).

/// Writes every file of `tests/hostile/`. Run by `scripts/make-hostile.sh`; does nothing unless
/// `CERTSCOPE_WRITE_HOSTILE=1`, so that `cargo test -- --ignored` never rewrites them.
#[test]
#[ignore = "writes tests/hostile/; run by scripts/make-hostile.sh"]
fn generate() {
    if std::env::var_os("CERTSCOPE_WRITE_HOSTILE").is_none() {
        eprintln!("set CERTSCOPE_WRITE_HOSTILE=1 to rewrite tests/hostile/");
        return;
    }
    let out = dir();
    for entry in std::fs::read_dir(&out).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n != "README.md") {
            std::fs::remove_file(path).unwrap();
        }
    }
    std::fs::create_dir_all(&out).unwrap();
    let mut g = Gen { written: Vec::new() };
    let chain = pki::Chain::new();
    let (root, inter, leaf) = (&chain.root, &chain.inter, &chain.leaf);

    g.write("root.pem", root.pem());
    g.write("chain.pem", chain.sent());
    g.write("leaf.der", &leaf.der);

    // A leaf re-signed after an edit, sent with the intermediate; and the reverse.
    let with_leaf = |edit: &dyn Fn(&mut Tbs)| -> Vec<u8> { pem_chain(&[&pki::reissue(&leaf.der, inter, edit), &inter.der]) };
    let with_inter = |edit: &dyn Fn(&mut Tbs)| -> Vec<u8> { pem_chain(&[&leaf.der, &pki::reissue(&inter.der, root, edit)]) };
    // The same as DER (concatenated), for the big ones: it gzips far better than base64.
    let with_leaf_der = |edit: &dyn Fn(&mut Tbs)| -> Vec<u8> { [pki::reissue(&leaf.der, inter, edit), inter.der.clone()].concat() };

    // Truncated.
    let l = &leaf.der;
    g.write("truncated-at-1.der", &l[..1]);
    g.write("truncated-at-4.der", &l[..4]);
    g.write("truncated-in-tbs.der", &l[..l.len() / 2]);
    g.write("truncated-in-signature.der", &l[..l.len() - 1]);
    {
        let text = String::from_utf8(chain.sent()).unwrap();
        let inter_pem = inter.pem();
        let body: Vec<&str> = inter_pem.lines().collect();
        let cut = format!("{}\n{}\n{}\n", body[0], body[1..body.len() - 1][..(body.len() - 2) / 2].join("\n"), body[body.len() - 1]);
        g.write("truncated-in-chain.pem", text.replace(&inter_pem, &cut));
    }

    // Wrong lengths: the leaf is 30 82 HH LL ...
    assert_eq!(&l[..2], &[0x30, 0x82]);
    let outer_len = usize::from(l[2]) << 8 | usize::from(l[3]);
    let content = &l[4..];
    let header = |len: usize| vec![0x30, 0x82, (len >> 8) as u8, len as u8];
    g.write("length-outer-plus-one.der", [header(outer_len + 1), content.to_vec()].concat());
    g.write("length-outer-minus-one.der", [header(outer_len - 1), content.to_vec()].concat());
    {
        let mut bytes = l.clone();
        // tbsCertificate: 30 82 HH LL at offset 4.
        let tbs_len = usize::from(bytes[6]) << 8 | usize::from(bytes[7]);
        bytes[6] = ((tbs_len + 1) >> 8) as u8;
        bytes[7] = (tbs_len + 1) as u8;
        g.write("length-tbs-plus-one.der", bytes);
    }
    g.write("length-outer-huge.der", [vec![0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], content.to_vec()].concat());
    g.write("length-outer-5-bytes.der", [vec![0x30, 0x85, 0, 0, 0, (outer_len >> 8) as u8, outer_len as u8], content.to_vec()].concat());
    g.write("length-nonminimal.der", [vec![0x30, 0x83, 0, (outer_len >> 8) as u8, outer_len as u8], content.to_vec(), inter.der.clone()].concat());

    // Indefinite-length BER.
    g.write("ber-indefinite-cert.der", indefinite(0x30, content));
    {
        let parts = pki::children(l);
        let tbs_content = pki::content(&parts[0]);
        let inner = [indefinite(0x30, tbs_content), parts[1].clone(), parts[2].clone()].concat();
        g.write("ber-indefinite-tbs.der", tlv(0x30, &inner));
    }
    {
        let certs = [leaf.der.clone(), inter.der.clone()].concat();
        let signed = [integer(&[1]), tlv(0x31, &[]), seq(&[oid("1.2.840.113549.1.7.1")]), indefinite(0xa0, &certs), tlv(0x31, &[])].concat();
        let p7 = [oid("1.2.840.113549.1.7.2"), indefinite(0xa0, &indefinite(0x30, &signed))].concat();
        g.write("ber-indefinite-pkcs7.der", indefinite(0x30, &p7));
    }

    // Deep nesting.
    let nested = |depth: usize| -> Vec<u8> { (0..depth).fold(vec![0x05, 0x00], |inner, _| tlv(0x30, &inner)) };
    g.write("deep-nesting-definite.der", nested(10_000));
    g.write("deep-nesting-indefinite.der", [[0x30u8, 0x80].repeat(10_000), vec![0x05, 0x00], [0u8, 0].repeat(10_000)].concat());
    {
        let signed = seq(&[integer(&[1]), tlv(0x31, &[]), seq(&[oid("1.2.840.113549.1.7.1")]), tlv(0xa0, &nested(1_000)), tlv(0x31, &[])]);
        g.write("deep-nesting-pkcs7.der", seq(&[oid("1.2.840.113549.1.7.2"), tlv(0xa0, &signed)]));
    }
    g.write(
        "deep-nesting-in-san.pem",
        with_leaf(&|t| {
            let other = tlv(0xa0, &[oid("1.3.6.1.4.1.99999.7"), tlv(0xa0, &nested(1_000))].concat());
            set_extension(t, pki::OID_SAN, false, &seq(&[tlv(0x82, HOST.as_bytes()), other]));
        }),
    );
    g.write(
        "deep-nesting-in-policy.pem",
        with_leaf(&|t| {
            let qualifier = seq(&[oid("1.3.6.1.5.5.7.2.2"), nested(1_000)]);
            let policy = seq(&[oid("2.23.140.1.2.1"), seq(&[qualifier])]);
            set_extension(t, "2.5.29.32", false, &seq(&[policy]));
        }),
    );
    g.write(
        "deep-nesting-in-subject.pem",
        with_leaf(&|t| {
            t.subject = seq(&[rdn("2.5.4.10", &nested(1_000)), rdn("2.5.4.3", &tlv(0x0c, HOST.as_bytes()))]);
        }),
    );

    // Serials.
    let serial = |name: &str, tlv_bytes: Vec<u8>, g: &mut Gen| g.write(name, with_leaf(&|t| t.serial = tlv_bytes.clone()));
    g.write("serial-huge.der", with_leaf_der(&|t| t.serial = tlv(0x02, &[&[0x01u8][..], &[0x5a; 9_999]].concat())));
    serial("serial-21-octets.pem", tlv(0x02, &[0x11; 21]), &mut g);
    serial("serial-negative.pem", tlv(0x02, &[0xff]), &mut g);
    serial("serial-zero.pem", tlv(0x02, &[0x00]), &mut g);
    serial("serial-empty.pem", tlv(0x02, &[]), &mut g);
    serial("serial-nonminimal.pem", tlv(0x02, &[0x00, 0x00, 0x01]), &mut g);

    // Dates. The leaf is valid 2026-05-02 .. 2026-07-31 (NOW is 2026-06-01).
    let dates = |name: &str, not_before: Vec<u8>, not_after: Vec<u8>, g: &mut Gen| {
        g.write(name, with_leaf(&|t| t.validity = seq(&[not_before.clone(), not_after.clone()])));
    };
    let utc = |s: &str| tlv(0x17, s.as_bytes());
    let gen_time = |s: &str| tlv(0x18, s.as_bytes());
    dates("date-inverted.pem", utc("260731000000Z"), utc("260502000000Z"), &mut g);
    dates("date-month-13.pem", utc("260502000000Z"), utc("261301000000Z"), &mut g);
    dates("date-feb-30.pem", utc("260230000000Z"), utc("260731000000Z"), &mut g);
    dates("date-hour-24.pem", utc("260502240000Z"), utc("260731000000Z"), &mut g);
    dates("date-no-seconds-no-z.pem", utc("2605020000"), utc("260731000000Z"), &mut g);
    dates("date-garbage.pem", utc("ABCDEFGHIJKLM"), utc("260731000000Z"), &mut g);
    dates("date-year-9999.pem", utc("260502000000Z"), gen_time("99991231235959Z"), &mut g);
    dates("date-year-0000.pem", gen_time("00000101000000Z"), utc("260731000000Z"), &mut g);
    dates("date-utc-offset.pem", utc("260502000000+0100"), utc("260731000000Z"), &mut g);

    // Extensions.
    g.write("ext-unknown-critical.pem", with_leaf(&|t| t.extensions.push(extension("1.3.6.1.4.1.99999.1", true, &[0x05, 0x00]))));
    g.write("ext-unknown-critical-inter.pem", with_inter(&|t| t.extensions.push(extension("1.3.6.1.4.1.99999.1", true, &[0x05, 0x00]))));
    g.write(
        "ext-duplicate-san.pem",
        with_leaf(&|t| t.extensions.push(extension(pki::OID_SAN, false, &seq(&[tlv(0x82, b"evil.example.test")])))),
    );
    g.write("ext-duplicate-bc-inter.pem", with_inter(&|t| t.extensions.push(extension("2.5.29.19", true, &seq(&[]))))); // CA:FALSE
    g.write("ext-malformed-san.pem", with_leaf(&|t| set_extension(t, pki::OID_SAN, false, &[0x30, 0x05, 0x82, 0x09, b'm'])));
    let many = |n: usize| -> Vec<String> { (0..n).map(|i| format!("1.3.6.1.4.1.99999.{}.{}", i / 100 + 1, i % 100 + 1)).collect() };
    g.write("ext-20000-unknown.der", with_leaf_der(&|t| t.extensions.extend(many(20_000).iter().map(|o| extension(o, false, &[0x05, 0x00])))));
    g.write("ext-20000-unknown-critical.der", with_leaf_der(&|t| t.extensions.extend(many(20_000).iter().map(|o| extension(o, true, &[0x05, 0x00])))));
    g.write(
        "ext-20000-duplicates.der",
        with_leaf_der(&|t| {
            let ext: Vec<Vec<u8>> = many(10_000).iter().map(|o| extension(o, false, &[0x05, 0x00])).collect();
            t.extensions.extend(ext.iter().cloned());
            t.extensions.extend(ext);
        }),
    );

    // Names.
    let cn_subject = |value: Vec<u8>| seq(&[rdn("2.5.4.3", &value)]);
    g.write("name-invalid-utf8-cn.pem", with_leaf(&|t| t.subject = cn_subject(tlv(0x0c, b"mail\xff\xfe.example.test"))));
    g.write("name-invalid-ia5-san.pem", with_leaf(&|t| set_extension(t, pki::OID_SAN, false, &seq(&[tlv(0x82, b"mail.ex\xe4mple.test")]))));
    g.write("name-nul-in-san.pem", with_leaf(&|t| set_extension(t, pki::OID_SAN, false, &seq(&[tlv(0x82, b"mail.example.test\0.evil.test")]))));
    g.write("name-nul-in-cn.pem", with_leaf(&|t| t.subject = cn_subject(tlv(0x0c, b"mail.example.test\0.evil.test"))));
    g.write("name-bidi-cn.pem", with_leaf(&|t| t.subject = cn_subject(tlv(0x0c, "mail.\u{202e}tset.elpmaxe".as_bytes()))));
    g.write("name-bmpstring-odd.pem", with_leaf(&|t| t.subject = cn_subject(tlv(0x1e, b"\x00m\x00a\x00i\x00"))));
    g.write("name-cn-100k.der", with_leaf_der(&|t| t.subject = cn_subject(tlv(0x0c, &[b'a'; 100_000]))));
    let many_rdns = || -> Vec<u8> {
        let mut rdns: Vec<Vec<u8>> = (0..10_000).map(|i| rdn("2.5.4.10", &tlv(0x0c, format!("o{i}").as_bytes()))).collect();
        rdns.push(rdn("2.5.4.3", &tlv(0x0c, HOST.as_bytes())));
        seq(&rdns)
    };
    g.write("name-10000-rdns.der", with_leaf_der(&|t| t.subject = many_rdns()));
    {
        // The intermediate gets a permitted directoryName subtree (its own O) and dNSName subtree.
        let subtree = |gn: Vec<u8>| seq(&[gn]);
        let org = seq(&[rdn("2.5.4.10", &tlv(0x0c, pki::ORG.as_bytes()))]);
        let nc = seq(&[tlv(0xa0, &[subtree(tlv(0xa4, &org)), subtree(tlv(0x82, b"example.test"))].concat())]);
        let inter2 = pki::reissue(&inter.der, root, |t| t.extensions.push(extension("2.5.29.30", true, &nc)));
        let leaf2 = pki::reissue(&leaf.der, inter, |t| t.subject = many_rdns());
        g.write("name-10000-rdns-nc.der", [leaf2, inter2].concat());
    }
    g.write(
        "name-20000-cns.der",
        with_leaf_der(&|t| t.subject = seq(&(0..20_000).map(|i| rdn("2.5.4.3", &tlv(0x0c, format!("cn{i}.example.test").as_bytes()))).collect::<Vec<_>>())),
    );

    // Sizes.
    let sans = |host_first: bool| -> Vec<u8> {
        let mut names: Vec<Vec<u8>> = (0..9_999).map(|i| tlv(0x82, format!("host{i}.example.test").as_bytes())).collect();
        let host = tlv(0x82, HOST.as_bytes());
        if host_first { names.insert(0, host) } else { names.push(host) }
        seq(&names)
    };
    g.write("san-10000-host-first.der", with_leaf_der(&|t| set_extension(t, pki::OID_SAN, false, &sans(true))));
    g.write("san-10000-host-last.der", with_leaf_der(&|t| set_extension(t, pki::OID_SAN, false, &sans(false))));
    {
        let subtrees: Vec<u8> = (0..1000).flat_map(|i| seq(&[tlv(0x82, format!("allowed{i}.example.test").as_bytes())])).collect();
        let nc = seq(&[tlv(0xa0, &subtrees)]);
        let inter2 = pki::reissue(&inter.der, root, |t| t.extensions.push(extension("2.5.29.30", true, &nc)));
        // Every name is inside only the last permitted subtree: 1,000 comparisons per name.
        let names: Vec<Vec<u8>> = (0..1000).map(|i| tlv(0x82, format!("n{i}.allowed999.example.test").as_bytes())).collect();
        let leaf2 = pki::reissue(&leaf.der, inter, |t| set_extension(t, pki::OID_SAN, false, &seq(&names)));
        g.write("nc-budget.pem", pem_chain(&[&leaf2, &inter2]));
    }

    // Signature algorithms (the keys are P-256: ECDSA with SHA-256).
    g.write("sigalg-mismatch.pem", with_leaf(&|t| t.signature = alg_id(pki::OID_ECDSA_SHA384, false)));
    g.write(
        "sigalg-rsa-oid-on-ecdsa.pem",
        with_leaf(&|t| {
            t.signature = alg_id(pki::OID_SHA256_RSA, true);
            t.outer_alg = alg_id(pki::OID_SHA256_RSA, true);
        }),
    );
    g.write(
        "sigalg-unknown-oid.pem",
        with_leaf(&|t| {
            t.signature = alg_id("1.2.3.4.5", false);
            t.outer_alg = alg_id("1.2.3.4.5", false);
        }),
    );
    g.write(
        "sigalg-ecdsa-null-params.pem",
        with_leaf(&|t| {
            t.signature = alg_id(pki::OID_ECDSA_SHA256, true);
            t.outer_alg = alg_id(pki::OID_ECDSA_SHA256, true);
        }),
    );
    {
        let tbs = Tbs::parse(&leaf.der);
        let garbage: Vec<u8> = (0..100u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        g.write("sigalg-garbage-signature.pem", pem_chain(&[&tbs.with_signature(&garbage), &inter.der]));
        g.write("sigalg-empty-signature.pem", pem_chain(&[&tbs.with_signature(&[]), &inter.der]));
    }

    // Keys.
    let p256 = |point: Vec<u8>| seq(&[seq(&[oid("1.2.840.10045.2.1"), oid("1.2.840.10045.3.1.7")]), bit_string(&point)]);
    let off_curve = [vec![0x04], vec![0x01; 32], vec![0x02; 32]].concat();
    g.write("key-ec-off-curve-inter.pem", with_inter(&|t| t.spki = p256(off_curve.clone())));
    g.write("key-ec-off-curve-leaf.pem", with_leaf(&|t| t.spki = p256(off_curve.clone())));
    {
        let inter_key = Tbs::parse(&inter.der).spki;
        let bits = pki::content(&pki::children(&inter_key)[1])[1..].to_vec(); // 04 || X || Y
        let mut compressed = vec![0x02 | (bits[64] & 1)];
        compressed.extend_from_slice(&bits[1..33]);
        g.write("key-ec-compressed-inter.pem", with_inter(&|t| t.spki = p256(compressed.clone())));
    }
    g.write("key-ec-infinity-inter.pem", with_inter(&|t| t.spki = p256(vec![0x00])));
    g.write("key-ec-short-inter.pem", with_inter(&|t| t.spki = p256([vec![0x04], vec![0x07; 10]].concat())));
    g.write("key-ec-unknown-curve-leaf.pem", with_leaf(&|t| t.spki = pki::ec_spki("1.2.3.4", 64)));
    g.write(
        "key-ec-no-curve-leaf.pem",
        with_leaf(&|t| t.spki = seq(&[seq(&[oid("1.2.840.10045.2.1")]), bit_string(&off_curve)])),
    );
    g.write("key-rsa-exponent-1-leaf.pem", with_leaf(&|t| t.spki = pki::rsa_spki(2048, 1)));
    g.write(
        "key-rsa-exponent-huge-leaf.pem",
        with_leaf(&|t| {
            let exponent = [&[0x01u8][..], &[0x00; 24], &[0x01]].concat(); // 2^200 + 1
            let rsa_key = seq(&[integer(&[&[0xc5u8][..], &[0xa5; 255]].concat()), integer(&exponent)]);
            t.spki = seq(&[alg_id("1.2.840.113549.1.1.1", true), bit_string(&rsa_key)]);
        }),
    );
    g.write("key-rsa-512-leaf.pem", with_leaf(&|t| t.spki = pki::rsa_spki(512, 65537)));
    g.write("key-rsa-16384-inter.pem", with_inter(&|t| t.spki = pki::rsa_spki(16384, 65537)));

    // Path building: a mesh of 12 CAs that all cross-sign each other.
    {
        let mesh_params = || {
            let mut p = pki::ca_params("Mesh CA");
            p.use_authority_key_identifier_extension = true;
            p
        };
        let cas: Vec<Node> = (0..12).map(|_| Node::self_signed(mesh_params(), pki::key(pki::KeyType::P256, pki::Role::Other))).collect();
        let mut certs: Vec<Vec<u8>> = vec![cas[0].issue(pki::leaf_params(&[pki::dns(HOST)]), pki::key(pki::KeyType::P256, pki::Role::Leaf)).der];
        for (i, subject) in cas.iter().enumerate() {
            for (j, issuer) in cas.iter().enumerate() {
                if i != j {
                    let k = rcgen::KeyPair::from_pem(&subject.key.serialize_pem()).unwrap();
                    certs.push(issuer.issue(mesh_params(), k).der);
                }
            }
        }
        let refs: Vec<&[u8]> = certs.iter().map(Vec::as_slice).collect();
        let outsider = Node::self_signed(mesh_params(), pki::key(pki::KeyType::P256, pki::Role::Other));
        g.write("mesh-12.pem", pem_chain(&refs));
        g.write("mesh-12.trust.pem", outsider.pem());
        g.write("mesh-12-reachable.pem", pem_chain(&refs));
        g.write("mesh-12-reachable.trust.pem", cas[11].pem());
    }
    // A chain of 200: root CA 0 -> CA 1 -> ... -> CA 199 -> leaf.
    {
        let mut nodes = vec![Node::self_signed(pki::ca_params("Chain CA 0"), pki::key(pki::KeyType::P256, pki::Role::Other))];
        for i in 1..200 {
            let next = nodes[i - 1].issue(pki::ca_params(&format!("Chain CA {i}")), pki::key(pki::KeyType::P256, pki::Role::Other));
            nodes.push(next);
        }
        let leaf200 = nodes[199].issue(pki::leaf_params(&[pki::dns(HOST)]), pki::key(pki::KeyType::P256, pki::Role::Leaf));
        let mut sent: Vec<&[u8]> = vec![&leaf200.der];
        sent.extend(nodes[1..].iter().rev().map(|n| n.der.as_slice()));
        g.write("chain-200.pem", pem_chain(&sent));
        g.write("chain-200.trust.pem", nodes[0].pem());
    }
    // 500 copies.
    g.write("copies-500.der", [leaf.der.clone(), inter.der.repeat(500)].concat());
    g.write("copies-500-leaf.pem", leaf.pem().repeat(500));

    // Input limits.
    let unknown_block = "-----BEGIN HOSTILE THING-----\nAAAA\n-----END HOSTILE THING-----\n";
    g.write("input-pem-blocks-450.pem", [String::from_utf8(chain.sent()).unwrap(), inter.pem().repeat(248), unknown_block.repeat(200)].concat());
    g.write("input-others-300.pem", [String::from_utf8(chain.sent()).unwrap(), unknown_block.repeat(300)].concat());
    {
        let mut text = String::from("CONNECTED(00000003)\n---\nCertificate chain\n");
        for i in 0..100 {
            text.push_str(&format!(" {i} s:CN = host{i}.example.test\n   i:CN = host{}.example.test\n", i + 1));
        }
        text.push_str("---\nServer certificate\n");
        text.push_str(&String::from_utf8(chain.sent()).unwrap());
        text.push_str("---\nVerify return code: 0 (ok)\n");
        g.write("input-capture-100-entries.txt", text);
    }
    {
        let line: String = (0..200 * 1024).map(|i| ["A", "B", "C", "d", "e", "f", "0", "1", "+", "/"][i % 10]).collect();
        g.write("input-long-line.txt", format!("{line}\n{}", String::from_utf8(chain.sent()).unwrap()));
    }

    // x509-limbo pathological::* cases, copied out of the vendored suite.
    limbo_cases(&mut g);

    // Every case has its file, and nothing else was written.
    let mut expected: Vec<String> = vec!["root.pem".into()];
    for c in CASES {
        expected.push(c.file.into());
        if matches!(c.trust, Trust::Own) {
            expected.push(c.file.replace(".pem", ".trust.pem"));
        }
    }
    expected.sort();
    g.written.sort();
    assert_eq!(g.written, expected, "generate() and CASES disagree");
}

struct Gen {
    written: Vec<String>,
}

impl Gen {
    /// Writes one file; over 64 KiB it is gzipped (`NAME.gz`).
    fn write(&mut self, name: &str, bytes: impl AsRef<[u8]>) {
        let bytes = bytes.as_ref();
        if bytes.len() > 64 * 1024 {
            let file = std::fs::File::create(dir().join(format!("{name}.gz"))).unwrap();
            let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
            gz.write_all(bytes).unwrap();
            gz.finish().unwrap();
        } else {
            std::fs::write(dir().join(name), bytes).unwrap();
        }
        self.written.push(name.to_string());
    }
}

fn pem_chain(ders: &[&[u8]]) -> Vec<u8> {
    pki::pem_ders(ders)
}

/// A TLV with an indefinite length: tag, 0x80, content, end-of-contents.
fn indefinite(tag: u8, content: &[u8]) -> Vec<u8> {
    [&[tag, 0x80][..], content, &[0, 0]].concat()
}

/// One RDN (a SET of one AttributeTypeAndValue) with a raw value TLV.
fn rdn(attribute: &str, value: &[u8]) -> Vec<u8> {
    tlv(0x31, &seq(&[oid(attribute), value.to_vec()]))
}

/// Replaces (or adds) the extension with this OID.
fn set_extension(t: &mut Tbs, dotted: &str, critical: bool, value: &[u8]) {
    t.remove_extension(dotted);
    t.extensions.push(extension(dotted, critical, value));
}

/// Copies x509-limbo's `pathological::*` SERVER cases into `limbo-NAME.pem` (peer then
/// intermediates) and `limbo-NAME.trust.pem`.
fn limbo_cases(g: &mut Gen) {
    #[derive(serde::Deserialize)]
    struct Limbo {
        testcases: Vec<serde_json::Value>,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo/limbo.json.gz");
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut json).unwrap();
    let limbo: Limbo = serde_json::from_slice(&json).unwrap();
    for case in &limbo.testcases {
        let id = case["id"].as_str().unwrap();
        let Some(name) = id.strip_prefix("pathological::") else { continue };
        let strings = |key: &str| -> Vec<String> { case[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect() };
        let mut chain = vec![case["peer_certificate"].as_str().unwrap().to_string()];
        chain.extend(strings("untrusted_intermediates"));
        g.write(&format!("limbo-{name}.pem"), chain.join("\n"));
        g.write(&format!("limbo-{name}.trust.pem"), strings("trusted_certs").join("\n"));
    }
}

/// Text quoted from the input outside certificates (a PEM label, a reason) is escaped too.
#[test]
fn pem_labels_are_escaped() {
    let input = "-----BEGIN FOO\u{202e} BAR-----\nAAAA\n-----END FOO\u{202e} BAR-----\n";
    let opts = Options { host: Some(HOST.into()), at: NOW, ..Options::default() };
    let report = certscope::inspect(input.as_bytes(), &opts);
    let mut raw = Vec::new();
    hidden_strings(&serde_json::to_value(&report).unwrap(), "report", &mut raw);
    assert!(raw.is_empty(), "unescaped hidden characters in {raw:?}\n{}", summary(&report));
}

/// A list cut at MAX_CAPTURE_ENTRIES (reading goes on) does not hide a limit that stopped
/// reading later: both are named.
#[test]
fn a_cut_list_does_not_hide_a_stop() {
    let mut input = read("input-capture-100-entries.txt");
    input.extend(read("input-pem-blocks-450.pem"));
    let opts = Options { host: Some(HOST.into()), at: NOW, trust: vec![read("root.pem")], only_trusted_roots: true, ..Options::default() };
    let report = certscope::inspect(&input, &opts);
    harness::check_report(&report);
    for limit in ["limit_reached:MAX_CAPTURE_ENTRIES", "limit_reached:MAX_PEM_BLOCKS"] {
        assert!(has(&report, limit), "no {limit}\n{}", summary(&report));
    }
}
