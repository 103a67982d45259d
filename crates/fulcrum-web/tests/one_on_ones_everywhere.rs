//! On the demo's data, the 1:1s the people pages list are the 1:1s the week timeline flags
//! and the dashboard counts: one detection, read everywhere.

mod common;
use common::client::*;
use common::*;
use fulcrum_core::time;
use jiff::Timestamp;
use std::collections::BTreeSet;

fn ts(v: &serde_json::Value) -> Timestamp {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_timeline_and_the_dashboard_count_the_one_on_ones_the_people_pages_list() {
    let (d, state) = demo_state().await;
    let people = get(&state, "/api/one-on-ones").await.json();
    let relation_of = |title: &str, start: Timestamp| -> Option<String> {
        people.as_array().unwrap().iter().find_map(|p| {
            p["one_on_ones"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["title"] == title && ts(&o["start"]) == start)
                .then(|| p["person"]["relation"].as_str().unwrap().to_string())
        })
    };
    let monday = time::week_start(TODAY);
    let mut seen = 0;
    for back in 0..3 {
        let week = time::iso_week_label(time::add_days(monday, -7 * back));
        let view = get(&state, &format!("/api/week?week={week}")).await.json();
        let flagged: BTreeSet<(Timestamp, String)> = view["activities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["one_on_one"] == true && ts(&a["start"]) < d.now)
            .map(|a| (ts(&a["start"]), a["title"].as_str().unwrap().to_string()))
            .collect();
        let week_from = time::day_start(
            view["from"].as_str().unwrap().parse().unwrap(),
            &fulcrum_core::time::parse_zone(view["timezone"].as_str().unwrap()).unwrap(),
        );
        let week_to = Timestamp::from_second(week_from.as_second() + 7 * 86_400).unwrap();
        let listed: BTreeSet<(Timestamp, String)> = people
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["one_on_ones"].as_array().unwrap())
            .filter(|o| matches!(o["state"].as_str(), Some("held" | "moved")))
            .map(|o| (ts(&o["start"]), o["title"].as_str().unwrap().to_string()))
            .filter(|(s, _)| *s >= week_from && *s < week_to && *s < d.now)
            .collect();
        assert_eq!(flagged, listed, "{week}");
        seen += listed.len();

        let dash = get(&state, &format!("/api/dashboard?week={week}"))
            .await
            .json();
        assert_eq!(
            dash["report"]["totals"]["one_on_ones"].as_u64().unwrap() as usize,
            listed.len(),
            "{week}"
        );
        // Filed by who they are with, unless a rule of the user's says otherwise.
        for a in view["activities"].as_array().unwrap() {
            if a["one_on_one"] != true {
                continue;
            }
            let relation = relation_of(a["title"].as_str().unwrap(), ts(&a["start"]));
            let want = match relation.as_deref() {
                Some("manager" | "stakeholder") => "align",
                Some("mentor") => "grow",
                _ => "lead",
            };
            if a["rule"].as_str().unwrap().starts_with("1:1 with") {
                assert_eq!(a["category"], want, "{a}");
            }
        }
    }
    assert!(seen >= 5, "the demo holds 1:1s: {seen}");
}
