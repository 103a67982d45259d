//! Writing a decision in a layout, and the file name it goes in. Every non-empty field is
//! written, in an order the reader takes back to the same decision.

use super::parse::{ARGUMENTS, bullet, graded, is_known_key, key_of};
use super::*;
use crate::words::capitalised;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A decision as the text of a file in `format`, with LF line endings.
///
/// A link is written with the other decision's file when `others` has it, the way the layout
/// does: Nygard `[3. Use X](0003-use-x.md)`, MADR `[ADR-0003](0003-use-x.md)`, log4brains
/// `[20210203-use-x](20210203-use-x.md)`. A decision not among `others` is written
/// `ADR-0003`, which every layout reads back; so is the one in a MADR 3 or 4 front matter
/// (`status: superseded by ADR-0003`), a YAML value being no place for Markdown.
pub fn render(decision: &Decision, format: Format, others: &[Entry]) -> String {
    Writer {
        d: decision,
        format,
        others,
    }
    .write()
}

/// The text to write for `current`, read from `original`: the original, byte for byte, when
/// the decision is unchanged and stays in its layout; otherwise `current` rendered in
/// `format`, with the original's line endings and byte-order mark.
pub fn write_back(
    original: &Parsed,
    current: &Decision,
    format: Format,
    others: &[Entry],
) -> String {
    if format == original.format && *current == original.decision {
        return original.text.clone();
    }
    let mut text = render(current, format, others);
    if original.crlf {
        text = text.replace('\n', "\r\n");
    }
    if original.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

/// The file a new decision goes in: `0007-use-postgresql.md`, or for log4brains (whose names
/// carry the day the record was written, `date`, instead of the number)
/// `20240513-use-postgresql.md`.
pub fn file_name(number: u32, title: &str, format: Format, date: Date) -> String {
    Naming::default().file_name(number, title, format, date)
}

/// How a folder names its numbered records: what comes before the number (`adr`, `ADR-`,
/// nothing), how many digits it has, and what follows it. `0007-use-x.md` by default.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Naming {
    pub prefix: String,
    pub digits: usize,
    pub separator: char,
}

impl Default for Naming {
    fn default() -> Naming {
        Naming {
            prefix: String::new(),
            digits: 4,
            separator: '-',
        }
    }
}

impl Naming {
    /// The naming most of a folder's numbered file names share (`adr002-x.md`, `adr013-y.md`
    /// → `adr`, 3 digits, `-`); the default for a folder with none. Ties go to the one that
    /// sorts first (a bare number before a prefix).
    pub fn of_folder<'a>(names: impl IntoIterator<Item = &'a str>) -> Naming {
        static NUMBERED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^((?i:m?adr)?[-_]?)(\d{1,7})([-_])").unwrap());
        let mut counts: BTreeMap<Naming, usize> = BTreeMap::new();
        for name in names {
            let name = base_name(name);
            let Some(c) = NUMBERED
                .captures(name)
                .filter(|_| name_date(name).is_none())
            else {
                continue;
            };
            let naming = Naming {
                prefix: c[1].to_string(),
                digits: c[2].len(),
                separator: c[3].chars().next().unwrap_or('-'),
            };
            *counts.entry(naming).or_default() += 1;
        }
        counts
            .into_iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(naming, _)| naming)
            .unwrap_or_default()
    }

    /// A new decision's file in this naming; log4brains names are dated whatever the folder.
    pub fn file_name(&self, number: u32, title: &str, format: Format, date: Date) -> String {
        let words = slug(title);
        if format == Format::Log4brains {
            return format!("{}-{words}.md", date.strftime("%Y%m%d"));
        }
        let words = match self.separator {
            '_' => words.replace('-', "_"),
            _ => words,
        };
        let (prefix, separator, width) = (&self.prefix, self.separator, self.digits);
        format!("{prefix}{number:0width$}{separator}{words}.md")
    }
}

/// A title as a file name's words: lower case, every run of other characters one `-`, none at
/// either end. Letters outside ASCII are kept, in lower case (`Réécrire le cache` →
/// `réécrire-le-cache`, `日本語のタイトル` as it is): transliterating would lose the title of a
/// language without Latin letters, and every file system and Git host takes UTF-8 names. A title
/// with no letter or digit gives `decision`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        // Combining marks belong to their letter (a decomposed `é`, the dot of `i̇`).
        if c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        "decision".into()
    } else {
        out
    }
}

struct Writer<'a> {
    d: &'a Decision,
    format: Format,
    others: &'a [Entry],
}

impl Writer<'_> {
    /// The file as blocks (paragraphs, lists, headings) with a blank line between them.
    fn write(&self) -> String {
        let mut blocks = Vec::new();
        if matches!(self.format, Format::Madr3 | Format::Madr4) {
            blocks.extend(self.front_matter());
        }
        blocks.push(self.title());
        match self.format {
            Format::Madr2 | Format::Log4brains => blocks.extend(self.bullet_meta()),
            Format::Nygard => blocks.extend(self.plain_meta()),
            Format::Madr3 | Format::Madr4 => {}
        }
        push(&mut blocks, &self.d.summary);
        self.sections(&mut blocks);
        let mut out = blocks.join("\n\n");
        out.push('\n');
        out
    }

    fn title(&self) -> String {
        match (self.format, self.d.number) {
            (Format::Nygard, Some(n)) => format!("# {n}. {}", self.d.title),
            _ => format!("# {}", self.d.title),
        }
    }

    fn front_matter(&self) -> Option<String> {
        let d = self.d;
        let mut lines = Vec::new();
        if let Some(s) = self.status_value(plain_reference) {
            lines.push(format!("status: {}", yaml(&s)));
        }
        if let Some(date) = d.date {
            lines.push(format!("date: {date}"));
        }
        let deciders = match self.format {
            Format::Madr3 => "deciders",
            _ => "decision-makers",
        };
        let keys = [deciders, "consulted", "informed"];
        let lists = [&d.deciders, &d.consulted, &d.informed];
        for (key, people) in keys.into_iter().zip(lists) {
            if !people.is_empty() {
                lines.push(format!("{key}: {}", yaml(&people.join(", "))));
            }
        }
        for m in self.extras() {
            lines.push(format!("{}: {}", m.key, yaml(&m.value)));
        }
        (!lines.is_empty()).then(|| format!("---\n{}\n---", lines.join("\n")))
    }

    /// MADR 2's and log4brains' `* Status: …` bullets, with `Technical Story: …` on its own line
    /// as their templates write it.
    fn bullet_meta(&self) -> Vec<String> {
        let m = self.marker();
        let d = self.d;
        let mut lines: Vec<(bool, String)> = Vec::new();
        if let Some(s) = self.status_value(|n| self.reference(n)) {
            lines.push((false, format!("{m} Status: {s}")));
        }
        let [deciders, rest @ ..] = self.people(["Deciders", "Consulted", "Informed"]);
        if let Some(line) = deciders {
            lines.push((false, format!("{m} {line}")));
        }
        if let Some(date) = d.date {
            lines.push((false, format!("{m} Date: {date}")));
        }
        for line in rest.into_iter().flatten() {
            lines.push((false, format!("{m} {line}")));
        }
        for e in self.extras() {
            let plain = key_of(&e.key) == "technical-story";
            let line = meta_line(&e.key, &e.value);
            lines.push((plain, if plain { line } else { format!("{m} {line}") }));
        }
        // Lines of one kind together; a blank line where the kind changes.
        let mut blocks: Vec<(bool, Vec<String>)> = Vec::new();
        for (plain, line) in lines {
            match blocks.last_mut() {
                Some((p, block)) if *p == plain => block.push(line),
                _ => blocks.push((plain, vec![line])),
            }
        }
        blocks.into_iter().map(|(_, b)| b.join("\n")).collect()
    }

    /// Nygard's `Date: …` line, and the metadata it has no place for on lines like it.
    fn plain_meta(&self) -> Option<String> {
        let mut lines = Vec::new();
        if let Some(date) = self.d.date {
            lines.push(format!("Date: {date}"));
        }
        lines.extend(
            self.people(["Deciders", "Consulted", "Informed"])
                .into_iter()
                .flatten(),
        );
        for e in self.extras() {
            lines.push(meta_line(&e.key, &e.value));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// The deciders, the consulted and the informed as `Key: a, b` lines, under the layout's
    /// keys; `None` for an empty list.
    fn people(&self, keys: [&str; 3]) -> [Option<String>; 3] {
        let d = self.d;
        let lists = [&d.deciders, &d.consulted, &d.informed];
        std::array::from_fn(|i| {
            (!lists[i].is_empty()).then(|| format!("{}: {}", keys[i], lists[i].join(", ")))
        })
    }

    /// The metadata entries to write: not the keys a field has, except a status Fulcrum did not
    /// know when no status replaced it.
    fn extras(&self) -> impl Iterator<Item = &Meta> {
        self.d.metadata.iter().filter(|m| {
            !m.key.trim().is_empty()
                && (!is_known_key(&m.key)
                    || (key_of(&m.key) == "status" && self.d.status.is_none()))
        })
    }

    /// The status as a metadata value: `accepted`, `superseded by ADR-0005`.
    fn status_value(&self, reference: impl Fn(u32) -> String) -> Option<String> {
        let status = self.d.status?;
        Some(match self.status_link() {
            Some(n) => format!("superseded by {}", reference(n)),
            None => status.as_str().to_string(),
        })
    }

    /// The decision a superseded one names in its status (the first of them).
    fn status_link(&self) -> Option<u32> {
        match self.d.status {
            Some(Status::Superseded) => self.d.superseded_by().next(),
            _ => None,
        }
    }

    fn sections(&self, out: &mut Vec<String>) {
        let d = self.d;
        let nygard = self.format == Format::Nygard;
        if nygard && let Some(status) = self.nygard_status() {
            section(out, "Status", &status);
        }
        let context = if nygard {
            "Context"
        } else {
            "Context and Problem Statement"
        };
        text_section(out, context, &d.context);
        self.list_section(out, "Decision Drivers", &d.drivers);
        let names: Vec<String> = d.options.iter().map(|o| o.name.clone()).collect();
        self.list_section(out, "Considered Options", &names);
        if nygard {
            text_section(out, "Decision", &d.outcome);
            text_section(out, "Consequences", &d.consequences);
            text_section(out, "Confirmation", &d.confirmation);
        } else {
            self.outcome(out);
        }
        self.pros_and_cons(out);
        text_section(out, "More Information", &d.more);
        self.list_section(out, "Links", &self.links());
        for s in &d.sections {
            section(out, &s.heading, &s.body);
        }
    }

    /// adr-tools' status section: the status word (none when superseded by a named decision),
    /// then one line per link. A decision with no status has no section; its links go under
    /// `## Links`.
    fn nygard_status(&self) -> Option<String> {
        let status = self.d.status?;
        let mut lines = Vec::new();
        if self.status_link().is_none() {
            lines.push(capitalised(status.as_str()));
        }
        let (by, rest): (Vec<&Link>, Vec<&Link>) = self
            .d
            .links
            .iter()
            .partition(|l| l.kind == LinkKind::SupersededBy);
        for l in by.into_iter().chain(rest) {
            lines.push(self.link(l));
        }
        Some(lines.join("\n\n"))
    }

    /// `## Decision Outcome` with its subsections; MADR 3 has the confirmation after it, as
    /// `## Validation`.
    fn outcome(&self, out: &mut Vec<String>) {
        let d = self.d;
        let madr3 = self.format == Format::Madr3;
        let confirmation_here = !madr3 && !d.confirmation.is_empty();
        if !(d.outcome.is_empty() && d.consequences.is_empty() && !confirmation_here) {
            out.push("## Decision Outcome".into());
            push(out, &d.outcome);
            if !d.consequences.is_empty() {
                self.consequences(out);
            }
            if confirmation_here {
                out.push("### Confirmation".into());
                out.push(d.confirmation.clone());
            }
        }
        if madr3 {
            text_section(out, "Validation", &d.confirmation);
        }
    }

    /// MADR 2 and log4brains split good and bad consequences into two subsections, when the
    /// text reads back the same from them; otherwise, and in MADR 3 and 4, one.
    fn consequences(&self, out: &mut Vec<String>) {
        let text = &self.d.consequences;
        if matches!(self.format, Format::Madr2 | Format::Log4brains)
            && let Some((good, bad)) = ungraded(text)
        {
            for (heading, body) in [("Positive", good), ("Negative", bad)] {
                if !body.is_empty() {
                    out.push(format!("### {heading} Consequences"));
                    out.push(body);
                }
            }
            return;
        }
        out.push("### Consequences".into());
        out.push(text.clone());
    }

    fn pros_and_cons(&self, out: &mut Vec<String>) {
        let detailed: Vec<&ConsideredOption> =
            self.d.options.iter().filter(|o| o.has_details()).collect();
        if detailed.is_empty() {
            return;
        }
        out.push("## Pros and Cons of the Options".into());
        for o in detailed {
            out.push(format!("### {}", o.name));
            push(out, &o.description);
            let arguments: Vec<String> = [&o.pros, &o.neutral, &o.cons]
                .into_iter()
                .zip(ARGUMENTS)
                .flat_map(|(list, words)| list.iter().map(move |a| format!("{words}{a}")))
                .map(|a| self.item(&a))
                .collect();
            if !arguments.is_empty() {
                out.push(arguments.join("\n"));
            }
        }
    }

    /// The lines of `## Links`: every link but the one the status holds; in Nygard, only when
    /// there is no status section to hold them.
    fn links(&self) -> Vec<String> {
        if self.format == Format::Nygard && self.d.status.is_some() {
            return Vec::new();
        }
        let in_status = self.status_link();
        self.d
            .links
            .iter()
            .filter(|l| !(l.kind == LinkKind::SupersededBy && Some(l.number) == in_status))
            .map(|l| self.link(l))
            .collect()
    }

    fn link(&self, l: &Link) -> String {
        let verb = match (self.format, l.kind) {
            (Format::Nygard, LinkKind::Supersedes) => "Supercedes",
            (Format::Nygard, LinkKind::SupersededBy) => "Superceded by",
            (_, LinkKind::Supersedes) => "Supersedes",
            (_, LinkKind::SupersededBy) => "Superseded by",
            (_, LinkKind::RelatesTo) => "Relates to",
        };
        format!("{verb} {}", self.reference(l.number))
    }

    fn reference(&self, n: u32) -> String {
        let Some(e) = self.others.iter().find(|e| e.number == n) else {
            return plain_reference(n);
        };
        let file = &e.file;
        match self.format {
            Format::Nygard => format!("[{n}. {}]({file})", e.title),
            Format::Log4brains => {
                let stem = file.strip_suffix(".md").unwrap_or(file);
                format!("[{}]({file})", base_name(stem))
            }
            _ => format!("[{}]({file})", plain_reference(n)),
        }
    }

    fn list_section(&self, out: &mut Vec<String>, heading: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let list: Vec<String> = items.iter().map(|i| self.item(i)).collect();
        section(out, heading, &list.join("\n"));
    }

    /// A list item; its further lines indented under it.
    fn item(&self, text: &str) -> String {
        format!("{} {}", self.marker(), text.replace('\n', "\n  "))
    }

    fn marker(&self) -> char {
        match self.format {
            Format::Log4brains => '-',
            _ => '*',
        }
    }
}

fn plain_reference(n: u32) -> String {
    format!("ADR-{n:04}")
}

/// `Key: value` on one line.
fn meta_line(key: &str, value: &str) -> String {
    let value = value.replace('\n', " ");
    if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    }
}

fn push(out: &mut Vec<String>, text: &str) {
    if !text.is_empty() {
        out.push(text.to_string());
    }
}

fn section(out: &mut Vec<String>, heading: &str, body: &str) {
    out.push(format!("## {heading}"));
    push(out, body);
}

fn text_section(out: &mut Vec<String>, heading: &str, body: &str) {
    if !body.is_empty() {
        section(out, heading, body);
    }
}

/// The inverse of the reader's `graded`: the good and the bad consequences, without their
/// words, when reading them back gives `text` exactly.
fn ungraded(text: &str) -> Option<(String, String)> {
    let [good, _, bad] = ARGUMENTS;
    let lines: Vec<&str> = text.lines().collect();
    let split = lines
        .iter()
        .position(|l| bullet(l).is_some_and(|(_, rest)| rest.starts_with(bad)))
        .unwrap_or(lines.len());
    let strip = |part: &[&str], words: &str| {
        let lines: Vec<String> = part
            .iter()
            .map(|l| match bullet(l) {
                Some((marker, rest)) if rest.starts_with(words) => {
                    let space = &l[marker.len()..l.len() - rest.len()];
                    format!("{marker}{space}{}", &rest[words.len()..])
                }
                _ => l.to_string(),
            })
            .collect();
        lines.join("\n").trim_matches('\n').to_string()
    };
    let (g, b) = (strip(&lines[..split], good), strip(&lines[split..], bad));
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    (graded(some(&g), some(&b)).as_deref() == Some(text)).then_some((g, b))
}

/// A YAML scalar that reads back as `value`: plain when it can be, else double-quoted. A
/// `[a, b]` list kept from a front matter stays a list.
fn yaml(value: &str) -> String {
    let list = value.starts_with('[') && value.ends_with(']');
    let plain = !value.is_empty()
        && value.trim() == value
        && !value.starts_with([
            '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ',', '?',
            ':', '-',
        ])
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.contains(['\n', '\t', '\r']);
    if list || plain {
        return value.to_string();
    }
    let mut out = String::from('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
