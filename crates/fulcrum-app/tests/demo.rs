//! The demo fills every module with a realistic year, through the same use cases users call.

use fulcrum_app::demo::{self, DemoRequest};
use fulcrum_app::{import, inbox, rituals, weekly};
use jiff::civil::date;

#[tokio::test]
async fn the_demo_has_a_year_of_the_weekly_loop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let today = date(2026, 6, 10);
    let built = demo::build(
        DemoRequest {
            db: &db,
            seed: 3,
            today,
        },
        import::no_progress(),
    )
    .await
    .unwrap();
    let store = fulcrum_app::open_store(&db).await.unwrap();
    let now = demo::demo_now(today, &jiff::tz::TimeZone::get(demo::DEMO_ZONE).unwrap());
    assert!(built.commits > 100);

    let tasks = weekly::list(store.as_ref(), true).await.unwrap();
    assert!(tasks.tasks.len() >= 30, "{}", tasks.tasks.len());
    let open = weekly::list(store.as_ref(), false).await.unwrap();
    assert!(open.tasks.iter().any(|t| t.quadrant.as_str() == "delegate"));
    assert!(open.tasks.iter().any(|t| t.quadrant.as_str() == "delete"));

    // Past weeks have plans with reviews; some work was dropped with a reason.
    let last_week = date(2026, 6, 1);
    let review = weekly::review_week(store.as_ref(), last_week)
        .await
        .unwrap();
    assert!(review.review.planned_minutes > 0);
    assert!(review.trend.len() >= 7, "{:?}", review.trend);
    assert!(
        review
            .trend
            .iter()
            .any(|p| p.done_share.is_some_and(|s| s > 0.0))
    );
    let this_week = weekly::propose(store.as_ref(), date(2026, 6, 8), now)
        .await
        .unwrap();
    assert!(this_week.free_minutes > 0);

    let asks = inbox::list(store.as_ref(), true, now).await.unwrap();
    assert_eq!(asks.items.len(), 6);
    assert_eq!(
        inbox::list(store.as_ref(), false, now)
            .await
            .unwrap()
            .items
            .len(),
        3
    );

    let status = rituals::status_all(store.as_ref(), now).await.unwrap();
    assert!(
        status[0].streak >= 1 || status[0].state == "done",
        "{:?}",
        status[0]
    );
    assert_eq!(status[2].streak, 3, "the last three quarters were assessed");
    let md = rituals::export_markdown(store.as_ref(), date(2026, 5, 1), date(2026, 6, 1))
        .await
        .unwrap();
    assert!(md.contains("## Weekly journal 2026-W"), "{md}");
    assert!(md.contains("## Monthly career check-in 2026-05"), "{md}");
}
