//! Errors a user can act on: each names the file, line or field and says what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] fulcrum_store::StoreError),
    #[error(
        "Fulcrum does not know you yet: run `fulcrum init --email you@example.com --tz Europe/Berlin` first"
    )]
    NotInitialised,
    #[error(transparent)]
    Profile(#[from] fulcrum_core::profile::ProfileError),
    #[error(transparent)]
    Time(#[from] fulcrum_core::time::TimeError),
    #[error("{path}: line {line}: {message}")]
    Calendar {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Git { path: String, message: String },
    #[error(transparent)]
    Repository(#[from] fulcrum_git::GitError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
    #[error("{path}: {message}")]
    Rules { path: String, message: String },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        AppError::Io {
            path: path.into(),
            source,
        }
    }
}
