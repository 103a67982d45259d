#!/usr/bin/env bash
# End-to-end import benchmarks through the `fulcrum` binary (release build):
#   1. first `fulcrum import git` of a ~80k-commit repository vs `git log --format='%H %ae %at'`
#   2. a rescan with nothing new
#   3. `fulcrum import calendar` of a generated 10-year calendar: wall time and peak RSS
#
# Usage: bench/import.sh [DIR]   (DIR caches the generated repository; default /tmp/fulcrum-git-bench)
# Needs git, awk, cargo and /usr/bin/time. RUNS sets the runs per measurement (default 3, best kept).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-/tmp/fulcrum-git-bench}
COMMITS=${COMMITS:-80000}
RUNS=${RUNS:-3}
REPO="$DIR/repo-$COMMITS"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C

cd "$ROOT"
cargo build --quiet --release -p fulcrum -p fulcrum-calendar --bin fulcrum --example gen_calendar
FULCRUM="$TARGET/release/fulcrum"
# The repository generator lives in the scan benchmark; running it once creates the cache.
[ -d "$REPO" ] || RUNS=1 bash "$ROOT/bench/git_history.sh" "$DIR" >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ms() { # wall time in ms of one run of the command
  local s e
  s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
best() {
  local b= t
  for _ in $(seq "$RUNS"); do
    t=$("$@")
    if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
  done
  echo "$b"
}
git_log() { ms git -C "$REPO" log --format='%H %ae %at' --branches --remotes --tags; }
first_import() {
  rm -f "$WORK"/g.db*
  "$FULCRUM" --db "$WORK/g.db" init --email lead@example.com --tz Europe/Berlin >/dev/null
  ms "$FULCRUM" --db "$WORK/g.db" import git "$REPO"
}
rescan() { ms "$FULCRUM" --db "$WORK/g.db" import git "$REPO"; }

commits=$(git -C "$REPO" rev-list --count --branches --remotes --tags)
echo "repository: $REPO ($commits commits)"
echo "best of $RUNS, wall ms:"
echo "  git log --format='%H %ae %at' --branches --remotes --tags : $(best git_log)"
echo "  fulcrum import git (first import, fresh store)           : $(best first_import)"
echo "  fulcrum import git (rescan, nothing new)                  : $(best rescan)"

"$TARGET/release/examples/gen_calendar" "$WORK/ten-years.ics" >/dev/null
"$FULCRUM" --db "$WORK/c.db" init --email lead@example.com --tz Europe/Berlin >/dev/null
# The generated calendar spans 2024–2033; "now" at its end puts all ten years in the
# import horizon (ten years back, one ahead).
FULCRUM_NOW=2033-12-01T00:00:00Z /usr/bin/time -f '%e %M' -o "$WORK/time" \
  "$FULCRUM" --db "$WORK/c.db" import calendar "$WORK/ten-years.ics" >"$WORK/out"
read -r secs kb <"$WORK/time"
echo "calendar: $(wc -c <"$WORK/ten-years.ics") bytes, $(cat "$WORK/out")"
echo "  fulcrum import calendar (10-year calendar): ${secs} s, peak RSS $((kb / 1024)) MB"
