//! Delivery through the binary: a repository with two authors, a deploy log naming its
//! commits, incidents naming deployments by an abbreviated hash, and `fulcrum dora` checked
//! number by number against a computation by hand (the same worked example as
//! docs/delivery.md). Also: re-importing changes nothing, a bad line names the file and the
//! line and keeps the whole file out, an unknown deployment is refused, tags as deployments.

mod common;
use common::git::{commit, git};
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A Friday, after the period the example looks at.
const NOW: &str = "2026-03-20T12:00:00Z";

const ME: &str = "me@example.com";
const SAM: &str = "sam@example.com";

/// The commits of the example, by name, with their full hashes.
struct Repo {
    path: PathBuf,
    hashes: std::collections::BTreeMap<&'static str, String>,
}

impl Repo {
    fn hash(&self, name: &str) -> &str {
        &self.hashes[name]
    }
}

/// Eight commits by two authors, and a merge (author and committer times alike, UTC):
///
/// | commit | author | time             |
/// |--------|--------|------------------|
/// | c1     | me     | 02-25 10:00      |
/// | c2     | sam    | 03-02 09:00      |
/// | c3     | me     | 03-02 13:00      |
/// | c4     | sam    | 03-03 10:00      |
/// | c5     | me     | 03-04 10:00      |
/// | c6     | sam    | 03-05 12:00, on a branch |
/// | m      | me     | 03-06 11:00, merges the branch (a merge is walked through, not measured) |
/// | c7     | me     | 03-09 08:00      |
/// | c8     | sam    | 03-09 09:00      |
fn repository(dir: &Path) -> Repo {
    let path = dir.join("shop");
    std::fs::create_dir(&path).unwrap();
    git(&path, &["init", "-q", "-b", "main"], &[]);
    let mut hashes = std::collections::BTreeMap::new();
    let mut add = |name: &'static str, email: &str, date: &str| {
        commit(&path, email, date, name);
        let h = git(&path, &["rev-parse", "HEAD"], &[]).trim().to_string();
        hashes.insert(name, h);
    };
    add("c1", ME, "2026-02-25T10:00:00+00:00");
    add("c2", SAM, "2026-03-02T09:00:00+00:00");
    add("c3", ME, "2026-03-02T13:00:00+00:00");
    add("c4", SAM, "2026-03-03T10:00:00+00:00");
    add("c5", ME, "2026-03-04T10:00:00+00:00");
    git(&path, &["checkout", "-q", "-b", "feature"], &[]);
    add("c6", SAM, "2026-03-05T12:00:00+00:00");
    git(&path, &["checkout", "-q", "main"], &[]);
    let when = "2026-03-06T11:00:00+00:00";
    git(
        &path,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "merge the feature",
            "feature",
        ],
        &[
            ("GIT_AUTHOR_NAME", "Someone"),
            ("GIT_AUTHOR_EMAIL", ME),
            ("GIT_AUTHOR_DATE", when),
            ("GIT_COMMITTER_NAME", "Someone"),
            ("GIT_COMMITTER_EMAIL", ME),
            ("GIT_COMMITTER_DATE", when),
        ],
    );
    let h = git(&path, &["rev-parse", "HEAD"], &[]).trim().to_string();
    hashes.insert("m", h);
    let mut add = |name: &'static str, email: &str, date: &str| {
        commit(&path, email, date, name);
        let h = git(&path, &["rev-parse", "HEAD"], &[]).trim().to_string();
        hashes.insert(name, h);
    };
    add("c7", ME, "2026-03-09T08:00:00+00:00");
    add("c8", SAM, "2026-03-09T09:00:00+00:00");
    Repo { path, hashes }
}

/// The deploy log of the example:
///
/// | deploy | time        | commit | status  |
/// |--------|-------------|--------|---------|
/// | d0     | 02-26 10:00 | c1     | success |
/// | d1     | 03-02 15:00 | c3     | success |
/// | d2     | 03-05 10:00 | c5     | failure |
/// | d3     | 03-06 12:00 | m      | success |
/// | d4     | 03-10 09:00 | c8     | success |
/// | d5     | 03-12 10:00 | deadbeef0, in no repository | success |
fn deploy_log(repo: &Repo) -> String {
    let rows = [
        ("2026-02-26T10:00:00Z", repo.hash("c1"), ""),
        ("2026-03-02T15:00:00Z", repo.hash("c3"), "success"),
        ("2026-03-05T10:00:00Z", repo.hash("c5"), "failure"),
        ("2026-03-06T12:00:00Z", repo.hash("m"), ""),
        ("2026-03-10T09:00:00Z", repo.hash("c8"), "success"),
        ("2026-03-12T10:00:00Z", "deadbeef0", ""),
    ];
    let mut csv = String::from("deployed_at,commit,service,status\n");
    for (at, commit, status) in rows {
        csv.push_str(&format!("{at},{commit},shop,{status}\n"));
    }
    csv
}

/// A store that knows the user, the repository (`fulcrum import git`) and the deploy log.
fn example() -> (Env, Repo, PathBuf) {
    let env = Env::new();
    env.init("Europe/Berlin");
    let repo = repository(env.dir.path());
    env.at(NOW)
        .run(&["import", "git", repo.path.to_str().unwrap()])
        .success();
    let log = env.path("deploys.csv");
    std::fs::write(&log, deploy_log(&repo)).unwrap();
    (env, repo, log)
}

fn run(env: &Env, args: &[&str]) -> Run {
    env.at(NOW).run(args)
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    run(env, &all).success().json()
}

fn import(env: &Env, log: &Path) -> Value {
    json(env, &["import", "deploys", log.to_str().unwrap()])
}

fn incident(env: &Env, title: &str, started: &str, resolved: &str, deploy: Option<&str>) -> Value {
    let mut args = vec![
        "incident",
        "add",
        title,
        "--severity",
        "2",
        "--started",
        started,
        "--resolved",
        resolved,
    ];
    if let Some(d) = deploy {
        args.extend(["--deploy", d]);
    }
    json(env, &args)
}

fn dora(env: &Env) -> Value {
    json(env, &["dora", "--from", "2026-03-02", "--to", "2026-03-15"])
}

#[test]
fn the_four_keys_match_a_computation_by_hand() {
    let (env, repo, log) = example();
    let imported = import(&env, &log);
    assert_eq!(imported["new"], 6);
    assert_eq!(imported["known"], 0);

    // Incidents name deployments by the first 7 characters of their commit.
    // A: caused by d2 (already a failure by its status), 10:30 to 11:30: 1 hour.
    let a = incident(
        &env,
        "Checkout errors after the cart change",
        "2026-03-05T10:30:00Z",
        "2026-03-05T11:30:00Z",
        Some(&repo.hash("c5")[..7]),
    );
    assert_eq!(a["deploy"], repo.hash("c5"));
    // B: caused by d4, 11:00 to 14:00: 3 hours.
    incident(
        &env,
        "Search timeouts",
        "2026-03-10T11:00:00Z",
        "2026-03-10T14:00:00Z",
        Some(&repo.hash("c8")[..7]),
    );
    // C: no deployment caused it (a provider outage), 08:00 to 08:30: half an hour.
    incident(
        &env,
        "Payment provider outage",
        "2026-03-13T08:00:00Z",
        "2026-03-13T08:30:00Z",
        None,
    );

    let d = dora(&env);
    // The period: Monday 2026-03-02 to Sunday 2026-03-15, both counted: 14 days, 2 weeks.
    assert_eq!(d["from"], "2026-03-02");
    assert_eq!(d["to"], "2026-03-15");
    assert_eq!(d["days"], 14);

    // Deployment frequency. In the period: d1, d2, d3, d4, d5 (d0 is before it): 5, the
    // failed d2 and the unmeasurable d5 included. 5 over 14 / 7 = 2 weeks = 2.5 a week.
    // Tier: 14 days / 5 deployments = 2.8 days per deployment, not under 1 (elite), within
    // 7: high.
    assert_eq!(d["deployments"], 5);
    let f = &d["deploys_per_week"];
    assert_eq!(f["value"], 2.5);
    assert_eq!(f["numerator"], 5);
    assert_eq!(f["denominator"], 2.0);
    assert_eq!(f["tier"], "high");

    // Lead time for changes: each commit from its author time to the first deployment that
    // contains it, every author's.
    //   c1 was first deployed by d0, before the period: not measured.
    //   d1 (03-02 15:00) delivers c2 (09:00) 6 h and c3 (13:00) 2 h.
    //   d2 (03-05 10:00) delivers c4 (03-03 10:00) 48 h and c5 (03-04 10:00) 24 h.
    //   d3 (03-06 12:00) delivers the merge m (walked through, not measured) and c6
    //      (03-05 12:00) 24 h.
    //   d4 (03-10 09:00) delivers c7 (03-09 08:00) 25 h and c8 (03-09 09:00) 24 h.
    //   d5 names a commit in no imported repository: it delivers nothing measurable.
    // Sorted: 2, 6, 24, 24, 24, 25, 48: seven values, the middle one is 24 h.
    // Tier: elite is under 24 hours, so 24 h is high (up to 168 h).
    let l = &d["lead_time_median_hours"];
    assert_eq!(l["value"], 24.0);
    assert_eq!(l["count"], 7);
    assert_eq!(l["tier"], "high");
    assert_eq!(d["unmeasured_deployments"], 1);

    // Change failure rate: d2 failed by its status and incident A names it too (it counts
    // once); incident B names d4; incident C names none. 2 of the 5 deployments: 0.4.
    // Tier: 40 % is above 15 %: low.
    let c = &d["change_failure_rate"];
    assert_eq!(c["value"], 0.4);
    assert_eq!(c["numerator"], 2);
    assert_eq!(c["denominator"], 5);
    assert_eq!(c["tier"], "low");

    // Time to restore: A 1 h, B 3 h, C 0.5 h (every incident started in the period and
    // resolved). Sorted 0.5, 1, 3: the median is 1 h. Tier: elite is under 1 hour, so 1 h
    // is high (under 24 h).
    let r = &d["time_to_restore_median_hours"];
    assert_eq!(r["value"], 1.0);
    assert_eq!(r["count"], 3);
    assert_eq!(r["tier"], "high");

    assert_eq!(d["thresholds_year"], 2023);

    // The text form says the same.
    let text = run(
        &env,
        &["dora", "--from", "2026-03-02", "--to", "2026-03-15"],
    )
    .success();
    text.shows("Deployment frequency")
        .shows("2.5 a week")
        .shows("40 %")
        .shows("Lead time not measured for 1 deployment whose commit is in no imported repository");

    // Without dates: the last four complete ISO weeks before today (Friday 2026-03-20 in
    // Berlin): Monday 2026-02-16 to Sunday 2026-03-15.
    let default = json(&env, &["dora"]);
    assert_eq!(default["from"], "2026-02-16");
    assert_eq!(default["to"], "2026-03-15");
    assert_eq!(default["deployments"], 6);

    // The incidents are listed, most recent first, and one is shown in full.
    let list = json(&env, &["incident", "list"]);
    assert_eq!(list["incidents"].as_array().unwrap().len(), 3);
    assert_eq!(list["incidents"][0]["title"], "Payment provider outage");
    let id = a["id"].as_i64().unwrap().to_string();
    let shown = json(&env, &["incident", "show", &id]);
    assert_eq!(shown["restore_hours"], 1.0);
    assert_eq!(shown["deployments"][0]["status"], "failure");
    run(&env, &["incident", "show", &id])
        .success()
        .shows("Checkout errors after the cart change")
        .shows("restored in 1 h");
}

#[test]
fn importing_the_same_log_again_changes_nothing() {
    let (env, _repo, log) = example();
    import(&env, &log);
    let before = dora(&env);
    let again = import(&env, &log);
    assert_eq!(again["new"], 0);
    assert_eq!(again["known"], 6);
    assert_eq!(dora(&env), before);
}

#[test]
fn a_bad_line_names_the_file_and_the_line_and_keeps_the_file_out() {
    let (env, repo, _log) = example();
    let bad = env.path("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "deployed_at,commit\n2026-03-02T15:00:00Z,{}\nyesterday,{}\n",
            repo.hash("c3"),
            repo.hash("c5")
        ),
    )
    .unwrap();
    let before = run(&env, &["export"]).success().stdout;
    let refused = run(&env, &["import", "deploys", bad.to_str().unwrap()]).failure();
    refused
        .says(&format!("{}: line 3:", bad.display()))
        .says("\"yesterday\" is not an RFC 3339 time");
    // The good line 2 was not kept either.
    assert_eq!(run(&env, &["export"]).success().stdout, before);
}

#[test]
fn an_unknown_deployment_is_refused() {
    let (env, _repo, log) = example();
    import(&env, &log);
    let refused = run(
        &env,
        &[
            "incident",
            "add",
            "Mystery",
            "--severity",
            "3",
            "--started",
            "2026-03-05T10:30:00Z",
            "--resolved",
            "2026-03-05T11:30:00Z",
            "--deploy",
            "0000000",
        ],
    )
    .failure();
    refused.says("no deployment has a commit starting with 0000000");
    let list = json(&env, &["incident", "list"]);
    assert_eq!(list["incidents"].as_array().unwrap().len(), 0);
    // Nor is a severity outside 1 to 4.
    run(
        &env,
        &[
            "incident",
            "add",
            "Mystery",
            "--severity",
            "5",
            "--started",
            "2026-03-05T10:30:00Z",
        ],
    )
    .failure();
}

#[test]
fn tags_matching_a_pattern_are_the_deployments() {
    let (env, repo, _log) = example();
    // v1.0: annotated, tagged 03-02 16:00 at c3. v1.1: lightweight at c5, so deployed when
    // c5 was committed (03-04 10:00). nightly-1: not a release, left out by the pattern.
    git(
        &repo.path,
        &["tag", "-a", "v1.0", "-m", "release 1.0", repo.hash("c3")],
        &[
            ("GIT_COMMITTER_NAME", "Someone"),
            ("GIT_COMMITTER_EMAIL", ME),
            ("GIT_COMMITTER_DATE", "2026-03-02T16:00:00+00:00"),
        ],
    );
    git(&repo.path, &["tag", "v1.1", repo.hash("c5")], &[]);
    git(&repo.path, &["tag", "nightly-1", repo.hash("c8")], &[]);
    let args = [
        "import",
        "deploys",
        "--tags",
        repo.path.to_str().unwrap(),
        "--pattern",
        "v*",
    ];
    let imported = json(&env, &args);
    assert_eq!(imported["new"], 2);
    assert_eq!(json(&env, &args)["known"], 2);

    let d = dora(&env);
    assert_eq!(d["deployments"], 2);
    // v1.0 (03-02 16:00) delivers c1 (02-25 10:00) 126 h, c2 (09:00) 7 h, c3 (13:00) 3 h;
    // v1.1 (03-04 10:00) delivers c4 (03-03 10:00) 24 h and c5 (10:00) 0 h.
    // Sorted 0, 3, 7, 24, 126: the median is 7 h.
    assert_eq!(d["lead_time_median_hours"]["value"], 7.0);
    assert_eq!(d["lead_time_median_hours"]["count"], 5);
    assert_eq!(d["unmeasured_deployments"], 0);
}
