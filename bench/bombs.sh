#!/usr/bin/env bash
# Recurrence bombs through the `fulcrum` binary (release build): tiny calendars whose rules
# ask for millions of instances, or for work that never finds one. For each, wall time and
# peak RSS of
#   1. `fulcrum import calendar` into a fresh store ("now" 2026-01-01: ten years back, one ahead)
#   2. `fulcrum calendar expand` over its default window (1900 to a year from today)
# Goal: each under 1 s and 100 MB; the occurrences are cut to the limits with a warning.
#
# Usage: bench/bombs.sh   Needs cargo and /usr/bin/time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export LC_ALL=C FULCRUM_NOW=2026-01-01T00:00:00Z

cd "$ROOT"
cargo build --quiet --release -p fulcrum --bin fulcrum
FULCRUM="$TARGET/release/fulcrum"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# One VEVENT: UID, DTSTART, then RRULE values.
event() {
  local uid=$1 start=$2
  shift 2
  printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTART:%s\r\nSUMMARY:bomb\r\n' "$uid" "$start"
  for r in "$@"; do printf 'RRULE:%s\r\n' "$r"; done
  printf 'END:VEVENT\r\n'
}
calendar() { # name, then the body on stdin
  { printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'; cat; printf 'END:VCALENDAR\r\n'; } >"$WORK/$1.ics"
}
list() { seq -s, "$1" "$2"; }

event s 20200101T090000Z 'FREQ=SECONDLY' | calendar secondly
event c 20140101T000000Z 'FREQ=SECONDLY;COUNT=100000000' | calendar secondly-count
event m31 20200101T000000Z "FREQ=MINUTELY;BYSECOND=$(list 0 30)" | calendar minutely-bysecond
event m 20150101T083000Z 'FREQ=MINUTELY' | calendar minutely
event h 20160101T083000Z 'FREQ=HOURLY' | calendar hourly
event never 20240131T090000Z 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31' | calendar impossible
event empty 20160101T000000Z 'FREQ=SECONDLY;BYSETPOS=2' | calendar empty-periods
event walk 20100101T000000Z 'FREQ=MINUTELY;BYSECOND=0,30;COUNT=100000000' | calendar count-with-parts
event year 20160101T000000Z \
  "FREQ=YEARLY;BYMONTH=$(list 1 12);BYHOUR=$(list 0 23);BYMINUTE=$(list 0 59);BYSECOND=$(list 0 59)" |
  calendar every-second-of-the-year
for i in $(seq 1 1000); do echo "FREQ=SECONDLY;INTERVAL=$i"; done >"$WORK/rules"
mapfile -t rules <"$WORK/rules"
event multi 20160101T000000Z "${rules[@]}" | calendar thousand-rules
for i in $(seq 1 200); do event "bomb-$i" 20200101T090000Z 'FREQ=SECONDLY'; done | calendar 200-bombs
for i in $(seq 1 200); do event "empty-$i" 20160101T000000Z 'FREQ=SECONDLY;BYSETPOS=2'; done |
  calendar 200-empty-bombs

measure() { # out-file, command...: prints "seconds MB" of one run
  /usr/bin/time -f '%e %M' -o "$WORK/time" "${@:2}" >"$1" 2>"$WORK/err" || {
    cat "$WORK/err" >&2
    return 1
  }
  local secs kb
  read -r secs kb <"$WORK/time"
  echo "$secs $((kb / 1024))"
}

printf '%-26s %8s %10s %9s %8s %11s %8s %9s\n' \
  bomb bytes stored import_s import_MB expanded expand_s expand_MB
for f in secondly secondly-count minutely-bysecond minutely hourly impossible empty-periods \
  count-with-parts every-second-of-the-year thousand-rules 200-bombs 200-empty-bombs; do
  ics="$WORK/$f.ics"
  rm -f "$WORK"/db*
  "$FULCRUM" --db "$WORK/db" init --email me@example.com --tz UTC >/dev/null
  read -r isecs imb < <(measure "$WORK/out" "$FULCRUM" --db "$WORK/db" import calendar "$ics")
  stored=$("$FULCRUM" --db "$WORK/db" sources --format json | grep -o '"events": *[0-9]*' | grep -o '[0-9]*$')
  read -r esecs emb < <(measure "$WORK/tsv" "$FULCRUM" calendar expand "$ics")
  printf '%-26s %8s %10s %9s %8s %11s %8s %9s\n' \
    "$f" "$(wc -c <"$ics")" "$stored" "$isecs" "$imb" "$(wc -l <"$WORK/tsv")" "$esecs" "$emb"
done
