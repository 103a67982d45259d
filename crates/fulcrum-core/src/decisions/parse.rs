//! Reading a record file: the front matter (a small YAML subset read by hand: scalars, quoted
//! scalars, `[a, b]` and `- item` lists, block scalars), the title, the metadata lines under it,
//! and the sections, each read into its field or kept whole when it does not read cleanly.

mod front;
mod links;
mod lists;
mod table;

use super::*;
use front::{FrontEntry, Value, front_entries};
use links::{Target, link_line, superseded_by};
pub(super) use lists::{ARGUMENTS, bullet, graded};
use lists::{list_items, option_details};
use regex::Regex;
use std::sync::LazyLock;
use table::{TableEntry, meta_table};

/// Why a file was not read. The `NotAnAdr` ones are files that belong in a decisions folder
/// without being decisions (its README, its template): report them by name and leave them be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not a decision record: {0}")]
    NotAnAdr(#[from] NotAnAdr),
    #[error("line {line}: the front matter opened here has no closing `---` line")]
    UnclosedFrontMatter { line: usize },
    #[error("line {line}: {text:?} is not a front matter line: write `key: value` or `- item`")]
    BadFrontMatter { line: usize, text: String },
    #[error("line {line}: {text:?} is not a date: write it as YYYY-MM-DD, such as 2024-03-18")]
    BadDate { line: usize, text: String },
}

impl ParseError {
    /// The line (from 1) the error is on, when it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ParseError::NotAnAdr(_) => None,
            ParseError::UnclosedFrontMatter { line }
            | ParseError::BadFrontMatter { line, .. }
            | ParseError::BadDate { line, .. } => Some(*line),
        }
    }
}

/// What a file that is not a decision record is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotAnAdr {
    #[error("the file is empty")]
    Empty,
    #[error("not a Markdown file (.md)")]
    NotMarkdown,
    #[error("the folder's index (README, index, table of contents)")]
    Index,
    #[error("a template for new records")]
    Template,
    #[error("no `# Title` heading")]
    NoTitle,
    #[error("a title but no part of a decision (status, date, context, decision …)")]
    NoDecision,
}

/// Reads a record file. `name` is the file's name (a path works too): it may carry the number
/// (`0003-use-x.md`) or a log4brains date (`20210203-use-x.md`), and tells a README or a
/// template from a record. `text` is the file's whole text, as it is on disk.
pub fn parse(name: &str, text: &str) -> Result<Parsed, ParseError> {
    let name = base_name(name);
    refuse_by_name(name)?;
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(NotAnAdr::Empty.into());
    }
    let lines = mark_code(&split_lines(body));
    let (front_lines, start) = split_front(&lines)?;
    let front = front_lines.as_deref().map(front_entries).transpose()?;
    let front_title = front
        .iter()
        .flatten()
        .any(|e| key_of(&e.key) == "title" && !e.value.text().trim().is_empty());
    let doc = Document::split(&lines[start..], front_title)?;
    let mut reader = Reader::default();
    if let Some(title) = doc.title {
        reader.title(&heading(title.text, 1).unwrap_or_default())?;
    }
    if let Some(front) = &front {
        reader.front_matter(front, doc.title.is_none())?;
    }
    // Metadata lines under the title are read unless the front matter holds the metadata: a
    // site's front matter may carry only its own keys (`title:`) over MADR 2 bullets.
    let front_meta = front.iter().flatten().any(|e| is_known_key(&e.key));
    reader.header(&doc.header, !front_meta)?;
    for s in &doc.sections {
        reader.section(s);
    }
    let name_date = name_date(name);
    let mut decision = reader.d;
    decision.number = name_number(name).or(reader.title_number);
    if !(reader.signals.any || decision.number.is_some() || name_date.is_some()) {
        return Err(NotAnAdr::NoDecision.into());
    }
    Ok(Parsed {
        name: name.to_string(),
        text: text.to_string(),
        format: reader.signals.format(name_date.is_some()),
        decision,
        name_date,
        unresolved: reader.unresolved,
        crlf: uses_crlf(body),
        bom,
    })
}

/// The number a record's file name starts with: `0003-use-x.md`, `adr-003-use-x.md`,
/// `ADR_0001_use_x.md`. Not a log4brains date (`20210203-…`).
pub fn name_number(name: &str) -> Option<u32> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:adr)?[-_]?(\d{1,7})(?:[-_. ]|$)").unwrap());
    let name = base_name(name);
    if name_date(name).is_some() {
        return None;
    }
    NUMBER.captures(name)?[1].parse().ok()
}

/// The date a log4brains file name starts with: `20210203-use-x.md`.
pub fn name_date(name: &str) -> Option<Date> {
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})[-_]").unwrap());
    let c = DATE.captures(base_name(name))?;
    let part = |i: usize| c[i].parse::<i16>().ok();
    Date::new(
        part(1)?,
        part(2)?.try_into().ok()?,
        part(3)?.try_into().ok()?,
    )
    .ok()
}

fn refuse_by_name(name: &str) -> Result<(), NotAnAdr> {
    let lower = name.to_lowercase();
    let Some(stem) = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
    else {
        return Err(NotAnAdr::NotMarkdown);
    };
    const INDEXES: [&str; 7] = [
        "readme",
        "index",
        "toc",
        "summary",
        "contents",
        "table-of-contents",
        "_sidebar",
    ];
    if INDEXES.contains(&stem) {
        return Err(NotAnAdr::Index);
    }
    // `template.md`, `adr-template.md`, `template-madr.md`; numbered, only the bare word
    // (`0000-template.md`, `adr000-template.md`), `0007-template-engine.md` being a record.
    static PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:m?adr)?[-_]?(\d{1,7}[-_])?(?:m?adr[-_])?").unwrap());
    let c = PREFIX.captures(stem);
    let bare = &stem[c.as_ref().and_then(|c| c.get(0)).map_or(0, |m| m.end())..];
    let numbered = c.as_ref().is_some_and(|c| c.get(1).is_some());
    let named = bare == "template"
        || (!numbered && (bare.starts_with("template-") || bare.starts_with("template_")));
    if named {
        return Err(NotAnAdr::Template);
    }
    Ok(())
}

/// The lines without their endings (LF or CRLF).
fn split_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Most lines end in CRLF.
fn uses_crlf(text: &str) -> bool {
    let lf = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf * 2 >= lf
}

/// A line with its number (from 1) and whether it is inside a fenced code block, where `#`
/// starts no heading.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ln<'a> {
    pub no: usize,
    pub text: &'a str,
    pub code: bool,
}

impl Ln<'_> {
    fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

struct RawSection<'a> {
    heading: String,
    body: Vec<Ln<'a>>,
}

/// A file's body (what follows the front matter) cut into its parts.
struct Document<'a> {
    /// The `# Title` line; none when the front matter's `title:` is the title.
    title: Option<Ln<'a>>,
    header: Vec<Ln<'a>>,
    sections: Vec<RawSection<'a>>,
}

/// The front matter's lines, when the file opens with one, and the index of the first line
/// after it.
fn split_front<'a>(lines: &[Ln<'a>]) -> Result<(Option<Vec<Ln<'a>>>, usize), ParseError> {
    if lines.first().is_none_or(|l| l.text.trim_end() != "---") {
        return Ok((None, 0));
    }
    let end = (1..lines.len())
        .find(|&j| matches!(lines[j].text.trim_end(), "---" | "..."))
        .ok_or(ParseError::UnclosedFrontMatter { line: 1 })?;
    Ok((Some(lines[1..end].to_vec()), end + 1))
}

impl<'a> Document<'a> {
    /// The title is the first `# ` heading. A file whose front matter has a `title:` (as sites
    /// built with Docusaurus or Jekyll write them) may have none, or a later one after its
    /// first section: then the front matter's title is the title, and the header runs from the
    /// top.
    fn split(lines: &[Ln<'a>], front_title: bool) -> Result<Document<'a>, ParseError> {
        let first = |level: usize| {
            lines
                .iter()
                .position(|l| !l.code && heading(l.text, level).is_some())
        };
        let (h1, h2) = (first(1), first(2));
        let title = match h1 {
            Some(i) if !front_title || h2.is_none_or(|j| i < j) => Some(i),
            _ if front_title => None,
            _ => return Err(NotAnAdr::NoTitle.into()),
        };
        let mut header = Vec::new();
        let mut sections: Vec<RawSection> = Vec::new();
        for &l in &lines[title.map_or(0, |i| i + 1)..] {
            match heading(l.text, 2).filter(|_| !l.code) {
                Some(h) => sections.push(RawSection {
                    heading: h,
                    body: Vec::new(),
                }),
                None => match sections.last_mut() {
                    Some(s) => s.body.push(l),
                    None => header.push(l),
                },
            }
        }
        Ok(Document {
            title: title.map(|i| lines[i]),
            header,
            sections,
        })
    }
}

/// Numbers the lines and marks those of fenced code blocks (fences included).
fn mark_code<'a>(lines: &[&'a str]) -> Vec<Ln<'a>> {
    let mut open: Option<(char, usize)> = None;
    let fence = |t: &str| {
        let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let n = t.chars().take_while(|&x| x == c).count();
        (n >= 3).then_some((c, n))
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, &text)| {
            let t = text.trim_start();
            let code = match (open, fence(t)) {
                (None, Some(f)) => {
                    open = Some(f);
                    true
                }
                (Some((c, n)), Some((c2, n2)))
                    if c == c2 && n2 >= n && t.trim_end().chars().all(|x| x == c) =>
                {
                    open = None;
                    true
                }
                (open, _) => open.is_some(),
            };
            Ln {
                no: i + 1,
                text,
                code,
            }
        })
        .collect()
}

/// The text of a heading of exactly `level`, without closing `#`s or a trailing HTML comment
/// (MADR's `## Decision Drivers <!-- optional -->`).
pub(super) fn heading(line: &str, level: usize) -> Option<String> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes != level {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut s = rest.trim();
    if s.ends_with("-->")
        && let Some(i) = s.rfind("<!--")
    {
        s = s[..i].trim_end();
    }
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && (t.is_empty() || t.ends_with([' ', '\t'])) {
        s = t.trim_end();
    }
    Some(s.to_string())
}

/// The lines' text without the blank lines around it.
pub(super) fn text_of(lines: &[Ln]) -> String {
    let start = lines.iter().position(|l| !l.blank()).unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.blank())
        .map_or(start, |i| i + 1);
    lines[start..end]
        .iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A date as records write it, `2024-03-18`; a time after it (`2024-03-18T10:00`) is dropped.
/// `Ok(None)` for no date.
fn date_of(text: &str) -> Result<Option<Date>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let head = t.get(..10).ok_or(())?;
    let rest = &t[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return Err(());
    }
    head.parse::<Date>().map(Some).map_err(|_| ())
}

/// What the known headings hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Status,
    Context,
    Drivers,
    Options,
    Outcome,
    Consequences,
    Confirmation,
    ProsCons,
    More,
    Links,
    Other,
}

fn kind_of(heading: &str) -> Kind {
    let h = heading
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match h.as_str() {
        "status" => Kind::Status,
        "context and problem statement" | "context" | "problem statement" => Kind::Context,
        "decision drivers" => Kind::Drivers,
        "considered options" | "options considered" => Kind::Options,
        "decision outcome" | "decision" => Kind::Outcome,
        "consequences" => Kind::Consequences,
        "confirmation" | "validation" => Kind::Confirmation,
        "pros and cons of the options" | "pros and cons" => Kind::ProsCons,
        "more information" => Kind::More,
        "links" => Kind::Links,
        _ => Kind::Other,
    }
}

/// What tells the layouts apart, gathered while reading.
#[derive(Debug, Default)]
struct Signals {
    /// Anything only a decision has: a known key, section or numbered title.
    any: bool,
    front_matter: bool,
    decision_makers: bool,
    deciders_key: bool,
    bullet_meta: bool,
    plain_meta: bool,
    numbered_title: bool,
    status_section: bool,
    nygard_decision: bool,
    madr_section: bool,
    positive_negative: bool,
    validation: bool,
    confirmation: bool,
}

impl Signals {
    fn format(&self, dated_name: bool) -> Format {
        if self.front_matter {
            return if self.decision_makers || self.confirmation {
                Format::Madr4
            } else if self.deciders_key || self.validation {
                Format::Madr3
            } else {
                Format::Madr4
            };
        }
        if dated_name {
            return Format::Log4brains;
        }
        if self.bullet_meta || self.positive_negative {
            return Format::Madr2;
        }
        if self.plain_meta || self.status_section || self.numbered_title {
            return Format::Nygard;
        }
        if self.validation {
            return Format::Madr3;
        }
        if self.nygard_decision && !self.madr_section {
            return Format::Nygard;
        }
        Format::Madr4
    }
}

#[derive(Default)]
struct Reader {
    d: Decision,
    title_number: Option<u32>,
    unresolved: Vec<Unresolved>,
    signals: Signals,
}

impl Reader {
    /// The title as a heading or the front matter writes it, with the number it may carry
    /// (`3. Use X`, `ADR-0003: Use X`, `ADR002: Use X`) taken off.
    fn title(&mut self, text: &str) -> Result<(), ParseError> {
        static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:(\d+)[.:]|(?i:adr)[-_ ]?(\d+)[ \t]*[:.\-–—]?)[ \t]+(.+)$").unwrap()
        });
        let text = text.trim();
        if text.is_empty() {
            return Err(NotAnAdr::NoTitle.into());
        }
        let (number, title) = match NUMBERED.captures(text) {
            Some(c) => {
                let n = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
                (n.parse().ok(), c.get(3).map_or("", |m| m.as_str()).trim())
            }
            None => (None, text),
        };
        if placeholder(text) || placeholder(title) {
            return Err(NotAnAdr::Template.into());
        }
        if number.is_some() {
            self.title_number = number;
            self.signals.numbered_title = true;
            self.signals.any = true;
        }
        self.d.title = title.to_string();
        Ok(())
    }

    /// The front matter's entries; its `title:` is the decision's title when `takes_title` (the
    /// file has no `# Title`), and is otherwise kept with the other keys Fulcrum has no field
    /// for.
    fn front_matter(
        &mut self,
        entries: &[FrontEntry],
        takes_title: bool,
    ) -> Result<(), ParseError> {
        self.signals.front_matter = true;
        for e in entries {
            match key_of(&e.key).as_str() {
                "decision-makers" => self.signals.decision_makers = true,
                "deciders" => self.signals.deciders_key = true,
                "title" if takes_title && self.d.title.is_empty() => {
                    self.title(&e.value.text())?;
                    continue;
                }
                _ => {}
            }
            self.meta(&e.key, &e.value, e.line)?;
        }
        Ok(())
    }

    /// A metadata entry, from the front matter or a line under the title.
    fn meta(&mut self, key: &str, value: &Value, line: usize) -> Result<(), ParseError> {
        let d = &mut self.d;
        let known = match key_of(key).as_str() {
            "status" => {
                self.status_text(key, &value.text());
                return Ok(());
            }
            "date" => {
                let text = value.text();
                let date = date_of(&text).map_err(|()| ParseError::BadDate { line, text })?;
                if d.date.is_none() {
                    d.date = date;
                }
                true
            }
            "deciders" | "decision-makers" | "decider" | "decision-maker" => {
                fill_list(&mut d.deciders, value.people())
            }
            "consulted" => fill_list(&mut d.consulted, value.people()),
            "informed" => fill_list(&mut d.informed, value.people()),
            _ => {
                d.metadata.push(Meta {
                    key: key.trim().to_string(),
                    value: value.kept(),
                });
                false
            }
        };
        self.signals.any |= known;
        Ok(())
    }

    /// A status as a metadata entry writes it (`superseded by ADR-0005`): a status Fulcrum does
    /// not know is kept under its key.
    fn status_text(&mut self, key: &str, text: &str) {
        if self.d.status.is_some() || text.trim().is_empty() {
            return;
        }
        self.signals.any = true;
        match Status::from_text(text) {
            Some(status) => {
                self.d.status = Some(status);
                if let Some(t) = superseded_by(text) {
                    self.link(LinkKind::SupersededBy, t);
                }
            }
            None => {
                if !self.d.metadata.iter().any(|m| key_of(&m.key) == "status") {
                    self.d.metadata.push(Meta {
                        key: key.trim().to_string(),
                        value: text.trim().to_string(),
                    });
                }
            }
        }
    }

    fn link(&mut self, kind: LinkKind, target: Target) {
        match target {
            Target::Number(n) => {
                self.d.links.insert(Link::new(kind, n));
            }
            Target::File(file) => {
                let u = Unresolved { kind, file };
                if !self.unresolved.contains(&u) {
                    self.unresolved.push(u);
                }
            }
        }
    }

    /// The lines between the title and the first section: metadata lines (`* Status: …`,
    /// `Date: …`, `Technical Story: …`), when there is no front matter, then the summary.
    fn header(&mut self, lines: &[Ln], read_meta: bool) -> Result<(), ParseError> {
        static META: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"^([*+-][ \t]+)?(?:\*\*)?([A-Za-z][A-Za-z0-9 _-]{0,29}?)(?:\*\*)?[ \t]*:(?:\*\*)?(?:[ \t]+(.*?))?[ \t]*$",
            )
            .unwrap()
        });
        let mut end = 0;
        if read_meta {
            for (i, l) in lines.iter().enumerate() {
                if l.blank() {
                    continue;
                }
                let Some(c) = META.captures(l.text).filter(|_| !l.code) else {
                    break;
                };
                let value = strip_comment(c.get(3).map_or("", |m| m.as_str()));
                let key = &c[2];
                if is_known_key(key) {
                    if c.get(1).is_some() {
                        self.signals.bullet_meta = true;
                    } else {
                        self.signals.plain_meta = true;
                    }
                }
                self.meta(key, &Value::Scalar(value.to_string()), l.no)?;
                end = i + 1;
            }
        }
        if self.d.status.is_none()
            && let Some((entries, rows)) = meta_table(&lines[end..])
        {
            self.table_meta(entries)?;
            end += rows;
        }
        self.d.summary = text_of(&lines[end..]);
        Ok(())
    }

    /// The entries of a metadata table. A `Created` one is the date when the record has none.
    fn table_meta(&mut self, entries: Vec<TableEntry>) -> Result<(), ParseError> {
        for (key, value, line) in entries {
            let created = matches!(
                key_of(&key).as_str(),
                "created" | "created-on" | "created-at" | "decision-date"
            );
            if !(created && self.first_date(&value)) {
                self.meta(&key, &Value::Scalar(value), line)?;
            }
        }
        Ok(())
    }

    fn section(&mut self, s: &RawSection) {
        if self.heading_meta(s) {
            return;
        }
        let kind = kind_of(&s.heading);
        if kind != Kind::Other && kind != Kind::Links {
            self.signals.any = true;
        }
        match kind {
            Kind::Status => self.signals.status_section = true,
            Kind::Outcome if s.heading.eq_ignore_ascii_case("decision") => {
                self.signals.nygard_decision = true
            }
            Kind::Context if s.heading.len() > "context".len() => self.signals.madr_section = true,
            Kind::Outcome | Kind::Options | Kind::Drivers | Kind::ProsCons => {
                self.signals.madr_section = true
            }
            Kind::Confirmation => self.note_confirmation(&s.heading),
            _ => {}
        }
        let read = match kind {
            Kind::Status => self.status_section(&s.body),
            Kind::Context => fill(&mut self.d.context, &s.body),
            Kind::Drivers => list_items(&s.body).is_some_and(|i| fill_list(&mut self.d.drivers, i)),
            Kind::Options => self.d.options.is_empty() && self.options(&s.body),
            Kind::Outcome => self.d.outcome.is_empty() && self.outcome(&s.body),
            Kind::Consequences => fill(&mut self.d.consequences, &s.body),
            Kind::Confirmation => fill(&mut self.d.confirmation, &s.body),
            Kind::ProsCons => self.pros_and_cons(&s.body),
            Kind::More => fill(&mut self.d.more, &s.body),
            Kind::Links => self.links(&s.body),
            Kind::Other => false,
        };
        if !read {
            self.d.sections.push(Section {
                heading: s.heading.clone(),
                body: text_of(&s.body),
            });
        }
    }

    /// A status or date written as a heading with nothing under it (`## Status: Accepted`,
    /// `## Date: 2026-07-02`), read when the record has none yet. Whether it was.
    fn heading_meta(&mut self, s: &RawSection) -> bool {
        let Some((key, value)) = s.heading.split_once(':') else {
            return false;
        };
        let value = value.trim();
        if value.is_empty() || !s.body.iter().all(Ln::blank) {
            return false;
        }
        match key_of(key).as_str() {
            "status" if self.d.status.is_none() && Status::from_text(value).is_some() => {
                self.signals.status_section = true;
                self.status_text(key, value);
            }
            "date" => return self.first_date(value),
            _ => return false,
        }
        self.signals.any = true;
        true
    }

    /// `text` as the record's date, when it is a date and the record has none yet. Whether it
    /// was taken.
    fn first_date(&mut self, text: &str) -> bool {
        let Ok(Some(date)) = date_of(text) else {
            return false;
        };
        if self.d.date.is_some() {
            return false;
        }
        self.d.date = Some(date);
        self.signals.any = true;
        true
    }

    fn note_confirmation(&mut self, heading: &str) {
        if heading.eq_ignore_ascii_case("validation") {
            self.signals.validation = true;
        } else {
            self.signals.confirmation = true;
        }
    }

    /// Nygard's `## Status`: the status word, then the links, each on its line. Read only when
    /// every line is one of those.
    fn status_section(&mut self, body: &[Ln]) -> bool {
        if self.d.status.is_some() || body.iter().any(|l| l.code) {
            return false;
        }
        let lines: Vec<&str> = body.iter().filter(|l| !l.blank()).map(|l| l.text).collect();
        let Some(first) = lines.first() else {
            return true;
        };
        let Some(status) = Status::from_text(first) else {
            return false;
        };
        let mut links = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            match link_line(l) {
                Some(link) => links.push(link),
                None if i == 0 => {}
                None => return false,
            }
        }
        self.d.status = Some(status);
        for (kind, target) in links {
            self.link(kind, target);
        }
        true
    }

    fn options(&mut self, body: &[Ln]) -> bool {
        let Some(names) = list_items(body) else {
            return false;
        };
        self.d.options = names.into_iter().map(ConsideredOption::new).collect();
        true
    }

    /// `## Decision Outcome`: the text, then its `###` subsections (consequences, MADR 2's
    /// positive and negative ones, the confirmation). Other subsections stay in the text of the
    /// part they follow.
    fn outcome(&mut self, body: &[Ln]) -> bool {
        #[derive(Clone, Copy, PartialEq)]
        enum Part {
            Outcome,
            Consequences,
            Positive,
            Negative,
            Confirmation,
        }
        let mut parts: Vec<(Part, Vec<Ln>)> = vec![(Part::Outcome, Vec::new())];
        for &l in body {
            let sub = heading(l.text, 3).filter(|_| !l.code);
            let part = sub.as_deref().and_then(|h| match kind_of(h) {
                Kind::Consequences => Some(Part::Consequences),
                Kind::Confirmation => Some(Part::Confirmation),
                _ if h.eq_ignore_ascii_case("positive consequences") => Some(Part::Positive),
                _ if h.eq_ignore_ascii_case("negative consequences") => Some(Part::Negative),
                _ => None,
            });
            match part.filter(|p| !parts.iter().any(|(q, _)| q == p)) {
                Some(p) => {
                    if p == Part::Confirmation {
                        self.note_confirmation(sub.as_deref().unwrap_or_default());
                    }
                    parts.push((p, Vec::new()));
                }
                None => parts.last_mut().unwrap().1.push(l),
            }
        }
        let text = |p: Part| {
            parts
                .iter()
                .find(|(q, _)| *q == p)
                .map(|(_, lines)| text_of(lines))
        };
        self.d.outcome = text(Part::Outcome).unwrap_or_default();
        let graded = graded(text(Part::Positive), text(Part::Negative));
        if graded.is_some() {
            self.signals.positive_negative = true;
        }
        let whole = [text(Part::Consequences), graded]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let confirmation = text(Part::Confirmation).unwrap_or_default();
        self.fill_or_keep(|d| &mut d.consequences, "Consequences", whole);
        self.fill_or_keep(|d| &mut d.confirmation, "Confirmation", confirmation);
        true
    }

    /// A subsection's text for its field, or, when the field is taken, kept as a section.
    fn fill_or_keep(
        &mut self,
        field: fn(&mut Decision) -> &mut String,
        heading: &str,
        text: String,
    ) {
        if text.is_empty() {
            return;
        }
        let f = field(&mut self.d);
        if f.is_empty() {
            *f = text;
        } else {
            self.d.sections.push(Section {
                heading: heading.into(),
                body: text,
            });
        }
    }

    /// `## Pros and Cons of the Options`: one `###` subsection per option, given to the option
    /// of that name (or added). Read only when nothing stands before the first option.
    fn pros_and_cons(&mut self, body: &[Ln]) -> bool {
        let first = body
            .iter()
            .position(|l| !l.code && heading(l.text, 3).is_some())
            .unwrap_or(body.len());
        if body[..first].iter().any(|l| !l.blank())
            || self.d.options.iter().any(ConsideredOption::has_details)
        {
            return false;
        }
        let mut at = first;
        while at < body.len() {
            let name = heading(body[at].text, 3).unwrap_or_default();
            let end = (at + 1..body.len())
                .find(|&j| !body[j].code && heading(body[j].text, 3).is_some())
                .unwrap_or(body.len());
            let i = match self
                .d
                .options
                .iter()
                .position(|o| o.name == name && !o.has_details())
            {
                Some(i) => i,
                None => {
                    self.d.options.push(ConsideredOption::new(name));
                    self.d.options.len() - 1
                }
            };
            option_details(&mut self.d.options[i], &body[at + 1..end]);
            at = end;
        }
        true
    }

    /// `## Links`: read when every item is a link to a decision.
    fn links(&mut self, body: &[Ln]) -> bool {
        let Some(items) = list_items(body) else {
            return false;
        };
        let Some(links) = items
            .iter()
            .map(|i| link_line(i))
            .collect::<Option<Vec<_>>>()
        else {
            return false;
        };
        for (kind, target) in links {
            self.link(kind, target);
        }
        true
    }
}

/// `field`, when still empty, gets the lines' text. Whether the section was read.
fn fill(field: &mut String, lines: &[Ln]) -> bool {
    if !field.is_empty() {
        return false;
    }
    *field = text_of(lines);
    true
}

fn fill_list(field: &mut Vec<String>, items: Vec<String>) -> bool {
    if !field.is_empty() {
        return false;
    }
    *field = items;
    true
}

/// A metadata key in one spelling: `Decision Makers` → `decision-makers`.
pub(super) fn key_of(key: &str) -> String {
    key.trim().to_lowercase().replace([' ', '_'], "-")
}

pub(super) fn is_known_key(key: &str) -> bool {
    matches!(
        key_of(key).as_str(),
        "status"
            | "date"
            | "deciders"
            | "decision-makers"
            | "decider"
            | "decision-maker"
            | "consulted"
            | "informed"
    )
}

/// A value without the template's trailing `<!-- optional -->`.
fn strip_comment(value: &str) -> &str {
    match value.trim_end().strip_suffix("-->") {
        Some(v) => v.rfind("<!--").map_or(value, |i| value[..i].trim_end()),
        None => value.trim_end(),
    }
}

/// A template's title: MADR's `{short title …}` and `[short title …]`, adr-tools'
/// `NUMBER. TITLE`.
fn placeholder(title: &str) -> bool {
    (title.starts_with('{') && title.ends_with('}'))
        || (title.starts_with('[') && title.ends_with(']'))
        || (title.contains("NUMBER") && title.contains("TITLE"))
}
