//! Writing `.ics` files: the week plan leaves Fulcrum as VEVENTs any calendar can import.

use jiff::Timestamp;
use std::fmt::Write as _;

/// One event to write. Times are written in UTC, so no VTIMEZONE is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutEvent {
    /// Stable across exports, so importing the file again updates instead of duplicating.
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    pub categories: Vec<String>,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The moment the event's content was last set (DTSTAMP).
    pub stamp: Timestamp,
}

/// A whole VCALENDAR with the given events, CRLF line endings, long lines folded.
pub fn write_calendar(name: &str, events: &[OutEvent]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Fulcrum//Week plan//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(e.stamp)));
        line(&mut out, &format!("DTSTART:{}", utc(e.start)));
        line(&mut out, &format!("DTEND:{}", utc(e.end)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if let Some(d) = &e.description {
            line(&mut out, &format!("DESCRIPTION:{}", escape(d)));
        }
        if !e.categories.is_empty() {
            let cats: Vec<String> = e.categories.iter().map(|c| escape(c)).collect();
            line(&mut out, &format!("CATEGORIES:{}", cats.join(",")));
        }
        line(&mut out, "TRANSP:OPAQUE");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Calendar;

    #[test]
    fn written_events_parse_back_exactly() {
        let start: Timestamp = "2026-11-24T13:00:00Z".parse().unwrap();
        let end: Timestamp = "2026-11-24T14:30:00Z".parse().unwrap();
        let e = OutEvent {
            uid: "fulcrum-plan-2026-W48-7-1@fulcrum".into(),
            summary: "Write the RFC; then, review it — «long» ".repeat(4),
            description: Some("line one\nline two".into()),
            categories: vec!["build".into()],
            start,
            end,
            stamp: start,
        };
        let text = write_calendar("Plan, week 48", std::slice::from_ref(&e));
        assert!(text.lines().all(|l| l.len() <= 76), "{text}");
        let cal = Calendar::parse(&text).unwrap();
        assert!(cal.warnings().is_empty());
        let ev = &cal.events()[0];
        assert_eq!(ev.uid.as_deref(), Some(e.uid.as_str()));
        assert_eq!(ev.summary.as_deref(), Some(e.summary.as_str()));
        assert_eq!(ev.description.as_deref(), Some("line one\nline two"));
        let occ = cal.expand(start, end, &jiff::tz::TimeZone::UTC);
        assert_eq!(
            crate::tsv_line(&occ[0]),
            format!("{}\t2026-11-24T13:00:00Z\t2026-11-24T14:30:00Z", e.uid)
        );
    }
}
