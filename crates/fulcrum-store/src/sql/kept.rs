//! The SQL of kept records (`crate::kept`): one table, read by kind with the indexed keys.

use super::dialect::{DB, DbRow, begin_write};
use super::found;
use super::{Db, date_col};
use crate::kept::{Change, Filter, ParentRef, RawRecord, RecordStore};
use crate::{Result, StoreError};
use async_trait::async_trait;
use sqlx::{QueryBuilder, Row, Transaction};

fn raw_from_row(row: &DbRow) -> Result<RawRecord> {
    Ok(RawRecord {
        id: row.try_get("id")?,
        parent: row.try_get("parent_id")?,
        person: row.try_get("person_id")?,
        on: date_col("record date", row.try_get("on_date")?)?,
        body: row.try_get("body")?,
    })
}

/// `SELECT|COUNT … WHERE` the owner's rows of `kind` that `filter` keeps.
fn select(head: &str, owner: i64, kind: &'static str, filter: &Filter) -> QueryBuilder<DB> {
    let mut q = QueryBuilder::new(head);
    q.push(" FROM records WHERE owner_id = ")
        .push_bind(owner)
        .push(" AND kind = ")
        .push_bind(kind);
    if let Some(parent) = filter.parent {
        q.push(" AND parent_id = ").push_bind(parent);
    }
    if let Some(person) = filter.person {
        q.push(" AND person_id = ").push_bind(person);
    }
    if let Some(from) = filter.from {
        q.push(" AND on_date >= ").push_bind(from.to_string());
    }
    if let Some(to) = filter.to {
        q.push(" AND on_date <= ").push_bind(to.to_string());
    }
    q
}

const COLUMNS: &str = "SELECT id, parent_id, person_id, on_date, body";

#[async_trait]
impl RecordStore for Db {
    async fn raw_records(&self, kind: &'static str, filter: &Filter) -> Result<Vec<RawRecord>> {
        let mut q = select(COLUMNS, self.owner, kind, filter);
        q.push(" ORDER BY on_date, id");
        q.build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(raw_from_row)
            .collect()
    }

    async fn raw_record(&self, kind: &'static str, id: i64) -> Result<Option<RawRecord>> {
        let mut q = select(COLUMNS, self.owner, kind, &Filter::default());
        q.push(" AND id = ").push_bind(id);
        q.build()
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(raw_from_row)
            .transpose()
    }

    async fn count_records(&self, kind: &'static str, filter: &Filter) -> Result<u64> {
        let n: i64 = select("SELECT COUNT(*)", self.owner, kind, filter)
            .build()
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(n as u64)
    }

    async fn write_records(&self, changes: &[Change]) -> Result<Vec<i64>> {
        let mut tx = begin_write(&self.pool).await?;
        let mut added = Vec::new();
        for change in changes {
            match change {
                Change::Add {
                    kind,
                    parent_kind,
                    parent,
                    people,
                    person,
                    on,
                    body,
                } => {
                    let (parent_id, body) = match (parent, parent_kind) {
                        (None, _) => (None, body.clone()),
                        (Some(_), None) => {
                            return Err(invalid(kind, "names a parent its kind has not"));
                        }
                        (Some(ParentRef::Stored(id)), Some((parent_kind, _))) => {
                            self.own_record(&mut tx, parent_kind, *id).await?;
                            (Some(*id), body.clone())
                        }
                        (Some(ParentRef::Added(n)), Some((_, field))) => {
                            let id = *added
                                .get(*n)
                                .ok_or_else(|| invalid(kind, "names a parent added after it"))?;
                            (Some(id), with_field(body, field, id)?)
                        }
                    };
                    self.own_people(&mut tx, people).await?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO records (kind, parent_id, person_id, on_date, body, owner_id)
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(*kind)
                    .bind(parent_id)
                    .bind(*person)
                    .bind(on.map(|d| d.to_string()))
                    .bind(body)
                    .bind(self.owner)
                    .fetch_one(&mut *tx)
                    .await?;
                    added.push(id);
                }
                Change::Update {
                    kind,
                    what,
                    id,
                    people,
                    person,
                    on,
                    body,
                } => {
                    self.own_people(&mut tx, people).await?;
                    let done = sqlx::query(
                        "UPDATE records SET person_id = $1, on_date = $2, body = $3
                         WHERE id = $4 AND kind = $5 AND owner_id = $6",
                    )
                    .bind(*person)
                    .bind(on.map(|d| d.to_string()))
                    .bind(body)
                    .bind(*id)
                    .bind(*kind)
                    .bind(self.owner)
                    .execute(&mut *tx)
                    .await?;
                    found(done, what, *id)?;
                }
                Change::Delete { kind, what, id } => {
                    let done = sqlx::query(
                        "DELETE FROM records WHERE id = $1 AND kind = $2 AND owner_id = $3",
                    )
                    .bind(*id)
                    .bind(*kind)
                    .bind(self.owner)
                    .execute(&mut *tx)
                    .await?;
                    found(done, what, *id)?;
                }
            }
        }
        tx.commit().await?;
        Ok(added)
    }
}

fn invalid(kind: &str, why: &str) -> StoreError {
    StoreError::Corrupt {
        what: "kept record",
        message: format!("a {kind} {why}"),
    }
}

/// `body` with its `field` set to `id`: a record added under a parent added in the same write
/// learns the parent's id only then.
fn with_field(body: &str, field: &str, id: i64) -> Result<String> {
    let mut value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| invalid("record", &e.to_string()))?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| invalid("record", "is not a JSON object"))?;
    object.insert(field.to_string(), serde_json::Value::from(id));
    Ok(value.to_string())
}

impl Db {
    /// Refuses a parent that is not this owner's record of the kind a record belongs to.
    async fn own_record(
        &self,
        tx: &mut Transaction<'static, DB>,
        kind: &'static str,
        id: i64,
    ) -> Result<()> {
        let mine: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM records WHERE id = $1 AND kind = $2 AND owner_id = $3",
        )
        .bind(id)
        .bind(kind)
        .bind(self.owner)
        .fetch_optional(&mut **tx)
        .await?;
        mine.map(|_| ())
            .ok_or(StoreError::NotFound { what: kind, id })
    }

    /// Refuses a record that names someone who is not this owner's person.
    async fn own_people(&self, tx: &mut Transaction<'static, DB>, people: &[i64]) -> Result<()> {
        for &id in people {
            let mine: Option<i64> =
                sqlx::query_scalar("SELECT id FROM people WHERE id = $1 AND owner_id = $2")
                    .bind(id)
                    .bind(self.owner)
                    .fetch_optional(&mut **tx)
                    .await?;
            if mine.is_none() {
                return Err(StoreError::NotFound { what: "person", id });
            }
        }
        Ok(())
    }
}
