//! Writes the findings reference page (www/findings.html) from the catalog, so the page and
//! the catalog cannot drift: `cargo run --example findings_page -- www/findings.html`.

use certscope::{catalog, FindingId};
use serde_json::Value;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text<'a>(v: Option<&'a Value>, path: &[&str]) -> &'a str {
    path.iter().try_fold(v, |v, k| Some(v?.get(k))).flatten().and_then(Value::as_str).unwrap_or_default()
}

const APPS: [(&str, &str); 5] =
    [("ios", "iPhone and iPad Mail"), ("macos", "macOS Mail"), ("outlook", "Outlook"), ("thunderbird", "Thunderbird"), ("android", "Android (Gmail, Samsung Email)")];

fn main() -> std::io::Result<()> {
    let out_path = std::env::args().nth(1).unwrap_or_else(|| "www/findings.html".into());
    let mut html = String::from(concat!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n",
        "<title>certscope: every finding explained</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<main class=\"reference\">\n",
        "<h1>Every finding certscope reports</h1>\n",
        "<p>Generated from the same catalog the inspector uses. Placeholders in braces, such as {host}, are filled with the facts of your case on the <a href=\"index.html\">inspector page</a>.</p>\n<nav><ul>\n"
    ));
    let entries = catalog::entries();
    for id in FindingId::ALL {
        let title = entries.get(id.as_str()).map(|e| e.title.as_str()).unwrap_or_default();
        html.push_str(&format!("<li><a href=\"#{0}\">{1}</a> <code>{0}</code></li>\n", id.as_str(), esc(title)));
    }
    html.push_str("</ul></nav>\n");
    for id in FindingId::ALL {
        let Some(e) = entries.get(id.as_str()) else { continue };
        let user = e.more.get("user");
        let admin = e.more.get("admin");
        html.push_str(&format!("<section class=\"finding-ref\" id=\"{0}\" data-finding-id=\"{0}\">\n<h2>{1}</h2>\n<p><code>{0}</code></p>\n", id.as_str(), esc(&e.title)));
        let summary = e.more.get("summary").and_then(Value::as_str).unwrap_or_default();
        html.push_str(&format!("<p class=\"summary\">{}</p>\n", esc(summary)));
        html.push_str("<h3>For the person with the mail app</h3>\n");
        html.push_str(&format!("<p><strong>What it means.</strong> {}</p>\n", esc(text(user, &["meaning"]))));
        html.push_str(&format!("<p><strong>Is it dangerous?</strong> {}</p>\n", esc(text(user, &["danger"]))));
        if let Some(actions) = user.and_then(|u| u.get("actions")).and_then(Value::as_array) {
            html.push_str("<p><strong>What you can do</strong></p>\n<ol>\n");
            for a in actions.iter().filter_map(Value::as_str) {
                html.push_str(&format!("<li>{}</li>\n", esc(a)));
            }
            html.push_str("</ol>\n");
        }
        for (key, name) in APPS {
            let tip = text(user, &["apps", key]);
            if !tip.is_empty() {
                html.push_str(&format!("<p><strong>{}:</strong> {}</p>\n", esc(name), esc(tip)));
            }
        }
        html.push_str("<h3>For the server administrator</h3>\n");
        html.push_str(&format!("<p><strong>Cause.</strong> {}</p>\n", esc(text(admin, &["cause"]))));
        html.push_str(&format!("<pre>{}</pre>\n", esc(text(admin, &["fix"]))));
        html.push_str(&format!("<p><strong>Check.</strong> {}</p>\n", esc(text(admin, &["check"]))));
        html.push_str(&format!("<p class=\"cite\">Rule: {}</p>\n</section>\n", esc(&e.cite)));
    }
    html.push_str("</main>\n</body>\n</html>\n");
    std::fs::write(&out_path, html)?;
    eprintln!("wrote {out_path} ({} findings)", FindingId::ALL.len());
    Ok(())
}
