//! Re-categorising from the week timeline: the link on an event, the preview of what the
//! rule moves (checked against the week API), the confirm post with its token and Origin,
//! and the week afterwards.

mod common;
use axum::http::StatusCode;
use common::client::*;
use common::*;
use fulcrum_core::time;
use jiff::Timestamp;

/// `&amp;` back to `&` in an attribute maud escaped.
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The href of the first re-categorise link for an event with this title.
fn link_for(page: &str, title: &str) -> String {
    let row = page
        .find(&format!("data-title=\"{title}\""))
        .unwrap_or_else(|| panic!("no {title} on the timeline"));
    let rest = &page[row..];
    let at = rest
        .find("href=\"/week/recategorise?")
        .expect("a re-categorise link");
    let href = &rest[at + 6..];
    unescape(&href[..href.find('"').unwrap()])
}

fn attr(html: &str, name: &str) -> i64 {
    let at = html
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("no {name}"));
    let v = &html[at + name.len() + 2..];
    v[..v.find('"').unwrap()].parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_event_on_the_timeline_becomes_a_rule_after_a_preview() {
    let (d, state) = demo_state().await;
    let before_rules = std::fs::read_to_string(&d.rules).unwrap();

    let week = get(&state, "/week?week=2026-W10").await;
    assert_eq!(week.status, StatusCode::OK);
    let href = link_for(&week.body, "Daily standup");
    assert!(href.contains("title=Daily%20standup"), "{href}");
    assert!(href.contains("from=lead"), "{href}");

    // First the choice, no preview until a category is chosen.
    let page = get(&state, &href).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"recategorise-options\""));
    assert!(!page.body.contains("id=\"preview\""));

    // What the week API shows: every "Daily standup" of the last 12 weeks that has started.
    let monday = time::week_start(TODAY);
    let mut expected = 0;
    let mut minutes = 0;
    for w in 0..12 {
        let label = time::iso_week_label(time::add_days(monday, -7 * w));
        let api = get(&state, &format!("/api/week?week={label}")).await.json();
        for a in api["activities"].as_array().unwrap() {
            let start: Timestamp = a["start"].as_str().unwrap().parse().unwrap();
            let end: Timestamp = a["end"].as_str().unwrap().parse().unwrap();
            if a["title"] == "Daily standup" && start < d.now {
                assert_eq!(a["category"], "lead");
                expected += 1;
                minutes += (end.as_second() - start.as_second()) / 60;
            }
        }
    }
    assert!(expected > 20, "the demo has a daily standup: {expected}");

    let preview = get(&state, &format!("{href}&category=build")).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let section = preview.section("preview");
    assert_eq!(attr(section, "data-moved"), expected);
    assert_eq!(attr(section, "data-matched"), expected);
    assert!(
        section.contains("data-from=\"lead\" data-to=\"build\""),
        "{section}"
    );
    assert_eq!(attr(section, "data-count"), expected);
    assert_eq!(attr(section, "data-minutes"), minutes);
    assert!(section.contains("id=\"recategorise-confirm\""));
    // Nothing has changed yet.
    assert_eq!(std::fs::read_to_string(&d.rules).unwrap(), before_rules);

    let form: Vec<(&str, &str)> = vec![
        ("title", "Daily standup"),
        ("category", "build"),
        ("scope", "exact"),
        ("week", "2026-W10"),
        ("source", "work-calendar.ics"),
        ("from", "lead"),
    ];
    // Without the token, or from another site, nothing is written.
    let r = post(&state, "/week/recategorise", &form).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let token = state.csrf_token().to_string();
    let mut with_token = form.clone();
    with_token.push(("csrf", &token));
    let r = post_from(
        &state,
        "/week/recategorise",
        &with_token,
        Some("http://evil.example.com"),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A GET never changes anything.
    let r = get(&state, &format!("{href}&category=build&csrf={token}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(std::fs::read_to_string(&d.rules).unwrap(), before_rules);

    let done = post_ok(&state, "/week/recategorise", &form, "/week/recategorise?").await;
    assert!(done.contains("done=added"), "{done}");
    let after = get(&state, &done).await;
    assert!(
        unescape(&after.body).contains("Added the rule '\"Daily standup\" is build'"),
        "{}",
        after.body
    );
    let section = after.section("preview");
    assert_eq!(attr(section, "data-moved"), 0, "it moved them already");
    assert_eq!(attr(section, "data-unchanged"), expected);

    // The rule is first among the user's rules, and the timeline shows its work.
    let rules = get(&state, "/api/rules").await.json();
    assert_eq!(rules["user"][0]["name"], "\"Daily standup\" is build");
    assert_eq!(rules["user"][0]["title"], r"^\s*Daily standup\s*$");
    assert_eq!(
        rules["user"].as_array().unwrap().len(),
        before_rules.matches("[[rule]]").count() + 1
    );
    let api = get(&state, "/api/week?week=2026-W10").await.json();
    let standups: Vec<_> = api["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"] == "Daily standup")
        .collect();
    assert!(!standups.is_empty());
    assert!(
        standups
            .iter()
            .all(|a| a["category"] == "build" && a["rule"] == "\"Daily standup\" is build")
    );

    // Again, as lead: the same conditions, so it replaces the rule instead of piling up.
    let again = get(&state, &format!("{href}&category=lead")).await;
    assert!(again.section("preview").contains("id=\"replaces\""));
    let mut back = form.clone();
    back[1] = ("category", "lead");
    post_ok(&state, "/week/recategorise", &back, "/week/recategorise?").await;
    let rules = get(&state, "/api/rules").await.json();
    assert_eq!(rules["user"][0]["name"], "\"Daily standup\" is lead");
    assert_eq!(
        rules["user"].as_array().unwrap().len(),
        before_rules.matches("[[rule]]").count() + 1
    );

    // Coding sessions are not decided by rules: no action on them.
    let page = get(&state, "/week?week=2026-W10").await.body;
    let coding = page
        .find("data-kind=\"coding\"")
        .expect("a coding session this week");
    let row = &page[coding..page[coding..].find("</tr>").unwrap() + coding];
    assert!(!row.contains("recategorise"), "{row}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_refuses_what_it_cannot_turn_into_a_rule() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/week/recategorise").await;
    r.assert_says(StatusCode::BAD_REQUEST, "week timeline");
    let r = get(&state, "/week/recategorise?title=Standup&category=coding").await;
    r.assert_says(StatusCode::BAD_REQUEST, "coding");
    let r = get(
        &state,
        "/week/recategorise?title=Standup&category=build&scope=fuzzy",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
