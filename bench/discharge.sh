#!/usr/bin/env bash
# Benchmark (not a test): checks one proof file three ways in the same run, without the cache:
# --jobs 1, --jobs 2, and --jobs 2 --isolate (each check in a forked copy of the process). Prints
# the obligation count, the three wall times, the speed-up of parallel discharge and the cost of
# isolation.
# Usage: bench/discharge.sh [PROOF_FILE]   (default: proofs/cluster_invariants.swift)
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
    "$bin" --json --no-cache "$@" "$file" > "$out"
    end=$(date +%s.%N)
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["failed"] == 0, "a proof failed"; print(sum(len(p["obligations"]) for p in r["proofs"]), float(sys.argv[3]) - float(sys.argv[2]))' "$out" "$start" "$end"
    rm -f "$out"
}
"$bin" --no-cache --jobs 1 "$file" >/dev/null  # warm-up: page in the binary and Z3
read -r n t1 < <(run --jobs 1)
read -r _ t2 < <(run --jobs 2)
read -r _ ti < <(run --jobs 2 --isolate)
python3 - "$file" "$n" "$t1" "$t2" "$ti" <<'PY'
import sys
f, n, t1, t2, ti = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print(f"{f}: {n} obligations")
print(f"  --jobs 1:           {t1:6.2f} s")
print(f"  --jobs 2:           {t2:6.2f} s   speed-up {t1 / t2:.2f}x")
print(f"  --jobs 2 --isolate: {ti:6.2f} s   cost of isolation {ti / t2:.2f}x")
PY
