//! Removing a source in a real headless Chromium (driven as in `browser.rs`, through
//! `common::browser`): the list's Remove… link, the page that counts what goes, the
//! confirming form posted by the browser itself (token and Origin), and the list without
//! the source after.

mod common;

use common::browser::{chromium_with_demo, click, close, open, wait_for};
use fantoccini::Locator;
use fulcrum_store::SourceKind;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_a_source_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let cal = store
        .sources()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SourceKind::CalendarFile)
        .expect("the demo's calendar");
    let preview = store.source_removal(cal.id).await.unwrap();
    let (server, base, c) = open(&driver, &d).await;

    c.goto(&format!("{base}/sources")).await.unwrap();
    let row = format!("#sources-table tr[data-source-id='{}']", cal.id);
    wait_for(&c, &row).await;
    click(&c, &format!("{row} a.remove-source")).await;
    let confirm = wait_for(&c, "#remove-confirm").await;
    assert_eq!(
        confirm.attr("data-occurrences").await.unwrap().unwrap(),
        preview.occurrences.to_string()
    );
    assert!(
        store.source(cal.id).await.unwrap().is_some(),
        "the page removes nothing"
    );
    click(&c, "#confirm-remove").await;
    let notice = wait_for(&c, "#notice").await;
    let text = notice.text().await.unwrap();
    assert!(text.contains("Removed the source"), "{text}");
    assert!(c.find(Locator::Css(&row)).await.is_err(), "the row is gone");
    assert!(store.source(cal.id).await.unwrap().is_none());
    assert!(store.events_between(0, i64::MAX).await.unwrap().is_empty());
    close(c, server).await;
}
