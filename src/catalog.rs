//! The catalog: the words for each finding id, kept as data (`catalog/en.json`).
//!
//! Code only names finding ids and facts; every sentence lives in the catalog, with named
//! placeholders (`{host}`, `{names}`) filled from the finding's facts. A test keeps the ids in
//! code and the catalog's entries one-to-one.

use crate::findings::{Finding, FindingId};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The English catalog, compiled in.
const EN: &str = include_str!("../catalog/en.json");

/// One finding's words.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Entry {
    /// A short title.
    pub title: String,
    /// One plain technical line, with placeholders.
    pub message: String,
    /// Where the rule comes from.
    #[serde(default)]
    pub cite: String,
    /// Any further parts (user and admin explanations), kept as they are.
    #[serde(flatten)]
    pub more: BTreeMap<String, serde_json::Value>,
}

/// The catalog as parsed: id -> entry.
pub fn entries() -> &'static BTreeMap<String, Entry> {
    static CATALOG: OnceLock<BTreeMap<String, Entry>> = OnceLock::new();
    CATALOG.get_or_init(|| serde_json::from_str(EN).unwrap_or_default())
}

/// The entry for an id, if the catalog has one.
pub fn entry(id: FindingId) -> Option<&'static Entry> {
    entries().get(id.as_str())
}

/// The finding's one-line message, placeholders filled from its facts.
pub fn message(f: &Finding) -> String {
    match entry(f.id) {
        Some(e) => fill(&e.message, f),
        None => f.id.as_str().replace('_', " "),
    }
}

/// Fills `{name}` placeholders from a finding's facts (`{cert}` is the certificate's number).
pub fn fill(template: &str, f: &Finding) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push_str(rest.get(start..).unwrap_or_default());
            rest = "";
            break;
        };
        let key = after.get(..end).unwrap_or_default();
        let value = if key == "cert" {
            f.cert.map(|c| format!("#{c}")).unwrap_or_else(|| "?".into())
        } else {
            f.facts.get(key).map(render).unwrap_or_else(|| format!("{{{key}}}"))
        };
        out.push_str(&value);
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A fact as text: strings bare, lists joined with ", ".
pub fn render(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.is_empty() => "none".into(),
        serde_json::Value::Array(items) => items.iter().map(render).collect::<Vec<_>>().join(", "),
        serde_json::Value::Null => "unknown".into(),
        other => other.to_string(),
    }
}

/// Where a finding sorts within its severity: the causes a user must act on first.
pub fn rank(id: FindingId) -> usize {
    use FindingId as F;
    const ORDER: &[FindingId] = &[
        F::NoCertificate,
        F::MalformedCertificate,
        F::HostInvalid,
        F::HostnameMismatch,
        F::WildcardMismatch,
        F::Expired,
        F::NotYetValid,
        F::SelfSigned,
        F::UntrustedRoot,
        F::MissingIntermediate,
        F::ExpiredIntermediate,
        F::ExpiredRoot,
        F::BadSignature,
        F::SuspiciousCharacters,
        F::CnOnlyNoSan,
        F::LeafIsCa,
        F::EkuMissingServerAuth,
        F::ValidityTooLong,
        F::WeakSignatureMd5,
        F::WeakSignatureSha1,
        F::WeakKeyRsa1024,
        F::PrivateKeyPresent,
        F::ShowcertsMissing,
        F::ExpiringSoon,
        F::WrongOrder,
    ];
    ORDER.iter().position(|x| *x == id).unwrap_or(ORDER.len())
}
