//! Importing sources: calendar files, folders and subscriptions, and git repositories.
//!
//! Every import of one source is one store transaction: a file that fails to parse changes
//! nothing, and re-importing the same or an updated file replaces its events. A folder is a
//! source of its own whose files are imported together, in one transaction: a refresh reads
//! the files added to it and removes, with their events, the files gone from it.

mod calendars;
mod git;
mod subscription;

pub use calendars::{calendar, calendar_upload, parse};
pub use git::git;

use crate::error::Result;
use crate::markdown::plural;
use fulcrum_calendar::{Warning, WarningKind};
use fulcrum_core::time;
use fulcrum_store::{Source, SourceKind, Store};
use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// How far back and ahead calendar series are expanded. A refresh moves the window on.
pub const HORIZON_PAST_YEARS: i64 = 10;
pub const HORIZON_FUTURE_YEARS: i64 = 1;

/// Largest calendar file or download accepted.
pub const MAX_CALENDAR_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize)]
pub struct CalendarImport {
    pub source: Source,
    /// Occurrences stored for the source.
    pub events: usize,
    /// What was skipped, ignored or cut short, each with its line and UID.
    pub warnings: Vec<String>,
    /// The same warnings counted by what they cost.
    pub left_out: LeftOut,
    /// The subscription answered "not modified": nothing was read.
    pub unchanged: bool,
    /// Why nothing could be imported from the file (every event was skipped), when that is
    /// so: its events were left as they were and the import counts as failed.
    pub problem: Option<String>,
    /// The file is gone from its folder: its source and events were removed.
    pub removed: bool,
}

/// What an import left out, counted from the kind of each warning, so a summary says
/// "1 property ignored" rather than calling every warning a skipped component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Events skipped whole (an unreadable date, zone or rule).
    pub events_skipped: usize,
    /// Unreadable lines dropped from components that were kept.
    pub properties_ignored: usize,
    /// Events whose recurrence an expansion limit cut short.
    pub events_cut_short: usize,
    /// Events not expanded at all because the calendar reached an expansion limit.
    pub events_not_expanded: usize,
    /// Recurrence rules that can never occur (their events keep DTSTART).
    pub rules_never_occurring: usize,
}

impl LeftOut {
    pub fn of<'w>(warnings: impl IntoIterator<Item = &'w Warning>) -> LeftOut {
        let mut n = LeftOut::default();
        for w in warnings {
            match w.kind {
                WarningKind::EventSkipped => n.events_skipped += 1,
                WarningKind::PropertyIgnored => n.properties_ignored += 1,
                WarningKind::Truncated => n.events_cut_short += 1,
                WarningKind::NotExpanded { events } => n.events_not_expanded += events,
                WarningKind::NeverOccurs => n.rules_never_occurring += 1,
            }
        }
        n
    }

    fn add(&mut self, o: &LeftOut) {
        self.events_skipped += o.events_skipped;
        self.properties_ignored += o.properties_ignored;
        self.events_cut_short += o.events_cut_short;
        self.events_not_expanded += o.events_not_expanded;
        self.rules_never_occurring += o.rules_never_occurring;
    }

    pub fn is_empty(&self) -> bool {
        *self == LeftOut::default()
    }

    /// `1 property ignored; 2 events skipped`, or nothing when nothing was left out.
    pub fn describe(&self) -> String {
        let parts = [
            (self.events_skipped, "event skipped", "events skipped"),
            (
                self.properties_ignored,
                "property ignored",
                "properties ignored",
            ),
            (self.events_cut_short, "event cut short", "events cut short"),
            (
                self.events_not_expanded,
                "event not expanded",
                "events not expanded",
            ),
            (
                self.rules_never_occurring,
                "rule that can never occur",
                "rules that can never occur",
            ),
        ];
        parts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|&(n, one, many)| plural(n, one, many))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `3 occurrences` or `3 occurrences; 1 property ignored`.
pub fn occurrences_outcome(occurrences: usize, left_out: &LeftOut) -> String {
    let n = plural(occurrences, "occurrence", "occurrences");
    if left_out.is_empty() {
        n
    } else {
        format!("{n}; {}", left_out.describe())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GitImport {
    pub source: Source,
    pub new_commits: u64,
    /// The repository had no new commits since the last scan.
    pub unchanged: bool,
    /// A repository scanned before was read again from the start, because the e-mails that
    /// are you changed since its last scan.
    pub rescanned: bool,
}

/// Reports progress of long work (commits walked, files read).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

pub fn no_progress() -> Progress {
    Arc::new(|_| {})
}

/// What `fulcrum refresh` did for one source.
#[derive(Debug, Clone, Serialize)]
pub struct Refreshed {
    pub source: String,
    pub ok: bool,
    pub result: String,
}

/// Re-imports every known source: subscriptions are re-fetched, files re-read, repositories
/// rescanned. One source failing does not stop the others.
pub async fn refresh_all(
    store: &dyn Store,
    now: Timestamp,
    progress: Progress,
) -> Result<Vec<Refreshed>> {
    let mut out = Vec::new();
    for s in store.sources().await? {
        if s.parent_id.is_some() {
            // A file of a folder is read when its folder is.
            continue;
        }
        let result = match s.kind {
            SourceKind::Git => git(store, Path::new(&s.location), progress.clone())
                .await
                .map(|g| (true, describe_git(&g))),
            SourceKind::CalendarFile if s.location.starts_with("upload:") => Ok((
                true,
                "uploaded: upload the file again to update it".to_string(),
            )),
            SourceKind::CalendarFile | SourceKind::CalendarUrl | SourceKind::CalendarFolder => {
                calendar(store, &s.location, now).await.map(|imports| {
                    (
                        imports.iter().all(|i| i.problem.is_none()),
                        describe_calendar(&imports),
                    )
                })
            }
        };
        out.push(match result {
            Ok((ok, r)) => Refreshed {
                source: s.location,
                ok,
                result: r,
            },
            Err(e) => Refreshed {
                source: s.location,
                ok: false,
                result: e.to_string(),
            },
        });
    }
    Ok(out)
}

/// `no new commits`, `3 new commits`, or, after a full read, what caused it.
pub fn describe_git(g: &GitImport) -> String {
    let new = plural(g.new_commits, "new commit", "new commits");
    if g.unchanged {
        "no new commits".into()
    } else if g.rescanned {
        format!("{new} (the whole history was read again for your current e-mails)")
    } else {
        new
    }
}

/// What a calendar import did, in one line: occurrences and what was left out, files of a
/// folder added and removed, and the files nothing could be imported from.
pub fn describe_calendar(imports: &[CalendarImport]) -> String {
    if imports.iter().all(|i| i.unchanged) {
        return "not modified".into();
    }
    let events: usize = imports.iter().map(|i| i.events).sum();
    let mut left_out = LeftOut::default();
    for i in imports {
        left_out.add(&i.left_out);
    }
    let mut s = occurrences_outcome(events, &left_out);
    let removed: Vec<&str> = imports
        .iter()
        .filter(|i| i.removed)
        .map(|i| i.source.name.as_str())
        .collect();
    if !removed.is_empty() {
        s.push_str(&format!(
            "; gone from the folder, removed with their events: {}",
            removed.join(", ")
        ));
    }
    for i in imports {
        if let Some(p) = &i.problem {
            s.push_str(&format!("; {}: {p}", i.source.name));
        }
    }
    s
}

/// The local date range a calendar import covers, for messages.
pub fn horizon(now: Timestamp, tz: &jiff::tz::TimeZone) -> (jiff::civil::Date, jiff::civil::Date) {
    let today = time::local_date(now, tz);
    (
        today
            .checked_sub((HORIZON_PAST_YEARS as i32).years())
            .unwrap_or(today),
        today
            .checked_add((HORIZON_FUTURE_YEARS as i32).years())
            .unwrap_or(today),
    )
}
