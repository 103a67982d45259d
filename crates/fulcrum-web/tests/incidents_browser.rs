//! A postmortem written in a real headless Chromium (driven through `common::browser`): an
//! incident's sections filled and saved, the document seen rendered, an action added and
//! marked done, all from the incident's page.

mod common;

use common::browser::{
    attr, chromium_with_demo, click, close, notice_after, open, text_of, type_into, wait_for,
};
use fulcrum_app::delivery::{self, NewIncident};
use fulcrum_core::incidents::{Incident, PostmortemState};
use fulcrum_store::Records;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postmortem_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let logged = delivery::add_incident(
        store.as_ref(),
        NewIncident {
            title: "Search returns nothing".into(),
            severity: 2,
            started: "2026-03-02T20:00:00Z".parse().unwrap(),
            resolved: Some("2026-03-02T21:30:00Z".parse().unwrap()),
            deploy: None,
        },
    )
    .await
    .unwrap();
    let (server, base, c) = open(&driver, &d).await;
    c.goto(&format!("{base}/incidents/{}", logged.id))
        .await
        .unwrap();
    wait_for(&c, "#no-postmortem").await;
    assert_eq!(attr(&c, "#incident-head", "data-postmortem").await, "none");

    // The sections, one textarea each.
    for (field, text) in [
        ("summary", "Search returned no results for ninety minutes."),
        ("impact", "Every customer searching, 20:00 to 21:30."),
        ("detection", "A drop in the search success dashboard."),
        ("response", "The on-call engineer rebuilt the index."),
        ("recovery", "Index rebuilt from the last snapshot."),
        (
            "contributing_factors",
            "The index alias pointed at an empty index",
        ),
        ("went_well", "The dashboard showed it at once"),
    ] {
        type_into(&c, &format!("#pm-{field}"), text).await;
    }
    let notice = notice_after(&c, "#postmortem-form-submit").await;
    assert!(notice.contains("Saved the postmortem"), "{notice}");
    // Rendered: each section under its heading.
    wait_for(&c, "#postmortem-rendered[data-state='written']").await;
    let impact = text_of(&c, "#postmortem-rendered [data-section='impact']").await;
    assert!(impact.contains("Every customer searching"), "{impact}");
    let factors = text_of(
        &c,
        "#postmortem-rendered [data-section='contributing_factors'] li",
    )
    .await;
    assert_eq!(factors, "The index alias pointed at an empty index");
    assert_eq!(
        attr(&c, "#incident-head", "data-postmortem").await,
        "written"
    );

    // An action, then done.
    type_into(
        &c,
        "#action-text",
        "Alert when the search alias points at an empty index",
    )
    .await;
    click(&c, "#action-priority").await;
    let notice = notice_after(&c, "#action-form-submit").await;
    assert!(notice.contains("Added the action"), "{notice}");
    let due = attr(&c, "li.action[data-n='1']", "data-due").await;
    assert_eq!(
        due, "2026-03-30",
        "a priority action: four weeks after the resolution"
    );
    assert_eq!(
        attr(&c, "li.action[data-n='1']", "data-done").await,
        "false"
    );
    let notice = notice_after(&c, "button[data-action-done='1']").await;
    assert!(notice.contains("Marked the action done"), "{notice}");
    wait_for(&c, "li.action[data-n='1'][data-done='true'] del").await;

    // The store has it all.
    let i = store.get::<Incident>(logged.id).await.unwrap().record;
    assert_eq!(i.postmortem_state(), PostmortemState::Written);
    let p = i.postmortem.unwrap();
    assert_eq!(p.went_well, ["The dashboard showed it at once"]);
    assert!(p.actions[0].priority && p.actions[0].done_on.is_some());
    close(c, server).await;
}
