//! What the app's test files share: a demo year in a fresh store.

use fulcrum_app::demo::{self, DemoRequest};
use fulcrum_app::import;

/// The demo's year up to `today` (with `seed`) in a fresh store: the folder that holds it,
/// what the build reports, the store, and the demo's "now".
pub async fn demo_year(
    seed: u64,
    today: jiff::civil::Date,
) -> (
    tempfile::TempDir,
    demo::Demo,
    Box<dyn fulcrum_store::Store>,
    jiff::Timestamp,
) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let built = demo::build(
        DemoRequest {
            db: &db,
            seed,
            today,
        },
        import::no_progress(),
    )
    .await
    .unwrap();
    let store = fulcrum_app::open_store(&db, fulcrum_app::OpenMode::Existing)
        .await
        .unwrap();
    let now = demo::demo_now(today, &jiff::tz::TimeZone::get(demo::DEMO_ZONE).unwrap());
    (dir, built, store, now)
}
