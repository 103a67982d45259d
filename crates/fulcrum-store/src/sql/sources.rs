//! The SQL of folder imports, failed imports and removing a source with what it holds.

use super::dialect::{DB, DbConnection, DbPool};
use super::{Db, begin_write, now, source_from_row};
use crate::{FolderFile, NewSource, Result, Source, SourceRemoval, StoreError, StoredFolder};
use sqlx::{Row, Transaction};

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

pub(super) async fn source(conn: &mut DbConnection, id: i64) -> Result<Option<Source>> {
    sqlx::query(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources WHERE id = $1"
    ))
    .bind(id)
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
async fn removal(conn: &mut DbConnection, id: i64) -> Result<SourceRemoval> {
    if source(conn, id).await?.is_none() {
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

pub(super) async fn source_removal(pool: &DbPool, id: i64) -> Result<SourceRemoval> {
    let mut conn = pool.acquire().await?;
    removal(&mut conn, id).await
}

pub(super) async fn remove_source(pool: &DbPool, id: i64) -> Result<SourceRemoval> {
    let mut tx = begin_write(pool).await?;
    let gone = removal(&mut tx, id).await?;
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
async fn fail_import(tx: &mut Transaction<'_, DB>, id: i64, message: &str) -> Result<Source> {
    sqlx::query(
        "UPDATE sources SET last_import_at = $1, last_ok = 0, last_result = $2 WHERE id = $3",
    )
    .bind(now())
    .bind(message)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    source(tx, id)
        .await?
        .ok_or(StoreError::NotFound { what: "source", id })
}

pub(super) async fn record_problem(pool: &DbPool, s: &NewSource, message: &str) -> Result<Source> {
    let mut tx = begin_write(pool).await?;
    let id = Db::upsert_source(&mut tx, s).await?;
    let stored = fail_import(&mut tx, id, message).await?;
    tx.commit().await?;
    Ok(stored)
}

pub(super) async fn replace_folder(
    pool: &DbPool,
    folder: &NewSource,
    files: &[FolderFile],
    outcome: &str,
) -> Result<StoredFolder> {
    let mut tx = begin_write(pool).await?;
    let folder_id = Db::upsert_source(&mut tx, folder).await?;
    let mut stored = Vec::with_capacity(files.len());
    for f in files {
        let id = Db::upsert_source(&mut tx, &f.source).await?;
        sqlx::query("UPDATE sources SET parent_id = $1 WHERE id = $2")
            .bind(folder_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        stored.push(if f.ok {
            Db::put_events(&mut tx, id, &f.events).await?;
            Db::finish_import(&mut tx, id, &f.outcome).await?
        } else {
            fail_import(&mut tx, id, &f.outcome).await?
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
    let folder = Db::finish_import(&mut tx, folder_id, outcome).await?;
    tx.commit().await?;
    Ok(StoredFolder {
        folder,
        files: stored,
        removed,
    })
}
