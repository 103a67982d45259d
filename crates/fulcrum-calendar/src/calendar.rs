//! The parsed calendar and window expansion.

mod instance;
mod read;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::event::{Event, RDate, Start, length_between};
use crate::parse::{ParseError, Warning, WarningKind, prelude};
use crate::rrule::RuleIter;
use crate::value::When;
pub use instance::grouped;
use instance::{
    Inst, Kind, Point, Shift, excluder, length_of, master_length, occurrence, occurrences,
    past_until, sort_occurrences,
};
use read::read;

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

/// Cuts what one series appended to `out` from `start` on to its `keep` earliest
/// occurrences; whether any were cut. Overrides are placed before the instances and may
/// move anywhere in time, so the earliest are found by sorting what was collected.
fn keep_earliest(
    out: &mut Vec<Occurrence<'_>>,
    start: usize,
    keep: usize,
    floating: &TimeZone,
) -> bool {
    let mine = &mut out[start..];
    if mine.len() <= keep {
        return false;
    }
    mine.sort_by_key(|o| o.start.to_timestamp(floating));
    out.truncate(start + keep);
    true
}

/// The window being expanded: `[from, to)`, with floating and all-day values
/// read in `floating`.
#[derive(Debug, Clone, Copy)]
struct Window<'z> {
    from: Timestamp,
    to: Timestamp,
    floating: &'z TimeZone,
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
            let window = Window { from, to, floating };
            let mut r = SeriesOutcome::default();
            self.collect_series(s, window, budget, &mut out, &mut r);
            r.more |= keep_earliest(&mut out, before, budget.occurrences, floating);
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

    /// Appends the series' occurrences overlapping `[from, to)` to `out`, spending at most
    /// `budget.work` on its rules (`keep_earliest` then cuts them to `budget.occurrences`).
    fn collect_series<'a>(
        &'a self,
        s: &Series,
        window: Window<'_>,
        budget: Budget,
        out: &mut Vec<Occurrence<'a>>,
        outcome: &mut SeriesOutcome,
    ) {
        let Window { from, to, floating } = window;
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

#[cfg(test)]
mod tests;
