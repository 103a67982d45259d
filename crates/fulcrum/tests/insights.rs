//! `fulcrum insights` and `fulcrum digest` through the binary: four leads, each a store with
//! four complete weeks of calendar and git history, raise exactly the insights their weeks
//! show; the demo's insights can be dismissed, undone and acted on; an empty store says
//! nothing.

mod common;
use common::git::{commit, git};
use common::*;
use jiff::civil::{Date, date};
use serde_json::Value;
use std::path::PathBuf;

/// Thursday of 2026-W21: four complete weeks behind, and no ritual in its grace days.
const NOW: &str = "2026-05-21T12:00:00Z";
/// The Monday of the first of the four complete weeks (2026-W17 … W20).
const FIRST_MONDAY: Date = date(2026, 4, 20);
const WEEKS: i64 = 4;

/// One calendar event on a day, at Berlin times, with the people besides the user.
struct Event {
    uid: String,
    title: String,
    day: Date,
    from: &'static str,
    to: &'static str,
    with: Vec<String>,
    /// More properties: a recurrence rule, a recurrence id, a status.
    extra: Vec<String>,
}

/// A day's events, as (from, to, title, how many others).
type Slot = (&'static str, &'static str, &'static str, usize);

/// `20260420T093000`: a Berlin wall-clock time for iCalendar.
fn local(day: Date, hm: &str) -> String {
    format!("{}T{}00", day.strftime("%Y%m%d"), hm.replace(':', ""))
}

impl Event {
    fn lines(&self) -> Vec<String> {
        let mut out = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", self.uid),
            format!("SUMMARY:{}", self.title),
            format!("DTSTART;TZID=Europe/Berlin:{}", local(self.day, self.from)),
            format!("DTEND;TZID=Europe/Berlin:{}", local(self.day, self.to)),
        ];
        out.extend(self.extra.iter().cloned());
        if !self.with.is_empty() {
            out.push("ORGANIZER:mailto:me@example.com".into());
            for who in std::iter::once("me@example.com").chain(self.with.iter().map(|s| s.as_str()))
            {
                out.push(format!("ATTENDEE;PARTSTAT=ACCEPTED:mailto:{who}"));
            }
        }
        out.push("END:VEVENT".into());
        out
    }
}

fn calendar(events: &[Event]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Fulcrum tests//EN".into(),
    ];
    lines.extend(events.iter().flat_map(Event::lines));
    lines.extend(["END:VCALENDAR".to_string(), String::new()]);
    lines.join("\r\n")
}

/// Monday to Friday of the four complete weeks.
fn working_days() -> Vec<Date> {
    (0..WEEKS * 7)
        .map(|i| FIRST_MONDAY.checked_add(jiff::Span::new().days(i)).unwrap())
        .filter(|d| d.weekday().to_monday_zero_offset() < 5)
        .collect()
}

/// Every working day's events from `plan` (given the weekday, Monday 0).
fn events(plan: impl Fn(i8) -> Vec<Slot>) -> Vec<Event> {
    working_days()
        .into_iter()
        .flat_map(|day| {
            plan(day.weekday().to_monday_zero_offset()).into_iter().map(
                move |(from, to, title, others)| Event {
                    uid: format!("{}-{}", local(day, from), title.replace(' ', "-")),
                    title: title.into(),
                    day,
                    from,
                    to,
                    with: (1..=others)
                        .map(|n| format!("dev{n}@example.com"))
                        .collect(),
                    extra: Vec::new(),
                },
            )
        })
        .collect()
}

/// The user's commits at these Berlin times (summer time) on each of `days`.
fn commits(days: &[Date], times: &[&str]) -> Vec<String> {
    days.iter()
        .flat_map(|d| times.iter().map(move |t| format!("{d}T{t}:00+02:00")))
        .collect()
}

/// A weekly 1:1 with Kim on Mondays at 14:00, organised by the user, from the first week on;
/// the occurrences on `cancelled` are called off by the user.
fn kim_one_on_ones(cancelled: &[Date]) -> Vec<Event> {
    let kim = |day: Date, extra: Vec<String>| Event {
        uid: "kim-weekly".into(),
        title: "Kim / me 1:1".into(),
        day,
        from: "14:00",
        to: "14:30",
        with: vec!["kim@example.com".into()],
        extra,
    };
    let mut out = vec![kim(FIRST_MONDAY, vec!["RRULE:FREQ=WEEKLY;COUNT=10".into()])];
    out.extend(cancelled.iter().map(|d| {
        kim(
            *d,
            vec![
                format!("RECURRENCE-ID;TZID=Europe/Berlin:{}", local(*d, "14:00")),
                "STATUS:CANCELLED".into(),
            ],
        )
    }));
    out
}

/// A week with a two-hour coding block a day, a short stand-up, a few meetings, an hour of
/// learning and an hour and a half of thinking, inside working hours.
fn balanced(weekday: i8) -> Vec<Slot> {
    let mut day = vec![
        ("09:30", "09:45", "Daily standup", 4),
        ("10:00", "12:00", "Focus time", 0),
    ];
    day.extend(match weekday {
        0 => vec![("13:00", "14:00", "Sprint planning", 5)],
        1 => vec![
            ("13:00", "14:00", "Roadmap sync", 3),
            ("15:00", "16:00", "Office hours", 3),
        ],
        2 => vec![("13:00", "14:00", "Team retro", 4)],
        3 => vec![
            ("13:00", "14:00", "Stakeholder sync", 2),
            ("14:00", "15:00", "Rust course", 0),
        ],
        _ => vec![("13:30", "15:00", "Thinking time", 0)],
    });
    day
}

/// Commits inside each day's coding block.
fn balanced_commits() -> Vec<String> {
    commits(&working_days(), &["10:40", "11:50"])
}

/// A repository holding the user's commits at `times`.
fn repository(env: &Env, times: &[String]) -> PathBuf {
    let repo = env.folder("service");
    git(&repo, &["init", "-q", "-b", "main"], &[]);
    for t in times {
        commit(&repo, "me@example.com", t, t);
    }
    repo
}

/// A tech lead's store in Berlin with this calendar and these commits imported.
fn lead(events: &[Event], commit_times: &[String]) -> Env {
    let env = Env::new();
    let cli = env.at(NOW);
    cli.run(&[
        "init",
        "--email",
        "me@example.com",
        "--tz",
        "Europe/Berlin",
        "--role",
        "tech-lead",
    ])
    .success();
    if !events.is_empty() {
        let ics = env.path("work.ics");
        std::fs::write(&ics, calendar(events)).unwrap();
        cli.run(&["import", "calendar", ics.to_str().unwrap()])
            .success();
    }
    if !commit_times.is_empty() {
        let repo = repository(&env, commit_times);
        cli.run(&["import", "git", repo.to_str().unwrap()])
            .success();
    }
    env
}

/// A lead whose report Kim Park has the weekly 1:1 (the `cancelled` ones called off) on
/// top of balanced weeks, and who praised Kim a week ago.
fn lead_of_kim(cancelled: &[Date]) -> Env {
    let mut all = events(balanced);
    all.extend(kim_one_on_ones(cancelled));
    let env = lead(&all, &balanced_commits());
    let cli = env.at(NOW);
    cli.add_person("Kim Park", "kim@example.com", "report", &[])
        .success();
    cli.run(&[
        "feedback",
        "give",
        "Kim",
        "--positive",
        "--situation",
        "At the release review",
        "--behaviour",
        "you walked everyone through the rollback plan",
        "--impact",
        "we shipped without a worry",
        "--date",
        "2026-05-12",
        "--delivered",
        "2026-05-12",
    ])
    .success();
    env
}

/// The open insights as of [`NOW`].
fn insights(env: &Env) -> Value {
    env.at(NOW).json(&["insights"])["insights"].clone()
}

/// The rule ids raised, sorted.
fn raised(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = texts(list, "rule").into_iter().map(String::from).collect();
    ids.sort();
    ids
}

#[track_caller]
fn assert_raised(list: &Value, want: &[&str]) {
    let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(raised(list), want, "{list:#}");
}

/// The one insight of `rule`.
fn of_rule<'a>(list: &'a Value, rule: &str) -> &'a Value {
    let mut found = items(list).filter(|i| i["rule"] == rule);
    let one = found
        .next()
        .unwrap_or_else(|| panic!("no {rule} in {list:#}"));
    assert!(found.next().is_none(), "two {rule} in {list:#}");
    one
}

/// The evidence lines of an insight.
fn evidence(insight: &Value) -> Vec<&str> {
    texts(&insight["evidence"], "text")
}

/// Asserts where and how long an insight has held: since, weeks, through.
#[track_caller]
fn assert_span(insight: &Value, since: &str, weeks: u64, through: &str) {
    assert_eq!(
        (
            insight["since"].as_str().unwrap(),
            insight["weeks"].as_u64().unwrap(),
            insight["through"].as_str().unwrap()
        ),
        (since, weeks, through),
        "{insight:#}"
    );
}

/// Asserts the task an insight offers to add, and the command that adds it.
#[track_caller]
fn assert_offers_task(insight: &Value, title: &str) {
    let offer = &insight["action"]["offer"];
    assert_eq!(
        (offer["kind"].as_str(), offer["title"].as_str()),
        (Some("add-task"), Some(title)),
        "{insight:#}"
    );
    assert_eq!(
        insight["command"],
        format!("fulcrum insights act {}", insight["id"].as_str().unwrap())
    );
}

/// The weeks of the scenarios, as the evidence names them.
const WEEK_LABELS: [&str; 4] = ["2026-W17", "2026-W18", "2026-W19", "2026-W20"];

#[test]
fn a_lead_drowning_in_meetings_hears_about_meetings_focus_and_build() {
    // 6h45 of meetings with others every working day, three short gaps, a lone commit on
    // Wednesday evenings.
    let plan = |_| {
        vec![
            ("09:00", "10:00", "Sprint planning", 5),
            ("10:15", "12:00", "Roadmap review", 4),
            ("13:00", "14:30", "Stakeholder sync", 3),
            ("14:45", "16:15", "Team meeting", 6),
            ("16:30", "17:30", "Hiring debrief", 3),
        ]
    };
    let wednesdays: Vec<Date> = working_days()
        .into_iter()
        .filter(|d| d.weekday().to_monday_zero_offset() == 2)
        .collect();
    let env = lead(&events(plan), &commits(&wednesdays, &["17:45"]));
    let list = insights(&env);
    assert_raised(
        &list,
        &[
            "build-below-target",
            "meeting-overload",
            "no-focus-block",
            "no-grow-time",
            "no-think-time",
        ],
    );
    let overload = of_rule(&list, "meeting-overload");
    assert_span(overload, "2026-04-20", 4, "2026-05-11");
    assert_eq!(overload["severity"], "alert");
    assert_eq!(
        evidence(overload),
        WEEK_LABELS
            .map(|w| format!("{w}: 5 of 5 working days over 5h00 of meetings (33h45 in all)"))
    );
    assert_offers_task(overload, "Decline or delegate two of next week's meetings");
    let build = of_rule(&list, "build-below-target");
    assert_span(build, "2026-04-20", 4, "2026-05-11");
    assert!(
        evidence(build)[0].starts_with("2026-W17: build 1 % of the time, target at least 30 %"),
        "{build:#}"
    );
}

#[test]
fn a_lead_who_only_codes_hears_about_thinking_and_learning() {
    // Commits every ninety minutes, 9:30 to 17:00, every working day; no calendar at all.
    let times = ["09:30", "11:00", "12:30", "14:00", "15:30", "17:00"];
    let env = lead(&[], &commits(&working_days(), &times));
    let list = insights(&env);
    assert_raised(&list, &["no-grow-time", "no-think-time"]);
    let think = of_rule(&list, "no-think-time");
    assert_span(think, "2026-04-20", 4, "2026-05-11");
    assert_eq!(
        evidence(think),
        WEEK_LABELS.map(|w| format!("{w}: 0h00 of think time"))
    );
    let offer = &think["action"]["offer"];
    assert_eq!(
        (
            offer["kind"].as_str(),
            offer["title"].as_str(),
            offer["minutes"].as_i64()
        ),
        (Some("add-habit"), Some("Thinking block"), Some(120)),
        "{think:#}"
    );
    assert!(
        think["action"]["text"]
            .as_str()
            .unwrap()
            .contains("thinking block")
    );
}

#[test]
fn a_lead_who_cancels_one_on_ones_hears_about_that_person() {
    let cancelled = [date(2026, 5, 11), date(2026, 5, 18)];
    let env = lead_of_kim(&cancelled);
    let list = insights(&env);
    // Held last on 4 May: with two weekly 1:1s called off, Kim is also past the 14-day cadence.
    assert_raised(&list, &["one-on-one-cancelled-twice", "one-on-one-overdue"]);
    let twice = of_rule(&list, "one-on-one-cancelled-twice");
    assert_eq!(
        twice["title"],
        "You called off 2 1:1s in a row with Kim Park"
    );
    assert_eq!(twice["module"], "people");
    assert_span(twice, "2026-05-11", 2, "2026-05-18");
    assert_eq!(
        evidence(twice),
        [
            "2026-05-11: “Kim / me 1:1” cancelled by you",
            "2026-05-18: “Kim / me 1:1” cancelled by you"
        ]
    );
    assert_eq!(twice["evidence"][0]["link"]["kind"], "event");
    assert_offers_task(twice, "Book a 1:1 with Kim Park");
    let overdue = of_rule(&list, "one-on-one-overdue");
    assert_eq!(
        evidence(overdue),
        ["last met on 2026-05-04; the cadence is every 14 days"]
    );
}

#[test]
fn a_healthy_lead_hears_nothing() {
    let env = lead_of_kim(&[]);
    let list = insights(&env);
    assert_eq!(list, serde_json::json!([]));
    // The weeks really are balanced: the report of one of them says so.
    let week = env.at(NOW).json(&["report", "--week", "2026-W19"]);
    for (category, min) in [("build", 30.0), ("think", 5.0), ("grow", 5.0)] {
        let share = items(&week["categories"])
            .find(|c| c["category"] == category)
            .unwrap()["share"]
            .as_f64()
            .unwrap();
        assert!(share * 100.0 >= min, "{category} {share} in {week:#}");
    }
    assert_eq!(week["totals"]["after_hours_minutes"], 0);
    assert_eq!(week["totals"]["one_on_ones"], 1);
}

#[test]
fn an_empty_store_says_nothing() {
    let env = lead(&[], &[]);
    // A Wednesday in the grace days of last week's journal and last month's check-in.
    let out = env.at("2026-12-02T12:00:00Z").json(&["insights"]);
    assert_eq!(
        out,
        serde_json::json!({"as_of": "2026-12-02", "insights": []})
    );
}

const DEMO_NOW: &str = "2026-03-04T16:30:00Z";

/// The demo store, built as of [`DEMO_NOW`].
fn demo() -> Env {
    let env = Env::new();
    env.at(DEMO_NOW)
        .run(&["demo", "--today", "2026-03-04", "--format", "json"])
        .success();
    env
}

/// The insight ids of `list`, with their statuses.
fn statuses(list: &Value) -> Vec<(String, String)> {
    text_pairs(list, "id", "status")
}

#[test]
fn the_demo_raises_a_few_insights_that_can_be_dismissed_undone_and_acted_on() {
    let env = demo();
    let cli = env.at(DEMO_NOW);
    let list = cli.json(&["insights"])["insights"].clone();
    let rules = cli.json(&["insights", "rules"])["rules"]
        .as_array()
        .unwrap()
        .len();
    let mut used = raised(&list);
    used.dedup();
    assert!(list.as_array().unwrap().len() >= 4, "{list:#}");
    assert!(
        used.len() >= 3 && used.len() * 2 < rules,
        "{used:?} of {rules}"
    );
    for i in items(&list) {
        assert!(
            !evidence(i).is_empty() && evidence(i).iter().all(|e| !e.is_empty()),
            "{i:#}"
        );
        assert!(!i["action"]["text"].as_str().unwrap().is_empty(), "{i:#}");
        assert_eq!(i["status"], "open");
    }

    // Dismissed with a reason: hidden, shown with --all and the reason; undo brings it back.
    let id = list[0]["id"].as_str().unwrap();
    let reason = "We agreed a new date in person";
    cli.run(&["insights", "dismiss", id, "--reason", reason])
        .success();
    let after = cli.json(&["insights"])["insights"].clone();
    assert!(items(&after).all(|i| i["id"] != id), "{after:#}");
    assert_eq!(
        after.as_array().unwrap().len() + 1,
        list.as_array().unwrap().len()
    );
    let all = cli.json(&["insights", "--all"])["insights"].clone();
    let hidden = items(&all).find(|i| i["id"] == id).unwrap();
    assert_eq!(hidden["status"], "dismissed");
    assert_eq!(hidden["verdict"]["reason"], reason);
    cli.run(&["insights", "dismiss", id, "--reason", " "])
        .failure()
        .says("--reason");
    cli.run(&["insights", "undo", id]).success();
    assert_eq!(
        statuses(&cli.json(&["insights"])["insights"]),
        statuses(&list)
    );

    // Acting on an agenda item adds it to the next 1:1 once.
    let agenda_offer = items(&list)
        .find(|i| i["action"]["offer"]["kind"] == "agenda-item")
        .expect("an insight that offers an agenda item");
    let offer = &agenda_offer["action"]["offer"];
    let person = offer["person_id"].to_string();
    let text = offer["text"].as_str().unwrap();
    let on_agenda = || {
        let shown = cli.json(&["people", "show", &person]);
        items(&shown["agenda"]["mine"])
            .filter(|a| a["text"] == text)
            .count()
    };
    let before = on_agenda();
    let act = |id: &str| cli.json(&["insights", "act", id]);
    let id = agenda_offer["id"].as_str().unwrap();
    let first = act(id);
    assert_eq!(first["kind"], "agenda-item");
    assert!(first["id"].is_i64(), "{first}");
    let second = act(id);
    assert_eq!(second["id"], Value::Null, "{second}");
    assert!(
        second["did"].as_str().unwrap().contains("already"),
        "{second}"
    );
    assert_eq!(on_agenda(), before + 1);

    let digest = cli.json(&["digest"]);
    assert_eq!(digest["lines"].as_array().unwrap().len(), 5, "{digest:#}");
    assert!(
        digest["insights"].as_array().unwrap().len() <= 5,
        "{digest:#}"
    );
}
