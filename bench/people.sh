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
# RUNS (30), RUNS_DEMO (3), STORE (the demo's store: a file in the work folder, or a
# postgres:// URL whose database the demo may wipe). Traffic only ever goes to 127.0.0.1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TODAY=${TODAY:-2026-03-04}
PORT=${PORT:-17879}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-30}
RUNS_DEMO=${RUNS_DEMO:-3}

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

ms() { # command…: wall time in ms
  local a b
  a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N)
  echo $(( (b - a) / 1000000 ))
}

echo "== building the demo (a year of calendar, commits and people records), $RUNS_DEMO runs"
for _ in $(seq "$RUNS_DEMO"); do
  ms "$FULCRUM" --db "${STORE:-$WORK/demo.db}" demo --today "$TODAY" --format json
done | stats; echo
# The demo's rules file: beside a store file, or where the demo says for a database.
RULES=$("$FULCRUM" --db "${STORE:-$WORK/demo.db}" demo --today "$TODAY" --format json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["rules"])')
export STORE RULES

export FULCRUM_NOW="${TODAY}T16:30:00Z"
echo "== fulcrum people show (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do ms "$FULCRUM" --db "${STORE:-$WORK/demo.db}" people show 1 --format json; done | stats; echo
echo "== fulcrum delegate candidates (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do
  ms "$FULCRUM" --db "${STORE:-$WORK/demo.db}" --rules "$RULES" delegate candidates --format json
done | stats; echo

serve_demo /people/1

echo
echo "== single requests (sequential, $RUNS each)"
for p in /people /people/1 /api/people/1 /feedback /delegation /relationships /api/delegations/candidates; do
  single 26 "$p"
done
echo
echo "== wrk -t$THREADS -c$CONNS -d$DURATION --latency $BASE/people/1"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$BASE/people/1" |
  grep -E 'Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors'
