//! A store written before migration 0006 keeps its commits: each is linked to the repository
//! it was stored under, so removing a source and counting commits work on it as on a new one.

#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::{OpenMode, SqliteStore};
use sqlx::Connection;

const BEFORE_0006: &[&str] = &[
    include_str!("../migrations/sqlite/0001_initial.sql"),
    include_str!("../migrations/sqlite/0002_weekly_loop.sql"),
    include_str!("../migrations/sqlite/0003_inbox_and_rituals.sql"),
    include_str!("../migrations/sqlite/0004_people.sql"),
    include_str!("../migrations/sqlite/0005_people_records.sql"),
];

#[tokio::test]
async fn commits_stored_before_the_links_are_linked_to_their_repository() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut db =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", path.display()))
                .await
                .unwrap();
        sqlx::raw_sql(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .execute(&mut db)
        .await
        .unwrap();
        for (i, sql) in BEFORE_0006.iter().enumerate() {
            sqlx::raw_sql(*sql).execute(&mut db).await.unwrap();
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)")
                .bind(i as i64 + 1)
                .execute(&mut db)
                .await
                .unwrap();
        }
        sqlx::raw_sql(
            "INSERT INTO sources (id, kind, location, name, git_cursor, last_ok)
                 VALUES (1, 'git', '/src/app', 'app', '{\"tips\":[\"abc\"]}', 1),
                        (2, 'git', '/src/lib', 'lib', '{\"tips\":[\"def\"]}', 1);
             INSERT INTO commits (oid, source_id, author_at, author_offset, email, summary)
                 VALUES ('a1', 1, 100, 0, 'me@example.com', 'one'),
                        ('a2', 1, 200, 0, 'me@example.com', 'two'),
                        ('b1', 2, 300, 0, 'me@example.com', 'three');",
        )
        .execute(&mut db)
        .await
        .unwrap();
        db.close().await.unwrap();
    }
    let store = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    let counts = store.source_counts().await.unwrap();
    assert_eq!(counts, [(1, 0, 2), (2, 0, 1)]);
    let app = store.source(1).await.unwrap().unwrap();
    assert_eq!(app.parent_id, None);
    assert_eq!(
        app.repository_commits, None,
        "not counted until the next scan"
    );
    let preview = store.source_removal(1).await.unwrap();
    assert_eq!((preview.commits, preview.commits_kept), (2, 0));
    store.remove_source(1).await.unwrap();
    let left: Vec<String> = store
        .commits_between(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.oid)
        .collect();
    assert_eq!(left, ["b1"]);
}
