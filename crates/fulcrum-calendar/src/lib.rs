//! RFC 5545 iCalendar parsing and recurrence expansion for Fulcrum.
//!
//! Fulcrum measures where an engineering lead's time goes by reading their
//! calendar exports. This crate turns an `.ics` file into [`Event`]s and
//! expands recurring series into concrete [`Occurrence`]s over a window:
//!
//! ```
//! use fulcrum_calendar::{Calendar, tsv_line};
//! let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1on1\r\n\
//!            DTSTART;TZID=Europe/Berlin:20240108T100000\r\n\
//!            DTEND;TZID=Europe/Berlin:20240108T103000\r\n\
//!            RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let cal = Calendar::parse(ics).unwrap();
//! let from: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().unwrap();
//! let to: jiff::Timestamp = "2024-01-16T00:00:00Z".parse().unwrap();
//! let occ = cal.expand(from, to, &jiff::tz::TimeZone::UTC);
//! assert_eq!(tsv_line(&occ[0]), "1on1\t2024-01-08T09:00:00Z\t2024-01-08T09:30:00Z");
//! assert_eq!(occ.len(), 2);
//! ```
//!
//! Parsing is lenient per component and strict per file: a broken file is a
//! [`ParseError`] with a line number, while a single event that cannot be
//! understood is skipped with a [`Warning`] so the rest of the week still
//! counts.

mod calendar;
mod event;
mod parse;
pub mod rrule;
mod tz;
mod value;
mod windows_zones;
mod write;

pub use calendar::{
    Calendar, Expansion, Limits, MAX_OCCURRENCES_PER_EVENT, MAX_OCCURRENCES_TOTAL,
    MAX_WORK_PER_EVENT, MAX_WORK_TOTAL, Occurrence, grouped, tsv_line,
};
pub use event::{Attendee, Event, RDate, RecurrenceId, Status, Transparency};
pub use parse::{ParseError, Warning, WarningKind};
pub use tz::{known_zone, windows_to_iana};
pub use value::{DateValue, Duration, When};
pub use write::{OutEvent, write_calendar};
