//! The embedded SQLite backend: one file, WAL journal, migrations applied on open.

use crate::{
    CommitImport, NewSource, Result, Source, SourceKind, Store, StoreError, StoredCommit,
    StoredEvent,
};
use async_trait::async_trait;
use fulcrum_core::Profile;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The columns `source_from_row` reads, kept in a macro so queries stay static strings.
macro_rules! source_columns {
    () => {
        "id, kind, location, name, etag, last_modified, git_cursor, last_import_at, last_ok, last_result"
    };
}

fn source_from_row(row: &SqliteRow) -> Result<Source> {
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
    })
}

/// Versioned migrations, applied in order on open. Never edit a released one: add a new one.
const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("../migrations/sqlite/0001_initial.sql"))];

/// Rows per multi-row INSERT: well under SQLite's limit on bound parameters.
const BATCH: usize = 400;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the store file at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: shown.clone(),
                message: format!("cannot create the folder {}: {e}", dir.display()),
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Open {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        let store = SqliteStore { pool };
        store.migrate(&shown).await?;
        Ok(store)
    }

    /// A private in-memory store, for tests.
    pub async fn in_memory() -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let store = SqliteStore { pool };
        store.migrate(":memory:").await?;
        Ok(store)
    }

    async fn migrate(&self, shown: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        let current: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > known {
            return Err(StoreError::TooNew {
                path: shown.to_string(),
                found: current,
                known,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            sqlx::raw_sql(*sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(version)
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The source with this location, created or updated with the given name and validators.
    async fn upsert_source(tx: &mut Transaction<'_, Sqlite>, s: &NewSource) -> Result<i64> {
        let row = sqlx::query(
            "INSERT INTO sources (kind, location, name, etag, last_modified) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (location) DO UPDATE SET name = excluded.name, etag = excluded.etag,
                 last_modified = excluded.last_modified
             RETURNING id",
        )
        .bind(s.kind.as_str())
        .bind(&s.location)
        .bind(&s.name)
        .bind(&s.etag)
        .bind(&s.last_modified)
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    async fn finish_import(
        tx: &mut Transaction<'_, Sqlite>,
        id: i64,
        outcome: &str,
    ) -> Result<Source> {
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
}

fn event_from_row(row: &SqliteRow) -> Result<StoredEvent> {
    let attendees: String = row.try_get("attendees")?;
    Ok(StoredEvent {
        source_id: row.try_get("source_id")?,
        uid: row.try_get("uid")?,
        recurrence_id: row.try_get("recurrence_id")?,
        start_at: row.try_get("start_at")?,
        end_at: row.try_get("end_at")?,
        all_day: row.try_get::<i64, _>("all_day")? != 0,
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

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

struct SqliteCommitImport {
    tx: Transaction<'static, Sqlite>,
    id: i64,
}

#[async_trait]
impl CommitImport for SqliteCommitImport {
    async fn add(&mut self, commits: &[StoredCommit]) -> Result<u64> {
        let mut added = 0;
        for chunk in commits.chunks(BATCH) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO commits (oid, source_id, author_at, author_offset, email, summary) ",
            );
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(&c.oid)
                    .push_bind(self.id)
                    .push_bind(c.author_at)
                    .push_bind(c.author_offset)
                    .push_bind(&c.email)
                    .push_bind(&c.summary);
            });
            qb.push(" ON CONFLICT (oid) DO NOTHING");
            added += qb.build().execute(&mut *self.tx).await?.rows_affected();
        }
        Ok(added)
    }

    async fn finish(mut self: Box<Self>, cursor: &str, outcome: &str) -> Result<Source> {
        sqlx::query("UPDATE sources SET git_cursor = $1 WHERE id = $2")
            .bind(cursor)
            .bind(self.id)
            .execute(&mut *self.tx)
            .await?;
        let s = SqliteStore::finish_import(&mut self.tx, self.id, outcome).await?;
        self.tx.commit().await?;
        Ok(s)
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn profile(&self) -> Result<Option<Profile>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = 'profile'")
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let text: String = row.try_get(0)?;
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                what: "profile",
                message: e.to_string(),
            })
    }

    async fn save_profile(&self, profile: &Profile) -> Result<()> {
        let text = serde_json::to_string(profile).map_err(|e| StoreError::Corrupt {
            what: "profile",
            message: e.to_string(),
        })?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('profile', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(text)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn sources(&self) -> Result<Vec<Source>> {
        sqlx::query(concat!(
            "SELECT ",
            source_columns!(),
            " FROM sources ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(source_from_row)
        .collect()
    }

    async fn source_by_location(&self, location: &str) -> Result<Option<Source>> {
        sqlx::query(concat!(
            "SELECT ",
            source_columns!(),
            " FROM sources WHERE location = $1"
        ))
        .bind(location)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(source_from_row)
        .transpose()
    }

    async fn delete_source(&self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM sources WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NoSource(id));
        }
        Ok(())
    }

    async fn replace_events(
        &self,
        source: &NewSource,
        events: &[StoredEvent],
        outcome: &str,
    ) -> Result<Source> {
        let mut tx = self.pool.begin().await?;
        let id = Self::upsert_source(&mut tx, source).await?;
        sqlx::query("DELETE FROM events WHERE source_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for chunk in events.chunks(BATCH) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO events (source_id, uid, recurrence_id, start_at, end_at, all_day, title, status,
                 my_response, others, attendees, organizer) ",
            );
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
                    .push_bind(&e.organizer);
            });
            // The same instance twice in one file (a duplicated VEVENT) keeps the last one.
            qb.push(
                " ON CONFLICT (source_id, uid, recurrence_id) DO UPDATE SET start_at = excluded.start_at,
                 end_at = excluded.end_at, all_day = excluded.all_day, title = excluded.title,
                 status = excluded.status, my_response = excluded.my_response, others = excluded.others,
                 attendees = excluded.attendees, organizer = excluded.organizer",
            );
            qb.build().execute(&mut *tx).await?;
        }
        let s = Self::finish_import(&mut tx, id, outcome).await?;
        tx.commit().await?;
        Ok(s)
    }

    async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
        let mut tx = self.pool.begin().await?;
        let id = Self::upsert_source(&mut tx, source).await?;
        Ok(Box::new(SqliteCommitImport { tx, id }))
    }

    async fn record_failure(&self, source_id: i64, message: &str) -> Result<()> {
        sqlx::query(
            "UPDATE sources SET last_import_at = $1, last_ok = 0, last_result = $2 WHERE id = $3",
        )
        .bind(now())
        .bind(message)
        .bind(source_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn events_between(&self, from: i64, to: i64) -> Result<Vec<StoredEvent>> {
        sqlx::query(
            "SELECT source_id, uid, recurrence_id, start_at, end_at, all_day, title, status, my_response,
                    others, attendees, organizer
             FROM events WHERE start_at < $2 AND (end_at > $1 OR (end_at = start_at AND start_at >= $1))
             ORDER BY start_at, source_id, uid, recurrence_id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(event_from_row)
        .collect()
    }

    async fn commits_between(&self, from: i64, to: i64) -> Result<Vec<StoredCommit>> {
        let rows = sqlx::query(
            "SELECT oid, source_id, author_at, author_offset, email, summary FROM commits
             WHERE author_at >= $1 AND author_at < $2 ORDER BY author_at, oid",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredCommit {
                    oid: r.try_get("oid")?,
                    source_id: r.try_get("source_id")?,
                    author_at: r.try_get("author_at")?,
                    author_offset: r.try_get("author_offset")?,
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
                    (SELECT COUNT(*) FROM commits c WHERE c.source_id = s.id)
             FROM sources s ORDER BY s.id",
        )
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
