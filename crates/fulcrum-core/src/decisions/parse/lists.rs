//! The lists sections hold: bullets and their continuation lines, an option's pros and cons,
//! MADR 2's graded consequences.

use super::*;

/// A bullet that starts a list item at the left margin: `* x`, `- x`, `+ x`, `1. x`, `1) x`.
/// The marker and the item's first line.
pub(in crate::decisions) fn bullet(line: &str) -> Option<(&str, &str)> {
    static BULLET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([*+-]|\d{1,3}[.)])(?:[ \t]+(.*)|$)").unwrap());
    let c = BULLET.captures(line)?;
    Some((c.get(1)?.as_str(), c.get(2).map_or("", |m| m.as_str())))
}

/// A continuation line of a list item, without the indentation the item's bullet gave it.
fn continuation(line: &str) -> &str {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    &line[spaces.min(2)..]
}

/// A section that is a list and nothing else, one item per bullet (with its continuation
/// lines); `None` when anything else is in it.
pub(super) fn list_items(lines: &[Ln]) -> Option<Vec<String>> {
    let mut items: Vec<String> = Vec::new();
    let mut open = false;
    for l in lines {
        if l.blank() {
            open = false;
        } else if let Some((_, first)) = bullet(l.text).filter(|_| !l.code) {
            items.push(first.to_string());
            open = true;
        } else if open {
            let item = items.last_mut()?;
            item.push('\n');
            item.push_str(continuation(l.text));
        } else {
            return None;
        }
    }
    Some(items)
}

/// An option's subsection: its arguments, and the rest as its description.
pub(super) fn option_details(option: &mut ConsideredOption, lines: &[Ln]) {
    let mut description: Vec<Ln> = Vec::new();
    let mut current: Option<usize> = None;
    for &l in lines {
        if l.blank() || l.code {
            current = None;
            description.push(l);
        } else if let Some((_, first)) = bullet(l.text) {
            current = argument(first).map(|(k, rest)| {
                arguments(option, k).push(rest.to_string());
                k
            });
            if current.is_none() {
                description.push(l);
            }
        } else if let Some(item) = current.and_then(|k| arguments(option, k).last_mut()) {
            item.push('\n');
            item.push_str(continuation(l.text));
        } else {
            description.push(l);
        }
    }
    option.description = text_of(&description);
}

/// The words that start an argument, for the pros, the neutral ones and the cons.
pub(in crate::decisions) const ARGUMENTS: [&str; 3] =
    ["Good, because ", "Neutral, because ", "Bad, because "];

/// Which kind of argument an item is (an index in `ARGUMENTS`), and its text.
fn argument(item: &str) -> Option<(usize, &str)> {
    ARGUMENTS.iter().enumerate().find_map(|(k, p)| {
        let head = item.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| (k, &item[p.len()..]))
    })
}

fn arguments(option: &mut ConsideredOption, kind: usize) -> &mut Vec<String> {
    match kind {
        0 => &mut option.pros,
        1 => &mut option.neutral,
        _ => &mut option.cons,
    }
}

/// MADR 2's positive and negative consequences as MADR 3's bullets: `* x` under Positive
/// Consequences is `* Good, because x`. The renderer inverts it exactly, or writes the text
/// under `### Consequences`.
pub(in crate::decisions) fn graded(
    positive: Option<String>,
    negative: Option<String>,
) -> Option<String> {
    if positive.is_none() && negative.is_none() {
        return None;
    }
    let grade = |text: Option<String>, words: &str| {
        text.unwrap_or_default()
            .lines()
            .map(|l| match bullet(l) {
                Some((marker, rest)) if !rest.starts_with(words) => {
                    let space = &l[marker.len()..l.len() - rest.len()];
                    let space = if space.is_empty() { " " } else { space };
                    format!("{marker}{space}{words}{rest}")
                }
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let parts = [grade(positive, ARGUMENTS[0]), grade(negative, ARGUMENTS[2])];
    Some(
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
