//! The SQL of sources and what they hold: calendar events, commits, folder imports, failed
//! imports and removing a source with what it holds. A source is its owner's; its events and
//! commit links are owned through it.

use super::dialect::{DB, DbConnection, DbPool, DbRow};
use super::{BATCH, Db, all, begin_write, now};
use crate::{
    CommitImport, FolderFile, NewSource, Result, Source, SourceKind, SourceRemoval, SourceStore,
    StoreError, StoredCommit, StoredEvent, StoredFolder,
};
use async_trait::async_trait;
use sqlx::{QueryBuilder, Row, Transaction};

/// The columns `source_from_row` reads, kept in a macro so queries stay static strings.
macro_rules! source_columns {
    () => {
        "id, kind, location, name, etag, last_modified, git_cursor, last_import_at, last_ok, last_result, parent_id, repository_commits"
    };
}

/// The columns of an event, as `put_events` writes and `event_from_row` reads them.
macro_rules! event_columns {
    () => {
        "source_id, uid, recurrence_id, start_at, end_at, all_day, title, status, my_response,
         others, attendees, organizer, show_as"
    };
}

fn source_from_row(row: &DbRow) -> Result<Source> {
    let kind: String = row.try_get("kind")?;
    Ok(Source {
        id: row.try_get("id")?,
        kind: SourceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
            what: "source kind",
            message: kind.clone(),
        })?,
        location: row.try_get("location")?,
        name: row.try_get("name")?,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        git_cursor: row.try_get("git_cursor")?,
        last_import_at: row.try_get("last_import_at")?,
        last_ok: row.try_get::<Option<i64>, _>("last_ok")?.map(|v| v != 0),
        last_result: row.try_get("last_result")?,
        parent_id: row.try_get("parent_id")?,
        repository_commits: row
            .try_get::<Option<i64>, _>("repository_commits")?
            .map(|n| n.max(0) as u64),
    })
}

/// The rows of `events` that belong to source `$1` or to a file of folder `$1`. (Fragments
/// are macros so that every query stays a static string.)
macro_rules! events_of {
    () => {
        "(source_id = $1 OR source_id IN (SELECT id FROM sources WHERE parent_id = $1))"
    };
}

/// Commits of source `$1` (linked to it, or stored under it)...
macro_rules! commits_of {
    () => {
        "(c.source_id = $1 OR EXISTS (SELECT 1 FROM commit_sources l WHERE l.oid = c.oid AND l.source_id = $1))"
    };
}

/// ...that another source holds too.
macro_rules! held_elsewhere {
    () => {
        "EXISTS (SELECT 1 FROM commit_sources o WHERE o.oid = c.oid AND o.source_id <> $1)"
    };
}

/// Source `id` when it is `owner`'s.
async fn source(conn: &mut DbConnection, owner: i64, id: i64) -> Result<Option<Source>> {
    sqlx::query(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources WHERE id = $1 AND owner_id = $2"
    ))
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(source_from_row)
    .transpose()
}

async fn count(conn: &mut DbConnection, sql: &'static str, id: i64) -> Result<u64> {
    let n: i64 = sqlx::query(sql)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    Ok(n.max(0) as u64)
}

/// What removing source `id` takes, counted on `conn` (inside the removal's transaction when
/// it is one).
async fn removal(conn: &mut DbConnection, owner: i64, id: i64) -> Result<SourceRemoval> {
    if source(conn, owner, id).await?.is_none() {
        return Err(StoreError::NotFound { what: "source", id });
    }
    let files = count(
        conn,
        "SELECT COUNT(*) FROM sources WHERE parent_id = $1",
        id,
    )
    .await?;
    let events = count(
        conn,
        concat!(
            "SELECT COUNT(*) FROM (SELECT DISTINCT source_id, uid FROM events WHERE ",
            events_of!(),
            ") AS d"
        ),
        id,
    )
    .await?;
    let occurrences = count(
        conn,
        concat!("SELECT COUNT(*) FROM events WHERE ", events_of!()),
        id,
    )
    .await?;
    let commits = count(
        conn,
        concat!(
            "SELECT COUNT(*) FROM commits c WHERE ",
            commits_of!(),
            " AND NOT ",
            held_elsewhere!()
        ),
        id,
    )
    .await?;
    let commits_kept = count(
        conn,
        concat!(
            "SELECT COUNT(*) FROM commits c WHERE ",
            commits_of!(),
            " AND ",
            held_elsewhere!()
        ),
        id,
    )
    .await?;
    let mut times: Vec<i64> = sqlx::query(concat!(
        "SELECT start_at FROM events WHERE ",
        events_of!(),
        " UNION ALL SELECT c.author_at FROM commits c WHERE ",
        commits_of!(),
        " AND NOT ",
        held_elsewhere!()
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<std::result::Result<_, _>>()?;
    times.sort_unstable();
    Ok(SourceRemoval {
        files,
        events,
        occurrences,
        commits,
        commits_kept,
        times,
    })
}

async fn source_removal(pool: &DbPool, owner: i64, id: i64) -> Result<SourceRemoval> {
    let mut conn = pool.acquire().await?;
    removal(&mut conn, owner, id).await
}

async fn remove_source(pool: &DbPool, owner: i64, id: i64) -> Result<SourceRemoval> {
    let mut tx = begin_write(pool).await?;
    let gone = removal(&mut tx, owner, id).await?;
    // A commit a clone also holds moves to that clone before its row could go with the source.
    sqlx::query(
        "UPDATE commits SET source_id = (SELECT MIN(o.source_id) FROM commit_sources o
                                         WHERE o.oid = commits.oid AND o.source_id <> $1)
         WHERE source_id = $1
           AND EXISTS (SELECT 1 FROM commit_sources o WHERE o.oid = commits.oid AND o.source_id <> $1)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(concat!(
        "DELETE FROM commits WHERE oid IN (SELECT c.oid FROM commits c WHERE ",
        commits_of!(),
        " AND NOT ",
        held_elsewhere!(),
        ")"
    ))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    // The rest goes with the source: the files of a folder, events and commit links.
    sqlx::query("DELETE FROM sources WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(gone)
}

/// Marks the last import of source `id` as failed with `message` and returns the source.
async fn fail_import(
    tx: &mut Transaction<'_, DB>,
    owner: i64,
    id: i64,
    message: &str,
) -> Result<Source> {
    sqlx::query(
        "UPDATE sources SET last_import_at = $1, last_ok = 0, last_result = $2 WHERE id = $3",
    )
    .bind(now())
    .bind(message)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    source(tx, owner, id)
        .await?
        .ok_or(StoreError::NotFound { what: "source", id })
}

async fn record_problem(pool: &DbPool, owner: i64, s: &NewSource, message: &str) -> Result<Source> {
    let mut tx = begin_write(pool).await?;
    let id = upsert_source(&mut tx, owner, s).await?;
    let stored = fail_import(&mut tx, owner, id, message).await?;
    tx.commit().await?;
    Ok(stored)
}

async fn replace_folder(
    pool: &DbPool,
    owner: i64,
    folder: &NewSource,
    files: &[FolderFile],
    outcome: &str,
) -> Result<StoredFolder> {
    let mut tx = begin_write(pool).await?;
    let folder_id = upsert_source(&mut tx, owner, folder).await?;
    let mut stored = Vec::with_capacity(files.len());
    for f in files {
        let id = upsert_source(&mut tx, owner, &f.source).await?;
        sqlx::query("UPDATE sources SET parent_id = $1 WHERE id = $2")
            .bind(folder_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        stored.push(if f.ok {
            put_events(&mut tx, id, &f.events).await?;
            finish_import(&mut tx, id, &f.outcome).await?
        } else {
            fail_import(&mut tx, owner, id, &f.outcome).await?
        });
    }
    let kept: Vec<i64> = stored.iter().map(|s| s.id).collect();
    let removed: Vec<Source> = sqlx::query(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources WHERE parent_id = $1 ORDER BY id"
    ))
    .bind(folder_id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(source_from_row)
    .collect::<Result<Vec<_>>>()?
    .into_iter()
    .filter(|s| !kept.contains(&s.id))
    .collect();
    for s in &removed {
        // Its events go with it (ON DELETE CASCADE).
        sqlx::query("DELETE FROM sources WHERE id = $1")
            .bind(s.id)
            .execute(&mut *tx)
            .await?;
    }
    let folder = finish_import(&mut tx, folder_id, outcome).await?;
    tx.commit().await?;
    Ok(StoredFolder {
        folder,
        files: stored,
        removed,
    })
}

/// The source with this location, created or updated with the given name and validators.
async fn upsert_source(tx: &mut Transaction<'_, DB>, owner: i64, s: &NewSource) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO sources (kind, location, name, etag, last_modified, owner_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (owner_id, location) DO UPDATE SET name = excluded.name, etag = excluded.etag,
             last_modified = excluded.last_modified
         RETURNING id",
    )
    .bind(s.kind.as_str())
    .bind(&s.location)
    .bind(&s.name)
    .bind(&s.etag)
    .bind(&s.last_modified)
    .bind(owner)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}

/// Replaces the events of source `id` with `events`.
async fn put_events(tx: &mut Transaction<'_, DB>, id: i64, events: &[StoredEvent]) -> Result<()> {
    sqlx::query("DELETE FROM events WHERE source_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    // The same instance twice in one file (a duplicated VEVENT) keeps the last one. Said
    // here rather than with ON CONFLICT: PostgreSQL refuses a row updated twice by one
    // statement.
    let mut last = std::collections::HashMap::new();
    for (i, e) in events.iter().enumerate() {
        last.insert((e.uid.as_str(), e.recurrence_id.as_str()), i);
    }
    let events: Vec<&StoredEvent> = events
        .iter()
        .enumerate()
        .filter(|(i, e)| last[&(e.uid.as_str(), e.recurrence_id.as_str())] == *i)
        .map(|(_, e)| e)
        .collect();
    for chunk in events.chunks(BATCH) {
        let mut qb: QueryBuilder<DB> =
            QueryBuilder::new(concat!("INSERT INTO events (", event_columns!(), ") "));
        qb.push_values(chunk, |mut b, e| {
            b.push_bind(id)
                .push_bind(&e.uid)
                .push_bind(&e.recurrence_id)
                .push_bind(e.start_at)
                .push_bind(e.end_at)
                .push_bind(i64::from(e.all_day))
                .push_bind(&e.title)
                .push_bind(&e.status)
                .push_bind(&e.my_response)
                .push_bind(i64::from(e.others))
                .push_bind(serde_json::to_string(&e.attendees).unwrap_or_else(|_| "[]".into()))
                .push_bind(&e.organizer)
                .push_bind(&e.show_as);
        });

        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn finish_import(tx: &mut Transaction<'_, DB>, id: i64, outcome: &str) -> Result<Source> {
    sqlx::query(
        "UPDATE sources SET last_import_at = $1, last_ok = 1, last_result = $2 WHERE id = $3",
    )
    .bind(now())
    .bind(outcome)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    let row = sqlx::query(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    source_from_row(&row)
}

/// A LIKE pattern that matches any text holding `email`, whatever the case: ASCII letters in
/// lower case (both backends' LOWER folds those alike), any other character as `_` (one
/// character, folded or not), and LIKE's own characters escaped.
fn like_pattern(email: &str) -> String {
    let mut p = String::from("%");
    for c in email.chars() {
        match c {
            '%' | '_' | '\\' => {
                p.push('\\');
                p.push(c);
            }
            c if c.is_ascii() => p.push(c.to_ascii_lowercase()),
            _ => p.push('_'),
        }
    }
    p.push('%');
    p
}

fn event_from_row(row: &DbRow) -> Result<StoredEvent> {
    let attendees: String = row.try_get("attendees")?;
    Ok(StoredEvent {
        source_id: row.try_get("source_id")?,
        uid: row.try_get("uid")?,
        recurrence_id: row.try_get("recurrence_id")?,
        start_at: row.try_get("start_at")?,
        end_at: row.try_get("end_at")?,
        all_day: row.try_get::<i64, _>("all_day")? != 0,
        show_as: row.try_get("show_as")?,
        title: row.try_get("title")?,
        status: row.try_get("status")?,
        my_response: row.try_get("my_response")?,
        others: row.try_get::<i64, _>("others")?.try_into().unwrap_or(0),
        attendees: serde_json::from_str(&attendees).map_err(|e| StoreError::Corrupt {
            what: "attendee list",
            message: e.to_string(),
        })?,
        organizer: row.try_get("organizer")?,
    })
}

struct TxCommitImport {
    tx: Transaction<'static, DB>,
    id: i64,
    /// A scan of the whole history: commits this import does not add are no longer the
    /// source's when it finishes.
    rescan: bool,
}

#[async_trait]
impl CommitImport for TxCommitImport {
    async fn add(&mut self, commits: &[StoredCommit]) -> Result<u64> {
        let mut added = 0;
        for chunk in commits.chunks(BATCH) {
            let mut qb: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO commits (oid, source_id, author_at, author_offset, email, summary) ",
            );
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(&c.oid)
                    .push_bind(self.id)
                    .push_bind(c.author_at)
                    .push_bind(i64::from(c.author_offset))
                    .push_bind(&c.email)
                    .push_bind(&c.summary);
            });
            qb.push(" ON CONFLICT (oid) DO NOTHING");
            added += qb.build().execute(&mut *self.tx).await?.rows_affected();
            // Every repository a commit is seen in is remembered, so removing one clone
            // keeps what another still holds.
            let mut links: QueryBuilder<DB> =
                QueryBuilder::new("INSERT INTO commit_sources (oid, source_id) ");
            links.push_values(chunk, |mut b, c| {
                b.push_bind(&c.oid).push_bind(self.id);
            });
            links.push(" ON CONFLICT (source_id, oid) DO NOTHING");
            links.build().execute(&mut *self.tx).await?;
        }
        Ok(added)
    }

    async fn set_repository_commits(&mut self, total: u64) -> Result<()> {
        sqlx::query("UPDATE sources SET repository_commits = $1 WHERE id = $2")
            .bind(i64::try_from(total).unwrap_or(i64::MAX))
            .bind(self.id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn finish(mut self: Box<Self>, cursor: &str, outcome: &str) -> Result<Source> {
        if self.rescan {
            // Commits the scan no longer found (an address the user dropped, rewritten
            // history) go, unless another repository holds them: then they move to it.
            sqlx::query(
                "DELETE FROM commits WHERE source_id = $1
                   AND NOT EXISTS (SELECT 1 FROM commit_sources l WHERE l.oid = commits.oid)",
            )
            .bind(self.id)
            .execute(&mut *self.tx)
            .await?;
            sqlx::query(
                "UPDATE commits SET source_id = (SELECT MIN(l.source_id) FROM commit_sources l
                                                 WHERE l.oid = commits.oid)
                 WHERE source_id = $1
                   AND NOT EXISTS (SELECT 1 FROM commit_sources l
                                   WHERE l.oid = commits.oid AND l.source_id = $1)",
            )
            .bind(self.id)
            .execute(&mut *self.tx)
            .await?;
        }
        sqlx::query("UPDATE sources SET git_cursor = $1 WHERE id = $2")
            .bind(cursor)
            .bind(self.id)
            .execute(&mut *self.tx)
            .await?;
        let s = finish_import(&mut self.tx, self.id, outcome).await?;
        self.tx.commit().await?;
        Ok(s)
    }
}

#[async_trait]
impl SourceStore for Db {
    async fn sources(&self) -> Result<Vec<Source>> {
        let sql = concat!(
            "SELECT ",
            source_columns!(),
            " FROM sources WHERE owner_id = $1 ORDER BY id"
        );
        all(&self.pool, self.owner, sql, source_from_row).await
    }

    async fn source_by_location(&self, location: &str) -> Result<Option<Source>> {
        sqlx::query(concat!(
            "SELECT ",
            source_columns!(),
            " FROM sources WHERE location = $1 AND owner_id = $2"
        ))
        .bind(location)
        .bind(self.owner)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(source_from_row)
        .transpose()
    }

    async fn delete_source(&self, id: i64) -> Result<()> {
        remove_source(&self.pool, self.owner, id).await.map(|_| ())
    }

    async fn source(&self, id: i64) -> Result<Option<Source>> {
        let mut conn = self.pool.acquire().await?;
        source(&mut conn, self.owner, id).await
    }

    async fn source_removal(&self, id: i64) -> Result<SourceRemoval> {
        source_removal(&self.pool, self.owner, id).await
    }

    async fn remove_source(&self, id: i64) -> Result<SourceRemoval> {
        remove_source(&self.pool, self.owner, id).await
    }

    async fn replace_folder(
        &self,
        folder: &NewSource,
        files: &[FolderFile],
        outcome: &str,
    ) -> Result<StoredFolder> {
        replace_folder(&self.pool, self.owner, folder, files, outcome).await
    }

    async fn record_problem(&self, source: &NewSource, message: &str) -> Result<Source> {
        record_problem(&self.pool, self.owner, source, message).await
    }

    async fn replace_events(
        &self,
        source: &NewSource,
        events: &[StoredEvent],
        outcome: &str,
    ) -> Result<Source> {
        let mut tx = begin_write(&self.pool).await?;
        let id = upsert_source(&mut tx, self.owner, source).await?;
        put_events(&mut tx, id, events).await?;
        let s = finish_import(&mut tx, id, outcome).await?;
        tx.commit().await?;
        Ok(s)
    }

    async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
        let mut tx = begin_write(&self.pool).await?;
        let id = upsert_source(&mut tx, self.owner, source).await?;
        Ok(Box::new(TxCommitImport {
            tx,
            id,
            rescan: false,
        }))
    }

    async fn begin_commit_rescan(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
        let mut tx = begin_write(&self.pool).await?;
        let id = upsert_source(&mut tx, self.owner, source).await?;
        // The source holds what this scan adds again; the rest is settled in `finish`.
        sqlx::query("DELETE FROM commit_sources WHERE source_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Ok(Box::new(TxCommitImport {
            tx,
            id,
            rescan: true,
        }))
    }

    async fn record_failure(&self, source_id: i64, message: &str) -> Result<()> {
        sqlx::query(
            "UPDATE sources SET last_import_at = $1, last_ok = 0, last_result = $2
             WHERE id = $3 AND owner_id = $4",
        )
        .bind(now())
        .bind(message)
        .bind(source_id)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    // `+source_id`: the owner's sources narrow the rows, the time index finds them. Without
    // the `+` SQLite walks every event of each source by the primary key instead.
    async fn events_between(&self, from: i64, to: i64) -> Result<Vec<StoredEvent>> {
        sqlx::query(
            concat!("SELECT ", event_columns!(), " FROM events WHERE start_at < $2 AND (end_at > $1 OR (end_at = start_at AND start_at >= $1))
               AND +source_id IN (SELECT id FROM sources WHERE owner_id = $3)
             ORDER BY start_at, source_id, uid, recurrence_id"),
        )
        .bind(from)
        .bind(to)
        .bind(self.owner)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(event_from_row)
        .collect()
    }

    async fn events_with(&self, from: i64, to: i64, emails: &[String]) -> Result<Vec<StoredEvent>> {
        if emails.is_empty() {
            return Ok(Vec::new());
        }
        let mut qb: QueryBuilder<DB> = QueryBuilder::new(concat!(
            "SELECT ",
            event_columns!(),
            " FROM events WHERE start_at < "
        ));
        qb.push_bind(to)
            .push(" AND (end_at > ")
            .push_bind(from)
            .push(" OR (end_at = start_at AND start_at >= ")
            .push_bind(from)
            .push(")) AND +source_id IN (SELECT id FROM sources WHERE owner_id = ")
            .push_bind(self.owner)
            .push(") AND (");
        for (i, email) in emails.iter().enumerate() {
            if i > 0 {
                qb.push(" OR ");
            }
            let pattern = like_pattern(email);
            qb.push("LOWER(attendees) LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(COALESCE(organizer, '')) LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\'");
        }
        qb.push(") ORDER BY start_at, source_id, uid, recurrence_id");
        qb.build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(event_from_row)
            .collect()
    }

    async fn commits_between(&self, from: i64, to: i64) -> Result<Vec<StoredCommit>> {
        let rows = sqlx::query(
            "SELECT oid, source_id, author_at, author_offset, email, summary FROM commits c
             WHERE author_at >= $1 AND author_at < $2
               AND EXISTS (SELECT 1 FROM commit_sources l JOIN sources s ON s.id = l.source_id
                           WHERE l.oid = c.oid AND s.owner_id = $3)
             ORDER BY author_at, oid",
        )
        .bind(from)
        .bind(to)
        .bind(self.owner)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredCommit {
                    oid: r.try_get("oid")?,
                    source_id: r.try_get("source_id")?,
                    author_at: r.try_get("author_at")?,
                    author_offset: {
                        let offset: i64 = r.try_get("author_offset")?;
                        i32::try_from(offset).map_err(|_| StoreError::Corrupt {
                            what: "commit time zone",
                            message: offset.to_string(),
                        })?
                    },
                    email: r.try_get("email")?,
                    summary: r.try_get("summary")?,
                })
            })
            .collect()
    }

    async fn source_counts(&self) -> Result<Vec<(i64, u64, u64)>> {
        let rows = sqlx::query(
            "SELECT s.id,
                    (SELECT COUNT(*) FROM events e WHERE e.source_id = s.id),
                    (SELECT COUNT(*) FROM commit_sources c WHERE c.source_id = s.id)
             FROM sources s WHERE s.owner_id = $1 ORDER BY s.id",
        )
        .bind(self.owner)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let e: i64 = r.try_get(1)?;
                let c: i64 = r.try_get(2)?;
                Ok((r.try_get(0)?, e as u64, c as u64))
            })
            .collect()
    }
}
