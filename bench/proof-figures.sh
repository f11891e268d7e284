#!/usr/bin/env bash
# Benchmark (not a test): for each verified controller, checks its proof file from an empty cache
# and prints the proof's and the controller's lines, their ratio, the obligations, the wall time
# and the summed solver time, beside Anvil's published figures (reference/anchors.md, osdi24).
# Lines are counted as "all (code)": code leaves out blank and comment-only lines. The shared proof
# library (proofs/Cluster) is printed once, apart: every controller's proof is an instance of it.
# A controller's proof lines are its proof file's and its own folder's (proofs/Zookeeper, ...).
# Usage: bench/proof-figures.sh [CONTROLLER...]   (default: every controller with a proof file:
#   simple fluentbit zookeeper rabbitmq; debug build, as `swift run anvil-prove` uses; CONFIG=release
#   for a release build). Exit status 1 when a proof failed.
set -euo pipefail
cd "$(dirname "$0")/.."
controllers=("$@")
[ ${#controllers[@]} -gt 0 ] || controllers=(simple fluentbit zookeeper rabbitmq)
config="${CONFIG:-debug}"
scripts/ensure-deps.sh
swift build -c "$config" --product anvil-prove >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/anvil-prove"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# controller -> proof file, and the controller's sources (its model of an external system included).
declare -A proof=([simple]=proofs/simple.swift [fluentbit]=proofs/fluentbit.swift
                  [zookeeper]=proofs/zookeeper.swift [rabbitmq]=proofs/rabbitmq.swift)
declare -A proofFolder=([zookeeper]=proofs/Zookeeper [rabbitmq]=proofs/Rabbitmq)
declare -A sources=([simple]="Sources/Controllers/Simple" [fluentbit]="Sources/Controllers/FluentBit"
                    [zookeeper]="Sources/Controllers/Zookeeper Sources/ClusterModel/ZookeeperAPI"
                    [rabbitmq]="Sources/Controllers/Rabbitmq")
status=0
rows=()
for c in "${controllers[@]}"; do
    file="${proof[$c]:-}"
    if [ -z "$file" ]; then echo "bench/proof-figures.sh: no controller '$c' (simple fluentbit zookeeper rabbitmq)" >&2; exit 2; fi
    if [ ! -f "$file" ]; then echo "$c: no proof file $file yet"; continue; fi
    start=$(date +%s.%N)
    run=0
    "$bin" --cache "$work/cache-$c" --json "$file" > "$work/$c.json" || run=$?
    end=$(date +%s.%N)
    [ "$run" -eq 0 ] || status=1
    rows+=("$c|$file ${proofFolder[$c]:-}|${sources[$c]}|$work/$c.json|$start|$end")
done
python3 - "${rows[@]}" <<'PY'
import json, pathlib, sys

def lines(paths):
    total = code = 0
    for p in paths:
        for f in sorted(pathlib.Path(p).rglob("*.swift")) if pathlib.Path(p).is_dir() else [pathlib.Path(p)]:
            for line in f.read_text().splitlines():
                total += 1
                s = line.strip()
                code += bool(s) and not s.startswith("//")
    return total, code

anvil = {"zookeeper": (8352, 1134, 303.8, 173.0), "rabbitmq": (7228, 1598, 188.0, None), "fluentbit": (8395, 1208, 224.0, None)}
lib_total, lib_code = lines(["proofs/Cluster"])
print(f"shared proof library proofs/Cluster: {lib_total} ({lib_code}) lines")
print(f"{'controller':<11} {'proof lines':>13} {'exec lines':>13} {'ratio':>6} {'obligations':>11} {'wall s':>8} {'solver s':>9}  passed  | Anvil: proof / exec / summed s / wall s")
sums = [0, 0, 0, 0]
for row in sys.argv[1:]:
    name, proof, sources, report, start, end = row.split("|")
    p_total, p_code = lines(proof.split())
    e_total, e_code = lines(sources.split())
    data = json.load(open(report)) if pathlib.Path(report).stat().st_size else {"proofs": []}
    obligations = [o for p in data["proofs"] for o in p["obligations"]]
    passed = bool(data["proofs"]) and all(p["passed"] for p in data["proofs"])
    solver = sum(o["seconds"] for o in obligations)
    wall = float(end) - float(start)
    a = anvil.get(name)
    ref = f"{a[0]} / {a[1]} / {a[2]} / {a[3] if a[3] else '-'}" if a else "-"
    print(f"{name:<11} {f'{p_total} ({p_code})':>13} {f'{e_total} ({e_code})':>13} {p_code / e_code:>6.2f} {len(obligations):>11} "
          f"{wall:>8.1f} {solver:>9.1f}  {'yes' if passed else 'NO':<6}  | {ref}")
    if name in anvil:
        sums = [sums[0] + p_code, sums[1] + e_code, sums[2] + solver, sums[3] + wall]
if sums[1]:
    print(f"the verified controllers with a proof here: {sums[0]} proof and {sums[1]} exec code lines ({sums[0] / sums[1]:.2f}:1), "
          f"{sums[2]:.1f} s summed solver time, {sums[3]:.1f} s wall | Anvil, all three: 23975 / 3940 (6.09:1), 715.8 s summed")
PY
exit "$status"
