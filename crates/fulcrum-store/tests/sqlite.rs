#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::{OpenMode, SqliteStore, conformance};

#[tokio::test]
async fn in_memory_store_conforms() {
    let store = SqliteStore::in_memory().await.unwrap();
    conformance::run_all(&store).await;
}

#[tokio::test]
async fn file_store_conforms_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("fulcrum.db");
    let store = SqliteStore::open(&path, OpenMode::Create).await.unwrap();
    conformance::run_all(&store).await;
    let sources = store.sources().await.unwrap();
    drop(store);
    let reopened = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    assert_eq!(reopened.sources().await.unwrap(), sources);
    assert!(reopened.profile().await.unwrap().is_some());
}

#[tokio::test]
async fn a_file_that_is_not_a_store_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    let err = match SqliteStore::open(&path, OpenMode::Create).await {
        Ok(_) => panic!("opened a text file as a store"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("notes.txt"), "{err}");
}

/// The conformance suite again, one test per check, each on a fresh file store.
mod conformance_checks {
    #[allow(unused_imports)]
    use fulcrum_store::prelude::*;
    use fulcrum_store::{OpenMode, SqliteStore, conformance};

    struct Fresh {
        store: SqliteStore,
        _dir: tempfile::TempDir,
    }

    #[async_trait::async_trait]
    impl conformance::Fixture for Fresh {
        fn store(&self) -> &dyn Store {
            &self.store
        }
        async fn finish(self) {}
    }

    async fn fresh() -> Option<Fresh> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fulcrum.db");
        let store = SqliteStore::open(&path, OpenMode::Create).await.unwrap();
        Some(Fresh { store, _dir: dir })
    }

    fulcrum_store::conformance_tests!(fresh);
}
