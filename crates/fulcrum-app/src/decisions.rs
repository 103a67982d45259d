//! Decisions (ADRs): a repository's decision folder read as it is, kept, changed in Fulcrum and
//! written back — unchanged records byte for byte, changed and new ones in their folder's
//! layout. The CLI and the pages call these.

use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::decisions::{
    self, Decision, DecisionRecord, Entry, Format, LinkKind, Naming, Parsed, SourceFile, Status,
};
use fulcrum_core::growth::Keyed;
use fulcrum_store::kept::{Change, add_change, update_change};
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where decisions go when no folder was imported: MADR's own place for them.
pub const DEFAULT_FOLDER: &str = "docs/decisions";

/// One line of the index a team reads.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub id: i64,
    pub number: u32,
    pub title: String,
    /// `null` when the file states none Fulcrum knows.
    pub status: Option<Status>,
    pub date: Option<Date>,
    /// The file's path (folder and name), once it has one.
    pub file: Option<String>,
    pub supersedes: Vec<u32>,
    pub superseded_by: Vec<u32>,
    /// Still proposed four weeks after its date.
    pub stale: bool,
    pub format: Format,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub folder: String,
    pub format: Format,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Files that are not decisions or could not be read, by name, with why; left alone.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub file: String,
    pub why: String,
}

/// What an export did.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub folder: String,
    /// The files written, by name.
    pub written: Vec<String>,
    /// Decisions whose file already held what they say.
    pub unchanged: usize,
}

fn number_of(r: &Keyed<DecisionRecord>) -> u32 {
    r.record.decision.number.unwrap_or(0)
}

async fn all(store: &dyn Store) -> Result<Vec<Keyed<DecisionRecord>>> {
    let mut all = store.all::<DecisionRecord>().await?;
    all.sort_by_key(number_of);
    Ok(all)
}

/// The entries links are written with: every numbered decision, under the name its file has
/// or will have.
fn entries(records: &[Keyed<DecisionRecord>]) -> Vec<Entry> {
    records
        .iter()
        .filter_map(|r| r.record.decision.number.map(|n| r.record.entry(n)))
        .collect()
}

fn links(d: &Decision, kind: LinkKind) -> Vec<u32> {
    d.links
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.number)
        .collect()
}

fn line(r: &Keyed<DecisionRecord>, today: Date) -> Line {
    let d = &r.record.decision;
    Line {
        id: r.id,
        number: number_of(r),
        title: d.title.clone(),
        status: d.status,
        date: d.date,
        file: r.record.file.as_ref().map(|f| match &r.record.folder {
            Some(dir) => Path::new(dir).join(f).display().to_string(),
            None => f.clone(),
        }),
        supersedes: links(d, LinkKind::Supersedes),
        superseded_by: links(d, LinkKind::SupersededBy),
        stale: decisions::stale_proposed(d, today),
        format: r.record.format,
    }
}

/// The decisions, by number; only those with `status` when given.
pub async fn list(store: &dyn Store, status: Option<Status>, now: Timestamp) -> Result<Vec<Line>> {
    let today = profile::today(store, now).await?;
    Ok(all(store)
        .await?
        .iter()
        .filter(|r| status.is_none() || r.record.decision.status == status)
        .map(|r| line(r, today))
        .collect())
}

/// The decision numbered `number`.
pub async fn get(store: &dyn Store, number: u32) -> Result<Keyed<DecisionRecord>> {
    all(store)
        .await?
        .into_iter()
        .find(|r| r.record.decision.number == Some(number))
        .ok_or_else(|| AppError::not_found("decision", number))
}

/// One decision and its text as its file holds (or will hold) it.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub line: Line,
    pub decision: Decision,
    pub markdown: String,
    /// Whether the decision differs from its file (or has none yet).
    pub changed: bool,
}

pub async fn show(store: &dyn Store, number: u32, now: Timestamp) -> Result<Shown> {
    let today = profile::today(store, now).await?;
    let records = all(store).await?;
    let r = records
        .iter()
        .find(|r| r.record.decision.number == Some(number))
        .ok_or_else(|| AppError::not_found("decision", number))?;
    let others = entries(&records);
    let markdown = r.record.text(&others);
    Ok(Shown {
        line: line(r, today),
        decision: r.record.decision.clone(),
        changed: r.record.original.as_deref() != Some(markdown.as_str()),
        markdown,
    })
}

/// A new decision, as the flags and the form give it.
#[derive(Debug, Clone, Default)]
pub struct NewDecision {
    pub title: String,
    pub status: Option<Status>,
    pub context: String,
    pub deciders: Vec<String>,
    pub options: Vec<String>,
    pub outcome: String,
    pub consequences: String,
}

/// The layout a new decision takes: the one most decisions kept use, MADR 4 when there are
/// none.
fn house_format(records: &[Keyed<DecisionRecord>]) -> Format {
    let mut counts: Vec<(Format, usize)> = Format::ALL.iter().map(|f| (*f, 0)).collect();
    for r in records {
        if let Some(c) = counts.iter_mut().find(|(f, _)| *f == r.record.format) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(Format::Madr4, |(f, _)| *f)
}

/// The one folder every imported decision came from, when there is exactly one.
fn only_folder(records: &[Keyed<DecisionRecord>]) -> Option<String> {
    let mut folders: Vec<&String> = records
        .iter()
        .filter_map(|r| r.record.folder.as_ref())
        .collect();
    folders.sort();
    folders.dedup();
    match folders.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

pub async fn new(
    store: &dyn Store,
    new: NewDecision,
    now: Timestamp,
) -> Result<Keyed<DecisionRecord>> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(AppError::invalid(
            "title",
            "a decision needs a title, such as \"Use PostgreSQL for the ledger\"",
        ));
    }
    let records = all(store).await?;
    let number = records.iter().map(number_of).max().unwrap_or(0) + 1;
    let mut d = Decision::new(title);
    d.number = Some(number);
    d.status = Some(new.status.unwrap_or(Status::Proposed));
    d.date = Some(profile::today(store, now).await?);
    d.context = new.context.trim().to_string();
    d.deciders = clean(&new.deciders);
    d.options = clean(&new.options)
        .into_iter()
        .map(decisions::ConsideredOption::new)
        .collect();
    d.outcome = new.outcome.trim().to_string();
    d.consequences = new.consequences.trim().to_string();
    let record = DecisionRecord {
        decision: d,
        folder: only_folder(&records),
        file: None,
        format: house_format(&records),
        original: None,
    };
    Ok(store.add(&record).await?)
}

fn clean(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Sets a decision's status. Superseding goes through [`supersede`], which links both.
pub async fn set_status(
    store: &dyn Store,
    number: u32,
    status: Status,
) -> Result<Keyed<DecisionRecord>> {
    if status == Status::Superseded {
        return Err(AppError::invalid(
            "status",
            format!(
                "a decision is superseded by another one: use `fulcrum decisions supersede \
                 {number} --by M`, which links both"
            ),
        ));
    }
    let mut r = get(store, number).await?;
    r.record.decision.status = Some(status);
    store.update(r.id, &r.record).await?;
    Ok(r)
}

/// Marks decision `old` superseded by `new`, linked on both sides, in one write.
pub async fn supersede(
    store: &dyn Store,
    old: u32,
    new: u32,
) -> Result<(Keyed<DecisionRecord>, Keyed<DecisionRecord>)> {
    let mut o = get(store, old).await?;
    let mut n = get(store, new).await?;
    decisions::supersede(&mut o.record.decision, &mut n.record.decision)
        .map_err(|e| AppError::invalid("by", e.to_string()))?;
    store
        .write_records(&[
            update_change(o.id, &o.record)?,
            update_change(n.id, &n.record)?,
        ])
        .await?;
    Ok((o, n))
}

/// Edits a decision's text fields; `None` leaves one as it is.
#[derive(Debug, Clone, Default)]
pub struct DecisionEdit {
    pub title: Option<String>,
    pub context: Option<String>,
    pub outcome: Option<String>,
    pub consequences: Option<String>,
}

pub async fn edit(
    store: &dyn Store,
    number: u32,
    edit: DecisionEdit,
) -> Result<Keyed<DecisionRecord>> {
    let mut r = get(store, number).await?;
    let d = &mut r.record.decision;
    if let Some(t) = edit.title.map(|t| t.trim().to_string()) {
        if t.is_empty() {
            return Err(AppError::invalid("title", "a decision needs a title"));
        }
        d.title = t;
    }
    let set = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = v.trim().to_string();
        }
    };
    set(&mut d.context, edit.context);
    set(&mut d.outcome, edit.outcome);
    set(&mut d.consequences, edit.consequences);
    store.update(r.id, &r.record).await?;
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

fn folder_of(dir: &Path) -> Result<PathBuf> {
    let canonical = dir.canonicalize().map_err(|e| AppError::io(dir, e))?;
    if !canonical.is_dir() {
        return Err(AppError::invalid(
            "DIR",
            format!(
                "{} is not a folder: give the folder that holds the decision records",
                dir.display()
            ),
        ));
    }
    Ok(canonical)
}

/// Where teams keep their records inside a repository, most common first.
const CONVENTIONAL_FOLDERS: [&str; 9] = [
    "docs/adr",
    "doc/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "doc/architecture/decisions",
    "docs/architecture-decisions",
    "docs/adrs",
    "adr",
    "decisions",
];

/// A folder of records and its Markdown files, read once.
struct RecordsFolder {
    path: PathBuf,
    files: Vec<SourceFile>,
    /// Files that could not be read as text, with why.
    skipped: Vec<Skipped>,
}

impl RecordsFolder {
    fn read(path: PathBuf) -> Result<RecordsFolder> {
        let mut skipped = Vec::new();
        let files = read_folder(&path, &mut skipped)?;
        Ok(RecordsFolder {
            path,
            files,
            skipped,
        })
    }

    fn holds_records(&self) -> bool {
        self.files.iter().any(|f| f.parse().is_ok())
    }
}

/// The folder of records `dir` stands for, so that a repository's root can be given: the one
/// adr-tools' `.adr-dir` names; else `dir` itself when it holds a record; else the one
/// conventional subfolder (`docs/adr`, `doc/adr`, `docs/decisions`, …) that does; else `dir`
/// (a new folder).
fn records_folder(dir: &Path) -> Result<RecordsFolder> {
    let folder = folder_of(dir)?;
    if let Ok(text) = std::fs::read_to_string(folder.join(".adr-dir")) {
        let named = text.lines().next().unwrap_or_default().trim();
        let target = folder.join(named);
        if !named.is_empty() {
            let path = folder_of(&target).map_err(|_| {
                AppError::invalid(
                    "DIR",
                    format!(
                        "{} names the records' folder {named}, and {} is not a folder: correct \
                         .adr-dir, or give the records' folder itself",
                        folder.join(".adr-dir").display(),
                        target.display()
                    ),
                )
            })?;
            return RecordsFolder::read(path);
        }
    }
    let here = RecordsFolder::read(folder)?;
    if here.holds_records() {
        return Ok(here);
    }
    let mut found: Vec<RecordsFolder> = CONVENTIONAL_FOLDERS
        .iter()
        .map(|sub| here.path.join(sub))
        .filter(|p| p.is_dir())
        .filter_map(|p| RecordsFolder::read(folder_of(&p).ok()?).ok())
        .filter(RecordsFolder::holds_records)
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        _ => Ok(here),
    }
}

/// The `.md` files of a folder (not its subfolders), by name; files that are not UTF-8 are
/// skipped with why.
fn read_folder(dir: &Path, skipped: &mut Vec<Skipped>) -> Result<Vec<SourceFile>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| AppError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
        })
        .collect();
    names.sort();
    let mut files = Vec::new();
    for path in names {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(|e| AppError::io(&path, e))?;
        match String::from_utf8(bytes) {
            Ok(text) => files.push(SourceFile::new(name, text)),
            Err(_) => skipped.push(Skipped {
                file: name,
                why: "not UTF-8 text".into(),
            }),
        }
    }
    Ok(files)
}

/// Reads a folder of decision records as it is, in whichever layout each file has. Files that
/// are not records (the README, a template) or cannot be read are reported by name and left
/// alone. A file read before and not changed on disk keeps what was changed in Fulcrum; a file
/// changed on disk is read again. One write; re-running it changes nothing. `dir` may be the
/// repository's root ([`records_folder`]).
pub async fn import(store: &dyn Store, dir: &Path) -> Result<Imported> {
    let RecordsFolder {
        path: folder,
        files,
        mut skipped,
    } = records_folder(dir)?;
    let folder_name = folder.display().to_string();
    let format = decisions::detect_format(&files);
    let records = all(store).await?;
    let stored_here = |file: &str| {
        records.iter().find(|r| {
            r.record.folder.as_deref() == Some(folder_name.as_str())
                && r.record.file.as_deref() == Some(file)
        })
    };
    let mut parsed: Vec<Parsed> = Vec::new();
    for f in &files {
        match f.parse() {
            Ok(mut p) => {
                // A file numbered at an earlier import keeps its number.
                let stored = stored_here(&f.name).and_then(|r| r.record.decision.number);
                if let (None, Some(n)) = (p.decision().number, stored) {
                    p.renumber(n);
                }
                parsed.push(p)
            }
            Err(e) => skipped.push(Skipped {
                file: f.name.clone(),
                why: e.to_string(),
            }),
        }
    }
    decisions::number_unnumbered(&mut parsed);
    let parsed = without_duplicate_numbers(parsed, &mut skipped);
    refuse_clashes(&records, &folder_name, &parsed)?;
    let others: Vec<Entry> = parsed.iter().filter_map(Parsed::entry).collect();
    let mut changes: Vec<Change> = Vec::new();
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    for mut p in parsed {
        p.resolve(&others);
        let read = DecisionRecord {
            decision: p.decision().clone(),
            folder: Some(folder_name.clone()),
            file: Some(p.name().to_string()),
            format: p.format(),
            original: Some(p.text().to_string()),
        };
        match stored_here(p.name()) {
            None => {
                changes.push(add_change(&read)?);
                added += 1;
            }
            Some(r) if r.record.original.as_deref() == Some(p.text()) => unchanged += 1,
            Some(r) => {
                changes.push(update_change(r.id, &read)?);
                updated += 1;
            }
        }
    }
    store.write_records(&changes).await?;
    Ok(Imported {
        folder: folder_name,
        format,
        added,
        updated,
        unchanged,
        skipped,
    })
}

/// Two files of a folder with one number: the first (by name) is the decision, the other is
/// reported.
fn without_duplicate_numbers(parsed: Vec<Parsed>, skipped: &mut Vec<Skipped>) -> Vec<Parsed> {
    let mut kept: Vec<Parsed> = Vec::new();
    for p in parsed {
        let n = p.decision().number;
        match kept.iter().find(|k| k.decision().number == n) {
            Some(first) => skipped.push(Skipped {
                file: p.name().to_string(),
                why: format!(
                    "number {} is {}'s already: renumber one of the two files",
                    n.unwrap_or(0),
                    first.name()
                ),
            }),
            None => kept.push(p),
        }
    }
    kept
}

/// Fulcrum keeps one decision log: a number used by a decision of another folder is refused
/// before anything is written.
fn refuse_clashes(
    records: &[Keyed<DecisionRecord>],
    folder: &str,
    parsed: &[Parsed],
) -> Result<()> {
    for p in parsed {
        let n = p.decision().number;
        if let Some(r) = records
            .iter()
            .find(|r| r.record.decision.number == n && r.record.folder.as_deref() != Some(folder))
        {
            return Err(AppError::conflict(
                "decision",
                format!(
                    "{} is number {}, which {} already has ({}): Fulcrum keeps one decision \
                     log, so import one folder, or renumber the files first",
                    p.name(),
                    n.unwrap_or(0),
                    r.record
                        .file
                        .as_deref()
                        .unwrap_or("a decision made in Fulcrum"),
                    r.record.folder.as_deref().unwrap_or("not exported yet"),
                ),
            ));
        }
    }
    Ok(())
}

/// Where an export goes: the folder given, else the one folder decisions were imported from,
/// else `docs/decisions`.
pub async fn export_folder(store: &dyn Store, dir: Option<&Path>) -> Result<PathBuf> {
    Ok(match dir {
        Some(d) => d.to_path_buf(),
        None => only_folder(&all(store).await?)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_FOLDER)),
    })
}

/// Writes every decision into `dir`: a decision read from a file and not changed goes back
/// byte for byte, a changed one in its layout, a new one in the folder's layout (MADR 4 for a
/// new folder), named as the folder's records are (`NNNN-title-with-dashes.md` in a new one).
/// Files already holding the right text are not touched; each file is replaced in one step.
pub async fn export(store: &dyn Store, dir: Option<&Path>) -> Result<Exported> {
    let target = export_folder(store, dir).await?;
    std::fs::create_dir_all(&target).map_err(|e| AppError::io(&target, e))?;
    let RecordsFolder {
        path: folder,
        files: on_disk,
        ..
    } = records_folder(&target)?;
    let folder_name = folder.display().to_string();
    let mut records = all(store).await?;
    let here: Vec<&Keyed<DecisionRecord>> = records
        .iter()
        .filter(|r| r.record.folder.as_deref() == Some(folder_name.as_str()))
        .collect();
    let layout = if here.is_empty() {
        decisions::detect_format(&on_disk)
    } else {
        house_format(&here.into_iter().cloned().collect::<Vec<_>>())
    };
    // Decisions without a file take the folder's layout and its way of naming files now, so
    // that links to them are written with the file they will have.
    let naming = Naming::of_folder(on_disk.iter().map(|f| f.name.as_str()));
    let mut named = Vec::new();
    for r in records.iter_mut().filter(|r| r.record.file.is_none()) {
        named.push(r.id);
        r.record.format = layout;
        r.record.folder = Some(folder_name.clone());
        r.record.file = Some(r.record.new_file(&naming, number_of(r)));
    }
    let others = entries(&records);
    let mut written = Vec::new();
    let mut unchanged = 0;
    let mut changes = Vec::new();
    for r in &mut records {
        let Some(name) = r.record.file.clone() else {
            continue;
        };
        let text = r.record.text(&others);
        let path = folder.join(&name);
        let same = std::fs::read(&path)
            .ok()
            .is_some_and(|b| b == text.as_bytes());
        if same {
            unchanged += 1;
        } else {
            write_atomically(&path, &text)?;
            written.push(name);
        }
        if r.record.original.as_deref() != Some(text.as_str()) || named.contains(&r.id) {
            r.record.original = Some(text);
            changes.push(update_change(r.id, &r.record)?);
        }
    }
    store.write_records(&changes).await?;
    Ok(Exported {
        folder: folder_name,
        written,
        unchanged,
    })
}

fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).map_err(|e| AppError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| AppError::io(path, e))
}

/// The index as Markdown: every decision with its status, superseded ones struck through and
/// pointing at their successor, stale proposals flagged.
pub fn index_markdown(lines: &[Line]) -> String {
    let mut out =
        String::from("# Decisions\n\n| # | Decision | Status | Date |\n|---|---|---|---|\n");
    for l in lines {
        let title = match &l.file {
            Some(f) => format!(
                "[{}]({})",
                l.title.replace('|', "\\|"),
                Path::new(f)
                    .file_name()
                    .map_or(f.clone(), |n| n.to_string_lossy().into_owned())
            ),
            None => l.title.replace('|', "\\|"),
        };
        let title = if l.superseded_by.is_empty() {
            title
        } else {
            format!("~~{title}~~")
        };
        let mut status = l.status.map_or("—".to_string(), |s| s.to_string());
        if !l.superseded_by.is_empty() {
            let by: Vec<String> = l.superseded_by.iter().map(|n| format!("{n:04}")).collect();
            status = format!("superseded by {}", by.join(", "));
        }
        if l.stale {
            status.push_str(" (still proposed after 4 weeks)");
        }
        out.push_str(&format!(
            "| {:04} | {title} | {status} | {} |\n",
            l.number,
            l.date.map_or("—".into(), |d| d.to_string())
        ));
    }
    out
}
