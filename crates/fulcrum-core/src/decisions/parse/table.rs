//! Metadata kept in a Markdown table under the title, as some teams write it instead of
//! metadata lines.

use super::*;

/// A key, its value and the line it is on.
pub(super) type TableEntry = (String, String, usize);

/// A table that opens the lines and holds a record's metadata, nothing else before a blank
/// line: either a header row naming a `Status` column over one row of values
/// (`| Created | Status |`), or two columns of keys and values, one of them `Status`
/// (`| Field | Value |` over `| Status | Accepted |`, or with no header of its own). Its
/// (key, value, line) entries, empty ones left out, and how many lines it took (blank ones
/// before it included).
pub(super) fn meta_table(lines: &[Ln]) -> Option<(Vec<TableEntry>, usize)> {
    let at = lines.iter().position(|l| !l.blank())?;
    let rows: Vec<&Ln> = lines[at..].iter().take_while(|l| !l.blank()).collect();
    let [head, rule, body @ ..] = &rows[..] else {
        return None;
    };
    if body.is_empty()
        || rows
            .iter()
            .any(|l| l.code || !l.text.trim_start().starts_with('|'))
    {
        return None;
    }
    let ruled = cells(rule.text).iter().all(|c| {
        let dashes = c.trim_matches(':');
        !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
    });
    let width = cells(head.text).len();
    if !ruled || body.iter().any(|r| cells(r.text).len() != width) {
        return None;
    }
    let entry = |k: &str, v: &str, line: usize| (k.to_string(), v.to_string(), line);
    let keys = cells(head.text);
    // Two columns are keys and values unless the second heads a column of its own.
    let column = |k: &str| is_known_key(k) || key_of(k) == "created";
    let vertical = width == 2 && !column(&keys[1]);
    let entries: Vec<_> = if !vertical && keys.iter().any(|k| key_of(k) == "status") {
        if body.len() != 1 {
            return None;
        }
        let values = cells(body[0].text);
        let row = body[0].no;
        keys.iter()
            .zip(&values)
            .map(|(k, v)| entry(k, v, row))
            .collect()
    } else if vertical {
        let pairs = std::iter::once(head)
            .chain(body)
            .map(|r| (cells(r.text), r.no));
        let mut entries: Vec<_> = pairs.map(|(c, no)| entry(&c[0], &c[1], no)).collect();
        // The header row is a pair of its own only when it starts with a key Fulcrum knows.
        if !is_known_key(&entries[0].0) {
            entries.remove(0);
        }
        if !entries.iter().any(|(k, _, _)| key_of(k) == "status") {
            return None;
        }
        entries
    } else {
        return None;
    };
    // A key a metadata line could not hold back (`RFC #`) would be lost on the next write:
    // such a table stays text.
    static KEY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9 _-]{0,29}$").unwrap());
    if entries
        .iter()
        .any(|(k, v, _)| !v.is_empty() && !KEY.is_match(k))
    {
        return None;
    }
    let entries = entries.into_iter().filter(|(_, v, _)| !v.is_empty());
    Some((entries.collect(), at + rows.len()))
}

/// A table row's cells, trimmed, a key's bold markers dropped: `| **a** | b |` → `["a", "b"]`.
fn cells(row: &str) -> Vec<String> {
    let t = row.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|')
        .map(|c| {
            let c = c.trim();
            let bare = c.strip_prefix("**").and_then(|c| c.strip_suffix("**"));
            bare.unwrap_or(c).trim().to_string()
        })
        .collect()
}
