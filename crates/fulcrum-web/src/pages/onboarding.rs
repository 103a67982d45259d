//! `/onboarding`: every new joiner's plan and how far it has come, and the form that starts one.

use super::people::{Here, Sub, active_people, head, here, load, person_select};
use super::{done_notice, see_other};
use crate::components::{form_field, progress_bar};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::onboarding;
use maud::html;

#[derive(Debug, Default, serde::Deserialize)]
pub struct OnboardingQuery {
    pub done: Option<String>,
}

/// `GET /onboarding`
pub async fn page(State(s): State<AppState>, Query(q): Query<OnboardingQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices).await
}

async fn render(s: &AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let all = async |h: &Here| Ok(onboarding::all(s.store.as_ref(), h.now).await?);
    let (_, plans) = match load(s, all).await {
        Ok(x) => x,
        Err(page) => return page,
    };
    let with_plan: Vec<i64> = plans.iter().map(|p| p.person_id).collect();
    let people: Vec<_> = active_people(s)
        .await
        .into_iter()
        .filter(|p| !with_plan.contains(&p.id))
        .collect();
    let body = html! {
        (head(Sub::Onboarding))
        section.card #plans aria-labelledby="plans-title" data-count=(plans.len()) {
            h2 #plans-title { "Plans " span.count { (plans.len()) } }
            @if plans.is_empty() {
                p.muted { "No onboarding plans yet." }
            } @else {
                ul.plain.plans {
                    @for o in &plans {
                        li.plan data-person-id=(o.person_id) data-percent=(o.progress.percent)
                            data-overdue=(o.progress.overdue.len()) {
                            div.plan-head {
                                a href=(format!("/people/{}#onboarding", o.person_id)) { strong { (o.name) } }
                                @if !o.progress.overdue.is_empty() {
                                    " " span.badge.failed { (o.progress.overdue.len()) " overdue" }
                                }
                            }
                            (progress_bar(o.progress.done, o.progress.total, o.progress.percent))
                            @if let Some(n) = &o.progress.next {
                                p.hint { "Next: " (n.title) @if let Some(d) = n.due { " · " (fmt::day(d)) } }
                            }
                        }
                    }
                }
            }
        }
        section.card #start-plan aria-labelledby="start-title" {
            h2 #start-title { "Start a plan" }
            @if people.is_empty() {
                p.muted { "Everyone you work with already has a plan, or there is nobody yet: " a href="/people" { "People" } "." }
            } @else {
                form #start-form method="post" action="/onboarding/start" {
                    (csrf_field(s))
                    div.fields {
                        (form_field("start-person", "For", html! {
                            (person_select("start-person", "person", &people, None, "— choose —", true))
                        }))
                        (form_field("start-date", "Their first day", html! {
                            input #start-date type="date" name="start";
                        }))
                    }
                    p.hint { "Without a date, their start date is used." }
                    button.btn.primary #start-submit type="submit" { "Start the plan" }
                }
            }
        }
    };
    respond(status, frame(s, "Onboarding", Nav::People, &notices, body))
}

/// `POST /onboarding/start`: `person`, `start`.
pub async fn start(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let id = f
            .get("person")
            .and_then(|p| p.parse::<i64>().ok())
            .ok_or_else(|| Failure::bad_request("for whom? Choose a person."))?;
        onboarding::start(s.store.as_ref(), id, f.date("start")?, h.now).await?;
        Ok::<_, Failure>(())
    }
    .await;
    match result {
        Ok(()) => {
            s.changed();
            see_other("/onboarding?done=onboarding-started")
        }
        Err(e) => render(&s, e.status, vec![Notice::Failed(e.message)]).await,
    }
}
