//! A calendar expanded over a window within the default limits, the way an import expands a
//! file over its horizon: the work must stay bounded (libFuzzer's `-timeout` and
//! `-rss_limit_mb` turn a recurrence bomb into a failure), the occurrences within the limit,
//! each in the window and sorted by start, and every warning must name a line of the file.
//!
//! Input: 8 bytes choosing the window and the zone floating times are read in, then the text.
#![no_main]

use fulcrum_calendar::{Calendar, Limits};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use libfuzzer_sys::fuzz_target;

/// The longest window an import expands: ten years back and one ahead.
const MAX_SPAN_HOURS: u32 = 11 * 8766;
/// Windows start between 1900 and 2100.
const START_RANGE_HOURS: u32 = 200 * 8766;

const ZONES: [&str; 8] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Santiago",
    "Pacific/Kiritimati",
];

fuzz_target!(|data: &[u8]| {
    let Some((head, body)) = data.split_first_chunk::<8>() else {
        return;
    };
    let start = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) % START_RANGE_HOURS;
    let span = u32::from_le_bytes([head[4], head[5], head[6], 0]) % MAX_SPAN_HOURS + 1;
    let zone = ZONES[usize::from(head[7]) % ZONES.len()];
    let floating = TimeZone::get(zone).expect("bundled zone");
    let epoch: Timestamp = "1900-01-01T00:00:00Z".parse().expect("a timestamp");
    let from = epoch + SignedDuration::from_hours(i64::from(start));
    let to = from + SignedDuration::from_hours(i64::from(span));

    let text = String::from_utf8_lossy(body);
    let Ok(cal) = Calendar::parse(&text) else {
        return;
    };
    let expansion = cal.expand_bounded(from, to, &floating, &Limits::DEFAULT);
    let occurrences = &expansion.occurrences;
    assert!(occurrences.len() <= Limits::DEFAULT.occurrences_total);
    let lines = text.split('\n').count();
    for w in &expansion.warnings {
        assert!(
            (1..=lines).contains(&w.line),
            "warning at line {}: {w}",
            w.line
        );
    }
    let mut last = None;
    for o in occurrences {
        let (a, b) = (o.start_timestamp(&floating), o.end_timestamp(&floating));
        let inside = if a == b {
            from <= a && a < to
        } else {
            a < to && b > from
        };
        assert!(inside, "{a}..{b} is outside {from}..{to}");
        assert!(last <= Some(a), "not sorted by start: {a} after {last:?}");
        last = Some(a);
    }
});
