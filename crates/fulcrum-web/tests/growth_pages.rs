//! Growth and career pages without a browser: what each page shows on the demo's year, the
//! forms that start a plan, add and finish steps, build the support network, note, link and
//! accept wins, rate skills and answer the compass, and what they refuse.

mod common;

use axum::http::StatusCode;
use common::client::{forms_of, get, post_added, post_ok, post_refused};
use common::demo_state;
use fulcrum_core::growth::{GrowthPlan, Rater, Rating, Step, StepStatus, Win};
use fulcrum_store::Records;
use fulcrum_web::AppState;

/// The values of `attr` in `html`, in page order.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    html.split(&format!("{attr}=\""))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The demo's plan toward staff engineer.
async fn staff_plan(state: &AppState) -> i64 {
    let plans = state.store.all::<GrowthPlan>().await.unwrap();
    plans
        .iter()
        .find(|p| p.record.target_role.as_deref() == Some("staff"))
        .expect("the demo has a plan toward staff")
        .id
}

#[tokio::test(flavor = "multi_thread")]
async fn the_growth_page_shows_plans_network_gaps_and_wins() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/growth").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("aria-current=\"page\">Growth"),
        "the menu marks Growth"
    );
    let plans = r.section("plans");
    let staff = staff_plan(&state).await;
    assert!(
        plans.contains(&format!("href=\"/growth/plans/{staff}\"")),
        "{plans}"
    );
    assert!(plans.contains("data-percent="), "plans show their progress");
    // The demo's network has a technical mentor and a manager, no managerial mentor, no peer.
    let network = r.section("network");
    let gaps = values(network, "data-gap");
    assert_eq!(gaps, ["no-managerial-mentor", "no-peer"], "{network}");
    assert!(network.contains("id=\"support-form\""));
    let wins = r.section("wins");
    assert!(!values(wins, "data-win").is_empty(), "{wins}");
    assert!(wins.contains("id=\"win-form\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_started_from_its_form_takes_steps_and_finishes_them() {
    let (_d, state) = demo_state().await;
    let id = post_added(
        &state,
        "/growth/plans/add",
        &[
            ("goal", "Run the architecture guild"),
            ("why", "Grow influence beyond the team"),
            (
                "success",
                "- Monthly sessions held\n\n- Two other teams present",
            ),
            ("kind", "technical"),
        ],
        "/growth/plans/",
        "plan-added",
    )
    .await;
    let plan = state.store.get::<GrowthPlan>(id).await.unwrap();
    assert_eq!(
        plan.record.success,
        ["Monthly sessions held", "Two other teams present"]
    );

    let page = format!("/growth/plans/{id}");
    let forms = forms_of(&state, page.clone());
    forms
        .ok(
            "steps/add",
            &[
                ("title", "Host the first session"),
                ("start", "2026-03-09"),
                ("target", "2026-03-27"),
            ],
            "growth-step-added",
        )
        .await;
    let steps = state.store.all::<Step>().await.unwrap();
    let step = steps
        .iter()
        .find(|s| s.record.plan == id)
        .expect("the step is kept under its plan");
    let r = get(&state, &page).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Host the first session"));
    let timeline = r.section("plan-timeline");
    assert!(timeline.contains("data-quarter=\"2026-Q1\""), "{timeline}");
    assert!(
        timeline.contains(&format!("data-step=\"{}\"", step.id)),
        "{timeline}"
    );

    forms
        .ok(
            "steps/done",
            &[("step", &step.id.to_string())],
            "growth-step-done",
        )
        .await;
    let done = state.store.get::<Step>(step.id).await.unwrap();
    assert_eq!(done.record.status, StepStatus::Done);
    assert!(done.record.done_on.is_some());

    // A step of another plan is not this plan's to finish.
    let other = steps.iter().find(|s| s.record.plan != id).unwrap();
    forms
        .refused(
            "steps/done",
            &[("step", &other.id.to_string())],
            StatusCode::NOT_FOUND,
            "is not a step of this plan",
        )
        .await;
    assert_eq!(
        state.store.get::<Step>(other.id).await.unwrap().record,
        other.record
    );

    forms
        .ok(
            "log",
            &[("text", "Booked the room"), ("kind", "progress")],
            "progress-logged",
        )
        .await;
    assert!(get(&state, &page).await.body.contains("Booked the room"));

    let md = get(&state, &format!("{page}/plan.md")).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.body.starts_with("# Run the architecture guild"),
        "{}",
        md.body
    );

    forms.ok("archive", &[], "plan-archived").await;
    let plan = state.store.get::<GrowthPlan>(id).await.unwrap();
    assert_eq!(plan.record.status.as_str(), "archived");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_third_leadership_goal_is_refused_and_nothing_is_kept() {
    let (_d, state) = demo_state().await;
    let before = state.store.all::<GrowthPlan>().await.unwrap().len();
    // The demo has one active leadership goal: a second is fine, a third is not.
    post_ok(
        &state,
        "/growth/plans/add",
        &[("goal", "Give feedback weekly"), ("kind", "leadership")],
        "/growth/plans/",
    )
    .await;
    let r = post_refused(
        &state,
        "/growth/plans/add",
        &[("goal", "Facilitate every retro"), ("kind", "leadership")],
        StatusCode::BAD_REQUEST,
        "active leadership goals",
    )
    .await;
    // The refused form keeps what was typed.
    assert!(
        r.body.contains("value=\"Facilitate every retro\""),
        "{}",
        r.body
    );
    assert_eq!(
        state.store.all::<GrowthPlan>().await.unwrap().len(),
        before + 1
    );
    post_refused(
        &state,
        "/growth/plans/add",
        &[("goal", "x"), ("kind", "sideways")],
        StatusCode::BAD_REQUEST,
        "choose one of leadership, technical, career",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_support_network_says_what_it_lacks_until_it_is_filled() {
    let (_d, state) = demo_state().await;
    let people = state.store.people().await.unwrap();
    let peer = people
        .iter()
        .find(|p| !p.archived && p.name != "Sam Okafor" && p.name != "Ravi Menon")
        .unwrap();
    let plan = staff_plan(&state).await.to_string();
    let id = peer.id.to_string();
    let fields = [
        ("person", id.as_str()),
        ("role", "mentor"),
        ("side", "managerial"),
        ("cadence", "21"),
        ("plan", plan.as_str()),
    ];
    post_ok(
        &state,
        "/growth/support/add",
        &fields,
        "/growth?done=support-added",
    )
    .await;
    let network = get(&state, "/growth").await;
    let gaps = values(network.section("network"), "data-gap");
    assert_eq!(gaps, ["no-peer"]);
    post_refused(
        &state,
        "/growth/support/add",
        &[
            ("person", id.as_str()),
            ("role", "guru"),
            ("plan", plan.as_str()),
        ],
        StatusCode::BAD_REQUEST,
        "choose one of manager, current-lead, mentor, peer, coach",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wins_are_noted_linked_and_accepted_from_the_proposals() {
    let (_d, state) = demo_state().await;
    let plan = staff_plan(&state).await.to_string();
    post_ok(
        &state,
        "/growth/wins/add",
        &[
            ("text", "The on-call handbook got its first outside edit"),
            ("on", "2026-03-02"),
        ],
        "/growth?done=win-added",
    )
    .await;
    let wins = state.store.all::<Win>().await.unwrap();
    let win = wins
        .iter()
        .find(|w| w.record.text.starts_with("The on-call handbook"))
        .unwrap();
    assert_eq!(win.record.plan, None);
    let page = get(&state, "/growth").await;
    assert!(
        page.section("wins")
            .contains(&format!("data-win=\"{}\"", win.id)),
        "an unlinked win is offered for linking"
    );
    post_ok(
        &state,
        "/growth/wins/link",
        &[("id", &win.id.to_string()), ("plan", &plan)],
        "/growth?done=win-linked",
    )
    .await;
    let linked = state.store.get::<Win>(win.id).await.unwrap();
    assert_eq!(linked.record.plan, Some(plan.parse().unwrap()));

    let sources = values(page.section("wins"), "data-source");
    let source = sources.first().expect("the demo's records propose a win");
    post_ok(
        &state,
        "/growth/wins/accept",
        &[("source", source), ("plan", "")],
        "/growth?done=win-added",
    )
    .await;
    let kept = state.store.all::<Win>().await.unwrap();
    assert!(
        kept.iter()
            .any(|w| w.record.source.as_deref() == Some(*source))
    );
    let after = get(&state, "/growth").await;
    assert!(
        !values(after.section("wins"), "data-source").contains(source),
        "an accepted proposal is not proposed again"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn skills_show_the_gap_heatmap_and_take_ratings() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/skills").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let heat = &r.body[r.body.find("id=\"skill-gaps\"").unwrap()..];
    assert!(!values(heat, "data-gap").is_empty(), "the heatmap has gaps");
    assert!(r.body.contains("id=\"skills-table\""));
    let before = state
        .store
        .count::<Rating>(fulcrum_store::Filter::default())
        .await
        .unwrap();
    post_ok(
        &state,
        "/skills/rate",
        &[
            ("skill", "Strategy"),
            ("score", "7"),
            ("by", "self"),
            ("example", "Wrote the payments strategy"),
        ],
        "/skills?done=skill-rated",
    )
    .await;
    let ratings = state.store.all::<Rating>().await.unwrap();
    assert_eq!(ratings.len() as u64, before + 1);
    let last = ratings.iter().max_by_key(|r| r.id).unwrap();
    assert_eq!(
        (last.record.skill.as_str(), last.record.score),
        ("strategy", 7)
    );
    assert_eq!(last.record.by, Rater::Myself);
    post_refused(
        &state,
        "/skills/rate",
        &[("skill", "strategy"), ("score", "11")],
        StatusCode::BAD_REQUEST,
        "1 to 10",
    )
    .await;
    assert_eq!(
        state
            .store
            .count::<Rating>(fulcrum_store::Filter::default())
            .await
            .unwrap(),
        before + 1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_career_page_holds_the_compass_the_audit_and_the_paths() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/career").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let compass = r.section("compass");
    assert_eq!(
        values(compass, "data-dimension"),
        ["energy", "impact", "growth-path", "values", "lifestyle"]
    );
    assert!(
        compass.contains("id=\"compass-evidence\""),
        "the evidence is beside the questions"
    );
    // The demo's plan is toward staff: the audit compares with it unless asked otherwise.
    let audit = r.section("audit");
    assert!(audit.contains("data-role=\"staff\""), "{audit}");
    for weeks in [2, 4, 12] {
        assert!(
            audit.contains(&format!("data-stat=\"distance-{weeks}\"")),
            "{weeks}"
        );
    }
    let director = get(&state, "/career?role=director").await;
    assert!(director.section("audit").contains("data-role=\"director\""));
    let paths = r.section("paths");
    assert_eq!(values(paths, "data-path").len(), 5);
    assert!(
        paths.contains("id=\"fit-method\""),
        "the page says how the fit is computed"
    );
    let unknown = get(&state, "/career?role=astronaut").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    let before = values(compass, "data-answers")[0].parse::<usize>().unwrap();
    post_ok(
        &state,
        "/career/answer",
        &[
            ("dimension", "energy"),
            ("lean", "1"),
            ("note", "The mentoring weeks were the best"),
        ],
        "/career?done=compass-answered",
    )
    .await;
    let after = get(&state, "/career").await;
    let energy = &after.body[after.body.find("id=\"question-energy\"").unwrap()..];
    assert_eq!(values(energy, "data-lean")[0], "1");
    assert_eq!(
        values(energy, "data-answers")[0].parse::<usize>().unwrap(),
        before + 1
    );
    post_refused(
        &state,
        "/career/answer",
        &[("dimension", "energy"), ("lean", "3")],
        StatusCode::BAD_REQUEST,
        "from -2 (clearly technical) to +2",
    )
    .await;

    post_ok(
        &state,
        "/career/signs",
        &[("sign", "people-growth"), ("sign", "advocacy")],
        "/career?done=signs-kept",
    )
    .await;
    let signs = get(&state, "/career").await;
    let ticked = signs.section("signs");
    assert!(
        ticked.contains("id=\"sign-people-growth\" checked"),
        "{ticked}"
    );
    assert!(
        !ticked.contains("id=\"sign-deep-problems\" checked"),
        "the set replaces the last one"
    );
    let md = get(&state, "/career/compass.md").await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(md.body.contains("Energy"), "{}", md.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transition_plan_starts_from_the_paths() {
    let (_d, state) = demo_state().await;
    let to = post_ok(
        &state,
        "/career/transition",
        &[("role", "engineering-manager")],
        "/growth/plans/",
    )
    .await;
    let r = get(&state, &to).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("engineering-manager"), "{}", r.body);
    assert!(!values(r.section("steps"), "data-step").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_brag_document_reads_on_the_page_and_downloads() {
    let (_d, state) = demo_state().await;
    let r = get(&state, "/brag?from=2025-09-01&to=2026-03-01").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let doc = &r.body[r.body.find("id=\"brag\"").unwrap()..];
    assert!(values(doc, "data-goals")[0].parse::<usize>().unwrap() >= 1);
    assert!(values(doc, "data-commits")[0].parse::<usize>().unwrap() > 0);
    assert!(doc.contains("Feedback you received"));
    let md = get(&state, "/brag.md?from=2025-09-01&to=2026-03-01").await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(md.body.starts_with("# "), "{}", md.body);
    let bad = get(&state, "/brag?from=someday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_that_does_not_exist_is_not_found() {
    let (_d, state) = demo_state().await;
    assert_eq!(
        get(&state, "/growth/plans/99999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&state, "/growth/plans/abc").await.status,
        StatusCode::NOT_FOUND
    );
}
