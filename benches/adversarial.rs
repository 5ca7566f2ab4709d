//! Time bounds on hostile input: every input in `tests/hostile/` (the path-building sets,
//! x509-limbo's `pathological::*` cases, the oversized certificates, and every small malformed
//! one beside them), plus one input over `MAX_INPUT_BYTES`, is inspected in under [`BOUND`]
//! natively.
//!
//! `cargo bench --bench adversarial` first times each input (median of [`RUNS`] runs), prints a
//! table, and fails if any is over the bound; then criterion measures the [`MEASURED`] ones,
//! the large inputs each built to make one part of the work blow up. The bound is only checked
//! in optimised builds: `cargo test --all-targets` runs this file unoptimised (criterion's test
//! mode), where it only checks that every input still runs.
//! `tests/hostile.rs` checks what the reports say; this file checks how long they take. It reads
//! the directory rather than `tests/hostile.rs`'s table, so a new hostile input is timed as soon
//! as it is committed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: failing loudly is the point"
)]

use certscope::{Options, Profile};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::io::Read as _;
use std::time::{Duration, Instant};

/// The most one inspection of a hostile input may take natively (issue 6: "each under 100 ms").
const BOUND: Duration = Duration::from_millis(100);

/// Runs per case for the bound check; the median is compared, so one descheduling on a busy
/// machine does not fail it.
const RUNS: usize = 5;

/// The validation time of tests/hostile (2026-06-01T00:00:00Z, as tests/pki).
const AT: i64 = 1_780_272_000;

/// The inputs criterion measures (every input is timed against [`BOUND`]): each is built to
/// blow up one part of the work, so a regression in that part shows here first.
const MEASURED: &[&str] = &[
    // Path building.
    "mesh-12.pem",
    "mesh-12-reachable.pem",
    "chain-200.pem",
    "copies-500.der",
    "copies-500-leaf.pem",
    // x509-limbo pathological::*.
    "limbo-multiple-chains-expired-intermediate.pem",
    "limbo-intermediate-cycle-distinct-cas.pem",
    "limbo-intermediate-cycle-distinct-cas-max-depth.pem",
    "limbo-intermediate-cycle-same-logical-ca.pem",
    "limbo-nc-dos-1.pem",
    "limbo-nc-dos-2.pem",
    "limbo-nc-dos-3.pem",
    "limbo-pathological-chain-distinct-subject-distinct-key.pem",
    "limbo-pathological-chain-same-subject-distinct-key.pem",
    "limbo-pathological-chain-distinct-subject-same-key.pem",
    "limbo-pathological-chain-same-subject-same-key.pem",
    // Oversized certificates and inputs.
    "ext-20000-unknown.der",
    "ext-20000-unknown-critical.der",
    "ext-20000-duplicates.der",
    "name-20000-cns.der",
    "name-cn-100k.der",
    "name-10000-rdns-nc.der",
    "san-10000-host-last.der",
    "nc-budget.pem",
    "serial-huge.der",
    "deep-nesting-definite.der",
    "deep-nesting-indefinite.der",
    "input-pem-blocks-450.pem",
    "input-long-line.txt",
    OVER_MAX_INPUT,
];

/// The name of the one input made here: the chain, then 5 MiB of spaces (over MAX_INPUT_BYTES).
const OVER_MAX_INPUT: &str = "over-max-input-bytes";

fn dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/")
}

/// Reads `tests/hostile/NAME`, or `NAME.gz` gunzipped; `None` when neither exists.
fn try_read(name: &str) -> Option<Vec<u8>> {
    if let Ok(bytes) = std::fs::read(format!("{}{name}", dir())) {
        return Some(bytes);
    }
    let file = std::fs::File::open(format!("{}{name}.gz", dir())).ok()?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut out).unwrap();
    Some(out)
}

fn read(name: &str) -> Vec<u8> {
    try_read(name).unwrap_or_else(|| panic!("tests/hostile/{name}: not found (run scripts/make-hostile.sh)"))
}

/// The options `tests/hostile.rs` inspects a file with: the file's own `NAME.trust.pem` when
/// there is one (path-building sets, limbo cases), else the test PKI's `root.pem`; the host
/// and profile x509-limbo's cases are judged by for `limbo-*`, else the test PKI's.
fn options(file: &str) -> Options {
    let own = file.strip_suffix(".pem").and_then(|stem| try_read(&format!("{stem}.trust.pem")));
    let trust = own.unwrap_or_else(|| read("root.pem"));
    let (host, profile) = match file {
        f if f.starts_with("limbo-nc-dos-") => ("t0.test", Profile::WebPki),
        f if f.starts_with("limbo-") => ("example.com", Profile::WebPki),
        _ => ("mail.example.test", Profile::MailStrict),
    };
    Options { host: Some(host.into()), at: AT, trust: vec![trust], only_trusted_roots: true, profile, ..Options::default() }
}

/// Every input of `tests/hostile/` (not its README, `root.pem` or the `*.trust.pem` anchors),
/// sorted by name, plus [`OVER_MAX_INPUT`].
fn inputs() -> Vec<(String, Vec<u8>, Options)> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| n.strip_suffix(".gz").map(str::to_string).unwrap_or(n))
        .filter(|n| n != "README.md" && n != "root.pem" && !n.contains(".trust."))
        .collect();
    names.sort();
    let mut out: Vec<(String, Vec<u8>, Options)> = names.into_iter().map(|n| (n.clone(), read(&n), options(&n))).collect();
    for name in MEASURED {
        assert!(*name == OVER_MAX_INPUT || out.iter().any(|(n, _, _)| n == name), "MEASURED names {name}, which is not in tests/hostile/");
    }
    let mut big = read("chain.pem");
    big.extend(std::iter::repeat_n(b' ', 5 << 20));
    out.push((OVER_MAX_INPUT.into(), big, options("chain.pem")));
    out
}

fn median(input: &[u8], opts: &Options) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(certscope::inspect(black_box(input), opts));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn bench(c: &mut Criterion) {
    let cases = inputs();
    let optimised = !cfg!(debug_assertions);
    let mut over = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    eprintln!("\n{:<58} {:>10} {:>10}  verdict, limits reached", "input", "bytes", "median");
    for (name, input, opts) in &cases {
        let report = certscope::inspect(input, opts);
        let limits: Vec<String> = report
            .findings
            .iter()
            .filter_map(|f| f.facts.get("limit").and_then(|v| v.as_str()).map(str::to_string))
            .collect();
        let time = if optimised { median(input, opts) } else { Duration::ZERO };
        eprintln!("{name:<58} {:>10} {:>8.2}ms  {:?} {limits:?}", input.len(), time.as_secs_f64() * 1e3, report.verdict);
        if time > BOUND {
            over.push(format!("{name}: {time:?}"));
        }
        if time > slowest.0 {
            slowest = (time, name.clone());
        }
    }
    if optimised {
        eprintln!("{} inputs, {} over {BOUND:?}; slowest {} at {:.2}ms\n", cases.len(), over.len(), slowest.1, slowest.0.as_secs_f64() * 1e3);
    }
    assert!(over.is_empty(), "over the {BOUND:?} bound:\n  {}", over.join("\n  "));

    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, input, opts) in cases.iter().filter(|(n, _, _)| MEASURED.contains(&n.as_str())) {
        group.bench_function(name.as_str(), |b| b.iter(|| certscope::inspect(black_box(input), black_box(opts))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
