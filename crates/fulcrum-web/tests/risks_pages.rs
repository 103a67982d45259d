//! The risk pages without a browser: the demo's risk log in the probability × impact matrix
//! (each live risk a marker in its cell, cells coloured by band, axes labelled), the log with
//! the passed review flagged, the coach's findings; a risk logged, edited, reviewed, told,
//! linked to an incident and closed from the forms, and what the forms refuse.

mod common;

use axum::http::StatusCode;
use common::client::{attr, forms_of, get, post_added, post_refused, tag_with};
use common::{demo_state, person_id};
use fulcrum_app::risks;
use fulcrum_core::risks::{Band, Status};
use fulcrum_core::time::add_days;

fn cell(body: &str, p: u8, i: u8) -> &str {
    tag_with(
        body,
        &format!("data-probability=\"{p}\" data-impact=\"{i}\""),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_risks_sit_in_their_cells_with_the_due_review_flagged() {
    let (d, state) = demo_state().await;
    let lines = risks::list(state.store.as_ref(), None, None, d.now)
        .await
        .unwrap();
    assert_eq!(lines.len(), 8);
    let live: Vec<_> = lines.iter().filter(|l| l.status.live()).collect();
    assert_eq!(live.len(), 6, "one closed, one happened");
    let happened = lines.iter().find(|l| l.status == Status::Happened).unwrap();
    assert!(happened.incident.is_some());
    let due: Vec<_> = lines.iter().filter(|l| l.review_due).collect();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].strategy.map(|s| s.as_str()), Some("accept"));
    assert!(lines.iter().any(|l| l.band == Band::High));

    let page = get(&state, "/risks").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("aria-current=\"page\">Risks"));
    let svg = tag_with(body, "class=\"risk-matrix\"");
    assert_eq!(attr(svg, "data-risks"), "6");
    assert_eq!(body.matches("class=\"marker\"").count(), 6);
    // Each live risk is in its own cell, whose band matches its score.
    for l in &live {
        let c = cell(body, l.probability, l.impact);
        let ids: Vec<&str> = attr(c, "data-risks").split(' ').collect();
        assert!(ids.contains(&l.id.to_string().as_str()), "{c}");
        assert_eq!(attr(c, "data-band"), l.band.as_str());
    }
    // Closed and happened risks are not drawn.
    let c = cell(body, happened.probability, happened.impact);
    assert!(
        !attr(c, "data-risks")
            .split(' ')
            .any(|i| i == happened.id.to_string())
    );
    assert_eq!(attr(cell(body, 5, 5), "data-band"), "high");
    assert_eq!(attr(cell(body, 2, 4), "data-band"), "medium");
    assert_eq!(attr(cell(body, 1, 5), "data-band"), "low");
    assert!(body.contains("Impact: how bad if it happens"));
    assert!(body.contains("Probability: how likely"));

    // The log flags the passed review; the coach raises it and the unowned risk.
    let row = tag_with(body, &format!("data-risk=\"{}\" data-band", due[0].id));
    assert_eq!(attr(row, "data-review-due"), "true");
    assert_eq!(body.matches("review due</span>").count(), 1);
    assert!(
        body.contains("is due for review"),
        "the risk-review-due finding"
    );
    assert!(
        body.contains("Nobody owns risk"),
        "the risk-unowned finding"
    );
    // … and only the risk findings: the demo's debt and postmortem findings are other pages'.
    for other in [
        "debt-allocation-below",
        "postmortem-action-overdue",
        "project-slipping",
    ] {
        assert!(
            !body.contains(&format!("data-rule=\"{other}\"")),
            "{other} is not a finding about risks"
        );
    }

    let one = get(&state, &format!("/risks/{}", happened.id)).await;
    assert_eq!(one.status, StatusCode::OK);
    let incident = happened.incident.unwrap();
    assert!(
        one.body
            .contains(&format!("href=\"/incidents/{incident}\""))
    );
    // … and the incident's page links back to the risk that foresaw it.
    let back = get(&state, &format!("/incidents/{incident}")).await;
    assert!(
        back.body
            .contains(&format!("href=\"/risks/{}\"", happened.id)),
        "the incident names its risk"
    );
    let owner = happened.owner_id.unwrap();
    assert!(one.body.contains(&format!("href=\"/people/{owner}\"")));
    assert!(one.body.contains("id=\"told-list\""));
    get(&state, "/risks/nope")
        .await
        .assert_says(StatusCode::NOT_FOUND, "there is no risk");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_risk_is_logged_and_kept_from_the_forms() {
    let (d, state) = demo_state().await;
    let today = fulcrum_app::profile::today(state.store.as_ref(), d.now)
        .await
        .unwrap();
    let lars = person_id(&state, "Lars Eriksen").await;
    let risk = [
        ("event", "The fraud vendor changing its API"),
        ("consequence", "checkout rejecting good cards"),
        ("probability", "3"),
        ("impact", "4"),
        ("category", "third-party"),
        ("strategy", "accept"),
        ("owner", lars.as_str()),
    ];
    post_refused(
        &state,
        "/risks/new",
        &risk,
        StatusCode::BAD_REQUEST,
        "an accepted risk needs a review date",
    )
    .await;
    post_refused(
        &state,
        "/risks/new",
        &[("event", "x"), ("consequence", "y"), ("impact", "3")],
        StatusCode::BAD_REQUEST,
        "choose the probability",
    )
    .await;
    post_refused(
        &state,
        "/risks/new",
        &[
            ("event", "x"),
            ("consequence", "y"),
            ("probability", "9"),
            ("impact", "3"),
        ],
        StatusCode::BAD_REQUEST,
        "probability 9 is not one of 1 to 5",
    )
    .await;
    let review = add_days(today, 21).to_string();
    let mut with_review = risk.to_vec();
    with_review.push(("review", &review));
    let id = post_added(&state, "/risks/new", &with_review, "/risks/", "risk-added").await;
    let r = risks::show(state.store.as_ref(), id, d.now).await.unwrap();
    assert_eq!(r.status, Status::Accepted);
    assert_eq!(r.score, 12);
    assert_eq!(r.owner.as_deref(), Some("Lars Eriksen"));
    assert_eq!(r.review_on, Some(add_days(today, 21)));

    let base = format!("/risks/{id}");
    let forms = forms_of(&state, base.clone());
    let mut edit: Vec<(&str, &str)> = risk.to_vec();
    edit.retain(|(k, _)| *k != "impact" && *k != "owner");
    edit.extend_from_slice(&[("impact", "5"), ("owner", "me"), ("review", &review)]);
    forms.ok("edit", &edit, "risk-saved").await;
    let r = risks::show(state.store.as_ref(), id, d.now).await.unwrap();
    assert_eq!((r.score, r.band), (15, Band::High));
    assert_eq!(r.owner.as_deref(), Some("me"));

    forms.ok("review", &[], "risk-reviewed").await;
    let r = risks::show(state.store.as_ref(), id, d.now).await.unwrap();
    assert_eq!(r.reviewed_on, Some(today));
    assert_eq!(r.review_on, Some(add_days(today, 14)), "high: two weeks");

    forms
        .refused("tell", &[], StatusCode::BAD_REQUEST, "say who was told")
        .await;
    forms
        .ok("tell", &[("group", "leadership")], "risk-told")
        .await;
    forms.ok("tell", &[("person", &lars)], "risk-told").await;
    let r = risks::show(state.store.as_ref(), id, d.now).await.unwrap();
    assert_eq!(r.told.len(), 2);
    assert_eq!(r.told[1].who, "Lars Eriksen");

    forms
        .refused(
            "happened",
            &[("incident", "999999")],
            StatusCode::BAD_REQUEST,
            "there is no incident 999999",
        )
        .await;
    forms.ok("close", &[], "risk-closed").await;
    let r = risks::show(state.store.as_ref(), id, d.now).await.unwrap();
    assert_eq!(r.status, Status::Closed);
    let page = get(&state, "/risks").await;
    let c = cell(&page.body, 3, 5);
    assert!(
        !attr(c, "data-risks")
            .split(' ')
            .any(|i| i == id.to_string())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_page_links_back_to_the_risks_they_own_and_the_debt_they_champion() {
    let (d, state) = demo_state().await;
    let store = state.store.as_ref();
    let lines = risks::list(store, None, None, d.now).await.unwrap();
    let owned = lines
        .iter()
        .find(|l| {
            l.status != Status::Closed && l.status != Status::Happened && l.owner_id.is_some()
        })
        .expect("the demo has a live risk owned by one of the team");
    let page = get(&state, &format!("/people/{}", owned.owner_id.unwrap())).await;
    assert_eq!(page.status, StatusCode::OK);
    let part = tag_with(
        &page.body,
        &format!("data-kind=\"risk\" data-id=\"{}\"", owned.id),
    );
    assert_eq!(attr(part, "data-role"), "owner");
    assert!(page.body.contains(&format!("href=\"/risks/{}\"", owned.id)));

    let wall = fulcrum_app::debt::list(store, None, None).await.unwrap();
    let championed = wall
        .iter()
        .find(|l| l.item.record.status.is_open() && l.item.record.champion.is_some())
        .expect("the demo has open debt with a champion");
    let page = get(
        &state,
        &format!("/people/{}", championed.item.record.champion.unwrap()),
    )
    .await;
    let part = tag_with(
        &page.body,
        &format!("data-kind=\"debt\" data-id=\"{}\"", championed.item.id),
    );
    assert_eq!(attr(part, "data-role"), "champion");
    // A closed or happened risk is history: it is not listed as the owner's work.
    for l in lines
        .iter()
        .filter(|l| l.status == Status::Closed && l.owner_id.is_some())
    {
        let page = get(&state, &format!("/people/{}", l.owner_id.unwrap())).await;
        assert!(
            !page
                .body
                .contains(&format!("data-kind=\"risk\" data-id=\"{}\"", l.id))
        );
    }
}
