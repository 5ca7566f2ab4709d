//! A small test PKI: root CA -> intermediate CA -> leaf, built in code at a fixed time.
//!
//! Everything is built with rcgen 0.14 except what rcgen cannot express:
//! - certificates it cannot encode (v1, odd public keys, mismatched or unknown signature
//!   algorithms) are made by editing a certificate's TBSCertificate here and signing it again
//!   with the issuer's key (`reissue`);
//! - signatures ring cannot make (SHA-1, MD5) and PKCS#12 bundles and encrypted keys come from
//!   the `openssl` command, run in a temporary directory (`openssl`, `reissue_openssl`).
//!
//! RSA-2048 keys are checked in under `keys/` (ring cannot generate RSA keys); they are test
//! keys and protect nothing. Because RSA PKCS#1 v1.5 signatures are deterministic, a chain made
//! only of RSA keys is the same bytes on every run ([`Spec::rsa`]); the golden reports use it.
//! P-256, P-384 and Ed25519 keys are generated afresh each time, so anything derived from them
//! (fingerprints, serials, key ids, and the DER length) changes between runs.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test support code: failing loudly is the point, and each test binary uses a different part"
)]

use certscope::{Options, Profile};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType, SigningKey,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The validation time of every fixture: 2026-06-01T00:00:00Z.
pub const NOW: i64 = 1_780_272_000;
/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// The host the default leaf is for.
pub const HOST: &str = "mail.example.test";
/// The default leaf's validity: NOW-30d .. NOW+60d.
pub const LEAF_NOT_BEFORE: i64 = NOW - 30 * DAY;
pub const LEAF_NOT_AFTER: i64 = NOW + 60 * DAY;
/// The CAs' validity: NOW-365d .. NOW+3650d. Longer than the leaf's, as real CAs are, so that
/// moving the leaf's dates never expires a CA by accident.
pub const CA_NOT_BEFORE: i64 = NOW - 365 * DAY;
pub const CA_NOT_AFTER: i64 = NOW + 3650 * DAY;

pub const ROOT_CN: &str = "certscope Test Root CA";
pub const INTER_CN: &str = "certscope Test Intermediate CA";
pub const ORG: &str = "certscope tests";

/// The key a certificate is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    P256,
    P384,
    Ed25519,
    /// One of the checked-in RSA-2048 keys, chosen by role (see [`rsa_key`]).
    Rsa2048,
}

/// Which checked-in RSA key a role uses, so that a whole RSA chain has distinct keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Root,
    Inter,
    Leaf,
    Other,
}

/// The PEM (PKCS#8) of a checked-in RSA-2048 test key.
pub fn rsa_key_pem(role: Role) -> &'static str {
    match role {
        Role::Root => include_str!("keys/rsa2048-root.pem"),
        Role::Inter => include_str!("keys/rsa2048-inter.pem"),
        Role::Leaf => include_str!("keys/rsa2048-leaf.pem"),
        Role::Other => include_str!("keys/rsa2048-other.pem"),
    }
}

/// A checked-in RSA-2048 key.
pub fn rsa_key(role: Role) -> KeyPair {
    KeyPair::from_pem(rsa_key_pem(role)).expect("checked-in RSA key loads")
}

/// A key of the given type (RSA keys are the checked-in one for `role`).
pub fn key(kind: KeyType, role: Role) -> KeyPair {
    match kind {
        KeyType::P256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("P-256 key"),
        KeyType::P384 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384).expect("P-384 key"),
        KeyType::Ed25519 => KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("Ed25519 key"),
        KeyType::Rsa2048 => rsa_key(role),
    }
}

/// Sets a certificate's validity from Unix seconds (rcgen takes `time::OffsetDateTime`, which
/// this crate does not depend on directly).
pub fn set_validity(p: &mut CertificateParams, not_before: i64, not_after: i64) {
    let epoch = rcgen::date_time_ymd(1970, 1, 1);
    let at = |secs: i64| {
        if secs >= 0 { epoch + Duration::from_secs(secs.unsigned_abs()) } else { epoch - Duration::from_secs(secs.unsigned_abs()) }
    };
    p.not_before = at(not_before);
    p.not_after = at(not_after);
}

/// A distinguished name with a CN and an O.
pub fn dn(cn: &str) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::OrganizationName, ORG);
    d.push(DnType::CommonName, cn);
    d
}

/// A DNS subjectAltName entry (any string rcgen accepts as IA5, even an IP address).
pub fn dns(name: &str) -> SanType {
    SanType::DnsName(name.try_into().expect("IA5 string"))
}

/// An iPAddress subjectAltName entry.
pub fn ip(addr: &str) -> SanType {
    SanType::IpAddress(addr.parse().expect("IP address"))
}

/// Parameters for a CA: basicConstraints CA:TRUE (critical), keyCertSign + cRLSign, SKI,
/// and an AKI when it is not self-signed.
pub fn ca_params(cn: &str) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = dn(cn);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    p.use_authority_key_identifier_extension = true;
    set_validity(&mut p, CA_NOT_BEFORE, CA_NOT_AFTER);
    p
}

/// Parameters for a server certificate as a public CA issues it: CN = the first name, SAN,
/// basicConstraints CA:FALSE, digitalSignature + keyEncipherment, EKU serverAuth, SKI, AKI.
pub fn leaf_params(names: &[SanType]) -> CertificateParams {
    let mut p = CertificateParams::default();
    let cn = match names.first() {
        Some(SanType::DnsName(d)) => d.as_str().to_string(),
        Some(SanType::IpAddress(a)) => a.to_string(),
        _ => HOST.to_string(),
    };
    p.distinguished_name = DistinguishedName::new();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.subject_alt_names = names.to_vec();
    p.is_ca = IsCa::ExplicitNoCa;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    p.use_authority_key_identifier_extension = true;
    set_validity(&mut p, LEAF_NOT_BEFORE, LEAF_NOT_AFTER);
    p
}

/// One certificate with its key and the parameters it was made from.
pub struct Node {
    pub params: CertificateParams,
    pub key: KeyPair,
    pub der: Vec<u8>,
}

impl Node {
    /// A self-signed certificate (a root, or a self-signed server certificate). A self-signed
    /// certificate carries no AKI unless the params ask for one.
    pub fn self_signed(mut params: CertificateParams, key: KeyPair) -> Node {
        params.use_authority_key_identifier_extension = false;
        let der = params.self_signed(&key).expect("self-signed certificate").der().to_vec();
        Node { params, key, der }
    }

    /// Issues a certificate for `key` with `params`, signed by this node.
    pub fn issue(&self, params: CertificateParams, key: KeyPair) -> Node {
        let issuer = Issuer::from_params(&self.params, &self.key);
        let der = params.signed_by(&key, &issuer).expect("issued certificate").der().to_vec();
        Node { params, key, der }
    }

    /// The certificate as PEM.
    pub fn pem(&self) -> String {
        pem_cert(&self.der)
    }

    /// The private key as PKCS#8 PEM ("PRIVATE KEY").
    pub fn key_pem(&self) -> String {
        self.key.serialize_pem()
    }

    /// The same node with its certificate replaced (after surgery).
    pub fn with_der(self, der: Vec<u8>) -> Node {
        Node { der, ..self }
    }
}

/// What to build: root, intermediate and leaf parameters and key types. Change the fields,
/// then [`Spec::build`].
pub struct Spec {
    pub root: CertificateParams,
    pub root_key: KeyType,
    pub inter: CertificateParams,
    pub inter_key: KeyType,
    pub leaf: CertificateParams,
    pub leaf_key: KeyType,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec::new()
    }
}

impl Spec {
    /// The default chain: P-256 keys, leaf for `mail.example.test`.
    pub fn new() -> Spec {
        Spec {
            root: ca_params(ROOT_CN),
            root_key: KeyType::P256,
            inter: ca_params(INTER_CN),
            inter_key: KeyType::P256,
            leaf: leaf_params(&[dns(HOST)]),
            leaf_key: KeyType::P256,
        }
    }

    /// The default chain with the checked-in RSA-2048 keys: the same bytes on every run.
    pub fn rsa() -> Spec {
        Spec { root_key: KeyType::Rsa2048, inter_key: KeyType::Rsa2048, leaf_key: KeyType::Rsa2048, ..Spec::new() }
    }

    /// Sets the leaf's subjectAltName (and its CN to the first name).
    pub fn leaf_names(mut self, names: &[SanType]) -> Spec {
        let p = leaf_params(names);
        self.leaf.subject_alt_names = p.subject_alt_names;
        self.leaf.distinguished_name = p.distinguished_name;
        self
    }

    /// Sets the leaf's validity.
    pub fn leaf_validity(mut self, not_before: i64, not_after: i64) -> Spec {
        set_validity(&mut self.leaf, not_before, not_after);
        self
    }

    /// Signs everything.
    pub fn build(self) -> Chain {
        let root = Node::self_signed(self.root, key(self.root_key, Role::Root));
        let inter = root.issue(self.inter, key(self.inter_key, Role::Inter));
        let leaf = inter.issue(self.leaf, key(self.leaf_key, Role::Leaf));
        Chain { root, inter, leaf }
    }
}

/// A built chain.
pub struct Chain {
    pub root: Node,
    pub inter: Node,
    pub leaf: Node,
}

impl Chain {
    /// The default chain (P-256).
    pub fn new() -> Chain {
        Spec::new().build()
    }

    /// What a correctly configured server sends: leaf, then intermediate.
    pub fn sent(&self) -> Vec<u8> {
        pem_of(&[&self.leaf, &self.inter])
    }

    /// The root as a trust file.
    pub fn trust(&self) -> Vec<u8> {
        self.root.pem().into_bytes()
    }

    /// Inspection options: host `mail.example.test`, at NOW, trusting only this chain's root,
    /// the strict mail profile.
    pub fn opts(&self) -> Options {
        Options {
            host: Some(HOST.into()),
            port: None,
            at: NOW,
            trust: vec![self.trust()],
            only_trusted_roots: true,
            profile: Profile::MailStrict,
            leaf: None,
        }
    }

    /// Replaces the leaf by one issued by the intermediate with `params` (fresh key of `kind`).
    pub fn reissue_leaf(&mut self, params: CertificateParams, kind: KeyType) {
        self.leaf = self.inter.issue(params, key(kind, Role::Leaf));
    }
}

/// Options with no trust anchors at all (nothing is trusted).
pub fn opts_trusting_nothing() -> Options {
    Options { host: Some(HOST.into()), port: None, at: NOW, trust: vec![], only_trusted_roots: true, profile: Profile::MailStrict, leaf: None }
}

// ---------------------------------------------------------------------------------------------
// Assembly.

/// A certificate DER as PEM.
pub fn pem_cert(der: &[u8]) -> String {
    pem_block("CERTIFICATE", der)
}

/// Any DER as a PEM block with `label`.
pub fn pem_block(label: &str, der: &[u8]) -> String {
    pem::encode_config(&pem::Pem::new(label, der.to_vec()), pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF))
}

/// Several certificates, in the given order (duplicates allowed), as one PEM text.
pub fn pem_of(nodes: &[&Node]) -> Vec<u8> {
    nodes.iter().map(|n| n.pem()).collect::<String>().into_bytes()
}

/// Several DER certificates as one PEM text.
pub fn pem_ders(ders: &[&[u8]]) -> Vec<u8> {
    ders.iter().map(|d| pem_cert(d)).collect::<String>().into_bytes()
}

/// A certificate that has nothing to do with a chain: a leaf for another host from another CA.
pub fn unrelated() -> Node {
    let ca = Node::self_signed(ca_params("Unrelated Root CA"), key(KeyType::P256, Role::Other));
    ca.issue(leaf_params(&[dns("www.unrelated.test")]), key(KeyType::P256, Role::Other))
}

// ---------------------------------------------------------------------------------------------
// DER surgery: what rcgen cannot encode.

/// Reads one TLV (single-byte tags, definite lengths): (tag, header length, total length).
pub fn read_tlv(der: &[u8]) -> (u8, usize, usize) {
    let tag = der[0];
    let first = der[1];
    if first < 0x80 {
        return (tag, 2, 2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    let len = der[2..2 + n].iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
    (tag, 2 + n, 2 + n + len)
}

/// The content of one TLV.
pub fn content(der: &[u8]) -> &[u8] {
    let (_, hdr, total) = read_tlv(der);
    &der[hdr..total]
}

/// The child TLVs of a constructed TLV.
pub fn children(der: &[u8]) -> Vec<Vec<u8>> {
    let mut rest = content(der);
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (_, _, total) = read_tlv(rest);
        out.push(rest[..total].to_vec());
        rest = &rest[total..];
    }
    out
}

/// Encodes one TLV.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// A SEQUENCE of the given TLVs.
pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// An OBJECT IDENTIFIER TLV from dotted text.
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().expect("OID arc")).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut stack = vec![(arc & 0x7f) as u8];
        let mut v = arc >> 7;
        while v > 0 {
            stack.push(((v & 0x7f) as u8) | 0x80);
            v >>= 7;
        }
        body.extend(stack.iter().rev());
    }
    tlv(0x06, &body)
}

/// An AlgorithmIdentifier: the OID, with NULL parameters when `null` (RSA) or none (ECDSA).
pub fn alg_id(dotted: &str, null: bool) -> Vec<u8> {
    if null { seq(&[oid(dotted), vec![0x05, 0x00]]) } else { seq(&[oid(dotted)]) }
}

/// A BIT STRING with no unused bits.
pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut c = vec![0];
    c.extend_from_slice(bytes);
    tlv(0x03, &c)
}

/// A positive INTEGER from big-endian magnitude bytes.
pub fn integer(magnitude: &[u8]) -> Vec<u8> {
    let skip = magnitude.iter().take_while(|b| **b == 0).count().min(magnitude.len().saturating_sub(1));
    let m = &magnitude[skip..];
    let mut c = Vec::new();
    if m.first().is_some_and(|b| b & 0x80 != 0) {
        c.push(0);
    }
    c.extend_from_slice(m);
    tlv(0x02, &c)
}

/// An Extension: extnID, critical (when true), extnValue OCTET STRING.
pub fn extension(dotted: &str, critical: bool, value: &[u8]) -> Vec<u8> {
    let mut parts = vec![oid(dotted)];
    if critical {
        parts.push(vec![0x01, 0x01, 0xff]);
    }
    parts.push(tlv(0x04, value));
    seq(&parts)
}

pub const OID_SHA1_RSA: &str = "1.2.840.113549.1.1.5";
pub const OID_MD5_RSA: &str = "1.2.840.113549.1.1.4";
pub const OID_SHA256_RSA: &str = "1.2.840.113549.1.1.11";
pub const OID_ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
pub const OID_ECDSA_SHA384: &str = "1.2.840.10045.4.3.3";
pub const OID_DSA_SHA256: &str = "2.16.840.1.101.3.4.3.2";
pub const OID_SAN: &str = "2.5.29.17";
pub const OID_AKI: &str = "2.5.29.35";

/// An RSA SubjectPublicKeyInfo with a modulus of exactly `bits` bits (not a real key: nothing
/// is signed with it, certscope only reads its size) and the given public exponent.
pub fn rsa_spki(bits: usize, exponent: u64) -> Vec<u8> {
    let bytes = bits.div_ceil(8);
    let mut modulus = vec![0xA5u8; bytes];
    let top_bits = bits - (bytes - 1) * 8; // 1..=8 bits used in the first byte
    modulus[0] = 0xFF >> (8 - top_bits);
    modulus[0] |= 1 << (top_bits - 1);
    let last = modulus.len() - 1;
    modulus[last] |= 1; // odd, as an RSA modulus is
    let e = exponent.to_be_bytes();
    let rsa_public_key = seq(&[integer(&modulus), integer(&e)]);
    seq(&[alg_id("1.2.840.113549.1.1.1", true), bit_string(&rsa_public_key)])
}

/// An EC SubjectPublicKeyInfo on a named curve (any OID; the point is not a real point).
pub fn ec_spki(curve_oid: &str, point_len: usize) -> Vec<u8> {
    let mut point = vec![0x04];
    point.extend(std::iter::repeat_n(0x42u8, point_len));
    seq(&[seq(&[oid("1.2.840.10045.2.1"), oid(curve_oid)]), bit_string(&point)])
}

/// A certificate taken apart: the TBSCertificate's fields as TLVs, and the outer algorithm.
#[derive(Debug, Clone)]
pub struct Tbs {
    /// `[0] EXPLICIT Version`, absent in a v1 certificate.
    pub version: Option<Vec<u8>>,
    pub serial: Vec<u8>,
    /// tbsCertificate.signature: the inner algorithm.
    pub signature: Vec<u8>,
    pub issuer: Vec<u8>,
    pub validity: Vec<u8>,
    pub subject: Vec<u8>,
    pub spki: Vec<u8>,
    /// Each Extension TLV, in order; none means no `[3]` field.
    pub extensions: Vec<Vec<u8>>,
    /// Certificate.signatureAlgorithm: the outer algorithm.
    pub outer_alg: Vec<u8>,
}

impl Tbs {
    /// Takes a certificate apart (no issuer or subject unique ids: rcgen writes none).
    pub fn parse(cert_der: &[u8]) -> Tbs {
        let top = children(cert_der);
        let mut fields = children(&top[0]).into_iter().peekable();
        let version = if fields.peek().is_some_and(|f| f[0] == 0xA0) { fields.next() } else { None };
        let mut next = || fields.next().expect("TBSCertificate field");
        let (serial, signature, issuer, validity, subject, spki) = (next(), next(), next(), next(), next(), next());
        let extensions = match fields.next() {
            Some(ext) => children(&children(&ext)[0]),
            None => vec![],
        };
        Tbs { version, serial, signature, issuer, validity, subject, spki, extensions, outer_alg: top[1].clone() }
    }

    /// The TBSCertificate DER.
    pub fn encode(&self) -> Vec<u8> {
        let mut parts = Vec::new();
        parts.extend(self.version.clone());
        parts.extend([
            self.serial.clone(),
            self.signature.clone(),
            self.issuer.clone(),
            self.validity.clone(),
            self.subject.clone(),
            self.spki.clone(),
        ]);
        if !self.extensions.is_empty() {
            parts.push(tlv(0xA3, &seq(&self.extensions)));
        }
        seq(&parts)
    }

    /// The whole certificate with the given signature bytes.
    pub fn with_signature(&self, signature: &[u8]) -> Vec<u8> {
        seq(&[self.encode(), self.outer_alg.clone(), bit_string(signature)])
    }

    /// Removes every extension with this OID.
    pub fn remove_extension(&mut self, dotted: &str) {
        let o = oid(dotted);
        self.extensions.retain(|e| children(e)[0] != o);
    }
}

/// The signature bytes of a certificate.
pub fn signature_of(cert_der: &[u8]) -> Vec<u8> {
    content(&children(cert_der)[2])[1..].to_vec()
}

/// Re-signs `cert_der` after `edit` changes its fields, with `issuer`'s key (ring: the
/// issuer key's own algorithm, which is what the outer algorithm already says).
pub fn reissue(cert_der: &[u8], issuer: &Node, edit: impl FnOnce(&mut Tbs)) -> Vec<u8> {
    let mut tbs = Tbs::parse(cert_der);
    edit(&mut tbs);
    let sig = issuer.key.sign(&tbs.encode()).expect("signature");
    tbs.with_signature(&sig)
}

/// Re-signs `cert_der` with an RSA `issuer` using `digest` ("sha1", "md5", ...) through
/// `openssl dgst`, setting both algorithm fields to `alg_oid` (with NULL parameters).
pub fn reissue_openssl(cert_der: &[u8], issuer: &Node, digest: &str, alg_oid: &str, edit: impl FnOnce(&mut Tbs)) -> Vec<u8> {
    let mut tbs = Tbs::parse(cert_der);
    tbs.signature = alg_id(alg_oid, true);
    tbs.outer_alg = alg_id(alg_oid, true);
    edit(&mut tbs);
    let dir = TempDir::new("sign");
    std::fs::write(dir.join("key.pem"), issuer.key_pem()).unwrap();
    std::fs::write(dir.join("tbs.der"), tbs.encode()).unwrap();
    openssl(dir.path(), &["dgst", &format!("-{digest}"), "-sign", "key.pem", "-out", "sig.bin", "tbs.der"]);
    let sig = std::fs::read(dir.join("sig.bin")).unwrap();
    tbs.with_signature(&sig)
}

// ---------------------------------------------------------------------------------------------
// openssl and temporary directories.

/// Runs `openssl` in `dir`; panics with its stderr if it fails or is not installed.
pub fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("this fixture needs the `openssl` command ({e}); install OpenSSL"));
    assert!(out.status.success(), "openssl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// A directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(what: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("certscope-test-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes a file and returns its path as a string.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Things that are not certificates.

/// A PKCS#10 request for the default leaf, as PEM ("CERTIFICATE REQUEST").
pub fn csr_pem() -> String {
    let mut p = CertificateParams::new(vec![HOST.to_string()]).unwrap();
    p.distinguished_name = DistinguishedName::new();
    p.distinguished_name.push(DnType::CommonName, HOST);
    let k = key(KeyType::P256, Role::Leaf);
    p.serialize_request(&k).unwrap().pem().unwrap()
}

/// An empty CRL issued by `ca`, as PEM ("X509 CRL").
pub fn crl_pem(ca: &Node) -> String {
    let params = rcgen::CertificateRevocationListParams {
        this_update: rcgen::date_time_ymd(2026, 5, 1),
        next_update: rcgen::date_time_ymd(2026, 7, 1),
        crl_number: rcgen::SerialNumber::from_slice(&[1]),
        issuing_distribution_point: None,
        revoked_certs: vec![],
        key_identifier_method: rcgen::KeyIdMethod::Sha256,
    };
    params.signed_by(&Issuer::from_params(&ca.params, &ca.key)).unwrap().pem().unwrap()
}

/// A PKCS#12 bundle (DER) of the leaf and its key, password "test", made by openssl.
pub fn pkcs12_der(leaf: &Node) -> Vec<u8> {
    let dir = TempDir::new("p12");
    dir.write("leaf.pem", leaf.pem());
    dir.write("leaf.key", leaf.key_pem());
    openssl(dir.path(), &["pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf.key", "-passout", "pass:test", "-out", "bundle.p12"]);
    std::fs::read(dir.join("bundle.p12")).unwrap()
}

/// The leaf's key as an encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY"), made by openssl.
pub fn encrypted_key_pem(node: &Node) -> String {
    let dir = TempDir::new("enckey");
    dir.write("key.pem", node.key_pem());
    let out = openssl(dir.path(), &["pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-passout", "pass:test"]);
    String::from_utf8(out).unwrap()
}

/// An OpenSSH public key line for a fixed Ed25519 key.
pub fn ssh_public_key_line() -> String {
    use base64::Engine as _;
    let mut blob = Vec::new();
    for part in [&b"ssh-ed25519"[..], &[0x11u8; 32][..]] {
        blob.extend_from_slice(&(part.len() as u32).to_be_bytes());
        blob.extend_from_slice(part);
    }
    format!("ssh-ed25519 {} admin@mail.example.test\n", base64::engine::general_purpose::STANDARD.encode(blob))
}
