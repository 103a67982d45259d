use super::fixtures::*;
use crate::Category;
use crate::inbox::{Decision, InboxItem, Ownership};
use crate::insights::{Link, Offer, PlanWeek, Severity, Snapshot};
use crate::rituals::{Ritual, status};
use crate::tasks::{Task, TaskStatus};
use crate::time::add_days;
use jiff::civil::Date;

/// An open task in the quadrant `urgent` × `important`.
fn task(id: i64, urgent: bool, important: bool) -> Task {
    Task::open(id, format!("task {id}"), urgent, important)
}

/// Open tasks: `(urgent, important)` each.
fn tasks(spread: &[(bool, bool)]) -> Vec<Task> {
    (1..)
        .zip(spread)
        .map(|(id, (u, i))| task(id, *u, *i))
        .collect()
}

const DO: (bool, bool) = (true, true);
const SCHEDULE: (bool, bool) = (false, true);
const DELEGATE: (bool, bool) = (true, false);
const DELETE: (bool, bool) = (false, false);

/// Four weeks of data with this task list.
fn with_tasks(list: Vec<Task>) -> Snapshot {
    Scenario::healthy(4).with(|s| s.tasks = list).snapshot()
}

fn assert_list_offer(s: &Snapshot, rule: &str, severity: Severity, seen: &str) -> Option<Offer> {
    let i = raised(s, rule);
    assert_eq!(i.id, format!("{rule}.tasks.{}", s.this_week()));
    assert_eq!(i.severity, severity);
    assert_eq!(i.evidence.len(), 1);
    assert_eq!(i.evidence[0].text, seen);
    assert_eq!(i.evidence[0].link, Link::Tasks);
    assert_eq!((i.since, i.weeks), (s.this_week(), 1));
    i.action.offer
}

#[test]
fn q1_firefighting_when_most_open_tasks_are_fires() {
    let mut list = tasks(&[DO, DO, DO, SCHEDULE, SCHEDULE]);
    list.push(Task {
        status: TaskStatus::Done,
        ..task(9, false, true)
    });
    let s = with_tasks(list);
    let offer = assert_list_offer(
        &s,
        "q1-firefighting",
        Severity::Warn,
        "3 of 5 open tasks are urgent and important",
    );
    assert!(matches!(
        offer,
        Some(Offer::AddTask {
            category: Category::Think,
            important: true,
            urgent: false,
            ..
        })
    ));
}

#[test]
fn q1_firefighting_at_exactly_half_is_a_near_miss() {
    quiet(
        &with_tasks(tasks(&[DO, DO, SCHEDULE, DELEGATE])),
        "q1-firefighting",
    );
    quiet(&with_tasks(tasks(&[DO, DO, DO])), "q1-firefighting");
}

#[test]
fn q2_empty_when_nothing_important_waits_ahead() {
    let s = with_tasks(tasks(&[DO, DELEGATE, DELETE]));
    let offer = assert_list_offer(
        &s,
        "q2-empty",
        Severity::Info,
        "none of 3 open tasks is important without being urgent",
    );
    assert!(matches!(
        offer,
        Some(Offer::AddTask {
            important: true,
            urgent: false,
            ..
        })
    ));
}

#[test]
fn q2_empty_near_misses_one_scheduled_task_or_a_short_list() {
    quiet(&with_tasks(tasks(&[DO, DELEGATE, SCHEDULE])), "q2-empty");
    quiet(&with_tasks(tasks(&[DO, DELEGATE])), "q2-empty");
}

#[test]
fn urgency_bias_when_every_open_task_is_important() {
    let s = with_tasks(tasks(&[DO, SCHEDULE, SCHEDULE]));
    let offer = assert_list_offer(
        &s,
        "urgency-bias",
        Severity::Info,
        "all 3 open tasks are marked important",
    );
    assert_eq!(offer, None);
}

#[test]
fn urgency_bias_near_misses_one_unimportant_task_or_a_short_list() {
    quiet(
        &with_tasks(tasks(&[DO, SCHEDULE, SCHEDULE, DELETE])),
        "urgency-bias",
    );
    quiet(&with_tasks(tasks(&[DO, SCHEDULE])), "urgency-bias");
}

#[test]
fn tasks_to_delegate_at_thirty_percent() {
    let s = with_tasks(tasks(&[
        DELEGATE, DELEGATE, DELEGATE, DO, SCHEDULE, SCHEDULE, SCHEDULE, SCHEDULE, DELETE, DELETE,
    ]));
    let offer = assert_list_offer(
        &s,
        "tasks-to-delegate",
        Severity::Info,
        "3 of 10 open tasks are urgent but not important",
    );
    assert_eq!(offer, None);
}

#[test]
fn tasks_to_delegate_just_under_thirty_percent_is_a_near_miss() {
    let s = with_tasks(tasks(&[
        DELEGATE, DELEGATE, DO, SCHEDULE, SCHEDULE, SCHEDULE, DELETE,
    ]));
    quiet(&s, "tasks-to-delegate");
}

/// The review of the plan of the week starting `monday`.
fn plan(monday: Date, planned: usize, done: usize) -> PlanWeek {
    PlanWeek {
        monday,
        planned_blocks: planned,
        done_blocks: done,
        done_share: (planned > 0).then(|| done as f64 / planned as f64),
    }
}

/// `n` weeks, the last of them with their plans reviewed: `done[k]` of 10 blocks done.
fn plans_done(n: usize, done: &[usize]) -> Snapshot {
    Scenario::healthy(n)
        .with(|s| {
            let first = add_days(FIRST_MONDAY, 7 * (n - done.len()) as i64);
            s.plans = (0..)
                .zip(done)
                .map(|(k, d)| plan(add_days(first, 7 * k), 10, *d))
                .collect();
        })
        .snapshot()
}

#[test]
fn plan_done_low_for_three_weeks() {
    let s = plans_done(4, &[5, 2, 1, 2]);
    let i = raised(&s, "plan-done-low");
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!((i.since, i.weeks), (add_days(FIRST_MONDAY, 7), 3));
    assert_eq!(i.through, s.weeks[3].monday);
    assert_eq!(i.evidence[0].text, "2026-W07: 2 of 10 planned blocks done");
    assert!(matches!(i.evidence[2].link, Link::Week { .. }));
    assert_eq!(i.action.offer, None);
}

#[test]
fn plan_done_low_for_twice_the_weeks_is_an_alert() {
    let s = plans_done(6, &[0, 1, 2, 2, 1, 0]);
    assert_eq!(raised(&s, "plan-done-low").severity, Severity::Alert);
}

#[test]
fn plan_done_at_the_threshold_is_a_near_miss() {
    // The oldest of the three weeks had exactly 30 % done: only two weeks in a row are low.
    quiet(&plans_done(4, &[5, 3, 1, 2]), "plan-done-low");
}

/// A request received on `received`.
fn request(id: i64, received: Date, ownership: Ownership, decision: Decision) -> InboxItem {
    InboxItem {
        id,
        from: "Bob".into(),
        text: format!("request {id}"),
        received,
        needed_by: None,
        ownership,
        decision,
        decided: (decision != Decision::Pending).then_some(received),
        note: None,
    }
}

/// `pending` undecided requests received ten days before today's week, and problems of the
/// last weeks, `mine` of `classified` taken as the lead's.
fn inbox(pending: i64, classified: i64, mine: i64) -> Snapshot {
    Scenario::healthy(4)
        .with(|s| {
            let received = add_days(s.this_week(), -10);
            let waiting =
                (0..pending).map(|k| request(k, received, Ownership::Undecided, Decision::Pending));
            let sorted = (0..classified).map(|k| {
                let whose = if k < mine {
                    Ownership::Mine
                } else {
                    Ownership::Theirs
                };
                request(100 + k, received, whose, Decision::Yes)
            });
            s.inbox = waiting.chain(sorted).collect();
        })
        .snapshot()
}

#[test]
fn inbox_overload_with_too_many_pending_requests() {
    let s = inbox(11, 0, 0);
    let i = raised(&s, "inbox-overload");
    assert_eq!(
        i.id,
        format!("inbox-overload.inbox.{}", add_days(s.this_week(), -14))
    );
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!(i.evidence.len(), 1);
    assert_eq!(i.evidence[0].text, "11 requests waiting for a decision");
    assert_eq!(i.evidence[0].link, Link::Inbox);
    assert_eq!(i.weeks, 3);
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddTask {
            category: Category::Align,
            ..
        })
    ));
}

#[test]
fn inbox_overload_with_most_problems_taken_as_mine() {
    let i = raised(&inbox(0, 5, 4), "inbox-overload");
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!(
        i.evidence[1].text,
        "4 of the 5 problems of the last four weeks taken as yours"
    );
    assert_eq!(
        raised(&inbox(11, 5, 4), "inbox-overload").severity,
        Severity::Alert
    );
}

#[test]
fn inbox_overload_near_misses_ten_pending_or_three_of_five_mine() {
    quiet(&inbox(10, 0, 0), "inbox-overload");
    quiet(&inbox(0, 5, 3), "inbox-overload");
    quiet(&inbox(0, 4, 4), "inbox-overload");
}

/// The weekly journal's status today, with these weeks written.
fn journal(written: &[&str]) -> Snapshot {
    let written: Vec<String> = written.iter().map(|w| w.to_string()).collect();
    Scenario::healthy(4)
        .with(|s| s.rituals = vec![status(Ritual::WeeklyJournal, s.today, &written)])
        .snapshot()
}

#[test]
fn ritual_overdue_for_last_weeks_journal() {
    let s = journal(&["2026-W08"]);
    let i = raised(&s, "ritual-overdue");
    let friday = add_days(s.weeks[3].monday, 4);
    assert_eq!(i.id, format!("ritual-overdue.weekly-journal.{friday}"));
    assert_eq!(i.severity, Severity::Info);
    assert_eq!(i.module, "rituals");
    assert_eq!(i.title, "Weekly journal for 2026-W09 not written");
    assert_eq!(
        i.evidence[0].text,
        format!("Weekly journal for 2026-W09 was due on {friday}")
    );
    let period = "2026-W09".to_string();
    assert_eq!(
        i.evidence[0].link,
        Link::Ritual {
            ritual: "weekly-journal".into(),
            period
        }
    );
    assert_eq!(i.action.offer, None);
}

#[test]
fn ritual_written_is_a_near_miss() {
    quiet(&journal(&["2026-W08", "2026-W09"]), "ritual-overdue");
}
