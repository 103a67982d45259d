mod common;
use common::*;

#[test]
fn tasks_plan_export_and_review_from_the_command_line() {
    let env = Env::with_calendar("America/New_York", "week10.ics");
    let cli = env.at("2026-03-01T12:00:00Z");
    let added = cli.json(&[
        "task",
        "add",
        "Fix the deploy",
        "--urgent",
        "--important",
        "--estimate",
        "90m",
        "--category",
        "operate",
    ]);
    assert_eq!(added["quadrant"], "do");
    assert_eq!(added["estimate_minutes"], 90);
    cli.run(&[
        "task",
        "add",
        "Caching RFC",
        "--important",
        "--only-me",
        "--estimate",
        "3h",
    ])
    .success();
    cli.run(&[
        "task",
        "add",
        "Demo environment",
        "--urgent",
        "--estimate",
        "1h",
    ])
    .success();
    cli.run(&["task", "add", "Vague", "--estimate", "soon"])
        .failure()
        .says("soon");

    let list = cli.json(&["task", "list"]);
    assert_eq!(list["tasks"].as_array().unwrap().len(), 3);
    assert!(items(&list["health"]["signals"]).any(|s| s["kind"] == "delegate"));

    let plan = cli.json(&["plan", "--week", "2026-W10"]);
    assert_eq!(plan["fits"], true);
    assert_eq!(plan["planned_minutes"], 90 + 180);
    assert_eq!(plan["state"], "proposed");
    let table = cli.stdout(&["plan", "--week", "2026-W10"]);
    assert!(
        table.contains("Proposed plan for 2026-W10 (not kept yet)"),
        "{table}"
    );
    cli.run(&["plan", "accept", "--week", "2026-W10"]).success();
    // Once accepted, `plan` shows the accepted plan and says so, with the way to re-plan.
    let kept = cli.json(&["plan", "--week", "2026-W10"]);
    assert_eq!(kept["state"], "accepted");
    assert_eq!(kept["accepted_at"], "2026-03-01T12:00:00Z");
    assert_eq!(kept["blocks"], plan["blocks"]);
    let table = cli.stdout(&["plan", "--week", "2026-W10"]);
    assert!(
        table.contains("Accepted plan for 2026-W10 (accepted Sun 1 Mar 07:00)"),
        "{table}"
    );
    assert!(
        table.contains("fulcrum plan --replan --week 2026-W10"),
        "{table}"
    );
    let fresh = cli.stdout(&["plan", "--week", "2026-W10", "--replan"]);
    assert!(
        fresh.contains("a fresh proposal, not kept — the plan accepted Sun 1 Mar 07:00 stays"),
        "{fresh}"
    );
    let ics = env.path("plan.ics");
    let export = || {
        cli.run(&[
            "plan",
            "export",
            "--week",
            "2026-W10",
            "--ics",
            ics.to_str().unwrap(),
        ])
        .success()
    };
    export();
    let first = std::fs::read_to_string(&ics).unwrap();
    export();
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&std::fs::read_to_string(&ics).unwrap()));

    // `calendar expand` on the export shows exactly the accepted blocks.
    let expanded = env
        .expand(&ics, &["--from", "2026-03-01", "--to", "2026-03-09"])
        .success();
    let got: Vec<String> = expanded
        .stdout
        .lines()
        .map(|l| l.split('\t').skip(1).collect::<Vec<_>>().join(" "))
        .collect();
    let blocks = plan["blocks"].as_array().unwrap();
    let want: Vec<String> = blocks
        .iter()
        .map(|b| {
            format!(
                "{} {}",
                b["start"].as_str().unwrap(),
                b["end"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(got, want);

    // Importing the export neither double-counts nor changes the plan.
    let before = env.report("2026-W10");
    cli.run(&["import", "calendar", ics.to_str().unwrap()])
        .success();
    cli.run(&["import", "calendar", ics.to_str().unwrap()])
        .success();
    let replanned = cli.json(&["plan", "--week", "2026-W10", "--replan"]);
    assert_eq!(replanned["state"], "proposed");
    assert_eq!(replanned["blocks"], plan["blocks"]);
    let after = env.report("2026-W10");
    assert_eq!(
        after["totals"]["meeting_minutes"],
        before["totals"]["meeting_minutes"]
    );

    let id = list["tasks"][0]["id"].as_i64().unwrap().to_string();
    cli.run(&["task", "done", &id]).success();
    let review = cli.json(&[
        "review",
        "--week",
        "2026-W10",
        "--adjust",
        "Plan one thing less",
    ]);
    assert_eq!(review["done_minutes"], 90);
    assert_eq!(review["adjustment"], "Plan one thing less");
    // Reviewed before it starts, the week gets no verdict.
    assert_eq!(review["in_progress"], true);
    assert_eq!(review["elapsed_days"], 0);
    let table = cli.run(&["review", "--week", "2026-W10"]).success();
    table.shows("Review of 2026-W10 — in progress");
    assert!(!table.stdout.contains("Suggested:"), "{}", table.stdout);
    assert!(!table.stdout.contains("%"), "{}", table.stdout);
    // On Tuesday evening: progress so far.
    let tuesday = env
        .at("2026-03-03T23:00:00Z")
        .run(&["review", "--week", "2026-W10"])
        .success();
    assert!(
        tuesday.stdout.contains("Mon–Tue so far: ")
            && tuesday.stdout.contains("planned blocks done"),
        "{}",
        tuesday.stdout
    );
    assert!(!tuesday.stdout.contains("plan less"), "{}", tuesday.stdout);
    // Once the week is over, the verdict.
    let after = env
        .at("2026-03-09T12:00:00Z")
        .json(&["review", "--week", "2026-W10"]);
    assert_eq!(after["in_progress"], false);
    assert_eq!(after["elapsed_days"], 7);
    let after = env
        .at("2026-03-09T12:00:00Z")
        .run(&["review", "--week", "2026-W10"])
        .success();
    after.shows("Suggested:");
    after.shows("% of the planned work done");
    cli.run(&[
        "plan",
        "export",
        "--week",
        "2026-W20",
        "--ics",
        ics.to_str().unwrap(),
    ])
    .failure()
    .says("plan accept");
}

#[test]
fn a_task_that_cannot_go_in_before_it_is_due_says_so() {
    let env = Env::in_zone("UTC");
    let cli = env.at("2026-11-25T12:00:00Z");
    // Wednesday noon: Monday's task is overdue, Wednesday's too long for the afternoon.
    for (title, due, estimate) in [
        ("Expense report", "2026-11-23", "1h"),
        ("Hiring plan", "2026-11-25", "8h"),
        ("Roadmap review", "2026-11-27", "2h"),
    ] {
        cli.run(&[
            "task",
            "add",
            title,
            "--important",
            "--only-me",
            "--estimate",
            estimate,
            "--due",
            due,
        ])
        .success();
    }
    let plan = cli.json(&["plan"]);
    let reasons = text_pairs(&plan["unplaced"], "title", "reason");
    assert_eq!(
        reasons,
        [
            (
                "Expense report".to_string(),
                "was due Mon 23 Nov, already past: give it a new due date".to_string()
            ),
            (
                "Hiring plan".to_string(),
                "due Wed 25 Nov, not enough free time before it".to_string()
            ),
        ]
    );
    assert_eq!(plan["unplaced"][1]["due"], "2026-11-25");
    for b in plan["blocks"].as_array().unwrap() {
        if b["title"] == "Hiring plan" {
            assert!(b["end"].as_str().unwrap() < "2026-11-26", "{b}");
        }
    }
    let table = cli.stdout(&["plan"]);
    assert!(
        table.contains("Hiring plan (")
            && table.contains(
                "due Wed 25 Nov, not enough free time before it — drop or move to next week"
            ),
        "{table}"
    );
}

#[test]
fn the_inbox_keeps_asks_for_later_and_notices_taking_everything_on() {
    let env = Env::in_zone("UTC");
    let cli = env.at("2026-11-25T12:00:00Z");
    let a = cli.json(&[
        "inbox",
        "add",
        "Review the vendor contract",
        "--from",
        "Dana",
        "--needed-by",
        "2026-11-24",
    ]);
    assert_eq!(a["received"], "2026-11-25");
    assert_eq!(a["ownership"], "undecided");
    cli.run(&[
        "inbox",
        "add",
        "Mentor the new hire",
        "--from",
        "Sam",
        "--needed-by",
        "2026-12-10",
        "--ownership",
        "gray",
    ])
    .success();
    cli.run(&[
        "inbox",
        "add",
        "Fix my flaky test",
        "--from",
        "Lee",
        "--ownership",
        "theirs",
    ])
    .success();
    let list = cli.json(&["inbox", "list"]);
    let texts = texts(&list["items"], "text");
    assert_eq!(
        texts,
        [
            "Review the vendor contract",
            "Mentor the new hire",
            "Fix my flaky test"
        ]
    );
    assert_eq!(list["overdue"], 1);
    let id = a["id"].as_i64().unwrap().to_string();
    cli.run(&[
        "inbox",
        "decide",
        &id,
        "delegated",
        "--note",
        "Priya knows them",
    ])
    .success();
    let list = cli.json(&["inbox", "list"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["overdue"], 0);
    for i in 0..4 {
        cli.run(&[
            "inbox",
            "add",
            &format!("Problem {i}"),
            "--from",
            "Team",
            "--ownership",
            "mine",
        ])
        .success();
    }
    let table = cli.run(&["inbox", "list"]).success();
    table.shows("Ownership: you took 4 of the last 6");
    cli.run(&["inbox", "decide", "999", "yes"])
        .failure()
        .says("999");
}

#[test]
fn the_reflection_rhythm_prefills_facts_tracks_streaks_and_exports() {
    let env = Env::with_calendar("America/New_York", "week10.ics");
    let run_at = |now: &str, editor: Option<&str>, args: &[&str]| env.run_at(now, editor, args);
    let friday = "2026-03-06T20:00:00Z";
    let status = run_at(friday, None, &["rituals", "--format", "json"])
        .success()
        .json();
    assert_eq!(status[0]["ritual"], "weekly-journal");
    assert_eq!(status[0]["period"]["label"], "2026-W10");
    assert_eq!(status[0]["state"], "due");

    let shown = run_at(
        friday,
        None,
        &["reflect", "journal", "--show", "--format", "json"],
    )
    .success()
    .json();
    let facts: Vec<&str> = items(&shown["facts"])
        .map(|f| f.as_str().unwrap())
        .collect();
    // Friday 15:00 in New York: the evening sync has not happened yet.
    assert!(
        facts[0].starts_with("time tracked 4h30: build 44 %"),
        "{facts:?}"
    );
    assert!(
        facts.iter().any(|f| f.starts_with("operate is 22.2 %")),
        "{facts:?}"
    );

    run_at(friday, None, &["reflect", "journal"])
        .failure()
        .says("$EDITOR");
    let saved = run_at(
        friday,
        None,
        &[
            "reflect",
            "journal",
            "--add",
            "accomplishments=Shipped the queue fix",
            "--energy",
            "build=+1",
            "--format",
            "json",
        ],
    )
    .success()
    .json();
    assert_eq!(saved["body"]["sections"][0][1][0], "Shipped the queue fix");
    run_at(
        friday,
        None,
        &["reflect", "journal", "--add", "wins=Something"],
    )
    .failure()
    .says("accomplishments");

    // An editor that fills in the template: the self-assessment is written through it.
    let editor = env.path("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed -i 's/^listening: $/listening: 6, Sam=8/; s/^- $/- from the editor/' \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    run_at(
        friday,
        Some(editor.to_str().unwrap()),
        &["reflect", "assess"],
    )
    .success();
    let broken = env.path("broken.sh");
    std::fs::write(
        &broken,
        "#!/bin/sh\nsed -i 's/^listening: .*$/listening: 12/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&broken, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = run_at(
        friday,
        Some(broken.to_str().unwrap()),
        &["reflect", "assess"],
    )
    .failure();
    assert!(
        out.stderr.contains("line ") && out.stderr.contains("12"),
        "{}",
        out.stderr
    );

    // The next week: last week's journal is done, the streak counts it.
    let status = run_at(
        "2026-03-09T15:00:00Z",
        None,
        &["rituals", "--format", "json"],
    )
    .success()
    .json();
    assert_eq!(status[0]["period"]["label"], "2026-W11");
    assert_eq!(status[0]["streak"], 1);
    assert_eq!(status[2]["state"], "done");

    let md = run_at(
        friday,
        None,
        &[
            "rituals",
            "export",
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-01",
        ],
    )
    .success();
    md.shows("## Weekly journal 2026-W10");
    assert!(md.stdout.contains("- Shipped the queue fix"));
    md.shows("| listening | 6 | Sam 8 | +2.0 |");
    assert!(md.stdout.contains("Energy: gave — build"));
}

#[test]
fn triage_walks_tasks_through_the_tests() {
    let env = Env::in_zone("UTC");
    for (title, flags) in [
        ("Client demo environment", vec!["--urgent", "--important"]),
        ("Recolour the dashboards", vec!["--important"]),
        ("Architecture review prep", vec!["--important"]),
    ] {
        let mut args = vec!["task", "add", title];
        args.extend(flags);
        env.run(&args).success();
    }
    // Demo environment: matters, depended on, but not mine → delegate.
    // Recolour: nothing happens if skipped → delete. Architecture prep: passes all → stays.
    let mut triage = env.command();
    triage.arg("triage");
    let out = run_with_input(triage, b"y\ny\nn\nn\ny\ny\ny\n")
        .unwrap()
        .success();
    let stdout = out.stdout;
    assert!(stdout.contains("Triage moved 2 task(s)"), "{stdout}");
    let list = env.json(&["task", "list"]);
    let quadrant = |title: &str| {
        items(&list["tasks"]).find(|t| t["title"] == title).unwrap()["quadrant"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(quadrant("Client demo environment"), "delegate");
    assert_eq!(quadrant("Recolour the dashboards"), "delete");
    assert_eq!(quadrant("Architecture review prep"), "schedule");
    let one = env.run(&["triage", "3", "--needs-me", "no"]).success();
    one.shows("delegate");
}
