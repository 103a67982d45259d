#!/usr/bin/env bash
# The two backends side by side: `fulcrum demo` into an SQLite file and into PostgreSQL, a
# backup of the demo written (`fulcrum export`) and restored into each (`import-backup`), and
# one report read from each. Needs a PostgreSQL server (FULCRUM_TEST_POSTGRES, default
# postgres://postgres@127.0.0.1:5432/postgres, trust authentication).
# Usage: bench/store.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SERVER_URL="${FULCRUM_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
cd "$ROOT"
cargo build --quiet --release -p fulcrum --bin fulcrum
FULCRUM="${CARGO_TARGET_DIR:-$ROOT/target}/release/fulcrum"
WORK=$(mktemp -d)
DB=fulcrum_bench_$$
PG="${SERVER_URL%/*}/$DB"
cleanup() {
  psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export XDG_DATA_HOME="$WORK/data" FULCRUM_NOW=2026-03-04T18:00:00Z

median() { sort -n | awk '{ v[NR] = $1 } END { printf "median %.2f s (best %.2f, worst %.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
fresh_pg() { psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null; }

for i in $(seq "$RUNS"); do seconds "$FULCRUM" --db "$WORK/demo.db" demo --today 2026-03-04 --format json; done | median | sed 's/^/demo into SQLite:        /'; echo
fresh_pg
for i in $(seq "$RUNS"); do seconds "$FULCRUM" --db "$PG" demo --today 2026-03-04 --format json; done | median | sed 's/^/demo into PostgreSQL:    /'; echo

"$FULCRUM" --db "$WORK/demo.db" export --out "$WORK/backup.json" 2>/dev/null
for i in $(seq "$RUNS"); do seconds "$FULCRUM" --db "$WORK/demo.db" export --out "$WORK/again.json"; done | median | sed 's/^/export (SQLite):         /'; echo
printf 'backup: %s bytes\n' "$(stat -c %s "$WORK/backup.json")"
for i in $(seq "$RUNS"); do rm -f "$WORK/copy.db"; seconds "$FULCRUM" --db "$WORK/copy.db" import-backup "$WORK/backup.json"; done | median | sed 's/^/import-backup (SQLite):  /'; echo
for i in $(seq "$RUNS"); do fresh_pg; seconds "$FULCRUM" --db "$PG" import-backup "$WORK/backup.json"; done | median | sed 's/^/import-backup (Postgres):/'; echo
for i in $(seq "$RUNS"); do seconds "$FULCRUM" --db "$WORK/copy.db" report --week 2026-W09 --format json; done | median | sed 's/^/report (SQLite):         /'; echo
for i in $(seq "$RUNS"); do seconds "$FULCRUM" --db "$PG" report --week 2026-W09 --format json; done | median | sed 's/^/report (PostgreSQL):     /'; echo
