//! Builds fixture repositories with the `git` program and reads them back
//! with `git log`, to hold the crate's results against git's own.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use fulcrum_git::Commit;

pub const USER: &str = "alice@example.com";

/// Runs git with a configuration isolated from the machine's.
pub fn git_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_COMMITTER_NAME", "Committer")
        .env("GIT_COMMITTER_EMAIL", "committer@example.com")
        .env("GIT_AUTHOR_NAME", "Default Author")
        .env("GIT_AUTHOR_EMAIL", "default@example.com")
        .env("LC_ALL", "C");
    cmd
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_cmd(dir).args(args).output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A work tree whose commits get strictly increasing committer dates, so the
/// history has no clock skew unless a test asks for it.
pub struct Repo {
    pub dir: PathBuf,
    clock: i64,
    files: u32,
}

impl Repo {
    pub fn init(dir: &Path) -> Repo {
        std::fs::create_dir_all(dir).unwrap();
        git(dir, &["init", "-q", "-b", "main"]);
        Repo {
            dir: dir.to_owned(),
            clock: 1_700_000_000,
            files: 0,
        }
    }

    pub fn git(&self, args: &[&str]) -> String {
        git(&self.dir, args)
    }

    /// Commits a new file as `name <email>` at unix time `at` with UTC offset
    /// `offset` ("+0200"); returns the commit id.
    pub fn commit(
        &mut self,
        name: &str,
        email: &str,
        at: i64,
        offset: &str,
        message: &str,
    ) -> String {
        self.files += 1;
        let file = format!("file{}.txt", self.files);
        std::fs::write(self.dir.join(&file), format!("content {}\n", self.files)).unwrap();
        self.git(&["add", &file]);
        self.commit_as(name, email, &format!("{at} {offset}"), message)
    }

    /// Commits what is staged as the user (Alice) at unix time `at`, UTC.
    pub fn commit_staged(&mut self, at: i64, message: &str) -> String {
        self.commit_as("Alice", USER, &format!("{at} +0000"), message)
    }

    /// Commits what is staged, authored by `name <email>` on `author_date`.
    fn commit_as(&mut self, name: &str, email: &str, author_date: &str, message: &str) -> String {
        self.record(
            name,
            email,
            Some(author_date),
            &["commit", "-q", "--allow-empty", "-m", message],
        )
    }

    pub fn merge(&mut self, branch: &str) -> String {
        self.record(
            "Alice",
            USER,
            None,
            &["merge", "-q", "--no-ff", "-m", "merge", branch],
        )
    }

    /// Runs a git command that makes a commit, authored by `name <email>` at
    /// `author_date` (by default the commit's own date) and dated one minute after
    /// the previous commit; returns the new HEAD.
    fn record(
        &mut self,
        name: &str,
        email: &str,
        author_date: Option<&str>,
        args: &[&str],
    ) -> String {
        self.clock += 60;
        let committed = format!("{} +0000", self.clock);
        let out = git_cmd(&self.dir)
            .env("GIT_AUTHOR_NAME", name)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_AUTHOR_DATE", author_date.unwrap_or(&committed))
            .env("GIT_COMMITTER_DATE", &committed)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }
}

/// One commit as `git log --use-mailmap` shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LogEntry {
    pub id: String,
    pub email: String,
    pub name: String,
    pub time: i64,
    /// The author's local calendar day, from `%ai`.
    pub day: String,
    pub summary: String,
}

/// The user's commits per git itself: the exact-e-mail filter applied to
/// `git log --no-merges --branches --remotes --tags --use-mailmap`.
pub fn git_log_for(dir: &Path, emails: &[&str]) -> Vec<LogEntry> {
    let out = git(
        dir,
        &[
            "log",
            "--no-merges",
            "--branches",
            "--remotes",
            "--tags",
            "--use-mailmap",
            "--format=%H%x00%aE%x00%aN%x00%at%x00%ai%x00%s",
        ],
    );
    let wanted: Vec<String> = emails.iter().map(|e| e.to_lowercase()).collect();
    let mut entries: Vec<LogEntry> = out
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\0').collect();
            LogEntry {
                id: f[0].to_owned(),
                email: f[1].to_owned(),
                name: f[2].to_owned(),
                time: f[3].parse().unwrap(),
                day: f[4][..10].to_owned(),
                summary: f[5].to_owned(),
            }
        })
        .filter(|e| wanted.contains(&e.email.to_lowercase()))
        .collect();
    entries.sort();
    entries
}

/// The author's local calendar day of a scanned commit.
pub fn local_day(commit: &Commit) -> String {
    let offset = jiff::tz::Offset::from_seconds(commit.author_offset_seconds).unwrap();
    let ts = jiff::Timestamp::from_second(commit.author_time).unwrap();
    offset.to_datetime(ts).date().to_string()
}

pub fn as_log_entries(commits: &[Commit]) -> Vec<LogEntry> {
    let mut entries: Vec<LogEntry> = commits
        .iter()
        .map(|c| LogEntry {
            id: c.id.clone(),
            email: c.author_email.clone(),
            name: c.author_name.clone(),
            time: c.author_time,
            day: local_day(c),
            summary: c.summary.clone(),
        })
        .collect();
    entries.sort();
    entries
}

pub fn per_day(entries: &[LogEntry]) -> BTreeMap<String, usize> {
    let mut days = BTreeMap::new();
    for e in entries {
        *days.entry(e.day.clone()).or_default() += 1;
    }
    days
}

pub fn ids(commits: &[Commit]) -> Vec<String> {
    let mut ids: Vec<String> = commits.iter().map(|c| c.id.clone()).collect();
    ids.sort();
    ids
}
