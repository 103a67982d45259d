//! The demo fills every module with a realistic year, through the same use cases users call.

use fulcrum_app::demo::{self, DemoRequest};
use fulcrum_app::{delegation, feedback, import, inbox, onboarding, people, relationships};
use fulcrum_app::{rituals, weekly};
use fulcrum_core::privacy::Privacy;
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
    let store = fulcrum_app::open_store(&db, fulcrum_app::OpenMode::Existing)
        .await
        .unwrap();
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

    people_records(store.as_ref(), &built.rules, now).await;
}

/// The team: six reports, a manager, a stakeholder and a peer, with a year of records that
/// make every part of the people pages show something.
async fn people_records(
    store: &dyn fulcrum_store::Store,
    rules: &std::path::Path,
    now: jiff::Timestamp,
) {
    let o = people::overview(store, now).await.unwrap();
    assert_eq!(o.rows.len(), 9);
    let row = |name: &str| o.rows.iter().find(|r| r.person.name == name).unwrap();
    assert_eq!(row("Lars Eriksen").person.cadence_days, 7, "the new joiner");
    assert!(o.rows.iter().all(|r| r.person.private_notes.is_none()));

    let tomas = people::page(store, row("Tomás García").person.id, now, Privacy::Hide)
        .await
        .unwrap();
    assert!(tomas.quiet_streak >= 3, "{}", tomas.quiet_streak);
    assert!(
        tomas.signals.iter().any(|s| s.contains("brought nothing")),
        "{:?}",
        tomas.signals
    );
    assert!(tomas.balance.days_since_positive.unwrap() >= 42);
    let history = &tomas.one_on_ones.history;
    assert!(history.iter().filter(|e| e.note.is_some()).count() >= 8);
    assert!(history.iter().any(|e| {
        e.meeting
            .as_ref()
            .is_some_and(|m| m.state.as_str() == "upcoming")
    }));
    // Pairing sessions and on-call handovers with one person are not 1:1s.
    let jonas = people::one_on_ones(store, row("Jonas Weber").person.id, now, Privacy::Hide)
        .await
        .unwrap();
    assert!(
        jonas.one_on_ones.iter().all(|m| m.title.contains("1:1")),
        "{:?}",
        jonas
            .one_on_ones
            .iter()
            .map(|m| &m.title)
            .collect::<Vec<_>>()
    );
    let jonas_page = people::page(store, row("Jonas Weber").person.id, now, Privacy::Include)
        .await
        .unwrap();
    assert_eq!(jonas_page.trend.direction.as_str(), "falling");
    assert!(jonas_page.person.private_notes.is_some());

    let mine = feedback::mine(store, now).await.unwrap();
    assert_eq!(mine.themes[0].theme, "delegation");
    assert!(mine.themes[0].repeated);
    assert_eq!(mine.open_requests.len(), 1);
    let all = feedback::list(store, feedback::Filter::default(), now)
        .await
        .unwrap();
    assert!(all.items.len() > 40, "{}", all.items.len());
    assert_eq!(all.waiting.len(), 1, "one observation still to deliver");

    let d = delegation::list(store, true, None, now).await.unwrap();
    assert_eq!(d.items.len(), 7);
    let open: Vec<_> = d.items.iter().filter(|l| l.delegation.is_open()).collect();
    assert_eq!(open.len(), 3);
    assert!(
        open.iter().any(|l| !l.missing.is_empty()),
        "a draft still being prepared"
    );
    assert!(open.iter().any(|l| l.overdue_check_ins > 0));
    let c = delegation::candidates(store, rules, now).await.unwrap();
    let titles: Vec<&str> = c.recurring.iter().map(|x| x.title.as_str()).collect();
    assert!(
        titles.contains(&"PR reviews") && titles.contains(&"Support queue triage"),
        "{titles:?}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("Release notes") || t.contains("Focus"))
    );
    let v = delegation::vacation_test(store, rules, None, now)
        .await
        .unwrap();
    assert!(!v.passes);

    let r = relationships::overview(store, now).await.unwrap();
    let nudges: Vec<&str> = r
        .commitments
        .iter()
        .filter_map(|l| l.nudge.as_ref().map(|n| n.kind.as_str()))
        .collect();
    assert_eq!(nudges, ["slipped", "interim-update"]);
    assert_eq!(r.preps.len(), 2);

    let plans = onboarding::all(store, now).await.unwrap();
    assert_eq!(plans.len(), 1);
    let p = &plans[0].progress;
    assert!(p.percent > 50 && p.percent < 100, "{}", p.percent);
    assert_eq!(p.overdue.len(), 2);
}
