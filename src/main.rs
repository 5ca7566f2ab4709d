//! The certscope command line: inspect certificates, chains and s_client captures.

// The CLI is native only: on wasm32 the binary is empty (clap does not build there, and
// `cargo test --target wasm32` builds every binary target).
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use certscope::report::{CertReport, Report};
use certscope::{catalog, inspect, Finding, Options, Profile, Severity, Verdict};
use clap::{Parser, ValueEnum};
use std::io::Read;
use std::process::ExitCode;

/// Explain why a mail app cannot verify a server's certificate.
///
/// Reads PEM, DER, PKCS#7 or `openssl s_client -showcerts` output from the files given (all
/// files together are one input) or from standard input. Exit status: 0 when the chain is
/// trusted for the host, 1 when it is not, 2 when the input held no certificate or the
/// arguments were wrong.
#[derive(Parser, Debug)]
#[command(name = "certscope", version, about, long_about)]
struct Args {
    /// The host name the mail app connects to (DNS name or IP address).
    #[arg(long)]
    host: Option<String>,
    /// The port the mail app uses (993, 587, ...).
    #[arg(long)]
    port: Option<u16>,
    /// Check at this time instead of now: 2026-11-22, 2026-11-22T10:00:00Z or Unix seconds.
    #[arg(long)]
    at: Option<String>,
    /// A file with CA certificates to trust (a private CA); may be repeated.
    #[arg(long = "trust", value_name = "FILE")]
    trust: Vec<String>,
    /// Trust only the --trust certificates, not the built-in Mozilla roots.
    #[arg(long)]
    only_trusted_roots: bool,
    /// Judge by the Web PKI rules (rustls-webpki/pyca) instead of the stricter mail-client rules.
    #[arg(long)]
    webpki: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Input files; `-` or none reads standard input.
    files: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Writes to standard output; a closed pipe (`certscope ... | head`) is not an error.
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("explain") {
        return explain(argv.get(2).map(String::as_str));
    }
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("certscope: {msg}");
            if args.format == Format::Json {
                // JSON readers get JSON in every case.
                out(&format!("{}\n", serde_json::json!({ "verdict": "invalid_input", "error": msg })));
            }
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let at = match &args.at {
        Some(t) => certscope::time::parse(t).ok_or_else(|| format!("cannot read the time {t:?}; use 2026-11-22 or 2026-11-22T10:00:00Z"))?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| format!("the system clock is before 1970: {e}"))?
            .as_secs() as i64,
    };
    let mut input = Vec::new();
    if args.files.is_empty() || args.files.iter().any(|f| f == "-") {
        std::io::stdin().read_to_end(&mut input).map_err(|e| format!("cannot read standard input: {e}"))?;
    }
    for f in args.files.iter().filter(|f| *f != "-") {
        let bytes = std::fs::read(f).map_err(|e| format!("cannot read {f:?}: {e}"))?;
        input.extend_from_slice(&bytes);
        input.push(b'\n');
    }
    let trust = args
        .trust
        .iter()
        .map(|f| std::fs::read(f).map_err(|e| format!("cannot read trust file {f:?}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let opts = Options {
        host: args.host.clone(),
        port: args.port,
        at,
        trust,
        only_trusted_roots: args.only_trusted_roots,
        profile: if args.webpki { Profile::WebPki } else { Profile::MailStrict },
        leaf: None,
    };
    let report = inspect(&input, &opts);
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| format!("cannot write JSON: {e}"))?;
            out(&format!("{json}\n"));
        }
        Format::Text => out(&text(&report)),
    }
    Ok(match report.verdict {
        Verdict::Trusted => ExitCode::SUCCESS,
        Verdict::Untrusted => ExitCode::from(1),
        Verdict::InvalidInput => ExitCode::from(2),
    })
}

/// The report as an administrator reads it in a terminal: verdict, findings, chain. A paste of
/// several captures (one per port) gets one section per capture, each with its own verdict.
fn text(r: &Report) -> String {
    let mut out = String::new();
    out.push_str(verdict_line(r.verdict));
    if let Some(h) = &r.context.host {
        out.push_str(&format!(" for {h}"));
    }
    out.push_str(&format!(" (at {})\n", r.context.at));
    if r.captures.len() > 1 {
        for cap in &r.captures {
            let of_capture = |f: &&Finding| f.facts.get("capture").and_then(serde_json::Value::as_u64) == Some(cap.index as u64);
            let port = cap.port.map(|p| format!(":{p}")).unwrap_or_default();
            let mode = cap.starttls.as_ref().map(|s| format!(" (STARTTLS {s})")).unwrap_or_default();
            let host = cap.host.as_deref().unwrap_or("(no host)");
            out.push_str(&format!("\n=== Capture {}: {host}{port}{mode}: {}\n", cap.index + 1, verdict_line(cap.verdict)));
            findings_text(&mut out, r.findings.iter().filter(of_capture));
            chain_text(&mut out, r, &cap.chain.path, cap.chain.missing_issuer.as_deref(), &cap.certificates);
        }
        let rest: Vec<&Finding> = r.findings.iter().filter(|f| !f.facts.contains_key("capture")).collect();
        if !rest.is_empty() {
            out.push_str("\n=== The whole paste\n");
            findings_text(&mut out, rest.into_iter());
        }
        return out;
    }
    findings_text(&mut out, r.findings.iter());
    let all: Vec<usize> = r.certificates.iter().map(|c| c.index).collect();
    chain_text(&mut out, r, &r.chain.path, r.chain.missing_issuer.as_deref(), &all);
    out
}

fn verdict_line(v: Verdict) -> &'static str {
    match v {
        Verdict::Trusted => "TRUSTED: a mail client would accept this chain",
        Verdict::Untrusted => "NOT TRUSTED: a mail client would refuse this chain",
        Verdict::InvalidInput => "NO CERTIFICATE: nothing to check in this input",
    }
}

/// Each finding: severity, id and message, then the administrator's cause and fix.
fn findings_text<'a>(out: &mut String, findings: impl Iterator<Item = &'a Finding>) {
    let mut findings = findings.peekable();
    if findings.peek().is_some() {
        out.push_str("\nFindings:\n");
    }
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("  [{sev}] {}: {}\n", f.id.as_str(), f.message));
        // The administrator's part: the cause in this case, then the fix.
        let admin = catalog::entry(f.id).and_then(|e| e.more.get("admin"));
        for part in ["cause", "fix"] {
            if let Some(text) = admin.and_then(|a| a.get(part)).and_then(|v| v.as_str()) {
                for line in catalog::fill(text, f).lines() {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
}

/// The path, the missing issuer, then the other certificates of `certs` (indices into the report).
fn chain_text(out: &mut String, r: &Report, path: &[usize], missing: Option<&str>, certs: &[usize]) {
    out.push_str("\nChain:\n");
    if path.is_empty() && certs.is_empty() {
        out.push_str("  (no certificate)\n");
    }
    for (pos, &i) in path.iter().enumerate() {
        if let Some(c) = r.certificates.get(i) {
            out.push_str(&format!("  {pos}. {}\n", cert_line(c)));
        }
    }
    if let Some(m) = missing {
        out.push_str(&format!("  {}. (missing) {m}\n", path.len()));
    }
    let others: Vec<&CertReport> = certs.iter().filter(|i| !path.contains(i)).filter_map(|&i| r.certificates.get(i)).collect();
    if !others.is_empty() {
        out.push_str("\nNot on the path:\n");
        for c in others {
            out.push_str(&format!("  #{} {}\n", c.index, cert_line(c)));
        }
    }
}

fn cert_line(c: &CertReport) -> String {
    let source = match c.source {
        Some(certscope::report::CertSource::Sent) => "sent",
        Some(certscope::report::CertSource::UserTrust) => "your trusted CA",
        Some(certscope::report::CertSource::TrustStore) => "trust store",
        None => "",
    };
    let mut s = format!("{} [{source}]", c.subject);
    if let (Some(nb), Some(na)) = (&c.not_before, &c.not_after) {
        s.push_str(&format!("\n       valid {nb} to {na}"));
        if let Some(d) = c.days_left {
            s.push_str(&if d >= 0 { format!(" ({d} days left)") } else { format!(" (expired {} days ago)", -d) });
        }
    }
    if !c.dns_names.is_empty() || !c.ip_addresses.is_empty() {
        let names: Vec<&str> = c.dns_names.iter().chain(c.ip_addresses.iter()).map(String::as_str).collect();
        s.push_str(&format!("\n       names: {}", names.join(", ")));
    }
    s.push_str(&format!("\n       key: {}", c.key));
    if let Some(sig) = &c.signature_algorithm {
        s.push_str(&format!(", signature: {sig}"));
    }
    if let Some(fp) = &c.sha256 {
        s.push_str(&format!("\n       SHA-256: {fp}"));
    }
    s
}

/// `certscope explain ID`: prints one catalog entry as text.
fn explain(id: Option<&str>) -> ExitCode {
    let Some(id) = id else {
        eprintln!("usage: certscope explain FINDING_ID");
        for id in certscope::FindingId::ALL {
            eprintln!("  {}", id.as_str());
        }
        return ExitCode::from(2);
    };
    let Some(entry) = certscope::FindingId::from_name(id).and_then(catalog::entry) else {
        eprintln!("certscope: unknown finding id {id:?}; run `certscope explain` for the list");
        return ExitCode::from(2);
    };
    out(&explain_text(id, entry));
    ExitCode::SUCCESS
}

/// One catalog entry laid out for a terminal; placeholders stay as `{name}`.
fn explain_text(id: &str, entry: &catalog::Entry) -> String {
    let get = |path: &[&str]| -> Option<&serde_json::Value> {
        let (first, rest) = path.split_first()?;
        rest.iter().try_fold(entry.more.get(*first)?, |v, key| v.get(key))
    };
    let text = |path: &[&str]| get(path).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let mut out = format!("{id}: {}\n", entry.title);
    let summary = text(&["summary"]);
    if !summary.is_empty() {
        out.push_str(&format!("\n{summary}\n"));
    }
    out.push_str("\nFor the person with the mail app\n");
    for (label, path) in [("What it means", ["user", "meaning"]), ("Is it dangerous", ["user", "danger"])] {
        out.push_str(&format!("  {label}: {}\n", text(&path)));
    }
    if let Some(actions) = get(&["user", "actions"]).and_then(|v| v.as_array()) {
        out.push_str("  What you can do:\n");
        for (n, a) in actions.iter().filter_map(|a| a.as_str()).enumerate() {
            out.push_str(&format!("    {}. {a}\n", n + 1));
        }
    }
    if let Some(apps) = get(&["user", "apps"]).and_then(|v| v.as_object()) {
        for (app, tip) in apps {
            out.push_str(&format!("  {app}: {}\n", tip.as_str().unwrap_or_default()));
        }
    }
    out.push_str("\nFor the server administrator\n");
    out.push_str(&format!("  Cause: {}\n", text(&["admin", "cause"])));
    out.push_str("  Fix:\n");
    for line in text(&["admin", "fix"]).lines() {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str(&format!("  Check: {}\n", text(&["admin", "check"])));
    if !entry.cite.is_empty() {
        out.push_str(&format!("\nRule: {}\n", entry.cite));
    }
    out
}
