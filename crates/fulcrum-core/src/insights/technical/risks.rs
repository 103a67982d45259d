//! Risks: a review date passed without a look, and a risk that matters with nobody owning it.

use super::*;
use crate::growth::Keyed;
use crate::risks::{Band, Owner, Risk};

pub(super) const RISK_REVIEW_DUE: FnRule = FnRule {
    info: RuleInfo {
        id: "risk-review-due",
        module: "technical",
        practice: "C11",
        why: "A risk log only protects the team when it is looked at: an accepted risk was accepted until a date, and a risk not reviewed has quietly changed its odds.",
        looks_for: "a risk neither closed nor happened whose review date has come (severity up for a high one)",
    },
    check: risk_review_due,
};

pub(super) const RISK_UNOWNED: FnRule = FnRule {
    info: RuleInfo {
        id: "risk-unowned",
        module: "technical",
        practice: "C11",
        why: "Not every risk needs action now, but every risk needs an owner: someone who makes sure it is tracked and acted on.",
        looks_for: "a medium or high risk (score 8 or more), neither closed nor happened, with no owner",
    },
    check: risk_unowned,
};

fn severity(r: &Risk) -> Severity {
    if r.band() == Band::High {
        Severity::Warn
    } else {
        Severity::Info
    }
}

fn scored(r: &Risk) -> String {
    format!(
        "probability {} × impact {} = {} ({})",
        r.probability,
        r.impact,
        r.score(),
        r.band()
    )
}

fn owner_name(s: &Snapshot, r: &Risk) -> String {
    match r.owner {
        Some(Owner::Me) => "you".into(),
        Some(Owner::Person(id)) => s.name_of(id),
        None => "nobody".into(),
    }
}

fn risk_review_due(s: &Snapshot) -> Vec<Finding> {
    s.risks
        .iter()
        .filter(|k| k.record.review_due(s.today))
        .filter_map(|k| {
            let r = &k.record;
            let due = r.review_on?;
            let waiting = days_between(due, s.today);
            let link = || Link::Risk { id: k.id };
            let last = r
                .reviewed_on
                .map_or_else(|| "never reviewed".to_string(), |d| format!("last reviewed on {d}"));
            Some(Finding {
                subject: format!("risk{}", k.id),
                severity: severity(r),
                title: format!("Risk {} is due for review: {}", k.id, r.statement()),
                evidence: vec![
                    Evidence::new(
                        format!(
                            "its review was due on {due}, {waiting} days ago; {last}; it is {} and owned by {}",
                            r.status,
                            owner_name(s, r)
                        ),
                        link(),
                    ),
                    Evidence::new(scored(r), link()),
                ],
                since: due,
                weeks: (waiting / 7) as u32,
                through: s.today,
                action: Action {
                    text: format!(
                        "Review it with its owner: are the probability and impact still right, does the strategy still hold? Then set the next date: fulcrum risks review {}",
                        k.id
                    ),
                    offer: Offer::task(
                        format!("Review risk {}: {}", k.id, r.event),
                        Category::Lead,
                        (true, true),
                        Some(15),
                    ),
                },
            })
        })
        .collect()
}

fn risk_unowned(s: &Snapshot) -> Vec<Finding> {
    s.risks
        .iter()
        .filter(|k| k.record.unowned())
        .map(|k| unowned_finding(k, s.today))
        .collect()
}

fn unowned_finding(k: &Keyed<Risk>, today: jiff::civil::Date) -> Finding {
    let r = &k.record;
    let since = r.identified_on.min(today);
    let days = days_between(since, today);
    Finding {
        subject: format!("risk{}", k.id),
        severity: severity(r),
        title: format!("Nobody owns risk {}: {}", k.id, r.statement()),
        evidence: vec![Evidence::new(
            format!(
                "identified on {since}, {days} days ago, scored {}, and it has no owner",
                scored(r)
            ),
            Link::Risk { id: k.id },
        )],
        since,
        weeks: (days / 7) as u32,
        through: today,
        action: Action {
            text: format!(
                "Ask someone to own it — not necessarily to do the work, but to make sure it is tracked and acted on: fulcrum risks edit {} --owner NAME",
                k.id
            ),
            offer: Offer::task(
                format!("Find an owner for risk {}: {}", k.id, r.event),
                Category::Lead,
                (true, false),
                Some(15),
            ),
        },
    }
}
