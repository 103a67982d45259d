//! The technical records in a real headless Chromium (driven through `common::browser`): a
//! decision recorded from the log's form, then a second one that supersedes it from its page.

mod common;

use common::browser::{
    attr, chromium_with_demo, close, notice_after, open, select, text_of, type_into, wait_for,
};
use fulcrum_core::decisions::{DecisionRecord, LinkKind, Status};
use fulcrum_store::Records;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;

    // Two decisions from the log's form.
    for title in [
        "Use a message queue between billing and ledger",
        "Call the ledger directly",
    ] {
        c.goto(&format!("{base}/decisions")).await.unwrap();
        type_into(&c, "#decision-title", title).await;
        type_into(
            &c,
            "#decision-context",
            "Billing must not wait on the ledger.",
        )
        .await;
        let notice = notice_after(&c, "#new-decision-submit").await;
        assert!(notice.contains("Recorded the decision"), "{notice}");
        assert!(text_of(&c, "#decision-head").await.contains(title));
    }
    let first: u32 = {
        let all = store.all::<DecisionRecord>().await.unwrap();
        let r = all
            .iter()
            .find(|r| r.record.decision.title.starts_with("Use a message queue"))
            .unwrap();
        r.record.decision.number.unwrap()
    };
    let second = attr(&c, "#decision-head", "data-number").await;

    // The first is superseded by the second, from its page.
    c.goto(&format!("{base}/decisions/{first}")).await.unwrap();
    select(&c, "#supersede-by", &second).await;
    let notice = notice_after(&c, "#supersede-form-submit").await;
    assert!(notice.contains("Superseded"), "{notice}");
    wait_for(
        &c,
        &format!("#decision-links li[data-superseded-by='{second}']"),
    )
    .await;
    assert_eq!(
        attr(&c, "#decision-head", "data-status").await,
        "superseded"
    );

    // The log marks it; the store links both.
    c.goto(&format!("{base}/decisions")).await.unwrap();
    let row = format!("tr.decision[data-number='{first}']");
    assert_eq!(attr(&c, &row, "data-superseded").await, "true");
    wait_for(&c, &format!("{row} del a")).await;
    let all = store.all::<DecisionRecord>().await.unwrap();
    let old = all
        .iter()
        .find(|r| r.record.decision.number == Some(first))
        .unwrap();
    assert_eq!(old.record.decision.status, Some(Status::Superseded));
    let new = all
        .iter()
        .find(|r| r.record.decision.number.map(|n| n.to_string()) == Some(second.clone()))
        .unwrap();
    assert!(
        new.record
            .decision
            .links
            .iter()
            .any(|l| l.kind == LinkKind::Supersedes && l.number == first)
    );

    close(c, server).await;
}
