#!/usr/bin/env bash
# Times `fulcrum calendar expand` against python recurring-ical-events on the
# same generated ten-year calendar, exported the way a calendar service writes
# it (`gen_calendar --large`: ~8.8 MB, 20 reports' weekly/biweekly 1:1s with
# EXDATEs and full-copy overrides, team rituals, personal blocks and one-off
# meetings, long DESCRIPTIONs, many attendees, alarms; ~25 000 occurrences).
# Both sides run as a fresh process that reads the file, parses, expands and
# prints TSV; the outputs are compared. Prints best wall times, peak RSS, the
# ratio, and peak RSS as a multiple of the file size.
#
# Needs: cargo, /usr/bin/time, python3 with `pip install recurring-ical-events`.
# Usage: bench/calendar_vs_python.sh [RUNS] [PY_RUNS]   (best of RUNS, default 7;
#        python best of PY_RUNS, default 3). SMALL=1 uses the small generator.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
py_runs="${2:-3}"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
cargo build --quiet --release -p fulcrum-calendar --example gen_calendar
cargo build --quiet --release -p fulcrum --bin fulcrum
if [ "${SMALL:-0}" = 1 ]; then
    "$target/release/examples/gen_calendar" "$work/bench.ics"
else
    "$target/release/examples/gen_calendar" "$work/bench.ics" --large
fi
oracle="$root/crates/fulcrum-calendar/tests/oracle/expand.py"

best() { # best "seconds KB" of "$@" over N runs ($1), output to $work/out
    local n=$1 best_t="" best_m="" t m
    shift
    for _ in $(seq "$n"); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out"
        read -r t m < "$work/time"
        if [ -z "$best_t" ] || (( $(echo "$t < $best_t" | bc -l) )); then best_t=$t; fi
        if [ -z "$best_m" ] || [ "$m" -lt "$best_m" ]; then best_m=$m; fi
    done
    echo "$best_t $best_m"
}

read -r rust_t rust_m < <(best "$runs" "$target/release/fulcrum" calendar expand "$work/bench.ics" \
    --from 2024-01-01 --to 2034-01-01 --tz UTC)
cp "$work/out" "$work/rust.tsv"
read -r py_t py_m < <(best "$py_runs" python3 "$oracle" "$work/bench.ics" \
    2024-01-01T00:00:00Z 2034-01-01T00:00:00Z)
cp "$work/out" "$work/python.tsv"

size=$(wc -c < "$work/bench.ics")
echo "calendar: $size bytes, $(wc -l < "$work/rust.tsv") occurrences, 2024-01-01 .. 2034-01-01 (UTC)"
if cmp -s "$work/rust.tsv" "$work/python.tsv"; then
    echo "outputs: identical"
else
    echo "outputs: DIFFER ($(diff "$work/python.tsv" "$work/rust.tsv" | grep -c '^[<>]') lines)"
fi
printf 'fulcrum calendar expand (best of %s): %8.3f s, %6d KB peak RSS (%.1fx the file)\n' \
    "$runs" "$rust_t" "$rust_m" "$(echo "$rust_m * 1024 / $size" | bc -l)"
printf 'python recurring-ical-events (best of %s): %8.3f s, %6d KB peak RSS\n' "$py_runs" "$py_t" "$py_m"
printf 'ratio (python / fulcrum): %8.1fx\n' "$(echo "$py_t / $rust_t" | bc -l)"
