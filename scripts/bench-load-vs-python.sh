#!/usr/bin/env bash
# Load speed against CPython's json.load, side by side (issue 11): for a networkx node-link
# file, the whole `chainsight check` process (wall time, peak memory) and the time
# `json.load` takes to parse the same file inside CPython (and its whole process), each the
# median of RUNS, run alternately so both see the same machine load; prints the ratio.
#
# Usage: scripts/bench-load-vs-python.sh [issue|generate|FILE] [NODES EDGES [RUNS]]
#   issue     (default) the file of issue 11: ids like "n123", a label and a kind per node, a
#             year per link, written by Python's json.dump as networkx's node_link_data gives
#             it (34 MB at 100,000 nodes and 500,000 links)
#   generate  `chainsight generate --format networkx` (ids, labels, kinds, communities,
#             relation kinds, weights; 52 MB at that size)
#   FILE      any file
# CHAINSIGHT=PATH times another build of chainsight (e.g. an older one) instead of
# target/release/chainsight, which is built first. Needs GNU time (/usr/bin/time, Debian
# package `time`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-issue}; nodes=${2:-100000}; edges=${3:-500000}; runs=${4:-5}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time"; exit 2; }
bin=${CHAINSIGHT:-./target/release/chainsight}
[ -n "${CHAINSIGHT:-}" ] || cargo build --release --quiet
case "$what" in
  issue)
    file="${TMPDIR:-/tmp}/chainsight-issue11-${nodes}-${edges}.json"
    [ -s "$file" ] || python3 - "$nodes" "$edges" "$file" <<'PY'
import json, random, sys
nodes, edges, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(11)
kinds = ["company", "person", "government_body", "city", "organization", "vendor"]
pairs = set()
while len(pairs) < edges:
    u, v = rng.randrange(nodes), rng.randrange(nodes)
    if u != v:
        pairs.add((u, v))
links = [{"year": rng.randrange(1990, 2025), "source": f"n{u}", "target": f"n{v}"}
         for u, v in sorted(pairs, key=lambda p: (p[0], rng.random()))]
doc = {"directed": True, "multigraph": False, "graph": {},
       "nodes": [{"label": f"Node {i}", "kind": kinds[i % len(kinds)], "id": f"n{i}"}
                 for i in range(nodes)],
       "links": links}
with open(path, "w") as f:
    json.dump(doc, f)
PY
    ;;
  generate)
    file="${TMPDIR:-/tmp}/chainsight-bench-${nodes}-${edges}.json"
    [ -s "$file" ] || "$bin" generate --nodes "$nodes" --edges "$edges" \
      --format networkx -o "$file" >/dev/null
    ;;
  *) file=$what ;;
esac
size_mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file: $file ($size_mb MB)"
"$bin" check "$file" | sed -n 1p
ours=(); parse=(); python=()
for i in $(seq "$runs"); do
  out=$( { /usr/bin/time -f "%e %M" "$bin" check "$file" >/dev/null; } 2>&1 )
  ours+=("$out")
  py=$( { /usr/bin/time -f "%e %M" python3 -c 'import json, sys, time
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    json.load(f)
print(f"{time.perf_counter() - t:.3f}")' "$file"; } 2>&1 )
  parse+=("$(echo "$py" | head -1)")
  python+=("$(echo "$py" | tail -1)")
  echo "  run $i: chainsight check ${out%% *} s (${out##* } KB); json.load $(echo "$py" | head -1) s (python process $(echo "$py" | tail -1 | cut -d' ' -f1) s)"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
c=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f1 | median)
cm=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f2 | sort -n | tail -1)
p=$(printf '%s\n' "${parse[@]}" | median)
pp=$(printf '%s\n' "${python[@]}" | cut -d' ' -f1 | median)
pm=$(printf '%s\n' "${python[@]}" | cut -d' ' -f2 | sort -n | tail -1)
awk -v c="$c" -v cm="$cm" -v p="$p" -v pp="$pp" -v pm="$pm" -v n="$runs" 'BEGIN {
  printf "chainsight check: median %.2f s, peak memory %d MB (largest of %d runs)\n", c, cm / 1024, n
  printf "python json.load: median %.2f s parsing (whole process %.2f s, peak %d MB)\n", p, pp, pm / 1024
  printf "ratio: chainsight check / json.load = %.2f (issue 11 target: at most 0.8)\n", c / p }'
