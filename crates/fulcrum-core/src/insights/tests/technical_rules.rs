//! The technical rules: a scenario that raises each and a near miss that does not.

use super::fixtures::*;
use crate::decisions::{Decision, Link as DecisionLink, LinkKind, Status};
use crate::insights::Link;
use crate::time::add_days;

fn proposed(number: u32, days_ago: i64, s: &crate::insights::Snapshot) -> Decision {
    let mut d = Decision::new("Shard the ledger by merchant");
    d.number = Some(number);
    d.status = Some(Status::Proposed);
    d.date = Some(add_days(s.today, -days_ago));
    d
}

#[test]
fn a_proposal_waiting_over_four_weeks_is_raised() {
    let s = Scenario::healthy(4)
        .with(|s| s.decisions = vec![proposed(12, 40, s)])
        .snapshot();
    let i = raised(&s, "adr-proposed-stale");
    assert_eq!(i.evidence[0].link, Link::Decision { number: 12 });
    assert!(i.title.contains("0012"), "{}", i.title);
}

#[test]
fn a_young_proposal_an_accepted_one_and_a_superseded_one_are_not() {
    let s = Scenario::healthy(4)
        .with(|s| {
            let young = proposed(1, 28, s);
            let mut accepted = proposed(2, 90, s);
            accepted.status = Some(Status::Accepted);
            let mut replaced = proposed(3, 90, s);
            replaced
                .links
                .insert(DecisionLink::new(LinkKind::SupersededBy, 4));
            let undated = Decision {
                date: None,
                ..proposed(5, 90, s)
            };
            s.decisions = vec![young, accepted, replaced, undated];
        })
        .snapshot();
    quiet(&s, "adr-proposed-stale");
}

fn project_facts(
    s: &crate::insights::Snapshot,
    status: crate::projects::Status,
    milestones: &[(i64, i64, Option<i64>)],
) -> crate::projects::ProjectFacts {
    use crate::projects::{Keyed, Milestone, Project, ProjectFacts};
    ProjectFacts {
        project: Keyed {
            id: 4,
            record: Project {
                name: "Refunds".into(),
                purpose: "Merchants refund without calling support".into(),
                owner: 1,
                deadline: Some(add_days(s.today, 30)),
                deadline_reason: Some("the spring campaign".into()),
                status,
                started_on: Some(add_days(s.today, -90)),
                done_on: None,
                people: vec![],
            },
        },
        // (id, due in days from today, done in days from today)
        milestones: milestones
            .iter()
            .map(|(id, due, done)| Keyed {
                id: *id,
                record: Milestone {
                    project: 4,
                    title: format!("Milestone {id}"),
                    due: add_days(s.today, *due),
                    done_on: done.map(|d| add_days(s.today, d)),
                },
            })
            .collect(),
    }
}
// Postmortem actions and on-call load.

use crate::growth::Keyed;
use crate::incidents::{Action as PmAction, Incident, Postmortem};
use crate::people::Relation;
use crate::time::day_start;
use jiff::civil::{Date, Time};

/// An incident resolved on `resolved_on` with one action.
fn with_action(id: i64, resolved_on: Date, action: PmAction) -> Keyed<Incident> {
    let tz = crate::test_support::profile().tz();
    let start = crate::time::local_instant(resolved_on, Time::constant(10, 0, 0, 0), &tz);
    let mut i = Incident::new("Checkout down", 1, start);
    i.resolved = Some(start + jiff::SignedDuration::from_hours(1));
    i.postmortem = Some(Postmortem {
        actions: vec![action],
        ..Postmortem::default()
    });
    Keyed { id, record: i }
}

fn action(text: &str, due: Option<Date>, priority: bool) -> PmAction {
    PmAction {
        text: text.into(),
        owner: Some(3),
        due,
        done_on: None,
        priority,
    }
}

#[test]
fn a_late_milestone_of_an_active_project_is_raised() {
    use crate::projects::Status;
    let s = Scenario::healthy(4)
        .with(|s| {
            s.projects = vec![project_facts(
                s,
                Status::Active,
                &[(1, -6, None), (2, 20, None)],
            )]
        })
        .snapshot();
    let i = raised(&s, "project-slipping");
    assert_eq!(i.evidence.len(), 1);
    assert_eq!(i.evidence[0].link, Link::Project { id: 4 });
    assert!(
        i.evidence[0].text.contains("6 days ago"),
        "{}",
        i.evidence[0].text
    );
    assert!(i.title.contains("Refunds"), "{}", i.title);
}

#[test]
fn a_forecast_past_the_deadline_is_raised_with_the_dates() {
    use crate::projects::Status;
    // Done 12 days late; the last milestone, due in 25 days, lands in 37: 7 past the deadline.
    let s = Scenario::healthy(4)
        .with(|s| {
            s.projects = vec![project_facts(
                s,
                Status::Active,
                &[(1, -20, Some(-8)), (2, 25, None)],
            )]
        })
        .snapshot();
    let i = raised(&s, "project-slipping");
    assert_eq!(i.evidence.len(), 1);
    let text = &i.evidence[0].text;
    assert!(text.contains("7 days after the deadline"), "{text}");
    assert!(text.contains(&add_days(s.today, 37).to_string()), "{text}");
}

#[test]
fn a_project_on_time_or_not_active_is_not_raised() {
    use crate::projects::Status;
    let s = Scenario::healthy(4)
        .with(|s| {
            s.projects = vec![
                // Done 5 days late: 25 + 5 = 30, exactly the deadline.
                project_facts(s, Status::Active, &[(1, -20, Some(-15)), (2, 25, None)]),
                project_facts(s, Status::Paused, &[(3, -6, None)]),
                project_facts(s, Status::Done, &[(5, -6, None)]),
            ]
        })
        .snapshot();
    quiet(&s, "project-slipping");
}

#[test]
fn an_action_past_its_date_is_raised_with_its_owner() {
    let s = Scenario::healthy(4)
        .with(|s| {
            s.people = vec![person(3, "Grace", Relation::Report, s.today)];
            let due = add_days(s.today, -3);
            s.incidents = vec![with_action(
                9,
                add_days(s.today, -20),
                action("Alert on queue depth", Some(due), false),
            )];
        })
        .snapshot();
    let i = raised(&s, "postmortem-action-overdue");
    assert_eq!(i.evidence[0].link, Link::Incident { id: 9 });
    assert!(
        i.evidence[0].text.contains("Grace"),
        "{}",
        i.evidence[0].text
    );
    assert!(
        i.evidence[0].text.contains("3 days ago"),
        "{}",
        i.evidence[0].text
    );
}

#[test]
fn a_priority_action_without_a_date_falls_due_four_weeks_after_resolution() {
    // Resolved 29 days ago: its default date (28 days after) was yesterday.
    let late = Scenario::healthy(6)
        .with(|s| {
            s.incidents = vec![with_action(
                1,
                add_days(s.today, -29),
                action("Runbook", None, true),
            )]
        })
        .snapshot();
    raised(&late, "postmortem-action-overdue");
    // Resolved 28 days ago: due today, not yet overdue; a done one and an undated
    // non-priority one are never overdue.
    let s = Scenario::healthy(6)
        .with(|s| {
            let mut done = action("Done already", Some(add_days(s.today, -10)), false);
            done.done_on = Some(add_days(s.today, -11));
            s.incidents = vec![
                with_action(1, add_days(s.today, -28), action("Runbook", None, true)),
                with_action(2, add_days(s.today, -60), done),
                with_action(3, add_days(s.today, -60), action("Someday", None, false)),
            ];
        })
        .snapshot();
    quiet(&s, "postmortem-action-overdue");
}

/// A Saturday-evening incident `weeks_ago` weeks back, for an hour, with these responders.
fn night(
    id: i64,
    s: &crate::insights::Snapshot,
    weeks_ago: i64,
    people: &[i64],
) -> Keyed<Incident> {
    let tz = s.profile.tz();
    let saturday = add_days(crate::time::week_start(s.today), 5 - 7 * weeks_ago);
    let start = day_start(saturday, &tz) + jiff::SignedDuration::from_hours(21);
    let mut i = Incident::new("Queue stuck", 2, start);
    i.resolved = Some(start + jiff::SignedDuration::from_hours(1));
    i.owner = people.first().copied();
    i.solvers = people[1..].to_vec();
    Keyed { id, record: i }
}

#[test]
fn one_responder_carrying_most_night_incidents_is_uneven() {
    let s = Scenario::healthy(4)
        .with(|s| {
            s.people = vec![
                person(3, "Grace", Relation::Report, s.today),
                person(4, "Linus", Relation::Report, s.today),
                person(5, "Ada", Relation::Report, s.today),
            ];
            s.incidents = vec![
                night(1, s, 1, &[3]),
                night(2, s, 2, &[3]),
                night(3, s, 3, &[3, 4]),
                night(4, s, 4, &[5]),
            ];
        })
        .snapshot();
    let i = raised(&s, "on-call-uneven");
    assert!(i.title.starts_with("Grace"), "{}", i.title);
    assert!(
        i.evidence[0].text.contains("3.0 of 5.0"),
        "{}",
        i.evidence[0].text
    );
    assert_eq!(i.evidence[1].link, Link::Incident { id: 1 });
}

#[test]
fn an_even_rotation_and_an_old_imbalance_are_not_uneven() {
    let even = Scenario::healthy(4)
        .with(|s| {
            s.incidents = vec![
                night(1, s, 1, &[3]),
                night(2, s, 2, &[4]),
                night(3, s, 3, &[5]),
            ];
        })
        .snapshot();
    quiet(&even, "on-call-uneven");
    // Grace's nights were over 12 weeks ago: outside the window.
    let old = Scenario::healthy(4)
        .with(|s| {
            s.incidents = vec![
                night(1, s, 13, &[3]),
                night(2, s, 14, &[3]),
                night(3, s, 2, &[4]),
                night(4, s, 3, &[5]),
            ];
        })
        .snapshot();
    quiet(&old, "on-call-uneven");
}

// Risks.

use crate::insights::Severity;
use crate::risks::{Category as RiskCategory, Owner, Risk, Strategy};

/// A risk identified 60 days before `today`, owned by person 3.
fn risk(id: i64, probability: u8, impact: u8, today: Date) -> Keyed<Risk> {
    Keyed {
        id,
        record: Risk {
            event: "The payment provider is down".into(),
            consequence: "lost orders".into(),
            category: RiskCategory::ThirdParty,
            probability,
            impact,
            strategy: None,
            plan: None,
            owner: Some(Owner::Person(3)),
            status: crate::risks::Status::Open,
            identified_on: add_days(today, -60),
            review_on: None,
            reviewed_on: None,
            told: vec![],
            incident: None,
        },
    }
}

#[test]
fn an_accepted_risk_past_its_review_date_is_raised_with_the_dates() {
    let s = Scenario::healthy(4)
        .with(|s| {
            s.people = vec![person(3, "Grace", Relation::Report, s.today)];
            let mut r = risk(4, 2, 3, s.today);
            r.record.set_strategy(Some(Strategy::Accept));
            r.record.review_on = Some(add_days(s.today, -10));
            s.risks = vec![r];
        })
        .snapshot();
    let i = raised(&s, "risk-review-due");
    assert_eq!(i.evidence[0].link, Link::Risk { id: 4 });
    let text = &i.evidence[0].text;
    assert!(text.contains("10 days ago"), "{text}");
    assert!(
        text.contains("accepted") && text.contains("Grace"),
        "{text}"
    );
    assert!(
        i.evidence[1].text.contains("= 6 (low)"),
        "{}",
        i.evidence[1].text
    );
    assert_eq!(i.severity, Severity::Info);
    assert!(i.action.text.contains("fulcrum risks review 4"));
}

#[test]
fn a_high_risk_past_its_review_is_raised_more_severely() {
    let s = Scenario::healthy(4)
        .with(|s| {
            let mut r = risk(5, 4, 4, s.today);
            r.record.review_on = Some(s.today);
            s.risks = vec![r];
        })
        .snapshot();
    assert_eq!(raised(&s, "risk-review-due").severity, Severity::Warn);
}

#[test]
fn a_review_not_yet_due_or_a_closed_risk_is_not_raised() {
    let s = Scenario::healthy(4)
        .with(|s| {
            let mut later = risk(1, 4, 4, s.today);
            later.record.review_on = Some(add_days(s.today, 1));
            let mut closed = risk(2, 4, 4, s.today);
            closed.record.review_on = Some(add_days(s.today, -30));
            closed.record.status = crate::risks::Status::Closed;
            let mut happened = risk(3, 4, 4, s.today);
            happened.record.review_on = Some(add_days(s.today, -30));
            happened.record.happened(7);
            s.risks = vec![later, closed, happened, risk(4, 4, 4, s.today)];
        })
        .snapshot();
    quiet(&s, "risk-review-due");
}

#[test]
fn a_medium_risk_without_an_owner_is_raised() {
    let s = Scenario::healthy(4)
        .with(|s| {
            let mut r = risk(6, 2, 4, s.today);
            r.record.owner = None;
            s.risks = vec![r];
        })
        .snapshot();
    let i = raised(&s, "risk-unowned");
    assert_eq!(i.evidence[0].link, Link::Risk { id: 6 });
    assert!(
        i.evidence[0].text.contains("60 days ago"),
        "{}",
        i.evidence[0].text
    );
    assert!(
        i.evidence[0].text.contains("= 8 (medium)"),
        "{}",
        i.evidence[0].text
    );
    assert_eq!(i.severity, Severity::Info);
    assert!(i.action.text.contains("--owner"));
}

#[test]
fn a_low_an_owned_or_a_closed_risk_is_not_unowned() {
    let s = Scenario::healthy(4)
        .with(|s| {
            let mut low = risk(1, 1, 7, s.today);
            low.record.owner = None;
            let mut mine = risk(2, 5, 5, s.today);
            mine.record.owner = Some(Owner::Me);
            let mut closed = risk(3, 5, 5, s.today);
            closed.record.owner = None;
            closed.record.status = crate::risks::Status::Closed;
            s.risks = vec![low, mine, closed];
        })
        .snapshot();
    quiet(&s, "risk-unowned");
}

/// Four complete weeks before today with `debt` of 600 build minutes a week on debt.
fn debt_share(s: &crate::insights::Snapshot, debt: [i64; 4]) -> crate::debt::Allocation {
    use crate::debt::{Allocation, WeekShare};
    let from = add_days(crate::time::week_start(s.today), -28);
    let weeks: Vec<WeekShare> = (0..4)
        .map(|i| {
            let monday = add_days(from, 7 * i as i64);
            let share = debt[i] as f64 * 100.0 / 600.0;
            WeekShare {
                week: crate::time::iso_week_label(monday),
                monday,
                debt_minutes: debt[i],
                build_minutes: 600,
                share_percent: Some((share * 10.0).round() / 10.0),
                below_target: share < 20.0,
            }
        })
        .collect();
    let total: i64 = debt.iter().sum();
    let share = (total as f64 * 1000.0 / 2400.0).round() / 10.0;
    Allocation {
        from,
        to: crate::time::week_start(s.today),
        target_percent: 20,
        words: vec!["refactor".into()],
        debt_minutes: total,
        build_minutes: 2400,
        share_percent: Some(share),
        below_target: share < 20.0,
        weeks,
    }
}

fn debt_item(
    id: i64,
    effort: u8,
    value: u8,
    status: crate::debt::Status,
) -> crate::debt::Keyed<crate::debt::DebtItem> {
    use crate::debt::{DebtItem, DebtType, Keyed, Scores};
    Keyed {
        id,
        record: DebtItem {
            title: format!("Debt {id}"),
            kind: DebtType::Test,
            area: "ci".into(),
            context: String::new(),
            impact: String::new(),
            links: vec![],
            scores: Scores {
                effort,
                value,
                risk: 3,
                frequency: 3,
                alignment: 3,
            },
            status,
            tolerated_reason: (status == crate::debt::Status::Tolerated)
                .then(|| "retired next quarter".into()),
            champion: None,
            created_on: FIRST_MONDAY,
            done_on: None,
        },
    }
}

#[test]
fn too_little_debt_time_with_open_items_is_raised_with_the_quick_win_to_take() {
    use crate::debt::Status;
    let s = Scenario::healthy(4)
        .with(|s| {
            s.debt.items = vec![
                debt_item(1, 4, 5, Status::Listed),
                debt_item(2, 1, 3, Status::Prioritised),
                debt_item(3, 1, 5, Status::Done),
            ];
            // 30 + 60 + 0 + 90 = 180 of 2400 minutes: 7.5 %, under half the target.
            s.debt.allocation = Some(debt_share(s, [30, 60, 0, 90]));
        })
        .snapshot();
    let i = raised(&s, "debt-allocation-below");
    assert!(
        i.evidence[0].text.contains("180 of 2400") && i.evidence[0].text.contains("7.5 %"),
        "{}",
        i.evidence[0].text
    );
    assert_eq!(i.evidence.len(), 6);
    assert_eq!(i.evidence[0].link, Link::Debt);
    let last = i.evidence.last().unwrap();
    // Item 2 is the quick win, (3 + 9) / 1 = 12; item 1 a major project, (5 + 9) / 4 = 3.5.
    assert_eq!(last.link, Link::DebtItem { id: 2 });
    assert!(last.text.contains("2 open debt items"), "{}", last.text);
    assert_eq!(i.severity, crate::insights::Severity::Warn);
    // 600 build minutes a week at 20 % is 120 minutes to book.
    assert!(
        i.action.text.contains("Book 120 minutes"),
        "{}",
        i.action.text
    );
}

#[test]
fn debt_time_at_target_or_no_open_items_is_not_raised() {
    use crate::debt::Status;
    let at_target = Scenario::healthy(4)
        .with(|s| {
            s.debt.items = vec![debt_item(1, 2, 4, Status::Listed)];
            // 480 of 2400: exactly 20 %.
            s.debt.allocation = Some(debt_share(s, [60, 120, 150, 150]));
        })
        .snapshot();
    quiet(&at_target, "debt-allocation-below");
    let paid = Scenario::healthy(4)
        .with(|s| {
            s.debt.items = vec![
                debt_item(1, 2, 4, Status::Done),
                debt_item(2, 5, 1, Status::Tolerated),
            ];
            s.debt.allocation = Some(debt_share(s, [0, 0, 0, 0]));
        })
        .snapshot();
    quiet(&paid, "debt-allocation-below");
    let unmeasured = Scenario::healthy(4)
        .with(|s| s.debt.items = vec![debt_item(1, 2, 4, Status::Listed)])
        .snapshot();
    quiet(&unmeasured, "debt-allocation-below");
}
