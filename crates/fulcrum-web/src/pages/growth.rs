//! `/growth`: the lead's growth plans, the support network and what it lacks, the small wins
//! (and those Fulcrum saw in the records); `/growth/plans/{id}`: one plan with its timeline a
//! quarter at a time, its steps, support, opportunities and progress log, and the forms that
//! change them; `/brag`: the brag document of a period.

use super::people::{active_people, person_select};
use super::record::{self, RecordPage};
use super::{Done, Fields, done_notice, post_change, see_other};
use crate::components::{
    adding_form, card, form_field, posting_form, progress_bar, wide_form_field,
};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use fulcrum_app::growth::{
    self, NewPlan, NewProgress, NewStep, NewSupport, NewWin, PlanEdit, PlanLine, PlanView, WinList,
};
use fulcrum_core::growth::rules::{Quarter, quarter_label};
use fulcrum_core::growth::{
    GoalKind, Keyed, OpportunityKind, OpportunityStatus, PlanStatus, Progress, ProgressKind, Side,
    StepStatus, SupportRole, Win,
};
use fulcrum_core::words::Word;
use maud::{Markup, html};

query! {
    GrowthQuery { done, quarter }
}

/// The `<option>`s of a closed set of words, `selected` chosen.
pub fn word_options<T: Copy + PartialEq + std::fmt::Display>(
    all: &[T],
    selected: Option<T>,
) -> Markup {
    html! {
        @for w in all {
            option value=(w.to_string()) selected[selected == Some(*w)] { (w.to_string()) }
        }
    }
}

/// One of a closed set of words from a form, when given.
pub fn word_field<T: Word>(form: &Fields, name: &str) -> Result<Option<T>, Failure> {
    form.word(name, T::parse_word, &T::all_words())
}

fn plan_status_badge(status: PlanStatus) -> Markup {
    let class = match status {
        PlanStatus::Active => "badge status-active",
        PlanStatus::Done => "badge status-done",
        PlanStatus::Archived => "badge status-cancelled",
    };
    html! { span class=(class) data-status=(status.as_str()) { (status) } }
}

fn step_badge(status: StepStatus, overdue: bool) -> Markup {
    let (class, text) = match status {
        StepStatus::Done => ("badge step-done", "done"),
        _ if overdue => ("badge step-overdue", "overdue"),
        StepStatus::Dropped => ("badge status-cancelled", "dropped"),
        other => ("badge", other.as_str()),
    };
    html! { span class=(class) data-state=(text) { (text) } }
}

fn percent(done: usize, total: usize) -> u32 {
    (done * 100).checked_div(total).unwrap_or(0) as u32
}

/// `GET /growth`
pub async fn page(State(s): State<AppState>, Query(q): Query<GrowthQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, None).await
}

async fn again(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    render(&s, status, notices, None).await
}

/// The POST route of a form of `/growth`.
pub(super) fn change(c: impl super::Change) -> MethodRouter<AppState> {
    post_change("/growth", again, c)
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    typed: Option<&Fields>,
) -> Response {
    let now = cache::now(&s.clock);
    let store = s.store.as_ref();
    let loaded = async {
        let plans = growth::list_plans(store, true, now).await?;
        let network = growth::network(store, now).await?;
        let wins = growth::wins(store, None, None, now).await?;
        Ok::<_, fulcrum_app::AppError>((plans, network, wins))
    }
    .await;
    let (plans, network, wins) = match loaded {
        Ok(l) => l,
        Err(e) => return layout::failure_page(s, Nav::Growth, &Failure::from(e)),
    };
    let people = active_people(s).await;
    let coach = crate::components::insights::for_page(s, &["growth"], "/growth").await;
    let active: Vec<&PlanLine> = plans
        .iter()
        .filter(|p| p.status == PlanStatus::Active)
        .collect();
    let others: Vec<&PlanLine> = plans
        .iter()
        .filter(|p| p.status != PlanStatus::Active)
        .collect();
    let body = html! {
        div.page-head {
            (page_title("Growth", html! {
                "Your growth plans, who helps you and the small wins on the way. "
                a href="/skills" { "Skills" } " shows how you and others rate you, "
                a href="/career" { "Career" } " where you are heading, and "
                a href="/brag" { "the brag document" } " what a period held."
            }))
        }
        (coach)
        (plans_card(&active, &others))
        div.grid.forms {
            section.card #start-plan-card {
                (adding_form(s, ("start-plan-title", "Start a plan"), ("start-plan", "/growth/plans/add"),
                    plan_fields("plan", typed), "Start the plan"))
            }
            (network_card(s, &network, &people, &plans, None))
        }
        (wins_card(s, &wins, &plans))
    };
    respond(status, frame(s, "Growth", Nav::Growth, &notices, body))
}

fn plans_card(active: &[&PlanLine], others: &[&PlanLine]) -> Markup {
    let row = |p: &PlanLine| {
        html! {
            li.plan-line data-plan=(p.id) data-status=(p.status.as_str()) data-kind=(p.kind.as_str()) {
                a.plan-goal href=(format!("/growth/plans/{}", p.id)) { strong { (p.goal) } }
                " " (plan_status_badge(p.status)) " " span.badge { (p.kind) }
                @if let Some(r) = &p.target_role { " " span.muted { "toward " (r) } }
                (progress_bar(p.done, p.steps, percent(p.done, p.steps)))
                @if p.overdue > 0 {
                    p.field-error { (p.overdue) " overdue " @if p.overdue == 1 { "step" } @else { "steps" } }
                }
                @if let Some(n) = &p.next {
                    p.hint { "Next: " (n.record.title)
                        @if let Some(t) = n.record.target { " by " (fmt::day(t)) } }
                }
            }
        }
    };
    card(
        "plans",
        "Plans",
        active.len(),
        html! {
            @if active.is_empty() {
                p.muted #no-plans { "No active plan. Start one below: a goal, why you want it, and what will be true when you get there." }
            } @else {
                ul.plain-list.plans { @for p in active { (row(p)) } }
            }
            @if !others.is_empty() {
                details #other-plans {
                    summary { "Done and archived " span.count { (others.len()) } }
                    ul.plain-list.plans { @for p in others { (row(p)) } }
                }
            }
        },
    )
}

/// The fields of a plan's form, `prefix` naming their ids; filled from what a refused form
/// sent.
fn plan_fields(prefix: &str, typed: Option<&Fields>) -> Markup {
    let t = |name: &str| {
        typed
            .and_then(|f| f.raw(name))
            .unwrap_or_default()
            .to_string()
    };
    let kind = typed
        .and_then(|f| f.get("kind"))
        .and_then(|k| GoalKind::parse(&k))
        .unwrap_or(GoalKind::Career);
    html! {
        (wide_form_field(&format!("{prefix}-goal"), "Goal", html! {
            input type="text" id=(format!("{prefix}-goal")) name="goal" required value=(t("goal"))
                placeholder="e.g. Grow into a staff engineer role";
        }))
        (wide_form_field(&format!("{prefix}-why"), "Why it matters to you", html! {
            input type="text" id=(format!("{prefix}-why")) name="why" value=(t("why"));
        }))
        (wide_form_field(&format!("{prefix}-success"), "What success looks like (one per line)", html! {
            textarea id=(format!("{prefix}-success")) name="success" rows="3" { (t("success")) }
        }))
        (form_field(&format!("{prefix}-kind"), "Kind", html! {
            select id=(format!("{prefix}-kind")) name="kind" { (word_options(GoalKind::ALL, Some(kind))) }
        }))
        (form_field(&format!("{prefix}-role"), "Toward a role (optional)", html! {
            input type="text" id=(format!("{prefix}-role")) name="target_role" value=(t("target_role"))
                placeholder="staff, engineering-manager …";
        }))
    }
}

fn new_plan(form: &Fields) -> Result<NewPlan, Failure> {
    Ok(NewPlan {
        goal: form.get("goal").unwrap_or_default(),
        why: form.get("why").unwrap_or_default(),
        success: form.items("success", '\n'),
        kind: word_field(form, "kind")?,
        target_role: form.get("target_role"),
        steps: Vec::new(),
    })
}

/// `POST /growth/plans/add`: to the new plan's page.
pub async fn add_plan(State(s): State<AppState>, CheckedForm(form): CheckedForm) -> Response {
    let now = cache::now(&s.clock);
    let made = async {
        let new = new_plan(&form)?;
        Ok::<_, Failure>(growth::add_plan(s.store.as_ref(), new, now).await?)
    }
    .await;
    match made {
        Ok(p) => {
            s.changed();
            see_other(&format!("/growth/plans/{}?done=plan-added", p.id))
        }
        Err(f) => render(&s, f.status, vec![Notice::Failed(f.message)], Some(&form)).await,
    }
}

fn network_card(
    s: &AppState,
    n: &growth::Network,
    people: &[fulcrum_core::people::Person],
    plans: &[PlanLine],
    plan: Option<i64>,
) -> Markup {
    let action = match plan {
        Some(id) => format!("/growth/plans/{id}/support/add"),
        None => "/growth/support/add".into(),
    };
    let live: Vec<&PlanLine> = plans
        .iter()
        .filter(|p| p.status != PlanStatus::Archived)
        .collect();
    html! {
        section.card #network aria-labelledby="network-title" data-count=(n.support.len()) {
            h2 #network-title { "Support network" }
            @if !n.gaps.is_empty() {
                ul.plain-list #network-gaps {
                    @for g in &n.gaps {
                        li.network-gap data-gap=(g.gap.as_str()) { span.badge.gap-missing { "missing" } " " (g.message) }
                    }
                }
            }
            @if !n.checkins_due.is_empty() {
                h3 { "Check-ins due" }
                ul.plain-list #checkins-due {
                    @for c in &n.checkins_due {
                        @let name = n.support.iter().find(|l| l.support.record.person == c.person).map(|l| l.name.as_str()).unwrap_or("someone");
                        li data-person=(c.person) {
                            a href=(format!("/people/{}", c.person)) { (name) } " (" (c.role) ") — "
                            @match c.last { Some(d) => { "last talked " (fmt::day(d)) }, None => "no contact logged yet" }
                            @if c.days_over > 0 { ", " (c.days_over) " days over" }
                        }
                    }
                }
            }
            @if n.support.is_empty() {
                p.muted #no-support { "Nobody yet. A manager, a mentor for the technical side and one for the managerial side, and a peer make a network." }
            } @else {
                table #support-table {
                    thead { tr { th scope="col" { "Who" } th scope="col" { "Role" } th scope="col" { "Side" } th scope="col" { "Check in every" } th scope="col" { "Last contact" } } }
                    tbody {
                        @for l in &n.support {
                            @let r = &l.support.record;
                            tr data-person=(r.person) data-role=(r.role.as_str()) {
                                td { a href=(format!("/people/{}", r.person)) { (l.name) } }
                                td { (r.role) }
                                td { (r.side.map_or("—".into(), |x| x.to_string())) }
                                td { (r.cadence_days.map_or("—".into(), |d| format!("{d} days"))) }
                                td { (l.last_contact.map_or("—".into(), fmt::day)) }
                            }
                        }
                    }
                }
            }
            h3 #support-form-title { "Add someone who helps" }
            @if people.is_empty() {
                p.hint { "The network is made of people you know: add them on the " a href="/people" { "People page" } " first." }
            }
            (posting_form(s, ("support-form", &action), html! {
                (form_field("support-person", "Who", person_select("support-person", "person", people, None, "— choose —", true)))
                (form_field("support-role", "Role", html! {
                    select #support-role name="role" { (word_options(SupportRole::ALL, Some(SupportRole::Mentor))) }
                }))
                (form_field("support-side", "Side of the job", html! {
                    select #support-side name="side" {
                        option value="" { "—" }
                        (word_options(Side::ALL, None))
                    }
                }))
                (form_field("support-cadence", "Check in every (days)", html! {
                    input #support-cadence type="number" name="cadence" min="1" max="365" inputmode="numeric" value="28";
                }))
                @if plan.is_none() && live.len() > 1 {
                    (form_field("support-plan", "For plan", html! {
                        select #support-plan name="plan" required {
                            @for p in &live { option value=(p.id) { (p.goal) } }
                        }
                    }))
                }
                (wide_form_field("support-note", "Note", html! { input #support-note type="text" name="note"; }))
            }, "Add to the network"))
        }
    }
}

fn new_support(form: &Fields, plan: Option<i64>) -> Result<NewSupport, Failure> {
    Ok(NewSupport {
        plan: plan.or(form.number("plan", "plan")?),
        person: form
            .get("person")
            .ok_or_else(|| Failure::bad_request("choose who helps you"))?,
        role: word_field(form, "role")?.unwrap_or(SupportRole::Mentor),
        side: word_field(form, "side")?,
        cadence_days: form.number("cadence", "check-in cadence")?,
        note: form.get("note").unwrap_or_default(),
    })
}

/// `POST /growth/support/add`
pub(super) async fn add_support(s: AppState, form: Fields) -> Done {
    growth::add_support(s.store.as_ref(), new_support(&form, None)?).await?;
    Ok("support-added")
}

fn wins_card(s: &AppState, w: &WinList, plans: &[PlanLine]) -> Markup {
    let live: Vec<&PlanLine> = plans
        .iter()
        .filter(|p| p.status != PlanStatus::Archived)
        .collect();
    let plan_options = |selected: Option<i64>| {
        html! {
            option value="" { "— no goal —" }
            @for p in &live { option value=(p.id) selected[selected == Some(p.id)] { (p.goal) } }
        }
    };
    let goal_of = |id: Option<i64>| {
        id.and_then(|id| plans.iter().find(|p| p.id == id))
            .map(|p| p.goal.as_str())
    };
    let recent: Vec<_> = w.wins.iter().rev().take(12).collect();
    html! {
        section.card #wins aria-labelledby="wins-title" data-count=(w.wins.len()) {
            h2 #wins-title { "Small wins " span.count { (w.wins.len()) } }
            @if !w.proposals.is_empty() {
                h3 { "Fulcrum noticed" }
                p.hint { "From your records: accept what you count as a win, and it joins the list." }
                ul.plain-list #proposals {
                    @for p in &w.proposals {
                        li.proposal data-source=(p.source) {
                            form.inline-form method="post" action="/growth/wins/accept" {
                                (csrf_field(s))
                                input type="hidden" name="source" value=(p.source);
                                span { (fmt::day(p.on)) " · " (p.text) " " }
                                label.visually-hidden for=(format!("accept-{}", p.source)) { "Goal" }
                                select id=(format!("accept-{}", p.source)) name="plan" { (plan_options(None)) }
                                button.btn.small type="submit" { "Accept" }
                            }
                        }
                    }
                }
            }
            @if !w.unlinked.is_empty() && !live.is_empty() {
                h3 { "Not linked to a goal yet" }
                ul.plain-list #unlinked-wins {
                    @for u in &w.unlinked {
                        li.unlinked data-win=(u.win.id) {
                            form.inline-form method="post" action="/growth/wins/link" {
                                (csrf_field(s))
                                input type="hidden" name="id" value=(u.win.id);
                                span { (fmt::day(u.win.record.on)) " · " (u.win.record.text) " " }
                                label.visually-hidden for=(format!("link-{}", u.win.id)) { "Goal" }
                                select id=(format!("link-{}", u.win.id)) name="plan" required { (plan_options(u.suggested_plan)) }
                                button.btn.small type="submit" { "Link" }
                            }
                        }
                    }
                }
            }
            @if recent.is_empty() {
                p.muted #no-wins { "No wins noted yet. Small ones count: a review that landed, a hard conversation held well." }
            } @else {
                h3 { "Latest" }
                ul.plain-list #win-list {
                    @for win in &recent {
                        li.win data-win=(win.id) {
                            (fmt::day(win.record.on)) " · " (win.record.text)
                            @if let Some(g) = goal_of(win.record.plan) { " " span.muted { "→ " (g) } }
                        }
                    }
                }
            }
            h3 #win-form-title { "Note a win" }
            form #win-form method="post" action="/growth/wins/add" {
                (csrf_field(s))
                div.fields {
                    (wide_form_field("win-text", "What went well", html! { input #win-text type="text" name="text" required; }))
                    (form_field("win-on", "On", html! { input #win-on type="date" name="on"; }))
                    (form_field("win-plan", "For goal", html! { select #win-plan name="plan" { (plan_options(None)) } }))
                }
                button.btn.primary type="submit" #win-form-submit { "Note the win" }
            }
        }
    }
}

/// `POST /growth/wins/add`
pub(super) async fn add_win(s: AppState, form: Fields) -> Done {
    let new = NewWin {
        text: form.get("text").unwrap_or_default(),
        on: form.date("on")?,
        plan: form.number("plan", "goal")?,
        step: form.number("step", "step")?,
        source: None,
    };
    growth::add_win(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok("win-added")
}

/// `POST /growth/wins/link`
pub(super) async fn link_win(s: AppState, form: Fields) -> Done {
    let id = form.id("id", "win")?;
    growth::link_win(
        s.store.as_ref(),
        id,
        form.number("plan", "goal")?,
        form.number("step", "step")?,
    )
    .await?;
    Ok("win-linked")
}

/// `POST /growth/wins/accept`
pub(super) async fn accept_win(s: AppState, form: Fields) -> Done {
    let source = form
        .get("source")
        .ok_or_else(|| Failure::bad_request("which proposal? The form did not say."))?;
    growth::accept_proposal(
        s.store.as_ref(),
        &source,
        form.number("plan", "goal")?,
        cache::now(&s.clock),
    )
    .await?;
    Ok("win-added")
}

// ---------------------------------------------------------------------------------------------
// One plan
// ---------------------------------------------------------------------------------------------

record::record_page!(PlanPage: i64, Nav::Growth, "growth plan" listed on "Growth", "/growth/plans", plan_show);

async fn plan_show(s: &AppState, id: i64, status: StatusCode, notices: Vec<Notice>) -> Response {
    plan_render(s, id, status, notices, None).await
}

/// `GET /growth/plans/{id}?quarter=2026-Q2`
pub async fn plan_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<GrowthQuery>,
) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    match PlanPage::id_of(&id) {
        Ok(id) => plan_render(&s, id, StatusCode::OK, notices, q.quarter.as_deref()).await,
        Err(f) => layout::failure_page(&s, Nav::Growth, &f),
    }
}

/// The quarter of the timeline to show: the one asked for, else today's, else the first.
fn shown_quarter<'a>(v: &'a PlanView, asked: Option<&str>) -> Option<(usize, &'a Quarter)> {
    let today = quarter_label(v.today);
    let at = |label: &str| v.timeline.iter().position(|q| q.label == label);
    let i = asked
        .and_then(at)
        .or_else(|| at(&today))
        .or((!v.timeline.is_empty()).then_some(0))?;
    Some((i, &v.timeline[i]))
}

async fn plan_render(
    s: &AppState,
    id: i64,
    status: StatusCode,
    notices: Vec<Notice>,
    quarter: Option<&str>,
) -> Response {
    let now = cache::now(&s.clock);
    let store = s.store.as_ref();
    let loaded = async {
        let v = growth::plan_view(store, id, now).await?;
        let plans = growth::list_plans(store, true, now).await?;
        Ok::<_, fulcrum_app::AppError>((v, plans))
    }
    .await;
    let (v, plans) = match loaded {
        Ok(l) => l,
        Err(e) => return layout::failure_page(s, Nav::Growth, &Failure::from(e)),
    };
    let people = active_people(s).await;
    let network = growth::Network {
        support: v.support.clone(),
        gaps: v.gaps.clone(),
        checkins_due: v.checkins_due.clone(),
    };
    let done = v
        .steps
        .iter()
        .filter(|l| l.step.record.status == StepStatus::Done)
        .count();
    let base = format!("/growth/plans/{id}");
    let body = html! {
        div.page-head {
            div {
                h1 #plan-goal data-plan=(id) data-status=(v.plan.status.as_str()) { (v.plan.goal) }
                p.meta {
                    (plan_status_badge(v.plan.status)) " " span.badge { (v.plan.kind) }
                    @if let Some(r) = &v.plan.target_role { " toward " strong { (r) } }
                    " · started " (fmt::day(v.plan.created_on)) " · "
                    a href="/growth" { "All plans" } " · "
                    a #plan-markdown href=(format!("{base}/plan.md")) { "Download as Markdown" }
                }
            }
        }
        section.card #plan-summary {
            @if !v.plan.why.is_empty() { p { strong { "Why: " } (v.plan.why) } }
            @if !v.plan.success.is_empty() {
                h3 { "What success looks like" }
                ul { @for l in &v.plan.success { li { (l) } } }
            }
            (progress_bar(done, v.steps.len(), percent(done, v.steps.len())))
        }
        (timeline_card(&v, &base, quarter))
        (steps_card(s, &v, &base))
        div.grid.forms {
            (network_card(s, &network, &people, &plans, Some(id)))
            (opportunities_card(s, &v, &base))
        }
        (progress_card(s, &v, &base))
        (edit_card(s, &v, &base))
    };
    respond(status, frame(s, &v.plan.goal, Nav::Growth, &notices, body))
}

fn timeline_card(v: &PlanView, base: &str, asked: Option<&str>) -> Markup {
    let Some((i, q)) = shown_quarter(v, asked) else {
        return html! {};
    };
    let prev = i.checked_sub(1).and_then(|p| v.timeline.get(p));
    let next = v.timeline.get(i + 1);
    html! {
        section.card #plan-timeline data-quarter=(q.label) {
            nav.week-nav aria-label="Quarters" {
                @match prev {
                    Some(p) => a.btn #prev-quarter href=(format!("{base}?quarter={}", p.label)) rel="prev" { "← " (p.label) },
                    None => span.btn.disabled aria-disabled="true" { "← earlier" },
                }
                @match next {
                    Some(n) => a.btn #next-quarter href=(format!("{base}?quarter={}", n.label)) rel="next" { (n.label) " →" },
                    None => span.btn.disabled aria-disabled="true" { "later →" },
                }
            }
            (charts::plan_timeline(q, v.today))
        }
    }
}

fn steps_card(s: &AppState, v: &PlanView, base: &str) -> Markup {
    card(
        "steps",
        "Steps",
        v.steps.len(),
        html! {
            @if v.steps.is_empty() {
                p.muted #no-steps { "No steps yet. Milestones with a target date make the plan something to check against." }
            } @else {
                table #steps-table {
                    thead { tr { th scope="col" { "Step" } th scope="col" { "Target" } th scope="col" { "Waits on" } th scope="col" { "State" } th scope="col" { span.visually-hidden { "Actions" } } } }
                    tbody {
                        @for l in &v.steps {
                            @let st = &l.step.record;
                            tr.step data-step=(l.step.id) data-status=(st.status.as_str()) data-overdue=(l.overdue) {
                                td { (st.title) }
                                td { (st.target.map_or("—".into(), fmt::day)) }
                                td { (l.depends_on_names.join(", ")) }
                                td { (step_badge(st.status, l.overdue)) @if let Some(d) = st.done_on { " " (fmt::day(d)) } }
                                td.actions {
                                    @if !matches!(st.status, StepStatus::Done | StepStatus::Dropped) {
                                        form.inline method="post" action=(format!("{base}/steps/done")) {
                                            (csrf_field(s))
                                            input type="hidden" name="step" value=(l.step.id);
                                            button.btn.small type="submit" data-done-step=(l.step.id) { "Done" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h3 #step-form-title { "Add a step" }
            (posting_form(s, ("step-form", &format!("{base}/steps/add")), html! {
                (wide_form_field("step-title", "Milestone", html! { input #step-title type="text" name="title" required placeholder="e.g. Lead the design review of the billing service"; }))
                (form_field("step-start", "Start", html! { input #step-start type="date" name="start"; }))
                (form_field("step-target", "Target date", html! { input #step-target type="date" name="target"; }))
                (form_field("step-depends", "Waits on (names, comma separated)", html! { input #step-depends type="text" name="depends_on"; }))
            }, "Add the step"))
        },
    )
}

fn opportunities_card(s: &AppState, v: &PlanView, base: &str) -> Markup {
    html! {
        section.card #opportunities aria-labelledby="opportunities-title" data-count=(v.opportunities.len()) {
            h2 #opportunities-title { "Opportunities" }
            @if v.opportunities.is_empty() {
                p.muted { "In the role (lead a retro), outside the day-to-day (a guild, a talk) or formal (a course): note the chances to practise." }
            } @else {
                ul.plain-list #opportunity-list {
                    @for o in &v.opportunities {
                        li data-opportunity=(o.id) data-status=(o.record.status.as_str()) {
                            (o.record.title) " " span.badge { (o.record.kind) } " " span.badge { (o.record.status) }
                        }
                    }
                }
            }
            (adding_form(s, ("opportunity-form-title", "Add an opportunity"), ("opportunity-form", &format!("{base}/opportunities/add")),
                html! {
                    (wide_form_field("opportunity-title", "Opportunity", html! { input #opportunity-title type="text" name="title" required; }))
                    (form_field("opportunity-kind", "Kind", html! { select #opportunity-kind name="kind" { (word_options(OpportunityKind::ALL, Some(OpportunityKind::InRole))) } }))
                    (form_field("opportunity-status", "Status", html! { select #opportunity-status name="status" { (word_options(OpportunityStatus::ALL, Some(OpportunityStatus::Idea))) } }))
                }, "Add the opportunity"))
        }
    }
}

/// A line of a plan's log: progress or a win.
enum LogLine<'a> {
    Progress(&'a Keyed<Progress>),
    Win(&'a Keyed<Win>),
}

/// The plan's progress and wins in one list, newest first.
fn log_lines(v: &PlanView) -> Vec<LogLine<'_>> {
    let mut out: Vec<(jiff::civil::Date, LogLine)> = v
        .progress
        .iter()
        .map(|p| (p.record.on, LogLine::Progress(p)))
        .chain(v.wins.iter().map(|w| (w.record.on, LogLine::Win(w))))
        .collect();
    out.sort_by_key(|(on, _)| std::cmp::Reverse(*on));
    out.into_iter().map(|(_, l)| l).collect()
}

fn progress_card(s: &AppState, v: &PlanView, base: &str) -> Markup {
    let title_of = |id: Option<i64>| {
        id.and_then(|id| v.steps.iter().find(|l| l.step.id == id))
            .map(|l| l.step.record.title.as_str())
    };
    html! {
        section.card #progress-log aria-labelledby="progress-title" data-count=(v.progress.len()) {
            h2 #progress-title { "Progress log" }
            @if v.progress.is_empty() && v.wins.is_empty() {
                p.muted { "Nothing logged yet: a line a week keeps the plan alive." }
            }
            ul.plain-list #progress-entries {
                @for e in log_lines(v) {
                    @match e {
                        LogLine::Progress(p) => li.progress-entry data-kind=(p.record.kind.as_str()) {
                            (fmt::day(p.record.on)) " · " span.badge { (p.record.kind) } " " (p.record.text)
                            @if let Some(t) = title_of(p.record.step) { " " span.muted { "(" (t) ")" } }
                        },
                        LogLine::Win(w) => li.win data-win=(w.id) {
                            (fmt::day(w.record.on)) " · " span.badge.ok { "win" } " " (w.record.text)
                        },
                    }
                }
            }
            (adding_form(s, ("log-form-title", "Log progress"), ("log-form", &format!("{base}/log")),
                html! {
                    (wide_form_field("log-text", "What moved", html! { input #log-text type="text" name="text" required; }))
                    (form_field("log-kind", "Kind", html! { select #log-kind name="kind" { (word_options(ProgressKind::ALL, Some(ProgressKind::Progress))) } }))
                    (form_field("log-step", "Step", html! {
                        select #log-step name="step" {
                            option value="" { "— the whole plan —" }
                            @for l in &v.steps { option value=(l.step.id) { (l.step.record.title) } }
                        }
                    }))
                    (form_field("log-on", "On", html! { input #log-on type="date" name="on"; }))
                }, "Log it"))
        }
    }
}

fn edit_card(s: &AppState, v: &PlanView, base: &str) -> Markup {
    let p = &v.plan;
    html! {
        section.card #edit-plan aria-labelledby="edit-plan-title" {
            details {
                summary #edit-plan-title { "Edit or archive the plan" }
                form #edit-plan-form method="post" action=(format!("{base}/edit")) {
                    (csrf_field(s))
                    div.fields {
                        (wide_form_field("edit-goal", "Goal", html! { input #edit-goal type="text" name="goal" required value=(p.goal); }))
                        (wide_form_field("edit-why", "Why", html! { input #edit-why type="text" name="why" value=(p.why); }))
                        (wide_form_field("edit-success", "What success looks like (one per line)", html! {
                            textarea #edit-success name="success" rows="3" { (p.success.join("\n")) }
                        }))
                        (form_field("edit-kind", "Kind", html! { select #edit-kind name="kind" { (word_options(GoalKind::ALL, Some(p.kind))) } }))
                        (form_field("edit-status", "Status", html! { select #edit-status name="status" { (word_options(PlanStatus::ALL, Some(p.status))) } }))
                        (form_field("edit-role", "Toward a role", html! { input #edit-role type="text" name="target_role" value=(p.target_role.clone().unwrap_or_default()); }))
                    }
                    button.btn.primary type="submit" #edit-plan-submit { "Save the plan" }
                }
                @if p.status != PlanStatus::Archived {
                    form #archive-plan-form method="post" action=(format!("{base}/archive")) {
                        (csrf_field(s))
                        p.hint { "Archiving keeps the plan and its history out of the lists and the coach's view." }
                        button.btn.danger type="submit" #archive-plan { "Archive the plan" }
                    }
                }
            }
        }
    }
}

async fn edit_plan(s: AppState, id: i64, form: Fields) -> Done {
    let edit = PlanEdit {
        goal: form.get("goal"),
        why: Some(form.get("why").unwrap_or_default()),
        success: Some(form.items("success", '\n')),
        kind: word_field(&form, "kind")?,
        status: word_field(&form, "status")?,
        target_role: Some(form.get("target_role")),
    };
    growth::edit_plan(s.store.as_ref(), id, edit, cache::now(&s.clock)).await?;
    Ok("plan-saved")
}

async fn archive_plan(s: AppState, id: i64, _form: Fields) -> Done {
    growth::archive_plan(s.store.as_ref(), id, cache::now(&s.clock)).await?;
    Ok("plan-archived")
}

async fn add_step(s: AppState, id: i64, form: Fields) -> Done {
    let new = NewStep {
        title: form.get("title").unwrap_or_default(),
        start: form.date("start")?,
        target: form.date("target")?,
        depends_on: form
            .get("depends_on")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
    };
    growth::add_step(s.store.as_ref(), Some(id), new).await?;
    Ok("growth-step-added")
}

async fn done_step(s: AppState, plan: i64, form: Fields) -> Done {
    let step = form.id("step", "step")?;
    let steps = growth::list_steps(s.store.as_ref(), Some(plan), cache::now(&s.clock)).await?;
    if !steps.iter().any(|l| l.step.id == step) {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("step {step} is not a step of this plan"),
        ));
    }
    growth::done_step(
        s.store.as_ref(),
        step,
        form.get("note"),
        cache::now(&s.clock),
    )
    .await?;
    Ok("growth-step-done")
}

async fn add_plan_support(s: AppState, id: i64, form: Fields) -> Done {
    growth::add_support(s.store.as_ref(), new_support(&form, Some(id))?).await?;
    Ok("support-added")
}

async fn add_opportunity(s: AppState, id: i64, form: Fields) -> Done {
    let title = form.get("title").unwrap_or_default();
    let kind = word_field(&form, "kind")?.unwrap_or(OpportunityKind::InRole);
    let status = word_field(&form, "status")?;
    growth::add_opportunity(s.store.as_ref(), Some(id), &title, kind, status).await?;
    Ok("opportunity-added")
}

async fn log_progress(s: AppState, id: i64, form: Fields) -> Done {
    let new = NewProgress {
        text: form.get("text").unwrap_or_default(),
        kind: word_field(&form, "kind")?.unwrap_or(ProgressKind::Progress),
        plan: Some(id),
        step: form.number("step", "step")?,
        on: form.date("on")?,
    };
    growth::log(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok("progress-logged")
}

/// `GET /growth/plans/{id}/plan.md`
pub async fn plan_markdown(State(s): State<AppState>, Path(raw): Path<String>) -> Response {
    let result = async {
        let id = PlanPage::id_of(&raw)?;
        Ok::<_, Failure>(growth::plan_view(s.store.as_ref(), id, cache::now(&s.clock)).await?)
    }
    .await;
    match result {
        Ok(v) => super::people::markdown(
            growth::plan_markdown(&v),
            &format!("growth-plan-{}.md", super::people::slug(&v.plan.goal)),
        ),
        Err(f) => layout::failure_page(&s, Nav::Growth, &f),
    }
}

/// The routes of the growth pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/growth", get(page))
        .route("/growth/plans/add", post(add_plan))
        .route("/growth/support/add", change(add_support))
        .route("/growth/wins/add", change(add_win))
        .route("/growth/wins/link", change(link_win))
        .route("/growth/wins/accept", change(accept_win))
        .route("/growth/plans/{id}", get(plan_page))
        .route("/growth/plans/{id}/plan.md", get(plan_markdown))
        .merge(record::record_forms!(PlanPage, "/growth/plans/{id}", {
            "edit" => edit_plan,
            "archive" => archive_plan,
            "steps/add" => add_step,
            "steps/done" => done_step,
            "support/add" => add_plan_support,
            "opportunities/add" => add_opportunity,
            "log" => log_progress,
        }))
        .route("/brag", get(super::brag::page))
        .route("/brag.md", get(super::brag::markdown))
}
