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
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
TODAY=${TODAY:-2026-03-04}
PORT=${PORT:-17878}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
RUNS=${RUNS:-30}
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

"$FULCRUM" --db "$WORK/demo.db" demo --today "$TODAY" --format json >/dev/null
# The demo's "now" is 17:30 in Berlin on TODAY; any instant late that day shows the same week.
export FULCRUM_NOW="${TODAY}T16:30:00Z"
"$FULCRUM" --db "$WORK/demo.db" --rules "$WORK/demo.files/rules.toml" serve --addr "127.0.0.1:$PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "$BASE/api/settings" && break
  sleep 0.1
done
curl -sf -o /dev/null "$BASE/" || { cat "$WORK/serve.log" >&2; exit 1; }

single() { # path: best and median of RUNS sequential requests, client and server time
  local path=$1 i
  for i in $(seq "$RUNS"); do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "$BASE$path" |
      awk '/^server-timing:/ { sub(/.*dur=/, ""); s = $0 + 0 } /^total/ { printf "%.2f %.2f\n", $2 * 1000, s }'
  done >"$WORK/times"
  stats() { sort -n | awk '{ v[NR] = $1 } END { printf "best %.1f ms, median %.1f ms, worst %.1f ms", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
  printf '%-18s curl: %s | at the server: %s\n' "$path" \
    "$(cut -d' ' -f1 "$WORK/times" | stats)" "$(cut -d' ' -f2 "$WORK/times" | stats)"
}

cold() { # the dashboards of 30 different weeks, each built afresh (nothing cached yet)
  local w
  for w in $(seq 10 39); do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "$BASE/?week=2025-W$w" |
      awk '/^server-timing:/ { sub(/.*dur=/, ""); s = $0 + 0 } /^total/ { printf "%.2f %.2f\n", $2 * 1000, s }'
  done >"$WORK/times"
  stats() { sort -n | awk '{ v[NR] = $1 } END { printf "best %.1f ms, median %.1f ms, worst %.1f ms", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
  printf '%-18s curl: %s | at the server: %s\n' "/?week= (cold)" \
    "$(cut -d' ' -f1 "$WORK/times" | stats)" "$(cut -d' ' -f2 "$WORK/times" | stats)"
}

echo "== first render of a week's dashboard (30 different weeks, nothing cached)"
cold
echo
echo "== single requests (sequential, $RUNS each; demo of a year, week of $TODAY; pages after the first are served from the report cache)"
for p in / "/?week=2026-W02" /week /api/report /sources /rules; do single "$p"; done

for p in / /api/report; do
  echo
  echo "== wrk -t$THREADS -c$CONNS -d$DURATION --latency $BASE$p"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$BASE$p" |
    grep -E 'Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors'
done
