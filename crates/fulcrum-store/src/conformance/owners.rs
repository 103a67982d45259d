//! Checks that a handle is one owner's: another owner reads, finds and changes none of the
//! local owner's rows, and private reads take their owner's key.

use super::{calendar, event};
use crate::{OwnerKey, Store};

/// Another owner's handle on the same database, after the earlier checks filled the local
/// owner's rows of every kind: it reads none of them, private or not, changes none of them,
/// and the local owner's key does not open its private reads (nor its key the local ones).
pub async fn another_owner_reads_nothing(store: &dyn Store) {
    // Time logged by hand: the manual-time check leaves none behind.
    store
        .add_manual_entry(&crate::NewManualEntry {
            start_at: 1_000,
            end_at: Some(2_800),
            category: "build".into(),
            title: "mine".into(),
        })
        .await
        .unwrap();
    let mine = store.export_tables().await.unwrap();
    let held = |table: &str| {
        mine.iter()
            .find(|d| d.name == table)
            .map_or(0, |d| d.rows.len())
    };
    for table in [
        "sources",
        "events",
        "commits",
        "tasks",
        "plans",
        "reviews",
        "inbox",
        "entries",
        "people",
        "one_on_one_notes",
        "one_on_one_items",
        "feedback",
        "delegations",
        "observations",
        "interactions",
        "commitments",
        "preps",
        "onboarding_steps",
        "manual_entries",
        "settings",
    ] {
        assert!(
            held(table) > 0,
            "the earlier checks left no {table} to hide"
        );
    }
    owner_sees_nothing_of_the_other(store).await;
}

/// The body of `another_owner_reads_nothing`, over whatever the store holds.
pub(super) async fn owner_sees_nothing_of_the_other(store: &dyn Store) {
    use crate::{AccountId, PrivateOf, StoreError};
    use fulcrum_core::rituals::Ritual;
    let mine = store.export_tables().await.unwrap();
    assert_eq!(store.account(), AccountId::LOCAL);
    let other = store.for_account(AccountId::new(2));
    let theirs = OwnerKey::signed_in(AccountId::new(2));
    let all = (i64::MIN / 2, i64::MAX / 2);

    assert_eq!(other.account(), AccountId::new(2));
    assert_eq!(other.profile().await.unwrap(), None);
    assert!(other.verdicts().await.unwrap().is_empty());
    assert!(other.phases().await.unwrap().is_empty());
    assert!(other.habits().await.unwrap().is_empty());
    assert!(other.sources().await.unwrap().is_empty());
    assert!(other.source_counts().await.unwrap().is_empty());
    assert!(other.events_between(all.0, all.1).await.unwrap().is_empty());
    let everyone = ["me@example.com".to_string(), "kim@example.com".to_string()];
    assert!(
        other
            .events_with(all.0, all.1, &everyone)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        other
            .commits_between(all.0, all.1)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(other.tasks().await.unwrap().is_empty());
    assert!(other.planned_weeks().await.unwrap().is_empty());
    assert!(other.inbox().await.unwrap().is_empty());
    assert!(other.people().await.unwrap().is_empty());
    assert!(other.observations().await.unwrap().is_empty());
    assert!(other.notes().await.unwrap().is_empty());
    assert!(other.items().await.unwrap().is_empty());
    assert!(other.feedback().await.unwrap().is_empty());
    assert!(other.delegations().await.unwrap().is_empty());
    assert!(other.interactions().await.unwrap().is_empty());
    assert!(other.commitments().await.unwrap().is_empty());
    assert!(other.preps().await.unwrap().is_empty());
    assert!(other.onboarding_steps().await.unwrap().is_empty());
    assert!(
        other
            .manual_entries_between(all.0, all.1)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(other.running_timer().await.unwrap(), None);
    for r in Ritual::ALL {
        assert!(other.entries(&theirs, r).await.unwrap().is_empty());
    }
    assert_eq!(
        other.private_notes(&theirs, None).await.unwrap(),
        crate::PrivateNotes::default()
    );

    // Nothing of the local owner's answers by id either.
    for s in store.sources().await.unwrap() {
        assert_eq!(other.source(s.id).await.unwrap(), None);
        assert!(other.source_removal(s.id).await.is_err());
        assert!(other.remove_source(s.id).await.is_err());
    }
    for week in store.planned_weeks().await.unwrap() {
        assert_eq!(other.plan(&week).await.unwrap(), None);
        assert_eq!(other.adjustment(&week).await.unwrap(), None);
    }
    for t in store.tasks().await.unwrap() {
        assert_eq!(other.task(t.id).await.unwrap(), None);
        assert!(matches!(
            other.update_task(&t).await,
            Err(StoreError::NotFound { .. })
        ));
    }
    for p in store.people().await.unwrap() {
        assert_eq!(other.person(p.id).await.unwrap(), None);
        assert!(other.person_file(p.id).await.is_err());
        assert_eq!(other.person_records(p.id).await.unwrap().total(), 0);
        assert!(other.delete_person(p.id).await.is_err());
        assert!(other.update_person(&p).await.is_err());
        let set = other
            .set_private_notes(&theirs, PrivateOf::Person(p.id), Some("mine"))
            .await;
        assert!(matches!(set, Err(StoreError::NotFound { .. })), "{set:?}");
        // Nor can it write records about them.
        let observation = fulcrum_core::observations::Observation {
            id: 0,
            person_id: p.id,
            on: jiff::civil::date(2026, 11, 2),
            energy: 3,
            context: fulcrum_core::observations::Context::ALL[0],
            note: Some("not mine to note".into()),
        };
        assert!(matches!(
            other.add_observation(&observation).await,
            Err(StoreError::NotFound { what: "person", .. })
        ));
    }
    for n in store.notes().await.unwrap() {
        assert!(other.log_one_on_one(&n, &[], &[]).await.is_err());
        assert!(other.update_note(&n).await.is_err());
    }
    for i in store.items().await.unwrap() {
        assert_eq!(other.item(i.id).await.unwrap(), None);
    }
    for f in store.feedback().await.unwrap() {
        assert_eq!(other.feedback_item(f.id).await.unwrap(), None);
        assert!(other.update_feedback(&f).await.is_err());
    }
    for d in store.delegations().await.unwrap() {
        assert_eq!(other.delegation(d.id).await.unwrap(), None);
    }
    for e in store.manual_entries_between(all.0, all.1).await.unwrap() {
        assert!(other.manual_entry(e.id).await.is_err());
        assert!(other.delete_manual_entry(e.id).await.is_err());
    }

    // A key opens its own owner's private reads only.
    assert!(matches!(
        other.private_notes(&OwnerKey::local(), None).await,
        Err(StoreError::Forbidden)
    ));
    assert!(matches!(
        other
            .entries(&OwnerKey::local(), Ritual::WeeklyJournal)
            .await,
        Err(StoreError::Forbidden)
    ));
    assert!(matches!(
        store.private_notes(&theirs, None).await,
        Err(StoreError::Forbidden)
    ));

    // The other owner keeps rows of their own beside the local one's, and the local owner's
    // rows are as they were.
    let mut profile = store.profile().await.unwrap().expect("a profile");
    profile.emails = vec!["other@example.com".into()];
    other.save_profile(&profile).await.unwrap();
    other
        .replace_events(&calendar("/other/work.ics"), &[event("o", "", 500)], "ok")
        .await
        .unwrap();
    assert_eq!(other.events_between(all.0, all.1).await.unwrap().len(), 1);
    other
        .add_manual_entry(&crate::NewManualEntry {
            start_at: 100,
            end_at: None,
            category: "build".into(),
            title: "their timer".into(),
        })
        .await
        .unwrap();
    assert_ne!(store.profile().await.unwrap(), Some(profile));
    let after: Vec<crate::TableDump> = store.export_tables().await.unwrap();
    for table in ["tasks", "people", "one_on_one_notes", "entries", "plans"] {
        let rows = |dumps: &[crate::TableDump]| {
            dumps
                .iter()
                .find(|d| d.name == table)
                .map(|d| d.rows.clone())
        };
        assert_eq!(rows(&after), rows(&mine), "{table} changed");
    }
}
