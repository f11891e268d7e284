#!/usr/bin/env bash
# Benchmark (not a test): runs the ZooKeeper controller on the executable cluster model for 50
# seeds with every fault (crash, drop, api-error, pod-monkey), as `anvil-sim zookeeper` does, and
# prints how many runs reached and kept the desired state, the wall time, and the mean step at
# which the desired state was first reached.
# Usage: bench/sim-zookeeper.sh [SEEDS] [STEPS]   (default: 50 seeds of 1500 steps; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-50}" steps="${2:-1500}"
scripts/ensure-deps.sh
swift build -c release --product anvil-sim >/dev/null
bin="$(swift build -c release --show-bin-path)/anvil-sim"
out=$(mktemp)
start=$(date +%s.%N)
status=0
"$bin" zookeeper --faults crash,drop,api-error,pod-monkey --seeds "$seeds" --steps "$steps" > "$out" || status=$?
end=$(date +%s.%N)
python3 - "$out" "$start" "$end" "$seeds" "$steps" <<'PY'
import re, sys
out, start, end, seeds, steps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
text = open(out).read()
firsts = [int(m) for m in re.findall(r"first matched at step (\d+)", text)]
print(text.strip().splitlines()[-1])
print(f"zookeeper, all faults: {seeds} seeds x {steps} steps in {end - start:.1f} s ({(end - start) / seeds:.2f} s per seed)")
if firsts:
    print(f"  desired state first reached at step {sum(firsts) / len(firsts):.0f} on average (min {min(firsts)}, max {max(firsts)})")
PY
rm -f "$out"
exit "$status"
