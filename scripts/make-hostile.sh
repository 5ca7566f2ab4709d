#!/usr/bin/env bash
# Makes the hostile-input set in tests/hostile/ (see tests/hostile.rs, which lists every file
# with what it is and what its report must say, and tests/hostile/README.md).
#
# The files come from `generate` in tests/hostile.rs: a test PKI built with rcgen (tests/pki),
# edited with a small DER editor and re-signed, plus x509-limbo's pathological::* cases copied
# out of tests/limbo/limbo.json.gz. New keys are made on every run, so the bytes change but
# every case keeps its meaning; commit the result. Files over 64 KiB are written gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
CERTSCOPE_WRITE_HOSTILE=1 cargo test --test hostile generate -- --ignored --exact --nocapture
ls tests/hostile | wc -l | xargs printf '%s files in tests/hostile/\n'
du -sh tests/hostile
