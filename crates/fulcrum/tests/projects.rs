//! Projects through the binary: a project with its owner, members and a deadline with its
//! reason; the slip scenario as the days pass (on time → a late milestone → a forecast past the
//! deadline → cleared by finishing early), with every date worked out by hand; the coach's
//! `project-slipping` following it; streams of work per person with a running delegation; and
//! refusals that name the field.

mod common;
use common::*;
use serde_json::Value;

const START: &str = "2026-03-10T09:00:00Z";

fn env() -> Env {
    Env::with_people(
        "Europe/Berlin",
        START,
        &[PRIYA, ("Mei Chen", "mei@example.com", "report")],
    )
}

/// Adds the refunds project (deadline 30 June) and its three milestones: due 31 March,
/// 30 April and 15 June. Returns the project's id and the milestones' ids.
fn refunds(env: &Env) -> (String, Vec<String>) {
    let at = env.at(START);
    let p = at.json(&[
        "projects",
        "add",
        "Refunds",
        "--owner",
        "Priya",
        "--purpose",
        "Merchants refund without calling support",
        "--deadline",
        "2026-06-30",
        "--reason",
        "The spring campaign announces refunds",
        "--member",
        "Mei Chen",
    ]);
    let id = p["id"].to_string();
    let mut milestones = Vec::new();
    for (title, due) in [
        ("API contract", "2026-03-31"),
        ("Staging", "2026-04-30"),
        ("Launch", "2026-06-15"),
    ] {
        let shown = at.json(&["projects", "milestone", "add", &id, title, "--due", due]);
        let m = shown["slip"]["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["title"] == title)
            .unwrap()["id"]
            .to_string();
        milestones.push(m);
    }
    (id, milestones)
}

fn show(env: &Env, now: &str, id: &str) -> Value {
    env.at(now).json(&["projects", "show", id])
}

fn slipping_rule(env: &Env, now: &str) -> Vec<Value> {
    env.at(now).insights_of("project-slipping")
}

#[test]
fn a_project_is_kept_with_its_owner_members_and_the_reason_for_its_deadline() {
    let env = env();
    let (id, _) = refunds(&env);
    let p = show(&env, START, &id);
    assert_eq!(p["name"], "Refunds");
    assert_eq!(p["status"], "active");
    assert_eq!(p["started_on"], "2026-03-10");
    assert_eq!(p["owner_name"], "Priya Nair");
    assert_eq!(p["members"][0]["name"], "Mei Chen");
    assert_eq!(
        p["deadline_reason"],
        "The spring campaign announces refunds"
    );
    let titles: Vec<&str> = texts(&p["slip"]["milestones"], "title");
    assert_eq!(titles, ["API contract", "Staging", "Launch"]);

    let md = env
        .at(START)
        .stdout(&["projects", "list", "--format", "markdown"]);
    assert!(md.contains("| Refunds | active | Priya Nair | 2026-06-30 | The spring campaign announces refunds | 2026-06-15 |"), "{md}");
    let done = env
        .at(START)
        .json(&["projects", "list", "--status", "done"]);
    assert_eq!(done["projects"].as_array().unwrap().len(), 0);
}

#[test]
fn slips_are_detected_as_the_days_pass_and_cleared_by_finishing() {
    let env = env();
    let (id, m) = refunds(&env);

    // 15 March: nothing due yet; the forecast is the plan.
    let p = show(&env, "2026-03-15T12:00:00Z", &id);
    assert_eq!(p["slip"]["slipping"], false);
    assert_eq!(p["slip"]["late_milestones"], 0);
    assert_eq!(p["slip"]["forecast_end"], "2026-06-15");
    assert!(slipping_rule(&env, "2026-03-15T12:00:00Z").is_empty());

    // 5 April: the contract is 5 days late; 5 days carried: launch on 20 June.
    let p = show(&env, "2026-04-05T12:00:00Z", &id);
    assert_eq!(p["slip"]["slipping"], true);
    assert_eq!(p["slip"]["late_milestones"], 1);
    assert_eq!(p["slip"]["milestones"][0]["late_days"], 5);
    assert_eq!(p["slip"]["milestones"][1]["forecast"], "2026-05-05");
    assert_eq!(p["slip"]["forecast_end"], "2026-06-20");
    assert_eq!(p["slip"]["past_deadline_days"], 0);
    let found = slipping_rule(&env, "2026-04-05T12:00:00Z");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["evidence"][0]["link"]["kind"], "project");
    assert!(
        found[0]["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("due on 2026-03-31, 5 days ago"),
        "{}",
        found[0]["evidence"][0]
    );

    // Done on 20 April, 20 days late: nothing is late, but 20 days carried land the launch on
    // 5 July, 5 days after the deadline.
    let at = env.at("2026-04-20T12:00:00Z");
    at.run(&["projects", "milestone", "done", &m[0], "--on", "2026-04-20"])
        .success()
        .shows("5 days after the deadline of 2026-06-30");
    let p = show(&env, "2026-04-20T12:00:00Z", &id);
    assert_eq!(p["slip"]["late_milestones"], 0);
    assert_eq!(p["slip"]["carried_delay_days"], 20);
    assert_eq!(p["slip"]["forecast_end"], "2026-07-05");
    assert_eq!(p["slip"]["past_deadline_days"], 5);
    assert_eq!(p["slip"]["slipping"], true);
    let found = slipping_rule(&env, "2026-04-20T12:00:00Z");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["severity"], "warn");

    // Staging done 2 days early: a mean of (20 − 2) / 2 = 9 days, launch 24 June. Cleared.
    let at = env.at("2026-04-28T12:00:00Z");
    at.run(&["projects", "milestone", "done", &m[1]]).success();
    let p = show(&env, "2026-04-28T12:00:00Z", &id);
    assert_eq!(p["slip"]["milestones"][1]["done_on"], "2026-04-28");
    assert_eq!(p["slip"]["average_delay_days"], 9.0);
    assert_eq!(p["slip"]["forecast_end"], "2026-06-24");
    assert_eq!(p["slip"]["slipping"], false);
    assert!(slipping_rule(&env, "2026-04-28T12:00:00Z").is_empty());
    let text = env
        .at("2026-04-28T12:00:00Z")
        .stdout(&["projects", "show", &id]);
    assert!(text.contains("done 2026-04-20, 20 days late"), "{text}");
    assert!(text.contains("within the deadline of 2026-06-30"), "{text}");
}

#[test]
fn streams_of_work_count_active_projects_and_running_delegations() {
    let env = env();
    let (id, _) = refunds(&env);
    let at = env.at(START);
    let d = at.json(&[
        "delegate",
        "add",
        "Run the sprint demo",
        "--to",
        "Mei",
        "--specific",
        "Demo the sprint to support",
        "--measurable",
        "Support signs off",
        "--achievable",
        "Two hours a sprint",
        "--relevant",
        "Mei grows her scope",
        "--deadline",
        "2026-04-30",
        "--trackable",
        "Our 1:1",
    ]);
    let did = d["id"].to_string();
    // A draft is not yet a stream of work.
    let w = at.json(&["projects", "wip"]);
    assert_eq!(w["limit"], 2);
    let counts: Vec<(String, u64)> = items(&w["people"])
        .map(|l| {
            (
                l["name"].as_str().unwrap().to_string(),
                l["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("Priya Nair".to_string(), 1), ("Mei Chen".to_string(), 1)]
    );
    at.run(&["delegate", "hand-over", &did]).success();
    let w = at.json(&["projects", "wip"]);
    let mei = &w["people"][0];
    assert_eq!(mei["name"], "Mei Chen");
    assert_eq!(mei["count"], 2);
    assert_eq!(mei["at_limit"], true);
    assert_eq!(mei["over"], false);
    assert_eq!(texts(&mei["streams"], "role"), ["member", "delegate"]);
    assert!(at.stdout(&["projects", "wip"]).contains("at the limit"));
    // A paused project frees its people.
    at.run(&["projects", "status", &id, "paused"]).success();
    let w = at.json(&["projects", "wip"]);
    assert_eq!(w["people"].as_array().unwrap().len(), 1);
    assert_eq!(w["people"][0]["count"], 1);
}

#[test]
fn edits_and_status_changes_are_kept() {
    let env = env();
    let (id, _) = refunds(&env);
    let at = env.at("2026-05-02T10:00:00Z");
    let p = at.json(&[
        "projects",
        "edit",
        &id,
        "--owner",
        "Mei",
        "--no-members",
        "--no-deadline",
    ]);
    assert_eq!(p["owner_name"], "Mei Chen");
    assert_eq!(p["members"].as_array().unwrap().len(), 0);
    assert_eq!(p["deadline"], Value::Null);
    assert_eq!(p["deadline_reason"], Value::Null);
    let p = at.json(&["projects", "status", &id, "done"]);
    assert_eq!(p["status"], "done");
    assert_eq!(p["done_on"], "2026-05-02");
    // Done, it no longer slips though its milestones were never ticked.
    assert_eq!(p["slip"]["slipping"], false);
    assert!(slipping_rule(&env, "2026-05-02T10:00:00Z").is_empty());
}

#[test]
fn bad_input_is_refused_naming_what_to_fix() {
    let env = env();
    let (id, m) = refunds(&env);
    let at = env.at(START);
    let refusals: [(&[&str], &str); 8] = [
        (
            &[
                "projects",
                "add",
                "X",
                "--owner",
                "Priya",
                "--purpose",
                "Why",
                "--deadline",
                "2026-06-01",
                "--reason",
                "  ",
            ],
            "a deadline needs its reason",
        ),
        (
            &["projects", "add", "X", "--owner", "Priya", "--purpose", " "],
            "needs a purpose",
        ),
        (
            &[
                "projects",
                "add",
                "X",
                "--owner",
                "Nobody",
                "--purpose",
                "Why",
            ],
            "Nobody",
        ),
        (
            &[
                "projects",
                "add",
                "X",
                "--owner",
                "Priya",
                "--purpose",
                "Why",
                "--deadline",
                "2026-06-01",
            ],
            "--reason",
        ),
        (
            &["projects", "milestone", "done", &m[0], "--on", "2026-03-11"],
            "after today",
        ),
        (
            &[
                "projects",
                "milestone",
                "add",
                &id,
                " ",
                "--due",
                "2026-05-01",
            ],
            "needs a title",
        ),
        (&["projects", "show", "999"], "999"),
        (
            &[
                "projects",
                "milestone",
                "add",
                "999",
                "T",
                "--due",
                "2026-05-01",
            ],
            "999",
        ),
    ];
    for (args, says) in refusals {
        at.run(args).failure().says(says);
    }
    // Nothing half-written: still one project with three milestones.
    let all = at.json(&["projects", "list"]);
    assert_eq!(all["projects"].as_array().unwrap().len(), 1);
    assert_eq!(
        all["projects"][0]["slip"]["milestones"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
