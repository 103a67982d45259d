//! The weekly loop end to end on a real (in-memory) store: plan, accept, export, re-import.

use fulcrum_app::import;
use fulcrum_app::profile::{self, InitRequest};
use fulcrum_app::weekly::{self, NewTask, PLAN_UID_PREFIX};
use fulcrum_core::{Category, RolePreset};
use fulcrum_store::SqliteStore;
#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use jiff::Timestamp;
use jiff::civil::date;

const MEETINGS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n\
BEGIN:VEVENT\r\nUID:standup\r\nSUMMARY:Standup\r\nDTSTART;TZID=Europe/Berlin:20261123T093000\r\n\
DTEND;TZID=Europe/Berlin:20261123T100000\r\nRRULE:FREQ=DAILY;COUNT=5\r\n\
ATTENDEE:mailto:me@example.com\r\nATTENDEE:mailto:kim@example.com\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:offsite\r\nSUMMARY:Planning offsite\r\nDTSTART;TZID=Europe/Berlin:20261124T090000\r\n\
DTEND;TZID=Europe/Berlin:20261124T180000\r\nATTENDEE:mailto:me@example.com\r\nATTENDEE:mailto:kim@example.com\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

/// The week the tests plan (starting Monday 2026-11-23) in a fresh store, with the folder
/// that holds its calendar file.
async fn week_store() -> (tempfile::TempDir, Box<dyn Store>, jiff::civil::Date) {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_week(dir.path()).await;
    (dir, store, date(2026, 11, 23))
}

async fn store_with_week(dir: &std::path::Path) -> Box<dyn Store> {
    let store: Box<dyn Store> = Box::new(SqliteStore::in_memory().await.unwrap());
    profile::init(
        store.as_ref(),
        InitRequest {
            emails: vec!["me@example.com".into()],
            timezone: "Europe/Berlin".into(),
            role: RolePreset::TechLead,
            hours: vec![],
        },
    )
    .await
    .unwrap();
    let cal = dir.join("work.ics");
    std::fs::write(&cal, MEETINGS).unwrap();
    import::calendar(store.as_ref(), cal.to_str().unwrap(), now())
        .await
        .unwrap();
    for (title, urgent, important, minutes, category) in [
        ("Fix the flaky deploy", true, true, 90, Category::Operate),
        ("Caching RFC", false, true, 240, Category::Build),
        (
            "Quarterly strategy notes",
            false,
            true,
            120,
            Category::Think,
        ),
        ("Demo environment", true, false, 120, Category::Build),
    ] {
        weekly::add_task(
            store.as_ref(),
            NewTask {
                title: title.into(),
                urgent,
                important,
                estimate_minutes: Some(minutes),
                category: Some(category),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    store
}

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

/// The Monday after the week of 2026-11-23.
fn after_the_week() -> Timestamp {
    "2026-11-30T09:00:00Z".parse().unwrap()
}

#[tokio::test]
async fn plan_export_expand_and_reimport_round_trip() {
    let (dir, store, week) = week_store().await;
    let proposed = weekly::propose(store.as_ref(), week, now()).await.unwrap();
    assert!(proposed.fits);
    assert_eq!(
        proposed.planned_minutes,
        90 + 240 + 120,
        "the delegate task is not planned"
    );
    let (_, accepted) = weekly::accept(store.as_ref(), week, now()).await.unwrap();

    // The export holds exactly the accepted blocks, with stable UIDs.
    let ics = weekly::export_ics(store.as_ref(), week).await.unwrap();
    let again = weekly::export_ics(store.as_ref(), week).await.unwrap();
    let cal = import::parse(&ics, "plan.ics").unwrap();
    let from: Timestamp = "2026-11-20T00:00:00Z".parse().unwrap();
    let to: Timestamp = "2026-12-05T00:00:00Z".parse().unwrap();
    let occ = cal.expand(from, to, &jiff::tz::TimeZone::UTC);
    let mut got: Vec<(i64, i64)> = occ
        .iter()
        .map(|o| {
            (
                o.start_timestamp(&jiff::tz::TimeZone::UTC).as_second(),
                o.end_timestamp(&jiff::tz::TimeZone::UTC).as_second(),
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<(i64, i64)> = accepted
        .blocks
        .iter()
        .map(|b| (b.start_at, b.end_at))
        .collect();
    want.sort();
    assert_eq!(got, want);
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&ics), uids(&again));
    assert!(
        uids(&ics)
            .iter()
            .all(|u| u.starts_with(&format!("UID:{PLAN_UID_PREFIX}")))
    );

    // No block sits on a meeting: not on the standups, not on the offsite day.
    let events = store
        .events_between(from.as_second(), to.as_second())
        .await
        .unwrap();
    for b in &accepted.blocks {
        for e in &events {
            assert!(
                b.end_at <= e.start_at || b.start_at >= e.end_at,
                "{b:?} overlaps {}",
                e.title
            );
        }
    }

    // Importing the calendar that now holds the blocks changes neither the plan nor counts
    // the blocks as meetings; importing it twice keeps one copy.
    let exported = dir.path().join("plan.ics");
    std::fs::write(&exported, &ics).unwrap();
    import::calendar(store.as_ref(), exported.to_str().unwrap(), now())
        .await
        .unwrap();
    import::calendar(store.as_ref(), exported.to_str().unwrap(), now())
        .await
        .unwrap();
    let replanned = weekly::propose(store.as_ref(), week, now()).await.unwrap();
    assert_eq!(replanned.blocks, proposed.blocks);
    let stored = store
        .events_between(from.as_second(), to.as_second())
        .await
        .unwrap();
    assert_eq!(
        stored
            .iter()
            .filter(|e| e.uid.starts_with(PLAN_UID_PREFIX))
            .count(),
        accepted.blocks.len()
    );
}

/// How many tasks the list shows: open ones, or every one with `all`.
async fn task_count(store: &dyn Store, all: bool) -> usize {
    weekly::list(store, all).await.unwrap().tasks.len()
}

#[tokio::test]
async fn tasks_carry_their_quadrant_and_the_matrix_health() {
    let (_dir, store, _) = week_store().await;
    let list = weekly::list(store.as_ref(), false).await.unwrap();
    let quadrants: Vec<&str> = list.tasks.iter().map(|t| t.quadrant.as_str()).collect();
    assert_eq!(quadrants, ["do", "schedule", "schedule", "delegate"]);
    let json = serde_json::to_value(&list).unwrap();
    assert_eq!(json["tasks"][0]["title"], "Fix the flaky deploy");
    assert_eq!(json["tasks"][0]["quadrant"], "do");
    let first = list.tasks[0].task.id;
    weekly::edit_task(
        store.as_ref(),
        first,
        weekly::TaskEdit {
            status: Some(fulcrum_core::tasks::TaskStatus::Done),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(task_count(store.as_ref(), false).await, 3);
    assert_eq!(task_count(store.as_ref(), true).await, 4);
    assert!(
        weekly::add_task(
            store.as_ref(),
            NewTask {
                title: "  ".into(),
                ..Default::default()
            }
        )
        .await
        .is_err()
    );
    assert!(
        weekly::export_ics(store.as_ref(), date(2027, 1, 4))
            .await
            .unwrap_err()
            .to_string()
            .contains("plan accept")
    );
}

#[tokio::test]
async fn the_review_sees_what_derailed_the_plan() {
    let (dir, store, week) = week_store().await;
    let (_, accepted) = weekly::accept(store.as_ref(), week, now()).await.unwrap();
    // An incident lands on the first planned block after the plan was accepted.
    let first = &accepted.blocks[0];
    let ts = |s: i64| {
        Timestamp::from_second(s)
            .unwrap()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let incident = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:incident-1\r\nSUMMARY:Incident: payments down\r\nDTSTART:{}\r\nDTEND:{}\r\nATTENDEE:mailto:me@example.com\r\nATTENDEE:mailto:sre@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ts(first.start_at),
        ts(first.start_at + 3 * 3600)
    );
    let file = dir.path().join("incident.ics");
    std::fs::write(&file, incident).unwrap();
    import::calendar(store.as_ref(), file.to_str().unwrap(), now())
        .await
        .unwrap();
    let tasks = store.tasks().await.unwrap();
    weekly::edit_task(
        store.as_ref(),
        tasks[2].id,
        weekly::TaskEdit {
            status: Some(fulcrum_core::tasks::TaskStatus::Done),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    weekly::edit_task(
        store.as_ref(),
        tasks[1].id,
        weekly::TaskEdit {
            status: Some(fulcrum_core::tasks::TaskStatus::Dropped),
            note: Some("the team picked another cache".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let r = weekly::review_week(store.as_ref(), week, after_the_week())
        .await
        .unwrap();
    assert!(!r.review.in_progress);
    assert_eq!(r.review.derailers.len(), 1, "{:?}", r.review.derailers);
    assert_eq!(r.review.derailers[0].title, "Incident: payments down");
    assert!(r.review.derailed_minutes > 0);
    assert_eq!(r.review.done_minutes, 120);
    assert_eq!(r.review.planned_minutes, 450);
    let dropped = r
        .review
        .deprioritised
        .iter()
        .find(|d| d.state == "dropped")
        .unwrap();
    assert_eq!(
        dropped.reason.as_deref(),
        Some("the team picked another cache")
    );
    assert_eq!(r.trend.len(), 1);
    assert_eq!(r.adjustment, None);
    weekly::adjust(store.as_ref(), week, "Keep Thursday mornings for the RFC")
        .await
        .unwrap();
    let r = weekly::review_week(store.as_ref(), week, after_the_week())
        .await
        .unwrap();
    assert_eq!(
        r.adjustment.as_deref(),
        Some("Keep Thursday mornings for the RFC")
    );
    let json = serde_json::to_value(&r).unwrap();
    assert!(
        json["done_share"].is_number() && json["derailers"].is_array(),
        "{json}"
    );
}

#[tokio::test]
async fn the_accepted_plan_is_what_is_shown_and_exported_until_replanned() {
    let (_dir, store, week) = week_store().await;
    // Before accepting: a proposal.
    let before = weekly::week_plan(store.as_ref(), week, now(), false)
        .await
        .unwrap();
    assert_eq!(before.state, weekly::PlanState::Proposed);
    assert_eq!(before.accepted_at, None);
    let (shown, kept) = weekly::accept(store.as_ref(), week, now()).await.unwrap();
    assert!(shown.is_accepted());
    assert_eq!(shown.accepted_at, Some(now()));
    assert_eq!(shown.plan.blocks, before.plan.blocks);
    assert_eq!(shown.plan.free_minutes, before.plan.free_minutes);

    // A day later a new urgent task would change a fresh plan; the accepted one stays.
    weekly::add_task(
        store.as_ref(),
        NewTask {
            title: "Answer the auditors".into(),
            urgent: true,
            important: true,
            estimate_minutes: Some(120),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let later: Timestamp = "2026-11-24T07:00:00Z".parse().unwrap();
    let again = weekly::week_plan(store.as_ref(), week, later, false)
        .await
        .unwrap();
    assert!(again.is_accepted());
    assert_eq!(again.plan.blocks, shown.plan.blocks);
    assert_eq!(again.plan.planned_minutes, shown.plan.planned_minutes);
    assert_eq!(again.plan.free_minutes, shown.plan.free_minutes);
    // The .ics holds exactly the blocks shown.
    let ics = weekly::export_ics(store.as_ref(), week).await.unwrap();
    let cal = import::parse(&ics, "plan.ics").unwrap();
    let utc = jiff::tz::TimeZone::UTC;
    let mut exported: Vec<(Timestamp, Timestamp)> = cal
        .expand(week_bounds().0, week_bounds().1, &utc)
        .iter()
        .map(|o| (o.start_timestamp(&utc), o.end_timestamp(&utc)))
        .collect();
    exported.sort();
    let blocks: Vec<(Timestamp, Timestamp)> =
        again.plan.blocks.iter().map(|b| (b.start, b.end)).collect();
    assert_eq!(exported, blocks);
    assert_eq!(blocks.len(), kept.blocks.len());
    let json = serde_json::to_value(&again).unwrap();
    assert_eq!(json["state"], "accepted");
    assert_eq!(json["accepted_at"], "2026-11-22T12:00:00Z");
    assert!(json["blocks"].is_array() && json["fits"].is_boolean());

    // Re-planning proposes afresh (with the new task), keeping the accepted plan until accepted.
    let fresh = weekly::week_plan(store.as_ref(), week, later, true)
        .await
        .unwrap();
    assert_eq!(fresh.state, weekly::PlanState::Proposed);
    assert_eq!(fresh.accepted_at, Some(now()));
    assert!(
        fresh
            .plan
            .blocks
            .iter()
            .any(|b| b.title == "Answer the auditors")
    );
    assert_eq!(
        weekly::export_ics(store.as_ref(), week).await.unwrap(),
        ics,
        "a proposal changes nothing kept"
    );
    let (replaced, _) = weekly::accept(store.as_ref(), week, later).await.unwrap();
    assert_eq!(replaced.plan.blocks, fresh.plan.blocks);
}

#[tokio::test]
async fn what_did_not_fit_is_kept_with_the_accepted_plan() {
    let (_dir, store, week) = week_store().await;
    // Due on the Tuesday of the offsite, after a Monday the other work fills.
    weekly::add_task(
        store.as_ref(),
        NewTask {
            title: "Board memo".into(),
            important: true,
            only_me: true,
            estimate_minutes: Some(10 * 60),
            due: Some(date(2026, 11, 24)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (shown, _) = weekly::accept(store.as_ref(), week, now()).await.unwrap();
    let memo = shown
        .plan
        .unplaced
        .iter()
        .find(|u| u.title == "Board memo")
        .expect("the memo does not fit before Tuesday");
    assert_eq!(memo.due, Some(date(2026, 11, 24)));
    assert!(memo.reason.starts_with("due Tue 24 Nov"), "{}", memo.reason);
    assert!(!shown.plan.fits);
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    for b in shown.plan.blocks.iter().filter(|b| b.title == "Board memo") {
        assert!(fulcrum_core::time::local_date(b.end, &tz) <= date(2026, 11, 24));
    }
    let again = weekly::week_plan(store.as_ref(), week, now(), false)
        .await
        .unwrap();
    assert_eq!(again.plan.unplaced, shown.plan.unplaced);
}

#[tokio::test]
async fn a_review_before_the_week_is_over_gives_progress_not_a_verdict() {
    let (_dir, store, week) = week_store().await;
    let (_, kept) = weekly::accept(store.as_ref(), week, now()).await.unwrap();
    // Before the week: not started.
    let r = weekly::review_week(store.as_ref(), week, now())
        .await
        .unwrap();
    assert!(r.review.in_progress);
    assert_eq!(r.review.elapsed_days, 0);
    assert!(
        r.review.progress.starts_with("Not started yet"),
        "{}",
        r.review.progress
    );
    assert!(r.trend.iter().all(|p| p.in_progress));
    // Tuesday evening, nothing done: no "less than half", only progress.
    let tuesday: Timestamp = "2026-11-24T19:00:00Z".parse().unwrap();
    let r = weekly::review_week(store.as_ref(), week, tuesday)
        .await
        .unwrap();
    assert!(r.review.in_progress);
    assert_eq!(r.review.elapsed_days, 2);
    assert_eq!(r.review.done_share, Some(0.0));
    assert!(
        !r.review.suggestion.contains("Less than half"),
        "{}",
        r.review.suggestion
    );
    let so_far = kept
        .blocks
        .iter()
        .filter(|b| b.end_at <= tuesday.as_second())
        .count();
    assert_eq!(
        r.review.progress,
        format!(
            "Mon–Tue so far: 0 of {} planned blocks done ({so_far} planned up to now)",
            kept.blocks.len()
        )
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["in_progress"], true);
    assert_eq!(json["elapsed_days"], 2);
    assert_eq!(json["trend"][0]["in_progress"], true);
    // Once over, the verdict.
    let r = weekly::review_week(store.as_ref(), week, after_the_week())
        .await
        .unwrap();
    assert!(!r.review.in_progress);
    assert!(
        r.review.suggestion.contains("Less than half"),
        "{}",
        r.review.suggestion
    );
}

fn week_bounds() -> (Timestamp, Timestamp) {
    (
        "2026-11-20T00:00:00Z".parse().unwrap(),
        "2026-12-05T00:00:00Z".parse().unwrap(),
    )
}
