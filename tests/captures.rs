//! The real `openssl s_client` captures in tests/captures (made by scripts/make-captures.sh
//! against `openssl s_server` on 127.0.0.1) inspected at the time they were made.

use certscope::{inspect, FindingId, Options, Verdict};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/");

fn captures() -> Vec<Value> {
    let index: Value = serde_json::from_slice(&std::fs::read(format!("{DIR}captures.json")).expect("captures.json")).expect("json");
    index["captures"].as_array().expect("captures").clone()
}

fn run(c: &Value, with_root: bool) -> certscope::Report {
    let text = std::fs::read(format!("{DIR}{}", c["file"].as_str().expect("file"))).expect("capture");
    let trust = match c["root"].as_str() {
        Some(root) if with_root => vec![std::fs::read(format!("{DIR}{root}")).expect("root")],
        _ => vec![],
    };
    // No host given: the core takes it from the capture's -servername.
    let opts = Options { at: c["captured_at"].as_i64().expect("time"), trust, only_trusted_roots: true, ..Options::default() };
    inspect(&text, &opts)
}

fn ids(r: &certscope::Report) -> Vec<FindingId> {
    r.findings.iter().map(|f| f.id).collect()
}

#[test]
fn every_capture_gives_the_verdict_its_problem_implies() {
    let all = captures();
    assert!(all.len() >= 8, "expected the 8 captures, found {}", all.len());
    for c in &all {
        let r = run(c, true);
        let file = c["file"].as_str().unwrap_or_default();
        assert!(r.input.captures.len() == 1, "{file}: not recognised as a capture");
        assert!(r.context.host_from_capture, "{file}: host not taken from the capture");
        assert_eq!(r.context.host.as_deref(), c["host"].as_str(), "{file}");
        let problem = c["expected"]["problem"].as_str().unwrap_or_default();
        let (verdict, id) = match problem {
            "none" => (Verdict::Trusted, None),
            "intermediate_not_pasted" => (Verdict::Untrusted, Some(FindingId::ShowcertsMissing)),
            "missing_intermediate" => (Verdict::Untrusted, Some(FindingId::MissingIntermediate)),
            "name_mismatch" => (Verdict::Untrusted, Some(FindingId::HostnameMismatch)),
            "expired" => (Verdict::Untrusted, Some(FindingId::Expired)),
            "self_signed" => (Verdict::Untrusted, Some(FindingId::SelfSigned)),
            other => panic!("{file}: unknown problem {other:?}"),
        };
        assert_eq!(r.verdict, verdict, "{file}: {:?}", ids(&r));
        if let Some(id) = id {
            assert!(ids(&r).contains(&id), "{file}: no {id:?} in {:?}", ids(&r));
        }
        let leaf = r.chain.leaf.and_then(|l| r.certificates.get(l)).expect("leaf");
        let want = c["expected"]["leaf_sha256"].as_str().unwrap_or_default().to_uppercase();
        assert_eq!(leaf.sha256.as_deref().map(|s| s.replace(':', "")), Some(want), "{file}: wrong leaf");
    }
}

#[test]
fn without_the_private_root_no_capture_is_trusted() {
    for c in captures() {
        let r = run(&c, false);
        assert_eq!(r.verdict, Verdict::Untrusted, "{}", c["file"]);
        assert!(
            ids(&r).iter().any(|id| matches!(id, FindingId::UntrustedRoot | FindingId::SelfSigned | FindingId::MissingIntermediate)),
            "{}: {:?}",
            c["file"],
            ids(&r)
        );
    }
}

#[test]
fn a_capture_records_what_openssl_said() {
    let c = captures().into_iter().find(|c| c["file"] == "full-chain-showcerts.txt").expect("capture");
    let r = run(&c, true);
    let cap = r.input.captures.first().cloned().expect("capture");
    assert_eq!(cap.servername.as_deref(), Some("mail.example.test"));
    assert_eq!(cap.connect_host.as_deref(), Some("127.0.0.1"));
    assert!(cap.showcerts);
    assert_eq!(cap.bodies, 2);
    assert!(cap.protocol.is_some() && cap.cipher.is_some());
    assert_eq!(cap.verify_return_code, c["expected"]["openssl_verify_code"].as_i64());
}
