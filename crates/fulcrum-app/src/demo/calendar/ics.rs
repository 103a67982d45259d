//! The `.ics` the demo writes: events, recurring series with their moves and cancellations,
//! and the calendar that remembers each day's meetings.

use super::{minute_of, stamp, stamp_date, weekday_code};
use crate::demo::days_off::{DaysOff, Off};
use crate::demo::{DEMO_EMAIL, DEMO_ZONE};
use fulcrum_core::time;
use jiff::civil::{Date, Time, Weekday};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub(super) type Person<'a> = (&'a str, &'a str);

pub(super) struct Ev<'a> {
    pub(super) uid: &'a str,
    pub(super) title: &'a str,
    pub(super) day: Date,
    pub(super) start: Time,
    pub(super) minutes: i64,
    pub(super) attendees: &'a [Person<'a>],
    /// Someone else's invitation; the lead's when `None`.
    pub(super) organizer: Option<Person<'a>>,
    /// The lead's answer to someone else's invitation.
    pub(super) answer: &'a str,
    pub(super) extra: String,
}

fn write_event(out: &mut String, e: &Ev<'_>) {
    let end = e
        .day
        .to_datetime(e.start)
        .checked_add(jiff::SignedDuration::from_mins(e.minutes))
        .unwrap_or(e.day.to_datetime(e.start));
    let _ = write!(
        out,
        "BEGIN:VEVENT\r\nUID:{}\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:{}\r\nDTSTART;TZID={DEMO_ZONE}:{}\r\nDTEND;TZID={DEMO_ZONE}:{}\r\n",
        e.uid,
        e.title,
        stamp(e.day, e.start),
        stamp(end.date(), end.time())
    );
    if !e.attendees.is_empty() {
        let (name, email, answer) = match e.organizer {
            Some((name, email)) => (name, email, e.answer),
            None => ("Alex Rivera", DEMO_EMAIL, "ACCEPTED"),
        };
        let _ = write!(out, "ORGANIZER;CN={name}:mailto:{email}\r\n");
        let _ = write!(
            out,
            "ATTENDEE;CN=Alex Rivera;PARTSTAT={answer}:mailto:{DEMO_EMAIL}\r\n"
        );
        for (name, email) in e.attendees {
            let _ = write!(
                out,
                "ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{email}\r\n"
            );
        }
    }
    out.push_str(&e.extra);
    out.push_str("END:VEVENT\r\n");
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Repeat {
    /// On these weekdays, every so many weeks.
    Weekly(&'static [Weekday], i64),
    /// The nth weekday of the month (-1: the last).
    Monthly(Weekday, i8),
}

/// What happens to one occurrence of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// Not in the calendar at all (EXDATE).
    Skip,
    Cancel,
    /// The lead declined someone else's meeting.
    Decline,
    Move(Date, Time),
}

pub(super) struct Series<'a> {
    pub(super) uid: &'a str,
    pub(super) title: &'a str,
    /// The series starts on its first occurrence on or after this date.
    pub(super) from: Date,
    pub(super) start: Time,
    pub(super) minutes: i64,
    pub(super) attendees: Vec<Person<'a>>,
    pub(super) organizer: Option<Person<'a>>,
    /// The lead's answer to every occurrence of someone else's series.
    pub(super) answer: &'a str,
    pub(super) repeat: Repeat,
    /// Exclusive.
    pub(super) until: Date,
    pub(super) changes: BTreeMap<Date, Change>,
}

impl<'a> Series<'a> {
    pub(super) fn new(
        uid: &'a str,
        title: &'a str,
        from: Date,
        start: Time,
        minutes: i64,
        repeat: Repeat,
    ) -> Self {
        Series {
            uid,
            title,
            from,
            start,
            minutes,
            attendees: Vec::new(),
            organizer: None,
            answer: "ACCEPTED",
            repeat,
            until: from,
            changes: BTreeMap::new(),
        }
    }

    pub(super) fn with(mut self, attendees: Vec<Person<'a>>) -> Self {
        self.attendees = attendees;
        self
    }

    pub(super) fn by(mut self, organizer: Person<'a>) -> Self {
        self.organizer = Some(organizer);
        self
    }

    pub(super) fn until(mut self, until: Date) -> Self {
        self.until = until;
        self
    }

    fn matches(&self, d: Date) -> bool {
        match self.repeat {
            Repeat::Weekly(days, _) => days.contains(&d.weekday()),
            Repeat::Monthly(wd, nth) => {
                d.weekday() == wd
                    && if nth > 0 {
                        (d.day() - 1) / 7 + 1 == nth
                    } else {
                        d.day() + 7 > d.days_in_month()
                    }
            }
        }
    }

    fn first(&self) -> Date {
        let mut d = self.from;
        while !self.matches(d) {
            d = time::add_days(d, 1);
        }
        d
    }

    /// Every occurrence, in order.
    pub(super) fn dates(&self) -> Vec<Date> {
        let first = self.first();
        time::dates(first, self.until)
            .filter(|d| self.matches(*d))
            .filter(|d| match self.repeat {
                Repeat::Weekly(_, every) => {
                    (time::days_between(time::week_start(first), time::week_start(*d)) / 7) % every
                        == 0
                }
                Repeat::Monthly(..) => true,
            })
            .collect()
    }

    fn rrule(&self) -> String {
        let until = format!("{}T000000Z", stamp_date(self.until));
        match self.repeat {
            Repeat::Weekly(days, every) => {
                let days: Vec<&str> = days.iter().map(|d| weekday_code(*d)).collect();
                let interval = if every > 1 {
                    format!("INTERVAL={every};")
                } else {
                    String::new()
                };
                format!(
                    "RRULE:FREQ=WEEKLY;{interval}BYDAY={};UNTIL={until}\r\n",
                    days.join(",")
                )
            }
            Repeat::Monthly(wd, nth) => format!(
                "RRULE:FREQ=MONTHLY;BYDAY={nth}{};UNTIL={until}\r\n",
                weekday_code(wd)
            ),
        }
    }
}

/// The calendar being written, and the time each day's kept meetings take.
pub(super) struct Cal {
    pub(super) out: String,
    pub(super) off: DaysOff,
    pub(super) today: Date,
    /// Local minutes `[start, end)` of every kept event up to today, by day.
    pub(super) busy: BTreeMap<Date, Vec<(i32, i32)>>,
    /// Days the afternoon focus block was kept.
    pub(super) focus: BTreeSet<Date>,
}

impl Cal {
    pub(super) fn keep(&mut self, day: Date, start: Time, minutes: i64) {
        if day <= self.today {
            let s = minute_of(start);
            self.busy
                .entry(day)
                .or_default()
                .push((s, s + minutes as i32));
        }
    }

    /// What a day off does to an occurrence: nobody meets on a public holiday; the lead
    /// declines others' meetings and drops their own while away, and cancels a small meeting
    /// when off sick.
    fn off_change(&self, s: &Series<'_>, d: Date) -> Option<Change> {
        let why = self.off.get(d)?;
        let declined = s.answer != "ACCEPTED";
        Some(match why {
            Off::Holiday => Change::Skip,
            _ if declined => return None,
            _ if s.organizer.is_some() => Change::Decline,
            Off::Sick if (1..=2).contains(&s.attendees.len()) => Change::Cancel,
            _ => Change::Skip,
        })
    }

    pub(super) fn series(&mut self, s: Series<'_>) {
        let mut exdates = String::new();
        let mut overrides = Vec::new();
        for d in s.dates() {
            let change = self
                .off_change(&s, d)
                .or_else(|| s.changes.get(&d).copied());
            match change {
                Some(Change::Skip) => {
                    let _ = write!(exdates, "EXDATE;TZID={DEMO_ZONE}:{}\r\n", stamp(d, s.start));
                }
                Some(c) => overrides.push((d, c)),
                None => {}
            }
            if s.answer == "ACCEPTED" {
                match change {
                    None => {
                        self.keep(d, s.start, s.minutes);
                        if s.uid.starts_with("focus") {
                            self.focus.insert(d);
                        }
                    }
                    Some(Change::Move(day, start)) => self.keep(day, start, s.minutes),
                    Some(_) => {}
                }
            }
        }
        let base = Ev {
            uid: s.uid,
            title: s.title,
            day: s.first(),
            start: s.start,
            minutes: s.minutes,
            attendees: &s.attendees,
            organizer: s.organizer,
            answer: s.answer,
            extra: format!("{}{exdates}", s.rrule()),
        };
        write_event(&mut self.out, &base);
        for (d, change) in overrides {
            let rid = format!("RECURRENCE-ID;TZID={DEMO_ZONE}:{}\r\n", stamp(d, s.start));
            let (day, start, answer, extra) = match change {
                Change::Move(day, start) => (day, start, s.answer, rid),
                Change::Cancel => (d, s.start, s.answer, format!("{rid}STATUS:CANCELLED\r\n")),
                Change::Decline => (d, s.start, "DECLINED", rid),
                Change::Skip => continue,
            };
            write_event(
                &mut self.out,
                &Ev {
                    day,
                    start,
                    answer,
                    extra,
                    ..base_like(&base)
                },
            );
        }
    }

    pub(super) fn one_off(&mut self, e: &Ev<'_>) {
        write_event(&mut self.out, e);
        if e.organizer.is_none() || e.answer == "ACCEPTED" {
            self.keep(e.day, e.start, e.minutes);
        }
    }
}

fn base_like<'a>(b: &Ev<'a>) -> Ev<'a> {
    Ev {
        uid: b.uid,
        title: b.title,
        day: b.day,
        start: b.start,
        minutes: b.minutes,
        attendees: b.attendees,
        organizer: b.organizer,
        answer: b.answer,
        extra: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{WED, hm};
    use super::*;
    use jiff::civil::date;

    /// A half-hour series at nine, named `uid`, from `from` until `until`.
    fn at_nine(uid: &'static str, from: Date, repeat: Repeat, until: Date) -> Series<'static> {
        Series::new(uid, uid, from, hm(9, 0), 30, repeat).until(until)
    }

    #[test]
    fn series_occur_as_their_rules_say() {
        let s = at_nine(
            "x",
            date(2026, 3, 2),
            Repeat::Weekly(WED, 2),
            date(2026, 4, 1),
        );
        assert_eq!(s.dates(), [date(2026, 3, 4), date(2026, 3, 18)]);
        let m = at_nine(
            "y",
            date(2026, 1, 1),
            Repeat::Monthly(Weekday::Friday, -1),
            date(2026, 4, 1),
        );
        assert_eq!(
            m.dates(),
            [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
        );
        let f = at_nine(
            "z",
            date(2026, 1, 1),
            Repeat::Monthly(Weekday::Wednesday, 1),
            date(2026, 3, 1),
        );
        assert_eq!(f.dates(), [date(2026, 1, 7), date(2026, 2, 4)]);
    }
}
