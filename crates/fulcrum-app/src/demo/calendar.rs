//! The demo lead's calendar and the work around it: recurring series and one-off events in an
//! `.ics` file, the commits of the coding done between meetings, and the time logged by hand.
//!
//! Every meeting the lead keeps is remembered per day, so the commits and the logged time can
//! fill part of the free time, as in a real week: most working hours show some activity, some
//! stay untracked. Nothing happens on a day off ([`DaysOff`]).

use super::days_off::{DaysOff, Off};
use super::{DEMO_EMAIL, DEMO_ZONE, MANAGER, PRODUCT, Rng, TEAM, people, texts};
use fulcrum_core::{Category, time};
use fulcrum_git::NewCommit;
use fulcrum_store::NewManualEntry;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

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

type Person<'a> = (&'a str, &'a str);

struct Ev<'a> {
    uid: &'a str,
    title: &'a str,
    day: Date,
    start: Time,
    minutes: i64,
    attendees: &'a [Person<'a>],
    /// Someone else's invitation; the lead's when `None`.
    organizer: Option<Person<'a>>,
    /// The lead's answer to someone else's invitation.
    answer: &'a str,
    extra: String,
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
enum Repeat {
    /// On these weekdays, every so many weeks.
    Weekly(&'static [Weekday], i64),
    /// The nth weekday of the month (-1: the last).
    Monthly(Weekday, i8),
}

/// What happens to one occurrence of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Not in the calendar at all (EXDATE).
    Skip,
    Cancel,
    /// The lead declined someone else's meeting.
    Decline,
    Move(Date, Time),
}

struct Series<'a> {
    uid: &'a str,
    title: &'a str,
    /// The series starts on its first occurrence on or after this date.
    from: Date,
    start: Time,
    minutes: i64,
    attendees: Vec<Person<'a>>,
    organizer: Option<Person<'a>>,
    /// The lead's answer to every occurrence of someone else's series.
    answer: &'a str,
    repeat: Repeat,
    /// Exclusive.
    until: Date,
    changes: BTreeMap<Date, Change>,
}

impl<'a> Series<'a> {
    fn new(
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

    fn with(mut self, attendees: Vec<Person<'a>>) -> Self {
        self.attendees = attendees;
        self
    }

    fn by(mut self, organizer: Person<'a>) -> Self {
        self.organizer = Some(organizer);
        self
    }

    fn until(mut self, until: Date) -> Self {
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
    fn dates(&self) -> Vec<Date> {
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
struct Cal {
    out: String,
    off: DaysOff,
    today: Date,
    /// Local minutes `[start, end)` of every kept event up to today, by day.
    busy: BTreeMap<Date, Vec<(i32, i32)>>,
    /// Days the afternoon focus block was kept.
    focus: BTreeSet<Date>,
}

impl Cal {
    fn keep(&mut self, day: Date, start: Time, minutes: i64) {
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

    fn series(&mut self, s: Series<'_>) {
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
                        if s.uid == "focus@demo" {
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

    fn one_off(&mut self, e: &Ev<'_>) {
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
const TUE_THU: &[Weekday] = &[Weekday::Tuesday, Weekday::Thursday];

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

/// Recurring series: standups, 1:1s (some moved, some cancelled), sprint rituals,
/// stakeholders, reviews, solo chores and focus blocks.
fn series(cal: &mut Cal, rng: &mut Rng, first_monday: Date, until: Date) {
    let today = cal.today;
    let team: Vec<Person<'_>> = TEAM.iter().map(|t| (t.name, t.email)).collect();
    let platform = ("Ravi Menon", "platform-lead@example.com");

    cal.series(
        Series::new(
            "standup@demo",
            "Daily standup",
            first_monday,
            hm(9, 30),
            15,
            Repeat::Weekly(WEEKDAYS, 1),
        )
        .with(team.clone())
        .until(until),
    );

    // Bi-weekly 1:1s with each report; the newest joined nine weeks ago and is met weekly.
    let slots = [
        (Weekday::Monday, hm(14, 0)),
        (Weekday::Tuesday, hm(11, 0)),
        (Weekday::Wednesday, hm(10, 0)),
        (Weekday::Wednesday, hm(15, 0)),
        (Weekday::Thursday, hm(11, 0)),
        (Weekday::Friday, hm(10, 0)),
    ];
    const DAYS: [&[Weekday]; 5] = [MON, TUE, WED, THU, FRI];
    let uids: Vec<String> = (1..=TEAM.len())
        .map(|i| format!("one-on-one-{i}@demo"))
        .collect();
    let titles: Vec<String> = TEAM
        .iter()
        .map(|m| format!("{} / Alex 1:1", m.name.split(' ').next().unwrap_or(m.name)))
        .collect();
    for (i, (member, (wd, at))) in TEAM.iter().zip(slots).enumerate() {
        let new_joiner = i == TEAM.len() - 1;
        let (from, every) = if new_joiner {
            (on(people::new_joiner_start(today), wd), 1)
        } else {
            (on(time::add_days(first_monday, 7 * (i as i64 % 2)), wd), 2)
        };
        let mut s = Series::new(
            &uids[i],
            &titles[i],
            from,
            at,
            30,
            Repeat::Weekly(DAYS[wd.to_monday_zero_offset() as usize], every),
        )
        .with(vec![(member.name, member.email)])
        .until(until);
        for day in s.dates().into_iter().filter(|d| *d <= today) {
            if rng.chance(0.12) {
                // Moved to the next day an hour later (a Friday's to Thursday).
                let to = if wd == Weekday::Friday {
                    time::add_days(day, -1)
                } else {
                    time::add_days(day, 1)
                };
                if !cal.off.off(to) && to <= today {
                    s.changes
                        .insert(day, Change::Move(to, hm(at.hour() + 1, 0)));
                }
            } else if rng.chance(0.07) {
                s.changes.insert(day, Change::Cancel);
            }
        }
        cal.series(s);
    }

    cal.series(
        Series::new(
            "manager-1on1@demo",
            "1:1 with my manager (Sam)",
            first_monday,
            hm(16, 0),
            45,
            Repeat::Weekly(THU, 1),
        )
        .with(vec![(MANAGER.name, MANAGER.email)])
        .by((MANAGER.name, MANAGER.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "planning@demo",
            "Sprint planning",
            first_monday,
            hm(10, 0),
            90,
            Repeat::Weekly(MON, 2),
        )
        .with(
            team.iter()
                .copied()
                .chain([(PRODUCT.name, PRODUCT.email)])
                .collect(),
        )
        .by((PRODUCT.name, PRODUCT.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "retro@demo",
            "Sprint retro",
            time::add_days(first_monday, 7),
            hm(15, 0),
            60,
            Repeat::Weekly(FRI, 2),
        )
        .with(team.clone())
        .until(until),
    );
    cal.series(
        Series::new(
            "stakeholders@demo",
            "Payments stakeholder sync",
            first_monday,
            hm(14, 0),
            45,
            Repeat::Weekly(THU, 1),
        )
        .with(vec![
            (PRODUCT.name, PRODUCT.email),
            (MANAGER.name, MANAGER.email),
        ])
        .by((PRODUCT.name, PRODUCT.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "roadmap@demo",
            "Roadmap review",
            first_monday,
            hm(13, 0),
            60,
            Repeat::Monthly(Weekday::Wednesday, 1),
        )
        .with(vec![
            (PRODUCT.name, PRODUCT.email),
            (MANAGER.name, MANAGER.email),
        ])
        .by((MANAGER.name, MANAGER.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "architecture@demo",
            "Architecture review",
            first_monday,
            hm(16, 0),
            60,
            Repeat::Weekly(WED, 2),
        )
        .with(team[..3].to_vec())
        .until(until),
    );
    cal.series(
        Series::new(
            "pr-reviews@demo",
            "PR reviews",
            first_monday,
            hm(9, 45),
            30,
            Repeat::Weekly(WEEKDAYS, 1),
        )
        .until(until),
    );
    // Solo chores: the release notes until they were handed over, dependency updates and the
    // support queue (candidates to delegate).
    cal.series(
        Series::new(
            "release-notes@demo",
            "Release notes and changelog",
            first_monday,
            hm(16, 0),
            30,
            Repeat::Weekly(FRI, 1),
        )
        .until(people::release_handover(today)),
    );
    cal.series(
        Series::new(
            "dependency-updates@demo",
            "Dependency updates",
            first_monday,
            hm(17, 0),
            45,
            Repeat::Weekly(THU, 2),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "support-queue@demo",
            "Support queue triage",
            first_monday,
            hm(16, 30),
            30,
            Repeat::Weekly(MON, 1),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "pairing@demo",
            "Pairing with Jonas",
            first_monday,
            hm(14, 30),
            90,
            Repeat::Weekly(MON, 1),
        )
        .with(vec![(TEAM[1].name, TEAM[1].email)])
        .until(until),
    );
    cal.series(
        Series::new(
            "platform-sync@demo",
            "Platform cross-team sync",
            first_monday,
            hm(11, 30),
            45,
            Repeat::Weekly(TUE, 1),
        )
        .with(vec![
            platform,
            ("SRE lead", "sre-lead@example.com"),
            (PRODUCT.name, PRODUCT.email),
        ])
        .by(platform)
        .until(until),
    );
    cal.series(
        Series::new(
            "team-sync@demo",
            "Team sync",
            first_monday,
            hm(11, 0),
            45,
            Repeat::Weekly(WED, 1),
        )
        .with(team.clone())
        .until(until),
    );
    cal.series(
        Series::new(
            "mentoring@demo",
            "Mentoring: Mei",
            time::add_days(first_monday, 7),
            hm(9, 45),
            45,
            Repeat::Weekly(THU, 2),
        )
        .with(vec![(TEAM[2].name, TEAM[2].email)])
        .until(until),
    );
    cal.series(
        Series::new(
            "oncall@demo",
            "On-call handover",
            first_monday,
            hm(12, 0),
            30,
            Repeat::Weekly(MON, 3),
        )
        .with(team[..1].to_vec())
        .until(until),
    );

    // Solo blocks: focus, thinking, learning. The Tuesday focus block is sometimes given up.
    let mut focus = Series::new(
        "focus@demo",
        "Focus time",
        first_monday,
        hm(13, 0),
        150,
        Repeat::Weekly(TUE_THU, 1),
    )
    .until(until);
    for k in 0..super::WEEKS {
        if rng.chance(0.15) {
            let tuesday = on(time::add_days(first_monday, 7 * k), Weekday::Tuesday);
            focus.changes.insert(tuesday, Change::Skip);
        }
    }
    cal.series(focus);
    cal.series(
        Series::new(
            "thinking@demo",
            "Thinking time: next quarter",
            first_monday,
            hm(13, 30),
            60,
            Repeat::Weekly(FRI, 1),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "learning@demo",
            "Learning: distributed systems course",
            first_monday,
            hm(16, 30),
            60,
            Repeat::Weekly(FRI, 2),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "guild@demo",
            "Backend guild",
            first_monday,
            hm(17, 0),
            45,
            Repeat::Monthly(Weekday::Tuesday, -1),
        )
        .with(team[2..5].to_vec())
        .until(until),
    );
    // A monthly all-hands the lead declines (declined time is not time spent).
    let mut all_hands = Series::new(
        "all-hands@demo",
        "Company all-hands",
        first_monday,
        hm(17, 0),
        60,
        Repeat::Monthly(Weekday::Friday, -1),
    )
    .with(vec![("Everyone", "everyone@example.com")])
    .by(("CEO", "ceo@example.com"))
    .until(until);
    all_hands.answer = "DECLINED";
    cal.series(all_hands);
}

/// One-off events: incidents (some at night), their reviews, interviews and debriefs. None
/// falls on a day the lead is off.
fn one_offs(cal: &mut Cal, rng: &mut Rng, first_monday: Date) {
    let team: Vec<Person<'_>> = TEAM.iter().map(|t| (t.name, t.email)).collect();
    let recruiting = ("Recruiting", "recruiting@example.com");
    let mut n = 0;
    let mut day = first_monday;
    while day <= cal.today {
        let saturday_or_sunday = weekend(day);
        let off = cal.off.off(day);
        if rng.chance(if saturday_or_sunday { 0.02 } else { 0.06 }) && !off {
            n += 1;
            let night = rng.chance(0.3);
            let start = if night { hm(21, 0) } else { hm(11, 0) };
            let area = texts::one(&texts::AREAS, rng);
            let title = format!(
                "Incident: {area} failures in payments (SEV{})",
                1 + rng.below(3)
            );
            let uid = format!("incident-{n}@demo");
            let minutes = 60 + 30 * rng.below(4) as i64;
            cal.one_off(&Ev {
                uid: &uid,
                title: &title,
                day,
                start,
                minutes,
                attendees: &team[..2],
                organizer: None,
                answer: "ACCEPTED",
                extra: String::new(),
            });
            let review = time::add_days(day, 2 + rng.below(3) as i64);
            if !weekend(review) && !cal.off.off(review) {
                let uid = format!("postmortem-{n}@demo");
                let title = format!("Incident review: {area} failures");
                cal.one_off(&Ev {
                    uid: &uid,
                    title: &title,
                    day: review,
                    start: hm(15, 0),
                    minutes: 45,
                    attendees: &team,
                    organizer: None,
                    answer: "ACCEPTED",
                    extra: String::new(),
                });
            }
        }
        if !saturday_or_sunday && !off && rng.chance(0.08) {
            n += 1;
            let uid = format!("interview-{n}@demo");
            cal.one_off(&Ev {
                uid: &uid,
                title: "Interview: senior backend engineer",
                day,
                start: hm(15, 30),
                minutes: 60,
                attendees: &[recruiting],
                organizer: Some(recruiting),
                answer: "ACCEPTED",
                extra: String::new(),
            });
            let uid = format!("debrief-{n}@demo");
            cal.one_off(&Ev {
                uid: &uid,
                title: "Hiring debrief",
                day,
                start: hm(17, 0),
                minutes: 30,
                attendees: &[recruiting, (MANAGER.name, MANAGER.email)],
                organizer: Some(recruiting),
                answer: "ACCEPTED",
                extra: String::new(),
            });
        }
        day = time::add_days(day, 1);
    }
}

/// Time logged by hand: what neither the calendar nor git shows.
const LOGGED: [(&str, Category); 16] = [
    ("Design doc: ledger v2", Category::Build),
    ("Hiring loop prep", Category::Lead),
    ("Interview scorecards", Category::Lead),
    ("Incident follow-ups", Category::Operate),
    ("Reading RFCs from other teams", Category::Build),
    ("Quarterly planning notes", Category::Think),
    ("Budget sheet for next half", Category::Align),
    ("Team newsletter", Category::Align),
    ("Promotion packet review", Category::Lead),
    ("On-call rota planning", Category::Operate),
    ("Security questionnaire", Category::Operate),
    ("Prep for the roadmap review", Category::Align),
    ("Reading: The Staff Engineer's Path", Category::Grow),
    ("Performance review drafts", Category::Lead),
    ("Architecture decision record", Category::Build),
    ("Capacity plan for the refunds launch", Category::Think),
];

const SESSION_GAP: i32 = 120;
const SESSION_LEAD: i32 = 30;

/// Merges `[start, end)` spans.
fn union(mut spans: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    spans.sort_unstable();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for (s, e) in spans.into_iter().filter(|(s, e)| e > s) {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Coding sessions as the report forms them from commit minutes (fulcrum_core::sessions).
fn sessions(commits: &[i32]) -> Vec<(i32, i32)> {
    let mut sorted = commits.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some(s) if t - s.1 < SESSION_GAP => s.1 = t,
            _ => out.push((t - SESSION_LEAD, t)),
        }
    }
    out
}

/// Minutes of `window` covered by meetings, coding sessions and logged time.
fn covered(busy: &[(i32, i32)], commits: &[i32], logged: &[(i32, i32)], window: (i32, i32)) -> i32 {
    let mut spans = busy.to_vec();
    spans.extend(sessions(commits));
    spans.extend_from_slice(logged);
    union(spans)
        .iter()
        .map(|(s, e)| (e.min(&window.1) - s.max(&window.0)).max(0))
        .sum()
}

/// The free stretches of `window` between `busy` spans.
fn gaps(busy: &[(i32, i32)], window: (i32, i32)) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    let mut at = window.0;
    for (s, e) in union(busy.to_vec()) {
        if s > at {
            out.push((at, s.min(window.1)));
        }
        at = at.max(e);
    }
    if at < window.1 {
        out.push((at, window.1));
    }
    out.into_iter().filter(|(s, e)| e > s).collect()
}

/// One working day: commits in the focus block, then coding and logged time in free
/// stretches until the day's covered time reaches a target of 6½–7¾ hours of the nine (an
/// hour less in a `light` week, one with conference days that count whole), so some working
/// time always stays untracked.
fn fill_day(
    rng: &mut Rng,
    busy: &[(i32, i32)],
    focus: bool,
    window: (i32, i32),
    log_today: bool,
    light: bool,
) -> (Vec<i32>, Vec<(i32, i32)>) {
    let mut commits = Vec::new();
    let mut logged: Vec<(i32, i32)> = Vec::new();
    if focus {
        for _ in 0..1 + rng.below(3) {
            commits.push(13 * 60 + 20 + rng.below(125) as i32);
        }
    }
    let full = 9 * 60;
    let base = if light { 330 } else { 390 };
    let target = (base + rng.below(81) as i32) * (window.1 - window.0) / full;
    let mut free: Vec<(i32, i32)> = gaps(busy, window)
        .into_iter()
        .filter(|(s, e)| e - s >= 25)
        .collect();
    // Shuffle, so the mornings are not always the ones filled.
    for i in (1..free.len()).rev() {
        free.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let longest = (0..free.len())
        .filter(|k| free[*k].1 - free[*k].0 >= 45)
        .max_by_key(|k| free[*k].1 - free[*k].0);
    if let Some(k) = longest.filter(|_| log_today) {
        let (s, e) = free.remove(k);
        let len = (e - s - rng.below(11) as i32).min(60 + rng.below(91) as i32);
        logged.push((s, s + len));
    }
    for (s, e) in free {
        let cov = covered(busy, &commits, &logged, window);
        if cov >= target {
            break;
        }
        let slack = 5 + rng.below(16) as i32;
        let len = (e - s - slack).min(target - cov + 15);
        if len < SESSION_LEAD {
            continue;
        }
        let before = commits.len();
        let mut t = s + SESSION_LEAD;
        loop {
            commits.push(t);
            if t >= s + len {
                break;
            }
            t = (t + 35 + rng.below(66) as i32).min(s + len);
        }
        if covered(busy, &commits, &logged, window) > target + 40 {
            commits.truncate(before);
        }
    }
    (commits, logged)
}

/// The lead's commits (focus blocks, free stretches, the odd evening or weekend), the team's
/// commits, and a few entries logged by hand each week, up to yesterday: the demo is shown
/// at whatever time of today the clock says, and no commit or logged time may lie ahead of it.
fn work(
    cal: &Cal,
    rng: &mut Rng,
    first_monday: Date,
    tz: &TimeZone,
) -> (Vec<NewCommit>, Vec<NewManualEntry>) {
    let mut mine: Vec<(Date, i32)> = Vec::new();
    let mut team: Vec<(Date, i32, usize)> = Vec::new();
    let mut manual = Vec::new();
    let mut log_days: BTreeSet<Date> = BTreeSet::new();
    let mut carried = 0;
    let mut day = first_monday;
    while day < cal.today {
        if day.weekday() == Weekday::Monday {
            // Two to four entries a week, on days picked at the start of the week.
            let mut picked = BTreeSet::new();
            for _ in 0..2 + rng.below(3) {
                picked.insert(rng.below(5) as i64);
            }
            log_days.extend(picked.into_iter().map(|k| time::add_days(day, k)));
            carried = 0;
        }
        if cal.off.get(day) != Some(Off::Holiday) && !weekend(day) {
            for (k, _) in TEAM.iter().enumerate().take(4) {
                if rng.chance(0.5) {
                    team.push((day, 9 * 60 + rng.below(9 * 60) as i32, k));
                }
            }
        }
        if cal.off.off(day) {
            day = time::add_days(day, 1);
            continue;
        }
        if weekend(day) {
            if rng.chance(0.08) {
                mine.push((day, 10 * 60 + rng.below(8 * 60) as i32));
            }
            day = time::add_days(day, 1);
            continue;
        }
        let busy = cal.busy.get(&day).map(Vec::as_slice).unwrap_or_default();
        let log_today = log_days.contains(&day) || carried > 0;
        let monday = time::week_start(day);
        let light = (0..5).any(|k| cal.off.get(time::add_days(monday, k)) == Some(Off::Conference));
        let (commits, logged) = fill_day(
            rng,
            busy,
            cal.focus.contains(&day),
            (9 * 60, 18 * 60),
            log_today,
            light,
        );
        if log_today {
            carried = if logged.is_empty() { 1 } else { 0 };
        }
        mine.extend(commits.into_iter().map(|t| (day, t)));
        for (s, e) in logged {
            let (title, category) = LOGGED[rng.below(LOGGED.len() as u64) as usize];
            manual.push(NewManualEntry {
                start_at: time::local_instant(day, time_of(s), tz).as_second(),
                end_at: Some(time::local_instant(day, time_of(e), tz).as_second()),
                category: category.as_str().into(),
                title: title.into(),
            });
        }
        if rng.chance(0.06) {
            mine.push((day, 20 * 60 + rng.below(120) as i32));
        }
        day = time::add_days(day, 1);
    }

    let mut all: Vec<(Date, i32, Option<usize>)> = mine
        .into_iter()
        .map(|(d, t)| (d, t, None))
        .chain(team.into_iter().map(|(d, t, k)| (d, t, Some(k))))
        .collect();
    all.sort();
    all.dedup_by_key(|c| (c.0, c.1, c.2));
    let areas = [
        "retries", "ledger", "webhooks", "api", "billing", "tests", "ci",
    ];
    let verbs = [
        "Fix", "Add", "Refactor", "Speed up", "Document", "Simplify", "Test",
    ];
    let commits = all
        .into_iter()
        .enumerate()
        .map(|(i, (day, t, who))| {
            let n = i + 1;
            let (name, email) = match who {
                None => ("Alex Rivera", DEMO_EMAIL),
                Some(k) => (TEAM[k].name, TEAM[k].email),
            };
            let when = time::local_instant(day, time_of(t), tz);
            let area = areas[rng.below(areas.len() as u64) as usize];
            let verb = verbs[rng.below(verbs.len() as u64) as usize];
            NewCommit {
                author_name: name.into(),
                author_email: email.into(),
                time: when.as_second(),
                offset_seconds: when.to_zoned_datetime(tz.clone()).offset().seconds(),
                message: format!("{verb} {area} handling\n\nChange {n} of the payments service.\n"),
                files: vec![(format!("src/{area}.rs"), format!("// revision {n}\n"))],
            }
        })
        .collect();
    (commits, manual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn series_occur_as_their_rules_say() {
        let s = Series::new(
            "x",
            "x",
            date(2026, 3, 2),
            hm(9, 0),
            30,
            Repeat::Weekly(WED, 2),
        )
        .until(date(2026, 4, 1));
        assert_eq!(s.dates(), [date(2026, 3, 4), date(2026, 3, 18)]);
        let m = Series::new(
            "y",
            "y",
            date(2026, 1, 1),
            hm(9, 0),
            30,
            Repeat::Monthly(Weekday::Friday, -1),
        )
        .until(date(2026, 4, 1));
        assert_eq!(
            m.dates(),
            [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
        );
        let f = Series::new(
            "z",
            "z",
            date(2026, 1, 1),
            hm(9, 0),
            30,
            Repeat::Monthly(Weekday::Wednesday, 1),
        )
        .until(date(2026, 3, 1));
        assert_eq!(f.dates(), [date(2026, 1, 7), date(2026, 2, 4)]);
    }

    #[test]
    fn a_day_is_filled_to_its_target_and_no_further() {
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let busy = [(570, 585), (585, 615), (660, 705), (840, 870), (960, 1020)];
            let (commits, logged) = fill_day(&mut rng, &busy, false, (540, 1080), true, false);
            let cov = covered(&busy, &commits, &logged, (540, 1080));
            assert!((345..=500).contains(&cov), "{cov}");
            assert_eq!(logged.len(), 1);
            assert!(sessions(&commits).iter().all(|s| s.0 >= 540 && s.1 <= 1080));
        }
    }
}
