//! Errors a user can act on: each names the file, line, field or record and says what is
//! wrong. What to run next is the interface's to say (the CLI adds a hint, the web a link):
//! the errors carry no commands.

use std::borrow::Cow;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] fulcrum_store::StoreError),
    #[error("Fulcrum does not know you yet")]
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
    /// A deploy log that cannot be read: the file, then the line and what to write instead.
    #[error("{path}: {message}")]
    DeployLog { path: String, message: String },
    /// Something asked for by name or id that is not there: `what` is the kind of record
    /// ("rule", "source", "person" …), `id` how it was asked for.
    #[error("there is no {what} {id}")]
    NotFound { what: &'static str, id: String },
    /// A value that cannot be used: `field` names the CLI flag, form field or setting it was
    /// given in (`--due`, `title`, `emails`), `why` says what is wrong with it.
    #[error("{why}")]
    Invalid {
        field: Cow<'static, str>,
        why: String,
    },
    /// A request that is sound but clashes with what is there: something that exists already,
    /// or a state that forbids it (a timer running, a delegation closed). `what` is the kind of
    /// record it concerns.
    #[error("{why}")]
    Conflict { what: &'static str, why: String },
    /// The machine refused (a listener, the output, randomness): nothing the input can fix.
    #[error("{0}")]
    Failed(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        AppError::Io {
            path: path.into(),
            source,
        }
    }

    /// `field`'s value cannot be used, for the reason `why`.
    pub fn invalid(field: impl Into<Cow<'static, str>>, why: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            why: why.into(),
        }
    }

    /// There is no `what` called or numbered `id`.
    pub fn not_found(what: &'static str, id: impl std::fmt::Display) -> Self {
        AppError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// The `what` concerned exists already or is in a state that forbids the request.
    pub fn conflict(what: &'static str, why: impl Into<String>) -> Self {
        AppError::Conflict {
            what,
            why: why.into(),
        }
    }

    /// The field a refused value was given in, when the error is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}
