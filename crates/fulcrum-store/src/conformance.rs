//! One suite of checks that every backend runs against a fresh, empty store.

use crate::{NewSource, OwnerKey, SourceKind, Store, StoredCommit, StoredEvent};
use fulcrum_core::{Profile, RolePreset};

mod coach;
mod delivery;
mod kept;
mod owners;
mod people;
mod revisions;
mod sources;
pub use coach::*;
pub use delivery::*;
pub use kept::*;
pub use owners::*;
pub use people::*;
pub use revisions::*;
pub use sources::*;

fn calendar(location: &str) -> NewSource {
    NewSource {
        kind: SourceKind::CalendarFile,
        location: location.into(),
        name: "work.ics".into(),
        etag: None,
        last_modified: None,
    }
}

fn event(uid: &str, rid: &str, start: i64) -> StoredEvent {
    StoredEvent {
        source_id: 0,
        uid: uid.into(),
        recurrence_id: rid.into(),
        start_at: start,
        end_at: start + 1800,
        all_day: false,
        show_as: "busy".into(),
        title: format!("{uid} at {start}"),
        status: "confirmed".into(),
        my_response: "accepted".into(),
        others: 1,
        attendees: vec!["me@example.com".into(), "kim@example.com".into()],
        organizer: Some("kim@example.com".into()),
    }
}

fn commit(oid: &str, at: i64) -> StoredCommit {
    StoredCommit {
        oid: oid.into(),
        source_id: 0,
        author_at: at,
        author_offset: 3600,
        email: "me@example.com".into(),
        summary: format!("commit {oid}"),
    }
}

/// One `#[tokio::test]` per check, each on a fresh store from `$fresh().await`: an
/// `Option<F>` where `F: conformance::Fixture` (`None` skips, e.g. no PostgreSQL server here).
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:path) => {
        $crate::conformance_tests!(@each $fresh;
            profile_round_trips,
            events_are_replaced_not_duplicated,
            commits_are_added_once,
            failures_leave_data_alone [events_are_replaced_not_duplicated],
            deleting_a_source_deletes_its_data [commits_are_added_once],
            an_unfinished_commit_import_changes_nothing,
            a_folder_import_keeps_its_files_in_step,
            a_problem_keeps_what_the_source_held,
            a_rescan_forgets_commits_it_no_longer_finds,
            removing_a_clone_keeps_the_commits_the_other_holds,
            removing_a_folder_takes_its_files [a_folder_import_keeps_its_files_in_step],
            tasks_round_trip,
            plans_are_replaced_per_week,
            inbox_round_trips,
            entries_are_kept_per_ritual_and_period,
            people_round_trip,
            people_records_round_trip [people_round_trip],
            deleting_a_person_takes_their_records [people_round_trip, people_records_round_trip],
            manual_entries_round_trip_with_one_timer,
            another_owner_reads_nothing [profile_round_trips, events_are_replaced_not_duplicated,
                commits_are_added_once, tasks_round_trip, plans_are_replaced_per_week,
                inbox_round_trips, entries_are_kept_per_ritual_and_period, people_round_trip,
                people_records_round_trip, manual_entries_round_trip_with_one_timer],
            backup_covers_every_table,
            a_backup_is_not_restored_over_data [profile_round_trips, tasks_round_trip],
            a_backup_naming_an_unknown_column_changes_nothing,
            every_write_moves_the_revision,
            coach_records_round_trip,
            kept_records_round_trip,
            a_refused_record_write_changes_nothing,
            kept_records_stay_with_their_owner,
            delivery_records_round_trip,
        );
    };
    (@each $fresh:path; $($check:ident $([$($before:ident),*])?),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let Some(fixture) = $fresh().await else { return };
                let store = $crate::conformance::Fixture::store(&fixture);
                // The checks a check builds on run first, on the same store.
                $($($crate::conformance::$before(store).await;)*)?
                $crate::conformance::$check(store).await;
                $crate::conformance::Fixture::finish(fixture).await;
            }
        )*
    };
}

/// A fresh store for one check, and what to clean up after it.
#[async_trait::async_trait]
pub trait Fixture: Send {
    fn store(&self) -> &dyn Store;
    /// Called when the check passed; a failed check leaves its store to look at.
    async fn finish(self);
}

/// Runs every check; panics (as a test should) on the first that fails.
pub async fn run_all(store: &dyn Store) {
    profile_round_trips(store).await;
    events_are_replaced_not_duplicated(store).await;
    commits_are_added_once(store).await;
    failures_leave_data_alone(store).await;
    deleting_a_source_deletes_its_data(store).await;
    an_unfinished_commit_import_changes_nothing(store).await;
    sources::run_all(store).await;
    tasks_round_trip(store).await;
    plans_are_replaced_per_week(store).await;
    inbox_round_trips(store).await;
    entries_are_kept_per_ritual_and_period(store).await;
    people_round_trip(store).await;
    people_records_round_trip(store).await;
    deleting_a_person_takes_their_records(store).await;
    manual_entries_round_trip_with_one_timer(store).await;
    coach_records_round_trip(store).await;
    delivery_records_round_trip(store).await;
    // Some kinds are gone again by now (a deleted person): what is left must still hide.
    owners::owner_sees_nothing_of_the_other(store).await;
    // Last: it writes for another owner too.
    every_write_moves_the_revision(store).await;
}

pub async fn profile_round_trips(store: &dyn Store) {
    assert_eq!(store.profile().await.unwrap(), None);
    let mut p = Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap();
    store.save_profile(&p).await.unwrap();
    assert_eq!(store.profile().await.unwrap().as_ref(), Some(&p));
    p.timezone = "America/New_York".into();
    store.save_profile(&p).await.unwrap();
    assert_eq!(
        store.profile().await.unwrap().unwrap().timezone,
        "America/New_York"
    );
}

pub async fn events_are_replaced_not_duplicated(store: &dyn Store) {
    let src = calendar("/cal/work.ics");
    let first = vec![
        event("a", "", 1000),
        event("b", "100", 100),
        event("b", "200", 200),
    ];
    let s = store
        .replace_events(&src, &first, "3 events")
        .await
        .unwrap();
    assert_eq!(s.kind, SourceKind::CalendarFile);
    assert_eq!(s.last_ok, Some(true));
    assert_eq!(s.last_result.as_deref(), Some("3 events"));
    let again = store
        .replace_events(&src, &first, "3 events")
        .await
        .unwrap();
    assert_eq!(again.id, s.id, "the same location is the same source");
    let stored = store.events_between(0, 10_000).await.unwrap();
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[0].attendees, first[1].attendees);
    assert!(stored.iter().all(|e| e.source_id == s.id));

    // An updated file: one instance moved, one gone.
    let updated = vec![event("a", "", 5000), event("b", "100", 150)];
    store
        .replace_events(&src, &updated, "2 events")
        .await
        .unwrap();
    let stored = store.events_between(0, 10_000).await.unwrap();
    let starts: Vec<i64> = stored.iter().map(|e| e.start_at).collect();
    assert_eq!(starts, vec![150, 5000]);

    // The window is half-open and overlap-based.
    assert_eq!(
        store.events_between(1800 + 150, 5000).await.unwrap().len(),
        0
    );
    assert_eq!(
        store.events_between(1800 + 149, 5000).await.unwrap().len(),
        1
    );

    // A duplicated instance within one import keeps one row.
    let dup = vec![event("c", "", 10), event("c", "", 10)];
    store
        .replace_events(&calendar("/cal/dup.ics"), &dup, "dup")
        .await
        .unwrap();
    assert_eq!(store.events_between(0, 100).await.unwrap().len(), 1);
}

pub async fn commits_are_added_once(store: &dyn Store) {
    let repo = NewSource {
        kind: SourceKind::Git,
        location: "/src/app".into(),
        name: "app".into(),
        etag: None,
        last_modified: None,
    };
    let commits = vec![commit("aaa", 100), commit("bbb", 200)];
    let (s, added) = store
        .add_commits(&repo, &commits, "{\"tips\":[\"x\"]}", "2 new")
        .await
        .unwrap();
    assert_eq!(added, 2);
    assert_eq!(s.git_cursor.as_deref(), Some("{\"tips\":[\"x\"]}"));
    let (_, added) = store
        .add_commits(
            &repo,
            &[commit("bbb", 200), commit("ccc", 300)],
            "{}",
            "1 new",
        )
        .await
        .unwrap();
    assert_eq!(added, 1);
    let got = store.commits_between(0, 1000).await.unwrap();
    assert_eq!(
        got.iter().map(|c| c.oid.as_str()).collect::<Vec<_>>(),
        ["aaa", "bbb", "ccc"]
    );
    assert_eq!(store.commits_between(200, 300).await.unwrap().len(), 1);
    let counts = store.source_counts().await.unwrap();
    assert!(counts.contains(&(s.id, 0, 3)));
}

pub async fn failures_leave_data_alone(store: &dyn Store) {
    let s = store
        .source_by_location("/cal/work.ics")
        .await
        .unwrap()
        .unwrap();
    let before = store.events_between(0, 10_000).await.unwrap();
    store.record_failure(s.id, "line 3: broken").await.unwrap();
    let after = store
        .source_by_location("/cal/work.ics")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.last_ok, Some(false));
    assert_eq!(after.last_result.as_deref(), Some("line 3: broken"));
    assert_eq!(store.events_between(0, 10_000).await.unwrap(), before);
}

pub async fn deleting_a_source_deletes_its_data(store: &dyn Store) {
    let s = store.source_by_location("/src/app").await.unwrap().unwrap();
    store.delete_source(s.id).await.unwrap();
    assert!(store.commits_between(0, 1000).await.unwrap().is_empty());
    assert!(store.delete_source(s.id).await.is_err());
    assert!(store.sources().await.unwrap().iter().all(|x| x.id != s.id));
}

pub async fn an_unfinished_commit_import_changes_nothing(store: &dyn Store) {
    let before = store.commits_between(0, i64::MAX).await.unwrap();
    let sources = store.sources().await.unwrap();
    let repo = NewSource {
        kind: SourceKind::Git,
        location: "/src/abandoned".into(),
        name: "abandoned".into(),
        etag: None,
        last_modified: None,
    };
    let mut import = store.begin_commits(&repo).await.unwrap();
    assert_eq!(import.add(&[commit("zzz", 50)]).await.unwrap(), 1);
    drop(import);
    assert_eq!(store.commits_between(0, i64::MAX).await.unwrap(), before);
    assert_eq!(store.sources().await.unwrap(), sources);
    // Streaming in several batches, then finishing, stores them all.
    let mut import = store.begin_commits(&repo).await.unwrap();
    import.add(&[commit("x1", 60)]).await.unwrap();
    import
        .add(&[commit("x2", 70), commit("x1", 60)])
        .await
        .unwrap();
    let s = import.finish("{}", "2 new").await.unwrap();
    assert_eq!(s.last_result.as_deref(), Some("2 new"));
    assert_eq!(store.commits_between(60, 71).await.unwrap().len(), 2);
}

pub async fn tasks_round_trip(store: &dyn Store) {
    use fulcrum_core::Category;
    use fulcrum_core::tasks::{Task, TaskStatus};
    let t = Task {
        id: 0,
        title: "Write the caching RFC".into(),
        urgent: false,
        important: true,
        only_me: true,
        estimate_minutes: Some(120),
        due: Some(jiff::civil::date(2026, 12, 4)),
        category: Category::Build,
        status: TaskStatus::Open,
        note: None,
    };
    let a = store.add_task(&t).await.unwrap();
    let b = store
        .add_task(&Task {
            title: "Demo env".into(),
            due: None,
            estimate_minutes: None,
            ..t.clone()
        })
        .await
        .unwrap();
    assert!(a.id > 0 && b.id > a.id);
    assert_eq!(store.task(a.id).await.unwrap().unwrap(), a);
    let done = Task {
        status: TaskStatus::Dropped,
        note: Some("nobody needs it".into()),
        ..b.clone()
    };
    store.update_task(&done).await.unwrap();
    assert_eq!(store.tasks().await.unwrap(), vec![a.clone(), done]);
    assert!(store.update_task(&Task { id: 9999, ..a }).await.is_err());
    assert_eq!(store.task(9999).await.unwrap(), None);
}

pub async fn plans_are_replaced_per_week(store: &dyn Store) {
    use crate::{AcceptedPlan, PlanBlock};
    let block = |task_id: i64, seq: u32, start: i64| PlanBlock {
        task_id,
        seq,
        title: format!("task {task_id}"),
        category: "build".into(),
        start_at: start,
        end_at: start + 3600,
    };
    let plan = |week: &str, blocks: Vec<PlanBlock>, at: i64| AcceptedPlan {
        week: week.into(),
        accepted_at: at,
        known_events: vec!["standup\u{1f}".into()],
        buffer_minutes: 90,
        blocks,
        free_minutes: Some(600),
        unplaced: Vec::new(),
    };
    assert_eq!(store.plan("2026-W48").await.unwrap(), None);
    let first = plan("2026-W48", vec![block(1, 1, 100), block(1, 2, 5000)], 1);
    store.accept_plan(&first).await.unwrap();
    store
        .accept_plan(&plan("2026-W49", vec![block(2, 1, 900_000)], 2))
        .await
        .unwrap();
    let mut again = plan("2026-W48", vec![block(3, 1, 200)], 3);
    // What did not fit is kept with the plan, reasons and all.
    again.unplaced = vec![fulcrum_core::planner::Unplaced {
        task_id: 4,
        title: "Write the RFC".into(),
        quadrant: fulcrum_core::tasks::Quadrant::Schedule,
        minutes: 90,
        suggestion: fulcrum_core::planner::Suggestion::Drop,
        due: Some(jiff::civil::date(2026, 11, 24)),
        reason: "due Tue 24 Nov, no free time before it".into(),
    }];
    store.accept_plan(&again).await.unwrap();
    assert_eq!(store.plan("2026-W48").await.unwrap(), Some(again));
    assert_eq!(
        store.plan("2026-W49").await.unwrap().unwrap().blocks.len(),
        1
    );
    assert_eq!(
        store.planned_weeks().await.unwrap(),
        ["2026-W48", "2026-W49"]
    );
    assert_eq!(store.adjustment("2026-W48").await.unwrap(), None);
    store
        .save_adjustment("2026-W48", "keep Friday afternoons free")
        .await
        .unwrap();
    store
        .save_adjustment("2026-W48", "plan less")
        .await
        .unwrap();
    assert_eq!(
        store.adjustment("2026-W48").await.unwrap().as_deref(),
        Some("plan less")
    );
}

pub async fn inbox_round_trips(store: &dyn Store) {
    use fulcrum_core::inbox::{Decision, InboxItem, Ownership};
    let item = InboxItem {
        id: 0,
        from: "Dana (product)".into(),
        text: "Can you review the vendor contract?".into(),
        received: jiff::civil::date(2026, 11, 20),
        needed_by: Some(jiff::civil::date(2026, 11, 27)),
        ownership: Ownership::Gray,
        decision: Decision::Pending,
        decided: None,
        note: None,
    };
    let a = store.add_inbox_item(&item).await.unwrap();
    assert!(a.id > 0);
    let decided = InboxItem {
        decision: Decision::Delegated,
        decided: Some(jiff::civil::date(2026, 11, 21)),
        note: Some("Priya knows the vendor".into()),
        ownership: Ownership::Theirs,
        ..a.clone()
    };
    store.update_inbox_item(&decided).await.unwrap();
    assert_eq!(store.inbox().await.unwrap(), vec![decided]);
    assert!(
        store
            .update_inbox_item(&InboxItem { id: 999, ..a })
            .await
            .is_err()
    );
}

pub async fn entries_are_kept_per_ritual_and_period(store: &dyn Store) {
    use crate::Entry;
    use fulcrum_core::rituals::{EntryBody, Ritual};
    let entry = |period: &str, text: &str| Entry {
        ritual: Ritual::WeeklyJournal,
        period: period.into(),
        body: EntryBody {
            sections: vec![("accomplishments".into(), vec![text.into()])],
            energy: vec![(fulcrum_core::Category::Build, 1)],
            ratings: vec![],
        },
        facts: vec!["build 40 %".into()],
    };
    store.save_entry(&entry("2026-W48", "first")).await.unwrap();
    store
        .save_entry(&entry("2026-W47", "earlier"))
        .await
        .unwrap();
    store
        .save_entry(&entry("2026-W48", "rewritten"))
        .await
        .unwrap();
    let got = store
        .entries(&OwnerKey::local(), Ritual::WeeklyJournal)
        .await
        .unwrap();
    assert_eq!(
        got,
        vec![entry("2026-W47", "earlier"), entry("2026-W48", "rewritten")]
    );
    assert!(
        store
            .entries(&OwnerKey::local(), Ritual::MonthlyCheckIn)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn manual_entries_round_trip_with_one_timer(store: &dyn Store) {
    use crate::{ManualEntry, NewManualEntry, StoreError};
    let logged = store
        .add_manual_entry(&NewManualEntry {
            start_at: 1_000,
            end_at: Some(6_400),
            category: "build".into(),
            title: "spike on caching".into(),
        })
        .await
        .unwrap();
    assert_eq!(store.manual_entry(logged.id).await.unwrap(), logged);
    let timer = NewManualEntry {
        start_at: 7_000,
        end_at: None,
        category: "think".into(),
        title: "strategy doc".into(),
    };
    let running = store.add_manual_entry(&timer).await.unwrap();
    assert!(
        matches!(
            store.add_manual_entry(&timer).await,
            Err(StoreError::TimerRunning)
        ),
        "a second timer is refused"
    );
    assert_eq!(
        store.running_timer().await.unwrap().as_ref(),
        Some(&running)
    );
    // A running timer overlaps any window after its start.
    let ids = |v: Vec<ManualEntry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.manual_entries_between(0, 100_000).await.unwrap()),
        [logged.id, running.id]
    );
    assert_eq!(
        ids(store.manual_entries_between(6_400, 6_900).await.unwrap()),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(store.manual_entries_between(50_000, 60_000).await.unwrap()),
        [running.id]
    );
    let stopped = ManualEntry {
        end_at: Some(9_000),
        ..running.clone()
    };
    store.update_manual_entry(&stopped).await.unwrap();
    assert_eq!(store.running_timer().await.unwrap(), None);
    assert_eq!(store.delete_manual_entry(logged.id).await.unwrap(), logged);
    assert!(store.manual_entry(logged.id).await.is_err());
    assert!(store.update_manual_entry(&logged).await.is_err());
    store.delete_manual_entry(running.id).await.unwrap();
}

pub async fn backup_covers_every_table(store: &dyn Store) {
    let mut listed: Vec<String> = crate::BACKUP_TABLES.iter().map(|t| t.to_string()).collect();
    listed.sort();
    assert_eq!(
        store.schema_tables().await.unwrap(),
        listed,
        "BACKUP_TABLES must name every table of the schema"
    );
}

pub async fn a_backup_is_not_restored_over_data(store: &dyn Store) {
    let before = store.export_tables().await.unwrap();
    assert!(before.iter().any(|t| !t.rows.is_empty()));
    assert!(matches!(
        store.import_tables(&before).await,
        Err(crate::StoreError::NotEmpty { .. })
    ));
    assert_eq!(store.export_tables().await.unwrap(), before);
}

pub async fn a_backup_naming_an_unknown_column_changes_nothing(store: &dyn Store) {
    let dumps = [
        crate::TableDump {
            name: "settings".into(),
            columns: vec!["key".into(), "value".into()],
            rows: vec![vec!["profile".into(), "{}".into()]],
        },
        crate::TableDump {
            name: "people".into(),
            columns: vec!["id".into(), "shoe_size".into()],
            rows: vec![vec![1.into(), 44.into()]],
        },
    ];
    let err = store.import_tables(&dumps).await.unwrap_err().to_string();
    assert!(err.contains("people.shoe_size"), "{err}");
    assert!(store.profile().await.unwrap().is_none(), "nothing written");
    let wrong = [crate::TableDump {
        name: "tasks".into(),
        columns: vec!["id".into(), "title".into()],
        rows: vec![vec!["one".into(), "ok".into()]],
    }];
    let err = store.import_tables(&wrong).await.unwrap_err().to_string();
    assert!(
        err.contains("row 1 of tasks: id should be an integer"),
        "{err}"
    );
}
