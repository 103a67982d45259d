//! The SQL of manual time: entries logged by hand and the one running timer.

use super::dialect::{DbPool, DbRow};
use super::{Db, now};
use crate::{ManualEntry, NewManualEntry, Result, StoreError, TimeStore};
use async_trait::async_trait;
use sqlx::Row;

fn entry_from_row(row: &DbRow) -> Result<ManualEntry> {
    Ok(ManualEntry {
        id: row.try_get("id")?,
        start_at: row.try_get("start_at")?,
        end_at: row.try_get("end_at")?,
        category: row.try_get("category")?,
        title: row.try_get("title")?,
    })
}

fn no_entry(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "manual entry",
        id,
    }
}

/// The unique index allows each owner one entry without an end: a second running timer
/// breaks it.
fn timer_conflict(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::TimerRunning,
        _ => StoreError::Database(e),
    }
}

async fn add(pool: &DbPool, owner: i64, e: &NewManualEntry) -> Result<ManualEntry> {
    let row = sqlx::query(
        "INSERT INTO manual_entries (start_at, end_at, category, title, created_at, owner_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, start_at, end_at, category, title",
    )
    .bind(e.start_at)
    .bind(e.end_at)
    .bind(&e.category)
    .bind(&e.title)
    .bind(now())
    .bind(owner)
    .fetch_one(pool)
    .await
    .map_err(timer_conflict)?;
    entry_from_row(&row)
}

async fn update(pool: &DbPool, owner: i64, e: &ManualEntry) -> Result<()> {
    let done = sqlx::query(
        "UPDATE manual_entries SET start_at = $1, end_at = $2, category = $3, title = $4
         WHERE id = $5 AND owner_id = $6",
    )
    .bind(e.start_at)
    .bind(e.end_at)
    .bind(&e.category)
    .bind(&e.title)
    .bind(e.id)
    .bind(owner)
    .execute(pool)
    .await
    .map_err(timer_conflict)?;
    if done.rows_affected() == 0 {
        return Err(no_entry(e.id));
    }
    Ok(())
}

async fn delete(pool: &DbPool, owner: i64, id: i64) -> Result<ManualEntry> {
    let row = sqlx::query(
        "DELETE FROM manual_entries WHERE id = $1 AND owner_id = $2
         RETURNING id, start_at, end_at, category, title",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(pool)
    .await?;
    entry_from_row(&row.ok_or_else(|| no_entry(id))?)
}

async fn get(pool: &DbPool, owner: i64, id: i64) -> Result<ManualEntry> {
    let row = sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries
         WHERE id = $1 AND owner_id = $2",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(pool)
    .await?;
    entry_from_row(&row.ok_or_else(|| no_entry(id))?)
}

/// Finished entries overlapping `[from, to)`, and the running timer if it started before `to`.
async fn between(pool: &DbPool, owner: i64, from: i64, to: i64) -> Result<Vec<ManualEntry>> {
    sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries
         WHERE owner_id = $3 AND start_at < $2 AND (end_at IS NULL OR end_at > $1)
         ORDER BY start_at, id",
    )
    .bind(from)
    .bind(to)
    .bind(owner)
    .fetch_all(pool)
    .await?
    .iter()
    .map(entry_from_row)
    .collect()
}

async fn running(pool: &DbPool, owner: i64) -> Result<Option<ManualEntry>> {
    sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries
         WHERE owner_id = $1 AND end_at IS NULL",
    )
    .bind(owner)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(entry_from_row)
    .transpose()
}

#[async_trait]
impl TimeStore for Db {
    async fn add_manual_entry(&self, e: &NewManualEntry) -> Result<ManualEntry> {
        add(&self.pool, self.owner, e).await
    }

    async fn update_manual_entry(&self, e: &ManualEntry) -> Result<()> {
        update(&self.pool, self.owner, e).await
    }

    async fn delete_manual_entry(&self, id: i64) -> Result<ManualEntry> {
        delete(&self.pool, self.owner, id).await
    }

    async fn manual_entry(&self, id: i64) -> Result<ManualEntry> {
        get(&self.pool, self.owner, id).await
    }

    async fn manual_entries_between(&self, from: i64, to: i64) -> Result<Vec<ManualEntry>> {
        between(&self.pool, self.owner, from, to).await
    }

    async fn running_timer(&self) -> Result<Option<ManualEntry>> {
        running(&self.pool, self.owner).await
    }
}
