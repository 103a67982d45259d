//! Reading a calendar's text into events, warnings and series.

use std::collections::HashMap;

use super::{Calendar, Series};
use crate::event::{CalendarContext, Event, EventBuilder};
use crate::parse::{
    Component, Field, ParseError, Prelude, Prop, Sink, Warning, WarningKind, parse_stream,
};
use crate::tz::ZoneResolver;
use crate::value::When;

/// Reads a calendar in one pass. Without a `prelude` the VTIMEZONEs and
/// X-WR-TIMEZONEs are taken as they come, and `None` says one came too late
/// (after a value or event it applies to); with one, they are known beforehand.
pub(super) fn read(text: &str, prelude: Option<Prelude>) -> Result<Option<Calendar>, ParseError> {
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
