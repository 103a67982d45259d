//! The decision pages without a browser: the log with superseded records marked and stale
//! proposals flagged, a decision recorded from its form, its status set, superseded and
//! edited from its page, and what the forms refuse.

mod common;

use axum::http::StatusCode;
use common::client::{forms_of, get, post_ok, post_refused};
use common::demo_state;
use fulcrum_app::decisions;

/// The value of `attr` on the row of decision `n` in `html`.
fn row_attr(html: &str, n: u32, attr: &str) -> String {
    let at = html
        .find(&format!("data-number=\"{n}\""))
        .unwrap_or_else(|| panic!("no row for decision {n}"));
    let row = &html[at..html[at..].find('>').map_or(html.len(), |e| at + e)];
    row.split(&format!("{attr}=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_decision_is_recorded_superseded_and_edited_from_the_pages() {
    let (d, state) = demo_state().await;
    // The demo keeps decisions 1–12. An old proposal read from a folder: proposed since 2025-12-01, over four weeks ago.
    let dir = d.dir.path().join("adr");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("0013-cache-in-rust.md"),
        "---\nstatus: proposed\ndate: 2025-12-01\n---\n# Rewrite the cache in Rust\n\n## Context and Problem Statement\n\nThe cache loses entries.\n",
    )
    .unwrap();
    let imported = decisions::import(state.store.as_ref(), &dir).await.unwrap();
    assert_eq!(imported.added, 1);

    let log = get(&state, "/decisions").await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    assert!(log.body.contains("aria-current=\"page\">Technical"));
    assert_eq!(row_attr(&log.body, 13, "data-stale"), "true");
    assert!(log.body.contains("id=\"stale-decisions\""));

    let to = post_ok(
        &state,
        "/decisions/new",
        &[
            ("title", "Keep the cache in Go, tune the eviction"),
            ("context", "A rewrite costs a quarter."),
            ("deciders", "Ana Ortiz, Lars Berg"),
            ("options", "Tune eviction\nRewrite in Rust"),
            ("status", "accepted"),
        ],
        "/decisions/14",
    )
    .await;
    assert!(to.ends_with("done=decision-added"), "{to}");
    let two = decisions::show(state.store.as_ref(), 14, d.now)
        .await
        .unwrap();
    assert_eq!(two.decision.deciders, ["Ana Ortiz", "Lars Berg"]);
    assert_eq!(two.decision.options.len(), 2);
    assert_eq!(two.line.status.map(|s| s.as_str()), Some("accepted"));

    let one = forms_of(&state, "/decisions/13");
    one.ok("supersede", &[("by", "14")], "decision-superseded")
        .await;
    let log = get(&state, "/decisions").await;
    assert_eq!(row_attr(&log.body, 13, "data-superseded"), "true");
    assert_eq!(
        row_attr(&log.body, 13, "data-stale"),
        "false",
        "a superseded proposal is not waiting"
    );
    let page = get(&state, "/decisions/13").await;
    assert!(
        page.body.contains("data-superseded-by=\"14\""),
        "{}",
        page.body
    );
    let page = get(&state, "/decisions/14").await;
    assert!(page.body.contains("data-supersedes=\"13\""));
    assert!(
        page.body.contains("id=\"unexported\""),
        "a new decision is not in a file yet"
    );

    forms_of(&state, "/decisions/14")
        .ok(
            "edit",
            &[
                ("title", "Keep the cache in Go"),
                ("context", "A rewrite costs a quarter."),
                ("outcome", "Tune the eviction."),
                ("consequences", ""),
            ],
            "decision-saved",
        )
        .await;
    let two = decisions::show(state.store.as_ref(), 14, d.now)
        .await
        .unwrap();
    assert_eq!(two.decision.title, "Keep the cache in Go");
    assert_eq!(two.decision.outcome, "Tune the eviction.");

    // What the forms refuse.
    one.refused(
        "supersede",
        &[("by", "13")],
        StatusCode::BAD_REQUEST,
        "cannot supersede itself",
    )
    .await;
    forms_of(&state, "/decisions/14")
        .refused(
            "status",
            &[("status", "superseded")],
            StatusCode::BAD_REQUEST,
            "links both",
        )
        .await;
    post_refused(
        &state,
        "/decisions/new",
        &[("title", "  ")],
        StatusCode::BAD_REQUEST,
        "needs a title",
    )
    .await;
    assert_eq!(
        get(&state, "/decisions/77").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&state, "/decisions?status=maybe").await.status,
        StatusCode::BAD_REQUEST
    );
    let accepted = get(&state, "/decisions?status=accepted").await;
    assert!(
        accepted.body.contains("data-number=\"14\"")
            && !accepted.body.contains("data-number=\"13\"")
    );
}
