//! The policy: judges a certificate in its role and a path as a whole. It never searches.
//!
//! The path builder (`path.rs`) proposes candidate paths; this module says what is wrong with
//! each, as findings. Error findings reject a path. Rules cite RFC 5280, RFC 6125, the CA/B
//! Forum Baseline Requirements (BR) or Apple's published requirements (HT210176).

use crate::cert::{Cert, Curve, KeyKind, Parsed, SigAlg, KU_KEY_CERT_SIGN};
use crate::findings::{Finding, FindingId as F, Severity};
use crate::limits::*;
use crate::name_constraints::{self, NameConstraints, Subject, Violation};
use crate::names::{self, DnsMatch, DnsNameSyntax, HostName};
use crate::time::{to_iso, DAY};

/// Which clients' rules to judge by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// The strictest of the major mail clients (Apple Mail on iOS/macOS is the strictest:
    /// it adds the 825-day and serverAuth-EKU rules of HT210176 to the Web PKI rules).
    #[default]
    MailStrict,
    /// The Web PKI rules as rustls-webpki and pyca/cryptography apply them (used for x509-limbo).
    WebPki,
}

/// The role a certificate plays on a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Leaf,
    Intermediate,
    Root,
}

/// What the policy needs to know besides the certificates.
#[derive(Debug, Clone)]
pub struct Policy {
    pub profile: Profile,
    /// Validation time, Unix seconds.
    pub at: i64,
    /// The host the client connects to, if given.
    pub host: Option<HostName>,
}

fn err(id: F) -> Finding {
    Finding::new(id, Severity::Error)
}

impl Profile {
    /// The severity of a structural rule that the Web PKI validators enforce but mail clients
    /// do not (a missing key identifier, an RSA modulus size that is not a multiple of 8):
    /// an error under the Web PKI profile, a warning under the mail profile, whose verdict
    /// follows what mail apps accept.
    fn pedantic(self) -> Severity {
        match self {
            Profile::WebPki => Severity::Error,
            Profile::MailStrict => Severity::Warning,
        }
    }
}

impl Policy {
    /// Everything wrong with one certificate in one role, independent of its issuer.
    pub fn check_cert(&self, cert: &Cert, index: usize, role: Role) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(p) = cert.fields() else {
            // The certificate did not parse: reported once by the inspector as malformed.
            return out;
        };
        // RFC 5280 4.1: DER only. The same finding as the inspector's for a sent certificate
        // (so the two merge), here so that a path through it is judged as erring.
        if let Some(reason) = &p.not_der {
            out.push(Finding::new(F::MalformedCertificate, Severity::Error).fact("reason", reason.clone()));
        }
        self.check_version(p, &mut out);
        self.check_validity(p, role, &mut out);
        self.check_key(p, &mut out);
        if role != Role::Root {
            self.check_sig_alg(p, &mut out);
        }
        self.check_extensions_common(p, role, &mut out);
        match role {
            Role::Leaf => self.check_leaf(p, &mut out),
            Role::Intermediate | Role::Root => self.check_ca(p, role, &mut out),
        }
        for f in &mut out {
            f.cert = Some(index);
        }
        out
    }

    fn check_version(&self, p: &Parsed, out: &mut Vec<Finding>) {
        // RFC 5280 4.1.2.1: certificates with extensions MUST be v3; CA/B BR 7.1.1 requires v3.
        if p.version != 2 {
            out.push(err(F::NotVersion3).field("version").fact("version", p.version + 1));
        }
    }

    fn check_validity(&self, p: &Parsed, role: Role, out: &mut Vec<Finding>) {
        let with_dates = |f: Finding| {
            f.fact("not_before", to_iso(p.not_before)).fact("not_after", to_iso(p.not_after)).fact("at", to_iso(self.at))
        };
        // RFC 5280 4.1.2.5 / 6.1.3 (a)(2): the validation time must be within the validity period.
        if p.not_after < p.not_before {
            out.push(with_dates(err(F::ValidityInvalid).field("validity")));
        } else if self.at < p.not_before {
            let days = (p.not_before - self.at).div_euclid(DAY);
            out.push(with_dates(err(F::NotYetValid).field("validity.not_before").fact("days_until_valid", days)));
        } else if self.at > p.not_after {
            let id = match role {
                Role::Leaf => F::Expired,
                Role::Intermediate => F::ExpiredIntermediate,
                Role::Root => F::ExpiredRoot,
            };
            let days = (self.at - p.not_after).div_euclid(DAY);
            out.push(with_dates(err(id).field("validity.not_after").fact("days_since_expiry", days)));
        } else if role == Role::Leaf && p.not_after - self.at < EXPIRING_SOON_DAYS * DAY {
            let days = (p.not_after - self.at).div_euclid(DAY);
            out.push(with_dates(Finding::new(F::ExpiringSoon, Severity::Warning).field("validity.not_after").fact("days_left", days)));
        }
        if role == Role::Leaf && p.not_after >= p.not_before {
            let days = validity_days(p);
            let apple = longer_than(p, MAX_VALIDITY_DAYS_APPLE) && p.not_before >= APPLE_825_DAY_RULE_FROM;
            let cabf_limit = MAX_VALIDITY_DAYS_SC081
                .iter()
                .rev()
                .find(|(from, _)| p.not_before >= *from)
                .map(|(_, limit)| *limit)
                .or((p.not_before >= CABF_398_DAY_RULE_FROM).then_some(MAX_VALIDITY_DAYS_CABF));
            let cabf = cabf_limit.is_some_and(|limit| longer_than(p, limit));
            if apple || cabf {
                let severity = if apple && self.profile == Profile::MailStrict { Severity::Error } else { Severity::Warning };
                let limit = if apple { MAX_VALIDITY_DAYS_APPLE } else { cabf_limit.unwrap_or(MAX_VALIDITY_DAYS_CABF) };
                out.push(
                    with_dates(Finding::new(F::ValidityTooLong, severity).field("validity"))
                        .fact("validity_days", days)
                        .fact("limit_days", limit),
                );
            }
        }
    }

    fn check_key(&self, p: &Parsed, out: &mut Vec<Finding>) {
        // CA/B BR 6.1.5 and 6.1.6: RSA modulus >= 2048 bits and divisible by 8, odd exponent
        // >= 3; ECDSA on P-256, P-384 or P-521.
        match &p.key.kind {
            KeyKind::Rsa { bits, exponent } => {
                if *bits < MIN_RSA_BITS {
                    out.push(err(F::WeakKeyRsa1024).field("subject_public_key_info").fact("key_bits", *bits));
                } else if bits % 8 != 0 {
                    out.push(Finding::new(F::WeakKey, self.profile.pedantic()).field("subject_public_key_info").fact("key", p.key.kind.display()).fact("reason", "modulus size not a multiple of 8"));
                }
                match exponent {
                    Some(e) if *e >= 3 && e % 2 == 1 => {}
                    _ => out.push(err(F::WeakKey).field("subject_public_key_info").fact("key", p.key.kind.display()).fact("reason", "bad RSA public exponent")),
                }
            }
            KeyKind::Ec { curve: Curve::P256 | Curve::P384 | Curve::P521 } | KeyKind::Ed25519 => {}
            other => out.push(err(F::UnsupportedKeyType).field("subject_public_key_info").fact("key", other.display())),
        }
    }

    fn check_sig_alg(&self, p: &Parsed, out: &mut Vec<Finding>) {
        let alg = p.sig_alg.display();
        // CA/B BR 7.1.3.2: SHA-1 and MD5 are forbidden; every current client rejects them.
        match p.sig_alg {
            SigAlg::RsaPkcs1Sha1 | SigAlg::EcdsaSha1 => out.push(err(F::WeakSignatureSha1).field("signature_algorithm").fact("algorithm", alg)),
            SigAlg::RsaPkcs1Md5 | SigAlg::RsaPkcs1Md2 => out.push(err(F::WeakSignatureMd5).field("signature_algorithm").fact("algorithm", alg)),
            SigAlg::Other(_) => out.push(err(F::UnsupportedSignatureAlgorithm).field("signature_algorithm").fact("algorithm", alg)),
            _ => {}
        }
        // RFC 5280 4.1.1.2: signatureAlgorithm MUST equal tbsCertificate.signature.
        if p.sig_alg_mismatch {
            out.push(err(F::SignatureAlgorithmMismatch).field("signature_algorithm"));
        }
    }

    fn check_extensions_common(&self, p: &Parsed, role: Role, out: &mut Vec<Finding>) {
        let e = &p.ext;
        // RFC 5280 4.2: a critical extension that is not understood MUST make the certificate rejected.
        for oid in &e.unknown_critical {
            out.push(err(F::UnknownCriticalExtension).field("extensions").fact("extension", oid.clone()));
        }
        // RFC 5280 4.2: a certificate MUST NOT include more than one instance of an extension.
        for oid in &e.duplicates {
            out.push(err(F::DuplicateExtension).field("extensions").fact("extension", crate::cert::extension_name(oid)));
        }
        for (name, why) in &e.malformed {
            out.push(err(F::ExtensionInvalid).field("extensions").fact("extension", name.clone()).fact("reason", why.clone()));
        }
        // RFC 5280 4.2.1.1: authorityKeyIdentifier MUST be non-critical, and MUST be present
        // except in self-signed certificates. A trust anchor is trusted as it is, whoever
        // issued it (x509-limbo cve-2024-0567 trusts a cross-signed root without an AKI).
        match &e.aki {
            Some((_, true)) => out.push(invalid_ext("authorityKeyIdentifier", "marked critical; it must not be")),
            None if role != Role::Root && !p.is_self_issued() => {
                out.push(Finding::new(F::KeyIdentifierMissing, self.profile.pedantic()).field("extensions.authority_key_identifier").fact("extension", "authorityKeyIdentifier"));
            }
            _ => {}
        }
        // RFC 5280 4.2.1.2: subjectKeyIdentifier MUST be non-critical, and MUST be present in CA certificates.
        match &e.ski {
            Some((_, true)) => out.push(invalid_ext("subjectKeyIdentifier", "marked critical; it must not be")),
            None if role != Role::Leaf => {
                out.push(Finding::new(F::KeyIdentifierMissing, self.profile.pedantic()).field("extensions.subject_key_identifier").fact("extension", "subjectKeyIdentifier"));
            }
            _ => {}
        }
        // RFC 5280 4.2.2.1: authorityInfoAccess MUST be non-critical.
        if e.aia_critical {
            out.push(invalid_ext("authorityInfoAccess", "marked critical; it must not be"));
        }
        // RFC 5280 4.2.1.12: if extendedKeyUsage is present it holds at least one purpose.
        if let Some((eku, _)) = &e.ext_key_usage
            && eku.oids.is_empty() {
                out.push(invalid_ext("extendedKeyUsage", "empty"));
            }
    }

    fn check_leaf(&self, p: &Parsed, out: &mut Vec<Finding>) {
        let e = &p.ext;
        // CA/B BR 7.1.2.7.8: a subscriber certificate is not a CA; RFC 5280 4.2.1.9.
        if let Some((bc, _)) = &e.basic_constraints
            && bc.ca {
                out.push(err(F::LeafIsCa).field("extensions.basic_constraints"));
            }
        // RFC 5280 4.2.1.3: keyCertSign only for CA certificates.
        if let Some((ku, _)) = e.key_usage
            && ku & KU_KEY_CERT_SIGN != 0 {
                out.push(err(F::KeyUsageInvalid).field("extensions.key_usage").fact("reason", "keyCertSign in a server certificate"));
            }
        // RFC 5280 4.2.1.12 / CA/B BR 7.1.2.7.10: serverAuth must be allowed. Apple (HT210176)
        // additionally requires the EKU extension with serverAuth in certificates issued after 2019-07-01.
        match &e.ext_key_usage {
            Some((eku, _)) if !eku.server_auth && !eku.oids.is_empty() => {
                out.push(err(F::EkuMissingServerAuth).field("extensions.ext_key_usage").fact("purposes", eku.oids.clone()));
            }
            None if self.profile == Profile::MailStrict && p.not_before >= APPLE_825_DAY_RULE_FROM => {
                out.push(err(F::EkuMissingServerAuth).field("extensions.ext_key_usage").fact("purposes", Vec::<String>::new()));
            }
            _ => {}
        }
        // RFC 5280 4.2.1.10: name constraints only in CA certificates.
        if e.name_constraints.is_some() {
            out.push(invalid_ext("nameConstraints", "present in a server certificate; only CAs may have it"));
        }
        // RFC 5280 4.2.1.6: with an empty subject the SAN MUST be critical; CA/B BR 7.1.2.7.12:
        // with a non-empty subject it MUST NOT be critical.
        match &e.san {
            None => {
                if !p.subject.common_names.is_empty() {
                    out.push(err(F::CnOnlyNoSan).field("extensions.subject_alt_name").fact("common_names", p.subject.common_names.clone()));
                } else {
                    out.push(err(F::CnOnlyNoSan).field("extensions.subject_alt_name").fact("common_names", Vec::<String>::new()));
                }
            }
            Some((san, critical)) => {
                if san.is_empty() {
                    out.push(invalid_ext("subjectAltName", "present but empty"));
                }
                if p.subject.is_empty() && !critical {
                    out.push(invalid_ext("subjectAltName", "not critical although the subject is empty"));
                }
                if !p.subject.is_empty() && *critical && self.profile == Profile::WebPki {
                    out.push(invalid_ext("subjectAltName", "critical although the subject is not empty"));
                }
                for dns in &san.dns {
                    match names::check_dns_san_syntax(dns) {
                        DnsNameSyntax::Ok => {}
                        DnsNameSyntax::IpAddressAsDns => out.push(
                            Finding::new(F::IpInDnsSan, Severity::Warning).field("extensions.subject_alt_name").fact("name", dns.clone()),
                        ),
                        problem => out.push(
                            err(F::SanMalformed).field("extensions.subject_alt_name").fact("name", dns.escape_debug().to_string()).fact("reason", problem.to_string()),
                        ),
                    }
                }
                // CA/B BR 7.1.4.3: a Common Name, if present, MUST repeat one of the SAN
                // entries. NOTE: a warning, not an error: every client ignores the CN when a
                // SAN is present, and x509-limbo's bettertls cases expect such chains to pass.
                for cn in &p.subject.common_names {
                    if !names::cn_is_copy_of_san(cn, &san.dns, &san.ips) {
                        out.push(Finding::new(F::CnNotInSan, Severity::Warning).field("subject.common_name").fact("common_name", cn.clone()));
                    }
                }
                for ip in &san.ips {
                    if ip.len() != 4 && ip.len() != 16 {
                        out.push(err(F::SanMalformed).field("extensions.subject_alt_name").fact("name", names::ip_to_string(ip)).fact("reason", "IP address of wrong length"));
                    }
                }
            }
        }
    }

    fn check_ca(&self, p: &Parsed, role: Role, out: &mut Vec<Finding>) {
        let e = &p.ext;
        // RFC 5280 4.2.1.9: CA certificates MUST have basicConstraints, critical, with cA TRUE.
        match &e.basic_constraints {
            Some((bc, critical)) if bc.ca => {
                if !critical {
                    out.push(invalid_ext("basicConstraints", "not critical in a CA certificate"));
                }
            }
            _ => out.push(err(F::IntermediateNotCa).field("extensions.basic_constraints").fact("role", role_name(role))),
        }
        // RFC 5280 4.2.1.3: a key that signs certificates has keyUsage with keyCertSign.
        match e.key_usage {
            Some((ku, _)) if ku & KU_KEY_CERT_SIGN == 0 => {
                out.push(err(F::KeyUsageInvalid).field("extensions.key_usage").fact("reason", "CA certificate without keyCertSign"));
            }
            _ => {}
        }
        // RFC 5280 4.1.2.6: a CA's subject MUST be non-empty.
        if p.subject.is_empty() {
            out.push(err(F::EmptySubject).field("subject"));
        }
        if let Some((nc, critical)) = &e.name_constraints {
            if let Err(v) = name_constraints::validate_constraints(nc) {
                out.push(invalid_ext("nameConstraints", &v.to_string()));
            }
            // RFC 5280 4.2.1.10: conforming CAs MUST mark this extension as critical. NOTE: a
            // warning: CA/B BR 7.1.2.10.8 allows it non-critical and clients enforce it anyway.
            if !critical {
                out.push(Finding::new(F::ExtensionInvalid, Severity::Warning).field("extensions").fact("extension", "nameConstraints").fact("reason", "not critical"));
            }
        }
        if role == Role::Root {
            // CA/B BR 7.1.2.1.3: a root's AKI, if present, holds only keyIdentifier, equal to its SKI.
            if let Some((aki, _)) = &e.aki {
                if aki.has_issuer || aki.has_serial || aki.key_id.is_none() {
                    out.push(invalid_ext("authorityKeyIdentifier", "a root's must hold only the key identifier"));
                } else if let (Some(kid), Some((ski, _))) = (&aki.key_id, &e.ski)
                    && kid != ski && p.is_self_issued() {
                        out.push(invalid_ext("authorityKeyIdentifier", "differs from the root's own subjectKeyIdentifier"));
                    }
            }
        }
    }

    /// Everything wrong with the path as a whole: links, path lengths, name constraints, host.
    /// `path` is leaf first; `top_nc` are name constraints that come with a trust-store anchor.
    pub fn check_path(&self, certs: &[(usize, &Cert)], top_nc: Option<&NameConstraints>, out: &mut Vec<Finding>) {
        // RFC 5280 6.1.4 (l)(m): a CA's pathLenConstraint bounds the number of non-self-issued
        // intermediate certificates below it (the leaf does not count).
        for (pos, (idx, cert)) in certs.iter().enumerate().skip(1) {
            let Some(p) = cert.fields() else { continue };
            if let Some((bc, _)) = &p.ext.basic_constraints
                && let Some(limit) = bc.path_len {
                    let below = certs
                        .get(1..pos)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|(_, c)| c.fields().is_some_and(|f| !f.is_self_issued()))
                        .count();
                    if below > limit as usize {
                        out.push(
                            err(F::PathlenExceeded)
                                .cert(*idx)
                                .field("extensions.basic_constraints")
                                .fact("path_len", limit)
                                .fact("cas_below", below),
                        );
                    }
                }
            // RFC 5280 4.2.1.12 (as CA/B BR 7.1.2.2 applies it): an intermediate's EKU, if
            // present, must allow serverAuth for the certificates it issues.
            if let Some((eku, _)) = &p.ext.ext_key_usage
                && !eku.server_auth && !eku.any && !eku.oids.is_empty() {
                    out.push(err(F::EkuMissingServerAuth).cert(*idx).field("extensions.ext_key_usage").fact("purposes", eku.oids.clone()));
                }
        }
        // RFC 5280 6.1.3 (b)(c), 4.2.1.10: each CA's name constraints apply to every certificate
        // below it, except self-issued intermediates.
        let mut budget = MAX_NAME_CONSTRAINT_COMPARISONS;
        let constrained = certs.iter().enumerate().skip(1).filter_map(|(pos, (idx, c))| {
            c.fields().and_then(|p| p.ext.name_constraints.as_ref()).map(|(nc, _)| (pos, Some(*idx), nc))
        });
        let top = top_nc.map(|nc| (certs.len(), None, nc));
        for (pos, ca_idx, nc) in constrained.chain(top) {
            for (below, (idx, cert)) in certs.iter().enumerate().take(pos) {
                let Some(p) = cert.fields() else { continue };
                if below > 0 && p.is_self_issued() {
                    continue;
                }
                let san = p.ext.san.as_ref().map(|(s, _)| s);
                let subject = Subject {
                    dns: san.map(|s| s.dns.as_slice()).unwrap_or(&[]),
                    ips: san.map(|s| s.ips.as_slice()).unwrap_or(&[]),
                    emails: san.map(|s| s.emails.as_slice()).unwrap_or(&[]),
                    uris: san.map(|s| s.uris.as_slice()).unwrap_or(&[]),
                    dir_name: Some(p.subject.der.as_slice()).filter(|_| !p.subject.is_empty()),
                    others: san.map(|s| s.others.as_slice()).unwrap_or(&[]),
                    subject_cn: &p.subject.common_names,
                    subject_emails: &p.subject.emails,
                };
                if let Err(v) = name_constraints::check(nc, &subject, &mut budget) {
                    let mut f = err(F::NameConstraintsViolated).cert(*idx).field("extensions.subject_alt_name").fact("reason", v.to_string());
                    if let Some(ca) = ca_idx {
                        f = f.fact("constrained_by", ca);
                    }
                    out.push(f);
                    if matches!(v, Violation::BudgetExhausted) {
                        // Not silent: the violation says the check gave up, this says which limit.
                        out.push(Finding::limit("MAX_NAME_CONSTRAINT_COMPARISONS", MAX_NAME_CONSTRAINT_COMPARISONS, certs.len()).cert(*idx));
                        return;
                    }
                }
            }
        }
    }

    /// Whether the host is covered by the leaf's names (RFC 6125 6.4, CA/B BR 7.1.4.2.1).
    pub fn check_host(&self, leaf: &Cert, index: usize, out: &mut Vec<Finding>) {
        let Some(host) = &self.host else { return };
        let Some(p) = leaf.fields() else { return };
        let dns = p.dns_names();
        let ips = p.ip_names();
        let matched = match host {
            HostName::Dns(h) => dns.iter().any(|d| names::match_dns(d, h).is_match()),
            HostName::Ip(ip) => ips.iter().any(|o| names::match_ip(o, ip)),
        };
        if matched {
            return;
        }
        let covered = covered_names(p);
        let host_text = host_display(host);
        // A wildcard that nearly fits says more than a plain mismatch.
        let near = match host {
            HostName::Dns(h) => dns.iter().find_map(|d| match names::match_dns(d, h) {
                m @ (DnsMatch::WildcardTooDeep | DnsMatch::WildcardBareDomain) => Some((d.clone(), m)),
                _ => None,
            }),
            HostName::Ip(_) => None,
        };
        let f = match near {
            Some((name, m)) => {
                let reason = match m {
                    DnsMatch::WildcardBareDomain => "a wildcard covers names below a domain, not the domain itself",
                    _ => "a wildcard covers exactly one label, not several",
                };
                err(F::WildcardMismatch).fact("wildcard", name).fact("reason", reason)
            }
            None => err(F::HostnameMismatch),
        };
        let host_is_ip = matches!(host, HostName::Ip(_));
        let ip_in_dns = match host {
            HostName::Ip(ip) => dns.iter().any(|d| d.trim_end_matches('.') == ip.to_string()),
            HostName::Dns(_) => false,
        };
        out.push(
            f.cert(index)
                .field("extensions.subject_alt_name")
                .fact("host", host_text)
                .fact("host_is_ip", host_is_ip)
                .fact("ip_written_as_dns_name", ip_in_dns)
                .fact("names", covered),
        );
    }
}

/// Whole days between notBefore and notAfter, for people to read.
pub fn validity_days(p: &Parsed) -> i64 {
    (p.not_after - p.not_before).div_euclid(DAY)
}

/// Whether the validity period is longer than `limit` days. CA/B BR 1.6.1 defines the period
/// as notAfter - notBefore + 1 second (both ends inclusive, RFC 5280 4.1.2.5), so a
/// certificate of exactly 398 days plus one second is over a 398-day limit.
pub fn longer_than(p: &Parsed, limit_days: i64) -> bool {
    p.not_after - p.not_before + 1 > limit_days * DAY
}

/// Apple rejects certificates that chain to a built-in root and are valid for more than
/// 398 days if issued since 2020-09-01 (support.apple.com/HT211025); private roots get the
/// 825-day rule. Called for paths that end at the built-in (Mozilla) store.
pub fn check_public_validity(policy: &Policy, leaf: &Cert, index: usize, out: &mut Vec<Finding>) {
    let Some(p) = leaf.fields() else { return };
    let days = validity_days(p);
    if policy.profile == Profile::MailStrict && p.not_before >= CABF_398_DAY_RULE_FROM && longer_than(p, MAX_VALIDITY_DAYS_CABF) {
        out.retain(|f| !(f.id == F::ValidityTooLong && f.cert == Some(index)));
        out.push(
            err(F::ValidityTooLong)
                .cert(index)
                .field("validity")
                .fact("not_before", to_iso(p.not_before))
                .fact("not_after", to_iso(p.not_after))
                .fact("at", to_iso(policy.at))
                .fact("validity_days", days)
                .fact("limit_days", MAX_VALIDITY_DAYS_CABF),
        );
    }
}

/// The names a certificate covers, as a person would type them.
pub fn covered_names(p: &Parsed) -> Vec<String> {
    p.dns_names().iter().cloned().chain(p.ip_names().iter().map(|o| names::ip_to_string(o))).collect()
}

/// The host as people write it.
pub fn host_display(host: &HostName) -> String {
    match host {
        HostName::Dns(h) => h.clone(),
        HostName::Ip(ip) => ip.to_string(),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Leaf => "leaf",
        Role::Intermediate => "intermediate",
        Role::Root => "root",
    }
}

fn invalid_ext(extension: &'static str, reason: &str) -> Finding {
    err(F::ExtensionInvalid).field("extensions").fact("extension", extension).fact("reason", reason.to_string())
}
