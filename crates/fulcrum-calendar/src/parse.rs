//! Lexical layer: unfolding, content lines, and the BEGIN/END structure.
//!
//! Nothing here knows what a VEVENT means. [`parse_stream`] walks the file once
//! and hands every property, as slices of the input, to a [`Sink`] together
//! with the line it started on, so every later diagnostic can point the user at
//! the right place in the file. No tree is built and no line is copied: a
//! folded line is unfolded into one reused buffer, and a property's parameters
//! are only decoded when someone asks for one. What a caller keeps, it copies.

use std::borrow::Cow;
use std::fmt;

/// A fatal problem with the file as a whole.
///
/// Only structural damage is fatal (not iCalendar at all, truncated, or
/// mis-nested); anything local to one component becomes a [`Warning`]
/// instead, so one odd meeting never hides a whole calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based physical line number where the problem was found.
    pub line: usize,
    /// Human-readable description.
    pub message: String,
}

/// A non-fatal problem: the named component was skipped or a value ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based physical line number of the offending property or component.
    pub line: usize,
    /// UID of the component concerned, when it had one.
    pub uid: Option<String>,
    /// What was lost, so callers can count skipped events apart from ignored lines
    /// without reading the message.
    pub kind: WarningKind,
    /// Human-readable description.
    pub message: String,
}

/// What a [`Warning`] cost the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// A whole VEVENT was left out: none of its occurrences count.
    EventSkipped,
    /// One unreadable line (a property) was dropped; its component was kept.
    PropertyIgnored,
    /// An event's recurrence was cut short by an expansion limit
    /// ([`crate::Limits`]): its later occurrences in the window are missing.
    Truncated,
    /// These events (the warning's and the ones after it in the file) were not
    /// expanded at all because the whole calendar reached an expansion limit.
    NotExpanded {
        /// How many events (series) were left out.
        events: usize,
    },
    /// A recurrence rule can never produce an instance; only DTSTART (and any
    /// RDATEs) of its event count.
    NeverOccurs,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.uid {
            Some(uid) => write!(f, "line {} (UID {}): {}", self.line, uid, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// One property after unfolding, `NAME;PARAM=VALUE:value`, borrowed from the
/// file (or from the buffer a folded line was unfolded into).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prop<'a> {
    /// The name as written; compare with [`Prop::is`].
    pub name: &'a str,
    /// The parameters as written (each starting with `;`), already checked.
    params: &'a str,
    /// Raw value (escapes still present).
    pub value: &'a str,
    pub line: usize,
}

impl<'a> Prop<'a> {
    /// True when the property is called `upper` (given in upper case).
    pub fn is(&self, upper: &str) -> bool {
        self.name.eq_ignore_ascii_case(upper)
    }

    /// The name in upper case, for messages.
    pub fn upper_name(&self) -> String {
        self.name.to_ascii_uppercase()
    }

    /// First value of the first parameter called `name` (case-insensitive),
    /// unquoted and with RFC 6868 caret escapes decoded.
    pub fn param(&self, name: &str) -> Option<Cow<'a, str>> {
        self.params()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| caret_decode(v))
    }

    /// Each parameter's name and first value (unquoted, caret escapes still
    /// there: see [`decode_param`]), in order.
    pub fn params(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let mut rest = self.params;
        std::iter::from_fn(move || {
            let after = rest.strip_prefix(';')?;
            let eq = after.find('=')?;
            let (pname, values) = (&after[..eq], &after[eq + 1..]);
            let (first, end) = first_value(values);
            rest = skip_values(values, end);
            Some((pname, first))
        })
    }
}

/// The first value of a checked parameter's value list and where it ends.
fn first_value(values: &str) -> (&str, usize) {
    if let Some(q) = values.strip_prefix('"') {
        let end = q.find('"').unwrap_or(q.len());
        (&q[..end], (end + 2).min(values.len()))
    } else {
        let end = values
            .bytes()
            .position(|b| b == b';' || b == b',')
            .unwrap_or(values.len());
        (&values[..end], end)
    }
}

/// What follows a checked parameter's value list: the next `;...`, or nothing.
fn skip_values(values: &str, mut at: usize) -> &str {
    while values[at..].starts_with(',') {
        let (_, end) = first_value(&values[at + 1..]);
        at += 1 + end;
    }
    &values[at..]
}

/// A BEGIN/END block with its properties and nested blocks, owned. Only what
/// needs the whole block at once (VTIMEZONE definitions) is kept this way.
#[derive(Debug, Clone, Default)]
pub(crate) struct Component {
    /// Upper-cased component name.
    pub name: String,
    pub props: Vec<Field>,
    pub children: Vec<Component>,
}

/// A property of a [`Component`]: name (upper case) and raw value.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub value: String,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Field> {
        self.props.iter().find(|p| p.name == name)
    }
    pub fn props_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Field> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// One logical line: its first physical line and, when folded, the physical
/// lines after it up to its last continuation (blank lines in between, which
/// are skipped, included).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Logical<'a> {
    pub lineno: usize,
    pub first: &'a str,
    /// The continuation lines (with their newlines), empty when not folded.
    rest: &'a str,
}

impl<'a> Logical<'a> {
    pub fn is_folded(&self) -> bool {
        !self.rest.is_empty()
    }

    /// The unfolded text: the line itself when it is not folded, else `buf`
    /// filled with it.
    pub fn text<'b>(&self, buf: &'b mut String) -> &'b str
    where
        'a: 'b,
    {
        if !self.is_folded() {
            return self.first;
        }
        buf.clear();
        buf.push_str(self.first);
        for seg in self.rest.split('\n') {
            let seg = seg.strip_suffix('\r').unwrap_or(seg);
            if let Some(more) = seg.strip_prefix([' ', '\t']) {
                buf.push_str(more);
            }
        }
        buf
    }
}

/// Logical lines of a text, skipping blank ones: a line starting with a space
/// or tab continues the line before it (RFC 5545 3.1), even across blank lines.
pub(crate) struct Lines<'a> {
    text: &'a str,
    pos: usize,
    /// Number of the next physical line.
    lineno: usize,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines {
            text,
            pos: 0,
            lineno: 1,
        }
    }

    /// The physical line at `pos` (without its newline and `\r`) and where the
    /// next one starts.
    fn physical(&self, pos: usize) -> (&'a str, usize) {
        let rest = &self.text[pos..];
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], pos + i + 1),
            None => (rest, self.text.len()),
        };
        (line.strip_suffix('\r').unwrap_or(line), next)
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Logical<'a>;

    fn next(&mut self) -> Option<Logical<'a>> {
        let (first, lineno) = loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let (line, next) = self.physical(self.pos);
            let lineno = self.lineno;
            self.pos = next;
            self.lineno += 1;
            if !line.trim().is_empty() {
                break (line, lineno);
            }
        };
        // Continuations (and blank lines between them) belong to this line. Most
        // lines are neither, which their first byte tells.
        let rest_start = self.pos;
        let mut rest_end = self.pos;
        let (mut pos, mut n) = (self.pos, self.lineno);
        let bytes = self.text.as_bytes();
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii_alphanumeric() {
                break;
            }
            let (line, next) = self.physical(pos);
            if line.starts_with([' ', '\t']) {
                rest_end = next;
                self.pos = next;
                self.lineno = n + 1;
            } else if !line.trim().is_empty() {
                break;
            }
            pos = next;
            n += 1;
        }
        Some(Logical {
            lineno,
            first,
            rest: &self.text[rest_start..rest_end.max(rest_start)],
        })
    }
}

/// Decodes RFC 6868 caret escapes in a parameter value from [`Prop::params`].
pub(crate) fn decode_param(s: &str) -> Cow<'_, str> {
    caret_decode(s)
}

/// Decodes RFC 6868 caret escapes in a parameter value.
fn caret_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('^') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Splits one logical line into name, parameters and value.
pub(crate) fn content_line(line: &str, lineno: usize) -> Result<Prop<'_>, String> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == 0 {
        return Err(format!("expected a property name in {:?}", clip(line)));
    }
    let name_end = i;
    loop {
        match bytes.get(i) {
            Some(b':') => break,
            Some(b';') => {
                i += 1;
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                    i += 1;
                }
                if i == start || bytes.get(i) != Some(&b'=') {
                    return Err(format!("malformed parameter in {:?}", clip(line)));
                }
                i += 1;
                loop {
                    if bytes.get(i) == Some(&b'"') {
                        let vstart = i + 1;
                        let Some(end) = line[vstart..].find('"') else {
                            return Err(format!(
                                "unterminated quoted parameter in {:?}",
                                clip(line)
                            ));
                        };
                        i = vstart + end + 1;
                    } else {
                        while i < bytes.len() && !matches!(bytes[i], b';' | b':' | b',') {
                            i += 1;
                        }
                    }
                    if bytes.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            _ => {
                return Err(format!(
                    "expected ':' after property name in {:?}",
                    clip(line)
                ));
            }
        }
    }
    Ok(Prop {
        name: &line[..name_end],
        params: &line[name_end..i],
        value: &line[i + 1..],
        line: lineno,
    })
}

/// Shortens a line for inclusion in a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// What [`parse_stream`] reports, in file order. `depth` counts the open
/// components including the one concerned: a VCALENDAR is at depth 1, its
/// VEVENTs at 2, their VALARMs at 3; a property is at the depth of the
/// component it belongs to.
pub(crate) trait Sink {
    /// `BEGIN:name` (name as written, trimmed).
    fn begin(&mut self, depth: usize, name: &str, line: usize);
    /// The matching `END`.
    fn end(&mut self, depth: usize, name: &str, line: usize);
    /// Any other property.
    fn prop(&mut self, depth: usize, prop: &Prop<'_>);
}

/// An open component: its name as written (or unfolded) and BEGIN line.
struct Open<'a> {
    name: Cow<'a, str>,
    line: usize,
}

/// Walks iCalendar text once, checking its structure and reporting every
/// component and property to `sink`.
///
/// Malformed individual lines are reported through `warn` and dropped; only
/// structural errors abort.
pub(crate) fn parse_stream(
    text: &str,
    warn: &mut Vec<Warning>,
    sink: &mut impl Sink,
) -> Result<(), ParseError> {
    let mut lines = Lines::new(text);
    let mut buf = String::new();
    let Some(head) = lines.next() else {
        return Err(ParseError {
            line: 1,
            message: "not an iCalendar file: it is empty".into(),
        });
    };
    let first_ok = content_line(head.text(&mut buf), head.lineno)
        .map(|p| p.is("BEGIN") && p.value.trim().eq_ignore_ascii_case("VCALENDAR"))
        .unwrap_or(false);
    if !first_ok {
        return Err(ParseError {
            line: head.lineno,
            message: "not an iCalendar file: expected BEGIN:VCALENDAR".into(),
        });
    }
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut last_line = head.lineno;
    for logical in std::iter::once(head).chain(lines) {
        let lineno = logical.lineno;
        last_line = lineno;
        let folded = logical.is_folded();
        let line = logical.text(&mut buf);
        let prop = match content_line(line, lineno) {
            Ok(p) => p,
            Err(msg) => {
                if stack.is_empty() {
                    return Err(ParseError {
                        line: lineno,
                        message: format!("unexpected text after END:VCALENDAR: {msg}"),
                    });
                }
                warn.push(Warning {
                    line: lineno,
                    uid: None,
                    kind: WarningKind::PropertyIgnored,
                    message: format!("ignored unreadable line: {msg}"),
                });
                continue;
            }
        };
        if prop.is("BEGIN") {
            let name = prop.value.trim();
            if name.is_empty() {
                return Err(ParseError {
                    line: lineno,
                    message: "BEGIN without a component name".into(),
                });
            }
            if stack.is_empty() && !name.eq_ignore_ascii_case("VCALENDAR") {
                return Err(ParseError {
                    line: lineno,
                    message: format!("BEGIN:{} outside of a VCALENDAR", name.to_ascii_uppercase()),
                });
            }
            sink.begin(stack.len() + 1, name, lineno);
            let name = if folded {
                Cow::Owned(name.to_string())
            } else {
                Cow::Borrowed(&logical.first[logical.first.len() - prop.value.len()..])
            };
            stack.push(Open {
                name: match name {
                    Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
                    owned => owned,
                },
                line: lineno,
            });
        } else if prop.is("END") {
            let name = prop.value.trim();
            let Some(open) = stack.pop() else {
                return Err(ParseError {
                    line: lineno,
                    message: format!("END:{} without a matching BEGIN", name.to_ascii_uppercase()),
                });
            };
            if !open.name.eq_ignore_ascii_case(name) {
                return Err(ParseError {
                    line: lineno,
                    message: format!(
                        "END:{} does not match BEGIN:{} at line {}",
                        name.to_ascii_uppercase(),
                        open.name.to_ascii_uppercase(),
                        open.line
                    ),
                });
            }
            sink.end(stack.len() + 1, name, lineno);
        } else {
            if stack.is_empty() {
                return Err(ParseError {
                    line: lineno,
                    message: format!("property {} outside of a VCALENDAR", prop.upper_name()),
                });
            }
            sink.prop(stack.len(), &prop);
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError {
            line: last_line,
            message: format!(
                "file is truncated: BEGIN:{} at line {} has no END",
                open.name.to_ascii_uppercase(),
                open.line
            ),
        });
    }
    Ok(())
}

/// What a calendar says outside its events, found in a quick first pass so the
/// events can be read in one go afterwards: VTIMEZONE definitions and each
/// VCALENDAR's `X-WR-TIMEZONE` may come after the events that use them.
#[derive(Debug, Default)]
pub(crate) struct Prelude {
    /// The VTIMEZONEs directly inside a VCALENDAR, in file order.
    pub vtimezones: Vec<Component>,
    /// For each VCALENDAR in file order, its first `X-WR-TIMEZONE` (value, line).
    pub x_wr_timezones: Vec<Option<(String, usize)>>,
    /// How many VEVENTs the VCALENDARs hold (so their list is allocated once).
    pub events: usize,
}

/// Finds the [`Prelude`]. Only BEGIN/END lines, X- lines of a VCALENDAR and
/// the lines inside a VTIMEZONE are read; structure errors are left to
/// [`parse_stream`], which reads the same lines the same way.
pub(crate) fn prelude(text: &str) -> Prelude {
    let mut out = Prelude::default();
    let mut depth = 0usize;
    // Open components inside the VTIMEZONE being read (it first).
    let mut tz: Vec<Component> = Vec::new();
    let mut buf = String::new();
    for logical in Lines::new(text) {
        let b0 = logical.first.as_bytes()[0].to_ascii_uppercase();
        if tz.is_empty() && !(matches!(b0, b'B' | b'E') || (b0 == b'X' && depth == 1)) {
            continue;
        }
        let Ok(p) = content_line(logical.text(&mut buf), logical.lineno) else {
            continue;
        };
        if p.is("BEGIN") {
            depth += 1;
            let name = p.value.trim();
            if depth == 1 {
                out.x_wr_timezones.push(None);
            }
            if depth == 2 && name.eq_ignore_ascii_case("VEVENT") {
                out.events += 1;
            }
            if !tz.is_empty() || (depth == 2 && name.eq_ignore_ascii_case("VTIMEZONE")) {
                tz.push(Component {
                    name: name.to_ascii_uppercase(),
                    ..Component::default()
                });
            }
        } else if p.is("END") {
            depth = depth.saturating_sub(1);
            if let Some(done) = tz.pop() {
                match tz.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => out.vtimezones.push(done),
                }
            }
        } else if let Some(open) = tz.last_mut() {
            open.props.push(Field {
                name: p.upper_name(),
                value: p.value.to_string(),
            });
        } else if depth == 1
            && p.is("X-WR-TIMEZONE")
            && let Some(slot @ None) = out.x_wr_timezones.last_mut()
        {
            *slot = Some((p.value.to_string(), p.line));
        }
    }
    out
}

/// Undoes TEXT escaping (`\n`, `\N`, `\,`, `\;`, `\\`).
pub(crate) fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let mut after = rest[i + 1..].chars();
        match after.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
        rest = after.as_str();
    }
    out.push_str(rest);
    out
}

/// Splits a TEXT list on unescaped commas, unescaping each item.
pub(crate) fn split_text_list(s: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            cur.push('\\');
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(unescape_text(&cur));
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if escaped {
        cur.push('\\');
    }
    items.push(unescape_text(&cur));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what the stream reports, as text.
    #[derive(Default)]
    struct Record(Vec<String>);
    impl Sink for Record {
        fn begin(&mut self, depth: usize, name: &str, line: usize) {
            self.0.push(format!("{line}: begin {name} at {depth}"));
        }
        fn end(&mut self, depth: usize, name: &str, line: usize) {
            self.0.push(format!("{line}: end {name} at {depth}"));
        }
        fn prop(&mut self, depth: usize, p: &Prop<'_>) {
            self.0
                .push(format!("{}: {}={:?} at {depth}", p.line, p.name, p.value));
        }
    }

    #[test]
    fn unfolds_and_numbers_lines() {
        let text =
            "BEGIN:VCALENDAR\r\nX-A:one\r\n  two\r\n\r\n\tthree\r\nX-B:b\r\nEND:VCALENDAR\r\n";
        let mut r = Record::default();
        parse_stream(text, &mut Vec::new(), &mut r).unwrap();
        assert_eq!(
            r.0,
            vec![
                "1: begin VCALENDAR at 1",
                "2: X-A=\"one twothree\" at 1",
                "6: X-B=\"b\" at 1",
                "7: end VCALENDAR at 1",
            ]
        );
    }

    #[test]
    fn params_with_quotes_and_lists() {
        let p = content_line(
            r#"attendee;CN="Doe, Jane";member="a:b","c";role=REQ;X=^'q^'^n:mailto:j@x.org"#,
            7,
        )
        .unwrap();
        assert!(p.is("ATTENDEE"));
        assert_eq!(p.param("CN").as_deref(), Some("Doe, Jane"));
        assert_eq!(p.param("MEMBER").as_deref(), Some("a:b"));
        assert_eq!(p.param("ROLE").as_deref(), Some("REQ"));
        assert_eq!(p.param("x").as_deref(), Some("\"q\"\n"));
        assert_eq!(p.param("PARTSTAT"), None);
        assert_eq!(p.value, "mailto:j@x.org");
        let p = content_line("DTSTART;VALUE=DATE;TZID=\"a;b\",c:20240101", 1).unwrap();
        assert_eq!(p.param("TZID").as_deref(), Some("a;b"));
        assert_eq!(p.param("VALUE").as_deref(), Some("DATE"));
        assert!(content_line("X;A=\"open:v", 1).is_err());
        assert!(content_line("X;=1:v", 1).is_err());
    }

    #[test]
    fn prelude_finds_zones_and_x_wr_timezone() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nX-WR-TIMEZONE:no\nEND:VEVENT\n\
                    X-WR-TIMEZONE:Europe/Berlin\nX-WR-TIMEZONE:later\nBEGIN:VTIMEZONE\n\
                    TZID:Custom\nBEGIN:STANDARD\nTZOFFSETTO:+0100\nEND:STANDARD\n\
                    END:VTIMEZONE\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n";
        let p = prelude(text);
        assert_eq!(
            p.x_wr_timezones,
            vec![Some(("Europe/Berlin".to_string(), 5)), None]
        );
        assert_eq!(p.vtimezones.len(), 1);
        assert_eq!(p.vtimezones[0].prop("TZID").unwrap().value, "Custom");
        assert_eq!(p.vtimezones[0].children[0].name, "STANDARD");
        assert_eq!(p.vtimezones[0].children[0].props[0].value, "+0100");
    }

    #[test]
    fn text_escapes() {
        assert_eq!(unescape_text(r"a\nb\Nc\,d\;e\\f"), "a\nb\nc,d;e\\f");
        assert_eq!(unescape_text(r"é\é\"), "éé\\");
        assert_eq!(split_text_list(r"one,two\,three"), vec!["one", "two,three"]);
    }
}
