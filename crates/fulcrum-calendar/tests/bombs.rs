//! Recurrence bombs: tiny rules that ask for millions of instances, or for work
//! that never finds one. Expansion must keep at most the limits' worth of the
//! earliest occurrences, spend at most the limits' work, and say so in a warning
//! naming the event's line and UID. Counts and work are asserted, never time.

use fulcrum_calendar::{
    Calendar, Expansion, Limits, MAX_OCCURRENCES_PER_EVENT, MAX_OCCURRENCES_TOTAL,
    MAX_WORK_PER_EVENT, MAX_WORK_TOTAL, Warning, WarningKind, tsv_line,
};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The import horizon for "now" = 2026-01-01: ten years back, one ahead.
fn horizon() -> (Timestamp, Timestamp) {
    (
        "2016-01-01T00:00:00Z".parse().unwrap(),
        "2027-01-01T00:00:00Z".parse().unwrap(),
    )
}

/// One VEVENT (BEGIN:VEVENT on line 3) with the given DTSTART and RRULE lines.
fn event(uid: &str, dtstart: &str, rules: &[&str]) -> String {
    let mut s = format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{dtstart}\r\n");
    for r in rules {
        s.push_str(&format!("RRULE:{r}\r\n"));
    }
    s.push_str("END:VEVENT\r\n");
    s
}

fn wrap(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
}

fn parse(text: &str) -> Calendar {
    let cal = Calendar::parse(text).expect("parse");
    assert!(cal.warnings().is_empty(), "{:?}", cal.warnings());
    cal
}

/// A calendar of the one VEVENT `event` writes.
fn one_event(uid: &str, dtstart: &str, rules: &[&str]) -> Calendar {
    parse(&wrap(&event(uid, dtstart, rules)))
}

/// `cal` expanded over the horizon with the default limits.
fn expand(cal: &Calendar) -> Expansion<'_> {
    let (from, to) = horizon();
    cal.expand_bounded(from, to, &TimeZone::UTC, &Limits::default())
}

/// The single warning of an expansion, checked to name line 3 and the UID.
#[track_caller]
fn only_warning<'w>(warnings: &'w [Warning], uid: &str) -> &'w Warning {
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert_eq!(w.line, 3, "{w}");
    assert_eq!(w.uid.as_deref(), Some(uid), "{w}");
    assert!(w.message.starts_with("VEVENT at line 3: "), "{w}");
    assert!(
        w.to_string().starts_with(&format!("line 3 (UID {uid}): ")),
        "{w}"
    );
    w
}

/// Expands one bomb over the horizon and checks it was cut to the per-event
/// limit with a warning saying so; returns the TSV lines.
#[track_caller]
fn capped(uid: &str, dtstart: &str, rules: &[&str]) -> Vec<String> {
    let cal = one_event(uid, dtstart, rules);
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), MAX_OCCURRENCES_PER_EVENT);
    assert!(x.work <= MAX_WORK_PER_EVENT, "work {}", x.work);
    let w = only_warning(&x.warnings, uid);
    assert_eq!(w.kind, WarningKind::Truncated);
    assert!(
        w.message
            .contains("its RRULE yields more than 10 000 occurrences in the window"),
        "{w}"
    );
    assert!(w.message.contains("kept the first 10 000"), "{w}");
    // The old entry point applies the same limits.
    let (from, to) = horizon();
    assert_eq!(
        cal.expand(from, to, &TimeZone::UTC).len(),
        MAX_OCCURRENCES_PER_EVENT
    );
    x.occurrences.iter().map(tsv_line).collect()
}

#[test]
fn rules_without_end_keep_the_first_ten_thousand() {
    // (rule, DTSTART, the first and the 10 000th start): the earliest ones, none skipped
    // (9 999 seconds later for the secondly rule); the minutely rule starts before the
    // window, so at the window.
    for (rule, dtstart, first, last) in [
        (
            "FREQ=SECONDLY",
            "20240301T090000Z",
            "2024-03-01T09:00:00",
            "2024-03-01T11:46:39",
        ),
        (
            "FREQ=MINUTELY",
            "20150101T083000Z",
            "2016-01-01T00:00:00",
            "2016-01-07T22:39:00",
        ),
        (
            "FREQ=HOURLY",
            "20160101T083000Z",
            "2016-01-01T08:30:00",
            "2017-02-20T23:30:00",
        ),
    ] {
        let got = capped("bomb", dtstart, &[rule]);
        assert_eq!(got[0], format!("bomb\t{first}Z\t{first}Z"), "{rule}");
        assert_eq!(got[9_999], format!("bomb\t{last}Z\t{last}Z"), "{rule}");
    }
}

#[test]
fn secondly_without_end_starting_long_before_the_window_starts_at_the_window() {
    let got = capped("s", "19990101T000000Z", &["FREQ=SECONDLY"]);
    assert_eq!(got[0], "s\t2016-01-01T00:00:00Z\t2016-01-01T00:00:00Z");
}

#[test]
fn secondly_with_a_huge_count_from_years_before_the_window() {
    // COUNT=100 000 000 seconds from 2014-01-01 runs until 2017-03-03: the count
    // is skipped through up to the window instead of walked second by second.
    let got = capped(
        "count",
        "20140101T000000Z",
        &["FREQ=SECONDLY;COUNT=100000000"],
    );
    assert_eq!(got[0], "count\t2016-01-01T00:00:00Z\t2016-01-01T00:00:00Z");
    // From 2010 the same count ends (2013-03-03) before the window: nothing, cheaply.
    let cal = one_event(
        "count",
        "20100101T000000Z",
        &["FREQ=SECONDLY;COUNT=100000000"],
    );
    let x = expand(&cal);
    assert!(x.occurrences.is_empty());
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    assert!(x.work < 10, "work {}", x.work);
}

#[test]
fn the_count_skip_lands_on_the_same_instances_as_walking() {
    // One instance per period, so skipping periods uses up exactly as much COUNT.
    // (rule, DTSTART, whether the count ends inside the window)
    for (rule, start, ends) in [
        (
            "FREQ=SECONDLY;INTERVAL=7;COUNT=40000000",
            "20151225T101010Z",
            false,
        ),
        (
            "FREQ=SECONDLY;INTERVAL=7;COUNT=1500000",
            "20151225T101010Z",
            false,
        ),
        (
            "FREQ=MINUTELY;INTERVAL=13;COUNT=600000",
            "20150601T101010Z",
            false,
        ),
        (
            "FREQ=HOURLY;INTERVAL=5;COUNT=2000",
            "20150601T101010Z",
            true,
        ),
        ("FREQ=DAILY;INTERVAL=3;COUNT=500", "20120601T101010Z", true),
        ("FREQ=WEEKLY;INTERVAL=2;COUNT=150", "20120601T101010Z", true),
    ] {
        let cal = one_event("c", start, &[rule]);
        let (from, to) = horizon();
        let skipped: Vec<String> = cal
            .expand(from, to, &TimeZone::UTC)
            .iter()
            .map(tsv_line)
            .collect();
        // A window starting at DTSTART walks every instance; keep those from `from` on.
        let walk_from: Timestamp = format!("{}Z", start_iso(start)).parse().unwrap();
        let roomy = Limits {
            occurrences_per_event: 200_000,
            occurrences_total: 200_000,
            work_per_event: u64::MAX,
            work_total: u64::MAX,
        };
        let walked: Vec<String> = cal
            .expand_bounded(walk_from, to, &TimeZone::UTC, &roomy)
            .occurrences
            .iter()
            .filter(|o| o.start_timestamp(&TimeZone::UTC) >= from)
            .take(MAX_OCCURRENCES_PER_EVENT)
            .map(tsv_line)
            .collect();
        assert!(!skipped.is_empty(), "{rule}");
        assert_eq!(skipped.len(), walked.len(), "{rule}");
        assert_eq!(skipped, walked, "{rule}");
        assert_eq!(
            skipped.len() < MAX_OCCURRENCES_PER_EVENT,
            ends,
            "{rule}: {}",
            skipped.len()
        );
    }
}

fn start_iso(s: &str) -> String {
    format!(
        "{}-{}-{}T{}:{}:{}",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    )
}

#[test]
fn minutely_with_thirty_one_seconds_a_minute() {
    let by_second: Vec<String> = (0..=30).map(|n| n.to_string()).collect();
    let rule = format!("FREQ=MINUTELY;BYSECOND={}", by_second.join(","));
    let got = capped("m31", "20200101T000000Z", &[&rule]);
    assert_eq!(got[0], "m31\t2020-01-01T00:00:00Z\t2020-01-01T00:00:00Z");
    assert_eq!(got[30], "m31\t2020-01-01T00:00:30Z\t2020-01-01T00:00:30Z");
    assert_eq!(got[31], "m31\t2020-01-01T00:01:00Z\t2020-01-01T00:01:00Z");
    // 10 000 = 322 whole minutes of 31, then 18 more.
    assert_eq!(
        got[9_999],
        "m31\t2020-01-01T05:22:17Z\t2020-01-01T05:22:17Z"
    );
}

#[test]
fn a_zoned_bomb_with_long_instances_is_capped_too() {
    // Each instance lasts a day, so instances starting before the window overlap it.
    let text = wrap(
        "BEGIN:VEVENT\r\nUID:long\r\nDTSTART;TZID=Europe/Berlin:20150101T000000\r\n\
         DTEND;TZID=Europe/Berlin:20150102T000000\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n",
    );
    let cal = parse(&text);
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), MAX_OCCURRENCES_PER_EVENT);
    assert!(x.work <= MAX_WORK_PER_EVENT);
    let first = &x.occurrences[0];
    // The earliest overlapping instance started a day (less a second) before the window.
    assert_eq!(
        tsv_line(first),
        "long\t2015-12-31T00:00:01Z\t2016-01-01T00:00:01Z"
    );
    assert_eq!(
        only_warning(&x.warnings, "long").kind,
        WarningKind::Truncated
    );
}

#[test]
fn an_event_of_ordinary_size_is_not_touched() {
    // Every weekday at 09:00 and 14:00 for eleven years: ~5 700 occurrences.
    let cal = one_event(
        "busy",
        "20160101T090000Z",
        &["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,14"],
    );
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), 5_740);
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    assert!(x.work < 40_000, "work {}", x.work);
}

#[test]
fn smaller_limits_cut_an_ordinary_event_and_say_so() {
    let cal = one_event("daily", "20240101T090000Z", &["FREQ=DAILY"]);
    let (from, to) = horizon();
    let limits = Limits {
        occurrences_per_event: 5,
        ..Limits::default()
    };
    let x = cal.expand_bounded(from, to, &TimeZone::UTC, &limits);
    let got: Vec<String> = x.occurrences.iter().map(tsv_line).collect();
    assert_eq!(got.len(), 5);
    assert_eq!(got[4], "daily\t2024-01-05T09:00:00Z\t2024-01-05T09:00:00Z");
    let w = only_warning(&x.warnings, "daily");
    assert_eq!(
        w.message,
        "VEVENT at line 3: its RRULE yields more than 5 occurrences in the window; kept the first 5"
    );
    assert_eq!(Limits::default(), Limits::DEFAULT);
    assert_eq!(
        Limits::DEFAULT.occurrences_per_event,
        MAX_OCCURRENCES_PER_EVENT
    );
}

#[test]
fn impossible_rules_end_at_once_and_leave_dtstart() {
    for (start, rule) in [
        ("20240131T090000Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31"),
        ("20240130T090000Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        (
            "20240130T090000Z",
            "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,-30",
        ),
        (
            "20240131T090000Z",
            "FREQ=DAILY;BYMONTH=4,6,9,11;BYMONTHDAY=31;COUNT=10",
        ),
        ("20240131T090000Z", "FREQ=YEARLY;BYMONTH=2"),
        ("20240229T090000Z", "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30"),
        ("20240101T090000Z", "FREQ=YEARLY;BYYEARDAY=1;BYMONTH=2"),
        ("20240101T090000Z", "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2MO"),
        ("20240101T090000Z", "FREQ=DAILY;INTERVAL=7;BYDAY=TU"),
        ("20240101T090000Z", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1"),
        ("20240101T090000Z", "FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30"),
        ("20240101T090000Z", "FREQ=HOURLY;INTERVAL=24;BYHOUR=10"),
        ("20240101T090000Z", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"),
    ] {
        let cal = one_event("never", start, &[rule]);
        let x = expand(&cal);
        let got: Vec<String> = x.occurrences.iter().map(tsv_line).collect();
        let iso = format!("{}Z", start_iso(start));
        assert_eq!(got, [format!("never\t{iso}\t{iso}")], "{rule}");
        assert_eq!(x.work, 0, "{rule}: not iterated at all");
        let w = only_warning(&x.warnings, "never");
        assert_eq!(w.kind, WarningKind::NeverOccurs, "{rule}");
        assert!(
            w.message.contains("its RRULE can never occur"),
            "{rule}: {w}"
        );
        assert!(w.message.ends_with("only DTSTART counts"), "{rule}: {w}");
    }
}

#[test]
fn rare_but_possible_rules_are_not_called_impossible() {
    for (start, rule, n) in [
        // 29 February: 2016, 2020, 2024.
        ("20160229T090000Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", 3),
        ("20160131T090000Z", "FREQ=MONTHLY;BYMONTHDAY=31", 77),
        // A fifth Monday happens four or five times a year.
        ("20160201T090000Z", "FREQ=MONTHLY;BYDAY=5MO", 47),
        // Week 53 (2020, 2026; 2015's is before the window).
        ("20151228T090000Z", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", 2),
        ("20160101T090000Z", "FREQ=DAILY;INTERVAL=7;BYDAY=FR", 574),
        (
            "20160101T090000Z",
            "FREQ=HOURLY;INTERVAL=36;BYHOUR=9,21",
            2_679,
        ),
    ] {
        let cal = one_event("rare", start, &[rule]);
        let x = expand(&cal);
        assert!(x.warnings.is_empty(), "{rule}: {:?}", x.warnings);
        assert_eq!(x.occurrences.len(), n, "{rule}");
    }
}

#[test]
fn an_impossible_rule_the_check_misses_is_stopped_by_the_work_limit() {
    // Each second is a period of one candidate, so BYSETPOS=2 never picks anything:
    // without a limit this examines 347 million empty periods.
    let cal = one_event("empty", "20160101T000000Z", &["FREQ=SECONDLY;BYSETPOS=2"]);
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), 1, "DTSTART itself");
    assert_eq!(x.work, MAX_WORK_PER_EVENT);
    let w = only_warning(&x.warnings, "empty");
    assert_eq!(w.kind, WarningKind::Truncated);
    assert_eq!(
        w.message,
        "VEVENT at line 3: its RRULE takes more than 1 000 000 steps to expand over the \
         window; kept the 1 occurrence found before it stopped"
    );
}

#[test]
fn a_huge_count_with_parts_is_stopped_by_the_work_limit() {
    // Two instances a minute from 2010: the count cannot be skipped through, and
    // walking to the window would take 3 million minutes.
    let cal = one_event(
        "walk",
        "20100101T000000Z",
        &["FREQ=MINUTELY;BYSECOND=0,30;COUNT=100000000"],
    );
    let x = expand(&cal);
    assert!(x.occurrences.is_empty());
    assert_eq!(x.work, MAX_WORK_PER_EVENT);
    assert_eq!(
        only_warning(&x.warnings, "walk").kind,
        WarningKind::Truncated
    );
}

#[test]
fn a_day_of_every_second_is_built_only_as_far_as_the_budget() {
    // BYHOUR x BYMINUTE x BYSECOND is 86 400 candidates a day, 31 million a year.
    let all = |n: i32| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let rule = format!(
        "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYHOUR={};BYMINUTE={};BYSECOND={}",
        all(24),
        all(60),
        all(60)
    );
    let got = capped("year", "20160101T000000Z", &[&rule]);
    assert_eq!(
        got[9_999],
        "year\t2016-01-01T02:46:39Z\t2016-01-01T02:46:39Z"
    );
    // With BYSETPOS the period cannot be picked from without building all of it.
    let cal = one_event(
        "year",
        "20160101T000000Z",
        &[&format!("{rule};BYSETPOS=-1")],
    );
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), 1, "DTSTART itself");
    assert_eq!(x.work, MAX_WORK_PER_EVENT);
}

#[test]
fn several_rules_on_one_event_keep_the_earliest_of_them_all() {
    let rules = [
        "FREQ=HOURLY",
        "FREQ=SECONDLY;INTERVAL=7",
        "FREQ=MINUTELY;BYSECOND=3",
        "FREQ=WEEKLY",
        "FREQ=SECONDLY;INTERVAL=11",
    ];
    let got = capped("multi", "20160101T000000Z", &rules);
    // The same union by brute force, in seconds after DTSTART.
    let start: Timestamp = "2016-01-01T00:00:00Z".parse().unwrap();
    let want: Vec<String> = (0i64..)
        .filter(|t| t % 3600 == 0 || t % 7 == 0 || t % 60 == 3 || t % 11 == 0)
        .take(MAX_OCCURRENCES_PER_EVENT)
        .map(|t| {
            let ts = start + jiff::SignedDuration::from_secs(t);
            format!("multi\t{ts}\t{ts}")
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_costly_rule_does_not_starve_the_other_rules_of_its_event() {
    let cal = one_event(
        "mixed",
        "20160104T090000Z",
        &["FREQ=SECONDLY;BYSETPOS=2", "FREQ=WEEKLY;BYDAY=MO"],
    );
    let x = expand(&cal);
    // Every Monday at 09:00 for eleven years (DTSTART among them).
    assert_eq!(x.occurrences.len(), 574);
    assert!(x.work <= MAX_WORK_PER_EVENT);
    assert_eq!(
        only_warning(&x.warnings, "mixed").kind,
        WarningKind::Truncated
    );
}

#[test]
fn a_thousand_rules_on_one_event_stay_within_the_limits() {
    let rules: Vec<String> = (1..=1000)
        .map(|i| format!("FREQ=SECONDLY;INTERVAL={i}"))
        .collect();
    let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
    let got = capped("thousand", "20160101T000000Z", &rules);
    // INTERVAL=1 alone gives every second, so the union is every second.
    assert_eq!(
        got[9_999],
        "thousand\t2016-01-01T02:46:39Z\t2016-01-01T02:46:39Z"
    );
}

#[test]
fn two_hundred_bombs_stop_at_the_calendar_limit() {
    let body: String = (0..200)
        .map(|i| event(&format!("bomb-{i}"), "20160101T000000Z", &["FREQ=SECONDLY"]))
        .collect();
    let cal = parse(&wrap(&body));
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), MAX_OCCURRENCES_TOTAL);
    assert!(x.work <= MAX_WORK_TOTAL, "work {}", x.work);
    // Ten events at the per-event limit, each with its warning, then one for the rest.
    let per_event = MAX_OCCURRENCES_TOTAL / MAX_OCCURRENCES_PER_EVENT;
    assert_eq!(x.warnings.len(), per_event + 1, "{:#?}", x.warnings);
    for (i, w) in x.warnings[..per_event].iter().enumerate() {
        assert_eq!(w.kind, WarningKind::Truncated);
        assert_eq!(w.uid.as_deref(), Some(format!("bomb-{i}").as_str()));
        assert_eq!(w.line, 3 + 5 * i);
    }
    let rest = &x.warnings[per_event];
    assert_eq!(
        rest.kind,
        WarningKind::NotExpanded {
            events: 200 - per_event
        }
    );
    assert_eq!(
        rest.uid.as_deref(),
        Some(format!("bomb-{per_event}").as_str())
    );
    assert_eq!(rest.line, 3 + 5 * per_event);
    assert_eq!(
        rest.message,
        format!(
            "VEVENT at line {} and the {} events after it not expanded: the calendar already \
             gave 100 000 occurrences in the window, the most one expansion keeps",
            3 + 5 * per_event,
            199 - per_event
        )
    );
}

#[test]
fn two_hundred_costly_rules_stop_at_the_calendar_work_limit() {
    let body: String = (0..200)
        .map(|i| {
            event(
                &format!("empty-{i}"),
                "20160101T000000Z",
                &["FREQ=SECONDLY;BYSETPOS=2"],
            )
        })
        .collect();
    let cal = parse(&wrap(&body));
    let x = expand(&cal);
    assert_eq!(x.work, MAX_WORK_TOTAL);
    let spent = (MAX_WORK_TOTAL / MAX_WORK_PER_EVENT) as usize;
    assert_eq!(x.occurrences.len(), spent, "each DTSTART");
    assert_eq!(x.warnings.len(), spent + 1, "{:#?}", x.warnings);
    assert_eq!(
        x.warnings[spent].kind,
        WarningKind::NotExpanded {
            events: 200 - spent
        }
    );
    assert!(
        x.warnings[spent]
            .message
            .contains("already used the 5 000 000 steps one expansion may take"),
        "{}",
        x.warnings[spent]
    );
}

#[test]
fn overrides_count_toward_the_event_limit() {
    // An hourly series whose first 20 000 instances are each moved a minute later.
    let mut body = event("moved", "20160101T090000Z", &["FREQ=HOURLY"]);
    let start: Timestamp = "2016-01-01T09:00:00Z".parse().unwrap();
    let fmt = |ts: Timestamp| ts.strftime("%Y%m%dT%H%M%SZ").to_string();
    for h in 0..20_000 {
        let rid = start + jiff::SignedDuration::from_hours(h);
        let moved = rid + jiff::SignedDuration::from_mins(1);
        body.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:moved\r\nRECURRENCE-ID:{}\r\nDTSTART:{}\r\nEND:VEVENT\r\n",
            fmt(rid),
            fmt(moved)
        ));
    }
    let cal = parse(&wrap(&body));
    let x = expand(&cal);
    assert_eq!(x.occurrences.len(), MAX_OCCURRENCES_PER_EVENT);
    // The earliest are kept: the first 10 000 moved instances.
    let last = tsv_line(&x.occurrences[MAX_OCCURRENCES_PER_EVENT - 1]);
    let moved = start + jiff::SignedDuration::from_mins(9_999 * 60 + 1);
    assert_eq!(last, format!("moved\t{moved}\t{moved}"));
    assert!(
        x.occurrences
            .iter()
            .all(|o| o.event.recurrence_id.is_some())
    );
    assert_eq!(
        only_warning(&x.warnings, "moved").kind,
        WarningKind::Truncated
    );
}
