#!/usr/bin/env bash
# Benchmark (not a test): runs each catalogue controller on the executable cluster model for 50
# seeds with every fault (crash, drop, api-error, pod-monkey), as `anvil-sim CONTROLLER` does, and
# prints for each how many runs reached and kept the desired state, the wall time, and the mean
# step at which the desired state was first reached.
# Usage: bench/sim-controllers.sh [SEEDS] [STEPS] [CONTROLLER...]
#   (default: 50 seeds of 1500 steps; every controller: simple zookeeper rabbitmq fluentbit
#   fluentbitconfig; release build). Exit status 1 when a run of any controller failed.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-50}" steps="${2:-1500}"
shift $(( $# > 2 ? 2 : $# ))
controllers=("$@")
[ ${#controllers[@]} -gt 0 ] || controllers=(simple zookeeper rabbitmq fluentbit fluentbitconfig)
scripts/ensure-deps.sh
swift build -c release --product anvil-sim >/dev/null
bin="$(swift build -c release --show-bin-path)/anvil-sim"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
for controller in "${controllers[@]}"; do
    start=$(date +%s.%N)
    run_status=0
    "$bin" "$controller" --faults crash,drop,api-error,pod-monkey --seeds "$seeds" --steps "$steps" > "$out" || run_status=$?
    end=$(date +%s.%N)
    [ "$run_status" -eq 0 ] || status=1
    python3 - "$out" "$start" "$end" "$seeds" "$steps" "$controller" <<'PY'
import re, sys
out, start, end, seeds, steps, name = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
text = open(out).read()
firsts = [int(m) for m in re.findall(r"first matched at step (\d+)", text)]
last = text.strip().splitlines()[-1] if text.strip() else "no output"
line = f"{name}, all faults: {last}; {seeds} seeds x {steps} steps in {end - start:.1f} s ({(end - start) / seeds:.2f} s per seed)"
if firsts:
    line += f"; desired state first reached at step {sum(firsts) / len(firsts):.0f} on average (min {min(firsts)}, max {max(firsts)})"
print(line)
PY
done
exit "$status"
