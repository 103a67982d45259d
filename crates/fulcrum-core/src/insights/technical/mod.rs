//! Rules over the team's technical records: decisions left proposed (here), projects slipping,
//! postmortem actions past due, out-of-hours load carried by one responder, risks left
//! unreviewed or unowned, and too little build time spent on debt (a module each).

mod debt;
mod incidents;
mod projects;
mod risks;

use super::{Action, Evidence, Finding, FnRule, Link, Offer, Rule, RuleInfo, Severity, Snapshot};
use crate::Category;
use crate::decisions::{self, STALE_AFTER_DAYS};
use crate::time::{add_days, days_between};

pub(super) const RULES: &[&dyn Rule] = &[
    &ADR_PROPOSED_STALE,
    &projects::PROJECT_SLIPPING,
    &incidents::POSTMORTEM_ACTION_OVERDUE,
    &incidents::ON_CALL_UNEVEN,
    &risks::RISK_REVIEW_DUE,
    &risks::RISK_UNOWNED,
    &debt::DEBT_ALLOCATION_BELOW,
];

const ADR_PROPOSED_STALE: FnRule = FnRule {
    info: RuleInfo {
        id: "adr-proposed-stale",
        module: "technical",
        practice: "C4",
        why: "A decision left proposed is one the team works around: people either wait for it or act as if it were taken.",
        looks_for: "a decision still proposed four weeks after its date, and not superseded",
    },
    check: adr_proposed_stale,
};

fn adr_proposed_stale(s: &Snapshot) -> Vec<Finding> {
    s.decisions
        .iter()
        .filter(|d| decisions::stale_proposed(d, s.today) && d.superseded_by().next().is_none())
        .filter_map(|d| {
            let number = d.number?;
            let date = d.date?;
            let waiting = days_between(date, s.today);
            Some(Finding {
                subject: format!("adr{number}"),
                severity: if waiting >= 2 * STALE_AFTER_DAYS {
                    Severity::Warn
                } else {
                    Severity::Info
                },
                title: format!("Decision {number:04} \"{}\" is still proposed", d.title),
                evidence: vec![Evidence::new(
                    format!("proposed on {date}, {waiting} days ago"),
                    Link::Decision { number },
                )],
                since: add_days(date, STALE_AFTER_DAYS + 1),
                weeks: (waiting / 7) as u32,
                through: s.today,
                action: Action {
                    text: "Put it on the next team meeting's agenda: accept it, reject it, or write down what it waits on.".into(),
                    offer: Offer::task(
                        format!("Get decision {number:04} decided: {}", d.title),
                        Category::Align,
                        (true, true),
                        Some(30),
                    ),
                },
            })
        })
        .collect()
}
