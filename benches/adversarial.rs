//! Time bounds on hostile input: every adversarial set of `tests/hostile/` (the path-building
//! sets, x509-limbo's `pathological::*` cases, the oversized certificates) is inspected in
//! under [`BOUND`] natively.
//!
//! `cargo bench --bench adversarial` first times each case (median of [`RUNS`] runs), prints a
//! table, and fails if any case is over the bound; then criterion measures each one. The bound
//! is only checked in optimised builds: `cargo test --all-targets` runs this file unoptimised
//! (criterion's test mode), where it only checks that every case still runs.
//! `tests/hostile.rs` checks what the reports say; this file checks how long they take.
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

/// Whom a case trusts: the generated test root, or the case's own `.trust.pem`.
#[derive(Clone, Copy)]
enum Trust {
    Root,
    Own,
}

/// (file under tests/hostile/, trust, host).
const CASES: &[(&str, Trust, &str)] = &[
    // Path building.
    ("mesh-12.pem", Trust::Own, "mail.example.test"),
    ("mesh-12-reachable.pem", Trust::Own, "mail.example.test"),
    ("chain-200.pem", Trust::Own, "mail.example.test"),
    ("copies-500.der", Trust::Root, "mail.example.test"),
    ("copies-500-leaf.pem", Trust::Root, "mail.example.test"),
    // x509-limbo pathological::*.
    ("limbo-multiple-chains-expired-intermediate.pem", Trust::Own, "example.com"),
    ("limbo-intermediate-cycle-distinct-cas.pem", Trust::Own, "example.com"),
    ("limbo-intermediate-cycle-distinct-cas-max-depth.pem", Trust::Own, "example.com"),
    ("limbo-intermediate-cycle-same-logical-ca.pem", Trust::Own, "example.com"),
    ("limbo-nc-dos-1.pem", Trust::Own, "t0.test"),
    ("limbo-nc-dos-2.pem", Trust::Own, "t0.test"),
    ("limbo-nc-dos-3.pem", Trust::Own, "t0.test"),
    ("limbo-pathological-chain-distinct-subject-distinct-key.pem", Trust::Own, "example.com"),
    ("limbo-pathological-chain-same-subject-distinct-key.pem", Trust::Own, "example.com"),
    ("limbo-pathological-chain-distinct-subject-same-key.pem", Trust::Own, "example.com"),
    ("limbo-pathological-chain-same-subject-same-key.pem", Trust::Own, "example.com"),
    // Oversized certificates and inputs.
    ("ext-20000-unknown.der", Trust::Root, "mail.example.test"),
    ("ext-20000-unknown-critical.der", Trust::Root, "mail.example.test"),
    ("ext-20000-duplicates.der", Trust::Root, "mail.example.test"),
    ("name-20000-cns.der", Trust::Root, "mail.example.test"),
    ("name-cn-100k.der", Trust::Root, "mail.example.test"),
    ("name-10000-rdns-nc.der", Trust::Root, "mail.example.test"),
    ("san-10000-host-last.der", Trust::Root, "mail.example.test"),
    ("nc-budget.pem", Trust::Root, "mail.example.test"),
    ("serial-huge.der", Trust::Root, "mail.example.test"),
    ("deep-nesting-definite.der", Trust::Root, "mail.example.test"),
    ("deep-nesting-indefinite.der", Trust::Root, "mail.example.test"),
    ("input-pem-blocks-450.pem", Trust::Root, "mail.example.test"),
    ("input-long-line.txt", Trust::Root, "mail.example.test"),
];

/// Reads `tests/hostile/NAME`, or `NAME.gz` gunzipped.
fn read(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/");
    if let Ok(bytes) = std::fs::read(format!("{dir}{name}")) {
        return bytes;
    }
    let file = std::fs::File::open(format!("{dir}{name}.gz")).unwrap_or_else(|e| panic!("tests/hostile/{name}: {e}"));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut out).unwrap();
    out
}

fn options(file: &str, trust: Trust, host: &str) -> Options {
    let trust = match trust {
        Trust::Root => read("root.pem"),
        Trust::Own => read(&file.replace(".pem", ".trust.pem")),
    };
    let profile = if file.starts_with("limbo-") { Profile::WebPki } else { Profile::MailStrict };
    Options { host: Some(host.into()), at: AT, trust: vec![trust], only_trusted_roots: true, profile, ..Options::default() }
}

/// Every case's input and options, plus one more than MAX_INPUT_BYTES (the chain, then 5 MiB
/// of spaces).
fn inputs() -> Vec<(String, Vec<u8>, Options)> {
    let mut out: Vec<(String, Vec<u8>, Options)> =
        CASES.iter().map(|&(file, trust, host)| (file.to_string(), read(file), options(file, trust, host))).collect();
    let mut big = read("chain.pem");
    big.extend(std::iter::repeat_n(b' ', 5 << 20));
    out.push(("over-max-input-bytes".into(), big, options("chain.pem", Trust::Root, "mail.example.test")));
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
    eprintln!("\n{:<58} {:>10} {:>10}  verdict, limits reached", "case", "bytes", "median");
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
    }
    assert!(over.is_empty(), "over the {BOUND:?} bound:\n  {}", over.join("\n  "));

    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, input, opts) in &cases {
        group.bench_function(name.as_str(), |b| b.iter(|| certscope::inspect(black_box(input), black_box(opts))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
