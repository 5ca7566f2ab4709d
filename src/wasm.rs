//! The wasm-bindgen layer: converts JavaScript values to the core's types and back, nothing more.

use crate::{inspect as core_inspect, Options, Profile};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// The options object JavaScript passes (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    host: Option<String>,
    port: Option<u16>,
    /// ISO 8601 date or date-time, or milliseconds since the epoch; default now.
    at: Option<serde_json::Value>,
    trust: Vec<String>,
    only_trusted_roots: bool,
    profile: Option<String>,
}

/// Installs the panic hook so a panic is logged to the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Inspects a paste (string) or file (Uint8Array); returns `{type: "ok", report}` or
/// `{type: "failed", error}` for options it cannot read. Never throws for bad certificates.
#[wasm_bindgen]
pub fn inspect(input: JsValue, options: JsValue) -> JsValue {
    let result = run(input, options);
    let value = match result {
        Ok(report) => serde_json::json!({ "type": "ok", "report": report }),
        Err(error) => serde_json::json!({ "type": "failed", "error": error }),
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&value, &serializer).unwrap_or(JsValue::NULL)
}

fn run(input: JsValue, options: JsValue) -> Result<crate::Report, String> {
    let bytes: Vec<u8> = if let Some(s) = input.as_string() {
        s.into_bytes()
    } else if input.is_instance_of::<js_sys::Uint8Array>() {
        js_sys::Uint8Array::new(&input).to_vec()
    } else if input.is_undefined() || input.is_null() {
        Vec::new()
    } else {
        return Err("input must be a string or a Uint8Array".into());
    };
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| format!("cannot read the options: {e}"))?
    };
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let at = match &opts.at {
        None | Some(serde_json::Value::Null) => now,
        Some(serde_json::Value::Number(ms)) => ms.as_f64().map(|m| (m / 1000.0) as i64).ok_or("at: not a number")?,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => now,
        Some(serde_json::Value::String(s)) => crate::time::parse(s).ok_or_else(|| format!("at: cannot read the date {s:?}"))?,
        Some(_) => return Err("at: give a date string or milliseconds".into()),
    };
    let profile = match opts.profile.as_deref() {
        None | Some("mail_strict") => Profile::MailStrict,
        Some("web_pki") => Profile::WebPki,
        Some(other) => return Err(format!("profile: unknown profile {other:?}")),
    };
    // Unicode host names become A-labels through the browser's URL parser (UTS #46), so the
    // core's wasm build needs no IDN tables of its own.
    let host = match opts.host {
        Some(h) if !h.is_ascii() => {
            let url = web_sys::Url::new(&format!("http://{}/", h.trim())).map_err(|_| format!("host: {h:?} is not a valid host name"))?;
            Some(url.hostname())
        }
        other => other,
    };
    let options = Options {
        host,
        port: opts.port,
        at,
        trust: opts.trust.into_iter().map(String::into_bytes).collect(),
        only_trusted_roots: opts.only_trusted_roots,
        profile,
        leaf: None,
    };
    Ok(core_inspect(&bytes, &options))
}

/// The explanation catalog (every finding's words), for the page to render.
#[wasm_bindgen]
pub fn catalog() -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(crate::catalog::entries(), &serializer).unwrap_or(JsValue::NULL)
}
