#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and says, one line each, how it went.
#
#   FUZZ_SECONDS=60 fuzz/run.sh            # every target, 60 s each (the default)
#   FUZZ_SECONDS=10 fuzz/run.sh params     # some targets only
#
# Each input may take at most 2 s and 512 MB (FUZZ_TIMEOUT, FUZZ_RSS_MB): a calendar whose
# expansion never ends or fills memory is a failure like a panic. Exits 1 when any target
# found a crash, a timeout or an out-of-memory; the input that did it is in
# fuzz/artifacts/TARGET/ (replay: RUSTC_BOOTSTRAP=1 cargo fuzz run -a TARGET FILE).
# Logs are in fuzz/target/logs/, inputs the fuzzer added in fuzz/target/corpus/.
set -uo pipefail

cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-2}
rss_mb=${FUZZ_RSS_MB:-512}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ical_parse ical_expand rules_file params)
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer=address); this lets stable rustc take them.
export RUSTC_BOOTSTRAP=1
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked || exit 2
fi

# -a: overflow checks and debug assertions, so arithmetic on hostile numbers fails loudly.
# FUZZ_SANITIZER=none skips AddressSanitizer (about twice the executions; the code is safe Rust).
flags=(-a -s "${FUZZ_SANITIZER:-address}")
cargo fuzz build "${flags[@]}" || exit 2
# The binaries are run directly rather than through `cargo fuzz run`, which would rebuild
# whenever a source changed in between: every target runs the code this build saw.
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release

dict_of() {
    case $1 in
        ical_*) echo dict/ical.dict ;;
        rules_file) echo dict/rules.dict ;;
        params) echo dict/params.dict ;;
    esac
}

failed=0
mkdir -p target/logs
for t in "${targets[@]}"; do
    # New inputs go to target/ (ignored); the committed seeds in corpus/ are only read.
    work=target/corpus/$t
    log=target/logs/$t.log
    mkdir -p "$work" "corpus/$t"
    before=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
    mkdir -p "artifacts/$t"
    "$bin/$t" "$work" "corpus/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
        -dict="$(dict_of "$t")" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ -z "$execs" ]; then
        # A run cut short prints no final stats; its last progress line has the count.
        execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    fi
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    after=$(find "artifacts/$t" -type f 2>/dev/null | wc -l)
    if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
        result="no crash, timeout or OOM"
    else
        failed=1
        kind=$(grep -o -m1 -E 'ERROR: libFuzzer: [a-z-]+|panicked at [^:]+:[0-9]+' "$log" | head -1)
        artifact=$(grep -o -m1 -E "artifacts/$t/[^ ]+" "$log" | head -1)
        result="FOUND ${kind:-a failure (exit $rc)}: ${artifact:-see $log}"
    fi
    printf '%-12s %12s execs in %ss  cov %-6s %s\n' "$t" "${execs:-?}" "$seconds" "${cov:-?}" "$result"
done
exit "$failed"
