#!/usr/bin/env bash
# Benchmark (not a test): the edit-verify loop on the largest proof. In a scratch clone of HEAD,
# checks proofs/fluentbit.swift (the largest proof: FluentBit's ESR beside FluentBitConfig's) cold
# (empty cache), then edits ONE step of its proof (phase B's WF1 step in
# proofs/Cluster/ManagedObjectsESR.swift gets one more invariant among its hypotheses; both
# theorems of the file go through that step), rebuilds, and checks the file again warm: only that
# step's obligations go to Z3. Prints both anvil-prove wall times (build time excluded) and their ratio.
#   bench/cache-edit.sh [--small]   (--small: proofs/cluster_invariants.swift, one lemma's bound edited)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
if [[ "${1:-}" == --small ]]; then
    file=proofs/cluster_invariants.swift
    edited=$file
    before='try uid < s\["apiServer"\]\["uidCounter"\]'
    after='try uid <= s["apiServer"]["uidCounter"]'
else
    file=proofs/fluentbit.swift
    edited=proofs/Cluster/ManagedObjectsESR.swift
    before='^\( *\)using: uses(\[\], in: phases, phases: false))$'
    after='\1using: uses([I.objectsMatchKeys], in: phases, phases: false))'
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/anvil-edit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/repo"
cd "$work/repo"
swift build -c release --product anvil-prove >/dev/null
run() {  # prints seconds; the output goes to $work/log
    local start end
    start=$(date +%s.%N)
    .build/release/anvil-prove --cache "$work/cache" "$file" >"$work/log" || { cat "$work/log"; exit 1; }
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
cold=$(run)
echo "$file cold: ${cold} s  ($(tail -1 "$work/log"))"
[[ $(grep -c "$before" "$edited") == 1 ]] || { echo "the step to edit was not found (once) in $edited"; exit 1; }
sed -i "s/$before/$after/" "$edited"
swift build -c release --product anvil-prove >/dev/null
warm=$(run)
cached=$(grep -o '[0-9]* cached)' "$work/log" | awk '{ n += $1 } END { print n + 0 }')
total=$(grep -o '[0-9]*/[0-9]* obligations' "$work/log" | awk -F'[/ ]' '{ n += $2 } END { print n + 0 }')
echo "after editing one step: ${warm} s  ($(tail -1 "$work/log"); ${cached} of ${total} cases from the cache)"
python3 -c "print(f'ratio cold/warm: {$cold / $warm:.1f}x')"
