//! The risk matrix in a real headless Chromium (driven through `common::browser`): the demo's
//! live risks each a marker in the cell of its probability and impact, then a risk logged from
//! the form whose marker appears in its cell.

mod common;

use common::browser::{
    attr, chromium_with_demo, close, find, notice_after, open, select, text_of, type_into, wait_for,
};
use fulcrum_app::risks;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_risk_matrix_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let live: Vec<_> = risks::list(store.as_ref(), None, None, d.now)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.status.live())
        .collect();
    assert_eq!(live.len(), 6);
    let (server, base, c) = open(&driver, &d).await;
    c.goto(&format!("{base}/risks")).await.unwrap();
    wait_for(&c, "svg.risk-matrix").await;
    assert_eq!(attr(&c, "svg.risk-matrix", "data-risks").await, "6");
    for l in &live {
        let cell = format!(
            "g.cell[data-probability='{}'][data-impact='{}']",
            l.probability, l.impact
        );
        let marker = format!("{cell} g.marker[data-risk='{}']", l.id);
        assert_eq!(text_of(&c, &marker).await, l.id.to_string());
        assert_eq!(attr(&c, &cell, "data-band").await, l.band.as_str());
    }

    // A new risk from the form: probability 4, impact 5 (high).
    type_into(&c, "#new-event", "The only DBA leaving").await;
    type_into(&c, "#new-consequence", "nobody able to restore a backup").await;
    select(&c, "#new-probability", "4").await;
    select(&c, "#new-impact", "5").await;
    select(&c, "#new-category", "people").await;
    select(&c, "#new-strategy", "mitigate").await;
    select(&c, "#new-owner", "me").await;
    let notice = notice_after(&c, "#new-risk-submit").await;
    assert!(notice.contains("Logged the risk"), "{notice}");
    let id = attr(&c, "#risk-head", "data-risk").await;
    assert_eq!(attr(&c, "#risk-summary", "data-band").await, "high");

    c.goto(&format!("{base}/risks")).await.unwrap();
    wait_for(&c, "svg.risk-matrix").await;
    assert_eq!(attr(&c, "svg.risk-matrix", "data-risks").await, "7");
    let marker =
        format!("g.cell[data-probability='4'][data-impact='5'] g.marker[data-risk='{id}']");
    assert_eq!(text_of(&c, &marker).await, id);
    let tooltip = find(&c, &format!("{marker} title"))
        .await
        .html(true)
        .await
        .unwrap();
    assert!(
        tooltip.contains("The only DBA leaving might lead to"),
        "{tooltip}"
    );
    close(c, server).await;
}
