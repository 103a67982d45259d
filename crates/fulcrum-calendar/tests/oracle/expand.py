#!/usr/bin/env python3
"""Reference expansion with python `recurring-ical-events` (pip install recurring-ical-events).

Usage:
    expand.py FILE FROM TO      # FROM/TO like 2024-01-01T00:00:00Z; prints TSV
    expand.py --batch           # stdin: JSON lines {"ics": ..., "from": ..., "to": ...};
                                # stdout: each result's TSV followed by a line "%%END"

Output matches `fulcrum_calendar::tsv_line`: UID<TAB>START<TAB>END, instants in
UTC as YYYY-MM-DDTHH:MM:SSZ, floating times as YYYY-MM-DDTHH:MM:SS, dates as
YYYY-MM-DD, sorted by start instant, then UID, then end instant.

A calendar the library cannot expand at all prints one line
"%%ERROR <exception>: <message>" instead (in both modes), so a fixture can pin
that the oracle fails on it and its deviations file can say what we do instead.

Each calendar is expanded with a fresh icalendar time-zone cache: icalendar
keeps the zones built from VTIMEZONE components in a process-wide cache (the
first definition of a TZID wins), so without the reset one calendar's VTIMEZONE
would change how a later calendar in the same batch is read.

The window bounds are UTC-aware datetimes. recurring-ical-events then reads
floating times and all-day dates as if they were in the zone of the bounds
(UTC), so the Rust side must expand with `floating = UTC` to compare.
"""
import datetime
import json
import sys
import warnings

import icalendar
import recurring_ical_events

warnings.simplefilter("ignore")
UTC = datetime.timezone.utc


def parse_bound(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def fmt(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            return v.strftime("%Y-%m-%dT%H:%M:%S")
        return v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return v.strftime("%Y-%m-%d")


def key(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=UTC)
        return v.timestamp()
    return datetime.datetime(v.year, v.month, v.day, tzinfo=UTC).timestamp()


def expand(text, start, stop):
    icalendar.use_zoneinfo()  # a fresh zone cache for every calendar
    cal = icalendar.Calendar.from_ical(text)
    rows = []
    for ev in recurring_ical_events.of(cal).between(start, stop):
        s = ev["DTSTART"].dt
        e = ev["DTEND"].dt if "DTEND" in ev else s
        uid = str(ev.get("UID", ""))
        rows.append((key(s), uid, key(e), f"{uid}\t{fmt(s)}\t{fmt(e)}"))
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows]


def expand_or_error(text, start, stop):
    try:
        return expand(text, parse_bound(start), parse_bound(stop))
    except Exception as exc:  # report, keep going
        message = " ".join(str(exc).split())
        return [f"%%ERROR {type(exc).__name__}: {message}"]


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--batch":
        out = sys.stdout
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            for row in expand_or_error(job["ics"], job["from"], job["to"]):
                out.write(row + "\n")
            out.write("%%END\n")
            out.flush()
        return
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as f:
        text = f.read()
    for row in expand_or_error(text, sys.argv[2], sys.argv[3]):
        print(row)


if __name__ == "__main__":
    main()
