//! Architecture decision records (ADRs) as teams keep them: Markdown files in the repository, in
//! one of five layouts found in the wild. Read into a [`Decision`], edited as plain data, written
//! back in the folder's own layout.
//!
//! The rule that matters most: a record read and not changed is written back byte for byte
//! ([`write_back`]), so importing a folder never rewrites anyone's files. A changed record is
//! rendered in its layout, with the original's line endings (CRLF stays CRLF) and byte-order mark.
//!
//! The layouts ([`Format`]):
//!
//! - **MADR 4**: YAML front matter (`status`, `date`, `decision-makers`, `consulted`,
//!   `informed`), `## Context and Problem Statement`, `## Decision Drivers`,
//!   `## Considered Options`, `## Decision Outcome` with `### Consequences` and
//!   `### Confirmation`, `## Pros and Cons of the Options`, `## More Information`.
//! - **MADR 3**: the same with `deciders`, and the confirmation as `## Validation`.
//! - **MADR 2**: no front matter; `* Status:`, `* Deciders:`, `* Date:` bullets under the title,
//!   a `Technical Story:` line, `### Positive Consequences` and `### Negative Consequences`,
//!   `## Links`.
//! - **Nygard**, as adr-tools writes it: `# 1. Title`, a `Date:` line, a `## Status` section
//!   holding the status word and the links (`Supercedes [2. Title](0002-title.md)`),
//!   `## Context`, `## Decision`, `## Consequences`.
//! - **log4brains**: MADR 2 with `-` bullets, in files named `YYYYMMDD-slug.md`.
//!
//! Records a documentation site publishes (Docusaurus) are MADR 4 to this module: the front
//! matter's `title:` stands in for a missing `# Title`. Under the title, a metadata table
//! (`| Created | Status |` over one row, or `| Field | Value |` rows) stands for the metadata
//! lines in any layout.
//!
//! Reading does not depend on the layout: every file is read for every part any layout has, so a
//! record whose layout mixes them loses nothing. Rendering writes every non-empty field in every
//! layout, under the layout's own headings where it has one and MADR's otherwise (a Nygard record
//! given decision drivers gets a `## Decision Drivers` section). What a layout cannot carry:
//!
//! - the number, in the text of MADR 2, 3, 4 and log4brains: MADR takes it from the file name
//!   ([`file_name`]); a log4brains name carries a date instead, so its records are numbered by
//!   the caller, by date ([`number_unnumbered`]). Only Nygard writes it, in the title.
//! - a person's name holding a comma (the lists are comma-separated in every layout), list items
//!   of more than one paragraph, and prose between the bullets of the drivers, options or links
//!   (such a section is kept whole in [`Decision::sections`] instead).
//!
//! And what a rewrite normalises: the words of a link (`Amends`, `Refined by` become
//! `Relates to`), the spelling of `Supersedes` (Nygard writes adr-tools' `Supercedes` and
//! `Superceded by`, the others the dictionary's), the order of an option's pros and cons (good,
//! neutral, bad), text after a status word (`Accepted (by mail)` is `Accepted`), YAML comments,
//! and anything above the title.

mod parse;
mod render;
#[cfg(test)]
mod tests;

pub use parse::{NotAnAdr, ParseError, name_date, name_number, parse};
pub use render::{Naming, file_name, render, slug, write_back};

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

word_enum! {
    /// Where a decision stands. Files write these in many ways (`Accepted`, `superseded by
    /// ADR-0005`, adr-tools' `Superceded by [3. …](…)`): [`Status::from_text`] reads them.
    pub enum Status {
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
        Deprecated = "deprecated",
        Superseded = "superseded",
    }
}

impl Status {
    /// The status a file's status text names, from its first word (or two): `Accepted`,
    /// `superseded by ADR-0005`, `Superceded by [3. Use X](0003-use-x.md)`, `draft`,
    /// `in review`. `None` when no word is one of a status, so the text is kept as written.
    pub fn from_text(text: &str) -> Option<Status> {
        let mut words = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase);
        let first = words.next()?;
        let second = words.next().unwrap_or_default();
        Some(match (first.as_str(), second.as_str()) {
            ("in" | "under", "review" | "discussion" | "progress") => Status::Proposed,
            ("proposed" | "proposal" | "draft" | "pending" | "open" | "wip", _) => Status::Proposed,
            ("accepted" | "approved" | "adopted" | "agreed" | "decided" | "implemented", _) => {
                Status::Accepted
            }
            ("rejected" | "declined" | "refused" | "withdrawn", _) => Status::Rejected,
            ("deprecated" | "obsolete" | "retired", _) => Status::Deprecated,
            ("superseded" | "superceded" | "replaced", _) => Status::Superseded,
            _ => return None,
        })
    }
}

word_enum! {
    /// The layout of a record file; see the module's documentation for what each one holds.
    pub enum Format {
        Madr4 = "madr-4",
        Madr3 = "madr-3",
        Madr2 = "madr-2",
        Nygard = "nygard",
        Log4brains = "log4brains",
    }
}

word_enum! {
    /// How one decision points at another. A link's other words (`Amends`, `Refined by`) read
    /// as `RelatesTo`.
    pub enum LinkKind {
        Supersedes = "supersedes",
        SupersededBy = "superseded-by",
        RelatesTo = "relates-to",
    }
}

/// A link to another decision of the folder, by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub number: u32,
}

impl Link {
    pub fn new(kind: LinkKind, number: u32) -> Link {
        Link { kind, number }
    }
}

/// An option the decision weighed, with its arguments from `## Pros and Cons of the Options`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsideredOption {
    pub name: String,
    /// The text of the option's subsection that is not an argument.
    #[serde(default)]
    pub description: String,
    /// `Good, because …`, without those words.
    #[serde(default)]
    pub pros: Vec<String>,
    /// `Neutral, because …`.
    #[serde(default)]
    pub neutral: Vec<String>,
    /// `Bad, because …`.
    #[serde(default)]
    pub cons: Vec<String>,
}

impl ConsideredOption {
    pub fn new(name: impl Into<String>) -> ConsideredOption {
        ConsideredOption {
            name: name.into(),
            ..ConsideredOption::default()
        }
    }

    /// Has anything for the pros and cons section.
    pub fn has_details(&self) -> bool {
        !(self.description.is_empty()
            && self.pros.is_empty()
            && self.neutral.is_empty()
            && self.cons.is_empty())
    }
}

/// A metadata entry Fulcrum has no field for (`tags`, `Technical Story`), kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub key: String,
    pub value: String,
}

/// A `##` section Fulcrum has no field for, or one it could not read cleanly, kept whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub body: String,
}

/// One architecture decision. The text fields hold Markdown as written, without the blank lines
/// around it; the lists hold one bullet each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// From the file name (`0003-…`, `adr-003-…`) or the title (`# 3. …`, `# ADR-0003: …`).
    #[serde(default)]
    pub number: Option<u32>,
    pub title: String,
    /// `None` when the file states none, or states one in words Fulcrum does not know (those are
    /// kept in `metadata` under `status`).
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub deciders: Vec<String>,
    #[serde(default)]
    pub consulted: Vec<String>,
    #[serde(default)]
    pub informed: Vec<String>,
    #[serde(default)]
    pub metadata: Vec<Meta>,
    /// The text between the title (and its metadata) and the first section. In the layouts
    /// without front matter, a first line that reads `Key: value` is metadata, so a summary
    /// should not start with one.
    #[serde(default)]
    pub summary: String,
    /// `## Context and Problem Statement`, Nygard's `## Context`.
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub drivers: Vec<String>,
    #[serde(default)]
    pub options: Vec<ConsideredOption>,
    /// `## Decision Outcome` (`Chosen option: "X", because …`), Nygard's `## Decision`.
    #[serde(default)]
    pub outcome: String,
    /// The consequences as Markdown: MADR's `* Good, because …` / `* Bad, because …` bullets
    /// (MADR 2's positive and negative ones are read into those), Nygard's prose.
    #[serde(default)]
    pub consequences: String,
    /// MADR 4's `### Confirmation`, MADR 3's `## Validation`.
    #[serde(default)]
    pub confirmation: String,
    /// `## More Information`.
    #[serde(default)]
    pub more: String,
    /// A set: in one order and without duplicates however they were added.
    #[serde(default)]
    pub links: BTreeSet<Link>,
    /// Sections with no field, in the file's order; written after the others.
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl Decision {
    pub fn new(title: impl Into<String>) -> Decision {
        Decision {
            title: title.into(),
            ..Decision::default()
        }
    }

    /// The `X` of MADR's `Chosen option: "X", because …`.
    pub fn chosen_option(&self) -> Option<&str> {
        let rest = self.outcome.split_once("Chosen option:")?.1.trim_start();
        let (open, close) = match rest.chars().next()? {
            '"' => ('"', '"'),
            '“' => ('“', '”'),
            '«' => ('«', '»'),
            _ => {
                let end = rest.find([',', '\n']).unwrap_or(rest.len());
                return Some(rest[..end].trim()).filter(|s| !s.is_empty());
            }
        };
        let inner = &rest[open.len_utf8()..];
        inner.find(close).map(|end| inner[..end].trim())
    }

    /// The numbers of the decisions this one is superseded by.
    pub fn superseded_by(&self) -> impl Iterator<Item = u32> + '_ {
        self.links
            .iter()
            .filter(|l| l.kind == LinkKind::SupersededBy)
            .map(|l| l.number)
    }
}

/// A file of a decisions folder: its name (without the folder) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    pub fn parse(&self) -> Result<Parsed, ParseError> {
        parse(&self.name, &self.text)
    }
}

/// A link read from a file that names the other decision by a file Fulcrum cannot number on
/// its own (log4brains' `[20210203-use-x](20210203-use-x.md)`), until [`Parsed::resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub kind: LinkKind,
    pub file: String,
}

/// Another decision of the folder, as a link to it is written: `[3. Use X](0003-use-x.md)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: u32,
    pub title: String,
    pub file: String,
}

/// A file read as a decision. It keeps the original text, which is what [`write_back`] returns
/// while the decision is unchanged; the decision read is only reachable as `&Decision`, so that
/// an edit happens on a clone and shows as a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    name: String,
    text: String,
    decision: Decision,
    format: Format,
    name_date: Option<Date>,
    unresolved: Vec<Unresolved>,
    crlf: bool,
    bom: bool,
}

impl Parsed {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text exactly as read, byte-order mark included.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn decision(&self) -> &Decision {
        &self.decision
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The date a log4brains file name starts with (`20210203-…`).
    pub fn name_date(&self) -> Option<Date> {
        self.name_date
    }

    /// The links still waiting for [`Parsed::resolve`].
    pub fn unresolved(&self) -> &[Unresolved] {
        &self.unresolved
    }

    /// Whether the file's lines end in CRLF.
    pub fn crlf(&self) -> bool {
        self.crlf
    }

    /// Gives a number to a decision whose file has none (log4brains), as if the file had said
    /// it: the number is not a change, and the file is still written back as it was.
    pub fn renumber(&mut self, number: u32) {
        self.decision.number = Some(number);
    }

    /// Numbers the links that named a file, from the folder's entries; like `renumber`, not a
    /// change. Links to a file not among `others` stay unresolved.
    pub fn resolve(&mut self, others: &[Entry]) {
        let decision = &mut self.decision;
        self.unresolved.retain(|u| {
            let found = others
                .iter()
                .find(|e| base_name(&e.file).eq_ignore_ascii_case(base_name(&u.file)));
            if let Some(e) = found {
                decision.links.insert(Link::new(u.kind, e.number));
            }
            found.is_none()
        });
    }

    /// How links to this decision are written, once it has a number.
    pub fn entry(&self) -> Option<Entry> {
        Some(Entry {
            number: self.decision.number?,
            title: self.decision.title.clone(),
            file: self.name.clone(),
        })
    }
}

/// The part of a path after its last `/`.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The layout most of a folder's records use; a folder with none is a new one, and gets the
/// newest MADR. Ties go to the first in `Format::ALL` (MADR 4, 3, 2, Nygard, log4brains).
/// Files that are not records do not count.
pub fn detect_format(files: &[SourceFile]) -> Format {
    let mut counts = [0usize; Format::ALL.len()];
    for parsed in files.iter().filter_map(|f| f.parse().ok()) {
        if let Some(i) = Format::ALL.iter().position(|&f| f == parsed.format) {
            counts[i] += 1;
        }
    }
    let best = (0..counts.len())
        .rev()
        .max_by_key(|&i| counts[i])
        .unwrap_or(0);
    Format::ALL[best]
}

/// Numbers the decisions that have no number (a log4brains folder's, all of them) after the
/// highest one already taken, in date order: the file name's date, else the decision's, undated
/// ones last, then by file name.
pub fn number_unnumbered(files: &mut [Parsed]) {
    let first = files
        .iter()
        .filter_map(|p| p.decision.number)
        .max()
        .map_or(1, |n| n + 1);
    let mut order: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].decision.number.is_none())
        .collect();
    order.sort_by_key(|&i| {
        let p = &files[i];
        let date = p.name_date.or(p.decision.date);
        (date.is_none(), date, p.name.clone())
    });
    for (number, i) in (first..).zip(order) {
        files[i].renumber(number);
    }
}

/// Why `supersede` refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupersedeError {
    #[error("a decision without a number cannot be linked to: number both first")]
    Unnumbered,
    #[error("decision {0} cannot supersede itself")]
    Itself(u32),
    #[error("decision {new} is superseded by decision {old}, so it cannot supersede it")]
    Cycle { old: u32, new: u32 },
}

/// Marks `old` as superseded by `new`, with the link on both sides (`SupersededBy` on the old,
/// `Supersedes` on the new), as adr-tools does. Doing it again changes nothing.
pub fn supersede(old: &mut Decision, new: &mut Decision) -> Result<(), SupersedeError> {
    let (Some(o), Some(n)) = (old.number, new.number) else {
        return Err(SupersedeError::Unnumbered);
    };
    if o == n {
        return Err(SupersedeError::Itself(o));
    }
    if old.links.contains(&Link::new(LinkKind::Supersedes, n))
        || new.links.contains(&Link::new(LinkKind::SupersededBy, o))
    {
        return Err(SupersedeError::Cycle { old: o, new: n });
    }
    old.status = Some(Status::Superseded);
    old.links.insert(Link::new(LinkKind::SupersededBy, n));
    new.links.insert(Link::new(LinkKind::Supersedes, o));
    Ok(())
}

/// How long a proposal may wait for a decision: four weeks, after which it is raised again.
pub const STALE_AFTER_DAYS: i64 = 28;

/// A proposal dated more than four weeks before `today`: it is waiting on someone. Undated
/// proposals cannot be told, and are not stale.
pub fn stale_proposed(decision: &Decision, today: Date) -> bool {
    decision.status == Some(Status::Proposed)
        && decision
            .date
            .is_some_and(|d| d.checked_add(STALE_AFTER_DAYS.days()).unwrap_or(Date::MAX) < today)
}

/// A decision as Fulcrum keeps it: the decision, where its file lives, its layout, and the text
/// the file held when it was last read or written, so that an unchanged record goes back byte
/// for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub decision: Decision,
    /// The folder its file is in, as given to the import (absolute); `None` for a decision
    /// made in Fulcrum and not exported yet.
    #[serde(default)]
    pub folder: Option<String>,
    /// The file's name inside the folder.
    #[serde(default)]
    pub file: Option<String>,
    pub format: Format,
    /// The file's text when last read or written.
    #[serde(default)]
    pub original: Option<String>,
}

impl DecisionRecord {
    /// The decision as its file holds it, when it has a file, numbered and its links resolved
    /// among `others` (the folder's decisions) as at the import.
    pub fn parsed(&self, others: &[Entry]) -> Option<Parsed> {
        let mut p = parse(self.file.as_deref()?, self.original.as_deref()?).ok()?;
        // A log4brains file is numbered by Fulcrum, not by its text: as if the file said it.
        if let (None, Some(n)) = (p.decision().number, self.decision.number) {
            p.renumber(n);
        }
        p.resolve(others);
        Some(p)
    }

    /// How links to this decision are written.
    pub fn entry(&self, number: u32) -> Entry {
        Entry {
            number,
            title: self.decision.title.clone(),
            file: self
                .file
                .clone()
                .unwrap_or_else(|| self.new_file(&Naming::default(), number)),
        }
    }

    /// The file a decision that has none goes in, in a folder's naming.
    pub fn new_file(&self, naming: &Naming, number: u32) -> String {
        let d = &self.decision;
        let day = d.date.unwrap_or(Date::constant(2000, 1, 1));
        naming.file_name(number, &d.title, self.format, day)
    }

    /// The text its file should hold: the original byte for byte while the decision is as the
    /// file says, else the decision rendered in its layout.
    pub fn text(&self, others: &[Entry]) -> String {
        match self.parsed(others) {
            Some(p) => write_back(&p, &self.decision, self.format, others),
            None => render(&self.decision, self.format, others),
        }
    }
}
