//! The project pages without a browser: the demo's two projects (one done on time, one
//! slipping) with their owner, deadline and reason, the milestone timeline with the late
//! milestone marked and the deadline and forecast drawn, the WIP table with people at the
//! limit, the coach's finding; a project started, given milestones, one done, edited and its
//! status set from the forms, and what the forms refuse.

mod common;

use axum::http::StatusCode;
use common::client::{attr, forms_of, get, post_added, post_refused, tag_with};
use common::{demo_state, person_id};
use fulcrum_app::projects;
use fulcrum_core::time::add_days;

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_projects_show_the_slip_the_timeline_and_the_wip() {
    let (d, state) = demo_state().await;
    let lines = projects::list(state.store.as_ref(), None, d.now)
        .await
        .unwrap();
    assert_eq!(lines.len(), 2);
    let refunds = &lines[0];
    let ledger = &lines[1];
    assert!(refunds.slip.slipping && refunds.slip.late_milestones == 1);
    assert_eq!(ledger.project.record.status.as_str(), "done");
    let today = fulcrum_app::profile::today(state.store.as_ref(), d.now)
        .await
        .unwrap();
    // Two milestones done 4 and 9 days late, one 8 days overdue: 8 days carried, the launch
    // (due in 35 days) forecast in 43, 3 days after the deadline in 40.
    assert_eq!(refunds.slip.carried_delay_days, 8);
    assert_eq!(refunds.slip.forecast_end, Some(add_days(today, 43)));
    assert_eq!(refunds.slip.past_deadline_days, 3);

    let page = get(&state, "/projects").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("aria-current=\"page\">Projects"));
    let r = tag_with(body, &format!("id=\"project-{}\"", refunds.project.id));
    assert_eq!(attr(r, "data-slipping"), "true");
    let l = tag_with(body, &format!("id=\"project-{}\"", ledger.project.id));
    assert_eq!(attr(l, "data-slipping"), "false");
    assert!(body.contains("Priya Nair"));
    assert!(
        body.contains("support staffing is cut from then"),
        "the deadline's reason"
    );

    // The timeline: five marks, one late, two done; the deadline and the forecast lines.
    let svg = tag_with(body, "class=\"project-timeline\"");
    assert_eq!(attr(svg, "data-project"), refunds.project.id.to_string());
    assert_eq!(body.matches("data-state=\"late\"").count(), 1);
    assert_eq!(body.matches("data-state=\"done\"").count(), 2);
    assert_eq!(body.matches("data-state=\"open\"").count(), 2);
    let late = tag_with(body, "data-state=\"late\"");
    assert_eq!(attr(late, "data-late-days"), "8");
    let deadline = tag_with(body, "class=\"deadline\" data-date");
    assert_eq!(attr(deadline, "data-date"), add_days(today, 40).to_string());
    let forecast = tag_with(body, "class=\"forecast\" data-date");
    assert_eq!(attr(forecast, "data-date"), add_days(today, 43).to_string());

    // The WIP table: Priya (owner, a delegation) and Mei (member, a delegation) at the limit.
    let wip = page.section("wip");
    assert_eq!(wip.matches("data-at-limit=\"true\"").count(), 2, "{wip}");
    assert!(wip.contains("at the limit"));
    assert!(!wip.contains("data-over=\"true\""));

    // The coach says it on the page.
    assert!(body.contains("is slipping"), "the project-slipping finding");

    let one = get(&state, &format!("/projects/{}", refunds.project.id)).await;
    assert_eq!(one.status, StatusCode::OK);
    let head = tag_with(&one.body, "id=\"project-head\"");
    assert_eq!(attr(head, "data-slipping"), "true");
    assert!(one.body.contains("3 days after the deadline"));
    assert_eq!(
        one.body.matches("type=\"submit\" id=\"done-").count(),
        3,
        "a Done button per open milestone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_is_started_and_kept_from_the_forms() {
    let (d, state) = demo_state().await;
    let today = fulcrum_app::profile::today(state.store.as_ref(), d.now)
        .await
        .unwrap();
    let lars = person_id(&state, "Lars Eriksen").await;
    let tomas = person_id(&state, "Tomás García").await;
    let deadline = add_days(today, 60).to_string();

    post_refused(
        &state,
        "/projects/new",
        &[
            ("name", "Fraud API"),
            ("purpose", "Block card testing"),
            ("owner", &lars),
            ("deadline", &deadline),
        ],
        StatusCode::BAD_REQUEST,
        "a deadline needs its reason",
    )
    .await;
    post_refused(
        &state,
        "/projects/new",
        &[("name", "Fraud API"), ("purpose", "Block card testing")],
        StatusCode::BAD_REQUEST,
        "choose the project",
    )
    .await;
    let id = post_added(
        &state,
        "/projects/new",
        &[
            ("name", "Fraud API"),
            ("purpose", "Block card testing"),
            ("owner", &lars),
            ("deadline", &deadline),
            ("deadline_reason", "The card scheme's new rules apply then"),
            ("members", &tomas),
        ],
        "/projects/",
        "project-added",
    )
    .await;
    let base = format!("/projects/{id}");
    let forms = forms_of(&state, base.clone());
    let due = add_days(today, -3).to_string();
    forms
        .ok(
            "milestones",
            &[("title", "Vendor chosen"), ("due", &due)],
            "milestone-added",
        )
        .await;
    forms
        .refused(
            "milestones",
            &[("title", " "), ("due", &due)],
            StatusCode::BAD_REQUEST,
            "needs a title",
        )
        .await;
    let p = projects::show(state.store.as_ref(), id, d.now)
        .await
        .unwrap();
    assert_eq!(p.members[0].name, "Tomás García");
    assert!(p.slip.slipping, "a milestone 3 days overdue");
    let mid = p.slip.milestones[0].id.to_string();
    forms
        .refused(
            "milestone-done",
            &[("milestone", "999999")],
            StatusCode::NOT_FOUND,
            "not a milestone of this project",
        )
        .await;
    forms
        .ok("milestone-done", &[("milestone", &mid)], "milestone-done")
        .await;
    let p = projects::show(state.store.as_ref(), id, d.now)
        .await
        .unwrap();
    assert_eq!(p.slip.milestones[0].done_on, Some(today));
    assert!(!p.slip.slipping);

    forms
        .ok(
            "edit",
            &[
                ("name", "Fraud API v2"),
                ("purpose", "Block card testing"),
                ("owner", &tomas),
                ("deadline", ""),
                ("deadline_reason", ""),
            ],
            "project-saved",
        )
        .await;
    let p = projects::show(state.store.as_ref(), id, d.now)
        .await
        .unwrap();
    assert_eq!(p.project.record.name, "Fraud API v2");
    assert_eq!(p.owner_name, "Tomás García");
    assert_eq!(p.project.record.deadline, None);
    assert!(p.members.is_empty());
    forms
        .ok("status", &[("status", "paused")], "project-saved")
        .await;
    forms
        .refused(
            "status",
            &[("status", "maybe")],
            StatusCode::BAD_REQUEST,
            "choose one of",
        )
        .await;
    let p = projects::show(state.store.as_ref(), id, d.now)
        .await
        .unwrap();
    assert_eq!(p.project.record.status.as_str(), "paused");

    assert_eq!(
        get(&state, "/projects/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&state, "/projects/abc").await.status,
        StatusCode::NOT_FOUND
    );
}
