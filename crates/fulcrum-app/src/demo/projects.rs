//! The demo team's projects over the year: the ledger split, done before its deadline, and the
//! refunds launch, running and slipping — a milestone late and the delay carried past its
//! deadline. Their people, with the demo's delegations, put two people at the limit of
//! streams of work in parallel.

use crate::error::Result;
use fulcrum_core::projects::{Milestone, Project, Status};
use fulcrum_core::time::add_days;
use fulcrum_store::Store;
use fulcrum_store::kept::{ParentRef, add_change, add_change_under};
use jiff::civil::Date;

/// A milestone: title, due and done (days from today), when done.
type Step = (&'static str, i64, Option<i64>);

const LEDGER: [Step; 4] = [
    ("Ledger schema and API contract agreed", -290, Some(-292)),
    ("Ledger service writes in shadow mode", -230, Some(-228)),
    ("Reads switched to the ledger service", -190, Some(-191)),
    ("Monolith ledger module removed", -160, Some(-156)),
];

/// Done 4 and 9 days late, one 8 days overdue: 8 days carried put the launch 3 days past the
/// deadline.
const REFUNDS: [Step; 5] = [
    (
        "Refund API contract agreed with the mobile team",
        -75,
        Some(-71),
    ),
    ("Refund endpoint live in staging", -40, Some(-31)),
    ("Bank-file reconciliation covers refunds", -8, None),
    ("Internal demo to support", 12, None),
    ("Launch to all merchants", 35, None),
];

fn milestones(steps: &[Step], today: Date) -> Vec<Milestone> {
    steps
        .iter()
        .map(|(title, due, done)| Milestone {
            // Set by the store from the project added in the same write.
            project: 0,
            title: (*title).into(),
            due: add_days(today, *due),
            done_on: done.map(|d| add_days(today, d)),
        })
        .collect()
}

/// `team` is the demo's reports in the order of `demo::TEAM`.
pub async fn build(store: &dyn Store, team: &[i64], today: Date) -> Result<()> {
    let day = |d: i64| add_days(today, d);
    let ledger = Project {
        name: "Split the ledger out of the payments monolith".into(),
        purpose: "Ledger changes stop waiting on the payments release train, and the two teams stop stepping on each other in one module.".into(),
        owner: team[1],
        deadline: Some(day(-150)),
        deadline_reason: Some("The payments release train freezes for the card-scheme audit from then on".into()),
        status: Status::Done,
        started_on: Some(day(-320)),
        done_on: Some(day(-156)),
        people: vec![team[0], team[3]],
    };
    let refunds = Project {
        name: "Self-service refunds for merchants".into(),
        purpose: "Merchants refund their customers without calling support; support tickets about refunds fall by half.".into(),
        owner: team[0],
        deadline: Some(day(40)),
        deadline_reason: Some("Product announces self-service refunds in the spring campaign, and support staffing is cut from then".into()),
        status: Status::Active,
        started_on: Some(day(-100)),
        done_on: None,
        people: vec![team[2], team[4]],
    };
    let mut changes = Vec::new();
    for (project, steps) in [(ledger, &LEDGER[..]), (refunds, &REFUNDS[..])] {
        // Every change is an add, so the project is the add at this index.
        let parent = changes.len();
        changes.push(add_change(&project)?);
        for m in milestones(steps, today) {
            changes.push(add_change_under(&m, Some(ParentRef::Added(parent)))?);
        }
    }
    store.write_records(&changes).await?;
    Ok(())
}
