//! The report's numbers hold on a real week: days away, untracked time, a week in progress,
//! the week ahead, manual time, and the demo's report equal to `fulcrum report`.

mod common;

use common::{Env, category_minutes, items, texts};
use serde_json::Value;

/// Friday 4 Dec 2026, 18:00 in Berlin: the week of 30 Nov is over for working purposes.
const AFTER_THE_WEEK: &str = "2026-12-07T08:00:00Z";

fn setup() -> Env {
    Env::with_calendar("Europe/Berlin", "days_away.ics")
}

fn report_at(env: &Env, now: &str, week: &str) -> Value {
    env.at(now).json(&["report", "--week", week])
}

#[test]
fn all_day_absences_take_days_out_of_working_time_and_a_conference_day_is_grow() {
    let env = setup();
    let r = report_at(&env, AFTER_THE_WEEK, "2026-W49");
    let day = |i: usize| &r["days"][i];
    // Monday: a birthday note and a colleague's leave mark nothing.
    assert_eq!(day(0)["away"], Value::Null);
    assert_eq!(day(0)["working_day"], true);
    for i in [1, 2, 4] {
        assert!(day(i)["away"].is_string(), "day {i}: {}", day(i));
        assert_eq!(day(i)["working_day"], false);
        assert_eq!(day(i)["focus_minutes"], 0);
        assert_eq!(day(i)["working_minutes"], 0);
        assert_eq!(
            day(i)["after_hours_minutes"],
            0,
            "a standup on a day away is not after-hours"
        );
    }
    assert_eq!(day(1)["away"], "Vacation");
    assert_eq!(day(4)["away"], "Dentist", "Outlook's out-of-office status");
    assert_eq!(r["totals"]["days_away"], 3);
    assert_eq!(r["totals"]["working_days"], 2);
    // Thursday at the summit: nine working hours of grow, less the standup.
    assert_eq!(day(3)["away"], Value::Null);
    assert_eq!(category_minutes(&r, "grow"), 9 * 60 - 15);
    assert!(
        items(&r["attention"]).all(|a| a["kind"] != "after hours"),
        "{}",
        r["attention"]
    );
}

#[test]
fn untracked_working_time_is_shown_and_shares_can_be_of_working_time() {
    let env = setup();
    let r = report_at(&env, AFTER_THE_WEEK, "2026-W49");
    // Monday: 9 working hours, 15 minutes of standup.
    assert_eq!(r["days"][0]["working_minutes"], 540);
    assert_eq!(r["days"][0]["untracked_minutes"], 525);
    let t = &r["totals"];
    assert_eq!(t["untracked_minutes"], r["untracked"]["minutes"]);
    let sum: i64 = items(&r["days"])
        .map(|d| d["untracked_minutes"].as_i64().unwrap())
        .sum();
    assert_eq!(t["untracked_minutes"].as_i64().unwrap(), sum);
    assert_eq!(r["shares_of"], "tracked");
    let tracked_share = r["categories"][2]["share"].as_f64().unwrap();

    env.run(&["settings", "set", "shares-of", "working"])
        .success();
    let r = report_at(&env, AFTER_THE_WEEK, "2026-W49");
    assert_eq!(r["shares_of"], "working");
    let working_share = r["categories"][2]["share"].as_f64().unwrap();
    assert!(
        working_share <= tracked_share,
        "{working_share} vs {tracked_share}"
    );
    let table = env
        .at(AFTER_THE_WEEK)
        .stdout(&["report", "--week", "2026-W49"]);
    assert!(table.contains("Shares are of working time"), "{table}");
    assert!(table.contains("untracked"), "{table}");
}

#[test]
fn a_week_in_progress_says_so_and_is_not_judged_before_a_working_day() {
    let env = setup();
    // Monday 10:00 in Berlin: one hour of the week has passed.
    let r = report_at(&env, "2026-11-30T09:00:00Z", "2026-W49");
    assert_eq!(r["progress"]["state"], "in progress");
    assert_eq!(r["progress"]["label"], "Mon so far");
    assert_eq!(r["progress"]["judged"], false);
    assert!(
        r["attention"].as_array().unwrap().is_empty(),
        "{}",
        r["attention"]
    );
    for c in r["categories"].as_array().unwrap() {
        assert_eq!(c["status"], "too early", "{c}");
    }
    let table = env
        .at("2026-11-30T09:00:00Z")
        .stdout(&["report", "--week", "2026-W49"]);
    assert!(table.contains("Mon so far"), "{table}");
    assert!(!table.contains("below"), "{table}");
}

#[test]
fn the_week_ahead_lists_what_is_scheduled_as_scheduled() {
    let env = setup();
    let r = report_at(&env, AFTER_THE_WEEK, "2026-W50");
    assert_eq!(r["progress"]["state"], "in progress");
    let r = report_at(&env, "2026-12-04T12:00:00Z", "2026-W50");
    assert_eq!(r["progress"]["state"], "not started");
    assert_eq!(
        r["totals"]["minutes"], 0,
        "nothing scheduled is counted as spent"
    );
    let ahead = &r["ahead"];
    let titles = texts(&ahead["meetings"], "title");
    assert_eq!(titles, ["Architecture review", "Payments stakeholder sync"]);
    assert_eq!(ahead["meeting_minutes"], 150);
    assert_eq!(
        ahead["days"][0]["free_focus_minutes"], 540,
        "Monday is free"
    );
    assert_eq!(ahead["days"][1]["meeting_minutes"], 90);
    // Tuesday 9–14 and 15:30–18 are free; Wednesday 9–10 is too short, 11–18 is free.
    assert_eq!(ahead["days"][1]["free_focus_minutes"], 300 + 150);
    assert_eq!(ahead["days"][2]["free_focus_minutes"], 420);
    let table = env
        .at("2026-12-04T12:00:00Z")
        .stdout(&["report", "--week", "2026-W50"]);
    assert!(table.contains("Scheduled, not yet spent"), "{table}");
    assert!(table.contains("Architecture review"), "{table}");
    assert!(table.contains("has not started"), "{table}");
}

#[test]
fn each_total_of_the_day_table_is_the_sum_of_its_column() {
    let env = setup();
    let table = env
        .at(AFTER_THE_WEEK)
        .stdout(&["report", "--week", "2026-W49"]);
    let header = table
        .lines()
        .find(|l| l.starts_with("day "))
        .unwrap_or_else(|| panic!("{table}"));
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert!(
        columns.contains(&"focus") && columns.contains(&"longest"),
        "{header}"
    );
    let minutes = |s: &str| -> i64 {
        let (h, m) = s.split_once('h').unwrap();
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
    };
    let focus_col = |line: &str| -> Option<i64> {
        // day name and date, meetings, 1:1s, focus
        line.split_whitespace().nth(4).map(minutes)
    };
    let mut sum = 0;
    let mut total = None;
    for l in table.lines().skip_while(|l| !l.starts_with("day ")).skip(1) {
        if l.trim().is_empty() {
            break;
        }
        if l.contains("away:") {
            continue;
        }
        if let Some(rest) = l.strip_prefix("total") {
            total = rest.split_whitespace().nth(2).map(minutes);
            break;
        }
        sum += focus_col(l).unwrap();
    }
    assert_eq!(total, Some(sum), "{table}");
}

#[test]
fn manual_time_is_counted_once_and_a_meeting_keeps_its_minutes() {
    let env = setup();
    let now = "2026-11-30T16:00:00Z"; // Monday 17:00 in Berlin
    let before = report_at(&env, now, "2026-W49");
    let logged = env
        .at(now)
        .json(&["log", "1h", "think", "strategy doc", "--at", "09:00"]);
    assert_eq!(logged["entry"]["minutes"], 60);
    assert_eq!(logged["overlaps"][0][0], "Daily standup");
    let after = report_at(&env, now, "2026-W49");
    assert_eq!(
        category_minutes(&after, "think"),
        45,
        "the standup keeps its 15 minutes"
    );
    assert_eq!(
        after["totals"]["meeting_minutes"],
        before["totals"]["meeting_minutes"]
    );
    assert_eq!(
        after["totals"]["minutes"].as_i64().unwrap(),
        before["totals"]["minutes"].as_i64().unwrap() + 45
    );

    // A timer counts while it runs and is kept when it stops.
    env.at(now)
        .run(&["timer", "start", "build", "caching spike", "--at", "15:00"])
        .success();
    let second = env
        .at(now)
        .run(&["timer", "start", "build", "again"])
        .failure();
    second.says("already running");
    let running = report_at(&env, now, "2026-W49");
    assert_eq!(
        category_minutes(&running, "build"),
        category_minutes(&after, "build") + 120
    );
    let stopped = env.at(now).json(&["timer", "stop"]);
    assert_eq!(stopped["Logged"]["minutes"], 120);
    let list = env.at(now).json(&["log", "--list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    env.at(now).run(&["log", "--delete", &id]).success();
    assert_eq!(
        category_minutes(&report_at(&env, now, "2026-W49"), "think"),
        0
    );

    let future = env
        .at(now)
        .run(&["log", "2h", "build", "later", "--at", "16:30"])
        .failure();
    future.says("ends after now");
}

#[test]
fn the_demo_prints_the_report_that_fulcrum_report_gives_right_after() {
    let env = Env::new();
    let now = "2026-12-01T10:15:00Z";
    let demo = env.at(now).json(&["demo"]);
    let report = env.at(now).json(&["report"]);
    assert_eq!(demo["this_week"], report);
}
