//! Checks of folder sources, failed imports, full rescans and removing a source.
//!
//! They use their own locations, ids and times (from 10 000 000 on), so the checks before
//! them in the suite see nothing of theirs.

use super::{calendar, commit, event};
use crate::{FolderFile, NewSource, SourceKind, Store};

const T: i64 = 10_000_000;

fn repo(location: &str) -> NewSource {
    NewSource {
        kind: SourceKind::Git,
        location: location.into(),
        name: location.rsplit('/').next().unwrap_or(location).into(),
        etag: None,
        last_modified: None,
    }
}

fn folder_file(location: &str, events: Vec<crate::StoredEvent>, ok: bool) -> FolderFile {
    FolderFile {
        source: calendar(location),
        outcome: if ok {
            format!("{} occurrences", events.len())
        } else {
            "every event was skipped".into()
        },
        events,
        ok,
    }
}

pub(super) async fn run_all(store: &dyn Store) {
    a_folder_import_keeps_its_files_in_step(store).await;
    a_problem_keeps_what_the_source_held(store).await;
    a_rescan_forgets_commits_it_no_longer_finds(store).await;
    removing_a_clone_keeps_the_commits_the_other_holds(store).await;
    removing_a_folder_takes_its_files(store).await;
}

pub async fn a_folder_import_keeps_its_files_in_step(store: &dyn Store) {
    let folder = NewSource {
        kind: SourceKind::CalendarFolder,
        ..calendar("/cals")
    };
    let first = store
        .replace_folder(
            &folder,
            &[
                folder_file(
                    "/cals/a.ics",
                    vec![event("a1", "", T), event("a2", "", T)],
                    true,
                ),
                folder_file("/cals/b.ics", vec![event("b1", "", T + 10)], true),
            ],
            "2 files",
        )
        .await
        .unwrap();
    assert_eq!(first.folder.kind, SourceKind::CalendarFolder);
    assert_eq!(first.files.len(), 2);
    assert!(first.removed.is_empty());
    assert!(
        first
            .files
            .iter()
            .all(|f| f.parent_id == Some(first.folder.id))
    );
    assert_eq!(store.events_between(T, T + 5000).await.unwrap().len(), 3);

    // b.ics is gone from the folder, c.ics is new, a.ics changed.
    let second = store
        .replace_folder(
            &folder,
            &[
                folder_file("/cals/a.ics", vec![event("a1", "", T)], true),
                folder_file("/cals/c.ics", vec![event("c1", "", T + 20)], true),
            ],
            "2 files",
        )
        .await
        .unwrap();
    assert_eq!(second.folder.id, first.folder.id);
    assert_eq!(
        second.files[0].id, first.files[0].id,
        "a.ics is the same source"
    );
    assert_eq!(
        second
            .removed
            .iter()
            .map(|s| s.location.as_str())
            .collect::<Vec<_>>(),
        ["/cals/b.ics"]
    );
    assert!(
        store
            .source_by_location("/cals/b.ics")
            .await
            .unwrap()
            .is_none()
    );
    let uids: Vec<String> = store
        .events_between(T, T + 5000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.uid)
        .collect();
    assert_eq!(uids, ["a1", "c1"]);

    // A file that gave nothing usable keeps its events and says why.
    let third = store
        .replace_folder(
            &folder,
            &[
                folder_file("/cals/a.ics", Vec::new(), false),
                folder_file("/cals/c.ics", vec![event("c1", "", T + 20)], true),
            ],
            "2 files, 1 with a problem",
        )
        .await
        .unwrap();
    assert_eq!(third.files[0].last_ok, Some(false));
    assert_eq!(
        third.files[0].last_result.as_deref(),
        Some("every event was skipped")
    );
    assert_eq!(third.files[1].last_ok, Some(true));
    assert_eq!(store.events_between(T, T + 5000).await.unwrap().len(), 2);
}

pub async fn a_problem_keeps_what_the_source_held(store: &dyn Store) {
    let src = calendar("/cal/skipped.ics");
    let s = store
        .record_problem(&src, "every event was skipped")
        .await
        .unwrap();
    assert_eq!(s.last_ok, Some(false), "a new source is created failed");
    assert_eq!(s.parent_id, None);
    store
        .replace_events(&src, &[event("k1", "", T + 100_000)], "1 occurrence")
        .await
        .unwrap();
    let again = store
        .record_problem(&src, "every event was skipped")
        .await
        .unwrap();
    assert_eq!(again.id, s.id);
    assert_eq!(again.last_ok, Some(false));
    let kept = store
        .events_between(T + 100_000, T + 100_001)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1, "the events of the last good import stay");
    store.remove_source(s.id).await.unwrap();
}

pub async fn a_rescan_forgets_commits_it_no_longer_finds(store: &dyn Store) {
    let r = repo("/src/rescanned");
    let (s, _) = store
        .add_commits(&r, &[commit("r1", T), commit("r2", T + 1)], "{}", "2 new")
        .await
        .unwrap();
    let mut scan = store.begin_commit_rescan(&r).await.unwrap();
    // r1 again, r3 new; r2 is no longer found.
    let added = scan
        .add(&[commit("r1", T), commit("r3", T + 2)])
        .await
        .unwrap();
    assert_eq!(added, 1, "only r3 is new to the store");
    scan.set_repository_commits(40).await.unwrap();
    let s2 = scan.finish("{}", "2 found").await.unwrap();
    assert_eq!(s2.id, s.id);
    assert_eq!(s2.repository_commits, Some(40));
    let oids: Vec<String> = store
        .commits_between(T, T + 10)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.oid)
        .collect();
    assert_eq!(oids, ["r1", "r3"]);
    let counts = store.source_counts().await.unwrap();
    assert!(counts.contains(&(s.id, 0, 2)), "{counts:?}");

    // A rescan that is dropped changes nothing.
    let mut scan = store.begin_commit_rescan(&r).await.unwrap();
    scan.add(&[commit("r9", T + 9)]).await.unwrap();
    drop(scan);
    assert_eq!(store.commits_between(T, T + 10).await.unwrap().len(), 2);
    store.remove_source(s.id).await.unwrap();
    assert!(store.commits_between(T, T + 10).await.unwrap().is_empty());
}

pub async fn removing_a_clone_keeps_the_commits_the_other_holds(store: &dyn Store) {
    let (a, _) = store
        .add_commits(
            &repo("/src/one"),
            &[commit("s1", T + 20), commit("s2", T + 21)],
            "{}",
            "2 new",
        )
        .await
        .unwrap();
    // The clone holds s2 too, and s3 of its own.
    let (b, added) = store
        .add_commits(
            &repo("/src/one-clone"),
            &[commit("s2", T + 21), commit("s3", T + 22)],
            "{}",
            "1 new",
        )
        .await
        .unwrap();
    assert_eq!(added, 1);
    let counts = store.source_counts().await.unwrap();
    assert!(counts.contains(&(a.id, 0, 2)) && counts.contains(&(b.id, 0, 2)));

    let preview = store.source_removal(a.id).await.unwrap();
    assert_eq!((preview.commits, preview.commits_kept), (1, 1));
    assert_eq!(preview.times, [T + 20]);
    assert_eq!(
        store.commits_between(T + 20, T + 30).await.unwrap().len(),
        3,
        "a preview changes nothing"
    );
    let gone = store.remove_source(a.id).await.unwrap();
    assert_eq!(gone, preview);
    let left = store.commits_between(T + 20, T + 30).await.unwrap();
    assert_eq!(
        left.iter().map(|c| c.oid.as_str()).collect::<Vec<_>>(),
        ["s2", "s3"]
    );
    assert!(left.iter().all(|c| c.source_id == b.id));
    assert!(store.source_removal(a.id).await.is_err());
    assert!(store.remove_source(a.id).await.is_err());
    store.remove_source(b.id).await.unwrap();
    assert!(
        store
            .commits_between(T + 20, T + 30)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn removing_a_folder_takes_its_files(store: &dyn Store) {
    let folder = store
        .source_by_location("/cals")
        .await
        .unwrap()
        .expect("the folder of the first check");
    let preview = store.source_removal(folder.id).await.unwrap();
    assert_eq!(preview.files, 2);
    assert_eq!((preview.events, preview.occurrences), (2, 2));
    assert_eq!(preview.commits, 0);
    assert_eq!(preview.times, [T, T + 20]);
    let gone = store.remove_source(folder.id).await.unwrap();
    assert_eq!(gone, preview);
    assert!(store.events_between(T, T + 5000).await.unwrap().is_empty());
    let sources = store.sources().await.unwrap();
    assert!(
        sources.iter().all(|s| !s.location.starts_with("/cals")),
        "{sources:?}"
    );
}
