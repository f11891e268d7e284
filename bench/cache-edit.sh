#!/usr/bin/env bash
# Benchmark (not a test): the edit-verify loop. In a scratch clone of HEAD, checks
# proofs/cluster_invariants.swift cold (empty cache), then edits ONE lemma (the uid bound becomes
# `<=`), rebuilds, and checks the file again warm: only the edited lemma's obligations go to Z3.
# Prints both anvil-prove wall times (build time excluded) and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/anvil-edit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/repo"
cd "$work/repo"
file=proofs/cluster_invariants.swift
swift build -c release --product anvil-prove >/dev/null
run() {  # prints seconds; the output goes to $work/log
    local start end
    start=$(date +%s.%N)
    .build/release/anvil-prove --cache "$work/cache" "$file" >"$work/log" || { cat "$work/log"; exit 1; }
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
cold=$(run)
echo "cold: ${cold} s  ($(tail -1 "$work/log"))"
grep -q 'try uid < s\["apiServer"\]\["uidCounter"\]' "$file" || { echo "the lemma to edit was not found"; exit 1; }
sed -i 's/try uid < s\["apiServer"\]\["uidCounter"\]/try uid <= s["apiServer"]["uidCounter"]/' "$file"
swift build -c release --product anvil-prove >/dev/null
warm=$(run)
cached=$(grep -o '[0-9]* cached)' "$work/log" | awk '{ n += $1 } END { print n + 0 }')
total=$(grep -o '[0-9]*/[0-9]* obligations' "$work/log" | awk -F'[/ ]' '{ n += $2 } END { print n + 0 }')
echo "after editing one lemma: ${warm} s  ($(tail -1 "$work/log"); ${cached} of ${total} cases from the cache)"
python3 -c "print(f'ratio cold/warm: {$cold / $warm:.1f}x')"
