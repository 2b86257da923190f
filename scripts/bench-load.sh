#!/usr/bin/env bash
# Load benchmark: how long `chainsight check` takes, whole process, on a generated networkx
# node-link file, and its peak memory. Usage: scripts/bench-load.sh [NODES EDGES [RUNS]]
# (default 100000 500000 5). Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-100000}; edges=${2:-500000}; runs=${3:-5}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time"; exit 2; }
cargo build --release --quiet
file="${TMPDIR:-/tmp}/chainsight-bench-${nodes}-${edges}.json"
./target/release/chainsight generate --nodes "$nodes" --edges "$edges" --format networkx -o "$file" >/dev/null
size_mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file: $file ($size_mb MB, $nodes nodes, $edges edges)"
results=()
for _ in $(seq "$runs"); do
  out=$( { /usr/bin/time -f "%e %M" ./target/release/chainsight check "$file" >/dev/null; } 2>&1 )
  results+=("$out")
  echo "  run: ${out%% *} s, peak $(( ${out##* } / 1024 )) MB"
done
printf '%s\n' "${results[@]}" | sort -n | awk -v n="$runs" '
  { t[NR] = $1; m[NR] = $2 }
  END { mid = int((n + 1) / 2); max = 0; for (i = 1; i <= n; i++) if (m[i] > max) max = m[i];
        printf "median %.2f s, peak memory %d MB (largest of %d runs)\n", t[mid], max / 1024, n }'
