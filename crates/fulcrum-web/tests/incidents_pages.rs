//! The incident and delivery pages without a browser: the register and the out-of-hours
//! chart over the demo's incidents, an incident logged, given roles, a timeline entry, a
//! postmortem and actions from its page, its Markdown, what the forms refuse, and the four
//! keys of a chosen period on /delivery.

mod common;

use axum::http::StatusCode;
use common::client::{forms_of, get, post_added, post_refused};
use common::demo_state;
use fulcrum_core::incidents::{Incident, PostmortemState};
use fulcrum_store::Records;

#[tokio::test(flavor = "multi_thread")]
async fn the_register_shows_the_demo_incidents_and_the_load() {
    let (_d, state) = demo_state().await;
    let page = get(&state, "/incidents").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("aria-current=\"page\">Incidents"));
    assert_eq!(page.body.matches("<tr class=\"incident\"").count(), 3);
    assert!(
        page.body
            .contains("Card payments failing after the ledger migration")
    );
    assert_eq!(page.body.matches("data-postmortem=\"written\"").count(), 3);
    // The out-of-hours chart has a bar per responder of the evening incident (in the last
    // twelve weeks), each with its minutes.
    let chart = page.section("oncall-card");
    assert!(chart.contains("class=\"load-row\""), "{chart}");
    assert!(chart.contains("data-minutes=\"135\""), "{chart}");
    // The coach's overdue action shows on the page, linking to its incident.
    assert!(
        page.body.contains("postmortem-action-overdue"),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incident_is_handled_from_its_page() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    let id = post_added(
        &state,
        "/incidents/new",
        &[
            ("title", "Login page blank on Safari"),
            ("severity", "3"),
            ("started", "2026-03-10T09:30"),
            ("resolved", ""),
        ],
        "/incidents/",
        "incident-added",
    )
    .await;
    let base = format!("/incidents/{id}");
    let people = store.people().await.unwrap();
    let (a, b) = (people[0].id.to_string(), people[1].id.to_string());

    let forms = forms_of(&state, &base);
    forms
        .ok(
            "roles",
            &[
                ("owner", &a),
                ("solver", &a),
                ("solver", &b),
                ("communicator", &b),
                ("severity", "2"),
                ("resolved", "2026-03-10T11:00"),
            ],
            "incident-saved",
        )
        .await;
    forms
        .ok(
            "timeline",
            &[
                ("text", "Found the CSS regression"),
                ("at", "2026-03-10T10:15"),
                ("by", &b),
            ],
            "timeline-added",
        )
        .await;
    forms
        .ok(
            "postmortem",
            &[
                ("summary", "The login page rendered blank on Safari."),
                ("impact", "Safari users, 90 minutes."),
                ("detection", "Support tickets."),
                ("response", "Reverted the stylesheet."),
                ("recovery", "Redeployed."),
                ("timeline", ""),
                ("contributing_factors", "- No Safari in CI\n- A late review"),
                ("went_well", "Quick revert"),
            ],
            "postmortem-saved",
        )
        .await;
    forms
        .ok(
            "actions",
            &[
                ("text", "Run the UI tests on Safari"),
                ("owner", &a),
                ("priority", "1"),
            ],
            "action-added",
        )
        .await;
    let i = store.get::<Incident>(id).await.unwrap().record;
    assert_eq!(i.severity, 2);
    assert_eq!(i.owner, Some(people[0].id));
    assert_eq!(i.solvers, vec![people[0].id, people[1].id]);
    assert_eq!(i.timeline[0].by, Some(people[1].id));
    assert_eq!(i.postmortem_state(), PostmortemState::Written);
    let p = i.postmortem.as_ref().unwrap();
    assert_eq!(p.contributing_factors, ["No Safari in CI", "A late review"]);
    assert_eq!(p.actions.len(), 1);

    let page = get(&state, &base).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = page
        .body
        .find("id=\"postmortem-rendered\"")
        .expect("the rendered postmortem");
    let rendered = &page.body[at..];
    assert!(rendered.contains("<p class=\"prose\">The login page rendered blank on Safari.</p>"));
    assert!(
        rendered.contains("data-section=\"timeline\"><h3>Timeline</h3><ul><li>2026-03-10 10:15 — Found the CSS regression"),
        "the timeline told from the entries, in the lead's zone: {rendered}"
    );
    // A priority action is due four weeks after the resolution day.
    assert!(
        page.body.contains("data-due=\"2026-04-07\""),
        "{}",
        page.body
    );

    forms.ok("action-done", &[("n", "1")], "action-done").await;
    let i = store.get::<Incident>(id).await.unwrap().record;
    assert!(i.postmortem.unwrap().actions[0].done_on.is_some());

    let md = get(&state, &format!("{base}/postmortem.md")).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.body
            .starts_with("# Postmortem: Login page blank on Safari"),
        "{}",
        md.body
    );
    assert!(
        md.body
            .contains("## Contributing factors\n\n- No Safari in CI\n")
    );
    assert!(md.body.contains("- [x] Run the UI tests on Safari"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_forms_refuse_bad_input_and_keep_nothing() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    post_refused(
        &state,
        "/incidents/new",
        &[("title", "x"), ("severity", "2"), ("started", "yesterday")],
        StatusCode::BAD_REQUEST,
        "started",
    )
    .await;
    assert_eq!(store.all::<Incident>().await.unwrap().len(), 3);
    let id = store.all::<Incident>().await.unwrap()[0].id;
    let forms = forms_of(&state, format!("/incidents/{id}"));
    forms
        .refused(
            "timeline",
            &[("text", " ")],
            StatusCode::BAD_REQUEST,
            "timeline entry needs a text",
        )
        .await;
    forms
        .refused(
            "action-done",
            &[("n", "9")],
            StatusCode::BAD_REQUEST,
            "not a number 9",
        )
        .await;
    forms
        .refused(
            "roles",
            &[("resolved", "2020-01-01T00:00")],
            StatusCode::BAD_REQUEST,
            "before it started",
        )
        .await;
    assert_eq!(
        get(&state, "/incidents/9999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&state, "/incidents/abc").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn delivery_shows_the_four_keys_of_a_period() {
    let (_d, state) = demo_state().await;
    let page = get(&state, "/delivery").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("aria-current=\"page\">Delivery"));
    for key in [
        "deploys_per_week",
        "lead_time",
        "change_failure_rate",
        "time_to_restore",
    ] {
        assert!(page.body.contains(&format!("data-key=\"{key}\"")), "{key}");
    }
    // A year: every week a column.
    let year = get(&state, "/delivery?from=2025-03-03&to=2026-03-01").await;
    assert_eq!(year.status, StatusCode::OK, "{}", year.body);
    assert_eq!(year.body.matches("class=\"week\"").count(), 52);
    // The summer: the deployment that caused the weekend outage, listed with its incident.
    let summer = get(&state, "/delivery?from=2025-08-01&to=2025-08-31").await;
    let row = summer
        .body
        .find("data-incidents=\"1\"")
        .expect("the deployment with its incident");
    assert!(summer.body[row..].contains("Card payments failing after the ledger migration"));
    assert!(summer.body.contains("data-from=\"2025-08-01\""));
    let bad = get(&state, "/delivery?from=June").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
