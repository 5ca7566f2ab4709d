//! Full analysis (read input, parse, build the path, verify signatures, judge, report) of
//! root -> intermediate -> leaf chains made by `scripts/make-bench-chains.sh`.
//! Compare the medians as ratios within one run: these machines are noisy.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// 2026-06-01T00:00:00Z: inside every bench chain's validity.
const AT: i64 = 1_780_272_000;

fn chain(name: &str) -> (Vec<u8>, Vec<u8>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/");
    let read = |f: String| std::fs::read(format!("{dir}{f}")).unwrap_or_else(|e| panic!("benches/data/{f}: {e}"));
    (read(format!("{name}.chain.pem")), read(format!("{name}.root.pem")))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("inspect");
    for name in ["rsa2048", "p256", "p384", "ed25519", "mixed"] {
        let (input, root) = chain(name);
        let opts = certscope::Options {
            host: Some("mail.example.test".into()),
            at: AT,
            trust: vec![root],
            only_trusted_roots: true,
            ..certscope::Options::default()
        };
        let report = certscope::inspect(&input, &opts);
        assert_eq!(report.verdict, certscope::Verdict::Trusted, "{name}: {:?}", report.findings);
        group.bench_function(name, |b| b.iter(|| certscope::inspect(black_box(&input), black_box(&opts))));
    }
    // The same RSA chain against the built-in Mozilla roots too (150 anchors to search).
    let (input, root) = chain("rsa2048");
    let opts = certscope::Options { host: Some("mail.example.test".into()), at: AT, trust: vec![root], ..certscope::Options::default() };
    group.bench_function("rsa2048_with_mozilla_roots", |b| b.iter(|| certscope::inspect(black_box(&input), black_box(&opts))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
