//! The sources the user imported, with what each holds, and removing one with what it brought.

use crate::error::{AppError, Result};
use crate::markdown::plural;
use fulcrum_core::time;
use fulcrum_store::{Source, SourceKind, SourceRemoval, Store};
use serde::Serialize;

/// A source and how many events and commits it holds (`fulcrum sources --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    #[serde(flatten)]
    pub source: Source,
    /// Occurrences stored for it (for a folder, those of its files).
    pub events: u64,
    /// The user's commits the repository holds (a commit two clones hold counts in both).
    pub commits: u64,
    /// `ok`, `failed` (the last import failed or gave nothing usable: see `problem`),
    /// `problem` (a folder some of whose files failed) or `never` (not imported yet).
    pub status: &'static str,
    /// What is wrong, in words, when `status` is not `ok`.
    pub problem: Option<String>,
}

impl SourceLine {
    /// The status as a short word for a table or a badge.
    pub fn status_label(&self) -> &'static str {
        match self.status {
            "failed" => "failed",
            "problem" => "problem",
            "never" => "—",
            _ => "ok",
        }
    }

    /// `1 204 of 80 030 commits are yours`, for a repository; `None` for a calendar.
    pub fn commits_sentence(&self) -> Option<String> {
        if self.source.kind != SourceKind::Git {
            return None;
        }
        let mine = self.commits;
        Some(match self.source.repository_commits {
            Some(total) if mine == 1 && total == 1 => "its 1 commit is yours".into(),
            Some(total) => format!(
                "{} of {} {} yours",
                grouped(mine),
                grouped(total.max(mine)),
                if total.max(mine) == 1 {
                    "commit is"
                } else {
                    "commits are"
                }
            ),
            None => format!(
                "{} {} of yours (the repository's total is counted at its next refresh)",
                grouped(mine),
                if mine == 1 { "commit" } else { "commits" }
            ),
        })
    }
}

/// `80030` as `80 030`: counts as the import messages print them.
pub use fulcrum_calendar::grouped;

/// Every source, each folder followed by its files.
pub async fn list(store: &dyn Store) -> Result<Vec<SourceLine>> {
    let counts = store.source_counts().await?;
    let sources = store.sources().await?;
    let count = |id: i64| {
        counts
            .iter()
            .find(|c| c.0 == id)
            .map_or((0, 0), |c| (c.1, c.2))
    };
    let line = |source: Source| {
        let (events, commits) = count(source.id);
        let (status, problem) = match source.last_ok {
            None => ("never", Some("not imported yet".to_string())),
            Some(false) => ("failed", source.last_result.clone()),
            Some(true) => ("ok", None),
        };
        SourceLine {
            source,
            events,
            commits,
            status,
            problem,
        }
    };
    let mut out = Vec::with_capacity(sources.len());
    for s in sources.iter().filter(|s| s.parent_id.is_none()) {
        let mut top = line(s.clone());
        let files: Vec<SourceLine> = sources
            .iter()
            .filter(|f| f.parent_id == Some(s.id))
            .map(|f| line(f.clone()))
            .collect();
        if s.kind == SourceKind::CalendarFolder {
            top.events = files.iter().map(|f| f.events).sum();
            let failed: Vec<&str> = files
                .iter()
                .filter(|f| f.status == "failed")
                .map(|f| f.source.name.as_str())
                .collect();
            if top.status == "ok" && !failed.is_empty() {
                top.status = "problem";
                top.problem = Some(format!(
                    "nothing could be imported from {} of its {}: {}",
                    failed.len(),
                    plural(files.len(), "file", "files"),
                    failed.join(", ")
                ));
            }
        }
        out.push(top);
        out.extend(files);
    }
    Ok(out)
}

/// Finds a source by its id, its name or its location, as `fulcrum sources` shows them.
pub async fn find(store: &dyn Store, what: &str) -> Result<Source> {
    let what = what.trim();
    let sources = store.sources().await?;
    if let Ok(id) = what.parse::<i64>()
        && let Some(s) = sources.iter().find(|s| s.id == id)
    {
        return Ok(s.clone());
    }
    let mut found: Vec<&Source> = sources
        .iter()
        .filter(|s| s.location == what || s.name == what)
        .collect();
    if found.is_empty() {
        found = sources
            .iter()
            .filter(|s| s.name.eq_ignore_ascii_case(what))
            .collect();
    }
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(AppError::not_found("source", format!("{what:?}"))),
        many => Err(AppError::invalid(
            "source",
            format!(
                "{} sources are called {what:?}: {}; give the id of the one you mean",
                many.len(),
                many.iter()
                    .map(|s| format!("{} ({})", s.id, s.location))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// What removing a source takes with it (`fulcrum sources remove … --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct Removal {
    pub source: Source,
    /// True once the source is removed; false for a preview.
    pub removed: bool,
    #[serde(flatten)]
    pub counts: SourceRemoval,
    /// The ISO weeks (in your time zone) whose reports change, oldest first.
    pub weeks: Vec<String>,
}

impl Removal {
    /// `4 events (52 occurrences) and 12 commits, in 9 weeks from 2026-W01 to 2026-W10`.
    pub fn describe(&self) -> String {
        let c = &self.counts;
        let mut parts = Vec::new();
        if c.files > 0 {
            parts.push(plural(c.files, "calendar file", "calendar files"));
        }
        if c.occurrences > 0 || self.source.kind != SourceKind::Git {
            parts.push(format!(
                "{} ({})",
                plural(c.events, "event", "events"),
                plural(c.occurrences, "occurrence", "occurrences")
            ));
        }
        if c.commits > 0 || self.source.kind == SourceKind::Git {
            parts.push(plural(c.commits, "commit", "commits"));
        }
        let mut s = join_and(&parts);
        s.push_str(&match self.weeks.as_slice() {
            [] => ", in no week".to_string(),
            [w] => format!(", in the week {w}"),
            [first, .., last] => format!(
                ", in {} from {first} to {last}",
                plural(self.weeks.len(), "week", "weeks")
            ),
        });
        if c.commits_kept > 0 {
            s.push_str(&format!(
                "; {} another repository also holds stay",
                plural(c.commits_kept, "commit", "commits")
            ));
        }
        s
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => "nothing".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Source `id`, when it may be removed: a file read from a folder comes back on the folder's
/// next refresh, so it cannot be removed on its own.
async fn removable(store: &dyn Store, id: i64) -> Result<Source> {
    let source = crate::lookup::found(store.source(id).await?, id)?;
    let Some(folder) = source.parent_id else {
        return Ok(source);
    };
    let folder = store
        .source(folder)
        .await?
        .map_or_else(|| format!("source {folder}"), |f| f.location);
    Err(AppError::conflict(
        "file of a folder",
        format!(
            "{} is read from the folder {folder}: take the file out of the folder and refresh \
             the folder, or remove the whole folder",
            source.name
        ),
    ))
}

async fn weeks(store: &dyn Store, times: &[i64]) -> Result<Vec<String>> {
    let tz = match store.profile().await? {
        Some(p) => p.tz(),
        None => jiff::tz::TimeZone::UTC,
    };
    let mut weeks: Vec<String> = Vec::new();
    for &t in times {
        let Ok(ts) = jiff::Timestamp::from_second(t) else {
            continue;
        };
        let week = time::iso_week_label(time::week_start(time::local_date(ts, &tz)));
        // `times` is sorted, so equal weeks are neighbours.
        if weeks.last() != Some(&week) {
            weeks.push(week);
        }
    }
    Ok(weeks)
}

/// The removal of `source` as `counts` says, with the weeks it touches.
async fn removal(
    store: &dyn Store,
    source: Source,
    counts: SourceRemoval,
    removed: bool,
) -> Result<Removal> {
    let weeks = weeks(store, &counts.times).await?;
    Ok(Removal {
        source,
        removed,
        counts,
        weeks,
    })
}

/// What removing source `id` would take, without changing anything.
pub async fn removal_preview(store: &dyn Store, id: i64) -> Result<Removal> {
    let source = removable(store, id).await?;
    let counts = store.source_removal(id).await?;
    removal(store, source, counts, false).await
}

/// Removes source `id` and what it brought, in one transaction; returns what went.
pub async fn remove(store: &dyn Store, id: i64) -> Result<Removal> {
    let source = removable(store, id).await?;
    let counts = store.remove_source(id).await?;
    removal(store, source, counts, true).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1204), "1 204");
        assert_eq!(grouped(80030), "80 030");
        assert_eq!(grouped(1_000_000), "1 000 000");
    }
}
