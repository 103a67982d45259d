mod common;
use common::*;
use serde_json::Value;

const NOW: &str = "2026-03-20T12:00:00Z";

fn states(p: &Value) -> Vec<(String, String)> {
    text_pairs(&p["one_on_ones"], "start", "state")
}

#[test]
fn people_and_their_one_on_ones_from_the_calendar() {
    let env = Env::with_calendar("Europe/Berlin", "one_on_ones.ics");
    let cli = env.at(NOW);

    let kim = cli
        .add_person(
            "Kim Park",
            "KIM@example.com",
            "report",
            &with_json(&["--team", "Payments"]),
        )
        .success()
        .json();
    assert_eq!(kim["emails"][0], "kim@example.com");
    assert_eq!(kim["cadence_days"], 14);
    assert_eq!(kim["duration_minutes"], 30);
    let lee = cli
        .add_person(
            "Lee",
            "lee@example.com",
            "stakeholder",
            &with_json(&["--cadence", "7", "--minutes", "20"]),
        )
        .success()
        .json();
    // A report who joined less than 90 days ago is met weekly.
    let ana = cli
        .add_person(
            "Ana Lima",
            "ana@example.com",
            "report",
            &with_json(&["--start", "2026-02-01"]),
        )
        .success()
        .json();
    assert_eq!(ana["cadence_days"], 7);
    cli.add_person("Kim Again", "kim@example.com", "peer", &[])
        .failure()
        .says("Kim Park");

    let all = cli.json(&["one-on-ones"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    let k = &all[0];
    assert_eq!(k["person"]["name"], "Kim Park");
    assert_eq!(
        states(k),
        [
            ("2026-01-05T15:00:00Z", "held"),
            ("2026-01-21T10:00:00Z", "moved"),
            ("2026-02-02T15:00:00Z", "cancelled"),
            ("2026-02-16T15:00:00Z", "declined"),
            ("2026-03-02T15:00:00Z", "held"),
            ("2026-03-16T15:00:00Z", "held"),
            ("2026-03-30T14:00:00Z", "upcoming"),
            ("2026-04-13T14:00:00Z", "upcoming"),
            ("2026-04-27T14:00:00Z", "upcoming"),
            ("2026-05-11T14:00:00Z", "upcoming"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let ones = k["one_on_ones"].as_array().unwrap();
    assert_eq!(ones[2]["cancelled_by"], "kim@example.com");
    assert_eq!(
        ones[4]["title"], "Career conversation",
        "renamed, still a 1:1"
    );
    assert!(ones.iter().all(|o| o["title"] != "1:1 sync"));
    assert_eq!(
        k["counts"],
        serde_json::json!({"held": 3, "cancelled": 1, "declined": 1, "moved": 1, "upcoming": 4, "logged": 0})
    );
    assert_eq!(k["last_held"]["start"], "2026-03-16T15:00:00Z");
    assert_eq!(k["next"]["start"], "2026-03-30T14:00:00Z");
    assert_eq!(k["overdue_days"], Value::Null);

    // Lee: only the title-only "Lee 1:1"; the group "1:1 sync" is not one.
    let l = &all[1];
    assert_eq!(
        states(l),
        [("2026-03-04T09:00:00Z".to_string(), "held".to_string())]
    );
    assert_eq!(l["overdue_days"], 9, "16 days since 4 March, every 7");
    assert_eq!(l["next"], Value::Null);
    // Ana: no 1:1 since her start on 1 February.
    assert_eq!(all[2]["overdue_days"], 47 - 7);

    let one = cli
        .run(&["one-on-ones", &lee["id"].to_string(), "--format", "json"])
        .success()
        .json();
    assert_eq!(one["person"]["name"], "Lee");
    let table = cli.run(&["one-on-ones", &kim["id"].to_string()]).success();
    assert!(table.stdout.contains("cancelled") && table.stdout.contains("by kim@example.com"));
    let table = cli.run(&["one-on-ones"]).success();
    table.shows("overdue by 9 d");

    let list = cli.run(&["people", "list"]).success();
    list.shows("20 minutes");

    cli.run(&["people", "archive", &ana["id"].to_string()])
        .success();
    let listed = cli.json(&["people", "list"]);
    let names = texts(&listed["people"], "name");
    assert_eq!(names, ["Kim Park", "Lee"]);
    let every = cli.json(&["people", "list", "--all"]);
    assert_eq!(every["people"].as_array().unwrap().len(), 3);
    assert_eq!(every["people"][2]["archived"], true);
    let all = cli.json(&["one-on-ones"]);
    assert_eq!(all.as_array().unwrap().len(), 2);

    cli.run(&[
        "people",
        "edit",
        &lee["id"].to_string(),
        "--minutes",
        "30",
        "--team",
        "Sales",
    ])
    .success();
    let listed = cli.json(&["people", "list"]);
    assert_eq!(listed["people"][1]["team"], "Sales");
    assert!(listed["warnings"].as_array().unwrap().is_empty());
    cli.run(&["people", "archive", "999"]).failure();
}

const LATER: &str = "2026-03-20T12:00:00Z";
const PERSON_SECRET: &str = "SECRET-PERSON-NOTE";
const NOTE_SECRET: &str = "SECRET-1ON1-NOTE";

/// A store with the team calendar and three people: Ana and Kim (reports), Dana (stakeholder).
fn team() -> (Env, [i64; 3]) {
    let env = Env::with_calendar("Europe/Berlin", "team.ics");
    let add = |name: &str, email: &str, relation: &str, extra: &[&str]| -> i64 {
        let added = env
            .at(LATER)
            .add_person(name, email, relation, &with_json(extra));
        added.success().json()["id"].as_i64().unwrap()
    };
    let ana = add(
        "Ana Lima",
        "ana@example.com",
        "report",
        &[
            "--start",
            "2026-01-12",
            "--interest",
            "incident response",
            "--knows",
            "postgres, payments",
            "--goal",
            "lead a migration",
            "--style",
            "deep-diver",
            "--feedback-style",
            "in private, written first",
            "--notes",
            PERSON_SECRET,
        ],
    );
    let kim = add(
        "Kim Park",
        "kim@example.com",
        "report",
        &["--interest", "release process", "--style", "communicator"],
    );
    let dana = add("Dana Levi", "dana@example.com", "stakeholder", &[]);
    (env, [ana, kim, dana])
}

#[test]
fn details_suggestions_and_the_one_on_one_record() {
    let (env, [ana, kim, _]) = team();
    let cli = env.at(LATER);
    let shown = cli.json(&["people", "show", "Ana"]);
    let p = &shown["person"];
    assert_eq!(p["knowledge"], serde_json::json!(["postgres", "payments"]));
    assert_eq!(p["working_style"], "deep-diver");
    assert_eq!(p["cadence_days"], 7, "joined 12 January: a new joiner");
    assert_eq!(p["private_notes"], Value::Null);

    let s = cli.json(&["people", "suggest"]);
    assert_eq!(s[0]["email"], "omar.haddad@example.com");
    assert_eq!(s[0]["name"], "Omar Haddad");
    assert_eq!(s[0]["alone"], 2);
    let emails = texts(&s, "email");
    assert!(emails.contains(&"lee@example.com"));
    assert!(!emails.contains(&"ana@example.com") && !emails.contains(&"sam@example.com"));

    // The agenda both sides add to, then a 1:1 that discusses it and produces actions.
    let before = env.at("2026-03-13T12:00:00Z");
    before
        .run(&["one-on-ones", "add", "Ana", "Conference budget", "--theirs"])
        .success();
    before
        .run(&[
            "one-on-ones",
            "add",
            &ana.to_string(),
            "Feedback on the RFC",
        ])
        .success();
    let agenda = cli.json(&["one-on-ones", "agenda", "Ana"]);
    assert_eq!(agenda["agenda"]["theirs"][0]["text"], "Conference budget");
    assert_eq!(agenda["agenda"]["mine"][0]["text"], "Feedback on the RFC");
    let logged = cli.json(&[
        "one-on-ones",
        "log",
        "Ana",
        "--date",
        "2026-03-16",
        "--notes",
        "Talked about the budget",
        "--private",
        NOTE_SECRET,
        "--topic",
        "growth,connection",
        "--action",
        "me: ask Sam about the budget",
        "--action",
        "them: draft the ADR",
    ]);
    assert_eq!(logged["discussed"].as_array().unwrap().len(), 2);
    assert_eq!(logged["actions"], 2);
    assert_eq!(
        logged["note"]["meeting_uid"], "ana-weekly",
        "matched to the calendar"
    );
    assert_eq!(logged["note"]["private_notes"], Value::Null);
    let again = cli
        .run(&["one-on-ones", "log", "Ana", "--date", "2026-03-16"])
        .failure();
    again.says("already logged");
    cli.run(&["one-on-ones", "log", "Ana", "--date", "2026-03-21"])
        .failure();

    // A walk on Thursday: not in the calendar, still a 1:1; the actions are carried.
    cli.run(&[
        "one-on-ones",
        "log",
        "Ana",
        "--date",
        "2026-03-19",
        "--topic",
        "feedback",
    ])
    .success();
    let agenda = cli.json(&["one-on-ones", "agenda", "Ana"]);
    assert!(agenda["agenda"]["theirs"].as_array().unwrap().is_empty());
    let actions = agenda["agenda"]["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert!(actions.iter().all(|a| a["carried"] == 1));
    let first = actions[0]["item"]["id"].to_string();
    cli.run(&["one-on-ones", "done", &first]).success();
    cli.run(&["one-on-ones", "done", &first]).failure();
    cli.run(&["one-on-ones", "done", &first, "--undo"])
        .success();
    cli.run(&["one-on-ones", "done", &first]).success();
    let agenda = cli.json(&["one-on-ones", "agenda", "Ana"]);
    assert_eq!(agenda["agenda"]["actions"].as_array().unwrap().len(), 1);
    assert_eq!(agenda["topics"]["suggestion"]["topic"], "team-health");

    let history = cli.json(&["one-on-ones", "Ana"]);
    let entries = history["history"].as_array().unwrap();
    let walk = entries
        .iter()
        .find(|e| e["on"] == "2026-03-19")
        .expect("the logged walk");
    assert_eq!(walk["meeting"], Value::Null);
    let matched = entries.iter().find(|e| e["on"] == "2026-03-16").unwrap();
    assert_eq!(matched["meeting"]["state"], "held");
    assert_eq!(matched["note"]["shared_notes"], "Talked about the budget");
    assert_eq!(history["last_met"], "2026-03-19");
    assert_eq!(history["counts"]["logged"], 2);

    // Kim: the lead cancelled one and declined the next.
    let k = cli.json(&["people", "show", &kim.to_string()]);
    assert_eq!(k["one_on_ones"]["cancelled_by_me_in_a_row"], 2);
    let signals = k["signals"].to_string();
    assert!(signals.contains("called off the last 2"), "{signals}");

    // Observations and their trend.
    for (day, energy) in [
        ("2026-03-02", "4"),
        ("2026-03-05", "4"),
        ("2026-03-09", "5"),
        ("2026-03-12", "3"),
        ("2026-03-16", "2"),
        ("2026-03-19", "2"),
    ] {
        cli.run(&[
            "people",
            "observe",
            "Ana",
            "--energy",
            energy,
            "--context",
            "standup",
            "--date",
            day,
        ])
        .success();
    }
    cli.run(&["people", "observe", "Ana", "--energy", "6"])
        .failure();
    let shown = cli.json(&["people", "show", "Ana"]);
    assert_eq!(shown["trend"]["direction"], "falling");
    assert!(shown["signals"].to_string().contains("seemed lower"));
    let table = cli.stdout(&["people", "show", "Ana"]);
    assert!(
        table.contains("Recent 1:1s") && table.contains("falling"),
        "{table}"
    );
    // A logged 1:1's themes and notes can be corrected afterwards.
    let note = logged["note"]["id"].to_string();
    cli.run(&[
        "one-on-ones",
        "edit",
        &note,
        "--topic",
        "reflection",
        "--notes",
        "Budget agreed",
    ])
    .success();
    cli.run(&["one-on-ones", "edit", &note, "--topic", "gossip"])
        .failure();
    let history = cli.json(&["one-on-ones", "Ana"]);
    let edited = items(&history["history"])
        .find(|e| e["on"] == "2026-03-16")
        .unwrap();
    assert_eq!(edited["note"]["shared_notes"], "Budget agreed");
    assert_eq!(edited["note"]["topics"], serde_json::json!(["reflection"]));
}

#[test]
fn private_notes_stay_in_the_store_unless_asked_for() {
    let (env, [ana, _, _]) = team();
    let cli = env.at(LATER);
    cli.run(&[
        "one-on-ones",
        "log",
        "Ana",
        "--date",
        "2026-03-16",
        "--notes",
        "shared words",
        "--private",
        NOTE_SECRET,
    ])
    .success();
    let id = ana.to_string();
    let exports: [&[&str]; 8] = [
        &["people", "list", "--format", "json"],
        &["people", "list"],
        &["people", "show", "Ana", "--format", "json"],
        &["people", "show", "Ana", "--format", "markdown"],
        &["people", "show", "Ana"],
        &["one-on-ones", "--format", "json"],
        &["one-on-ones", &id, "--format", "json"],
        &["people", "review-prep", "Ana", "--from", "2026-01-01"],
    ];
    for args in exports {
        let out = cli.run(args).success().stdout;
        assert!(
            !out.contains(PERSON_SECRET) && !out.contains(NOTE_SECRET),
            "{args:?} leaked a private note:\n{out}"
        );
        assert!(
            out.contains("shared words") || args.contains(&"list"),
            "{args:?}:\n{out}"
        );
        let mut asked = args.to_vec();
        asked.push("--include-private");
        let out = cli.run(&asked).success().stdout;
        assert!(
            out.contains(PERSON_SECRET) || args.starts_with(&["one-on-ones"]),
            "{asked:?}"
        );
        if !args.contains(&"list") {
            assert!(
                out.contains(NOTE_SECRET),
                "{asked:?} should show the 1:1's private note"
            );
        }
    }
    let md = cli.stdout(&["people", "review-prep", "Ana", "--from", "2026-01-01"]);
    assert!(md.starts_with("# Review preparation: Ana Lima"), "{md}");
    assert!(md.contains("shared words"));
}

#[test]
fn deleting_asks_and_archiving_keeps_history() {
    let (env, [_, kim, dana]) = team();
    let cli = env.at(LATER);
    cli.run(&[
        "commitment",
        "add",
        "Capacity plan",
        "--to",
        "Dana",
        "--due",
        "2026-03-24",
    ])
    .success();
    cli.run(&["prep", "add", "Dana", "--topic", "Retry refactor"])
        .success();
    let refused = cli.run(&["people", "delete", &dana.to_string()]).failure();
    assert!(
        refused
            .stderr
            .contains("1 commitments, 1 stakeholder preps")
            && refused.stderr.contains("Nothing was deleted"),
        "{}",
        refused.stderr
    );
    let listed = cli.json(&["people", "list"]);
    assert_eq!(listed["people"].as_array().unwrap().len(), 3);
    let deleted = cli
        .run(&["people", "delete", &dana.to_string(), "--yes"])
        .success();
    deleted.shows("1 commitments");
    let rel = cli.json(&["relationships"]);
    assert!(rel["commitments"].as_array().unwrap().is_empty());
    // Even with nothing kept about them, deleting asks.
    let temp = cli
        .add_person("Temp", "temp@example.com", "peer", &with_json(&[]))
        .success()
        .json()["id"]
        .to_string();
    let refused = cli.run(&["people", "delete", &temp]).failure();
    refused.says("Nothing else is kept about Temp");
    cli.run(&["people", "delete", &temp, "--yes"]).success();
    assert!(rel["preps"].as_array().unwrap().is_empty());

    cli.run(&[
        "feedback",
        "give",
        "Kim",
        "--positive",
        "--situation",
        "At Friday's demo",
        "--behaviour",
        "you answered the client's questions on retries with the dashboard open",
        "--impact",
        "they signed off",
    ])
    .success();
    cli.run(&["people", "archive", "Kim"]).success();
    let listed = cli.json(&["people", "list"]);
    assert_eq!(listed["people"].as_array().unwrap().len(), 1);
    // Archived: hidden from lists, its history still there.
    let k = cli.json(&["people", "show", &kim.to_string()]);
    assert_eq!(k["person"]["archived"], true);
    assert_eq!(k["feedback"].as_array().unwrap().len(), 1);
    assert!(!k["one_on_ones"]["history"].as_array().unwrap().is_empty());
    let f = cli.json(&["feedback", "list"]);
    assert_eq!(f["items"].as_array().unwrap().len(), 1);
    cli.run(&["people", "restore", &kim.to_string()]).success();
    let listed = cli.json(&["people", "list"]);
    assert_eq!(listed["people"].as_array().unwrap().len(), 2);
}

#[test]
fn feedback_from_observation_to_follow_up() {
    let (env, [ana, _, _]) = team();
    let cli = env.at(LATER);
    let given = cli.json(&[
        "feedback",
        "give",
        "Ana",
        "--constructive",
        "--situation",
        "In Tuesday's planning",
        "--behaviour",
        "you committed the team to the date without asking anyone",
        "--impact",
        "two people worked late to make it",
        "--date",
        "2026-03-17",
    ]);
    assert_eq!(given["feedback"]["delivered_on"], "2026-03-20");
    assert_eq!(given["feedback"]["follow_up_due"], "2026-04-03");
    assert!(
        given["lint"].as_array().unwrap().is_empty(),
        "{}",
        given["lint"]
    );
    let vague = cli
        .run(&[
            "feedback",
            "give",
            "Ana",
            "--positive",
            "--situation",
            "Recently",
            "--behaviour",
            "great job",
            "--impact",
            "nice",
            "--date",
            "2026-03-10",
            "--not-yet",
        ])
        .success();
    vague.shows("Before you deliver it");
    let list = cli.json(&["feedback", "list"]);
    assert_eq!(
        list["waiting"].as_array().unwrap().len(),
        1,
        "10 days and not delivered"
    );
    let kinds = texts(&list["items"][1]["lint"], "kind");
    assert_eq!(kinds, ["no-specifics", "generic"]);
    let waiting_id = list["waiting"][0]["feedback"]["id"].to_string();
    cli.run(&["feedback", "deliver", &waiting_id]).success();
    let b = cli.json(&["feedback", "balance"]);
    let ana_balance = b
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["person_id"] == ana)
        .unwrap();
    assert_eq!(
        (
            ana_balance["positive"].as_i64(),
            ana_balance["constructive"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(ana_balance["name"], "Ana Lima");

    // The lead's own feedback, by theme.
    cli.run(&[
        "feedback",
        "receive",
        "--from",
        "Sam Okafor",
        "--constructive",
        "--theme",
        "delegation",
        "--situation",
        "In our 1:1",
        "--behaviour",
        "you still take the hardest tickets yourself",
    ])
    .success();
    cli.run(&[
        "feedback",
        "receive",
        "--from",
        "Kim",
        "--positive",
        "--theme",
        "Delegation",
        "--situation",
        "At the retro",
        "--behaviour",
        "you let me run the release",
    ])
    .success();
    cli.run(&[
        "feedback",
        "request",
        "--from",
        "Dana",
        "--about",
        "How my updates land in the stakeholder sync",
    ])
    .success();
    let mine = cli.stdout(&["feedback", "mine"]);
    assert!(
        mine.contains("## delegation (heard more than once)"),
        "{mine}"
    );
    assert!(
        mine.contains("Sam Okafor") && mine.contains("Kim Park"),
        "{mine}"
    );
    assert!(mine.contains("Asked, not answered yet"), "{mine}");
    let lint = cli.json(&["feedback", "lint", "Maybe you could be a bit more careful"]);
    let kinds = texts(&lint, "kind");
    assert_eq!(kinds, ["hedge", "hedge", "no-specifics"]);
    cli.run(&["feedback", "give", "Ana", "--behaviour", "x"])
        .failure();

    // Two weeks on, the constructive feedback is due a follow-up.
    let later = env.at("2026-04-05T12:00:00Z");
    let list = later.json(&["feedback", "list"]);
    let due = list["follow_ups_due"].as_array().unwrap();
    assert_eq!(due.len(), 1);
    let id = due[0]["feedback"]["id"].to_string();
    later
        .run(&[
            "feedback",
            "follow-up",
            &id,
            "--note",
            "asks the team first now",
        ])
        .success();
    let list = later.json(&["feedback", "list"]);
    assert!(list["follow_ups_due"].as_array().unwrap().is_empty());
}

#[test]
fn delegation_from_candidate_to_two_way_follow_up() {
    let (env, [_, kim, _]) = team();
    let cli = env.at(LATER);
    let c = cli.json(&["delegate", "candidates"]);
    let titles = texts(&c["recurring"], "title");
    assert_eq!(titles, ["Release notes"], "focus time is yours, not a task");
    // Eight Fridays in the last eight weeks, 30 min each plus 23 to refocus.
    assert_eq!(c["recurring"][0]["occurrences"], 8);
    assert_eq!(c["recurring"][0]["weekly_cost_minutes"], 53);
    let origin = c["recurring"][0]["origin"].as_str().unwrap().to_string();
    assert_eq!(origin, "calendar:release-notes");

    let who = cli.json(&[
        "delegate",
        "who",
        "Release notes and changelog",
        "--category",
        "operate",
    ]);
    assert_eq!(
        who[0]["name"], "Kim Park",
        "interested in the release process"
    );

    let d = cli.json(&[
        "delegate",
        "add",
        "Release notes",
        "--to",
        "Kim",
        "--origin",
        &origin,
        "--category",
        "operate",
        "--specific",
        "Write and send the weekly release notes",
        "--deadline",
        "2026-04-30",
    ]);
    let id = d["id"].to_string();
    assert_eq!(d["status"], "draft");
    assert_eq!(
        d["style"], "selling",
        "nothing finished yet: more guidance first"
    );
    let refused = cli.run(&["delegate", "hand-over", &id]).failure();
    assert!(
        refused
            .stderr
            .contains("measurable, achievable, relevant, trackable"),
        "{}",
        refused.stderr
    );
    cli.run(&[
        "delegate",
        "edit",
        &id,
        "--measurable",
        "Four releases without my help",
        "--achievable",
        "An hour a week, taken from her sprint",
        "--relevant",
        "Releases stop waiting for me",
        "--trackable",
        "Checklist in the wiki, reviewed in our Monday 1:1",
    ])
    .success();
    let handed = cli.json(&["delegate", "hand-over", &id]);
    assert_eq!(handed["status"], "active");
    assert_eq!(
        handed["check_ins"][0]["due"], "2026-03-27",
        "weekly while selling"
    );
    let c = cli.json(&["delegate", "candidates"]);
    assert!(
        c["recurring"].as_array().unwrap().is_empty(),
        "already delegated"
    );
    cli.run(&["delegate", "check-in", &id, "--note", "on track"])
        .success();
    let one_way = cli
        .run(&[
            "delegate",
            "close",
            &id,
            "--outcome",
            "met",
            "--worked",
            "the checklist",
        ])
        .failure();
    one_way.says("ask Kim");
    cli.run(&[
        "delegate",
        "close",
        &id,
        "--outcome",
        "met",
        "--worked",
        "the checklist",
        "--their-feedback",
        "More context on the feature flags up front",
    ])
    .success();
    let shown = cli.json(&["delegate", "show", &id]);
    assert_eq!(shown["delegation"]["status"], "done");
    assert_eq!(
        shown["delegation"]["follow_up"]["their_feedback"],
        "More context on the feature flags up front"
    );
    let taken_back = cli.json(&["delegate", "add", "Sprint demo", "--to", "Kim"])["id"].to_string();
    cli.run(&["delegate", "cancel", &taken_back]).success();
    cli.run(&["delegate", "cancel", &taken_back]).failure();
    let open = cli.json(&["delegate", "list"]);
    assert!(
        open["items"].as_array().unwrap().is_empty(),
        "done and cancelled are not open"
    );
    let h = cli.json(&["delegate", "history", &kim.to_string()]);
    assert_eq!(h["suggested"], "participating");

    let v = cli.json(&["delegate", "vacation-test"]);
    assert_eq!(v["passes"], false);
    let items = v["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "hosted" && i["what"] == "Team standup" && i["times"] == 10)
    );
    assert!(
        !items.iter().any(|i| i["what"] == "Release notes"),
        "handed over"
    );
}

#[test]
fn relationships_commitments_preps_and_onboarding() {
    let (env, [ana, _, _]) = team();
    let cli = env.at(LATER);
    let r = cli.json(&["relationships"]);
    let dana = items(&r["contacts"])
        .find(|c| c["name"] == "Dana Levi")
        .unwrap()
        .clone();
    assert_eq!(dana["last_contact"], "2026-02-10");
    assert_eq!(dana["source"], "calendar");
    assert_eq!(dana["overdue_days"], 8);
    cli.run(&[
        "relationships",
        "log",
        "Dana",
        "--kind",
        "coffee",
        "--date",
        "2026-03-18",
    ])
    .success();
    let r = cli.json(&["relationships"]);
    let dana = items(&r["contacts"])
        .find(|c| c["name"] == "Dana Levi")
        .unwrap()
        .clone();
    assert_eq!(
        (dana["source"].as_str(), dana["overdue_days"].clone()),
        (Some("logged"), Value::Null)
    );

    cli.run(&[
        "commitment",
        "add",
        "Capacity plan",
        "--to",
        "Dana",
        "--due",
        "2026-03-24",
        "--made",
        "2026-03-16",
    ])
    .success();
    cli.run(&[
        "commitment",
        "add",
        "Budget answer",
        "--to",
        "Platform team",
        "--due",
        "2026-03-18",
        "--made",
        "2026-03-11",
    ])
    .success();
    let list = cli.json(&["commitment", "list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list[0]["commitment"]["what"], "Budget answer");
    assert_eq!(list[0]["nudge"]["kind"], "slipped");
    assert_eq!(list[1]["nudge"]["kind"], "interim-update");
    assert!(list[1]["commitment"]["person_id"].is_i64());
    assert_eq!(list[0]["commitment"]["person_id"], Value::Null);
    let capacity = list[1]["commitment"]["id"].to_string();
    cli.run(&[
        "commitment",
        "update",
        &capacity,
        "--note",
        "draft on Monday",
    ])
    .success();
    let budget = list[0]["commitment"]["id"].to_string();
    cli.run(&["commitment", "done", &budget]).success();
    cli.run(&["commitment", "done", &budget]).failure();
    let dropped = cli.json(&[
        "commitment",
        "add",
        "Offsite agenda",
        "--to",
        "Dana",
        "--due",
        "2026-03-27",
    ])["id"]
        .to_string();
    cli.run(&[
        "commitment",
        "drop",
        &dropped,
        "--note",
        "told her the offsite moved",
    ])
    .success();
    let all = cli.json(&["commitment", "list", "--all"]);
    let d = all
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["commitment"]["what"] == "Offsite agenda")
        .unwrap();
    assert_eq!(d["commitment"]["status"], "dropped");
    assert_eq!(d["nudge"], Value::Null);
    let list = cli.json(&["commitment", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["nudge"], Value::Null);

    let p = cli.json(&[
        "prep",
        "add",
        "Dana",
        "--topic",
        "Retry refactor",
        "--meeting",
        "2026-03-25",
        "--reframe",
        "Fewer failed payments, less support load",
    ]);
    let md = cli
        .run(&["prep", "show", &p["id"].to_string()])
        .success()
        .stdout;
    assert!(md.starts_with("# Retry refactor — with Dana Levi"), "{md}");
    assert!(
        md.contains("Fewer failed payments") && md.contains("Not thought through yet (relate)"),
        "{md}"
    );
    assert!(md.contains("Capacity plan"), "open promises to her: {md}");

    let o = cli.json(&["onboarding", "start", "Ana"]);
    assert_eq!(o["steps"].as_array().unwrap().len(), 16);
    assert_eq!(
        o["steps"][0]["due"], "2026-01-07",
        "five days before her start on 12 January"
    );
    cli.run(&["onboarding", "start", &ana.to_string()])
        .failure();
    cli.run(&["onboarding", "done", "Ana", "1"]).success();
    cli.run(&[
        "onboarding",
        "add",
        "Ana",
        "Shadow an on-call shift",
        "--due",
        "2026-04-01",
    ])
    .success();
    let o = cli.json(&["onboarding", "show", "Ana"]);
    assert_eq!(o["progress"]["done"], 1);
    assert_eq!(o["progress"]["total"], 17);
    assert_eq!(o["progress"]["next"]["seq"], 2);
    cli.run(&["onboarding", "done", "Ana", "99"]).failure();
}
