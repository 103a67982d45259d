//! The coach in a real headless Chromium (driven through `common::browser`): the dashboard's
//! panels, dismissing and snoozing an insight from its card, and an action button that adds
//! a task to the list.

mod common;

use common::browser::{
    attr, chromium_with_demo, click, close, notice_after, open, text_of, type_into, wait_for,
};
use fantoccini::{Client, Locator};

/// The selector of the card of insight `id`, or of something inside it.
fn card(id: &str, inside: &str) -> String {
    format!("article.insight[data-insight='{id}'] {inside}")
}

/// The id of the first card in the dashboard's panel.
async fn first_card(c: &Client, base: &str) -> String {
    c.goto(&format!("{base}/")).await.unwrap();
    wait_for(c, "#coach-insights article.insight").await;
    attr(c, "#coach-insights article.insight", "data-insight").await
}

async fn gone(c: &Client, id: &str) -> bool {
    c.find(Locator::Css(&card(id, ""))).await.is_err()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coach_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;

    // The panels show on the dashboard.
    let id = first_card(&c, &base).await;
    let digest = text_of(&c, "#digest").await;
    assert!(
        digest.contains("Balance:") && digest.contains("Commits:"),
        "{digest}"
    );

    // Dismiss with a reason, from the card.
    type_into(
        &c,
        &card(&id, "form[data-action='dismiss'] input[name='reason']"),
        "Handled in person",
    )
    .await;
    let notice = notice_after(&c, &card(&id, "form[data-action='dismiss'] button")).await;
    assert!(notice.contains("Dismissed"), "{notice}");
    assert!(gone(&c, &id).await, "{id} is still shown");
    let kept = store.verdicts().await.unwrap();
    assert!(
        kept.iter()
            .any(|v| v.insight_id == id && v.reason.as_deref() == Some("Handled in person"))
    );

    // Snooze the next one: its date is filled in already.
    let next = first_card(&c, &base).await;
    assert_ne!(next, id);
    let until = attr(&c, &card(&next, "input[name='until']"), "value").await;
    assert!(!until.is_empty());
    click(&c, &card(&next, "form[data-action='snooze'] button")).await;
    assert!(text_of(&c, "#notice").await.contains("Snoozed"));
    assert!(gone(&c, &next).await, "{next} is still shown");

    // An action that adds a task: make most of the list firefighting first.
    common::firefighting_tasks(store.as_ref()).await;
    c.goto(&format!("{base}/tasks")).await.unwrap();
    let fire = "#page-insights article.insight[data-rule='q1-firefighting']";
    let fire_id = attr(&c, fire, "data-insight").await;
    click(&c, &card(&fire_id, "form[data-action='act'] button")).await;
    assert!(text_of(&c, "#notice").await.contains("Done"));
    let title = "Find the cause of the fires that keep coming back";
    let page = c.source().await.unwrap();
    assert!(page.contains(title), "the task is on the list");
    let tasks = store.tasks().await.unwrap();
    assert_eq!(tasks.iter().filter(|t| t.title == title).count(), 1);
    close(c, server).await;
}
