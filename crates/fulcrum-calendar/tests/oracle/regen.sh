#!/usr/bin/env bash
# Regenerates tests/fixtures/*.expected.tsv from the python reference
# (pip install recurring-ical-events). Expected files are the oracle's raw
# output; documented disagreements live in NAME.deviations.tsv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../fixtures"
while IFS=$'\t' read -r name from to _notes; do
    case "$name" in '#'* | '') continue ;; esac
    python3 "$here/expand.py" "$fixtures/$name.ics" "$from" "$to" > "$fixtures/$name.expected.tsv"
    echo "$name: $(wc -l < "$fixtures/$name.expected.tsv") occurrences"
done < "$fixtures/manifest.tsv"
