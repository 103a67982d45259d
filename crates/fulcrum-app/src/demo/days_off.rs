//! The days the demo lead does not work an ordinary day: Berlin's public holidays, two
//! vacations, a few sick days and a conference. Each is an all-day event in the calendar, the
//! way a real calendar shows it, and no meeting, commit or logged time falls on it.

use super::Rng;
use super::calendar::stamp_date;
use fulcrum_core::time;
use jiff::civil::{Date, Weekday, date};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm, as in Meeus).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

/// The public holidays in Berlin in `year`: the nationwide ones and Berlin's own (Women's
/// Day since 2019, and the one-off Liberation Day of 2020 and 2025), in date order.
pub fn berlin_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let e = easter(year);
    let mut days = vec![
        (date(year, 1, 1), "Neujahr"),
        (time::add_days(e, -2), "Karfreitag"),
        (time::add_days(e, 1), "Ostermontag"),
        (date(year, 5, 1), "Tag der Arbeit"),
        (time::add_days(e, 39), "Christi Himmelfahrt"),
        (time::add_days(e, 50), "Pfingstmontag"),
        (date(year, 10, 3), "Tag der Deutschen Einheit"),
        (date(year, 12, 25), "1. Weihnachtstag"),
        (date(year, 12, 26), "2. Weihnachtstag"),
    ];
    if year >= 2019 {
        days.push((date(year, 3, 8), "Internationaler Frauentag"));
    }
    if year == 2020 || year == 2025 {
        days.push((date(year, 5, 8), "Tag der Befreiung"));
    }
    days.sort();
    days
}

/// Why the lead is not at an ordinary working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    Holiday,
    Vacation,
    Sick,
    Conference,
}

struct AllDay {
    uid: String,
    title: String,
    from: Date,
    to: Date,
    /// TRANSP and busy-status lines.
    show_as: &'static str,
}

pub struct DaysOff {
    days: BTreeMap<Date, Off>,
    events: Vec<AllDay>,
}

fn weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl DaysOff {
    /// Holidays over `[first_monday, until)`; the vacations, the conference and the sick days
    /// in the past year, away from its first weeks and from the new joiner's first weeks
    /// (`quiet_from`), so the recent weeks stay ordinary.
    pub fn plan(
        rng: &mut Rng,
        first_monday: Date,
        today: Date,
        until: Date,
        quiet_from: Date,
    ) -> DaysOff {
        let mut off = DaysOff {
            days: BTreeMap::new(),
            events: Vec::new(),
        };
        for year in first_monday.year()..=until.year() {
            for (day, name) in berlin_holidays(year) {
                if day >= first_monday && day < until {
                    off.add(
                        format!("holiday-{}@demo", stamp_date(day)),
                        format!("Public holiday: {name}"),
                        day,
                        1,
                        Off::Holiday,
                        "TRANSP:TRANSPARENT\r\n",
                    );
                }
            }
        }
        // Mondays a stretch away can start on: two weeks into the year, and done before the
        // new joiner started and three weeks before today.
        let lo = time::add_days(first_monday, 14);
        let hi = quiet_from.min(time::add_days(time::week_start(today), -21));
        let years = [today.year() - 1, today.year()];
        let summer = off.place(&years, (7, 27), 14, lo, hi, &[]);
        if let Some(m) = summer {
            off.add(
                "vacation-summer@demo".into(),
                "Vacation: Portugal with the family".into(),
                m,
                14,
                Off::Vacation,
                "TRANSP:OPAQUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:OOF\r\n",
            );
        }
        let autumn = off.place(
            &years,
            (10, 20),
            7,
            lo,
            hi,
            &summer.into_iter().collect::<Vec<_>>(),
        );
        if let Some(m) = autumn {
            off.add(
                "vacation-autumn@demo".into(),
                "Vacation: autumn break".into(),
                m,
                7,
                Off::Vacation,
                "TRANSP:OPAQUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:OOF\r\n",
            );
        }
        let taken: Vec<Date> = summer.into_iter().chain(autumn).collect();
        if let Some(m) = off.place(&years, (11, 10), 7, lo, hi, &taken) {
            off.add(
                "conference@demo".into(),
                "Conference: Payments Engineering Summit".into(),
                time::add_days(m, 2),
                2,
                Off::Conference,
                "TRANSP:OPAQUE\r\n",
            );
        }
        off.sick_days(rng, first_monday, today);
        off
    }

    fn add(
        &mut self,
        uid: String,
        title: String,
        from: Date,
        days: i64,
        why: Off,
        show_as: &'static str,
    ) {
        for k in 0..days {
            self.days.insert(time::add_days(from, k), why);
        }
        self.events.push(AllDay {
            uid,
            title,
            from,
            to: time::add_days(from, days),
            show_as,
        });
    }

    /// The Monday nearest to `(month, day)` of one of `years` that starts `days` free of other
    /// days off, inside `[lo, hi)`, and at least three weeks from the Mondays in `apart`.
    fn place(
        &self,
        years: &[i16],
        (month, day): (i8, i8),
        days: i64,
        lo: Date,
        hi: Date,
        apart: &[Date],
    ) -> Option<Date> {
        let mut best: Option<(i64, Date)> = None;
        let mut m = time::week_start(lo);
        while time::add_days(m, days) <= hi {
            let free = (0..days).all(|k| !self.days.contains_key(&time::add_days(m, k)));
            let far = apart.iter().all(|a| time::days_between(*a, m).abs() >= 35);
            if m >= lo && free && far {
                let distance = years
                    .iter()
                    .map(|y| time::days_between(m, date(*y, month, day)).abs())
                    .min()
                    .unwrap_or(i64::MAX);
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, m));
                }
            }
            m = time::add_days(m, 7);
        }
        best.map(|(_, m)| m)
    }

    /// A two-day cold and up to two single sick days, on ordinary weekdays of the past year
    /// and never in the last two weeks.
    fn sick_days(&mut self, rng: &mut Rng, first_monday: Date, today: Date) {
        let last = time::add_days(today, -14);
        let ordinary = |s: &DaysOff, d: Date| {
            !weekend(d)
                && !s.days.contains_key(&d)
                && !s.days.contains_key(&time::add_days(d, -1))
                && !s.days.contains_key(&time::add_days(d, 1))
        };
        let candidates: Vec<Date> = time::dates(time::add_days(first_monday, 7), last)
            .filter(|d| d.weekday() != Weekday::Friday)
            .filter(|d| ordinary(self, *d) && ordinary(self, time::add_days(*d, 1)))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let cold = candidates[rng.below(candidates.len() as u64) as usize];
        self.add(
            "sick-cold@demo".into(),
            "Sick".into(),
            cold,
            2,
            Off::Sick,
            "TRANSP:OPAQUE\r\n",
        );
        let singles = rng.below(3);
        for n in 0..singles {
            let taken: Vec<Date> = self
                .days
                .iter()
                .filter(|(_, w)| **w == Off::Sick)
                .map(|(d, _)| *d)
                .collect();
            let options: Vec<Date> = time::dates(time::add_days(first_monday, 7), last)
                .filter(|d| ordinary(self, *d))
                .filter(|d| taken.iter().all(|t| time::days_between(*t, *d).abs() >= 21))
                .collect();
            if options.is_empty() {
                break;
            }
            let d = options[rng.below(options.len() as u64) as usize];
            self.add(
                format!("sick-{}@demo", n + 1),
                "Sick day".into(),
                d,
                1,
                Off::Sick,
                "X-MICROSOFT-CDO-BUSYSTATUS:OOF\r\n",
            );
        }
    }

    pub fn get(&self, d: Date) -> Option<Off> {
        self.days.get(&d).copied()
    }

    /// Whether `d` is not an ordinary working day (away, or at the conference).
    pub fn off(&self, d: Date) -> bool {
        self.days.contains_key(&d)
    }

    /// The first ordinary working day on or after `d`.
    pub fn working_day(&self, d: Date) -> Date {
        let mut day = d;
        while weekend(day) || self.off(day) {
            day = time::add_days(day, 1);
        }
        day
    }

    /// The all-day events, as VEVENTs.
    pub fn write(&self, out: &mut String) {
        for e in &self.events {
            let _ = write!(
                out,
                "BEGIN:VEVENT\r\nUID:{}\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:{}\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\n{}END:VEVENT\r\n",
                e.uid,
                e.title,
                stamp_date(e.from),
                stamp_date(e.to),
                e.show_as
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_is_computed_for_any_year() {
        for (y, m, d) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2100, 3, 28),
            (2285, 3, 22),
        ] {
            assert_eq!(easter(y), date(y, m, d), "{y}");
        }
    }

    #[test]
    fn berlin_has_ten_holidays_a_year() {
        let h = berlin_holidays(2026);
        assert_eq!(h.len(), 10);
        assert_eq!(h[1], (date(2026, 3, 8), "Internationaler Frauentag"));
        assert_eq!(h[2], (date(2026, 4, 3), "Karfreitag"));
        assert_eq!(h[5], (date(2026, 5, 14), "Christi Himmelfahrt"));
        assert_eq!(h[6], (date(2026, 5, 25), "Pfingstmontag"));
        assert_eq!(berlin_holidays(2025).len(), 11, "and Liberation Day");
        assert_eq!(berlin_holidays(2018).len(), 9, "before Women's Day");
    }

    #[test]
    fn vacations_sick_days_and_the_conference_fall_in_the_year() {
        for today in [
            date(2026, 6, 10),
            date(2026, 3, 4),
            date(2026, 9, 1),
            date(2027, 1, 15),
        ] {
            let first = time::add_days(time::week_start(today), -7 * 51);
            let until = time::add_days(time::week_start(today), 56);
            let quiet = super::super::people::new_joiner_start(today);
            let off = DaysOff::plan(&mut Rng::new(7), first, today, until, quiet);
            let count = |w: Off| off.days.values().filter(|x| **x == w).count();
            assert_eq!(count(Off::Vacation), 21, "{today}");
            assert_eq!(count(Off::Conference), 2, "{today}");
            assert!((2..=4).contains(&count(Off::Sick)), "{today}");
            assert!(off.days.keys().all(|d| *d >= first && *d < until));
            assert!(
                off.days
                    .iter()
                    .filter(|(_, w)| **w != Off::Holiday)
                    .all(|(d, _)| *d < time::add_days(today, -13)),
                "{today}"
            );
        }
    }
}
