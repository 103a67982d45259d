//! The SQL of the weekly loop (tasks, accepted plans, reviews, the inbox) and of the
//! reflection rhythm's entries.

use super::dialect::{DB, DbRow, begin_write};
use super::{BATCH, Db, Query, all, date_col, found, from_word, json_word, now, one};
use crate::{AcceptedPlan, Entry, LoopStore, OwnerKey, PlanBlock, Result, RitualStore, StoreError};
use async_trait::async_trait;
use fulcrum_core::inbox::{Decision, InboxItem, Ownership};
use fulcrum_core::rituals::Ritual;
use fulcrum_core::tasks::{Task, TaskStatus};
use sqlx::{QueryBuilder, Row};

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

fn status_str(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Open => "open",
        TaskStatus::Done => "done",
        TaskStatus::Dropped => "dropped",
    }
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

#[async_trait]
impl LoopStore for Db {
    async fn add_task(&self, t: &Task) -> Result<Task> {
        let row = bind_task(
            sqlx::query(
                "INSERT INTO tasks (title, urgent, important, only_me, estimate_minutes, due, category, status,
                                note, created_at, updated_at, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
            ),
            t,
        )
        .bind(now())
        .bind(self.owner)
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
                    due = $6, category = $7, status = $8, note = $9, updated_at = $10
                 WHERE id = $11 AND owner_id = $12",
            ),
            t,
        )
        .bind(now())
        .bind(t.id)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        found(done, "task", t.id)
    }

    async fn task(&self, id: i64) -> Result<Option<Task>> {
        one(
            &self.pool,
            self.owner,
            "SELECT * FROM tasks WHERE id = $1 AND owner_id = $2",
            id,
            task_from_row,
        )
        .await
    }

    async fn tasks(&self) -> Result<Vec<Task>> {
        all(
            &self.pool,
            self.owner,
            "SELECT * FROM tasks WHERE owner_id = $1 ORDER BY id",
            task_from_row,
        )
        .await
    }

    async fn accept_plan(&self, plan: &AcceptedPlan) -> Result<()> {
        let week = plan.week.as_str();
        let known = serde_json::to_string(&plan.known_events).unwrap_or_else(|_| "[]".into());
        let unplaced = serde_json::to_string(&plan.unplaced).unwrap_or_else(|_| "[]".into());
        let mut tx = begin_write(&self.pool).await?;
        sqlx::query("DELETE FROM plan_blocks WHERE week = $1 AND owner_id = $2")
            .bind(week)
            .bind(self.owner)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO plans (week, accepted_at, known_events, buffer_minutes, free_minutes, unplaced,
                                owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (owner_id, week) DO UPDATE SET accepted_at = excluded.accepted_at,
                 known_events = excluded.known_events, buffer_minutes = excluded.buffer_minutes,
                 free_minutes = excluded.free_minutes, unplaced = excluded.unplaced",
        )
        .bind(week)
        .bind(plan.accepted_at)
        .bind(known)
        .bind(plan.buffer_minutes)
        .bind(plan.free_minutes)
        .bind(unplaced)
        .bind(self.owner)
        .execute(&mut *tx)
        .await?;
        for chunk in plan.blocks.chunks(BATCH) {
            let mut qb: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO plan_blocks (week, task_id, seq, title, category, start_at, end_at, owner_id) ",
            );
            qb.push_values(chunk, |mut b, x| {
                b.push_bind(week)
                    .push_bind(x.task_id)
                    .push_bind(i64::from(x.seq))
                    .push_bind(&x.title)
                    .push_bind(&x.category)
                    .push_bind(x.start_at)
                    .push_bind(x.end_at)
                    .push_bind(self.owner);
            });
            qb.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn plan(&self, week: &str) -> Result<Option<AcceptedPlan>> {
        let Some(head) = sqlx::query(
            "SELECT accepted_at, known_events, buffer_minutes, free_minutes, unplaced FROM plans
             WHERE week = $1 AND owner_id = $2",
        )
        .bind(week)
        .bind(self.owner)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT task_id, seq, title, category, start_at, end_at FROM plan_blocks
             WHERE week = $1 AND owner_id = $2 ORDER BY start_at, task_id, seq",
        )
        .bind(week)
        .bind(self.owner)
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

    async fn planned_weeks(&self) -> Result<Vec<String>> {
        sqlx::query("SELECT week FROM plans WHERE owner_id = $1 ORDER BY week")
            .bind(self.owner)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    async fn save_adjustment(&self, week: &str, adjustment: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO reviews (week, adjustment, created_at, owner_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (owner_id, week) DO UPDATE SET adjustment = excluded.adjustment, created_at = excluded.created_at",
        )
        .bind(week)
        .bind(adjustment)
        .bind(now())
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn adjustment(&self, week: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query("SELECT adjustment FROM reviews WHERE week = $1 AND owner_id = $2")
                .bind(week)
                .bind(self.owner)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
        )
    }

    async fn add_inbox_item(&self, i: &InboxItem) -> Result<InboxItem> {
        let row = bind_inbox(
            sqlx::query(
                "INSERT INTO inbox (asker, body, received, needed_by, ownership, decision, decided, note,
                                owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            ),
            i,
        )
        .bind(self.owner)
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
                    decision = $6, decided = $7, note = $8 WHERE id = $9 AND owner_id = $10",
            ),
            i,
        )
        .bind(i.id)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        found(done, "inbox item", i.id)
    }

    async fn inbox(&self) -> Result<Vec<InboxItem>> {
        all(
            &self.pool,
            self.owner,
            "SELECT * FROM inbox WHERE owner_id = $1 ORDER BY id",
            inbox_from_row,
        )
        .await
    }
}

#[async_trait]
impl RitualStore for Db {
    async fn save_entry(&self, e: &Entry) -> Result<()> {
        let body = serde_json::to_string(&e.body).map_err(|err| StoreError::Corrupt {
            what: "entry",
            message: err.to_string(),
        })?;
        let facts = serde_json::to_string(&e.facts).unwrap_or_else(|_| "[]".into());
        let at = now();
        sqlx::query(
            "INSERT INTO entries (ritual, period, body, facts, created_at, updated_at, owner_id)
             VALUES ($1, $2, $3, $4, $5, $5, $6)
             ON CONFLICT (owner_id, ritual, period) DO UPDATE SET body = excluded.body, facts = excluded.facts,
                 updated_at = excluded.updated_at",
        )
        .bind(e.ritual.as_str())
        .bind(&e.period)
        .bind(body)
        .bind(facts)
        .bind(at)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn entries(&self, key: &OwnerKey, ritual: Ritual) -> Result<Vec<Entry>> {
        let owner = self.private_to(key)?;
        let rows = sqlx::query(
            "SELECT period, body, facts FROM entries WHERE ritual = $1 AND owner_id = $2
             ORDER BY period",
        )
        .bind(ritual.as_str())
        .bind(owner)
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
}
