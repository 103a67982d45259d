//! Writes a synthetic ten-year calendar for benchmarking: an engineering lead
//! with 20 direct reports, each with a weekly or biweekly 1:1 series in one
//! of a few zones, with EXDATEs (holidays), moved and cancelled instances,
//! plus some team rituals and one-off meetings.
//!
//! `cargo run --release -p fulcrum-calendar --example gen_calendar -- OUT.ics`
//!
//! With `--large` it writes the same decade as a calendar service exports it
//! ([`generate_large`], ~8 MB): every event with the long DESCRIPTION of a video
//! call, a dozen attendees on team meetings, alarms, vendor properties, each
//! moved or cancelled 1:1 as a full copy, and the one-off meetings of a busy
//! lead (~26 000 occurrences in the ten years).

use std::fmt::Write as _;

// The same deterministic generator as the tests', so every run writes the same file.
#[path = "../tests/common/xorshift.rs"]
mod xorshift;
use xorshift::Rng;

/// The zones the reports work in.
const ZONES: [&str; 4] = [
    "Europe/Berlin",
    "America/New_York",
    "Europe/London",
    "America/Los_Angeles",
];
/// BYDAY codes of the working days.
const DAYS: [&str; 5] = ["MO", "TU", "WE", "TH", "FR"];
/// The first day of the decade; its last year.
const START: jiff::civil::Date = jiff::civil::date(2024, 1, 1);
const END_YEAR: i16 = 2033;

/// A local date-time as iCalendar writes it: `20240101T090000`.
fn dt(d: jiff::civil::Date, h: i8, m: i8) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        d.year(),
        d.month(),
        d.day(),
        h,
        m
    )
}

/// The 1:1 series of report `r`: its zone, weekday, hour, and its first day.
#[derive(Clone, Copy)]
struct Report {
    zone: &'static str,
    weekday: i64,
    hour: i8,
    biweekly: bool,
    first: jiff::civil::Date,
}

impl Report {
    fn new(r: u64) -> Report {
        let weekday = (r % 5) as i64;
        Report {
            zone: ZONES[(r % 4) as usize],
            weekday,
            hour: 9 + (r % 8) as i8,
            biweekly: r.is_multiple_of(3),
            first: START
                .checked_add(jiff::SignedDuration::from_hours(
                    24 * (weekday + 7 * (r as i64 % 2)),
                ))
                .expect("date"),
        }
    }

    /// Walks the series, one roll of `rng` per instance: a roll below 6 is a holiday,
    /// returned as an EXDATE value; any other roll goes to `other` with its day, to write an
    /// override when the roll says the instance was moved or cancelled.
    fn holidays(
        &self,
        rng: &mut Rng,
        mut other: impl FnMut(jiff::civil::Date, u64),
    ) -> Vec<String> {
        let mut exdates = Vec::new();
        for d in instances(self.first, self.biweekly) {
            let roll = rng.below(100);
            if roll < 6 {
                exdates.push(dt(d, self.hour, 0));
            } else {
                other(d, roll);
            }
        }
        exdates
    }

    /// The DTSTART, DTEND and weekly RRULE lines of the series.
    fn write_times(&self, s: &mut String) {
        let Report {
            zone, hour, first, ..
        } = *self;
        let _ = write!(
            s,
            "DTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\n\
             RRULE:FREQ=WEEKLY;{}BYDAY={}\r\n",
            dt(first, hour, 0),
            dt(first, hour, 30),
            if self.biweekly { "INTERVAL=2;" } else { "" },
            DAYS[self.weekday as usize]
        );
    }
}

/// The days of a weekly (or biweekly) series from `first` to the end of the decade.
fn instances(first: jiff::civil::Date, biweekly: bool) -> impl Iterator<Item = jiff::civil::Date> {
    let step = if biweekly { 14 } else { 7 };
    (0i64..)
        .map_while(move |k| {
            first
                .checked_add(jiff::SignedDuration::from_hours(24 * step * k))
                .ok()
        })
        .take_while(|d| d.year() <= END_YEAR)
}

/// The calendar text: 2024-01-01 to 2033-12-31.
pub fn generate() -> String {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fulcrum//bench generator//EN\r\n",
    );
    for r in 0..20u64 {
        let report = Report::new(r);
        let Report { zone, hour, .. } = report;
        let uid = format!("1on1-report-{r:02}@bench.example");
        // Holidays are skipped; a few instances are moved or cancelled.
        let mut overrides = String::new();
        let exdates = report.holidays(&mut rng, |d, roll| {
            if roll < 9 {
                // Moved to the next day, one hour later.
                let moved = d.tomorrow().expect("date");
                let _ = write!(
                    overrides,
                    "BEGIN:VEVENT\r\nUID:{uid}\r\nRECURRENCE-ID;TZID={zone}:{}\r\n\
                     DTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\nSEQUENCE:1\r\n\
                     SUMMARY:1:1 report {r} (moved)\r\nEND:VEVENT\r\n",
                    dt(d, hour, 0),
                    dt(moved, hour + 1, 0),
                    dt(moved, hour + 1, 30)
                );
            } else if roll < 11 {
                let _ = write!(
                    overrides,
                    "BEGIN:VEVENT\r\nUID:{uid}\r\nRECURRENCE-ID;TZID={zone}:{}\r\n\
                     DTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\nSEQUENCE:1\r\n\
                     STATUS:CANCELLED\r\nSUMMARY:1:1 report {r}\r\nEND:VEVENT\r\n",
                    dt(d, hour, 0),
                    dt(d, hour, 0),
                    dt(d, hour, 30)
                );
            }
        });
        let _ = write!(s, "BEGIN:VEVENT\r\nUID:{uid}\r\n");
        report.write_times(&mut s);
        for chunk in exdates.chunks(8) {
            let _ = write!(s, "EXDATE;TZID={zone}:{}\r\n", chunk.join(","));
        }
        let _ = write!(
            s,
            "SUMMARY:1:1 report {r}\r\nORGANIZER:mailto:lead@bench.example\r\n\
             ATTENDEE;CN=Report {r};PARTSTAT=ACCEPTED:mailto:report{r}@bench.example\r\n\
             END:VEVENT\r\n{overrides}"
        );
    }
    // Team rituals.
    s.push_str(
        "BEGIN:VEVENT\r\nUID:standup@bench.example\r\nDTSTART;TZID=Europe/Berlin:20240102T093000\r\n\
         DTEND;TZID=Europe/Berlin:20240102T094500\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n\
         SUMMARY:Standup\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:retro@bench.example\r\nDTSTART;TZID=Europe/Berlin:20240126T150000\r\n\
         DTEND;TZID=Europe/Berlin:20240126T160000\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n\
         SUMMARY:Retro\r\nEND:VEVENT\r\n",
    );
    // One-off meetings.
    for i in 0..300u64 {
        let d = START
            .checked_add(jiff::SignedDuration::from_hours(
                24 * rng.below(3650) as i64,
            ))
            .expect("date");
        let h = 8 + rng.below(9);
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nUID:oneoff-{i}@bench.example\r\nDTSTART:{:04}{:02}{:02}T{:02}0000Z\r\n\
             DTEND:{:04}{:02}{:02}T{:02}4500Z\r\nSUMMARY:Meeting {i}\r\nEND:VEVENT\r\n",
            d.year(),
            d.month(),
            d.day(),
            h,
            d.year(),
            d.month(),
            d.day(),
            h
        );
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// Appends `line` folded at 75 octets (RFC 5545 3.1) with CRLF.
fn folded(s: &mut String, line: &str) {
    let mut rest = line;
    let mut first = true;
    while !rest.is_empty() {
        let room = if first { 75 } else { 74 };
        let mut cut = rest.len().min(room);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !first {
            s.push(' ');
        }
        s.push_str(&rest[..cut]);
        s.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

const FIRST: &[&str] = &[
    "Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Julia", "Kofi",
    "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomoko",
];
const LAST: &[&str] = &[
    "Andersen", "Okafor", "Nakamura", "Schmidt", "Rossi", "Kowalski", "Haddad", "Silva", "Dubois",
    "Ivanova",
];

/// The DESCRIPTION a video-call invitation carries, TEXT-escaped (~1 kB).
fn description(topic: &str, id: u64) -> String {
    format!(
        "{topic}\\n\\nAgenda and notes: https://docs.bench.example/d/{id:016x}/edit\\n\\n\
         -::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\\n\
         Join with Video Call: https://meet.bench.example/{:03}-{:04}-{:03}\\n\
         Or dial: (US) +1 555-0{:03}-{:04} PIN: {:09}#\\n\
         More phone numbers: https://tel.meet.bench.example/{:03}-{:04}-{:03}?pin={:013}\\n\\n\
         Learn more about Video Call: https://support.bench.example/a/users/answer/9282720\\n\\n\
         Please do not edit this section.\\n\
         -::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\\n\\n\
         Invitation from Bench Calendar: https://calendar.bench.example/calendar/\\n\\n\
         You are receiving this email because you are an attendee of the event. To stop \
         receiving future updates for this event\\, decline this event.\\n\\n\
         Forwarding this invitation could allow any recipient to send a response to the \
         organizer\\, be added to the guest list\\, invite others regardless of their own \
         invitation status\\, or modify your RSVP.",
        id % 1000,
        id % 10_000,
        (id / 7) % 1000,
        id % 1000,
        id % 10_000,
        id % 1_000_000_000,
        id % 1000,
        id % 10_000,
        (id / 7) % 1000,
        id % 10_000_000_000_000,
    )
}

/// One Google-style ATTENDEE line for person `p`.
fn attendee(s: &mut String, p: u64, partstat: &str) {
    let first = FIRST[(p % 20) as usize];
    let last = LAST[((p / 20) % 10) as usize];
    folded(
        s,
        &format!(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};\
             CN={first} {last};X-NUM-GUESTS=0:mailto:{}.{}@bench.example",
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase()
        ),
    );
}

/// What every exported event carries besides its times.
fn boilerplate(s: &mut String, uid: &str, stamp: &str, topic: &str, id: u64) {
    let _ = write!(
        s,
        "DTSTAMP:{stamp}\r\nORGANIZER;CN=Lead:mailto:lead@bench.example\r\nUID:{uid}\r\n"
    );
    folded(
        s,
        &format!(
            "X-GOOGLE-CONFERENCE:https://meet.bench.example/{:03}-{:04}-{:03}",
            id % 1000,
            id % 10_000,
            (id / 7) % 1000
        ),
    );
    let _ = write!(
        s,
        "CREATED:{stamp}\r\nLAST-MODIFIED:{stamp}\r\nLOCATION:\r\nSTATUS:CONFIRMED\r\n\
         TRANSP:OPAQUE\r\n"
    );
    folded(s, &format!("DESCRIPTION:{}", description(topic, id)));
}

fn alarm(s: &mut String) {
    s.push_str(
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:This is an event reminder\r\n\
         TRIGGER:-P0DT0H10M0S\r\nEND:VALARM\r\n",
    );
}

/// The decade as a calendar service exports it: ~8 MB, ~26 000 occurrences.
pub fn generate_large() -> String {
    let mut rng = Rng(0x0fed_cba9_8765_4321);
    let mut s = String::with_capacity(9 << 20);
    s.push_str(
        "BEGIN:VCALENDAR\r\nPRODID:-//Bench//Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:lead@bench.example\r\n\
         X-WR-TIMEZONE:Europe/Berlin\r\n",
    );
    for (tz, std, dst, std_off, dst_off, dst_rule, std_rule) in [
        (
            "Europe/Berlin",
            "CET",
            "CEST",
            "+0100",
            "+0200",
            "-1SU;BYMONTH=3",
            "-1SU;BYMONTH=10",
        ),
        (
            "Europe/London",
            "GMT",
            "BST",
            "+0000",
            "+0100",
            "-1SU;BYMONTH=3",
            "-1SU;BYMONTH=10",
        ),
        (
            "America/New_York",
            "EST",
            "EDT",
            "-0500",
            "-0400",
            "2SU;BYMONTH=3",
            "1SU;BYMONTH=11",
        ),
        (
            "America/Los_Angeles",
            "PST",
            "PDT",
            "-0800",
            "-0700",
            "2SU;BYMONTH=3",
            "1SU;BYMONTH=11",
        ),
    ] {
        let _ = write!(
            s,
            "BEGIN:VTIMEZONE\r\nTZID:{tz}\r\nX-LIC-LOCATION:{tz}\r\nBEGIN:DAYLIGHT\r\n\
             TZOFFSETFROM:{std_off}\r\nTZOFFSETTO:{dst_off}\r\nTZNAME:{dst}\r\n\
             DTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYDAY={dst_rule}\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nTZOFFSETFROM:{dst_off}\r\nTZOFFSETTO:{std_off}\r\n\
             TZNAME:{std}\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYDAY={std_rule}\r\n\
             END:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }
    let stamp = "20231215T120000Z";
    let mut id = 1u64;
    // The reports' 1:1s, as in `generate`, but exported in full.
    for r in 0..20u64 {
        let report = Report::new(r);
        let Report { zone, hour, .. } = report;
        let uid = format!("{:026x}@bench.example", 0x1011_u64 * 1000 + r);
        let topic = format!("1:1 {} / Lead", FIRST[r as usize]);
        let mut overrides = String::new();
        let exdates = report.holidays(&mut rng, |d, roll| {
            if roll < 14 {
                // Moved (next day, an hour later) or cancelled: a full copy each.
                let cancelled = roll >= 11;
                let (day, h) = if cancelled {
                    (d, hour)
                } else {
                    (d.tomorrow().expect("date"), hour + 1)
                };
                let _ = write!(
                    overrides,
                    "BEGIN:VEVENT\r\nDTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\n",
                    dt(day, h, 0),
                    dt(day, h, 30)
                );
                boilerplate(&mut overrides, &uid, stamp, &topic, id);
                let _ = write!(
                    overrides,
                    "RECURRENCE-ID;TZID={zone}:{}\r\nSEQUENCE:1\r\n",
                    dt(d, hour, 0)
                );
                if cancelled {
                    overrides = overrides.replace(
                        "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nDESCRIPTION",
                        "STATUS:CANCELLED\r\nTRANSP:OPAQUE\r\nDESCRIPTION",
                    );
                }
                attendee(&mut overrides, r, "ACCEPTED");
                attendee(&mut overrides, 999, "ACCEPTED");
                let _ = write!(overrides, "SUMMARY:{topic}\r\n");
                alarm(&mut overrides);
                overrides.push_str("END:VEVENT\r\n");
                id += 1;
            }
        });
        s.push_str("BEGIN:VEVENT\r\n");
        report.write_times(&mut s);
        for chunk in exdates.chunks(8) {
            folded(&mut s, &format!("EXDATE;TZID={zone}:{}", chunk.join(",")));
        }
        boilerplate(&mut s, &uid, stamp, &topic, id);
        id += 1;
        let _ = write!(s, "SEQUENCE:0\r\n");
        attendee(&mut s, r, "ACCEPTED");
        attendee(&mut s, 999, "ACCEPTED");
        let _ = write!(s, "SUMMARY:{topic}\r\n");
        alarm(&mut s);
        s.push_str("END:VEVENT\r\n");
        s.push_str(&overrides);
    }
    // Team rituals with the whole team invited.
    for (uid, first, hour, rule, summary) in [
        (
            "standup",
            "20240102",
            9,
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "Standup",
        ),
        ("retro", "20240126", 15, "FREQ=MONTHLY;BYDAY=-1FR", "Retro"),
        (
            "team-sync",
            "20240103",
            14,
            "FREQ=WEEKLY;BYDAY=WE",
            "Team sync",
        ),
        (
            "staff",
            "20240101",
            16,
            "FREQ=WEEKLY;BYDAY=MO",
            "Staff meeting",
        ),
        (
            "planning",
            "20240108",
            11,
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "Sprint planning",
        ),
        (
            "architecture",
            "20240104",
            13,
            "FREQ=WEEKLY;BYDAY=TH",
            "Architecture review",
        ),
    ] {
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:{first}T{hour:02}0000\r\n\
             DTEND;TZID=Europe/Berlin:{first}T{hour:02}4500\r\nRRULE:{rule}\r\n"
        );
        boilerplate(&mut s, &format!("{uid}@bench.example"), stamp, summary, id);
        id += 1;
        for p in 0..20 {
            attendee(&mut s, p, if p % 7 == 3 { "TENTATIVE" } else { "ACCEPTED" });
        }
        let _ = write!(s, "SUMMARY:{summary}\r\n");
        alarm(&mut s);
        s.push_str("END:VEVENT\r\n");
    }
    // Blocks the lead keeps for themselves: no guests, a line of description.
    for (uid, first, hour, mins, rule, summary) in [
        (
            "focus",
            "20240101",
            8,
            60,
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "Focus time",
        ),
        (
            "lunch",
            "20240101",
            12,
            45,
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "Lunch",
        ),
        (
            "office-hours",
            "20240105",
            10,
            60,
            "FREQ=WEEKLY;BYDAY=FR",
            "Office hours",
        ),
    ] {
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:{first}T{hour:02}0000\r\n\
             DURATION:PT{mins}M\r\nRRULE:{rule}\r\nDTSTAMP:{stamp}\r\n\
             UID:{uid}@bench.example\r\nSUMMARY:{summary}\r\n\
             DESCRIPTION:Kept free for {summary}.\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n"
        );
    }
    // The one-off meetings of a busy lead: ~13 a week, a third of them video calls.
    for i in 0..6_800u64 {
        let d = START
            .checked_add(jiff::SignedDuration::from_hours(
                24 * rng.below(3650) as i64,
            ))
            .expect("date");
        let h = 8 + rng.below(9) as i8;
        let m = if rng.below(2) == 0 { 0 } else { 30 };
        let len = [25, 30, 45, 50, 60][rng.below(5) as usize];
        let zone = ZONES[rng.below(4) as usize];
        let st = d.to_datetime(jiff::civil::time(h, m, 0, 0));
        let en = st
            .checked_add(jiff::SignedDuration::from_mins(len))
            .expect("end");
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nDTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\n",
            st.strftime("%Y%m%dT%H%M%S"),
            en.strftime("%Y%m%dT%H%M%S")
        );
        let kind = [
            "Design review",
            "Interview",
            "Customer call",
            "Hiring sync",
            "Incident review",
            "Roadmap",
        ][rng.below(6) as usize];
        let topic = format!("Meeting {i}: {kind}");
        let uid = format!("{:026x}@bench.example", 0xabc0_0000 + i);
        if rng.below(3) == 0 {
            boilerplate(&mut s, &uid, stamp, &topic, id);
            id += 1;
        } else {
            let _ = write!(
                s,
                "DTSTAMP:{stamp}\r\nUID:{uid}\r\nLOCATION:Room {}\r\n\
                 DESCRIPTION:{kind}\\, see the doc.\r\n",
                rng.below(40)
            );
        }
        for _ in 0..1 + rng.below(4) {
            attendee(
                &mut s,
                rng.below(200),
                ["ACCEPTED", "DECLINED", "NEEDS-ACTION", "TENTATIVE"][rng.below(4) as usize],
            );
        }
        let _ = write!(s, "SUMMARY:{topic}\r\n");
        if rng.below(2) == 0 {
            alarm(&mut s);
        }
        s.push_str("END:VEVENT\r\n");
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let large = args.iter().any(|a| a == "--large");
    let Some(out) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: gen_calendar OUT.ics [--large]");
        std::process::exit(2);
    };
    let text = if large { generate_large() } else { generate() };
    if let Err(e) = std::fs::write(out, text) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
}
