//! The report: one JSON contract for the CLI, the wasm API and the page.

use crate::cert::{Cert, KU_DIGITAL_SIGNATURE, KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN, KU_KEY_ENCIPHERMENT};
use crate::findings::Finding;
use crate::input::{Capture, InputFormat, NonCertificate, Origin};
use crate::policy::{Profile, Role};
use crate::time::{to_iso, DAY};
use serde::Serialize;

/// The whole answer for one input.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The one-word answer.
    pub verdict: Verdict,
    /// Findings, most important first.
    pub findings: Vec<Finding>,
    /// Every certificate: those sent (in input order), those the user supplied as trusted,
    /// then the trust-store root the path ended at, if any. Findings point into this list.
    pub certificates: Vec<CertReport>,
    /// The path that was found.
    pub chain: ChainReport,
    /// What the input was.
    pub input: InputReport,
    /// What the inspection was asked.
    pub context: Context,
    /// Each capture's own result, when the input held several connection transcripts (their
    /// findings carry the fact `capture`, this list's `index`); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<crate::capture::CaptureReport>,
}

/// Whether a modern mail client would accept the chain for the host at the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Trusted,
    Untrusted,
    InvalidInput,
}

/// The question the report answers.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// The host as typed.
    pub host: Option<String>,
    /// The host was taken from the pasted capture (-servername or -connect), not given.
    pub host_from_capture: bool,
    /// The host as compared (A-label, lowercase), when it could be understood.
    pub host_normalized: Option<String>,
    pub port: Option<u16>,
    /// Validation time.
    pub at: String,
    pub profile: Profile,
    /// Whether the built-in Mozilla roots were trusted.
    pub mozilla_roots: bool,
    /// Number of trust anchors the user supplied.
    pub user_anchors: usize,
    /// Library version that made the report.
    pub version: &'static str,
}

/// Where a certificate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertSource {
    /// Sent by the server / pasted as the chain.
    Sent,
    /// Supplied by the user as a trusted CA.
    UserTrust,
    /// From the built-in Mozilla root store.
    TrustStore,
}

/// One certificate, as people read it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CertReport {
    pub index: usize,
    pub source: Option<CertSource>,
    /// Where it was found in the input.
    pub origin: Option<Origin>,
    /// Its role on the path found, if it is on it.
    pub role: Option<Role>,
    pub subject: String,
    pub issuer: Option<String>,
    pub common_names: Vec<String>,
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<String>,
    pub email_addresses: Vec<String>,
    pub uris: Vec<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// Whole days from the validation time to notAfter (negative once expired).
    pub days_left: Option<i64>,
    pub validity_days: Option<i64>,
    pub key: String,
    pub signature_algorithm: Option<String>,
    pub serial: Option<String>,
    pub sha256: Option<String>,
    pub sha1: Option<String>,
    pub version: Option<u32>,
    pub is_ca: Option<bool>,
    pub path_len: Option<u32>,
    pub self_signed: Option<bool>,
    pub key_usage: Vec<&'static str>,
    pub extended_key_usage: Vec<String>,
    pub subject_key_id: Option<String>,
    pub authority_key_id: Option<String>,
    /// Why the certificate could not be parsed, when it could not.
    pub parse_error: Option<String>,
    /// Other extensions by name, with criticality.
    pub extensions: Vec<ExtensionReport>,
}

/// One extension's presence and criticality.
#[derive(Debug, Clone, Serialize)]
pub struct ExtensionReport {
    pub name: String,
    pub critical: bool,
}

/// The path found and its status.
#[derive(Debug, Clone, Serialize)]
pub struct ChainReport {
    pub status: ChainStatus,
    /// Certificate indices, leaf first, ending at the root when one was reached.
    pub path: Vec<usize>,
    /// The leaf's index.
    pub leaf: Option<usize>,
    /// The name of the issuer that is missing, when the chain stops short.
    pub missing_issuer: Option<String>,
    /// Signature verifications done.
    pub signature_checks: usize,
}

/// How far the chain got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainStatus {
    /// A path to a trusted root that the policy accepts.
    Trusted,
    /// A path to a trusted root, with problems.
    TrustedRootWithErrors,
    /// A path that ends at a root that is not trusted (or at a self-signed leaf).
    UntrustedRoot,
    /// The path stops because an issuer is missing.
    Incomplete,
    /// No certificate to build from.
    None,
}

/// What was recognised in the input.
#[derive(Debug, Clone, Serialize)]
pub struct InputReport {
    pub formats: Vec<InputFormat>,
    pub certificates: usize,
    pub others: Vec<NonCertificate>,
    /// The connection transcripts read, in input order (their `certs` index the input's
    /// certificates).
    pub captures: Vec<Capture>,
}

fn hex(bytes: &[u8], sep: &str) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(sep)
}

/// keyUsage bit names in RFC 5280 4.2.1.3 order.
const KU_NAMES: [(u16, &str); 9] = [
    (KU_DIGITAL_SIGNATURE, "digitalSignature"),
    (1 << 1, "nonRepudiation"),
    (KU_KEY_ENCIPHERMENT, "keyEncipherment"),
    (1 << 3, "dataEncipherment"),
    (KU_KEY_AGREEMENT, "keyAgreement"),
    (KU_KEY_CERT_SIGN, "keyCertSign"),
    (1 << 6, "cRLSign"),
    (1 << 7, "encipherOnly"),
    (1 << 8, "decipherOnly"),
];

/// Builds the readable form of a certificate.
pub fn cert_report(index: usize, cert: &Cert, source: CertSource, origin: Option<Origin>, at: i64) -> CertReport {
    let mut r = CertReport {
        index,
        source: Some(source),
        origin,
        sha256: Some(hex(&cert.sha256, ":")),
        sha1: Some(hex(&cert.sha1, ":")),
        ..CertReport::default()
    };
    let p = match &cert.parsed {
        Ok(p) => p,
        Err(e) => {
            r.parse_error = Some(e.clone());
            r.subject = "(unreadable certificate)".into();
            return r;
        }
    };
    // Names are shown with hidden characters escaped (src/text.rs), as everywhere in a report.
    let shown = |s: &String| crate::text::escape(s).into_owned();
    let all = |v: &[String]| v.iter().map(shown).collect::<Vec<_>>();
    r.subject = shown(&p.subject.text);
    r.issuer = Some(shown(&p.issuer.text));
    r.common_names = all(&p.subject.common_names);
    if let Some((san, _)) = &p.ext.san {
        r.dns_names = all(&san.dns);
        r.ip_addresses = san.ips.iter().map(|o| crate::names::ip_to_string(o)).collect();
        r.email_addresses = all(&san.emails);
        r.uris = all(&san.uris);
    }
    r.not_before = Some(to_iso(p.not_before));
    r.not_after = Some(to_iso(p.not_after));
    // Truncated toward zero, so it agrees with the findings' days_since_expiry.
    r.days_left = Some((p.not_after - at) / DAY);
    r.validity_days = Some(crate::policy::validity_days(p));
    r.key = p.key.kind.display();
    r.signature_algorithm = Some(p.sig_alg.display());
    r.serial = Some(hex(&p.serial, ":"));
    r.version = Some(p.version + 1);
    r.is_ca = Some(p.is_ca());
    r.path_len = p.ext.basic_constraints.and_then(|(bc, _)| bc.path_len);
    r.self_signed = Some(p.is_self_issued());
    if let Some((ku, _)) = p.ext.key_usage {
        r.key_usage = KU_NAMES.iter().filter(|(bit, _)| ku & bit != 0).map(|(_, n)| *n).collect();
    }
    if let Some((eku, _)) = &p.ext.ext_key_usage {
        r.extended_key_usage = eku.oids.iter().map(|o| eku_name(o)).collect();
    }
    r.subject_key_id = p.ext.ski.as_ref().map(|(s, _)| hex(s, ":"));
    r.authority_key_id = p.ext.aki.as_ref().and_then(|(a, _)| a.key_id.as_ref()).map(|k| hex(k, ":"));
    let e = &p.ext;
    let present: [(&str, Option<bool>); 7] = [
        ("basicConstraints", e.basic_constraints.map(|(_, c)| c)),
        ("keyUsage", e.key_usage.map(|(_, c)| c)),
        ("extendedKeyUsage", e.ext_key_usage.as_ref().map(|(_, c)| *c)),
        ("subjectAltName", e.san.as_ref().map(|(_, c)| *c)),
        ("nameConstraints", e.name_constraints.as_ref().map(|(_, c)| *c)),
        ("subjectKeyIdentifier", e.ski.as_ref().map(|(_, c)| *c)),
        ("authorityKeyIdentifier", e.aki.as_ref().map(|(_, c)| *c)),
    ];
    r.extensions = present.iter().filter_map(|(n, c)| c.map(|critical| ExtensionReport { name: (*n).into(), critical })).collect();
    r
}

/// A trust-store root that has no certificate, only a name and a key.
pub fn anchor_report(index: usize, subject: String, key: String) -> CertReport {
    CertReport {
        index,
        source: Some(CertSource::TrustStore),
        role: Some(Role::Root),
        subject,
        key,
        is_ca: Some(true),
        self_signed: Some(true),
        ..CertReport::default()
    }
}

fn eku_name(oid: &str) -> String {
    match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        other => other,
    }
    .to_string()
}
