//! Growth and career through the binary: a plan with its steps, support network and wins; the
//! limit of two leadership goals; skills seen by self and others; the calendar audit on a
//! known calendar; the compass; the brag document. The Markdown a person reads is checked
//! against golden files (`tests/golden/`; `FULCRUM_UPDATE_GOLDEN=1` rewrites them).

mod common;
use common::*;
use serde_json::Value;
use std::path::PathBuf;

/// Thursday of 2026-W21.
const NOW: &str = "2026-05-21T12:00:00Z";

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("FULCRUM_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (FULCRUM_UPDATE_GOLDEN=1 writes it)",
            path.display()
        )
    });
    assert_eq!(actual, expected, "{} differs", path.display());
}

fn lead() -> Env {
    Env::with_people(
        "Europe/Berlin",
        NOW,
        &[
            ("Ana Ortiz", "ana@example.com", "mentor"),
            ("Sam Okafor", "sam@example.com", "manager"),
            PRIYA,
        ],
    )
}

fn id(v: &Value) -> String {
    v["id"].as_i64().expect("an id").to_string()
}

#[test]
fn a_plan_carries_steps_support_and_wins_and_reads_as_markdown() {
    let env = lead();
    let cli = env.at(NOW);
    let plan = cli.json(&[
        "growth",
        "plan",
        "add",
        "Become the tech lead of my current team",
        "--why",
        "I already do half the job and want to own it",
        "--success",
        "I run planning and the team's rituals",
        "--kind",
        "career",
    ]);
    let p = id(&plan);
    assert_eq!(plan["status"], "active");
    // With one active plan, steps need no --plan.
    let rfc = cli.json(&[
        "growth",
        "step",
        "add",
        "Write the migration RFC",
        "--start",
        "2026-04-01",
        "--target",
        "2026-05-01",
    ]);
    let shadow = cli.json(&[
        "growth",
        "step",
        "add",
        "Shadow Sam in quarterly planning",
        "--start",
        "2026-05-04",
        "--target",
        "2026-07-15",
        "--depends-on",
        "Sam",
    ]);
    assert_eq!(shadow["depends_on"], serde_json::json!([2]));
    // A step that ends before it starts, and one naming nobody.
    cli.run(&[
        "growth",
        "step",
        "add",
        "Backwards",
        "--start",
        "2026-06-01",
        "--target",
        "2026-05-01",
    ])
    .failure()
    .says("before it starts");
    cli.run(&["growth", "step", "add", "Alone", "--depends-on", "Nobody"])
        .failure()
        .says("Nobody");

    let steps = cli.json(&["growth", "step", "list"])["steps"].clone();
    assert_eq!(steps.as_array().unwrap().len(), 2);
    assert_eq!(
        steps[0]["overdue"], true,
        "the RFC was due on May 1: {steps:#}"
    );
    assert_eq!(
        steps[1]["depends_on_names"],
        serde_json::json!(["Sam Okafor"])
    );

    cli.run(&["growth", "step", "done", &id(&rfc)]).success();
    cli.run(&["growth", "step", "done", &id(&rfc)])
        .failure()
        .says("was done on 2026-05-21");

    // The support network says what it lacks until a mentor for each side is there.
    let gaps = |cli: &At| -> Vec<String> {
        cli.json(&["growth", "support", "list"])["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["gap"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(gaps(&cli).contains(&"no-manager".to_string()));
    cli.run(&[
        "growth", "support", "add", "Sam", "--role", "manager", "--every", "14",
    ])
    .success();
    cli.run(&[
        "growth",
        "support",
        "add",
        "Ana",
        "--role",
        "mentor",
        "--side",
        "technical",
        "--every",
        "28",
    ])
    .success();
    let now_missing = gaps(&cli);
    assert!(
        !now_missing.contains(&"no-manager".to_string()),
        "{now_missing:?}"
    );
    assert!(!now_missing.contains(&"no-technical-mentor".to_string()));
    assert!(
        now_missing.contains(&"no-managerial-mentor".to_string()),
        "{now_missing:?}"
    );
    cli.run(&["growth", "support", "add", "Nobody", "--role", "peer"])
        .failure()
        .says("Nobody");

    cli.run(&[
        "growth",
        "opportunity",
        "add",
        "Lead the next retrospective",
        "--kind",
        "in-role",
    ])
    .success();
    // A win on its own is offered for linking to the plan whose words it shares.
    let win = cli.json(&[
        "growth",
        "win",
        "add",
        "Ran the retrospective and the team kept the format",
        "--on",
        "2026-05-19",
    ]);
    let wins = cli.json(&["growth", "win", "list"]);
    let unlinked = &wins["unlinked"][0];
    assert_eq!(unlinked["win"]["id"], win["id"]);
    cli.run(&["growth", "win", "link", &id(&win), "--plan", &p])
        .success();
    assert!(
        cli.json(&["growth", "win", "list"])["unlinked"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    cli.run(&[
        "growth",
        "win",
        "add",
        "Tomorrow's win",
        "--on",
        "2026-05-22",
    ])
    .failure()
    .says("after today");
    cli.run(&[
        "growth",
        "log",
        "Talked to Sam about owning planning",
        "--on",
        "2026-05-12",
    ])
    .success();

    let shown = cli.json(&["growth", "plan", "show", &p]);
    assert_eq!(shown["steps"].as_array().unwrap().len(), 2);
    assert!(
        shown["timeline"].as_array().unwrap().len() >= 2,
        "Q2 and Q3: {shown:#}"
    );
    golden(
        "growth_plan.md",
        &cli.stdout(&["growth", "plan", "show", &p, "--format", "markdown"]),
    );
}

#[test]
fn a_third_leadership_goal_in_a_quarter_is_refused_and_nothing_is_kept() {
    let env = lead();
    let cli = env.at(NOW);
    for goal in ["Give feedback weekly", "Delegate a feature lead"] {
        cli.run(&["growth", "plan", "add", goal, "--kind", "leadership"])
            .success();
    }
    let before = cli.json(&["growth", "plan", "list"]);
    cli.run(&[
        "growth",
        "plan",
        "add",
        "Run better retros",
        "--kind",
        "leadership",
    ])
    .failure()
    .says("Give feedback weekly");
    assert_eq!(cli.json(&["growth", "plan", "list"]), before);
    // A technical goal is no leadership goal; archiving one makes room.
    cli.run(&[
        "growth",
        "plan",
        "add",
        "Learn Rust async",
        "--kind",
        "technical",
    ])
    .success();
    let first = id(&before["plans"][0]);
    cli.run(&["growth", "plan", "archive", &first]).success();
    cli.run(&[
        "growth",
        "plan",
        "add",
        "Run better retros",
        "--kind",
        "leadership",
    ])
    .success();
    assert_eq!(
        cli.json(&["growth", "plan", "list"])["plans"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        cli.json(&["growth", "plan", "list", "--all"])["plans"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    cli.run(&["growth", "plan", "add", " "])
        .failure()
        .says("goal");
}

#[test]
fn skills_show_self_others_and_the_gap_with_its_history() {
    let env = lead();
    let cli = env.at(NOW);
    for (score, by, on) in [
        ("5", "self", "2026-01-15"),
        ("6", "self", "2026-04-15"),
        ("8", "Ana", "2026-04-20"),
        ("7", "Sam", "2026-04-21"),
    ] {
        cli.run(&[
            "skills",
            "rate",
            "delegating",
            score,
            "--by",
            by,
            "--on",
            on,
        ])
        .success();
    }
    cli.run(&["skills", "rate", "delegating", "11"])
        .failure()
        .says("1 to 10");
    cli.run(&["skills", "rate", "delegating", "7", "--by", "Nobody"])
        .failure()
        .says("Nobody");
    let skills = cli.json(&["skills"])["skills"].clone();
    let delegating = skills
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == "delegating")
        .unwrap()
        .clone();
    assert_eq!(delegating["area"], "leadership");
    assert_eq!(delegating["self"], 6);
    assert_eq!(delegating["others"], 7.5);
    assert_eq!(delegating["gap"], 1.5);
    let history: Vec<(String, Value)> = delegating["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["on"].as_str().unwrap().to_string(), h["gap"].clone()))
        .collect();
    assert_eq!(
        history,
        vec![
            ("2026-01-15".into(), Value::Null),
            ("2026-04-15".into(), Value::Null),
            ("2026-04-20".into(), serde_json::json!(2.0)),
            ("2026-04-21".into(), serde_json::json!(1.5)),
        ]
    );
    // Every skill of the three areas is listed, rated or not.
    assert_eq!(skills.as_array().unwrap().len(), 16);
    for key in ["skill", "area", "self", "others", "gap", "history"] {
        assert!(
            skills[0].get(key).is_some(),
            "{key} missing: {:#}",
            skills[0]
        );
    }
}

/// Four complete weeks (2026-W17 … W20) of time logged by hand: build 600 minutes, lead 300,
/// align 100 each week.
fn known_weeks(cli: &At) {
    for monday in ["2026-04-20", "2026-04-27", "2026-05-04", "2026-05-11"] {
        let day = |n: i64| {
            let d: jiff::civil::Date = monday.parse().unwrap();
            d.checked_add(jiff::Span::new().days(n))
                .unwrap()
                .to_string()
        };
        for (n, length, category) in [
            (0, "5h", "build"),
            (1, "5h", "build"),
            (2, "5h", "lead"),
            (3, "100m", "align"),
        ] {
            let at = format!("{} 10:00", day(n));
            cli.run(&["log", length, category, "work", "--at", &at])
                .success();
        }
    }
}

#[test]
fn the_audit_measures_the_distance_to_a_role_on_a_known_calendar() {
    let env = lead();
    let cli = env.at(NOW);
    known_weeks(&cli);
    // By hand: shares build 0.6, lead 0.3, align 0.1, the rest 0. The tech-lead split is
    // build 0.35, lead 0.20, align 0.15, operate 0.10, think 0.10, grow 0.10, so the
    // differences are +0.25, +0.10, −0.05, −0.10, −0.10, −0.10: their absolute sum is 0.70 and
    // the distance, half of it, 0.35. The staff split (0.40, 0.10, 0.15, 0.10, 0.15, 0.10)
    // gives +0.20, +0.20, −0.05, −0.10, −0.15, −0.10: distance 0.40.
    let audit = cli.json(&["career", "audit", "--role", "tech-lead", "--weeks", "4"]);
    assert_eq!(audit["role"], "tech-lead");
    assert_eq!(audit["weeks"], 4);
    assert_eq!(audit["distance"], 0.35);
    let lines: Vec<(String, f64, f64, f64)> = audit["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap().to_string(),
                c["actual_share"].as_f64().unwrap(),
                c["role_share"].as_f64().unwrap(),
                c["difference"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines[0], ("build".into(), 0.6, 0.35, 0.25));
    assert_eq!(lines[1], ("lead".into(), 0.3, 0.2, 0.1));
    assert_eq!(lines[2], ("align".into(), 0.1, 0.15, -0.05));
    assert_eq!(lines.len(), 6);
    let staff = cli.json(&[
        "career",
        "audit",
        "--role",
        "staff-engineer",
        "--weeks",
        "4",
    ]);
    assert_eq!(staff["role"], "staff");
    assert_eq!(staff["distance"], 0.4);
    // Every week the same: the trend holds steady.
    assert_eq!(staff["direction"], "steady");
    cli.run(&["career", "audit", "--role", "astronaut"])
        .failure()
        .says("astronaut");
    cli.run(&["career", "audit", "--role", "staff", "--weeks", "0"])
        .failure()
        .says("weeks");
}

#[test]
fn the_compass_keeps_answers_over_time_and_reads_as_markdown() {
    let env = lead();
    known_weeks(&env.at(NOW));
    let early = env.at("2026-02-02T12:00:00Z");
    early
        .run(&[
            "career",
            "compass",
            "answer",
            "energy",
            "1",
            "--note",
            "I like the 1:1s",
        ])
        .success();
    let cli = env.at(NOW);
    cli.run(&[
        "career",
        "compass",
        "answer",
        "energy",
        "-1",
        "--note",
        "The design work is what I miss",
    ])
    .success();
    cli.run(&["career", "compass", "answer", "lifestyle", "-2"])
        .success();
    cli.run(&["career", "compass", "answer", "values", "3"])
        .failure()
        .says("-2");
    cli.run(&["career", "compass", "signs", "deep-problems", "mastery"])
        .success();
    cli.run(&["career", "compass", "signs", "flying"])
        .failure()
        .says("flying");
    let compass = cli.json(&["career", "compass"]);
    let energy = &compass["questions"][0];
    assert_eq!(energy["dimension"], "energy");
    assert_eq!(energy["answers"].as_array().unwrap().len(), 2);
    assert_eq!(energy["answers"][1]["lean"], -1);
    assert_eq!(compass["overall"], "technical");
    let checked: Vec<&str> = compass["signs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["checked"] == true)
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(checked, ["deep-problems", "mastery"]);
    let paths = cli.json(&["career", "paths"]);
    assert_eq!(paths["fit"][0]["path"], "staff", "{paths:#}");
    golden(
        "compass.md",
        &cli.stdout(&["career", "compass", "--format", "markdown"]),
    );
}

#[test]
fn the_brag_document_gathers_the_period_by_goal() {
    let env = lead();
    let cli = env.at(NOW);
    let plan = cli.json(&[
        "growth",
        "plan",
        "add",
        "Become a staff engineer",
        "--role",
        "staff",
    ]);
    let p = id(&plan);
    let step = cli.json(&[
        "growth",
        "step",
        "add",
        "Write the ledger design doc",
        "--target",
        "2026-05-30",
    ]);
    cli.run(&["growth", "step", "done", &id(&step)]).success();
    cli.run(&[
        "growth",
        "win",
        "add",
        "Design doc approved by two teams",
        "--on",
        "2026-05-06",
        "--plan",
        &p,
    ])
    .success();
    cli.run(&[
        "growth",
        "win",
        "add",
        "Priya ran her first incident review",
        "--on",
        "2026-04-28",
    ])
    .success();
    cli.run(&[
        "growth",
        "win",
        "add",
        "Too early to count",
        "--on",
        "2026-01-10",
    ])
    .success();
    cli.run(&[
        "feedback",
        "receive",
        "--from",
        "Sam",
        "--positive",
        "--situation",
        "In the architecture review",
        "--behaviour",
        "you laid out the trade-offs plainly",
        "--impact",
        "the directors decided in one meeting",
        "--date",
        "2026-05-13",
    ])
    .success();
    let brag = cli.json(&["brag", "--from", "2026-04-01", "--to", "2026-05-21"]);
    assert_eq!(brag["goals"][0]["goal"], "Become a staff engineer");
    assert_eq!(brag["goals"][0]["wins"].as_array().unwrap().len(), 1);
    assert_eq!(brag["goals"][0]["milestones"].as_array().unwrap().len(), 1);
    assert_eq!(
        brag["other_wins"].as_array().unwrap().len(),
        1,
        "the January win is outside"
    );
    assert_eq!(brag["feedback"][0]["from"], "Sam Okafor");
    golden(
        "brag.md",
        &cli.stdout(&["brag", "--from", "2026-04-01", "--to", "2026-05-21"]),
    );
    // For a report: what was handed to them and the praise they were given.
    let priya = cli.json(&["brag", "--person", "Priya", "--from", "2026-04-01"]);
    assert_eq!(priya["about"], "Priya Nair");
    cli.run(&["brag", "--from", "2026-05-21", "--to", "2026-05-01"])
        .failure()
        .says("before it starts");
}

#[test]
fn a_transition_plan_turns_skill_gaps_into_steps() {
    let env = lead();
    let cli = env.at(NOW);
    cli.run(&["skills", "rate", "planning and design", "8"])
        .success();
    cli.run(&["skills", "rate", "strategy", "4"]).success();
    let plan = cli.json(&["career", "transition", "staff"]);
    assert_eq!(plan["target_role"], "staff");
    let steps = cli.json(&["growth", "step", "list", "--plan", &id(&plan)])["steps"].clone();
    let titles: Vec<&str> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("strategy") && t.contains("rated 4")),
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.contains("planning and design")),
        "a skill already had: {titles:?}"
    );
    assert!(titles.iter().any(|t| t.contains("manager")), "{titles:?}");
    cli.run(&[
        "career",
        "talk",
        "Ana",
        "--learned",
        "Write decisions down so others can act without you",
    ])
    .success();
    let talks = cli.json(&["career", "talk"])["conversations"].clone();
    assert_eq!(talks[0]["with"], "Ana Ortiz");
    assert_eq!(talks[0]["person"], 1);
}

#[test]
fn the_demo_carries_a_year_of_growth_and_a_believable_audit() {
    let env = Env::new();
    let cli = env.at("2026-03-04T16:30:00Z");
    cli.run(&["demo", "--today", "2026-03-04", "--format", "json"])
        .success();
    let plans = cli.json(&["growth", "plan", "list"])["plans"].clone();
    assert!(
        plans
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["target_role"] == "staff"),
        "{plans:#}"
    );
    let support = cli.json(&["growth", "support", "list"]);
    assert!(
        support["support"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["role"] == "mentor")
    );
    let skills = cli.json(&["skills"])["skills"].clone();
    let rated_by_others = skills
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["others_count"].as_u64().unwrap() >= 3)
        .count();
    assert!(rated_by_others >= 4, "{skills:#}");
    assert!(
        cli.json(&["growth", "win", "list"])["wins"]
            .as_array()
            .unwrap()
            .len()
            >= 10
    );
    // A tech lead who codes a lot: closest to tech lead and staff, far from a director.
    let distance = |role: &str| {
        cli.json(&["career", "audit", "--role", role, "--weeks", "12"])["distance"]
            .as_f64()
            .unwrap()
    };
    let (staff, director) = (distance("staff"), distance("director"));
    assert!(
        staff < 0.35 && director > staff + 0.15,
        "staff {staff}, director {director}"
    );
    let paths = cli.json(&["career", "paths"]);
    assert_eq!(paths["fit"][0]["path"], "staff", "{paths:#}");
}
