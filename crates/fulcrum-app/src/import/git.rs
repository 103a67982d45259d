//! Git repositories: scanning for the user's commits, new ones only on re-runs.

use super::calendars::remember_failure;
use super::{GitImport, Progress};
use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::Profile;
use fulcrum_store::{NewSource, SourceKind, Store, StoredCommit};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Commits handed from the repository walk to the store at a time.
const COMMIT_BATCH: usize = 2000;

/// The scan cursor a git source keeps: the ref tips the last scan saw and the e-mails it
/// looked for.
///
/// Only the user's commits are stored, matched by their e-mails when the repository is read.
/// The tips alone cannot say whether an address added since was looked for: with them, the
/// next scan would find "no new commits" while the new address's commits sit in history
/// already read. So the cursor also records the e-mail set, and when the profile's set differs
/// (an address added or dropped, or a cursor written before this was recorded) the whole
/// history is read again and the repository's commits become exactly those of the current
/// addresses, new ones counted as new. The other design, storing every author's commits and
/// filtering at read time, would keep other people's names and messages in the store (tens
/// of thousands in a large repository) to save a rescan that happens only when the e-mails
/// change, and a full read is as fast as `git log`.
#[derive(Debug, Serialize, Deserialize)]
struct ScanCursor {
    #[serde(flatten)]
    refs: fulcrum_git::Cursor,
    /// Sorted, lower-case; absent in cursors of earlier versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    emails: Option<Vec<String>>,
}

/// The profile's e-mails as a cursor records them.
fn email_set(profile: &Profile) -> Vec<String> {
    let mut emails: Vec<String> = profile
        .emails
        .iter()
        .map(|e| e.trim().to_lowercase())
        .collect();
    emails.sort();
    emails.dedup();
    emails
}

/// Imports the user's commits from a git repository (work tree or bare), incrementally. The
/// walk runs on a blocking thread and hands batches to the store as it goes, so reading the
/// repository and writing the store overlap; it is still one transaction.
pub async fn git(store: &dyn Store, path: &Path, progress: Progress) -> Result<GitImport> {
    let profile = profile::require(store).await?;
    let shown = path.display().to_string();
    tracing::info!(path = %shown, "importing a git repository");
    let canonical = std::fs::canonicalize(path).map_err(|e| AppError::Git {
        path: shown.clone(),
        message: format!(
            "cannot open the repository: {e}; pass the repository's top folder or a bare repository"
        ),
    })?;
    let location = canonical.display().to_string();
    let known = store.source_by_location(&location).await?;
    let emails = email_set(&profile);
    // A cursor is only good for the e-mails it was made with (see `ScanCursor`).
    let cursor: Option<fulcrum_git::Cursor> = known
        .as_ref()
        .and_then(|s| s.git_cursor.as_deref())
        .and_then(|c| serde_json::from_str::<ScanCursor>(c).ok())
        .filter(|c| c.emails.as_ref() == Some(&emails))
        .map(|c| c.refs);
    let full = cursor.is_none();
    let source = NewSource {
        kind: SourceKind::Git,
        name: canonical.file_name().map_or_else(
            || location.clone(),
            |n| n.to_string_lossy().trim_end_matches(".git").to_string(),
        ),
        location: location.clone(),
        etag: None,
        last_modified: None,
    };

    let identity = fulcrum_git::Identity::new(profile.emails.iter().cloned());
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<StoredCommit>>(4);
    let walk = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(COMMIT_BATCH);
        let mut sink = |c: fulcrum_git::Commit| {
            batch.push(stored_commit(c));
            if batch.len() == COMMIT_BATCH {
                // A closed channel means the store gave up; the walk's result is unused then.
                let _ = tx.blocking_send(std::mem::replace(
                    &mut batch,
                    Vec::with_capacity(COMMIT_BATCH),
                ));
            }
        };
        let summary = fulcrum_git::scan_each(
            &canonical,
            &identity,
            cursor.as_ref(),
            &mut |n| progress(n),
            &mut sink,
        );
        if !batch.is_empty() {
            let _ = tx.blocking_send(batch);
        }
        summary
    });

    let mut import = if full {
        store.begin_commit_rescan(&source).await?
    } else {
        store.begin_commits(&source).await?
    };
    let (mut new_commits, mut found) = (0u64, 0usize);
    while let Some(batch) = rx.recv().await {
        found += batch.len();
        new_commits += import.add(&batch).await?;
    }
    let summary = match walk.await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            drop(import);
            return Err(remember_failure(store, &location, e.into()).await);
        }
        Err(e) => {
            return Err(AppError::Git {
                path: shown,
                message: e.to_string(),
            });
        }
    };
    if let (true, Some(source)) = (summary.unchanged, &known) {
        // Nothing moved: leave the store exactly as it was.
        drop(import);
        return Ok(GitImport {
            source: source.clone(),
            new_commits: 0,
            unchanged: true,
            rescanned: false,
        });
    }
    // A full read counts the whole history; an incremental one adds what is new to it.
    let total = if full {
        Some(summary.examined)
    } else {
        known
            .as_ref()
            .and_then(|k| k.repository_commits)
            .map(|t| t + summary.examined)
    };
    if let Some(total) = total {
        import.set_repository_commits(total).await?;
    }
    let cursor = serde_json::to_string(&ScanCursor {
        refs: summary.cursor,
        emails: Some(emails),
    })
    .unwrap_or_default();
    let outcome = format!("{found} of your commits found, {new_commits} new");
    let source = import.finish(&cursor, &outcome).await?;
    Ok(GitImport {
        source,
        new_commits,
        unchanged: false,
        rescanned: full && known.is_some(),
    })
}

fn stored_commit(c: fulcrum_git::Commit) -> StoredCommit {
    StoredCommit {
        oid: c.id,
        source_id: 0,
        author_at: c.author_time,
        author_offset: c.author_offset_seconds,
        email: c.author_email,
        summary: c.summary,
    }
}
