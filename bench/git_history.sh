#!/usr/bin/env bash
# Times fulcrum-git's scan against `git log` on a large generated repository.
#
# Usage: bench/git_history.sh [DIR]
#
# DIR (default /tmp/fulcrum-git-bench) caches the generated repository, so only
# the first run pays for building it. Set COMMITS to change its size (default
# 80000) and RUNS for the number of timed runs of each command (default 3; the
# best is printed). Needs git, awk and cargo.
set -euo pipefail

DIR=${1:-/tmp/fulcrum-git-bench}
COMMITS=${COMMITS:-80000}
RUNS=${RUNS:-3}
USER_EMAIL=lead@example.com
REPO="$DIR/repo-$COMMITS"
ROOT=$(cd "$(dirname "$0")/.." && pwd)

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C

# A fast-import stream: a main line of COMMITS commits by ten authors (the
# user on about 30%), a feature branch merged back every 1000 commits, a few
# release branches, a remote-tracking branch and tags (annotated and
# lightweight). Every commit changes one small file.
generate() {
  awk -v total="$COMMITS" -v user="$USER_EMAIL" '
  function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
  function author(   r) {
    r = rnd(100)
    if (r < 30) { if (r < 3) return "The Lead <LEAD@example.com>"; return "The Lead <" user ">" }
    return names[r % 9] " <" tolower(names[r % 9]) "@example.com>"
  }
  function commit(ref, msg, parent, merge_from,   who, off, body, i) {
    mark++
    t += 60 + rnd(3000)
    who = author()
    off = offsets[rnd(6)]
    printf "commit %s\nmark :%d\nauthor %s %d %s\ncommitter %s %d %s\n", ref, mark, who, t, off, who, t + rnd(600), off
    body = msg " " mark
    for (i = rnd(4); i > 0; i--) body = body "\n\nDetails of the change, paragraph " i ", explaining why."
    printf "data %d\n%s\n", length(body) + 1, body
    if (parent != "") printf "from :%d\n", parent
    if (merge_from != "") printf "merge :%d\n", merge_from
    printf "M 644 inline src/file%d.txt\ndata %d\n%s\n\n", rnd(500), length("line " mark) + 1, "line " mark
    return mark
  }
  BEGIN {
    seed = 42; t = 1500000000; mark = 0
    split("Ana Ben Chloe Dev Emma Finn Grace Hugo Ivy", tmp, " ")
    for (i = 1; i <= 9; i++) names[i - 1] = tmp[i]
    split("+0000 +0100 +0200 -0500 -0800 +0530", tmp, " ")
    for (i = 1; i <= 6; i++) offsets[i - 1] = tmp[i]
    main = 0; done = 0; feature = 0; tags = 0
    while (done < total) {
      main = commit("refs/heads/main", "Change the main line", main ? main : "", "")
      done++
      if (done % 1000 == 0 && done < total) {
        feature++
        f = main
        for (k = 0; k < 12 && done < total; k++) { f = commit("refs/heads/feature/f" feature, "Work on feature " feature, k == 0 ? main : "", ""); done++ }
        main = commit("refs/heads/main", "Merge feature " feature, main, f)
        done++
      }
      if (done % 5000 == 0) {
        tags++
        if (tags % 2) printf "tag v%d\nfrom :%d\ntagger Release Bot <bot@example.com> %d +0000\ndata 8\nrelease\n\n", tags, main, t
        else printf "reset refs/tags/light-%d\nfrom :%d\n\n", tags, main
      }
      if (done % 20000 == 0) {
        r = main
        for (k = 0; k < 30; k++) { r = commit("refs/heads/release/" done, "Backport to release " done, k == 0 ? main : "", ""); }
        done += 30
      }
      if (done == int(total * 0.9)) printf "reset refs/remotes/origin/main\nfrom :%d\n\n", main
    }
  }'
}

if [ ! -d "$REPO" ]; then
  echo "generating $COMMITS commits into $REPO ..."
  rm -rf "$REPO.tmp"
  mkdir -p "$REPO.tmp"
  git -C "$REPO.tmp" init -q -b main
  generate | git -C "$REPO.tmp" fast-import --quiet
  git -C "$REPO.tmp" checkout -q main
  # A repacked repository with a commit-graph, as `git gc` leaves it.
  git -C "$REPO.tmp" gc -q
  mv "$REPO.tmp" "$REPO"
fi

total=$(git -C "$REPO" rev-list --count --branches --remotes --tags)
mine=$(git -C "$REPO" log --no-merges --branches --remotes --tags --use-mailmap --format='%aE' | grep -ci "^$USER_EMAIL\$" || true)
echo "repository: $REPO"
echo "commits reachable: $total; the user's non-merge commits: $mine"

echo "building the scan example (release) ..."
(cd "$ROOT" && cargo build -q --release -p fulcrum-git --example scan)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
SCAN="$TARGET/release/examples/scan"

now() { date +%s%N; }
best() { # best wall time in ms of RUNS runs of the given command
  local best_ns= start end
  for _ in $(seq "$RUNS"); do
    start=$(now); "$@" > /dev/null; end=$(now)
    if [ -z "$best_ns" ] || [ $((end - start)) -lt "$best_ns" ]; then best_ns=$((end - start)); fi
  done
  awk -v ns="$best_ns" 'BEGIN { printf "%.1f", ns / 1e6 }'
}

git_log() { git -C "$REPO" log --format='%H %ae %at' --branches --remotes --tags; }
echo
echo "best of $RUNS (wall time, ms):"
echo "  git log --format='%H %ae %at' --branches --remotes --tags : $(best git_log)"
echo "  scan example (first scan + rescan, whole process)          : $(best "$SCAN" "$REPO" "$USER_EMAIL")"
echo
echo "inside the example:"
"$SCAN" "$REPO" "$USER_EMAIL" | sed 's/^/  /'

# Without a commit-graph file, which many repositories do not have.
NOGRAPH="$DIR/repo-$COMMITS-nograph"
if [ ! -d "$NOGRAPH" ]; then
  cp -r "$REPO" "$NOGRAPH.tmp"
  rm -rf "$NOGRAPH.tmp/.git/objects/info/commit-graph" "$NOGRAPH.tmp/.git/objects/info/commit-graphs"
  git -C "$NOGRAPH.tmp" config core.commitGraph false
  mv "$NOGRAPH.tmp" "$NOGRAPH"
fi
git_log_nograph() { git -C "$NOGRAPH" log --format='%H %ae %at' --branches --remotes --tags; }
echo
echo "without a commit-graph (best of $RUNS, ms):"
echo "  git log : $(best git_log_nograph)"
echo "  scan    : $(best "$SCAN" "$NOGRAPH" "$USER_EMAIL")"

# Incremental: store a cursor, add 300 commits (the user's and others', on
# main and on a new branch), and scan again from the cursor.
INCR="$DIR/repo-$COMMITS-incremental"
rm -rf "$INCR" "$INCR.cursor"
cp -r "$REPO" "$INCR"
"$SCAN" "$INCR" "$USER_EMAIL" --cursor "$INCR.cursor" > /dev/null
tip=$(git -C "$INCR" rev-parse main)
now_s=$(git -C "$INCR" log -1 --format=%ct main)
awk -v tip="$tip" -v t="$now_s" -v user="$USER_EMAIL" 'BEGIN {
  for (i = 1; i <= 300; i++) {
    ref = (i <= 200) ? "refs/heads/main" : "refs/heads/new-work"
    who = (i % 3 == 0) ? "The Lead <" user ">" : "Someone Else <else@example.com>"
    t += 60
    printf "commit %s\nauthor %s %d +0000\ncommitter %s %d +0000\ndata 4\nnew\n", ref, who, t, who, t
    if (i == 1 || i == 201) printf "from %s\n", tip
    printf "\n"
  }
}' | git -C "$INCR" fast-import --quiet --force
echo
echo "incremental (300 new commits, 100 by the user, on a repository with a commit-graph):"
"$SCAN" "$INCR" "$USER_EMAIL" --cursor "$INCR.cursor" | sed 's/^/  /'
"$SCAN" "$INCR" "$USER_EMAIL" --cursor "$INCR.cursor" | sed 's/^/  /'
