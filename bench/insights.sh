#!/usr/bin/env bash
# The coach on the demo's year (release build): `fulcrum insights` and `fulcrum digest` as
# whole processes, and the pages that show insights at the server (the dashboard with its
# panels, /insights, a module page), first render and cached, then under load.
#
# Usage: bench/insights.sh     Needs cargo, curl and wrk (apt-get install wrk).
# Environment: TODAY (2026-03-04), PORT (17881), CONNS (32), THREADS (2), DURATION (10s),
# RUNS (30). The in-process cost of every rule over five years: `cargo bench -p fulcrum-core
# --bench insights`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TODAY=${TODAY:-2026-03-04}
PORT=${PORT:-17881}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-30}

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

ms() { local a b; a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N); echo $(( (b - a) / 1000000 )); }

"$FULCRUM" --db "$WORK/demo.db" demo --today "$TODAY" --format json >/dev/null
export FULCRUM_NOW="${TODAY}T16:30:00Z"
echo "insights on the demo: $("$FULCRUM" --db "$WORK/demo.db" insights --format json |
  python3 -c 'import json, sys; d = json.load(sys.stdin)["insights"]; print(len(d), "from", len({i["rule"] for i in d}), "rules")')"
echo "== fulcrum insights (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do ms "$FULCRUM" --db "$WORK/demo.db" insights --format json; done | stats; echo
echo "== fulcrum digest (whole process), $RUNS runs"
for _ in $(seq "$RUNS"); do ms "$FULCRUM" --db "$WORK/demo.db" digest --format json; done | stats; echo

serve_demo /insights
echo
echo "== single requests (sequential, $RUNS each; the first builds, the rest are cached)"
for p in / /insights /feedback; do single 12 "$p"; done
echo
echo "== wrk -t$THREADS -c$CONNS -d$DURATION --latency $BASE/"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$BASE/" |
  grep -E 'Latency|50%|99%|Requests/sec|Non-2xx|Socket errors'
