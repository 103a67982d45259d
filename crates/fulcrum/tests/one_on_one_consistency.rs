//! A meeting `one-on-ones` calls a 1:1 is a 1:1 in the report too: the same count, the same
//! time, filed as lead (align with one's own manager), through the real CLI.

mod common;
use common::*;
use jiff::Timestamp;
use serde_json::Value;

/// Friday 13 March 2026, 18:00 in Berlin: the evening "Kim <> Me" is still to come.
const NOW: &str = "2026-03-13T17:00:00Z";

fn add(env: &Env, name: &str, email: &str, relation: &str) {
    env.at(NOW).add_person(name, email, relation, &[]).success();
}

fn ts(v: &Value) -> Timestamp {
    v.as_str().unwrap().parse().unwrap()
}

/// The 1:1s `one-on-ones` says took place in `[from, to)` by `NOW`: (person, minutes).
fn held(all: &Value, from: Timestamp, to: Timestamp) -> Vec<(String, i64)> {
    let now: Timestamp = NOW.parse().unwrap();
    let mut out = Vec::new();
    for p in all.as_array().unwrap() {
        for o in p["one_on_ones"].as_array().unwrap() {
            let (start, end) = (ts(&o["start"]), ts(&o["end"]));
            let took_place = matches!(o["state"].as_str(), Some("held" | "moved"));
            if took_place && start >= from && start < to && start <= now {
                out.push((
                    p["person"]["name"].as_str().unwrap().to_string(),
                    (end.as_second() - start.as_second()) / 60,
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_report_counts_the_one_on_ones_that_one_on_ones_lists() {
    let env = Env::in_zone("Europe/Berlin");
    add(&env, "Kim Park", "kim@example.com", "report");
    add(&env, "Lee Chen", "lee@example.com", "report");
    add(&env, "Priya Shah", "priya@example.com", "report");
    add(&env, "Sarah Stone", "sarah@example.com", "manager");
    env.import_fixture("team_one_on_ones.ics");

    let all = env.at(NOW).json(&["one-on-ones"]);
    // Monday 9 March to Monday 16 March, Berlin (UTC+1 then).
    let (from, to) = (
        "2026-03-08T23:00:00Z".parse().unwrap(),
        "2026-03-15T23:00:00Z".parse().unwrap(),
    );
    let held = held(&all, from, to);
    assert_eq!(
        held,
        [
            ("Kim Park".to_string(), 30),
            ("Lee Chen".to_string(), 30),
            ("Priya Shah".to_string(), 30),
            ("Sarah Stone".to_string(), 45),
        ],
        "Kim <> Me, Lee's moved 1:1, Priya's by title alone, Sarah's \"Weekly\"; not the \
         pairing, the group review, the cancelled, the declined, the one still to come or Mo's"
    );

    let r = env.at(NOW).json(&["report", "--week", "2026-W11"]);
    assert_eq!(
        r["totals"]["one_on_ones"].as_u64().unwrap() as usize,
        held.len(),
        "{}",
        r["totals"]
    );
    let day_count: u64 = items(&r["days"])
        .map(|d| d["one_on_ones"].as_u64().unwrap())
        .sum();
    assert_eq!(day_count as usize, held.len());
    // Their time is lead, and align for the manager's; nothing else is lead or align here.
    let minutes = |who: &[&str]| -> i64 {
        held.iter()
            .filter(|(n, _)| who.contains(&n.as_str()))
            .map(|(_, m)| m)
            .sum()
    };
    assert_eq!(
        category_minutes(&r, "lead"),
        minutes(&["Kim Park", "Lee Chen", "Priya Shah"])
    );
    assert_eq!(category_minutes(&r, "align"), minutes(&["Sarah Stone"]));
    assert_eq!(
        category_minutes(&r, "build"),
        150,
        "pairing and the design review"
    );
    assert_eq!(
        category_minutes(&r, "other"),
        30,
        "Mo is not in the records"
    );

    // rules explain reads the same records.
    let e = env
        .at(NOW)
        .json(&["rules", "explain", "Kim <> Me", "--with", "kim@example.com"]);
    assert_eq!(e["category"], "lead");
    assert_eq!(e["one_on_one_with"], "Kim Park");
    assert_eq!(e["rule"], "1:1 with someone you work with");
    let e = env.json(&["rules", "explain", "Weekly", "--with", "SARAH@example.com"]);
    assert_eq!(
        (e["category"].as_str(), e["rule"].as_str()),
        (Some("align"), Some("1:1 with your manager"))
    );
    let e = env.json(&["rules", "explain", "Kim <> Me"]);
    // Without the people only the title speaks: lead by "two names", but no 1:1 with anyone.
    assert_eq!(e["rule"], "two names");
    assert!(e.get("one_on_one_with").is_none(), "{e}");
}
