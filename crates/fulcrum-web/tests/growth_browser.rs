//! Growth and career in a real headless Chromium (driven through `common::browser`): a plan
//! and its first step created from the pages and finished there, a skill rated from its
//! form, and the compass answered from the career page.

mod common;

use common::browser::{
    attr, chromium_with_demo, click, close, find, notice_after, open, select, type_into, wait_for,
};
use fantoccini::Client;
use fulcrum_core::career::CompassAnswer;
use fulcrum_core::growth::{GrowthPlan, Rater, Rating, Step, StepStatus};
use fulcrum_store::Records;

/// Sets a date field the way a date picker would, whatever the browser's locale.
async fn set_date(c: &Client, css: &str, date: &str) {
    c.execute(
        "document.querySelector(arguments[0]).value = arguments[1];",
        vec![css.into(), date.into()],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn growth_and_career_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;

    // Start a plan from the growth page: the browser lands on the new plan.
    c.goto(&format!("{base}/growth")).await.unwrap();
    type_into(&c, "#plan-goal", "Speak at the engineering all-hands").await;
    type_into(
        &c,
        "#plan-success",
        "A talk given\nThree teams ask questions",
    )
    .await;
    select(&c, "#plan-kind", "technical").await;
    let notice = notice_after(&c, "#start-plan-submit").await;
    assert!(notice.contains("Started the plan"), "{notice}");
    let plan: i64 = attr(&c, "#plan-goal", "data-plan").await.parse().unwrap();
    let kept = store.get::<GrowthPlan>(plan).await.unwrap();
    assert_eq!(kept.record.goal, "Speak at the engineering all-hands");
    assert_eq!(kept.record.success.len(), 2);

    // Its first step, with a target date, shows in the table and on the timeline.
    type_into(&c, "#step-title", "Draft the talk outline").await;
    set_date(&c, "#step-target", "2026-03-20").await;
    click(&c, "#step-form-submit").await;
    wait_for(&c, "#steps-table tr.step").await;
    let steps = store.all::<Step>().await.unwrap();
    let step = steps
        .iter()
        .find(|s| s.record.plan == plan)
        .expect("the step is kept");
    assert_eq!(
        step.record.target.map(|d| d.to_string()).as_deref(),
        Some("2026-03-20")
    );
    wait_for(
        &c,
        &format!("#timeline g.step-row[data-step='{}']", step.id),
    )
    .await;

    // Done from its row.
    let notice = notice_after(&c, &format!("button[data-done-step='{}']", step.id)).await;
    assert!(notice.contains("Marked the step done"), "{notice}");
    let state = attr(
        &c,
        &format!("tr.step[data-step='{}']", step.id),
        "data-status",
    )
    .await;
    assert_eq!(state, "done");
    assert_eq!(
        store.get::<Step>(step.id).await.unwrap().record.status,
        StepStatus::Done
    );

    // Rate a skill.
    let before = store.all::<Rating>().await.unwrap().len();
    c.goto(&format!("{base}/skills")).await.unwrap();
    wait_for(&c, "#skill-gaps svg").await;
    type_into(&c, "#rate-skill", "facilitating").await;
    type_into(&c, "#rate-score", "8").await;
    type_into(
        &c,
        "#rate-example",
        "Ran the incident review without taking over",
    )
    .await;
    let notice = notice_after(&c, "#rate-form-submit").await;
    assert!(notice.contains("Kept the rating"), "{notice}");
    let ratings = store.all::<Rating>().await.unwrap();
    assert_eq!(ratings.len(), before + 1);
    let last = ratings.iter().max_by_key(|r| r.id).unwrap();
    assert_eq!(
        (
            last.record.skill.as_str(),
            last.record.score,
            last.record.by
        ),
        ("facilitating", 8, Rater::Myself)
    );
    let shown = attr(&c, "tr.skill[data-skill='facilitating']", "data-self").await;
    assert_eq!(shown, "8");

    // The compass: answer the impact question.
    c.goto(&format!("{base}/career")).await.unwrap();
    wait_for(&c, "#compass").await;
    assert!(
        find(&c, "#paths #fit-method")
            .await
            .text()
            .await
            .unwrap()
            .contains("starts at 0.5")
    );
    click(&c, "#answer-impact input[name='lean'][value='2']").await;
    type_into(
        &c,
        "#note-impact",
        "The hiring loop was the best part of the quarter",
    )
    .await;
    let notice = notice_after(&c, "#answer-impact-submit").await;
    assert!(notice.contains("Kept your answer"), "{notice}");
    assert_eq!(attr(&c, "#question-impact", "data-lean").await, "2");
    let answers = store.all::<CompassAnswer>().await.unwrap();
    let last = answers.last().unwrap();
    assert_eq!(last.record.lean, 2);
    assert_eq!(
        last.record.note,
        "The hiring loop was the best part of the quarter"
    );

    // The audit follows the role chosen.
    select(&c, "#audit-role", "director").await;
    click(&c, "#audit-role-form button").await;
    wait_for(&c, "#audit[data-role='director']").await;

    close(c, server).await;
}
