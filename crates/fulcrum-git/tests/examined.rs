//! `ScanSummary::examined` against `git rev-list --count`: everyone's non-merge commits, all
//! of them on a first scan and only the new ones after a cursor.

mod common;

use common::{Repo, USER};
use fulcrum_git::{Identity, ScanSummary, scan_each};
use std::path::Path;

fn scan(path: &Path, previous: Option<&fulcrum_git::Cursor>) -> ScanSummary {
    scan_each(
        path,
        &Identity::new([USER]),
        previous,
        &mut |_| {},
        &mut |_| {},
    )
    .unwrap()
}

fn git_count(r: &Repo) -> u64 {
    r.git(&[
        "rev-list",
        "--count",
        "--no-merges",
        "--branches",
        "--remotes",
        "--tags",
    ])
    .trim()
    .parse()
    .unwrap()
}

#[test]
fn examined_counts_everyones_non_merge_commits_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Repo::init(dir.path());
    let t = 1_717_236_000;
    r.commit("Alice", USER, t, "+0000", "one");
    r.commit("Bob", "bob@example.com", t + 60, "+0000", "two");
    r.git(&["checkout", "-q", "-b", "side"]);
    r.commit("Carol", "carol@example.com", t + 120, "+0000", "side");
    r.git(&["checkout", "-q", "main"]);
    r.commit("Alice", USER, t + 180, "+0000", "three");
    r.merge("side");

    let first = scan(&r.dir, None);
    assert_eq!(first.commits, 2, "Alice's own, without the merge");
    assert_eq!(first.examined, 4);
    assert_eq!(first.examined, git_count(&r));

    let same = scan(&r.dir, Some(&first.cursor));
    assert!(same.unchanged);
    assert_eq!(same.examined, 0);

    r.commit("Bob", "bob@example.com", t + 240, "+0000", "four");
    r.commit("Alice", USER, t + 300, "+0000", "five");
    let next = scan(&r.dir, Some(&first.cursor));
    assert_eq!((next.commits, next.examined), (1, 2));
    assert_eq!(first.examined + next.examined, git_count(&r));
}
