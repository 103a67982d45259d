#!/usr/bin/env bash
# The web dashboard under load, through the release binary:
#   1. builds a year of demo data as of a fixed day (TODAY),
#   2. starts `fulcrum serve` on 127.0.0.1 only, with FULCRUM_NOW fixed to that day,
#   3. times single requests with curl (total time, and the server's own time from the
#      Server-Timing header),
#   4. runs wrk with CONNS concurrent connections and prints its latency distribution.
#
# Usage: bench/web.sh     Needs cargo, curl and wrk (apt-get install wrk).
# Environment: TODAY (2026-03-04), PORT (17878), CONNS (32), THREADS (2), DURATION (15s), RUNS (30).
# Traffic only ever goes to 127.0.0.1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TODAY=${TODAY:-2026-03-04}
PORT=${PORT:-17878}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
RUNS=${RUNS:-30}

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

"$FULCRUM" --db "$WORK/demo.db" demo --today "$TODAY" --format json >/dev/null
# The demo's "now" is 17:30 in Berlin on TODAY; any instant late that day shows the same week.
export FULCRUM_NOW="${TODAY}T16:30:00Z"
serve_demo /

cold() { # the dashboards of 30 different weeks, each built afresh (nothing cached yet)
  local w weeks=()
  for w in $(seq 10 39); do weeks+=("/?week=2025-W$w"); done
  timed 18 "/?week= (cold)" "${weeks[@]}"
}

echo "== first render of a week's dashboard (30 different weeks, nothing cached)"
cold
echo
echo "== single requests (sequential, $RUNS each; demo of a year, week of $TODAY; pages after the first are served from the report cache)"
for p in / "/?week=2026-W02" /week /api/report /sources /rules; do single 18 "$p"; done

for p in / /api/report; do
  echo
  echo "== wrk -t$THREADS -c$CONNS -d$DURATION --latency $BASE$p"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$BASE$p" |
    grep -E 'Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors'
done
