//! How one series places its instances: points on its time line, lengths,
//! UNTIL and EXDATE tests, THISANDFUTURE shifts, and the final sort.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::Occurrence;
use crate::event::{Event, Length, Start, length_between};
use crate::rrule::Until;
use crate::value::{When, local_to_timestamp};

/// Position of an instance on its series' time line. Zoned series use
/// instants; floating and all-day series use wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Point {
    Ts(Timestamp),
    Civil(DateTime),
}

/// How a series places its instances.
#[derive(Clone)]
pub(super) enum Kind {
    Zoned(TimeZone),
    Floating,
    Date,
}

impl Kind {
    pub(super) fn of(e: &Event) -> Kind {
        match e.start.when {
            When::Utc(_) => Kind::Zoned(e.start.zone.clone().unwrap_or(TimeZone::UTC)),
            When::Floating(_) => Kind::Floating,
            When::Date(_) => Kind::Date,
        }
    }

    /// Position of a written value on this series' time line.
    pub(super) fn point(&self, v: &crate::value::DateValue) -> Point {
        match (self, v.when) {
            (Kind::Zoned(_), When::Utc(ts)) => Point::Ts(ts),
            (Kind::Zoned(z), _) => Point::Ts(local_to_timestamp(z, v.local)),
            (_, _) => Point::Civil(v.local),
        }
    }

    pub(super) fn point_of_local(&self, local: DateTime) -> Point {
        match self {
            Kind::Zoned(z) => Point::Ts(local_to_timestamp(z, local)),
            _ => Point::Civil(local),
        }
    }

    pub(super) fn start(&self, p: Point, local: DateTime) -> Start {
        match (self, p) {
            (Kind::Zoned(z), Point::Ts(ts)) => Start {
                when: When::Utc(ts),
                local,
                zone: Some(z.clone()),
            },
            (Kind::Date, _) => Start {
                when: When::Date(local.date()),
                local,
                zone: None,
            },
            _ => Start {
                when: When::Floating(local),
                local,
                zone: None,
            },
        }
    }
}

/// Sorts occurrences by start (floating and all-day values read in `floating`),
/// then UID, end and line, stably. Only the start instants and an index are
/// allocated (the rest of the key is computed for ties), and the order is
/// applied in place: no second copy of the occurrences.
pub(super) fn sort_occurrences(out: &mut [Occurrence<'_>], floating: &TimeZone) {
    let mut order: Vec<(Timestamp, u32)> = out
        .iter()
        .enumerate()
        .map(|(i, o)| (o.start.to_timestamp(floating), i as u32))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let (x, y) = (&out[a.1 as usize], &out[b.1 as usize]);
            x.uid()
                .unwrap_or("")
                .cmp(y.uid().unwrap_or(""))
                .then_with(|| {
                    x.end
                        .to_timestamp(floating)
                        .cmp(&y.end.to_timestamp(floating))
                })
                .then_with(|| x.event.line.cmp(&y.event.line))
                .then_with(|| a.1.cmp(&b.1))
        })
    });
    // Position k takes the occurrence at order[k].1: follow each cycle once.
    let mut from: Vec<u32> = order.into_iter().map(|(_, i)| i).collect();
    for start in 0..from.len() {
        let mut k = start;
        loop {
            let j = from[k] as usize;
            from[k] = k as u32;
            if j == start {
                break;
            }
            out.swap(k, j);
            k = j;
        }
    }
}

/// A candidate instance: its point, wall-clock start and, for a PERIOD RDATE,
/// the index of that RDATE.
pub(super) type Inst = (Point, DateTime, Option<usize>);

/// "1 occurrence", "10 000 occurrences".
pub(super) fn occurrences(n: usize) -> String {
    match n {
        1 => "1 occurrence".to_string(),
        n => format!("{} occurrences", grouped(n as u64)),
    }
}

/// `n` with its thousands set apart, as the warnings print counts: `10 000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

pub(super) fn occurrence<'a>(
    e: &'a Event,
    master: Option<&'a Event>,
    start: When,
    end: When,
    recurrence_id: Option<When>,
) -> Occurrence<'a> {
    Occurrence {
        event: e,
        master,
        start,
        end,
        tzid: e.start.tzid.as_deref(),
        recurrence_id,
    }
}

/// Length of each instance of a master event.
pub(super) fn master_length(m: &Event) -> Length {
    length_of(m)
}

pub(super) fn length_of(e: &Event) -> Length {
    if let Some(end) = &e.end {
        return length_between(&e.start, end);
    }
    if let Some(d) = e.duration {
        return Length::Nominal(d);
    }
    if e.start.when.is_date() {
        Length::Nominal(crate::value::Duration {
            days: 1,
            seconds: 0,
        })
    } else {
        Length::Exact(SignedDuration::ZERO)
    }
}

/// True once an instance lies beyond a rule's UNTIL.
pub(super) fn past_until(kind: &Kind, u: Until, local: DateTime, p: Point) -> bool {
    match (u, p) {
        (Until::Utc(ts), Point::Ts(x)) => x > ts,
        (Until::Utc(ts), Point::Civil(_)) => match kind {
            // For dates only the date part counts; floating series read
            // the UTC value as wall-clock time.
            Kind::Date => local.date() > TimeZone::UTC.to_datetime(ts).date(),
            _ => local > TimeZone::UTC.to_datetime(ts),
        },
        (Until::Floating(dt), _) => local > dt,
        (Until::Date(d), _) => local.date() > d,
    }
}

/// Builds the EXDATE test for a master event.
pub(super) fn excluder(kind: &Kind, m: &Event) -> impl Fn(Point, DateTime) -> bool + use<> {
    let mut points: Vec<Point> = Vec::new();
    let mut dates: Vec<Date> = Vec::new();
    for x in &m.exdates {
        match (kind, x.when) {
            // A DATE EXDATE on a timed series removes that whole local day.
            (Kind::Zoned(_) | Kind::Floating, When::Date(d)) => dates.push(d),
            _ => points.push(kind.point(x)),
        }
    }
    points.sort_unstable();
    dates.sort_unstable();
    move |p: Point, local: DateTime| {
        points.binary_search(&p).is_ok()
            || (!dates.is_empty() && dates.binary_search(&local.date()).is_ok())
    }
}

/// Time shift of a THISANDFUTURE override: wall-clock when the RECURRENCE-ID
/// and new start share a zone (a move "to 2 hours later" stays 2 hours later
/// on the clock across DST), exact otherwise.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shift {
    Civil(SignedDuration),
    Exact(SignedDuration),
}

impl Shift {
    pub(super) fn of(o: &Event) -> Shift {
        let Some(r) = &o.recurrence_id else {
            return Shift::Exact(SignedDuration::ZERO);
        };
        match (o.start.when, r.value.when) {
            (When::Utc(a), When::Utc(b)) if o.start.tzid != r.value.tzid => {
                Shift::Exact(a.duration_since(b))
            }
            _ => Shift::Civil(o.start.local.duration_since(r.value.local)),
        }
    }

    pub(super) fn max_secs(&self) -> i64 {
        match self {
            Shift::Civil(d) | Shift::Exact(d) => d.as_secs().abs() + 86_400,
        }
    }

    pub(super) fn apply(&self, kind: &Kind, p: Point, local: DateTime) -> (Point, DateTime) {
        match (self, kind, p) {
            (Shift::Exact(d), Kind::Zoned(z), Point::Ts(ts)) => {
                let t = ts.checked_add(*d).unwrap_or(ts);
                (Point::Ts(t), z.to_datetime(t))
            }
            (Shift::Civil(d) | Shift::Exact(d), _, _) => {
                let l = local.checked_add(*d).unwrap_or(local);
                (kind.point_of_local(l), l)
            }
        }
    }
}
