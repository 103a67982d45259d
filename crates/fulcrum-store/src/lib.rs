//! Fulcrum's store: the `Store` traits (one per aggregate, `aggregates`) and their two
//! backends. All SQL of the product lives here.
//!
//! The embedded SQLite backend is the default; the PostgreSQL backend for teams runs the same
//! queries (`sql/`, compiled once for each) and passes the same conformance suite
//! (`conformance`), so the SQL is kept portable: `$n` placeholders, `ON CONFLICT`, no
//! engine-specific functions in queries.

mod aggregates;
pub mod kept;
mod kinds;
mod model;
pub mod postgres;
pub mod sqlite;

pub use aggregates::*;
pub use kept::{Filter, Kind, RecordStore, Records};
pub use model::*;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;

/// What opening a store may do, chosen by the command that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Creates the store, and its folder, when there is none: only `init`, the demo and the
    /// imports do, so a mistyped path never leaves a store behind.
    Create,
    /// A store that must already exist. Its schema is brought up to date; a store that cannot
    /// be written is opened read-only, so it can still be read and a change says why it fails.
    Existing,
    /// A store that must already exist, opened read-only whatever its permissions: nothing is
    /// written, not even a migration or the journal mode.
    ReadOnly,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {message}")]
    Open { path: String, message: String },
    #[error(
        "no Fulcrum store at {path}; create one with `fulcrum init --email you@example.com --tz Europe/Berlin`, or pass --db (or set FULCRUM_DB) to point at yours"
    )]
    Missing { path: String },
    #[error(
        "{path} is not a Fulcrum store: it is another program's SQLite database ({tables}); Fulcrum left it untouched, pass --db with the path of your store or of a new file"
    )]
    Foreign { path: String, tables: String },
    #[error(
        "{path} is not a Fulcrum store: it is not an SQLite database; Fulcrum left it untouched, pass --db with the path of your store or of a new file"
    )]
    NotSqlite { path: String },
    #[error(
        "another Fulcrum process is using the store at {path} (it stayed locked for {} s); wait for it to finish and try again",
        .waited.as_secs_f64()
    )]
    Locked {
        path: String,
        waited: std::time::Duration,
    },
    #[error(
        "the store at {path} is read-only: Fulcrum can show what it holds but not change it; make the file and its folder writable to change it"
    )]
    ReadOnly { path: String },
    #[error(
        "the store at {path} was written by an older Fulcrum (schema {found}, this one needs {needs}) and is read-only, so it cannot be brought up to date; make the file and its folder writable and run Fulcrum once"
    )]
    Outdated {
        path: String,
        found: i64,
        needs: i64,
    },
    #[error(
        "the store at {path} was written by a newer Fulcrum (schema {found}, this one knows {known}); upgrade Fulcrum"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("store error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot bring the store's schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the stored {what} is damaged: {message}")]
    Corrupt { what: &'static str, message: String },
    /// A record the caller named by id is not there. The message names it; what to run to see
    /// the ids is the interface's to say (`fulcrum_store::StoreError::NotFound` carries no hint).
    #[error("there is no {what} {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("the backup cannot be restored: {message}")]
    Backup { message: String },
    #[error("a backup is restored only into an empty store, and this one holds {table}")]
    NotEmpty { table: String },
    #[error("a timer is already running")]
    TimerRunning,
    /// A private read with another owner's key.
    #[error(
        "the key given is not the key of this store's owner; private notes and entries are read with their owner's key only"
    )]
    Forbidden,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Commits being added to one git source inside an open transaction.
#[async_trait]
pub trait CommitImport: Send {
    /// Adds commits; ids the store already holds are ignored. Returns how many were new.
    async fn add(&mut self, commits: &[StoredCommit]) -> Result<u64>;
    /// Records how many non-merge commits, everyone's, the repository holds.
    async fn set_repository_commits(&mut self, total: u64) -> Result<()>;
    /// Saves the scan cursor and the outcome, and commits the transaction.
    async fn finish(self: Box<Self>, cursor: &str, outcome: &str) -> Result<Source>;
}

#[doc(hidden)]
pub mod testing;

/// Every shipped migration as `backend version description checksum` lines (the checksum is
/// the migrator's SHA-384, in hex), so a test can hold them against the released list.
#[doc(hidden)]
pub fn migration_checksums() -> Vec<String> {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let list = |backend: &str, m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| {
                format!(
                    "{backend} {} {} {}",
                    m.version,
                    m.description,
                    hex(&m.checksum)
                )
            })
            .collect::<Vec<_>>()
    };
    let mut all = list("sqlite", &sqlite::MIGRATOR);
    all.extend(list("postgres", &postgres::MIGRATOR));
    all
}

/// The behaviour every backend must show; each backend's tests run it.
#[doc(hidden)]
pub mod conformance;

/// The store's traits, for code that calls them on a concrete backend (`SqliteStore`,
/// `PostgresStore`) rather than on `dyn Store`.
pub mod prelude {
    pub use crate::{
        BackupStore, CoachStore, LoopStore, PeopleStore, PrivateStore, ProfileStore, RitualStore,
        SourceStore, Store, TimeStore,
    };
}
