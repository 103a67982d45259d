//! The rules page's conditions on who is there (relations from the people records, 1:1s),
//! and explaining a title with the people present.

mod common;
use axum::http::StatusCode;
use common::client::*;
use common::*;
use fulcrum_core::people::Relation;

#[tokio::test(flavor = "multi_thread")]
async fn rules_can_ask_who_is_there_and_explain_reads_the_people_records() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    let page = get(&state, "/rules").await;
    for id in [
        "rule-one-on-one",
        "rule-with-relation",
        "rule-only-relation",
        "explain-with",
    ] {
        assert!(page.body.contains(&format!("id=\"{id}\"")), "#{id}");
    }

    let r = post(
        &state,
        "/rules/add",
        &[
            ("csrf", &token),
            ("name", "upwards"),
            ("category", "align"),
            ("with_relation", "manager"),
            ("with_relation", "stakeholder"),
            ("one_on_one", "false"),
            ("position", "first"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Added the rule"), "{}", r.body);
    let text = std::fs::read_to_string(&d.rules).unwrap();
    assert!(
        text.contains("with_relation = [\n    \"manager\",\n    \"stakeholder\",\n]")
            || text.contains("with_relation = [\"manager\", \"stakeholder\"]"),
        "{text}"
    );
    let rules = get(&state, "/api/rules").await.json();
    assert_eq!(rules["user"][0]["name"], "upwards");
    assert_eq!(
        rules["user"][0]["with_relation"],
        serde_json::json!(["manager", "stakeholder"])
    );
    assert_eq!(rules["user"][0]["one_on_one"], false);
    let page = get(&state, "/rules").await;
    assert!(
        page.body
            .contains("not a 1:1, with your manager or stakeholder"),
        "the table describes it"
    );

    // A relation that is not one is refused by name, and nothing is written.
    let before = std::fs::read_to_string(&d.rules).unwrap();
    let r = post(
        &state,
        "/rules/add",
        &[
            ("csrf", &token),
            ("name", "bosses"),
            ("category", "align"),
            ("only_relation", "boss"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("only_relation") && r.body.contains("boss") && r.body.contains("mentor"),
        "{}",
        r.body
    );
    assert_eq!(std::fs::read_to_string(&d.rules).unwrap(), before);

    // Explaining with a report's address: the title says nothing, the records make it a 1:1.
    let people = d.store().await.people().await.unwrap();
    let report = people
        .iter()
        .find(|p| p.relation == Relation::Report && p.is_active() && !p.emails.is_empty())
        .expect("the demo has reports");
    let e = get(
        &state,
        &format!(
            "/api/rules/explain?title=Catch%20up&with={}",
            enc(&report.emails[0])
        ),
    )
    .await
    .json();
    assert_eq!(e["one_on_one_with"], report.name.as_str());
    assert_eq!(e["category"], "lead");
    assert_eq!(e["rule"], "1:1 with someone you work with");
    let page = get(
        &state,
        &format!("/rules?title=Catch%20up&with={}", enc(&report.emails[0])),
    )
    .await;
    assert!(
        page.body.contains("id=\"explain-one-on-one\""),
        "{}",
        page.body
    );
    // Without the address the title alone decides.
    let e = get(&state, "/api/rules/explain?title=Catch%20up&attendees=1")
        .await
        .json();
    assert_eq!(e["category"], "other");
}
