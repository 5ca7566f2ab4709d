//! Tests for `certscope::input::read_input`: every input shape it promises to read.
//!
//! Certificates, keys, CSRs and CRLs are generated here with rcgen; PKCS#7, PKCS#12 and the
//! legacy key formats are made with the `openssl` command line (3.0) in a temporary directory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly by design"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use certscope::input::{
    InputFormat, LimitHit, MAX_CERTS, MAX_INPUT_BYTES, MAX_LABEL_CHARS, MAX_LINE_BYTES, MAX_PEM_BLOCKS, NonCertificate, Origin,
    ParsedInput, read_input,
};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType, IsCa, Issuer, KeyIdMethod,
    KeyPair, KeyUsagePurpose, SerialNumber, date_time_ymd,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A self-signed certificate as (PEM, DER).
fn cert(name: &str) -> (String, Vec<u8>) {
    let ck = rcgen::generate_simple_self_signed(vec![name.to_owned()]).unwrap();
    (ck.cert.pem(), ck.cert.der().to_vec())
}

/// A root, an intermediate and a leaf for `mail.example.com`, as (PEM, DER) leaf first.
fn chain() -> Vec<(String, Vec<u8>)> {
    let ca_params = |cn: &str| {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p
    };
    let root_key = KeyPair::generate().unwrap();
    let root_params = ca_params("Test Root");
    let root = root_params.self_signed(&root_key).unwrap();
    let root_issuer = Issuer::new(root_params, root_key);

    let inter_key = KeyPair::generate().unwrap();
    let inter_params = ca_params("Test Intermediate");
    let inter = inter_params.signed_by(&inter_key, &root_issuer).unwrap();
    let inter_issuer = Issuer::new(inter_params, inter_key);

    let leaf_key = KeyPair::generate().unwrap();
    let mut leaf_params = CertificateParams::new(vec!["mail.example.com".to_owned()]).unwrap();
    leaf_params.distinguished_name.push(DnType::CommonName, "mail.example.com");
    let leaf = leaf_params.signed_by(&leaf_key, &inter_issuer).unwrap();

    [leaf, inter, root].iter().map(|c| (c.pem(), c.der().to_vec())).collect()
}

/// A scratch directory for openssl's files, removed (keys included) when dropped.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tmpdir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("certscope-input-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// Runs `openssl` in `dir` and returns its stdout.
fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl is installed");
    assert!(out.status.success(), "openssl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn read_str(text: &str) -> ParsedInput {
    read_input(text.as_bytes())
}

fn json(parsed: &ParsedInput) -> String {
    serde_json::to_string(parsed).unwrap()
}

fn ders(parsed: &ParsedInput) -> Vec<Vec<u8>> {
    parsed.certs.iter().map(|c| c.der.clone()).collect()
}

fn formats(parsed: &ParsedInput) -> Vec<InputFormat> {
    parsed.certs.iter().map(|c| c.origin.format).collect()
}

/// The base64 body of a PEM text, joined.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----") && !l.contains(':')).map(str::trim).collect()
}

/// Asserts that no 24-character piece of `secret_b64` (the key's base64) appears in
/// `haystack`, except pieces also found in `public` (a certificate shares the key's algorithm
/// identifier, which is no secret).
fn assert_no_secret(haystack: &str, secret_b64: &str, public: &str) {
    assert!(secret_b64.len() >= 48, "secret too short to check");
    let bytes = secret_b64.as_bytes();
    let mut checked = 0;
    for start in (0..=bytes.len() - 24).step_by(4) {
        let piece = std::str::from_utf8(&bytes[start..start + 24]).unwrap();
        if public.contains(piece) {
            continue;
        }
        checked += 1;
        assert!(!haystack.contains(piece), "key material {piece:?} leaked into {haystack}");
    }
    assert!(checked > 0, "nothing left to check");
}

fn unrecognised(parsed: &ParsedInput) -> Vec<&str> {
    parsed
        .others
        .iter()
        .filter_map(|o| match o {
            NonCertificate::Unrecognised { what } => Some(what.as_str()),
            _ => None,
        })
        .collect()
}

fn private_keys(parsed: &ParsedInput) -> Vec<(String, bool)> {
    parsed
        .others
        .iter()
        .filter_map(|o| match o {
            NonCertificate::PrivateKey { label, encrypted, .. } => Some((label.clone(), *encrypted)),
            _ => None,
        })
        .collect()
}

fn bad_pems(parsed: &ParsedInput) -> Vec<(String, Option<usize>, String)> {
    parsed
        .others
        .iter()
        .filter_map(|o| match o {
            NonCertificate::BadPem { label, line, reason } => Some((label.clone(), *line, reason.clone())),
            _ => None,
        })
        .collect()
}

/// Tiny deterministic generator for garbage and mutation tests.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

// ---------------------------------------------------------------------------------------------
// PEM
// ---------------------------------------------------------------------------------------------

#[test]
fn pem_with_surrounding_text() {
    let (pem, der) = cert("a.example");
    let text = format!("Hi, here is the cert you asked for:\n\n{pem}\nThanks, Bob\n");
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![der]);
    assert_eq!(parsed.certs[0].origin, Origin { format: InputFormat::Pem, line: Some(3), depth: None });
    assert_eq!(parsed.formats, vec![InputFormat::Pem]);
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);
    assert!(parsed.captures.is_empty());
    assert!(parsed.limit_hit.is_none());
}

#[test]
fn pem_with_crlf_and_leading_spaces() {
    let (pem, der) = cert("a.example");
    let text: String = pem.lines().map(|l| format!("    {l}  \r\n")).collect();
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![der]);
    assert_eq!(parsed.certs[0].origin.line, Some(1));
}

#[test]
fn pem_in_markdown_fence_with_several_certs_in_order() {
    let certs: Vec<_> = ["a.example", "b.example", "c.example"].iter().map(|n| cert(n)).collect();
    let mut text = String::from("```pem\n");
    for (pem, _) in &certs {
        text.push_str(pem);
    }
    text.push_str("```\n");
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), certs.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>());
    let lines: Vec<_> = parsed.certs.iter().map(|c| c.origin.line).collect();
    let first = certs[0].0.lines().count();
    let second = certs[1].0.lines().count();
    assert_eq!(lines, vec![Some(2), Some(2 + first), Some(2 + first + second)]);
}

#[test]
fn pem_rewrapped_at_other_widths_and_unwrapped() {
    let (pem, der) = cert("a.example");
    let body = pem_body(&pem);
    for width in [76, 40, body.len()] {
        let lines: Vec<String> =
            body.as_bytes().chunks(width).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
        let text = format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"));
        assert_eq!(ders(&read_str(&text)), vec![der.clone()], "width {width}");
    }
}

#[test]
fn pem_with_line_breaks_lost_or_escaped() {
    let (pem, der) = cert("a.example");
    // Newlines turned into spaces (pasted into a one-line field).
    let one_line = pem.replace('\n', " ");
    assert_eq!(ders(&read_str(&one_line)), vec![der.clone()]);
    // JSON string with \n escapes, as a secrets manager returns it.
    let in_json = serde_json::to_string(&serde_json::json!({ "data": { "certificate": pem } })).unwrap();
    assert!(in_json.contains("\\n"));
    let parsed = read_str(&in_json);
    assert_eq!(ders(&parsed), vec![der]);
    assert!(unrecognised(&parsed).is_empty());
}

#[test]
fn pem_quoted_in_email_and_in_code() {
    let (pem, der) = cert("a.example");
    let quoted: String = pem.lines().map(|l| format!("> {l}\n")).collect();
    assert_eq!(ders(&read_str(&quoted)), vec![der.clone()]);
    let commented: String = pem.lines().map(|l| format!("# {l}\n")).collect();
    assert_eq!(ders(&read_str(&commented)), vec![der.clone()]);
    let in_code: String = pem.lines().map(|l| format!("    \"{l}\\n\"\n")).collect();
    assert_eq!(ders(&read_str(&in_code)), vec![der]);
}

#[test]
fn x509_certificate_label_is_a_certificate() {
    let (pem, der) = cert("a.example");
    let text = pem.replace("BEGIN CERTIFICATE", "BEGIN X509 CERTIFICATE").replace("END CERTIFICATE", "END X509 CERTIFICATE");
    assert_eq!(ders(&read_str(&text)), vec![der]);
}

#[test]
fn trusted_certificate_takes_the_first_sequence() {
    let (pem, der) = cert("a.example");
    let dir = tmpdir("trusted");
    std::fs::write(dir.join("c.pem"), &pem).unwrap();
    let trusted = openssl(&dir, &["x509", "-in", "c.pem", "-addtrust", "serverAuth", "-trustout"]);
    let trusted = String::from_utf8(trusted).unwrap();
    assert!(trusted.contains("BEGIN TRUSTED CERTIFICATE"));
    // The trusted body is longer than the certificate: the trust settings follow it.
    assert!(pem_body(&trusted).len() > pem_body(&pem).len());
    let parsed = read_str(&trusted);
    assert_eq!(ders(&parsed), vec![der]);
    assert_eq!(parsed.certs[0].origin.format, InputFormat::Pem);
}

#[test]
fn utf16_and_latin1_text_still_read() {
    let (pem, der) = cert("a.example");
    // PowerShell 5 `>` writes UTF-16LE with a byte order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in format!("Zertifikat:\r\n{pem}").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(ders(&read_input(&utf16)), vec![der.clone()]);
    // The same without a byte order mark, and with NUL padding after UTF-8.
    assert_eq!(ders(&read_input(&utf16[2..])), vec![der.clone()]);
    let mut padded = pem.clone().into_bytes();
    padded.extend_from_slice(&[0; 16]);
    assert_eq!(ders(&read_input(&padded)), vec![der.clone()]);
    // Latin-1 "für" is not UTF-8.
    let mut latin1 = b"Zertifikat f\xFCr den Server:\n".to_vec();
    latin1.extend_from_slice(pem.as_bytes());
    assert_eq!(ders(&read_input(&latin1)), vec![der]);
}

#[test]
fn unknown_label_is_reported_and_long_labels_are_cut() {
    let text = "-----BEGIN DH PARAMETERS-----\nMAYCAQACAQI=\n-----END DH PARAMETERS-----\n";
    let parsed = read_str(text);
    assert_eq!(parsed.others, vec![NonCertificate::UnknownPem { label: "DH PARAMETERS".into(), line: Some(1) }]);
    assert!(parsed.certs.is_empty());

    let long = "X".repeat(500);
    let parsed = read_str(&format!("-----BEGIN {long}-----\nAAAA\n-----END {long}-----\n"));
    match parsed.others.as_slice() {
        [NonCertificate::UnknownPem { label, .. }] => assert_eq!(label.chars().count(), MAX_LABEL_CHARS),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn truncated_and_broken_pem_are_bad_pem() {
    let (pem, der) = cert("a.example");
    // BEGIN without END.
    let cut: String = pem.lines().take(5).map(|l| format!("{l}\n")).collect();
    let parsed = read_str(&format!("see below\n{cut}"));
    assert!(parsed.certs.is_empty());
    let bad = bad_pems(&parsed);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].0, "CERTIFICATE");
    assert_eq!(bad[0].1, Some(2));
    assert!(bad[0].2.contains("BEGIN without END"), "{}", bad[0].2);

    // A BEGIN without END followed by a good block: the good one is still read.
    let parsed = read_str(&format!("{cut}{pem}"));
    assert_eq!(ders(&parsed), vec![der]);
    assert!(bad_pems(&parsed)[0].2.contains("another BEGIN"));

    // Lines lost from the middle: the DER length runs past the data.
    let mut lines: Vec<&str> = pem.lines().collect();
    lines.remove(3);
    let parsed = read_str(&lines.join("\n"));
    let bad = bad_pems(&parsed);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].2.contains("truncated"), "{}", bad[0].2);

    // A stray character.
    let parsed = read_str(&pem.replacen("MII", "MI!I", 1));
    assert!(bad_pems(&parsed)[0].2.contains("'!'"), "{:?}", parsed.others);

    // Not DER at all.
    let parsed = read_str("-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n");
    assert!(bad_pems(&parsed)[0].2.contains("not a DER SEQUENCE"), "{:?}", parsed.others);
}

#[test]
fn end_without_begin_is_reported_unless_the_body_was_read() {
    let (pem, der) = cert("a.example");
    let headless: String = pem.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let parsed = read_str(&headless);
    assert_eq!(ders(&parsed), vec![der]);
    assert!(bad_pems(&parsed).is_empty(), "{:?}", parsed.others);

    let parsed = read_str("nothing here\n-----END CERTIFICATE-----\n");
    assert_eq!(bad_pems(&parsed), vec![("CERTIFICATE".into(), Some(2), "END without BEGIN".into())]);
}

// ---------------------------------------------------------------------------------------------
// DER and bare base64
// ---------------------------------------------------------------------------------------------

#[test]
fn der_single_certificate() {
    let (_, der) = cert("a.example");
    let parsed = read_input(&der);
    assert_eq!(ders(&parsed), vec![der]);
    assert_eq!(parsed.certs[0].origin, Origin { format: InputFormat::Der, line: None, depth: None });
    assert_eq!(parsed.formats, vec![InputFormat::Der]);
    assert!(parsed.others.is_empty());
}

#[test]
fn der_certificates_concatenated() {
    let (_, a) = cert("a.example");
    let (_, b) = cert("b.example");
    let mut both = a.clone();
    both.extend_from_slice(&b);
    both.extend_from_slice(b"\r\n\0\0");
    let parsed = read_input(&both);
    assert_eq!(ders(&parsed), vec![a, b]);
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);
}

#[test]
fn der_truncated_and_indefinite_length_are_explained() {
    let (_, der) = cert("a.example");
    let parsed = read_input(&der[..der.len() - 10]);
    assert!(parsed.certs.is_empty());
    let what = unrecognised(&parsed);
    assert!(what[0].contains("truncated"), "{what:?}");

    // Many unknown DER items make one note, not one each.
    let noise = [0x30u8, 0x03, 0x02, 0x01, 0x05].repeat(1000);
    assert_eq!(unrecognised(&read_input(&noise)), vec!["DER structure that is not a certificate"]);
    assert_eq!(unrecognised(&read_input(&[[0x30u8, 0x81, 0x80].as_slice(), &[0x04, 0x7E], &[0u8; 126]].concat())), vec!["DER structure that is not a certificate"]);
    assert_eq!(read_input(&noise).others.len(), 1);

    // A .p7b in BER, as some Windows and Java tools write it.
    let oid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    let ber_p7 = [&[0x30, 0x80][..], &oid, &[0xA0, 0x80, 0x30, 0x80, 0, 0, 0, 0, 0, 0]].concat();
    let what = unrecognised(&read_input(&ber_p7)).join(" ");
    assert!(what.starts_with("PKCS#7") && what.contains("-print_certs"), "{what}");

    let ber = [0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00];
    let what = unrecognised(&read_input(&ber)).join(" ");
    assert!(what.contains("indefinite-length"), "{what}");
}

#[test]
fn base64_without_armour() {
    let (pem, der) = cert("a.example");
    let body = pem_body(&pem);
    let wrapped: String =
        body.as_bytes().chunks(64).map(|c| format!("  {}\n", std::str::from_utf8(c).unwrap())).collect();
    let parsed = read_str(&format!("cert:\n{wrapped}"));
    assert_eq!(ders(&parsed), vec![der.clone()]);
    assert_eq!(parsed.certs[0].origin, Origin { format: InputFormat::Base64, line: Some(2), depth: None });
    assert_eq!(parsed.formats, vec![InputFormat::Base64]);

    // One long line, as `base64 -w0` writes it.
    assert_eq!(ders(&read_str(&body)), vec![der]);
}

#[test]
fn base64_inside_json_and_yaml() {
    let (pem, der) = cert("a.example");
    // A JWK's x5c array holds base64 DER.
    let jwk = format!("{{\n  \"kty\": \"EC\",\n  \"x5c\": [\n    \"{}\"\n  ]\n}}\n", pem_body(&pem));
    let parsed = read_str(&jwk);
    assert_eq!(ders(&parsed), vec![der.clone()]);
    assert_eq!(parsed.certs[0].origin.format, InputFormat::Base64);

    // A Kubernetes secret holds base64 of PEM.
    let yaml = format!("apiVersion: v1\ndata:\n  tls.crt: {}\nkind: Secret\n", B64.encode(&pem));
    let parsed = read_str(&yaml);
    assert_eq!(ders(&parsed), vec![der]);
    assert_eq!(parsed.certs[0].origin.line, Some(3));
}

// ---------------------------------------------------------------------------------------------
// PKCS#7
// ---------------------------------------------------------------------------------------------

fn pkcs7_fixture(name: &str, der_out: bool) -> (Vec<u8>, Vec<Vec<u8>>) {
    let dir = tmpdir(name);
    let certs = chain();
    let bundle: String = certs.iter().map(|(p, _)| p.clone()).collect();
    std::fs::write(dir.join("chain.pem"), bundle).unwrap();
    let mut args = vec!["crl2pkcs7", "-nocrl", "-certfile", "chain.pem"];
    if der_out {
        args.extend(["-outform", "DER"]);
    }
    (openssl(&dir, &args), certs.into_iter().map(|(_, d)| d).collect())
}

#[test]
fn pkcs7_pem() {
    let (p7, expected) = pkcs7_fixture("p7pem", false);
    let text = format!("bundle from the CA:\n{}", String::from_utf8(p7).unwrap());
    assert!(text.contains("BEGIN PKCS7"));
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), expected);
    assert!(parsed.certs.iter().all(|c| c.origin == Origin { format: InputFormat::Pkcs7, line: Some(2), depth: None }));
    assert_eq!(parsed.formats, vec![InputFormat::Pkcs7]);
}

#[test]
fn pkcs7_der() {
    let (p7, expected) = pkcs7_fixture("p7der", true);
    assert_eq!(p7[0], 0x30);
    let parsed = read_input(&p7);
    assert_eq!(ders(&parsed), expected);
    assert_eq!(formats(&parsed), vec![InputFormat::Pkcs7; 3]);
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);
}

#[test]
fn pkcs7_under_certificate_label_and_with_a_crl() {
    let (p7, expected) = pkcs7_fixture("p7label", true);
    let text = format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", B64.encode(&p7));
    assert_eq!(ders(&read_str(&text)), expected);

    let (crl_pem, _) = crl();
    let (cert_pem, cert_der) = cert("a.example");
    let dir = tmpdir("p7crl");
    std::fs::write(dir.join("crl.pem"), crl_pem).unwrap();
    std::fs::write(dir.join("c.pem"), cert_pem).unwrap();
    let p7 = openssl(&dir, &["crl2pkcs7", "-in", "crl.pem", "-certfile", "c.pem", "-outform", "DER"]);
    let parsed = read_input(&p7);
    assert_eq!(ders(&parsed), vec![cert_der]);
    assert_eq!(parsed.others, vec![NonCertificate::Crl { line: None }]);
}

#[test]
fn pkcs7_with_no_certificates_is_explained() {
    let (_, leaf) = cert("a.example");
    let (p7, _) = pkcs7_fixture("p7empty", true);
    // Rebuild a certs-only PKCS#7 whose certificate set is empty, by hand.
    let signed_data = [
        &[0x02, 0x01, 0x01][..],                                              // version 1
        &[0x31, 0x00],                                                        // digestAlgorithms
        &[0x30, 0x0B, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01], // data
        &[0x31, 0x00],                                                        // signerInfos
    ]
    .concat();
    let sd = [&[0x30, signed_data.len() as u8][..], &signed_data].concat();
    let explicit = [&[0xA0, sd.len() as u8][..], &sd].concat();
    let oid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    let body = [&oid[..], &explicit].concat();
    let content_info = [&[0x30, body.len() as u8][..], &body].concat();
    let parsed = read_input(&content_info);
    assert!(parsed.certs.is_empty());
    assert_eq!(unrecognised(&parsed), vec!["PKCS#7 bundle with no certificates"]);
    // Sanity: the real one does have certificates, and the leaf is not in it.
    assert!(!ders(&read_input(&p7)).contains(&leaf));
}

// ---------------------------------------------------------------------------------------------
// s_client captures
// ---------------------------------------------------------------------------------------------

const HEX64: &str = "4A1F0C3B9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A";

fn capture_showcerts(certs: &[(String, Vec<u8>)]) -> String {
    format!(
        "user@laptop:~$ openssl s_client -connect mail.example.com:993 -servername mail.example.com -showcerts
CONNECTED(00000003)
depth=2 CN = Test Root
verify return:1
depth=1 CN = Test Intermediate
verify return:1
depth=0 CN = mail.example.com
verify return:1
---
Certificate chain
 0 s:CN = mail.example.com
   i:CN = Test Intermediate
   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256
   v:NotBefore: Sep  1 00:00:00 2023 GMT; NotAfter: Nov 30 23:59:59 2023 GMT
{leaf} 1 s:CN = Test Intermediate
   i:CN = Test Root
   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256
   v:NotBefore: Sep  1 00:00:00 2023 GMT; NotAfter: Sep  1 00:00:00 2033 GMT
{inter}---
Server certificate
subject=CN = mail.example.com
issuer=CN = Test Intermediate
---
No client certificate CA names sent
Peer signing digest: SHA256
Peer signature type: ECDSA
Server Temp Key: X25519, 253 bits
---
SSL handshake has read 4567 bytes and written 380 bytes
Verification: OK
---
New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384
Server public key is 256 bit
This TLS version forbids renegotiation.
Compression: NONE
Expansion: NONE
No ALPN negotiated
Early data was not sent
Verify return code: 0 (ok)
---
---
Post-Handshake New Session Ticket arrived:
SSL-Session:
    Protocol  : TLSv1.3
    Cipher    : TLS_AES_256_GCM_SHA384
    Session-ID: {HEX64}
    Session-ID-ctx: 
    Resumption PSK: {HEX64}{HEX64}
    PSK identity: None
    PSK identity hint: None
    SRP username: None
    TLS session ticket lifetime hint: 7200 (seconds)
    TLS session ticket:
    0000 - 5e 2b 9c 1d 41 83 50 6d-3f 90 d6 d2 3a 44 1b 8c   ^+..A.Pm?...:D..

    Start Time: 1700000000
    Timeout   : 7200 (sec)
    Verify return code: 0 (ok)
    Extended master secret: no
    Max Early Data: 0
---
read R BLOCK
* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.
",
        leaf = certs[0].0,
        inter = certs[1].0,
    )
}

#[test]
fn s_client_with_showcerts() {
    let certs = chain();
    let text = capture_showcerts(&certs);
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![certs[0].1.clone(), certs[1].1.clone()]);
    let origins: Vec<_> = parsed.certs.iter().map(|c| (c.origin.format, c.origin.depth)).collect();
    assert_eq!(origins, vec![(InputFormat::SClient, Some(0)), (InputFormat::SClient, Some(1))]);
    assert_eq!(parsed.certs[0].origin.line, Some(15), "the BEGIN line of the first body");
    assert_eq!(parsed.formats, vec![InputFormat::SClient]);
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);

    let cap = parsed.captures.first().cloned().expect("a capture");
    assert_eq!(
        cap.command.as_deref(),
        Some("openssl s_client -connect mail.example.com:993 -servername mail.example.com -showcerts")
    );
    assert!(cap.connected);
    assert_eq!(cap.connect_host.as_deref(), Some("mail.example.com"));
    assert_eq!(cap.connect_port, Some(993));
    assert_eq!(cap.servername.as_deref(), Some("mail.example.com"));
    assert_eq!(cap.starttls, None);
    assert!(cap.showcerts);
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
    assert_eq!(cap.cipher.as_deref(), Some("TLS_AES_256_GCM_SHA384"));
    assert_eq!(cap.verify_return_code, Some(0));
    assert_eq!(cap.verify_message.as_deref(), Some("ok"));
    assert_eq!(cap.verification_ok, Some(true));
    assert_eq!(cap.bodies, 2);
    assert_eq!(cap.peer_signing_digest.as_deref(), Some("SHA256"));
    assert_eq!(cap.peer_signature_type.as_deref(), Some("ECDSA"));
    assert_eq!(cap.server_temp_key.as_deref(), Some("X25519, 253 bits"));
    assert_eq!(cap.server_subject.as_deref(), Some("CN = mail.example.com"));
    assert_eq!(cap.server_issuer.as_deref(), Some("CN = Test Intermediate"));
    let chain: Vec<_> = cap.chain.iter().map(|c| (c.depth, c.subject.as_str(), c.issuer.as_str())).collect();
    assert_eq!(
        chain,
        vec![(0, "CN = mail.example.com", "CN = Test Intermediate"), (1, "CN = Test Intermediate", "CN = Test Root")]
    );
    assert_eq!(cap.chain[1].validity.as_deref(), Some("NotBefore: Sep  1 00:00:00 2023 GMT; NotAfter: Sep  1 00:00:00 2033 GMT"));
    assert_eq!(cap.chain[0].key.as_deref(), Some("PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256"));
}

#[test]
fn s_client_without_showcerts_records_the_unshown_chain() {
    let certs = chain();
    let text = format!(
        "$ echo | openssl s_client -starttls smtp -connect mail.example.com:25 -servername mail.example.com 2>/dev/null
CONNECTED(00000003)
---
Certificate chain
 0 s:CN = mail.example.com
   i:CN = Test Intermediate
   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256
   v:NotBefore: Sep  1 00:00:00 2023 GMT; NotAfter: Nov 30 23:59:59 2023 GMT
 1 s:CN = Test Intermediate
   i:CN = Test Root
   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: ecdsa-with-SHA256
   v:NotBefore: Sep  1 00:00:00 2023 GMT; NotAfter: Sep  1 00:00:00 2033 GMT
---
Server certificate
{leaf}subject=CN = mail.example.com
issuer=CN = Test Intermediate
---
No client certificate CA names sent
---
SSL handshake has read 2890 bytes and written 433 bytes
Verification error: unable to get local issuer certificate
---
New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256
Verify return code: 20 (unable to get local issuer certificate)
---
250 CHUNKING
DONE
",
        leaf = certs[0].0
    );
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![certs[0].1.clone()]);
    assert_eq!(parsed.certs[0].origin.depth, Some(0));
    let cap = parsed.captures.first().cloned().expect("a capture");
    assert!(!cap.showcerts);
    assert_eq!(cap.bodies, 1);
    assert_eq!(cap.chain.len(), 2);
    assert_eq!(cap.chain[1].subject, "CN = Test Intermediate");
    assert_eq!(cap.starttls.as_deref(), Some("smtp"));
    assert_eq!(cap.connect_port, Some(25));
    assert_eq!(
        cap.command.as_deref(),
        Some("openssl s_client -starttls smtp -connect mail.example.com:25 -servername mail.example.com 2>/dev/null")
    );
    assert_eq!(cap.verify_return_code, Some(20));
    assert_eq!(cap.verify_message.as_deref(), Some("unable to get local issuer certificate"));
    assert_eq!(cap.verification_ok, Some(false));
    assert_eq!(cap.verification_error.as_deref(), Some("unable to get local issuer certificate"));
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
}

#[test]
fn s_client_old_slash_form() {
    let certs = chain();
    let text = format!(
        "CONNECTED(00000003)
depth=0 /CN=mail.example.com
verify error:num=20:unable to get local issuer certificate
verify return:1
depth=0 /CN=mail.example.com
verify error:num=21:unable to verify the first certificate
verify return:1
---
Certificate chain
 0 s:/CN=mail.example.com
   i:/CN=Test Intermediate
---
Server certificate
{leaf}subject=/CN=mail.example.com
issuer=/CN=Test Intermediate
---
No client certificate CA names sent
Peer signing digest: SHA512
Server Temp Key: ECDH, P-256, 256 bits
---
SSL handshake has read 1234 bytes and written 415 bytes
---
New, TLSv1/SSLv3, Cipher is ECDHE-RSA-AES128-GCM-SHA256
Server public key is 2048 bit
Secure Renegotiation IS supported
SSL-Session:
    Protocol  : TLSv1.2
    Cipher    : ECDHE-RSA-AES128-GCM-SHA256
    Session-ID: {HEX64}
    Master-Key: {HEX64}{HEX64}
    Verify return code: 21 (unable to verify the first certificate)
---
",
        leaf = certs[0].0
    );
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![certs[0].1.clone()]);
    assert_eq!(parsed.certs[0].origin.depth, Some(0));
    let cap = parsed.captures.first().cloned().expect("a capture");
    assert_eq!(cap.command, None);
    assert!(cap.connected);
    assert_eq!(cap.chain[0].subject, "/CN=mail.example.com");
    assert_eq!(cap.chain[0].issuer, "/CN=Test Intermediate");
    assert_eq!(cap.server_subject.as_deref(), Some("/CN=mail.example.com"));
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.2"), "the SSL-Session line wins over TLSv1/SSLv3");
    assert_eq!(cap.cipher.as_deref(), Some("ECDHE-RSA-AES128-GCM-SHA256"));
    assert_eq!(cap.verify_return_code, Some(21));
    let errors: Vec<_> = cap.verify_errors.iter().map(|e| (e.depth, e.code, e.message.as_str())).collect();
    assert_eq!(
        errors,
        vec![
            (Some(0), Some(20), "unable to get local issuer certificate"),
            (Some(0), Some(21), "unable to verify the first certificate")
        ]
    );
}

#[test]
fn s_client_failure_without_certificate() {
    let text = "$ openssl s_client -connect [2001:db8::1]:8443
CONNECTED(00000003)
4057F6F8F87F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1584:SSL alert number 40
---
no peer certificate available
---
No client certificate CA names sent
---
SSL handshake has read 7 bytes and written 291 bytes
Verification: OK
---
New, (NONE), Cipher is (NONE)
";
    let parsed = read_str(text);
    assert!(parsed.certs.is_empty());
    assert!(parsed.others.is_empty(), "a capture explains itself: {:?}", parsed.others);
    let cap = parsed.captures.first().cloned().expect("a capture");
    assert!(cap.no_peer_certificate);
    assert_eq!(cap.connect_host.as_deref(), Some("2001:db8::1"));
    assert_eq!(cap.connect_port, Some(8443));
    assert_eq!(cap.protocol, None);
    assert_eq!(cap.cipher, None);
    assert_eq!(cap.errors.len(), 1);
    assert!(cap.errors[0].contains("handshake failure"));
    assert_eq!(cap.bodies, 0);
    assert_eq!(parsed.formats, vec![InputFormat::SClient]);
}

/// The real OpenSSL 3.0 captures in `tests/captures` (see its README), checked against the
/// facts recorded beside them in `captures.json`.
#[test]
fn s_client_real_captures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/captures");
    let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("captures.json")).unwrap()).unwrap();
    let captures = meta["captures"].as_array().unwrap();
    assert!(captures.len() >= 5);
    for c in captures {
        let file = c["file"].as_str().unwrap();
        let expected = &c["expected"];
        let parsed = read_input(&std::fs::read(dir.join(file)).unwrap());
        assert!(parsed.others.is_empty(), "{file}: {:?}", parsed.others);
        let sha256: Vec<String> = parsed
            .certs
            .iter()
            .map(|cert| ring::digest::digest(&ring::digest::SHA256, &cert.der).as_ref().iter().map(|b| format!("{b:02x}")).collect())
            .collect();
        let want: Vec<String> =
            expected["pem_sha256"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
        assert_eq!(sha256, want, "{file}");
        let depths: Vec<_> = parsed.certs.iter().map(|cert| cert.origin.depth).collect();
        assert_eq!(depths, (0..want.len() as u32).map(Some).collect::<Vec<_>>(), "{file}");
        let cap = parsed.captures.first().cloned().unwrap_or_else(|| panic!("{file}: no capture"));
        assert_eq!(cap.command.as_deref(), c["command"].as_str(), "{file}");
        assert_eq!(cap.connect_port.map(u64::from), c["port"].as_u64(), "{file}");
        assert_eq!(cap.servername.as_deref(), c["host"].as_str(), "{file}");
        assert_eq!(cap.showcerts, expected["showcerts"].as_bool().unwrap(), "{file}");
        assert_eq!(cap.bodies as u64, expected["pem_blocks"].as_u64().unwrap(), "{file}");
        assert_eq!(cap.chain.len() as u64, expected["server_sent_certs"].as_u64().unwrap(), "{file}");
        assert_eq!(cap.verify_return_code, expected["openssl_verify_code"].as_i64(), "{file}");
        assert!(cap.connected, "{file}");
        assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"), "{file}");
    }
}

#[test]
fn plain_pem_is_not_a_capture() {
    let (pem, _) = cert("a.example");
    let parsed = read_str(&format!("Certificate chain:\n{pem}"));
    assert!(parsed.captures.is_empty());
    assert_eq!(formats(&parsed), vec![InputFormat::Pem]);
}

// ---------------------------------------------------------------------------------------------
// Private keys: never any key material in the output
// ---------------------------------------------------------------------------------------------

fn check_pem_key(key_pem: &str, label: &str, encrypted: bool) {
    let (cert_pem, cert_der) = cert("a.example");
    let text = format!("{cert_pem}{key_pem}");
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![cert_der], "{label}");
    assert_eq!(private_keys(&parsed), vec![(label.to_owned(), encrypted)], "{label}");
    let public = pem_body(&cert_pem);
    assert_no_secret(&json(&parsed), &pem_body(key_pem), &public);
    assert_no_secret(&format!("{parsed:?}"), &pem_body(key_pem), &public);
}

#[test]
fn private_keys_pkcs8_rsa_ec_dsa() {
    let dir = tmpdir("keys");
    let pkcs8 = KeyPair::generate().unwrap().serialize_pem();
    assert!(pkcs8.contains("BEGIN PRIVATE KEY"));
    check_pem_key(&pkcs8, "PRIVATE KEY", false);

    let rsa = String::from_utf8(openssl(&dir, &["genrsa", "-traditional", "2048"])).unwrap();
    check_pem_key(&rsa, "RSA PRIVATE KEY", false);

    let ec = String::from_utf8(openssl(&dir, &["ecparam", "-name", "prime256v1", "-genkey", "-noout"])).unwrap();
    check_pem_key(&ec, "EC PRIVATE KEY", false);

    openssl(&dir, &["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", "dsap.pem"]);
    openssl(&dir, &["genpkey", "-paramfile", "dsap.pem", "-out", "dsa.pem"]);
    let dsa = String::from_utf8(openssl(&dir, &["pkey", "-in", "dsa.pem", "-traditional"])).unwrap();
    check_pem_key(&dsa, "DSA PRIVATE KEY", false);
}

#[test]
fn private_keys_encrypted() {
    let dir = tmpdir("enckeys");
    std::fs::write(dir.join("k.pem"), KeyPair::generate().unwrap().serialize_pem()).unwrap();
    let p8 = openssl(&dir, &["pkcs8", "-topk8", "-in", "k.pem", "-v2", "aes256", "-passout", "pass:x"]);
    check_pem_key(&String::from_utf8(p8).unwrap(), "ENCRYPTED PRIVATE KEY", true);

    std::fs::write(dir.join("rsa.pem"), openssl(&dir, &["genrsa", "-traditional", "2048"])).unwrap();
    let legacy = openssl(&dir, &["rsa", "-in", "rsa.pem", "-aes256", "-passout", "pass:x", "-traditional"]);
    let legacy = String::from_utf8(legacy).unwrap();
    assert!(legacy.contains("Proc-Type: 4,ENCRYPTED"));
    check_pem_key(&legacy, "RSA PRIVATE KEY", true);
}

/// An OpenSSH private key: the real thing when ssh-keygen is present, else one built to the
/// documented layout (PROTOCOL.key) with filler where the keys go.
fn openssh_key(dir: &Path, passphrase: &str, cipher: &str) -> String {
    let path = dir.join(format!("id_{cipher}"));
    let _ = std::fs::remove_file(&path);
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", passphrase, "-C", "test", "-f"])
        .arg(&path)
        .output()
        .is_ok_and(|o| o.status.success());
    if made {
        return std::fs::read_to_string(&path).unwrap();
    }
    let mut blob = b"openssh-key-v1\0".to_vec();
    for s in [cipher.as_bytes(), b"none"] {
        blob.extend_from_slice(&(s.len() as u32).to_be_bytes());
        blob.extend_from_slice(s);
    }
    let mut rng = Lcg(7);
    blob.extend((0..300).map(|_| rng.next() as u8));
    let b64 = B64.encode(&blob);
    let lines: Vec<_> = b64.as_bytes().chunks(70).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----\n", lines.join("\n"))
}

#[test]
fn private_keys_openssh_and_putty() {
    let dir = tmpdir("sshkeys");
    check_pem_key(&openssh_key(&dir, "", "none"), "OPENSSH PRIVATE KEY", false);
    check_pem_key(&openssh_key(&dir, "secret", "aes256-ctr"), "OPENSSH PRIVATE KEY", true);

    let private_lines = "AAAAIBqUE2ZGx0dGx0bGVhcm5pbmd0aGF0aXNub3RhcmVhbGtleQ==";
    let ppk = format!(
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: test\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMjA7c7Xz0gJq1k0mN3b\nqk2Xh1QbY0YzT1p4m2a7x9cQ\nKey-Derivation: Argon2id\nPrivate-Lines: 1\n{private_lines}\nPrivate-MAC: 2a9c0d3e\n"
    );
    let parsed = read_str(&ppk);
    assert_eq!(private_keys(&parsed), vec![("PUTTY PRIVATE KEY".to_owned(), true)]);
    assert!(!json(&parsed).contains(private_lines));
}

#[test]
fn private_keys_in_der_and_bare_base64() {
    let key = KeyPair::generate().unwrap();
    let der = key.serialize_der();
    let parsed = read_input(&der);
    assert_eq!(private_keys(&parsed), vec![("PRIVATE KEY".to_owned(), false)]);
    assert!(parsed.certs.is_empty());
    assert_no_secret(&json(&parsed), &B64.encode(&der), "");

    let parsed = read_str(&B64.encode(&der));
    assert_eq!(private_keys(&parsed), vec![("PRIVATE KEY".to_owned(), false)]);
    assert_eq!(parsed.formats, vec![InputFormat::Base64]);
    assert_no_secret(&json(&parsed), &B64.encode(&der), "");

    let dir = tmpdir("derkeys");
    std::fs::write(dir.join("rsa.pem"), openssl(&dir, &["genrsa", "-traditional", "2048"])).unwrap();
    let pkcs1 = openssl(&dir, &["rsa", "-in", "rsa.pem", "-traditional", "-outform", "DER"]);
    let parsed = read_input(&pkcs1);
    assert_eq!(private_keys(&parsed), vec![("RSA PRIVATE KEY".to_owned(), false)]);
    assert_no_secret(&json(&parsed), &B64.encode(&pkcs1), "");

    let ec = openssl(&dir, &["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-outform", "DER"]);
    assert_eq!(private_keys(&read_input(&ec)), vec![("EC PRIVATE KEY".to_owned(), false)]);

    std::fs::write(dir.join("k.pem"), key.serialize_pem()).unwrap();
    let enc = openssl(&dir, &["pkcs8", "-topk8", "-in", "k.pem", "-passout", "pass:x", "-outform", "DER"]);
    assert_eq!(private_keys(&read_input(&enc)), vec![("ENCRYPTED PRIVATE KEY".to_owned(), true)]);
}

#[test]
fn private_key_under_a_certificate_label_is_not_a_certificate() {
    let der = KeyPair::generate().unwrap().serialize_der();
    let text = format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", B64.encode(&der));
    let parsed = read_str(&text);
    assert!(parsed.certs.is_empty(), "key bytes must not reach the certificate parser");
    assert_eq!(private_keys(&parsed), vec![("PRIVATE KEY".to_owned(), false)]);
    assert_no_secret(&json(&parsed), &B64.encode(&der), "");
}

#[test]
fn private_key_without_end_is_still_a_private_key() {
    let key = KeyPair::generate().unwrap().serialize_pem();
    let cut: String = key.lines().take(2).map(|l| format!("{l}\n")).collect();
    let parsed = read_str(&cut);
    assert_eq!(private_keys(&parsed), vec![("PRIVATE KEY".to_owned(), false)]);
    assert_no_secret(&json(&parsed), &pem_body(&cut), "");
}

// ---------------------------------------------------------------------------------------------
// CSRs, CRLs, public keys, SSH keys, PKCS#12
// ---------------------------------------------------------------------------------------------

fn csr() -> (String, Vec<u8>) {
    let key = KeyPair::generate().unwrap();
    let csr = CertificateParams::new(vec!["a.example".to_owned()]).unwrap().serialize_request(&key).unwrap();
    (csr.pem().unwrap(), csr.der().to_vec())
}

fn crl() -> (String, Vec<u8>) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let issuer = Issuer::new(params, key);
    let crl = CertificateRevocationListParams {
        this_update: date_time_ymd(2024, 1, 1),
        next_update: date_time_ymd(2024, 2, 1),
        crl_number: SerialNumber::from(1u64),
        issuing_distribution_point: None,
        revoked_certs: Vec::new(),
        key_identifier_method: KeyIdMethod::Sha256,
    }
    .signed_by(&issuer)
    .unwrap();
    (crl.pem().unwrap(), crl.der().to_vec())
}

#[test]
fn csr_pem_der_and_new_label() {
    let (pem, der) = csr();
    let parsed = read_str(&format!("\n{pem}"));
    assert_eq!(parsed.others, vec![NonCertificate::CertificateRequest { line: Some(2) }]);
    assert!(parsed.certs.is_empty());

    let new_label = pem.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
    assert_eq!(read_str(&new_label).others, vec![NonCertificate::CertificateRequest { line: Some(1) }]);

    let parsed = read_input(&der);
    assert_eq!(parsed.others, vec![NonCertificate::CertificateRequest { line: None }]);
    assert!(parsed.certs.is_empty(), "a CSR in DER is not taken for a certificate");
}

#[test]
fn crl_pem_and_der() {
    let (pem, der) = crl();
    assert!(pem.contains("BEGIN X509 CRL"));
    assert_eq!(read_str(&pem).others, vec![NonCertificate::Crl { line: Some(1) }]);
    let parsed = read_input(&der);
    assert_eq!(parsed.others, vec![NonCertificate::Crl { line: None }]);
    assert!(parsed.certs.is_empty(), "a CRL in DER is not taken for a certificate");
}

#[test]
fn public_keys() {
    let key = KeyPair::generate().unwrap();
    let pem = key.public_key_pem();
    assert_eq!(read_str(&pem).others, vec![NonCertificate::PublicKey { line: Some(1) }]);
    let rsa = "-----BEGIN RSA PUBLIC KEY-----\nMAoCAwEAAQIDAQAB\n-----END RSA PUBLIC KEY-----\n";
    assert_eq!(read_str(rsa).others, vec![NonCertificate::PublicKey { line: Some(1) }]);
}

#[test]
fn ssh_public_keys() {
    let text = "\
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZXJAbGFwdG9wIGlzIG5vdCBhIHJlYWwga2V5 user@laptop
no-pty,command=\"/bin/true\" ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= ops
ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob
---- BEGIN SSH2 PUBLIC KEY ----
Comment: \"2048-bit RSA, converted by bob@host from OpenSSH\"
AAAAB3NzaC1yc2EAAAADAQABAAABAQC7
---- END SSH2 PUBLIC KEY ----
";
    let parsed = read_str(text);
    assert_eq!(
        parsed.others,
        vec![
            NonCertificate::SshKey { line: Some(1) },
            NonCertificate::SshKey { line: Some(2) },
            NonCertificate::SshKey { line: Some(3) },
            NonCertificate::SshKey { line: Some(4) },
        ]
    );
    assert!(parsed.certs.is_empty());
}

#[test]
fn pkcs12_der_and_base64() {
    let (pem, _) = cert("a.example");
    let dir = tmpdir("p12");
    let key = rcgen::generate_simple_self_signed(vec!["a.example".to_owned()]).unwrap();
    std::fs::write(dir.join("c.pem"), key.cert.pem()).unwrap();
    std::fs::write(dir.join("k.pem"), key.signing_key.serialize_pem()).unwrap();
    let p12 = openssl(&dir, &["pkcs12", "-export", "-passout", "pass:x", "-in", "c.pem", "-inkey", "k.pem"]);
    let parsed = read_input(&p12);
    assert_eq!(parsed.others, vec![NonCertificate::Pkcs12]);
    assert!(parsed.certs.is_empty());
    assert_eq!(parsed.formats, vec![InputFormat::Der]);

    let parsed = read_str(&B64.encode(&p12));
    assert_eq!(parsed.others, vec![NonCertificate::Pkcs12]);
    assert_eq!(parsed.formats, vec![InputFormat::Base64]);

    // PKCS#12 pasted beside a PEM certificate.
    let parsed = read_str(&format!("{pem}\nkeystore: {}\n", B64.encode(&p12)));
    assert_eq!(parsed.certs.len(), 1);
    assert_eq!(parsed.others, vec![NonCertificate::Pkcs12]);
}

// ---------------------------------------------------------------------------------------------
// Empty, unrecognised, limits, robustness
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_input() {
    for input in [&b""[..], b"   \n\t\r\n", b"\xEF\xBB\xBF\n"] {
        let parsed = read_input(input);
        assert_eq!(unrecognised(&parsed), vec!["empty input"], "{input:?}");
        assert!(parsed.certs.is_empty());
        assert!(parsed.formats.is_empty());
    }
}

#[test]
fn garbage_binary_and_known_files() {
    let mut rng = Lcg(42);
    let garbage: Vec<u8> = (0..4096).map(|_| rng.next() as u8).collect();
    assert_eq!(unrecognised(&read_input(&garbage)), vec!["binary data"]);
    assert_eq!(unrecognised(&read_input(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")), vec!["PNG image"]);
    assert_eq!(unrecognised(&read_input(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")), vec!["PDF document"]);
    assert_eq!(unrecognised(&read_input(b"PK\x03\x04\x14\0\0\0")), vec!["ZIP archive"]);
    assert_eq!(unrecognised(&read_input(b"\xFF\xD8\xFF\xE0\0\x10JFIF")), vec!["JPEG image"]);
    assert_eq!(unrecognised(&read_input(b"\xFE\xED\xFE\xED\0\0\0\x02")), vec!["Java KeyStore (JKS)"]);
}

#[test]
fn text_json_and_other_documents() {
    assert_eq!(unrecognised(&read_str("hello, I can't get TLS to work\n")), vec!["text with no certificate"]);
    assert_eq!(unrecognised(&read_str("{\"keys\": [{\"kty\": \"OKP\"}]}")), vec!["JSON"]);
    assert_eq!(unrecognised(&read_str("<!DOCTYPE html><html><body>hi</body></html>")), vec!["HTML document"]);
    let dump = "Certificate:\n    Data:\n        Version: 3 (0x2)\n    Signature Algorithm: ecdsa-with-SHA256\n";
    assert!(unrecognised(&read_str(dump))[0].contains("openssl x509 -text"));
}

#[test]
fn over_the_input_size_limit() {
    let (pem, der) = cert("a.example");
    let mut text = pem.clone();
    text.push_str(&"x".repeat(MAX_INPUT_BYTES));
    text.push_str(&cert("b.example").0);
    let parsed = read_str(&text);
    assert_eq!(ders(&parsed), vec![der], "the certificate before the limit is kept, the one after is not");
    assert_eq!(
        parsed.limit_hit,
        Some(LimitHit { limit: "MAX_INPUT_BYTES", value: MAX_INPUT_BYTES, read: MAX_INPUT_BYTES })
    );
}

#[test]
fn over_the_certificate_limit() {
    let (pem, _) = cert("a.example");
    let text = pem.repeat(MAX_CERTS + 10);
    let parsed = read_str(&text);
    assert_eq!(parsed.certs.len(), MAX_CERTS);
    let hit = parsed.limit_hit.expect("a limit");
    assert_eq!(hit.limit, "MAX_CERTS");
    assert_eq!(hit.value, MAX_CERTS);
    assert_eq!(hit.read, pem.len() * MAX_CERTS, "stopped at the start of the next block");
    assert!(parsed.others.is_empty());
}

#[test]
fn over_the_pem_block_limit() {
    let (pem, _) = cert("a.example");
    let key = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";
    let text = format!("{pem}{key}").repeat(MAX_PEM_BLOCKS / 2 + 5);
    let parsed = read_str(&text);
    assert_eq!(parsed.certs.len() + parsed.others.len(), MAX_PEM_BLOCKS);
    assert_eq!(parsed.limit_hit.expect("a limit").limit, "MAX_PEM_BLOCKS");
}

#[test]
fn long_lines_pem_bodies_unlimited_bare_base64_limited() {
    // A certificate whose base64 is longer than MAX_LINE_BYTES, thanks to a big extension.
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["big.example".to_owned()]).unwrap();
    let filler = vec![0x04, 0x82, 0xC3, 0x50].into_iter().chain(std::iter::repeat_n(0x41, 50_000)).collect();
    params.custom_extensions.push(rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], filler));
    let big = params.self_signed(&key).unwrap();
    let body = B64.encode(big.der());
    assert!(body.len() > MAX_LINE_BYTES);

    let pem = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
    assert_eq!(ders(&read_str(&pem)), vec![big.der().to_vec()], "PEM body lines have no length limit");

    let parsed = read_str(&body);
    assert!(parsed.certs.is_empty(), "bare base64 lines past MAX_LINE_BYTES are not inspected");
    assert_eq!(unrecognised(&parsed), vec!["text with no certificate"]);
    // Wrapped, the same base64 is read.
    let wrapped: String = body.as_bytes().chunks(64).map(|c| format!("{}\n", std::str::from_utf8(c).unwrap())).collect();
    assert_eq!(ders(&read_str(&wrapped)), vec![big.der().to_vec()]);
}

#[test]
fn json_shape_is_tidy() {
    let (pem, der) = cert("a.example");
    let parsed = read_str(&format!("{pem}-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));
    let value: serde_json::Value = serde_json::to_value(&parsed).unwrap();
    assert_eq!(value["certs"][0]["der"], serde_json::Value::String(B64.encode(&der)));
    assert_eq!(value["certs"][0]["origin"], serde_json::json!({ "format": "pem", "line": 1 }));
    assert_eq!(
        value["others"][0],
        serde_json::json!({ "kind": "private_key", "label": "RSA PRIVATE KEY", "encrypted": false, "line": 1 + pem.lines().count() })
    );
    assert_eq!(value["formats"], serde_json::json!(["pem"]));
    assert!(value.get("captures").is_none() && value.get("limit_hit").is_none());
    let sclient = serde_json::to_value(InputFormat::SClient).unwrap();
    assert_eq!(sclient, "s_client");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let (p7, _) = pkcs7_fixture("fuzz", true);
    let (pem, _) = cert("a.example");
    let capture = capture_showcerts(&chain());
    let mut rng = Lcg(1);
    // Every truncation of a PKCS#7.
    for len in 0..p7.len() {
        let _ = read_input(&p7[..len]);
    }
    // Random byte flips in DER, PEM and a capture.
    for seed in [p7.clone(), pem.into_bytes(), capture.into_bytes()] {
        for _ in 0..300 {
            let mut m = seed.clone();
            for _ in 0..1 + rng.next() % 4 {
                let i = (rng.next() as usize) % m.len();
                m[i] = rng.next() as u8;
            }
            let _ = read_input(&m);
        }
    }
    // Deep nesting, huge lengths, many markers on one line.
    let _ = read_input(&[0x30u8, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]);
    let _ = read_input(&[0x30u8, 0x88, 1, 2, 3, 4, 5, 6, 7, 8]);
    let _ = read_input(&[[0x30u8, 0x82, 0x0F, 0xFF].as_slice(), &[0xA0; 4095]].concat());
    let _ = read_str(&"-----BEGIN CERTIFICATE----- ".repeat(2000));
    let _ = read_str(&"-----END X----- ".repeat(2000));
    let _ = read_str(&"M".repeat(200_000));
}

// ---------------------------------------------------------------------------------------------
// Connection transcripts: every kind of failure, the way people paste, several captures, and
// the other clients. Real outputs are in tests/captures/mail (scripts/make-mail-captures.sh);
// the transcripts written here are of clients or situations that cannot run on this machine
// (LibreSSL, older OpenSSL, Windows, macOS, timeouts), with each client's own wording.
// ---------------------------------------------------------------------------------------------

use certscope::input::{Capture, CaptureEnd, Client, FailureKind, MAX_CAPTURES, Missing};

const MAIL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/mail/");

/// The one capture of a text.
#[track_caller]
fn one_capture(text: &str) -> Capture {
    let parsed = read_str(text);
    assert_eq!(parsed.captures.len(), 1, "{:#?}", parsed.captures);
    parsed.captures[0].clone()
}

fn failure(cap: &Capture) -> Option<FailureKind> {
    cap.failure.as_ref().map(|f| f.kind)
}

fn mail_file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{MAIL}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A chain written as `s_client -showcerts` prints it, for building transcripts.
fn showcerts_section(certs: &[(String, Vec<u8>)]) -> String {
    format!(
        "---\nCertificate chain\n 0 s:CN = mail.example.com\n   i:CN = Test Intermediate\n{} 1 s:CN = Test Intermediate\n   i:CN = Test Root\n{}---\n",
        certs[0].0, certs[1].0
    )
}

#[test]
fn transcript_connection_refused_in_every_spelling() {
    let cases = [
        // OpenSSL 3 (real: tests/captures/mail/refused.txt).
        "$ openssl s_client -connect mail.example.com:993\n40E7:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:125:calling connect()\n40E7:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:127:\nconnect:errno=111\n",
        // OpenSSL 1.1.1.
        "$ openssl s_client -connect mail.example.com:993\nconnect: Connection refused\nconnect:errno=111\n",
        // LibreSSL on macOS (ECONNREFUSED is 61 there).
        "% openssl s_client -connect mail.example.com:993\nconnect:errno=61\n",
        // Windows (WSAECONNREFUSED).
        "PS C:\\Users\\me> openssl s_client -connect mail.example.com:993\nconnect:errno=10061\n",
    ];
    for text in cases {
        let cap = one_capture(text);
        assert_eq!(failure(&cap), Some(FailureKind::ConnectionRefused), "{text}");
        assert_eq!(cap.connect_host.as_deref(), Some("mail.example.com"));
        assert_eq!(cap.connect_port, Some(993));
        assert!(!cap.connected);
        assert!(cap.missing.is_empty(), "a failure is an ending: {:?}", cap.missing);
    }
    let real = read_input(&mail_file("refused.txt"));
    assert_eq!(failure(&real.captures[0]), Some(FailureKind::ConnectionRefused));
    assert_eq!(real.captures[0].errors.len(), 2);
}

#[test]
fn transcript_timeouts_unreachable_and_names_that_do_not_resolve() {
    let timed_out = [
        "$ openssl s_client -connect 192.0.2.7:993\n40C7:error:8000006E:system library:BIO_connect:Connection timed out:../crypto/bio/bio_sock2.c:114:calling connect()\nconnect:errno=110\n",
        "$ openssl s_client -connect 192.0.2.7:993\nconnect:errno=60\n",
        "$ openssl s_client -connect 192.0.2.7:993\nconnect:errno=10060\n",
    ];
    for text in timed_out {
        assert_eq!(failure(&one_capture(text)), Some(FailureKind::TimedOut), "{text}");
    }
    let unreachable = "$ openssl s_client -connect [2001:db8::1]:993\n40C7:error:80000071:system library:BIO_connect:No route to host:../crypto/bio/bio_sock2.c:114:calling connect()\nconnect:errno=113\n";
    let cap = one_capture(unreachable);
    assert_eq!(failure(&cap), Some(FailureKind::Unreachable));
    assert_eq!(cap.connect_host.as_deref(), Some("2001:db8::1"));
    let names = [
        "$ openssl s_client -connect mail.example.invalid:993\n806B:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\nconnect:errno=0\n",
        "$ openssl s_client -connect mail.example.invalid:993\ngetaddrinfo: nodename nor servname provided, or not known\nconnect:errno=0\n",
        "> openssl s_client -connect mail.example.invalid:993\ngetaddrinfo: No such host is known.\n",
        "$ gnutls-cli --print-cert -p 993 mail.example.invalid\nCannot resolve mail.example.invalid:993: Name or service not known\n",
    ];
    for text in names {
        assert_eq!(failure(&one_capture(text)), Some(FailureKind::NameNotResolved), "{text}");
    }
    // Real: no network at all (unshare -n), so the resolver itself fails.
    let real = read_input(&mail_file("name-not-resolved.txt"));
    assert_eq!(failure(&real.captures[0]), Some(FailureKind::NameNotResolved));
}

#[test]
fn transcript_implicit_tls_against_a_plaintext_port() {
    let cases = [
        ("implicit-tls-on-imap-starttls-port.txt", 11143),
        ("implicit-tls-on-submission-port.txt", 11587),
    ];
    for (file, port) in cases {
        let parsed = read_input(&mail_file(file));
        let cap = &parsed.captures[0];
        assert_eq!(failure(cap), Some(FailureKind::NotTls), "{file}");
        assert!(cap.failure.as_ref().unwrap().line.contains("wrong version number"));
        assert_eq!(cap.connect_port, Some(port));
        assert!(cap.connected && cap.no_peer_certificate && !cap.handshake_complete);
        // OpenSSL's "Verify return code: 0 (ok)" is printed even here; it is kept as printed.
        assert_eq!(cap.verify_return_code, Some(0));
    }
    let older = [
        "$ openssl s_client -connect mail.example.com:143\nCONNECTED(00000003)\n140243916625856:error:1408F0C6:SSL routines:ssl3_get_record:packet length too long:ssl/record/ssl3_record.c:252:\n---\nno peer certificate available\n",
        "$ openssl s_client -connect mail.example.com:25\nCONNECTED(00000003)\n140735:error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol:s23_clnt.c:794:\n",
        "$ openssl s_client -connect mail.example.com:587\nCONNECTED(00000005)\n4469460332:error:1408F10B:SSL routines:CONNECT_CR_SRVR_HELLO:wrong version number:/AppleInternal/Library/BuildRoots/a/Library/Caches/com.apple.xbs/Sources/libressl/libressl-3.3/ssl/ssl_pkt.c:386:\n",
        "$ keytool -printcert -rfc -sslserver mail.example.com:143\nkeytool error: javax.net.ssl.SSLException: Unsupported or unrecognized SSL message\n",
    ];
    for text in older {
        assert_eq!(failure(&one_capture(text)), Some(FailureKind::NotTls), "{text}");
    }
    assert_eq!(one_capture(older[2]).client, Client::Libressl);
    assert_eq!(one_capture(older[3]).client, Client::Keytool);
}

#[test]
fn transcript_starttls_against_the_wrong_port() {
    // OpenSSL's and LibreSSL's words for a server that does not offer STARTTLS.
    let openssl = "$ openssl s_client -connect mail.example.com:465 -starttls smtp\nCONNECTED(00000003)\nDidn't find STARTTLS in server response, trying anyway...\n40E7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n";
    let cap = one_capture(openssl);
    assert_eq!(failure(&cap), Some(FailureKind::StarttlsNotOffered), "more specific than the wrong version that follows");
    assert_eq!(cap.starttls_offered, Some(false));
    assert_eq!(cap.starttls.as_deref(), Some("smtp"));
    let libressl = "$ openssl s_client -connect mail.example.com:465 -starttls smtp\nCONNECTED(00000005)\ndidn't find starttls in server response, try anyway...\nwrite:errno=32\n";
    let cap = one_capture(libressl);
    assert_eq!(failure(&cap), Some(FailureKind::StarttlsNotOffered));
    assert_eq!(cap.client, Client::Libressl);
    // Real: -starttls imap against Dovecot's implicit-TLS port; the client waits for a greeting
    // that never comes, and the output stops after CONNECTED.
    let parsed = read_input(&mail_file("starttls-on-imaps-port.txt"));
    let cap = &parsed.captures[0];
    assert!(cap.connected);
    assert_eq!(cap.failure, None);
    assert_eq!(cap.missing, vec![Missing::HandshakeResult]);
}

#[test]
fn transcript_handshake_failures() {
    let parsed = read_input(&mail_file("tls11-refused.txt"));
    let cap = &parsed.captures[0];
    assert_eq!(failure(cap), Some(FailureKind::Alert));
    assert_eq!(cap.failure.as_ref().unwrap().alert, Some(70));
    assert_eq!(cap.version_forced.as_deref(), Some("TLSv1.1"));
    assert!(cap.no_peer_certificate);
    assert!(!cap.handshake_complete, "Cipher 0000 is no cipher");
    assert_eq!(cap.cipher, None);
    let parsed = read_input(&mail_file("tls11-dovecot.txt"));
    assert_eq!(failure(&parsed.captures[0]), Some(FailureKind::ClosedDuringHandshake));
    let alert = "$ openssl s_client -connect [2001:db8::1]:8443\nCONNECTED(00000003)\n4057F6F8F87F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1584:SSL alert number 40\n---\nno peer certificate available\n";
    let cap = one_capture(alert);
    assert_eq!(cap.failure.as_ref().map(|f| (f.kind, f.alert)), Some((FailureKind::Alert, Some(40))));
    let no_protocols = "$ openssl s_client -connect mail.example.com:993 -tls1\nCONNECTED(00000003)\n80AB:error:0A0000BF:SSL routines:tls_setup_handshake:no protocols available:../ssl/statem/statem_lib.c:104:\n";
    assert_eq!(failure(&one_capture(no_protocols)), Some(FailureKind::NoCommonProtocol));
    let gnutls = "$ gnutls-cli -p 993 mail.example.com\nProcessed 144 CA certificate(s).\nResolving 'mail.example.com:993'...\nConnecting to '192.0.2.7:993'...\n*** Fatal error: A TLS fatal alert has been received.\n*** Received alert [70]: Error in protocol version\n";
    let cap = one_capture(gnutls);
    assert_eq!(cap.client, Client::GnutlsCli);
    assert_eq!(cap.failure.as_ref().map(|f| (f.kind, f.alert)), Some((FailureKind::Alert, Some(70))));
}

#[test]
fn transcript_no_peer_certificate() {
    let text = "$ openssl s_client -connect mail.example.com:993\nCONNECTED(00000003)\n---\nno peer certificate available\n---\nNo client certificate CA names sent\n---\nSSL handshake has read 0 bytes and written 293 bytes\n";
    let cap = one_capture(text);
    assert!(cap.no_peer_certificate);
    assert_eq!(cap.failure, None);
    let parsed = read_input(&mail_file("keytool-refused.txt"));
    let cap = &parsed.captures[0];
    assert_eq!(cap.client, Client::Keytool);
    assert_eq!(failure(cap), Some(FailureKind::NoCertificate));
    assert_eq!(cap.connect_port, Some(11999));
}

#[test]
fn transcript_records_what_was_asked_and_what_happened() {
    let parsed = read_input(&mail_file("smtps-465-status.txt"));
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);
    let cap = &parsed.captures[0];
    assert_eq!(cap.client, Client::Openssl);
    assert_eq!(cap.command.as_deref(), Some("openssl s_client -connect 127.0.0.1:11465 -servername mail.example.test -showcerts -status"));
    assert!(cap.connected && cap.handshake_complete && cap.showcerts);
    assert_eq!((cap.sni_sent, cap.sni.as_deref()), (Some(true), Some("mail.example.test")));
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
    assert_eq!(cap.cipher.as_deref(), Some("TLS_AES_256_GCM_SHA384"));
    assert_eq!(cap.server_temp_key.as_deref(), Some("X25519, 253 bits"));
    assert_eq!(cap.ocsp_response.as_deref(), Some("no response sent"));
    assert_eq!(cap.verify_return_code, Some(20));
    let errors: Vec<_> = cap.verify_errors.iter().map(|e| (e.depth, e.code)).collect();
    assert_eq!(errors, vec![(Some(1), Some(20))]);
    assert_eq!(cap.end, Some(CaptureEnd::Done));
    assert_eq!((cap.bodies, cap.certs.clone(), cap.chain.len()), (2, vec![0, 1], 2));

    // STARTTLS: the mail server's own words are kept.
    let parsed = read_input(&mail_file("imap-starttls-143.txt"));
    let cap = &parsed.captures[0];
    assert_eq!(cap.starttls.as_deref(), Some("imap"));
    assert!(cap.greeting.as_deref().unwrap().starts_with(". OK"));
    // After an implicit-TLS handshake the greeting comes when the server is quick enough.
    let text = "$ openssl s_client -connect mail.example.com:993\nCONNECTED(00000003)\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nVerify return code: 0 (ok)\n---\nread R BLOCK\n* OK [CAPABILITY IMAP4rev1] Dovecot ready.\n";
    assert_eq!(one_capture(text).greeting.as_deref(), Some("* OK [CAPABILITY IMAP4rev1] Dovecot ready."));

    // -verify_hostname and -CAfile: what OpenSSL was told to check, and with which roots.
    let parsed = read_input(&mail_file("verify-hostname.txt"));
    let cap = &parsed.captures[0];
    assert_eq!(cap.verify_hostname.as_deref(), Some("mail.example.test"));
    assert_eq!(cap.trust.as_deref(), Some("-CAfile root.pem"));
    assert_eq!(cap.verified_peername.as_deref(), Some("mail.example.test"));
    assert_eq!((cap.verify_return_code, cap.verification_ok), (Some(0), Some(true)));

    // TLS 1.1 accepted: the SSL-Session block's protocol wins over the cipher's "TLSv1.0".
    let parsed = read_input(&mail_file("tls11-accepted.txt"));
    let cap = &parsed.captures[0];
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.1"));
    assert!(cap.handshake_complete);
}

#[test]
fn transcript_tells_whether_sni_was_sent() {
    let sni = |text: &str| {
        let cap = one_capture(text);
        (cap.sni_sent, cap.sni)
    };
    let tail = "CONNECTED(00000003)\n";
    // -servername, or OpenSSL 1.1.1+ sending the -connect name by itself.
    assert_eq!(sni(&format!("$ openssl s_client -connect 192.0.2.7:993 -servername mail.example.com\n{tail}")), (Some(true), Some("mail.example.com".into())));
    assert_eq!(sni(&format!("$ openssl s_client -connect mail.example.com:993\n{tail}")), (Some(true), Some("mail.example.com".into())));
    // An IP address is never sent; -noservername sends nothing; OpenSSL says so itself.
    assert_eq!(sni(&format!("$ openssl s_client -connect 192.0.2.7:993\n{tail}")), (Some(false), None));
    assert_eq!(sni(&format!("$ openssl s_client -connect mail.example.com:993 -noservername\n{tail}")), (Some(false), None));
    assert_eq!(sni(&format!("$ openssl s_client -connect mail.example.com:993\nCan't use SSL_get_servername\n{tail}")), (Some(false), None));
    // OpenSSL 1.1.0 and older (subjects in /CN= form) send no name without -servername.
    assert_eq!(sni(&format!("$ openssl s_client -connect mail.example.com:993\n{tail}depth=0 /CN=mail.example.com\n")), (Some(false), None));
    // Without the command line nobody can tell.
    assert_eq!(sni(tail), (None, None));
    // keytool sends SNI for names with a dot; gnutls-cli for names.
    assert_eq!(sni("$ keytool -printcert -rfc -sslserver 127.0.0.1:993\nkeytool error: x\n").0, Some(false));
    assert_eq!(sni("$ gnutls-cli -p 993 mail.example.com\nProcessed 1 CA certificate(s).\n").0, Some(true));
    // Real: no -servername against 127.0.0.1.
    let parsed = read_input(&mail_file("no-sni.txt"));
    assert_eq!(parsed.captures[0].sni_sent, Some(false));
}

#[test]
fn transcript_pasted_with_prompt_crlf_and_fence() {
    let certs = chain();
    let body = format!(
        "CONNECTED(00000003)\n{}Server certificate\nsubject=CN = mail.example.com\n---\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nVerify return code: 20 (unable to get local issuer certificate)\n---\nDONE\n",
        showcerts_section(&certs)
    );
    let prompts = ["user@laptop:~$ ", "[root@mail ~]# ", "% ", "PS C:\\Users\\me> ", "C:\\> ", "$ echo | "];
    for prompt in prompts {
        let text = format!("{prompt}openssl s_client -connect mail.example.com:993 -servername mail.example.com -showcerts\n{body}");
        for variant in [text.clone(), text.replace('\n', "\r\n"), format!("```\n{text}```\n"), format!("~~~text\r\n{}~~~\r\n", text.replace('\n', "\r\n"))] {
            let parsed = read_str(&variant);
            assert_eq!(parsed.captures.len(), 1, "{variant}");
            let cap = &parsed.captures[0];
            assert_eq!(cap.command.as_deref(), Some("openssl s_client -connect mail.example.com:993 -servername mail.example.com -showcerts"), "{prompt}");
            assert_eq!(cap.certs, vec![0, 1]);
            assert_eq!(ders(&parsed), vec![certs[0].1.clone(), certs[1].1.clone()]);
            assert!(cap.missing.is_empty(), "{:?}", cap.missing);
            assert!(parsed.others.is_empty(), "{:?}", parsed.others);
        }
    }
    // A sentence that names s_client is not a command line.
    let parsed = read_str(&format!("I ran openssl s_client and got this:\n{body}"));
    assert_eq!(parsed.captures.len(), 1);
    assert_eq!(parsed.captures[0].command, None);
}

#[test]
fn transcript_cut_off_says_what_is_missing() {
    let certs = chain();
    let whole = format!(
        "$ openssl s_client -connect mail.example.com:993 -servername mail.example.com -showcerts\nCONNECTED(00000003)\n{}Server certificate\n---\nVerify return code: 0 (ok)\n",
        showcerts_section(&certs)
    );
    // Inside the second certificate: its end is missing, and no BadPem note repeats it.
    let cut = &whole[..whole.find("1 s:CN = Test Intermediate").unwrap() + 200];
    let parsed = read_str(cut);
    let cap = &parsed.captures[0];
    assert_eq!(cap.certs, vec![0]);
    assert!(cap.missing.contains(&Missing::CertificateEnd), "{:?}", cap.missing);
    assert!(cap.missing.contains(&Missing::HandshakeResult), "{:?}", cap.missing);
    assert!(bad_pems(&parsed).is_empty(), "{:?}", parsed.others);
    // After the chain, before the summary.
    let cap = one_capture(&whole[..whole.find("Server certificate").unwrap()]);
    assert_eq!(cap.missing, vec![Missing::HandshakeResult]);
    // Only the command, or the command with its errors sent to /dev/null.
    assert_eq!(one_capture("$ openssl s_client -connect mail.example.com:993\n").missing, vec![Missing::Output]);
    let hidden = one_capture("$ openssl s_client -connect mail.example.com:993 2>/dev/null\n");
    assert!(hidden.stderr_hidden);
    assert_eq!(hidden.missing, vec![Missing::ErrorMessages]);
    // A whole capture misses nothing.
    assert!(one_capture(&whole).missing.is_empty());
    // Interrupted by the user.
    assert_eq!(one_capture("$ openssl s_client -connect mail.example.com:993 -starttls imap\nCONNECTED(00000003)\n^C\n").end, Some(CaptureEnd::Interrupted));
}

#[test]
fn transcript_several_captures_each_with_its_certificates() {
    // Real: the companion script against Dovecot and Postfix, 7 ports.
    let parsed = read_input(&mail_file("capture-script.txt"));
    assert_eq!(parsed.captures.len(), 7);
    let ports: Vec<_> = parsed.captures.iter().map(|c| (c.connect_port.unwrap(), c.starttls.clone())).collect();
    assert_eq!(
        ports,
        vec![
            (11993, None),
            (11143, Some("imap".into())),
            (11995, None),
            (11110, Some("pop3".into())),
            (11465, None),
            (11587, Some("smtp".into())),
            (11025, Some("smtp".into()))
        ]
    );
    for (i, cap) in parsed.captures.iter().enumerate() {
        assert_eq!(cap.certs, vec![2 * i, 2 * i + 1], "capture {i}");
        assert!(cap.handshake_complete && cap.missing.is_empty(), "capture {i}: {cap:?}");
        assert_eq!(cap.verify_errors.len(), 1, "capture {i}: its own verify lines only");
    }
    assert_eq!(parsed.certs.len(), 14);
    // The script's POP3 run printed NUL bytes; the text is still read as text.
    assert!(parsed.others.is_empty(), "{:?}", parsed.others);

    // Without command lines, a new CONNECTED starts a new capture, and the stderr lines
    // printed before it (depth=, verify error) go with it, not with the capture before.
    let certs = chain();
    let run = |name: &str, code: i64| {
        format!(
            "depth=0 CN = {name}\nverify error:num={code}:some error\nverify return:1\nCONNECTED(00000003)\n{}Server certificate\n---\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nVerify return code: {code} (some error)\n---\nDONE\n",
            showcerts_section(&certs)
        )
    };
    let parsed = read_str(&format!("{}{}", run("first", 20), run("second", 18)));
    assert_eq!(parsed.captures.len(), 2);
    let codes: Vec<Vec<Option<i64>>> = parsed.captures.iter().map(|c| c.verify_errors.iter().map(|e| e.code).collect()).collect();
    assert_eq!(codes, vec![vec![Some(20)], vec![Some(18)]]);
    assert_eq!(parsed.captures[1].certs, vec![2, 3]);

    // A failure between two good captures.
    let text = format!(
        "$ openssl s_client -connect mail.example.com:993 -showcerts\n{}$ openssl s_client -connect mail.example.com:995 -showcerts\nconnect:errno=111\n$ openssl s_client -connect mail.example.com:587 -starttls smtp -showcerts\n{}",
        run("a", 0),
        run("b", 0)
    );
    let parsed = read_str(&text);
    let kinds: Vec<_> = parsed.captures.iter().map(failure).collect();
    assert_eq!(kinds, vec![None, Some(FailureKind::ConnectionRefused), None]);
    assert_eq!(parsed.captures[2].certs, vec![2, 3]);
}

#[test]
fn transcript_captures_are_bounded() {
    let one = "$ openssl s_client -connect mail.example.com:993\nconnect:errno=111\n";
    let parsed = read_str(&one.repeat(MAX_CAPTURES + 5));
    assert_eq!(parsed.captures.len(), MAX_CAPTURES);
    assert_eq!(parsed.limit_hit.as_ref().map(|l| l.limit), Some("MAX_CAPTURES"));
}

#[test]
fn transcript_libressl_as_macos_prints_it() {
    // LibreSSL 3.3 (macOS): slash-form names, "TLSv1/SSLv3" and AEAD- cipher names, no a:/v:.
    let certs = chain();
    let text = format!(
        "% openssl s_client -connect mail.example.com:993 -showcerts
CONNECTED(00000005)
depth=2 /CN=Test Root
verify error:num=19:self signed certificate in certificate chain
verify return:1
---
Certificate chain
 0 s:/CN=mail.example.com
   i:/CN=Test Intermediate
{} 1 s:/CN=Test Intermediate
   i:/CN=Test Root
{}---
Server certificate
subject=/CN=mail.example.com
issuer=/CN=Test Intermediate
---
No client certificate CA names sent
Server Temp Key: ECDH, X25519, 253 bits
---
SSL handshake has read 4667 bytes and written 289 bytes
---
New, TLSv1/SSLv3, Cipher is AEAD-AES256-GCM-SHA384
Server public key is 2048 bit
Secure Renegotiation IS NOT supported
Compression: NONE
Expansion: NONE
No ALPN negotiated
SSL-Session:
    Protocol  : TLSv1.3
    Cipher    : AEAD-AES256-GCM-SHA384
    Session-ID: 
    Session-ID-ctx: 
    Master-Key: 
    Start Time: 1700000000
    Timeout   : 7200 (sec)
    Verify return code: 19 (self signed certificate in certificate chain)
---
* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.
",
        certs[0].0, certs[1].0
    );
    let parsed = read_str(&text);
    let cap = &parsed.captures[0];
    assert_eq!(cap.client, Client::Libressl);
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
    assert_eq!(cap.cipher.as_deref(), Some("AEAD-AES256-GCM-SHA384"));
    assert_eq!(cap.chain[0].subject, "/CN=mail.example.com");
    assert_eq!(cap.verify_return_code, Some(19));
    assert_eq!(cap.sni_sent, None, "LibreSSL versions differ");
    assert!(cap.greeting.as_deref().unwrap().starts_with("* OK"));
    assert_eq!(formats(&parsed), vec![InputFormat::SClient; 2]);
}

#[test]
fn transcript_brief_and_ocsp_status() {
    let brief = "$ openssl s_client -connect mail.example.com:993 -brief
depth=0 CN = mail.example.com
verify error:num=20:unable to get local issuer certificate
CONNECTION ESTABLISHED
Protocol version: TLSv1.3
Ciphersuite: TLS_AES_256_GCM_SHA384
Peer certificate: CN = mail.example.com
Hash used: SHA256
Signature type: RSA-PSS
Verification error: unable to get local issuer certificate
Peer Temp Key: X25519, 253 bits
";
    let cap = one_capture(brief);
    assert!(cap.connected && cap.handshake_complete);
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
    assert_eq!(cap.server_subject.as_deref(), Some("CN = mail.example.com"));
    assert_eq!(cap.verification_error.as_deref(), Some("unable to get local issuer certificate"));
    let ocsp = "$ openssl s_client -connect mail.example.com:993 -status
CONNECTED(00000003)
OCSP response: 
======================================
OCSP Response Data:
    OCSP Response Status: successful (0x0)
    Response Type: Basic OCSP Response
    Version: 1 (0x0)
    Responder Id: C = US, O = Let's Encrypt, CN = R3
    Produced At: Nov 20 10:00:00 2026 GMT
    Responses:
    Certificate ID:
      Hash Algorithm: sha1
      Serial Number: 04A1B2C3
    Cert Status: revoked
    Revocation Time: Nov 19 10:00:00 2026 GMT
    This Update: Nov 20 10:00:00 2026 GMT
======================================
---
Verify return code: 0 (ok)
";
    let cap = one_capture(ocsp);
    assert_eq!(cap.ocsp_response.as_deref(), Some("successful (0x0)"));
    assert_eq!(cap.ocsp_cert_status.as_deref(), Some("revoked"));
    assert_eq!(cap.verify_return_code, Some(0));
}

#[test]
fn other_clients_gnutls_cli() {
    let parsed = read_input(&mail_file("gnutls-cli.txt"));
    assert_eq!(formats(&parsed), vec![InputFormat::GnutlsCli; 2]);
    assert_eq!(parsed.formats, vec![InputFormat::GnutlsCli]);
    let cap = &parsed.captures[0];
    assert_eq!(cap.client, Client::GnutlsCli);
    assert_eq!((cap.connect_host.as_deref(), cap.connect_port), (Some("127.0.0.1"), Some(11993)));
    assert_eq!(cap.servername.as_deref(), Some("mail.example.test"));
    assert_eq!(cap.verify_hostname.as_deref(), Some("mail.example.test"));
    assert!(cap.showcerts);
    assert_eq!(cap.verification_ok, Some(false));
    assert_eq!(cap.verification_error.as_deref(), Some("The certificate issuer is unknown."));
    let chain: Vec<_> = cap.chain.iter().map(|c| (c.depth, c.subject.as_str())).collect();
    assert_eq!(chain, vec![(0, "CN=mail.example.test"), (1, "CN=certscope Test Intermediate CA R1,O=certscope test PKI")]);
    assert!(cap.chain[0].key.as_deref().unwrap().contains("RSA key 2048 bits"));
    let depths: Vec<_> = parsed.certs.iter().map(|c| c.origin.depth).collect();
    assert_eq!(depths, vec![Some(0), Some(1)]);
    let parsed = read_input(&mail_file("gnutls-cli-starttls.txt"));
    let cap = &parsed.captures[0];
    assert_eq!((cap.starttls.as_deref(), cap.verification_ok), (Some("imap"), Some(true)));
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.3"));
    assert!(cap.handshake_complete);
    assert_eq!(cap.end, Some(CaptureEnd::ServerClosed));
    let parsed = read_input(&mail_file("gnutls-cli-refused.txt"));
    assert_eq!(failure(&parsed.captures[0]), Some(FailureKind::ConnectionRefused));
    // Without --print-cert the chain is listed, not shown.
    let text = "$ gnutls-cli -p 993 mail.example.com\nProcessed 144 CA certificate(s).\nResolving 'mail.example.com:993'...\nConnecting to '192.0.2.7:993'...\n- Certificate type: X.509\n- Got a certificate list of 2 certificates.\n- Certificate[0] info:\n - subject `CN=mail.example.com', issuer `CN=R3,O=Let's Encrypt,C=US', serial 0x04, RSA key 2048 bits, signed using RSA-SHA256, activated `2026-11-01 00:00:00 UTC', expires `2027-01-30 00:00:00 UTC', pin-sha256=\"x\"\n- Certificate[1] info:\n - subject `CN=R3,O=Let's Encrypt,C=US', issuer `CN=ISRG Root X1,O=Internet Security Research Group,C=US', serial 0x05, RSA key 2048 bits, signed using RSA-SHA256, activated `2020-09-04 00:00:00 UTC', expires `2025-09-15 16:00:00 UTC', pin-sha256=\"y\"\n- Status: The certificate is trusted. \n- Description: (TLS1.2)-(ECDHE-SECP256R1)-(RSA-SHA256)-(AES-256-GCM)\n- Handshake was completed\n";
    let cap = one_capture(text);
    assert!(!cap.showcerts);
    assert_eq!((cap.bodies, cap.chain.len()), (0, 2));
    assert_eq!(cap.protocol.as_deref(), Some("TLSv1.2"));
    assert_eq!(cap.verification_ok, Some(true));
    assert_eq!(cap.chain[1].validity.as_deref(), Some("activated 2020-09-04 00:00:00 UTC; expires 2025-09-15 16:00:00 UTC"));
}

#[test]
fn other_clients_keytool() {
    let parsed = read_input(&mail_file("keytool.txt"));
    assert_eq!(parsed.formats, vec![InputFormat::Keytool]);
    assert_eq!(formats(&parsed), vec![InputFormat::Keytool; 2]);
    let cap = &parsed.captures[0];
    assert_eq!(cap.client, Client::Keytool);
    assert_eq!((cap.connect_host.as_deref(), cap.connect_port), (Some("127.0.0.1"), Some(11993)));
    assert!(cap.showcerts && cap.connected && cap.missing.is_empty());
    assert_eq!(cap.certs, vec![0, 1]);
    // keytool's default port; and its text listing without -rfc names the certificates only.
    assert_eq!(one_capture("$ keytool -printcert -rfc -sslserver mail.example.com\nkeytool error: x\n").connect_port, Some(443));
    let listing = "$ keytool -printcert -sslserver mail.example.com:993\nCertificate #0\n====================================\nOwner: CN=mail.example.com\nIssuer: CN=R3, O=Let's Encrypt, C=US\nSerial number: 4a1b\nValid from: Sun Nov 01 00:00:00 UTC 2026 until: Sat Jan 30 00:00:00 UTC 2027\n\nCertificate #1\n====================================\nOwner: CN=R3, O=Let's Encrypt, C=US\nIssuer: CN=ISRG Root X1, O=Internet Security Research Group, C=US\n";
    let cap = one_capture(listing);
    assert!(!cap.showcerts);
    let chain: Vec<_> = cap.chain.iter().map(|c| (c.depth, c.subject.as_str(), c.issuer.as_str())).collect();
    assert_eq!(chain, vec![(0, "CN=mail.example.com", "CN=R3, O=Let's Encrypt, C=US"), (1, "CN=R3, O=Let's Encrypt, C=US", "CN=ISRG Root X1, O=Internet Security Research Group, C=US")]);
}

#[test]
fn other_clients_offline_printers_and_browser_exports() {
    // openssl x509 -text and certtool -i print the certificate as text, then as PEM.
    for (file, format) in [("x509-text.txt", InputFormat::X509Text), ("certtool-i.txt", InputFormat::CerttoolText)] {
        let parsed = read_input(&mail_file(file));
        assert_eq!(parsed.certs.len(), 1, "{file}");
        assert_eq!(parsed.formats, vec![format], "{file}");
        assert!(parsed.captures.is_empty() && parsed.others.is_empty(), "{file}: {:?}", parsed.others);
    }
    // A browser's "PEM (chain)" export (Firefox) or Base-64 .cer export (Chrome on Windows):
    // PEM blocks with CRLF line ends, one after the other.
    let certs = chain();
    let export = format!("{}{}", certs[0].0, certs[1].0).replace('\n', "\r\n");
    let parsed = read_str(&export);
    assert_eq!(ders(&parsed), vec![certs[0].1.clone(), certs[1].1.clone()]);
    assert_eq!(formats(&parsed), vec![InputFormat::Pem; 2]);
    // The text of a certificate viewer, copied without the certificate, is explained.
    let viewer = "Subject Name\nCommon Name\tmail.example.com\nIssuer Name\nCountry\tUS\nOrganization\tLet's Encrypt\nCommon Name\tR3\nValidity\nNot Before\tSun, 01 Nov 2026 00:00:00 GMT\nNot After\tSat, 30 Jan 2027 00:00:00 GMT\nMiscellaneous\nSerial Number\t04:A1\nDownload\tPEM (cert)PEM (chain)\n";
    let what = unrecognised(&read_str(viewer)).join("");
    assert!(what.contains("certificate viewer"), "{what}");
    let listing = "Certificate #0\n====================================\nOwner: CN=mail.example.com\nIssuer: CN=R3\n";
    let parsed = read_str(listing);
    assert_eq!(parsed.captures.len(), 1, "keytool's listing is read as keytool's");
    assert_eq!(parsed.captures[0].client, Client::Keytool);
}

#[test]
fn every_real_mail_capture_reads_as_captures_json_says() {
    let index: serde_json::Value = serde_json::from_slice(&mail_file("captures.json")).unwrap();
    let entries = index["captures"].as_array().unwrap();
    assert!(entries.len() >= 20, "{} captures", entries.len());
    for e in entries {
        let file = e["file"].as_str().unwrap();
        let parsed = read_input(&mail_file(file));
        assert!(parsed.others.is_empty(), "{file}: {:?}", parsed.others);
        let client = match e["tool"].as_str().unwrap() {
            "openssl" | "certscope-capture" => Some(Client::Openssl),
            "gnutls-cli" => Some(Client::GnutlsCli),
            "keytool" => Some(Client::Keytool),
            _ => None,
        };
        match client {
            Some(client) => {
                assert!(!parsed.captures.is_empty(), "{file}: no capture");
                for cap in &parsed.captures {
                    assert_eq!(cap.client, client, "{file}");
                    assert!(cap.command.is_some(), "{file}: the command line was not read");
                    assert!(cap.certs.iter().all(|&c| c < parsed.certs.len()), "{file}");
                }
            }
            None => assert!(parsed.captures.is_empty(), "{file}"),
        }
    }
}

#[test]
fn hostile_transcripts_do_not_panic() {
    let mut rng = Lcg(7);
    for file in ["capture-script.txt", "gnutls-cli.txt", "tls11-refused.txt", "keytool.txt"] {
        let seed = mail_file(file);
        // Byte flips.
        for _ in 0..200 {
            let mut m = seed.clone();
            for _ in 0..1 + rng.next() % 8 {
                let i = (rng.next() as usize) % m.len();
                m[i] = rng.next() as u8;
            }
            let parsed = read_input(&m);
            for cap in &parsed.captures {
                assert!(cap.certs.iter().all(|&c| c < parsed.certs.len()), "{file}");
            }
        }
        // Cut at every line.
        let text = String::from_utf8_lossy(&seed).into_owned();
        for (i, _) in text.match_indices('\n').step_by(3) {
            let _ = read_str(&text[..i]);
        }
    }
    // Lines shuffled, repeated, and every transcript marker on one line.
    let text = String::from_utf8_lossy(&mail_file("capture-script.txt")).into_owned();
    let mut lines: Vec<&str> = text.lines().collect();
    for i in (1..lines.len()).rev() {
        lines.swap(i, (rng.next() as usize) % (i + 1));
    }
    let _ = read_str(&lines.join("\n"));
    let _ = read_str(&"CONNECTED(00000003)\n".repeat(10_000));
    let _ = read_str(&"depth=0 CN = x\nverify error:num=20:x\nVerify return code: 20 (x)\n".repeat(5_000));
    let _ = read_str(&"- Certificate[0] info:\n - subject `CN=x', issuer `".repeat(2_000));
    let _ = read_str("$ openssl s_client -connect [::1\n$ keytool -sslserver :\n$ gnutls-cli -p\n- subject `\nCertificate #99999999999\n");
}
