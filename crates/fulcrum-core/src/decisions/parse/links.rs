//! Links between decisions as files write them: `ADR-0005`, Markdown links to a record's
//! file, `Supercedes` / `Superseded by` lines.

use super::*;

/// Where a link points, as a file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Number(u32),
    File(String),
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)"#).unwrap());
static ADR_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:adr)[-_ ]?0*(\d+)\b").unwrap());

/// The decision a reference at the start of `s` names, and how long the reference is:
/// `ADR-0005`, `[ADR-0005](0005-x.md)`, `[3. Use X](0003-use-x.md)`,
/// `[20210203-use-x](20210203-use-x.md)` (a file, numbered later).
fn reference(s: &str) -> Option<(Target, usize)> {
    if let Some(c) = ADR_REF.captures(s) {
        return Some((Target::Number(c[1].parse().ok()?), c[0].len()));
    }
    static TITLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(\d+)\.\s").unwrap());
    let c = MD_LINK.captures(s)?;
    let (text, target) = (c[1].trim(), &c[2]);
    let len = c[0].len();
    let number = TITLED
        .captures(text)
        .or_else(|| ADR_REF.captures(text))
        .and_then(|n| n[1].parse().ok());
    if let Some(n) = number {
        return Some((Target::Number(n), len));
    }
    if target.contains("://") || target.starts_with('#') {
        return None;
    }
    let file = base_name(target.split('#').next().unwrap_or(target));
    if let Some(n) = name_number(file) {
        return Some((Target::Number(n), len));
    }
    let lower = file.to_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown"))
        .then(|| (Target::File(file.to_string()), len))
}

/// A line that is only a link to another decision: `Supercedes [2. Use X](0002-use-x.md)`,
/// `Superseded by ADR-0005`, `Refined by [ADR-0005](0005-x.md)`, `[ADR-0005](0005-x.md)`.
pub(super) fn link_line(text: &str) -> Option<(LinkKind, Target)> {
    static START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[|\b(?i:adr)[-_ ]?\d").unwrap());
    let t = text.trim();
    let at = START.find(t)?.start();
    let verb = t[..at].trim().trim_end_matches(':').trim().to_lowercase();
    if !verb.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    let (target, len) = reference(&t[at..])?;
    if !t[at + len..].trim().trim_end_matches('.').is_empty() {
        return None;
    }
    Some((link_kind(&verb), target))
}

fn link_kind(verb: &str) -> LinkKind {
    match verb
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .as_str()
    {
        "supersedes" | "supercedes" | "replaces" => LinkKind::Supersedes,
        "superseded by" | "superceded by" | "replaced by" => LinkKind::SupersededBy,
        _ => LinkKind::RelatesTo,
    }
}

/// The reference after `superseded by` in a status text.
pub(super) fn superseded_by(text: &str) -> Option<Target> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:superseded|superceded|replaced)\s+by\s+(.+)$").unwrap()
    });
    let c = BY.captures(text.trim())?;
    reference(c.get(1)?.as_str()).map(|(t, _)| t)
}
