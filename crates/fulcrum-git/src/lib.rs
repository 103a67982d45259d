//! Reads the commit history of a user's git repositories for Fulcrum.
//!
//! [`scan`] lists the user's own non-merge commits reachable from every local
//! branch, remote-tracking branch and tag, with author e-mails resolved
//! through the repository's `.mailmap`. A [`Cursor`] returned by one scan lets
//! the next one skip the walk entirely when no ref moved, or read only the
//! commits that are new since.
//!
//! [`write_repository`] creates a real repository from a list of commits, for
//! the product's demo, without needing the `git` program.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

mod history;
mod scan;
mod write;

pub use history::{Delivered, RepoTag, delivered_by, tags};
pub use scan::{ScanSummary, scan, scan_each};
pub use write::write_repository;

/// Who "the user" is: the e-mail addresses they commit with.
///
/// E-mails are compared case-insensitively and after trimming surrounding
/// white space.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub emails: Vec<String>,
}

impl Identity {
    /// An identity with the given e-mail addresses.
    pub fn new<I, S>(emails: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Identity {
            emails: emails.into_iter().map(Into::into).collect(),
        }
    }
}

/// One of the user's commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hexadecimal object id.
    pub id: String,
    /// Author date as seconds since the Unix epoch (the date `git log` shows).
    pub author_time: i64,
    /// The author's UTC offset at the time of the commit, in seconds east of UTC.
    pub author_offset_seconds: i32,
    /// Author e-mail after applying the repository's `.mailmap`.
    pub author_email: String,
    /// Author name after applying the repository's `.mailmap`.
    pub author_name: String,
    /// First line of the commit message.
    pub summary: String,
}

/// What a scan saw, so the next scan of the same repository can skip or
/// shorten its walk. The caller stores it (as JSON) between runs.
#[derive(Debug, Serialize, Deserialize, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Sorted, de-duplicated ids the branches, remote-tracking branches and
    /// tags pointed at (tag object ids for annotated tags).
    pub tips: Vec<String>,
}

/// The result of [`scan`].
#[derive(Debug, Clone)]
pub struct Scan {
    /// The user's non-merge commits found by this scan, newest author date
    /// first. With a previous cursor these are only the commits that are new
    /// since; a few already-seen commits may reappear (for example around
    /// rewritten history), so the caller should de-duplicate by id.
    pub commits: Vec<Commit>,
    /// Pass this to the next scan of the same repository.
    pub cursor: Cursor,
    /// True when no ref moved since the previous cursor; no commits were read.
    pub unchanged: bool,
    /// Canonical path of the repository: its work tree, or the repository
    /// folder itself when it is bare.
    pub path: PathBuf,
}

/// A commit to create with [`write_repository`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommit {
    pub author_name: String,
    pub author_email: String,
    /// Author and committer date, seconds since the Unix epoch.
    pub time: i64,
    /// UTC offset in seconds east of UTC.
    pub offset_seconds: i32,
    pub message: String,
    /// Files added or replaced by this commit: slash-separated path relative
    /// to the repository root, and the file's content.
    pub files: Vec<(String, String)>,
}

/// Everything that can go wrong reading or writing a repository. Every
/// message names the path it concerns.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{} does not exist", path.display())]
    NotFound { path: PathBuf },

    #[error(
        "{} is not a git repository (no .git found); pass the repository's top folder or a bare repository",
        path.display()
    )]
    NotARepository { path: PathBuf },

    #[error("could not open the git repository at {}: {message}", path.display())]
    Open { path: PathBuf, message: String },

    #[error("could not read the refs of the git repository at {}: {message}", path.display())]
    Refs { path: PathBuf, message: String },

    #[error("the git repository at {} is damaged: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },

    #[error("invalid branch name {name:?}: {message}")]
    InvalidBranch { name: String, message: String },

    #[error("invalid file path {file:?} for the repository at {}: {message}", path.display())]
    InvalidFilePath {
        path: PathBuf,
        file: String,
        message: String,
    },

    #[error("could not write the git repository at {}: {message}", path.display())]
    Write { path: PathBuf, message: String },
}
