# Shared by the load benches (people.sh, web.sh); sourced after ROOT, PORT and RUNS are set.
# Builds the release binary (FULCRUM), makes a work folder (WORK) removed on exit with the
# server, and times requests to the server on 127.0.0.1.

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
cd "$ROOT"
cargo build --quiet --release -p fulcrum --bin fulcrum
FULCRUM="${CARGO_TARGET_DIR:-$ROOT/target}/release/fulcrum"
BASE="http://127.0.0.1:$PORT"

WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

stats() { sort -n | awk '{ v[NR] = $1 } END { printf "best %.1f ms, median %.1f ms, worst %.1f ms", v[1], v[int((NR + 1) / 2)], v[NR] }'; }

serve_demo() { # path: serves the demo in WORK on PORT and waits until `path` answers
  "$FULCRUM" --db "${STORE:-$WORK/demo.db}" --rules "${RULES:-$WORK/demo.files/rules.toml}" serve --addr "127.0.0.1:$PORT" \
    >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "$BASE/api/settings" && break
    sleep 0.1
  done
  curl -sf -o /dev/null "$BASE$1" || { cat "$WORK/serve.log" >&2; exit 1; }
}

timed() { # width label path…: one request per path, client and server time of each
  local width=$1 label=$2 path
  shift 2
  for path in "$@"; do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "$BASE$path" |
      awk '/^server-timing:/ { sub(/.*dur=/, ""); s = $0 + 0 } /^total/ { printf "%.2f %.2f\n", $2 * 1000, s }'
  done >"$WORK/times"
  printf "%-${width}s curl: %s | at the server: %s\n" "$label" \
    "$(cut -d' ' -f1 "$WORK/times" | stats)" "$(cut -d' ' -f2 "$WORK/times" | stats)"
}

single() { # width path: RUNS sequential requests of one path
  local paths=() _
  for _ in $(seq "$RUNS"); do paths+=("$2"); done
  timed "$1" "$2" "${paths[@]}"
}
