//! Connecting to a PostgreSQL store: what the database holds is looked at before anything is
//! written, as for a store file, and the schema is brought up to date with sqlx's migrator.

use super::sql::Db;
use crate::{OpenMode, Result, StoreError};
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Row};

/// A Fulcrum store in a PostgreSQL database. The queries are the SQLite backend's.
pub type PostgresStore = Db;

/// The schema's versions, checksummed. PostgreSQL stores start at version 10, the whole
/// SQLite schema of versions 1 to 10 in one step; later versions are the same on both.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// Connections a server keeps open: enough for concurrent page loads, few enough for a small
/// database server.
const POOL_SIZE: u32 = 16;

fn latest() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// What the database holds, found without writing to it.
enum Found {
    Empty,
    Store { version: i64 },
}

impl Db {
    /// Connects to the store at `url` (`postgres://…`) as `mode` allows, bringing its schema up
    /// to date unless `mode` is read-only. A database holding other tables is refused untouched.
    pub async fn open(url: &str, mode: OpenMode) -> Result<Self> {
        let shown = redact(url);
        let failed = |e: sqlx::Error| StoreError::Open {
            path: shown.clone(),
            message: e.to_string(),
        };
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .connect(url)
            .await
            .map_err(failed)?;
        let found = inspect(&pool, &shown).await?;
        match (mode, found) {
            (_, Found::Store { version }) if version > latest() => Err(StoreError::TooNew {
                path: shown,
                found: version,
                known: latest(),
            }),
            (OpenMode::Existing | OpenMode::ReadOnly, Found::Empty) => {
                Err(StoreError::Missing { path: shown })
            }
            (OpenMode::ReadOnly, Found::Store { version }) if version < latest() => {
                Err(StoreError::Outdated {
                    path: shown,
                    found: version,
                    needs: latest(),
                })
            }
            (OpenMode::ReadOnly, Found::Store { .. }) => Ok(Db::new(pool)),
            (OpenMode::Existing | OpenMode::Create, _) => {
                MIGRATOR.run(&pool).await?;
                Ok(Db::new(pool))
            }
        }
    }
}

impl Db {
    /// Drops Fulcrum's tables from the database at `url`, for the demo, which rebuilds its
    /// store from nothing. Tables of other programs are left alone; the caller has made sure
    /// the store is a demo's.
    pub async fn wipe(url: &str) -> Result<()> {
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect(url)
            .await
            .map_err(|e| StoreError::Open {
                path: redact(url),
                message: e.to_string(),
            })?;
        let mut tx = pool.begin().await?;
        for table in crate::BACKUP_TABLES
            .iter()
            .rev()
            .chain(&super::sql::backup::NOT_BACKED_UP)
        {
            let sql = format!("DROP TABLE IF EXISTS {table} CASCADE");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?;
        }
        // What the revisions' triggers call (the triggers went with their tables).
        sqlx::query("DROP FUNCTION IF EXISTS bump_revision()")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        pool.close().await;
        Ok(())
    }

    /// Closes the pool's connections, waiting for them to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A Fulcrum database has `settings` and the migrator's table; an empty one may become one.
async fn inspect(pool: &PgPool, shown: &str) -> Result<Found> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() ORDER BY table_name",
    )
    .fetch_all(pool)
    .await?;
    if tables.is_empty() {
        return Ok(Found::Empty);
    }
    let has = |t: &str| tables.iter().any(|n| n == t);
    if has("settings") && has("_sqlx_migrations") {
        let version: Option<i64> =
            sqlx::query("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await?
                .try_get(0)?;
        if let Some(version) = version {
            return Ok(Found::Store { version });
        }
    }
    Err(StoreError::Foreign {
        path: shown.to_string(),
        tables: crate::sqlite::describe_tables(&tables),
    })
}

/// The URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn messages_never_show_the_password() {
        assert_eq!(
            redact("postgres://lead:s3cret@db.example.com/fulcrum"),
            "postgres://lead:***@db.example.com/fulcrum"
        );
        assert_eq!(
            redact("postgres://127.0.0.1/test"),
            "postgres://127.0.0.1/test"
        );
    }
}
