//! The growth rules: a scenario that raises each and a near miss that does not.

use super::fixtures::*;
use crate::Category;
use crate::growth::{
    GoalKind, GrowthPlan, Keyed, PlanStatus, Progress, ProgressKind, Step, StepStatus, Support,
    SupportRole,
};
use crate::insights::{EnergyMark, Link, Offer, Snapshot};
use crate::people::Relation;
use crate::time::add_days;
use jiff::civil::Date;

const MENTOR: i64 = 7;

fn plan(s: &Snapshot, role: Option<&str>) -> Keyed<GrowthPlan> {
    Keyed {
        id: 1,
        record: GrowthPlan {
            goal: "Become a staff engineer".into(),
            why: String::new(),
            success: vec![],
            kind: GoalKind::Career,
            status: PlanStatus::Active,
            created_on: add_days(s.today, -60),
            target_role: role.map(str::to_string),
        },
    }
}

fn step(target: Date, status: StepStatus) -> Keyed<Step> {
    Keyed {
        id: 11,
        record: Step {
            plan: 1,
            title: "Write the RFC".into(),
            start: None,
            target: Some(target),
            depends_on: vec![],
            status,
            done_on: None,
        },
    }
}

/// A healthy month with an active plan, progress logged `days_ago`, and `f`'s changes.
fn growing(progress_days_ago: i64, f: impl FnOnce(&mut Snapshot)) -> Snapshot {
    Scenario::healthy(4)
        .with(|s| {
            s.growth.plans = vec![plan(s, None)];
            s.growth.progress = vec![Progress {
                on: add_days(s.today, -progress_days_ago),
                text: "Drafted the RFC outline".into(),
                kind: ProgressKind::Progress,
                plan: Some(1),
                step: None,
            }];
            f(s);
        })
        .snapshot()
}

#[test]
fn a_step_past_its_date_is_raised_and_a_done_one_is_not() {
    let s = growing(3, |s| {
        s.growth.steps = vec![step(add_days(s.today, -10), StepStatus::Planned)]
    });
    let i = raised(&s, "growth-step-overdue");
    assert_eq!(
        i.id,
        format!("growth-step-overdue.step11.{}", add_days(s.today, -9))
    );
    assert_eq!(i.evidence[0].link, Link::GrowthPlan { plan_id: 1 });
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddTask {
            category: Category::Grow,
            ..
        })
    ));
    quiet(
        &growing(3, |s| {
            s.growth.steps = vec![step(add_days(s.today, -10), StepStatus::Done)]
        }),
        "growth-step-overdue",
    );
    quiet(
        &growing(3, |s| {
            s.growth.steps = vec![step(s.today, StepStatus::Doing)]
        }),
        "growth-step-overdue",
    );
    // An archived plan's steps are no longer judged.
    quiet(
        &growing(3, |s| {
            s.growth.steps = vec![step(add_days(s.today, -10), StepStatus::Planned)];
            s.growth.plans[0].record.status = PlanStatus::Archived;
        }),
        "growth-step-overdue",
    );
}

fn mentored(last_contact_days_ago: Option<i64>) -> Snapshot {
    growing(3, |s| {
        s.people = vec![person(MENTOR, "Ana Ortiz", Relation::Mentor, s.today)];
        s.growth.support = vec![Keyed {
            id: 21,
            record: Support {
                plan: 1,
                person: MENTOR,
                role: SupportRole::Mentor,
                side: None,
                cadence_days: Some(28),
                note: String::new(),
            },
        }];
        s.growth.last_contact = last_contact_days_ago
            .map(|n| (MENTOR, add_days(s.today, -n)))
            .into_iter()
            .collect();
    })
}

#[test]
fn a_supporter_past_their_cadence_is_raised_with_an_agenda_item() {
    let i = raised(&mentored(Some(40)), "support-checkin-due");
    assert!(i.title.contains("Ana Ortiz"), "{}", i.title);
    assert!(matches!(
        i.action.offer,
        Some(Offer::AgendaItem {
            person_id: MENTOR,
            ..
        })
    ));
    // Never in touch: due now.
    raised(&mentored(None), "support-checkin-due");
    // Within the cadence.
    quiet(&mentored(Some(20)), "support-checkin-due");
}

#[test]
fn a_plan_without_progress_for_weeks_is_raised() {
    let i = raised(&growing(30, |_| {}), "no-progress-logged");
    assert_eq!(i.weeks, 4);
    quiet(&growing(20, |_| {}), "no-progress-logged");
    // No active plan, nothing to log against.
    quiet(
        &growing(60, |s| s.growth.plans[0].record.status = PlanStatus::Done),
        "no-progress-logged",
    );
}

/// Eight journal weeks before this one; operate drained in the first `drained` of them.
fn journal(drained: usize) -> Snapshot {
    Scenario::healthy(4)
        .with(|s| {
            let this_week = s.this_week();
            s.energy = (0..8)
                .map(|n| EnergyMark {
                    monday: add_days(this_week, -7 * (8 - n)),
                    energy: if (n as usize) < drained {
                        vec![(Category::Operate, -1), (Category::Build, 1)]
                    } else {
                        vec![(Category::Build, 1)]
                    },
                })
                .collect();
        })
        .snapshot()
}

#[test]
fn work_that_drains_week_after_week_is_raised_and_a_bad_patch_is_not() {
    let i = raised(&journal(5), "energy-drain-persistent");
    assert_eq!(i.evidence.len(), 5);
    assert!(
        i.title
            .starts_with("Operate work drained you in 5 of your last 8"),
        "{}",
        i.title
    );
    quiet(&journal(4), "energy-drain-persistent");
}

/// Eight weeks: the first four like a director's (little code, much alignment), then the
/// last four `then`.
fn aiming_at_director(then: impl Fn(&mut WeekPlan)) -> Snapshot {
    Scenario::healthy(8)
        .with_weeks(|w| {
            w.build_minutes_per_day = 30;
            w.meeting_minutes_per_day = 300;
        })
        .with_last(4, then)
        .with(|s| s.growth.plans = vec![plan(s, Some("director"))])
        .snapshot()
}

#[test]
fn time_moving_away_from_the_target_role_is_raised() {
    let s = aiming_at_director(|w| {
        w.build_minutes_per_day = 360;
        w.meeting_minutes_per_day = 30;
    });
    let i = raised(&s, "role-drift");
    assert!(i.title.contains("engineering director"), "{}", i.title);
    assert_eq!(i.evidence[0].link, Link::Career);
    // The same split all along is no drift.
    quiet(&aiming_at_director(|_| {}), "role-drift");
    // Without a target role there is nothing to drift from.
    let mut no_role = s.clone();
    no_role.growth.plans[0].record.target_role = None;
    quiet(&no_role, "role-drift");
}
