//! VEVENT model and its construction from the component tree.

use std::borrow::Cow;

use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::parse::{Prop, decode_param, split_text_list, unescape_text};
use crate::rrule::{RRule, RuleError};
use crate::tz::ZoneResolver;
use crate::value::{
    DateValue, Duration, When, local_to_timestamp, parse_date, parse_datetime, parse_duration,
};

/// STATUS of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Definitely happening.
    Confirmed,
    /// Not yet confirmed.
    Tentative,
    /// Called off. Cancelled occurrences are still returned by expansion so
    /// callers can decide whether a cancelled slot counts as freed time.
    Cancelled,
    /// Any other value, upper-cased.
    Other(String),
}

/// TRANSP of an event: whether it blocks time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transparency {
    /// Blocks time (the default).
    Opaque,
    /// Does not block time ("free").
    Transparent,
}

/// One ATTENDEE line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Lower-cased address with any `mailto:` prefix removed.
    pub email: String,
    /// CN parameter (display name).
    pub cn: Option<String>,
    /// PARTSTAT parameter, upper-cased (ACCEPTED, DECLINED, ...). The values RFC
    /// 5545 names are shared static strings (a calendar holds tens of thousands
    /// of attendees); `as_deref()` reads any of them as `&str`.
    pub partstat: Option<Cow<'static, str>>,
    /// ROLE parameter, upper-cased (CHAIR, REQ-PARTICIPANT, ...).
    pub role: Option<Cow<'static, str>>,
    /// CUTYPE parameter, upper-cased (INDIVIDUAL, ROOM, ...).
    pub cutype: Option<Cow<'static, str>>,
}

/// One RDATE value.
#[derive(Debug, Clone)]
pub enum RDate {
    /// A start time (or date); the occurrence takes the event's duration.
    At(DateValue),
    /// A PERIOD: the occurrence has its own end.
    Period {
        /// Start of the added occurrence.
        start: DateValue,
        /// End of the added occurrence.
        end: DateValue,
    },
}

/// RECURRENCE-ID of an override.
#[derive(Debug, Clone)]
pub struct RecurrenceId {
    /// The original start of the instance being replaced.
    pub value: DateValue,
    /// `RANGE=THISANDFUTURE`: the change also applies to all later instances.
    pub this_and_future: bool,
}

/// A parsed VEVENT.
#[derive(Debug, Clone)]
pub struct Event {
    /// UID.
    pub uid: Option<String>,
    /// SUMMARY, unescaped.
    pub summary: Option<String>,
    /// DESCRIPTION, unescaped.
    pub description: Option<String>,
    /// LOCATION, unescaped.
    pub location: Option<String>,
    /// STATUS.
    pub status: Option<Status>,
    /// TRANSP.
    pub transp: Option<Transparency>,
    /// X-MICROSOFT-CDO-BUSYSTATUS, upper-cased (FREE, TENTATIVE, BUSY, OOF for out of
    /// office, WORKINGELSEWHERE): how Outlook and Exchange mark an absence.
    pub busy_status: Option<String>,
    /// ORGANIZER address, lower-cased, without `mailto:`.
    pub organizer: Option<String>,
    /// ATTENDEE lines.
    pub attendees: Vec<Attendee>,
    /// CATEGORIES, all lines and list items flattened.
    pub categories: Vec<String>,
    /// SEQUENCE (0 when absent).
    pub sequence: i64,
    /// DTSTART.
    pub start: DateValue,
    /// DTEND, if written.
    pub end: Option<DateValue>,
    /// DURATION, if written (and no DTEND).
    pub duration: Option<Duration>,
    /// RRULE lines (normally at most one).
    pub rrules: Vec<RRule>,
    /// RDATE values.
    pub rdates: Vec<RDate>,
    /// EXDATE values, all lines and list items flattened.
    pub exdates: Vec<DateValue>,
    /// RECURRENCE-ID, present on overrides of single instances.
    pub recurrence_id: Option<RecurrenceId>,
    /// 1-based line of `BEGIN:VEVENT`.
    pub line: usize,
}

impl Event {
    /// True when the event repeats (RRULE or RDATE present).
    pub fn is_recurring(&self) -> bool {
        !self.rrules.is_empty() || !self.rdates.is_empty()
    }

    /// True when STATUS is CANCELLED.
    pub fn is_cancelled(&self) -> bool {
        self.status == Some(Status::Cancelled)
    }

    /// End of an instance starting at `start`, following DTEND (same exact
    /// length as the first instance), DURATION (nominal days, exact time) or
    /// the RFC 5545 defaults (one day for dates, zero for date-times).
    pub(crate) fn end_for(&self, start: &Start) -> When {
        if let Some(end) = &self.end {
            return start.plus_length(&length_between(&self.start, end));
        }
        if let Some(d) = &self.duration {
            return start.plus_length(&Length::Nominal(*d));
        }
        if self.start.when.is_date() {
            start.plus_length(&Length::Nominal(Duration {
                days: 1,
                seconds: 0,
            }))
        } else {
            start.plus_length(&Length::Exact(SignedDuration::ZERO))
        }
    }
}

/// A length of time between an event's start and end.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Length {
    /// Exact elapsed time (or civil time for floating values).
    Exact(SignedDuration),
    /// Nominal days plus exact seconds.
    Nominal(Duration),
}

impl Length {
    /// A generous upper bound in seconds, used only to widen search windows.
    pub(crate) fn max_secs(&self) -> i64 {
        match self {
            Length::Exact(d) => d.as_secs().abs(),
            Length::Nominal(d) => d.days.abs() * 90_000 + d.seconds.abs(),
        }
    }
}

pub(crate) fn length_between(a: &DateValue, b: &DateValue) -> Length {
    match (a.when, b.when) {
        (When::Utc(x), When::Utc(y)) => Length::Exact(y.duration_since(x)),
        (When::Date(x), When::Date(y)) => Length::Nominal(Duration {
            days: y.duration_since(x).as_secs().div_euclid(86_400),
            seconds: 0,
        }),
        _ => Length::Exact(b.local.duration_since(a.local)),
    }
}

/// An instance start in the form needed to compute its end: the resolved
/// value plus the wall-clock time and zone it came from.
#[derive(Debug, Clone)]
pub(crate) struct Start {
    pub when: When,
    pub local: DateTime,
    pub zone: Option<TimeZone>,
}

impl Start {
    pub(crate) fn of(v: &DateValue) -> Start {
        Start {
            when: v.when,
            local: v.local,
            zone: v.zone.clone(),
        }
    }

    pub(crate) fn plus_length(&self, len: &Length) -> When {
        match (self.when, len) {
            (When::Utc(ts), Length::Exact(d)) => When::Utc(ts.checked_add(*d).unwrap_or(ts)),
            (When::Utc(ts), Length::Nominal(d)) => {
                let zone = self.zone.clone().unwrap_or(TimeZone::UTC);
                let day_shifted = if d.days == 0 {
                    ts
                } else {
                    let local = self
                        .local
                        .checked_add(SignedDuration::from_hours(d.days * 24))
                        .unwrap_or(self.local);
                    local_to_timestamp(&zone, local)
                };
                When::Utc(day_shifted.checked_add(d.exact()).unwrap_or(day_shifted))
            }
            (When::Floating(dt), Length::Exact(d)) => {
                When::Floating(dt.checked_add(*d).unwrap_or(dt))
            }
            (When::Floating(dt), Length::Nominal(d)) => When::Floating(
                dt.checked_add(SignedDuration::from_secs(d.days * 86_400 + d.seconds))
                    .unwrap_or(dt),
            ),
            (When::Date(date), len) => {
                let secs = match len {
                    Length::Exact(d) => d.as_secs(),
                    Length::Nominal(d) => d.days * 86_400 + d.seconds,
                };
                let days = secs.div_euclid(86_400);
                When::Date(
                    date.checked_add(SignedDuration::from_hours(days * 24))
                        .unwrap_or(date),
                )
            }
        }
    }
}

/// Why a component was skipped.
pub(crate) struct Skip {
    pub line: usize,
    pub message: String,
}

fn skip(p: &Prop, message: impl Into<String>) -> Skip {
    Skip {
        line: p.line,
        message: format!("{}: {}", p.upper_name(), message.into()),
    }
}

/// What applies to every event of one VCALENDAR.
#[derive(Debug, Clone, Default)]
pub(crate) struct CalendarContext {
    /// The zone named by the calendar's `X-WR-TIMEZONE` (Google, Apple): floating
    /// and UTC date-times of its events are read in it, as python's
    /// `x-wr-timezone` (which `recurring-ical-events` applies) reads them.
    pub default_zone: Option<TimeZone>,
}

/// Parses one date or date-time value honouring VALUE and TZID, and the
/// calendar's `X-WR-TIMEZONE` for values without a TZID.
pub(crate) fn date_value(
    p: &Prop,
    raw: &str,
    zones: &mut ZoneResolver,
    ctx: &CalendarContext,
) -> Result<DateValue, Skip> {
    let v = written_date_value(p, raw, zones)?;
    let Some(zone) = &ctx.default_zone else {
        return Ok(v);
    };
    Ok(match v.when {
        When::Floating(dt) => DateValue::zoned(dt, zone.clone(), None),
        // The same instant, but its series now repeats on the zone's wall clock.
        When::Utc(ts) if v.tzid.is_none() => DateValue {
            when: v.when,
            tzid: None,
            local: zone.to_datetime(ts),
            zone: Some(zone.clone()),
        },
        _ => v,
    })
}

/// Parses one date or date-time value honouring VALUE and TZID.
fn written_date_value(p: &Prop, raw: &str, zones: &mut ZoneResolver) -> Result<DateValue, Skip> {
    let raw = raw.trim();
    let is_date = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (raw.len() == 8 && !raw.contains('T'));
    if is_date {
        return parse_date(raw)
            .map(DateValue::date)
            .ok_or_else(|| skip(p, format!("cannot read date {raw:?}")));
    }
    let Some((dt, utc)) = parse_datetime(raw) else {
        return Err(skip(p, format!("cannot read date-time {raw:?}")));
    };
    if utc {
        return Ok(DateValue::zoned(dt, TimeZone::UTC, None));
    }
    match p.param("TZID") {
        Some(tzid) => match zones.resolve(&tzid) {
            Some((zone, name)) => Ok(DateValue::zoned(dt, zone, Some(name))),
            None => Err(skip(
                p,
                format!("unknown time zone {tzid:?} (not IANA, not Windows, no VTIMEZONE)"),
            )),
        },
        None => Ok(DateValue::floating(dt)),
    }
}

/// Adds a duration to a value, keeping its zone.
pub(crate) fn add_duration(v: &DateValue, d: Duration) -> DateValue {
    let when = Start::of(v).plus_length(&Length::Nominal(d));
    match when {
        When::Utc(ts) => {
            let zone = v.zone.clone().unwrap_or(TimeZone::UTC);
            DateValue {
                when,
                tzid: v.tzid.clone(),
                local: zone.to_datetime(ts),
                zone: Some(zone),
            }
        }
        When::Floating(dt) => DateValue::floating(dt),
        When::Date(date) => DateValue::date(date),
    }
}

fn email(value: &str) -> String {
    let v = value.trim();
    let v = if v.len() >= 7 && v.is_char_boundary(7) && v[..7].eq_ignore_ascii_case("mailto:") {
        &v[7..]
    } else {
        v
    };
    v.to_lowercase()
}

/// Values of PARTSTAT, ROLE and CUTYPE that RFC 5545 defines.
const PARAM_WORDS: &[&str] = &[
    "ACCEPTED",
    "DECLINED",
    "TENTATIVE",
    "NEEDS-ACTION",
    "DELEGATED",
    "COMPLETED",
    "IN-PROCESS",
    "CHAIR",
    "REQ-PARTICIPANT",
    "OPT-PARTICIPANT",
    "NON-PARTICIPANT",
    "INDIVIDUAL",
    "GROUP",
    "RESOURCE",
    "ROOM",
    "UNKNOWN",
];

/// A parameter value upper-cased: one of [`PARAM_WORDS`] shared, anything else owned.
fn word(v: &str) -> Cow<'static, str> {
    match PARAM_WORDS.iter().find(|w| w.eq_ignore_ascii_case(v)) {
        Some(w) => Cow::Borrowed(*w),
        None => Cow::Owned(v.to_ascii_uppercase()),
    }
}

fn midnight(d: Date) -> DateTime {
    d.to_datetime(Time::midnight())
}

/// Builds an [`Event`] from the properties of one VEVENT as the parser meets
/// them, or finds why it is skipped. Only what an [`Event`] holds is copied.
pub(crate) struct EventBuilder {
    /// Line of `BEGIN:VEVENT`.
    line: usize,
    /// Why the event is skipped: the first property that could not be read.
    skipped: Option<Skip>,
    /// The first UID (names a skipped event in its warning).
    first_uid: Option<String>,
    /// (line, message) for each line ignored while the event is kept.
    notes: Vec<(usize, String)>,
    uid: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    location: Option<String>,
    status: Option<Status>,
    transp: Option<Transparency>,
    busy_status: Option<String>,
    organizer: Option<String>,
    attendees: Vec<Attendee>,
    categories: Vec<String>,
    sequence: i64,
    start: Option<DateValue>,
    end: Option<DateValue>,
    duration: Option<Duration>,
    rrules: Vec<RRule>,
    rdates: Vec<RDate>,
    exdates: Vec<DateValue>,
    recurrence_id: Option<RecurrenceId>,
}

/// A property name in upper case without allocating: names longer than any
/// property an event uses are left empty.
fn upper_name<'b>(name: &str, buf: &'b mut [u8; 28]) -> &'b str {
    if name.len() > buf.len() {
        return "";
    }
    let out = &mut buf[..name.len()];
    out.copy_from_slice(name.as_bytes());
    out.make_ascii_uppercase();
    // Property names are ASCII letters, digits and '-' (checked by the parser).
    std::str::from_utf8(out).unwrap_or("")
}

impl EventBuilder {
    pub(crate) fn new(line: usize) -> EventBuilder {
        EventBuilder {
            line,
            skipped: None,
            first_uid: None,
            notes: Vec::new(),
            uid: None,
            summary: None,
            description: None,
            location: None,
            status: None,
            transp: None,
            busy_status: None,
            organizer: None,
            attendees: Vec::new(),
            categories: Vec::new(),
            sequence: 0,
            start: None,
            end: None,
            duration: None,
            rrules: Vec::new(),
            rdates: Vec::new(),
            exdates: Vec::new(),
            recurrence_id: None,
        }
    }

    /// Line of `BEGIN:VEVENT`.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Reads one property of the VEVENT (not of its VALARMs).
    pub(crate) fn prop(&mut self, p: &Prop<'_>, zones: &mut ZoneResolver, ctx: &CalendarContext) {
        let mut buf = [0u8; 28];
        let name = upper_name(p.name, &mut buf);
        if name == "UID" {
            let uid = p.value.trim();
            if self.first_uid.is_none() {
                self.first_uid = Some(uid.to_string());
            }
            if self.skipped.is_none() {
                self.uid = Some(uid.to_string());
            }
            return;
        }
        if self.skipped.is_some() {
            return;
        }
        if let Err(s) = self.read(name, p, zones, ctx) {
            self.skipped = Some(s);
        }
    }

    fn read(
        &mut self,
        name: &str,
        p: &Prop<'_>,
        zones: &mut ZoneResolver,
        ctx: &CalendarContext,
    ) -> Result<(), Skip> {
        match name {
            "SUMMARY" => self.summary = Some(unescape_text(p.value)),
            "DESCRIPTION" => self.description = Some(unescape_text(p.value)),
            "LOCATION" => self.location = Some(unescape_text(p.value)),
            "STATUS" => {
                let v = p.value.trim();
                self.status = Some(if v.eq_ignore_ascii_case("CONFIRMED") {
                    Status::Confirmed
                } else if v.eq_ignore_ascii_case("TENTATIVE") {
                    Status::Tentative
                } else if v.eq_ignore_ascii_case("CANCELLED") {
                    Status::Cancelled
                } else {
                    Status::Other(v.to_ascii_uppercase())
                })
            }
            "TRANSP" => {
                self.transp = Some(if p.value.trim().eq_ignore_ascii_case("TRANSPARENT") {
                    Transparency::Transparent
                } else {
                    Transparency::Opaque
                })
            }
            "X-MICROSOFT-CDO-BUSYSTATUS" => {
                self.busy_status = Some(p.value.trim().to_ascii_uppercase());
            }
            "ORGANIZER" => self.organizer = Some(email(p.value)),
            "ATTENDEE" => {
                // One scan over the parameters; the first of each name counts.
                let mut a = Attendee {
                    email: email(p.value),
                    cn: None,
                    partstat: None,
                    role: None,
                    cutype: None,
                };
                for (name, value) in p.params() {
                    let slot = if name.eq_ignore_ascii_case("CN") {
                        if a.cn.is_none() {
                            a.cn = Some(decode_param(value).into_owned());
                        }
                        continue;
                    } else if name.eq_ignore_ascii_case("PARTSTAT") {
                        &mut a.partstat
                    } else if name.eq_ignore_ascii_case("ROLE") {
                        &mut a.role
                    } else if name.eq_ignore_ascii_case("CUTYPE") {
                        &mut a.cutype
                    } else {
                        continue;
                    };
                    if slot.is_none() {
                        *slot = Some(word(&decode_param(value)));
                    }
                }
                self.attendees.push(a);
            }
            "CATEGORIES" => self.categories.extend(
                split_text_list(p.value)
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            ),
            "SEQUENCE" => self.sequence = p.value.trim().parse().unwrap_or(0),
            "DTSTART" => self.start = Some(date_value(p, p.value, zones, ctx)?),
            "DTEND" => self.end = Some(date_value(p, p.value, zones, ctx)?),
            "DURATION" => {
                self.duration = Some(
                    parse_duration(p.value)
                        .ok_or_else(|| skip(p, format!("cannot read duration {:?}", p.value)))?,
                )
            }
            "RRULE" => match RRule::parse_checked(p.value) {
                Ok(rule) => self.rrules.push(rule),
                // A rule that defines no recurrence (no FREQ, COUNT=0) costs the
                // event its repetition, not its first occurrence.
                Err(RuleError::Unusable(why, rule)) => {
                    self.notes.push((
                        p.line,
                        format!("RRULE ignored ({why}); the event keeps its DTSTART"),
                    ));
                    // COUNT=0 stays as a rule without instances: the event is still
                    // recurring (EXDATE applies to DTSTART) and later rules keep
                    // their places.
                    self.rrules.extend(rule.map(|r| *r));
                }
                Err(RuleError::Invalid(m)) => return Err(skip(p, m)),
            },
            "EXDATE" => {
                for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                    self.exdates.push(date_value(p, v, zones, ctx)?);
                }
            }
            "RDATE" => {
                let period = p
                    .param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
                for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                    if period || v.contains('/') {
                        let Some((a, b)) = v.split_once('/') else {
                            return Err(skip(p, format!("cannot read period {v:?}")));
                        };
                        let s = date_value(p, a, zones, ctx)?;
                        let e = if b.trim_start().starts_with(['P', 'p', '+', '-']) {
                            let d = parse_duration(b)
                                .ok_or_else(|| skip(p, format!("cannot read period {v:?}")))?;
                            add_duration(&s, d)
                        } else {
                            date_value(p, b, zones, ctx)?
                        };
                        self.rdates.push(RDate::Period { start: s, end: e });
                    } else {
                        self.rdates.push(RDate::At(date_value(p, v, zones, ctx)?));
                    }
                }
            }
            "RECURRENCE-ID" => {
                self.recurrence_id = Some(RecurrenceId {
                    value: date_value(p, p.value, zones, ctx)?,
                    this_and_future: p
                        .param("RANGE")
                        .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")),
                })
            }
            _ => {}
        }
        Ok(())
    }

    /// The event, with the lines it ignored as (line, message); or why it is
    /// skipped, with its first UID.
    #[allow(clippy::type_complexity)]
    pub(crate) fn finish(
        mut self,
    ) -> Result<(Event, Vec<(usize, String)>), (Skip, Option<String>)> {
        if let Some(s) = self.skipped {
            return Err((s, self.first_uid));
        }
        // The event lives as long as the calendar: no room kept for more.
        self.attendees.shrink_to_fit();
        self.exdates.shrink_to_fit();
        self.rdates.shrink_to_fit();
        self.categories.shrink_to_fit();
        let Some(start) = self.start else {
            return Err((
                Skip {
                    line: self.line,
                    message: "VEVENT has no DTSTART".into(),
                },
                self.first_uid,
            ));
        };
        // Mixed DATE / DATE-TIME pairs are malformed; coerce the end to the
        // start's kind rather than drop a real meeting.
        let end = self.end.map(|e| match (start.when, e.when) {
            (When::Date(_), When::Utc(_) | When::Floating(_)) => DateValue::date(e.local.date()),
            (When::Utc(_) | When::Floating(_), When::Date(d)) => match &start.zone {
                Some(z) => DateValue::zoned(midnight(d), z.clone(), start.tzid.clone()),
                None => DateValue::floating(midnight(d)),
            },
            _ => e,
        });
        let duration = if end.is_some() { None } else { self.duration };
        // An end before the start (a DTEND earlier than DTSTART, a negative DURATION)
        // has its two ends swapped, as recurring-ical-events does: the event spans
        // the same time, and its series repeats from the earlier one.
        let (start, end, duration) = match (end, duration) {
            (Some(e), _)
                if e.when.to_timestamp(&TimeZone::UTC)
                    < start.when.to_timestamp(&TimeZone::UTC) =>
            {
                (e, Some(start), None)
            }
            (None, Some(d)) if d.days < 0 || d.seconds < 0 => {
                (add_duration(&start, d), Some(start), None)
            }
            other => (start, other.0, other.1),
        };
        Ok((
            Event {
                uid: self.uid,
                summary: self.summary,
                description: self.description,
                location: self.location,
                status: self.status,
                transp: self.transp,
                busy_status: self.busy_status,
                organizer: self.organizer,
                attendees: self.attendees,
                categories: self.categories,
                sequence: self.sequence,
                start,
                end,
                duration,
                rrules: self.rrules,
                rdates: self.rdates,
                exdates: self.exdates,
                recurrence_id: self.recurrence_id,
                line: self.line,
            },
            self.notes,
        ))
    }
}
