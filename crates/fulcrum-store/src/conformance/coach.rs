//! Checks of the coach's records: verdicts on insights, phases and habits.

use crate::Store;

pub async fn coach_records_round_trip(store: &dyn Store) {
    use fulcrum_core::Category;
    use fulcrum_core::habits::Habit;
    use fulcrum_core::insights::{Phase, PhaseKind, Verdict, VerdictKind};
    use jiff::civil::date;
    assert!(store.verdicts().await.unwrap().is_empty());
    let dismissed = Verdict {
        insight_id: "build-below-target.week.2026-11-02".into(),
        through: date(2026, 11, 16),
        kind: VerdictKind::Dismissed,
        reason: Some("planning quarter".into()),
        until: None,
        on: date(2026, 11, 25),
    };
    let snoozed = Verdict {
        insight_id: "one-on-one-overdue.p3.2026-11-20".into(),
        kind: VerdictKind::Snoozed,
        reason: None,
        until: Some(date(2026, 12, 1)),
        ..dismissed.clone()
    };
    store.add_verdict(&dismissed).await.unwrap();
    store.add_verdict(&snoozed).await.unwrap();
    assert_eq!(
        store.verdicts().await.unwrap(),
        vec![dismissed.clone(), snoozed.clone()]
    );
    assert_eq!(store.remove_verdicts(&snoozed.insight_id).await.unwrap(), 1);
    assert_eq!(store.remove_verdicts("nothing").await.unwrap(), 0);
    assert_eq!(store.verdicts().await.unwrap(), vec![dismissed]);

    let crunch = Phase {
        id: 0,
        kind: PhaseKind::Crunch,
        name: "launch".into(),
        from: date(2026, 11, 2),
        to: date(2026, 11, 15),
        targets: vec![fulcrum_core::Target {
            category: Category::Build,
            min_percent: 50.0,
            max_percent: 80.0,
        }],
        excused: Some(vec!["after-hours".into()]),
    };
    let planning = Phase {
        kind: PhaseKind::Planning,
        name: "Q1 planning".into(),
        from: date(2026, 10, 5),
        to: date(2026, 10, 9),
        targets: Vec::new(),
        excused: None,
        ..crunch.clone()
    };
    let crunch = store.add_phase(&crunch).await.unwrap();
    let planning = store.add_phase(&planning).await.unwrap();
    assert!(crunch.id > 0 && planning.id > crunch.id);
    assert_eq!(
        store.phases().await.unwrap(),
        vec![planning.clone(), crunch.clone()]
    );
    assert_eq!(store.delete_phase(crunch.id).await.unwrap(), crunch);
    assert!(store.delete_phase(crunch.id).await.is_err());
    assert_eq!(store.phases().await.unwrap(), vec![planning]);

    let habit = Habit {
        id: 0,
        title: "Thinking block".into(),
        category: Category::Think,
        minutes: 120,
        active: true,
        created_on: date(2026, 11, 25),
        origin: Some("insight:no-think-time.week.2026-11-02".into()),
    };
    let mut habit = store.add_habit(&habit).await.unwrap();
    assert!(habit.id > 0);
    habit.active = false;
    habit.minutes = 90;
    store.update_habit(&habit).await.unwrap();
    assert_eq!(store.habits().await.unwrap(), vec![habit.clone()]);
    assert!(
        store
            .update_habit(&Habit { id: 999, ..habit })
            .await
            .is_err()
    );
}
