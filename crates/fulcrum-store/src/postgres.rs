//! The PostgreSQL backend, for a team's server: the same queries as SQLite (`sql/`), its own
//! schema steps, and the same conformance suite.

mod open;

pub(crate) use open::MIGRATOR;
pub use open::PostgresStore;

/// What the shared queries need to know of PostgreSQL.
mod dialect {
    use crate::Result;
    use sqlx::Transaction;

    pub type DB = sqlx::Postgres;
    pub type DbPool = sqlx::PgPool;
    pub type DbRow = sqlx::postgres::PgRow;
    pub type DbQueryResult = sqlx::postgres::PgQueryResult;
    pub type DbConnection = sqlx::PgConnection;

    /// Lock key of the store's writers (any number: it only has to be the same for all).
    const WRITERS: i64 = 0x46_75_6c_63; // "Fulc"

    /// Starts a transaction that will write. Writers take one transaction-scoped advisory
    /// lock first, so they run one after another as on SQLite: the queries read, then write
    /// what they read, and need no retry loop for serialisation failures.
    pub async fn begin_write(pool: &DbPool) -> Result<Transaction<'static, DB>> {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITERS)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }

    /// A table's columns and their types, in order.
    pub const COLUMNS: &str =
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position";
    /// The tables of the schema.
    pub const TABLES: &str = "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";

    /// Rows restored with their ids leave the identity behind: move it past the highest.
    pub async fn continue_ids_after_restore(
        tx: &mut Transaction<'_, DB>,
        table: &str,
    ) -> Result<()> {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

// The queries are compiled once per backend, on purpose: each copy is checked against its
// own database type, with no generic bounds to carry around.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;
