//! Name constraints: whether a certificate's names lie inside a CA's permitted namespace.
//!
//! RFC 5280 4.2.1.10 as applied by rustls-webpki and pyca/cryptography, checked against the
//! x509-limbo suite (including the BetterTLS name-constraint cases). The certificate module
//! converts x509-parser's parsed extension into [`NameConstraints`] and a subordinate
//! certificate's names into a [`Subject`]; this module only judges.
//!
//! Work is bounded: every (name, constraint) pair examined costs one unit of a budget the
//! caller owns for a whole path ([`MAX_NAME_CONSTRAINT_COMPARISONS`]).

use std::fmt::{self, Write as _};

use crate::names::{self, Presented};

/// Budget of (name, constraint) comparisons for one path validation.
///
/// rustls-webpki stops at 250,000 (pyca/cryptography at 2^20). A real CA with a few hundred
/// constraints over a certificate with a few hundred names stays well below; the x509-limbo
/// `pathological::nc-dos-*` chains (4,096 subtrees times 2,048 or more names, over 8
/// million pairs) exhaust it within milliseconds and are rejected.
pub const MAX_NAME_CONSTRAINT_COMPARISONS: usize = 250_000;

/// Most RDNs read from one distinguished name.
///
/// A real subject has fewer than 20 RDNs; the bound keeps one directoryName comparison
/// cheap even when a hostile certificate packs thousands of RDNs into its subject
/// (x509-limbo `pathological::nc-dos-3`). A longer name is treated as malformed.
pub const MAX_DN_RDNS: usize = 256;

/// A name from a subjectAltName or from a name constraint subtree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum GeneralName {
    /// dNSName.
    Dns(String),
    /// iPAddress: 4 or 16 octets in a SAN; address then mask (8 or 32 octets) in a constraint.
    Ip(Vec<u8>),
    /// rfc822Name.
    Email(String),
    /// uniformResourceIdentifier.
    Uri(String),
    /// directoryName: the DER of the Name SEQUENCE.
    DirName(Vec<u8>),
    /// Any other form, described by its GeneralName type first, e.g.
    /// `"otherName 1.3.6.1.5.5.7.8.7"`, `"x400Address"`, `"ediPartyName"`,
    /// `"registeredID 1.2.3"`. Two `Other` names are of the same form when the first word
    /// is the same.
    Other(String),
    /// An entry that could not be decoded; the string says why.
    Invalid(String),
}

impl fmt::Display for GeneralName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeneralName::Dns(name) => write!(f, "DNS:{name}"),
            GeneralName::Ip(octets) => write!(f, "IP:{}", ip_subtree_to_string(octets)),
            GeneralName::Email(mailbox) => write!(f, "email:{mailbox}"),
            GeneralName::Uri(uri) => write!(f, "URI:{uri}"),
            GeneralName::DirName(der) => write!(f, "dirName:{}", dir_name_to_string(der)),
            GeneralName::Other(what) => f.write_str(what),
            GeneralName::Invalid(why) => write!(f, "invalid name ({why})"),
        }
    }
}

/// The nameConstraints extension of a CA certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameConstraints {
    /// permittedSubtrees, if present. For iPAddress subtrees, `Ip` holds address then mask.
    pub permitted: Option<Vec<GeneralName>>,
    /// excludedSubtrees, if present.
    pub excluded: Option<Vec<GeneralName>>,
}

/// The names of a certificate below a constrained CA.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// subjectAltName dNSName entries, as presented.
    pub dns: &'a [String],
    /// subjectAltName iPAddress entries, as presented (4 or 16 octets when well formed).
    pub ips: &'a [Vec<u8>],
    /// subjectAltName rfc822Name entries.
    pub emails: &'a [String],
    /// subjectAltName uniformResourceIdentifier entries.
    pub uris: &'a [String],
    /// DER of the subject Name; `None` (or a Name without RDNs) when the subject is empty.
    pub dir_name: Option<&'a [u8]>,
    /// Other subjectAltName entries (directoryName, otherName, ..., undecodable entries).
    pub others: &'a [GeneralName],
    /// Subject commonName values. Not checked; see [`check`].
    pub subject_cn: &'a [String],
    /// emailAddress attributes of the subject DN.
    pub subject_emails: &'a [String],
}

/// Why a certificate's names break a CA's name constraints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Violation {
    /// The name lies in (or, for a wildcard, may stand for a name in) an excluded subtree.
    Excluded { name: String, constraint: String },
    /// There are permitted subtrees of this name's form and the name is in none of them.
    NotPermitted { name: String, kind: &'static str },
    /// A constraint is malformed, or a name is too malformed to be checked against one.
    Malformed { constraint: String, why: String },
    /// A constraint of a form this module does not evaluate applies to a name of that form.
    Unsupported { constraint: String },
    /// The comparison budget ran out; the path is rejected.
    BudgetExhausted,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Excluded { name, constraint } => {
                write!(
                    f,
                    "the name \"{name}\" is excluded by the constraint \"{constraint}\""
                )
            }
            Violation::NotPermitted { name, kind } => write!(
                f,
                "the name \"{name}\" is outside every permitted {kind} subtree"
            ),
            Violation::Malformed { constraint, why } => {
                write!(
                    f,
                    "the constraint \"{constraint}\" cannot be applied: {why}"
                )
            }
            Violation::Unsupported { constraint } => write!(
                f,
                "the constraint \"{constraint}\" is of a form that is not evaluated, and a name of that form is present"
            ),
            Violation::BudgetExhausted => f.write_str(
                "too many name constraint comparisons; the chain is rejected to bound the work",
            ),
        }
    }
}

impl std::error::Error for Violation {}

/// Checks that a subordinate certificate's names satisfy a CA's name constraints.
///
/// Applies RFC 5280 4.2.1.10:
/// - Every name must lie outside all excluded subtrees of its form.
/// - If permitted subtrees of a form exist, every name of that form must lie in one of them;
///   forms without permitted subtrees are unconstrained
///   (limbo rfc5280::nc::permitted-different-constraint-type).
/// - dNSName: a constraint `example.com` covers `example.com` and every name below it, by
///   whole labels. A wildcard SAN `*.example.com` is permitted only if every name it can
///   stand for is (the constraint covers `example.com`), and excluded if any name it can
///   stand for is (limbo cve::cve-2025-61727, cve-2025-61727-nc-permits-variant,
///   webpki::nc::nc-permits-dns-san-pattern).
/// - iPAddress: the name's address under the constraint's mask; IPv4 names never match IPv6
///   subtrees and vice versa.
/// - rfc822Name: a mailbox (`a@example.com`, exact; `*` is a literal), a host
///   (`example.com`, any mailbox on it) or a domain (`.example.com`, any mailbox on a host
///   below it). The subject's emailAddress attributes are checked only when the
///   certificate has no subjectAltName names at all (RFC 5280 4.2.1.10).
/// - uniformResourceIdentifier: the URI's host, against a host (exact) or `.domain`
///   (anything below it). A URI without a DNS host name cannot be checked and is rejected.
/// - directoryName: the constraint's RDNs must be a prefix of the name's RDNs; it applies to
///   the subject DN (when not empty) and to directoryName SANs. Values of the string types
///   compare case-insensitively after folding white space (a simplified RFC 4518).
/// - Any other form (otherName, x400Address, ediPartyName, registeredID): if a constraint of
///   that form meets a name of that form, the result is [`Violation::Unsupported`]; a
///   constraint with no name of its form does nothing
///   (limbo rfc5280::nc::nc-forbids-othername, nc-forbids-othername-noop).
/// - A name that is malformed for its form, checked against a constraint of that form,
///   fails (limbo rfc5280::nc::nc-permits-invalid-dns-san, -ip-san, -email-san).
///
/// The subject commonName is not checked against dNSName constraints even when it looks
/// like a host name, as in rustls-webpki and pyca/cryptography (Go did so for certificates
/// without SANs). Modern validators never match a host against the commonName, so a
/// commonName cannot widen what a certificate is valid for. Checking it would also reject
/// limbo rfc5280::nc::nc-forbids-alternate-chain-ica, whose SAN-less intermediate has the
/// commonName "an-intermediate" under a CA that permits only example.com.
///
/// The constraints themselves are checked first ([`validate_constraints`]). Each (name,
/// constraint) pair costs one unit of `budget`; at zero the result is
/// [`Violation::BudgetExhausted`]. The caller starts from [`MAX_NAME_CONSTRAINT_COMPARISONS`]
/// and shares the budget across a whole path.
///
/// # Errors
///
/// The first [`Violation`] found: a malformed constraint, an excluded or not permitted
/// name, an unsupported constraint form in use, or an exhausted budget.
pub fn check(
    nc: &NameConstraints,
    subject: &Subject<'_>,
    budget: &mut usize,
) -> Result<(), Violation> {
    validate_constraints(nc)?;
    let permitted = nc.permitted.as_deref().unwrap_or_default();
    let excluded = nc.excluded.as_deref().unwrap_or_default();
    let mut checker = Checker {
        permitted,
        excluded,
        permitted_dirs: decode_dir_constraints(permitted),
        excluded_dirs: decode_dir_constraints(excluded),
        budget,
    };

    for dns in subject.dns {
        checker.check_name(Name::Dns(dns))?;
    }
    for ip in subject.ips {
        checker.check_name(Name::Ip(ip))?;
    }
    for email in subject.emails {
        checker.check_name(Name::Email(email))?;
    }
    for uri in subject.uris {
        checker.check_name(Name::Uri(uri))?;
    }
    for other in subject.others {
        checker.check_name(Name::from_general(other))?;
    }
    // RFC 5280 4.2.1.10: directoryName constraints apply to the subject field when it is
    // not empty.
    if let Some(der) = subject
        .dir_name
        .filter(|der| !der.is_empty() && !is_empty_name(der))
    {
        checker.check_name(Name::Dir(der))?;
    }
    // RFC 5280 4.2.1.10: "When constraints are imposed on the rfc822Name name form, but the
    // certificate does not include a subject alternative name, the rfc822Name constraint
    // MUST be applied to the attribute of type emailAddress in the subject distinguished
    // name." No SAN entries at all is taken as no subjectAltName.
    let has_san = !(subject.dns.is_empty()
        && subject.ips.is_empty()
        && subject.emails.is_empty()
        && subject.uris.is_empty()
        && subject.others.is_empty());
    if !has_san {
        for email in subject.subject_emails {
            checker.check_name(Name::Email(email))?;
        }
    }
    Ok(())
}

/// Checks the syntax of the constraints themselves.
///
/// - At least one of permittedSubtrees and excludedSubtrees is present, and a present one
///   is not empty (RFC 5280 4.2.1.10: "either the permittedSubtrees field or the
///   excludedSubtrees MUST be present"; `GeneralSubtrees ::= SEQUENCE SIZE (1..MAX)`;
///   CA/B BR 7.1.2.5.2; limbo webpki::nc::intermediate-permitted-excluded-subtrees-both-*).
/// - dNSName: a host name in preferred name syntax; no leading dot, no wildcard, not empty
///   (RFC 5280 4.2.1.10 "host.example.com"; limbo rfc5280::nc::invalid-dnsname-leading-period,
///   invalid-dnsname-wildcard, matching pyca/cryptography).
/// - iPAddress: 8 or 16+16 octets, the mask one run of 1-bits from the top (RFC 5280
///   4.2.1.10, RFC 4632 CIDR; limbo rfc5280::nc::invalid-ipv4-address, invalid-ipv6-address).
/// - rfc822Name: a mailbox, a host, or `.` and a domain (limbo rfc5280::nc::invalid-email-address).
/// - uniformResourceIdentifier: a host, or `.` and a domain (RFC 5280 4.2.1.10).
/// - directoryName: a decodable DER Name.
/// - Other forms are accepted here; they only fail when a name of their form is present.
///
/// # Errors
///
/// [`Violation::Malformed`] for the first malformed subtree list or constraint.
pub fn validate_constraints(nc: &NameConstraints) -> Result<(), Violation> {
    if nc.permitted.is_none() && nc.excluded.is_none() {
        return Err(Violation::Malformed {
            constraint: "nameConstraints".to_owned(),
            why: "neither permittedSubtrees nor excludedSubtrees is present (RFC 5280 4.2.1.10)"
                .to_owned(),
        });
    }
    for (label, subtrees) in [
        ("permittedSubtrees", &nc.permitted),
        ("excludedSubtrees", &nc.excluded),
    ] {
        let Some(subtrees) = subtrees else { continue };
        if subtrees.is_empty() {
            return Err(Violation::Malformed {
                constraint: label.to_owned(),
                why: format!("{label} is present but empty (RFC 5280 4.2.1.10: SIZE (1..MAX))"),
            });
        }
        for constraint in subtrees {
            parse_constraint(constraint)?;
        }
    }
    Ok(())
}

/// Formats an iPAddress subtree (`192.0.2.0/24`) or, for 4 or 16 octets, an address.
///
/// A mask that is not one run of 1-bits is shown in full (`192.0.2.0/255.0.255.0`);
/// other lengths as hex.
#[must_use]
pub fn ip_subtree_to_string(octets: &[u8]) -> String {
    let half = match octets.len() {
        8 => 4,
        32 => 16,
        _ => return names::ip_to_string(octets),
    };
    let (Some(addr), Some(mask)) = (octets.get(..half), octets.get(half..)) else {
        return names::ip_to_string(octets);
    };
    match prefix_len(mask) {
        Some(bits) => format!("{}/{bits}", names::ip_to_string(addr)),
        None => format!(
            "{}/{}",
            names::ip_to_string(addr),
            names::ip_to_string(mask)
        ),
    }
}

/// Formats a DER distinguished name for messages, most significant RDN first
/// (`C=US, O=Example, CN=Example CA`). Unknown attributes show their OID; values that are
/// not strings show as `#` and hex.
#[must_use]
pub fn dir_name_to_string(der: &[u8]) -> String {
    let Some(rdns) = parse_name(der) else {
        return format!("(malformed name, {} bytes)", der.len());
    };
    let parts: Vec<String> = rdns
        .iter()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| {
                    format!(
                        "{}={}",
                        attribute_label(atv.oid),
                        value_to_display(atv.tag, atv.value)
                    )
                })
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    parts.join(", ")
}

// ---------------------------------------------------------------------------------------
// Evaluation

/// A name of the subordinate certificate, borrowed.
#[derive(Clone, Copy)]
enum Name<'a> {
    Dns(&'a str),
    Ip(&'a [u8]),
    Email(&'a str),
    Uri(&'a str),
    Dir(&'a [u8]),
    Other(&'a str),
    Invalid(&'a str),
}

impl<'a> Name<'a> {
    fn from_general(general: &'a GeneralName) -> Self {
        match general {
            GeneralName::Dns(s) => Name::Dns(s),
            GeneralName::Ip(o) => Name::Ip(o),
            GeneralName::Email(s) => Name::Email(s),
            GeneralName::Uri(s) => Name::Uri(s),
            GeneralName::DirName(d) => Name::Dir(d),
            GeneralName::Other(s) => Name::Other(s),
            GeneralName::Invalid(s) => Name::Invalid(s),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Name::Dns(_) => "dns",
            Name::Ip(_) => "ip",
            Name::Email(_) => "email",
            Name::Uri(_) => "uri",
            Name::Dir(_) => "dir_name",
            Name::Other(_) | Name::Invalid(_) => "other",
        }
    }

    fn describe(&self) -> String {
        match self {
            Name::Dns(s) => format!("DNS:{s}"),
            Name::Ip(o) => format!("IP:{}", names::ip_to_string(o)),
            Name::Email(s) => format!("email:{s}"),
            Name::Uri(s) => format!("URI:{s}"),
            Name::Dir(d) => format!("dirName:{}", dir_name_to_string(d)),
            Name::Other(s) => (*s).to_owned(),
            Name::Invalid(why) => format!("invalid name ({why})"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Subtrees {
    Permitted,
    Excluded,
}

/// The outcome of one (name, constraint) comparison.
enum Relation {
    /// The constraint is of another form; it says nothing about this name.
    OtherForm,
    /// Same form; inside the subtree (for a wildcard: in the sense of `Subtrees`).
    Inside,
    /// Same form; outside the subtree.
    Outside,
    /// Same form, but the name cannot be evaluated; the string says why.
    BadName(String),
    /// Same form, but the form is not evaluated.
    Unsupported,
}

type Rdns<'a> = Vec<Vec<Atv<'a>>>;

struct Checker<'c, 'b> {
    permitted: &'c [GeneralName],
    excluded: &'c [GeneralName],
    /// directoryName constraints decoded once, by index into `permitted`.
    permitted_dirs: Vec<Option<Rdns<'c>>>,
    /// directoryName constraints decoded once, by index into `excluded`.
    excluded_dirs: Vec<Option<Rdns<'c>>>,
    budget: &'b mut usize,
}

fn decode_dir_constraints(subtrees: &[GeneralName]) -> Vec<Option<Rdns<'_>>> {
    subtrees
        .iter()
        .map(|c| match c {
            GeneralName::DirName(der) => parse_name(der),
            _ => None,
        })
        .collect()
}

impl Checker<'_, '_> {
    fn spend(&mut self) -> Result<(), Violation> {
        *self.budget = self
            .budget
            .checked_sub(1)
            .ok_or(Violation::BudgetExhausted)?;
        Ok(())
    }

    fn check_name(&mut self, name: Name<'_>) -> Result<(), Violation> {
        // A distinguished name is decoded once, not once per constraint.
        let name_rdns = match name {
            Name::Dir(der) => parse_name(der),
            _ => None,
        };
        let name_rdns = name_rdns.as_deref();

        // Excluded first: it is the more specific report when both apply.
        let excluded = self.excluded;
        for (index, constraint) in excluded.iter().enumerate() {
            self.spend()?;
            let base_rdns = self.excluded_dirs.get(index).and_then(Option::as_deref);
            match relate(Subtrees::Excluded, constraint, base_rdns, name, name_rdns) {
                Relation::OtherForm | Relation::Outside => {}
                Relation::Inside => {
                    return Err(Violation::Excluded {
                        name: name.describe(),
                        constraint: constraint.to_string(),
                    });
                }
                Relation::BadName(why) => {
                    return Err(Violation::Malformed {
                        constraint: constraint.to_string(),
                        why,
                    });
                }
                Relation::Unsupported => {
                    return Err(Violation::Unsupported {
                        constraint: constraint.to_string(),
                    });
                }
            }
        }

        let permitted = self.permitted;
        let mut same_form_seen = false;
        for (index, constraint) in permitted.iter().enumerate() {
            self.spend()?;
            let base_rdns = self.permitted_dirs.get(index).and_then(Option::as_deref);
            match relate(Subtrees::Permitted, constraint, base_rdns, name, name_rdns) {
                Relation::OtherForm => {}
                Relation::Inside => return Ok(()),
                Relation::Outside => same_form_seen = true,
                Relation::BadName(why) => {
                    return Err(Violation::Malformed {
                        constraint: constraint.to_string(),
                        why,
                    });
                }
                Relation::Unsupported => {
                    return Err(Violation::Unsupported {
                        constraint: constraint.to_string(),
                    });
                }
            }
        }
        if same_form_seen {
            // RFC 5280 4.2.1.10: a name of a form with permitted subtrees must be in one.
            return Err(Violation::NotPermitted {
                name: name.describe(),
                kind: name.kind(),
            });
        }
        Ok(())
    }
}

/// Compares one name with one (already validated) constraint.
///
/// `base_rdns` and `name_rdns` are the decoded RDNs when the constraint or the name is a
/// directoryName (`None` if it is not, or did not decode).
fn relate(
    subtrees: Subtrees,
    constraint: &GeneralName,
    base_rdns: Option<&[Vec<Atv<'_>>]>,
    name: Name<'_>,
    name_rdns: Option<&[Vec<Atv<'_>>]>,
) -> Relation {
    match (constraint, name) {
        (GeneralName::Dns(base), Name::Dns(presented)) => relate_dns(subtrees, base, presented),
        (GeneralName::Ip(subtree), Name::Ip(address)) => relate_ip(subtree, address),
        (GeneralName::Email(base), Name::Email(mailbox)) => relate_email(base, mailbox),
        (GeneralName::Uri(base), Name::Uri(uri)) => relate_uri(base, uri),
        (GeneralName::DirName(_), Name::Dir(dn)) => relate_dir(base_rdns, dn, name_rdns),
        (GeneralName::Other(base), Name::Other(other)) => {
            if first_word(base).eq_ignore_ascii_case(first_word(other)) {
                // RFC 5280 4.2.1.10: "the application MUST either process the constraint
                // or reject the certificate"; rustls-webpki rejects regardless of
                // criticality, because CA/B allows a non-critical extension.
                Relation::Unsupported
            } else {
                Relation::OtherForm
            }
        }
        // An undecodable SAN entry cannot be shown to be inside or outside anything.
        (_, Name::Invalid(why)) => Relation::BadName(format!(
            "a subjectAltName entry could not be decoded: {why}"
        )),
        _ => Relation::OtherForm,
    }
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or_default()
}

// --- dNSName ---------------------------------------------------------------------------

/// True if `name` is `base` or below it, by whole labels, ignoring ASCII case.
/// RFC 5280 4.2.1.10: "Any DNS name that can be constructed by simply adding zero or more
/// labels to the left-hand side of the name satisfies the name constraint."
fn dns_within(name: &str, base: &str) -> bool {
    name.eq_ignore_ascii_case(base) || names::is_strict_subdomain(name, base)
}

fn relate_dns(subtrees: Subtrees, base: &str, presented: &str) -> Relation {
    let inside = match names::parse_presented(presented) {
        Some(Presented::Exact(name)) => dns_within(name, base),
        Some(Presented::Wildcard(wild_base)) => match subtrees {
            // Permitted only if every name `*.wild_base` stands for is inside: exactly when
            // `wild_base` itself is inside (limbo cve::cve-2025-61727-nc-permits-variant:
            // permit foo.example.com does not permit *.example.com).
            Subtrees::Permitted => dns_within(wild_base, base),
            // Excluded if any name it stands for is inside: `wild_base` is inside, or the
            // constraint is one label below `wild_base` (limbo cve::cve-2025-61727,
            // rfc5280::nc::nc-forbids-dnsname-wildcard-san: exclude bar.example.com
            // excludes *.example.com).
            Subtrees::Excluded => {
                dns_within(wild_base, base)
                    || base
                        .split_once('.')
                        .is_some_and(|(_, parent)| parent.eq_ignore_ascii_case(wild_base))
            }
        },
        None => {
            return Relation::BadName(format!(
                "the dNSName \"{presented}\" is malformed ({:?})",
                names::check_dns_san_syntax(presented)
            ));
        }
    };
    if inside {
        Relation::Inside
    } else {
        Relation::Outside
    }
}

/// Preferred name syntax as pyca/cryptography's `DNSName` (RFC 1034 3.5, RFC 1123 2.1):
/// used for constraints and for the host part of e-mail names and constraints.
fn is_plain_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= names::MAX_DNS_NAME_LEN
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= names::MAX_LABEL_LEN
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

// --- iPAddress -------------------------------------------------------------------------

/// The prefix length of a CIDR mask, or `None` if the 1-bits are not one leading run.
fn prefix_len(mask: &[u8]) -> Option<u32> {
    let mut bits: u32 = 0;
    let mut ended = false;
    for &byte in mask {
        if ended {
            if byte != 0 {
                return None;
            }
            continue;
        }
        let ones = byte.leading_ones();
        if byte.checked_shl(ones).unwrap_or(0) != 0 {
            // A 1-bit after a 0-bit within this byte.
            return None;
        }
        bits = bits.saturating_add(ones);
        if ones < 8 {
            ended = true;
        }
    }
    Some(bits)
}

fn relate_ip(subtree: &[u8], address: &[u8]) -> Relation {
    let half = subtree.len() / 2;
    if address.len() != 4 && address.len() != 16 {
        return Relation::BadName(format!(
            "the iPAddress {} is {} octets long, not 4 or 16 (RFC 5280 4.2.1.6)",
            names::ip_to_string(address),
            address.len()
        ));
    }
    // Family matching: an IPv4 name is never inside an IPv6 subtree or the reverse.
    if address.len() != half {
        return Relation::Outside;
    }
    let (Some(net), Some(mask)) = (subtree.get(..half), subtree.get(half..)) else {
        return Relation::Outside;
    };
    // RFC 5280 4.2.1.10: the address is inside if it agrees with the subtree under the mask.
    let inside = address
        .iter()
        .zip(net)
        .zip(mask)
        .all(|((a, n), m)| (a & m) == (n & m));
    if inside {
        Relation::Inside
    } else {
        Relation::Outside
    }
}

// --- rfc822Name ------------------------------------------------------------------------

/// RFC 2822 3.2.4 `atext` besides letters and digits.
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

/// Splits a mailbox `local@host` (RFC 2821 4.1.2 `Mailbox`, dot-string local part only,
/// as pyca/cryptography); `None` if malformed.
fn parse_mailbox(s: &str) -> Option<(&str, &str)> {
    let (local, host) = s.split_once('@')?;
    let local_ok = local.split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(c))
    });
    (local_ok && is_plain_dns_name(host)).then_some((local, host))
}

enum EmailConstraint<'a> {
    /// A particular mailbox.
    Mailbox(&'a str, &'a str),
    /// Any mailbox on this host.
    Host(&'a str),
    /// Any mailbox on a host below this domain.
    Domain(&'a str),
}

fn parse_email_constraint(s: &str) -> Option<EmailConstraint<'_>> {
    if let Some(domain) = s.strip_prefix('.') {
        return is_plain_dns_name(domain).then_some(EmailConstraint::Domain(domain));
    }
    if let Some((local, host)) = parse_mailbox(s) {
        return Some(EmailConstraint::Mailbox(local, host));
    }
    is_plain_dns_name(s).then_some(EmailConstraint::Host(s))
}

fn relate_email(base: &str, mailbox: &str) -> Relation {
    let Some((local, host)) = parse_mailbox(mailbox) else {
        return Relation::BadName(format!(
            "the rfc822Name \"{mailbox}\" is not a valid mailbox"
        ));
    };
    let inside = match parse_email_constraint(base) {
        // RFC 5280 4.2.1.10 and 7.5: the local part is compared exactly ('*' is a literal;
        // limbo rfc5280::nc::nc-permits-email-literal-*), the host ignoring case.
        Some(EmailConstraint::Mailbox(c_local, c_host)) => {
            local == c_local && host.eq_ignore_ascii_case(c_host)
        }
        Some(EmailConstraint::Host(c_host)) => host.eq_ignore_ascii_case(c_host),
        Some(EmailConstraint::Domain(c_domain)) => names::is_strict_subdomain(host, c_domain),
        None => false,
    };
    if inside {
        Relation::Inside
    } else {
        Relation::Outside
    }
}

// --- uniformResourceIdentifier ---------------------------------------------------------

/// The host of `scheme://[userinfo@]host[:port][/...]`, if it is a DNS name.
fn uri_host(uri: &str) -> Option<&str> {
    let (scheme, rest) = uri.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    // RFC 5280 4.2.1.10: the host must be a fully qualified domain name, not an address.
    if host.parse::<std::net::Ipv4Addr>().is_ok() || !is_plain_dns_name(host) {
        return None;
    }
    Some(host)
}

fn relate_uri(base: &str, uri: &str) -> Relation {
    let Some(host) = uri_host(uri) else {
        // RFC 5280 4.2.1.10: "If a constraint is to be applied to a URI, and the URI does
        // not include an authority component with a host name specified as a fully
        // qualified domain name, then the application MUST reject the certificate."
        return Relation::BadName(format!(
            "the URI \"{uri}\" has no host name (RFC 5280 4.2.1.10 requires rejecting it)"
        ));
    };
    // RFC 5280 4.2.1.10: ".example.com" is any host below it; "host.example.com" is
    // exactly that host, not its subdomains.
    let inside = match base.strip_prefix('.') {
        Some(domain) => names::is_strict_subdomain(host, domain),
        None => host.eq_ignore_ascii_case(base),
    };
    if inside {
        Relation::Inside
    } else {
        Relation::Outside
    }
}

// --- directoryName ---------------------------------------------------------------------

fn relate_dir(
    base_rdns: Option<&[Vec<Atv<'_>>]>,
    dn: &[u8],
    name_rdns: Option<&[Vec<Atv<'_>>]>,
) -> Relation {
    let Some(name_rdns) = name_rdns else {
        return Relation::BadName(format!(
            "the distinguished name ({} bytes) could not be decoded or has more than {MAX_DN_RDNS} RDNs",
            dn.len()
        ));
    };
    // Constraints were validated before; an undecodable one cannot contain anything.
    let Some(base_rdns) = base_rdns else {
        return Relation::Outside;
    };
    // RFC 5280 4.2.1.10 and 7.1: the name is inside when the constraint's RDNs are its
    // leading RDNs.
    let inside = base_rdns.len() <= name_rdns.len()
        && base_rdns
            .iter()
            .zip(name_rdns)
            .all(|(b, n)| rdn_equal(b, n));
    if inside {
        Relation::Inside
    } else {
        Relation::Outside
    }
}

struct Atv<'a> {
    oid: &'a [u8],
    tag: u8,
    value: &'a [u8],
    /// The value case- and space-folded, for the string types.
    folded: Option<String>,
}

/// DER universal tags used here (X.690 8.1.2).
const TAG_OID: u8 = 0x06;
const TAG_UTF8_STRING: u8 = 0x0c;
const TAG_PRINTABLE_STRING: u8 = 0x13;
const TAG_IA5_STRING: u8 = 0x16;
const TAG_BMP_STRING: u8 = 0x1e;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_SET: u8 = 0x31;

/// Reads one DER TLV: (tag, contents, rest). Single-byte tags and definite lengths of up
/// to four octets only (X.690 8.1.3); enough for certificate names.
fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let bytes = rest.get(..count)?;
        let len = bytes.iter().try_fold(0usize, |acc, &b| {
            acc.checked_mul(256)?.checked_add(usize::from(b))
        })?;
        (len, rest.get(count..)?)
    };
    let contents = rest.get(..len)?;
    let after = rest.get(len..)?;
    Some((tag, contents, after))
}

/// Parses a DER Name into RDNs of attribute type-and-values; `None` if malformed or if it
/// has more than [`MAX_DN_RDNS`] RDNs.
fn parse_name(der: &[u8]) -> Option<Vec<Vec<Atv<'_>>>> {
    let (tag, mut rdns_der, rest) = read_tlv(der)?;
    if tag != TAG_SEQUENCE || !rest.is_empty() {
        return None;
    }
    let mut rdns = Vec::new();
    while !rdns_der.is_empty() {
        if rdns.len() >= MAX_DN_RDNS {
            return None;
        }
        let (set_tag, mut set, after) = read_tlv(rdns_der)?;
        if set_tag != TAG_SET || set.is_empty() {
            return None;
        }
        let mut atvs = Vec::new();
        while !set.is_empty() {
            let (seq_tag, atv_der, after_atv) = read_tlv(set)?;
            if seq_tag != TAG_SEQUENCE {
                return None;
            }
            let (oid_tag, oid, value_der) = read_tlv(atv_der)?;
            let (value_tag, value, end) = read_tlv(value_der)?;
            if oid_tag != TAG_OID || !end.is_empty() {
                return None;
            }
            atvs.push(Atv {
                oid,
                tag: value_tag,
                value,
                folded: decode_string(value_tag, value).map(|v| fold(&v)),
            });
            set = after_atv;
        }
        rdns.push(atvs);
        rdns_der = after;
    }
    Some(rdns)
}

fn is_empty_name(der: &[u8]) -> bool {
    matches!(read_tlv(der), Some((TAG_SEQUENCE, contents, _)) if contents.is_empty())
}

/// RDNs are equal when they hold the same attributes, in any order (RFC 5280 7.1).
fn rdn_equal(a: &[Atv<'_>], b: &[Atv<'_>]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| atv_equal(x, y)))
}

fn atv_equal(a: &Atv<'_>, b: &Atv<'_>) -> bool {
    if a.oid != b.oid {
        return false;
    }
    match (&a.folded, &b.folded) {
        // NOTE: RFC 5280 7.1 asks for RFC 4518 string preparation; we fold case and white
        // space only, which covers the names CAs actually issue.
        (Some(x), Some(y)) => x == y,
        _ => a.tag == b.tag && a.value == b.value,
    }
}

fn decode_string(tag: u8, value: &[u8]) -> Option<String> {
    match tag {
        TAG_UTF8_STRING | TAG_PRINTABLE_STRING | TAG_IA5_STRING => {
            std::str::from_utf8(value).ok().map(str::to_owned)
        }
        TAG_BMP_STRING => {
            if !value.len().is_multiple_of(2) {
                return None;
            }
            let units = value.chunks_exact(2).map(|c| match c {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0,
            });
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
        }
        _ => None,
    }
}

/// Case-folds and collapses runs of white space, trimming the ends.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn attribute_label(oid: &[u8]) -> String {
    match oid {
        [0x55, 0x04, 0x03] => "CN".to_owned(),
        [0x55, 0x04, 0x05] => "serialNumber".to_owned(),
        [0x55, 0x04, 0x06] => "C".to_owned(),
        [0x55, 0x04, 0x07] => "L".to_owned(),
        [0x55, 0x04, 0x08] => "ST".to_owned(),
        [0x55, 0x04, 0x0a] => "O".to_owned(),
        [0x55, 0x04, 0x0b] => "OU".to_owned(),
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01] => "emailAddress".to_owned(),
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19] => "DC".to_owned(),
        _ => oid_to_string(oid),
    }
}

fn oid_to_string(oid: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut current: u64 = 0;
    for &b in oid {
        current = match current
            .checked_mul(128)
            .and_then(|c| c.checked_add(u64::from(b & 0x7f)))
        {
            Some(c) => c,
            None => return "(oid)".to_owned(),
        };
        if b & 0x80 == 0 {
            arcs.push(current);
            current = 0;
        }
    }
    let mut parts = Vec::with_capacity(arcs.len().saturating_add(1));
    if let Some((&first, rest)) = arcs.split_first() {
        let (a, b) = match first {
            0..=39 => (0, first),
            40..=79 => (1, first.saturating_sub(40)),
            _ => (2, first.saturating_sub(80)),
        };
        parts.push(a.to_string());
        parts.push(b.to_string());
        parts.extend(rest.iter().map(u64::to_string));
    }
    parts.join(".")
}

fn value_to_display(tag: u8, value: &[u8]) -> String {
    match decode_string(tag, value) {
        Some(s) => s
            .chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect(),
        None => value.iter().fold(String::from("#"), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        }),
    }
}

// --- constraint syntax -----------------------------------------------------------------

fn parse_constraint(constraint: &GeneralName) -> Result<(), Violation> {
    let malformed = |why: String| Violation::Malformed {
        constraint: constraint.to_string(),
        why,
    };
    match constraint {
        GeneralName::Dns(base) => {
            if base.starts_with('.') {
                // RFC 5280 4.2.1.10 allows a leading period for URI and e-mail constraints
                // only (limbo rfc5280::nc::invalid-dnsname-leading-period; pyca/cryptography
                // rejects it, rustls-webpki and OpenSSL accept it).
                return Err(malformed(
                    "a dNSName constraint may not start with '.' (RFC 5280 4.2.1.10)".to_owned(),
                ));
            }
            if base.contains('*') {
                // limbo rfc5280::nc::invalid-dnsname-wildcard.
                return Err(malformed(
                    "a dNSName constraint may not contain a wildcard (RFC 5280 4.2.1.10)".to_owned(),
                ));
            }
            if !is_plain_dns_name(base) {
                return Err(malformed(
                    "a dNSName constraint must be a host name in preferred name syntax (RFC 5280 4.2.1.10)"
                        .to_owned(),
                ));
            }
            Ok(())
        }
        GeneralName::Ip(octets) => {
            let half = match octets.len() {
                8 => 4,
                32 => 16,
                n => {
                    return Err(malformed(format!(
                        "an iPAddress constraint is an address and a mask, 8 or 32 octets, not {n} (RFC 5280 4.2.1.10)"
                    )));
                }
            };
            match octets.get(half..).and_then(prefix_len) {
                Some(_) => Ok(()),
                None => Err(malformed(
                    "the mask is not a CIDR prefix (RFC 5280 4.2.1.10, RFC 4632)".to_owned(),
                )),
            }
        }
        GeneralName::Email(base) => match parse_email_constraint(base) {
            Some(_) => Ok(()),
            None => Err(malformed(
                "an rfc822Name constraint must be a mailbox, a host, or '.' and a domain (RFC 5280 4.2.1.10)"
                    .to_owned(),
            )),
        },
        GeneralName::Uri(base) => {
            if is_plain_dns_name(base.strip_prefix('.').unwrap_or(base)) {
                Ok(())
            } else {
                Err(malformed(
                    "a URI constraint must be a host, or '.' and a domain (RFC 5280 4.2.1.10)".to_owned(),
                ))
            }
        }
        GeneralName::DirName(der) => match parse_name(der) {
            Some(_) => Ok(()),
            None => Err(malformed("the directoryName could not be decoded".to_owned())),
        },
        GeneralName::Other(_) => Ok(()),
        GeneralName::Invalid(why) => Err(malformed(format!("the constraint could not be decoded: {why}"))),
    }
}
