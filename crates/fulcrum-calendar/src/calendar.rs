//! The parsed calendar and window expansion.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::event::{Event, Length, RDate, Start, build_event, length_between};
use crate::parse::{Component, ParseError, Warning, parse_tree};
use crate::rrule::{RuleIter, Until};
use crate::tz::ZoneResolver;
use crate::value::{When, local_to_timestamp};

/// A parsed iCalendar file: its events, the warnings about anything skipped,
/// and the per-UID grouping needed to expand recurrences.
#[derive(Debug, Clone)]
pub struct Calendar {
    events: Vec<Event>,
    warnings: Vec<Warning>,
    series: Vec<Series>,
}

/// Events sharing a UID: one master (the highest SEQUENCE wins) plus
/// overrides keyed by RECURRENCE-ID.
#[derive(Debug, Clone)]
struct Series {
    master: Option<usize>,
    /// Indexes of overrides, one per RECURRENCE-ID (highest SEQUENCE wins).
    overrides: Vec<usize>,
}

/// One concrete occurrence of an event inside a window.
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    /// The component whose properties apply (the override when there is
    /// one, else the master). Its SUMMARY, STATUS, ATTENDEEs etc. describe
    /// this occurrence.
    pub event: &'a Event,
    /// The master of the series, when the file has one.
    pub master: Option<&'a Event>,
    /// Start of this occurrence.
    pub start: When,
    /// End of this occurrence (equal to `start` for zero-length events).
    pub end: When,
    /// TZID the start was written with, if any.
    pub tzid: Option<&'a str>,
    /// RECURRENCE-ID of this occurrence: the original start of the instance
    /// (absent for non-recurring events).
    pub recurrence_id: Option<When>,
}

impl Occurrence<'_> {
    /// UID of the event, if it has one.
    pub fn uid(&self) -> Option<&str> {
        self.event.uid.as_deref()
    }
    /// STATUS of the supplying component.
    pub fn status(&self) -> Option<&crate::event::Status> {
        self.event.status.as_ref()
    }
    /// Start as an instant; floating times and dates are read in `tz`.
    pub fn start_timestamp(&self, tz: &TimeZone) -> Timestamp {
        self.start.to_timestamp(tz)
    }
    /// End as an instant; floating times and dates are read in `tz`.
    pub fn end_timestamp(&self, tz: &TimeZone) -> Timestamp {
        self.end.to_timestamp(tz)
    }
    /// True when the occurrence is all-day.
    pub fn is_all_day(&self) -> bool {
        self.start.is_date()
    }
}

/// `UID<TAB>START<TAB>END` as printed by `fulcrum calendar expand --format tsv`.
///
/// Instants print in UTC (`2024-03-01T09:00:00Z`), floating times without a
/// zone and all-day values as dates; the UID is empty when missing.
pub fn tsv_line(o: &Occurrence<'_>) -> String {
    use std::fmt::Write;
    let uid = o.uid().unwrap_or("");
    let mut s = String::with_capacity(uid.len() + 44);
    s.push_str(uid);
    // Writing to a String cannot fail.
    let _ = write!(s, "\t{}\t{}", o.start, o.end);
    s
}

/// Position of an instance on its series' time line. Zoned series use
/// instants; floating and all-day series use wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Point {
    Ts(Timestamp),
    Civil(DateTime),
}

/// How a series places its instances.
#[derive(Clone)]
enum Kind {
    Zoned(TimeZone),
    Floating,
    Date,
}

impl Kind {
    fn of(e: &Event) -> Kind {
        match e.start.when {
            When::Utc(_) => Kind::Zoned(e.start.zone.clone().unwrap_or(TimeZone::UTC)),
            When::Floating(_) => Kind::Floating,
            When::Date(_) => Kind::Date,
        }
    }

    /// Position of a written value on this series' time line.
    fn point(&self, v: &crate::value::DateValue) -> Point {
        match (self, v.when) {
            (Kind::Zoned(_), When::Utc(ts)) => Point::Ts(ts),
            (Kind::Zoned(z), _) => Point::Ts(local_to_timestamp(z, v.local)),
            (_, _) => Point::Civil(v.local),
        }
    }

    fn point_of_local(&self, local: DateTime) -> Point {
        match self {
            Kind::Zoned(z) => Point::Ts(local_to_timestamp(z, local)),
            _ => Point::Civil(local),
        }
    }

    fn start(&self, p: Point, local: DateTime) -> Start {
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

impl Calendar {
    /// Parses iCalendar text.
    ///
    /// Fails only when the text is not iCalendar or its BEGIN/END structure is
    /// broken; components that cannot be understood are skipped and reported
    /// in [`Calendar::warnings`].
    pub fn parse(text: &str) -> Result<Calendar, ParseError> {
        let mut warnings = Vec::new();
        let roots = parse_tree(text, &mut warnings)?;
        let mut vtimezones: HashMap<String, &Component> = HashMap::new();
        let mut vevents: Vec<&Component> = Vec::new();
        fn walk<'c>(
            c: &'c Component,
            tz: &mut HashMap<String, &'c Component>,
            ev: &mut Vec<&'c Component>,
        ) {
            for child in &c.children {
                match child.name.as_str() {
                    "VTIMEZONE" => {
                        if let Some(id) = child.prop("TZID") {
                            tz.entry(id.value.trim().to_string()).or_insert(child);
                        }
                    }
                    "VEVENT" => ev.push(child),
                    // Other components (VTODO, VJOURNAL, VFREEBUSY, ...) are not
                    // calendar time; events nested in them are not either.
                    _ => {}
                }
            }
        }
        for root in &roots {
            walk(root, &mut vtimezones, &mut vevents);
        }
        let mut zones = ZoneResolver::new(vtimezones);
        let mut events = Vec::new();
        for c in vevents {
            match build_event(c, &mut zones) {
                Ok(e) => events.push(e),
                Err(s) => warnings.push(Warning {
                    line: s.line,
                    uid: c.prop("UID").map(|p| p.value.trim().to_string()),
                    message: format!("VEVENT at line {} skipped: {}", c.line, s.message),
                }),
            }
        }
        let series = group(&events);
        Ok(Calendar {
            events,
            warnings,
            series,
        })
    }

    /// All successfully parsed events, in file order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Problems found while parsing (skipped components, ignored lines).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Every occurrence overlapping `[from, to)`.
    ///
    /// An occurrence overlaps when `start < to && end > from`; a zero-length
    /// one when `from <= start < to`. Floating times and all-day dates are
    /// read in `floating` for this comparison (and for sorting) only; the
    /// returned values keep their original form. Sorted by start, then UID.
    ///
    /// Work per series is bounded by the window: recurrence rules are
    /// iterated lazily and stop shortly after `to`, and rules without COUNT
    /// skip straight to the window start.
    pub fn expand(
        &self,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
    ) -> Vec<Occurrence<'_>> {
        let mut out = Vec::new();
        if from >= to {
            return out;
        }
        for s in &self.series {
            self.expand_series(s, from, to, floating, &mut out);
        }
        let mut keyed: Vec<(Timestamp, Timestamp, Occurrence<'_>)> = out
            .into_iter()
            .map(|o| {
                (
                    o.start.to_timestamp(floating),
                    o.end.to_timestamp(floating),
                    o,
                )
            })
            .collect();
        keyed.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.2.uid().unwrap_or("").cmp(b.2.uid().unwrap_or("")))
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.2.event.line.cmp(&b.2.event.line))
        });
        keyed.into_iter().map(|(_, _, o)| o).collect()
    }

    fn expand_series<'a>(
        &'a self,
        s: &Series,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
        out: &mut Vec<Occurrence<'a>>,
    ) {
        let overlaps = |start: &When, end: &When| {
            let a = start.to_timestamp(floating);
            let b = end.to_timestamp(floating);
            if a == b {
                from <= a && a < to
            } else {
                a < to && b > from
            }
        };
        let master = s.master.map(|i| &self.events[i]);
        let overrides: Vec<&Event> = s.overrides.iter().map(|&i| &self.events[i]).collect();
        let Some(m) = master else {
            // Overrides without a master stand on their own.
            for o in overrides {
                let st = Start::of(&o.start);
                let end = o.end_for(&st);
                if overlaps(&o.start.when, &end) {
                    out.push(occurrence(
                        o,
                        None,
                        o.start.when,
                        end,
                        o.recurrence_id.as_ref().map(|r| r.value.when),
                    ));
                }
            }
            return;
        };
        let kind = Kind::of(m);
        let is_excluded = excluder(&kind, m);
        let rid_points: Vec<(Point, Option<Date>, &Event)> = overrides
            .iter()
            .filter_map(|o| {
                let r = o.recurrence_id.as_ref()?;
                let date = if r.value.when.is_date() && !m.start.when.is_date() {
                    Some(r.value.local.date())
                } else {
                    None
                };
                Some((kind.point(&r.value), date, *o))
            })
            .collect();
        // Overrides replace their instance wherever they moved it to.
        for &(p, _, o) in &rid_points {
            if is_excluded(
                p,
                o.recurrence_id
                    .as_ref()
                    .map_or(o.start.local, |r| r.value.local),
            ) {
                continue;
            }
            let st = Start::of(&o.start);
            let end = o.end_for(&st);
            if overlaps(&o.start.when, &end) {
                out.push(occurrence(
                    o,
                    Some(m),
                    o.start.when,
                    end,
                    o.recurrence_id.as_ref().map(|r| r.value.when),
                ));
            }
        }
        if !m.is_recurring() {
            if rid_points
                .iter()
                .any(|(p, _, _)| *p == kind.point(&m.start))
            {
                return;
            }
            let st = Start::of(&m.start);
            let end = m.end_for(&st);
            if overlaps(&m.start.when, &end) {
                out.push(occurrence(m, Some(m), m.start.when, end, None));
            }
            return;
        }
        // THISANDFUTURE overrides, ordered by the instance they start from.
        let mut taf: Vec<(Point, &Event, Shift)> = rid_points
            .iter()
            .filter(|(_, _, o)| o.recurrence_id.as_ref().is_some_and(|r| r.this_and_future))
            .map(|&(p, _, o)| (p, o, Shift::of(o)))
            .collect();
        taf.sort_by_key(|t| t.0);
        // How far around the window instances must be looked for.
        let master_len = master_length(m);
        let mut reach = master_len.max_secs();
        for r in &m.rdates {
            if let RDate::Period { start, end } = r {
                reach = reach.max(length_between(start, end).max_secs());
            }
        }
        for (_, o, sh) in &taf {
            reach = reach.max(length_of(o).max_secs() + sh.max_secs());
        }
        let margin = SignedDuration::from_secs(reach.min(400 * 86_400) + 2 * 86_400);
        let local_of = |ts: Timestamp| match &kind {
            Kind::Zoned(z) => z.to_datetime(ts),
            _ => floating.to_datetime(ts),
        };
        let lower = local_of(from.checked_sub(margin).unwrap_or(from));
        let upper = local_of(to.checked_add(margin).unwrap_or(to));

        // Collect candidate instances (point, wall-clock start, period end).
        let mut inst: Vec<(Point, DateTime, Option<usize>)> = Vec::new();
        let mut dtstart_allowed = m.rrules.is_empty();
        for rule in &m.rrules {
            let in_until = match rule.until {
                None => true,
                Some(u) => !past_until(&kind, u, m.start.local, kind.point(&m.start)),
            };
            dtstart_allowed |= in_until;
            let mut it = RuleIter::new(rule, m.start.local, upper);
            it.seek(lower);
            for local in it {
                let p = kind.point_of_local(local);
                if let Some(u) = rule.until
                    && past_until(&kind, u, local, p)
                {
                    break;
                }
                if local >= lower {
                    inst.push((p, local, None));
                }
            }
        }
        if dtstart_allowed {
            inst.push((kind.point(&m.start), m.start.local, None));
        }
        for (i, r) in m.rdates.iter().enumerate() {
            let (v, period) = match r {
                RDate::At(v) => (v, None),
                RDate::Period { start, .. } => (start, Some(i)),
            };
            let local = match (&kind, v.when) {
                (Kind::Zoned(z), When::Utc(ts)) => z.to_datetime(ts),
                _ => v.local,
            };
            inst.push((kind.point(v), local, period));
        }
        // Sort; a PERIOD RDATE wins over a plain instance at the same time.
        inst.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.is_some().cmp(&a.2.is_some())));
        inst.dedup_by_key(|x| x.0);

        for (p, local, period) in inst {
            if is_excluded(p, local) {
                continue;
            }
            if rid_points
                .iter()
                .any(|(rp, d, _)| *rp == p || d.is_some_and(|d| d == local.date()))
            {
                continue;
            }
            // The latest THISANDFUTURE override that started before this instance.
            let governing = taf.iter().rev().find(|(tp, _, _)| *tp < p);
            let (component, start, end) = match governing {
                Some((_, o, shift)) => {
                    let (sp, slocal) = shift.apply(&kind, p, local);
                    let st = kind.start(sp, slocal);
                    let end = st.plus_length(&length_of(o));
                    (*o, st.when, end)
                }
                None => {
                    let st = kind.start(p, local);
                    let end = match period.map(|i| &m.rdates[i]) {
                        Some(RDate::Period { start, end }) => {
                            st.plus_length(&length_between(start, end))
                        }
                        _ => st.plus_length(&master_len),
                    };
                    (m, st.when, end)
                }
            };
            if overlaps(&start, &end) {
                let rid = kind.start(p, local).when;
                out.push(occurrence(component, Some(m), start, end, Some(rid)));
            }
        }
    }
}

fn occurrence<'a>(
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
fn master_length(m: &Event) -> Length {
    length_of(m)
}

fn length_of(e: &Event) -> Length {
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
fn past_until(kind: &Kind, u: Until, local: DateTime, p: Point) -> bool {
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
fn excluder(kind: &Kind, m: &Event) -> impl Fn(Point, DateTime) -> bool + use<> {
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
enum Shift {
    Civil(SignedDuration),
    Exact(SignedDuration),
}

impl Shift {
    fn of(o: &Event) -> Shift {
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

    fn max_secs(&self) -> i64 {
        match self {
            Shift::Civil(d) | Shift::Exact(d) => d.as_secs().abs() + 86_400,
        }
    }

    fn apply(&self, kind: &Kind, p: Point, local: DateTime) -> (Point, DateTime) {
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

/// Groups events by UID into series.
fn group(events: &[Event]) -> Vec<Series> {
    let mut by_uid: HashMap<&str, usize> = HashMap::new();
    let mut series: Vec<Series> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let idx = match e.uid.as_deref() {
            Some(uid) => *by_uid.entry(uid).or_insert_with(|| {
                series.push(Series {
                    master: None,
                    overrides: Vec::new(),
                });
                series.len() - 1
            }),
            None => {
                series.push(Series {
                    master: None,
                    overrides: Vec::new(),
                });
                series.len() - 1
            }
        };
        let s = &mut series[idx];
        match &e.recurrence_id {
            None => match s.master {
                Some(j) if events[j].sequence >= e.sequence => {}
                _ => s.master = Some(i),
            },
            Some(r) => {
                let same = s.overrides.iter().position(|&j| {
                    events[j]
                        .recurrence_id
                        .as_ref()
                        .is_some_and(|q| q.value.when == r.value.when)
                });
                match same {
                    Some(k) if events[s.overrides[k]].sequence >= e.sequence => {}
                    Some(k) => s.overrides[k] = i,
                    None => s.overrides.push(i),
                }
            }
        }
    }
    series
}
