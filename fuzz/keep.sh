#!/usr/bin/env bash
# After a long run: keeps a few of the inputs the fuzzer found, so that the replay test
# (tests/fuzz_replay.rs) covers more than the seeds.
#
#   fuzz/keep.sh TARGET [COUNT] [MAX_BYTES]      e.g. fuzz/keep.sh inspect 30 6144
#
# Merges fuzz/work/TARGET into a copy of fuzz/corpus/TARGET with libFuzzer -set_cover_merge=1,
# whose control file lists every feature (an edge with a hit-count bucket) each input reaches
# (plain -merge=1 lists only those no smaller input reached first). Then picks greedily: the
# input of at most MAX_BYTES that adds the most features to the kept corpus, the smaller one on
# a tie; again, up to COUNT inputs (default 30, 4096 bytes), stopping when the best adds fewer
# than 8. They are copied into fuzz/corpus/TARGET/ as fuzzed-SHA1 (make-seeds.sh keeps
# fuzzed-* files). Prints features and edges before and after. Needs the target built by
# fuzz/run.sh, and python3.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/keep.sh TARGET [COUNT] [MAX_BYTES]}
count=${2:-30}
max_bytes=${3:-4096}
bin=target/x86_64-unknown-linux-gnu/release/$target
[ -x "$bin" ] || { echo "$bin not built: run fuzz/run.sh $target first" >&2; exit 2; }
[ -d "work/$target" ] || { echo "no fuzz/work/$target: run fuzz/run.sh $target first" >&2; exit 2; }

# -max_len as in run.sh: a longer input would be cut, and reach other edges than it does whole.
case $target in
  input | inspect | inspect_trust) max_len=16384 ;;
  cert | name_constraints) max_len=8192 ;;
  host) max_len=1024 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/kept"
cp corpus/"$target"/* "$tmp/kept/"
nice "$bin" -set_cover_merge=1 -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 \
  -merge_control_file="$tmp/control" "$tmp/kept" "work/$target" > "$tmp/merge.log" 2>&1 \
  || { tail -20 "$tmp/merge.log" >&2; exit 1; }

python3 - "$tmp/control" "$count" "$max_bytes" "corpus/$target" <<'PY'
import hashlib, os, shutil, sys

control, count, max_bytes, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
# The control file: number of inputs, number in the first directory, the paths, then for each
# input "FT i features..." (all of them, with -set_cover_merge) and "COV i edges..." (only
# the edges no input before it reached, so only their union means anything).
lines = open(control).read().split('\n')
total, first = int(lines[0]), int(lines[1])
paths = lines[2:2 + total]
ft, cov = {}, {}
for line in lines[2 + total:]:
    p = line.split()
    if p and p[0] in ('FT', 'COV'):
        (ft if p[0] == 'FT' else cov)[int(p[1])] = set(map(int, p[2:]))
have = set().union(*(ft.get(i, set()) for i in range(first)))
before = len(have)
size = {i: os.path.getsize(paths[i]) for i in range(first, total)}
candidates = [i for i in range(first, total) if i in ft and size[i] <= max_bytes]
picked = []
while len(picked) < count and candidates:
    best = max(candidates, key=lambda i: (len(ft[i] - have), -size[i]))
    if len(ft[best] - have) < 8:
        break
    picked.append(best)
    candidates.remove(best)
    have |= ft[best]
for i in picked:
    data = open(paths[i], 'rb').read()
    shutil.copy(paths[i], os.path.join(out, 'fuzzed-' + hashlib.sha1(data).hexdigest()[:16]))
print(f'features: kept corpus {before}, +{len(picked)} inputs ({sum(size[i] for i in picked)} bytes) {len(have)}, '
      f'whole working corpus {len(set().union(*ft.values()))}')
print(f'edges: kept corpus {len(set().union(*(cov.get(i, set()) for i in range(first))))}, '
      f'whole working corpus {len(set().union(*cov.values()))}')
PY

# The edges the kept corpus reaches now, by one more (small) merge.
mkdir "$tmp/empty"
nice "$bin" -set_cover_merge=1 -max_len="$max_len" -merge_control_file="$tmp/after" "$tmp/empty" "corpus/$target" > "$tmp/after.log" 2>&1
python3 - "$tmp/after" <<'PY'
import sys
edges = set()
for line in open(sys.argv[1]):
    if line.startswith('COV '):
        edges |= set(line.split()[2:])
print(f'edges: kept corpus now {len(edges)}')
PY
