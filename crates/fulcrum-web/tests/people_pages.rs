//! The people pages without a browser: every page renders, every form needs the token and
//! redirects after success with the change in the store, deleting asks first, private notes
//! stay out of every page, export and API answer unless asked for, and the API returns what
//! the use cases return.

mod common;

use axum::http::StatusCode;
use common::client::{Forms, forms_of, get, post, post_ok, post_refused};
use common::{Demo, add_person, demo, someone};
use fulcrum_app::people::{self, NewObservation, NewPerson};
use fulcrum_app::{delegation, feedback, onboarding, one_on_ones, relationships};
use fulcrum_core::delegation::{Expectations, Status};
use fulcrum_core::feedback::{Direction, Polarity};
use fulcrum_core::observations::Context;
use fulcrum_core::one_on_one::{ItemKind, Owner, Topic};
use fulcrum_core::people::{Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::relationships::{CommitmentStatus, InteractionKind};
use fulcrum_web::AppState;
use jiff::civil::{Date, date};
use serde_json::Value;
/// In Rhea's own private notes.
const PERSON_MARK: &str = "PERSON-PRIVATE-7f3a9";
/// In the private notes of a logged 1:1 with Rhea.
const NOTE_MARK: &str = "ONE-ON-ONE-PRIVATE-91c2e";

/// The forms of the page of the person `id`.
fn person_page(state: &AppState, id: i64) -> Forms<'_> {
    forms_of(state, format!("/people/{id}"))
}

/// Every id once, and no tag with two `class` attributes (maud writes both when a tag has
/// `.name` classes and a `class=` attribute).
fn assert_sound_html(uri: &str, body: &str) {
    let mut ids = std::collections::HashSet::new();
    for tag in body.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(
            tag.matches(" class=\"").count() <= 1,
            "{uri}: two class attributes in <{tag}>"
        );
        if let Some(at) = tag.find(" id=\"") {
            let rest = &tag[at + 5..];
            let id = &rest[..rest.find('"').unwrap()];
            assert!(ids.insert(id.to_string()), "{uri}: id {id:?} twice");
        }
    }
}

/// `v` as the API's client sees it: written as JSON text and read back, so floats compare
/// after the same round trip as the reply's.
fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::from_str(&serde_json::to_string(v).unwrap()).unwrap()
}

/// What the tests assert on, made through the use cases (the demo's own people, if it has
/// any, are left alone).
struct Team {
    rhea: i64,
    otto: i64,
    /// Constructive feedback for Rhea whose follow-up date has passed.
    constructive: i64,
    /// Feedback for Rhea noted but not delivered.
    waiting: i64,
    delegation: i64,
    prep: i64,
    commitment: i64,
    agenda_item: i64,
}

const TODAY: Date = common::TODAY;

async fn team(d: &Demo) -> Team {
    let store = d.store().await;
    let s = store.as_ref();
    let now = d.now;
    let rhea = people::add(
        s,
        NewPerson {
            name: "Rhea Quill".into(),
            emails: vec!["rhea.quill@people-test.example".into()],
            relation: Some(Relation::Report),
            team: Some("Payments".into()),
            start_date: Some(date(2026, 2, 2)),
            interests: vec!["observability, incident tooling".into()],
            knowledge: vec!["postgres".into()],
            growth_goals: vec!["incident command".into()],
            working_style: Some(WorkingStyle::DeepDiver),
            feedback_style: Some("in private".into()),
            private_notes: Some(format!("Caring for a parent; {PERSON_MARK}")),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap()
    .id;
    let otto = add_person(
        s,
        NewPerson {
            interests: vec!["revenue".into()],
            ..someone(
                "Otto Brand",
                "otto.brand@people-test.example",
                Relation::Stakeholder,
            )
        },
        now,
    )
    .await;
    let agenda_item = one_on_ones::add_item(
        s,
        one_on_ones::NewItem {
            person_id: rhea,
            kind: ItemKind::Agenda,
            owner: Owner::Them,
            text: "The career ladder".into(),
            due: None,
        },
        now,
    )
    .await
    .unwrap()
    .id;
    one_on_ones::log(
        s,
        one_on_ones::LogRequest {
            person_id: rhea,
            held_on: Some(date(2026, 3, 2)),
            shared_notes: Some("Talked about the on-call load".into()),
            private_notes: Some(format!("Seemed tired; {NOTE_MARK}")),
            topics: vec![Topic::Growth, Topic::Connection],
            actions: vec![one_on_ones::parse_action("them: draft the ADR").unwrap()],
            keep: vec![],
        },
        now,
    )
    .await
    .unwrap();
    for (day, energy) in [(20, 4), (24, 4), (26, 3)] {
        people::observe(
            s,
            NewObservation {
                person_id: rhea,
                energy,
                context: Context::Standup,
                note: None,
                on: Some(date(2026, 2, day)),
            },
            now,
        )
        .await
        .unwrap();
    }
    let fb = |direction, polarity, behaviour: &str, event_on, delivered_on| feedback::NewFeedback {
        person_id: Some(rhea),
        who: None,
        direction,
        polarity,
        situation: "In Tuesday's incident review".into(),
        behaviour: behaviour.into(),
        impact: "The team found the cause an hour sooner".into(),
        theme: None,
        event_on: Some(event_on),
        delivered_on,
        follow_up_due: None,
    };
    feedback::add(
        s,
        fb(
            Direction::Given,
            Some(Polarity::Positive),
            "You walked everyone through the timeline step by step",
            date(2026, 3, 2),
            Some(date(2026, 3, 2)),
        ),
        now,
    )
    .await
    .unwrap();
    let constructive = feedback::add(
        s,
        fb(
            Direction::Given,
            Some(Polarity::Constructive),
            "You pushed the fix without a review",
            date(2026, 2, 1),
            Some(date(2026, 2, 2)),
        ),
        now,
    )
    .await
    .unwrap()
    .feedback
    .id;
    let waiting = feedback::add(
        s,
        fb(
            Direction::Given,
            Some(Polarity::Positive),
            "You paired with the new joiner on the migration",
            date(2026, 2, 25),
            None,
        ),
        now,
    )
    .await
    .unwrap()
    .feedback
    .id;
    for day in [10, 20] {
        feedback::add(
            s,
            feedback::NewFeedback {
                person_id: Some(otto),
                who: None,
                direction: Direction::Received,
                polarity: Some(Polarity::Constructive),
                situation: "In the roadmap review".into(),
                behaviour: "You answered before I finished the question".into(),
                impact: String::new(),
                theme: Some("listening".into()),
                event_on: Some(date(2026, 2, day)),
                delivered_on: None,
                follow_up_due: None,
            },
            now,
        )
        .await
        .unwrap();
    }
    let delegation = delegation::add(
        s,
        delegation::NewDelegation {
            person_id: rhea,
            title: "Run the weekly dependency updates".into(),
            category: None,
            style: None,
            expectations: Expectations {
                specific: Some("Every Monday, all services".into()),
                ..Default::default()
            },
            origin: None,
        },
        now,
    )
    .await
    .unwrap()
    .id;
    relationships::log_contact(
        s,
        relationships::NewInteraction {
            person_id: otto,
            kind: InteractionKind::Coffee,
            on: Some(date(2026, 1, 20)),
            note: Some("talked about the pricing page".into()),
        },
        now,
    )
    .await
    .unwrap();
    let commitment = relationships::add_commitment(
        s,
        relationships::NewCommitment {
            to: "Otto Brand".into(),
            what: "Send the migration plan".into(),
            due: date(2026, 3, 6),
            made_on: Some(date(2026, 3, 1)),
        },
        now,
    )
    .await
    .unwrap()
    .id;
    let prep = relationships::add_prep(
        s,
        relationships::NewPrep {
            person_id: otto,
            topic: "Moving billing to the new queue".into(),
            meeting_on: Some(date(2026, 3, 10)),
            reframe: Some("Fewer failed invoices".into()),
            relate: None,
            reinforce: None,
        },
        now,
    )
    .await
    .unwrap()
    .id;
    onboarding::start(s, rhea, Some(date(2026, 2, 2)), now)
        .await
        .unwrap();
    Team {
        rhea,
        otto,
        constructive,
        waiting,
        delegation,
        prep,
        commitment,
        agenda_item,
    }
}

/// The demo with the team made, and a server state over it.
async fn team_state() -> (Demo, Team, AppState) {
    let d = demo().await;
    let t = team(&d).await;
    let state = d.state().await;
    (d, t, state)
}

/// Everything the people forms can change, as JSON.
async fn snapshot(d: &Demo, t: &Team) -> Value {
    let store = d.store().await;
    let s = store.as_ref();
    let now = d.now;
    serde_json::json!({
        "people": json(&people::list(s, true, Privacy::Include).await.unwrap()),
        "rhea": json(&people::page(s, t.rhea, now, Privacy::Include).await.unwrap()),
        "otto": json(&people::page(s, t.otto, now, Privacy::Include).await.unwrap()),
        "feedback": json(&feedback::list(s, feedback::Filter::default(), now).await.unwrap()),
        "delegations": json(&delegation::list(s, true, None, now).await.unwrap()),
        "relationships": json(&relationships::overview(s, now).await.unwrap()),
        "onboarding": json(&onboarding::all(s, now).await.unwrap()),
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_people_pages_render() {
    let (d, t, state) = team_state().await;
    let (r, o, dl, prep) = (t.rhea, t.otto, t.delegation, t.prep);
    for (uri, sub, expect) in [
        ("/people".to_string(), "/people", "Rhea Quill"),
        ("/people?all=1".into(), "/people", "Archived"),
        (format!("/people/{r}"), "/people", "Log this 1:1"),
        (
            format!("/people/{r}?private=1"),
            "/people",
            "Hide private notes",
        ),
        (
            format!("/people/{o}"),
            "/people",
            "Moving billing to the new queue",
        ),
        (format!("/people/{r}/delete"), "/people", "Archive instead"),
        ("/feedback".into(), "/feedback", "Check a draft"),
        (
            format!("/feedback?person={r}&direction=given&from=2026-01-01&to=2026-04-01"),
            "/feedback",
            "You pushed the fix without a review",
        ),
        ("/delegation".into(), "/delegation", "The vacation test"),
        (
            "/delegation/new?title=Run%20the%20incident%20tooling%20review&category=operate".into(),
            "/delegation",
            "Who could take it",
        ),
        (
            format!("/delegation/{dl}"),
            "/delegation",
            "Run the weekly dependency updates",
        ),
        (
            "/relationships".into(),
            "/relationships",
            "Send the migration plan",
        ),
        (
            format!("/relationships?person={o}"),
            "/relationships",
            "Prepare a conversation",
        ),
        ("/onboarding".into(), "/onboarding", "Rhea Quill"),
    ] {
        let page = get(&state, &uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
        assert!(page.body.contains(expect), "{uri} lacks {expect:?}");
        assert_sound_html(&uri, &page.body);
        assert!(
            page.body
                .contains("<a href=\"/people\" aria-current=\"page\">People</a>"),
            "{uri}: the main navigation marks People"
        );
        for link in [
            "/people",
            "/feedback",
            "/delegation",
            "/relationships",
            "/onboarding",
        ] {
            assert!(
                page.body.contains(&format!("href=\"{link}\"")),
                "{uri}: no sub-navigation link {link}"
            );
        }
        let current = format!("<a href=\"{sub}\" aria-current=\"page\">");
        assert_eq!(
            page.body.matches(&current).count(),
            if sub == "/people" { 2 } else { 1 },
            "{uri}: the sub-navigation marks {sub}"
        );
    }

    // The overview shows everyone with where things stand, and the calendar's suggestions.
    let store = d.store().await;
    let overview = people::overview(store.as_ref(), d.now).await.unwrap();
    let page = get(&state, "/people").await;
    let table = page.section("people");
    for row in &overview.rows {
        assert!(
            table.contains(&format!("data-person-id=\"{}\"", row.person.id)),
            "{} in the table",
            row.person.name
        );
    }
    assert!(table.contains(&format!("href=\"/people/{r}\"")));
    for s in &overview.suggestions {
        assert!(
            page.body.contains(&format!("data-email=\"{}\"", s.email)),
            "suggestion {}",
            s.email
        );
    }
    assert!(page.body.contains("href=\"/people?all=1\""));

    // The person page: 1:1 history from the calendar and the notes, agenda, balance …
    let p = people::page(store.as_ref(), r, d.now, Privacy::Hide)
        .await
        .unwrap();
    let page = get(&state, &format!("/people/{r}")).await;
    let history = page.section("history");
    assert_eq!(
        history.matches("<tr class=\"history-entry").count(),
        p.one_on_ones.history.len()
    );
    assert!(history.contains("data-state=\"logged\" data-date=\"2026-03-02\""));
    assert!(history.contains("Talked about the on-call load"));
    let agenda = page.section("agenda");
    assert!(agenda.contains("The career ladder"));
    assert!(agenda.contains("draft the ADR"));
    assert!(agenda.contains("id=\"topic-suggestion\""));
    let balance = page.section("feedback-balance");
    assert!(
        balance.contains(&format!(
            "data-positive=\"{}\" data-constructive=\"{}\" data-days-since-positive=\"{}\"",
            p.balance.positive,
            p.balance.constructive,
            p.balance.days_since_positive.unwrap()
        )),
        "{balance}"
    );
    assert!(balance.contains("<svg"), "a chart of feedback over time");
    assert!(page.section("observations").contains("class=\"sparkline\""));
    assert!(
        page.section("signals")
            .contains(&format!("data-count=\"{}\"", p.signals.len()))
    );
    assert!(page.section("onboarding").contains("data-seq=\"1\""));
    assert!(page.body.contains(&format!(
        "href=\"/people/{r}/review.md?from=2025-03-05&amp;to=2026-03-05\""
    )));
    assert!(page.body.contains(&format!("href=\"/people/{r}.md\"")));

    // The delegation flow's ranking: Rhea is interested in incident tooling.
    let page = get(
        &state,
        "/delegation/new?title=Run%20the%20incident%20tooling%20review&category=operate",
    )
    .await;
    let fits = delegation::who(
        store.as_ref(),
        "Run the incident tooling review",
        fulcrum_core::Category::Operate,
        d.now,
    )
    .await
    .unwrap();
    let who = &page.body[page.body.find("id=\"who\"").unwrap()..];
    for f in &fits {
        assert!(who.contains(&format!(
            "data-person-id=\"{}\" data-score=\"{}\"",
            f.person_id, f.score
        )));
    }
    assert!(who.contains("interested in incident tooling"), "{who}");
    let page = get(&state, "/delegation").await;
    let vacation = delegation::vacation_test(store.as_ref(), &d.rules, None, d.now)
        .await
        .unwrap();
    assert!(page.body.contains(&format!(
        "id=\"vacation-test\" aria-labelledby=\"vacation-title\" data-passes=\"{}\"",
        vacation.passes
    )));
    let page = get(&state, &format!("/delegation/{dl}")).await;
    assert!(page.body.contains("id=\"missing\" data-missing=\"5\""));

    // Downloads.
    for (uri, start) in [
        (format!("/people/{r}.md"), "# Rhea Quill"),
        (
            format!("/people/{r}/review.md"),
            "# Review preparation: Rhea Quill",
        ),
        ("/feedback/mine.md".into(), "# My feedback"),
        (
            format!("/relationships/prep/{prep}.md"),
            "# Moving billing to the new queue",
        ),
    ] {
        let md = get(&state, &uri).await;
        assert_eq!(md.status, StatusCode::OK, "{uri}: {}", md.body);
        assert_eq!(md.content_type, "text/markdown; charset=utf-8", "{uri}");
        assert!(md.body.starts_with(start), "{uri}: {}", md.body);
    }
    let md = get(&state, "/feedback/mine.md").await;
    assert!(
        md.body.contains("## listening (heard more than once)"),
        "{}",
        md.body
    );
    let md = get(
        &state,
        &format!("/people/{r}/review.md?from=2026-01-01&to=2026-04-01"),
    )
    .await;
    assert_eq!(
        md.body,
        people::review::review_prep(
            store.as_ref(),
            r,
            date(2026, 1, 1),
            date(2026, 4, 1),
            d.now,
            Privacy::Hide
        )
        .await
        .unwrap()
    );

    // What is not there is a 404, on pages and in the API.
    for uri in [
        "/people/9999".to_string(),
        "/people/nobody".into(),
        "/people/9999.md".into(),
        "/people/9999/review.md".into(),
        "/people/9999/delete".into(),
        "/delegation/9999".into(),
        "/relationships/prep/9999.md".into(),
        "/api/people/9999".into(),
        "/api/people/9999/agenda".into(),
    ] {
        let r = get(&state, &uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
    }
    let missing = get(&state, "/people/9999").await;
    assert!(
        missing.body.contains("there is no person 9999"),
        "{}",
        missing.body
    );
    assert!(
        get(&state, "/api/people/9999").await.json()["error"]
            .as_str()
            .unwrap()
            .contains("no person 9999")
    );
    post_refused(
        &state,
        "/people/9999/log",
        &[("shared_notes", "x")],
        StatusCode::NOT_FOUND,
        "no person 9999",
    )
    .await;
    for (uri, status) in [
        (
            format!("/people/{r}/review.md?from=2026-04-01&to=2026-01-01"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/people/{r}/review.md?from=soon"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/feedback?direction=sideways".into(),
            StatusCode::BAD_REQUEST,
        ),
        ("/api/feedback?person=x".into(), StatusCode::BAD_REQUEST),
    ] {
        assert_eq!(get(&state, &uri).await.status, status, "{uri}");
    }
}

/// Every form of the people pages, with the ids of `t`.
fn forms(t: &Team) -> Vec<String> {
    let (r, dl) = (t.rhea, t.delegation);
    let mut v: Vec<String> = [
        "edit",
        "archive",
        "restore",
        "delete",
        "items",
        "items/close",
        "log",
        "observe",
        "feedback",
        "feedback/deliver",
        "feedback/follow-up",
        "contact",
        "commitments",
        "commitments/update",
        "commitments/close",
        "onboarding/start",
        "onboarding/step",
        "onboarding/steps",
    ]
    .iter()
    .map(|f| format!("/people/{r}/{f}"))
    .collect();
    v.extend(
        ["edit", "hand-over", "check-in", "close", "cancel"]
            .iter()
            .map(|f| format!("/delegation/{dl}/{f}")),
    );
    v.extend(
        [
            "/people/add",
            "/feedback/add",
            "/feedback/deliver",
            "/feedback/follow-up",
            "/feedback/check",
            "/delegation/add",
            "/relationships/contact",
            "/relationships/commitments",
            "/relationships/commitments/update",
            "/relationships/commitments/close",
            "/relationships/preps",
            "/onboarding/start",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn people_forms_need_the_token() {
    let (d, t, state) = team_state().await;
    let token = state.csrf_token().to_string();
    let before = snapshot(&d, &t).await;
    let (rhea, item, fb, c) = (
        t.rhea.to_string(),
        t.agenda_item.to_string(),
        t.waiting.to_string(),
        t.commitment.to_string(),
    );
    let form = [
        ("name", "Forged Person"),
        ("emails", "forged@people-test.example"),
        ("relation", "peer"),
        ("team", "Forged"),
        ("confirm", "yes"),
        ("text", "forged item"),
        ("item", item.as_str()),
        ("shared_notes", "forged"),
        ("energy", "1"),
        ("direction", "given"),
        ("polarity", "positive"),
        ("behaviour", "forged"),
        ("feedback", fb.as_str()),
        ("person", rhea.as_str()),
        ("to", "Otto Brand"),
        ("what", "forged"),
        ("due", "2026-03-20"),
        ("commitment", c.as_str()),
        ("status", "dropped"),
        ("topic", "forged"),
        ("seq", "1"),
        ("title", "forged"),
        ("outcome", "met"),
        ("what_worked", "x"),
        ("their_feedback", "y"),
        ("draft", "maybe"),
    ];
    for uri in forms(&t) {
        let r = post(&state, &uri, &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri} without a token");
        let mut forged = form.to_vec();
        forged.push(("csrf", &token[1..]));
        let r = post(&state, &uri, &forged).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri} with a wrong token");
    }
    assert_eq!(before, snapshot(&d, &t).await, "nothing changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_person_forms_change_the_store() {
    let (d, t, state) = team_state().await;
    let store = d.store().await;
    let s = store.as_ref();
    let r = t.rhea;
    let rhea = person_page(&state, r);
    let page_of = |id| people::page(s, id, d.now, Privacy::Include);

    // A person, from the form and from a calendar suggestion.
    let location = post_ok(
        &state,
        "/people/add",
        &[
            ("name", "Kai Ito"),
            ("emails", "kai.ito@people-test.example, kai@corp.example"),
            ("relation", "peer"),
            ("team", "Platform"),
            ("cadence", "21"),
            ("minutes", "45"),
            ("interests", "rust, tracing"),
            ("working_style", "balanced"),
            ("private_notes", "Prefers mornings"),
        ],
        "/people/",
    )
    .await;
    assert!(location.ends_with("?done=person-added"), "{location}");
    let kai: i64 = location["/people/".len()..location.find('?').unwrap()]
        .parse()
        .unwrap();
    let kai_page = person_page(&state, kai);
    let p = people::get(s, kai, Privacy::Include).await.unwrap();
    assert_eq!(
        p.emails,
        ["kai.ito@people-test.example", "kai@corp.example"]
    );
    assert_eq!((p.cadence_days, p.duration_minutes), (21, 45));
    assert_eq!(p.interests, ["rust", "tracing"]);
    assert_eq!(p.working_style, Some(WorkingStyle::Balanced));
    assert_eq!(p.private_notes.as_deref(), Some("Prefers mornings"));
    let page = get(&state, &location).await;
    assert!(page.body.contains("Added the person."));
    post_refused(
        &state,
        "/people/add",
        &[
            ("name", "Kai Again"),
            ("emails", "kai@corp.example"),
            ("relation", "peer"),
        ],
        StatusCode::BAD_REQUEST,
        "already belongs to Kai Ito",
    )
    .await;
    let r2 = post_refused(
        &state,
        "/people/add",
        &[
            ("name", "No Relation"),
            ("emails", "nr@people-test.example"),
        ],
        StatusCode::BAD_REQUEST,
        "say how you work with them",
    )
    .await;
    assert!(
        r2.body.contains("value=\"No Relation\""),
        "what was typed stays"
    );

    // Edit: blank fields clear, and private notes only change when the form showed them.
    kai_page
        .ok(
            "edit",
            &[
                ("name", "Kai Ito"),
                ("emails", "kai.ito@people-test.example"),
                ("relation", "report"),
                ("team", ""),
                ("cadence", "14"),
                ("interests", "rust"),
            ],
            "person-updated",
        )
        .await;
    let p = people::get(s, kai, Privacy::Include).await.unwrap();
    assert_eq!((p.relation, p.team.clone()), (Relation::Report, None));
    assert_eq!(p.emails, ["kai.ito@people-test.example"]);
    assert_eq!(p.private_notes.as_deref(), Some("Prefers mornings"));
    kai_page
        .ok(
            "edit",
            &[("private_notes", "Moved to mornings"), ("private", "1")],
            "person-updated&private=1",
        )
        .await;
    let p = people::get(s, kai, Privacy::Include).await.unwrap();
    assert_eq!(p.private_notes.as_deref(), Some("Moved to mornings"));
    assert_eq!(p.interests, ["rust"], "fields not sent are left alone");
    kai_page
        .refused(
            "edit",
            &[("cadence", "often")],
            StatusCode::BAD_REQUEST,
            "expected a whole number",
        )
        .await;

    // The agenda: add, tick off.
    rhea.ok(
        "items",
        &[("text", "Conference budget"), ("kind", "mine")],
        "item-added",
    )
    .await;
    rhea.ok(
        "items",
        &[
            ("text", "Book the training"),
            ("kind", "action-me"),
            ("due", "2026-03-13"),
        ],
        "item-added",
    )
    .await;
    let a = one_on_ones::agenda(s, r, d.now).await.unwrap();
    assert!(a.agenda.mine.iter().any(|i| i.text == "Conference budget"));
    let training = a
        .agenda
        .actions
        .iter()
        .find(|x| x.item.text == "Book the training")
        .unwrap();
    assert_eq!(training.item.due, Some(date(2026, 3, 13)));
    let training = training.item.id.to_string();
    rhea.ok("items/close", &[("item", &training)], "item-closed")
        .await;
    let a = one_on_ones::agenda(s, r, d.now).await.unwrap();
    assert!(
        !a.agenda
            .actions
            .iter()
            .any(|x| x.item.text == "Book the training")
    );
    rhea.ok(
        "items/close",
        &[("item", &training), ("reopen", "1")],
        "item-reopened",
    )
    .await;
    let reopened = one_on_ones::agenda(s, r, d.now).await.unwrap();
    assert!(
        reopened
            .agenda
            .actions
            .iter()
            .any(|x| x.item.text == "Book the training")
    );
    kai_page
        .refused(
            "items/close",
            &[("item", &training)],
            StatusCode::NOT_FOUND,
            "is not on this person's agenda",
        )
        .await;
    rhea.refused(
        "items",
        &[("text", "x"), ("kind", "someday")],
        StatusCode::BAD_REQUEST,
        "choose theirs, mine",
    )
    .await;

    // Logging a 1:1: themes, actions, an item kept for next time.
    let keep = a
        .agenda
        .mine
        .iter()
        .find(|i| i.text == "Conference budget")
        .unwrap()
        .id
        .to_string();
    rhea.ok(
        "log",
        &[
            ("held_on", "2026-03-04"),
            ("shared_notes", "Career ladder, next steps"),
            ("private_notes", "Worried about the reorg"),
            ("topic", "feedback"),
            ("topic", "team-health"),
            (
                "actions",
                "me: send the ladder document\nthem: pick two goals\n\n",
            ),
            ("keep", &keep),
        ],
        "logged",
    )
    .await;
    let p = page_of(r).await.unwrap();
    let logged = p
        .one_on_ones
        .history
        .iter()
        .filter_map(|e| e.note.as_ref())
        .find(|n| n.held_on == TODAY)
        .unwrap();
    assert_eq!(logged.topics, [Topic::Feedback, Topic::TeamHealth]);
    assert_eq!(
        logged.private_notes.as_deref(),
        Some("Worried about the reorg")
    );
    assert!(
        p.agenda.mine.iter().any(|i| i.text == "Conference budget"),
        "kept"
    );
    assert!(
        !p.agenda.theirs.iter().any(|i| i.id == t.agenda_item),
        "discussed"
    );
    assert!(
        p.agenda
            .actions
            .iter()
            .any(|x| x.item.text == "pick two goals" && x.item.owner == Owner::Them)
    );
    let refused = rhea
        .refused(
            "log",
            &[
                ("form", "log"),
                ("held_on", "2026-03-04"),
                ("shared_notes", "Typed before the refusal"),
                ("topic", "reflection"),
            ],
            StatusCode::BAD_REQUEST,
            "is already logged",
        )
        .await;
    let form = refused.section("log-one-on-one");
    assert!(
        form.contains("Typed before the refusal"),
        "what was typed stays"
    );
    assert!(
        form.contains("value=\"reflection\" id=\"log-topic-reflection\" checked"),
        "{form}"
    );
    rhea.refused(
        "log",
        &[("held_on", "2026-03-03"), ("topic", "gossip")],
        StatusCode::BAD_REQUEST,
        "unknown theme",
    )
    .await;

    // Observations.
    rhea.ok(
        "observe",
        &[("energy", "2"), ("context", "1:1"), ("note", "quiet")],
        "observed",
    )
    .await;
    let p = page_of(r).await.unwrap();
    assert_eq!(p.trend.latest, Some(2));
    rhea.refused(
        "observe",
        &[("energy", "9")],
        StatusCode::BAD_REQUEST,
        "outside 1-5",
    )
    .await;

    // Feedback: noted with its lint shown, delivered, followed up.
    let location = rhea
        .ok(
            "feedback",
            &[
                ("direction", "given"),
                ("polarity", "constructive"),
                ("situation", "Lately"),
                ("behaviour", "I think you maybe always interrupt people"),
                ("impact", ""),
            ],
            "feedback-added&lint=",
        )
        .await;
    let page = get(&state, &location).await;
    let lint = page.section("feedback");
    assert!(lint.contains("id=\"lint-findings\""), "{lint}");
    for kind in ["hedge", "generalisation", "missing"] {
        assert!(
            lint.contains(&format!("data-kind=\"{kind}\"")),
            "{kind}: {lint}"
        );
    }
    assert!(page.body.contains("to sharpen before you deliver it"));
    let noted = feedback::list(
        s,
        feedback::Filter {
            person_id: Some(r),
            ..Default::default()
        },
        d.now,
    )
    .await
    .unwrap();
    let hedged = noted
        .items
        .iter()
        .find(|l| l.feedback.behaviour.contains("interrupt"))
        .unwrap();
    assert_eq!(hedged.feedback.delivered_on, None);
    rhea.ok(
        "feedback/deliver",
        &[("feedback", &hedged.feedback.id.to_string())],
        "feedback-delivered",
    )
    .await;
    rhea.ok(
        "feedback/follow-up",
        &[
            ("feedback", &t.constructive.to_string()),
            ("note", "Reviews every change now"),
        ],
        "followed-up",
    )
    .await;
    rhea.ok(
        "feedback",
        &[
            ("direction", "given"),
            ("polarity", "positive"),
            ("situation", "In Monday's standup"),
            (
                "behaviour",
                "You flagged the failing migration before it reached production",
            ),
            ("impact", "We kept the release on time"),
            ("delivered", "on"),
        ],
        "feedback-added",
    )
    .await;
    let all = s.feedback().await.unwrap();
    let find = |id: i64| all.iter().find(|f| f.id == id).unwrap();
    assert_eq!(find(hedged.feedback.id).delivered_on, Some(TODAY));
    assert_eq!(find(t.constructive).followed_up_on, Some(TODAY));
    assert_eq!(
        find(t.constructive).follow_up_note.as_deref(),
        Some("Reviews every change now")
    );
    // The one just added: the demo's own feedback may tell of a standup too.
    let standup = all
        .iter()
        .filter(|f| f.situation == "In Monday's standup")
        .max_by_key(|f| f.id)
        .unwrap();
    assert_eq!(standup.delivered_on, Some(TODAY));
    rhea.refused(
        "feedback",
        &[("direction", "given"), ("behaviour", "x")],
        StatusCode::BAD_REQUEST,
        "positive (reinforcing) or constructive",
    )
    .await;
    kai_page
        .refused(
            "feedback/deliver",
            &[("feedback", &t.waiting.to_string())],
            StatusCode::NOT_FOUND,
            "is not this person's",
        )
        .await;

    // Contact, commitments.
    person_page(&state, t.otto)
        .ok(
            "contact",
            &[
                ("kind", "call"),
                ("on", "2026-03-03"),
                ("note", "quick call"),
            ],
            "contact-logged",
        )
        .await;
    let otto = page_of(t.otto).await.unwrap();
    assert!(
        otto.interactions
            .iter()
            .any(|i| i.on == date(2026, 3, 3) && i.kind == InteractionKind::Call)
    );
    rhea.ok(
        "commitments",
        &[
            ("what", "Share the promotion criteria"),
            ("due", "2026-03-11"),
        ],
        "commitment-added",
    )
    .await;
    let c = page_of(r)
        .await
        .unwrap()
        .commitments
        .into_iter()
        .find(|c| c.what == "Share the promotion criteria")
        .unwrap();
    assert_eq!((c.person_id, c.due), (Some(r), date(2026, 3, 11)));
    let cid = c.id.to_string();
    rhea.ok(
        "commitments/update",
        &[
            ("commitment", &cid),
            ("note", "half done"),
            ("due", "2026-03-12"),
        ],
        "commitment-updated",
    )
    .await;
    rhea.ok(
        "commitments/close",
        &[("commitment", &cid), ("status", "done")],
        "commitment-done",
    )
    .await;
    let c = s
        .commitments()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id.to_string() == cid)
        .unwrap();
    assert_eq!(
        (c.status, c.last_update_on, c.due),
        (CommitmentStatus::Done, Some(TODAY), date(2026, 3, 12))
    );
    assert_eq!(c.note.as_deref(), Some("half done"));

    // Onboarding: a plan for Kai, a step done and undone, a step of one's own.
    kai_page
        .ok(
            "onboarding/start",
            &[("start", "2026-03-02")],
            "onboarding-started",
        )
        .await;
    kai_page
        .ok("onboarding/step", &[("seq", "2")], "step-done")
        .await;
    kai_page
        .ok(
            "onboarding/steps",
            &[("title", "Shadow an on-call shift"), ("due", "2026-04-01")],
            "step-added",
        )
        .await;
    let plan = onboarding::show(s, kai, d.now).await.unwrap();
    assert_eq!(plan.progress.done, 1);
    assert!(plan.steps.iter().find(|x| x.seq == 2).unwrap().is_done());
    assert_eq!(plan.steps.last().unwrap().title, "Shadow an on-call shift");
    kai_page
        .ok(
            "onboarding/step",
            &[("seq", "2"), ("undo", "1")],
            "step-undone",
        )
        .await;
    assert_eq!(
        onboarding::show(s, kai, d.now).await.unwrap().progress.done,
        0
    );
    kai_page
        .refused(
            "onboarding/start",
            &[],
            StatusCode::BAD_REQUEST,
            "already has an onboarding plan",
        )
        .await;

    // Archive and restore: hidden, never removed.
    kai_page.ok("archive", &[], "person-archived").await;
    let list = people::list(s, false, Privacy::Hide).await.unwrap();
    assert!(!list.people.iter().any(|p| p.id == kai));
    assert!(people::get(s, kai, Privacy::Hide).await.unwrap().archived);
    let page = get(&state, "/people?all=1").await;
    assert!(
        page.section("archived")
            .contains(&format!("data-person-id=\"{kai}\""))
    );
    assert!(
        !page
            .section("people")
            .contains(&format!("data-person-id=\"{kai}\""))
    );
    kai_page.ok("restore", &[], "person-restored").await;
    assert!(!people::get(s, kai, Privacy::Hide).await.unwrap().archived);
    assert_eq!(
        onboarding::show(s, kai, d.now).await.unwrap().steps.len(),
        17,
        "history kept"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn feedback_delegation_relationships_and_onboarding_forms() {
    let (d, t, state) = team_state().await;
    let store = d.store().await;
    let s = store.as_ref();
    let (rhea, otto) = (t.rhea.to_string(), t.otto.to_string());

    // Feedback page: add (with its lint), deliver the one waiting, follow up.
    let location = post_ok(
        &state,
        "/feedback/add",
        &[
            ("person", &otto),
            ("direction", "requested"),
            ("situation", "How did my roadmap presentation land?"),
        ],
        "/feedback?done=feedback-added&lint=",
    )
    .await;
    let page = get(&state, &location).await;
    page.assert_says(StatusCode::OK, "Noted the feedback.");
    let mine = feedback::mine(s, d.now).await.unwrap();
    assert!(
        mine.open_requests
            .iter()
            .any(|l| l.feedback.person_id == Some(t.otto))
    );
    assert!(
        page.section("my-feedback")
            .contains("How did my roadmap presentation land?")
    );
    post_ok(
        &state,
        "/feedback/add",
        &[
            ("who", "Mara from Finance"),
            ("direction", "received"),
            ("polarity", "positive"),
            ("situation", "After the budget meeting on Monday"),
            ("behaviour", "Your numbers were ready before anyone asked"),
            ("theme", "preparation"),
        ],
        "/feedback?done=feedback-added",
    )
    .await;
    assert!(s.feedback().await.unwrap().iter().any(|f| f.who.as_deref()
        == Some("Mara from Finance")
        && f.direction == Direction::Received));
    let page = get(&state, "/feedback").await;
    assert!(
        page.section("waiting")
            .contains(&format!("data-feedback-id=\"{}\"", t.waiting))
    );
    assert!(
        page.section("follow-ups")
            .contains(&format!("data-feedback-id=\"{}\"", t.constructive))
    );
    assert!(
        page.section("balances")
            .contains(&format!("data-person-id=\"{rhea}\""))
    );
    post_ok(
        &state,
        "/feedback/deliver",
        &[("feedback", &t.waiting.to_string()), ("on", "2026-03-04")],
        "/feedback?done=feedback-delivered",
    )
    .await;
    post_ok(
        &state,
        "/feedback/follow-up",
        &[
            ("feedback", &t.constructive.to_string()),
            ("note", "better"),
        ],
        "/feedback?done=followed-up",
    )
    .await;
    let all = s.feedback().await.unwrap();
    assert_eq!(
        all.iter().find(|f| f.id == t.waiting).unwrap().delivered_on,
        Some(TODAY)
    );
    assert_eq!(
        all.iter()
            .find(|f| f.id == t.constructive)
            .unwrap()
            .followed_up_on,
        Some(TODAY)
    );
    let page = get(&state, "/feedback").await;
    assert!(
        !page
            .section("waiting")
            .contains(&format!("data-feedback-id=\"{}\"", t.waiting))
    );
    post_refused(
        &state,
        "/feedback/add",
        &[
            ("direction", "given"),
            ("polarity", "positive"),
            ("behaviour", "x"),
        ],
        StatusCode::BAD_REQUEST,
        "whose feedback is it?",
    )
    .await;

    // Checking a draft stores nothing.
    let before = s.feedback().await.unwrap().len();
    let token = state.csrf_token().to_string();
    let r = post(
        &state,
        "/feedback/check",
        &[
            ("draft", "I think you are sort of always late"),
            ("csrf", &token),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let findings = fulcrum_core::feedback::lint_text("I think you are sort of always late");
    let shown = r.section("check-draft");
    assert!(shown.contains(&format!(
        "id=\"draft-findings\" data-count=\"{}\"",
        findings.len()
    )));
    for f in &findings {
        assert!(
            shown.contains(&format!("data-kind=\"{}\"", f.kind)),
            "{shown}"
        );
    }
    assert!(
        shown.contains("I think you are sort of always late"),
        "the draft stays in the form"
    );
    let r = post(
        &state,
        "/feedback/check",
        &[
            ("polarity", "positive"),
            ("situation", "In Tuesday's planning"),
            ("behaviour", "Great job"),
            ("csrf", &token),
        ],
    )
    .await;
    assert!(
        r.section("check-draft").contains("data-kind=\"generic\""),
        "{}",
        r.body
    );
    assert_eq!(s.feedback().await.unwrap().len(), before, "nothing stored");

    // Delegation: a draft from the form, refused handover, complete, handed over, checked in,
    // a one-way close refused, closed both ways; another one cancelled.
    let location = post_ok(
        &state,
        "/delegation/add",
        &[
            ("person", &rhea),
            ("title", "Own the incident tooling review"),
            ("category", "operate"),
            ("style", "selling"),
            ("origin", "task:4242"),
            ("specific", "Review the paging rules with the SRE team"),
            ("measurable", "A written proposal"),
        ],
        "/delegation/",
    )
    .await;
    assert!(location.ends_with("?done=delegation-drafted"));
    let id: i64 = location["/delegation/".len()..location.find('?').unwrap()]
        .parse()
        .unwrap();
    let base = format!("/delegation/{id}");
    let line = delegation::show(s, id, d.now).await.unwrap();
    assert_eq!(line.delegation.status, Status::Draft);
    assert_eq!(line.delegation.origin.as_deref(), Some("task:4242"));
    assert_eq!(
        line.missing,
        ["achievable", "relevant", "time-bound", "trackable"]
    );
    let page = get(&state, &location).await;
    assert!(page.body.contains("id=\"missing\" data-missing=\"4\""));
    let refused = post_refused(
        &state,
        &format!("{base}/hand-over"),
        &[],
        StatusCode::BAD_REQUEST,
        "the expectations are not complete: achievable, relevant, time-bound, trackable",
    )
    .await;
    assert!(refused.body.contains("Agree on them with Rhea"));
    post_ok(
        &state,
        &format!("{base}/edit"),
        &[
            ("title", "Own the incident tooling review"),
            ("specific", "Review the paging rules with the SRE team"),
            ("measurable", "A written proposal"),
            ("achievable", "Half a day a week, with SRE time"),
            ("relevant", "Fewer false pages at night"),
            ("deadline", "2026-03-27"),
            ("trackable", "A page in the wiki, checked in each 1:1"),
        ],
        &format!("{base}?done=delegation-updated"),
    )
    .await;
    assert!(
        delegation::show(s, id, d.now)
            .await
            .unwrap()
            .missing
            .is_empty()
    );
    post_ok(
        &state,
        &format!("{base}/hand-over"),
        &[],
        &format!("{base}?done=handed-over"),
    )
    .await;
    let line = delegation::show(s, id, d.now).await.unwrap();
    assert_eq!(line.delegation.status, Status::Active);
    assert!(!line.delegation.check_ins.is_empty());
    post_ok(
        &state,
        &format!("{base}/check-in"),
        &[("note", "Draft ready, SRE review next")],
        &format!("{base}?done=checked-in"),
    )
    .await;
    let line = delegation::show(s, id, d.now).await.unwrap();
    assert_eq!(
        line.delegation.check_ins[0].note.as_deref(),
        Some("Draft ready, SRE review next")
    );
    let one_way = post_refused(
        &state,
        &format!("{base}/close"),
        &[("outcome", "met"), ("what_worked", "Clear scope")],
        StatusCode::BAD_REQUEST,
        "the follow-up goes both ways",
    )
    .await;
    assert!(one_way.body.contains("Clear scope"), "what was typed stays");
    post_ok(
        &state,
        &format!("{base}/close"),
        &[
            ("outcome", "met"),
            ("what_worked", "Clear scope"),
            ("challenges", "SRE time was short"),
            ("their_feedback", "Introduce me to the SRE lead earlier"),
        ],
        &format!("{base}?done=delegation-closed"),
    )
    .await;
    let done = delegation::show(s, id, d.now).await.unwrap().delegation;
    assert_eq!(done.status, Status::Done);
    assert_eq!(
        done.follow_up.their_feedback.as_deref(),
        Some("Introduce me to the SRE lead earlier")
    );
    post_ok(
        &state,
        &format!("/delegation/{}/cancel", t.delegation),
        &[],
        &format!("/delegation/{}?done=delegation-cancelled", t.delegation),
    )
    .await;
    assert_eq!(
        delegation::show(s, t.delegation, d.now)
            .await
            .unwrap()
            .delegation
            .status,
        Status::Cancelled
    );
    post_refused(
        &state,
        "/delegation/add",
        &[("title", "Nobody chosen")],
        StatusCode::BAD_REQUEST,
        "choose who takes it",
    )
    .await;

    // Relationships: a contact, a commitment through its life, a prep.
    post_ok(
        &state,
        &format!("/relationships/contact?person={otto}"),
        &[("kind", "email"), ("note", "sent the numbers")],
        "/relationships?done=contact-logged",
    )
    .await;
    let contacts = relationships::contacts(s, d.now).await.unwrap();
    let c = contacts.iter().find(|c| c.person_id == t.otto).unwrap();
    assert_eq!(c.last_contact, Some(TODAY));
    post_ok(
        &state,
        "/relationships/commitments",
        &[
            ("to", "The platform team"),
            ("what", "Answer on the SLO"),
            ("due", "2026-03-05"),
        ],
        "/relationships?done=commitment-added",
    )
    .await;
    let line = relationships::commitments(s, false, d.now)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.commitment.what == "Answer on the SLO")
        .unwrap();
    assert_eq!(line.commitment.person_id, None);
    let cid = line.commitment.id.to_string();
    let page = get(&state, "/relationships").await;
    assert!(
        page.section("commitments")
            .contains(&format!("data-commitment-id=\"{cid}\""))
    );
    post_ok(
        &state,
        "/relationships/commitments/update",
        &[("commitment", &cid), ("note", "asked the SRE lead")],
        "/relationships?done=commitment-updated",
    )
    .await;
    post_ok(
        &state,
        "/relationships/commitments/close",
        &[("commitment", &cid), ("status", "dropped")],
        "/relationships?done=commitment-dropped",
    )
    .await;
    let all = relationships::commitments(s, true, d.now).await.unwrap();
    let c = all
        .iter()
        .find(|l| l.commitment.id.to_string() == cid)
        .unwrap();
    assert_eq!(c.commitment.status, CommitmentStatus::Dropped);
    post_refused(
        &state,
        "/relationships/commitments",
        &[("to", "Otto"), ("what", "Late"), ("due", "2026-03-01")],
        StatusCode::BAD_REQUEST,
        "check --due",
    )
    .await;
    post_ok(
        &state,
        "/relationships/preps",
        &[
            ("person", &otto),
            ("topic", "Hiring a second SRE"),
            ("meeting_on", "2026-03-12"),
            ("reframe", "Less night paging"),
            ("relate", "His uptime goal"),
        ],
        "/relationships?done=prep-added",
    )
    .await;
    let preps = relationships::preps(s, d.now).await.unwrap();
    let sheet = preps
        .iter()
        .find(|p| p.prep.topic == "Hiring a second SRE")
        .unwrap();
    assert_eq!(
        sheet.gaps.iter().map(|g| g.0).collect::<Vec<_>>(),
        ["reinforce"]
    );
    let md = get(&state, &format!("/relationships/prep/{}.md", sheet.prep.id)).await;
    assert_eq!(md.body, relationships::prep_markdown(sheet));

    // Onboarding page.
    post_ok(
        &state,
        "/onboarding/start",
        &[("person", &otto), ("start", "2026-03-02")],
        "/onboarding?done=onboarding-started",
    )
    .await;
    let plans = onboarding::all(s, d.now).await.unwrap();
    assert!(plans.iter().any(|p| p.person_id == t.otto));
    let page = get(&state, "/onboarding").await;
    for p in &plans {
        assert!(page.section("plans").contains(&format!(
            "data-person-id=\"{}\" data-percent=\"{}\"",
            p.person_id, p.progress.percent
        )));
    }
    post_refused(
        &state,
        "/onboarding/start",
        &[("person", &otto)],
        StatusCode::BAD_REQUEST,
        "already has an onboarding plan",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn deleting_a_person_asks_first_and_says_what_goes() {
    let (d, t, state) = team_state().await;
    let store = d.store().await;
    let s = store.as_ref();
    let r = t.rhea;
    let rhea = person_page(&state, r);
    let records = s.person_records(r).await.unwrap();
    assert!(records.total() > 5);

    let page = get(&state, &format!("/people/{r}/delete")).await;
    assert_eq!(page.status, StatusCode::OK);
    // What the app says would go; asking deletes nothing.
    let asked = people::deletion_preview(s, r).await.unwrap();
    assert!(!asked.deleted);
    assert!(
        page.body.contains(&asked.records_text),
        "{:?} in {}",
        asked.records_text,
        page.body
    );
    assert!(page.body.contains(&format!(
        "Delete {} records and the person",
        asked.records.total()
    )));
    assert!(page.body.contains("Archive instead"));
    assert!(
        people::get(s, r, Privacy::Hide).await.is_ok(),
        "a GET deletes nothing"
    );

    // Without the confirmation nothing goes.
    rhea.refused(
        "delete",
        &[],
        StatusCode::BAD_REQUEST,
        "nothing was deleted",
    )
    .await;
    rhea.refused(
        "delete",
        &[("confirm", "maybe")],
        StatusCode::BAD_REQUEST,
        "nothing was deleted",
    )
    .await;
    assert_eq!(s.person_records(r).await.unwrap(), records);

    // Archiving instead keeps everything.
    rhea.ok("archive", &[], "person-archived").await;
    assert!(people::get(s, r, Privacy::Hide).await.unwrap().archived);
    assert_eq!(s.person_records(r).await.unwrap(), records);
    let page = get(&state, &format!("/people/{r}/delete")).await;
    assert!(!page.body.contains("Archive instead"), "already archived");

    // Someone with no records: the page says so, and a GET still deletes nothing.
    let bare = add_person(
        s,
        someone("Bare Person", "bare@people-test.example", Relation::Peer),
        d.now,
    )
    .await;
    let page = get(&state, &format!("/people/{bare}/delete")).await;
    assert!(page.body.contains("only the person goes"));
    assert!(people::get(s, bare, Privacy::Hide).await.is_ok());

    // Confirmed: the person and their records go.
    post_ok(
        &state,
        &format!("/people/{r}/delete"),
        &[("confirm", "yes")],
        "/people?done=person-deleted",
    )
    .await;
    assert!(people::get(s, r, Privacy::Hide).await.is_err());
    assert_eq!(s.person_records(r).await.unwrap().total(), 0);
    assert_eq!(
        get(&state, &format!("/people/{r}")).await.status,
        StatusCode::NOT_FOUND
    );
    let page = get(&state, "/people?done=person-deleted").await;
    assert!(page.body.contains("Deleted the person"));
}

#[tokio::test(flavor = "multi_thread")]
async fn private_notes_stay_private_unless_asked_for() {
    let (_d, t, state) = team_state().await;
    let r = t.rhea;
    let rhea = person_page(&state, r);
    let marks = [PERSON_MARK, NOTE_MARK];
    // Without asking: none of the markers anywhere.
    for uri in [
        "/api/people".to_string(),
        "/api/people?all=1".into(),
        format!("/api/people/{r}"),
        format!("/api/people/{r}/agenda"),
        "/api/one-on-ones".into(),
        "/api/relationships".into(),
        "/api/feedback".into(),
        "/api/delegations?all=1".into(),
        "/api/onboarding".into(),
        format!("/people/{r}.md"),
        format!("/people/{r}/review.md"),
        format!("/people/{r}/review.md?from=2025-06-01&to=2026-04-01"),
        format!("/people/{r}"),
        format!("/people/{r}?include_private=1"),
        "/people".into(),
        "/people?all=1".into(),
        "/relationships".into(),
        "/feedback".into(),
        format!("/delegation/{}", t.delegation),
    ] {
        let reply = get(&state, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
        for m in marks {
            assert!(
                !reply.body.contains(m),
                "{uri} shows {m} without being asked"
            );
        }
    }
    let page = get(&state, &format!("/people/{r}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/people/{r}?private=1\""))
    );
    assert!(
        !page.body.contains("name=\"private_notes\">"),
        "no private notes to edit"
    );

    // Asked for: there.
    for (uri, expected) in [
        (
            "/api/people?include_private=1".to_string(),
            vec![PERSON_MARK],
        ),
        (
            format!("/api/people/{r}?include_private=1"),
            vec![PERSON_MARK, NOTE_MARK],
        ),
        (
            "/api/one-on-ones?include_private=1".into(),
            vec![PERSON_MARK, NOTE_MARK],
        ),
        (
            format!("/people/{r}.md?include_private=1"),
            vec![PERSON_MARK, NOTE_MARK],
        ),
        (
            format!("/people/{r}/review.md?include_private=1"),
            vec![NOTE_MARK],
        ),
        (
            format!("/people/{r}?private=1"),
            vec![PERSON_MARK, NOTE_MARK],
        ),
    ] {
        let reply = get(&state, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        for m in expected {
            assert!(reply.body.contains(m), "{uri} lacks {m} when asked");
        }
    }
    let page = get(&state, &format!("/people/{r}?private=1")).await;
    assert!(
        page.body.contains(&format!("href=\"/people/{r}\"")),
        "a Hide link"
    );
    assert!(page.section("private-notes").contains(PERSON_MARK));
    assert!(page.section("history").contains(NOTE_MARK));
    // A form posted from the private view comes back to it.
    rhea.ok(
        "observe",
        &[("energy", "3"), ("private", "1")],
        "observed&private=1",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_people_api_returns_what_the_use_cases_return() {
    let (d, t, state) = team_state().await;
    let store = d.store().await;
    let s = store.as_ref();
    let now = d.now;
    let r = t.rhea;
    let hide = Privacy::Hide;
    let include = Privacy::Include;
    let cases: Vec<(String, Value)> = vec![
        (
            "/api/people".into(),
            json(&people::list(s, false, hide).await.unwrap()),
        ),
        (
            "/api/people?all=1".into(),
            json(&people::list(s, true, hide).await.unwrap()),
        ),
        (
            "/api/people?all=1&include_private=1".into(),
            json(&people::list(s, true, include).await.unwrap()),
        ),
        (
            format!("/api/people/{r}"),
            json(&people::page(s, r, now, hide).await.unwrap()),
        ),
        (
            format!("/api/people/{r}?include_private=1"),
            json(&people::page(s, r, now, include).await.unwrap()),
        ),
        (
            format!("/api/people/{r}/agenda"),
            json(&one_on_ones::agenda(s, r, now).await.unwrap()),
        ),
        (
            "/api/one-on-ones".into(),
            json(&people::all_one_on_ones(s, now, hide).await.unwrap()),
        ),
        (
            "/api/one-on-ones?include_private=1".into(),
            json(&people::all_one_on_ones(s, now, include).await.unwrap()),
        ),
        (
            "/api/feedback".into(),
            json(
                &feedback::list(s, feedback::Filter::default(), now)
                    .await
                    .unwrap(),
            ),
        ),
        (
            format!("/api/feedback?person={r}&direction=given&from=2026-02-01&to=2026-03-01"),
            json(
                &feedback::list(
                    s,
                    feedback::Filter {
                        person_id: Some(r),
                        direction: Some(Direction::Given),
                        from: Some(date(2026, 2, 1)),
                        to: Some(date(2026, 3, 1)),
                    },
                    now,
                )
                .await
                .unwrap(),
            ),
        ),
        (
            "/api/feedback/mine".into(),
            json(&feedback::mine(s, now).await.unwrap()),
        ),
        (
            "/api/delegations".into(),
            json(&delegation::list(s, false, None, now).await.unwrap()),
        ),
        (
            "/api/delegations?all=1".into(),
            json(&delegation::list(s, true, None, now).await.unwrap()),
        ),
        (
            format!("/api/delegations?all=1&person={r}"),
            json(&delegation::list(s, true, Some(r), now).await.unwrap()),
        ),
        (
            "/api/delegations/candidates".into(),
            json(&delegation::candidates(s, &d.rules, now).await.unwrap()),
        ),
        (
            "/api/delegations/vacation-test".into(),
            json(
                &delegation::vacation_test(s, &d.rules, None, now)
                    .await
                    .unwrap(),
            ),
        ),
        (
            "/api/delegations/vacation-test?from=2026-03-16".into(),
            json(
                &delegation::vacation_test(s, &d.rules, Some(date(2026, 3, 16)), now)
                    .await
                    .unwrap(),
            ),
        ),
        (
            "/api/relationships".into(),
            json(&relationships::overview(s, now).await.unwrap()),
        ),
        (
            "/api/onboarding".into(),
            json(&onboarding::all(s, now).await.unwrap()),
        ),
    ];
    for (uri, expected) in cases {
        let reply = get(&state, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
        assert!(reply.content_type.starts_with("application/json"), "{uri}");
        assert_eq!(reply.json(), expected, "{uri}");
    }
    // The fixture is there, so the comparisons above were not of empty lists.
    let page = get(&state, &format!("/api/people/{r}")).await.json();
    assert_eq!(page["person"]["name"], "Rhea Quill");
    assert_eq!(page["private_included"], false);
    assert!(
        !page["one_on_ones"]["history"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        get(&state, "/api/delegations/vacation-test?from=soon")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
