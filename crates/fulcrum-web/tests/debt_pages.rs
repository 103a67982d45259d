//! The debt pages without a browser: the demo's wall by priority with the tolerated item's
//! reason, the effort-value matrix with a point per item, the allocation per week against the
//! 20 % line and the coach's finding; an item added, its status set and taken off the wall
//! from the forms, the policy saved, and what the forms refuse.

mod common;

use axum::http::StatusCode;
use common::client::{forms_of, get, post_ok, post_refused};
use common::demo_state;
use fulcrum_app::debt;
use fulcrum_core::debt::Status;
use fulcrum_core::time::{add_days, week_start};

fn item_form<'a>(title: &'a str, effort: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("type", "test"),
        ("area", "checkout"),
        ("effort", effort),
        ("value", "4"),
        ("risk", "3"),
        ("frequency", "5"),
        ("alignment", "2"),
        (
            "links",
            "https://tracker.example.com/DEBT-9\nThe flaky-test dashboard",
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_wall_shows_priorities_the_matrix_and_the_allocation() {
    let (d, state) = demo_state().await;
    let lines = debt::list(state.store.as_ref(), None, None).await.unwrap();
    assert_eq!(lines.len(), 10);
    for l in &lines {
        assert_eq!(l.item.record.check(), Ok(()), "{}", l.item.record.title);
    }
    let priorities: Vec<f64> = lines.iter().map(|l| l.priority).collect();
    assert!(
        priorities.windows(2).all(|w| w[0] >= w[1]),
        "{priorities:?}"
    );
    // The ledger item, (3 + 2 + 3 + 3) / 1 = 11, comes first.
    assert_eq!(lines[0].priority, 11.0);
    let tolerated = lines
        .iter()
        .find(|l| l.item.record.status == Status::Tolerated)
        .expect("a tolerated item");

    let page = get(&state, "/debt").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("aria-current=\"page\">Tech debt"));
    assert_eq!(body.matches("class=\"debt-item\"").count(), 10);
    assert!(body.contains(tolerated.item.record.tolerated_reason.as_deref().unwrap()));
    // The matrix: the four quadrants named, one point per item, each linked to its page.
    let matrix = page.section("debt-matrix");
    for name in ["Quick win", "Major project", "Fill-in", "Avoid / tolerate"] {
        assert!(matrix.contains(name), "{name}");
    }
    assert_eq!(matrix.matches("class=\"debt-point\"").count(), 10);
    for l in &lines {
        assert!(matrix.contains(&format!("data-item=\"{}\"", l.item.id)));
    }
    // The last four complete weeks spent some build time on debt, under the 20 % agreed.
    let a = debt::allocation(
        state.store.as_ref(),
        &state.rules,
        &fulcrum_app::report::Period::Dates {
            from: add_days(week_start(common::TODAY), -28),
            to: week_start(common::TODAY),
        },
        d.now,
    )
    .await
    .unwrap();
    assert_eq!(a.target_percent, 20);
    assert!(a.build_minutes > 0 && a.debt_minutes > 0, "{a:?}");
    assert!(a.below_target, "{a:?}");
    // The chart: twelve weeks against the 20 % line.
    let chart = page.section("debt-allocation");
    assert_eq!(chart.matches("class=\"week\"").count(), 12);
    assert!(chart.contains("data-target=\"20\""));
    // The coach says it on the page.
    assert!(
        body.contains("under the agreed 20 %"),
        "the debt-allocation-below finding"
    );
    for other in [
        "risk-review-due",
        "risk-unowned",
        "postmortem-action-overdue",
    ] {
        assert!(
            !body.contains(&format!("data-rule=\"{other}\"")),
            "{other} is not a finding about debt"
        );
    }

    let one = get(&state, &format!("/debt/{}", tolerated.item.id)).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.body.contains("id=\"debt-head\""));
    assert!(one.body.contains("data-status=\"tolerated\""));
    assert_eq!(
        get(&state, "/debt/nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&state, "/debt/99999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_is_added_tolerated_and_taken_off_the_wall_from_the_forms() {
    let (_d, state) = demo_state().await;
    post_refused(
        &state,
        "/debt/new",
        &item_form("Flaky checkout tests", "9"),
        StatusCode::BAD_REQUEST,
        "effort is",
    )
    .await;
    let mut no_area = item_form("Flaky checkout tests", "2");
    no_area.retain(|(k, _)| *k != "area");
    post_refused(
        &state,
        "/debt/new",
        &no_area,
        StatusCode::BAD_REQUEST,
        "needs an area",
    )
    .await;
    post_ok(
        &state,
        "/debt/new",
        &item_form("Flaky payment tests", "2"),
        "/debt?done=debt-added",
    )
    .await;
    let lines = debt::list(state.store.as_ref(), None, None).await.unwrap();
    let added = lines
        .iter()
        .find(|l| l.item.record.title == "Flaky payment tests")
        .expect("the new item");
    // (4 + 3 + 5 + 2) / 2 = 7, a quick win, with both links.
    assert_eq!(added.priority, 7.0);
    assert_eq!(added.quadrant.as_str(), "quick-win");
    assert_eq!(added.item.record.links.len(), 2);
    let id = added.item.id;
    let base = format!("/debt/{id}");
    let forms = forms_of(&state, base.clone());
    forms
        .refused(
            "status",
            &[("status", "tolerated"), ("reason", " ")],
            StatusCode::BAD_REQUEST,
            "needs its reason",
        )
        .await;
    forms
        .ok(
            "status",
            &[
                ("status", "tolerated"),
                ("reason", "Checkout is rewritten in Q3"),
            ],
            "debt-saved",
        )
        .await;
    let l = debt::show(state.store.as_ref(), id).await.unwrap();
    assert_eq!(l.item.record.status, Status::Tolerated);
    assert_eq!(
        l.item.record.tolerated_reason.as_deref(),
        Some("Checkout is rewritten in Q3")
    );
    forms
        .ok("edit", &item_form("Flaky payment tests", "4"), "debt-saved")
        .await;
    assert_eq!(
        debt::show(state.store.as_ref(), id).await.unwrap().priority,
        3.5
    );
    post_ok(
        &state,
        &format!("{base}/delete"),
        &[],
        "/debt?done=debt-deleted",
    )
    .await;
    assert_eq!(get(&state, &base).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_policy_is_saved_from_its_form_and_refused_out_of_range() {
    let (_d, state) = demo_state().await;
    post_refused(
        &state,
        "/debt/policy",
        &[("target", "0"), ("words", "refactor")],
        StatusCode::BAD_REQUEST,
        "from 1 to 100",
    )
    .await;
    post_refused(
        &state,
        "/debt/policy",
        &[("target", "25"), ("words", " , ")],
        StatusCode::BAD_REQUEST,
        "at least one debt word",
    )
    .await;
    post_ok(
        &state,
        "/debt/policy",
        &[("target", "25"), ("words", "Refactor, #debt")],
        "/debt?done=debt-policy-saved",
    )
    .await;
    let p = debt::policy(state.store.as_ref()).await.unwrap();
    assert_eq!(p.target_percent, 25);
    assert_eq!(p.words, ["refactor", "#debt"]);
    let page = get(&state, "/debt").await;
    assert!(
        page.section("debt-allocation")
            .contains("data-target=\"25\"")
    );
}
