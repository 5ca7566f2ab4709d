//! Findings: what the inspection found, as data (an id, a severity, the certificate and field
//! it is about, and the facts). The words that explain a finding live in the catalog.

use serde::Serialize;
use std::collections::BTreeMap;

/// How much a finding matters, following the wording of the rule it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A MUST is broken: a mail client rejects the connection.
    Error,
    /// A SHOULD is broken, or it will fail soon: fix it before it bites.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

macro_rules! finding_ids {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// The stable id of a finding. Ids are never reused or renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum FindingId {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl FindingId {
            /// Every id, in declaration order.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant,)*];

            /// The id as it appears in the JSON report and the catalog.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingId::$variant => $name,)*
                }
            }

            /// Looks an id up by its name.
            pub fn from_name(name: &str) -> Option<FindingId> {
                match name {
                    $($name => Some(FindingId::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

finding_ids! {
    // Input: what was pasted.
    /// The input held no certificate at all.
    NoCertificate => "no_certificate",
    /// A private key was pasted; it is ignored and never shown.
    PrivateKeyPresent => "private_key_present",
    /// A certificate signing request was pasted instead of a certificate.
    CsrNotCertificate => "csr_not_certificate",
    /// A certificate revocation list was pasted instead of a certificate.
    CrlNotCertificate => "crl_not_certificate",
    /// A PKCS#12 (.p12/.pfx) bundle was pasted; it holds a key and needs a password.
    Pkcs12NotSupported => "pkcs12_not_supported",
    /// An SSH or bare public key was pasted instead of a certificate.
    PublicKeyNotCertificate => "public_key_not_certificate",
    /// Part of the input could not be read as anything certscope knows.
    UnreadableInput => "unreadable_input",
    /// A certificate could not be fully parsed.
    MalformedCertificate => "malformed_certificate",
    /// A named limit stopped part of the analysis.
    LimitReached => "limit_reached",
    /// An openssl s_client capture without -showcerts: the chain bodies are missing.
    ShowcertsMissing => "showcerts_missing",
    /// The host name given could not be understood.
    HostInvalid => "host_invalid",
    /// No host name was given; lists the names the certificate covers.
    NoHostGiven => "no_host_given",

    // Validity.
    /// The server certificate has expired.
    Expired => "expired",
    /// A certificate is not valid yet (or the device clock is wrong).
    NotYetValid => "not_yet_valid",
    /// The server certificate expires within 30 days.
    ExpiringSoon => "expiring_soon",
    /// An intermediate CA certificate on the path has expired.
    ExpiredIntermediate => "expired_intermediate",
    /// The root CA certificate has expired.
    ExpiredRoot => "expired_root",
    /// The certificate's validity period is longer than clients accept.
    ValidityTooLong => "validity_too_long",
    /// The certificate's validity period is malformed (notAfter before notBefore).
    ValidityInvalid => "validity_invalid",

    // Names.
    /// The host name is not among the certificate's names.
    HostnameMismatch => "hostname_mismatch",
    /// A wildcard name almost matches but does not cover the host.
    WildcardMismatch => "wildcard_mismatch",
    /// An IP address is written as a DNS name in the certificate.
    IpInDnsSan => "ip_in_dns_san",
    /// The certificate names its host only in the Common Name, with no subjectAltName.
    CnOnlyNoSan => "cn_only_no_san",
    /// A subjectAltName entry is not a valid name.
    SanMalformed => "san_malformed",
    /// The Common Name is not one of the subjectAltName entries.
    CnNotInSan => "cn_not_in_san",
    /// A name holds characters that hide or fake what it says (bidi overrides, NUL, controls, look-alike letters).
    SuspiciousCharacters => "suspicious_characters",

    // Chain and trust.
    /// The server certificate is signed by itself.
    SelfSigned => "self_signed",
    /// The chain ends at a root that is not trusted.
    UntrustedRoot => "untrusted_root",
    /// An intermediate certificate needed to reach a trusted root was not sent.
    MissingIntermediate => "missing_intermediate",
    /// The certificates were sent in the wrong order.
    WrongOrder => "wrong_order",
    /// A certificate was sent that is not part of the chain.
    UnrelatedCert => "unrelated_cert",
    /// The root certificate was sent along with the chain.
    RootIncluded => "root_included",
    /// The same certificate was sent more than once.
    DuplicateCert => "duplicate_cert",
    /// A signature on the chain does not verify.
    BadSignature => "bad_signature",
    /// The chain is longer than clients follow.
    ChainTooLong => "chain_too_long",

    // Algorithms and keys.
    /// A certificate is signed with SHA-1.
    WeakSignatureSha1 => "weak_signature_sha1",
    /// A certificate is signed with MD5 (or MD2).
    WeakSignatureMd5 => "weak_signature_md5",
    /// A certificate uses a signature algorithm clients do not accept.
    UnsupportedSignatureAlgorithm => "unsupported_signature_algorithm",
    /// The two signature algorithm fields of a certificate differ.
    SignatureAlgorithmMismatch => "signature_algorithm_mismatch",
    /// An RSA key is shorter than 2048 bits.
    WeakKeyRsa1024 => "weak_key_rsa1024",
    /// A key is weak in another way (odd RSA size, bad exponent, small curve).
    WeakKey => "weak_key",
    /// A key of a type or curve clients do not accept.
    UnsupportedKeyType => "unsupported_key_type",

    // Extensions and roles.
    /// The server certificate is itself a CA certificate.
    LeafIsCa => "leaf_is_ca",
    /// The certificate is not allowed for TLS servers (extended key usage).
    EkuMissingServerAuth => "eku_missing_server_auth",
    /// The key usage does not allow what the certificate is used for.
    KeyUsageInvalid => "key_usage_invalid",
    /// A CA has more CAs below it than its path length allows.
    PathlenExceeded => "pathlen_exceeded",
    /// A name is outside what a CA above it may certify.
    NameConstraintsViolated => "name_constraints_violated",
    /// A certificate that issued another is not a CA.
    IntermediateNotCa => "intermediate_not_ca",
    /// A critical extension that clients do not understand.
    UnknownCriticalExtension => "unknown_critical_extension",
    /// The same extension appears twice.
    DuplicateExtension => "duplicate_extension",
    /// An extension is malformed or marked critical when it must not be (or the reverse).
    ExtensionInvalid => "extension_invalid",
    /// A CA certificate lacks the subject key identifier, or a certificate lacks the authority key identifier.
    KeyIdentifierMissing => "key_identifier_missing",
    /// A CA certificate has an empty subject.
    EmptySubject => "empty_subject",
    /// The certificate is not X.509 version 3.
    NotVersion3 => "not_version3",

    // Connection transcripts (src/capture.rs): what a capture says beyond its certificates.
    /// The connection was not made: refused, timed out, name not resolved, host unreachable.
    ConnectionFailed => "connection_failed",
    /// Implicit TLS against a STARTTLS or plaintext port, or STARTTLS against an implicit-TLS port.
    TlsModeMismatch => "tls_mode_mismatch",
    /// The connection was made but the server sent no certificate.
    NoPeerCertificate => "no_peer_certificate",
    /// The TLS handshake failed (an alert, the server hung up, no common protocol version).
    HandshakeFailed => "handshake_failed",
    /// The connection used TLS 1.0 or 1.1, which mail apps no longer accept (RFC 8996).
    TlsVersionObsolete => "tls_version_obsolete",
    /// No server name (SNI) was sent and the certificate received does not cover the name checked.
    SniMissing => "sni_missing",
    /// The pasted capture is cut short; says what is missing.
    InputTruncated => "input_truncated",
    /// OpenSSL's own verify result in plain words, and why it differs from certscope's when it does.
    OpensslVerifyError => "openssl_verify_error",
}

/// The finding's own field names, which facts may not use (they share one JSON object).
pub const RESERVED: &[&str] = &["id", "severity", "cert", "field", "message"];

/// One thing the inspection found, about one certificate and field where it applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The stable id; the catalog holds its words.
    pub id: FindingId,
    /// How much it matters.
    pub severity: Severity,
    /// Index into `Report::certificates` of the certificate it is about, if any.
    pub cert: Option<usize>,
    /// The field it is about, e.g. `validity.not_after`, `extensions.subject_alt_name`.
    pub field: Option<&'static str>,
    /// One plain technical line, filled from the catalog with this finding's facts.
    pub message: String,
    /// The facts of this case (names, dates, counts); the catalog's placeholders use them.
    #[serde(flatten)]
    pub facts: BTreeMap<&'static str, serde_json::Value>,
}

impl Finding {
    /// Starts a finding with no certificate, field or facts; the message is filled in at the end.
    pub fn new(id: FindingId, severity: Severity) -> Finding {
        Finding { id, severity, cert: None, field: None, message: String::new(), facts: BTreeMap::new() }
    }

    /// Names the certificate the finding is about.
    pub fn cert(mut self, index: usize) -> Finding {
        self.cert = Some(index);
        self
    }

    /// Names the field the finding is about.
    pub fn field(mut self, field: &'static str) -> Finding {
        self.field = Some(field);
        self
    }

    /// `limit_reached`: the named limit (a constant of `limits`) stopped part of the work;
    /// `analysed` counts the certificates still analysed.
    pub(crate) fn limit(limit: &'static str, value: usize, analysed: usize) -> Finding {
        Finding::new(FindingId::LimitReached, Severity::Warning).fact("limit", limit).fact("value", value).fact("analysed", analysed)
    }

    /// Adds one fact.
    pub fn fact(mut self, key: &'static str, value: impl Into<serde_json::Value>) -> Finding {
        // Facts are flattened beside the finding's own fields: they must not share a name.
        debug_assert!(!RESERVED.contains(&key), "fact name {key:?} is a finding field");
        self.facts.insert(key, value.into());
        self
    }
}
