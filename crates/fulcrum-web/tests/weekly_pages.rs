//! The weekly loop and reflection pages without a browser: every page renders, every form
//! needs the token and redirects after success, and the API returns the CLI's JSON.

mod common;

use axum::http::StatusCode;
use common::client::{get, post, post_ok};
use common::demo_state;
use fulcrum_app::{inbox, rituals, weekly};
use jiff::civil::date;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn the_weekly_pages_render() {
    let (_d, state) = demo_state().await;
    for (uri, expect) in [
        ("/tasks", "What the spread says"),
        ("/tasks/triage", "Triage"),
        ("/plan", "Free working time"),
        ("/plan?week=2026-W11", "Plan W11"),
        ("/review?week=2026-W10", "Planned work done"),
        ("/inbox", "Waiting for a decision"),
        ("/journal", "Weekly journal"),
        ("/journal/weekly-journal", "What did you get done"),
        (
            "/journal/monthly-check-in?period=2026-02",
            "Monthly career check-in 2026-02",
        ),
        ("/journal/quarterly-assessment?period=2026-Q1", "Mentoring"),
    ] {
        let r = get(&state, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.body.contains(expect), "{uri} lacks {expect:?}");
        for link in ["/tasks", "/plan", "/review", "/inbox", "/journal"] {
            assert!(
                r.body.contains(&format!("href=\"{link}\"")),
                "{uri}: no nav link {link}"
            );
        }
    }
    // Without an accepted plan, the review says so and points to the plan.
    let r = get(&state, "/review?week=2025-W02").await;
    r.assert_says(StatusCode::NOT_FOUND, "had no accepted plan");
    assert!(r.body.contains("href=\"/plan?week=2025-W02\""));
    for (uri, status) in [
        ("/plan?week=2026-W99", StatusCode::BAD_REQUEST),
        ("/journal/daily-diary", StatusCode::NOT_FOUND),
        (
            "/journal/weekly-journal?period=2026-13",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/journal/export.md?from=2026-03-01&to=2026-02-01",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        assert_eq!(get(&state, uri).await.status, status, "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn weekly_forms_need_the_token() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    let before =
        serde_json::to_value(weekly::list(d.store().await.as_ref(), true).await.unwrap()).unwrap();
    for uri in [
        "/tasks/add",
        "/tasks/done",
        "/tasks/drop",
        "/tasks/triage",
        "/plan/accept",
        "/review/adjust",
        "/inbox/add",
        "/inbox/decide",
        "/inbox/classify",
        "/journal/weekly-journal",
    ] {
        let form = [
            ("title", "Sneaky"),
            ("id", "1"),
            ("text", "x"),
            ("from", "y"),
            ("decision", "yes"),
            ("ownership", "mine"),
            ("skip_matters", "no"),
            ("adjustment", "z"),
            ("section-accomplishments", "forged"),
        ];
        let r = post(&state, uri, &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri} without a token");
        let mut forged = form.to_vec();
        forged.push(("csrf", &token[1..]));
        let r = post(&state, uri, &forged).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri} with a wrong token");
    }
    let after =
        serde_json::to_value(weekly::list(d.store().await.as_ref(), true).await.unwrap()).unwrap();
    assert_eq!(before, after, "nothing changed");
    let rituals = get(&state, "/api/rituals").await.json();
    assert!(!rituals.to_string().contains("forged"));
}

#[tokio::test(flavor = "multi_thread")]
async fn tasks_are_added_finished_dropped_and_triaged() {
    let (d, state) = demo_state().await;
    let location = post_ok(
        &state,
        "/tasks/add",
        &[
            ("title", "Answer the audit questionnaire"),
            ("urgent", "on"),
            ("estimate", "1h30m"),
            ("due", "2026-03-06"),
            ("category", "operate"),
        ],
        "/tasks?done=task-added",
    )
    .await;
    let page = get(&state, &location).await;
    page.assert_says(StatusCode::OK, "Added the task.");
    let delegate = page.section("q-delegate");
    assert!(
        delegate.contains("Answer the audit questionnaire"),
        "{delegate}"
    );
    assert!(delegate.contains("1h30"), "{delegate}");
    assert!(
        !page
            .section("q-do")
            .contains("Answer the audit questionnaire")
    );
    let store = d.store().await;
    let added = weekly::list(store.as_ref(), false)
        .await
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.task.title == "Answer the audit questionnaire")
        .unwrap();
    assert_eq!(added.task.estimate_minutes, Some(90));
    assert_eq!(added.task.due, Some(date(2026, 3, 6)));
    assert_eq!(added.task.category, fulcrum_core::Category::Operate);
    let id = added.task.id.to_string();

    // Bad input stays on the page with the reason and a 400.
    let token = state.csrf_token().to_string();
    for (form, message) in [
        (
            vec![("title", "x"), ("estimate", "soon")],
            "is not a duration",
        ),
        (vec![("title", "  ")], "a task needs a title"),
        (vec![("title", "x"), ("due", "next week")], "next week"),
    ] {
        let mut form = form;
        form.push(("csrf", &token));
        let r = post(&state, "/tasks/add", &form).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form:?}");
        assert!(r.body.contains(message), "{message}: {}", r.body);
        assert!(r.body.contains("Not done"));
    }

    // Triage: skipping matters, others depend on it, but it does not need me → delegate.
    post_ok(
        &state,
        "/tasks/add",
        &[
            ("title", "Migrate the CI runners"),
            ("urgent", "on"),
            ("important", "on"),
        ],
        "/tasks",
    )
    .await;
    let ci = weekly::list(store.as_ref(), false)
        .await
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.task.title == "Migrate the CI runners")
        .unwrap();
    assert_eq!(ci.quadrant, fulcrum_core::tasks::Quadrant::Do);
    let ci_id = ci.task.id.to_string();
    let location = post_ok(
        &state,
        "/tasks/triage",
        &[
            ("id", &ci_id),
            ("skip_matters", "yes"),
            ("depended_on", "yes"),
            ("needs_me", "no"),
        ],
        &format!("/tasks/triage?after={ci_id}"),
    )
    .await;
    let page = get(&state, &location).await;
    assert!(
        page.body
            .contains("“Migrate the CI runners” is now in delegate."),
        "{}",
        page.body
    );
    // The last task was triaged: the page ends with the matrix.
    assert!(page.body.contains("id=\"triage-finished\""));
    assert!(
        page.section("q-delegate")
            .contains("Migrate the CI runners")
    );
    let r = post(&state, "/tasks/triage", &[("id", &ci_id), ("csrf", &token)]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    post_ok(
        &state,
        "/tasks/done",
        &[("id", &id)],
        "/tasks?done=task-done",
    )
    .await;
    post_ok(
        &state,
        "/tasks/drop",
        &[("id", &ci_id), ("reason", "the platform team owns it")],
        "/tasks?done=task-dropped",
    )
    .await;
    let all = weekly::list(store.as_ref(), true).await.unwrap();
    let status = |title: &str| {
        all.tasks
            .iter()
            .find(|t| t.task.title == title)
            .map(|t| (t.task.status, t.task.note.clone()))
            .unwrap()
    };
    assert_eq!(
        status("Answer the audit questionnaire").0,
        fulcrum_core::tasks::TaskStatus::Done
    );
    assert_eq!(
        status("Migrate the CI runners"),
        (
            fulcrum_core::tasks::TaskStatus::Dropped,
            Some("the platform team owns it".into())
        )
    );
    let r = post(&state, "/tasks/done", &[("id", "99999"), ("csrf", &token)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_accepted_plan_exports_its_blocks() {
    let (d, state) = demo_state().await;
    // Next week has nothing accepted yet.
    get(&state, "/plan/export.ics?week=2026-W11")
        .await
        .assert_says(StatusCode::BAD_REQUEST, "no accepted plan");
    let page = get(&state, "/plan?week=2026-W11").await;
    assert!(!page.body.contains("id=\"export-ics\""));
    post_ok(
        &state,
        "/tasks/add",
        &[
            ("title", "Write the caching RFC"),
            ("important", "on"),
            ("estimate", "2h"),
        ],
        "/tasks",
    )
    .await;
    let page = get(&state, "/plan?week=2026-W11").await;
    assert!(
        page.section("plan-blocks")
            .contains("Write the caching RFC")
    );
    let location = post_ok(
        &state,
        "/plan/accept",
        &[("week", "2026-W11")],
        "/plan?week=2026-W11&done=accepted",
    )
    .await;
    let page = get(&state, &location).await;
    assert!(
        page.body
            .contains("href=\"/plan/export.ics?week=2026-W11\"")
    );
    let r = get(&state, "/plan/export.ics?week=2026-W11").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.content_type.starts_with("text/calendar"),
        "{}",
        r.content_type
    );
    let uids: Vec<&str> = r
        .body
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    assert_eq!(uids.len(), r.body.matches("BEGIN:VEVENT").count());
    assert!(!uids.is_empty());
    assert!(
        uids.iter().all(|u| u.starts_with("fulcrum-plan-")),
        "{uids:?}"
    );
    assert!(r.body.contains("SUMMARY:Write the caching RFC"));
    let store = d.store().await;
    assert_eq!(
        r.body,
        weekly::export_ics(store.as_ref(), date(2026, 3, 9))
            .await
            .unwrap()
    );

    // The review of that week takes an adjustment.
    let location = post_ok(
        &state,
        "/review/adjust",
        &[
            ("week", "2026-W11"),
            ("adjustment", "Keep Thursday mornings free"),
        ],
        "/review?week=2026-W11&done=adjusted",
    )
    .await;
    let page = get(&state, &location).await;
    page.assert_says(StatusCode::OK, "Keep Thursday mornings free");
    assert!(page.body.contains("id=\"done-trend\""));
    let token = state.csrf_token().to_string();
    let r = post(
        &state,
        "/review/adjust",
        &[("week", "2026-W11"), ("adjustment", " "), ("csrf", &token)],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "the adjustment is empty");
}

/// The `data-task-id` and `data-start` of each row of the page's block list.
fn listed_blocks(page: &str) -> Vec<(i64, String)> {
    page.split("<tr class=\"block\"")
        .skip(1)
        .map(|row| {
            let attr = |name: &str| {
                let at = row.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                row[at..at + row[at..].find('"').unwrap()].to_string()
            };
            (attr("data-task-id").parse().unwrap(), attr("data-start"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_plan_page_shows_the_accepted_plan_the_ics_holds() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    let store = store.as_ref();
    let this_week = date(2026, 3, 2);
    // The demo accepted this week's plan on Monday morning; a task added since would change a
    // fresh plan, but not the accepted one.
    post_ok(
        &state,
        "/tasks/add",
        &[
            ("title", "Prepare the board update"),
            ("urgent", "on"),
            ("important", "on"),
            ("estimate", "2h"),
        ],
        "/tasks",
    )
    .await;
    let kept = weekly::accepted(store, this_week).await.unwrap().unwrap();
    let shown = weekly::week_plan(store, this_week, d.now, false)
        .await
        .unwrap();
    assert!(shown.is_accepted());
    let tz = jiff::tz::TimeZone::get(fulcrum_app::demo::DEMO_ZONE).unwrap();
    let local = |s: i64| {
        jiff::Timestamp::from_second(s)
            .unwrap()
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let want: Vec<(i64, String)> = kept
        .blocks
        .iter()
        .map(|b| (b.task_id, local(b.start_at)))
        .collect();
    assert!(!want.is_empty());

    let page = get(&state, "/plan").await;
    assert_eq!(page.status, StatusCode::OK);
    let accept = page.section("accept");
    assert!(accept.contains("data-state=\"accepted\""), "{accept}");
    assert!(accept.contains("Accepted plan"), "{accept}");
    assert!(accept.contains("accepted Mon 2 Mar, 08:00"), "{accept}");
    assert!(
        accept.contains("href=\"/plan?week=2026-W10&amp;replan=1\""),
        "{accept}"
    );
    assert_eq!(
        listed_blocks(&page.body),
        want,
        "the page lists the accepted blocks"
    );
    assert!(!page.body.contains("Prepare the board update"));

    // The .ics download holds the same blocks, and so does `fulcrum plan --format json`.
    let ics = get(&state, "/plan/export.ics?week=2026-W10").await;
    let starts: Vec<String> = ics
        .body
        .lines()
        .filter_map(|l| l.strip_prefix("DTSTART:"))
        .map(|v| {
            let t = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", v)
                .unwrap()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .unwrap();
            local(t.timestamp().as_second())
        })
        .collect();
    assert_eq!(starts, want.iter().map(|w| w.1.clone()).collect::<Vec<_>>());
    let api = get(&state, "/api/plan").await.json();
    assert_eq!(api["state"], "accepted");
    assert_eq!(api["blocks"].as_array().unwrap().len(), want.len());
    assert_eq!(api, json(&shown));

    // Re-planning shows a fresh proposal, says the accepted plan stays, and offers to keep it.
    let fresh = get(&state, "/plan?week=2026-W10&replan=1").await;
    let accept = fresh.section("accept");
    assert!(accept.contains("data-state=\"proposed\""), "{accept}");
    assert!(accept.contains("Proposal"), "{accept}");
    assert!(accept.contains("Mon 2 Mar, 08:00"), "{accept}");
    assert!(accept.contains("id=\"accept-plan\""));
    assert!(
        accept.contains("href=\"/plan?week=2026-W10\""),
        "back to the accepted plan"
    );
    assert!(
        fresh
            .section("plan-blocks")
            .contains("Prepare the board update")
    );
    // A week without an accepted plan shows a proposal with nothing to go back to.
    let next = get(&state, "/plan?week=2026-W11").await;
    let accept = next.section("accept");
    assert!(accept.contains("data-state=\"proposed\"") && accept.contains("not kept yet"));
    assert!(!accept.contains("id=\"export-ics\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn what_does_not_fit_before_its_due_date_says_why() {
    let (_d, state) = demo_state().await;
    // Due today (Wednesday) at 17:30, with the working day over: nothing before it.
    post_ok(
        &state,
        "/tasks/add",
        &[
            ("title", "Sign the vendor contract"),
            ("urgent", "on"),
            ("important", "on"),
            ("estimate", "1h"),
            ("due", "2026-03-04"),
        ],
        "/tasks",
    )
    .await;
    let page = get(&state, "/plan?week=2026-W10&replan=1").await;
    let unplaced = page.section("unplaced");
    assert!(unplaced.contains("Sign the vendor contract"), "{unplaced}");
    assert!(unplaced.contains("data-due=\"2026-03-04\""), "{unplaced}");
    assert!(
        unplaced.contains("due Wed 4 Mar, no free time before it"),
        "{unplaced}"
    );
    assert!(
        !page
            .section("plan-blocks")
            .contains("Sign the vendor contract")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_week_in_progress_is_reviewed_without_a_verdict() {
    let (_d, state) = demo_state().await;
    // The demo's current week (Wednesday evening) has an accepted plan with nothing done yet.
    let r = get(&state, "/review?week=2026-W10").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let banner = r.section("in-progress");
    assert!(banner.contains("In progress"), "{banner}");
    assert!(banner.contains("data-elapsed-days=\"3\""), "{banner}");
    assert!(banner.contains("Mon–Wed so far: "), "{banner}");
    assert!(banner.contains("planned blocks done"), "{banner}");
    assert!(
        !r.body.contains("id=\"suggestion\""),
        "no suggestion while it runs"
    );
    assert!(!r.body.contains("id=\"done-share\""));
    assert!(!r.body.contains("plan less"));
    assert!(!r.body.contains("Less than half"));
    let api = get(&state, "/api/review?week=2026-W10").await.json();
    assert_eq!(api["in_progress"], true);
    assert_eq!(api["elapsed_days"], 3);
    // Last week is over: it gets its verdict and no progress banner.
    let r = get(&state, "/review?week=2026-W09").await;
    assert!(r.body.contains("id=\"suggestion\""));
    assert!(!r.body.contains("id=\"in-progress\""));
    assert_eq!(
        get(&state, "/api/review?week=2026-W09").await.json()["in_progress"],
        false
    );
    // Next week, accepted ahead, has not started.
    post_ok(
        &state,
        "/plan/accept",
        &[("week", "2026-W11")],
        "/plan?week=2026-W11&done=accepted",
    )
    .await;
    let r = get(&state, "/review?week=2026-W11").await;
    let banner = r.section("in-progress");
    assert!(banner.contains("the week has not started"), "{banner}");
    assert!(banner.contains("Not started yet"), "{banner}");
    assert!(!r.body.contains("id=\"suggestion\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn inbox_items_are_added_sorted_and_decided() {
    let (d, state) = demo_state().await;
    post_ok(
        &state,
        "/inbox/add",
        &[
            ("text", "Review the vendor contract"),
            ("from", "Dana"),
            ("needed_by", "2026-03-01"),
            ("ownership", "gray"),
        ],
        "/inbox?done=inbox-added",
    )
    .await;
    let store = d.store().await;
    let view = inbox::list(store.as_ref(), false, d.now).await.unwrap();
    let item = view
        .items
        .iter()
        .find(|i| i.text == "Review the vendor contract")
        .unwrap();
    let id = item.id.to_string();
    let page = get(&state, "/inbox").await;
    let at = page.body.find(&format!("data-item-id=\"{id}\"")).unwrap();
    assert!(
        page.body[at..].starts_with(&format!(
            "data-item-id=\"{id}\" data-ownership=\"gray\" data-overdue=\"true\""
        )),
        "{}",
        &page.body[at..at + 120]
    );
    post_ok(
        &state,
        "/inbox/classify",
        &[("id", &id), ("ownership", "theirs")],
        "/inbox?done=classified",
    )
    .await;
    post_ok(
        &state,
        "/inbox/decide",
        &[
            ("id", &id),
            ("decision", "delegated"),
            ("note", "Sam knows the vendor"),
        ],
        "/inbox?done=decided",
    )
    .await;
    let all = inbox::list(store.as_ref(), true, d.now).await.unwrap();
    let item = all.items.iter().find(|i| i.id.to_string() == id).unwrap();
    assert_eq!(item.ownership, fulcrum_core::inbox::Ownership::Theirs);
    assert_eq!(item.decision, fulcrum_core::inbox::Decision::Delegated);
    assert_eq!(item.note.as_deref(), Some("Sam knows the vendor"));
    let page = get(&state, "/inbox").await;
    assert!(
        !page.body.contains(&format!("data-item-id=\"{id}\"")),
        "decided items leave the list"
    );
    let token = state.csrf_token().to_string();
    let r = post(
        &state,
        "/inbox/add",
        &[("text", "Something"), ("from", ""), ("csrf", &token)],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "who asked it");
}

#[tokio::test(flavor = "multi_thread")]
async fn journal_entries_are_saved_and_exported() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    let r = post(
        &state,
        "/journal/weekly-journal",
        &[
            ("period", "2026-W10"),
            ("section-accomplishments", "  \n "),
            ("csrf", &token),
        ],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "is empty: nothing was saved");
    let location = post_ok(
        &state,
        "/journal/weekly-journal",
        &[
            ("period", "2026-W10"),
            (
                "section-accomplishments",
                "Shipped the cache\n- Ran the retro\n",
            ),
            ("section-learnings", "Estimates need a buffer"),
            ("energy-build", "1"),
            ("energy-align", "-1"),
        ],
        "/journal/weekly-journal?period=2026-W10&done=saved",
    )
    .await;
    let page = get(&state, &location).await;
    assert!(page.body.contains("Saved the entry."));
    assert!(
        page.body.contains("Shipped the cache\nRan the retro"),
        "pre-filled"
    );
    let store = d.store().await;
    let period = fulcrum_core::rituals::parse_period(
        fulcrum_core::rituals::Ritual::WeeklyJournal,
        "2026-W10",
    )
    .unwrap();
    let saved = rituals::entry(
        store.as_ref(),
        fulcrum_core::rituals::Ritual::WeeklyJournal,
        &period,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        saved.body.section("accomplishments"),
        ["Shipped the cache", "Ran the retro"]
    );
    assert_eq!(
        saved.body.energy,
        [
            (fulcrum_core::Category::Build, 1),
            (fulcrum_core::Category::Align, -1)
        ]
    );
    assert!(!saved.facts.is_empty());
    let status = rituals::status(
        store.as_ref(),
        fulcrum_core::rituals::Ritual::WeeklyJournal,
        d.now,
    )
    .await
    .unwrap();
    assert_eq!(status.state, "done");

    post_ok(
        &state,
        "/journal/quarterly-assessment",
        &[("period", "2026-Q1"), ("rating-0", "6"), ("rating-11", "8")],
        "/journal/quarterly-assessment?period=2026-Q1",
    )
    .await;
    let r = post(
        &state,
        "/journal/quarterly-assessment",
        &[("period", "2026-Q1"), ("rating-0", "11"), ("csrf", &token)],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let r = get(&state, "/journal/export.md?from=2026-01-01&to=2026-04-01").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type.starts_with("text/markdown"));
    assert_eq!(
        r.body,
        rituals::export_markdown(store.as_ref(), date(2026, 1, 1), date(2026, 4, 1))
            .await
            .unwrap()
    );
    assert!(r.body.contains("- Shipped the cache"));
    assert!(r.body.contains("| planning and design | 6 |"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_weekly_api_returns_what_the_cli_prints() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    let store = store.as_ref();
    let this_week = date(2026, 3, 2);
    let cases: Vec<(&str, Value)> = vec![
        (
            "/api/tasks",
            json(&weekly::list(store, false).await.unwrap()),
        ),
        (
            "/api/plan",
            json(
                &weekly::week_plan(store, this_week, d.now, false)
                    .await
                    .unwrap(),
            ),
        ),
        (
            "/api/plan?replan=1",
            json(
                &weekly::week_plan(store, this_week, d.now, true)
                    .await
                    .unwrap(),
            ),
        ),
        (
            "/api/plan?week=2026-W12",
            json(
                &weekly::week_plan(store, date(2026, 3, 16), d.now, false)
                    .await
                    .unwrap(),
            ),
        ),
        (
            "/api/review",
            json(&weekly::review_week(store, this_week, d.now).await.unwrap()),
        ),
        (
            "/api/review?week=2026-W10",
            json(&weekly::review_week(store, this_week, d.now).await.unwrap()),
        ),
        (
            "/api/inbox",
            json(&inbox::list(store, false, d.now).await.unwrap()),
        ),
        (
            "/api/rituals",
            json(&rituals::status_all(store, d.now).await.unwrap()),
        ),
    ];
    for (uri, expected) in cases {
        let r = get(&state, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert_eq!(r.json(), expected, "{uri}");
    }
    let r = get(&state, "/api/review?week=2025-W02").await;
    r.assert_error(StatusCode::BAD_REQUEST, "no accepted plan");
    assert_eq!(
        get(&state, "/api/plan?week=soon").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// A value as the JSON the CLI would print.
fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}
