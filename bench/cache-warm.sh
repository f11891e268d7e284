#!/usr/bin/env bash
# Times `anvil-prove --all` cold (an empty obligation cache) and then warm (nothing changed), and
# prints both wall times and their ratio. Not a test. Usage: bench/cache-warm.sh [extra anvil-prove options]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build}"  # SCRATCH=.build-x to use another build directory
scripts/ensure-deps.sh
swift build -c release --scratch-path "$scratch" --product anvil-prove >/dev/null
prove="$scratch/release/anvil-prove"
cache="$(mktemp -d "${TMPDIR:-/tmp}/anvil-cache-bench.XXXXXX")"
trap 'rm -rf "$cache"' EXIT

run() {
    local start end
    start=$(date +%s.%N)
    "$prove" --all --cache "$cache" "$@" >"$cache.log" || { cat "$cache.log"; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

cold=$(run "$@")
echo "cold: ${cold} s  ($(tail -1 "$cache.log"); $(ls "$cache" | wc -l) cache entries)"
warm=$(run "$@")
cached=$(grep -o '[0-9]* cached)' "$cache.log" | awk '{ n += $1 } END { print n + 0 }')
echo "warm: ${warm} s  ($(tail -1 "$cache.log"); ${cached} cases cached)"
echo "ratio cold/warm: $(echo "scale=1; $cold / $warm" | bc)x"
rm -f "$cache.log"
