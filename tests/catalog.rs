//! The explanation catalog (`catalog/en.json`) checked against the code.
//!
//! - Ids in the catalog and `FindingId::ALL` correspond one to one.
//! - Every entry has the parts the page and the CLI show (title, message, cite, summary,
//!   severity reason, user meaning/danger/actions, admin cause/fix/check), and no misspelt keys.
//! - Every `{placeholder}` is a lowercase word, and names a fact the finding always carries
//!   (table [`FACTS`], read from the `.fact(` calls in `src/policy.rs` and `src/inspect.rs`), so a
//!   typo in a placeholder, or a fact renamed in the code, fails here rather than showing a raw
//!   `{name}` to a user.
//! - Real reports (the recorded `openssl s_client` captures; with `--ignored`, the whole
//!   x509-limbo corpus) only produce findings whose catalog placeholders their facts can fill.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

use certscope::{Finding, FindingId, Severity};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

const CATALOG: &str = include_str!("../catalog/en.json");

/// For each id: whether the finding names a certificate (so `{cert}` can be filled), and the
/// facts it carries on every code path that creates it. Facts set only on some paths are left
/// out on purpose (e.g. `issuer_cert` of `bad_signature`, `constrained_by` of
/// `name_constraints_violated`): the catalog must not rely on them.
#[rustfmt::skip]
const FACTS: &[(&str, bool, &[&str])] = &[
    // src/inspect.rs: input_findings, inspect
    ("no_certificate", false, &["found"]),
    ("private_key_present", false, &["label", "encrypted", "line"]),
    ("csr_not_certificate", false, &["line"]),
    ("crl_not_certificate", false, &["line"]),
    ("pkcs12_not_supported", false, &[]),
    ("public_key_not_certificate", false, &["line"]),
    ("unreadable_input", false, &["found"]),
    ("malformed_certificate", true, &["reason"]),
    ("limit_reached", false, &["limit", "value", "analysed"]),
    ("suspicious_characters", true, &["part", "value", "kinds"]),
    ("showcerts_missing", false, &["shown", "listed", "not_shown", "command"]),
    // src/capture.rs
    ("connection_failed", false, &["host", "port", "target", "client", "cause", "evidence"]),
    (
        "tls_mode_mismatch",
        false,
        &["host", "port", "target", "client", "direction", "service", "tls_port", "starttls_port", "command", "evidence"],
    ),
    ("no_peer_certificate", false, &["host", "port", "target", "client", "evidence"]),
    ("handshake_failed", false, &["host", "port", "target", "client", "cause", "alert", "alert_name", "version_forced", "evidence"]),
    ("tls_version_obsolete", false, &["host", "port", "target", "client", "protocol"]),
    ("sni_missing", false, &["host", "port", "target", "client", "expected", "names", "command"]),
    ("input_truncated", false, &["host", "port", "target", "client", "missing", "command"]),
    ("openssl_verify_error", false, &["code", "openssl_text", "name", "meaning", "depth", "verdicts", "comparison"]),
    ("host_invalid", false, &["host", "reason"]),
    ("no_host_given", true, &["names"]),
    // src/policy.rs: check_validity (every validity finding gets the three dates)
    ("expired", true, &["not_before", "not_after", "at", "days_since_expiry"]),
    ("not_yet_valid", true, &["not_before", "not_after", "at", "days_until_valid"]),
    ("expiring_soon", true, &["not_before", "not_after", "at", "days_left"]),
    ("expired_intermediate", true, &["not_before", "not_after", "at", "days_since_expiry"]),
    ("expired_root", true, &["not_before", "not_after", "at", "days_since_expiry"]),
    ("validity_too_long", true, &["not_before", "not_after", "at", "validity_days", "limit_days"]),
    ("validity_invalid", true, &["not_before", "not_after", "at"]),
    // src/policy.rs: check_host, check_leaf
    ("hostname_mismatch", true, &["host", "host_is_ip", "ip_written_as_dns_name", "names"]),
    ("wildcard_mismatch", true, &["wildcard", "reason", "host", "host_is_ip", "ip_written_as_dns_name", "names"]),
    ("ip_in_dns_san", true, &["name"]),
    ("cn_only_no_san", true, &["common_names"]),
    ("san_malformed", true, &["name", "reason"]),
    ("cn_not_in_san", true, &["common_name"]),
    // src/inspect.rs: incomplete_findings, root_included, order_findings
    ("self_signed", true, &["subject"]),
    ("untrusted_root", true, &["subject"]),
    ("missing_intermediate", true, &["issuer", "trust_store_searched", "hidden_by_capture"]),
    ("wrong_order", false, &["sent_order", "expected_order"]),
    ("unrelated_cert", true, &["subject"]),
    ("root_included", true, &[]),
    ("duplicate_cert", true, &["same_as"]),
    ("bad_signature", true, &["reason", "algorithm"]),
    ("chain_too_long", false, &["max"]),
    // src/policy.rs: check_sig_alg, check_key; `unsupported_signature_algorithm` also comes from
    // a failed verification in inspect.rs, which adds `reason` (so only `algorithm` is certain).
    ("weak_signature_sha1", true, &["algorithm"]),
    ("weak_signature_md5", true, &["algorithm"]),
    ("unsupported_signature_algorithm", true, &["algorithm"]),
    ("signature_algorithm_mismatch", true, &[]),
    ("weak_key_rsa1024", true, &["key_bits"]),
    ("weak_key", true, &["key", "reason"]),
    ("unsupported_key_type", true, &["key"]),
    // src/policy.rs: check_leaf, check_ca, check_path, check_extensions_common
    ("leaf_is_ca", true, &[]),
    ("eku_missing_server_auth", true, &["purposes"]),
    ("key_usage_invalid", true, &["reason"]),
    ("pathlen_exceeded", true, &["path_len", "cas_below"]),
    ("name_constraints_violated", true, &["reason"]),
    ("intermediate_not_ca", true, &["role"]),
    ("unknown_critical_extension", true, &["extension"]),
    ("duplicate_extension", true, &["extension"]),
    ("extension_invalid", true, &["extension", "reason"]),
    ("key_identifier_missing", true, &["extension"]),
    ("empty_subject", true, &[]),
    ("not_version3", true, &["version"]),
];

const TOP_KEYS: &[&str] = &[
    "title",
    "message",
    "cite",
    "summary",
    "severity_reason",
    "user",
    "admin",
];
const USER_KEYS: &[&str] = &["meaning", "danger", "actions", "apps"];
const APP_KEYS: &[&str] = &["ios", "macos", "outlook", "thunderbird", "android"];
const ADMIN_KEYS: &[&str] = &["cause", "fix", "check"];

fn catalog() -> BTreeMap<String, Value> {
    serde_json::from_str(CATALOG).expect("catalog/en.json is not a JSON object of entries")
}

fn facts_of(id: &str) -> Option<(bool, &'static [&'static str])> {
    FACTS
        .iter()
        .find(|(name, _, _)| *name == id)
        .map(|&(_, cert, facts)| (cert, facts))
}

/// The placeholders of a template, or a description of the first stray brace.
fn placeholders(s: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(out),
            (None, Some(_)) => return Err(format!("stray '}}' in {s:?}")),
            (Some(o), Some(c)) if c > o => {
                let name = &rest[o + 1..c];
                if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                    return Err(format!(
                        "placeholder {{{name}}} is not a word of [a-z_] in {s:?}"
                    ));
                }
                out.push(name);
                rest = &rest[c + 1..];
            }
            (Some(_), Some(_)) => return Err(format!("stray '}}' in {s:?}")),
            (Some(_), None) => return Err(format!("unclosed '{{' in {s:?}")),
        }
    }
}

/// The first `{word}` left in a filled text, if any (fact values may hold other braces, such as
/// the `\u{7f}` of an escaped control character, which are not placeholders).
fn unfilled(s: &str) -> Option<&str> {
    let mut rest = s;
    while let Some(o) = rest.find('{') {
        let after = &rest[o + 1..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b'}') {
            return Some(&rest[o..o + len + 2]);
        }
        rest = after;
    }
    None
}

/// Every string of an entry, with its path (`user.actions[2]`), in a stable order.
fn strings<'a>(path: String, v: &'a Value, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(format!("{path}[{i}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(p, item, out);
            }
        }
        _ => {}
    }
}

fn entry_strings(entry: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    strings(String::new(), entry, &mut out);
    out
}

#[test]
fn ids_and_entries_are_one_to_one() {
    let cat = catalog();
    let code: BTreeSet<&str> = FindingId::ALL.iter().map(|id| id.as_str()).collect();
    assert_eq!(
        code.len(),
        FindingId::ALL.len(),
        "FindingId::ALL repeats a name"
    );
    let missing: Vec<&&str> = code.iter().filter(|id| !cat.contains_key(**id)).collect();
    let extra: Vec<&String> = cat.keys().filter(|k| !code.contains(k.as_str())).collect();
    assert!(
        missing.is_empty(),
        "ids without a catalog entry: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "catalog entries for no id in the code: {extra:?}"
    );
}

#[test]
fn fact_table_covers_every_id() {
    let table: BTreeSet<&str> = FACTS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(table.len(), FACTS.len(), "FACTS lists an id twice");
    let code: BTreeSet<&str> = FindingId::ALL.iter().map(|id| id.as_str()).collect();
    let missing: Vec<&&str> = code.difference(&table).collect();
    let extra: Vec<&&str> = table.difference(&code).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "update FACTS from the `.fact(` calls in src/: ids missing {missing:?}, ids unknown {extra:?}"
    );
}

fn non_empty_str<'a>(
    v: Option<&'a Value>,
    what: &str,
    problems: &mut Vec<String>,
) -> Option<&'a str> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::String(_)) => {
            problems.push(format!("{what} is empty"));
            None
        }
        Some(_) => {
            problems.push(format!("{what} is not a string"));
            None
        }
        None => {
            problems.push(format!("{what} is missing"));
            None
        }
    }
}

fn known_keys(v: &Value, allowed: &[&str], what: &str, problems: &mut Vec<String>) {
    match v.as_object() {
        Some(map) => {
            for k in map.keys() {
                if !allowed.contains(&k.as_str()) {
                    problems.push(format!(
                        "{what} has an unknown key {k:?} (allowed: {allowed:?})"
                    ));
                }
            }
        }
        None => problems.push(format!("{what} is not an object")),
    }
}

#[test]
fn every_entry_is_complete() {
    let mut problems = Vec::new();
    for (id, e) in &catalog() {
        known_keys(e, TOP_KEYS, id, &mut problems);
        for key in ["title", "message", "cite", "summary", "severity_reason"] {
            non_empty_str(e.get(key), &format!("{id}.{key}"), &mut problems);
        }
        if e.get("message")
            .and_then(Value::as_str)
            .is_some_and(|m| m.contains('\n'))
        {
            problems.push(format!("{id}.message is more than one line"));
        }
        match e.get("user") {
            Some(user) => {
                known_keys(user, USER_KEYS, &format!("{id}.user"), &mut problems);
                non_empty_str(
                    user.get("meaning"),
                    &format!("{id}.user.meaning"),
                    &mut problems,
                );
                non_empty_str(
                    user.get("danger"),
                    &format!("{id}.user.danger"),
                    &mut problems,
                );
                match user.get("actions").and_then(Value::as_array) {
                    Some(actions) if !actions.is_empty() => {
                        for (i, a) in actions.iter().enumerate() {
                            non_empty_str(
                                Some(a),
                                &format!("{id}.user.actions[{i}]"),
                                &mut problems,
                            );
                        }
                    }
                    _ => problems.push(format!("{id}.user.actions is not a non-empty list")),
                }
                if let Some(apps) = user.get("apps") {
                    known_keys(apps, APP_KEYS, &format!("{id}.user.apps"), &mut problems);
                    match apps.as_object() {
                        Some(map) if map.is_empty() => {
                            problems.push(format!("{id}.user.apps is empty; omit it instead"))
                        }
                        Some(map) => {
                            for (k, v) in map {
                                non_empty_str(
                                    Some(v),
                                    &format!("{id}.user.apps.{k}"),
                                    &mut problems,
                                );
                            }
                        }
                        None => {}
                    }
                }
            }
            None => problems.push(format!("{id}.user is missing")),
        }
        match e.get("admin") {
            Some(admin) => {
                known_keys(admin, ADMIN_KEYS, &format!("{id}.admin"), &mut problems);
                for key in ADMIN_KEYS {
                    non_empty_str(admin.get(*key), &format!("{id}.admin.{key}"), &mut problems);
                }
            }
            None => problems.push(format!("{id}.admin is missing")),
        }
    }
    assert!(
        problems.is_empty(),
        "incomplete catalog entries:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn placeholders_are_well_formed() {
    let mut problems = Vec::new();
    for (id, e) in &catalog() {
        for (path, s) in entry_strings(e) {
            if let Err(why) = placeholders(s) {
                problems.push(format!("{id}.{path}: {why}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "malformed placeholders:\n  {}",
        problems.join("\n  ")
    );
}

/// `message` and `summary` are what every user sees, and the rest of the entry is filled the
/// same way (`catalog::fill`): every placeholder anywhere must be a fact the finding carries.
#[test]
fn placeholders_name_facts_the_finding_carries() {
    let mut problems = Vec::new();
    for (id, e) in &catalog() {
        let Some((has_cert, facts)) = facts_of(id) else {
            problems.push(format!("{id}: not in FACTS"));
            continue;
        };
        for (path, s) in entry_strings(e) {
            for name in placeholders(s).unwrap_or_default() {
                let ok = if name == "cert" {
                    has_cert
                } else {
                    facts.contains(&name)
                };
                if !ok {
                    problems.push(format!("{id}.{path}: {{{name}}} is not a fact of {id} (facts: cert={has_cert}, {facts:?})"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "placeholders without a fact:\n  {}",
        problems.join("\n  ")
    );
}

/// `certscope` (src/main.rs) prints `admin.fix` under each finding as it is, without filling it:
/// a placeholder there would reach the terminal raw. Fix texts use example names instead.
#[test]
fn admin_fix_has_no_placeholders() {
    let mut problems = Vec::new();
    for (id, e) in &catalog() {
        if let Some(fix) = e.pointer("/admin/fix").and_then(Value::as_str) {
            let found = placeholders(fix).unwrap_or_default();
            if !found.is_empty() {
                problems.push(format!("{id}.admin.fix uses {found:?}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "admin.fix is printed unfilled:\n  {}",
        problems.join("\n  ")
    );
}

/// Filling with `catalog::fill` (what the CLI, page and report use) leaves nothing unfilled.
#[test]
fn messages_fill_completely() {
    let cat = catalog();
    let mut problems = Vec::new();
    for &id in FindingId::ALL {
        let (has_cert, facts) = facts_of(id.as_str()).expect("FACTS covers every id");
        let mut f = Finding::new(id, Severity::Info);
        if has_cert {
            f = f.cert(1);
        }
        for &name in facts {
            f = f.fact(name, format!("<{name}>"));
        }
        let Some(e) = cat.get(id.as_str()) else {
            continue;
        };
        for (path, s) in entry_strings(e) {
            let filled = certscope::catalog::fill(s, &f);
            if filled.contains('{') || filled.contains('}') {
                problems.push(format!("{}.{path}: {filled:?}", id.as_str()));
            }
        }
        let message = certscope::catalog::message(&f);
        if unfilled(&message).is_some() {
            problems.push(format!(
                "{}: catalog::message left {message:?}",
                id.as_str()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "unfilled placeholders:\n  {}",
        problems.join("\n  ")
    );
}

/// Checks real findings against the catalog and the fact table: the placeholders of their
/// entry are all among their facts, and the facts FACTS promises are there.
fn check_findings(
    context: &str,
    findings: &[Finding],
    cat: &BTreeMap<String, Value>,
    problems: &mut Vec<String>,
) {
    for f in findings {
        let id = f.id.as_str();
        if let Some(left) = unfilled(&f.message) {
            problems.push(format!(
                "{context}: {id} message left {left} unfilled: {:?}",
                f.message
            ));
        }
        let Some(e) = cat.get(id) else { continue };
        for (path, s) in entry_strings(e) {
            for name in placeholders(s).unwrap_or_default() {
                let ok = if name == "cert" {
                    f.cert.is_some()
                } else {
                    f.facts.contains_key(name)
                };
                if !ok {
                    problems.push(format!(
                        "{context}: {id}.{path} uses {{{name}}}, the finding has {:?}",
                        f.facts.keys().collect::<Vec<_>>()
                    ));
                }
            }
        }
        if let Some((has_cert, facts)) = facts_of(id) {
            if has_cert && f.cert.is_none() {
                problems.push(format!(
                    "{context}: {id} names no certificate, FACTS says it does"
                ));
            }
            for name in facts {
                if !f.facts.contains_key(name) {
                    problems.push(format!(
                        "{context}: {id} lacks the fact {name:?} FACTS promises"
                    ));
                }
            }
        }
    }
}

#[test]
fn captures_fill_their_placeholders() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("captures");
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("captures.json")).unwrap()).unwrap();
    let cat = catalog();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for c in index["captures"]
        .as_array()
        .expect("captures.json lists captures")
    {
        let file = c["file"].as_str().unwrap();
        let input = std::fs::read(dir.join(file)).unwrap();
        let at = c["captured_at"].as_i64().unwrap();
        let trust: Vec<Vec<u8>> = c["root"]
            .as_str()
            .map(|r| std::fs::read(dir.join(r)).unwrap())
            .into_iter()
            .collect();
        for host in [
            c["host"].as_str().map(str::to_string),
            None,
            Some("192.0.2.1".to_string()),
        ] {
            for trust in [trust.clone(), vec![]] {
                let opts = certscope::Options {
                    host: host.clone(),
                    at,
                    trust,
                    ..Default::default()
                };
                let report = certscope::inspect(&input, &opts);
                seen.extend(report.findings.iter().map(|f| f.id.as_str()));
                check_findings(file, &report.findings, &cat, &mut problems);
            }
        }
        // Later, when the certificates have expired.
        let opts = certscope::Options {
            host: c["host"].as_str().map(str::to_string),
            at: at + 20 * 365 * 86_400,
            ..Default::default()
        };
        let report = certscope::inspect(&input, &opts);
        seen.extend(report.findings.iter().map(|f| f.id.as_str()));
        check_findings(file, &report.findings, &cat, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "findings the catalog cannot fill:\n  {}",
        problems.join("\n  ")
    );
    assert!(
        seen.len() >= 5,
        "the captures produced too few kinds of findings to mean anything: {seen:?}"
    );
}

#[derive(serde::Deserialize)]
struct Limbo {
    testcases: Vec<LimboCase>,
}

#[derive(serde::Deserialize)]
struct LimboCase {
    id: String,
    trusted_certs: Vec<String>,
    untrusted_intermediates: Vec<String>,
    peer_certificate: String,
    validation_time: Option<String>,
    expected_peer_name: Option<LimboPeer>,
}

#[derive(serde::Deserialize)]
struct LimboPeer {
    value: String,
}

/// The whole x509-limbo corpus, in both profiles: every finding it provokes must be fillable.
/// Slow in debug builds: `cargo test --release --test catalog -- --ignored`.
#[test]
#[ignore = "runs every x509-limbo case twice; use --release"]
fn limbo_findings_fill_their_placeholders() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("limbo")
        .join("limbo.json.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_end(&mut bytes)
        .unwrap();
    let limbo: Limbo = serde_json::from_slice(&bytes).unwrap();
    let cat = catalog();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &limbo.testcases {
        let at = case
            .validation_time
            .as_deref()
            .and_then(certscope::time::parse)
            .unwrap_or(1_735_689_600);
        let mut input = case.peer_certificate.clone();
        input.push('\n');
        input.push_str(&case.untrusted_intermediates.join("\n"));
        for profile in [certscope::Profile::WebPki, certscope::Profile::MailStrict] {
            let opts = certscope::Options {
                host: case.expected_peer_name.as_ref().map(|p| p.value.clone()),
                at,
                trust: case
                    .trusted_certs
                    .iter()
                    .map(|p| p.as_bytes().to_vec())
                    .collect(),
                only_trusted_roots: true,
                profile,
                leaf: Some(0),
                ..Default::default()
            };
            let report = certscope::inspect(input.as_bytes(), &opts);
            for f in &report.findings {
                *seen.entry(f.id.as_str()).or_default() += 1;
            }
            check_findings(&case.id, &report.findings, &cat, &mut problems);
        }
    }
    let never: Vec<&str> = FindingId::ALL
        .iter()
        .map(|id| id.as_str())
        .filter(|id| !seen.contains_key(id))
        .collect();
    eprintln!("limbo: findings by id: {seen:?}\nnever produced: {never:?}");
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} findings the catalog cannot fill:\n  {}",
        problems.len(),
        problems
            .iter()
            .take(100)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
