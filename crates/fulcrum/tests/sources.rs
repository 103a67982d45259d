//! Sources over time: a folder followed as files come and go, removing a source with a
//! preview, e-mails added after a repository was scanned, and files nothing could be read from.

mod common;
use common::git::{commit, git};
use common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// A Monday evening after week 10 of 2026, so the whole week has happened.
const NOW: &str = "2026-03-09T23:00:00Z";
const WEEK: &str = "2026-W10";

fn run(env: &Env, args: &[&str]) -> Run {
    env.run_at(NOW, None, args)
}

fn sources(env: &Env) -> Vec<Value> {
    run(env, &["sources", "--format", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn report(env: &Env) -> Value {
    run(env, &["report", "--week", WEEK, "--format", "json"])
        .success()
        .json()
}

fn minutes(env: &Env) -> i64 {
    report(env)["totals"]["minutes"].as_i64().unwrap()
}

fn commits(env: &Env) -> i64 {
    report(env)["totals"]["commits"].as_i64().unwrap()
}

/// The sources without the time of their last import, which every import moves on.
fn without_times(list: &[Value]) -> Vec<Value> {
    list.iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("last_import_at");
            s
        })
        .collect()
}

fn by_name<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no source {name} in {list:#?}"))
}

/// One event on Wednesday of week 10, 14:00-15:00 in New York.
fn design_review() -> String {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fulcrum tests//EN",
        "BEGIN:VEVENT",
        "UID:design-review",
        "SUMMARY:Design review",
        "DTSTART;TZID=America/New_York:20260304T140000",
        "DTEND;TZID=America/New_York:20260304T150000",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:kim@example.com",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

/// Two events whose recurrence rules cannot be read: both are skipped.
fn unreadable() -> String {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fulcrum tests//EN",
        "BEGIN:VEVENT",
        "UID:broken-1",
        "SUMMARY:Weekly sync",
        "DTSTART;TZID=America/New_York:20260302T100000",
        "DTEND;TZID=America/New_York:20260302T110000",
        "RRULE:FREQ=SOMETIMES;BYDAY=MO",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:broken-2",
        "SUMMARY:Planning",
        "DTSTART;TZID=America/New_York:20260303T100000",
        "DTEND;TZID=America/New_York:20260303T110000",
        "RRULE:FREQ=NEVERMORE",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

#[test]
fn a_folder_is_followed_as_files_come_and_go() {
    let env = Env::in_zone("America/New_York");
    let folder = env.folder("calendars");
    std::fs::copy(fixture("week10.ics"), folder.join("work.ics")).unwrap();
    let folder_arg = folder.to_str().unwrap();

    run(&env, &["import", "calendar", folder_arg]).success();
    let list = sources(&env);
    assert_eq!(list.len(), 2, "the folder and its file: {list:#?}");
    let dir = by_name(&list, "calendars");
    let work = by_name(&list, "work.ics");
    assert_eq!(dir["kind"], "calendar-folder");
    assert_eq!(dir["parent_id"], Value::Null);
    assert_eq!(work["parent_id"], dir["id"]);
    assert_eq!(
        dir["events"], work["events"],
        "a folder counts its files' events"
    );
    let work_only = minutes(&env);
    assert_eq!(work_only, 330);

    // Importing again changes nothing, however often.
    let before = without_times(&list);
    for _ in 0..2 {
        run(&env, &["import", "calendar", folder_arg]).success();
        assert_eq!(without_times(&sources(&env)), before);
        assert_eq!(minutes(&env), work_only);
    }

    // A file added to the folder is picked up by refresh.
    std::fs::write(folder.join("team.ics"), design_review()).unwrap();
    let out = run(&env, &["refresh", "--format", "json"]).success().json();
    assert_eq!(out.as_array().unwrap().len(), 1, "one folder: {out}");
    assert_eq!(out[0]["ok"], true, "{out}");
    let list = sources(&env);
    assert_eq!(list.len(), 3, "{list:#?}");
    assert_eq!(by_name(&list, "team.ics")["parent_id"], dir["id"]);
    assert_eq!(minutes(&env), work_only + 60);

    // A file taken out of the folder goes with its events.
    std::fs::remove_file(folder.join("work.ics")).unwrap();
    let out = run(&env, &["refresh"]).success();
    assert!(
        out.stdout.contains("work.ics") && out.stdout.contains("removed"),
        "{}",
        out.stdout
    );
    let list = sources(&env);
    assert_eq!(list.len(), 2, "{list:#?}");
    assert!(list.iter().all(|s| s["name"] != "work.ics"));
    assert_eq!(minutes(&env), 60);

    // A broken file stops the whole import: nothing changes, and the folder says why.
    let before = without_times(&sources(&env));
    std::fs::write(
        folder.join("broken.ics"),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
    )
    .unwrap();
    let out = run(&env, &["refresh"]).failure();
    out.shows("broken.ics");
    let after = sources(&env);
    assert_eq!(minutes(&env), 60);
    assert_eq!(without_times(&after)[1..], before[1..]);
    assert_eq!(by_name(&after, "calendars")["status"], "failed");
    assert!(
        by_name(&after, "calendars")["problem"]
            .as_str()
            .unwrap()
            .contains("broken.ics")
    );
}

/// Two commits from me@example.com, three from my laptop's address, one from Kim, in week 10.
fn repository(env: &Env) -> PathBuf {
    let repo = env.folder("service");
    git(&repo, &["init", "-q", "-b", "main"], &[]);
    commit(&repo, "me@example.com", "2026-03-02T10:00:00-05:00", "one");
    commit(
        &repo,
        "kim@example.com",
        "2026-03-02T11:00:00-05:00",
        "kims",
    );
    commit(
        &repo,
        "me@laptop.example",
        "2026-03-03T10:00:00-05:00",
        "two",
    );
    commit(
        &repo,
        "me@laptop.example",
        "2026-03-04T10:00:00-05:00",
        "three",
    );
    commit(&repo, "me@example.com", "2026-03-05T10:00:00-05:00", "four");
    commit(
        &repo,
        "me@laptop.example",
        "2026-03-06T10:00:00-05:00",
        "five",
    );
    repo
}

fn init(env: &Env, emails: &[&str], extra: &[&str]) -> Run {
    let mut args = vec!["init", "--tz", "America/New_York"];
    for e in emails {
        args.extend(["--email", e]);
    }
    args.extend(extra);
    run(env, &args)
}

fn profile_emails(env: &Env) -> Vec<String> {
    run(env, &["settings", "--format", "json"]).success().json()["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_address_added_later_counts_the_commits_already_scanned() {
    let env = Env::new();
    init(&env, &["me@example.com"], &[]).success();
    let repo = repository(&env);
    let repo_arg = repo.to_str().unwrap();
    let out = run(&env, &["import", "git", repo_arg, "--format", "json"])
        .success()
        .json();
    assert_eq!(out[0]["new_commits"], 2);
    assert_eq!(out[0]["source"]["repository_commits"], 6);
    assert_eq!(commits(&env), 2);
    let out = run(&env, &["refresh"]).success();
    out.shows("no new commits");
    let table = run(&env, &["sources"]).success().stdout;
    assert!(table.contains("2 of 6 commits are yours"), "{table}");

    // The laptop's address is me too: the commits read before count now.
    let out = run(&env, &["settings", "add-email", "me@laptop.example"]).success();
    out.says("refresh");
    let out = run(&env, &["refresh", "--format", "json"]).success().json();
    assert_eq!(out[0]["ok"], true);
    assert!(
        out[0]["result"]
            .as_str()
            .unwrap()
            .starts_with("3 new commits"),
        "{out}"
    );
    assert_eq!(commits(&env), 5);
    let out = run(&env, &["refresh"]).success();
    out.shows("no new commits");
    let table = run(&env, &["sources"]).success().stdout;
    assert!(table.contains("5 of 6 commits are yours"), "{table}");
    let list = sources(&env);
    assert_eq!(
        (
            list[0]["commits"].as_i64(),
            list[0]["repository_commits"].as_i64()
        ),
        (Some(5), Some(6))
    );

    // Running init again with fewer addresses keeps the others, and says so.
    let out = init(&env, &["me@example.com"], &[]).success();
    assert!(
        out.stderr.contains("Kept me@laptop.example") && out.stderr.contains("--replace-emails"),
        "{}",
        out.stderr
    );
    assert_eq!(
        profile_emails(&env),
        ["me@example.com", "me@laptop.example"]
    );
    assert_eq!(commits(&env), 5);

    // Asked to, it replaces them; the next refresh stops counting the dropped address.
    let out = init(&env, &["me@example.com"], &["--replace-emails"]).success();
    out.says("Dropped me@laptop.example");
    assert_eq!(profile_emails(&env), ["me@example.com"]);
    run(&env, &["refresh"]).success();
    assert_eq!(commits(&env), 2);
    let table = run(&env, &["sources"]).success().stdout;
    assert!(table.contains("2 of 6 commits are yours"), "{table}");

    // A new address given to init is added like one given to settings.
    let out = init(&env, &["me@example.com", "me@laptop.example"], &[]).success();
    out.says("Added me@laptop.example");
    run(&env, &["refresh"]).success();
    assert_eq!(commits(&env), 5);
    let help = run(&env, &["init", "--help"]).success().stdout;
    assert!(help.contains("--replace-emails"), "{help}");
}

#[test]
fn removing_a_source_shows_what_goes_and_asks_first() {
    let env = Env::in_zone("America/New_York");
    let cal = fixture("week10.ics");
    run(&env, &["import", "calendar", cal.to_str().unwrap()]).success();
    let repo = repository(&env);
    run(&env, &["import", "git", repo.to_str().unwrap()]).success();
    let list = sources(&env);
    let cal_id = by_name(&list, "week10.ics")["id"].to_string();
    let (minutes_before, commits_before) = (minutes(&env), commits(&env));
    assert!(minutes_before > 0 && commits_before == 2);

    // Without a terminal and without --yes: the preview, and nothing removed.
    let out = run(&env, &["sources", "remove", "week10.ics"]).failure();
    assert!(
        out.stdout.contains("occurrences") && out.stdout.contains(WEEK),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("nothing was removed") && out.stderr.contains("--yes"),
        "{}",
        out.stderr
    );
    let out = run(&env, &["sources", "remove", &cal_id, "--format", "json"]).failure();
    let preview = out.json();
    assert_eq!(preview["removed"], false);
    assert_eq!(preview["weeks"], serde_json::json!([WEEK]));
    assert!(preview["occurrences"].as_u64().unwrap() >= preview["events"].as_u64().unwrap());
    assert!(preview["events"].as_u64().unwrap() > 0);
    assert_eq!(preview["commits"], 0);
    assert_eq!(sources(&env).len(), 2);
    assert_eq!(minutes(&env), minutes_before);

    // With --yes it goes, with its events, and says what went.
    let out = run(
        &env,
        &["sources", "remove", &cal_id, "--yes", "--format", "json"],
    )
    .success()
    .json();
    assert_eq!(out["removed"], true);
    assert_eq!(out["events"], preview["events"]);
    assert_eq!(out["occurrences"], preview["occurrences"]);
    let list = sources(&env);
    assert_eq!(list.len(), 1);
    assert_eq!(commits(&env), commits_before, "the repository stays");
    assert!(minutes(&env) < minutes_before);
    let after = report(&env);
    assert!(
        items(&after["categories"]).all(|c| c["category"] != "lead" || c["minutes"] == 0),
        "no meeting is left: {after}"
    );

    // A repository by name: its commits go.
    let out = run(&env, &["sources", "remove", "service", "--yes"]).success();
    out.shows("2 commits");
    assert_eq!(commits(&env), 0);
    assert!(sources(&env).is_empty());

    run(&env, &["sources", "remove", "nothing-like-it", "--yes"])
        .failure()
        .says("fulcrum sources");

    // A file of a folder goes with the folder, not on its own.
    let folder = env.folder("calendars");
    std::fs::copy(&cal, folder.join("work.ics")).unwrap();
    run(&env, &["import", "calendar", folder.to_str().unwrap()]).success();
    run(&env, &["sources", "remove", "work.ics", "--yes"])
        .failure()
        .says("folder");
    let out = run(&env, &["sources", "remove", "calendars", "--yes"]).success();
    out.shows("1 calendar file");
    assert!(sources(&env).is_empty());
    assert_eq!(minutes(&env), 0);
}

#[test]
fn a_file_whose_every_event_was_skipped_is_not_shown_as_ok() {
    let env = Env::in_zone("America/New_York");
    let file = env.path("odd.ics");
    std::fs::write(&file, unreadable()).unwrap();
    let file_arg = file.to_str().unwrap();

    let out = run(&env, &["import", "calendar", file_arg]).failure();
    out.says("nothing could be imported");
    out.says("warning");
    let list = sources(&env);
    assert_eq!(list.len(), 1, "it is kept, to show what is wrong");
    assert_eq!(list[0]["status"], "failed");
    assert_eq!(list[0]["last_ok"], false);
    let problem = list[0]["problem"].as_str().unwrap();
    assert!(problem.contains("2 events skipped"), "{problem}");
    let table = run(&env, &["sources"]).success().stdout;
    let line = table.lines().find(|l| l.contains("odd.ics")).unwrap();
    assert!(line.contains("failed") && !line.contains(" ok "), "{table}");
    assert!(table.contains("2 events skipped"), "{table}");

    // Once it can be read, it is fine again; when it breaks again, its events stay.
    std::fs::copy(fixture("week10.ics"), &file).unwrap();
    run(&env, &["import", "calendar", file_arg]).success();
    assert_eq!(sources(&env)[0]["status"], "ok");
    let good = minutes(&env);
    std::fs::write(&file, unreadable()).unwrap();
    let out = run(&env, &["refresh", "--format", "json"]).failure().json();
    assert_eq!(out[0]["ok"], false);
    assert_eq!(sources(&env)[0]["status"], "failed");
    assert_eq!(minutes(&env), good, "the last good import's events stay");

    // In a folder, the file shows the problem and the folder points at it.
    let folder = env.folder("calendars");
    std::fs::write(folder.join("odd.ics"), unreadable()).unwrap();
    std::fs::write(folder.join("team.ics"), design_review()).unwrap();
    run(&env, &["import", "calendar", folder.to_str().unwrap()])
        .failure()
        .says("odd.ics");
    let list = sources(&env);
    let dir = by_name(&list, "calendars");
    assert_eq!(dir["status"], "problem");
    assert!(dir["problem"].as_str().unwrap().contains("odd.ics"));
    let files: Vec<&Value> = list
        .iter()
        .filter(|s| s["parent_id"] == dir["id"])
        .collect();
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .any(|f| f["name"] == "team.ics" && f["status"] == "ok")
    );
    assert!(
        files
            .iter()
            .any(|f| f["name"] == "odd.ics" && f["status"] == "failed")
    );
}

/// Runs `fulcrum --db DB ARGS` on a terminal (`script` gives it one) with `input` typed.
fn on_terminal(env: &Env, args: &[&str], input: &str) -> Option<Run> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = vec![
        quote(env!("CARGO_BIN_EXE_fulcrum")),
        "--db".into(),
        quote(env.db.to_str().unwrap()),
    ];
    line.extend(args.iter().map(|a| quote(a)));
    let mut script = Command::new("script");
    script
        .args(["-qec", &line.join(" "), "/dev/null"])
        .env("FULCRUM_NOW", NOW)
        .env("NO_COLOR", "1");
    let Ok(out) = run_with_input(script, input.as_bytes()) else {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return None;
    };
    Some(out)
}

#[test]
fn on_a_terminal_removal_asks_and_takes_the_answer() {
    let env = Env::in_zone("America/New_York");
    let repo = repository(&env);
    run(&env, &["import", "git", repo.to_str().unwrap()]).success();
    let Some(no) = on_terminal(&env, &["sources", "remove", "service"], "n\n") else {
        return;
    };
    assert!(!no.ok, "{}", no.stdout);
    no.shows("Remove it? [y/N]");
    no.shows("nothing was removed");
    assert_eq!(sources(&env).len(), 1);
    let yes = on_terminal(&env, &["sources", "remove", "service"], "y\n").unwrap();
    assert!(yes.ok, "{}", yes.stdout);
    yes.shows("Removed service");
    assert!(sources(&env).is_empty());
}
