//! The embedded SQLite backend: one file, WAL journal, migrations applied on open.

mod open;

pub(crate) use open::describe_tables;
pub use open::{BUSY_TIMEOUT, SqliteStore};

/// What the shared queries need to know of SQLite.
mod dialect {
    use crate::Result;
    use sqlx::Transaction;

    pub type DB = sqlx::Sqlite;
    pub type DbPool = sqlx::SqlitePool;
    pub type DbRow = sqlx::sqlite::SqliteRow;
    pub type DbQueryResult = sqlx::sqlite::SqliteQueryResult;
    pub type DbConnection = sqlx::SqliteConnection;

    /// Starts a transaction that will write. `BEGIN IMMEDIATE` takes the write lock up front,
    /// so it waits out another writer for the busy timeout; a deferred transaction that
    /// upgrades to writing later fails at once in WAL mode when another process wrote in
    /// between.
    pub async fn begin_write(pool: &DbPool) -> Result<Transaction<'static, DB>> {
        Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

// The queries are compiled once per backend, on purpose: each copy is checked against its
// own database type, with no generic bounds to carry around.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;
