//! The embedded SQLite backend: one file, WAL journal, migrations applied on open.

mod open;

pub use open::{BUSY_TIMEOUT, SqliteStore};
pub(crate) use open::{MIGRATOR, describe_tables};

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

    /// A table's columns and their declared types, in order.
    pub const COLUMNS: &str = "SELECT name, type FROM pragma_table_info($1) ORDER BY cid";
    /// The tables of the schema.
    pub const TABLES: &str =
        "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'";

    /// SQLite gives a new row the next id after the highest: nothing to do.
    pub async fn continue_ids_after_restore(
        _tx: &mut Transaction<'_, DB>,
        _table: &str,
    ) -> Result<()> {
        Ok(())
    }
}

// The queries are compiled once per backend, on purpose: each copy is checked against its
// own database type, with no generic bounds to carry around.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;
