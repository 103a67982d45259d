//! The owner's revision: every kind of write moves it, reads do not, and another owner's
//! writes leave it alone — what a server's caches rely on.

use super::{calendar, event};
use crate::{AccountId, NewManualEntry, Store};

/// Runs `write` and checks that it moved the revision past `before`; returns the new one.
async fn moved(store: &dyn Store, before: i64, what: &str) -> i64 {
    let now = store.revision().await.unwrap();
    assert!(
        now > before,
        "{what} did not move the revision ({before} → {now})"
    );
    now
}

pub async fn every_write_moves_the_revision(store: &dyn Store) {
    use fulcrum_core::tasks::{Task, TaskStatus};
    use fulcrum_core::{Category, Profile, RolePreset};
    let start = store.revision().await.unwrap();
    let profile = Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap();
    store.save_profile(&profile).await.unwrap();
    let r = moved(store, start, "saving the profile").await;

    let src = calendar("/cal/revision.ics");
    let s = store
        .replace_events(&src, &[event("a", "", 100)], "1 event")
        .await
        .unwrap();
    let r = moved(store, r, "an import").await;

    let task = Task {
        id: 0,
        title: "Write the RFC".into(),
        urgent: false,
        important: true,
        only_me: true,
        estimate_minutes: None,
        due: None,
        category: Category::Build,
        status: TaskStatus::Open,
        note: None,
    };
    let task = store.add_task(&task).await.unwrap();
    let r = moved(store, r, "adding a task").await;
    store
        .update_task(&Task {
            status: TaskStatus::Done,
            ..task
        })
        .await
        .unwrap();
    let r = moved(store, r, "changing a task").await;

    let logged = store
        .add_manual_entry(&NewManualEntry {
            start_at: 1_000,
            end_at: Some(2_000),
            category: "build".into(),
            title: "pairing".into(),
        })
        .await
        .unwrap();
    let r = moved(store, r, "logging time").await;
    store.delete_manual_entry(logged.id).await.unwrap();
    let r = moved(store, r, "deleting logged time").await;

    // Reading moves nothing.
    store.profile().await.unwrap();
    store.tasks().await.unwrap();
    store.events_between(0, 10_000).await.unwrap();
    assert_eq!(
        store.revision().await.unwrap(),
        r,
        "a read moved the revision"
    );

    // Another owner's writes are theirs: neither revision sees the other's.
    let other = store.for_account(AccountId::new(2));
    let theirs = other.revision().await.unwrap();
    other.save_profile(&profile).await.unwrap();
    assert!(other.revision().await.unwrap() > theirs);
    assert_eq!(
        store.revision().await.unwrap(),
        r,
        "another owner moved mine"
    );

    store.delete_source(s.id).await.unwrap();
    moved(store, r, "deleting a source").await;
}
