//! The demo lead's calendar and the work around it: recurring series and one-off events in an
//! `.ics` file, the commits of the coding done between meetings, and the time logged by hand.
//!
//! Every meeting the lead keeps is remembered per day, so the commits and the logged time can
//! fill part of the free time, as in a real week: most working hours show some activity, some
//! stay untracked. Nothing happens on a day off ([`DaysOff`]).

mod ics;
mod series;
mod work;

use crate::demo::days_off::DaysOff;
use crate::demo::{Rng, people};
use fulcrum_core::time;
use fulcrum_git::NewCommit;
use fulcrum_store::NewManualEntry;
use ics::Cal;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use series::{one_offs, series};
use std::collections::{BTreeMap, BTreeSet};
use work::work;

/// What the demo writes and stores besides the people records.
pub struct Generated {
    pub off: DaysOff,
    pub ics: String,
    pub commits: Vec<NewCommit>,
    pub manual: Vec<NewManualEntry>,
}

pub fn stamp(d: Date, t: Time) -> String {
    format!("{}T{:02}{:02}00", stamp_date(d), t.hour(), t.minute())
}

pub fn stamp_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn hm(h: i8, m: i8) -> Time {
    Time::constant(h, m, 0, 0)
}

fn weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn on(monday: Date, w: Weekday) -> Date {
    time::add_days(monday, i64::from(w.to_monday_zero_offset()))
}

fn weekday_code(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.to_monday_zero_offset() as usize]
}

fn minute_of(t: Time) -> i32 {
    i32::from(t.hour()) * 60 + i32::from(t.minute())
}

fn time_of(minute: i32) -> Time {
    let m = minute.clamp(0, 24 * 60 - 1);
    Time::constant((m / 60) as i8, (m % 60) as i8, 0, 0)
}

const WEEKDAYS: &[Weekday] = &[
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];
const MON: &[Weekday] = &[Weekday::Monday];
const TUE: &[Weekday] = &[Weekday::Tuesday];
const WED: &[Weekday] = &[Weekday::Wednesday];
const THU: &[Weekday] = &[Weekday::Thursday];
const FRI: &[Weekday] = &[Weekday::Friday];

/// The calendar, the commits and the logged time of the year from `first_monday` to `today`.
pub fn generate(rng: &mut Rng, first_monday: Date, today: Date, tz: &TimeZone) -> Generated {
    let until = time::add_days(time::week_start(today), 7 * 8);
    let off = DaysOff::plan(
        rng,
        first_monday,
        today,
        until,
        people::new_joiner_start(today),
    );
    let mut cal = Cal {
        out: String::from(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fulcrum//Demo//EN\r\nX-WR-CALNAME:Work\r\nX-WR-TIMEZONE:Europe/Berlin\r\n",
        ),
        off,
        today,
        busy: BTreeMap::new(),
        focus: BTreeSet::new(),
    };
    let off_text = {
        let mut s = String::new();
        cal.off.write(&mut s);
        s
    };
    cal.out.push_str(&off_text);
    series(&mut cal, rng, first_monday, until);
    one_offs(&mut cal, rng, first_monday);
    cal.out.push_str("END:VCALENDAR\r\n");
    let (commits, manual) = work(&cal, rng, first_monday, tz);
    Generated {
        ics: cal.out,
        off: cal.off,
        commits,
        manual,
    }
}
