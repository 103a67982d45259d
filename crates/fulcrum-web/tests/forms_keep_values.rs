//! A refused form comes back with the error and with what was typed into it, on the people,
//! person, delegation, feedback, relationships and journal pages; the journal lists the
//! entries written so far, each readable on the page; counts and durations read right.

mod common;

use axum::http::StatusCode;
use common::client::{Reply, get, post, post_ok, record_id};
use common::{Demo, add_person, demo, someone};
use fulcrum_app::relationships::{self, NewCommitment};
use fulcrum_core::people::Relation;
use fulcrum_web::AppState;
use jiff::civil::date;

/// Posts with the token; the page must come back refused, saying `message`, with every one of
/// `kept` in it.
async fn refused_keeps(
    state: &AppState,
    uri: &str,
    form: &[(&str, &str)],
    message: &str,
    kept: &[&str],
) -> Reply {
    let token = state.csrf_token().to_string();
    let mut form = form.to_vec();
    form.push(("csrf", &token));
    let r = post(state, uri, &form).await;
    assert!(
        r.status.is_client_error(),
        "{uri}: {} — {}",
        r.status,
        r.body
    );
    assert!(r.body.contains("Not done"), "{uri}: no notice");
    assert!(r.body.contains(message), "{uri}: {message:?} not said");
    for k in kept {
        assert!(r.body.contains(k), "{uri}: {k:?} was typed but is gone");
    }
    r
}

struct Setup {
    d: Demo,
    mira: i64,
    commitment: i64,
}

async fn setup() -> Setup {
    let d = demo().await;
    let store = d.store().await;
    let s = store.as_ref();
    let mira = add_person(
        s,
        someone(
            "Mira Stone",
            "mira.stone@forms-test.example",
            Relation::Report,
        ),
        d.now,
    )
    .await;
    let commitment = relationships::add_commitment(
        s,
        NewCommitment {
            to: mira.to_string(),
            what: "Send the promotion criteria".into(),
            due: date(2026, 3, 20),
            made_on: None,
        },
        d.now,
    )
    .await
    .unwrap()
    .id;
    Setup {
        d,
        mira,
        commitment,
    }
}

#[tokio::test]
async fn refused_people_and_person_forms_keep_what_was_typed() {
    let t = setup().await;
    let s = t.d.state().await;
    let page = format!("/people/{}", t.mira);

    refused_keeps(
        &s,
        "/people/add",
        &[
            ("name", "Zed Quill"),
            ("emails", "not-an-address"),
            ("relation", "mentor"),
            ("team", "Team-Kept-17"),
            ("working_style", "deep-diver"),
        ],
        "is not an e-mail address",
        &[
            "value=\"Zed Quill\"",
            "value=\"Team-Kept-17\"",
            "value=\"mentor\" selected",
            "value=\"deep-diver\" selected",
        ],
    )
    .await;

    refused_keeps(
        &s,
        &format!("{page}/edit"),
        &[
            ("form", "edit"),
            ("name", "Mira Stone-Kept"),
            ("emails", "no-at-sign"),
            ("relation", "peer"),
            ("working_style", "communicator"),
        ],
        "is not an e-mail address",
        &[
            "value=\"Mira Stone-Kept\"",
            "value=\"peer\" selected",
            "value=\"communicator\" selected",
        ],
    )
    .await;

    refused_keeps(
        &s,
        &format!("{page}/observe"),
        &[
            ("form", "observe"),
            ("energy", "2"),
            ("context", "standup"),
            ("note", "Observe-Kept-23"),
            ("on", "2026-03-10"),
        ],
        "in the future",
        &[
            "value=\"Observe-Kept-23\"",
            "value=\"standup\" selected",
            "value=\"2026-03-10\"",
        ],
    )
    .await;

    refused_keeps(
        &s,
        &format!("{page}/contact"),
        &[
            ("form", "contact"),
            ("kind", "coffee"),
            ("on", "2026-03-11"),
            ("note", "Contact-Kept-31"),
        ],
        "is still to come",
        &[
            "value=\"Contact-Kept-31\"",
            "value=\"coffee\" selected",
            "value=\"2026-03-11\"",
        ],
    )
    .await;

    let c = t.commitment.to_string();
    refused_keeps(
        &s,
        &format!("{page}/commitments/update"),
        &[
            ("form", "commitment-update"),
            ("commitment", &c),
            ("note", "Update-Kept-41"),
            ("due", "2026-02-01"),
        ],
        "has already passed",
        &["value=\"Update-Kept-41\"", "value=\"2026-02-01\""],
    )
    .await;

    refused_keeps(
        &s,
        &format!("{page}/commitments"),
        &[
            ("form", "commitment"),
            ("what", "Promise-Kept-43"),
            ("due", "2026-01-01"),
        ],
        "was promised on",
        &["value=\"Promise-Kept-43\""],
    )
    .await;

    refused_keeps(
        &s,
        &format!("{page}/onboarding/start"),
        &[("form", "onboarding"), ("start", "2026-02-31")],
        "2026-02-31",
        &["value=\"2026-02-31\""],
    )
    .await;
}

#[tokio::test]
async fn refused_delegation_feedback_and_relationship_forms_keep_what_was_typed() {
    let t = setup().await;
    let s = t.d.state().await;
    let mira = t.mira.to_string();

    // A deadline before today is refused, naming both dates, with the draft kept.
    refused_keeps(
        &s,
        "/delegation/add",
        &[
            ("person", &mira),
            ("title", "Delegation-Kept-51"),
            ("specific", "Specific-Kept-52"),
            ("deadline", "2026-01-30"),
        ],
        "before today (2026-03-04)",
        &[
            "value=\"Delegation-Kept-51\"",
            "Specific-Kept-52",
            "value=\"2026-01-30\"",
        ],
    )
    .await;
    let to = post_ok(
        &s,
        "/delegation/add",
        &[
            ("person", &mira),
            ("title", "Release notes"),
            ("deadline", "2026-04-30"),
        ],
        "/delegation/",
    )
    .await;
    let id = record_id(&to, "/delegation/");
    refused_keeps(
        &s,
        &format!("/delegation/{id}/edit"),
        &[
            ("title", "Edit-Kept-53"),
            ("measurable", "Measurable-Kept-54"),
            ("deadline", "2026-02-02"),
        ],
        "before today",
        &["value=\"Edit-Kept-53\"", "Measurable-Kept-54"],
    )
    .await;

    refused_keeps(
        &s,
        "/feedback/add",
        &[
            ("person", &mira),
            ("direction", "given"),
            ("polarity", "positive"),
            ("situation", "Situation-Kept-61"),
            ("behaviour", "Behaviour-Kept-62"),
            ("impact", "Impact-Kept-63"),
            ("event_on", "2026-03-12"),
        ],
        "still to come",
        &["Situation-Kept-61", "Behaviour-Kept-62", "Impact-Kept-63"],
    )
    .await;

    let r = refused_keeps(
        &s,
        &format!("/relationships/contact?person={mira}"),
        &[
            ("form", "contact"),
            ("kind", "call"),
            ("on", "2026-03-09"),
            ("note", "Contact-Kept-71"),
        ],
        "is still to come",
        &["value=\"Contact-Kept-71\"", "value=\"call\" selected"],
    )
    .await;
    assert!(
        !r.section("add-commitment").contains("Contact-Kept-71"),
        "what one form sent stays in that form"
    );

    let c = t.commitment.to_string();
    refused_keeps(
        &s,
        "/relationships/commitments/update",
        &[
            ("form", "commitment-update"),
            ("commitment", &c),
            ("note", "Update-Kept-72"),
            ("due", "2026-02-03"),
        ],
        "has already passed",
        &["value=\"Update-Kept-72\"", "value=\"2026-02-03\""],
    )
    .await;

    refused_keeps(
        &s,
        "/relationships/commitments",
        &[
            ("form", "commitment"),
            ("to", "Mira Stone"),
            ("what", "Commitment-Kept-73"),
            ("due", "2026-01-02"),
        ],
        "was promised on",
        &["value=\"Commitment-Kept-73\"", "value=\"Mira Stone\""],
    )
    .await;

    refused_keeps(
        &s,
        "/relationships/preps",
        &[
            ("form", "prep"),
            ("topic", "Prep-Kept-74"),
            ("reframe", "Reframe-Kept-75"),
        ],
        "Choose a person",
        &["value=\"Prep-Kept-74\"", "Reframe-Kept-75"],
    )
    .await;
}

#[tokio::test]
async fn the_journal_keeps_a_refused_entry_and_lists_past_entries_to_read() {
    let t = setup().await;
    let s = t.d.state().await;

    refused_keeps(
        &s,
        "/journal/weekly-journal",
        &[
            ("period", "2026-W09"),
            (
                "section-accomplishments",
                "Shipped-Kept-81\nReviewed-Kept-82",
            ),
            ("energy-build", "+7"),
        ],
        "choose +1, 0 or −1",
        &["Shipped-Kept-81\nReviewed-Kept-82"],
    )
    .await;
    refused_keeps(
        &s,
        "/journal/quarterly-assessment",
        &[
            ("period", "2026-Q1"),
            ("section-gaps", "Gap-Kept-83"),
            ("rating-0", "11"),
        ],
        "rate from 1 to 10",
        &["Gap-Kept-83", "value=\"11\""],
    )
    .await;

    for (ritual, period, field, text) in [
        (
            "weekly-journal",
            "2026-W08",
            "section-accomplishments",
            "Week-Eight-Entry-91",
        ),
        (
            "weekly-journal",
            "2026-W09",
            "section-learnings",
            "Week-Nine-Entry-92",
        ),
        (
            "monthly-check-in",
            "2026-02",
            "section-progress",
            "February-Entry-93",
        ),
    ] {
        post_ok(
            &s,
            &format!("/journal/{ritual}"),
            &[("period", period), (field, text)],
            &format!("/journal/{ritual}"),
        )
        .await;
    }
    let page = get(&s, "/journal").await;
    assert_eq!(page.status, StatusCode::OK);
    let past = page.section("past-entries");
    let at = |t: &str| {
        past.find(t)
            .unwrap_or_else(|| panic!("{t} is not readable on /journal: {past}"))
    };
    // Newest first: the month and the week that end last, then the week before.
    assert!(at("Week-Nine-Entry-92") < at("Week-Eight-Entry-91"));
    assert!(at("February-Entry-93") < at("Week-Eight-Entry-91"));
    assert!(past.contains("href=\"/journal/weekly-journal?period=2026-W08\""));
}

#[tokio::test]
async fn counts_and_durations_on_the_people_pages_read_right() {
    let t = setup().await;
    let s = t.d.state().await;
    let people = get(&s, "/people").await;
    let hours = people.section("people");
    let line = &hours[hours.find("one-on-one-hours").unwrap()..];
    let shown = &line[line.find("<strong>").unwrap() + 8..line.find("</strong>").unwrap()];
    let (h, m) = shown
        .strip_suffix(" a week")
        .and_then(|d| d.split_once('h'))
        .unwrap_or_else(|| panic!("the week's 1:1s read as 5h15, not {shown:?}"));
    assert!(
        h.parse::<u32>().is_ok() && m.len() == 2 && m.parse::<u32>().is_ok(),
        "the week's 1:1s read as 5h15, not {shown:?}"
    );
    let person = get(&s, &format!("/people/{}", t.mira)).await;
    assert!(
        person.body.contains("1:1 every 7 days, 30 minutes")
            || person.body.contains("1:1 every 14 days, 30 minutes"),
        "the person's cadence reads in words"
    );
    assert!(
        !person.body.contains(" 1 days") && !person.body.contains(" 1 agenda items"),
        "singular counts"
    );
}
