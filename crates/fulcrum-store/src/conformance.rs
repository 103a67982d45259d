//! One suite of checks that every backend runs against a fresh, empty store.

use crate::{NewSource, SourceKind, Store, StoredCommit, StoredEvent};
use fulcrum_core::{Profile, RolePreset};

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

/// Runs every check; panics (as a test should) on the first that fails.
pub async fn run_all(store: &dyn Store) {
    profile_round_trips(store).await;
    events_are_replaced_not_duplicated(store).await;
    commits_are_added_once(store).await;
    failures_leave_data_alone(store).await;
    deleting_a_source_deletes_its_data(store).await;
    an_unfinished_commit_import_changes_nothing(store).await;
    tasks_round_trip(store).await;
    plans_are_replaced_per_week(store).await;
    inbox_round_trips(store).await;
    entries_are_kept_per_ritual_and_period(store).await;
    people_round_trip(store).await;
}

async fn profile_round_trips(store: &dyn Store) {
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

async fn events_are_replaced_not_duplicated(store: &dyn Store) {
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

async fn commits_are_added_once(store: &dyn Store) {
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

async fn failures_leave_data_alone(store: &dyn Store) {
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

async fn deleting_a_source_deletes_its_data(store: &dyn Store) {
    let s = store.source_by_location("/src/app").await.unwrap().unwrap();
    store.delete_source(s.id).await.unwrap();
    assert!(store.commits_between(0, 1000).await.unwrap().is_empty());
    assert!(store.delete_source(s.id).await.is_err());
    assert!(store.sources().await.unwrap().iter().all(|x| x.id != s.id));
}

async fn an_unfinished_commit_import_changes_nothing(store: &dyn Store) {
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

async fn tasks_round_trip(store: &dyn Store) {
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

async fn plans_are_replaced_per_week(store: &dyn Store) {
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
    };
    assert_eq!(store.plan("2026-W48").await.unwrap(), None);
    let first = plan("2026-W48", vec![block(1, 1, 100), block(1, 2, 5000)], 1);
    store.accept_plan(&first).await.unwrap();
    store
        .accept_plan(&plan("2026-W49", vec![block(2, 1, 900_000)], 2))
        .await
        .unwrap();
    let again = plan("2026-W48", vec![block(3, 1, 200)], 3);
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

async fn inbox_round_trips(store: &dyn Store) {
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

async fn entries_are_kept_per_ritual_and_period(store: &dyn Store) {
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
    let got = store.entries(Ritual::WeeklyJournal).await.unwrap();
    assert_eq!(
        got,
        vec![entry("2026-W47", "earlier"), entry("2026-W48", "rewritten")]
    );
    assert!(
        store
            .entries(Ritual::MonthlyCheckIn)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn people_round_trip(store: &dyn Store) {
    use fulcrum_core::people::{Person, Relation};
    assert!(store.people().await.unwrap().is_empty());
    let kim = Person {
        id: 0,
        name: "Kim Park".into(),
        emails: vec!["kim@example.com".into(), "kim.park@example.org".into()],
        relation: Relation::Report,
        team: Some("Payments".into()),
        start_date: Some(jiff::civil::date(2026, 9, 1)),
        cadence_days: 7,
        duration_minutes: 45,
        archived: false,
        notes: Some("wants to lead the next migration".into()),
    };
    let kim = store.add_person(&kim).await.unwrap();
    assert!(kim.id > 0);
    let lee = store
        .add_person(&Person {
            name: "Lee".into(),
            emails: vec![],
            relation: Relation::Stakeholder,
            team: None,
            start_date: None,
            notes: None,
            ..kim.clone()
        })
        .await
        .unwrap();
    assert!(lee.id > kim.id);
    let archived = Person {
        archived: true,
        cadence_days: 14,
        ..kim.clone()
    };
    store.update_person(&archived).await.unwrap();
    assert_eq!(store.people().await.unwrap(), vec![archived, lee.clone()]);
    assert!(matches!(
        store.update_person(&Person { id: 999, ..lee }).await,
        Err(crate::StoreError::NoPerson(999))
    ));
}
