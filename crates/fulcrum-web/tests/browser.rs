//! The web interface in a real headless Chromium, driven through chromedriver, against a
//! server on 127.0.0.1 over a demo store. Without Chromium the test says it was skipped,
//! unless `FULCRUM_REQUIRE_BROWSER=1` (CI), where it fails.

mod common;

use common::browser::{
    attr, chromium_with_demo, click, close, find, notice_after, number, open, select, submit,
    text_of, type_into, wait_for,
};
use common::{Demo, add_person, someone, team_calendar};
use fantoccini::{Client, Locator};
use fulcrum_app::people::{self, NewPerson};
use fulcrum_app::report::{self, Period};
use fulcrum_app::{delegation, feedback, one_on_ones};
use fulcrum_core::people::{OneOnOneState, Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::{Category, Report};
use jiff::civil::{Date, date};
use std::path::Path;

async fn report_of(d: &common::Demo, monday: Date) -> Report {
    let store = d.store().await;
    report::build(store.as_ref(), &d.rules, &Period::Week(monday), d.now)
        .await
        .unwrap()
}

/// The dashboard on screen shows exactly the report's numbers for its week.
async fn assert_dashboard_matches(c: &Client, r: &Report) {
    let week = fulcrum_core::time::iso_week_label(r.from);
    assert_eq!(attr(c, "#week-label", "data-week").await, week);
    for cat in &r.categories {
        let css = format!("#balance g.cat-row[data-category='{}']", cat.category);
        assert_eq!(
            number(c, &css, "data-minutes").await,
            cat.minutes,
            "{week} {} minutes",
            cat.category
        );
        assert_eq!(attr(c, &css, "data-status").await, cat.status);
    }
    for day in &r.days {
        let css = format!("#days tr[data-date='{}']", day.date);
        for (name, minutes) in [
            ("data-meeting-minutes", day.meeting_minutes),
            ("data-longest-focus", day.longest_focus_minutes),
            ("data-after-hours", day.after_hours_minutes),
        ] {
            assert_eq!(number(c, &css, name).await, minutes, "{} {name}", day.date);
        }
        let commits = format!("#commits g[data-date='{}']", day.date);
        assert_eq!(
            number(c, &commits, "data-commits").await,
            i64::from(day.commits),
            "{} commits",
            day.date
        );
    }
    assert_eq!(
        number(c, ".stat[data-stat='minutes']", "data-value").await,
        r.totals.minutes
    );
    assert_eq!(
        number(c, ".stat[data-stat='meeting-minutes']", "data-value").await,
        r.totals.meeting_minutes
    );
    let attention = c.find_all(Locator::Css("#attention li")).await.unwrap();
    assert_eq!(attention.len(), r.attention.len(), "{week} attention");
    let trend = c.find_all(Locator::Css("#trend g.week-col")).await.unwrap();
    assert_eq!(trend.len(), r.trend.len());
}

fn lead_minutes(r: &Report) -> i64 {
    r.categories
        .iter()
        .find(|c| c.category == Category::Lead)
        .unwrap()
        .minutes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_interface_in_chromium() {
    let Some((driver, d, _)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;
    let this_week = date(2026, 3, 2);
    let last_week = date(2026, 2, 23);

    // 1. The dashboard's numbers are the report's numbers for the same week.
    c.goto(&format!("{base}/")).await.unwrap();
    let before = report_of(&d, this_week).await;
    assert_dashboard_matches(&c, &before).await;
    // Next week is the week ahead: what is scheduled, marked as not spent; four weeks out
    // the navigation stops.
    click(&c, "a#next-week").await;
    wait_for(&c, "#week-label[data-week='2026-W11']").await;
    wait_for(&c, "#progress[data-state='not started']").await;
    wait_for(&c, "#ahead").await;
    c.goto(&format!("{base}/?week=2026-W14")).await.unwrap();
    assert!(
        c.find(Locator::Css("span#next-week[aria-disabled='true']"))
            .await
            .is_ok(),
        "no next week beyond four weeks ahead"
    );
    c.goto(&format!("{base}/")).await.unwrap();

    // 2. Previous and next week.
    click(&c, "#prev-week").await;
    wait_for(&c, "#week-label[data-week='2026-W09']").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("?week=2026-W09")
    );
    assert_dashboard_matches(&c, &report_of(&d, last_week).await).await;
    click(&c, "a#next-week").await;
    wait_for(&c, "#week-label[data-week='2026-W10']").await;
    assert_dashboard_matches(&c, &before).await;
    // The week timeline navigates the same way.
    c.goto(&format!("{base}/week")).await.unwrap();
    click(&c, "#prev-week").await;
    wait_for(&c, "#week-label[data-week='2026-W09']").await;

    // 3. An uploaded calendar's events appear in their week.
    let ics = d.dir.path().join("team.ics");
    std::fs::write(&ics, team_calendar()).unwrap();
    c.goto(&format!("{base}/sources")).await.unwrap();
    type_into(&c, "#upload-file", &absolute(&ics)).await;
    click(&c, "#upload-submit").await;
    let notice = wait_for(&c, "#notice").await;
    let text = notice.text().await.unwrap();
    assert!(
        text.contains("Imported 2 occurrences from team.ics"),
        "{text}"
    );
    wait_for(&c, "#sources-table tr[data-name='team.ics']").await;
    c.goto(&format!("{base}/week?week=2026-W09")).await.unwrap();
    let row = wait_for(&c, "tr[data-title='Quarterly offsite prep']").await;
    assert_eq!(row.attr("data-source").await.unwrap().unwrap(), "team.ics");
    assert_eq!(row.attr("data-category").await.unwrap().unwrap(), "align");
    let row = wait_for(&c, "tr[data-title='Engineering book club <Refactoring>']").await;
    assert!(
        row.text()
            .await
            .unwrap()
            .contains("Engineering book club <Refactoring>"),
        "titles are shown as text"
    );

    // 4. A new rule moves the standup from lead to build, everywhere at once.
    c.goto(&format!("{base}/rules")).await.unwrap();
    type_into(&c, "#rule-name", "standups are building").await;
    select(&c, "#rule-category", "build").await;
    type_into(&c, "#rule-title", "standup").await;
    click(&c, "#add-rule-submit").await;
    let notice = wait_for(&c, "#notice").await;
    assert!(
        notice.text().await.unwrap().contains("Added the rule"),
        "{}",
        notice.text().await.unwrap()
    );
    wait_for(&c, "#user-rules tr[data-rule='standups are building']").await;
    c.goto(&format!("{base}/week")).await.unwrap();
    let standup = wait_for(&c, "tr[data-title='Daily standup']").await;
    assert_eq!(
        standup.attr("data-category").await.unwrap().unwrap(),
        "build"
    );
    assert_eq!(
        standup.attr("data-rule").await.unwrap().unwrap(),
        "standups are building"
    );
    c.goto(&format!("{base}/")).await.unwrap();
    let after = report_of(&d, this_week).await;
    assert!(
        lead_minutes(&after) < lead_minutes(&before),
        "lead {} → {}",
        lead_minutes(&before),
        lead_minutes(&after)
    );
    assert_dashboard_matches(&c, &after).await;
    assert_eq!(
        number(
            &c,
            "#balance g.cat-row[data-category='lead']",
            "data-minutes"
        )
        .await,
        lead_minutes(&after)
    );

    close(c, server).await;
}

/// Adds a task through the Tasks page's form.
async fn add_task(c: &Client, base: &str, title: &str, urgent: bool, estimate: &str) {
    c.goto(&format!("{base}/tasks")).await.unwrap();
    type_into(c, "#task-title", title).await;
    if urgent {
        click(c, "#task-urgent").await;
    }
    click(c, "#task-important").await;
    if !estimate.is_empty() {
        type_into(c, "#task-estimate", estimate).await;
    }
    click(c, "#add-task-submit").await;
    wait_for(c, &format!("li.task[data-title='{title}']")).await;
}

/// The task of this title's id, as the page shows it.
async fn task_id(c: &Client, title: &str) -> String {
    attr(c, &format!("li.task[data-title='{title}']"), "data-task-id").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_loop_in_chromium() {
    let Some((driver, d, _)) = chromium_with_demo().await else {
        return;
    };
    let last_id = {
        let store = d.store().await;
        store
            .tasks()
            .await
            .unwrap()
            .iter()
            .map(|t| t.id)
            .max()
            .unwrap_or(0)
    };
    let (server, base, c) = open(&driver, &d).await;

    // (a) Triage: two new tasks, one of which does not need the lead and goes to delegate.
    add_task(&c, &base, "Migrate the CI runners", true, "").await;
    add_task(&c, &base, "Write the caching RFC", false, "2h").await;
    let ci = task_id(&c, "Migrate the CI runners").await;
    let rfc = task_id(&c, "Write the caching RFC").await;
    assert_eq!(
        attr(
            &c,
            &format!("li.task[data-task-id='{ci}']"),
            "data-quadrant"
        )
        .await,
        "do"
    );
    c.goto(&format!("{base}/tasks/triage?after={last_id}"))
        .await
        .unwrap();
    wait_for(&c, &format!("#triage[data-task-id='{ci}']")).await;
    click(&c, "#skip_matters-yes").await;
    click(&c, "#depended_on-yes").await;
    click(&c, "#needs_me-no").await;
    click(&c, "#triage-submit").await;
    wait_for(&c, &format!("#triage[data-task-id='{rfc}']")).await;
    let notice = text_of(&c, "#notice").await;
    assert!(notice.contains("is now in delegate"), "{notice}");
    click(&c, "#skip_matters-yes").await;
    click(&c, "#depended_on-yes").await;
    click(&c, "#needs_me-yes").await;
    click(&c, "#triage-submit").await;
    wait_for(&c, "#triage-finished").await;
    wait_for(&c, &format!("#q-delegate li.task[data-task-id='{ci}']")).await;
    wait_for(&c, &format!("#q-schedule li.task[data-task-id='{rfc}']")).await;
    c.goto(&format!("{base}/tasks")).await.unwrap();
    wait_for(&c, &format!("#q-delegate li.task[data-task-id='{ci}']")).await;
    assert!(
        c.find(Locator::Css(&format!("#q-do li.task[data-task-id='{ci}']")))
            .await
            .is_err(),
        "the delegated task left do"
    );

    // (b) Planning: next week has free time; the 2 h task gets a block, then the plan is kept.
    c.goto(&format!("{base}/plan?week=2026-W11")).await.unwrap();
    wait_for(&c, "#plan-label[data-week='2026-W11']").await;
    wait_for(
        &c,
        &format!("#plan-timeline .act.planned[data-task-id='{rfc}']"),
    )
    .await;
    wait_for(&c, &format!("#plan-blocks tr[data-task-id='{rfc}']")).await;
    assert!(number(&c, ".stat[data-stat='free-minutes']", "data-value").await > 120);
    assert!(
        c.find(Locator::Css("#export-ics")).await.is_err(),
        "no export before accepting"
    );
    click(&c, "#accept-plan").await;
    let link = wait_for(&c, "#export-ics").await;
    assert_eq!(
        link.attr("href").await.unwrap().unwrap(),
        "/plan/export.ics?week=2026-W11"
    );
    assert!(text_of(&c, "#notice").await.contains("Accepted the plan"));

    // (c) Journal: write the expected weekly entry and see the ritual done.
    c.goto(&format!("{base}/journal")).await.unwrap();
    let card = "#ritual-weekly-journal";
    let streak = number(&c, card, "data-streak").await;
    assert_ne!(attr(&c, card, "data-state").await, "done");
    // The card asks for last week's entry first while that is still in its grace days, then
    // for this week's: write what it asks until it is done.
    let mut written = 0;
    while attr(&c, card, "data-state").await != "done" {
        assert!(written < 2, "the card still asks after two entries");
        click(&c, &format!("{card} a.btn")).await;
        wait_for(&c, "#section-accomplishments").await;
        type_into(&c, "#section-accomplishments", "Shipped the cache rollout").await;
        let notice = notice_after(&c, "#save-entry").await;
        assert!(notice.contains("Saved the entry"), "{notice}");
        written += 1;
        c.goto(&format!("{base}/journal")).await.unwrap();
        wait_for(&c, card).await;
    }
    assert!(number(&c, card, "data-streak").await > streak);

    close(c, server).await;
}

fn absolute(p: &Path) -> String {
    std::fs::canonicalize(p).unwrap().display().to_string()
}

/// The states and days of a person's 1:1 history, newest first, as the page lists them.
fn history_rows(p: &people::PersonPage) -> Vec<(String, String)> {
    p.one_on_ones
        .history
        .iter()
        .rev()
        .map(|e| {
            (
                e.meeting
                    .as_ref()
                    .map_or("logged", |m| m.state.as_str())
                    .to_string(),
                e.on.to_string(),
            )
        })
        .collect()
}

/// A report with this address, for the test alone: anyone the demo has with it is archived.
async fn fresh_report(d: &Demo, name: &str, email: &str, interests: &str) -> i64 {
    let store = d.store().await;
    let store = store.as_ref();
    for p in people::list(store, false, Privacy::Hide)
        .await
        .unwrap()
        .people
    {
        if p.emails.iter().any(|e| e == email) {
            people::archive(store, p.id).await.unwrap();
        }
    }
    add_person(
        store,
        NewPerson {
            interests: vec![interests.into()],
            working_style: Some(WorkingStyle::DeepDiver),
            ..someone(name, email, Relation::Report)
        },
        d.now,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_page_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let s = store.as_ref();
    // The demo calendar has biweekly 1:1s with Priya.
    let priya = fresh_report(&d, "Priya Nair", "priya.nair@example.com", "observability").await;
    let before = people::page(s, priya, d.now, Privacy::Hide).await.unwrap();
    let held = before
        .one_on_ones
        .history
        .iter()
        .rev()
        .find(|e| {
            e.note.is_none()
                && e.meeting
                    .as_ref()
                    .is_some_and(|m| m.state == OneOnOneState::Held)
        })
        .expect("a held 1:1 in the demo calendar")
        .on;
    assert!(
        before.one_on_ones.counts.held >= 5,
        "{:?}",
        before.one_on_ones.counts
    );
    one_on_ones::log(
        s,
        one_on_ones::LogRequest {
            person_id: priya,
            held_on: Some(held),
            shared_notes: Some("Talked about the observability roadmap".into()),
            private_notes: Some("Thinking about a move to the platform team".into()),
            topics: vec![fulcrum_core::one_on_one::Topic::Growth],
            actions: vec![one_on_ones::parse_action("them: write the tracing RFC").unwrap()],
            keep: vec![],
        },
        d.now,
    )
    .await
    .unwrap();
    // A 1:1 the calendar does not show: a walk on a Saturday.
    one_on_ones::log(
        s,
        one_on_ones::LogRequest {
            person_id: priya,
            held_on: Some(date(2026, 2, 28)),
            shared_notes: Some("Walk and talk".into()),
            private_notes: None,
            topics: vec![],
            actions: vec![],
            keep: vec![],
        },
        d.now,
    )
    .await
    .unwrap();
    for (polarity, day, behaviour) in [
        (
            fulcrum_core::feedback::Polarity::Positive,
            date(2026, 2, 24),
            "You wrote the incident summary the same afternoon",
        ),
        (
            fulcrum_core::feedback::Polarity::Positive,
            date(2026, 3, 2),
            "You took the new joiner through the dashboards",
        ),
        (
            fulcrum_core::feedback::Polarity::Constructive,
            date(2026, 2, 10),
            "You merged the alerting change without a second review",
        ),
    ] {
        feedback::add(
            s,
            feedback::NewFeedback {
                person_id: Some(priya),
                who: None,
                direction: fulcrum_core::feedback::Direction::Given,
                polarity: Some(polarity),
                situation: "In last week's on-call handover".into(),
                behaviour: behaviour.into(),
                impact: "The team knew what to watch".into(),
                theme: None,
                event_on: Some(day),
                delivered_on: Some(day),
                follow_up_due: None,
            },
            d.now,
        )
        .await
        .unwrap();
    }
    let expected = people::page(s, priya, d.now, Privacy::Hide).await.unwrap();
    assert!(history_rows(&expected).iter().any(|(st, _)| st == "logged"));

    let (server, base, c) = open(&driver, &d).await;
    c.goto(&format!("{base}/people")).await.unwrap();
    click(&c, &format!("#people-table tr[data-person-id='{priya}'] a")).await;
    wait_for(&c, &format!("#person[data-person-id='{priya}']")).await;

    // 1. The 1:1 history is the app's, row for row.
    let mut shown = Vec::new();
    for row in c
        .find_all(Locator::Css("#history tr.history-entry"))
        .await
        .unwrap()
    {
        shown.push((
            row.attr("data-state").await.unwrap().unwrap(),
            row.attr("data-date").await.unwrap().unwrap(),
        ));
    }
    assert_eq!(shown, history_rows(&expected));
    assert_eq!(
        number(&c, "#history", "data-count").await,
        expected.one_on_ones.history.len() as i64
    );
    let row = wait_for(&c, &format!("#history tr[data-date='{held}']")).await;
    assert_eq!(
        row.attr("data-logged").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(
        row.text()
            .await
            .unwrap()
            .contains("Talked about the observability roadmap")
    );
    let html = c.source().await.unwrap();
    assert!(
        !html.contains("platform team"),
        "private notes are hidden by default"
    );

    // 2. The next 1:1's agenda takes an item from the page's form.
    let next = expected.one_on_ones.next.as_ref().expect("a next 1:1");
    let tz = fulcrum_core::time::parse_zone(fulcrum_app::demo::DEMO_ZONE).unwrap();
    assert_eq!(
        attr(&c, "#next-one-on-one", "data-date").await,
        fulcrum_core::time::local_date(next.start, &tz).to_string()
    );
    wait_for(
        &c,
        "#agenda-actions li[data-item-text='write the tracing RFC'][data-owner='them']",
    )
    .await;
    type_into(&c, "#item-text", "Promotion timeline").await;
    select(&c, "#item-kind", "theirs").await;
    click(&c, "#add-item-submit").await;
    wait_for(
        &c,
        "#agenda-theirs li[data-item-text='Promotion timeline'][data-kind='agenda']",
    )
    .await;
    let notice = text_of(&c, "#notice").await;
    assert!(notice.contains("Added to the agenda"), "{notice}");
    let agenda = one_on_ones::agenda(s, priya, d.now).await.unwrap();
    assert!(
        agenda
            .agenda
            .theirs
            .iter()
            .any(|i| i.text == "Promotion timeline")
    );
    // Ticking the action off.
    click(
        &c,
        "#agenda-actions li[data-item-text='write the tracing RFC'] button",
    )
    .await;
    wait_for(&c, "#agenda[data-actions='0']").await;

    // 3. The feedback balance is the app's.
    let b = &expected.balance;
    assert_eq!(b.positive, 2);
    assert_eq!(
        number(&c, "#feedback-balance", "data-positive").await,
        b.positive as i64
    );
    assert_eq!(
        number(&c, "#feedback-balance", "data-constructive").await,
        b.constructive as i64
    );
    assert_eq!(
        number(&c, "#feedback-balance", "data-days-since-positive").await,
        b.days_since_positive.unwrap()
    );
    let march = wait_for(&c, "#feedback-chart g.month[data-month='2026-03']").await;
    assert_eq!(
        march.attr("data-positive").await.unwrap().as_deref(),
        Some("1")
    );

    // 4. Private notes only when asked for.
    click(&c, "#show-private").await;
    let private = wait_for(&c, "#private-notes").await;
    assert!(private.is_displayed().await.unwrap());
    let row = wait_for(&c, &format!("#history tr[data-date='{held}']")).await;
    assert!(
        row.text()
            .await
            .unwrap()
            .contains("Thinking about a move to the platform team")
    );
    click(&c, "#hide-private").await;
    wait_for(&c, "#show-private").await;

    close(c, server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delegation_flow_in_chromium() {
    let Some((driver, d, store)) = chromium_with_demo().await else {
        return;
    };
    let s = store.as_ref();
    let noor = fresh_report(
        &d,
        "Noor Haddad",
        "noor.haddad@people-test.example",
        "code review, pull requests",
    )
    .await;
    fresh_report(&d, "Ben Ortiz", "ben.ortiz@people-test.example", "hiring").await;
    let candidates = delegation::candidates(s, &d.rules, d.now).await.unwrap();

    let (server, base, c) = open(&driver, &d).await;

    // 1. A candidate from the delegation page, or a title of our own when there is none.
    c.goto(&format!("{base}/delegation")).await.unwrap();
    wait_for(&c, "#vacation-test").await;
    let (title, category) = match candidates.recurring.first() {
        Some(cand) => {
            click(
                &c,
                &format!(
                    "#recurring-candidates li[data-origin='{}'] a.delegate-this",
                    cand.origin
                ),
            )
            .await;
            (cand.title.clone(), cand.category)
        }
        None => {
            let title = "Review the dependency update pull requests".to_string();
            c.goto(&format!(
                "{base}/delegation/new?title=Review%20the%20dependency%20update%20pull%20requests&category=build"
            ))
            .await
            .unwrap();
            (title, fulcrum_core::Category::Build)
        }
    };
    wait_for(&c, "#who").await;
    // The ranked list is the app's, in its order.
    let fits = delegation::who(s, &title, category, d.now).await.unwrap();
    let mut ranked = Vec::new();
    for li in c.find_all(Locator::Css("#who li.fit")).await.unwrap() {
        ranked.push(li.attr("data-person-id").await.unwrap().unwrap());
    }
    assert_eq!(
        ranked,
        fits.iter()
            .map(|f| f.person_id.to_string())
            .collect::<Vec<_>>()
    );
    assert!(ranked.contains(&noor.to_string()));

    // 2. Noor, with two of the six expectations.
    click(&c, &format!("#who-{noor}")).await;
    click(&c, "#style-telling").await;
    type_into(
        &c,
        "#exp-specific",
        "Review every dependency update the day it opens",
    )
    .await;
    type_into(&c, "#exp-measurable", "No update waits more than two days").await;
    click(&c, "#new-delegation-submit").await;
    wait_for(&c, "#missing[data-missing='4']").await;
    let status = wait_for(&c, "#delegation[data-status='draft']").await;
    let id = status.attr("data-delegation-id").await.unwrap().unwrap();

    // 3. Handing over is refused, naming what is missing.
    click(&c, "#hand-over-submit").await;
    let refusal = text_of(&c, "div.notice.failed").await;
    assert!(
        refusal.contains("achievable, relevant, time-bound, trackable"),
        "{refusal}"
    );

    // 4. The rest, then the handover.
    type_into(
        &c,
        "#exp-achievable",
        "Half an hour a day; I review the first week with her",
    )
    .await;
    type_into(
        &c,
        "#exp-relevant",
        "Stale updates are our largest security risk",
    )
    .await;
    c.execute(
        "document.getElementById('exp-deadline').value = arguments[0];",
        vec![serde_json::json!("2026-03-27")],
    )
    .await
    .unwrap();
    type_into(
        &c,
        "#exp-trackable",
        "The update board, looked at in each 1:1",
    )
    .await;
    click(&c, "#edit-submit").await;
    wait_for(&c, "#missing[data-missing='0']").await;
    click(&c, "#hand-over-submit").await;
    wait_for(&c, "#delegation[data-status='active']").await;
    assert!(number(&c, "#check-ins", "data-count").await >= 1);

    // 5. A check-in.
    submit(
        &c,
        "#check-in-note",
        "Two updates merged, one blocked on CI",
        "#check-in-submit",
        "#check-ins[data-done='1']",
    )
    .await;

    // 6. A one-way close is refused; both ways closes it.
    click(&c, "#outcome-met").await;
    type_into(&c, "#close-what_worked", "Clear rules for what to merge").await;
    click(&c, "#close-submit").await;
    let refusal = text_of(&c, "div.notice.failed").await;
    assert!(refusal.contains("goes both ways"), "{refusal}");
    submit(
        &c,
        "#close-their_feedback",
        "Tell me earlier which services matter most",
        "#close-submit",
        "#delegation[data-status='done']",
    )
    .await;
    wait_for(&c, "#follow-up").await;

    let done = delegation::show(s, id.parse().unwrap(), d.now)
        .await
        .unwrap();
    let dl = &done.delegation;
    assert_eq!(dl.status, fulcrum_core::delegation::Status::Done);
    assert_eq!(dl.person_id, noor);
    assert_eq!(dl.title, title);
    assert_eq!(dl.style, fulcrum_core::delegation::Style::Telling);
    assert_eq!(dl.outcome, Some(fulcrum_core::delegation::Outcome::Met));
    assert_eq!(dl.expectations.deadline, Some(date(2026, 3, 27)));
    assert_eq!(
        dl.follow_up.what_worked.as_deref(),
        Some("Clear rules for what to merge")
    );
    assert_eq!(
        dl.follow_up.their_feedback.as_deref(),
        Some("Tell me earlier which services matter most")
    );
    assert_eq!(
        dl.check_ins.iter().filter(|c| c.done_on.is_some()).count(),
        1
    );

    close(c, server).await;
}

/// Each `.act` of each day column of the timeline `css`: its box in the page
/// `(left, top, right, bottom)`, its title and how many lanes its cluster has.
async fn timeline_boxes(c: &Client, css: &str) -> Vec<Vec<(f64, f64, f64, f64, String, i64)>> {
    let script = format!(
        "return Array.from(document.querySelectorAll('{css} .daycol')).map(col => \
           Array.from(col.querySelectorAll('.act')).map(a => {{ \
             const r = a.getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom, a.title, Number(a.dataset.lanes || 1)]; }}))"
    );
    let v = c.execute(&script, vec![]).await.unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|col| {
            col.as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    let f = |i: usize| a[i].as_f64().unwrap();
                    (
                        f(0),
                        f(1),
                        f(2),
                        f(3),
                        a[4].as_str().unwrap().to_string(),
                        a[5].as_i64().unwrap(),
                    )
                })
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_events_on_the_plan_timeline_sit_side_by_side() {
    let Some((driver, d, _)) = chromium_with_demo().await else {
        return;
    };
    let (server, base, c) = open(&driver, &d).await;
    // The demo's current week has meetings at the same time (a mentoring session over the PR
    // review slot, a stakeholder sync inside a focus block) around the accepted plan's blocks.
    c.goto(&format!("{base}/plan?week=2026-W10")).await.unwrap();
    wait_for(&c, "#plan-timeline .act.planned").await;
    let days = timeline_boxes(&c, "#plan-timeline").await;
    assert_eq!(days.len(), 7);
    assert!(
        days.iter().flatten().any(|a| a.5 > 1),
        "the week has events at the same time"
    );
    // Boxes may touch but never cover each other (half a pixel for rounding).
    let covers = |a: &(f64, f64, f64, f64, String, i64), b: &(f64, f64, f64, f64, String, i64)| {
        let w = a.2.min(b.2) - a.0.max(b.0);
        let h = a.3.min(b.3) - a.1.max(b.1);
        w > 0.5 && h > 0.5
    };
    for day in &days {
        for (i, a) in day.iter().enumerate() {
            assert!(a.2 - a.0 > 10.0, "{} is too narrow to read", a.4);
            for b in &day[i + 1..] {
                assert!(!covers(a, b), "{:?} is drawn over {:?}", a, b);
            }
        }
    }
    close(c, server).await;
}

/// The week timeline shows all-day events in their own row above the hours, says what each
/// does to the day, and takes time logged by hand from a form on the same page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weeks_all_day_row_and_manual_time_in_chromium() {
    let Some((driver, d, _)) = chromium_with_demo().await else {
        return;
    };
    {
        let store = d.store().await;
        let ics = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Fulcrum tests//EN",
            "BEGIN:VEVENT",
            "UID:vacation-w10@example.com",
            "SUMMARY:Vacation",
            "DTSTART;VALUE=DATE:20260305",
            "DTEND;VALUE=DATE:20260306",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:note-w10@example.com",
            "SUMMARY:Release train",
            "DTSTART;VALUE=DATE:20260302",
            "DTEND;VALUE=DATE:20260303",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        .join("\r\n");
        fulcrum_app::import::calendar_upload(store.as_ref(), "personal.ics", ics.as_bytes(), d.now)
            .await
            .unwrap();
    }
    let (server, base, c) = open(&driver, &d).await;
    c.goto(&format!("{base}/week?week=2026-W10")).await.unwrap();
    wait_for(&c, ".timeline .allday-item").await;
    let rows = c
        .execute(
            "return Array.from(document.querySelectorAll('.timeline .daycol')).map(col => { \
               const row = col.querySelector('.allday').getBoundingClientRect(); \
               const track = col.querySelector('.track').getBoundingClientRect(); \
               return [Array.from(col.querySelectorAll('.allday-item')).map(i => i.className + '|' + i.textContent), \
                       row.bottom <= track.top + 0.5, row.height]; })",
            vec![],
        )
        .await
        .unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 7);
    for r in rows {
        assert_eq!(r[1], true, "the all-day row sits above the hours: {r}");
    }
    assert_eq!(
        rows[3][0][0], "allday-item marks-away|Vacation",
        "{:?}",
        rows[3]
    );
    assert_eq!(rows[0][0][0], "allday-item marks-nothing|Release train");
    assert!(rows[4][0].as_array().unwrap().is_empty());
    let label = find(&c, ".timeline .hours .allday-label")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(label, "all day");
    let what = attr(&c, "#all-day tr[data-marks='away']", "data-marks").await;
    assert_eq!(what, "away");

    // Log an hour by hand on Tuesday morning: it appears on the timeline and in the list.
    let form = find(&c, "#log-form").await;
    c.execute(
        "const f = document.querySelector('#log-form'); \
         f.querySelector('[name=start]').value = '2026-03-03T07:00'; \
         f.querySelector('[name=duration]').value = '1h'; \
         f.querySelector('[name=category]').value = 'think'; \
         f.querySelector('[name=title]').value = 'Strategy memo';",
        vec![],
    )
    .await
    .unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "#manual .manual-entry").await;
    let logged = attr(&c, "tr[data-title='Strategy memo']", "data-category").await;
    assert_eq!(logged, "think");
    let source = attr(&c, "tr[data-title='Strategy memo']", "data-source").await;
    assert_eq!(source, "manual");
    close(c, server).await;
}
