//! Fulcrum's use cases: each combines the store, the rules of `fulcrum-core` and the source
//! adapters. The CLI and the web call these and never SQL.

pub mod access;
pub mod activities;
pub mod backup;
pub mod brag;
pub mod career;
pub mod clock;
pub mod dashboard;
pub mod days_away;
pub mod debt;
pub mod decisions;
pub mod delegation;
pub mod delivery;
pub mod demo;
pub mod digest;
pub mod error;
pub mod feedback;
pub mod growth;
pub mod import;
pub mod inbox;
pub mod incidents;
pub mod insights;
mod lookup;
pub mod manual;
pub mod markdown;
pub mod onboarding;
pub mod one_on_ones;
pub mod ownership;
pub mod paths;
pub mod people;
pub mod profile;
pub mod projects;
pub mod recategorise;
pub mod relationships;
pub mod report;
pub mod risks;
pub mod rituals;
pub mod rules_file;
pub mod sources;
pub mod weekly;

pub use error::{AppError, Result};

pub use fulcrum_store::OpenMode;

use fulcrum_store::{PostgresStore, SqliteStore, Store};
use std::path::Path;

/// Opens the store at `path` as `mode` allows: a `postgres://` (or `postgresql://`) URL is a
/// PostgreSQL database, anything else a file of the embedded SQLite backend. Only
/// `OpenMode::Create` makes a store where there is none.
pub async fn open_store(path: &Path, mode: OpenMode) -> Result<Box<dyn Store>> {
    match postgres_url(path) {
        Some(url) => {
            tracing::debug!(?mode, "opening a PostgreSQL store");
            Ok(Box::new(PostgresStore::open(url, mode).await?))
        }
        None => {
            tracing::debug!(?mode, path = %path.display(), "opening an SQLite store");
            Ok(Box::new(SqliteStore::open(path, mode).await?))
        }
    }
}

/// The URL `--db` names when it is a PostgreSQL one.
pub fn postgres_url(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|p| p.starts_with("postgres://") || p.starts_with("postgresql://"))
}
