//! YAML front matter as MADR writes it: keys, scalars, flow and block lists, quotes.

use super::*;

/// A value of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Scalar(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one text: a list's items joined by commas.
    pub(super) fn text(&self) -> String {
        match self {
            Value::Scalar(s) => s.clone(),
            Value::List(items) => items.join(", "),
        }
    }

    /// The people it names: a list's items, or a scalar's comma-separated names.
    pub(super) fn people(&self) -> Vec<String> {
        match self {
            Value::Scalar(s) => people(s),
            Value::List(items) => items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// The value as an unknown key keeps it: a list in its `[a, b]` form, so it is written
    /// back as a list.
    pub(super) fn kept(&self) -> String {
        match self {
            Value::Scalar(s) => s.clone(),
            Value::List(items) => format!("[{}]", items.join(", ")),
        }
    }
}

/// `Ana, Ben` as `["Ana", "Ben"]`.
fn people(s: &str) -> Vec<String> {
    s.split(',')
        .map(|p| unquote(p.trim()).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A front matter entry with the line its key is on.
pub(super) struct FrontEntry {
    pub(super) key: String,
    pub(super) line: usize,
    pub(super) value: Value,
}

pub(super) fn front_entries(lines: &[Ln]) -> Result<Vec<FrontEntry>, ParseError> {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Za-z_][A-Za-z0-9_ -]*?)[ \t]*:(?:[ \t]+(.*))?$").unwrap()
    });
    let bad = |l: &Ln| ParseError::BadFrontMatter {
        line: l.no,
        text: l.text.to_string(),
    };
    let mut out: Vec<FrontEntry> = Vec::new();
    let mut block: Option<(String, Vec<String>)> = None;
    for l in lines {
        let t = l.text.trim_end();
        let indented = t.starts_with([' ', '\t']);
        if let Some((fold, parts)) = &mut block {
            if indented || t.is_empty() {
                parts.push(t.trim().to_string());
                continue;
            }
            let joined = parts.join(fold.as_str());
            if let Some(last) = out.last_mut() {
                last.value = Value::Scalar(joined.trim().to_string());
            }
            block = None;
        }
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        if let Some(item) = t
            .trim_start()
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
        {
            match out.last_mut().map(|e| &mut e.value) {
                Some(Value::List(items)) => items.push(scalar(item.trim())),
                _ => return Err(bad(l)),
            }
            continue;
        }
        if indented {
            match out.last_mut().map(|e| &mut e.value) {
                Some(Value::Scalar(s)) if !s.is_empty() => {
                    s.push(' ');
                    s.push_str(t.trim());
                }
                Some(v @ Value::List(_)) if *v == Value::List(Vec::new()) => {
                    *v = Value::Scalar(scalar(t));
                }
                _ => return Err(bad(l)),
            }
            continue;
        }
        let caps = KEY.captures(t).ok_or_else(|| bad(l))?;
        let raw = caps.get(2).map_or("", |m| m.as_str()).trim();
        let value = match raw {
            "" => Value::List(Vec::new()),
            "|" | "|-" | "|+" | ">" | ">-" | ">+" => {
                let fold = if raw.starts_with('|') { "\n" } else { " " };
                block = Some((fold.to_string(), Vec::new()));
                Value::Scalar(String::new())
            }
            _ => decode(raw),
        };
        out.push(FrontEntry {
            key: caps[1].to_string(),
            line: l.no,
            value,
        });
    }
    if let (Some((fold, parts)), Some(last)) = (block, out.last_mut()) {
        last.value = Value::Scalar(parts.join(&fold).trim().to_string());
    }
    for e in &mut out {
        if e.value == Value::List(Vec::new()) {
            e.value = Value::Scalar(String::new());
        }
    }
    Ok(out)
}

/// A YAML value written on its key's line: a flow list or a scalar.
fn decode(raw: &str) -> Value {
    match raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(inner) => Value::List(
            split_flow(inner)
                .iter()
                .map(|i| scalar(i.trim()))
                .filter(|i| !i.is_empty())
                .collect(),
        ),
        None => Value::Scalar(scalar(raw)),
    }
}

/// The items of a flow list, split on the commas outside quotes.
fn split_flow(inner: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, ',') => items.push(String::new()),
            (None, '"' | '\'') => {
                quote = Some(c);
                items.last_mut().unwrap().push(c);
            }
            (Some(q), _) if q == c => {
                quote = None;
                items.last_mut().unwrap().push(c);
            }
            _ => items.last_mut().unwrap().push(c),
        }
    }
    items
}

/// A scalar: double-quoted (with escapes), single-quoted, or plain (to a ` #` comment).
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    if raw.starts_with(['"', '\'']) {
        return unquote(raw);
    }
    match raw.find(" #") {
        Some(i) => raw[..i].trim_end().to_string(),
        None => raw.to_string(),
    }
}

/// The text inside quotes, to the closing one (what follows it, a comment, is dropped); text
/// without quotes as it is.
fn unquote(raw: &str) -> String {
    let mut chars = raw.chars();
    match chars.next() {
        Some('"') => {
            let mut out = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some(other) => out.push(other),
                        None => out.push('\\'),
                    },
                    c => out.push(c),
                }
            }
            out
        }
        Some('\'') => {
            let mut out = String::new();
            let mut rest = chars.as_str();
            while let Some(i) = rest.find('\'') {
                out.push_str(&rest[..i]);
                if rest[i + 1..].starts_with('\'') {
                    out.push('\'');
                    rest = &rest[i + 2..];
                } else {
                    return out;
                }
            }
            out.push_str(rest);
            out
        }
        _ => raw.to_string(),
    }
}
