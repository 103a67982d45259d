//! Fixture git repositories, made with the `git` program and a configuration isolated
//! from the machine's.

use std::path::Path;
use std::process::Command;

/// `git` without the machine's global or system configuration.
pub fn git_command() -> Command {
    let mut c = Command::new("git");
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    c
}

/// Runs git in `repo` with these extra variables; it must succeed. Returns its output.
pub fn git(repo: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = git_command()
        .arg("-C")
        .arg(repo)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Commits a new file as `Someone <email>` at `date` (author and committer alike).
pub fn commit(repo: &Path, email: &str, date: &str, msg: &str) {
    // One file per commit, so branches never conflict when merged.
    let file = format!(
        "{}.txt",
        msg.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    std::fs::write(repo.join(&file), format!("{msg}\n")).unwrap();
    git(repo, &["add", &file], &[]);
    git(
        repo,
        &["commit", "-q", "-m", msg],
        &[
            ("GIT_AUTHOR_NAME", "Someone"),
            ("GIT_AUTHOR_EMAIL", email),
            ("GIT_AUTHOR_DATE", date),
            ("GIT_COMMITTER_NAME", "Someone"),
            ("GIT_COMMITTER_EMAIL", email),
            ("GIT_COMMITTER_DATE", date),
        ],
    );
}
