//! The wasm API as the page calls it: `inspect(input, options)` and `catalog()`, through
//! wasm-bindgen, in Node (the default) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`).
//!
//! `./build.sh test` runs this file twice:
//!   cargo test --target wasm32-unknown-unknown --test wasm                      (Node)
//!   WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test ... (Chromium)
//!
//! The fixtures are the real `openssl s_client` captures in tests/captures/ (embedded at compile
//! time: the wasm test has no file system), validated at their capture time from captures.json,
//! so the expected verdicts never drift with the clock.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

use certscope::wasm::{catalog, inspect};
use serde_json::{Value, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Leaf + intermediate, printed with -showcerts; the root is in FULL_CHAIN_ROOT.
const FULL_CHAIN: &str = include_str!("captures/full-chain-showcerts.txt");
const FULL_CHAIN_ROOT: &str = include_str!("captures/full-chain-showcerts.root.pem");
/// The server sends only the leaf.
const MISSING_INTERMEDIATE: &str = include_str!("captures/missing-intermediate.txt");
/// The leaf expired 30 days before the capture.
const EXPIRED: &str = include_str!("captures/expired-leaf.txt");
const EXPIRED_ROOT: &str = include_str!("captures/expired-leaf.root.pem");
const SELF_SIGNED: &str = include_str!("captures/self-signed.txt");
/// captures.json: every capture was made between 1795325513 and 1795325517 (2026-11-22T05:31Z);
/// the leaves are valid from 2026-11-22T04:31:53Z for 90 days.
const CAPTURED_AT: &str = "2026-11-22T06:00:00Z";
const CAPTURED_AT_MS: f64 = 1_795_327_200_000.0;
/// The names the capture leaves are for, and the SHA-256 of the full chain's leaf.
const HOST: &str = "mail.example.test";
const LEAF_SHA256: &str = "3c6ec7d175a93c48a182eeec0e029b7b7d1bae6da5f2e3462213e5add54f31bb";

/// Builds a JavaScript value from JSON, as the page builds its options object.
fn js(value: Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("valid JSON")
}

/// Reads what `inspect` returned back into JSON (it must be plain data: no classes, no Maps).
fn rust(value: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(value).expect("stringify").as_string().expect("a string");
    serde_json::from_str(&text).expect("inspect returns JSON-compatible data")
}

/// Calls `inspect` and returns the report, failing the test on `{type: "failed"}`.
fn report(input: JsValue, options: Value) -> Value {
    let result = rust(&inspect(input, js(options)));
    assert_eq!(result["type"], "ok", "inspect failed: {result}");
    result["report"].clone()
}

fn finding_ids(report: &Value) -> Vec<String> {
    report["findings"].as_array().expect("findings").iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect()
}

fn finding<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} finding in {:?}", finding_ids(report)))
}

/// The first certificate of a PEM text as DER bytes.
fn first_der(pem_text: &str) -> Vec<u8> {
    let start = pem_text.find("-----BEGIN CERTIFICATE-----").expect("a PEM block");
    pem::parse(&pem_text[start..]).expect("PEM").into_contents()
}

#[wasm_bindgen_test]
fn pem_string_with_its_root_trusted_is_trusted() {
    let r = report(
        FULL_CHAIN.into(),
        json!({ "host": HOST, "port": 993, "at": CAPTURED_AT, "trust": [FULL_CHAIN_ROOT], "onlyTrustedRoots": true }),
    );
    assert_eq!(r["verdict"], "trusted", "findings: {:?}", finding_ids(&r));
    assert_eq!(r["chain"]["status"], "trusted");
    assert_eq!(r["chain"]["path"].as_array().unwrap().len(), 3, "leaf, intermediate, the user's root");
    assert_eq!(r["certificates"][0]["sha256"].as_str().unwrap().replace(':', "").to_lowercase(), LEAF_SHA256);
    assert_eq!(r["context"]["user_anchors"], 1);
    assert_eq!(r["context"]["mozilla_roots"], false);
}

#[wasm_bindgen_test]
fn pem_string_without_its_root_is_untrusted() {
    let r = report(FULL_CHAIN.into(), json!({ "host": HOST, "at": CAPTURED_AT }));
    assert_eq!(r["verdict"], "untrusted");
    assert!(finding_ids(&r).iter().any(|id| id == "untrusted_root"), "findings: {:?}", finding_ids(&r));
}

#[wasm_bindgen_test]
fn der_uint8array_is_read_as_a_certificate() {
    let der = first_der(FULL_CHAIN);
    let bytes = js_sys::Uint8Array::from(der.as_slice());
    let r = report(bytes.into(), json!({ "host": HOST, "at": CAPTURED_AT, "trust": [FULL_CHAIN_ROOT], "onlyTrustedRoots": true }));
    assert_eq!(r["certificates"].as_array().unwrap().iter().filter(|c| c["source"] == "sent").count(), 1);
    assert_eq!(r["certificates"][0]["sha256"].as_str().unwrap().replace(':', "").to_lowercase(), LEAF_SHA256);
    // Only the leaf was given: its intermediate is missing.
    assert_eq!(r["verdict"], "untrusted");
    assert!(finding_ids(&r).iter().any(|id| id == "missing_intermediate"), "findings: {:?}", finding_ids(&r));
}

#[wasm_bindgen_test]
fn a_host_mismatch_is_an_error_finding() {
    let r = report(
        FULL_CHAIN.into(),
        json!({ "host": "smtp.other.test", "at": CAPTURED_AT, "trust": [FULL_CHAIN_ROOT], "onlyTrustedRoots": true }),
    );
    assert_eq!(r["verdict"], "untrusted");
    let f = finding(&r, "hostname_mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["cert"], 0, "about the leaf");
    assert_eq!(finding_ids(&r)[0], "hostname_mismatch", "the only problem comes first");
}

#[wasm_bindgen_test]
fn the_capture_gives_the_host_when_none_is_given() {
    let r = report(FULL_CHAIN.into(), json!({ "at": CAPTURED_AT, "trust": [FULL_CHAIN_ROOT], "onlyTrustedRoots": true }));
    assert_eq!(r["context"]["host"], HOST);
    assert_eq!(r["context"]["host_from_capture"], true);
    assert_eq!(r["verdict"], "trusted", "findings: {:?}", finding_ids(&r));
}

#[wasm_bindgen_test]
fn captures_give_their_problems() {
    let r = report(MISSING_INTERMEDIATE.into(), json!({ "host": HOST, "at": CAPTURED_AT, "trust": [FULL_CHAIN_ROOT] }));
    assert_eq!(r["verdict"], "untrusted");
    assert!(finding_ids(&r).iter().any(|id| id == "missing_intermediate"), "findings: {:?}", finding_ids(&r));

    let r = report(EXPIRED.into(), json!({ "host": HOST, "at": CAPTURED_AT, "trust": [EXPIRED_ROOT], "onlyTrustedRoots": true }));
    assert_eq!(r["verdict"], "untrusted");
    assert_eq!(finding(&r, "expired")["severity"], "error");

    let r = report(SELF_SIGNED.into(), json!({ "host": HOST, "at": CAPTURED_AT }));
    assert_eq!(r["verdict"], "untrusted");
    assert!(finding_ids(&r).iter().any(|id| id == "self_signed"), "findings: {:?}", finding_ids(&r));
}

#[wasm_bindgen_test]
fn at_as_milliseconds_equals_at_as_a_date_string() {
    let options = |at: Value| json!({ "host": HOST, "at": at, "trust": [EXPIRED_ROOT], "onlyTrustedRoots": true });
    let by_string = report(EXPIRED.into(), options(json!(CAPTURED_AT)));
    let by_number = report(EXPIRED.into(), options(json!(CAPTURED_AT_MS)));
    assert_eq!(by_string["context"]["at"], by_number["context"]["at"]);
    assert_eq!(finding_ids(&by_string), finding_ids(&by_number));
    // An empty date (the page's empty date field) means now; the capture leaf expired in 2026.
    let now = report(EXPIRED.into(), options(json!("")));
    assert!(finding_ids(&now).iter().any(|id| id == "expired"));
}

#[wasm_bindgen_test]
fn bad_options_give_failed_not_an_exception() {
    for options in [
        json!({ "at": "next tuesday" }),
        json!({ "at": true }),
        json!({ "port": "imaps" }),
        json!({ "port": 70000 }),
        json!({ "trust": "not a list" }),
        json!({ "profile": "no_such_profile" }),
        json!(42),
    ] {
        let result = rust(&inspect(FULL_CHAIN.into(), js(options.clone())));
        assert_eq!(result["type"], "failed", "options {options} gave {result}");
        let error = result["error"].as_str().unwrap_or_else(|| panic!("error is a string: {result}"));
        assert!(!error.is_empty());
        assert!(result.get("report").is_none());
    }
    // An input that is neither a string nor bytes.
    let result = rust(&inspect(JsValue::from_f64(1.0), JsValue::UNDEFINED));
    assert_eq!(result["type"], "failed", "{result}");
}

#[wasm_bindgen_test]
fn garbage_is_invalid_input() {
    for input in [
        JsValue::from_str("hello, this is not a certificate"),
        JsValue::from_str("-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n"),
        JsValue::from_str(""),
        js_sys::Uint8Array::from(&[0x30u8, 0x82, 0xff, 0xff, 0x00][..]).into(),
        JsValue::UNDEFINED,
    ] {
        let r = report(input, json!({ "host": HOST }));
        assert_eq!(r["verdict"], "invalid_input", "findings: {:?}", finding_ids(&r));
        assert!(!finding_ids(&r).is_empty(), "invalid input says why");
    }
}

#[wasm_bindgen_test]
fn options_may_be_left_out() {
    let r = report(FULL_CHAIN.into(), json!(null));
    assert_ne!(r["verdict"], "invalid_input");
    let result = rust(&inspect(FULL_CHAIN.into(), JsValue::UNDEFINED));
    assert_eq!(result["type"], "ok");
}

#[wasm_bindgen_test]
fn catalog_has_words_for_the_findings_the_report_gives() {
    let catalog = rust(&catalog());
    let text = catalog.to_string();
    let r = report(FULL_CHAIN.into(), json!({ "host": "smtp.other.test", "at": CAPTURED_AT }));
    for id in finding_ids(&r) {
        assert!(text.contains(&format!("\"{id}\"")), "the catalog has no entry for {id}");
    }
}

/// A Unicode host reaches the core as its A-label (converted by the URL parser of the JS
/// runtime, since the wasm build has no IDN tables of its own).
#[wasm_bindgen_test]
fn unicode_host_is_compared_as_a_label() {
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"host".into(), &"bücher.example".into()).unwrap();
    let out = certscope::wasm::inspect(JsValue::from_str(""), opts.into());
    let report = js_sys::Reflect::get(&out, &"report".into()).unwrap();
    let context = js_sys::Reflect::get(&report, &"context".into()).unwrap();
    let host = js_sys::Reflect::get(&context, &"host_normalized".into()).unwrap();
    assert_eq!(host.as_string().as_deref(), Some("xn--bcher-kva.example"));
}
