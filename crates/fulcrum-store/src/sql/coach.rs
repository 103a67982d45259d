//! The SQL of the coach's records: verdicts on insights, phases and habits.

use super::columns::{json_col, json_text, parse_json, req_date};
use super::dialect::DbRow;
use super::{Db, all, date_col, found, from_word, json_word};
use crate::{CoachStore, Result, StoreError};
use async_trait::async_trait;
use fulcrum_core::habits::Habit;
use fulcrum_core::insights::{Phase, Verdict};
use sqlx::Row;

fn verdict_from_row(row: &DbRow) -> Result<Verdict> {
    Ok(Verdict {
        insight_id: row.try_get("insight_id")?,
        through: req_date("insight verdict", row, "through")?,
        kind: from_word("insight verdict", row.try_get("kind")?)?,
        reason: row.try_get("reason")?,
        until: date_col("insight verdict", row.try_get("until")?)?,
        on: req_date("insight verdict", row, "made_on")?,
    })
}

fn phase_from_row(row: &DbRow) -> Result<Phase> {
    let excused: Option<String> = row.try_get("excused")?;
    Ok(Phase {
        id: row.try_get("id")?,
        kind: from_word("phase", row.try_get("kind")?)?,
        name: row.try_get("name")?,
        from: req_date("phase", row, "from_date")?,
        to: req_date("phase", row, "to_date")?,
        targets: json_col("phase targets", row, "targets")?,
        excused: excused.map(|t| parse_json("phase rules", &t)).transpose()?,
    })
}

fn habit_from_row(row: &DbRow) -> Result<Habit> {
    Ok(Habit {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        category: from_word("habit", row.try_get("category")?)?,
        minutes: row.try_get("minutes")?,
        active: row.try_get::<i64, _>("active")? != 0,
        created_on: req_date("habit", row, "created_on")?,
        origin: row.try_get("origin")?,
    })
}

const PHASE_COLUMNS: &str = "id, kind, name, from_date, to_date, targets, excused";
const HABIT_COLUMNS: &str = "id, title, category, minutes, active, created_on, origin";

#[async_trait]
impl CoachStore for Db {
    async fn verdicts(&self) -> Result<Vec<Verdict>> {
        all(
            &self.pool,
            self.owner,
            "SELECT insight_id, through, kind, reason, until, made_on FROM insight_verdicts
             WHERE owner_id = $1 ORDER BY id",
            verdict_from_row,
        )
        .await
    }

    async fn add_verdict(&self, v: &Verdict) -> Result<()> {
        sqlx::query(
            "INSERT INTO insight_verdicts (insight_id, through, kind, reason, until, made_on, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&v.insight_id)
        .bind(v.through.to_string())
        .bind(json_word(&v.kind))
        .bind(&v.reason)
        .bind(v.until.map(|d| d.to_string()))
        .bind(v.on.to_string())
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn remove_verdicts(&self, insight_id: &str) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM insight_verdicts WHERE insight_id = $1 AND owner_id = $2")
                .bind(insight_id)
                .bind(self.owner)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }

    async fn phases(&self) -> Result<Vec<Phase>> {
        let sql = format!(
            "SELECT {PHASE_COLUMNS} FROM phases WHERE owner_id = $1 ORDER BY from_date, id"
        );
        all(
            &self.pool,
            self.owner,
            sqlx::AssertSqlSafe(sql),
            phase_from_row,
        )
        .await
    }

    async fn add_phase(&self, p: &Phase) -> Result<Phase> {
        let sql = format!(
            "INSERT INTO phases (kind, name, from_date, to_date, targets, excused, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {PHASE_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(json_word(&p.kind))
            .bind(&p.name)
            .bind(p.from.to_string())
            .bind(p.to.to_string())
            .bind(json_text(&p.targets))
            .bind(p.excused.as_ref().map(json_text))
            .bind(self.owner)
            .fetch_one(&self.pool)
            .await?;
        phase_from_row(&row)
    }

    async fn delete_phase(&self, id: i64) -> Result<Phase> {
        let sql =
            format!("DELETE FROM phases WHERE id = $1 AND owner_id = $2 RETURNING {PHASE_COLUMNS}");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(self.owner)
            .fetch_optional(&self.pool)
            .await?;
        phase_from_row(&row.ok_or(StoreError::NotFound { what: "phase", id })?)
    }

    async fn habits(&self) -> Result<Vec<Habit>> {
        let sql = format!("SELECT {HABIT_COLUMNS} FROM habits WHERE owner_id = $1 ORDER BY id");
        all(
            &self.pool,
            self.owner,
            sqlx::AssertSqlSafe(sql),
            habit_from_row,
        )
        .await
    }

    async fn add_habit(&self, h: &Habit) -> Result<Habit> {
        let sql = format!(
            "INSERT INTO habits (title, category, minutes, active, created_on, origin, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {HABIT_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&h.title)
            .bind(h.category.as_str())
            .bind(h.minutes)
            .bind(i64::from(h.active))
            .bind(h.created_on.to_string())
            .bind(&h.origin)
            .bind(self.owner)
            .fetch_one(&self.pool)
            .await?;
        habit_from_row(&row)
    }

    async fn update_habit(&self, h: &Habit) -> Result<()> {
        let done = sqlx::query(
            "UPDATE habits SET title = $1, category = $2, minutes = $3, active = $4
             WHERE id = $5 AND owner_id = $6",
        )
        .bind(&h.title)
        .bind(h.category.as_str())
        .bind(h.minutes)
        .bind(i64::from(h.active))
        .bind(h.id)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        found(done, "habit", h.id)
    }
}
