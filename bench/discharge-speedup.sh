#!/usr/bin/env bash
# Benchmark (not a test): checks one proof file with --jobs 1 and then --jobs 2 in the same run and
# prints the obligation count, both wall times and the speed-up of parallel discharge.
# Usage: bench/discharge-speedup.sh [PROOF_FILE]   (default: proofs/cluster_invariants.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-proofs/cluster_invariants.swift}"
scripts/ensure-deps.sh
swift build -c release --product anvil-prove >/dev/null
bin="$(swift build -c release --show-bin-path)/anvil-prove"

run() {  # prints "<obligations> <seconds>"
    local start end out
    out=$(mktemp)
    start=$(date +%s.%N)
    "$bin" --json --jobs "$1" "$file" > "$out"
    end=$(date +%s.%N)
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["failed"] == 0, "a proof failed"; print(sum(len(p["obligations"]) for p in r["proofs"]), float(sys.argv[3]) - float(sys.argv[2]))' "$out" "$start" "$end"
    rm -f "$out"
}
"$bin" --jobs 1 "$file" >/dev/null  # warm-up: page in the binary and Z3
read -r n1 t1 < <(run 1)
read -r n2 t2 < <(run 2)
python3 - "$file" "$n1" "$t1" "$t2" <<'PY'
import sys
f, n, t1, t2 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{f}: {n} obligations")
print(f"  --jobs 1: {t1:6.2f} s")
print(f"  --jobs 2: {t2:6.2f} s")
print(f"  speed-up: {t1 / t2:.2f}x")
PY
