//! Host names: what the user typed, what a certificate presents, and whether they match.
//!
//! The reference name (what the user typed into the mail app) is normalised once by
//! [`parse_host`]. Presented names come from a certificate's subjectAltName and are
//! hostile input: every function here takes them as they are and never panics.
//!
//! Matching follows RFC 6125 section 6.4 as narrowed by the CA/Browser Forum Baseline
//! Requirements and by what modern validators (rustls-webpki, pyca/cryptography) accept.
//! The subject Common Name is never used for matching (RFC 6125 6.4.4 allows it only as a
//! legacy fallback, and modern validators have dropped it); see [`cn_is_copy_of_san`] for
//! the separate CA/B rule about what a Common Name may contain.

use std::fmt::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Longest input [`parse_host`] looks at, in bytes.
///
/// Bounds the work done on pasted text. A URL with a long path or query still fits; a
/// host name itself can never be longer than [`MAX_DNS_NAME_LEN`].
pub const MAX_HOST_INPUT_LEN: usize = 4096;

/// Longest DNS name in text form, without the trailing dot.
///
/// RFC 1035 2.3.4 limits a name to 255 octets on the wire; the length octets of the
/// first label and of the root label leave 253 characters of dotted text.
pub const MAX_DNS_NAME_LEN: usize = 253;

/// Longest DNS label.
///
/// RFC 1035 2.3.4: "labels 63 octets or less".
pub const MAX_LABEL_LEN: usize = 63;

/// Largest TCP port number a user may append to a host (`host:993`).
///
/// Ports are 16-bit numbers (RFC 793 3.1).
pub const MAX_PORT: u32 = 65_535;

/// A host name a user typed, normalised for comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum HostName {
    /// A DNS name in lowercase A-label (ASCII) form, without a trailing dot.
    Dns(String),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostName::Dns(name) => f.write_str(name),
            // std's Display follows RFC 5952 for IPv6.
            HostName::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// Why a typed host name could not be used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum HostError {
    /// Nothing but white space was typed.
    Empty,
    /// The input or the resulting name is longer than the limits allow.
    TooLong,
    /// The text is not a usable DNS name; the string says why, quoting the input.
    InvalidDnsName(String),
    /// The text looks like an IP address but is not a valid one; the string says why.
    InvalidIp(String),
    /// An international (Unicode or `xn--`) name could not be converted to A-labels.
    Idna,
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Empty => f.write_str("no server name was given"),
            HostError::TooLong => write!(
                f,
                "the server name is too long (a name has at most {MAX_DNS_NAME_LEN} characters)"
            ),
            HostError::InvalidDnsName(why) => write!(f, "not a valid server name: {why}"),
            HostError::InvalidIp(why) => write!(f, "not a valid IP address: {why}"),
            HostError::Idna => f.write_str(
                "the international server name could not be converted to its ASCII (xn--) form",
            ),
        }
    }
}

impl std::error::Error for HostError {}

/// Parses what a user typed as the server name and normalises it for comparison.
///
/// Accepted forms, tried in this order:
/// - Surrounding white space is ignored.
/// - A pasted URL-like text is reduced to its host: `imaps://user@mail.example.com:993/INBOX`
///   gives `mail.example.com`. The scheme (`xxx://`) and user part (`user@`, only after a
///   scheme) are dropped, and everything from the first `/`, `?` or `#` is dropped.
/// - An IPv6 address may be written bare (`2001:db8::1`) or in brackets (`[2001:db8::1]`).
/// - A port may follow a DNS name, an IPv4 address or a bracketed IPv6 address
///   (`mail.example.com:993`, `192.0.2.1:993`, `[2001:db8::1]:993`); it is dropped.
///   A bare IPv6 address cannot carry a port, because its colons make it ambiguous.
/// - One trailing dot (`example.com.`) is dropped.
/// - IPv4 only in strict dotted-decimal form (RFC 3986 3.2.2): `192.0.2.1`. Forms that some
///   resolvers read as IPv4 (`0300.0.2.1`, `192.0.002.1`, `0xc0.0.2.1`, `3221225985`,
///   `192.0.513`) are rejected: they are not valid DNS names either, because a name whose
///   last label is numeric is read as an address (WHATWG URL host parsing, RFC 3696 2).
/// - Unicode names are converted to lowercase A-labels with UTS #46 (`Bücher.example` gives
///   `xn--bcher-kva.example`); `xn--` labels are checked to decode properly.
///
/// An e-mail address (`me@example.com`) is rejected with a hint, because a mail server's
/// name is usually not the e-mail domain.
///
/// # Errors
///
/// A [`HostError`] saying, in words for the user, why the text is not a usable host.
pub fn parse_host(input: &str) -> Result<HostName, HostError> {
    if input.len() > MAX_HOST_INPUT_LEN {
        return Err(HostError::TooLong);
    }
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(HostError::Empty);
    }

    // A pasted URL: drop the scheme, and after it any user part.
    let (had_scheme, rest) = match split_scheme(trimmed) {
        Some(after) => (true, after),
        None => (false, trimmed),
    };
    // '/', '?' and '#' end the authority part of a URL (RFC 3986 3.2) and never occur in
    // a host name, so everything from the first of them is dropped.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = if had_scheme {
        authority
            .rsplit_once('@')
            .map_or(authority, |(_user, host)| host)
    } else if authority.contains('@') {
        return Err(HostError::InvalidDnsName(format!(
            "\"{trimmed}\" looks like an e-mail address; type the mail server's name, such as \"imap.example.com\""
        )));
    } else {
        authority
    };
    let host_port = host_port.trim();
    if host_port.is_empty() {
        return Err(HostError::Empty);
    }

    // Bracketed IPv6, optionally with a port (RFC 3986 3.2.2 IP-literal).
    if let Some(inner) = host_port.strip_prefix('[') {
        let Some((addr, after)) = inner.split_once(']') else {
            return Err(HostError::InvalidIp(format!(
                "\"{host_port}\" has an opening '[' but no closing ']'"
            )));
        };
        if !after.is_empty() {
            let port = after.strip_prefix(':').unwrap_or(after);
            check_port(port, host_port)?;
        }
        return addr
            .parse::<Ipv6Addr>()
            .map(|a| HostName::Ip(IpAddr::V6(a)))
            .map_err(|_| {
                HostError::InvalidIp(format!(
                    "\"{addr}\" inside the brackets is not an IPv6 address"
                ))
            });
    }

    let colons = host_port.matches(':').count();
    let host = if colons >= 2 {
        // Bare IPv6 (RFC 4291 2.2). No port can be split off here.
        return host_port
            .parse::<Ipv6Addr>()
            .map(|a| HostName::Ip(IpAddr::V6(a)))
            .map_err(|_| {
                HostError::InvalidIp(format!(
                    "\"{host_port}\" is not an IPv6 address (to add a port, write it as [address]:port)"
                ))
            });
    } else if let Some((host, port)) = host_port.split_once(':') {
        check_port(port, host_port)?;
        host
    } else {
        host_port
    };

    parse_dns_or_ipv4(host)
}

/// Returns the text after `scheme://` if `s` starts with a URL scheme (RFC 3986 3.1).
fn split_scheme(s: &str) -> Option<&str> {
    let (scheme, rest) = s.split_once("://")?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(rest)
}

fn check_port(port: &str, whole: &str) -> Result<(), HostError> {
    let ok = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port
            .parse::<u32>()
            .is_ok_and(|p| (1..=MAX_PORT).contains(&p));
    if ok {
        Ok(())
    } else {
        Err(HostError::InvalidDnsName(format!(
            "the port \"{port}\" in \"{whole}\" is not a number from 1 to {MAX_PORT}"
        )))
    }
}

fn parse_dns_or_ipv4(host: &str) -> Result<HostName, HostError> {
    if host.is_empty() {
        return Err(HostError::Empty);
    }
    // One trailing dot marks an absolute name; it does not change which host is meant.
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return Err(HostError::InvalidDnsName(
            "\".\" is only the DNS root".to_owned(),
        ));
    }
    if let Some(ip) = strict_ipv4(host) {
        return Ok(HostName::Ip(IpAddr::V4(ip)));
    }
    let ascii_bad_char = host
        .chars()
        .find(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')));
    if let Some(bad) = ascii_bad_char {
        return Err(HostError::InvalidDnsName(format!(
            "\"{host}\" contains {}",
            describe_char(bad)
        )));
    }
    let ascii = to_ascii(host)?;
    let ascii = ascii.to_ascii_lowercase();

    // Unicode digits and full-width dots map to ASCII; the result may now be an address.
    if let Some(ip) = strict_ipv4(&ascii) {
        return Ok(HostName::Ip(IpAddr::V4(ip)));
    }
    check_reference_dns(&ascii)?;
    Ok(HostName::Dns(ascii))
}

/// UTS #46 ToASCII: maps case and compatibility forms, converts U-labels to A-labels and
/// checks that existing xn-- labels decode. Hyphen and length checks are done by the caller,
/// with our own messages. The URL deny list rejects spaces, '%', '<' and similar, but allows '_'.
#[cfg(feature = "idna")]
fn to_ascii(host: &str) -> Result<String, HostError> {
    idna::uts46::Uts46::new()
        .to_ascii(host.as_bytes(), idna::uts46::AsciiDenyList::URL, idna::uts46::Hyphens::Allow, idna::uts46::DnsLength::Ignore)
        .map(|a| a.into_owned())
        .map_err(|_| {
            if host.is_ascii() && !host.to_ascii_lowercase().contains("xn--") {
                HostError::InvalidDnsName(format!("\"{host}\" is not a valid DNS name"))
            } else {
                HostError::Idna
            }
        })
}

/// Without the `idna` feature (the wasm build, where the Unicode tables cost 46 KB of the
/// page), a Unicode name must arrive already in A-label form: the wasm layer converts it with
/// the browser's own URL parser, which implements the same UTS #46 mapping.
#[cfg(not(feature = "idna"))]
fn to_ascii(host: &str) -> Result<String, HostError> {
    if host.is_ascii() { Ok(host.to_string()) } else { Err(HostError::Idna) }
}

/// Parses strict dotted-decimal IPv4 (RFC 3986 3.2.2 `IPv4address`): four decimal numbers
/// without leading zeros. std's parser is exactly this strict.
fn strict_ipv4(s: &str) -> Option<Ipv4Addr> {
    s.parse::<Ipv4Addr>().ok()
}

/// True if `label` is what WHATWG URL host parsing reads as an IPv4 number: decimal digits,
/// or `0x` followed by hex digits.
fn is_numeric_label(label: &str) -> bool {
    if let Some(hex) = label
        .strip_prefix("0x")
        .or_else(|| label.strip_prefix("0X"))
    {
        return hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit())
}

/// Checks an ASCII, lowercased reference name (what the user means to reach).
fn check_reference_dns(name: &str) -> Result<(), HostError> {
    if name.len() > MAX_DNS_NAME_LEN {
        return Err(HostError::TooLong);
    }
    // WHATWG URL host parsing and RFC 3696 2: a name ending in a numeric label is an
    // IPv4 address (in some resolver's eyes), so it is not a DNS name; strict IPv4 was
    // already tried and failed.
    if name.rsplit('.').next().is_some_and(is_numeric_label) {
        return Err(HostError::InvalidIp(format!(
            "\"{name}\" ends in a number, so it would be read as an IPv4 address, but it is not \
             four decimal numbers from 0 to 255 without leading zeros (like 192.0.2.1)"
        )));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(HostError::InvalidDnsName(format!(
                "\"{name}\" has an empty label (two dots in a row, or a leading dot)"
            )));
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(HostError::InvalidDnsName(format!(
                "the label \"{label}\" is longer than {MAX_LABEL_LEN} characters"
            )));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(HostError::InvalidDnsName(format!(
                "the label \"{label}\" starts or ends with a hyphen"
            )));
        }
        // NOTE: RFC 952/1123 host names have no '_', and certificates may not carry it
        // (RFC 5280 4.2.1.6), but real internal hosts use it; we accept it here so the
        // report can explain why the certificate cannot match, instead of refusing input.
        if let Some(bad) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        {
            return Err(HostError::InvalidDnsName(format!(
                "\"{name}\" contains {}",
                describe_char(bad)
            )));
        }
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '*' => "'*' (a wildcard is not a server name)".to_owned(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("the character '{c}'"),
    }
}

/// How a presented dNSName relates to a reference host name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsMatch {
    /// The names are equal, ignoring ASCII case.
    Exact,
    /// `*.example.com` covers `mail.example.com`.
    Wildcard,
    /// `*.example.com` does not cover `a.b.example.com`: a wildcard stands for one label.
    WildcardTooDeep,
    /// `*.example.com` does not cover `example.com` itself.
    WildcardBareDomain,
    /// No relation.
    NoMatch,
}

impl DnsMatch {
    /// True for the two outcomes that mean the certificate is valid for the host.
    #[must_use]
    pub fn is_match(self) -> bool {
        matches!(self, DnsMatch::Exact | DnsMatch::Wildcard)
    }
}

/// Compares a presented subjectAltName dNSName with a normalised reference host name.
///
/// Rules:
/// - ASCII case is ignored (RFC 6125 6.4.1, RFC 4343).
/// - One trailing dot on either side is ignored.
/// - A wildcard is only the whole left-most label (`*.example.com`), stands for exactly one
///   label, and needs at least two labels after it. `f*.example.com`, `*oo.example.com`,
///   `foo.*.example.com`, `xn--*.example.com`, `*.com` and `*` never match (CA/B BR 1.6.1
///   "Wildcard Domain Name"; RFC 6125 6.4.3; webpki::san::wildcard-* in x509-limbo).
/// - A presented name that breaks the preferred name syntax never matches: non-ASCII
///   (U-labels must be A-labels, RFC 5280 7.2), `_`, empty or over-long labels, leading or
///   trailing hyphens ([`check_dns_san_syntax`]).
/// - IP addresses written as dNSNames never match; the caller compares IP hosts only with
///   iPAddress entries ([`match_ip`]).
#[must_use]
pub fn match_dns(presented: &str, host: &str) -> DnsMatch {
    let host = host.strip_suffix('.').unwrap_or(host);
    if !is_valid_reference_for_matching(host) {
        return DnsMatch::NoMatch;
    }
    // NOTE: a trailing dot in a presented name is not in the preferred name syntax
    // (RFC 5280 4.2.1.6) and rustls-webpki and pyca/cryptography refuse it; we ignore one
    // trailing dot here, because it names the same host. check_dns_san_syntax still reports it.
    let presented = presented.strip_suffix('.').unwrap_or(presented);
    match parse_presented(presented) {
        Some(Presented::Exact(name)) => {
            if name.eq_ignore_ascii_case(host) {
                DnsMatch::Exact
            } else {
                DnsMatch::NoMatch
            }
        }
        Some(Presented::Wildcard(base)) => {
            // RFC 6125 6.4.3: the wildcard matches exactly one left-most label.
            match host.split_once('.') {
                Some((_first, parent)) if parent.eq_ignore_ascii_case(base) => DnsMatch::Wildcard,
                _ if host.eq_ignore_ascii_case(base) => DnsMatch::WildcardBareDomain,
                _ if is_strict_subdomain(host, base) => DnsMatch::WildcardTooDeep,
                _ => DnsMatch::NoMatch,
            }
        }
        None => DnsMatch::NoMatch,
    }
}

/// A syntactically valid presented dNSName.
pub(crate) enum Presented<'a> {
    /// An ordinary name.
    Exact(&'a str),
    /// `*.` followed by this base name (at least two labels).
    Wildcard(&'a str),
}

/// Parses a presented dNSName (no trailing-dot leniency); `None` if it is malformed.
pub(crate) fn parse_presented(presented: &str) -> Option<Presented<'_>> {
    if check_dns_san_syntax(presented) != DnsNameSyntax::Ok {
        return None;
    }
    Some(match presented.strip_prefix("*.") {
        Some(base) => Presented::Wildcard(base),
        None => Presented::Exact(presented),
    })
}

/// True if `name` ends with `.parent`, compared by whole labels ignoring ASCII case.
pub(crate) fn is_strict_subdomain(name: &str, parent: &str) -> bool {
    if name.len() <= parent.len().saturating_add(1) {
        return false;
    }
    let split = name.len().saturating_sub(parent.len());
    match (name.get(..split), name.get(split..)) {
        (Some(prefix), Some(suffix)) => {
            prefix.ends_with('.') && suffix.eq_ignore_ascii_case(parent)
        }
        _ => false,
    }
}

fn is_valid_reference_for_matching(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= MAX_DNS_NAME_LEN
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= MAX_LABEL_LEN
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// What is wrong with a presented dNSName, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum DnsNameSyntax {
    /// Valid preferred name syntax, or a valid wildcard name.
    Ok,
    /// The empty string.
    Empty,
    /// A character outside letters, digits, '-', '.' (and '*' in a wildcard label).
    BadCharacter(char),
    /// Two dots in a row, a leading dot or a trailing dot.
    EmptyLabel,
    /// A label longer than [`MAX_LABEL_LEN`].
    LabelTooLong,
    /// Longer than [`MAX_DNS_NAME_LEN`].
    NameTooLong,
    /// A '*' anywhere but as the whole left-most label followed by two or more labels.
    BadWildcard,
    /// An IP address (or a name ending in a number) written as a dNSName.
    IpAddressAsDns,
    /// A label starting or ending with '-'.
    LeadingOrTrailingHyphen,
    /// A '_' in a label.
    Underscore,
}

impl fmt::Display for DnsNameSyntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DnsNameSyntax::Ok => write!(f, "valid"),
            DnsNameSyntax::Empty => write!(f, "empty name"),
            DnsNameSyntax::BadCharacter(c) => write!(f, "character {} is not allowed in a host name", c.escape_default()),
            DnsNameSyntax::EmptyLabel => write!(f, "empty label (two dots in a row, or a leading or trailing dot)"),
            DnsNameSyntax::LabelTooLong => write!(f, "a label is longer than {MAX_LABEL_LEN} characters"),
            DnsNameSyntax::NameTooLong => write!(f, "longer than {MAX_DNS_NAME_LEN} characters"),
            DnsNameSyntax::BadWildcard => write!(f, "the wildcard is not the whole left-most label of a name with two or more labels after it"),
            DnsNameSyntax::IpAddressAsDns => write!(f, "an IP address written as a DNS name"),
            DnsNameSyntax::LeadingOrTrailingHyphen => write!(f, "a label starts or ends with a hyphen"),
            DnsNameSyntax::Underscore => write!(f, "underscores are not allowed in host names"),
        }
    }
}

/// Checks a presented dNSName against the preferred name syntax.
///
/// RFC 5280 4.2.1.6 requires the preferred name syntax of RFC 1034 3.5 as amended by
/// RFC 1123 2.1: letters, digits and hyphens, labels of 1 to 63 characters not starting or
/// ending with a hyphen. Wildcards follow CA/B BR 1.6.1 ("Wildcard Domain Name": `*.` then
/// a name) and RFC 6125 6.4.3; `*.com` is reported as [`DnsNameSyntax::BadWildcard`] because
/// a wildcard needs two labels after it to ever match. When a name has several problems,
/// the first in this order is reported: empty, IP address, bad character, name length,
/// empty label, label length, wildcard, hyphen, underscore.
#[must_use]
pub fn check_dns_san_syntax(presented: &str) -> DnsNameSyntax {
    if presented.is_empty() {
        return DnsNameSyntax::Empty;
    }
    // RFC 5280 4.2.1.6: IP addresses belong in iPAddress, not dNSName
    // (limbo rfc5280::san::ip-in-dns). A numeric last label (`192.168.001.001`,
    // `0xc0a80101`) is read as an address too, as in parse_host.
    let last_label = presented
        .strip_suffix('.')
        .unwrap_or(presented)
        .rsplit('.')
        .next()
        .unwrap_or_default();
    if presented.parse::<IpAddr>().is_ok()
        || (!presented.starts_with("*.") && is_numeric_label(last_label))
    {
        return DnsNameSyntax::IpAddressAsDns;
    }
    // RFC 5280 7.2: dNSName is IA5String; IDNs must be in A-label form.
    if let Some(bad) = presented
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '*')))
    {
        return DnsNameSyntax::BadCharacter(bad);
    }
    if presented.len() > MAX_DNS_NAME_LEN {
        return DnsNameSyntax::NameTooLong;
    }
    let mut underscore = false;
    let mut hyphen = false;
    let mut label_count: usize = 0;
    for (index, label) in presented.split('.').enumerate() {
        label_count = label_count.saturating_add(1);
        if label.is_empty() {
            return DnsNameSyntax::EmptyLabel;
        }
        if label.len() > MAX_LABEL_LEN {
            return DnsNameSyntax::LabelTooLong;
        }
        if label.contains('*') && (index != 0 || label != "*") {
            // CA/B BR 1.6.1: the wildcard is the whole left-most label, never partial
            // (limbo webpki::san::wildcard-embedded-leftmost-san, wildcard-not-in-leftmost-san,
            // wildcard-embedded-ulabel-san).
            return DnsNameSyntax::BadWildcard;
        }
        hyphen |= label.starts_with('-') || label.ends_with('-');
        underscore |= label.contains('_');
    }
    if presented.starts_with('*') && label_count < 3 {
        // RFC 6125 6.4.3 and CA/B BR 3.2.2.6: `*` and `*.com` cover a whole registry
        // (limbo webpki::san::san-wildcard-only, public-suffix-wildcard-san).
        return DnsNameSyntax::BadWildcard;
    }
    if hyphen {
        return DnsNameSyntax::LeadingOrTrailingHyphen;
    }
    if underscore {
        // RFC 5280 4.2.1.6 (preferred name syntax has no '_'); pyca/cryptography rejects it
        // (limbo rfc5280::san::underscore-dns expects FAILURE).
        return DnsNameSyntax::Underscore;
    }
    DnsNameSyntax::Ok
}

/// Compares a subjectAltName iPAddress (4 or 16 octets) with a reference address.
///
/// Only the same family matches (RFC 5280 4.2.1.6: IPv4 is 4 octets, IPv6 is 16). An
/// IPv4-mapped IPv6 entry (`::ffff:192.0.2.1`) does not match the IPv4 host `192.0.2.1`,
/// as in rustls-webpki and pyca/cryptography. Any other length never matches.
#[must_use]
pub fn match_ip(presented: &[u8], host: &IpAddr) -> bool {
    match host {
        IpAddr::V4(v4) => presented == v4.octets().as_slice(),
        IpAddr::V6(v6) => presented == v6.octets().as_slice(),
    }
}

/// Formats subjectAltName iPAddress octets for display.
///
/// 4 octets give dotted decimal (`192.0.2.1`), 16 octets give RFC 5952 text
/// (`2001:db8::1`, lowercase, longest zero run compressed, `::ffff:192.0.2.1` for
/// IPv4-mapped addresses). Any other length is shown as `0x` and lowercase hex, so it
/// cannot be mistaken for an address.
#[must_use]
pub fn ip_to_string(octets: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(octets) {
        return Ipv4Addr::from(v4).to_string();
    }
    if let Ok(v6) = <[u8; 16]>::try_from(octets) {
        return Ipv6Addr::from(v6).to_string();
    }
    octets.iter().fold(String::from("0x"), |mut out, b| {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// True if a subject Common Name is an exact copy of one of the certificate's SANs.
///
/// CA/B BR 7.1.4.3 (subject commonName): if present, the value MUST be a
/// character-for-character copy of a dNSName entry, or an iPAddress entry written as
/// RFC 3986 3.2.2 dotted decimal (IPv4) or RFC 5952 text (IPv6). So `Example.COM` next to a
/// SAN `example.com`, a U-label next to its A-label, `192.168.001.001` or an uppercase or
/// uncompressed IPv6 address all fail (limbo webpki::cn::*). This is a certificate profile
/// check; the Common Name is never used to match the host.
#[must_use]
pub fn cn_is_copy_of_san(cn: &str, dns_sans: &[String], ip_sans: &[Vec<u8>]) -> bool {
    dns_sans.iter().any(|san| san == cn)
        || ip_sans
            .iter()
            .filter(|ip| ip.len() == 4 || ip.len() == 16)
            .any(|ip| ip_to_string(ip) == cn)
}
