use super::fixtures::*;
use crate::Category;
use crate::insights::{Link, Offer, Phase, PhaseKind, Severity, phase_of};
use crate::time::add_days;

#[test]
fn build_below_target_for_three_weeks() {
    let s = Scenario::healthy(4)
        .with_last(3, |w| w.build_minutes_per_day = 30)
        .snapshot();
    let i = raised(&s, "build-below-target");
    assert_eq!(i.weeks, 3);
    assert_eq!(i.since, add_days(FIRST_MONDAY, 7));
    assert_eq!(i.evidence.len(), 3);
    assert!(
        i.evidence[0].text.contains("target at least 30 %"),
        "{:?}",
        i.evidence
    );
    assert!(matches!(i.evidence[2].link, Link::Week { .. }));
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddHabit {
            category: Category::Build,
            ..
        })
    ));
    assert_eq!(i.practice, "C2.9");
}

#[test]
fn build_below_target_for_two_weeks_is_a_near_miss() {
    let s = Scenario::healthy(4)
        .with_last(2, |w| w.build_minutes_per_day = 30)
        .snapshot();
    quiet(&s, "build-below-target");
}

#[test]
fn the_current_week_is_never_judged() {
    // Three bad weeks, but the last of them is still running.
    let mut s = Scenario::healthy(4)
        .with_last(3, |w| w.build_minutes_per_day = 30)
        .snapshot();
    s.today = add_days(s.weeks[3].monday, 3);
    quiet(&s, "build-below-target");
}

#[test]
fn a_planned_phase_excuses_its_weeks() {
    let mut s = Scenario::healthy(4)
        .with_last(3, |w| w.build_minutes_per_day = 30)
        .snapshot();
    let phase = Phase {
        id: 1,
        kind: PhaseKind::Planning,
        name: "Q2 planning".into(),
        from: s.weeks[2].monday,
        to: add_days(s.weeks[2].monday, 6),
        targets: Vec::new(),
        excused: None,
    };
    for w in &mut s.weeks {
        w.phase = phase_of(std::slice::from_ref(&phase), w.monday);
    }
    quiet(&s, "build-below-target");
}

#[test]
fn a_phase_target_replaces_the_profile_target() {
    let mut s = Scenario::healthy(4)
        .with_last(3, |w| w.build_minutes_per_day = 30)
        .snapshot();
    let phase = Phase {
        id: 1,
        kind: PhaseKind::Custom,
        name: "hiring push".into(),
        from: s.weeks[0].monday,
        to: add_days(s.this_week(), -1),
        targets: vec![crate::Target {
            category: Category::Build,
            min_percent: 5.0,
            max_percent: 40.0,
        }],
        excused: None,
    };
    for w in &mut s.weeks {
        w.phase = phase_of(std::slice::from_ref(&phase), w.monday);
    }
    quiet(&s, "build-below-target");
}

#[test]
fn a_week_without_data_ends_a_run() {
    let s = Scenario::healthy(5)
        .with_last(3, |w| w.build_minutes_per_day = 30)
        .with_last(2, |w| {
            // Nothing at all in the calendar: a week with no data is not judged.
            *w = crate::insights::tests::fixtures::WeekPlan {
                build_minutes_per_day: 0,
                meeting_minutes_per_day: 0,
                think_minutes: 0,
                grow_minutes: 0,
                ..Default::default()
            };
        })
        .snapshot();
    quiet(&s, "build-below-target");
    quiet(&s, "no-code-weeks");
    quiet(&s, "no-think-time");
}

#[test]
fn no_code_for_three_weeks() {
    let s = Scenario::healthy(4)
        .with_last(3, |w| w.commits = false)
        .snapshot();
    let i = raised(&s, "no-code-weeks");
    assert_eq!(i.weeks, 3);
    assert!(i.evidence[0].text.contains("no commit"));
}

#[test]
fn no_code_is_a_near_miss_with_one_commit_week_between() {
    let s = Scenario::healthy(4)
        .with_last(2, |w| w.commits = false)
        .snapshot();
    quiet(&s, "no-code-weeks");
}

#[test]
fn no_code_is_not_said_when_the_role_builds_nothing() {
    let mut s = Scenario::healthy(4)
        .with_last(3, |w| w.commits = false)
        .snapshot();
    s.profile.set_target(Category::Build, 0.0, 0.0).unwrap();
    quiet(&s, "no-code-weeks");
}

#[test]
fn no_focus_block_on_most_days() {
    // Meetings in 30-minute pieces with 30-minute gaps: never 90 minutes free.
    let s = Scenario::healthy(2)
        .with_last(1, |w| {
            w.build_minutes_per_day = 60;
            w.meeting_minutes_per_day = 240;
            w.meeting_piece = 30;
            w.meeting_gap = 45;
        })
        .snapshot();
    let i = raised(&s, "no-focus-block");
    assert!(
        i.evidence[0].text.contains("5 of 5 working days"),
        "{:?}",
        i.evidence
    );
}

#[test]
fn one_focus_block_a_day_is_enough() {
    let s = Scenario::healthy(2)
        .with_last(1, |w| w.build_minutes_per_day = 100)
        .snapshot();
    quiet(&s, "no-focus-block");
}

#[test]
fn meetings_over_five_hours_on_most_days() {
    let s = Scenario::healthy(2)
        .with_last(1, |w| {
            w.build_minutes_per_day = 30;
            w.meeting_minutes_per_day = 330;
        })
        .snapshot();
    let i = raised(&s, "meeting-overload");
    assert!(i.evidence[0].text.contains("over 5h00"), "{:?}", i.evidence);
}

#[test]
fn meetings_of_exactly_five_hours_are_a_near_miss() {
    let s = Scenario::healthy(2)
        .with_last(1, |w| {
            w.build_minutes_per_day = 30;
            w.meeting_minutes_per_day = 300;
        })
        .snapshot();
    quiet(&s, "meeting-overload");
}

#[test]
fn fragmented_days() {
    let s = Scenario::healthy(2)
        .with_last(1, |w| {
            w.meeting_minutes_per_day = 150;
            w.meeting_piece = 30;
            w.meeting_gap = 15;
        })
        .snapshot();
    raised(&s, "fragmented-days");
}

#[test]
fn three_gaps_a_day_are_a_near_miss() {
    let s = Scenario::healthy(2)
        .with_last(1, |w| {
            w.meeting_minutes_per_day = 120;
            w.meeting_piece = 30;
            w.meeting_gap = 15;
        })
        .snapshot();
    quiet(&s, "fragmented-days");
}

#[test]
fn after_hours_in_two_of_three_weeks() {
    let s = Scenario::healthy(4)
        .with_last(3, |w| w.evening_minutes = 90)
        .snapshot();
    let i = raised(&s, "after-hours");
    assert_eq!(i.weeks, 3);
    assert_eq!(i.severity, Severity::Alert);
    let s = Scenario::healthy(4)
        .with_last(1, |w| w.evening_minutes = 90)
        .snapshot();
    quiet(&s, "after-hours");
}

#[test]
fn after_hours_that_stopped_last_week_is_a_near_miss() {
    let mut plans = Scenario::healthy(4);
    plans.weeks[1].evening_minutes = 90;
    plans.weeks[2].evening_minutes = 90;
    quiet(&plans.snapshot(), "after-hours");
}

#[test]
fn no_think_time_for_three_weeks() {
    let s = Scenario::healthy(4)
        .with_last(3, |w| w.think_minutes = 0)
        .snapshot();
    let i = raised(&s, "no-think-time");
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddHabit {
            category: Category::Think,
            minutes: 120,
            ..
        })
    ));
    let s = Scenario::healthy(4)
        .with_last(2, |w| w.think_minutes = 0)
        .snapshot();
    quiet(&s, "no-think-time");
}

#[test]
fn no_grow_time_for_four_weeks() {
    let s = Scenario::healthy(5)
        .with_last(4, |w| w.grow_minutes = 0)
        .snapshot();
    raised(&s, "no-grow-time");
    let s = Scenario::healthy(5)
        .with_last(3, |w| w.grow_minutes = 0)
        .snapshot();
    quiet(&s, "no-grow-time");
}

#[test]
fn no_day_off_for_six_weeks() {
    let s = Scenario::healthy(7)
        .with_last(6, |w| w.weekend_minutes = 120)
        .snapshot();
    let i = raised(&s, "no-day-off");
    assert_eq!(i.weeks, 6);
    assert!(matches!(i.evidence[0].link, Link::Day { .. }));
    let s = Scenario::healthy(7)
        .with_last(5, |w| w.weekend_minutes = 120)
        .snapshot();
    quiet(&s, "no-day-off");
}

#[test]
fn no_day_off_needs_enough_history() {
    let s = Scenario::healthy(3)
        .with_weeks(|w| w.weekend_minutes = 120)
        .snapshot();
    quiet(&s, "no-day-off");
}

#[test]
fn burnout_risk_combines_its_parts() {
    let s = Scenario::healthy(4)
        .with_weeks(|w| {
            w.evening_minutes = 120;
            w.weekend_minutes = 60;
            w.build_minutes_per_day = 30;
            w.meeting_minutes_per_day = 300;
            w.meeting_piece = 60;
            w.meeting_gap = 15;
        })
        .snapshot();
    let i = raised(&s, "burnout-risk");
    assert_eq!(i.evidence.len(), 5, "each part is shown");
    assert!(
        i.evidence
            .iter()
            .filter(|e| e.text.starts_with("yes"))
            .count()
            >= 3,
        "{:?}",
        i.evidence
    );
    assert!(i.evidence.iter().any(|e| e.text.contains("journal")));
}

#[test]
fn burnout_risk_with_two_strains_is_a_near_miss() {
    let s = Scenario::healthy(4)
        .with_weeks(|w| {
            w.evening_minutes = 120;
            w.weekend_minutes = 60;
        })
        .snapshot();
    quiet(&s, "burnout-risk");
}
