//! The parsed calendar and window expansion.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::event::{CalendarContext, Event, EventBuilder, Length, RDate, Start, length_between};
use crate::parse::{
    Component, Field, ParseError, Prelude, Prop, Sink, Warning, WarningKind, parse_stream, prelude,
};
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

/// Most occurrences one event (all components sharing a UID) adds to one window.
///
/// A daily meeting over the ten years back and one ahead that imports expand is
/// ~4 000 occurrences; every weekday at 09:00 and 14:00, ~5 700. Beyond 10 000
/// an event is not one person's time but a generated feed or an attack.
pub const MAX_OCCURRENCES_PER_EVENT: usize = 10_000;

/// Most units of work one event's recurrence rules may spend on one window: every
/// candidate period, day or start time the rule iterator builds or examines,
/// rejected ones and empty periods included.
///
/// The busiest honest rules cost a few dozen units per occurrence (a monthly "last
/// Friday" examines every day of each month: ~4 000 over the import horizon), so
/// 1 000 000 leaves them 100-fold room while bounding a rule that examines every
/// second to a few milliseconds.
pub const MAX_WORK_PER_EVENT: u64 = 1_000_000;

/// Most occurrences one expansion of a whole calendar returns.
///
/// Ten events at [`MAX_OCCURRENCES_PER_EVENT`], or 175 occurrences a week across the
/// whole eleven-year import horizon: several times a busy lead's calendar (20 to 50
/// a week), while importing what a hostile file can reach stays under a second and
/// 100 MB (`bench/bombs.sh`).
pub const MAX_OCCURRENCES_TOTAL: usize = 100_000;

/// Most units of work (as in [`MAX_WORK_PER_EVENT`]) one expansion of a whole
/// calendar may spend, so a file of many expensive events is bounded too: five
/// events at the per-event limit, about a fifth of a second, and room for over a
/// thousand of the busiest honest series.
pub const MAX_WORK_TOTAL: u64 = 5_000_000;

/// Bounds on the work of one expansion ([`Calendar::expand_bounded`]).
///
/// A recurrence rule is a small program written by whoever controls the file:
/// `RRULE:FREQ=SECONDLY` without an end is 350 million instances over the import
/// horizon, and anyone controlling a subscribed calendar can send one. Expansion
/// stops at these bounds, keeps what fits and says what it left out in a
/// [`Warning`]. [`Limits::default`] holds the documented constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Occurrences one event (series) contributes to the window; the earliest are kept.
    pub occurrences_per_event: usize,
    /// Work one event's rules may spend; the occurrences found until then are kept.
    pub work_per_event: u64,
    /// Occurrences of the whole calendar; events are expanded in file order.
    pub occurrences_total: usize,
    /// Work of the whole calendar.
    pub work_total: u64,
}

impl Limits {
    /// The documented limits: [`MAX_OCCURRENCES_PER_EVENT`], [`MAX_WORK_PER_EVENT`],
    /// [`MAX_OCCURRENCES_TOTAL`] and [`MAX_WORK_TOTAL`].
    pub const DEFAULT: Limits = Limits {
        occurrences_per_event: MAX_OCCURRENCES_PER_EVENT,
        work_per_event: MAX_WORK_PER_EVENT,
        occurrences_total: MAX_OCCURRENCES_TOTAL,
        work_total: MAX_WORK_TOTAL,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What [`Calendar::expand_bounded`] found: the occurrences and what the limits
/// or impossible rules left out.
#[derive(Debug, Clone)]
pub struct Expansion<'a> {
    /// Occurrences overlapping the window, sorted as [`Calendar::expand`] sorts them.
    pub occurrences: Vec<Occurrence<'a>>,
    /// One warning per event cut short or rule that can never occur, plus one for
    /// the events left unexpanded when the whole calendar reached a limit. These are
    /// about this window; parse warnings stay in [`Calendar::warnings`].
    pub warnings: Vec<Warning>,
    /// Units of work spent (see [`MAX_WORK_PER_EVENT`]).
    pub work: u64,
}

/// The share of the limits one series may use.
#[derive(Debug, Clone, Copy)]
struct Budget {
    occurrences: usize,
    work: u64,
}

/// What expanding one series cost and left out.
#[derive(Debug, Default)]
struct SeriesOutcome {
    work: u64,
    /// More occurrences overlap the window than the budget kept.
    more: bool,
    /// A rule stopped because the work budget ran out.
    out_of_work: bool,
    /// Rules that can never occur: (index among the event's RRULEs, why).
    never: Vec<(usize, &'static str)>,
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
    let uid = o.uid().unwrap_or("");
    let mut s = String::with_capacity(uid.len() + 42);
    s.push_str(uid);
    s.push('\t');
    o.start.push_to(&mut s);
    s.push('\t');
    o.end.push_to(&mut s);
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
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // One streaming pass reads VTIMEZONEs and X-WR-TIMEZONE as it meets them.
        // Should one come after something it changes (a TZID already read, an event
        // of its calendar), the file is read again with them found first.
        if let Some(cal) = read(text, None)? {
            return Ok(cal);
        }
        Ok(
            read(text, Some(prelude(text)))?.unwrap_or_else(|| Calendar {
                events: Vec::new(),
                warnings: Vec::new(),
                series: Vec::new(),
            }),
        )
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
    /// skip straight to the window start. Beyond that the [`Limits::default`]
    /// apply; use [`Calendar::expand_bounded`] to learn what they left out.
    pub fn expand(
        &self,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
    ) -> Vec<Occurrence<'_>> {
        self.expand_bounded(from, to, floating, &Limits::DEFAULT)
            .occurrences
    }

    /// [`Calendar::expand`] within `limits`, with a warning for every event they
    /// cut short and every rule that can never occur.
    ///
    /// Each event keeps its earliest occurrences in the window up to
    /// `limits.occurrences_per_event`; one whose rules run out of work keeps what
    /// they found. Events are expanded in file order, so once the whole calendar
    /// reaches a total limit the later events are left out (one warning names the
    /// first of them). Memory stays proportional to the limits and the file.
    pub fn expand_bounded(
        &self,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
        limits: &Limits,
    ) -> Expansion<'_> {
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        let mut work = 0u64;
        if from >= to {
            return Expansion {
                occurrences: out,
                warnings,
                work,
            };
        }
        for (idx, s) in self.series.iter().enumerate() {
            let occ_left = limits.occurrences_total.saturating_sub(out.len());
            let work_left = limits.work_total.saturating_sub(work);
            if occ_left == 0 || work_left == 0 {
                warnings.push(self.not_expanded(idx, occ_left == 0, limits));
                break;
            }
            let budget = Budget {
                occurrences: occ_left.min(limits.occurrences_per_event),
                work: work_left.min(limits.work_per_event),
            };
            let before = out.len();
            let r = self.expand_series(s, from, to, floating, budget, &mut out);
            work += r.work;
            self.series_warnings(s, &r, out.len() - before, budget, limits, &mut warnings);
        }
        sort_occurrences(&mut out, floating);
        Expansion {
            occurrences: out,
            warnings,
            work,
        }
    }

    /// The warning for the series from `idx` on, left out because the whole
    /// calendar reached a limit (`occurrences`: the occurrence limit, else work).
    fn not_expanded(&self, idx: usize, occurrences: bool, limits: &Limits) -> Warning {
        let (line, uid) = self.series_id(&self.series[idx]);
        let rest = self.series.len() - idx;
        let later = match rest - 1 {
            0 => String::new(),
            1 => " and the event after it".to_string(),
            n => format!(" and the {} events after it", grouped(n as u64)),
        };
        let why = if occurrences {
            format!(
                "the calendar already gave {} occurrences in the window, the most one \
                 expansion keeps",
                grouped(limits.occurrences_total as u64)
            )
        } else {
            format!(
                "the calendar's recurrence rules already used the {} steps one expansion \
                 may take",
                grouped(limits.work_total)
            )
        };
        Warning {
            line,
            uid,
            kind: WarningKind::NotExpanded { events: rest },
            message: format!("VEVENT at line {line}{later} not expanded: {why}"),
        }
    }

    /// Warnings for one expanded series: rules that can never occur, and what a
    /// limit cut off (`kept` occurrences were kept).
    fn series_warnings(
        &self,
        s: &Series,
        r: &SeriesOutcome,
        kept: usize,
        budget: Budget,
        limits: &Limits,
        warnings: &mut Vec<Warning>,
    ) {
        let (line, uid) = self.series_id(s);
        let master = s.master.map(|i| &self.events[i]);
        let n_rules = master.map_or(0, |m| m.rrules.len());
        for &(i, why) in &r.never {
            let which = if n_rules > 1 {
                format!("RRULE {} of {n_rules}", i + 1)
            } else {
                "RRULE".to_string()
            };
            let counts = if master.is_some_and(|m| !m.rdates.is_empty()) {
                "only DTSTART and the RDATEs count"
            } else {
                "only DTSTART counts"
            };
            warnings.push(Warning {
                line,
                uid: uid.clone(),
                kind: WarningKind::NeverOccurs,
                message: format!(
                    "VEVENT at line {line}: its {which} can never occur ({why}); {counts}"
                ),
            });
        }
        let what = if n_rules > 0 { "its RRULE" } else { "it" };
        let kept_n = grouped(kept as u64);
        let message = if r.more && budget.occurrences < limits.occurrences_per_event {
            format!(
                "VEVENT at line {line}: the calendar reached the {} occurrences one expansion \
                 keeps; kept the first {kept_n} of this event",
                grouped(limits.occurrences_total as u64),
            )
        } else if r.more {
            format!(
                "VEVENT at line {line}: {what} yields more than {} occurrences in the window; \
                 kept the first {kept_n}",
                grouped(budget.occurrences as u64),
            )
        } else if r.out_of_work && budget.work < limits.work_per_event {
            format!(
                "VEVENT at line {line}: the calendar's recurrence rules used up the {} steps \
                 one expansion may take; kept the {} this event gave until then",
                grouped(limits.work_total),
                occurrences(kept),
            )
        } else if r.out_of_work {
            format!(
                "VEVENT at line {line}: {what} takes more than {} steps to expand over the \
                 window; kept the {} found before it stopped",
                grouped(budget.work),
                occurrences(kept),
            )
        } else {
            return;
        };
        warnings.push(Warning {
            line,
            uid,
            kind: WarningKind::Truncated,
            message,
        });
    }

    /// Line and UID that name a series in warnings: its master's, else its first override's.
    fn series_id(&self, s: &Series) -> (usize, Option<String>) {
        let e = s
            .master
            .or_else(|| s.overrides.first().copied())
            .map(|i| &self.events[i]);
        (e.map_or(0, |e| e.line), e.and_then(|e| e.uid.clone()))
    }

    /// Appends the series' occurrences overlapping `[from, to)` to `out`, at
    /// most `budget.occurrences` of them (the earliest), spending at most
    /// `budget.work` on its rules.
    fn expand_series<'a>(
        &'a self,
        s: &Series,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
        budget: Budget,
        out: &mut Vec<Occurrence<'a>>,
    ) -> SeriesOutcome {
        let mut outcome = SeriesOutcome::default();
        let start_len = out.len();
        self.collect_series(s, from, to, floating, budget, out, &mut outcome);
        // Overrides are placed before the instances and may move anywhere in time,
        // so the earliest are found by sorting what was collected.
        let mine = &mut out[start_len..];
        if mine.len() > budget.occurrences {
            mine.sort_by_key(|o| o.start.to_timestamp(floating));
            out.truncate(start_len + budget.occurrences);
            outcome.more = true;
        }
        outcome
    }

    #[allow(clippy::too_many_arguments)]
    fn collect_series<'a>(
        &'a self,
        s: &Series,
        from: Timestamp,
        to: Timestamp,
        floating: &TimeZone,
        budget: Budget,
        out: &mut Vec<Occurrence<'a>>,
        outcome: &mut SeriesOutcome,
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
        // A RECURRENCE-ID names the instance whose start it equals. A DATE one on a
        // timed series equals none of them (RFC 5545 3.8.4.4 wants DTSTART's type),
        // so, as in recurring-ical-events, it adds an instance and replaces none
        // (on an all-day series a DATE-TIME one at midnight does name its day).
        let rid_points: Vec<(Point, &Event)> = overrides
            .iter()
            .filter_map(|o| Some((kind.point(&o.recurrence_id.as_ref()?.value), *o)))
            .collect();
        // Overrides replace their instance wherever they moved it to.
        for &(p, o) in &rid_points {
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
            // The recurrence set is DTSTART alone, less what EXDATE takes out of it
            // (RFC 5545 3.8.5.1; an event whose only RRULE was dropped has one too).
            let p = kind.point(&m.start);
            if rid_points.iter().any(|(r, _)| *r == p) || is_excluded(p, m.start.local) {
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
            .filter(|(_, o)| o.recurrence_id.as_ref().is_some_and(|r| r.this_and_future))
            .map(|&(p, o)| (p, o, Shift::of(o)))
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

        // Overrides take their instance's place: found by binary search, since a
        // file may hold thousands of them for one series.
        let mut rid_ps: Vec<Point> = rid_points.iter().map(|r| r.0).collect();
        rid_ps.sort_unstable();
        let overridden = |p: Point| rid_ps.binary_search(&p).is_ok();
        // The occurrence an instance gives, if it is not excluded, overridden or
        // outside the window.
        let emit = |p: Point, local: DateTime, period: Option<usize>| {
            if is_excluded(p, local) || overridden(p) {
                return None;
            }
            // The latest THISANDFUTURE override that started before this instance.
            let governing = taf.partition_point(|(tp, _, _)| *tp < p).checked_sub(1);
            let (component, start, end) = match governing.map(|i| &taf[i]) {
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
            overlaps(&start, &end).then(|| {
                let rid = kind.start(p, local).when;
                occurrence(component, Some(m), start, end, Some(rid))
            })
        };
        // Sort; a PERIOD RDATE wins over a plain instance at the same time.
        let order = |a: &Inst, b: &Inst| a.0.cmp(&b.0).then(b.2.is_some().cmp(&a.2.is_some()));
        let keep = budget.occurrences;
        // Rules add their instances to `inst`; when it reaches `compact_at` it is
        // cut back to the earliest instances that give an occurrence, up to one
        // past the limit (which shows there are more), so memory follows the
        // limit and not the rule. Later instances are then not collected at all.
        let compact_at = keep.saturating_mul(2).saturating_add(64);
        let mut last_needed: Option<Point> = None;
        let compact = |inst: &mut Vec<Inst>, last_needed: &mut Option<Point>| {
            inst.sort_by(order);
            inst.dedup_by_key(|x| x.0);
            let mut found = 0usize;
            let mut cut = None;
            inst.retain(|&(p, local, period)| {
                if cut.is_some() || emit(p, local, period).is_none() {
                    return false;
                }
                found += 1;
                if found > keep {
                    cut = Some(p);
                }
                true
            });
            if let Some(c) = cut {
                *last_needed = Some(last_needed.map_or(c, |l| l.min(c)));
            }
        };

        // Collect candidate instances (point, wall-clock start, period end).
        let mut inst: Vec<Inst> = Vec::new();
        // DTSTART is an instance unless it lies past every UNTIL the rules have
        // (rules without UNTIL do not count here: as in recurring-ical-events, they
        // give DTSTART only if it is one of their own instances).
        let mut dtstart_allowed = m.rrules.iter().all(|r| r.until.is_none());
        let mut work_left = budget.work;
        for (i, rule) in m.rrules.iter().enumerate() {
            if let Some(u) = rule.until {
                dtstart_allowed |= !past_until(&kind, u, m.start.local, kind.point(&m.start));
            }
            let it = RuleIter::new(rule, m.start.local, upper);
            if rule.count == Some(0) {
                // COUNT=0 (warned about when parsed) gives nothing.
                continue;
            }
            if let Some(why) = it.never_matches() {
                outcome.never.push((i, why));
                continue;
            }
            // Each rule may use its share of what is left, so one costly rule does
            // not starve the event's others, but at least enough to fill the
            // occurrence limit a few times over, so many cheap rules still can.
            let floor = work_left.min((compact_at as u64).saturating_mul(8));
            let share = (work_left / (m.rrules.len() - i) as u64).max(floor);
            let mut it = it.with_budget(share).counting_unaligned_dtstart(i == 0);
            it.seek(lower);
            for local in it.by_ref() {
                let p = kind.point_of_local(local);
                if let Some(u) = rule.until
                    && past_until(&kind, u, local, p)
                {
                    break;
                }
                if last_needed.is_some_and(|l| p > l) {
                    break;
                }
                if local >= lower {
                    inst.push((p, local, None));
                    if inst.len() >= compact_at {
                        compact(&mut inst, &mut last_needed);
                    }
                }
            }
            work_left -= it.work();
            outcome.work += it.work();
            outcome.out_of_work |= it.exhausted();
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
        inst.sort_by(order);
        inst.dedup_by_key(|x| x.0);

        let mut emitted = 0usize;
        for (p, local, period) in inst {
            if let Some(o) = emit(p, local, period) {
                if emitted == keep {
                    outcome.more = true;
                    break;
                }
                out.push(o);
                emitted += 1;
            }
        }
    }
}

/// Sorts occurrences by start (floating and all-day values read in `floating`),
/// then UID, end and line, stably. Only the start instants and an index are
/// allocated (the rest of the key is computed for ties), and the order is
/// applied in place: no second copy of the occurrences.
fn sort_occurrences(out: &mut [Occurrence<'_>], floating: &TimeZone) {
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
type Inst = (Point, DateTime, Option<usize>);

/// "1 occurrence", "10 000 occurrences".
fn occurrences(n: usize) -> String {
    match n {
        1 => "1 occurrence".to_string(),
        n => format!("{} occurrences", grouped(n as u64)),
    }
}

/// `n` with its thousands set apart, as the warnings print counts: `10 000`.
fn grouped(n: u64) -> String {
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

/// Reads a calendar in one pass. Without a `prelude` the VTIMEZONEs and
/// X-WR-TIMEZONEs are taken as they come, and `None` says one came too late
/// (after a value or event it applies to); with one, they are known beforehand.
fn read(text: &str, prelude: Option<Prelude>) -> Result<Option<Calendar>, ParseError> {
    let optimistic = prelude.is_none();
    let prelude = prelude.unwrap_or_default();
    let contexts: Vec<CalendarContext> = prelude
        .x_wr_timezones
        .iter()
        .map(|x| CalendarContext {
            default_zone: x
                .as_ref()
                .and_then(|(name, _)| crate::tz::known_zone(name.trim())),
        })
        .collect();
    let mut reader = Reader {
        zones: ZoneResolver::new(prelude.vtimezones),
        x_wr_timezones: prelude.x_wr_timezones,
        contexts,
        optimistic,
        root: None,
        root_has_event: false,
        root_has_x_wr: false,
        vtimezone: Vec::new(),
        late: false,
        event: None,
        events: Vec::with_capacity(prelude.events),
        warnings: Vec::new(),
    };
    let mut line_warnings = Vec::new();
    parse_stream(text, &mut line_warnings, &mut reader)?;
    if reader.late {
        return Ok(None);
    }
    // Unreadable lines first, as they were met; then what the events lost.
    let mut warnings = line_warnings;
    warnings.append(&mut reader.warnings);
    let mut events = reader.events;
    events.shrink_to_fit();
    let series = group(&events);
    Ok(Some(Calendar {
        events,
        warnings,
        series,
    }))
}

/// Reads the events of a calendar as [`parse_stream`] meets them.
struct Reader {
    zones: ZoneResolver,
    /// Each VCALENDAR's X-WR-TIMEZONE (value, line), when known beforehand.
    x_wr_timezones: Vec<Option<(String, usize)>>,
    /// What applies to the events of each VCALENDAR.
    contexts: Vec<CalendarContext>,
    /// VTIMEZONEs and X-WR-TIMEZONE are read as they come (no prelude).
    optimistic: bool,
    /// Index of the VCALENDAR being read.
    root: Option<usize>,
    /// An event of this VCALENDAR has begun.
    root_has_event: bool,
    /// This VCALENDAR's X-WR-TIMEZONE has been read.
    root_has_x_wr: bool,
    /// The VTIMEZONE being read (when optimistic) and its open subcomponents.
    vtimezone: Vec<Component>,
    /// A VTIMEZONE or X-WR-TIMEZONE came after what it applies to.
    late: bool,
    /// The VEVENT being read (a direct child of a VCALENDAR).
    event: Option<EventBuilder>,
    events: Vec<Event>,
    warnings: Vec<Warning>,
}

impl Reader {
    /// The calendar's X-WR-TIMEZONE names no zone we know.
    fn unknown_x_wr(&mut self, p: &Prop<'_>) {
        let name = p.value.trim();
        if !name.is_empty() {
            self.warnings.push(Warning {
                line: p.line,
                uid: None,
                kind: WarningKind::PropertyIgnored,
                message: format!(
                    "X-WR-TIMEZONE ignored: unknown time zone {name:?}; times without a \
                     zone stay floating"
                ),
            });
        }
    }
}

impl Sink for Reader {
    fn begin(&mut self, depth: usize, name: &str, line: usize) {
        if !self.vtimezone.is_empty() {
            self.vtimezone.push(Component {
                name: name.to_ascii_uppercase(),
                ..Component::default()
            });
            return;
        }
        match depth {
            1 => {
                let root = self.root.map_or(0, |r| r + 1);
                self.root = Some(root);
                self.root_has_event = false;
                self.root_has_x_wr = false;
                // Read as it comes, or (should the prelude have counted otherwise)
                // a calendar without settings rather than a panic.
                if self.contexts.len() <= root {
                    self.contexts.push(CalendarContext::default());
                }
            }
            // Other components (VTODO, VJOURNAL, VFREEBUSY, ...) are not calendar
            // time; events nested in them are not either.
            2 if name.eq_ignore_ascii_case("VEVENT") => {
                self.event = Some(EventBuilder::new(line));
                self.root_has_event = true;
            }
            2 if self.optimistic && name.eq_ignore_ascii_case("VTIMEZONE") => {
                self.vtimezone.push(Component {
                    name: "VTIMEZONE".to_string(),
                    ..Component::default()
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, depth: usize, _name: &str, _line: usize) {
        if let Some(done) = self.vtimezone.pop() {
            match self.vtimezone.last_mut() {
                Some(parent) => parent.children.push(done),
                None => {
                    // Too late if a value already asked for this TZID.
                    if let Some(id) = done.prop("TZID")
                        && self.zones.looked_up(id.value.trim())
                    {
                        self.late = true;
                    }
                    self.zones.add(done);
                }
            }
            return;
        }
        if depth != 2 {
            return;
        }
        let Some(b) = self.event.take() else {
            return;
        };
        let begin = b.line();
        match b.finish() {
            Ok((e, notes)) => {
                self.warnings
                    .extend(notes.into_iter().map(|(line, message)| Warning {
                        line,
                        uid: e.uid.clone(),
                        kind: WarningKind::PropertyIgnored,
                        message,
                    }));
                self.events.push(e);
            }
            Err((s, uid)) => self.warnings.push(Warning {
                line: s.line,
                uid,
                kind: WarningKind::EventSkipped,
                message: format!("VEVENT at line {begin} skipped: {}", s.message),
            }),
        }
    }

    fn prop(&mut self, depth: usize, p: &Prop<'_>) {
        if let Some(open) = self.vtimezone.last_mut() {
            open.props.push(Field {
                name: p.upper_name(),
                value: p.value.to_string(),
            });
            return;
        }
        let root = self.root.unwrap_or(0);
        match depth {
            2 => {
                if let Some(b) = self.event.as_mut() {
                    b.prop(p, &mut self.zones, &self.contexts[root]);
                }
            }
            1 if self.optimistic && !self.root_has_x_wr && p.is("X-WR-TIMEZONE") => {
                self.root_has_x_wr = true;
                if self.root_has_event {
                    self.late = true;
                    return;
                }
                match crate::tz::known_zone(p.value.trim()) {
                    Some(zone) => self.contexts[root].default_zone = Some(zone),
                    None => self.unknown_x_wr(p),
                }
            }
            1 if !self.optimistic
                && self.contexts[root].default_zone.is_none()
                && self
                    .x_wr_timezones
                    .get(root)
                    .and_then(Option::as_ref)
                    .map(|x| x.1)
                    == Some(p.line) =>
            {
                self.unknown_x_wr(p);
            }
            _ => {}
        }
    }
}

/// Groups events by UID into series.
fn group(events: &[Event]) -> Vec<Series> {
    let mut by_uid: HashMap<&str, usize> = HashMap::new();
    // (series, RECURRENCE-ID) -> position among that series' overrides.
    let mut by_rid: HashMap<(usize, When), usize> = HashMap::new();
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
                // A map, not a scan of the series' overrides: a file can hold many
                // thousands of overrides of one UID.
                match by_rid.get(&(idx, r.value.when)) {
                    Some(&k) if events[s.overrides[k]].sequence >= e.sequence => {}
                    Some(&k) => s.overrides[k] = i,
                    None => {
                        by_rid.insert((idx, r.value.when), s.overrides.len());
                        s.overrides.push(i);
                    }
                }
            }
        }
    }
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        let cal = Calendar::parse(text).expect("parse");
        let from: Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
        let to: Timestamp = "2025-01-01T00:00:00Z".parse().expect("ts");
        let mut out: Vec<String> = cal
            .expand(from, to, &TimeZone::UTC)
            .iter()
            .map(tsv_line)
            .collect();
        out.extend(cal.warnings().iter().map(|w| w.to_string()));
        out
    }

    const ZONE: &str = "BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\n\
                        TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n";
    const EVENTS: &str = "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Custom:20240301T100000\n\
                          RRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\n\
                          DTSTART:20240301T100000\nEND:VEVENT\n";

    #[test]
    fn zones_after_the_events_read_as_before_them() {
        let before = lines(&format!(
            "BEGIN:VCALENDAR\nX-WR-TIMEZONE:America/New_York\n{ZONE}{EVENTS}END:VCALENDAR\n"
        ));
        assert_eq!(
            before,
            vec![
                "a\t2024-03-01T07:00:00Z\t2024-03-01T07:00:00Z",
                "b\t2024-03-01T15:00:00Z\t2024-03-01T15:00:00Z",
                "a\t2024-03-02T07:00:00Z\t2024-03-02T07:00:00Z",
            ]
        );
        let after = lines(&format!(
            "BEGIN:VCALENDAR\n{EVENTS}{ZONE}X-WR-TIMEZONE:America/New_York\nEND:VCALENDAR\n"
        ));
        assert_eq!(after, before);
        // An unknown X-WR-TIMEZONE is named once, wherever it stands.
        for text in [
            format!("BEGIN:VCALENDAR\nX-WR-TIMEZONE:Mars/Base\n{ZONE}{EVENTS}END:VCALENDAR\n"),
            format!("BEGIN:VCALENDAR\n{ZONE}{EVENTS}X-WR-TIMEZONE:Mars/Base\nEND:VCALENDAR\n"),
        ] {
            let got = lines(&text);
            assert_eq!(
                got.iter().filter(|l| l.contains("Mars/Base")).count(),
                1,
                "{got:#?}"
            );
            assert!(got.contains(&"b\t2024-03-01T10:00:00\t2024-03-01T10:00:00".to_string()));
        }
    }
}
