//! The debt wall in a real headless Chromium (driven through `common::browser`): an item put on
//! the wall from the form and seen as a point of the matrix, then tolerated from its page —
//! refused without a reason, kept with one.

mod common;

use common::browser::{
    attr, chromium_with_demo, click, close, notice_after, open, select, text_of, type_into,
    wait_for,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_debt_item_in_chromium() {
    let Some((driver, d, _store)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;
    c.goto(&format!("{base}/debt")).await.unwrap();
    wait_for(&c, "#debt-matrix").await;
    assert_eq!(attr(&c, "svg.debt-matrix", "data-items").await, "10");

    type_into(&c, "#new-title", "Flaky payment tests").await;
    select(&c, "#new-type", "test").await;
    type_into(&c, "#new-area", "payments").await;
    for (field, score) in [
        ("effort", "2"),
        ("value", "4"),
        ("risk", "3"),
        ("frequency", "5"),
        ("alignment", "2"),
    ] {
        type_into(&c, &format!("#new-{field}"), score).await;
    }
    let notice = notice_after(&c, "#new-debt-submit").await;
    assert!(notice.contains("Put the item on the wall"), "{notice}");
    assert_eq!(attr(&c, "svg.debt-matrix", "data-items").await, "11");
    // (4 + 3 + 5 + 2) / 2 = 7: a quick win, linked from the wall.
    let row = "tr.debt-item[data-priority='7.00'][data-quadrant='quick-win'] a";
    wait_for(&c, row).await;
    click(&c, row).await;
    wait_for(&c, "#debt-head").await;

    select(&c, "#new-status", "tolerated").await;
    let notice = notice_after(&c, "#status-form-submit").await;
    assert!(notice.contains("needs its reason"), "{notice}");
    type_into(
        &c,
        "#status-reason",
        "Payments moves to the new client in Q3",
    )
    .await;
    select(&c, "#new-status", "tolerated").await;
    let notice = notice_after(&c, "#status-form-submit").await;
    assert!(notice.contains("Saved the debt item"), "{notice}");
    assert_eq!(attr(&c, "#debt-head", "data-status").await, "tolerated");
    let meta = text_of(&c, ".page-head .meta").await;
    assert!(
        meta.contains("Payments moves to the new client in Q3"),
        "{meta}"
    );
    close(c, server).await;
}
