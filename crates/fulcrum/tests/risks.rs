//! Risks through the binary: an accepted risk refused without its review date (naming the
//! flag), then kept with one; the days pass it, `risks list` flags the review due and the coach
//! raises `risk-review-due`; a review moves the date on and both clear. Who was told, a risk
//! that happened linked to an incident from `fulcrum incident add`, the unowned rule, the JSON
//! shape of the list, the Markdown log, and refusals that name the field.

mod common;
use common::*;
use serde_json::Value;

const START: &str = "2026-03-10T09:00:00Z";

fn env() -> Env {
    Env::with_people("Europe/Berlin", START, &[PRIYA])
}

const CI: &[&str] = &[
    "risks",
    "add",
    "A slow CI pipeline",
    "--leads-to",
    "fewer, larger releases",
    "--probability",
    "4",
    "--impact",
    "2",
    "--category",
    "delivery",
    "--strategy",
    "accept",
    "--owner",
    "me",
];

fn rule(env: &Env, now: &str, id: &str) -> Vec<Value> {
    env.at(now).insights_of(id)
}

fn listed(env: &Env, now: &str) -> Vec<Value> {
    env.at(now).json(&["risks", "list"])["risks"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn an_accepted_risk_is_reviewed_on_its_date_and_the_coach_says_so_when_it_passes() {
    let env = env();
    let at = env.at(START);
    at.run(CI)
        .failure()
        .says("review")
        .says("an accepted risk needs a review date");
    let mut args = CI.to_vec();
    args.extend_from_slice(&["--review", "2026-04-07"]);
    let r = at.json(&args);
    let id = r["id"].to_string();
    assert_eq!(r["status"], "accepted");
    assert_eq!(r["score"], 8);
    assert_eq!(r["band"], "medium");
    assert_eq!(r["review_on"], "2026-04-07");
    assert_eq!(r["review_due"], false);
    assert_eq!(r["owner"], "me");
    assert_eq!(
        r["statement"],
        "A slow CI pipeline might lead to fewer, larger releases"
    );
    assert!(rule(&env, START, "risk-review-due").is_empty());

    // The day before: not yet. On the day and after: due, in the list and on the coach.
    assert_eq!(listed(&env, "2026-04-06T09:00:00Z")[0]["review_due"], false);
    let later = "2026-04-10T09:00:00Z";
    assert_eq!(listed(&env, later)[0]["review_due"], true);
    let raised = rule(&env, later, "risk-review-due");
    assert_eq!(raised.len(), 1, "{raised:#?}");
    let evidence = raised[0]["evidence"][0]["text"].as_str().unwrap();
    assert!(
        evidence.contains("2026-04-07") && evidence.contains("3 days ago"),
        "{evidence}"
    );
    env.at(later)
        .run(&["risks", "list"])
        .success()
        .shows("2026-04-07 DUE");

    // Reviewed on the 10th without a date: the next is four weeks on (a medium risk).
    let r = env.at(later).json(&["risks", "review", &id]);
    assert_eq!(r["reviewed_on"], "2026-04-10");
    assert_eq!(r["review_on"], "2026-05-08");
    assert_eq!(r["review_due"], false);
    assert!(rule(&env, later, "risk-review-due").is_empty());
    // With a date, that one.
    let r = env
        .at(later)
        .json(&["risks", "review", &id, "--next", "2026-06-01"]);
    assert_eq!(r["review_on"], "2026-06-01");
    env.at(later)
        .run(&["risks", "review", &id, "--next", "2026-04-01"])
        .failure()
        .says("next")
        .says("after today");
}

#[test]
fn who_was_told_and_the_incident_it_became_are_kept() {
    let env = env();
    let at = env.at(START);
    let r = at.json(&[
        "risks",
        "add",
        "The payment provider being down",
        "--leads-to",
        "lost orders",
        "--probability",
        "3",
        "--impact",
        "5",
        "--category",
        "third-party",
        "--owner",
        "Priya",
        "--plan",
        "Take orders and charge later",
    ]);
    let id = r["id"].to_string();
    assert_eq!(r["band"], "high");
    assert_eq!(r["status"], "open");
    // A high risk: the default first review is two weeks out.
    assert_eq!(r["review_on"], "2026-03-24");
    assert_eq!(r["owner"], "Priya Nair");
    assert_eq!(r["untold"], true);

    let r = at.json(&[
        "risks",
        "tell",
        &id,
        "--group",
        "leadership",
        "--on",
        "2026-03-09",
    ]);
    assert_eq!(r["told"][0]["who"], "leadership");
    assert_eq!(r["told"][0]["on"], "2026-03-09");
    let r = at.json(&["risks", "tell", &id, "--who", "Priya"]);
    assert_eq!(r["told"][1]["who"], "Priya Nair");
    assert_eq!(r["told"][1]["on"], "2026-03-10");
    assert_eq!(r["untold"], false);
    at.run(&["risks", "tell", &id]).failure();
    at.run(&["risks", "tell", &id, "--group", "x", "--on", "2026-03-11"])
        .failure()
        .says("after today");

    at.run(&["risks", "happened", &id, "--incident", "42"])
        .failure()
        .says("incident")
        .says("there is no incident 42");
    let incident = at.json(&[
        "incident",
        "add",
        "Card payments failing",
        "--severity",
        "2",
        "--started",
        "2026-03-10T08:00:00Z",
    ]);
    let n = incident["id"].to_string();
    let r = at.json(&["risks", "happened", &id, "--incident", &n]);
    assert_eq!(r["status"], "happened");
    assert_eq!(r["incident"].to_string(), n);
    assert_eq!(r["review_due"], false);
    let shown = at.stdout(&["risks", "show", &id]);
    assert!(shown.contains(&format!("incident {n}")), "{shown}");
    assert!(shown.contains("Told leadership on 2026-03-09"), "{shown}");
    // The incident names the risk that foresaw it.
    let foreseen = at.json(&["incident", "show", &n]);
    assert_eq!(foreseen["foreseen_by"][0]["id"].to_string(), id);
    assert!(
        foreseen["foreseen_by"][0]["statement"]
            .as_str()
            .unwrap()
            .contains(" might lead to "),
        "{foreseen}"
    );
}

#[test]
fn the_list_has_its_documented_shape_filters_and_a_markdown_log() {
    let env = env();
    let at = env.at(START);
    let add = |event: &str, p: &str, i: &str| {
        at.json(&[
            "risks",
            "add",
            event,
            "--leads-to",
            "trouble",
            "--probability",
            p,
            "--impact",
            i,
        ])["id"]
            .to_string()
    };
    let low = add("Low thing", "1", "2");
    let high = add("High thing", "5", "4");
    let medium = add("Medium thing", "3", "3");
    at.json(&["risks", "close", &low]);
    let list = at.json(&["risks", "list"]);
    let risks = list["risks"].as_array().unwrap();
    let ids: Vec<String> = risks.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(
        ids,
        [high.clone(), medium.clone(), low],
        "by score, closed last"
    );
    let first = risks[0].as_object().unwrap();
    for key in [
        "id",
        "statement",
        "event",
        "consequence",
        "probability",
        "impact",
        "score",
        "band",
        "strategy",
        "owner",
        "status",
        "review_on",
        "review_due",
        "told",
        "incident",
    ] {
        assert!(first.contains_key(key), "{key} missing: {first:?}");
    }
    assert_eq!(first["score"], 20);
    assert_eq!(first["strategy"], Value::Null);
    assert_eq!(first["owner"], Value::Null);

    let highs = at.json(&["risks", "list", "--band", "high"]);
    assert_eq!(highs["risks"].as_array().unwrap().len(), 1);
    let closed = at.json(&["risks", "list", "--status", "closed"]);
    assert_eq!(closed["risks"][0]["status"], "closed");

    let md = at.stdout(&["risks", "list", "--format", "markdown"]);
    assert!(md.starts_with("# Risk log"), "{md}");
    assert!(
        md.contains("| High thing might lead to trouble | 5 × 4 = 20 | high |"),
        "{md}"
    );

    // Medium and high with nobody owning them: the coach asks for owners; owned, it stops.
    let unowned = rule(&env, START, "risk-unowned");
    assert_eq!(unowned.len(), 2, "{unowned:#?}");
    at.json(&["risks", "edit", &high, "--owner", "Priya"]);
    let priya = at.stdout(&["people", "show", "Priya"]);
    assert!(
        priya.contains(&format!("Technical work\n  risk {high} (owner): ")),
        "{priya}"
    );
    let page = at.json(&["people", "show", "Priya"]);
    assert_eq!(page["person"]["name"], "Priya Nair");
    assert_eq!(page["technical"][0]["kind"], "risk");
    assert_eq!(page["technical"][0]["id"].to_string(), high);
    assert_eq!(page["technical"][0]["role"], "owner");
    let md = at.stdout(&["people", "show", "Priya", "--format", "markdown"]);
    assert!(
        md.contains(&format!("## Technical work\n\n- risk {high} (owner): ")),
        "{md}"
    );
    at.json(&["risks", "edit", &medium, "--owner", "me"]);
    assert!(rule(&env, START, "risk-unowned").is_empty());
    let r = at.json(&["risks", "edit", &medium, "--no-owner"]);
    assert_eq!(r["owner"], Value::Null);
}

#[test]
fn bad_input_is_refused_naming_what_to_fix() {
    let env = env();
    let at = env.at(START);
    let base = |p: &'static str, i: &'static str| {
        vec![
            "risks",
            "add",
            "Something",
            "--leads-to",
            "trouble",
            "--probability",
            p,
            "--impact",
            i,
        ]
    };
    at.run(&base("6", "2")).failure().says("probability");
    at.run(&base("2", "0")).failure().says("impact");
    at.run(&[
        "risks",
        "add",
        " ",
        "--leads-to",
        "x",
        "--probability",
        "2",
        "--impact",
        "2",
    ])
    .failure()
    .says("event");
    at.run(&[
        "risks",
        "add",
        "x",
        "--leads-to",
        " ",
        "--probability",
        "2",
        "--impact",
        "2",
    ])
    .failure()
    .says("consequence");
    let mut owner = base("2", "2");
    owner.extend_from_slice(&["--owner", "Nobody"]);
    at.run(&owner).failure().says("Nobody");
    let mut strategy = base("2", "2");
    strategy.extend_from_slice(&["--strategy", "ignore"]);
    at.run(&strategy)
        .failure()
        .says("avoid, mitigate, transfer, accept");
    let id = at.json(&base("2", "2"))["id"].to_string();
    // Accepting later without a review date keeps the default one it was given.
    let r = at.json(&["risks", "edit", &id, "--strategy", "accept"]);
    assert_eq!(r["status"], "accepted");
    assert_eq!(r["review_on"], "2026-04-07");
    at.run(&["risks", "show", "999"]).failure().says("999");
    at.run(&["risks", "edit", &id, "--impact", "7"])
        .failure()
        .says("impact");
}
