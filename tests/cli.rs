//! The `certscope` command line, run as a separate process on fixture files in a temp dir.
//!
//! Exit status: 0 trusted, 1 not trusted, 2 no certificate or bad arguments.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

mod pki;

use pki::*;
use serde_json::Value;
use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// The validation time of the fixtures, as the CLI takes it.
const AT: &str = "2026-06-01";

/// Fixture files for one test: the default chain as the server sends it, its root, and a file
/// that holds no certificate.
struct Files {
    dir: TempDir,
    chain: Chain,
    sent: String,
    root: String,
    leaf: String,
    inter: String,
    text: String,
}

fn files() -> Files {
    files_for(Chain::new())
}

fn files_for(chain: Chain) -> Files {
    let dir = TempDir::new("cli");
    let sent = dir.write("chain.pem", chain.sent());
    let root = dir.write("root.pem", chain.trust());
    let leaf = dir.write("leaf.pem", chain.leaf.pem());
    let inter = dir.write("inter.pem", chain.inter.pem());
    let text = dir.write("notes.txt", "these are my notes, not a certificate\n");
    Files { dir, chain, sent, root, leaf, inter, text }
}

fn certscope(args: &[&str]) -> Output {
    certscope_stdin(args, None)
}

fn certscope_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_certscope"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run certscope");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn describe(o: &Output) -> String {
    format!("exit {:?}\n--- stdout\n{}\n--- stderr\n{}", o.status.code(), String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[track_caller]
fn expect_code(o: &Output, want: i32) {
    assert_eq!(code(o), want, "{}", describe(o));
}

#[track_caller]
fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", describe(o)))
}

/// The arguments that make the default chain trusted: host, time, and its root as the only anchor.
fn trusted_args(f: &Files) -> Vec<String> {
    ["--host", HOST, "--at", AT, "--trust", &f.root, "--only-trusted-roots"].iter().map(|s| s.to_string()).collect()
}

fn with<'a>(base: &'a [String], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().map(String::as_str).chain(more.iter().copied()).collect()
}

// ---------------------------------------------------------------------------------------------
// Exit status.

#[test]
fn trusted_chain_exits_0() {
    let f = files();
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &[&f.sent]));
    expect_code(&o, 0);
    assert!(stdout(&o).starts_with("TRUSTED"), "{}", describe(&o));
}

#[test]
fn untrusted_chain_exits_1() {
    let f = files();
    let o = certscope(&["--host", "imap.example.test", "--at", AT, "--trust", &f.root, "--only-trusted-roots", &f.sent]);
    expect_code(&o, 1);
    assert!(stdout(&o).starts_with("NOT TRUSTED"), "{}", describe(&o));
    assert!(stdout(&o).contains("hostname_mismatch"), "{}", describe(&o));
}

#[test]
fn no_certificate_exits_2() {
    let f = files();
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &[&f.text]));
    expect_code(&o, 2);
    assert!(stdout(&o).starts_with("NO CERTIFICATE"), "{}", describe(&o));
    assert!(stdout(&o).contains("no_certificate"), "{}", describe(&o));
}

#[test]
fn bad_arguments_exit_2() {
    let f = files();
    let missing = f.dir.join("does-not-exist.pem").to_string_lossy().into_owned();
    let cases: Vec<Vec<&str>> = vec![
        vec!["--no-such-flag", &f.sent],
        vec!["--at", "yesterday", &f.sent],
        vec!["--port", "imap", &f.sent],
        vec!["--format", "xml", &f.sent],
        vec![&missing],
        vec!["--trust", &missing, &f.sent],
    ];
    for args in cases {
        let o = certscope(&args);
        assert_eq!(code(&o), 2, "{args:?}\n{}", describe(&o));
        assert!(!o.stderr.is_empty(), "{args:?}: an error message on stderr\n{}", describe(&o));
    }
}

#[test]
fn help_and_version_exit_0() {
    for flag in ["--help", "--version"] {
        let o = certscope(&[flag]);
        expect_code(&o, 0);
        assert!(!o.stdout.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON.

#[test]
fn json_output_in_every_case() {
    let f = files();
    let args = trusted_args(&f);
    for (input, want_code, want_verdict) in [(&f.sent, 0, "trusted"), (&f.leaf, 1, "untrusted"), (&f.text, 2, "invalid_input")] {
        let o = certscope(&with(&args, &["--format", "json", input]));
        expect_code(&o, want_code);
        let v = json(&o);
        assert_eq!(v["verdict"], want_verdict, "{}", describe(&o));
        assert!(v["findings"].is_array() && v["certificates"].is_array() && v["chain"].is_object());
        assert_eq!(v["context"]["host"], HOST);
        assert_eq!(v["context"]["at"], "2026-06-01T00:00:00Z");
    }
}

#[test]
fn json_output_on_bad_arguments() {
    // `--format json` asks for JSON on stdout whatever happens, so that scripts can always parse
    // it; an error the arguments cause (known once --format is read) is reported as JSON too.
    let f = files();
    let missing = f.dir.join("does-not-exist.pem").to_string_lossy().into_owned();
    for args in [vec!["--format", "json", "--at", "yesterday", f.sent.as_str()], vec!["--format", "json", missing.as_str()]] {
        let o = certscope(&args);
        expect_code(&o, 2);
        let v = json(&o);
        assert!(v.is_object(), "{args:?}\n{}", describe(&o));
    }
}

#[test]
fn json_findings_point_at_certificates() {
    let f = files();
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &["--format", "json", &f.inter, &f.leaf]));
    expect_code(&o, 0);
    let v = json(&o);
    let wrong_order = v["findings"].as_array().unwrap().iter().find(|x| x["id"] == "wrong_order").expect("wrong_order");
    assert_eq!(wrong_order["severity"], "warning");
    assert_eq!(v["chain"]["leaf"], 1);
}

// ---------------------------------------------------------------------------------------------
// Text.

#[test]
fn text_output_is_verdict_then_findings_then_chain() {
    let f = files();
    // Leaf and intermediate in the wrong order: trusted, with a finding.
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &[&f.inter, &f.leaf]));
    expect_code(&o, 0);
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("TRUSTED") && first.contains(HOST) && first.contains("2026-06-01T00:00:00Z"), "{out}");
    let findings = out.find("\nFindings:\n").unwrap_or_else(|| panic!("no findings section\n{out}"));
    let chain = out.find("\nChain:\n").unwrap_or_else(|| panic!("no chain section\n{out}"));
    assert!(findings < chain, "findings come before the chain\n{out}");
    let finding = out.find("wrong_order").unwrap();
    assert!(findings < finding && finding < chain, "{out}");
    // The chain lists the leaf first, then the intermediate, then the root.
    let chain_text = &out[chain..];
    let leaf = chain_text.find(HOST).unwrap();
    let inter = chain_text.find(INTER_CN).unwrap();
    let root = chain_text.find(ROOT_CN).unwrap();
    assert!(leaf < inter && inter < root, "{out}");
}

#[test]
fn text_output_of_a_clean_chain_has_no_findings_section() {
    let f = files();
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &[&f.sent]));
    expect_code(&o, 0);
    let out = stdout(&o);
    assert!(!out.contains("Findings:"), "{out}");
    assert!(out.contains("\nChain:\n"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Trust, time, input.

#[test]
fn trust_and_only_trusted_roots() {
    let f = files();
    let run = |extra: &[&str]| {
        let mut args = vec!["--host", HOST, "--at", AT, "--format", "json"];
        args.extend_from_slice(extra);
        args.push(&f.sent);
        certscope(&args)
    };
    // The private root is in no public trust store.
    let o = run(&[]);
    expect_code(&o, 1);
    assert_eq!(json(&o)["context"]["mozilla_roots"], true);
    let o = run(&["--only-trusted-roots"]);
    expect_code(&o, 1);
    assert_eq!(json(&o)["context"]["mozilla_roots"], false);
    // Trusting it works with or without the public roots.
    let o = run(&["--trust", &f.root]);
    expect_code(&o, 0);
    let o = run(&["--trust", &f.root, "--only-trusted-roots"]);
    expect_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["context"]["mozilla_roots"], false);
    assert_eq!(v["context"]["user_anchors"], 1);
    // Trusting another root does not.
    let other = Chain::new();
    let other_root = f.dir.write("other-root.pem", other.trust());
    let o = run(&["--trust", &other_root, "--only-trusted-roots"]);
    expect_code(&o, 1);
}

#[test]
fn at_sets_the_validation_time() {
    let f = files();
    let run = |at: &str| certscope(&["--host", HOST, "--at", at, "--trust", &f.root, "--only-trusted-roots", "--format", "json", &f.sent]);
    for at in ["2026-06-01", "2026-06-01T00:00:00Z", "2026-06-01T02:00:00+02:00", "1780272000"] {
        let o = run(at);
        expect_code(&o, 0);
        assert_eq!(json(&o)["context"]["at"], "2026-06-01T00:00:00Z", "--at {at}");
    }
    // The leaf ends on 2026-07-31.
    let o = run("2026-09-01");
    expect_code(&o, 1);
    let v = json(&o);
    assert!(v["findings"].as_array().unwrap().iter().any(|x| x["id"] == "expired"), "{}", describe(&o));
    let o = run("2026-04-01");
    expect_code(&o, 1);
    assert!(json(&o)["findings"].as_array().unwrap().iter().any(|x| x["id"] == "not_yet_valid"), "{}", describe(&o));
}

#[test]
fn reads_standard_input() {
    let f = files();
    let args = trusted_args(&f);
    let sent = f.chain.sent();
    // No file: standard input.
    let o = certscope_stdin(&args.iter().map(String::as_str).collect::<Vec<_>>(), Some(&sent));
    expect_code(&o, 0);
    // `-`: standard input.
    let o = certscope_stdin(&with(&args, &["-"]), Some(&sent));
    expect_code(&o, 0);
    // Nothing on standard input: no certificate.
    let o = certscope_stdin(&args.iter().map(String::as_str).collect::<Vec<_>>(), Some(b""));
    expect_code(&o, 2);
}

#[test]
fn several_files_are_one_input() {
    let f = files();
    let args = trusted_args(&f);
    let o = certscope(&with(&args, &[&f.leaf, &f.inter]));
    expect_code(&o, 0);
    let o = certscope(&with(&args, &[&f.leaf]));
    expect_code(&o, 1);
}

#[test]
fn webpki_profile_flag() {
    // Without an EKU extension: Apple's rule (mail profile) rejects it, the Web PKI does not.
    let mut spec = Spec::new();
    spec.leaf.extended_key_usages.clear();
    let f = files_for(spec.build());
    let args = trusted_args(&f);
    expect_code(&certscope(&with(&args, &[&f.sent])), 1);
    expect_code(&certscope(&with(&args, &["--webpki", &f.sent])), 0);
}

// ---------------------------------------------------------------------------------------------
// explain.

#[test]
fn explain_prints_the_catalog_entry() {
    let o = certscope(&["explain", "expired"]);
    expect_code(&o, 0);
    let out = stdout(&o);
    assert!(out.starts_with("expired: "), "{out}");
    let entry = &certscope::catalog::entry(certscope::FindingId::Expired).unwrap();
    assert!(out.contains(&entry.title), "{out}");
    assert!(out.contains(&entry.cite), "{out}");
}

#[test]
fn explain_knows_every_id() {
    for id in certscope::FindingId::ALL {
        let o = certscope(&["explain", id.as_str()]);
        assert_eq!(code(&o), 0, "explain {}\n{}", id.as_str(), describe(&o));
    }
}

#[test]
fn explain_unknown_id_exits_2() {
    let o = certscope(&["explain", "no_such_finding"]);
    expect_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no_such_finding"), "{}", describe(&o));
    assert!(o.stdout.is_empty());
    // Without an id it lists the ids and exits 2.
    let o = certscope(&["explain"]);
    expect_code(&o, 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("expired"), "{}", describe(&o));
}

/// A paste of several captures (one per port): one section per capture with its own verdict
/// and findings, and every message names the certificate its finding is about.
#[test]
fn several_captures_read_one_by_one() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/mail/");
    let files: Vec<String> = ["imaps-993.txt", "imap-starttls-143.txt", "implicit-tls-on-imap-starttls-port.txt"]
        .iter()
        .map(|f| format!("{dir}{f}"))
        .collect();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--at", "2026-11-22"]);
    let out = stdout(&certscope(&args));
    let sections: Vec<&str> = out.split("\n=== Capture ").skip(1).collect();
    assert_eq!(sections.len(), 3, "{out}");
    assert!(sections[1].starts_with("2: mail.example.test:11143 (STARTTLS imap)"), "{}", sections[1]);
    assert!(sections[2].contains("tls_mode_mismatch") && !sections[0].contains("tls_mode_mismatch"), "{out}");
    // Certificate numbers in a message agree with the administrator's text below it.
    for pair in out.lines().collect::<Vec<_>>().windows(2) {
        if let (Some(a), Some(b)) = (pair[0].split("certificate #").nth(1), pair[1].split("certificate #").nth(1))
            && pair[0].contains("not_yet_valid")
        {
            assert_eq!(a.split(' ').next(), b.split(' ').next(), "{}\n{}", pair[0], pair[1]);
        }
    }
    let json = json(&certscope(&[&args[..], &["--format", "json"]].concat()));
    for f in json["findings"].as_array().unwrap() {
        if let Some(c) = f["cert"].as_u64() {
            assert!(f["message"].as_str().unwrap().contains(&format!("#{c}")) || !f["message"].as_str().unwrap().contains('#'), "{f}");
        }
    }
}
