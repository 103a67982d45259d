//! A store written by the release before the migrator (the demo of commit da66fec, kept as
//! `fixtures/released-demo.db`) opens, is migrated forward and loses nothing.

#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::{BACKUP_TABLES, OpenMode, SqliteStore};
use sqlx::{AssertSqlSafe, Connection, Row, SqliteConnection};

const RELEASED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/released-demo.db"
);

async fn counts(path: &std::path::Path) -> Vec<(String, i64)> {
    let mut conn = SqliteConnection::connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .unwrap();
    let mut counts = Vec::new();
    for table in BACKUP_TABLES {
        // Tables a later migration adds hold nothing yet.
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        )
        .bind(table)
        .fetch_one(&mut conn)
        .await
        .unwrap();
        if known == 0 {
            counts.push((table.to_string(), 0));
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = sqlx::query(AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        counts.push((table.to_string(), n));
    }
    conn.close().await.unwrap();
    counts
}

#[tokio::test]
async fn the_released_demo_store_opens_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("released.db");
    std::fs::copy(RELEASED, &path).unwrap();
    let before = counts(&path).await;
    assert!(
        before.iter().filter(|(_, n)| *n > 0).count() >= 18,
        "{before:?}"
    );

    let store = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    let dumps = store.export_tables().await.unwrap();
    let after: Vec<(String, i64)> = dumps
        .iter()
        .map(|d| (d.name.clone(), d.rows.len() as i64))
        .collect();
    assert_eq!(after, before);
    let profile = store.profile().await.unwrap().expect("the demo's profile");
    assert_eq!(profile.emails, ["alex.rivera@example.com"]);
    assert!(store.people().await.unwrap().len() >= 6);
    drop(store);

    let mut conn = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let adopted: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(adopted, [1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14]);
    let legacy: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM schema_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(legacy, adopted, "older Fulcrums still see the versions");
    conn.close().await.unwrap();

    // Opening again finds nothing to do, and the store reads the same.
    let again = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    assert_eq!(again.export_tables().await.unwrap(), dumps);
}
