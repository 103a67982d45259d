//! Rules over the weekly loop and the reflection rhythm: the spread of tasks over the matrix,
//! planned against done, the requests taken on, and rituals left undone.

use super::{Action, Evidence, Finding, FnRule, Link, Offer, Rule, RuleInfo, Severity, Snapshot};
use crate::Category;
use crate::inbox::{OWNERSHIP_MIN_ITEMS, Ownership};
use crate::tasks::{self, Quadrant};
use crate::time::{add_days, week_start};
use crate::words::plural;

pub(super) const RULES: &[&dyn Rule] = &[
    &FnRule {
        info: RuleInfo {
            id: "q1-firefighting",
            module: "weekly",
            practice: "C2.6",
            why: "When most of the list is urgent and important, the week runs on fires and nothing that prevents them gets done.",
            looks_for: "more than half of the open tasks (at least four) urgent and important",
        },
        check: q1_firefighting,
    },
    &FnRule {
        info: RuleInfo {
            id: "q2-empty",
            module: "weekly",
            practice: "C2.6",
            why: "Important work without a deadline (planning, strategy, growth) only happens when it is on the list and in the calendar.",
            looks_for: "no open task that is important but not urgent, with three or more open",
        },
        check: q2_empty,
    },
    &FnRule {
        info: RuleInfo {
            id: "urgency-bias",
            module: "weekly",
            practice: "C2.6",
            why: "A list where everything is important has not been triaged: something on it should be delegated or dropped.",
            looks_for: "every open task (three or more) marked important",
        },
        check: urgency_bias,
    },
    &FnRule {
        info: RuleInfo {
            id: "tasks-to-delegate",
            module: "weekly",
            practice: "C6.5",
            why: "Urgent work that is not important is the easiest to hand over, and handing it over grows someone.",
            looks_for: "at least 30 % of the open tasks urgent but not important",
        },
        check: tasks_to_delegate,
    },
    &FnRule {
        info: RuleInfo {
            id: "plan-done-low",
            module: "weekly",
            practice: "C2.6",
            why: "A plan that keeps failing says the weeks are over-committed or derailed; about half done is a fine start, much less is a pattern.",
            looks_for: "under the set share of planned blocks done for the set number of reviewed weeks in a row",
        },
        check: plan_done_low,
    },
    &FnRule {
        info: RuleInfo {
            id: "inbox-overload",
            module: "weekly",
            practice: "C2.7",
            why: "Taking on every request (and every problem as yours) is how a lead becomes the team's bottleneck and therapist.",
            looks_for: "more pending requests than the set number, or most recent problems taken as yours",
        },
        check: inbox_overload,
    },
    &FnRule {
        info: RuleInfo {
            id: "ritual-overdue",
            module: "rituals",
            practice: "F1",
            why: "Reflection keeps a lead from drifting, and it only works when it is a habit.",
            looks_for: "a weekly journal, monthly check-in or quarterly self-assessment whose period is over and still unwritten, during its grace days",
        },
        check: ritual_overdue,
    },
];

/// Open tasks in each quadrant, and the open total.
fn spread(s: &Snapshot) -> (usize, [usize; 4]) {
    let open: Vec<&tasks::Task> = s.tasks.iter().filter(|t| t.is_open()).collect();
    let mut n = [0; 4];
    for t in &open {
        let i = Quadrant::ALL
            .iter()
            .position(|q| *q == t.quadrant())
            .unwrap_or(3);
        n[i] += 1;
    }
    (open.len(), n)
}

/// A finding about the task list as it is now.
fn list_finding(
    s: &Snapshot,
    severity: Severity,
    title: String,
    seen: String,
    action: Action,
) -> Vec<Finding> {
    let monday = s.this_week();
    vec![Finding {
        subject: "tasks".into(),
        severity,
        title,
        evidence: vec![Evidence::new(seen, Link::Tasks)],
        since: monday,
        weeks: 1,
        through: monday,
        action,
    }]
}

fn q1_firefighting(s: &Snapshot) -> Vec<Finding> {
    let (open, n) = spread(s);
    if open < 4 || (n[0] as f64) <= tasks::FIREFIGHTING_SHARE * open as f64 {
        return Vec::new();
    }
    list_finding(
        s,
        Severity::Warn,
        "Most of the list is firefighting".into(),
        format!("{} of {open} open tasks are urgent and important", n[0]),
        Action {
            text: "Block time this week for one important task that is not urgent, and ask the team what keeps catching fire.".into(),
            offer: Offer::task("Find the cause of the fires that keep coming back", Category::Think, (true, false), Some(90)),
        },
    )
}

fn q2_empty(s: &Snapshot) -> Vec<Finding> {
    let (open, n) = spread(s);
    if open < 3 || n[1] > 0 {
        return Vec::new();
    }
    list_finding(
        s,
        Severity::Info,
        "Nothing important is scheduled ahead".into(),
        format!("none of {open} open tasks is important without being urgent"),
        Action {
            text: "Add the planning, strategy or learning work that keeps getting pushed out, so the planner can give it time.".into(),
            offer: Offer::task("Write down next quarter's technical priorities", Category::Think, (true, false), Some(120)),
        },
    )
}

fn urgency_bias(s: &Snapshot) -> Vec<Finding> {
    let (open, n) = spread(s);
    if open < 3 || n[2] + n[3] > 0 {
        return Vec::new();
    }
    list_finding(
        s,
        Severity::Info,
        "Everything on the list is important".into(),
        format!("all {open} open tasks are marked important"),
        Action {
            text: "Run each task through the tests (only you? nice to have? what if you skip it?) and move what fails to delegate or delete.".into(),
            offer: None,
        },
    )
}

fn tasks_to_delegate(s: &Snapshot) -> Vec<Finding> {
    let (open, n) = spread(s);
    if open < 3 || (n[2] as f64) < tasks::DELEGATE_SHARE * open as f64 {
        return Vec::new();
    }
    list_finding(
        s,
        Severity::Info,
        "Tasks waiting to be handed over".into(),
        format!("{} of {open} open tasks are urgent but not important", n[2]),
        Action {
            text: "Pick the one that would teach someone the most and hand it over with clear expectations this week.".into(),
            offer: None,
        },
    )
}

fn plan_done_low(s: &Snapshot) -> Vec<Finding> {
    let min = s.settings.plan_done_min;
    let n = s.settings.plan_done_weeks as usize;
    let mut low = Vec::new();
    let mut expected = add_days(s.this_week(), -7);
    for p in s.plans.iter().rev().filter(|p| p.monday < s.this_week()) {
        let excused = s
            .weeks
            .iter()
            .find(|w| w.monday == p.monday)
            .is_some_and(|w| w.excuses("plan-done-low"));
        match p.done_share {
            Some(d) if p.monday == expected && !excused && p.planned_blocks >= 2 && d < min => {
                low.push(p)
            }
            _ => break,
        }
        expected = add_days(expected, -7);
    }
    if low.len() < n {
        return Vec::new();
    }
    low.reverse();
    let said = low
        .iter()
        .map(|p| {
            let text = format!(
                "{}: {} of {} planned blocks done",
                crate::time::iso_week_label(p.monday),
                p.done_blocks,
                p.planned_blocks
            );
            (p.monday, text)
        })
        .collect();
    let severity = if low.len() >= 2 * n {
        Severity::Alert
    } else {
        Severity::Warn
    };
    let title = format!(
        "Under {:.0} % of the plan done for {}",
        min * 100.0,
        plural(low.len(), "week", "weeks")
    );
    let action = Action {
        text: "Plan fewer blocks next week and keep a fifth of the time free for what comes up; see what derailed the last plan first.".into(),
        offer: None,
    };
    super::streak::week_finding(said, severity, title, action)
        .into_iter()
        .collect()
}

fn inbox_overload(s: &Snapshot) -> Vec<Finding> {
    let pending = s.inbox.iter().filter(|i| i.is_pending()).count();
    let since = add_days(s.this_week(), -28);
    let recent: Vec<_> = s
        .inbox
        .iter()
        .filter(|i| i.received >= since && i.ownership != Ownership::Undecided)
        .collect();
    let mine = recent
        .iter()
        .filter(|i| i.ownership == Ownership::Mine)
        .count();
    let too_many = pending > s.settings.inbox_pending_max as usize;
    let all_mine = recent.len() >= OWNERSHIP_MIN_ITEMS
        && mine as f64 > crate::inbox::OWNERSHIP_MINE_SHARE * recent.len() as f64;
    if !too_many && !all_mine {
        return Vec::new();
    }
    let mut evidence = vec![Evidence::new(
        format!(
            "{} waiting for a decision",
            plural(pending, "request", "requests")
        ),
        Link::Inbox,
    )];
    if !recent.is_empty() {
        evidence.push(Evidence::new(
            format!(
                "{mine} of the {} problems of the last four weeks taken as yours",
                recent.len()
            ),
            Link::Inbox,
        ));
    }
    let oldest = s
        .inbox
        .iter()
        .filter(|i| i.is_pending())
        .map(|i| i.received)
        .min();
    let start = oldest.unwrap_or(since).max(since);
    vec![Finding {
        subject: "inbox".into(),
        severity: if too_many && all_mine { Severity::Alert } else { Severity::Warn },
        title: "Taking everything on".into(),
        evidence,
        since: week_start(start),
        weeks: (crate::time::days_between(week_start(start), s.this_week()) / 7 + 1) as u32,
        through: s.this_week(),
        action: Action {
            text: "Decide the waiting requests in one sitting this week: say no or not now to some, and give the problems that are theirs back with a question.".into(),
            offer: Offer::task("Clear the requests inbox: decide each one", Category::Align, (true, true), Some(45)),
        },
    }]
}

fn ritual_overdue(s: &Snapshot) -> Vec<Finding> {
    // A store with no week of data and no entry yet has nothing to reflect on.
    let started = s.weeks.iter().any(|w| w.has_data(&s.profile))
        || s.rituals.iter().any(|r| r.last_entry.is_some());
    if !started {
        return Vec::new();
    }
    s.rituals
        .iter()
        .filter(|r| r.state == "overdue")
        .map(|r| Finding {
            subject: r.ritual.as_str().into(),
            severity: Severity::Info,
            title: format!("{} for {} not written", r.title, r.period.label),
            evidence: vec![Evidence::new(
                format!("{} for {} was due on {}", r.title, r.period.label, r.due),
                Link::Ritual {
                    ritual: r.ritual.as_str().into(),
                    period: r.period.label.clone(),
                },
            )],
            since: r.due,
            weeks: 1,
            through: s.this_week(),
            action: Action {
                text: format!("Take twenty minutes today for the {}: Fulcrum pre-fills it with what the period shows.", r.title.to_lowercase()),
                offer: None,
            },
        })
        .collect()
}
