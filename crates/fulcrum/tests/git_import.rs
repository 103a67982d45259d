mod common;
use common::git::{commit, git, git_command};
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// A repository with the user's commits (under two addresses, one via .mailmap), a
/// colleague's, a merge, a side branch, a remote-tracking ref and a tag.
fn repository(dir: &Path) -> std::path::PathBuf {
    let repo = dir.join("service");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"], &[]);
    commit(&repo, "me@example.com", "2026-03-02T10:00:00-05:00", "one");
    commit(&repo, "me@example.com", "2026-03-02T11:00:00-05:00", "two");
    // 23:30 in New York on Monday is Tuesday in UTC: it must count on Monday.
    commit(&repo, "ME@example.com", "2026-03-03T04:30:00+00:00", "late");
    commit(
        &repo,
        "kim@example.com",
        "2026-03-03T10:00:00-05:00",
        "kim's",
    );
    commit(
        &repo,
        "old-me@laptop.local",
        "2026-03-04T09:00:00-05:00",
        "from the old laptop",
    );
    std::fs::write(
        repo.join(".mailmap"),
        "Me <me@example.com> <old-me@laptop.local>\n",
    )
    .unwrap();
    git(&repo, &["checkout", "-q", "-b", "feature"], &[]);
    commit(
        &repo,
        "me.alt@example.com",
        "2026-03-05T14:00:00-05:00",
        "feature work",
    );
    git(&repo, &["checkout", "-q", "main"], &[]);
    commit(
        &repo,
        "me@example.com",
        "2026-03-05T16:00:00-05:00",
        "main work",
    );
    git(
        &repo,
        &["merge", "-q", "--no-ff", "-m", "merge feature", "feature"],
        &[
            ("GIT_AUTHOR_NAME", "Me"),
            ("GIT_AUTHOR_EMAIL", "me@example.com"),
            ("GIT_AUTHOR_DATE", "2026-03-05T17:00:00-05:00"),
            ("GIT_COMMITTER_NAME", "Me"),
            ("GIT_COMMITTER_EMAIL", "me@example.com"),
            ("GIT_COMMITTER_DATE", "2026-03-05T17:00:00-05:00"),
        ],
    );
    git(&repo, &["checkout", "-q", "-b", "scratch"], &[]);
    commit(
        &repo,
        "me@example.com",
        "2026-03-07T10:00:00-05:00",
        "weekend spike",
    );
    let spike = git(&repo, &["rev-parse", "HEAD"], &[]);
    git(&repo, &["checkout", "-q", "main"], &[]);
    git(
        &repo,
        &["update-ref", "refs/remotes/origin/spike", spike.trim()],
        &[],
    );
    git(&repo, &["branch", "-q", "-D", "scratch"], &[]);
    repo
}

/// Per-day counts of the user's non-merge commits as git itself reports them in the zone.
fn git_log_days(repo: &Path) -> BTreeMap<String, i64> {
    let out = git(
        repo,
        &[
            "log",
            "--no-merges",
            "--branches",
            "--remotes",
            "--tags",
            "--use-mailmap",
            "--date=format-local:%Y-%m-%d",
            "--format=%ad %aE",
        ],
        &[("TZ", "America/New_York")],
    );
    let mine = ["me@example.com", "me.alt@example.com"];
    let mut days = BTreeMap::new();
    for line in out.lines() {
        let (day, email) = line.split_once(' ').unwrap();
        if mine.contains(&email.to_ascii_lowercase().as_str()) {
            *days.entry(day.to_string()).or_insert(0) += 1;
        }
    }
    days
}

#[test]
fn commits_per_day_equal_git_log_in_the_users_zone() {
    let env = Env::in_zone("America/New_York");
    let repo = repository(env.dir.path());
    let out = env
        .run(&["import", "git", repo.to_str().unwrap(), "--format", "json"])
        .success();
    assert_eq!(out.json()[0]["new_commits"], 7);

    let r = env.report("2026-W10");
    let ours: BTreeMap<String, i64> = items(&r["days"])
        .filter(|d| d["commits"].as_i64().unwrap() > 0)
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["commits"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected = git_log_days(&repo);
    assert_eq!(ours, expected);
    assert_eq!(expected.get("2026-03-02"), Some(&3));
    assert_eq!(r["totals"]["commits"], 7);
    // Monday: commits at 10:00, 11:00 and 23:30 → a session 09:30–11:00 and one 23:00–23:30.
    assert_eq!(r["days"][0]["minutes_by_category"]["build"], 120);
    assert_eq!(r["days"][0]["after_hours_minutes"], 30);
}

#[test]
fn a_second_import_reads_only_new_commits() {
    let env = Env::in_zone("America/New_York");
    let repo = repository(env.dir.path());
    let path = repo.to_str().unwrap();
    env.run(&["import", "git", path]).success();
    let again = env.json(&["import", "git", path]);
    assert_eq!(again[0]["unchanged"], true);
    assert_eq!(again[0]["new_commits"], 0);
    commit(
        &repo,
        "me@example.com",
        "2026-03-06T10:00:00-05:00",
        "friday",
    );
    let more = env.json(&["import", "git", path]);
    assert_eq!(more[0]["new_commits"], 1);
    assert_eq!(env.report("2026-W10")["totals"]["commits"], 8);
}

#[test]
fn a_bare_clone_gives_the_same_commits_once() {
    let env = Env::in_zone("America/New_York");
    let repo = repository(env.dir.path());
    let bare = env.path("service.git");
    let out = git_command()
        .args(["clone", "-q", "--bare"])
        .arg(&repo)
        .arg(&bare)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = env.json(&["import", "git", bare.to_str().unwrap()]);
    // The clone has no remote-tracking refs of the original, so it lacks the spike; and the
    // .mailmap was never committed, so the old laptop's address is not recognised there.
    assert_eq!(json[0]["new_commits"], 5);
    env.run(&["import", "git", repo.to_str().unwrap()])
        .success();
    assert_eq!(
        env.report("2026-W10")["totals"]["commits"],
        7,
        "shared commits count once"
    );
}

#[test]
fn a_folder_that_is_not_a_repository_gets_a_clear_error() {
    let env = Env::in_zone("UTC");
    let plain = env.folder("plain");
    let out = env
        .run(&["import", "git", plain.to_str().unwrap()])
        .failure();
    out.says("not a git repository");
    out.says("plain");
    env.run(&["import", "git", env.path("missing").to_str().unwrap()])
        .failure()
        .says("missing");
    assert!(!out.stderr.contains("panicked"));
}
