//! The SQL of manual time: entries logged by hand and the one running timer.

use super::dialect::{DbPool, DbRow};
use super::now;
use crate::{ManualEntry, NewManualEntry, Result, StoreError};
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

/// The unique index allows one entry without an end: a second running timer breaks it.
fn timer_conflict(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::TimerRunning,
        _ => StoreError::Database(e),
    }
}

pub(super) async fn add(pool: &DbPool, e: &NewManualEntry) -> Result<ManualEntry> {
    let row = sqlx::query(
        "INSERT INTO manual_entries (start_at, end_at, category, title, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, start_at, end_at, category, title",
    )
    .bind(e.start_at)
    .bind(e.end_at)
    .bind(&e.category)
    .bind(&e.title)
    .bind(now())
    .fetch_one(pool)
    .await
    .map_err(timer_conflict)?;
    entry_from_row(&row)
}

pub(super) async fn update(pool: &DbPool, e: &ManualEntry) -> Result<()> {
    let done = sqlx::query(
        "UPDATE manual_entries SET start_at = $1, end_at = $2, category = $3, title = $4 WHERE id = $5",
    )
    .bind(e.start_at)
    .bind(e.end_at)
    .bind(&e.category)
    .bind(&e.title)
    .bind(e.id)
    .execute(pool)
    .await
    .map_err(timer_conflict)?;
    if done.rows_affected() == 0 {
        return Err(no_entry(e.id));
    }
    Ok(())
}

pub(super) async fn delete(pool: &DbPool, id: i64) -> Result<ManualEntry> {
    let row = sqlx::query(
        "DELETE FROM manual_entries WHERE id = $1 RETURNING id, start_at, end_at, category, title",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    entry_from_row(&row.ok_or_else(|| no_entry(id))?)
}

pub(super) async fn get(pool: &DbPool, id: i64) -> Result<ManualEntry> {
    let row = sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    entry_from_row(&row.ok_or_else(|| no_entry(id))?)
}

/// Finished entries overlapping `[from, to)`, and the running timer if it started before `to`.
pub(super) async fn between(pool: &DbPool, from: i64, to: i64) -> Result<Vec<ManualEntry>> {
    sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries
         WHERE start_at < $2 AND (end_at IS NULL OR end_at > $1) ORDER BY start_at, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?
    .iter()
    .map(entry_from_row)
    .collect()
}

pub(super) async fn running(pool: &DbPool) -> Result<Option<ManualEntry>> {
    sqlx::query(
        "SELECT id, start_at, end_at, category, title FROM manual_entries WHERE end_at IS NULL",
    )
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(entry_from_row)
    .transpose()
}
