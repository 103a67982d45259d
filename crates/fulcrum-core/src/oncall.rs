//! Out-of-hours load per person, for on-call fairness: the part of each incident that fell
//! outside the lead's working hours (evenings, nights, weekends, in the lead's zone) is
//! carried by every responder of it, and the lead's own on-call and incident time in the
//! calendar outside those hours is theirs.

use crate::Interval;
use crate::incidents::Incident;
use crate::profile::WorkingHours;
use crate::time::{add_days, dates, local_date};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The weeks the coach looks back over for an uneven load.
pub const WEEKS: i64 = 12;
/// The fewest responders who must share the load before one carrying most of it is uneven:
/// with two, one carrying more is too ordinary to call out.
pub const MIN_RESPONDERS: usize = 3;
/// Below this many out-of-hours minutes in the window, nobody is overloaded.
pub const MIN_MINUTES: i64 = 60;

/// Who carries a load: a person in People, or the lead (whose calendar it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "id")]
pub enum Responder {
    Me,
    Person(i64),
}

/// One responder's out-of-hours load over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Load {
    pub responder: Responder,
    /// Minutes outside working hours.
    pub minutes: i64,
    /// Incidents that put some of it on them.
    pub incidents: u32,
    /// Calendar activities (the lead's own) that did.
    pub activities: u32,
    /// This responder's part of everyone's minutes, 0 to 1.
    pub share: f64,
}

/// What the load is computed from.
#[derive(Debug, Clone)]
pub struct OnCallInput<'a> {
    pub incidents: &'a [Incident],
    /// The lead's own on-call and incident time from the calendar.
    pub own: &'a [Interval],
    pub hours: &'a WorkingHours,
    pub tz: &'a TimeZone,
    /// The window, `[from, to)`; an open incident runs until `to`.
    pub from: Timestamp,
    pub to: Timestamp,
}

/// Seconds of `span` outside working hours: all of a day off, and the parts of a working
/// day before and after its hours.
pub fn out_of_hours_seconds(span: Interval, hours: &WorkingHours, tz: &TimeZone) -> i64 {
    if span.is_empty() {
        return 0;
    }
    let first = local_date(span.start, tz);
    let last = local_date(span.end, tz);
    dates(first, add_days(last, 1))
        .map(|d| {
            let day = Interval::new(
                crate::time::day_start(d, tz),
                crate::time::day_start(add_days(d, 1), tz),
            );
            let Some(part) = span.clip(&day) else {
                return 0;
            };
            let inside = hours.span_on(d, tz).map_or(0, |w| part.overlap_seconds(&w));
            part.seconds() - inside
        })
        .sum()
}

/// Each responder's out-of-hours load in the window, the heaviest first (ties by who).
/// Responders with no minutes outside hours are left out.
pub fn load(input: &OnCallInput<'_>) -> Vec<Load> {
    let window = Interval::new(input.from, input.to);
    let mut by: BTreeMap<Responder, (i64, u32, u32)> = BTreeMap::new();
    for i in input.incidents {
        let span = Interval::new(i.started, i.resolved.unwrap_or(input.to));
        let Some(part) = span.clip(&window) else {
            continue;
        };
        let secs = out_of_hours_seconds(part, input.hours, input.tz);
        if secs == 0 {
            continue;
        }
        for p in i.responders() {
            let e = by.entry(Responder::Person(p)).or_default();
            e.0 += secs;
            e.1 += 1;
        }
    }
    for a in input.own {
        let Some(part) = a.clip(&window) else {
            continue;
        };
        let secs = out_of_hours_seconds(part, input.hours, input.tz);
        if secs > 0 {
            let e = by.entry(Responder::Me).or_default();
            e.0 += secs;
            e.2 += 1;
        }
    }
    let total: i64 = by.values().map(|v| v.0).sum();
    let mut loads: Vec<Load> = by
        .into_iter()
        .map(|(responder, (secs, incidents, activities))| Load {
            responder,
            minutes: secs / 60,
            incidents,
            activities,
            share: if total > 0 {
                secs as f64 / total as f64
            } else {
                0.0
            },
        })
        .filter(|l| l.minutes > 0)
        .collect();
    loads.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then(a.responder.cmp(&b.responder))
    });
    loads
}

/// The responder carrying more than half of everyone's out-of-hours minutes, when at least
/// [`MIN_RESPONDERS`] share the load and it comes to [`MIN_MINUTES`] or more.
pub fn uneven(loads: &[Load]) -> Option<&Load> {
    let total: i64 = loads.iter().map(|l| l.minutes).sum();
    if loads.len() < MIN_RESPONDERS || total < MIN_MINUTES {
        return None;
    }
    loads.iter().find(|l| l.minutes * 2 > total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn incident(start: &str, end: &str, people: &[i64]) -> Incident {
        let mut i = Incident::new("Down", 2, at(start));
        i.resolved = Some(at(end));
        i.owner = people.first().copied();
        i.solvers = people.iter().skip(1).copied().collect();
        i
    }

    fn window<'a>(
        incidents: &'a [Incident],
        own: &'a [Interval],
        hours: &'a WorkingHours,
        tz: &'a TimeZone,
    ) -> OnCallInput<'a> {
        OnCallInput {
            incidents,
            own,
            hours,
            tz,
            from: at("2026-03-01T00:00:00Z"),
            to: at("2026-04-01T00:00:00Z"),
        }
    }

    #[test]
    fn evenings_nights_and_weekends_are_outside_working_hours() {
        let hours = WorkingHours::default(); // 09:00-18:00 Monday to Friday
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        // Monday 2 March 2026, Berlin is UTC+1: 16:00-20:00 local has two hours after 18:00.
        let evening = Interval::new(at("2026-03-02T15:00:00Z"), at("2026-03-02T19:00:00Z"));
        assert_eq!(out_of_hours_seconds(evening, &hours, &tz), 2 * 3600);
        // Saturday: all of it.
        let saturday = Interval::new(at("2026-03-07T10:00:00Z"), at("2026-03-07T11:30:00Z"));
        assert_eq!(out_of_hours_seconds(saturday, &hours, &tz), 5400);
        // Across midnight into Tuesday morning: 23:00 to 10:00 local is ten hours outside.
        let night = Interval::new(at("2026-03-02T22:00:00Z"), at("2026-03-03T09:00:00Z"));
        assert_eq!(out_of_hours_seconds(night, &hours, &tz), 10 * 3600);
        // Inside working hours: nothing.
        let day = Interval::new(at("2026-03-03T09:00:00Z"), at("2026-03-03T12:00:00Z"));
        assert_eq!(out_of_hours_seconds(day, &hours, &tz), 0);
    }

    #[test]
    fn every_responder_carries_the_incident_and_the_lead_their_calendar() {
        let hours = WorkingHours::default();
        let tz = TimeZone::UTC;
        let incidents = [
            // Saturday night, two hours, three responders (2 is owner and solver: once).
            incident("2026-03-07T22:00:00Z", "2026-03-08T00:00:00Z", &[2, 3, 2]),
            // In working hours: no load at all.
            incident("2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z", &[4]),
            // Before the window: not counted.
            incident("2026-02-07T22:00:00Z", "2026-02-08T00:00:00Z", &[4]),
        ];
        let own = [Interval::new(
            at("2026-03-11T18:00:00Z"),
            at("2026-03-11T18:30:00Z"),
        )];
        let loads = load(&window(&incidents, &own, &hours, &tz));
        assert_eq!(loads.len(), 3);
        assert_eq!(loads[0].responder, Responder::Person(2));
        assert_eq!((loads[0].minutes, loads[0].incidents), (120, 1));
        assert_eq!(loads[1].responder, Responder::Person(3));
        assert_eq!(loads[2].responder, Responder::Me);
        assert_eq!((loads[2].minutes, loads[2].activities), (30, 1));
        assert!((loads[0].share - 120.0 / 270.0).abs() < 1e-9);
        // 120 of 270 minutes is not more than half.
        assert_eq!(uneven(&loads), None);
    }

    #[test]
    fn one_responder_carrying_more_than_half_of_three_is_uneven() {
        let hours = WorkingHours::default();
        let tz = TimeZone::UTC;
        let incidents = [
            incident("2026-03-07T20:00:00Z", "2026-03-08T00:00:00Z", &[5]),
            incident("2026-03-14T22:00:00Z", "2026-03-14T23:00:00Z", &[5, 6]),
            incident("2026-03-21T22:00:00Z", "2026-03-21T23:00:00Z", &[7]),
        ];
        let loads = load(&window(&incidents, &[], &hours, &tz));
        let heavy = uneven(&loads).unwrap();
        assert_eq!(heavy.responder, Responder::Person(5));
        assert_eq!((heavy.minutes, heavy.incidents), (300, 2));
        // Two responders only: not called uneven, however lopsided.
        let two = load(&window(&incidents[..2], &[], &hours, &tz));
        assert_eq!(uneven(&two), None);
    }

    #[test]
    fn an_open_incident_runs_to_the_end_of_the_window() {
        let hours = WorkingHours::default();
        let tz = TimeZone::UTC;
        let mut open = incident("2026-03-31T22:00:00Z", "2026-03-31T22:00:00Z", &[8]);
        open.resolved = None;
        let loads = load(&window(std::slice::from_ref(&open), &[], &hours, &tz));
        assert_eq!(loads[0].minutes, 120);
    }
}
