//! Host-name parsing and matching (`names`) and name constraints (`name_constraints`).
//!
//! Each test names the rule it pins down; where an x509-limbo testcase drove the rule, its
//! id is given.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test should fail loudly at the line that broke"
)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use certscope::name_constraints::{
    self, GeneralName, MAX_NAME_CONSTRAINT_COMPARISONS, NameConstraints, Subject, Violation,
};
use certscope::names::{
    self, DnsMatch, DnsNameSyntax, HostError, HostName, check_dns_san_syntax, cn_is_copy_of_san,
    ip_to_string, match_dns, match_ip, parse_host,
};

fn dns(s: &str) -> HostName {
    HostName::Dns(s.to_owned())
}

fn ip(s: &str) -> HostName {
    HostName::Ip(s.parse().unwrap())
}

// ---------------------------------------------------------------------------------------
// parse_host

#[test]
fn parse_host_lowercases_and_trims() {
    assert_eq!(
        parse_host("  Mail.Example.COM \n"),
        Ok(dns("mail.example.com"))
    );
}

#[test]
fn parse_host_drops_one_trailing_dot_only() {
    assert_eq!(parse_host("example.com."), Ok(dns("example.com")));
    assert!(matches!(
        parse_host("example.com.."),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(parse_host("."), Err(HostError::InvalidDnsName(_))));
}

#[test]
fn parse_host_converts_unicode_to_a_labels() {
    assert_eq!(
        parse_host("bücher.example"),
        Ok(dns("xn--bcher-kva.example"))
    );
    // UTS #46 maps case first: "Bücher" is the same name.
    assert_eq!(
        parse_host("Bücher.Example"),
        Ok(dns("xn--bcher-kva.example"))
    );
    // An A-label typed directly is kept (and lowercased).
    assert_eq!(
        parse_host("XN--BCHER-KVA.example"),
        Ok(dns("xn--bcher-kva.example"))
    );
    // Ideographic full stop is a label separator in UTS #46.
    assert_eq!(
        parse_host("bücher。example"),
        Ok(dns("xn--bcher-kva.example"))
    );
}

#[test]
fn parse_host_rejects_broken_a_labels() {
    // "xn--" followed by something that is not valid Punycode.
    assert_eq!(parse_host("xn--ab-.example"), Err(HostError::Idna));
}

#[test]
fn parse_host_empty_and_too_long() {
    assert_eq!(parse_host(""), Err(HostError::Empty));
    assert_eq!(parse_host("   \t"), Err(HostError::Empty));
    assert_eq!(parse_host("imaps://"), Err(HostError::Empty));
    let long = format!("{}.example", "a.".repeat(130));
    assert_eq!(parse_host(&long), Err(HostError::TooLong));
    let huge = "a".repeat(names::MAX_HOST_INPUT_LEN + 1);
    assert_eq!(parse_host(&huge), Err(HostError::TooLong));
}

#[test]
fn parse_host_label_rules() {
    let long_label = format!("{}.example", "a".repeat(64));
    assert!(matches!(
        parse_host(&long_label),
        Err(HostError::InvalidDnsName(_))
    ));
    let ok_label = format!("{}.example", "a".repeat(63));
    assert!(parse_host(&ok_label).is_ok());
    assert!(matches!(
        parse_host("-mail.example.com"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail-.example.com"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail..example.com"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("*.example.com"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail example.com"),
        Err(HostError::InvalidDnsName(_))
    ));
}

#[test]
fn parse_host_accepts_underscore_so_the_report_can_explain() {
    assert_eq!(
        parse_host("foo_bar.example.com"),
        Ok(dns("foo_bar.example.com"))
    );
}

#[test]
fn parse_host_strips_port_and_url_parts() {
    assert_eq!(
        parse_host("mail.example.com:993"),
        Ok(dns("mail.example.com"))
    );
    assert_eq!(
        parse_host("imaps://mail.example.com:993/"),
        Ok(dns("mail.example.com"))
    );
    assert_eq!(
        parse_host("imaps://alice@mail.example.com:993/INBOX?x=1#frag"),
        Ok(dns("mail.example.com"))
    );
    assert_eq!(parse_host("https://Example.com"), Ok(dns("example.com")));
    assert_eq!(parse_host("192.0.2.1:993"), Ok(ip("192.0.2.1")));
    assert_eq!(parse_host("[2001:db8::1]:993"), Ok(ip("2001:db8::1")));
    assert_eq!(
        parse_host("smtp://[2001:db8::1]:587/"),
        Ok(ip("2001:db8::1"))
    );
}

#[test]
fn parse_host_rejects_bad_ports() {
    assert!(matches!(
        parse_host("mail.example.com:"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail.example.com:imap"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail.example.com:0"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(matches!(
        parse_host("mail.example.com:65536"),
        Err(HostError::InvalidDnsName(_))
    ));
    assert!(parse_host("mail.example.com:65535").is_ok());
}

#[test]
fn parse_host_rejects_email_addresses_with_a_hint() {
    let err = parse_host("alice@example.com").unwrap_err();
    assert!(err.to_string().contains("e-mail address"), "{err}");
}

#[test]
fn parse_host_ipv4_strict() {
    assert_eq!(
        parse_host("192.0.2.1"),
        Ok(HostName::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))))
    );
    assert_eq!(parse_host("192.0.2.1."), Ok(ip("192.0.2.1")));
    // Leading zeros (octal in inet_aton), hex, short and single-number forms are neither
    // IPv4 (RFC 3986 3.2.2) nor DNS names (numeric last label).
    for bad in [
        "192.168.001.001",
        "0300.0.2.1",
        "0xc0.0.2.1",
        "0xC0A80101",
        "3221225985",
        "192.0.513",
        "256.0.0.1",
        "example.123",
    ] {
        assert!(
            matches!(parse_host(bad), Err(HostError::InvalidIp(_))),
            "{bad}"
        );
    }
}

#[test]
fn parse_host_ipv6() {
    assert_eq!(parse_host("2001:DB8::1"), Ok(ip("2001:db8::1")));
    assert_eq!(
        parse_host("[::1]"),
        Ok(HostName::Ip(IpAddr::V6(Ipv6Addr::LOCALHOST)))
    );
    assert!(matches!(
        parse_host("2001:db8::1::2"),
        Err(HostError::InvalidIp(_))
    ));
    assert!(matches!(
        parse_host("[2001:db8::1"),
        Err(HostError::InvalidIp(_))
    ));
    assert!(matches!(
        parse_host("[not-an-ip]"),
        Err(HostError::InvalidIp(_))
    ));
    // A bare IPv6 address cannot carry a port.
    assert!(matches!(
        parse_host("2001:db8::1:993x"),
        Err(HostError::InvalidIp(_))
    ));
}

#[test]
fn host_error_messages_quote_the_input() {
    let err = parse_host("mail example.com").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("\"mail example.com\""), "{text}");
    assert_eq!(
        text,
        text.to_lowercase(),
        "messages start lowercase and stay plain: {text}"
    );
}

#[test]
fn host_name_serializes_tagged() {
    let v = serde_json::to_value(dns("example.com")).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"type": "dns", "value": "example.com"})
    );
    let v = serde_json::to_value(ip("2001:db8::1")).unwrap();
    assert_eq!(v, serde_json::json!({"type": "ip", "value": "2001:db8::1"}));
}

// ---------------------------------------------------------------------------------------
// match_dns

#[test]
fn exact_match_ignores_case_and_trailing_dots() {
    assert_eq!(match_dns("example.com", "example.com"), DnsMatch::Exact); // limbo webpki::san::exact-dns-san
    assert_eq!(match_dns("EXAMPLE.com", "example.com"), DnsMatch::Exact);
    assert_eq!(match_dns("example.com.", "example.com"), DnsMatch::Exact);
    assert_eq!(match_dns("example.com", "example.com."), DnsMatch::Exact);
}

#[test]
fn different_names_do_not_match() {
    assert_eq!(match_dns("example.com", "example2.com"), DnsMatch::NoMatch); // webpki::san::mismatch-domain-san
    assert_eq!(
        match_dns("abc.example.com", "def.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(
        match_dns("example.com", "abc.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(
        match_dns("abc.example.com", "example.com"),
        DnsMatch::NoMatch
    );
    // No suffix matching on partial labels.
    assert_eq!(match_dns("ample.com", "example.com"), DnsMatch::NoMatch);
}

#[test]
fn idn_is_compared_in_a_label_form() {
    let host = match parse_host("bücher.example").unwrap() {
        HostName::Dns(h) => h,
        HostName::Ip(_) => panic!("not an IP"),
    };
    assert_eq!(match_dns("xn--bcher-kva.example", &host), DnsMatch::Exact);
    assert_eq!(
        match_dns("*.example", "xn--bcher-kva.example"),
        DnsMatch::NoMatch,
        "*.example has one label after the wildcard"
    );
    assert_eq!(
        match_dns("*.example.org", "xn--bcher-kva.example.org"),
        DnsMatch::Wildcard
    );
    // A U-label in a certificate is not an IA5String name (RFC 5280 7.2):
    // limbo webpki::san::unicode-emoji-san.
    assert_eq!(
        match_dns("😜.example.com", "xn--628h.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(
        match_dns("bücher.example", "xn--bcher-kva.example"),
        DnsMatch::NoMatch
    );
}

#[test]
fn wildcard_covers_exactly_one_label() {
    assert_eq!(
        match_dns("*.example.com", "foo.example.com"),
        DnsMatch::Wildcard
    ); // leftmost-wildcard-san
    assert_eq!(
        match_dns("*.EXAMPLE.com", "Foo.example.COM"),
        DnsMatch::Wildcard
    );
    assert_eq!(
        match_dns("*.example.com", "foo.bar.example.com"),
        DnsMatch::WildcardTooDeep
    ); // wildcard-match-across-labels-san
    assert_eq!(
        match_dns("*.example.com", "example.com"),
        DnsMatch::WildcardBareDomain
    );
    assert_eq!(match_dns("*.example.com", "example.org"), DnsMatch::NoMatch);
    assert_eq!(
        match_dns("*.example.com", "fooexample.com"),
        DnsMatch::NoMatch
    );
    assert!(DnsMatch::Wildcard.is_match());
    assert!(!DnsMatch::WildcardTooDeep.is_match());
}

#[test]
fn partial_and_misplaced_wildcards_never_match() {
    assert_eq!(
        match_dns("ba*.example.com", "baz.example.com"),
        DnsMatch::NoMatch
    ); // wildcard-embedded-leftmost-san
    assert_eq!(
        match_dns("*z.example.com", "baz.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(
        match_dns("foo.*.example.com", "foo.bar.example.com"),
        DnsMatch::NoMatch
    ); // wildcard-not-in-leftmost-san
    assert_eq!(
        match_dns(
            "xn--*-1b3c148a.example.com",
            "xn--bliss-1b3c148a.example.com"
        ),
        DnsMatch::NoMatch
    ); // wildcard-embedded-ulabel-san
    assert_eq!(
        match_dns("*.*.example.com", "a.b.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(
        match_dns("**.example.com", "a.example.com"),
        DnsMatch::NoMatch
    );
}

#[test]
fn wildcard_needs_two_labels_after_it() {
    assert_eq!(match_dns("*", "example.com"), DnsMatch::NoMatch); // webpki::san::san-wildcard-only
    assert_eq!(match_dns("*", "com"), DnsMatch::NoMatch); // san-wildcard-only-tld
    assert_eq!(match_dns("*.com", "example.com"), DnsMatch::NoMatch); // public-suffix-wildcard-san
    assert_eq!(match_dns("*.", "com"), DnsMatch::NoMatch);
}

#[test]
fn malformed_presented_names_never_match() {
    assert_eq!(
        match_dns("foo_bar.example.com", "foo_bar.example.com"),
        DnsMatch::NoMatch
    ); // rfc5280::san::underscore-dns
    assert_eq!(match_dns(".example.com", "example.com"), DnsMatch::NoMatch);
    assert_eq!(match_dns("", "example.com"), DnsMatch::NoMatch);
    assert_eq!(match_dns("exa mple.com", "exa mple.com"), DnsMatch::NoMatch);
    assert_eq!(match_dns("-example.com", "-example.com"), DnsMatch::NoMatch);
    assert_eq!(
        match_dns("example.com\0.evil.com", "example.com"),
        DnsMatch::NoMatch
    );
    let long_label = format!("{}.com", "a".repeat(64));
    assert_eq!(match_dns(&long_label, &long_label), DnsMatch::NoMatch);
}

#[test]
fn ip_address_in_dns_name_never_matches() {
    // limbo rfc5280::san::ip-in-dns: the host is an IP, so only iPAddress entries count;
    // a dNSName "8.8.8.8" does not even match the text "8.8.8.8".
    assert_eq!(match_dns("8.8.8.8", "8.8.8.8"), DnsMatch::NoMatch);
    assert_eq!(
        check_dns_san_syntax("8.8.8.8"),
        DnsNameSyntax::IpAddressAsDns
    );
}

#[test]
fn match_dns_rejects_a_bad_reference_name() {
    assert_eq!(
        match_dns("*.example.com", "*.example.com"),
        DnsMatch::NoMatch
    );
    assert_eq!(match_dns("example.com", ""), DnsMatch::NoMatch);
}

#[test]
fn dns_match_serializes_snake_case() {
    assert_eq!(
        serde_json::to_value(DnsMatch::WildcardTooDeep).unwrap(),
        "wildcard_too_deep"
    );
}

// ---------------------------------------------------------------------------------------
// check_dns_san_syntax

#[test]
fn dns_san_syntax_reports_each_problem() {
    assert_eq!(check_dns_san_syntax("mail.example.com"), DnsNameSyntax::Ok);
    assert_eq!(check_dns_san_syntax("*.example.com"), DnsNameSyntax::Ok);
    assert_eq!(
        check_dns_san_syntax("xn--bcher-kva.example"),
        DnsNameSyntax::Ok
    );
    assert_eq!(check_dns_san_syntax(""), DnsNameSyntax::Empty);
    assert_eq!(
        check_dns_san_syntax("exa mple.com"),
        DnsNameSyntax::BadCharacter(' ')
    );
    assert_eq!(
        check_dns_san_syntax("bücher.example"),
        DnsNameSyntax::BadCharacter('ü')
    );
    assert_eq!(
        check_dns_san_syntax("a..example"),
        DnsNameSyntax::EmptyLabel
    );
    assert_eq!(
        check_dns_san_syntax(".example.com"),
        DnsNameSyntax::EmptyLabel
    );
    assert_eq!(
        check_dns_san_syntax("example.com."),
        DnsNameSyntax::EmptyLabel
    );
    assert_eq!(
        check_dns_san_syntax(&format!("{}.com", "a".repeat(64))),
        DnsNameSyntax::LabelTooLong
    );
    assert_eq!(
        check_dns_san_syntax(&format!("{}com", "a.".repeat(127))),
        DnsNameSyntax::NameTooLong
    );
    assert_eq!(
        check_dns_san_syntax("f*.example.com"),
        DnsNameSyntax::BadWildcard
    );
    assert_eq!(check_dns_san_syntax("*.com"), DnsNameSyntax::BadWildcard);
    assert_eq!(check_dns_san_syntax("*"), DnsNameSyntax::BadWildcard);
    assert_eq!(
        check_dns_san_syntax("a.*.example.com"),
        DnsNameSyntax::BadWildcard
    );
    assert_eq!(
        check_dns_san_syntax("192.0.2.1"),
        DnsNameSyntax::IpAddressAsDns
    );
    assert_eq!(
        check_dns_san_syntax("2001:db8::1"),
        DnsNameSyntax::IpAddressAsDns
    );
    assert_eq!(
        check_dns_san_syntax("192.168.001.001"),
        DnsNameSyntax::IpAddressAsDns
    );
    assert_eq!(
        check_dns_san_syntax("0xc0a80101"),
        DnsNameSyntax::IpAddressAsDns
    );
    assert_eq!(
        check_dns_san_syntax("mail.0xff"),
        DnsNameSyntax::IpAddressAsDns
    );
    assert_eq!(
        check_dns_san_syntax("-a.example.com"),
        DnsNameSyntax::LeadingOrTrailingHyphen
    );
    assert_eq!(
        check_dns_san_syntax("a-.example.com"),
        DnsNameSyntax::LeadingOrTrailingHyphen
    );
    assert_eq!(
        check_dns_san_syntax("foo_bar.example.com"),
        DnsNameSyntax::Underscore
    );
}

// ---------------------------------------------------------------------------------------
// IP addresses

#[test]
fn match_ip_by_family_and_octets() {
    let v4: IpAddr = "127.0.0.1".parse().unwrap();
    assert!(match_ip(&[127, 0, 0, 1], &v4)); // webpki::san::exact-localhost-ip-san
    assert!(!match_ip(&[127, 0, 0, 2], &v4));
    let v6: IpAddr = "::1".parse().unwrap();
    let mut one = [0u8; 16];
    one[15] = 1;
    assert!(match_ip(&one, &v6));
    // IPv4-mapped IPv6 is another family: no match either way.
    let mapped: Ipv6Addr = "::ffff:127.0.0.1".parse().unwrap();
    assert!(!match_ip(&mapped.octets(), &v4));
    assert!(!match_ip(&[127, 0, 0, 1], &IpAddr::V6(mapped)));
    // Wrong lengths never match (limbo rfc5280::nc::nc-permits-invalid-ip-san has 8 octets).
    assert!(!match_ip(&[127, 0, 0, 1, 255, 255, 255, 255], &v4));
    assert!(!match_ip(&[], &v4));
}

#[test]
fn ip_to_string_follows_rfc_5952() {
    assert_eq!(ip_to_string(&[192, 0, 2, 1]), "192.0.2.1");
    let s = |t: &str| ip_to_string(&t.parse::<Ipv6Addr>().unwrap().octets());
    assert_eq!(s("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1"); // 4.1, 4.2.1, 4.3
    assert_eq!(s("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1"); // 4.2.3: first of equal runs
    assert_eq!(s("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1"); // 4.2.2: not for one field
    assert_eq!(s("2001:db8:8a2e:0:0:0:0:7334"), "2001:db8:8a2e::7334");
    assert_eq!(s("::"), "::");
    assert_eq!(s("::ffff:192.0.2.1"), "::ffff:192.0.2.1"); // section 5
    assert_eq!(ip_to_string(&[0xc0, 0xa8, 0x01]), "0xc0a801");
    assert_eq!(ip_to_string(&[]), "0x");
}

// ---------------------------------------------------------------------------------------
// CA/B BR 7.1.4.3: the Common Name copies a SAN

#[test]
fn common_name_must_copy_a_san_exactly() {
    let dns_sans = vec!["example.com".to_owned(), "xn--test--wg5h0h.com".to_owned()];
    let ip_sans = vec![
        vec![192, 168, 1, 1],
        "2001:db8::1:0:0:1"
            .parse::<Ipv6Addr>()
            .unwrap()
            .octets()
            .to_vec(),
    ];
    assert!(cn_is_copy_of_san("example.com", &dns_sans, &ip_sans));
    assert!(cn_is_copy_of_san("192.168.1.1", &dns_sans, &ip_sans));
    assert!(cn_is_copy_of_san("2001:db8::1:0:0:1", &dns_sans, &ip_sans));
    // limbo webpki::cn::*
    assert!(!cn_is_copy_of_san("Example.COM", &dns_sans, &ip_sans)); // case-mismatch
    assert!(!cn_is_copy_of_san("test-測試.com", &dns_sans, &ip_sans)); // utf8-vs-punycode-mismatch
    assert!(!cn_is_copy_of_san(
        "notinsan.example.com",
        &dns_sans,
        &ip_sans
    )); // not-in-san
    assert!(!cn_is_copy_of_san("192.168.001.001", &dns_sans, &ip_sans)); // ipv4-leading-zeros-mismatch
    assert!(!cn_is_copy_of_san("0xC0A80101", &dns_sans, &ip_sans)); // ipv4-hex-mismatch
    assert!(!cn_is_copy_of_san(
        "2001:db8:0:0:1:0:0:1",
        &dns_sans,
        &ip_sans
    )); // ipv6-non-rfc5952-mismatch
    assert!(!cn_is_copy_of_san("2001:DB8::1:0:0:1", &dns_sans, &ip_sans)); // ipv6-uppercase-mismatch
}

// ---------------------------------------------------------------------------------------
// Name constraints

const NO_STRINGS: &[String] = &[];
const NO_OCTETS: &[Vec<u8>] = &[];
const NO_NAMES: &[GeneralName] = &[];

/// Owned names of a subordinate certificate, for building a `Subject`.
#[derive(Default)]
struct Names {
    dns: Vec<String>,
    ips: Vec<Vec<u8>>,
    emails: Vec<String>,
    uris: Vec<String>,
    dir_name: Option<Vec<u8>>,
    others: Vec<GeneralName>,
    subject_emails: Vec<String>,
}

impl Names {
    fn dns(names: &[&str]) -> Self {
        Names {
            dns: names.iter().map(|s| (*s).to_owned()).collect(),
            ..Names::default()
        }
    }

    fn subject(&self) -> Subject<'_> {
        Subject {
            dns: &self.dns,
            ips: &self.ips,
            emails: &self.emails,
            uris: &self.uris,
            dir_name: self.dir_name.as_deref(),
            others: &self.others,
            subject_cn: NO_STRINGS,
            subject_emails: &self.subject_emails,
        }
    }
}

fn permit(names: Vec<GeneralName>) -> NameConstraints {
    NameConstraints {
        permitted: Some(names),
        excluded: None,
    }
}

fn exclude(names: Vec<GeneralName>) -> NameConstraints {
    NameConstraints {
        permitted: None,
        excluded: Some(names),
    }
}

fn check(nc: &NameConstraints, names: &Names) -> Result<(), Violation> {
    let mut budget = MAX_NAME_CONSTRAINT_COMPARISONS;
    name_constraints::check(nc, &names.subject(), &mut budget)
}

fn d(s: &str) -> GeneralName {
    GeneralName::Dns(s.to_owned())
}

fn cidr(addr: &str, prefix: u32) -> GeneralName {
    let addr: IpAddr = addr.parse().unwrap();
    let (mut bytes, bits) = match addr {
        IpAddr::V4(a) => (a.octets().to_vec(), 32),
        IpAddr::V6(a) => (a.octets().to_vec(), 128),
    };
    let mask: Vec<u8> = (0..bits / 8)
        .map(|i| {
            let start = i * 8;
            match prefix.saturating_sub(start) {
                0 => 0,
                n if n >= 8 => 0xff,
                n => 0xffu8 << (8 - n),
            }
        })
        .collect();
    bytes.extend(mask);
    GeneralName::Ip(bytes)
}

fn octets(addr: &str) -> Vec<u8> {
    match addr.parse::<IpAddr>().unwrap() {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

#[test]
fn dns_constraint_covers_the_name_and_below_by_whole_labels() {
    let nc = permit(vec![d("example.com")]);
    assert_eq!(check(&nc, &Names::dns(&["example.com"])), Ok(())); // rfc5280::nc::permitted-dns-match
    assert_eq!(check(&nc, &Names::dns(&["foo.bar.EXAMPLE.com"])), Ok(())); // permitted-dns-match-more
    assert!(matches!(
        check(&nc, &Names::dns(&["not-example.com"])), // permitted-dns-mismatch
        Err(Violation::NotPermitted { kind: "dns", .. })
    ));
    assert!(matches!(
        check(&nc, &Names::dns(&["badexample.com"])),
        Err(Violation::NotPermitted { .. })
    ));
    // Every name must be permitted, not just one.
    assert!(check(&nc, &Names::dns(&["a.example.com", "b.example.org"])).is_err());
}

#[test]
fn excluded_dns_wins_over_permitted() {
    let nc = NameConstraints {
        permitted: Some(vec![d("example.com")]),
        excluded: Some(vec![d("example.com")]),
    };
    // limbo rfc5280::nc::excluded-match-permitted-and-excluded
    assert!(matches!(
        check(&nc, &Names::dns(&["example.com"])),
        Err(Violation::Excluded { .. })
    ));
    // limbo rfc5280::nc::excluded-dns-match-second
    let nc = exclude(vec![d("not-allowed.example.com")]);
    let err = check(
        &nc,
        &Names::dns(&["example.com", "not-allowed.example.com"]),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Violation::Excluded {
            name: "DNS:not-allowed.example.com".to_owned(),
            constraint: "DNS:not-allowed.example.com".to_owned()
        }
    );
}

#[test]
fn wildcard_san_is_permitted_only_if_all_its_names_are() {
    // webpki::nc::nc-permits-dns-san-pattern: permit example.com covers *.example.com.
    assert_eq!(
        check(
            &permit(vec![d("example.com")]),
            &Names::dns(&["*.example.com"])
        ),
        Ok(())
    );
    assert_eq!(
        check(&permit(vec![d("com")]), &Names::dns(&["*.example.com"])),
        Ok(())
    );
    // cve::cve-2025-61727-nc-permits-variant: permit foo.example.com does not.
    assert!(matches!(
        check(
            &permit(vec![d("foo.example.com")]),
            &Names::dns(&["*.example.com"])
        ),
        Err(Violation::NotPermitted { .. })
    ));
    assert!(
        check(
            &permit(vec![d("a.b.example.com")]),
            &Names::dns(&["*.example.com"])
        )
        .is_err()
    );
}

#[test]
fn wildcard_san_is_excluded_if_any_of_its_names_is() {
    // cve::cve-2025-61727 and rfc5280::nc::nc-forbids-dnsname-wildcard-san.
    assert!(matches!(
        check(
            &exclude(vec![d("bar.example.com")]),
            &Names::dns(&["*.example.com"])
        ),
        Err(Violation::Excluded { .. })
    ));
    assert!(
        check(
            &exclude(vec![d("example.com")]),
            &Names::dns(&["*.example.com"])
        )
        .is_err()
    );
    // Two labels below the wildcard's base cannot be reached by one label.
    assert_eq!(
        check(
            &exclude(vec![d("a.bar.example.com")]),
            &Names::dns(&["*.example.com"])
        ),
        Ok(())
    );
    assert_eq!(
        check(
            &exclude(vec![d("example.org")]),
            &Names::dns(&["*.example.com"])
        ),
        Ok(())
    );
}

#[test]
fn malformed_dns_san_fails_under_dns_constraints() {
    // rfc5280::nc::nc-permits-invalid-dns-san
    let nc = permit(vec![d("example.com")]);
    assert!(matches!(
        check(&nc, &Names::dns(&[".example.com"])),
        Err(Violation::Malformed { .. })
    ));
    assert!(matches!(
        check(&nc, &Names::dns(&["foo_bar.example.com"])),
        Err(Violation::Malformed { .. })
    ));
    // Excluded-only constraints cannot show it is outside either.
    assert!(
        check(
            &exclude(vec![d("example.org")]),
            &Names::dns(&["bad..example.com"])
        )
        .is_err()
    );
    // Without DNS constraints the malformed name is not this module's business.
    assert_eq!(
        check(
            &permit(vec![cidr("192.0.2.0", 24)]),
            &Names::dns(&[".example.com"])
        ),
        Ok(())
    );
}

#[test]
fn other_forms_are_unconstrained() {
    // rfc5280::nc::permitted-different-constraint-type / excluded-different-constraint-type
    assert_eq!(
        check(
            &permit(vec![cidr("192.0.2.0", 24)]),
            &Names::dns(&["example.com"])
        ),
        Ok(())
    );
    assert_eq!(
        check(
            &exclude(vec![cidr("192.0.2.0", 24)]),
            &Names::dns(&["example.com"])
        ),
        Ok(())
    );
}

#[test]
fn common_name_is_not_checked_against_dns_constraints() {
    // rfc5280::nc::nc-forbids-alternate-chain-ica: an intermediate without SANs whose CN
    // is "an-intermediate" sits under a CA permitting only DNS names in example.com.
    let cn = vec!["an-intermediate".to_owned()];
    let subject = Subject {
        dns: NO_STRINGS,
        ips: NO_OCTETS,
        emails: NO_STRINGS,
        uris: NO_STRINGS,
        dir_name: None,
        others: NO_NAMES,
        subject_cn: &cn,
        subject_emails: NO_STRINGS,
    };
    let mut budget = MAX_NAME_CONSTRAINT_COMPARISONS;
    assert_eq!(
        name_constraints::check(&permit(vec![d("example.com")]), &subject, &mut budget),
        Ok(())
    );
}

#[test]
fn ip_constraints_use_the_mask_and_the_family() {
    let nc = permit(vec![cidr("192.0.2.0", 24)]);
    let names = |a: &str| Names {
        ips: vec![octets(a)],
        ..Names::default()
    };
    assert_eq!(check(&nc, &names("192.0.2.1")), Ok(())); // rfc5280::nc::permitted-ipv4-match
    assert!(matches!(
        check(&nc, &names("192.0.3.1")),
        Err(Violation::NotPermitted { kind: "ip", .. })
    )); // permitted-ip-mismatch
    // An IPv6 name is outside an IPv4 subtree, even the IPv4-mapped form.
    assert!(check(&nc, &names("::ffff:192.0.2.1")).is_err());
    assert!(check(&exclude(vec![cidr("::1", 128)]), &names("::1")).is_err()); // excluded-ipv6-match
    assert_eq!(
        check(&permit(vec![cidr("::1", 128)]), &names("::1")),
        Ok(())
    ); // permitted-ipv6-match
    assert!(check(&exclude(vec![cidr("192.0.2.0", 24)]), &names("192.0.2.1")).is_err()); // excluded-ipv4-match
    assert_eq!(
        check(&exclude(vec![cidr("192.0.2.0", 24)]), &names("::1")),
        Ok(())
    );
    // /0 covers the whole family.
    assert_eq!(
        check(&permit(vec![cidr("0.0.0.0", 0)]), &names("203.0.113.9")),
        Ok(())
    );
    // Host bits set in the constraint are masked off, as every validator does.
    let mut sloppy = octets("192.0.2.77");
    sloppy.extend([255, 255, 255, 0]);
    assert_eq!(
        check(&permit(vec![GeneralName::Ip(sloppy)]), &names("192.0.2.1")),
        Ok(())
    );
}

#[test]
fn malformed_ip_san_fails_under_ip_constraints() {
    // rfc5280::nc::nc-permits-invalid-ip-san: a SAN holding 192.0.2.0/24 (8 octets).
    let mut eight = octets("192.0.2.0");
    eight.extend([255, 255, 255, 0]);
    let names = Names {
        ips: vec![eight, octets("192.0.2.1")],
        ..Names::default()
    };
    assert!(matches!(
        check(&permit(vec![cidr("192.0.2.0", 24)]), &names),
        Err(Violation::Malformed { .. })
    ));
}

fn emails(list: &[&str]) -> Names {
    Names {
        emails: list.iter().map(|s| (*s).to_owned()).collect(),
        ..Names::default()
    }
}

fn e(s: &str) -> GeneralName {
    GeneralName::Email(s.to_owned())
}

#[test]
fn email_constraint_forms() {
    // Mailbox: rfc5280::nc::nc-permits-email-exact; the local part is compared exactly.
    assert_eq!(
        check(
            &permit(vec![e("foo@example.com")]),
            &emails(&["foo@EXAMPLE.com"])
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![e("foo@example.com")]),
            &emails(&["Foo@example.com"])
        )
        .is_err()
    );
    // Host: rfc5280::nc::nc-permits-email-domain; subdomains are not the host.
    assert_eq!(
        check(
            &permit(vec![e("example.com")]),
            &emails(&["foo@example.com"])
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![e("example.com")]),
            &emails(&["foo@mail.example.com"])
        )
        .is_err()
    );
    // Domain: ".example.com" is any host below it, not the host itself.
    assert_eq!(
        check(
            &permit(vec![e(".example.com")]),
            &emails(&["foo@mail.example.com"])
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![e(".example.com")]),
            &emails(&["foo@example.com"])
        )
        .is_err()
    );
    // Excluded host.
    assert!(matches!(
        check(
            &exclude(vec![e("example.com")]),
            &emails(&["foo@example.com"])
        ),
        Err(Violation::Excluded { .. })
    ));
}

#[test]
fn email_asterisk_is_literal() {
    // rfc5280::nc::nc-permits-email-literal-*
    let nc = permit(vec![e("*@example.com")]);
    assert_eq!(check(&nc, &emails(&["*@example.com"])), Ok(()));
    assert!(check(&nc, &emails(&["user@example.com"])).is_err());
    assert!(check(&nc, &emails(&["*@subdomain.example.com"])).is_err());
    assert_eq!(
        check(
            &permit(vec![e("**@example.com")]),
            &emails(&["**@example.com"])
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![e("**@example.com")]),
            &emails(&["*@example.com"])
        )
        .is_err()
    );
    assert_eq!(
        check(
            &permit(vec![e("user*@example.com")]),
            &emails(&["user*@example.com"])
        ),
        Ok(())
    );
}

#[test]
fn malformed_email_san_fails_under_email_constraints() {
    // rfc5280::nc::nc-permits-invalid-email-san
    assert!(matches!(
        check(
            &permit(vec![e("example.com")]),
            &emails(&["invalid@address@example.com"])
        ),
        Err(Violation::Malformed { .. })
    ));
}

#[test]
fn subject_email_attributes_count_only_without_san() {
    // RFC 5280 4.2.1.10: emailAddress in the subject DN is checked when there is no SAN.
    let nc = permit(vec![e("example.com")]);
    let no_san = Names {
        subject_emails: vec!["admin@example.org".to_owned()],
        ..Names::default()
    };
    assert!(matches!(
        check(&nc, &no_san),
        Err(Violation::NotPermitted { kind: "email", .. })
    ));
    let with_san = Names {
        dns: vec!["mail.example.org".to_owned()],
        subject_emails: vec!["admin@example.org".to_owned()],
        ..Names::default()
    };
    assert_eq!(check(&nc, &with_san), Ok(()));
}

#[test]
fn uri_constraints_apply_to_the_host() {
    let uris = |u: &str| Names {
        uris: vec![u.to_owned()],
        ..Names::default()
    };
    let u = |s: &str| GeneralName::Uri(s.to_owned());
    // A host constraint is that host only.
    assert_eq!(
        check(
            &permit(vec![u("host.example.com")]),
            &uris("https://user@HOST.example.com:8443/x?y")
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![u("host.example.com")]),
            &uris("https://www.host.example.com/")
        )
        .is_err()
    );
    // A ".domain" constraint is any host below it.
    assert_eq!(
        check(
            &permit(vec![u(".example.com")]),
            &uris("ldap://ldap.example.com/o=x")
        ),
        Ok(())
    );
    assert!(
        check(
            &permit(vec![u(".example.com")]),
            &uris("ldap://example.com/")
        )
        .is_err()
    );
    assert!(matches!(
        check(
            &exclude(vec![u(".example.com")]),
            &uris("http://crl.example.com/a.crl")
        ),
        Err(Violation::Excluded { .. })
    ));
    // Without a DNS host the URI must be rejected (RFC 5280 4.2.1.10).
    assert!(matches!(
        check(
            &permit(vec![u(".example.com")]),
            &uris("urn:isbn:0451450523")
        ),
        Err(Violation::Malformed { .. })
    ));
    assert!(check(&permit(vec![u(".example.com")]), &uris("http://192.0.2.1/")).is_err());
}

/// DER of a Name from (attribute OID contents, string tag, value) RDNs.
fn der_name(rdns: &[(&[u8], u8, &str)]) -> Vec<u8> {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        assert!(body.len() < 128, "short form only in this helper");
        let mut out = vec![tag, body.len() as u8];
        out.extend_from_slice(body);
        out
    }
    let mut seq = Vec::new();
    for (oid, tag, value) in rdns {
        let mut atv = tlv(0x06, oid);
        atv.extend(tlv(*tag, value.as_bytes()));
        seq.extend(tlv(0x31, &tlv(0x30, &atv)));
    }
    tlv(0x30, &seq)
}

const OID_C: &[u8] = &[0x55, 0x04, 0x06];
const OID_O: &[u8] = &[0x55, 0x04, 0x0a];
const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const PRINTABLE: u8 = 0x13;
const UTF8: u8 = 0x0c;

#[test]
fn dir_name_constraint_is_an_rdn_prefix() {
    let base = GeneralName::DirName(der_name(&[
        (OID_C, PRINTABLE, "US"),
        (OID_O, UTF8, "Example"),
    ]));
    let nc = permit(vec![base.clone()]);
    let subject = |rdns: &[(&[u8], u8, &str)]| Names {
        dir_name: Some(der_name(rdns)),
        ..Names::default()
    };
    let inside = subject(&[
        (OID_C, PRINTABLE, "US"),
        (OID_O, UTF8, "Example"),
        (OID_CN, UTF8, "mail"),
    ]);
    assert_eq!(check(&nc, &inside), Ok(()));
    // Same value, other string type, other case and spacing: still equal (RFC 5280 7.1).
    let recoded = subject(&[(OID_C, UTF8, "us"), (OID_O, PRINTABLE, "  EXAMPLE ")]);
    assert_eq!(check(&nc, &recoded), Ok(()));
    let outside = subject(&[(OID_C, PRINTABLE, "US"), (OID_O, UTF8, "Other")]);
    assert!(matches!(
        check(&nc, &outside),
        Err(Violation::NotPermitted {
            kind: "dir_name",
            ..
        })
    ));
    // A shorter name cannot have the constraint as prefix.
    assert!(check(&nc, &subject(&[(OID_C, PRINTABLE, "US")])).is_err());
    // Excluded, also as a directoryName SAN (rfc5280::nc::excluded-dn-match).
    let san_dir = Names {
        others: vec![GeneralName::DirName(der_name(&[
            (OID_C, PRINTABLE, "US"),
            (OID_O, UTF8, "Example"),
        ]))],
        ..Names::default()
    };
    assert!(matches!(
        check(&exclude(vec![base]), &san_dir),
        Err(Violation::Excluded { .. })
    ));
}

#[test]
fn empty_subject_is_not_checked_against_dir_name_constraints() {
    let nc = permit(vec![GeneralName::DirName(der_name(&[(
        OID_CN, UTF8, "foo",
    )]))]);
    let empty = Names {
        dir_name: Some(vec![0x30, 0x00]),
        ..Names::default()
    };
    assert_eq!(check(&nc, &empty), Ok(()));
}

#[test]
fn dir_name_to_string_is_readable() {
    let der = der_name(&[
        (OID_C, PRINTABLE, "US"),
        (OID_O, UTF8, "Example"),
        (&[0x2a, 0x03], UTF8, "x"),
    ]);
    assert_eq!(
        name_constraints::dir_name_to_string(&der),
        "C=US, O=Example, 1.2.3=x"
    );
    assert!(name_constraints::dir_name_to_string(&[0x30, 0x05]).starts_with("(malformed"));
}

#[test]
fn unsupported_forms_fail_only_when_a_name_of_that_form_is_present() {
    let nc = NameConstraints {
        permitted: Some(vec![d("example.com")]),
        excluded: Some(vec![GeneralName::Other(
            "otherName 1.3.6.1.4.1.55738.666.3".to_owned(),
        )]),
    };
    // rfc5280::nc::nc-forbids-othername-noop
    assert_eq!(check(&nc, &Names::dns(&["example.com"])), Ok(()));
    // rfc5280::nc::nc-forbids-othername
    let with_other = Names {
        dns: vec!["example.com".to_owned()],
        others: vec![GeneralName::Other(
            "otherName 1.3.6.1.4.1.55738.666.3".to_owned(),
        )],
        ..Names::default()
    };
    assert!(matches!(
        check(&nc, &with_other),
        Err(Violation::Unsupported { .. })
    ));
    // A different form of "other" does not meet it.
    let x400 = Names {
        others: vec![GeneralName::Other("x400Address".to_owned())],
        ..Names::default()
    };
    assert_eq!(check(&nc, &x400), Ok(()));
}

#[test]
fn undecodable_san_fails_under_any_constraint() {
    let names = Names {
        others: vec![GeneralName::Invalid("invalid name with tag 9".to_owned())],
        ..Names::default()
    };
    assert!(matches!(
        check(&exclude(vec![d("example.org")]), &names),
        Err(Violation::Malformed { .. })
    ));
}

#[test]
fn validate_constraints_rejects_malformed_subtrees() {
    let bad = |c: GeneralName| {
        let nc = permit(vec![c]);
        matches!(
            name_constraints::validate_constraints(&nc),
            Err(Violation::Malformed { .. })
        )
    };
    assert!(bad(d(".example.com"))); // rfc5280::nc::invalid-dnsname-leading-period
    assert!(bad(d("*.example.com"))); // rfc5280::nc::invalid-dnsname-wildcard
    assert!(bad(d("")));
    assert!(bad(d("example.com.")));
    assert!(bad(d("exa_mple.com")));
    assert!(bad(GeneralName::Ip(octets("127.0.0.1")))); // rfc5280::nc::invalid-ipv4-address
    assert!(bad(GeneralName::Ip(octets("::1")))); // rfc5280::nc::invalid-ipv6-address
    let mut holey = octets("192.0.2.0");
    holey.extend([255, 0, 255, 0]);
    assert!(bad(GeneralName::Ip(holey)));
    let mut bit_hole = octets("192.0.2.0");
    bit_hole.extend([255, 255, 0b1011_0000, 0]);
    assert!(bad(GeneralName::Ip(bit_hole)));
    assert!(bad(e("invalid@invalid@example.com"))); // rfc5280::nc::invalid-email-address
    assert!(bad(GeneralName::Uri("http://example.com/".to_owned())));
    assert!(bad(GeneralName::DirName(vec![0x30, 0x03, 0x31])));
    assert!(bad(GeneralName::Invalid("tag 9".to_owned())));

    let good = |c: GeneralName| name_constraints::validate_constraints(&permit(vec![c])).is_ok();
    assert!(good(d("example.com")));
    assert!(good(cidr("10.0.0.0", 8)));
    assert!(good(cidr("2001:db8::", 32)));
    assert!(good(e("*@example.com")));
    assert!(good(e(".example.com")));
    assert!(good(GeneralName::Uri(".example.com".to_owned())));
    assert!(good(GeneralName::Other("otherName 1.2.3".to_owned())));
}

#[test]
fn validate_constraints_needs_a_non_empty_subtree_list() {
    // webpki::nc::intermediate-permitted-excluded-subtrees-both-null / both-empty-sequences
    let neither = NameConstraints {
        permitted: None,
        excluded: None,
    };
    assert!(name_constraints::validate_constraints(&neither).is_err());
    let empty = NameConstraints {
        permitted: Some(vec![]),
        excluded: Some(vec![]),
    };
    assert!(name_constraints::validate_constraints(&empty).is_err());
    // check() validates too.
    assert!(check(&empty, &Names::dns(&["example.com"])).is_err());
}

#[test]
fn budget_is_spent_per_comparison_and_exhausts() {
    let nc = permit(vec![d("a.example"), d("b.example"), d("example.com")]);
    let names = Names::dns(&["x.example.com", "y.example.com"]);
    let mut budget = 100;
    assert_eq!(
        name_constraints::check(&nc, &names.subject(), &mut budget),
        Ok(())
    );
    assert_eq!(budget, 100 - 6, "two names times three subtrees");
    let mut budget = 5;
    assert_eq!(
        name_constraints::check(&nc, &names.subject(), &mut budget),
        Err(Violation::BudgetExhausted)
    );
    assert_eq!(budget, 0);
    let mut budget = 0;
    assert_eq!(
        name_constraints::check(&nc, &names.subject(), &mut budget),
        Err(Violation::BudgetExhausted)
    );
}

#[test]
fn pathological_constraint_sets_fail_fast() {
    // Shaped like limbo pathological::nc-dos-1: 2,048 permitted and excluded subtrees
    // against 1,024 names (the certificate module reads at most 1,000 SANs).
    let permitted: Vec<GeneralName> = (0..2048).map(|i| d(&format!("t{i}.test"))).collect();
    let excluded: Vec<GeneralName> = (0..2048).map(|i| d(&format!("x{i}.test"))).collect();
    let nc = NameConstraints {
        permitted: Some(permitted),
        excluded: Some(excluded),
    };
    let names = Names {
        dns: (0..1024).map(|i| format!("t{i}.test")).collect(),
        ..Names::default()
    };
    let started = std::time::Instant::now();
    assert_eq!(check(&nc, &names), Err(Violation::BudgetExhausted));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn violations_display_in_plain_words() {
    let v = check(
        &permit(vec![d("example.com")]),
        &Names::dns(&["not-example.com"]),
    )
    .unwrap_err();
    assert_eq!(
        v.to_string(),
        "the name \"DNS:not-example.com\" is outside every permitted dns subtree"
    );
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        serde_json::json!({"type": "not_permitted", "name": "DNS:not-example.com", "kind": "dns"})
    );
    let GeneralName::Ip(subtree) = cidr("192.0.2.0", 24) else {
        unreachable!()
    };
    assert_eq!(
        name_constraints::ip_subtree_to_string(&subtree),
        "192.0.2.0/24"
    );
    let mut holey = octets("192.0.2.0");
    holey.extend([255, 0, 255, 0]);
    assert_eq!(
        name_constraints::ip_subtree_to_string(&holey),
        "192.0.2.0/255.0.255.0"
    );
}

#[test]
fn general_name_serializes_tagged() {
    assert_eq!(
        serde_json::to_value(d("example.com")).unwrap(),
        serde_json::json!({"type": "dns", "value": "example.com"})
    );
    assert_eq!(cidr("2001:db8::", 32).to_string(), "IP:2001:db8::/32");
}

// ---------------------------------------------------------------------------------------
// Through real certificates: rcgen builds them, x509-parser reads them back, in the same
// owned form the certificate module produces.

mod with_rcgen {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, CidrSubnet, GeneralSubtree, IsCa, KeyPair,
        NameConstraints as RcgenNc,
    };
    use x509_parser::extensions::{GeneralName as XName, ParsedExtension};
    use x509_parser::prelude::{FromDer, X509Certificate};

    fn owned(n: &XName<'_>) -> GeneralName {
        match n {
            XName::DNSName(s) => GeneralName::Dns((*s).to_owned()),
            XName::IPAddress(b) => GeneralName::Ip(b.to_vec()),
            XName::RFC822Name(s) => GeneralName::Email((*s).to_owned()),
            XName::URI(s) => GeneralName::Uri((*s).to_owned()),
            XName::DirectoryName(name) => GeneralName::DirName(name.as_raw().to_vec()),
            other => GeneralName::Other(format!("{other:?}")),
        }
    }

    fn constraints_of(der: &[u8]) -> NameConstraints {
        let (_, cert) = X509Certificate::from_der(der).unwrap();
        for ext in cert.extensions() {
            if let ParsedExtension::NameConstraints(nc) = ext.parsed_extension() {
                let conv = |s: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                    s.as_ref()
                        .map(|v| v.iter().map(|t| owned(&t.base)).collect())
                };
                return NameConstraints {
                    permitted: conv(&nc.permitted_subtrees),
                    excluded: conv(&nc.excluded_subtrees),
                };
            }
        }
        panic!("no nameConstraints");
    }

    fn sans_of(der: &[u8]) -> Names {
        let (_, cert) = X509Certificate::from_der(der).unwrap();
        let mut names = Names {
            dir_name: Some(cert.subject().as_raw().to_vec()),
            ..Names::default()
        };
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for n in &san.value.general_names {
                match owned(n) {
                    GeneralName::Dns(s) => names.dns.push(s),
                    GeneralName::Ip(o) => names.ips.push(o),
                    GeneralName::Email(s) => names.emails.push(s),
                    GeneralName::Uri(s) => names.uris.push(s),
                    other => names.others.push(other),
                }
            }
        }
        names
    }

    #[test]
    fn constraints_and_sans_from_real_certificates() {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.name_constraints = Some(RcgenNc {
            permitted_subtrees: vec![
                GeneralSubtree::DnsName("example.com".to_owned()),
                GeneralSubtree::IpAddress(CidrSubnet::V4([192, 0, 2, 0], [255, 255, 255, 0])),
            ],
            excluded_subtrees: vec![GeneralSubtree::DnsName("secret.example.com".to_owned())],
        });
        let ca_der = ca.self_signed(&ca_key).unwrap().der().to_vec();
        let nc = constraints_of(&ca_der);
        assert_eq!(
            nc.permitted.as_ref().unwrap()[1].to_string(),
            "IP:192.0.2.0/24"
        );
        assert_eq!(name_constraints::validate_constraints(&nc), Ok(()));

        let issuer = rcgen::Issuer::new(ca, ca_key);
        let leaf = |sans: &[&str]| {
            let params =
                CertificateParams::new(sans.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
                    .unwrap();
            let key = KeyPair::generate().unwrap();
            sans_of(params.signed_by(&key, &issuer).unwrap().der())
        };
        assert_eq!(
            check(&nc, &leaf(&["mail.example.com", "192.0.2.25"])),
            Ok(())
        );
        assert_eq!(
            check(&nc, &leaf(&["*.example.com"])),
            Err(Violation::Excluded {
                name: "DNS:*.example.com".to_owned(),
                constraint: "DNS:secret.example.com".to_owned(),
            })
        );
        assert!(matches!(
            check(&nc, &leaf(&["mail.example.com", "198.51.100.7"])),
            Err(Violation::NotPermitted { kind: "ip", .. })
        ));
        assert!(matches!(
            check(&nc, &leaf(&["mail.example.net"])),
            Err(Violation::NotPermitted { kind: "dns", .. })
        ));
    }
}
