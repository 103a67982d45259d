mod common;
use common::*;
use serde_json::Value;

const NOW: &str = "2026-03-20T12:00:00Z";

fn states(p: &Value) -> Vec<(String, String)> {
    p["one_on_ones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["start"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn people_and_their_one_on_ones_from_the_calendar() {
    let env = Env::new();
    env.init("Europe/Berlin");
    env.run(&[
        "import",
        "calendar",
        fixture("one_on_ones.ics").to_str().unwrap(),
    ])
    .success();
    let run = |args: &[&str]| env.run_at(NOW, None, args);

    let kim = run(&[
        "people",
        "add",
        "Kim Park",
        "--email",
        "KIM@example.com",
        "--relation",
        "report",
        "--team",
        "Payments",
        "--format",
        "json",
    ])
    .success()
    .json();
    assert_eq!(kim["emails"][0], "kim@example.com");
    assert_eq!(kim["cadence_days"], 14);
    assert_eq!(kim["duration_minutes"], 30);
    let lee = run(&[
        "people",
        "add",
        "Lee",
        "--email",
        "lee@example.com",
        "--relation",
        "stakeholder",
        "--cadence",
        "7",
        "--minutes",
        "20",
        "--format",
        "json",
    ])
    .success()
    .json();
    // A report who joined less than 90 days ago is met weekly.
    let ana = run(&[
        "people",
        "add",
        "Ana Lima",
        "--email",
        "ana@example.com",
        "--relation",
        "report",
        "--start",
        "2026-02-01",
        "--format",
        "json",
    ])
    .success()
    .json();
    assert_eq!(ana["cadence_days"], 7);
    let out = run(&[
        "people",
        "add",
        "Kim Again",
        "--email",
        "kim@example.com",
        "--relation",
        "peer",
    ])
    .failure();
    assert!(out.stderr.contains("Kim Park"), "{}", out.stderr);

    let all = run(&["one-on-ones", "--format", "json"]).success().json();
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

    let one = run(&["one-on-ones", &lee["id"].to_string(), "--format", "json"])
        .success()
        .json();
    assert_eq!(one["person"]["name"], "Lee");
    let table = run(&["one-on-ones", &kim["id"].to_string()]).success();
    assert!(table.stdout.contains("cancelled") && table.stdout.contains("by kim@example.com"));
    let table = run(&["one-on-ones"]).success();
    assert!(table.stdout.contains("overdue by 9 d"), "{}", table.stdout);

    let list = run(&["people", "list"]).success();
    assert!(list.stdout.contains("20 minutes"), "{}", list.stdout);

    run(&["people", "archive", &ana["id"].to_string()]).success();
    let listed = run(&["people", "list", "--format", "json"])
        .success()
        .json();
    let names: Vec<&str> = listed["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Kim Park", "Lee"]);
    let every = run(&["people", "list", "--all", "--format", "json"])
        .success()
        .json();
    assert_eq!(every["people"].as_array().unwrap().len(), 3);
    assert_eq!(every["people"][2]["archived"], true);
    let all = run(&["one-on-ones", "--format", "json"]).success().json();
    assert_eq!(all.as_array().unwrap().len(), 2);

    run(&[
        "people",
        "edit",
        &lee["id"].to_string(),
        "--minutes",
        "30",
        "--team",
        "Sales",
    ])
    .success();
    let listed = run(&["people", "list", "--format", "json"])
        .success()
        .json();
    assert_eq!(listed["people"][1]["team"], "Sales");
    assert!(listed["warnings"].as_array().unwrap().is_empty());
    run(&["people", "archive", "999"]).failure();
}
