//! Projects: a slip seen against the milestones.

use super::*;
use crate::projects::{ProjectFacts, Slip};
use jiff::civil::Date;

pub(super) const PROJECT_SLIPPING: FnRule = FnRule {
    info: RuleInfo {
        id: "project-slipping",
        module: "technical",
        practice: "C9",
        why: "A slip told early leaves room to move the date, trim the scope or do part by hand; told at the deadline it leaves none.",
        looks_for: "an active project with a milestone past due and not done, or whose finished milestones' delay, carried to the open ones, lands its last milestone after the deadline",
    },
    check: project_slipping,
};

fn project_slipping(s: &Snapshot) -> Vec<Finding> {
    s.projects
        .iter()
        .filter_map(|facts| {
            let slip = facts.slip(s.today);
            slip.slipping
                .then(|| slipping_finding(facts, &slip, s.today))
        })
        .collect()
}

/// What a slipping project shows: each late milestone and, when the deadline will not hold,
/// the forecast against it.
fn slipping_finding(facts: &ProjectFacts, slip: &Slip, today: Date) -> Finding {
    let id = facts.project.id;
    let p = &facts.project.record;
    let link = || Link::Project { id };
    let mut evidence: Vec<Evidence> = slip
        .milestones
        .iter()
        .filter(|m| m.late)
        .map(|m| {
            Evidence::new(
                format!(
                    "milestone \"{}\" was due on {}, {} days ago, and is not done",
                    m.title, m.due, m.late_days
                ),
                link(),
            )
        })
        .collect();
    if let (Some(deadline), Some(end)) = (p.deadline, slip.forecast_end)
        && slip.past_deadline_days > 0
    {
        evidence.push(Evidence::new(
            format!(
                "carrying a delay of {} days, the last milestone lands on {end}, {} days after the deadline of {deadline} ({})",
                slip.carried_delay_days,
                slip.past_deadline_days,
                p.deadline_reason.as_deref().unwrap_or("no reason given")
            ),
            link(),
        ));
    }
    // Since the first late milestone fell due or, when only the forecast slips, since the
    // latest milestone finished: a date that stays put, so a dismissal holds.
    let first_late = slip
        .milestones
        .iter()
        .filter(|m| m.late)
        .map(|m| m.due)
        .min();
    let last_done = slip.milestones.iter().filter_map(|m| m.done_on).max();
    let since = first_late
        .map(|d| add_days(d, 1))
        .or(last_done)
        .unwrap_or(today)
        .min(today);
    Finding {
        subject: format!("project{id}"),
        severity: if slip.past_deadline_days > 0 {
            Severity::Warn
        } else {
            Severity::Info
        },
        title: format!("Project \"{}\" is slipping", p.name),
        evidence,
        since,
        weeks: (days_between(since, today).max(0) / 7) as u32,
        through: today,
        action: Action {
            text: "Tell the stakeholders now, not at the deadline, then re-plan with them: move the date, trim the scope, or do part of it by hand for now.".into(),
            offer: Offer::task(
                format!("Tell the stakeholders that {} is slipping and re-plan it", p.name),
                Category::Align,
                (true, true),
                Some(30),
            ),
        },
    }
}
