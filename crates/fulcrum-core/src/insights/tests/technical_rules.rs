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
