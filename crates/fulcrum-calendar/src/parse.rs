//! Lexical layer: unfolding, content lines, and the BEGIN/END component tree.
//!
//! Nothing here knows what a VEVENT means; it only turns text into a tree of
//! components whose properties remember the line they started on, so every
//! later diagnostic can point the user at the right place in the file.

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

/// One property after unfolding: `NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone)]
pub(crate) struct Prop {
    /// Upper-cased property name.
    pub name: String,
    /// Parameters with upper-cased names; values unquoted, list values split.
    pub params: Vec<(String, Vec<String>)>,
    /// Raw value (escapes still present).
    pub value: String,
    pub line: usize,
}

impl Prop {
    /// First value of a parameter, case-insensitive on the name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

/// A BEGIN/END block with its properties and nested blocks.
#[derive(Debug, Clone)]
pub(crate) struct Component {
    /// Upper-cased component name.
    pub name: String,
    /// Line of the `BEGIN:` line.
    pub line: usize,
    pub props: Vec<Prop>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }
    pub fn props_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// Logical lines after unfolding, each with the physical line it started on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (idx, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let lineno = idx + 1;
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.1.push_str(rest);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        out.push((lineno, line.to_string()));
    }
    out
}

/// Decodes RFC 6868 caret escapes in a parameter value.
fn caret_decode(s: &str) -> String {
    if !s.contains('^') {
        return s.to_string();
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
    out
}

/// Splits one logical line into name, parameters and value.
fn content_line(line: &str, lineno: usize) -> Result<Prop, String> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == 0 {
        return Err(format!("expected a property name in {:?}", clip(line)));
    }
    let name = line[..i].to_ascii_uppercase();
    let mut params = Vec::new();
    loop {
        match bytes.get(i) {
            Some(b':') => {
                i += 1;
                break;
            }
            Some(b';') => {
                i += 1;
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                    i += 1;
                }
                if i == start || bytes.get(i) != Some(&b'=') {
                    return Err(format!("malformed parameter in {:?}", clip(line)));
                }
                let pname = line[start..i].to_ascii_uppercase();
                i += 1;
                let mut values = Vec::new();
                loop {
                    if bytes.get(i) == Some(&b'"') {
                        let vstart = i + 1;
                        let Some(end) = line[vstart..].find('"') else {
                            return Err(format!(
                                "unterminated quoted parameter in {:?}",
                                clip(line)
                            ));
                        };
                        values.push(caret_decode(&line[vstart..vstart + end]));
                        i = vstart + end + 1;
                    } else {
                        let vstart = i;
                        while i < bytes.len() && !matches!(bytes[i], b';' | b':' | b',') {
                            i += 1;
                        }
                        values.push(caret_decode(&line[vstart..i]));
                    }
                    if bytes.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        break;
                    }
                }
                params.push((pname, values));
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
        name,
        params,
        value: line[i..].to_string(),
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

/// Parses text into the top-level VCALENDAR components.
///
/// Malformed individual lines are reported through `warn` and dropped; only
/// structural errors abort.
pub(crate) fn parse_tree(
    text: &str,
    warn: &mut Vec<Warning>,
) -> Result<Vec<Component>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = unfold(text);
    let Some((first_line, first)) = lines.first() else {
        return Err(ParseError {
            line: 1,
            message: "not an iCalendar file: it is empty".into(),
        });
    };
    let first_ok = content_line(first, *first_line)
        .map(|p| p.name == "BEGIN" && p.value.trim().eq_ignore_ascii_case("VCALENDAR"))
        .unwrap_or(false);
    if !first_ok {
        return Err(ParseError {
            line: *first_line,
            message: "not an iCalendar file: expected BEGIN:VCALENDAR".into(),
        });
    }
    let mut stack: Vec<Component> = Vec::new();
    let mut done: Vec<Component> = Vec::new();
    for (lineno, line) in &lines {
        let prop = match content_line(line, *lineno) {
            Ok(p) => p,
            Err(msg) => {
                if stack.is_empty() {
                    return Err(ParseError {
                        line: *lineno,
                        message: format!("unexpected text after END:VCALENDAR: {msg}"),
                    });
                }
                warn.push(Warning {
                    line: *lineno,
                    uid: None,
                    kind: WarningKind::PropertyIgnored,
                    message: format!("ignored unreadable line: {msg}"),
                });
                continue;
            }
        };
        match prop.name.as_str() {
            "BEGIN" => {
                let name = prop.value.trim().to_ascii_uppercase();
                if name.is_empty() {
                    return Err(ParseError {
                        line: *lineno,
                        message: "BEGIN without a component name".into(),
                    });
                }
                if stack.is_empty() && name != "VCALENDAR" {
                    return Err(ParseError {
                        line: *lineno,
                        message: format!("BEGIN:{name} outside of a VCALENDAR"),
                    });
                }
                stack.push(Component {
                    name,
                    line: *lineno,
                    props: Vec::new(),
                    children: Vec::new(),
                });
            }
            "END" => {
                let name = prop.value.trim().to_ascii_uppercase();
                let Some(open) = stack.pop() else {
                    return Err(ParseError {
                        line: *lineno,
                        message: format!("END:{name} without a matching BEGIN"),
                    });
                };
                if open.name != name {
                    return Err(ParseError {
                        line: *lineno,
                        message: format!(
                            "END:{name} does not match BEGIN:{} at line {}",
                            open.name, open.line
                        ),
                    });
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(open),
                    None => done.push(open),
                }
            }
            _ => match stack.last_mut() {
                Some(c) => c.props.push(prop),
                None => {
                    return Err(ParseError {
                        line: *lineno,
                        message: format!("property {} outside of a VCALENDAR", prop.name),
                    });
                }
            },
        }
    }
    if let Some(open) = stack.last() {
        let last = lines.last().map_or(1, |l| l.0);
        return Err(ParseError {
            line: last,
            message: format!(
                "file is truncated: BEGIN:{} at line {} has no END",
                open.name, open.line
            ),
        });
    }
    Ok(done)
}

/// Undoes TEXT escaping (`\n`, `\N`, `\,`, `\;`, `\\`).
pub(crate) fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
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

    #[test]
    fn unfolds_and_numbers_lines() {
        let text = "BEGIN:VCALENDAR\r\nX-A:one\r\n  two\r\n\tthree\r\nEND:VCALENDAR\r\n";
        let mut w = Vec::new();
        let tree = parse_tree(text, &mut w).unwrap();
        let p = &tree[0].props[0];
        assert_eq!(p.value, "one twothree");
        assert_eq!(p.line, 2);
    }

    #[test]
    fn params_with_quotes_and_lists() {
        let p = content_line(
            r#"attendee;CN="Doe, Jane";member="a:b","c";role=REQ:mailto:j@x.org"#,
            7,
        )
        .unwrap();
        assert_eq!(p.name, "ATTENDEE");
        assert_eq!(p.param("CN"), Some("Doe, Jane"));
        assert_eq!(p.params[1].1, vec!["a:b".to_string(), "c".to_string()]);
        assert_eq!(p.param("ROLE"), Some("REQ"));
        assert_eq!(p.value, "mailto:j@x.org");
    }

    #[test]
    fn text_escapes() {
        assert_eq!(unescape_text(r"a\nb\Nc\,d\;e\\f"), "a\nb\nc,d;e\\f");
        assert_eq!(split_text_list(r"one,two\,three"), vec!["one", "two,three"]);
    }
}
