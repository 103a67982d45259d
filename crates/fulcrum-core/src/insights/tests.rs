//! Each rule with a scenario that raises it and a near miss that does not. The weeks are real
//! reports built from activities, so the rules read what a user's calendar would give.

mod fixtures;
mod growth_rules;
mod people_rules;
mod technical_rules;
mod time_rules;
mod weekly_rules;

use super::*;
use fixtures::*;

#[test]
fn an_empty_store_says_nothing() {
    let s = Snapshot::empty(
        crate::test_support::profile(),
        jiff::civil::date(2026, 3, 4),
    );
    assert_eq!(evaluate(&s), Vec::new());
}

#[test]
fn a_healthy_month_says_nothing() {
    let s = Scenario::healthy(4).snapshot();
    let seen: Vec<String> = evaluate(&s).iter().map(|i| i.id.clone()).collect();
    assert_eq!(seen, Vec::<String>::new());
}

#[test]
fn rule_ids_are_unique_and_there_are_at_least_thirty() {
    let ids: Vec<&str> = rules().iter().map(|r| r.info().id).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.len() >= 30, "{}", ids.len());
    for r in rules() {
        let i = r.info();
        assert!(
            !i.why.is_empty() && !i.looks_for.is_empty() && !i.practice.is_empty(),
            "{}",
            i.id
        );
    }
}

#[test]
fn ids_are_stable_for_rule_subject_and_start() {
    let s = Scenario::healthy(5)
        .with_weeks(|w| w.build_minutes_per_day = 30)
        .snapshot();
    let first = raised(&s, "build-below-target");
    let mut later = s.clone();
    later.today = crate::time::add_days(s.today, 1);
    assert_eq!(raised(&later, "build-below-target").id, first.id);
    assert_eq!(first.id, format!("build-below-target.week.{}", first.since));
}

#[test]
fn a_dismissal_holds_until_a_new_week_of_evidence() {
    let s = Scenario::healthy(5)
        .with_weeks(|w| w.build_minutes_per_day = 30)
        .snapshot();
    let insight = raised(&s, "build-below-target");
    let verdict = Verdict {
        insight_id: insight.id.clone(),
        through: insight.through,
        kind: VerdictKind::Dismissed,
        reason: Some("planning quarter".into()),
        until: None,
        on: s.today,
    };
    assert!(hidden_by(&insight, std::slice::from_ref(&verdict), s.today).is_some());
    let later = Insight {
        through: crate::time::add_days(insight.through, 7),
        ..insight.clone()
    };
    assert!(hidden_by(&later, std::slice::from_ref(&verdict), s.today).is_none());
    let snoozed = Verdict {
        kind: VerdictKind::Snoozed,
        until: Some(crate::time::add_days(s.today, 3)),
        ..verdict
    };
    assert!(hidden_by(&insight, std::slice::from_ref(&snoozed), s.today).is_some());
    let after = crate::time::add_days(s.today, 3);
    assert!(hidden_by(&insight, std::slice::from_ref(&snoozed), after).is_none());
}

#[test]
fn a_rule_switched_off_in_the_settings_is_silent() {
    let mut s = Scenario::healthy(5)
        .with_weeks(|w| w.build_minutes_per_day = 30)
        .snapshot();
    assert!(evaluate(&s).iter().any(|i| i.rule == "build-below-target"));
    s.settings.set("off", "build-below-target").unwrap();
    assert!(!evaluate(&s).iter().any(|i| i.rule == "build-below-target"));
    assert!(s.settings.set("off", "no-such-rule").is_err());
}

#[test]
fn the_most_pressing_come_first() {
    let s = Scenario::healthy(6)
        .with_weeks(|w| {
            w.commits = false;
            w.think_minutes = 0;
            w.evening_minutes = 150;
        })
        .snapshot();
    let all = evaluate(&s);
    assert!(all.len() >= 2);
    for pair in all.windows(2) {
        assert!(pair[0].severity >= pair[1].severity, "{all:#?}");
    }
}
