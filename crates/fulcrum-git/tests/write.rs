//! `write_repository` output read back by git and by `scan`.

mod common;

use common::{as_log_entries, git, git_log_for};
use fulcrum_git::{GitError, Identity, NewCommit, scan, write_repository};

fn commit(
    name: &str,
    email: &str,
    time: i64,
    offset: i32,
    message: &str,
    files: &[(&str, &str)],
) -> NewCommit {
    NewCommit {
        author_name: name.into(),
        author_email: email.into(),
        time,
        offset_seconds: offset,
        message: message.into(),
        files: files
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect(),
    }
}

fn demo() -> Vec<NewCommit> {
    vec![
        commit(
            "Dana Lead",
            "dana@example.com",
            1_717_236_000,
            7200,
            "Start the service\n\nWith a body.",
            &[("README.md", "# Demo\n"), ("src/main.rs", "fn main() {}\n")],
        ),
        commit(
            "Eli",
            "eli@example.com",
            1_717_239_600,
            -18000,
            "Add the parser",
            &[("src/parse/mod.rs", "pub fn parse() {}\n")],
        ),
        commit(
            "Dana Lead",
            "Dana@Example.com",
            1_717_322_400,
            19800,
            "Fix main",
            &[("src/main.rs", "fn main() { println!(\"hi\"); }\n")],
        ),
        commit(
            "Dana Lead",
            "dana@example.com",
            1_717_408_800,
            0,
            "Docs only",
            &[("docs/guide.md", "Guide\n")],
        ),
    ]
}

#[test]
fn git_reads_what_we_write() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let commits = demo();
    write_repository(&dir, "trunk", &commits).unwrap();

    git(&dir, &["fsck", "--strict", "--no-progress"]);
    assert_eq!(
        git(&dir, &["symbolic-ref", "HEAD"]).trim(),
        "refs/heads/trunk"
    );
    let log = git(
        &dir,
        &["log", "--reverse", "--format=%an|%ae|%at|%ai|%cn|%s|%P"],
    );
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), commits.len());
    assert_eq!(
        lines[0],
        "Dana Lead|dana@example.com|1717236000|2024-06-01 12:00:00 +0200|Dana Lead|Start the service|"
    );
    assert!(lines[1].starts_with(
        "Eli|eli@example.com|1717239600|2024-06-01 06:00:00 -0500|Eli|Add the parser|"
    ));
    assert!(
        lines[2].starts_with("Dana Lead|Dana@Example.com|1717322400|2024-06-02 15:30:00 +0530|")
    );
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%B", "HEAD~3"]),
        "Start the service\n\nWith a body.\n\n"
    );

    // Each tree builds on the previous one.
    let files = git(&dir, &["ls-tree", "-r", "--name-only", "HEAD"]);
    assert_eq!(
        files,
        "README.md\ndocs/guide.md\nsrc/main.rs\nsrc/parse/mod.rs\n"
    );
    assert_eq!(git(&dir, &["show", "HEAD~3:src/main.rs"]), "fn main() {}\n");
    assert_eq!(
        git(&dir, &["show", "HEAD:src/main.rs"]),
        "fn main() { println!(\"hi\"); }\n"
    );
    assert_eq!(
        git(&dir, &["ls-tree", "-r", "--name-only", "HEAD~3"]),
        "README.md\nsrc/main.rs\n"
    );

    // The last commit is checked out and the index matches it.
    assert_eq!(
        std::fs::read_to_string(dir.join("docs/guide.md")).unwrap(),
        "Guide\n"
    );
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");

    // And the scan agrees with git.
    let identity = Identity::new(["dana@example.com"]);
    let scanned = scan(&dir, &identity, None, &mut |_| {}).unwrap();
    assert_eq!(scanned.commits.len(), 3);
    assert_eq!(
        as_log_entries(&scanned.commits),
        git_log_for(&dir, &["dana@example.com"])
    );
}

#[test]
fn later_files_replace_earlier_ones_and_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let commits = vec![
        commit(
            "A",
            "a@example.com",
            1_700_000_000,
            0,
            "one",
            &[("a", "file"), ("b/c", "nested")],
        ),
        commit(
            "A",
            "a@example.com",
            1_700_000_100,
            0,
            "two",
            &[("a/inner", "now a folder"), ("b", "now a file")],
        ),
    ];
    write_repository(&dir, "main", &commits).unwrap();
    git(&dir, &["fsck", "--strict", "--no-progress"]);
    assert_eq!(
        git(&dir, &["ls-tree", "-r", "--name-only", "HEAD"]),
        "a/inner\nb\n"
    );
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
}

#[test]
fn no_commits_gives_an_unborn_branch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("empty");
    write_repository(&dir, "main", &[]).unwrap();
    assert_eq!(
        git(&dir, &["symbolic-ref", "HEAD"]).trim(),
        "refs/heads/main"
    );
    let scanned = scan(&dir, &Identity::new(["a@example.com"]), None, &mut |_| {}).unwrap();
    assert!(scanned.commits.is_empty());
}

#[test]
fn bad_input_is_rejected() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write_repository(&tmp.path().join("x"), "bad..name", &demo()).unwrap_err();
    assert!(matches!(err, GitError::InvalidBranch { .. }), "{err:?}");

    for bad in ["../escape", "/abs", ".git/config", "a//b", ""] {
        let commits = vec![commit("A", "a@example.com", 1, 0, "m", &[(bad, "x")])];
        let err = write_repository(&tmp.path().join("y"), "main", &commits).unwrap_err();
        assert!(
            matches!(err, GitError::InvalidFilePath { .. }),
            "{bad}: {err:?}"
        );
    }
    assert!(
        !tmp.path().join("y").exists(),
        "nothing is created for bad input"
    );

    let full = tmp.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("something"), "x").unwrap();
    let err = write_repository(&full, "main", &demo()).unwrap_err();
    assert!(matches!(err, GitError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains(full.to_str().unwrap()), "{err}");
}
