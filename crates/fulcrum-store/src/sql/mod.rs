//! The queries of both backends, written once. Each backend compiles this module tree with
//! its own `dialect` (the sqlx database type and how a writing transaction starts), so the SQL
//! is the same text on SQLite and PostgreSQL: `$n` placeholders, `ON CONFLICT`, `RETURNING`,
//! integers as BIGINT, no engine-specific functions.

pub(crate) mod backup;
mod manual;
mod people;

use super::dialect::{self, DB, DbPool, DbRow, begin_write};
use crate::{
    AcceptedPlan, CommitImport, Entry, FolderFile, ManualEntry, NewManualEntry, NewSource,
    PersonRecords, PlanBlock, Result, Source, SourceKind, SourceRemoval, Store, StoreError,
    StoredCommit, StoredEvent, StoredFolder, TableDump,
};
use async_trait::async_trait;
use fulcrum_core::Profile;
use fulcrum_core::delegation::Delegation;
use fulcrum_core::feedback::Feedback;
use fulcrum_core::inbox::{Decision, InboxItem, Ownership};
use fulcrum_core::observations::Observation;
use fulcrum_core::onboarding::Step;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::people::{Person, Relation};
use fulcrum_core::relationships::{Commitment, Interaction, Prep};
use fulcrum_core::rituals::Ritual;
use fulcrum_core::tasks::{Task, TaskStatus};
use sqlx::{QueryBuilder, Row, Transaction};

/// The columns `source_from_row` reads, kept in a macro so queries stay static strings.
macro_rules! source_columns {
    () => {
        "id, kind, location, name, etag, last_modified, git_cursor, last_import_at, last_ok, last_result, parent_id, repository_commits"
    };
}

mod sources;

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

/// Rows per multi-row INSERT: well under SQLite's limit on bound parameters.
const BATCH: usize = 400;

/// The queries over one pool. The SQLite backend wraps it to name the file in its errors; on
/// PostgreSQL it is the store itself.
pub struct Db {
    pub(crate) pool: DbPool,
}

impl Db {
    /// The source with this location, created or updated with the given name and validators.
    async fn upsert_source(tx: &mut Transaction<'_, DB>, s: &NewSource) -> Result<i64> {
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

    /// Replaces the events of source `id` with `events`.
    async fn put_events(
        tx: &mut Transaction<'_, DB>,
        id: i64,
        events: &[StoredEvent],
    ) -> Result<()> {
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
            let mut qb: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO events (source_id, uid, recurrence_id, start_at, end_at, all_day, title, status,
             my_response, others, attendees, organizer, show_as) ",
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

fn task_from_row(row: &DbRow) -> Result<Task> {
    let corrupt = |what: &'static str, v: String| StoreError::Corrupt { what, message: v };
    let category: String = row.try_get("category")?;
    let status: String = row.try_get("status")?;
    let due: Option<String> = row.try_get("due")?;
    Ok(Task {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        urgent: row.try_get::<i64, _>("urgent")? != 0,
        important: row.try_get::<i64, _>("important")? != 0,
        only_me: row.try_get::<i64, _>("only_me")? != 0,
        estimate_minutes: row.try_get("estimate_minutes")?,
        due: due
            .map(|d| d.parse().map_err(|_| corrupt("task due date", d)))
            .transpose()?,
        category: category
            .parse()
            .map_err(|_| corrupt("task category", category.clone()))?,
        status: match status.as_str() {
            "open" => TaskStatus::Open,
            "done" => TaskStatus::Done,
            "dropped" => TaskStatus::Dropped,
            _ => return Err(corrupt("task status", status)),
        },
        note: row.try_get("note")?,
    })
}

fn json_word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn from_word<T: serde::de::DeserializeOwned>(what: &'static str, word: String) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(word.clone())).map_err(|_| {
        StoreError::Corrupt {
            what,
            message: word,
        }
    })
}

fn date_col(what: &'static str, v: Option<String>) -> Result<Option<jiff::civil::Date>> {
    v.map(|d| {
        d.parse()
            .map_err(|_| StoreError::Corrupt { what, message: d })
    })
    .transpose()
}

fn inbox_from_row(row: &DbRow) -> Result<InboxItem> {
    let received: String = row.try_get("received")?;
    Ok(InboxItem {
        id: row.try_get("id")?,
        from: row.try_get("asker")?,
        text: row.try_get("body")?,
        received: date_col("inbox date", Some(received))?.unwrap_or_default(),
        needed_by: date_col("inbox date", row.try_get("needed_by")?)?,
        ownership: from_word::<Ownership>("inbox ownership", row.try_get("ownership")?)?,
        decision: from_word::<Decision>("inbox decision", row.try_get("decision")?)?,
        decided: date_col("inbox date", row.try_get("decided")?)?,
        note: row.try_get("note")?,
    })
}

type Query<'q> = sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>;

/// Binds a task's columns in the order the INSERT and UPDATE name them.
fn bind_task<'q>(q: Query<'q>, t: &'q Task) -> Query<'q> {
    q.bind(&t.title)
        .bind(i64::from(t.urgent))
        .bind(i64::from(t.important))
        .bind(i64::from(t.only_me))
        .bind(t.estimate_minutes)
        .bind(t.due.map(|d| d.to_string()))
        .bind(t.category.as_str())
        .bind(status_str(t.status))
        .bind(&t.note)
}

/// Binds an inbox item's columns in the order the INSERT and UPDATE name them.
fn bind_inbox<'q>(q: Query<'q>, i: &'q InboxItem) -> Query<'q> {
    q.bind(&i.from)
        .bind(&i.text)
        .bind(i.received.to_string())
        .bind(i.needed_by.map(|d| d.to_string()))
        .bind(json_word(&i.ownership))
        .bind(json_word(&i.decision))
        .bind(i.decided.map(|d| d.to_string()))
        .bind(&i.note)
}

fn person_from_row(row: &DbRow) -> Result<Person> {
    let count = |what: &'static str, v: i64| {
        u32::try_from(v).map_err(|_| StoreError::Corrupt {
            what,
            message: v.to_string(),
        })
    };
    let list = |what: &'static str, col: &str| -> Result<Vec<String>> {
        let text: String = row.try_get(col)?;
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            what,
            message: e.to_string(),
        })
    };
    Ok(Person {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        emails: list("person's e-mails", "emails")?,
        relation: from_word::<Relation>("person's relation", row.try_get("relation")?)?,
        team: row.try_get("team")?,
        start_date: date_col("person's start date", row.try_get("start_date")?)?,
        cadence_days: count("person's cadence", row.try_get("cadence_days")?)?,
        duration_minutes: count("person's 1:1 length", row.try_get("duration_minutes")?)?,
        archived: row.try_get::<i64, _>("archived")? != 0,
        interests: list("person's interests", "interests")?,
        knowledge: list("person's knowledge", "knowledge")?,
        growth_goals: list("person's growth goals", "growth_goals")?,
        working_style: row
            .try_get::<Option<String>, _>("working_style")?
            .map(|w| from_word("person's working style", w))
            .transpose()?,
        feedback_style: row.try_get("feedback_style")?,
        contact_cadence_days: row
            .try_get::<Option<i64>, _>("contact_cadence_days")?
            .map(|v| count("person's contact cadence", v))
            .transpose()?,
        private_notes: row.try_get("notes")?,
    })
}

/// Binds a person's columns in the order the INSERT and UPDATE name them.
fn bind_person<'q>(q: Query<'q>, p: &'q Person) -> Query<'q> {
    let list = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    q.bind(&p.name)
        .bind(list(&p.emails))
        .bind(p.relation.as_str())
        .bind(&p.team)
        .bind(p.start_date.map(|d| d.to_string()))
        .bind(i64::from(p.cadence_days))
        .bind(i64::from(p.duration_minutes))
        .bind(i64::from(p.archived))
        .bind(&p.private_notes)
        .bind(list(&p.interests))
        .bind(list(&p.knowledge))
        .bind(list(&p.growth_goals))
        .bind(p.working_style.map(|w| w.as_str()))
        .bind(&p.feedback_style)
        .bind(p.contact_cadence_days.map(i64::from))
}

fn status_str(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Open => "open",
        TaskStatus::Done => "done",
        TaskStatus::Dropped => "dropped",
    }
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
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
        let s = Db::finish_import(&mut self.tx, self.id, outcome).await?;
        self.tx.commit().await?;
        Ok(s)
    }
}

#[async_trait]
impl Store for Db {
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
        sources::remove_source(&self.pool, id).await.map(|_| ())
    }

    async fn source(&self, id: i64) -> Result<Option<Source>> {
        let mut conn = self.pool.acquire().await?;
        sources::source(&mut conn, id).await
    }

    async fn source_removal(&self, id: i64) -> Result<SourceRemoval> {
        sources::source_removal(&self.pool, id).await
    }

    async fn remove_source(&self, id: i64) -> Result<SourceRemoval> {
        sources::remove_source(&self.pool, id).await
    }

    async fn replace_folder(
        &self,
        folder: &NewSource,
        files: &[FolderFile],
        outcome: &str,
    ) -> Result<StoredFolder> {
        sources::replace_folder(&self.pool, folder, files, outcome).await
    }

    async fn record_problem(&self, source: &NewSource, message: &str) -> Result<Source> {
        sources::record_problem(&self.pool, source, message).await
    }

    async fn replace_events(
        &self,
        source: &NewSource,
        events: &[StoredEvent],
        outcome: &str,
    ) -> Result<Source> {
        let mut tx = begin_write(&self.pool).await?;
        let id = Self::upsert_source(&mut tx, source).await?;
        Self::put_events(&mut tx, id, events).await?;
        let s = Self::finish_import(&mut tx, id, outcome).await?;
        tx.commit().await?;
        Ok(s)
    }

    async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
        let mut tx = begin_write(&self.pool).await?;
        let id = Self::upsert_source(&mut tx, source).await?;
        Ok(Box::new(TxCommitImport {
            tx,
            id,
            rescan: false,
        }))
    }

    async fn begin_commit_rescan(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
        let mut tx = begin_write(&self.pool).await?;
        let id = Self::upsert_source(&mut tx, source).await?;
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
                    others, attendees, organizer, show_as
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

    async fn add_task(&self, t: &Task) -> Result<Task> {
        let row = bind_task(
            sqlx::query(
                "INSERT INTO tasks (title, urgent, important, only_me, estimate_minutes, due, category, status,
                                note, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            ),
            t,
        )
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(Task {
            id: row.try_get(0)?,
            ..t.clone()
        })
    }

    async fn update_task(&self, t: &Task) -> Result<()> {
        let done = bind_task(
            sqlx::query(
                "UPDATE tasks SET title = $1, urgent = $2, important = $3, only_me = $4, estimate_minutes = $5,
                    due = $6, category = $7, status = $8, note = $9, updated_at = $10 WHERE id = $11",
            ),
            t,
        )
        .bind(now())
        .bind(t.id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "task",
                id: t.id,
            });
        }
        Ok(())
    }

    async fn task(&self, id: i64) -> Result<Option<Task>> {
        sqlx::query("SELECT * FROM tasks WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(task_from_row)
            .transpose()
    }

    async fn tasks(&self) -> Result<Vec<Task>> {
        sqlx::query("SELECT * FROM tasks ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(task_from_row)
            .collect()
    }

    async fn accept_plan(&self, plan: &AcceptedPlan) -> Result<()> {
        let week = plan.week.as_str();
        let known = serde_json::to_string(&plan.known_events).unwrap_or_else(|_| "[]".into());
        let unplaced = serde_json::to_string(&plan.unplaced).unwrap_or_else(|_| "[]".into());
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query("DELETE FROM plan_blocks WHERE week = $1")
            .bind(week)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO plans (week, accepted_at, known_events, buffer_minutes, free_minutes, unplaced)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (week) DO UPDATE SET accepted_at = excluded.accepted_at,
                 known_events = excluded.known_events, buffer_minutes = excluded.buffer_minutes,
                 free_minutes = excluded.free_minutes, unplaced = excluded.unplaced",
        )
        .bind(week)
        .bind(plan.accepted_at)
        .bind(known)
        .bind(plan.buffer_minutes)
        .bind(plan.free_minutes)
        .bind(unplaced)
        .execute(&mut *tx)
        .await?;
        for chunk in plan.blocks.chunks(BATCH) {
            let mut qb: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO plan_blocks (week, task_id, seq, title, category, start_at, end_at) ",
            );
            qb.push_values(chunk, |mut b, x| {
                b.push_bind(week)
                    .push_bind(x.task_id)
                    .push_bind(i64::from(x.seq))
                    .push_bind(&x.title)
                    .push_bind(&x.category)
                    .push_bind(x.start_at)
                    .push_bind(x.end_at);
            });
            qb.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn planned_weeks(&self) -> Result<Vec<String>> {
        sqlx::query("SELECT week FROM plans ORDER BY week")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    async fn save_adjustment(&self, week: &str, adjustment: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO reviews (week, adjustment, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (week) DO UPDATE SET adjustment = excluded.adjustment, created_at = excluded.created_at",
        )
        .bind(week)
        .bind(adjustment)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn adjustment(&self, week: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query("SELECT adjustment FROM reviews WHERE week = $1")
                .bind(week)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
        )
    }

    async fn plan(&self, week: &str) -> Result<Option<AcceptedPlan>> {
        let Some(head) = sqlx::query(
            "SELECT accepted_at, known_events, buffer_minutes, free_minutes, unplaced FROM plans
             WHERE week = $1",
        )
        .bind(week)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT task_id, seq, title, category, start_at, end_at FROM plan_blocks
             WHERE week = $1 ORDER BY start_at, task_id, seq",
        )
        .bind(week)
        .fetch_all(&self.pool)
        .await?;
        let blocks = rows
            .iter()
            .map(|r| {
                Ok(PlanBlock {
                    task_id: r.try_get("task_id")?,
                    seq: r.try_get::<i64, _>("seq")?.try_into().unwrap_or(0),
                    title: r.try_get("title")?,
                    category: r.try_get("category")?,
                    start_at: r.try_get("start_at")?,
                    end_at: r.try_get("end_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let known: String = head.try_get(1)?;
        let corrupt = |e: serde_json::Error| StoreError::Corrupt {
            what: "plan",
            message: e.to_string(),
        };
        let unplaced = match head.try_get::<Option<String>, _>(4)? {
            Some(json) => serde_json::from_str(&json).map_err(corrupt)?,
            None => Vec::new(),
        };
        Ok(Some(AcceptedPlan {
            week: week.to_string(),
            accepted_at: head.try_get(0)?,
            known_events: serde_json::from_str(&known).map_err(|e| StoreError::Corrupt {
                what: "plan",
                message: e.to_string(),
            })?,
            buffer_minutes: head.try_get(2)?,
            free_minutes: head.try_get(3)?,
            unplaced,
            blocks,
        }))
    }

    async fn add_inbox_item(&self, i: &InboxItem) -> Result<InboxItem> {
        let row = bind_inbox(
            sqlx::query(
                "INSERT INTO inbox (asker, body, received, needed_by, ownership, decision, decided, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            ),
            i,
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(InboxItem {
            id: row.try_get(0)?,
            ..i.clone()
        })
    }

    async fn update_inbox_item(&self, i: &InboxItem) -> Result<()> {
        let done = bind_inbox(
            sqlx::query(
                "UPDATE inbox SET asker = $1, body = $2, received = $3, needed_by = $4, ownership = $5,
                    decision = $6, decided = $7, note = $8 WHERE id = $9",
            ),
            i,
        )
        .bind(i.id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "inbox item",
                id: i.id,
            });
        }
        Ok(())
    }

    async fn inbox(&self) -> Result<Vec<InboxItem>> {
        sqlx::query("SELECT * FROM inbox ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(inbox_from_row)
            .collect()
    }

    async fn save_entry(&self, e: &Entry) -> Result<()> {
        let body = serde_json::to_string(&e.body).map_err(|err| StoreError::Corrupt {
            what: "entry",
            message: err.to_string(),
        })?;
        let facts = serde_json::to_string(&e.facts).unwrap_or_else(|_| "[]".into());
        let at = now();
        sqlx::query(
            "INSERT INTO entries (ritual, period, body, facts, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (ritual, period) DO UPDATE SET body = excluded.body, facts = excluded.facts,
                 updated_at = excluded.updated_at",
        )
        .bind(e.ritual.as_str())
        .bind(&e.period)
        .bind(body)
        .bind(facts)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn entries(&self, ritual: Ritual) -> Result<Vec<Entry>> {
        let rows = sqlx::query(
            "SELECT period, body, facts FROM entries WHERE ritual = $1 ORDER BY period",
        )
        .bind(ritual.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let body: String = r.try_get("body")?;
                let facts: String = r.try_get("facts")?;
                let corrupt = |err: serde_json::Error| StoreError::Corrupt {
                    what: "entry",
                    message: err.to_string(),
                };
                Ok(Entry {
                    ritual,
                    period: r.try_get("period")?,
                    body: serde_json::from_str(&body).map_err(corrupt)?,
                    facts: serde_json::from_str(&facts).map_err(corrupt)?,
                })
            })
            .collect()
    }

    async fn add_person(&self, p: &Person) -> Result<Person> {
        let row = bind_person(
            sqlx::query(
                "INSERT INTO people (name, emails, relation, team, start_date, cadence_days,
                    duration_minutes, archived, notes, interests, knowledge, growth_goals,
                    working_style, feedback_style, contact_cadence_days)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                 RETURNING id",
            ),
            p,
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Person {
            id: row.try_get(0)?,
            ..p.clone()
        })
    }

    async fn update_person(&self, p: &Person) -> Result<()> {
        let done = bind_person(
            sqlx::query(
                "UPDATE people SET name = $1, emails = $2, relation = $3, team = $4, start_date = $5,
                    cadence_days = $6, duration_minutes = $7, archived = $8, notes = $9,
                    interests = $10, knowledge = $11, growth_goals = $12, working_style = $13,
                    feedback_style = $14, contact_cadence_days = $15
                 WHERE id = $16",
            ),
            p,
        )
        .bind(p.id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "person",
                id: p.id,
            });
        }
        Ok(())
    }

    async fn people(&self) -> Result<Vec<Person>> {
        sqlx::query("SELECT * FROM people ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(person_from_row)
            .collect()
    }

    async fn person_records(&self, id: i64) -> Result<PersonRecords> {
        people::person_records(&self.pool, id).await
    }

    async fn delete_person(&self, id: i64) -> Result<PersonRecords> {
        people::delete_person(&self.pool, id).await
    }

    async fn add_observation(&self, o: &Observation) -> Result<Observation> {
        people::add_observation(&self.pool, o).await
    }

    async fn observations(&self) -> Result<Vec<Observation>> {
        people::observations(&self.pool).await
    }

    async fn log_one_on_one(
        &self,
        note: &OneOnOneNote,
        discussed: &[i64],
        new_items: &[Item],
    ) -> Result<OneOnOneNote> {
        people::log_one_on_one(&self.pool, note, discussed, new_items).await
    }

    async fn update_note(&self, note: &OneOnOneNote) -> Result<()> {
        people::update_note(&self.pool, note).await
    }

    async fn notes(&self) -> Result<Vec<OneOnOneNote>> {
        people::notes(&self.pool).await
    }

    async fn add_item(&self, item: &Item) -> Result<Item> {
        people::add_item(&self.pool, item).await
    }

    async fn update_item(&self, item: &Item) -> Result<()> {
        people::update_item(&self.pool, item).await
    }

    async fn items(&self) -> Result<Vec<Item>> {
        people::items(&self.pool).await
    }

    async fn add_feedback(&self, f: &Feedback) -> Result<Feedback> {
        people::add_feedback(&self.pool, f).await
    }

    async fn update_feedback(&self, f: &Feedback) -> Result<()> {
        people::update_feedback(&self.pool, f).await
    }

    async fn feedback(&self) -> Result<Vec<Feedback>> {
        people::feedback(&self.pool).await
    }

    async fn add_delegation(&self, d: &Delegation) -> Result<Delegation> {
        people::add_delegation(&self.pool, d).await
    }

    async fn update_delegation(&self, d: &Delegation) -> Result<()> {
        people::update_delegation(&self.pool, d).await
    }

    async fn delegations(&self) -> Result<Vec<Delegation>> {
        people::delegations(&self.pool).await
    }

    async fn add_interaction(&self, i: &Interaction) -> Result<Interaction> {
        people::add_interaction(&self.pool, i).await
    }

    async fn interactions(&self) -> Result<Vec<Interaction>> {
        people::interactions(&self.pool).await
    }

    async fn add_commitment(&self, c: &Commitment) -> Result<Commitment> {
        people::add_commitment(&self.pool, c).await
    }

    async fn update_commitment(&self, c: &Commitment) -> Result<()> {
        people::update_commitment(&self.pool, c).await
    }

    async fn commitments(&self) -> Result<Vec<Commitment>> {
        people::commitments(&self.pool).await
    }

    async fn add_prep(&self, p: &Prep) -> Result<Prep> {
        people::add_prep(&self.pool, p).await
    }

    async fn update_prep(&self, p: &Prep) -> Result<()> {
        people::update_prep(&self.pool, p).await
    }

    async fn preps(&self) -> Result<Vec<Prep>> {
        people::preps(&self.pool).await
    }

    async fn add_onboarding_steps(&self, steps: &[Step]) -> Result<Vec<Step>> {
        people::add_onboarding_steps(&self.pool, steps).await
    }

    async fn update_onboarding_step(&self, step: &Step) -> Result<()> {
        people::update_onboarding_step(&self.pool, step).await
    }

    async fn onboarding_steps(&self) -> Result<Vec<Step>> {
        people::onboarding_steps(&self.pool).await
    }

    async fn add_manual_entry(&self, e: &NewManualEntry) -> Result<ManualEntry> {
        manual::add(&self.pool, e).await
    }

    async fn update_manual_entry(&self, e: &ManualEntry) -> Result<()> {
        manual::update(&self.pool, e).await
    }

    async fn delete_manual_entry(&self, id: i64) -> Result<ManualEntry> {
        manual::delete(&self.pool, id).await
    }

    async fn manual_entry(&self, id: i64) -> Result<ManualEntry> {
        manual::get(&self.pool, id).await
    }

    async fn manual_entries_between(&self, from: i64, to: i64) -> Result<Vec<ManualEntry>> {
        manual::between(&self.pool, from, to).await
    }

    async fn running_timer(&self) -> Result<Option<ManualEntry>> {
        manual::running(&self.pool).await
    }

    async fn export_tables(&self) -> Result<Vec<TableDump>> {
        backup::export(&self.pool).await
    }

    async fn import_tables(&self, dumps: &[TableDump]) -> Result<u64> {
        backup::restore(&self.pool, dumps).await
    }

    async fn schema_tables(&self) -> Result<Vec<String>> {
        backup::schema_tables(&self.pool).await
    }
}
