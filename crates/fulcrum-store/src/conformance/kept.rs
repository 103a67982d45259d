//! Checks of kept records: typed round trips, reads by parent, person and period, one
//! transaction per write, deletes that take what belongs to a record, and owners kept apart.

use crate::kept::{ParentRef, add_change, add_change_under, delete_change, update_change};
use crate::{AccountId, Filter, Records, Store, StoreError};
use fulcrum_core::growth::{
    GoalKind, GrowthPlan, PlanStatus, Rater, Rating, Step, StepStatus, Support, SupportRole, Win,
};
use fulcrum_core::people::{Person, Relation};
use jiff::civil::date;

fn plan(goal: &str) -> GrowthPlan {
    GrowthPlan {
        goal: goal.into(),
        why: "more influence on the architecture".into(),
        success: vec!["I run the design reviews".into()],
        kind: GoalKind::Career,
        status: PlanStatus::Active,
        created_on: date(2026, 1, 5),
        target_role: Some("staff".into()),
    }
}

fn step(plan: i64, title: &str, target: (i16, i8, i8)) -> Step {
    Step {
        plan,
        title: title.into(),
        start: None,
        target: Some(date(target.0, target.1, target.2)),
        depends_on: vec![],
        status: StepStatus::Planned,
        done_on: None,
    }
}

async fn someone(store: &dyn Store, name: &str) -> i64 {
    store
        .add_person(&Person {
            cadence_days: 0,
            ..Person::new(0, name, &[], Relation::Mentor)
        })
        .await
        .unwrap()
        .id
}

pub async fn kept_records_round_trip(store: &dyn Store) {
    assert!(store.all::<GrowthPlan>().await.unwrap().is_empty());
    let staff = store.add(&plan("Become a staff engineer")).await.unwrap();
    assert_eq!(store.get::<GrowthPlan>(staff.id).await.unwrap(), staff);
    // A plan and its first steps in one write: the steps learn the plan's id.
    let ids = store
        .write_records(&[
            add_change(&plan("Lead the platform migration")).unwrap(),
            add_change_under(
                &step(0, "Write the RFC", (2026, 2, 1)),
                Some(ParentRef::Added(0)),
            )
            .unwrap(),
            add_change_under(
                &step(0, "Run the pilot", (2026, 3, 1)),
                Some(ParentRef::Added(0)),
            )
            .unwrap(),
        ])
        .await
        .unwrap();
    assert_eq!(ids.len(), 3);
    let steps = store.find::<Step>(Filter::parent(ids[0])).await.unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|s| (s.id, s.record.plan))
            .collect::<Vec<_>>(),
        vec![(ids[1], ids[0]), (ids[2], ids[0])]
    );
    store
        .add(&step(staff.id, "Shadow the architect", (2026, 4, 1)))
        .await
        .unwrap();
    assert_eq!(store.count::<Step>(Filter::default()).await.unwrap(), 3);
    // By period: on or after February 2 and on or before March 31.
    let spring = store
        .find::<Step>(Filter::period(date(2026, 2, 2), date(2026, 3, 31)))
        .await
        .unwrap();
    assert_eq!(spring.len(), 1);
    assert_eq!(spring[0].record.title, "Run the pilot");

    let mut done = steps[0].record.clone();
    done.status = StepStatus::Done;
    done.done_on = Some(date(2026, 1, 30));
    store.update(steps[0].id, &done).await.unwrap();
    assert_eq!(store.get::<Step>(steps[0].id).await.unwrap().record, done);

    // A kind reads only its own rows: a plan's id is no step.
    assert!(matches!(
        store.get::<Step>(staff.id).await,
        Err(StoreError::NotFound { .. })
    ));
    // Deleting a plan takes its steps.
    store.delete::<GrowthPlan>(ids[0]).await.unwrap();
    assert_eq!(store.count::<Step>(Filter::default()).await.unwrap(), 1);
    assert!(matches!(
        store.delete::<GrowthPlan>(ids[0]).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn a_refused_record_write_changes_nothing(store: &dyn Store) {
    let before = store.export_tables().await.unwrap();
    let staff = plan("Become a staff engineer");
    // The second change names a plan that is not there: the first is not kept either.
    let refused = store
        .write_records(&[
            add_change(&staff).unwrap(),
            add_change(&step(987_654, "Orphan", (2026, 2, 1))).unwrap(),
        ])
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound { .. })));
    // An update or a delete of a record that is not there.
    assert!(
        store
            .write_records(&[
                add_change(&staff).unwrap(),
                update_change(987_654, &staff).unwrap(),
            ])
            .await
            .is_err()
    );
    assert!(
        store
            .write_records(&[
                add_change(&staff).unwrap(),
                delete_change::<GrowthPlan>(987_654),
            ])
            .await
            .is_err()
    );
    // A record naming a person who is not there.
    let rating = Rating::new("delegating", 7, Rater::Person(987_654), date(2026, 3, 1));
    assert!(store.add(&rating).await.is_err());
    assert_eq!(store.export_tables().await.unwrap(), before);
}

pub async fn kept_records_stay_with_their_owner(store: &dyn Store) {
    let mentor = someone(store, "Ana").await;
    let mine = store.add(&plan("Become a staff engineer")).await.unwrap();
    store
        .add(&Support {
            plan: mine.id,
            person: mentor,
            role: SupportRole::Mentor,
            side: None,
            cadence_days: Some(28),
            note: String::new(),
        })
        .await
        .unwrap();
    let win = Win {
        on: date(2026, 3, 4),
        text: "Ran the design review".into(),
        plan: Some(mine.id),
        step: None,
        source: None,
    };
    store.add(&win).await.unwrap();
    let revision = store.revision().await.unwrap();

    let other = store.for_account(AccountId::new(2));
    assert!(other.all::<GrowthPlan>().await.unwrap().is_empty());
    assert!(other.all::<Win>().await.unwrap().is_empty());
    assert_eq!(other.count::<Support>(Filter::default()).await.unwrap(), 0);
    assert!(other.get::<GrowthPlan>(mine.id).await.is_err());
    // Nor can it write under the owner's plan, about the owner's people, or over their rows.
    assert!(
        other
            .add(&step(mine.id, "Borrowed", (2026, 5, 1)))
            .await
            .is_err()
    );
    let theirs = other.add(&plan("Their own plan")).await.unwrap();
    assert!(
        other
            .add(&Support {
                plan: theirs.id,
                person: mentor,
                role: SupportRole::Peer,
                side: None,
                cadence_days: None,
                note: String::new(),
            })
            .await
            .is_err()
    );
    assert!(other.update(mine.id, &plan("Taken over")).await.is_err());
    assert!(other.delete::<GrowthPlan>(mine.id).await.is_err());
    assert_eq!(store.revision().await.unwrap(), revision);
    assert_eq!(store.get::<GrowthPlan>(mine.id).await.unwrap(), mine);

    // Deleting a person takes the records about them.
    let gone = store.delete_person(mentor).await.unwrap();
    assert_eq!(gone.other_records, 1);
    assert_eq!(store.count::<Support>(Filter::default()).await.unwrap(), 0);
    assert!(store.revision().await.unwrap() > revision);
}
