//! `scan` against `git log` on fixture repositories built with git itself.

mod common;

use std::path::Path;

use common::{Repo, USER, as_log_entries, git, git_log_for, ids, per_day};
use fulcrum_git::{Cursor, GitError, Identity, Scan, scan};

const DAY: i64 = 86_400;
const T0: i64 = 1_717_236_000; // 2024-06-01 10:00 UTC

fn identity() -> Identity {
    // Mixed case on purpose: the comparison ignores case.
    Identity::new(["Alice@Example.com", "alice@work.example"])
}

fn run(path: &Path, previous: Option<&Cursor>) -> Scan {
    scan(path, &identity(), previous, &mut |_| {}).unwrap_or_else(|e| panic!("scan failed: {e}"))
}

/// A repository exercising every kind of ref and author the scan must handle.
fn fixture(dir: &Path) -> Repo {
    let mut r = Repo::init(dir);
    std::fs::write(
        dir.join(".mailmap"),
        "Alice <alice@example.com> <alice@old.example>\nAlice Work <alice@work.example> Old Name <ALICE@legacy.example>\n",
    )
    .unwrap();
    r.git(&["add", ".mailmap"]);
    r.commit_staged(T0, "add mailmap");
    r.commit("Alice", USER, T0 + 3600, "+0200", "first line\n\nbody text");
    r.commit(
        "Bob",
        "bob@example.com",
        T0 + 2 * 3600,
        "-0500",
        "bob's work",
    );
    // Late evening in New York is already the next day in UTC.
    r.commit(
        "Alice",
        "ALICE@EXAMPLE.COM",
        T0 + DAY - 3600,
        "-0700",
        "shouting e-mail",
    );
    r.commit(
        "Alice Old",
        "alice@old.example",
        T0 + DAY + 100,
        "+0530",
        "from the old address",
    );
    r.commit(
        "Old Name",
        "alice@legacy.example",
        T0 + DAY + 200,
        "+0000",
        "legacy mapped by name and e-mail",
    );
    r.commit(
        "Not Alice",
        "alice@example.com.evil",
        T0 + DAY + 300,
        "+0000",
        "look-alike address",
    );
    r.commit(
        "Alice",
        "bob+alice@example.com",
        T0 + DAY + 400,
        "+0000",
        "alice in name only",
    );

    r.git(&["checkout", "-q", "-b", "feature"]);
    r.commit("Alice", USER, T0 + 2 * DAY, "+0900", "feature one");
    r.commit(
        "Carol",
        "carol@example.com",
        T0 + 2 * DAY + 60,
        "+0100",
        "carol on feature",
    );
    r.commit("Alice", USER, T0 + 2 * DAY + 120, "+0900", "feature two");
    r.git(&["checkout", "-q", "main"]);
    r.commit("Alice", USER, T0 + 3 * DAY, "+0000", "main moves on");
    r.merge("feature");

    r.git(&["checkout", "-q", "-b", "topic"]);
    r.commit(
        "Alice",
        "alice@work.example",
        T0 + 4 * DAY,
        "+0100",
        "unmerged topic",
    );
    r.git(&["checkout", "-q", "main"]);

    // Commits reachable only through a remote-tracking ref, an annotated tag
    // and a lightweight tag.
    for (name, summary, at) in [
        ("remote", "only on the remote", T0 + 5 * DAY),
        ("annotated", "only under an annotated tag", T0 + 6 * DAY),
        ("light", "only under a lightweight tag", T0 + 7 * DAY),
    ] {
        r.git(&["checkout", "-q", "-b", name, "main"]);
        r.commit("Alice", USER, at, "-0300", summary);
        let id = r.git(&["rev-parse", "HEAD"]).trim().to_owned();
        r.git(&["checkout", "-q", "main"]);
        r.git(&["branch", "-q", "-D", name]);
        match name {
            "remote" => r.git(&["update-ref", "refs/remotes/origin/x", &id]),
            "annotated" => r.git(&["tag", "-a", "v-annotated", "-m", "a tag", &id]),
            _ => r.git(&["tag", "v-light", &id]),
        };
    }
    // A symbolic remote HEAD, a tag of a blob and a tag of a tag.
    r.git(&[
        "symbolic-ref",
        "refs/remotes/origin/HEAD",
        "refs/remotes/origin/x",
    ]);
    let blob = r.git(&["hash-object", "-w", ".mailmap"]).trim().to_owned();
    r.git(&["tag", "blob-tag", &blob]);
    r.git(&["tag", "-a", "tag-of-tag", "-m", "nested", "v-annotated"]);

    // A commit on a detached HEAD is on no branch, so it is not counted.
    r.git(&["checkout", "-q", "--detach"]);
    r.commit("Alice", USER, T0 + 8 * DAY, "+0000", "detached");
    r.git(&["checkout", "-q", "main"]);
    r
}

#[test]
fn matches_git_log_on_a_varied_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = fixture(&tmp.path().join("work"));
    let expected = git_log_for(&repo.dir, &["alice@example.com", "ALICE@work.example"]);
    assert!(expected.len() >= 10, "fixture too small: {expected:#?}");

    let mut calls = Vec::new();
    let result = scan(&repo.dir, &identity(), None, &mut |n| calls.push(n)).unwrap();
    assert!(!result.unchanged);
    let got = as_log_entries(&result.commits);
    assert_eq!(got, expected);
    assert_eq!(per_day(&got), per_day(&expected));
    assert!(!calls.is_empty(), "progress is reported at least once");

    // A few facts spelled out, in case git and the scan agree on something wrong.
    let summaries: Vec<&str> = got.iter().map(|e| e.summary.as_str()).collect();
    for wanted in [
        "first line",
        "shouting e-mail",
        "from the old address",
        "legacy mapped by name and e-mail",
        "feature one",
        "feature two",
        "unmerged topic",
        "only on the remote",
        "only under an annotated tag",
        "only under a lightweight tag",
    ] {
        assert!(
            summaries.contains(&wanted),
            "{wanted:?} missing from {summaries:?}"
        );
    }
    for unwanted in [
        "merge",
        "detached",
        "bob's work",
        "look-alike address",
        "alice in name only",
    ] {
        assert!(
            !summaries.contains(&unwanted),
            "{unwanted:?} should not be listed"
        );
    }
    let by_summary = |summary: &str| got.iter().find(|e| e.summary == summary).unwrap();
    let old = by_summary("from the old address");
    assert_eq!(old.email, "alice@example.com");
    assert_eq!(old.name, "Alice");
    let legacy = by_summary("legacy mapped by name and e-mail");
    assert_eq!(legacy.email, "alice@work.example");
    assert_eq!(legacy.name, "Alice Work");

    // Newest author date first.
    assert!(
        result
            .commits
            .windows(2)
            .all(|w| w[0].author_time >= w[1].author_time)
    );
    assert_eq!(result.path, std::fs::canonicalize(&repo.dir).unwrap());
    let mut sorted = result.cursor.tips.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(result.cursor.tips, sorted);
}

#[test]
fn git_dir_and_bare_clone_give_the_same_result() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = fixture(&tmp.path().join("work"));
    let from_work_tree = run(&repo.dir, None);

    // The .git folder of a work tree is the same repository.
    let from_git_dir = run(&repo.dir.join(".git"), None);
    assert_eq!(ids(&from_git_dir.commits), ids(&from_work_tree.commits));
    assert_eq!(from_git_dir.path, from_work_tree.path);

    // A bare clone keeps branches and tags (not the remote-tracking ref) and
    // finds its .mailmap in HEAD's tree.
    let bare = tmp.path().join("bare.git");
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            "--bare",
            repo.dir.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    let expected = git_log_for(&bare, &["alice@example.com", "alice@work.example"]);
    let from_bare = run(&bare, None);
    assert_eq!(as_log_entries(&from_bare.commits), expected);
    assert_eq!(from_bare.path, std::fs::canonicalize(&bare).unwrap());
    let old = from_bare
        .commits
        .iter()
        .find(|c| c.summary == "from the old address")
        .expect("mailmap applied in the bare clone");
    assert_eq!(old.author_email, "alice@example.com");

    // Everything but the remote-only commit is common to both.
    let mut work_ids = ids(&from_work_tree.commits);
    let remote_only = from_work_tree
        .commits
        .iter()
        .find(|c| c.summary == "only on the remote")
        .unwrap();
    work_ids.retain(|id| *id != remote_only.id);
    assert_eq!(ids(&from_bare.commits), work_ids);
}

#[test]
fn uses_the_commit_graph_when_present() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = fixture(&tmp.path().join("work"));
    repo.git(&["gc", "-q"]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    let expected = git_log_for(&repo.dir, &["alice@example.com", "alice@work.example"]);
    let first = run(&repo.dir, None);
    assert_eq!(as_log_entries(&first.commits), expected);

    let new = repo.commit("Alice", USER, T0 + 10 * DAY, "+0000", "after gc");
    let second = run(&repo.dir, Some(&first.cursor));
    assert_eq!(ids(&second.commits), vec![new]);
}

#[test]
fn incremental_scans_read_only_new_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = fixture(&tmp.path().join("work"));
    let first = run(&repo.dir, None);
    assert!(!first.commits.is_empty());

    // Nothing moved.
    let mut walked = 0;
    let started = std::time::Instant::now();
    let again = scan(&repo.dir, &identity(), Some(&first.cursor), &mut |n| {
        walked = n
    })
    .unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(again.unchanged);
    assert!(again.commits.is_empty());
    assert_eq!(walked, 0, "no walk when nothing changed");
    assert_eq!(again.cursor, first.cursor);

    // The cursor survives a JSON round trip, as the caller stores it.
    let stored = serde_json::to_string(&first.cursor).unwrap();
    let restored: Cursor = serde_json::from_str(&stored).unwrap();
    assert!(run(&repo.dir, Some(&restored)).unchanged);

    // New commits on main and on a new branch.
    let a = repo.commit("Alice", USER, T0 + 20 * DAY, "+0000", "new on main");
    repo.commit(
        "Bob",
        "bob@example.com",
        T0 + 20 * DAY + 60,
        "+0000",
        "bob new",
    );
    repo.git(&["checkout", "-q", "-b", "later", "topic"]);
    let b = repo.commit("Alice", USER, T0 + 21 * DAY, "+0000", "new on later");
    repo.git(&["checkout", "-q", "main"]);
    let mut walked = 0;
    let second = scan(&repo.dir, &identity(), Some(&first.cursor), &mut |n| {
        walked = n
    })
    .unwrap();
    assert!(!second.unchanged);
    let mut want = vec![a.clone(), b.clone()];
    want.sort();
    assert_eq!(ids(&second.commits), want);
    assert!(
        walked <= 5,
        "only the new commits are walked, walked {walked}"
    );

    // A new tag on an existing commit changes the tips but adds no commit.
    repo.git(&["tag", "-a", "release", "-m", "release", &a]);
    let third = run(&repo.dir, Some(&second.cursor));
    assert!(!third.unchanged);
    assert!(third.commits.is_empty());

    // Force-push style rewrite: main loses its last two commits and gets a new one.
    repo.git(&["reset", "-q", "--hard", "HEAD~2"]);
    let rewritten = repo.commit("Alice", USER, T0 + 22 * DAY, "+0000", "rewritten main");
    let fourth = run(&repo.dir, Some(&third.cursor));
    assert_eq!(ids(&fourth.commits), vec![rewritten.clone()]);

    // Deleting refs moves tips too; nothing new is found.
    repo.git(&["branch", "-q", "-D", "later"]);
    let fifth = run(&repo.dir, Some(&fourth.cursor));
    assert!(!fifth.unchanged);
    assert!(fifth.commits.is_empty());

    // A cursor with ids that no longer exist (or never did) still works.
    let stale = Cursor {
        tips: vec![
            "0123456789012345678901234567890123456789".into(),
            "not hex".into(),
        ],
    };
    let full = run(&repo.dir, Some(&stale));
    assert_eq!(
        as_log_entries(&full.commits),
        git_log_for(&repo.dir, &["alice@example.com", "alice@work.example"])
    );
    assert!(full.commits.iter().any(|c| c.id == rewritten));
}

#[test]
fn rewritten_history_after_gc_is_still_found() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = Repo::init(&tmp.path().join("work"));
    for i in 0..5 {
        repo.commit("Alice", USER, T0 + i * 3600, "+0000", &format!("c{i}"));
    }
    let first = run(&repo.dir, None);
    assert_eq!(first.commits.len(), 5);
    repo.git(&["reset", "-q", "--hard", "HEAD~3"]);
    let new = repo.commit("Alice", USER, T0 + DAY, "+0000", "after rewrite");
    // The dropped commits are pruned, so the previous tip no longer exists.
    repo.git(&["reflog", "expire", "--expire=now", "--all"]);
    repo.git(&["gc", "-q", "--prune=now"]);
    let second = run(&repo.dir, Some(&first.cursor));
    // Without the old tip to hide behind, the whole history is read again;
    // the caller de-duplicates by id.
    assert!(second.commits.iter().any(|c| c.id == new));
    assert_eq!(second.commits.len(), 3);
}

#[test]
fn errors_name_the_path() {
    let tmp = tempfile::tempdir().unwrap();

    let missing = tmp.path().join("nope");
    let err = scan(&missing, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains(missing.to_str().unwrap()), "{err}");

    let plain = tmp.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    let err = scan(&plain, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::NotARepository { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(plain.to_str().unwrap()), "{msg}");
    assert!(
        msg.contains("is not a git repository (no .git found)"),
        "{msg}"
    );

    let file = tmp.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let err = scan(&file, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::NotARepository { .. }), "{err:?}");

    // A folder inside a work tree is not the repository's top folder.
    let mut repo = Repo::init(&tmp.path().join("work"));
    repo.commit("Alice", USER, T0, "+0000", "one");
    let sub = repo.dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    let err = scan(&sub, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::NotARepository { .. }), "{err:?}");
}

#[test]
fn damaged_objects_are_reported_not_panicked_on() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = Repo::init(&tmp.path().join("work"));
    repo.commit("Alice", USER, T0, "+0000", "one");
    let tip = repo.commit("Alice", USER, T0 + 60, "+0000", "two");
    let object = repo
        .dir
        .join(".git/objects")
        .join(&tip[..2])
        .join(&tip[2..]);
    let mut perms = std::fs::metadata(&object).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&object, perms).unwrap();
    std::fs::write(&object, b"definitely not zlib").unwrap();

    let err = scan(&repo.dir, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::Corrupt { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(repo.dir.to_str().unwrap()), "{msg}");

    // A missing parent is damage too.
    let mut repo = Repo::init(&tmp.path().join("work2"));
    let first = repo.commit("Alice", USER, T0, "+0000", "one");
    repo.commit("Alice", USER, T0 + 60, "+0000", "two");
    std::fs::remove_file(
        repo.dir
            .join(".git/objects")
            .join(&first[..2])
            .join(&first[2..]),
    )
    .unwrap();
    let err = scan(&repo.dir, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&first), "{err}");
}

#[test]
fn a_repository_whose_head_is_garbage_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = Repo::init(&tmp.path().join("work"));
    repo.commit("Alice", USER, T0, "+0000", "one");
    std::fs::write(repo.dir.join(".git/HEAD"), "garbage\n").unwrap();
    let err = scan(&repo.dir, &identity(), None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, GitError::Corrupt { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(repo.dir.to_str().unwrap()) && msg.contains("HEAD"),
        "{msg}"
    );
}

#[test]
fn empty_repositories_have_no_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::init(&tmp.path().join("empty"));
    let result = run(&repo.dir, None);
    assert!(result.commits.is_empty());
    assert!(result.cursor.tips.is_empty());
    assert!(run(&repo.dir, Some(&result.cursor)).unchanged);

    let bare = tmp.path().join("empty.git");
    git(
        tmp.path(),
        &["init", "-q", "--bare", bare.to_str().unwrap()],
    );
    assert!(run(&bare, None).commits.is_empty());
}

#[test]
fn progress_is_reported_every_thousand_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("many");
    let repo = Repo::init(&dir);
    // fast-import makes 2,500 commits in one process; each commit on the
    // branch continues from the previous one.
    let mut stream = String::new();
    for i in 0..2500i64 {
        let (name, email) = if i % 2 == 0 {
            ("Alice", USER)
        } else {
            ("Bob", "bob@example.com")
        };
        let at = T0 + i * 600;
        stream.push_str(&format!(
            "commit refs/heads/main\nauthor {name} <{email}> {at} +0000\ncommitter {name} <{email}> {at} +0000\ndata 2\nc\n\n"
        ));
    }
    let mut child = common::git_cmd(&repo.dir)
        .args(["fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());

    let mut calls = Vec::new();
    let result = scan(&repo.dir, &identity(), None, &mut |n| calls.push(n)).unwrap();
    assert_eq!(result.commits.len(), 1250);
    assert_eq!(calls, vec![1000, 2000, 2500]);
}

#[test]
fn shallow_clones_stop_at_their_boundary() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = fixture(&tmp.path().join("work"));
    let shallow = tmp.path().join("shallow");
    let url = format!("file://{}", repo.dir.display());
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            "--no-single-branch",
            "--depth",
            "3",
            &url,
            shallow.to_str().unwrap(),
        ],
    );
    assert!(shallow.join(".git/shallow").exists());
    let expected = git_log_for(&shallow, &["alice@example.com", "alice@work.example"]);
    assert!(!expected.is_empty());
    assert_eq!(as_log_entries(&run(&shallow, None).commits), expected);
}
