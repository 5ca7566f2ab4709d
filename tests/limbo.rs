//! x509-limbo conformance harness for certscope.
//!
//! Run with `cargo test --release --test limbo -- --ignored --nocapture` (`./build.sh test` does).
//!
//! Reads only the vendored data in `tests/limbo/` (see `tests/limbo/LICENSE-NOTE.md`):
//! selects the core set described by `profile.json`, runs every case through
//! `certscope::inspect` on worker threads with a per-case timeout, writes
//! `target/limbo-results.json` in limbo's result format, prints agreement figures next to the
//! vendored anchor results, and fails on any divergence not listed in `exceptions.txt`, on stale
//! exceptions, or when agreement drops below [`MIN_AGREEMENT_PERMILLE`].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test harness: failing loudly is the point"
)]

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// Minimum agreement with the expected results on the core set, in tenths of a percent (99.8 %).
/// Chosen by the team as the release bar: at most ~19 of 9,734 cases may diverge (all listed).
const MIN_AGREEMENT_PERMILLE: u64 = 998;

/// Per-case limit for testcases whose features are in `run_with_timeout_features`
/// (`denial-of-service`): profile.json says "must finish FAILURE within 5 s per case".
const DOS_TIMEOUT: Duration = Duration::from_secs(5);

/// Per-case limit for every other testcase. Generous: a normal case takes milliseconds; this only
/// exists so that an accidental infinite loop is reported as HANG instead of stalling CI.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Stack for each case thread. Parsing is recursive; 16 MiB of reserved (not committed) stack
/// keeps a deep-but-finite recursion from turning into an abort that would kill the whole run.
const CASE_STACK_BYTES: usize = 16 * 1024 * 1024;

/// How many cases run at once. The CI machine has 2 cores.
const MAX_WORKERS: usize = 2;

/// How many lines of the unlisted-divergence block are printed; the full block is always written to
/// `target/limbo-unlisted.txt`. Keeps the log readable while the core is young.
const MAX_PRINTED_UNLISTED: usize = 200;

/// How many findings go into the `context` of a result.
const CONTEXT_FINDINGS: usize = 3;

// ---------------------------------------------------------------------------------------------
// Input formats (only the fields we need; serde ignores the rest).

#[derive(Deserialize)]
struct Limbo {
    version: u32,
    testcases: Vec<Testcase>,
}

#[derive(Deserialize)]
struct Testcase {
    id: String,
    #[serde(default)]
    conflicts_with: Vec<String>,
    #[serde(default)]
    features: Vec<String>,
    validation_kind: String,
    trusted_certs: Vec<String>,
    untrusted_intermediates: Vec<String>,
    peer_certificate: String,
    validation_time: Option<String>,
    expected_result: String,
    expected_peer_name: Option<PeerName>,
}

#[derive(Deserialize)]
struct PeerName {
    /// A DNS name or an IP literal (`kind` says which; certscope tells them apart itself).
    value: String,
}

#[derive(Deserialize)]
struct Profile {
    limbo_source_commit: String,
    run_only_validation_kind: String,
    skip_features: BTreeMap<String, String>,
    run_with_timeout_features: BTreeMap<String, String>,
    conflict_rule: String,
    skip_ids_by_conflict: Vec<String>,
    core_set_size: usize,
    core_expected: BTreeMap<String, usize>,
}

/// limbo's result format: `{"version":1,"harness":NAME,"results":[...]}`.
#[derive(serde::Serialize)]
struct ResultsOut<'a> {
    version: u32,
    harness: &'a str,
    results: Vec<ResultOut<'a>>,
}

/// One entry of limbo's result format (field order as upstream writes it).
#[derive(serde::Serialize)]
struct ResultOut<'a> {
    id: &'a str,
    actual_result: &'a str,
    context: String,
}

#[derive(Deserialize)]
struct ResultsFile {
    harness: String,
    results: Vec<ResultEntry>,
}

#[derive(Deserialize)]
struct ResultEntry {
    id: String,
    actual_result: String,
}

// ---------------------------------------------------------------------------------------------
// Paths and loading.

fn limbo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("limbo")
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
            }
        }
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
    }
}

fn read_gz(path: &Path) -> Vec<u8> {
    let file =
        std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("cannot gunzip {}: {e}", path.display()));
    out
}

fn load_limbo() -> Limbo {
    let path = limbo_dir().join("limbo.json.gz");
    let bytes = read_gz(&path);
    let limbo: Limbo = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()));
    assert_eq!(limbo.version, 1, "unexpected limbo.json version");
    limbo
}

fn load_profile() -> Profile {
    let path = limbo_dir().join("profile.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

/// Exceptions: `id -> reason`. Panics on a malformed file (missing reason, duplicate id).
fn load_exceptions() -> BTreeMap<String, String> {
    let path = limbo_dir().join("exceptions.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, reason) = match line.split_once(char::is_whitespace) {
            Some((id, reason)) => (id, reason.trim()),
            None => (line, ""),
        };
        if reason.is_empty() {
            problems.push(format!("line {}: `{id}` has no reason", n + 1));
        } else if out.insert(id.to_owned(), reason.to_owned()).is_some() {
            problems.push(format!("line {}: `{id}` is listed twice", n + 1));
        }
    }
    assert!(
        problems.is_empty(),
        "malformed {}:\n  {}",
        path.display(),
        problems.join("\n  ")
    );
    out
}

fn load_anchors() -> Vec<(String, HashMap<String, String>)> {
    let dir = limbo_dir().join("anchor-results");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".json.gz"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let file: ResultsFile = serde_json::from_slice(&read_gz(path))
                .unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()));
            let map = file
                .results
                .into_iter()
                .map(|r| (r.id, r.actual_result))
                .collect();
            (file.harness, map)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Time.

/// Parses RFC 3339 (`2026-11-21T03:25:31+00:00`, `...Z`, optional fraction) to unix seconds.
/// The fraction is dropped (validity times in certificates have whole seconds).
fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let oh: i64 = rest[1..3].parse().ok()?;
            let om: i64 = rest[4..6].parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// Core-set selection.

enum Selection {
    Core,
    Skipped(String),
}

fn select(case: &Testcase, profile: &Profile, by_id: &HashMap<&str, &Testcase>) -> Selection {
    if case.validation_kind != profile.run_only_validation_kind {
        return Selection::Skipped(format!(
            "validation_kind {} (profile runs {} only)",
            case.validation_kind, profile.run_only_validation_kind
        ));
    }
    let skipped_feature = |c: &Testcase| -> Option<(String, String)> {
        c.features.iter().find_map(|f| {
            profile
                .skip_features
                .get(f)
                .map(|reason| (f.clone(), reason.clone()))
        })
    };
    if let Some((feature, reason)) = skipped_feature(case) {
        return Selection::Skipped(format!("feature {feature}: {reason}"));
    }
    if profile.skip_ids_by_conflict.contains(&case.id) {
        return Selection::Skipped(format!("conflict: {}", profile.conflict_rule));
    }
    // conflict_rule: for each conflicts_with pair keep the webpki:: testcase unless it carries a
    // skipped feature; skip the other one.
    if !case.id.starts_with("webpki::") {
        for other in &case.conflicts_with {
            let Some(twin) = by_id.get(other.as_str()) else {
                continue;
            };
            if other.starts_with("webpki::") && skipped_feature(twin).is_none() {
                return Selection::Skipped(format!(
                    "conflicts with {other}, which is run instead ({})",
                    profile.conflict_rule
                ));
            }
        }
    }
    Selection::Core
}

// ---------------------------------------------------------------------------------------------
// Running one case: the only place that touches the certscope API.

struct Evaluated {
    accepted: bool,
    /// `(id, severity, message)`, errors first.
    findings: Vec<(String, String, String)>,
}

fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => format!("<unserializable: {e}>"),
    }
}

fn evaluate(case: &Testcase, now: i64) -> Evaluated {
    // Checked before the run (see `limbo_core_set`), so `None` here means "no time given".
    let unix_seconds = case
        .validation_time
        .as_deref()
        .and_then(parse_rfc3339)
        .unwrap_or(now);
    let opts = certscope::Options {
        host: case.expected_peer_name.as_ref().map(|p| p.value.clone()),
        port: None,
        at: unix_seconds,
        trust: case
            .trusted_certs
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect(),
        only_trusted_roots: true,
        profile: certscope::Profile::WebPki,
        leaf: Some(0),
    };
    let mut input = case.peer_certificate.clone();
    input.push('\n');
    input.push_str(&case.untrusted_intermediates.join("\n"));
    let report: certscope::Report = certscope::inspect(input.as_bytes(), &opts);
    let accepted = matches!(report.verdict, certscope::Verdict::Trusted);
    let mut findings: Vec<(String, String, String)> = report
        .findings
        .iter()
        .map(|f| (json_name(&f.id), json_name(&f.severity), f.message.clone()))
        .collect();
    // Stable sort: errors first, otherwise in the report's order.
    findings.sort_by_key(|(_, severity, _)| severity != "error");
    Evaluated { accepted, findings }
}

// ---------------------------------------------------------------------------------------------
// Running all cases with timeouts and panic capture.

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Accepted,
    Rejected,
    Panicked(String),
    Hang,
}

struct CaseResult {
    outcome: Outcome,
    /// First findings as `id: message`, for the results file and the divergence list.
    context: String,
    elapsed: Duration,
}

thread_local! {
    /// The last panic message and location on this thread, filled by the harness's panic hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "<non-string panic payload>".to_owned());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text = format!("{msg}{at}");
        // Panics on the harness's own thread (assertion failures) must still be visible.
        if std::thread::current()
            .name()
            .is_none_or(|n| !n.starts_with("limbo-case "))
        {
            eprintln!("panicked: {text}");
        }
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
    }));
}

fn run_one(cases: &Arc<Vec<Testcase>>, index: usize, timeout: Duration, now: i64) -> CaseResult {
    let (tx, rx) = mpsc::channel();
    let shared = Arc::clone(cases);
    let started = Instant::now();
    let spawned = std::thread::Builder::new()
        .name(format!("limbo-case {}", cases[index].id))
        .stack_size(CASE_STACK_BYTES)
        .spawn(move || {
            let case = &shared[index];
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| evaluate(case, now)));
            let result = result.map_err(|_| {
                LAST_PANIC
                    .with(|p| p.borrow_mut().take())
                    .unwrap_or_else(|| "panic".to_owned())
            });
            let _ = tx.send((result, started.elapsed()));
        });
    if let Err(e) = spawned {
        panic!("cannot spawn a case thread: {e}");
    }
    match rx.recv_timeout(timeout) {
        Ok((Ok(eval), elapsed)) => {
            let context = eval
                .findings
                .iter()
                .take(CONTEXT_FINDINGS)
                .map(|(id, _, msg)| format!("{id}: {msg}"))
                .collect::<Vec<_>>()
                .join("; ");
            let outcome = if eval.accepted {
                Outcome::Accepted
            } else {
                Outcome::Rejected
            };
            CaseResult {
                outcome,
                context,
                elapsed,
            }
        }
        Ok((Err(msg), elapsed)) => CaseResult {
            outcome: Outcome::Panicked(msg.clone()),
            context: format!("panic: {msg}"),
            elapsed,
        },
        // The thread is left running (it cannot be killed); the process exits at the end.
        Err(mpsc::RecvTimeoutError::Timeout) => CaseResult {
            outcome: Outcome::Hang,
            context: format!("no answer within {} s", timeout.as_secs()),
            elapsed: started.elapsed(),
        },
        Err(mpsc::RecvTimeoutError::Disconnected) => CaseResult {
            outcome: Outcome::Panicked("case thread ended without a result".to_owned()),
            context: "panic: case thread ended without a result".to_owned(),
            elapsed: started.elapsed(),
        },
    }
}

fn run_all(
    cases: &Arc<Vec<Testcase>>,
    core: &[usize],
    profile: &Profile,
    now: i64,
) -> HashMap<usize, CaseResult> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_WORKERS);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::with_capacity(core.len()));
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&index) = core.get(k) else { break };
                    let case = &cases[index];
                    let timeout = if case
                        .features
                        .iter()
                        .any(|f| profile.run_with_timeout_features.contains_key(f))
                    {
                        DOS_TIMEOUT
                    } else {
                        DEFAULT_TIMEOUT
                    };
                    let result = run_one(cases, index, timeout, now);
                    results.lock().unwrap().insert(index, result);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if n.is_multiple_of(2000) {
                        eprintln!("  ... {n}/{} cases", core.len());
                    }
                }
            });
        }
    });
    results.into_inner().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Reporting helpers.

fn group_of(id: &str) -> &str {
    id.rsplit_once("::").map_or(id, |(group, _)| group)
}

fn percent(agree: usize, total: usize) -> String {
    if total == 0 {
        return "n/a".to_owned();
    }
    format!("{:.2} %", agree as f64 * 100.0 / total as f64)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn actual_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Accepted => "SUCCESS",
        // A panic is written as FAILURE (the certificate was not accepted) with context "panic: ...";
        // the harness itself counts it as a divergence whatever was expected.
        Outcome::Rejected | Outcome::Panicked(_) => "FAILURE",
        Outcome::Hang => "HANG",
    }
}

fn print_groups(title: &str, ids: &[&str]) {
    println!("{title}: {}", ids.len());
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        *groups.entry(group_of(id)).or_default() += 1;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (group, n) in groups {
        println!("  {n:>5}  {group}");
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
#[ignore = "slow: run with `cargo test --release --test limbo -- --ignored --nocapture`"]
fn limbo_core_set() {
    let t0 = Instant::now();
    let limbo = load_limbo();
    let profile = load_profile();
    let exceptions = load_exceptions();
    let anchors = load_anchors();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut failures: Vec<String> = Vec::new();

    // Select the core set.
    let by_id: HashMap<&str, &Testcase> =
        limbo.testcases.iter().map(|c| (c.id.as_str(), c)).collect();
    assert_eq!(
        by_id.len(),
        limbo.testcases.len(),
        "duplicate testcase ids in limbo.json"
    );
    let mut core: Vec<usize> = Vec::new();
    let mut skipped: BTreeMap<usize, String> = BTreeMap::new();
    for (i, case) in limbo.testcases.iter().enumerate() {
        match select(case, &profile, &by_id) {
            Selection::Core => core.push(i),
            Selection::Skipped(reason) => {
                skipped.insert(i, reason);
            }
        }
    }
    let mut split: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &core {
        *split
            .entry(limbo.testcases[i].expected_result.clone())
            .or_default() += 1;
    }
    println!(
        "limbo (upstream {}): {} testcases; core set {} {:?}; skipped {}",
        &profile.limbo_source_commit[..12.min(profile.limbo_source_commit.len())],
        limbo.testcases.len(),
        core.len(),
        split,
        skipped.len()
    );
    if core.len() != profile.core_set_size || split != profile.core_expected {
        let msg = format!(
            "core set differs from profile.json: selected {} {:?}, profile says {} {:?}",
            core.len(),
            split,
            profile.core_set_size,
            profile.core_expected
        );
        eprintln!("{msg}");
        failures.push(msg);
    }
    if let Some(bad) = core.iter().find(|&&i| {
        !matches!(
            limbo.testcases[i].expected_result.as_str(),
            "SUCCESS" | "FAILURE"
        )
    }) {
        panic!("unexpected expected_result in {}", limbo.testcases[*bad].id);
    }
    // Bad times are the data's fault, not certscope's: fail here, not as a "panic" of a case.
    for &i in &core {
        let case = &limbo.testcases[i];
        if let Some(t) = &case.validation_time {
            assert!(
                parse_rfc3339(t).is_some(),
                "{}: bad validation_time {t:?}",
                case.id
            );
        }
    }
    drop(by_id);

    // Run.
    let cases = Arc::new(limbo.testcases);
    install_quiet_panic_hook();
    let t_run = Instant::now();
    let results = run_all(&cases, &core, &profile, now);
    let run_time = t_run.elapsed();
    let _ = std::panic::take_hook();

    // Tally.
    let mut agree = 0usize;
    let mut false_accepts: Vec<&str> = Vec::new();
    let mut false_rejects: Vec<&str> = Vec::new();
    let mut panics: Vec<(&str, &str)> = Vec::new();
    let mut hangs: Vec<&str> = Vec::new();
    let mut divergent: BTreeMap<&str, (&str, &CaseResult)> = BTreeMap::new();
    for &i in &core {
        let case = &cases[i];
        let r = &results[&i];
        let expected = case.expected_result.as_str();
        let agrees = match &r.outcome {
            Outcome::Accepted => expected == "SUCCESS",
            Outcome::Rejected => expected == "FAILURE",
            Outcome::Panicked(msg) => {
                panics.push((&case.id, msg));
                false
            }
            Outcome::Hang => {
                hangs.push(&case.id);
                false
            }
        };
        if agrees {
            agree += 1;
        } else {
            match r.outcome {
                Outcome::Accepted => false_accepts.push(&case.id),
                Outcome::Rejected => false_rejects.push(&case.id),
                _ => {}
            }
            divergent.insert(&case.id, (expected, r));
        }
    }

    // Results file.
    let mut entries = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let (actual, context) = match (results.get(&i), skipped.get(&i)) {
            (Some(r), _) => (actual_name(&r.outcome), r.context.clone()),
            (None, Some(reason)) => ("SKIPPED", reason.clone()),
            (None, None) => ("SKIPPED", "not run".to_owned()),
        };
        entries.push(ResultOut {
            id: &case.id,
            actual_result: actual,
            context,
        });
    }
    let out = ResultsOut {
        version: 1,
        harness: "certscope",
        results: entries,
    };
    let out_path = target_dir().join("limbo-results.json");
    let _ = std::fs::create_dir_all(target_dir());
    match std::fs::write(&out_path, serde_json::to_string_pretty(&out).unwrap()) {
        Ok(()) => println!("wrote {}", out_path.display()),
        Err(e) => println!("could not write {}: {e}", out_path.display()),
    }

    // Report.
    println!(
        "ran {} cases in {:.1} s ({} worker threads)",
        results.len(),
        run_time.as_secs_f64(),
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_WORKERS)
    );
    println!(
        "agreement on the core set: {agree}/{} = {}",
        core.len(),
        percent(agree, core.len())
    );
    print_groups(
        "false accepts (we said SUCCESS, expected FAILURE)",
        &false_accepts,
    );
    print_groups(
        "false rejects (we said FAILURE, expected SUCCESS)",
        &false_rejects,
    );
    println!("panics: {}", panics.len());
    for (id, msg) in &panics {
        println!("  {id}: {}", one_line(msg));
    }
    println!("hangs: {}", hangs.len());
    for id in &hangs {
        println!("  {id}");
    }
    let mut by_time: Vec<(&str, Duration)> = core
        .iter()
        .map(|&i| (cases[i].id.as_str(), results[&i].elapsed))
        .collect();
    by_time.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("slowest cases:");
    for (id, t) in by_time.iter().take(5) {
        println!("  {:>9.3} ms  {id}", t.as_secs_f64() * 1000.0);
    }
    println!(
        "agreement of anchor validators on the same core set (SKIPPED or missing = disagreement):"
    );
    println!(
        "  {:<28} {agree:>5}/{}  {}",
        "certscope (this run)",
        core.len(),
        percent(agree, core.len())
    );
    for (harness, map) in &anchors {
        let n = core
            .iter()
            .filter(|&&i| {
                map.get(&cases[i].id)
                    .is_some_and(|a| *a == cases[i].expected_result)
            })
            .count();
        println!(
            "  {harness:<28} {n:>5}/{}  {}",
            core.len(),
            percent(n, core.len())
        );
    }

    // Exceptions.
    let unlisted: Vec<&str> = divergent
        .keys()
        .copied()
        .filter(|id| !exceptions.contains_key(*id))
        .collect();
    let core_ids: BTreeSet<&str> = core.iter().map(|&i| cases[i].id.as_str()).collect();
    let mut stale = Vec::new();
    let mut unknown = Vec::new();
    for id in exceptions.keys() {
        if !core_ids.contains(id.as_str()) {
            unknown.push(id.as_str());
        } else if !divergent.contains_key(id.as_str()) {
            stale.push(id.as_str());
        }
    }
    println!(
        "exceptions.txt: {} listed; {} divergences covered, {} unlisted, {} stale, {} not in the core set",
        exceptions.len(),
        divergent.len() - unlisted.len(),
        unlisted.len(),
        stale.len(),
        unknown.len()
    );
    if !unlisted.is_empty() {
        let mut block = String::new();
        for id in &unlisted {
            let (expected, r) = divergent[id];
            let actual = match &r.outcome {
                Outcome::Accepted => "SUCCESS",
                Outcome::Rejected => "FAILURE",
                Outcome::Panicked(_) => "PANIC",
                Outcome::Hang => "HANG",
            };
            let first = r
                .context
                .split("; ")
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or("no findings");
            let _ = writeln!(
                block,
                "{id}  TODO triage: expected {expected}, got {actual}; first finding: {}",
                one_line(first)
            );
        }
        let unlisted_path = target_dir().join("limbo-unlisted.txt");
        let _ = std::fs::write(&unlisted_path, &block);
        println!(
            "---- unlisted divergences: triage, then fix or paste into tests/limbo/exceptions.txt ----"
        );
        for line in block.lines().take(MAX_PRINTED_UNLISTED) {
            println!("{line}");
        }
        if unlisted.len() > MAX_PRINTED_UNLISTED {
            println!("... {} more", unlisted.len() - MAX_PRINTED_UNLISTED);
        }
        println!("---- end (full block: {}) ----", unlisted_path.display());
        failures.push(format!(
            "{} divergent core cases are not in exceptions.txt (block printed above)",
            unlisted.len()
        ));
    }
    if !stale.is_empty() {
        println!("stale exceptions (these cases now agree; delete them from exceptions.txt):");
        for id in &stale {
            println!("  {id}");
        }
        failures.push(format!(
            "{} stale exceptions: {}",
            stale.len(),
            stale.join(", ")
        ));
    }
    if !unknown.is_empty() {
        failures.push(format!(
            "exceptions not in the core set (typo or skipped case): {}",
            unknown.join(", ")
        ));
    }
    if (agree as u64) * 1000 < (core.len() as u64) * MIN_AGREEMENT_PERMILLE {
        failures.push(format!(
            "agreement {} is below the {}.{} % floor",
            percent(agree, core.len()),
            MIN_AGREEMENT_PERMILLE / 10,
            MIN_AGREEMENT_PERMILLE % 10
        ));
    }
    println!(
        "limbo harness finished in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "x509-limbo conformance failed:\n  - {}",
        failures.join("\n  - ")
    );
}

#[test]
fn rfc3339_parser() {
    assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_rfc3339("1970-01-01T00:00:00+00:00"), Some(0));
    assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
    assert_eq!(
        parse_rfc3339("2026-11-21T03:25:31+00:00"),
        Some(1_795_231_531)
    );
    assert_eq!(
        parse_rfc3339("2026-11-21T03:25:31.250+00:00"),
        Some(1_795_231_531)
    );
    assert_eq!(
        parse_rfc3339("2026-11-21T05:25:31+02:00"),
        Some(1_795_231_531)
    );
    assert_eq!(parse_rfc3339("2026-11-21"), None);
    assert_eq!(parse_rfc3339("2026-13-21T03:25:31Z"), None);
}
