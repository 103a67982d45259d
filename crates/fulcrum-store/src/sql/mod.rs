//! The queries of both backends, written once. Each backend compiles this module tree with
//! its own `dialect` (the sqlx database type and how a writing transaction starts), so the SQL
//! is the same text on SQLite and PostgreSQL: `$n` placeholders, `ON CONFLICT`, `RETURNING`,
//! integers as BIGINT, no engine-specific functions.
//!
//! One file for each aggregate of the store (`sources`, `weekly`, `people` with `records`,
//! `manual`, `backup`), each implementing its trait for `Db`. A handle is one owner's: every
//! query names `owner_id`.

pub(crate) mod backup;
mod coach;
mod columns;
mod kept;
mod manual;
mod people;
mod records;
mod sources;
mod weekly;

use super::dialect::{self, DB, DbPool, DbQueryResult, DbRow, begin_write};
use crate::{AccountId, BackupStore, OwnerKey, ProfileStore, Result, Store, StoreError, TableDump};
use async_trait::async_trait;
use columns::{date_col, from_word, json_word};
use fulcrum_core::Profile;
use sqlx::Row;

/// Rows per multi-row INSERT: well under SQLite's limit on bound parameters.
const BATCH: usize = 400;

/// The queries over one pool, for one owner. The SQLite backend wraps it to name the file in
/// its errors; on PostgreSQL it is the store itself.
#[derive(Clone)]
pub struct Db {
    pub(crate) pool: DbPool,
    /// Whose rows this handle reads and writes (`AccountId`).
    pub(crate) owner: i64,
}

impl Db {
    /// The local account's handle on `pool`.
    pub(crate) fn new(pool: DbPool) -> Self {
        Db {
            pool,
            owner: AccountId::LOCAL.get(),
        }
    }

    /// The owner a private read may name: this handle's, and only with its key.
    fn private_to(&self, key: &OwnerKey) -> Result<i64> {
        if key.account().get() == self.owner {
            Ok(self.owner)
        } else {
            Err(StoreError::Forbidden)
        }
    }
}

type Query<'q> = sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>;

/// `Err(NotFound)` when an UPDATE touched nothing.
fn found(done: DbQueryResult, what: &'static str, id: i64) -> Result<()> {
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound { what, id });
    }
    Ok(())
}

/// The owner's rows of one table (`sql` binds the owner as `$1`).
async fn all<T>(
    pool: &DbPool,
    owner: i64,
    sql: impl sqlx::SqlSafeStr,
    map: fn(&DbRow) -> Result<T>,
) -> Result<Vec<T>> {
    sqlx::query(sql)
        .bind(owner)
        .fetch_all(pool)
        .await?
        .iter()
        .map(map)
        .collect()
}

/// Row `id` of one table when it is the owner's (`sql` binds the id as `$1`, the owner as `$2`).
async fn one<T>(
    pool: &DbPool,
    owner: i64,
    sql: impl sqlx::SqlSafeStr,
    id: i64,
    map: fn(&DbRow) -> Result<T>,
) -> Result<Option<T>> {
    sqlx::query(sql)
        .bind(id)
        .bind(owner)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(map)
        .transpose()
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store for Db {
    fn account(&self) -> AccountId {
        AccountId::new(self.owner)
    }

    fn for_account(&self, account: AccountId) -> Box<dyn Store> {
        Box::new(Db {
            pool: self.pool.clone(),
            owner: account.get(),
        })
    }
}

#[async_trait]
impl ProfileStore for Db {
    async fn profile(&self) -> Result<Option<Profile>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = 'profile' AND owner_id = $1")
            .bind(self.owner)
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
            "INSERT INTO settings (key, value, owner_id) VALUES ('profile', $1, $2)
             ON CONFLICT (owner_id, key) DO UPDATE SET value = excluded.value",
        )
        .bind(text)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn revision(&self) -> Result<i64> {
        let n: Option<i64> =
            sqlx::query_scalar("SELECT revision FROM revisions WHERE owner_id = $1")
                .bind(self.owner)
                .fetch_optional(&self.pool)
                .await?;
        Ok(n.unwrap_or(0))
    }
}

#[async_trait]
impl BackupStore for Db {
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
