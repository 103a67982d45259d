//! Opening stores: only `Create` makes one, files that are not Fulcrum stores are left as they
//! were, and locked or read-only stores say so with the file's name.

use fulcrum_core::tasks::Task;
#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::testing::companions;
use fulcrum_store::{NewSource, OpenMode, SourceKind, SqliteStore, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, Connection};
use std::path::{Path, PathBuf};
use std::time::Duration;

const MODES: [OpenMode; 3] = [OpenMode::Create, OpenMode::Existing, OpenMode::ReadOnly];

fn task(title: &str) -> Task {
    Task {
        id: 0,
        title: title.into(),
        urgent: false,
        important: true,
        only_me: false,
        estimate_minutes: None,
        due: None,
        category: fulcrum_core::Category::Build,
        status: fulcrum_core::tasks::TaskStatus::Open,
        note: None,
    }
}

async fn open_err(path: &Path, mode: OpenMode) -> StoreError {
    match SqliteStore::open(path, mode).await {
        Ok(_) => panic!("{} opened as {mode:?}", path.display()),
        Err(e) => e,
    }
}

/// A plain connection, as another program (or another Fulcrum) would have.
async fn connect(path: &Path) -> SqliteConnection {
    SqliteConnection::connect_with(
        &SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true),
    )
    .await
    .unwrap()
}

async fn execute(path: &Path, sql: &str) {
    let mut conn = connect(path).await;
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// A store written by Fulcrum, with everything in the main file so its bytes can be compared.
async fn fulcrum_store(path: &Path) {
    let store = SqliteStore::open(path, OpenMode::Create).await.unwrap();
    store.add_task(&task("write the design doc")).await.unwrap();
    drop(store);
    execute(path, "PRAGMA wal_checkpoint(TRUNCATE)").await;
}

#[tokio::test]
async fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    execute(&path, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1);").await;
    let before = std::fs::read(&path).unwrap();
    for mode in MODES {
        let err = open_err(&path, mode).await;
        assert!(
            matches!(err, StoreError::Foreign { .. }),
            "{mode:?}: {err:?}"
        );
        let text = err.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("not a Fulcrum store"), "{text}");
        assert!(text.contains("table foo"), "{text}");
        assert!(text.contains("--db"), "{text}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(companions(&path), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn a_migrations_table_of_another_tool_is_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rails.db");
    execute(
        &path,
        "CREATE TABLE schema_migrations (version VARCHAR PRIMARY KEY);
         INSERT INTO schema_migrations VALUES ('20240101000000');
         CREATE TABLE settings (key TEXT, value TEXT);
         CREATE TABLE users (id INTEGER PRIMARY KEY);",
    )
    .await;
    let before = std::fs::read(&path).unwrap();
    let err = open_err(&path, OpenMode::Existing).await;
    assert!(
        err.to_string()
            .contains("tables schema_migrations, settings and users"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_refusal_names_a_few_of_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    execute(
        &path,
        "CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE c (x); CREATE TABLE d (x);
         CREATE TABLE e (x);",
    )
    .await;
    let err = open_err(&path, OpenMode::Create).await;
    assert!(
        err.to_string()
            .contains("(it holds the tables a, b, c and 2 more)"),
        "{err}"
    );
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "notes.txt",
            "meeting notes, not a database; long enough to look like one",
        ),
        ("short.db", "hi"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for mode in MODES {
            let err = open_err(&path, mode).await;
            assert!(
                matches!(err, StoreError::NotSqlite { .. }),
                "{mode:?}: {err:?}"
            );
            assert!(err.to_string().contains(&path.display().to_string()));
            assert!(err.to_string().contains("not an SQLite database"));
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert_eq!(companions(&path), Vec::<PathBuf>::new());
    }
}

#[tokio::test]
async fn only_create_makes_a_store_and_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo").join("nested").join("store.db");
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        let err = open_err(&path, mode).await;
        assert!(matches!(err, StoreError::Missing { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(&format!("no Fulcrum store at {}", path.display())),
            "{text}"
        );
        assert!(text.contains("fulcrum init"), "{text}");
        assert!(text.contains("FULCRUM_DB"), "{text}");
    }
    assert!(!dir.path().join("typo").exists());

    let store = SqliteStore::open(&path, OpenMode::Create).await.unwrap();
    assert!(store.profile().await.unwrap().is_none());
    drop(store);
    let store = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    assert!(store.tasks().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_empty_file_is_initialised_only_by_create() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, "").unwrap();
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        assert!(matches!(
            open_err(&path, mode).await,
            StoreError::Missing { .. }
        ));
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    let store = SqliteStore::open(&path, OpenMode::Create).await.unwrap();
    store.add_task(&task("first")).await.unwrap();
    drop(store);
    let store = SqliteStore::open(&path, OpenMode::ReadOnly).await.unwrap();
    assert_eq!(store.tasks().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_read_only_open_reads_and_refuses_changes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    fulcrum_store(&path).await;
    let before = std::fs::read(&path).unwrap();

    let store = SqliteStore::open(&path, OpenMode::ReadOnly).await.unwrap();
    assert_eq!(store.tasks().await.unwrap().len(), 1);
    let err = store.add_task(&task("one more")).await.unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "the store at {} is read-only: Fulcrum can show what it holds but not change it; \
             make the file and its folder writable to change it",
            path.display()
        )
    );
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_read_only_store_of_an_older_schema_is_refused_not_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    fulcrum_store(&path).await;
    execute(
        &path,
        "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)",
    )
    .await;
    let before = std::fs::read(&path).unwrap();
    let err = open_err(&path, OpenMode::ReadOnly).await;
    assert!(matches!(err, StoreError::Outdated { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("older Fulcrum"), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_store_of_a_newer_fulcrum_is_refused_in_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    fulcrum_store(&path).await;
    execute(
        &path,
        "INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)",
    )
    .await;
    for mode in MODES {
        let err = open_err(&path, mode).await;
        assert!(
            matches!(err, StoreError::TooNew { found: 9999, .. }),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn a_locked_store_names_the_file_and_how_long_it_waited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    fulcrum_store(&path).await;
    let wait = Duration::from_millis(200);
    let store = SqliteStore::open_waiting(&path, OpenMode::Existing, wait)
        .await
        .unwrap();

    let mut other = connect(&path).await;
    sqlx::raw_sql("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let expected = format!(
        "another Fulcrum process is using the store at {} (it stayed locked for 0.2 s); \
         wait for it to finish and try again",
        path.display()
    );
    let err = store.add_task(&task("blocked")).await.unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert_eq!(err.to_string(), expected);
    let err = match SqliteStore::open_waiting(&path, OpenMode::Existing, wait).await {
        Ok(_) => panic!("opened a locked store to migrate it"),
        Err(e) => e,
    };
    assert_eq!(err.to_string(), expected);
    // Reading does not wait for a writer in WAL mode.
    assert_eq!(store.tasks().await.unwrap().len(), 1);

    sqlx::raw_sql("ROLLBACK").execute(&mut other).await.unwrap();
    store.add_task(&task("unblocked")).await.unwrap();
    assert_eq!(store.tasks().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_writer_waits_for_another_to_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    fulcrum_store(&path).await;
    let store = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();

    let mut other = connect(&path).await;
    sqlx::raw_sql("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('other', '1');")
        .execute(&mut other)
        .await
        .unwrap();
    let committer = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        sqlx::raw_sql("COMMIT").execute(&mut other).await.unwrap();
        other.close().await.unwrap();
    });
    // Transactions take the write lock when they begin, so they wait for the other writer
    // instead of failing on a snapshot it made stale.
    let source = NewSource {
        kind: SourceKind::CalendarFile,
        location: "/calendars/work.ics".into(),
        name: "work".into(),
        etag: None,
        last_modified: None,
    };
    let replaced = store.replace_events(&source, &[], "0 events").await;
    committer.await.unwrap();
    replaced.unwrap();
    store.add_task(&task("after the other")).await.unwrap();
    assert_eq!(store.tasks().await.unwrap().len(), 2);
}

#[cfg(unix)]
#[tokio::test]
async fn a_store_that_cannot_be_written_is_read_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    if !fulcrum_store::testing::permissions_bind(dir.path()) {
        eprintln!("skipped: this user writes files whatever their mode");
        return;
    }
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    // A folder that takes SQLite's `-shm` file, and one that does not.
    for (name, folder_mode) in [("shared", 0o555), ("own", 0o755)] {
        let folder = dir.path().join(name);
        let path = folder.join("store.db");
        fulcrum_store(&path).await;
        let before = std::fs::read(&path).unwrap();
        mode(&path, 0o444).unwrap();
        mode(&folder, folder_mode).unwrap();

        let store = SqliteStore::open(&path, OpenMode::Existing).await;
        let create = SqliteStore::open(&path, OpenMode::Create).await;
        let result = match store {
            Ok(store) => {
                let read = store.tasks().await.map(|t| t.len());
                let write = store.add_task(&task("refused")).await;
                Ok((read, write))
            }
            Err(e) => Err(e),
        };
        mode(&folder, 0o755).unwrap();
        let (read, write) = result.unwrap();
        assert_eq!(read.unwrap(), 1, "{name}");
        assert!(
            matches!(write, Err(StoreError::ReadOnly { .. })),
            "{name}: {write:?}"
        );
        assert!(
            matches!(create, Err(StoreError::ReadOnly { .. })),
            "{name}: {:?}",
            create.err()
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name}");
    }
}
