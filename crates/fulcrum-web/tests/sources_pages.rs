//! The sources page without a browser: removing a source shows what goes and changes nothing
//! until the confirming form (with the token, from this origin) is sent; a file nothing could
//! be read from is shown as failed; a repository says how many of its commits are yours.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::client::{HOST, get, post, post_ok, send};
use common::demo_state;
use fulcrum_store::SourceKind;

#[tokio::test(flavor = "multi_thread")]
async fn removing_a_source_shows_what_goes_then_asks_for_the_form() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    let store = store.as_ref();
    let sources = store.sources().await.unwrap();
    let cal = sources
        .iter()
        .find(|s| s.kind == SourceKind::CalendarFile)
        .expect("the demo's calendar")
        .clone();
    let repo = sources
        .iter()
        .find(|s| s.kind == SourceKind::Git)
        .expect("the demo's repository")
        .clone();
    let events_before = store.events_between(0, i64::MAX).await.unwrap().len();
    assert!(events_before > 0);

    // The list links to the removal page of each source.
    let page = get(&state, "/sources").await;
    assert_eq!(page.status, StatusCode::OK);
    for s in [&cal, &repo] {
        assert!(
            page.body
                .contains(&format!("href=\"/sources/{}/remove\"", s.id)),
            "no remove link for {}",
            s.name
        );
    }
    assert!(page.body.contains("commits are yours"), "{}", page.body);

    // The preview counts what goes, and changes nothing.
    let preview = store.source_removal(cal.id).await.unwrap();
    let uri = format!("/sources/{}/remove", cal.id);
    let r = get(&state, &uri).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let confirm = r.section("remove-confirm");
    assert!(
        confirm.contains(&format!("data-occurrences=\"{}\"", preview.occurrences)),
        "{confirm}"
    );
    assert!(confirm.contains(&format!("data-events=\"{}\"", preview.events)));
    assert!(
        confirm.contains("name=\"csrf\""),
        "the form carries the token"
    );
    assert!(
        confirm.contains("/week?week="),
        "the weeks that change are linked"
    );
    assert_eq!(
        store.events_between(0, i64::MAX).await.unwrap().len(),
        events_before
    );

    // Without the token, from another origin, or without confirming: nothing goes.
    let r = post(&state, &uri, &[("confirm", "yes")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let token = state.csrf_token().to_string();
    let foreign = send(
        &state,
        Request::post(uri.as_str())
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "http://evil.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("confirm=yes&csrf={token}")))
            .unwrap(),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let r = post(&state, &uri, &[("csrf", &token)]).await;
    r.assert_says(StatusCode::BAD_REQUEST, "nothing was removed");
    assert!(store.source(cal.id).await.unwrap().is_some());
    assert_eq!(
        store.events_between(0, i64::MAX).await.unwrap().len(),
        events_before
    );

    // Confirmed: the source and its events go, the repository stays.
    let to = post_ok(&state, &uri, &[("confirm", "yes")], "/sources").await;
    assert_eq!(to, "/sources?done=source-removed");
    assert!(store.source(cal.id).await.unwrap().is_none());
    assert!(store.events_between(0, i64::MAX).await.unwrap().is_empty());
    assert!(store.source(repo.id).await.unwrap().is_some());
    let page = get(&state, &to).await;
    assert!(page.body.contains("Removed the source"), "{}", page.body);
    assert!(!page.body.contains(&cal.location));

    // A source that is gone has no removal page.
    let r = get(&state, &uri).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = get(&state, "/sources/not-a-number/remove").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Two events whose recurrence rules cannot be read.
fn unreadable() -> String {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fulcrum tests//EN",
        "BEGIN:VEVENT",
        "UID:broken-1",
        "SUMMARY:Weekly sync",
        "DTSTART:20260302T150000Z",
        "DTEND:20260302T160000Z",
        "RRULE:FREQ=SOMETIMES",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:broken-2",
        "SUMMARY:Planning",
        "DTSTART:20260303T150000Z",
        "DTEND:20260303T160000Z",
        "RRULE:FREQ=NEVERMORE",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_calendar_nothing_could_be_read_from_is_not_shown_as_ok() {
    let (d, state) = demo_state().await;
    let file = d.dir.path().join("odd.ics");
    std::fs::write(&file, unreadable()).unwrap();
    let token = state.csrf_token().to_string();
    let r = post(
        &state,
        "/sources/calendar",
        &[("csrf", &token), ("target", file.to_str().unwrap())],
    )
    .await;
    assert!(r.body.contains("nothing could be imported"), "{}", r.body);

    let page = get(&state, "/sources").await;
    let at = page
        .body
        .find("data-name=\"odd.ics\"")
        .expect("the file is listed");
    let row = &page.body[at..at + page.body[at..].find("</tr>").unwrap()];
    assert!(row.contains("data-status=\"failed\""), "{row}");
    assert!(!row.contains("badge ok"), "{row}");
    assert!(row.contains("2 events skipped"), "{row}");
    // Every other source is still fine.
    assert!(page.body.contains("badge ok"));
}
