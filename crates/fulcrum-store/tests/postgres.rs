//! The PostgreSQL backend: the conformance suite, one test per check, each on a database of
//! its own; and opening, which refuses what is not a Fulcrum store as the SQLite backend does.

#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::testing::TestDatabase;
use fulcrum_store::{OpenMode, PostgresStore, StoreError, conformance};

struct Fresh {
    store: PostgresStore,
    _db: TestDatabase,
}

#[async_trait::async_trait]
impl conformance::Fixture for Fresh {
    fn store(&self) -> &dyn Store {
        &self.store
    }
    async fn finish(self) {
        self.store.close().await;
    }
}

async fn fresh() -> Option<Fresh> {
    let db = TestDatabase::create()?;
    let store = PostgresStore::open(&db.url, OpenMode::Create)
        .await
        .unwrap();
    Some(Fresh { store, _db: db })
}

mod conformance_checks {
    use super::fresh;
    fulcrum_store::conformance_tests!(fresh);
}

#[tokio::test]
async fn only_create_makes_a_store_in_an_empty_database() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        match PostgresStore::open(&db.url, mode).await {
            Err(StoreError::Missing { path }) => assert_eq!(path, db.url),
            Err(e) => panic!("{mode:?}: {e}"),
            Ok(_) => panic!("{mode:?} opened an empty database"),
        }
    }
    let store = PostgresStore::open(&db.url, OpenMode::Create)
        .await
        .unwrap();
    assert!(store.profile().await.unwrap().is_none());
    store.close().await;
    let again = PostgresStore::open(&db.url, OpenMode::ReadOnly)
        .await
        .unwrap();
    assert!(again.tasks().await.unwrap().is_empty());
    again.close().await;
}

#[tokio::test]
async fn another_programs_database_is_left_alone() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    sqlx::raw_sql("CREATE TABLE invoices (id BIGINT PRIMARY KEY)")
        .execute(&pool)
        .await
        .unwrap();
    match PostgresStore::open(&db.url, OpenMode::Create).await {
        Err(StoreError::Foreign { tables, .. }) => assert!(tables.contains("invoices"), "{tables}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened another program's database"),
    }
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(tables, ["invoices"], "nothing was added");
    pool.close().await;
}

/// A store filled by the whole suite goes SQLite → PostgreSQL → SQLite and comes back as it
/// was: the same dumps at every step, and the same JSON.
#[tokio::test]
async fn a_store_moves_from_sqlite_to_postgres_and_back() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = fulcrum_store::SqliteStore::open(&dir.path().join("a.db"), OpenMode::Create)
        .await
        .unwrap();
    conformance::run_all(&first).await;
    let dumps = first.export_tables().await.unwrap();
    let filled: Vec<&str> = dumps
        .iter()
        .filter(|d| !d.rows.is_empty())
        .map(|d| d.name.as_str())
        .collect();
    assert!(filled.len() >= 12, "{filled:?}");

    let pg = PostgresStore::open(&db.url, OpenMode::Create)
        .await
        .unwrap();
    pg.import_tables(&dumps).await.unwrap();
    let on_pg = pg.export_tables().await.unwrap();
    assert_eq!(on_pg, dumps);
    assert_eq!(pg.people().await.unwrap(), first.people().await.unwrap());
    assert_eq!(pg.tasks().await.unwrap(), first.tasks().await.unwrap());

    let back = fulcrum_store::SqliteStore::open(&dir.path().join("b.db"), OpenMode::Create)
        .await
        .unwrap();
    back.import_tables(&on_pg).await.unwrap();
    let again = back.export_tables().await.unwrap();
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        serde_json::to_string(&dumps).unwrap()
    );
    // New rows continue after the restored ids on both backends.
    let task = pg.tasks().await.unwrap()[0].clone();
    let added = pg.add_task(&task).await.unwrap();
    let highest = dumps.iter().find(|d| d.name == "tasks").unwrap().rows.len() as i64;
    assert!(added.id > highest, "{} after {highest}", added.id);
    pg.close().await;
}

#[tokio::test]
async fn wiping_takes_fulcrums_tables_only() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = PostgresStore::open(&db.url, OpenMode::Create)
        .await
        .unwrap();
    conformance::tasks_round_trip(&store).await;
    store.close().await;
    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    sqlx::raw_sql("CREATE TABLE notes_of_another_program (id BIGINT)")
        .execute(&pool)
        .await
        .unwrap();
    PostgresStore::wipe(&db.url).await.unwrap();
    let left: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(left, ["notes_of_another_program"]);
    pool.close().await;
}
