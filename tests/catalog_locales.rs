//! Translations of the explanation catalog (`catalog/<locale>.json`) checked against
//! `catalog/en.json`, the source of truth.
//!
//! For every locale file other than `en.json`:
//! - the same finding ids as `en.json`, no more, no fewer;
//! - the same structure: every key and list of the English entry is there (and no others), every
//!   string is a non-empty string, `user.actions` has as many items as in English, `message` stays
//!   one line;
//! - every string uses exactly the set of `{placeholder}`s of its English string, so no fact is
//!   lost, misspelt or invented (and `admin.fix`, which the CLI prints unfilled, stays free of them).
//!
//! The last tests break a copy of a locale on purpose and check that the comparison notices.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: failing loudly is the point"
)]

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn catalog_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()));
    assert!(
        v.is_object(),
        "{} is not a JSON object of entries",
        path.display()
    );
    v
}

fn english() -> Value {
    load(&catalog_dir().join("en.json"))
}

/// Every `catalog/*.json` except `en.json`, as (file name, contents), sorted by name.
fn locales() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(catalog_dir()).expect("catalog/ is readable") {
        let path = entry.expect("catalog/ entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.extension().and_then(|e| e.to_str()) == Some("json") && name != "en.json" {
            out.push((name, load(&path)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The set of placeholders of a template, or a description of the first stray brace.
fn placeholders(s: &str) -> Result<BTreeSet<&str>, String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    loop {
        match (rest.find('{'), rest.find('}')) {
            (None, None) => return Ok(out),
            (Some(o), Some(c)) if c > o => {
                let name = &rest[o + 1..c];
                if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                    return Err(format!("{{{name}}} is not a placeholder of [a-z_]"));
                }
                out.insert(name);
                rest = &rest[c + 1..];
            }
            (Some(_), None) => return Err("unclosed '{'".to_owned()),
            (_, Some(_)) => return Err("stray '}'".to_owned()),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Compares one value of a locale with the English one at `path`, recursively.
fn compare(path: &str, en: &Value, loc: &Value, problems: &mut Vec<String>) {
    match (en, loc) {
        (Value::String(e), Value::String(l)) => {
            if l.trim().is_empty() {
                problems.push(format!("{path} is empty"));
                return;
            }
            let want = match placeholders(e) {
                Ok(p) => p,
                Err(why) => {
                    problems.push(format!("{path}: the English string is malformed: {why}"));
                    return;
                }
            };
            match placeholders(l) {
                Ok(got) if got == want => {}
                Ok(got) => {
                    let missing: Vec<&&str> = want.difference(&got).collect();
                    let extra: Vec<&&str> = got.difference(&want).collect();
                    problems.push(format!(
                        "{path}: placeholders differ from English (missing {missing:?}, not in English {extra:?})"
                    ));
                }
                Err(why) => problems.push(format!("{path}: {why}")),
            }
            if path.ends_with(".message") && l.contains('\n') {
                problems.push(format!("{path} is more than one line"));
            }
        }
        (Value::Array(e), Value::Array(l)) => {
            if e.len() != l.len() {
                problems.push(format!(
                    "{path} has {} items, English has {}",
                    l.len(),
                    e.len()
                ));
            }
            for (i, (ei, li)) in e.iter().zip(l).enumerate() {
                compare(&format!("{path}[{i}]"), ei, li, problems);
            }
        }
        (Value::Object(e), Value::Object(l)) => {
            for (k, ev) in e {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match l.get(k) {
                    Some(lv) => compare(&p, ev, lv, problems),
                    None => problems.push(format!("{p} is missing")),
                }
            }
            for k in l.keys().filter(|k| !e.contains_key(*k)) {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                problems.push(format!("{p} is not in English (misspelt or stale key?)"));
            }
        }
        _ => problems.push(format!("{path} is {}, English has {}", kind(loc), kind(en))),
    }
}

/// Everything wrong with a locale compared with English; empty when it matches.
fn check_locale(en: &Value, loc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    compare("", en, loc, &mut problems);
    problems
}

#[test]
fn there_is_a_locale_to_check() {
    let names: Vec<String> = locales().into_iter().map(|(n, _)| n).collect();
    assert!(
        names.iter().any(|n| n == "de.json"),
        "catalog/de.json is missing (locales found: {names:?})"
    );
}

#[test]
fn every_locale_has_the_ids_of_english() {
    let en = english();
    let en_ids: BTreeSet<&String> = en.as_object().unwrap().keys().collect();
    let mut problems = Vec::new();
    for (name, loc) in &locales() {
        let ids: BTreeSet<&String> = loc.as_object().unwrap().keys().collect();
        let missing: Vec<&&String> = en_ids.difference(&ids).collect();
        let extra: Vec<&&String> = ids.difference(&en_ids).collect();
        if !missing.is_empty() {
            problems.push(format!("{name}: ids missing: {missing:?}"));
        }
        if !extra.is_empty() {
            problems.push(format!("{name}: ids not in en.json: {extra:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_locale_matches_english_structure_and_placeholders() {
    let en = english();
    let mut problems = Vec::new();
    for (name, loc) in &locales() {
        for p in check_locale(&en, loc) {
            problems.push(format!("{name}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "locale files differ from catalog/en.json:\n  {}",
        problems.join("\n  ")
    );
}

/// A locale to break in the tests below: the first one found (`de.json` is always there).
fn a_locale() -> (String, Value) {
    locales()
        .into_iter()
        .next()
        .expect("no catalog/<locale>.json to break")
}

/// Finds an entry and a user-part string of it that holds a placeholder.
fn string_with_placeholder(en: &Value) -> (String, String) {
    for (id, e) in en.as_object().unwrap() {
        for key in ["summary", "message"] {
            if let Some(s) = e.get(key).and_then(Value::as_str)
                && placeholders(s).is_ok_and(|p| !p.is_empty())
            {
                return (id.clone(), key.to_owned());
            }
        }
    }
    panic!("en.json has no summary or message with a placeholder");
}

#[test]
fn the_check_notices_a_missing_key() {
    let en = english();
    let (name, mut loc) = a_locale();
    assert!(
        check_locale(&en, &loc).is_empty(),
        "{name} must be clean first"
    );
    let id = en.as_object().unwrap().keys().next().unwrap().clone();
    loc[&id]["admin"].as_object_mut().unwrap().remove("check");
    let problems = check_locale(&en, &loc);
    assert!(
        problems
            .iter()
            .any(|p| p == &format!("{id}.admin.check is missing")),
        "{problems:?}"
    );

    let (_, mut loc) = a_locale();
    loc.as_object_mut().unwrap().remove(&id);
    assert!(
        check_locale(&en, &loc)
            .iter()
            .any(|p| p == &format!("{id} is missing"))
    );
}

#[test]
fn the_check_notices_a_lost_or_renamed_placeholder() {
    let en = english();
    let (id, key) = string_with_placeholder(&en);
    let english_text = en[&id][&key].as_str().unwrap();
    let name = placeholders(english_text)
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
        .to_owned();

    let (_, mut loc) = a_locale();
    let text = loc[&id][&key]
        .as_str()
        .unwrap()
        .replace(&format!("{{{name}}}"), "");
    loc[&id][&key] = Value::String(text);
    let problems = check_locale(&en, &loc);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("{id}.{key}: placeholders differ"))),
        "{problems:?}"
    );

    let (_, mut loc) = a_locale();
    let text = loc[&id][&key]
        .as_str()
        .unwrap()
        .replace(&format!("{{{name}}}"), "{renamed_fact}");
    loc[&id][&key] = Value::String(text);
    assert!(!check_locale(&en, &loc).is_empty());

    let (_, mut loc) = a_locale();
    let text = format!("{} {{", loc[&id][&key].as_str().unwrap());
    loc[&id][&key] = Value::String(text);
    assert!(!check_locale(&en, &loc).is_empty());
}

#[test]
fn the_check_notices_empty_strings_and_shorter_action_lists() {
    let en = english();
    let id = en.as_object().unwrap().keys().next().unwrap().clone();

    let (_, mut loc) = a_locale();
    loc[&id]["title"] = Value::String("  ".to_owned());
    assert!(
        check_locale(&en, &loc)
            .iter()
            .any(|p| p == &format!("{id}.title is empty"))
    );

    let (_, mut loc) = a_locale();
    loc[&id]["user"]["actions"].as_array_mut().unwrap().pop();
    assert!(
        check_locale(&en, &loc)
            .iter()
            .any(|p| p.starts_with(&format!("{id}.user.actions has")))
    );

    let (_, mut loc) = a_locale();
    loc[&id]["user"]["actions"] = Value::String("not a list".to_owned());
    assert!(!check_locale(&en, &loc).is_empty());

    let (_, mut loc) = a_locale();
    loc[&id]["admin"]["fixx"] = Value::String("typo".to_owned());
    assert!(!check_locale(&en, &loc).is_empty());
}
