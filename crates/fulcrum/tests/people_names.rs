//! People named the way a lead names them: every command that takes a person takes an id or a
//! name through one resolver (archived people included, active ones first), suggestions leave
//! role and resource addresses out, counts read in the right number, durations as `5h15`, and
//! a delegation's deadline cannot silently lie in the past.

mod common;
use common::*;

const NOW: &str = "2026-03-20T12:00:00Z";

fn env() -> Env {
    Env::in_zone("Europe/Berlin")
}

fn add(env: &Env, name: &str, email: &str, extra: &[&str]) -> i64 {
    let added = env
        .at(NOW)
        .add_person(name, email, "report", &with_json(extra));
    added.success().json()["id"].as_i64().unwrap()
}

#[test]
fn every_people_command_takes_a_name_or_an_id() {
    let env = env();
    let kim = add(&env, "Kim Park", "kim@example.com", &[]);
    add(&env, "Ana Lima", "ana@example.com", &[]);
    let cli = env.at(NOW);

    // Archive and restore by name, then delete by name, as `show` always took it.
    cli.run(&["people", "archive", "Kim"]).success();
    let restored = cli.run(&["people", "restore", "Kim"]).success();
    assert!(
        restored
            .stdout
            .contains(&format!("Kim Park (id {kim}) is listed again")),
        "{}",
        restored.stdout
    );
    let deleted = cli
        .run(&["people", "delete", "Kim Park", "--yes"])
        .success();
    deleted.shows("Deleted Kim Park");
    let left = cli.json(&["people", "list", "--all"]);
    assert_eq!(left["people"].as_array().unwrap().len(), 1);

    // Ids still work, and an address names someone too.
    let dana = add(&env, "Dana Levi", "dana@example.com", &[]);
    cli.run(&["people", "archive", &dana.to_string()]).success();
    cli.run(&["people", "restore", "dana@example.com"])
        .success();
    cli.run(&["people", "delete", &dana.to_string(), "--yes"])
        .success();
}

#[test]
fn an_ambiguous_name_lists_who_it_could_be() {
    let env = env();
    let a = add(&env, "Dana Levi", "dana@example.com", &[]);
    let b = add(&env, "Dana Cho", "dana.cho@example.com", &[]);
    for cmd in [
        vec!["people", "show", "Dana"],
        vec!["people", "delete", "Dana", "--yes"],
        vec!["people", "archive", "dana"],
        vec!["delegate", "add", "Release notes", "--to", "Dana"],
        vec![
            "feedback",
            "give",
            "Dana",
            "--positive",
            "--situation",
            "s",
            "--behaviour",
            "b",
            "--impact",
            "i",
        ],
    ] {
        let r = env.run_at(NOW, None, &cmd).failure();
        assert!(
            r.stderr
                .contains(&format!("Dana Levi (id {a}) or Dana Cho (id {b})")),
            "{cmd:?}: {}",
            r.stderr
        );
    }
    // Nothing was deleted or archived on the way.
    let list = env.at(NOW).json(&["people", "list"]);
    assert_eq!(list["people"].as_array().unwrap().len(), 2);
}

#[test]
fn archived_people_are_found_by_name_and_an_active_namesake_comes_first() {
    let env = env();
    let old = add(&env, "Kim Park", "kim@example.com", &[]);
    let cli = env.at(NOW);
    cli.run(&["people", "archive", "Kim"]).success();
    let shown = cli.json(&["people", "show", "Kim"]);
    assert_eq!(
        shown["person"]["id"], old,
        "found by first name while archived"
    );
    let shown = cli.json(&["people", "show", "kim park"]);
    assert_eq!(shown["person"]["id"], old, "and by full name");
    cli.run(&["one-on-ones", "Kim"]).success();

    // A new Kim: the active one answers to the name, the archived one to their full name.
    let new = add(&env, "Kim Lee", "kim.lee@example.com", &[]);
    let shown = cli.json(&["people", "show", "Kim"]);
    assert_eq!(shown["person"]["id"], new);
    let shown = cli.json(&["people", "show", "Kim Park"]);
    assert_eq!(shown["person"]["id"], old);
    // Restoring looks at archived people first.
    let r = cli.run(&["people", "restore", "Kim"]).success();
    r.shows("Kim Park");
}

#[test]
fn suggestions_leave_out_role_and_resource_addresses() {
    let env = env();
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
    let others = [
        "priya.nair@example.com",
        "recruiting@example.com",
        "everyone@example.com",
        "noreply@example.com",
        "no-reply@zoom.us",
        "notifications@example.com",
        "calendar@example.com",
        "team@example.com",
        "all@example.com",
        "hr@example.com",
        "support@example.com",
        "info@example.com",
        "c_188abc@resource.calendar.google.com",
        "example.com_abc@group.calendar.google.com",
    ];
    for day in [2, 9, 16] {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:sync-{day}@example.com\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART:202603{day:02}T100000Z\r\nDTEND:202603{day:02}T110000Z\r\nSUMMARY:Sync\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n"
        ));
        for o in others {
            ics.push_str(&format!("ATTENDEE;PARTSTAT=ACCEPTED:mailto:{o}\r\n"));
        }
        ics.push_str("END:VEVENT\r\n");
    }
    ics.push_str("END:VCALENDAR\r\n");
    let path = env.path("sync.ics");
    std::fs::write(&path, ics).unwrap();
    env.import_file(&path).success();
    let s = env.at(NOW).json(&["people", "suggest"]);
    let emails = texts(&s, "email");
    assert_eq!(emails, ["priya.nair@example.com"]);
}

#[test]
fn counts_and_durations_read_right() {
    let env = env();
    let cli = env.at(NOW);
    let added = cli
        .add_person(
            "Kim Park",
            "kim@example.com",
            "report",
            &["--cadence", "1", "--minutes", "45"],
        )
        .success();
    added.shows("1:1 every 1 day, 45 minutes.");
    // 45 minutes every day: 5h15 a week, written as the report writes durations.
    let list = cli.run(&["people", "list"]).success();
    list.shows("1:1s take 5h15 a week");
    assert!(!list.stdout.contains(" h a week"), "{}", list.stdout);
    let json = cli.json(&["people", "list"]);
    assert_eq!(json["one_on_one_minutes_per_week"], 315);
    let history = cli.run(&["one-on-ones", "Kim"]).success();
    history.shows("(every 1 day, 45 minutes)");

    // One agenda item discussed and one action: both in the singular.
    cli.run(&["one-on-ones", "add", "Kim", "Conference budget"])
        .success();
    let logged = cli
        .run(&[
            "one-on-ones",
            "log",
            "Kim",
            "--action",
            "them: draft the ADR",
        ])
        .success();
    assert!(
        logged
            .stdout
            .contains("1 agenda item discussed, 1 new action,"),
        "{}",
        logged.stdout
    );
}

#[test]
fn a_delegation_deadline_in_the_past_is_refused_unless_allowed() {
    let env = env();
    add(&env, "Kim Park", "kim@example.com", &[]);
    let cli = env.at(NOW);
    let delegate_release_notes = |extra: &[&str]| {
        let mut args = vec!["delegate", "add", "Release notes", "--to", "Kim"];
        args.extend_from_slice(extra);
        cli.run(&args)
    };
    // The README's own example, run after its date.
    let r = delegate_release_notes(&["--specific", "every release", "--deadline", "2026-01-30"])
        .failure();
    assert!(
        r.stderr.contains("2026-01-30") && r.stderr.contains("2026-03-20"),
        "names the date and today: {}",
        r.stderr
    );
    r.says("--allow-past");
    let none = cli.json(&["delegate", "list", "--all"]);
    assert_eq!(none["items"].as_array().unwrap().len(), 0, "nothing saved");

    // On purpose: kept, with a warning that the hand-over needs a later date.
    let kept =
        delegate_release_notes(&with_json(&["--deadline", "2026-01-30", "--allow-past"])).success();
    assert!(
        kept.stderr
            .contains("2026-01-30 is before today (2026-03-20)"),
        "{}",
        kept.stderr
    );
    let id = kept.json()["id"].as_i64().unwrap().to_string();
    // Moving it into the past later is refused the same way; a later date is fine.
    cli.run(&["delegate", "edit", &id, "--deadline", "2026-02-01"])
        .failure();
    cli.run(&["delegate", "edit", &id, "--deadline", "2026-04-30"])
        .success();
    cli.run(&[
        "delegate",
        "add",
        "Triage",
        "--to",
        "Kim",
        "--deadline",
        "2026-03-20",
    ])
    .success();
}
