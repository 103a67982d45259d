//! Throwaway PostgreSQL databases for tests, of this crate and of the crates above it.
//!
//! The server is `FULCRUM_TEST_POSTGRES` (default `postgres://postgres@127.0.0.1:5432/postgres`,
//! trust authentication, as on every development and CI machine). Without one, tests skip
//! with one line; with `FULCRUM_REQUIRE_POSTGRES=1` (CI) they fail instead.

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};

const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database of its own for one test, dropped when this is.
pub struct TestDatabase {
    /// Where the store is: pass it as `--db`, or to `PostgresStore::open`.
    pub url: String,
    name: String,
    server: String,
}

fn server() -> String {
    std::env::var("FULCRUM_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_SERVER.into())
}

fn required() -> bool {
    std::env::var("FULCRUM_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Runs `work` on a runtime of its own on another thread, so it can be called from sync code,
/// from async tests and from `Drop` alike.
fn blocking<T: Send + 'static>(work: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the test database")
            .block_on(work)
    })
    .join()
    .expect("the test database thread")
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let host_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[host_end..].find('/') {
        Some(slash) => &base[..host_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl TestDatabase {
    /// A new empty database, or `None` (after saying why) when no server answers and
    /// `FULCRUM_REQUIRE_POSTGRES` is not set.
    pub fn create() -> Option<Self> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let server = server();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "fulcrum_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let (at, create) = (server.clone(), format!("CREATE DATABASE {name}"));
        let made = blocking(async move {
            let mut conn = PgConnection::connect(&at).await?;
            sqlx::raw_sql(AssertSqlSafe(create))
                .execute(&mut conn)
                .await?;
            conn.close().await
        });
        match made {
            Ok(()) => Some(TestDatabase {
                url: with_database(&server, &name),
                name,
                server,
            }),
            Err(e) if required() => {
                panic!("FULCRUM_REQUIRE_POSTGRES=1 but no PostgreSQL at {server}: {e}")
            }
            Err(e) => {
                eprintln!("skipped: no PostgreSQL at {server} ({e}); set FULCRUM_TEST_POSTGRES");
                None
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (at, drop) = (
            self.server.clone(),
            format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
        let dropped = blocking(async move {
            let mut conn = PgConnection::connect(&at).await?;
            sqlx::raw_sql(AssertSqlSafe(drop))
                .execute(&mut conn)
                .await?;
            conn.close().await
        });
        if let Err(e) = dropped {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

/// Whether this process can be kept from writing a file by its mode (root cannot): where it
/// cannot, permissions cannot make a store read-only, and tests of that use the read-only mode.
#[cfg(unix)]
pub fn permissions_bind(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bound = std::fs::OpenOptions::new()
        .write(true)
        .open(&probe)
        .is_err();
    std::fs::remove_file(&probe).unwrap();
    bound
}

/// The files SQLite keeps beside the database at `path` (`-wal`, `-shm`, `-journal`) that
/// exist now: a file Fulcrum refused to open must not have gained any.
pub fn companions(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::path::PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://127.0.0.1?sslmode=disable", "t1"),
            "postgres://127.0.0.1/t1?sslmode=disable"
        );
    }
}
