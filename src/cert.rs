//! The certificate model: one parse of each certificate into owned facts the checks read.
//!
//! Parsing is lenient (an extension that does not parse is recorded as broken and the rest of
//! the certificate is still read); judging is left to the policy.

use crate::limits::MAX_NAMES_PER_CERT;
use crate::name_constraints::{GeneralName, NameConstraints};
use ring::digest;
use x509_parser::extensions::{GeneralName as XName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

/// A certificate as read from the input or the trust store, with what could be parsed of it.
#[derive(Debug, Clone)]
pub struct Cert {
    /// The DER encoding as given.
    pub der: Vec<u8>,
    /// SHA-256 of the DER.
    pub sha256: Vec<u8>,
    /// SHA-1 of the DER (shown because many tools still print it).
    pub sha1: Vec<u8>,
    /// The parsed fields, or why the certificate could not be parsed at all.
    pub parsed: Result<Parsed, String>,
}

/// The fields of a certificate that parsed.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// X.509 version as written (0 = v1, 2 = v3).
    pub version: u32,
    /// The serial number's content octets.
    pub serial: Vec<u8>,
    /// The DER of tbsCertificate: what the issuer signed.
    pub tbs: Vec<u8>,
    /// The outer signature algorithm.
    pub sig_alg: SigAlg,
    /// The tbsCertificate's signature field differs from the outer one (RFC 5280 4.1.1.2).
    pub sig_alg_mismatch: bool,
    /// The signature bits.
    pub signature: Vec<u8>,
    /// Issuer name.
    pub issuer: Name,
    /// Subject name.
    pub subject: Name,
    /// notBefore, seconds since the Unix epoch.
    pub not_before: i64,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: i64,
    /// The subject public key.
    pub key: Key,
    /// The extensions.
    pub ext: Extensions,
    /// The first encoding that is not DER (RFC 5280 4.1), when the certificate could still be
    /// read: its fields are shown, and the inspection rejects it (`malformed_certificate`).
    pub not_der: Option<String>,
}

/// A distinguished name: its encoding for chaining and a readable form for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// DER of the Name, including its SEQUENCE header.
    pub der: Vec<u8>,
    /// RFC 4514-style text, e.g. `CN=mail.example.com, O=Example`.
    pub text: String,
    /// commonName values.
    pub common_names: Vec<String>,
    /// emailAddress values (PKCS#9), for name constraints.
    pub emails: Vec<String>,
    /// More than `MAX_NAMES_PER_CERT` commonName or emailAddress values: the rest were not read.
    pub truncated: bool,
}

impl Name {
    /// The Name's content octets (the RDNSequence without its SEQUENCE header).
    pub fn content(&self) -> &[u8] {
        der_content(&self.der).unwrap_or(&[])
    }

    /// Whether the name has no RDNs at all.
    pub fn is_empty(&self) -> bool {
        self.content().is_empty()
    }
}

/// A signature algorithm, identified by its exact AlgorithmIdentifier (as rustls-webpki does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigAlg {
    RsaPkcs1Sha1,
    RsaPkcs1Sha256,
    RsaPkcs1Sha384,
    RsaPkcs1Sha512,
    RsaPkcs1Md5,
    RsaPkcs1Md2,
    RsaPssSha256,
    RsaPssSha384,
    RsaPssSha512,
    EcdsaSha1,
    EcdsaSha256,
    EcdsaSha384,
    EcdsaSha512,
    Ed25519,
    /// Anything else, or a known algorithm with parameters that are not allowed.
    Other(String),
}

impl SigAlg {
    /// The name people know the algorithm by.
    pub fn display(&self) -> String {
        let s = match self {
            SigAlg::RsaPkcs1Sha1 => "sha1WithRSAEncryption",
            SigAlg::RsaPkcs1Sha256 => "sha256WithRSAEncryption",
            SigAlg::RsaPkcs1Sha384 => "sha384WithRSAEncryption",
            SigAlg::RsaPkcs1Sha512 => "sha512WithRSAEncryption",
            SigAlg::RsaPkcs1Md5 => "md5WithRSAEncryption",
            SigAlg::RsaPkcs1Md2 => "md2WithRSAEncryption",
            SigAlg::RsaPssSha256 => "RSASSA-PSS with SHA-256",
            SigAlg::RsaPssSha384 => "RSASSA-PSS with SHA-384",
            SigAlg::RsaPssSha512 => "RSASSA-PSS with SHA-512",
            SigAlg::EcdsaSha1 => "ecdsa-with-SHA1",
            SigAlg::EcdsaSha256 => "ecdsa-with-SHA256",
            SigAlg::EcdsaSha384 => "ecdsa-with-SHA384",
            SigAlg::EcdsaSha512 => "ecdsa-with-SHA512",
            SigAlg::Ed25519 => "Ed25519",
            SigAlg::Other(s) => return s.clone(),
        };
        s.to_string()
    }
}

/// A subject public key.
#[derive(Debug, Clone)]
pub struct Key {
    /// DER of the whole SubjectPublicKeyInfo.
    pub spki: Vec<u8>,
    /// The BIT STRING contents: what a verifier takes.
    pub bits: Vec<u8>,
    /// What kind of key it is.
    pub kind: KeyKind,
}

/// The kind and size of a public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    Rsa { bits: usize, exponent: Option<u64> },
    Ec { curve: Curve },
    Ed25519,
    /// A key of another type, named by its algorithm OID or name.
    Other(String),
}

/// Elliptic curves by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
    Other(String),
}

impl KeyKind {
    /// E.g. `RSA 2048`, `EC P-256`, `Ed25519`.
    pub fn display(&self) -> String {
        match self {
            KeyKind::Rsa { bits, .. } => format!("RSA {bits}"),
            KeyKind::Ec { curve: Curve::P256 } => "EC P-256".into(),
            KeyKind::Ec { curve: Curve::P384 } => "EC P-384".into(),
            KeyKind::Ec { curve: Curve::P521 } => "EC P-521".into(),
            KeyKind::Ec { curve: Curve::Other(oid) } => format!("EC curve {oid}"),
            KeyKind::Ed25519 => "Ed25519".into(),
            KeyKind::Other(s) => s.clone(),
        }
    }
}

/// The extensions certscope understands, plus what was wrong with any of them.
#[derive(Debug, Clone, Default)]
pub struct Extensions {
    pub basic_constraints: Option<(BasicConstraints, bool)>,
    /// keyUsage bits as x509-parser numbers them (bit 0 = digitalSignature ... 5 = keyCertSign), and criticality.
    pub key_usage: Option<(u16, bool)>,
    pub ext_key_usage: Option<(Eku, bool)>,
    pub san: Option<(San, bool)>,
    pub name_constraints: Option<(NameConstraints, bool)>,
    pub ski: Option<(Vec<u8>, bool)>,
    pub aki: Option<(Aki, bool)>,
    /// An AIA extension is present and parsed (false when it was malformed).
    pub aia_ok: Option<bool>,
    /// The AIA extension is marked critical.
    pub aia_critical: bool,
    /// OIDs of critical extensions certscope does not process.
    pub unknown_critical: Vec<String>,
    /// OIDs that appear more than once.
    pub duplicates: Vec<String>,
    /// Extensions that did not parse: (name, reason).
    pub malformed: Vec<(String, String)>,
}

/// basicConstraints (RFC 5280 4.2.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicConstraints {
    pub ca: bool,
    pub path_len: Option<u32>,
}

/// extendedKeyUsage (RFC 5280 4.2.1.12).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eku {
    pub server_auth: bool,
    pub any: bool,
    /// Every purpose OID, for display.
    pub oids: Vec<String>,
}

/// subjectAltName (RFC 5280 4.2.1.6), names by type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct San {
    pub dns: Vec<String>,
    pub ips: Vec<Vec<u8>>,
    pub emails: Vec<String>,
    pub uris: Vec<String>,
    /// Other name types (otherName, directoryName, ...), and names that were not valid.
    pub others: Vec<GeneralName>,
    /// More names were present than `MAX_NAMES_PER_CERT`; the rest were not read.
    pub truncated: bool,
}

impl San {
    /// Whether the extension names nothing.
    pub fn is_empty(&self) -> bool {
        self.dns.is_empty() && self.ips.is_empty() && self.emails.is_empty() && self.uris.is_empty() && self.others.is_empty()
    }
}

/// authorityKeyIdentifier (RFC 5280 4.2.1.1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aki {
    pub key_id: Option<Vec<u8>>,
    pub has_issuer: bool,
    pub has_serial: bool,
}

// keyUsage bits in x509-parser's numbering (RFC 5280 4.2.1.3 order, bit 0 first).
pub const KU_DIGITAL_SIGNATURE: u16 = 1 << 0;
pub const KU_KEY_ENCIPHERMENT: u16 = 1 << 2;
pub const KU_KEY_AGREEMENT: u16 = 1 << 4;
pub const KU_KEY_CERT_SIGN: u16 = 1 << 5;

impl Cert {
    /// Parses one DER certificate; never fails: what cannot be parsed is recorded as the reason.
    pub fn from_der(der: Vec<u8>) -> Cert {
        let sha256 = digest::digest(&digest::SHA256, &der).as_ref().to_vec();
        let sha1 = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &der).as_ref().to_vec();
        let parsed = parse(&der);
        Cert { der, sha256, sha1, parsed }
    }

    /// The parsed fields, if the certificate parsed.
    pub fn fields(&self) -> Option<&Parsed> {
        self.parsed.as_ref().ok()
    }
}

impl Parsed {
    /// Whether subject and issuer are the same name (RFC 5280 3.2 "self-issued").
    pub fn is_self_issued(&self) -> bool {
        self.subject.der == self.issuer.der
    }

    /// Whether basicConstraints says CA:TRUE.
    pub fn is_ca(&self) -> bool {
        matches!(self.ext.basic_constraints, Some((BasicConstraints { ca: true, .. }, _)))
    }

    /// Every DNS name in the subjectAltName.
    pub fn dns_names(&self) -> &[String] {
        self.ext.san.as_ref().map(|(s, _)| s.dns.as_slice()).unwrap_or(&[])
    }

    /// Every IP address in the subjectAltName.
    pub fn ip_names(&self) -> &[Vec<u8>] {
        self.ext.san.as_ref().map(|(s, _)| s.ips.as_slice()).unwrap_or(&[])
    }
}

/// The content octets of a DER TLV (definite length only), or None if it is not well formed.
pub fn der_content(tlv: &[u8]) -> Option<&[u8]> {
    let (&_tag, rest) = tlv.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let (len_bytes, rest) = (rest.get(..n)?, rest.get(n..)?);
        let len = len_bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, rest)
    };
    rest.get(..len)
}

/// Wraps content octets in a DER SEQUENCE header.
pub fn der_sequence(content: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
    out
}

fn parse(der: &[u8]) -> Result<Parsed, String> {
    let (rest, x509) = X509Certificate::from_der(der).map_err(|e| format!("not a valid X.509 certificate: {e}"))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes of trailing data after the certificate", rest.len()));
    }
    let not_der = der_problem(der, 0, 0).map(|problem| format!("not DER: {problem}"));
    let tbs = &x509.tbs_certificate;
    let validity = tbs.validity();
    Ok(Parsed {
        version: tbs.version().0,
        serial: tbs.raw_serial().to_vec(),
        tbs: tbs.as_ref().to_vec(),
        sig_alg: sig_alg(&x509.signature_algorithm),
        sig_alg_mismatch: x509.signature_algorithm != tbs.signature,
        signature: x509.signature_value.data.to_vec(),
        issuer: name(tbs.issuer()),
        subject: name(tbs.subject()),
        not_before: validity.not_before.timestamp(),
        not_after: validity.not_after.timestamp(),
        key: key(tbs.public_key()),
        ext: extensions(&x509),
        not_der,
    })
}

/// Deepest nesting [`der_problem`] checks: a certificate's own structure is about 8
/// deep (Certificate, TBS, extensions, Extension, ...; Name, RDN, attribute); values nested
/// deeper (an attribute value 1,000 SEQUENCEs deep) are left to x509-parser, which bounds them.
const MAX_DER_CHECK_DEPTH: usize = 32;

const TAG_UTC_TIME: u8 = 0x17;
const TAG_GENERALIZED_TIME: u8 = 0x18;

/// The first encoding in the constructed items of `der` that a certificate may not use, if any
/// (RFC 5280 4.1: certificates are DER): a length that is not definite and in the fewest
/// octets (X.690 10.1), or a time that is not `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ` (RFC 5280
/// 4.1.2.5.1 and 4.1.2.5.2: Zulu, with seconds). x509-parser accepts BER lengths and UTC
/// offsets, and a signature covers only the tbsCertificate, so a re-encoded outer SEQUENCE
/// would verify: rustls-webpki rejects both, and so does certscope.
fn der_problem(der: &[u8], base: usize, depth: usize) -> Option<String> {
    use crate::input::{read_header, DerError};
    let mut pos = 0usize;
    while pos < der.len() {
        let at = base.saturating_add(pos).saturating_add(1);
        let (tag, len, header) = match read_header(der.get(pos..)?) {
            Ok((tag, Some(len), header)) => (tag, len, header),
            Ok((_, None, _)) => return Some(format!("an indefinite length at byte {at}")),
            // No certificate length needs more than 4 octets: more is padding.
            Err(DerError::LengthTooLong) => return Some(format!("a length at byte {at} is not in its shortest form")),
            // A multi-byte tag or a cut item: not a certificate's shape; x509-parser judged it.
            Err(_) => return None,
        };
        // X.690 10.1: one octet below 128, else the fewest octets that hold the length.
        let shortest = if len < 0x80 { 2 } else { 2 + (usize::BITS - len.leading_zeros()).div_ceil(8) as usize };
        if header != shortest {
            return Some(format!("a length at byte {at} is not in its shortest form"));
        }
        let start = pos.checked_add(header)?;
        let end = start.checked_add(len)?;
        let content = der.get(start..end)?;
        let digits = |n: usize| content.len() == n.saturating_add(1) && content.last() == Some(&b'Z') && content.iter().take(n).all(u8::is_ascii_digit);
        match tag {
            TAG_UTC_TIME if !digits(12) => return Some(format!("the UTCTime at byte {} is not YYMMDDHHMMSSZ", base.saturating_add(pos))),
            TAG_GENERALIZED_TIME if !digits(14) => {
                return Some(format!("the GeneralizedTime at byte {} is not YYYYMMDDHHMMSSZ", base.saturating_add(pos)));
            }
            _ => {}
        }
        if tag & 0x20 != 0 && depth < MAX_DER_CHECK_DEPTH
            && let Some(p) = der_problem(content, base.saturating_add(start), depth.saturating_add(1))
        {
            return Some(p);
        }
        pos = end;
    }
    None
}

/// Reads a Name into its encoding, text and the attributes checks need.
pub fn name(n: &X509Name<'_>) -> Name {
    let text = n.to_string();
    let mut cns = n.iter_common_name();
    let common_names = cns.by_ref().take(MAX_NAMES_PER_CERT).filter_map(|a| a.as_str().ok()).map(str::to_string).collect();
    let mut mails = n.iter_email();
    let emails = mails.by_ref().take(MAX_NAMES_PER_CERT).filter_map(|a| a.as_str().ok()).map(str::to_string).collect();
    let truncated = cns.next().is_some() || mails.next().is_some();
    Name { der: n.as_raw().to_vec(), text, common_names, emails, truncated }
}

/// Parses a Name from its DER (with SEQUENCE header), as the trust store keeps it.
pub fn name_from_der(der: &[u8]) -> Name {
    match X509Name::from_der(der) {
        Ok((_, n)) => name(&n),
        Err(_) => Name { der: der.to_vec(), text: String::new(), common_names: vec![], emails: vec![], truncated: false },
    }
}

// Object identifiers, as dotted strings (x509-parser's Oid displays this way).
const OID_RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";
const OID_P521: &str = "1.3.132.0.35";

/// Reads a SubjectPublicKeyInfo.
pub fn key(spki: &SubjectPublicKeyInfo<'_>) -> Key {
    let alg = spki.algorithm.algorithm.to_id_string();
    let kind = match alg.as_str() {
        OID_RSA_ENCRYPTION => match spki.parsed() {
            Ok(PublicKey::RSA(rsa)) => {
                let modulus = rsa.modulus;
                let skip = modulus.iter().take_while(|b| **b == 0).count();
                let significant = modulus.get(skip..).unwrap_or(&[]);
                let bits = match significant.first() {
                    Some(top) => (significant.len() * 8).saturating_sub(top.leading_zeros() as usize),
                    None => 0,
                };
                KeyKind::Rsa { bits, exponent: rsa.try_exponent().ok() }
            }
            _ => KeyKind::Other("RSA (malformed key)".into()),
        },
        OID_EC_PUBLIC_KEY => {
            let curve = match spki.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()) {
                Some(oid) => match oid.to_id_string().as_str() {
                    OID_P256 => Curve::P256,
                    OID_P384 => Curve::P384,
                    OID_P521 => Curve::P521,
                    other => Curve::Other(other.to_string()),
                },
                None => Curve::Other("(no named curve)".into()),
            };
            KeyKind::Ec { curve }
        }
        OID_ED25519 if spki.algorithm.parameters.is_none() => KeyKind::Ed25519,
        "1.2.840.10040.4.1" => KeyKind::Other("DSA".into()),
        "1.3.101.113" => KeyKind::Other("Ed448".into()),
        other => KeyKind::Other(format!("key algorithm {other}")),
    };
    Key { spki: spki.raw.to_vec(), bits: spki.subject_public_key.data.to_vec(), kind }
}

/// Reads a SubjectPublicKeyInfo from DER (the trust store keeps anchors this way).
pub fn key_from_der(der: &[u8]) -> Option<Key> {
    SubjectPublicKeyInfo::from_der(der).ok().map(|(_, spki)| key(&spki))
}

/// The content of RSASSA-PSS-params for a hash (last OID arc) and salt length, as RFC 4055
/// section 3.1 / CA/B BR 7.1.3.2.1 require them encoded: MGF1 with the same hash, explicit
/// NULL hash parameters, default trailer field.
fn pss_params(hash_arc: u8, salt: u8) -> [u8; 52] {
    [
        0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, hash_arc, 0x05, 0x00, //
        0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08, //
        0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, hash_arc, 0x05, 0x00, //
        0xa2, 0x03, 0x02, 0x01, salt,
    ]
}

/// Identifies a signature algorithm by OID and parameters. Parameters must be exactly as the
/// algorithm's RFC says (RFC 4055 2.1 / RFC 3279: RSA takes NULL; RFC 5758 3.2: ECDSA takes
/// none; RFC 8410 3: Ed25519 takes none); anything else is `Other`.
pub fn sig_alg(alg: &AlgorithmIdentifier<'_>) -> SigAlg {
    let oid = alg.algorithm.to_id_string();
    let params = alg.parameters.as_ref();
    // NOTE: RFC 4055 says the RSA parameters MUST be NULL; rustls-webpki and Go also accept
    // them absent, because some CAs issued such certificates. We do the same.
    let rsa_params_ok = params.is_none_or(|p| p.tag().0 == 5 && p.data.is_empty());
    let no_params = params.is_none();
    let rsa = |a: SigAlg| if rsa_params_ok { a } else { SigAlg::Other(format!("{oid} with invalid parameters")) };
    let ec = |a: SigAlg| if no_params { a } else { SigAlg::Other(format!("{oid} with invalid parameters")) };
    match oid.as_str() {
        "1.2.840.113549.1.1.5" => rsa(SigAlg::RsaPkcs1Sha1),
        "1.2.840.113549.1.1.11" => rsa(SigAlg::RsaPkcs1Sha256),
        "1.2.840.113549.1.1.12" => rsa(SigAlg::RsaPkcs1Sha384),
        "1.2.840.113549.1.1.13" => rsa(SigAlg::RsaPkcs1Sha512),
        "1.2.840.113549.1.1.4" => rsa(SigAlg::RsaPkcs1Md5),
        "1.2.840.113549.1.1.2" => rsa(SigAlg::RsaPkcs1Md2),
        "1.2.840.113549.1.1.10" => {
            let content = params.filter(|p| p.tag().0 == 16).map(|p| p.data);
            match content {
                Some(c) if c == pss_params(1, 0x20) => SigAlg::RsaPssSha256,
                Some(c) if c == pss_params(2, 0x30) => SigAlg::RsaPssSha384,
                Some(c) if c == pss_params(3, 0x40) => SigAlg::RsaPssSha512,
                _ => SigAlg::Other("RSASSA-PSS with unsupported parameters".into()),
            }
        }
        "1.2.840.10045.4.1" => ec(SigAlg::EcdsaSha1),
        "1.2.840.10045.4.3.2" => ec(SigAlg::EcdsaSha256),
        "1.2.840.10045.4.3.3" => ec(SigAlg::EcdsaSha384),
        "1.2.840.10045.4.3.4" => ec(SigAlg::EcdsaSha512),
        OID_ED25519 => ec(SigAlg::Ed25519),
        "1.2.840.10040.4.3" => SigAlg::Other("dsa-with-SHA1".into()),
        "2.16.840.1.101.3.4.3.2" => SigAlg::Other("dsa-with-SHA256".into()),
        "1.3.101.113" => SigAlg::Other("Ed448".into()),
        _ => SigAlg::Other(oid),
    }
}

// Extension OIDs (RFC 5280 4.2).
const EXT_SKI: &str = "2.5.29.14";
const EXT_KU: &str = "2.5.29.15";
const EXT_SAN: &str = "2.5.29.17";
const EXT_BC: &str = "2.5.29.19";
const EXT_NC: &str = "2.5.29.30";
const EXT_AKI: &str = "2.5.29.35";
const EXT_EKU: &str = "2.5.29.37";
const EXT_AIA: &str = "1.3.6.1.5.5.7.1.1";

/// Extensions certscope does not act on but whose criticality is harmless: certificate
/// policies and their constraints (policy processing is not done for server certificates,
/// as in rustls-webpki), CRL distribution points, issuerAltName.
const EXT_UNDERSTOOD_IGNORED: &[&str] = &["2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.54", "2.5.29.31", "2.5.29.18"];

const OID_EKU_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const OID_EKU_ANY: &str = "2.5.29.37.0";

fn extensions(x509: &X509Certificate<'_>) -> Extensions {
    let mut out = Extensions::default();
    // Sets, not lists: a hostile certificate carries tens of thousands of extensions, and a
    // list search per extension made reading one take seconds (tests/hostile, ext-20000-*).
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut reported: std::collections::HashSet<String> = std::collections::HashSet::new();
    for ext in x509.extensions() {
        let oid = ext.oid.to_id_string();
        if seen.contains(&oid) {
            if reported.insert(oid.clone()) {
                out.duplicates.push(oid);
            }
            continue;
        }
        seen.insert(oid.clone());
        let critical = ext.critical;
        if oid == EXT_AIA && critical {
            out.aia_critical = true;
        }
        match ext.parsed_extension() {
            ParsedExtension::ParseError { error } => {
                if oid == EXT_AIA {
                    out.aia_ok = Some(false);
                }
                out.malformed.push((extension_name(&oid), error.to_string()));
            }
            ParsedExtension::BasicConstraints(bc) => {
                out.basic_constraints = Some((BasicConstraints { ca: bc.ca, path_len: bc.path_len_constraint }, critical));
            }
            ParsedExtension::KeyUsage(ku) => out.key_usage = Some((ku.flags, critical)),
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let mut oids: Vec<String> = Vec::new();
                if eku.server_auth {
                    oids.push(OID_EKU_SERVER_AUTH.into());
                }
                if eku.any {
                    oids.push(OID_EKU_ANY.into());
                }
                for (flag, o) in [
                    (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
                    (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
                    (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
                    (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
                    (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
                ] {
                    if flag {
                        oids.push(o.into());
                    }
                }
                oids.extend(eku.other.iter().map(|o| o.to_id_string()));
                out.ext_key_usage = Some((Eku { server_auth: eku.server_auth, any: eku.any, oids }, critical));
            }
            ParsedExtension::SubjectAlternativeName(san) => {
                out.san = Some((san_from(&san.general_names), critical));
            }
            ParsedExtension::NameConstraints(nc) => {
                let conv = |subtrees: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                    subtrees.as_ref().map(|v| v.iter().map(|s| general_name(&s.base)).collect::<Vec<_>>())
                };
                let nc = NameConstraints { permitted: conv(&nc.permitted_subtrees), excluded: conv(&nc.excluded_subtrees) };
                out.name_constraints = Some((nc, critical));
            }
            ParsedExtension::SubjectKeyIdentifier(ki) => out.ski = Some((ki.0.to_vec(), critical)),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                let aki = Aki {
                    key_id: aki.key_identifier.as_ref().map(|k| k.0.to_vec()),
                    has_issuer: aki.authority_cert_issuer.is_some(),
                    has_serial: aki.authority_cert_serial.is_some(),
                };
                out.aki = Some((aki, critical));
            }
            ParsedExtension::AuthorityInfoAccess(_) => out.aia_ok = Some(true),
            _ => {
                let understood = [EXT_SKI, EXT_KU, EXT_SAN, EXT_BC, EXT_NC, EXT_AKI, EXT_EKU, EXT_AIA].contains(&oid.as_str())
                    || EXT_UNDERSTOOD_IGNORED.contains(&oid.as_str());
                if critical && !understood {
                    out.unknown_critical.push(oid);
                }
            }
        }
    }
    out
}

/// The name people know an extension by.
pub fn extension_name(oid: &str) -> String {
    let name = match oid {
        EXT_SKI => "subjectKeyIdentifier",
        EXT_KU => "keyUsage",
        EXT_SAN => "subjectAltName",
        EXT_BC => "basicConstraints",
        EXT_NC => "nameConstraints",
        EXT_AKI => "authorityKeyIdentifier",
        EXT_EKU => "extendedKeyUsage",
        EXT_AIA => "authorityInfoAccess",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.31" => "cRLDistributionPoints",
        "1.3.6.1.4.1.11129.2.4.2" => "signedCertificateTimestampList",
        _ => return oid.to_string(),
    };
    name.to_string()
}

fn san_from(names: &[XName<'_>]) -> San {
    let mut san = San::default();
    for (i, n) in names.iter().enumerate() {
        if i >= MAX_NAMES_PER_CERT {
            san.truncated = true;
            break;
        }
        match general_name(n) {
            GeneralName::Dns(d) => san.dns.push(d),
            GeneralName::Ip(ip) => san.ips.push(ip),
            GeneralName::Email(e) => san.emails.push(e),
            GeneralName::Uri(u) => san.uris.push(u),
            other => san.others.push(other),
        }
    }
    san
}

/// Parses a DER NameConstraints (as the trust store keeps them for some anchors).
pub fn name_constraints_from_der(der: &[u8]) -> Option<NameConstraints> {
    let (_, nc) = x509_parser::extensions::NameConstraints::from_der(der).ok()?;
    let conv = |subtrees: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
        subtrees.as_ref().map(|v| v.iter().map(|s| general_name(&s.base)).collect::<Vec<_>>())
    };
    Some(NameConstraints { permitted: conv(&nc.permitted_subtrees), excluded: conv(&nc.excluded_subtrees) })
}

/// Converts x509-parser's GeneralName into the owned form the checks use.
fn general_name(n: &XName<'_>) -> GeneralName {
    match n {
        XName::DNSName(s) => GeneralName::Dns((*s).to_string()),
        XName::IPAddress(b) => GeneralName::Ip(b.to_vec()),
        XName::RFC822Name(s) => GeneralName::Email((*s).to_string()),
        XName::URI(s) => GeneralName::Uri((*s).to_string()),
        XName::DirectoryName(name) => GeneralName::DirName(name.as_raw().to_vec()),
        XName::OtherName(oid, _) => GeneralName::Other(format!("otherName {}", oid.to_id_string())),
        XName::RegisteredID(oid) => GeneralName::Other(format!("registeredID {}", oid.to_id_string())),
        XName::X400Address(_) => GeneralName::Other("x400Address".into()),
        XName::EDIPartyName(_) => GeneralName::Other("ediPartyName".into()),
        XName::Invalid(tag, _) => GeneralName::Invalid(format!("invalid name with tag {}", tag.0)),
    }
}
