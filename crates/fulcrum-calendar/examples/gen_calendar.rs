//! Writes a synthetic ten-year calendar for benchmarking: an engineering lead
//! with 20 direct reports, each with a weekly or biweekly 1:1 series in one
//! of a few zones, with EXDATEs (holidays), moved and cancelled instances,
//! plus some team rituals and one-off meetings.
//!
//! `cargo run --release -p fulcrum-calendar --example gen_calendar -- OUT.ics`

use std::fmt::Write as _;

/// Deterministic generator so every run writes the same file.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The calendar text: 2024-01-01 to 2033-12-31.
pub fn generate() -> String {
    let zones = [
        "Europe/Berlin",
        "America/New_York",
        "Europe/London",
        "America/Los_Angeles",
    ];
    let days = ["MO", "TU", "WE", "TH", "FR"];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fulcrum//bench generator//EN\r\n",
    );
    let start = jiff::civil::date(2024, 1, 1);
    let end_year = 2033;
    for r in 0..20u64 {
        let zone = zones[(r % 4) as usize];
        let weekday = (r % 5) as i64;
        let hour = 9 + (r % 8) as i8;
        let biweekly = r % 3 == 0;
        let first = start
            .checked_add(jiff::SignedDuration::from_hours(
                24 * (weekday + 7 * (r as i64 % 2)),
            ))
            .expect("date");
        let dt = |d: jiff::civil::Date, h: i8, m: i8| {
            format!(
                "{:04}{:02}{:02}T{:02}{:02}00",
                d.year(),
                d.month(),
                d.day(),
                h,
                m
            )
        };
        let uid = format!("1on1-report-{r:02}@bench.example");
        let step = if biweekly { 14 } else { 7 };
        // Holidays: skip a few instances every year.
        let mut exdates = Vec::new();
        let mut overrides = String::new();
        let mut k = 0i64;
        loop {
            let Ok(d) = first.checked_add(jiff::SignedDuration::from_hours(24 * step * k)) else {
                break;
            };
            if d.year() > end_year {
                break;
            }
            let roll = rng.below(100);
            if roll < 6 {
                exdates.push(dt(d, hour, 0));
            } else if roll < 9 {
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
            k += 1;
        }
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID={zone}:{}\r\nDTEND;TZID={zone}:{}\r\n\
             RRULE:FREQ=WEEKLY;{}BYDAY={}\r\n",
            dt(first, hour, 0),
            dt(first, hour, 30),
            if biweekly { "INTERVAL=2;" } else { "" },
            days[weekday as usize]
        );
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
        let d = start
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

#[allow(dead_code)]
fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: gen_calendar OUT.ics");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::write(&out, generate()) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
}
