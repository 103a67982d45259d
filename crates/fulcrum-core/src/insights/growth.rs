//! Rules over the lead's own growth: milestones past their date, supporters not checked in
//! with, a plan nobody moves, energy that drains week after week, and time drifting away
//! from the role a transition plan aims at.

use super::{Action, Evidence, Finding, FnRule, Link, Offer, Rule, RuleInfo, Severity, Snapshot};
use crate::Category;
use crate::career::{self, Role, WeekMinutes};
use crate::growth::PlanStatus;
use crate::growth::rules as growth_rules;
use crate::time::{add_days, days_between, iso_week_label};
use crate::words::plural;

pub(super) const RULES: &[&dyn Rule] = &[
    &FnRule {
        info: RuleInfo {
            id: "growth-step-overdue",
            module: "growth",
            practice: "C2.4",
            why: "Milestones are the checkpoints of a plan; one left past its date quietly turns the plan into a wish.",
            looks_for: "a step of an active growth plan past its target date and not done",
        },
        check: growth_step_overdue,
    },
    &FnRule {
        info: RuleInfo {
            id: "support-checkin-due",
            module: "growth",
            practice: "C2.4",
            why: "A support network helps only when its people hear how you are doing and can point out blind spots.",
            looks_for: "someone in a growth plan's support network not met or contacted within their check-in cadence",
        },
        check: support_checkin_due,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-progress-logged",
            module: "growth",
            practice: "C2.5",
            why: "Progress that is not written down is forgotten by review time, and its absence goes unnoticed.",
            looks_for: "an active growth plan with no progress entry or win for the set number of weeks",
        },
        check: no_progress_logged,
    },
    &FnRule {
        info: RuleInfo {
            id: "energy-drain-persistent",
            module: "growth",
            practice: "E1",
            why: "One draining week is noise; the same kind of work draining you week after week is a signal about skills or fit.",
            looks_for: "one kind of work marked as draining in the set number of the last eight journal weeks",
        },
        check: energy_drain_persistent,
    },
    &FnRule {
        info: RuleInfo {
            id: "role-drift",
            module: "growth",
            practice: "E4",
            why: "A transition shows in the calendar first: time that moves away from the target role moves you away from it.",
            looks_for: "the last four weeks further from the target role's time split than the four before",
        },
        check: role_drift,
    },
];

/// How much further (in share of time) the recent weeks must be before it is drift.
const DRIFT_MIN: f64 = 0.05;
/// Journal weeks the drain rule looks back over.
const DRAIN_WINDOW: usize = 8;

fn plan_link(id: i64) -> Link {
    Link::GrowthPlan { plan_id: id }
}

fn growth_step_overdue(s: &Snapshot) -> Vec<Finding> {
    let g = &s.growth;
    growth_rules::overdue_steps(&g.plans, &g.steps, s.today)
        .into_iter()
        .filter_map(|step| {
            let target = step.record.target?;
            let late = days_between(target, s.today);
            Some(Finding {
                subject: format!("step{}", step.id),
                severity: if late >= 28 { Severity::Warn } else { Severity::Info },
                title: format!("\"{}\" was due {target}", step.record.title),
                evidence: vec![Evidence::new(
                    format!("{} past its target date", plural(late, "day", "days")),
                    plan_link(step.record.plan),
                )],
                since: add_days(target, 1),
                weeks: (late / 7).max(1) as u32,
                through: s.today,
                action: Action {
                    text: "Decide what it needs: a block this week, a new date you believe in, or dropping it from the plan.".into(),
                    offer: Offer::task(
                        format!("Move the step forward: {}", step.record.title),
                        Category::Grow,
                        (true, false),
                        Some(60),
                    ),
                },
            })
        })
        .collect()
}

fn support_checkin_due(s: &Snapshot) -> Vec<Finding> {
    let g = &s.growth;
    let active: Vec<_> = g
        .support
        .iter()
        .filter(|sup| {
            g.plans
                .iter()
                .any(|p| p.id == sup.record.plan && p.record.status == PlanStatus::Active)
        })
        .cloned()
        .collect();
    let last = |id: i64| {
        g.last_contact
            .iter()
            .filter(|(p, _)| *p == id)
            .map(|(_, d)| *d)
            .max()
    };
    growth_rules::checkins_due(&active, &last, s.today)
        .into_iter()
        .map(|due| {
            let name = s.name_of(due.person);
            let seen = match due.last {
                Some(d) => format!("last in touch on {d}, due again {}", due.due),
                None => "no 1:1 or contact on record".to_string(),
            };
            Finding {
                subject: format!("p{}", due.person),
                severity: if due.days_over >= 14 { Severity::Warn } else { Severity::Info },
                title: format!("Check in with {name}, your {}", due.role),
                evidence: vec![Evidence::new(
                    seen,
                    Link::Person {
                        person_id: due.person,
                        name: name.clone(),
                    },
                )],
                since: due.due,
                weeks: (due.days_over / 7).max(1) as u32,
                through: s.today,
                action: Action {
                    text: format!("Share where your plan stands with {name} and ask what they see that you may be missing."),
                    offer: Some(Offer::AgendaItem {
                        person_id: due.person,
                        text: "Where my growth plan stands, and what I might be missing".into(),
                    }),
                },
            }
        })
        .collect()
}

fn no_progress_logged(s: &Snapshot) -> Vec<Finding> {
    let g = &s.growth;
    let Some(days) = growth_rules::days_without_progress(&g.plans, &g.progress, &g.wins, s.today)
    else {
        return Vec::new();
    };
    let window = i64::from(s.settings.progress_weeks) * 7;
    if days < window {
        return Vec::new();
    }
    let plan = g
        .plans
        .iter()
        .filter(|p| p.record.status == PlanStatus::Active)
        .min_by_key(|p| p.id);
    let since = add_days(s.today, -days);
    vec![Finding {
        subject: "plans".into(),
        severity: Severity::Info,
        title: format!("Nothing logged on your growth plans for {}", plural(days / 7, "week", "weeks")),
        evidence: vec![Evidence::new(
            format!("the last progress entry or win is from {since}"),
            plan.map_or(Link::Career, |p| plan_link(p.id)),
        )],
        since,
        weeks: (days / 7) as u32,
        through: s.today,
        action: Action {
            text: "Write down one thing that moved, however small, and match it to a goal: it is what a review will ask for.".into(),
            offer: Offer::task("Log this week's progress on the growth plan", Category::Grow, (true, false), Some(15)),
        },
    }]
}

fn energy_drain_persistent(s: &Snapshot) -> Vec<Finding> {
    let marked: Vec<_> = s
        .energy
        .iter()
        .filter(|e| !e.energy.is_empty() && e.monday < s.this_week())
        .collect();
    let recent = &marked[marked.len().saturating_sub(DRAIN_WINDOW)..];
    let need = s.settings.drain_weeks as usize;
    career::WORK
        .iter()
        .filter_map(|c| {
            let drained: Vec<_> = recent
                .iter()
                .filter(|e| e.energy.iter().any(|(k, v)| k == c && *v < 0))
                .collect();
            if drained.len() < need.max(1) {
                return None;
            }
            let first = drained.first()?.monday;
            let last = drained.last()?.monday;
            Some(Finding {
                subject: c.as_str().into(),
                severity: Severity::Warn,
                title: format!(
                    "{} work drained you in {} of your last {} journal weeks",
                    crate::words::capitalised(c.as_str()),
                    drained.len(),
                    recent.len()
                ),
                evidence: drained
                    .iter()
                    .map(|e| {
                        Evidence::new(
                            format!("{}: {} drained you", iso_week_label(e.monday), c),
                            Link::Ritual {
                                ritual: "weekly-journal".into(),
                                period: iso_week_label(e.monday),
                            },
                        )
                    })
                    .collect(),
                since: first,
                weeks: drained.len() as u32,
                through: add_days(last, 6),
                action: Action {
                    text: format!("Ask whether {c} work drains you for lack of a skill you can build, or because it does not suit you; the answer belongs in your career compass."),
                    offer: None,
                },
            })
        })
        .collect()
}

fn role_drift(s: &Snapshot) -> Vec<Finding> {
    let Some(role) = s
        .growth
        .plans
        .iter()
        .filter(|p| p.record.status == PlanStatus::Active)
        .find_map(|p| p.record.target_role.as_deref().and_then(Role::parse_alias))
    else {
        return Vec::new();
    };
    let weeks: Vec<WeekMinutes> = s
        .weeks
        .iter()
        .filter(|w| w.has_data(&s.profile))
        .map(|w| WeekMinutes {
            monday: w.monday,
            minutes: Category::ALL.iter().map(|c| (*c, w.minutes(*c))).collect(),
        })
        .collect();
    if weeks.len() < 8 {
        return Vec::new();
    }
    let (before, recent) = (
        &weeks[weeks.len() - 8..weeks.len() - 4],
        &weeks[weeks.len() - 4..],
    );
    let (then, now) = (career::audit(role, before), career::audit(role, recent));
    if now.distance - then.distance < DRIFT_MIN {
        return Vec::new();
    }
    let title = career::profile(role).title;
    let widest = now
        .categories
        .iter()
        .max_by(|a, b| a.difference.abs().total_cmp(&b.difference.abs()))
        .map(|l| {
            format!(
                "{} is {:.0}% of your time against the role's {:.0}%",
                l.category,
                l.actual_share * 100.0,
                l.role_share * 100.0
            )
        })
        .unwrap_or_default();
    vec![Finding {
        subject: role.as_str().into(),
        severity: Severity::Info,
        title: format!("Your time is moving away from {}", title.to_lowercase()),
        evidence: vec![
            Evidence::new(
                format!(
                    "distance to the role's split: {:.0}% over the last four weeks, {:.0}% over the four before",
                    now.distance * 100.0,
                    then.distance * 100.0
                ),
                Link::Career,
            ),
            Evidence::new(widest, Link::week(recent[recent.len() - 1].monday)),
        ],
        since: recent[0].monday,
        weeks: 4,
        through: add_days(recent[recent.len() - 1].monday, 6),
        action: Action {
            text: "Pick one thing the target role does that you can take on this week, and one familiar task to hand over.".into(),
            offer: None,
        },
    }]
}
