//! Replays every file of `fuzz/corpus/TARGET/` and `fuzz/artifacts/TARGET/` through the same
//! function the cargo-fuzz target `TARGET` calls (`fuzz/src/lib.rs`, included here by path).
//!
//! This is how the fuzz targets run in CI: no libFuzzer, no nightly flags, an ordinary debug
//! build, so overflow checks and debug assertions are on. A crash the fuzzer found is committed
//! to `fuzz/artifacts/TARGET/` and fails this test until it is fixed; the seeds in
//! `fuzz/corpus/` keep each target's entry point exercised. Long fuzzing runs are manual
//! (`fuzz/run.sh`, figures in `fuzz/README.md`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: failing loudly is the point"
)]

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/KIND/TARGET/`, sorted; none when the directory does not exist.
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else { return vec![] };
    let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    out.sort();
    out
}

/// Runs every file of `fuzz/KIND/*` through its target; returns the count and the failures.
fn replay(kind: &str) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for &(target, run) in harness::TARGETS {
        for path in files(kind, target) {
            let data = std::fs::read(&path).unwrap();
            count += 1;
            if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .unwrap_or_default();
                failures.push(format!("fuzz/{kind}/{target}/{}: {why}", path.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    (count, failures)
}

#[test]
fn corpus_replays_cleanly() {
    let (count, failures) = replay("corpus");
    assert!(failures.is_empty(), "{} of {count} corpus files fail:\n{}", failures.len(), failures.join("\n"));
    for &(target, _) in harness::TARGETS {
        assert!(!files("corpus", target).is_empty(), "fuzz/corpus/{target}/ has no seeds (fuzz/make-seeds.sh makes them)");
    }
}

#[test]
fn artifacts_replay_cleanly() {
    let (count, failures) = replay("artifacts");
    assert!(failures.is_empty(), "{} of {count} crash reproducers still fail:\n{}", failures.len(), failures.join("\n"));
}

/// A directory of corpus or artifacts that no target reads would be skipped silently.
#[test]
fn every_directory_is_a_target() {
    for kind in ["corpus", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind)) else { continue };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(harness::TARGETS.iter().any(|(t, _)| *t == name), "fuzz/{kind}/{name}/ is not a fuzz target's directory");
        }
    }
}
