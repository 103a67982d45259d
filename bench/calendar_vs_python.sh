#!/usr/bin/env bash
# Times fulcrum-calendar against python recurring-ical-events on the same
# generated ten-year calendar (20 weekly/biweekly 1:1 series with EXDATEs and
# overrides) and prints both times and the ratio. Both sides run as a fresh
# process that reads the file, parses, expands and prints TSV; the outputs
# are also compared.
#
# Needs: cargo, python3 with `pip install recurring-ical-events`.
# Usage: bench/calendar_vs_python.sh [RUNS]   (best of RUNS, default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
cargo build --quiet --release -p fulcrum-calendar --example gen_calendar --example expand
"$target/release/examples/gen_calendar" "$work/bench.ics"
from=2024-01-01T00:00:00Z
to=2034-01-01T00:00:00Z
oracle="$root/crates/fulcrum-calendar/tests/oracle/expand.py"

best() { # best wall time in seconds of "$@" over $runs runs, output to $work/out
    local best_t="" t s e
    for _ in $(seq "$runs"); do
        s=$(date +%s.%N)
        "$@" > "$work/out"
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$best_t" ] || (( $(echo "$t < $best_t" | bc -l) )); then best_t=$t; fi
    done
    echo "$best_t"
}

rust_t=$(best "$target/release/examples/expand" "$work/bench.ics" "$from" "$to")
cp "$work/out" "$work/rust.tsv"
py_t=$(best python3 "$oracle" "$work/bench.ics" "$from" "$to")
cp "$work/out" "$work/python.tsv"

echo "calendar: $(wc -c < "$work/bench.ics") bytes, $(wc -l < "$work/rust.tsv") occurrences, window $from .. $to"
if cmp -s "$work/rust.tsv" "$work/python.tsv"; then
    echo "outputs: identical"
else
    echo "outputs: DIFFER ($(diff "$work/python.tsv" "$work/rust.tsv" | grep -c '^[<>]') lines)"
fi
printf 'fulcrum-calendar (best of %s): %8.4f s\n' "$runs" "$rust_t"
printf 'python recurring-ical-events:  %8.4f s\n' "$py_t"
printf 'ratio (python / rust):         %8.1fx\n' "$(echo "$py_t / $rust_t" | bc -l)"
