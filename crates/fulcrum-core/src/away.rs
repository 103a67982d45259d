//! Days the calendar marks as not ordinary working days: out of office, vacation, public
//! holidays (away: no working time at all) and conference days (working time spent growing).
//!
//! Only all-day events say this. A timed "Vacation" block is an ordinary block; an all-day
//! "Team offsite planning doc due" note that is free time marks nothing.

use crate::activity::{Activity, ActivityKind};
use crate::category::Category;
use crate::profile::Profile;
use crate::time;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an event asks the user's time to be shown, from TRANSP and Outlook's busy status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShowAs {
    /// Blocks the time (TRANSP:OPAQUE written out, or Outlook BUSY).
    Busy,
    /// Does not block it (TRANSP:TRANSPARENT, Outlook FREE, or an all-day event that says
    /// nothing: calendars mostly write all-day notes as free).
    Free,
    /// Outlook TENTATIVE.
    Tentative,
    /// Out of office (Outlook OOF).
    Away,
    /// Working elsewhere (Outlook WORKINGELSEWHERE): an ordinary working day.
    Elsewhere,
}

impl ShowAs {
    pub fn as_str(self) -> &'static str {
        match self {
            ShowAs::Busy => "busy",
            ShowAs::Free => "free",
            ShowAs::Tentative => "tentative",
            ShowAs::Away => "away",
            ShowAs::Elsewhere => "elsewhere",
        }
    }

    pub fn parse(s: &str) -> ShowAs {
        match s {
            "free" => ShowAs::Free,
            "tentative" => ShowAs::Tentative,
            "away" => ShowAs::Away,
            "elsewhere" => ShowAs::Elsewhere,
            _ => ShowAs::Busy,
        }
    }

    /// From the event's TRANSP (`None` when absent) and X-MICROSOFT-CDO-BUSYSTATUS; Outlook's
    /// status wins because it is the finer of the two.
    pub fn from_properties(
        transparent: Option<bool>,
        busy_status: Option<&str>,
        all_day: bool,
    ) -> ShowAs {
        match busy_status.map(str::trim) {
            Some(s) if s.eq_ignore_ascii_case("OOF") => return ShowAs::Away,
            Some(s) if s.eq_ignore_ascii_case("FREE") => return ShowAs::Free,
            Some(s) if s.eq_ignore_ascii_case("TENTATIVE") => return ShowAs::Tentative,
            Some(s) if s.eq_ignore_ascii_case("WORKINGELSEWHERE") => return ShowAs::Elsewhere,
            Some(s) if s.eq_ignore_ascii_case("BUSY") => return ShowAs::Busy,
            _ => {}
        }
        match transparent {
            Some(true) => ShowAs::Free,
            Some(false) => ShowAs::Busy,
            None if all_day => ShowAs::Free,
            None => ShowAs::Busy,
        }
    }
}

/// Title words that mark an all-day event as time away, unless the user changes them
/// (`settings set away-words`). Matched as whole words, ignoring case.
pub const DEFAULT_AWAY_WORDS: &[&str] = &[
    "vacation",
    "holiday",
    "holidays",
    "public holiday",
    "bank holiday",
    "pto",
    "ooo",
    "out of office",
    "off-site",
    "offsite",
    "day off",
    "leave",
    "parental leave",
    "sick",
    "sick day",
    "urlaub",
    "feiertag",
    "feiertage",
    "krank",
    "congé",
    "congés",
    "vacances",
    "vacaciones",
    "festivo",
];

/// Title words that make an all-day event a conference day, counted as grow.
pub const DEFAULT_CONFERENCE_WORDS: &[&str] = &[
    "conference",
    "conf",
    "summit",
    "meetup",
    "konferenz",
    "kubecon",
    "re:invent",
    "fosdem",
    "devoxx",
];

/// One all-day event as the report needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct AllDayEvent {
    /// First local date it covers.
    pub from: Date,
    /// Local date after the last it covers (exclusive).
    pub to: Date,
    pub title: String,
    /// The calendar it came from: a calendar named "Holidays" marks every day it holds.
    pub calendar: String,
    pub show_as: ShowAs,
    /// Whether the user is part of it: their own note, or an invitation they did not decline.
    /// A colleague's "Kim OOO" on a team calendar says nothing of the user's day.
    pub mine: bool,
}

/// What an all-day event makes of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DayMark {
    /// Not a working day: no working time, no focus, no after-hours.
    Away { title: String },
    /// A working day spent at a conference: its working hours count as grow.
    Conference { title: String },
}

impl DayMark {
    pub fn title(&self) -> &str {
        match self {
            DayMark::Away { title } | DayMark::Conference { title } => title,
        }
    }
}

/// Whether `text` holds `word` as a whole word (or phrase), ignoring case.
fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(&word).any(|(i, m)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[i + m.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        before && after
    })
}

/// What one all-day event says of its days, if anything.
pub fn mark_of(e: &AllDayEvent, p: &Profile) -> Option<DayMark> {
    if !e.mine {
        return None;
    }
    let title = e.title.trim().to_string();
    let words = |list: &[String], text: &str| list.iter().any(|w| has_word(text, w));
    if words(&p.conference_words, &e.title) {
        return Some(DayMark::Conference { title });
    }
    let away = e.show_as == ShowAs::Away
        || e.show_as == ShowAs::Busy
        || words(&p.away_words, &e.title)
        || words(&p.away_words, &e.calendar);
    away.then_some(DayMark::Away { title })
}

/// The mark of each date in `[from, to)`; where two events mark one day, away wins over a
/// conference and the earlier event over the later.
pub fn day_marks(
    events: &[AllDayEvent],
    p: &Profile,
    from: Date,
    to: Date,
) -> BTreeMap<Date, DayMark> {
    let mut out: BTreeMap<Date, DayMark> = BTreeMap::new();
    for e in events {
        let Some(mark) = mark_of(e, p) else {
            continue;
        };
        let (a, b) = (e.from.max(from), e.to.min(to));
        for d in time::dates(a, b.max(a)) {
            match out.get(&d) {
                Some(DayMark::Away { .. }) => {}
                Some(DayMark::Conference { .. }) if matches!(mark, DayMark::Conference { .. }) => {}
                _ => {
                    out.insert(d, mark.clone());
                }
            }
        }
    }
    out
}

/// The rule name conference days carry on the timeline.
pub const CONFERENCE_RULE: &str = "conference day";

/// A grow block over the working hours of each conference day: real meetings that day still
/// win their minutes (a block weighs less than a meeting).
pub fn conference_activities(marks: &BTreeMap<Date, DayMark>, p: &Profile) -> Vec<Activity> {
    let tz = p.tz();
    marks
        .iter()
        .filter_map(|(d, m)| {
            let DayMark::Conference { title } = m else {
                return None;
            };
            let span = p.working_hours.span_on(*d, &tz)?;
            Some(Activity {
                start: span.start,
                end: span.end,
                title: title.clone(),
                category: Category::Grow,
                kind: ActivityKind::Block,
                source: "calendar".into(),
                rule: CONFERENCE_RULE.into(),
                others: 0,
                one_on_one: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::profile;
    use jiff::civil::date;

    fn all_day(title: &str, from: Date, days: i64, show_as: ShowAs) -> AllDayEvent {
        AllDayEvent {
            from,
            to: time::add_days(from, days),
            title: title.into(),
            calendar: "work.ics".into(),
            show_as,
            mine: true,
        }
    }

    /// The marks `events` give the `days` days from `from`, for the test profile.
    fn marks(events: &[AllDayEvent], from: Date, days: i64) -> BTreeMap<Date, DayMark> {
        day_marks(events, &profile(), from, time::add_days(from, days))
    }

    #[test]
    fn vacation_out_of_office_and_blocking_all_day_events_mark_days_away() {
        let mon = date(2026, 11, 30);
        let events = [
            all_day("Vacation in Lisbon", mon, 2, ShowAs::Free),
            all_day("Out", time::add_days(mon, 2), 1, ShowAs::Away),
            all_day("Blocked", time::add_days(mon, 3), 1, ShowAs::Busy),
            all_day("Mum's birthday", time::add_days(mon, 4), 1, ShowAs::Free),
        ];
        let marks = marks(&events, mon, 7);
        let days: Vec<Date> = marks.keys().copied().collect();
        assert_eq!(
            days,
            (0..4).map(|i| time::add_days(mon, i)).collect::<Vec<_>>()
        );
        assert_eq!(marks[&mon].title(), "Vacation in Lisbon");
    }

    #[test]
    fn words_match_whole_words_only_and_others_days_say_nothing() {
        let p = profile();
        let d = date(2026, 12, 1);
        let one = |e: AllDayEvent| mark_of(&e, &p);
        assert!(one(all_day("Leaves of grass reading", d, 1, ShowAs::Free)).is_none());
        assert!(one(all_day("PTO", d, 1, ShowAs::Free)).is_some());
        assert!(one(all_day("Sick", d, 1, ShowAs::Free)).is_some());
        let mut kims = all_day("Kim OOO", d, 1, ShowAs::Away);
        kims.mine = false;
        assert!(one(kims).is_none());
        let mut feed = all_day("Tag der Deutschen Einheit", d, 1, ShowAs::Free);
        feed.calendar = "Feiertage Deutschland".into();
        assert!(one(feed).is_some());
        assert_eq!(
            one(all_day("KubeCon Europe", d, 1, ShowAs::Busy)),
            Some(DayMark::Conference {
                title: "KubeCon Europe".into()
            })
        );
    }

    #[test]
    fn away_wins_over_a_conference_on_the_same_day() {
        let d = date(2026, 12, 1);
        let events = [
            all_day("Team summit", d, 1, ShowAs::Free),
            all_day("Sick day", d, 1, ShowAs::Free),
        ];
        let marks = marks(&events, d, 1);
        assert!(matches!(marks[&d], DayMark::Away { .. }));
    }

    #[test]
    fn conference_days_are_grow_blocks_over_working_hours() {
        let p = profile();
        let d = date(2026, 12, 1);
        let marks = BTreeMap::from([(
            d,
            DayMark::Conference {
                title: "Summit".into(),
            },
        )]);
        let acts = conference_activities(&marks, &p);
        assert_eq!(acts.len(), 1);
        assert_eq!(acts[0].category, Category::Grow);
        assert_eq!(acts[0].interval().seconds(), 9 * 3600);
    }

    #[test]
    fn outlook_status_wins_over_transp() {
        assert_eq!(
            ShowAs::from_properties(Some(true), Some("OOF"), true),
            ShowAs::Away
        );
        assert_eq!(ShowAs::from_properties(None, None, true), ShowAs::Free);
        assert_eq!(ShowAs::from_properties(None, None, false), ShowAs::Busy);
        assert_eq!(
            ShowAs::from_properties(Some(false), None, true),
            ShowAs::Busy
        );
    }
}
