//! The coach on the pages without a browser: the dashboard's digest and insights, the
//! insights page, dismiss / snooze / undo / act through their forms, where the forms lead
//! back to, and each module's page showing only its own insights.

mod common;

use axum::http::StatusCode;
use common::client::{get, post_ok};
use common::demo_state;
use fulcrum_web::AppState;

/// The ids of the insight cards in `html`, in page order.
fn insight_ids(html: &str) -> Vec<String> {
    html.split("data-insight=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The first open insight the dashboard shows.
async fn first_on_dashboard(state: &AppState) -> String {
    let r = get(state, "/").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    insight_ids(r.section("coach-insights"))
        .into_iter()
        .next()
        .expect("the demo's dashboard shows an insight")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_digest_and_the_top_insights() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/").await;
    let digest = r.section("digest");
    assert_eq!(digest.matches("<li data-kind=").count(), 5, "{digest}");
    for kind in ["balance", "focus", "meetings", "one-on-ones", "commits"] {
        assert!(digest.contains(&format!("data-kind=\"{kind}\"")), "{kind}");
    }
    assert!(digest.contains("id=\"digest-next\""));
    let panel = r.section("coach-insights");
    let shown = insight_ids(panel);
    assert!(!shown.is_empty() && shown.len() <= 5, "{shown:?}");
    assert!(panel.contains("class=\"evidence\"") && panel.contains("Next: "));
    assert!(panel.contains("data-action=\"dismiss\"") && panel.contains("data-action=\"snooze\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn dismissing_hides_an_insight_until_it_is_shown_again() {
    let (_d, state) = demo_state().await;
    let id = first_on_dashboard(&state).await;
    let reason = "We talked it over on Monday";
    let to = post_ok(
        &state,
        "/insights/dismiss",
        &[("id", &id), ("reason", reason), ("back", "/")],
        "/",
    )
    .await;
    assert_eq!(to, "/?done=insight-dismissed");
    let r = get(&state, &to).await;
    assert!(!insight_ids(r.section("coach-insights")).contains(&id));
    assert!(r.body.contains("Dismissed: it stays hidden"));
    let page = get(&state, "/insights").await;
    let hidden = page.section("hidden-insights");
    assert!(
        insight_ids(hidden).contains(&id) && hidden.contains(reason),
        "{hidden}"
    );
    assert!(!insight_ids(page.section("open-insights")).contains(&id));

    post_ok(
        &state,
        "/insights/undo",
        &[("id", &id), ("back", "/insights")],
        "/insights?done=insight-undone",
    )
    .await;
    assert!(insight_ids(get(&state, "/").await.section("coach-insights")).contains(&id));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dismissal_needs_a_reason_and_a_snooze_a_date() {
    let (_d, state) = demo_state().await;
    let id = first_on_dashboard(&state).await;
    let token = state.csrf_token().to_string();
    let r = common::client::post(
        &state,
        "/insights/dismiss",
        &[("id", &id), ("reason", " "), ("csrf", &token)],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "say why it does not apply");
    let r = common::client::post(
        &state,
        "/insights/snooze",
        &[("id", &id), ("until", "soon"), ("csrf", &token)],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "snooze until which day");
    assert!(insight_ids(get(&state, "/").await.section("coach-insights")).contains(&id));

    post_ok(
        &state,
        "/insights/snooze",
        &[("id", &id), ("until", "2026-03-20"), ("back", "/")],
        "/?done=insight-snoozed",
    )
    .await;
    assert!(!insight_ids(get(&state, "/").await.section("coach-insights")).contains(&id));
    let page = get(&state, "/insights").await;
    assert!(
        page.section("hidden-insights")
            .contains("data-status=\"snoozed\"")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_leads_back_only_to_this_site() {
    let (_d, state) = demo_state().await;
    let id = first_on_dashboard(&state).await;
    for back in [
        "https://evil.example/",
        "//evil.example",
        "/\t/evil.example",
        "/\\evil.example",
    ] {
        let to = post_ok(
            &state,
            "/insights/snooze",
            &[("id", &id), ("until", "2026-03-20"), ("back", back)],
            "/insights",
        )
        .await;
        assert_eq!(to, "/insights?done=insight-snoozed", "{back:?}");
        post_ok(&state, "/insights/undo", &[("id", &id)], "/insights").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn doing_an_action_adds_its_task_once() {
    let (d, state) = demo_state().await;
    common::firefighting_tasks(d.store().await.as_ref()).await;
    let tasks = get(&state, "/tasks").await;
    let id = insight_ids(tasks.section("page-insights"))
        .into_iter()
        .find(|i| i.starts_with("q1-firefighting."))
        .expect("the task list's panel shows the firefighting insight");
    let title = "Find the cause of the fires that keep coming back";
    assert!(!tasks.body.contains(title));
    let mut seen = Vec::new();
    for _ in 0..2 {
        post_ok(
            &state,
            "/insights/act",
            &[("id", &id), ("back", "/tasks")],
            "/tasks?done=insight-done",
        )
        .await;
        seen.push(get(&state, "/tasks").await.body.matches(title).count());
        let all = d.store().await.tasks().await.unwrap();
        assert_eq!(
            all.iter().filter(|t| t.title == title).count(),
            1,
            "added once"
        );
    }
    assert!(seen[0] > 0 && seen[0] == seen[1], "{seen:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_module_page_shows_only_its_own_insights() {
    let (_d, state) = demo_state().await;
    let rules = fulcrum_core::insights::rules();
    let module_of = |rule: &str| {
        rules
            .iter()
            .find(|r| r.info().id == rule)
            .map(|r| r.info().module)
            .unwrap_or_else(|| panic!("unknown rule {rule}"))
    };
    for (page, module) in [
        ("/feedback", "feedback"),
        ("/relationships", "relationships"),
        ("/delegation", "delegation"),
    ] {
        let r = get(&state, page).await;
        let ids = insight_ids(r.section("page-insights"));
        assert!(!ids.is_empty(), "{page}: the demo has {module} insights");
        for id in ids {
            let rule = id.split('.').next().unwrap();
            assert_eq!(module_of(rule), module, "{page} shows {id}");
        }
    }
}
