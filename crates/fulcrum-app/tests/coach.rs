//! Phases and habits through the use cases, on the demo's year: a phase's targets judge its
//! week's report and the report names it; a habit is planned before any task, counted kept
//! by the review when nothing took its time, and no longer planned once stopped.

mod common;

use fulcrum_app::insights::{self, NewPhase};
use fulcrum_app::report::{self, Period};
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::weekly;
use fulcrum_core::Category;
use fulcrum_core::insights::PhaseKind;
use fulcrum_core::time;
use jiff::civil::date;

const TODAY: jiff::civil::Date = date(2026, 3, 4);

fn crunch(from: jiff::civil::Date, to: jiff::civil::Date) -> NewPhase {
    NewPhase {
        kind: PhaseKind::Crunch,
        name: Some("refunds launch".into()),
        from,
        to,
        targets: vec![("build".into(), "50-80".into())],
        excused: None,
    }
}

#[tokio::test]
async fn a_phase_judges_its_week_and_the_report_names_it() {
    let (_dir, built, store, now) = common::demo_year(42, TODAY).await;
    let rules = RuleBook::new(&built.rules);
    let week = Period::Week(date(2026, 2, 16));
    let build_min = |r: &fulcrum_core::Report| {
        r.categories
            .iter()
            .find(|c| c.category == Category::Build)
            .and_then(|c| c.target_min)
    };
    let before = report::build(store.as_ref(), &rules, &week, now)
        .await
        .unwrap();
    assert_eq!(before.phase, None);
    assert_eq!(build_min(&before), Some(0.3));

    let phase = insights::add_phase(store.as_ref(), crunch(date(2026, 2, 16), date(2026, 3, 1)))
        .await
        .unwrap();
    let during = report::build(store.as_ref(), &rules, &week, now)
        .await
        .unwrap();
    assert_eq!(during.phase.as_ref().map(|p| p.id), Some(phase.id));
    assert_eq!(build_min(&during), Some(0.5));
    assert!(fulcrum_app::markdown::report(&during).contains("Phase: refunds launch (crunch"));
    // A week the phase does not cover keeps the profile's targets.
    let after = report::build(store.as_ref(), &rules, &Period::Week(date(2026, 3, 2)), now)
        .await
        .unwrap();
    assert_eq!((&after.phase, build_min(&after)), (&None, Some(0.3)));

    let backwards =
        insights::add_phase(store.as_ref(), crunch(date(2026, 3, 1), date(2026, 2, 16))).await;
    assert!(backwards.unwrap_err().to_string().contains("before --from"));
    let mut unknown = crunch(date(2026, 3, 2), date(2026, 3, 8));
    unknown.excused = Some(vec!["no-such-rule".into()]);
    let refused = insights::add_phase(store.as_ref(), unknown)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("'no-such-rule' is not a rule"),
        "{refused}"
    );
    assert_eq!(
        store.phases().await.unwrap().len(),
        1,
        "a refused phase is not kept"
    );
}

#[tokio::test]
async fn a_habit_is_planned_first_kept_and_stopped() {
    let (_dir, _built, store, now) = common::demo_year(42, TODAY).await;
    let habit = insights::add_habit(
        store.as_ref(),
        "Thinking block",
        Category::Think,
        120,
        None,
        now,
    )
    .await
    .unwrap();
    let next = time::add_days(time::week_start(TODAY), 7);
    let id = weekly::habit_task_id(habit.id);
    let plan = weekly::propose(store.as_ref(), next, now).await.unwrap();
    let minutes: i64 = plan
        .blocks
        .iter()
        .filter(|b| b.task_id == id)
        .map(|b| (b.end - b.start).as_mins())
        .sum();
    assert_eq!(minutes, 120, "{:?}", plan.blocks);
    assert_eq!(plan.blocks[0].task_id, id, "placed before any task");

    // Accepted, then reviewed once the week is over with nothing new in the calendar: kept.
    weekly::accept(store.as_ref(), next, now).await.unwrap();
    let after_week = time::day_start(time::add_days(next, 8), &jiff::tz::TimeZone::UTC);
    let reviews =
        weekly::reviews_between(store.as_ref(), next, time::add_days(next, 7), after_week)
            .await
            .unwrap();
    let (_, review) = &reviews[0];
    let habit_blocks = plan.blocks.iter().filter(|b| b.task_id == id).count();
    assert!(review.done_blocks >= habit_blocks, "{review:?}");

    insights::stop_habit(store.as_ref(), habit.id)
        .await
        .unwrap();
    let later = weekly::propose(store.as_ref(), time::add_days(next, 7), now)
        .await
        .unwrap();
    assert!(later.blocks.iter().all(|b| b.task_id != id));
    assert!(
        insights::add_habit(store.as_ref(), " ", Category::Think, 60, None, now)
            .await
            .is_err()
    );
}
