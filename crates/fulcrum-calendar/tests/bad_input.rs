//! Bad input: fatal structure errors carry a line number, broken components
//! are skipped with a warning, and nothing panics.

mod common;

use common::xorshift::Rng;
use fulcrum_calendar::{Calendar, ParseError};

fn read(name: &str) -> String {
    std::fs::read_to_string(common::dir().join("fixtures/bad").join(name)).expect("fixture")
}

/// The error that stops parsing the bad fixture `name`, checked to point at `line`.
#[track_caller]
fn fatal(name: &str, line: usize) -> ParseError {
    let err = Calendar::parse(&read(name)).unwrap_err();
    assert_eq!(err.line, line, "{err}");
    err
}

#[test]
fn not_icalendar() {
    assert_eq!(
        fatal("not_ical.ics", 1).to_string(),
        "line 1: not an iCalendar file: expected BEGIN:VCALENDAR"
    );
    assert!(Calendar::parse("").is_err());
    assert!(Calendar::parse("\n\n").is_err());
    assert!(Calendar::parse("{\"json\": true}").is_err());
}

#[test]
fn truncated() {
    let err = fatal("truncated.ics", 6);
    assert!(err.message.contains("truncated"), "{err}");
    assert!(err.message.contains("BEGIN:VEVENT at line 3"), "{err}");
    let err = Calendar::parse("BEGIN:VCALENDAR\nVERSION:2.0\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("BEGIN:VCALENDAR at line 1 has no END"),
        "{err}"
    );
}

#[test]
fn misnested() {
    assert_eq!(
        fatal("misnested.ics", 8).to_string(),
        "line 8: END:VEVENT does not match BEGIN:VALARM at line 6"
    );
    let err = Calendar::parse("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT\n").unwrap_err();
    assert_eq!(err.line, 3);
}

#[test]
fn broken_components_are_skipped_with_warnings() {
    let cal = Calendar::parse(&read("skipped.ics")).expect("file is structurally fine");
    let uids: Vec<_> = cal
        .events()
        .iter()
        .map(|e| e.uid.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(uids, vec!["good-1", "good-2"]);
    let w = cal.warnings();
    let find = |uid: &str| {
        w.iter()
            .find(|w| w.uid.as_deref() == Some(uid))
            .unwrap_or_else(|| panic!("warning for {uid} in {w:?}"))
    };
    let rrule = find("bad-rrule");
    assert_eq!(rrule.line, 12);
    assert!(rrule.message.contains("RRULE"), "{}", rrule.message);
    assert!(rrule.message.contains("FORTNIGHTLY"), "{}", rrule.message);
    assert_eq!(
        rrule.to_string().split(':').next(),
        Some("line 12 (UID bad-rrule)")
    );
    let tz = find("bad-tz");
    assert_eq!(tz.line, 17);
    assert!(tz.message.contains("Atlantis/Lost_City"), "{}", tz.message);
    assert_eq!(find("bad-dtstart").line, 22);
    assert!(find("bad-duration").message.contains("duration"));
    let no_start = w
        .iter()
        .find(|w| w.message.contains("no DTSTART"))
        .expect("no DTSTART");
    assert_eq!(no_start.uid, None);
    assert_eq!(no_start.line, 25);
    assert!(
        w.iter()
            .any(|w| w.line == 33 && w.message.contains("unreadable"))
    );
    // VTODO and VJOURNAL are not events and do not warn.
    assert_eq!(w.len(), 6, "{w:?}");
}

const SNIPPETS: &[&str] = &[
    "\r\n",
    "\n ",
    ":",
    ";",
    "=",
    ",",
    "\"",
    "\\",
    "BEGIN:VEVENT\n",
    "END:VEVENT\n",
    "Z",
    "T",
    "FREQ=SECONDLY",
    ";BYSETPOS=-366",
    ";BYWEEKNO=-53",
    ";COUNT=1",
    ";UNTIL=19000101",
    ";INTERVAL=1000000",
    "TZID=",
    "99999999T999999",
    "00000000",
    "P9999999W",
    "-P1D",
    "é",
    "\u{0}",
    ";BYDAY=-53MO",
    ";BYMONTHDAY=-31",
    ";BYYEARDAY=366",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:",
    "RDATE;VALUE=PERIOD:20240101T000000Z/",
    "EXDATE;VALUE=DATE:",
    "BEGIN:VTIMEZONE\n",
];

#[test]
fn mutated_fixtures_never_panic() {
    let dir = common::dir().join("fixtures");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures dir") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "ics") {
            texts.push(std::fs::read_to_string(&p).expect("read"));
        }
    }
    let from: jiff::Timestamp = "2020-01-01T00:00:00Z".parse().expect("ts");
    let to: jiff::Timestamp = "2030-01-01T00:00:00Z".parse().expect("ts");
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    for round in 0..600 {
        let base = &texts[round % texts.len()];
        let mut bytes = base.as_bytes().to_vec();
        for _ in 0..1 + rng.index(6) {
            match rng.index(5) {
                0 => {
                    let n = rng.index(bytes.len());
                    bytes.truncate(n);
                }
                1 if !bytes.is_empty() => {
                    let i = rng.index(bytes.len());
                    bytes[i] = (rng.next() & 0x7f) as u8;
                }
                2 if !bytes.is_empty() => {
                    let i = rng.index(bytes.len());
                    let n = rng.index(200).min(bytes.len() - i);
                    bytes.drain(i..i + n);
                }
                _ => {
                    let i = rng.index(bytes.len() + 1);
                    let s = SNIPPETS[rng.index(SNIPPETS.len())];
                    bytes.splice(i..i, s.bytes());
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(cal) = Calendar::parse(&text) {
            let occ = cal.expand(from, to, &jiff::tz::TimeZone::UTC);
            for o in occ.iter().take(50) {
                let _ = fulcrum_calendar::tsv_line(o);
            }
        }
    }
}

#[test]
fn extreme_rules_are_bounded() {
    // Rules that never match, or match very densely, must stay fast.
    let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:never\nDTSTART:20000101T000000Z\n\
               RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n\
               BEGIN:VEVENT\nUID:dense\nDTSTART:20000101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=7\n\
               END:VEVENT\nBEGIN:VEVENT\nUID:yearly-never\nDTSTART:20000101T000000Z\n\
               RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31\nEND:VEVENT\nEND:VCALENDAR\n";
    let cal = Calendar::parse(ics).expect("parse");
    let from: jiff::Timestamp = "2030-01-01T00:00:00Z".parse().expect("ts");
    let to: jiff::Timestamp = "2030-01-01T01:00:00Z".parse().expect("ts");
    let t = std::time::Instant::now();
    let occ = cal.expand(from, to, &jiff::tz::TimeZone::UTC);
    // 946684800 s to 2030 is 5 mod 7, so the first instance is at 00:00:02.
    assert_eq!(occ.len(), (3599 - 2) / 7 + 1);
    assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
}
