#!/usr/bin/env bash
# Runs one fuzz target for a while, niced, and keeps its log: the manual "long run".
#
#   fuzz/run.sh TARGET [SECONDS]       e.g. fuzz/run.sh inspect 600
#
# Builds with `cargo fuzz build -O` (RUSTC_BOOTSTRAP=1, because cargo-fuzz passes nightly
# flags; stable 1.95 is enough with it), then runs libFuzzer on a working corpus in
# fuzz/work/TARGET (not kept) seeded from fuzz/corpus/TARGET (kept). Crashes, timeouts and
# out-of-memory inputs land in fuzz/artifacts/TARGET/, which tests/fuzz_replay.rs replays.
# The log is fuzz/work/TARGET.log; the last `cov:` line and `stat::` lines are the figures
# fuzz/README.md records.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}

case $target in
  input | inspect | inspect_trust) dict=dict/input.dict; max_len=16384 ;;
  cert | name_constraints) dict=dict/der.dict; max_len=8192 ;;
  host) dict=dict/host.dict; max_len=1024 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

RUSTC_BOOTSTRAP=1 nice cargo fuzz build -O "$target"
mkdir -p "work/$target" "artifacts/$target"
# -timeout: one input taking 5 s is a hang (a normal one takes milliseconds, with ASan).
# -malloc_limit_mb: one allocation of 64 MiB from an input of at most 16 KiB is unbounded
#  memory (the library's own largest legitimate buffer is a copy of a 4 MiB input).
# -rss_limit_mb: the whole process, ASan's quarantine included.
nice ./target/x86_64-unknown-linux-gnu/release/"$target" "work/$target" "corpus/$target" \
  -dict="$dict" -max_len="$max_len" -max_total_time="$seconds" -timeout=5 \
  -malloc_limit_mb=64 -rss_limit_mb=2048 -artifact_prefix="artifacts/$target/" \
  -print_final_stats=1 2>&1 | tee "work/$target.log" | grep --line-buffered -E 'INITED|DONE|pulse|ERROR|SUMMARY' || true
