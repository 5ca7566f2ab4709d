//! Times `certscope::inspect` natively on the inputs of `benches/cases.json` and prints one
//! JSON object `{name: median microseconds}`. `scripts/bench-wasm.mjs` runs it beside the wasm
//! build in Node and Chromium, in the same run, and prints the ratios (criterion's
//! `cargo bench` remains the careful native measurement).
//!
//!     cargo run --release --example bench_native
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "benchmark tool")]

use std::io::Read as _;
use std::time::{Duration, Instant};

/// Samples per case; the median is reported, so a descheduled sample does not move it.
const SAMPLES: usize = 15;
/// Each sample repeats the inspection until it lasts this long, so the clock's resolution and
/// one-off costs vanish (the same rule as scripts/bench-wasm.mjs).
const SAMPLE_TIME: Duration = Duration::from_millis(10);

fn read(root: &std::path::Path, rel: &str) -> Vec<u8> {
    let path = root.join(rel);
    if let Ok(bytes) = std::fs::read(&path) {
        return bytes;
    }
    let gz = std::fs::File::open(root.join(format!("{rel}.gz"))).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz).read_to_end(&mut out).unwrap();
    out
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join("benches/cases.json")).unwrap()).unwrap();
    let at = spec["at"].as_i64().unwrap();
    let mut out = serde_json::Map::new();
    for case in spec["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let input = read(root, case["input"].as_str().unwrap());
        let opts = certscope::Options {
            host: case["host"].as_str().map(str::to_string),
            at,
            trust: vec![read(root, case["trust"].as_str().unwrap())],
            only_trusted_roots: !case["mozilla"].as_bool().unwrap_or(false),
            profile: if case["webpki"].as_bool().unwrap_or(false) { certscope::Profile::WebPki } else { certscope::Profile::MailStrict },
            ..certscope::Options::default()
        };
        std::hint::black_box(certscope::inspect(&input, &opts));
        let mut per_run: Vec<f64> = (0..SAMPLES)
            .map(|_| {
                let start = Instant::now();
                let mut n = 0u32;
                while start.elapsed() < SAMPLE_TIME {
                    std::hint::black_box(certscope::inspect(std::hint::black_box(&input), &opts));
                    n += 1;
                }
                start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
            })
            .collect();
        per_run.sort_by(f64::total_cmp);
        out.insert(name.to_string(), serde_json::json!((per_run[SAMPLES / 2] * 10.0).round() / 10.0));
    }
    println!("{}", serde_json::Value::Object(out));
}
