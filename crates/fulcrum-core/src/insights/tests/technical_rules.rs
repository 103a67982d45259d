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
