#!/usr/bin/env bash
# The people records on the demo's year (release build): how long the demo takes to build,
# `fulcrum people show` as a whole process, and the people pages at the server.
#   1. builds the demo as of TODAY (timed, RUNS_DEMO times),
#   2. times `fulcrum people show ID --format json` (RUNS times),
#   3. starts `fulcrum serve` on 127.0.0.1 and times single requests of the people pages
#      (the server's own time from Server-Timing, and curl's),
#   4. runs wrk on a person's page with CONNS connections.
#
# Usage: bench/people.sh     Needs cargo, curl and wrk (apt-get install wrk).
# Environment: TODAY (2026-03-04), PORT (17879), CONNS (32), THREADS (2), DURATION (10s),
# RUNS (30), RUNS_DEMO (3). Traffic only ever goes to 127.0.0.1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
TODAY=${TODAY:-2026-03-04}
PORT=${PORT:-17879}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-30}
RUNS_DEMO=${RUNS_DEMO:-3}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
cd "$ROOT"
cargo build --quiet --release -p fulcrum --bin fulcrum
FULCRUM="$TARGET/release/fulcrum"

WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "best %.1f ms, median %.1f ms, worst %.1f ms", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
ms() { # command…: wall time in ms
  local a b
  a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N)
  echo $(( (b - a) / 1000000 ))
}

echo "== building the demo (a year of calendar, commits and people records), $RUNS_DEMO runs"
for _ in $(seq "$RUNS_DEMO"); do
  ms "$FULCRUM" --db "$WORK/demo.db" demo --today "$TODAY" --format json
done | stats; echo

export FULCRUM_NOW="${TODAY}T16:30:00Z"
echo "== fulcrum people show (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do ms "$FULCRUM" --db "$WORK/demo.db" people show 1 --format json; done | stats; echo
echo "== fulcrum delegate candidates (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do
  ms "$FULCRUM" --db "$WORK/demo.db" --rules "$WORK/demo.files/rules.toml" delegate candidates --format json
done | stats; echo

"$FULCRUM" --db "$WORK/demo.db" --rules "$WORK/demo.files/rules.toml" serve --addr "127.0.0.1:$PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "$BASE/api/settings" && break
  sleep 0.1
done
curl -sf -o /dev/null "$BASE/people/1" || { cat "$WORK/serve.log" >&2; exit 1; }

single() { # path: RUNS sequential requests, client and server time
  local path=$1 i
  for i in $(seq "$RUNS"); do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "$BASE$path" |
      awk '/^server-timing:/ { sub(/.*dur=/, ""); s = $0 + 0 } /^total/ { printf "%.2f %.2f\n", $2 * 1000, s }'
  done >"$WORK/times"
  printf '%-26s curl: %s | at the server: %s\n' "$path" \
    "$(cut -d' ' -f1 "$WORK/times" | stats)" "$(cut -d' ' -f2 "$WORK/times" | stats)"
}

echo
echo "== single requests (sequential, $RUNS each)"
for p in /people /people/1 /api/people/1 /feedback /delegation /relationships /api/delegations/candidates; do
  single "$p"
done
echo
echo "== wrk -t$THREADS -c$CONNS -d$DURATION --latency $BASE/people/1"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$BASE/people/1" |
  grep -E 'Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors'
