//! Handling an incident through the binary: roles by name, a timeline, the postmortem
//! written to a file, edited and read back, actions tracked to done, and the out-of-hours
//! load each responder carries. Bad input is refused naming the field.

mod common;
use common::*;
use serde_json::Value;

/// A Thursday.
const NOW: &str = "2026-03-19T12:00:00Z";

/// A store in Berlin with three people and a Saturday-night incident (22:00 to 00:30 local,
/// 21:00 to 23:30 UTC), all of it outside working hours.
fn setup() -> (Env, String) {
    let env = Env::with_people(
        "Europe/Berlin",
        NOW,
        &[
            ("Grace Hopper", "grace@example.com", "report"),
            ("Linus Pauling", "linus@example.com", "report"),
            ("Ada Lovelace", "ada@example.com", "report"),
        ],
    );
    let at = env.at(NOW);
    let added = at.json(&[
        "incident",
        "add",
        "Checkout down",
        "--severity",
        "1",
        "--started",
        "2026-03-14T21:00:00Z",
        "--resolved",
        "2026-03-14T23:30:00Z",
    ]);
    let id = added["id"].to_string();
    (env, id)
}

fn ids(v: &Value, name: &str) -> i64 {
    v["names"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, n)| n.as_str() == Some(name))
        .map(|(id, _)| id.parse().unwrap())
        .unwrap_or_else(|| panic!("{name} not named in {v}"))
}

#[test]
fn roles_timeline_postmortem_and_actions() {
    let (env, id) = setup();
    let at = env.at(NOW);
    let v = at.json(&[
        "incident",
        "edit",
        &id,
        "--owner",
        "Grace",
        "--solver",
        "Linus",
        "--solver",
        "Ada",
        "--communicator",
        "Ada",
        "--severity",
        "2",
    ]);
    assert_eq!(v["severity"], 2);
    let grace = ids(&v, "Grace Hopper");
    assert_eq!(v["owner"], grace);
    assert_eq!(v["solvers"].as_array().unwrap().len(), 2);
    assert_eq!(v["communicator"], ids(&v, "Ada Lovelace"));

    // Entries are kept in time order, whatever order they are added in.
    at.json(&[
        "incident",
        "timeline",
        &id,
        "Rolled back the release",
        "--at",
        "2026-03-14T22:40:00Z",
        "--by",
        "Linus",
    ]);
    let v = at.json(&[
        "incident",
        "timeline",
        &id,
        "Paged on the error rate",
        "--at",
        "2026-03-14T21:02:00Z",
    ]);
    let timeline = v["timeline"].as_array().unwrap();
    assert_eq!(timeline[0]["text"], "Paged on the error rate");
    assert_eq!(timeline[1]["by"], ids(&v, "Linus Pauling"));

    // No postmortem yet: the template, every section, the timeline from the entries in
    // Berlin time.
    let md = at.stdout(&["incident", "postmortem", &id]);
    for h in [
        "Summary",
        "Impact",
        "Detection",
        "Response",
        "Recovery",
        "Timeline",
        "Contributing factors",
        "What went well",
        "Actions",
    ] {
        assert!(md.contains(&format!("## {h}\n")), "{h}:\n{md}");
    }
    assert!(
        md.contains("- 2026-03-14 22:02 — Paged on the error rate\n"),
        "{md}"
    );
    assert!(
        md.contains("- 2026-03-14 23:40 — Rolled back the release (Linus Pauling)"),
        "{md}"
    );

    // --file with no file there writes it; editing and running again keeps it.
    let file = env.path("pm.md");
    let f = file.to_str().unwrap();
    at.run(&["incident", "postmortem", &id, "--file", f])
        .success()
        .shows("edit it, then run");
    let written = std::fs::read_to_string(&file).unwrap();
    let edited = written
        .replace("<!-- What happened, in a few sentences. -->", "Checkout failed for every customer.")
        .replace("<!-- Who and what was affected, how, and for how long. -->", "All card payments, 2.5 hours.")
        .replace(
            "<!-- What made it possible or worse: conditions and decisions, never people. One per line. -->",
            "- The canary saw no night traffic\n- Retries hid the first errors",
        )
        .replace(
            "<!-- One per line: - [ ] what to do. Tick it when done; owners and dates are set with the incident's actions. -->",
            "- [ ] Alert on payment error rate",
        );
    std::fs::write(&file, edited).unwrap();
    let v = at.json(&["incident", "postmortem", &id, "--file", f]);
    let pm = &v["postmortem"];
    assert_eq!(pm["summary"], "Checkout failed for every customer.");
    assert_eq!(pm["impact"], "All card payments, 2.5 hours.");
    assert_eq!(
        pm["contributing_factors"][1],
        "Retries hid the first errors"
    );
    assert_eq!(
        pm["timeline"], "",
        "left as told, the timeline follows the entries"
    );
    assert_eq!(pm["actions"][0]["text"], "Alert on payment error rate");

    // A priority action without a date falls due four weeks after the resolution day
    // (15 March in Berlin... the incident ended 00:30 on the 15th local).
    let v = at.json(&[
        "incident",
        "action",
        "add",
        &id,
        "Canary with synthetic traffic",
        "--owner",
        "Grace",
        "--priority",
    ]);
    assert_eq!(v["actions_due"][1], "2026-04-12");
    assert_eq!(v["postmortem"]["actions"][1]["owner"], grace);
    let aid = format!("{id}.2");
    let v = at.json(&["incident", "action", "done", &aid]);
    assert_eq!(v["postmortem"]["actions"][1]["done_on"], "2026-03-19");
    assert!(v["postmortem"]["actions"][0]["done_on"].is_null());
    at.run(&["incident", "show", &id]).success().shows(&format!(
        "{id}.2 [x] Canary with synthetic traffic (priority) · Grace Hopper"
    ));

    // The document now lists the action ticked.
    at.stdout(&["incident", "postmortem", &id])
        .contains("- [x] Canary with synthetic traffic · Grace Hopper · done 2026-03-19 · priority")
        .then_some(())
        .expect("the ticked action in the document");
    let json = at.json(&["incident", "postmortem", &id]);
    assert!(
        json["markdown"]
            .as_str()
            .unwrap()
            .contains("## Summary\n\nCheckout failed")
    );
}

#[test]
fn out_of_hours_load_per_responder() {
    let (env, id) = setup();
    let at = env.at(NOW);
    at.json(&[
        "incident", "edit", &id, "--owner", "Grace", "--solver", "Grace", "--solver", "Linus",
    ]);
    // A second incident in working hours: no load.
    let day = at.json(&[
        "incident",
        "add",
        "Slow search",
        "--severity",
        "3",
        "--started",
        "2026-03-17T10:00:00Z",
        "--resolved",
        "2026-03-17T11:00:00Z",
    ]);
    let day_id = day["id"].to_string();
    at.json(&["incident", "edit", &day_id, "--owner", "Ada"]);

    let r = at.json(&["incident", "oncall", "--weeks", "4"]);
    let loads = r["loads"].as_array().unwrap();
    assert_eq!(loads.len(), 2, "{r}");
    assert_eq!(loads[0]["name"], "Grace Hopper");
    assert_eq!(loads[0]["minutes"], 150);
    assert_eq!(loads[0]["incidents"], 1);
    assert_eq!(loads[1]["name"], "Linus Pauling");
    assert_eq!(loads[0]["share"], 0.5);
    assert!(
        r["uneven"].is_null(),
        "two responders are not called uneven"
    );
    assert_eq!(r["from"], "2026-02-19");
    at.run(&["incident", "oncall"])
        .success()
        .shows("Grace Hopper")
        .shows("2.5 h");
    // The incident falls outside a one-week window... it started five days ago: inside.
    let one = at.json(&["incident", "oncall", "--weeks", "1"]);
    assert_eq!(one["loads"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_is_refused_naming_the_field() {
    let (env, id) = setup();
    let at = env.at(NOW);
    at.run(&["incident", "edit", &id, "--owner", "Nobody Known"])
        .failure()
        .says("Nobody Known");
    at.run(&[
        "incident",
        "edit",
        &id,
        "--resolved",
        "2026-03-14T20:00:00Z",
    ])
    .failure()
    .says("before it started");
    at.run(&["incident", "timeline", &id, "  "])
        .failure()
        .says("text");
    at.run(&["incident", "action", "done", "banana"])
        .failure()
        .says("INCIDENT.N");
    at.run(&["incident", "action", "done", &format!("{id}.4")])
        .failure()
        .says("has 0 actions");
    at.run(&["incident", "oncall", "--weeks", "0"])
        .failure()
        .says("--weeks");
    let file = env.path("bad.md");
    std::fs::write(&file, "## Sumary\nOops\n").unwrap();
    at.run(&[
        "incident",
        "postmortem",
        &id,
        "--file",
        file.to_str().unwrap(),
    ])
    .failure()
    .says("Sumary");
    at.run(&["incident", "edit", "999", "--severity", "2"])
        .failure()
        .says("999");
    // Nothing of it was kept.
    let v = at.json(&["incident", "show", &id]);
    assert!(v["owner"].is_null());
    assert!(v["postmortem"].is_null());
    assert_eq!(v["severity"], 1);
}
