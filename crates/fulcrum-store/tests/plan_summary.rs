//! Plans accepted before the store kept the planner's summary (free minutes, what did not fit)
//! still read: migration 0010 leaves those columns NULL for them.

#[allow(unused_imports)]
use fulcrum_store::prelude::*;
use fulcrum_store::{AcceptedPlan, OpenMode, PlanBlock, SqliteStore};

#[tokio::test]
async fn a_plan_accepted_before_the_summary_was_kept_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fulcrum.db");
    let store = SqliteStore::open(&path, OpenMode::Create).await.unwrap();
    let plan = AcceptedPlan {
        week: "2026-W48".into(),
        accepted_at: 1_700_000_000,
        known_events: vec![],
        buffer_minutes: 90,
        blocks: vec![PlanBlock {
            task_id: 1,
            seq: 1,
            title: "Caching RFC".into(),
            category: "build".into(),
            start_at: 1_700_010_000,
            end_at: 1_700_013_600,
        }],
        free_minutes: Some(1800),
        unplaced: vec![],
    };
    store.accept_plan(&plan).await.unwrap();
    drop(store);
    // What an older Fulcrum left: no summary.
    {
        use sqlx::Connection;
        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        sqlx::query("UPDATE plans SET free_minutes = NULL, unplaced = NULL")
            .execute(&mut db)
            .await
            .unwrap();
        db.close().await.unwrap();
    }
    let store = SqliteStore::open(&path, OpenMode::Existing).await.unwrap();
    let read = store.plan("2026-W48").await.unwrap().unwrap();
    assert_eq!(read.free_minutes, None);
    assert!(read.unplaced.is_empty());
    assert_eq!(read.blocks, plan.blocks);
}
