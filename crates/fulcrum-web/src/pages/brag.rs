//! `/brag`: the brag document (the review packet) of a period, for the lead or one of their
//! people, read on the page and downloaded as Markdown.

use super::people::{active_people, person_select};
use crate::components::form_field;
use crate::layout::{self, Nav, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::brag::{self, Brag};
use maud::{Markup, html};

query! {
    BragQuery { from, to, person }
}

fn date(v: &Option<String>) -> Result<Option<jiff::civil::Date>, Failure> {
    v.as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|d| {
            fulcrum_core::time::parse_date(d)
                .map_err(|e| Failure::from(fulcrum_app::AppError::from(e)))
        })
        .transpose()
}

async fn load(s: &AppState, q: &BragQuery) -> Result<Brag, Failure> {
    let person = q.person.as_deref().map(str::trim).filter(|p| !p.is_empty());
    Ok(brag::brag(
        s.store.as_ref(),
        date(&q.from)?,
        date(&q.to)?,
        person,
        cache::now(&s.clock),
    )
    .await?)
}

/// The address's query for the period shown, and the person asked for.
fn query_string(q: &BragQuery, b: &Brag) -> String {
    let (from, to) = (b.from.to_string(), b.to.to_string());
    let mut pairs = vec![("from", from.as_str()), ("to", to.as_str())];
    if let Some(p) = q.person.as_deref().filter(|p| !p.trim().is_empty()) {
        pairs.push(("person", p));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// `GET /brag?from=D&to=D&person=P`
pub async fn page(State(s): State<AppState>, Query(q): Query<BragQuery>) -> Response {
    let b = match load(&s, &q).await {
        Ok(b) => b,
        Err(f) => return layout::failure_page(&s, Nav::Growth, &f),
    };
    let people = active_people(&s).await;
    let body = html! {
        div.page-head {
            (page_title(html! { "Brag document " span.sub { (fmt::range(b.from, fulcrum_core::time::add_days(b.to, 1))) } }, html! {
                "What the period held, gathered from your records so you need not remember it: for a review, a promotion case or a 1:1 with your manager. "
                a #brag-markdown href=(format!("/brag.md?{}", query_string(&q, &b))) { "Download as Markdown" }
            }))
        }
        form.card #brag-form method="get" action="/brag" {
            div.fields {
                (form_field("brag-from", "From", html! { input #brag-from type="date" name="from" value=(b.from.to_string()); }))
                (form_field("brag-to", "Until (included)", html! { input #brag-to type="date" name="to" value=(b.to.to_string()); }))
                (form_field("brag-person", "About", person_select("brag-person", "person", &people, b.person_id, "— you —", false)))
            }
            button.btn type="submit" { "Show" }
        }
        (document(&b))
    };
    respond(
        StatusCode::OK,
        frame(&s, "Brag document", Nav::Growth, &[], body),
    )
}

fn document(b: &Brag) -> Markup {
    let about_you = b.person_id.is_none();
    html! {
        article.card.brag-doc #brag data-about=(b.about) data-goals=(b.goals.len()) data-commits=(b.commits) {
            @if !b.goals.is_empty() || !b.other_wins.is_empty() {
                section #brag-goals {
                    h2 { "Goals and wins" }
                    @for g in &b.goals {
                        h3 data-plan=(g.plan) { (g.goal) }
                        ul {
                            @for m in &g.milestones { li.milestone { "Reached: " (m.record.title) @if let Some(d) = m.record.done_on { " (" (fmt::day(d)) ")" } } }
                            @for w in &g.wins { li.win { (w.record.text) " (" (fmt::day(w.record.on)) ")" } }
                            @for p in &g.progress { li.progress-entry { (p.record.text) " (" (fmt::day(p.record.on)) ")" } }
                        }
                    }
                    @if !b.other_wins.is_empty() {
                        h3 { "Other wins" }
                        ul { @for w in &b.other_wins { li.win { (w.record.text) " (" (fmt::day(w.record.on)) ")" } } }
                    }
                }
            }
            section #brag-feedback {
                h2 { @if about_you { "Feedback you received" } @else { "Feedback given to " (b.about) } }
                @if b.feedback.is_empty() { p.muted { "None recorded in the period." } }
                ul {
                    @for f in &b.feedback {
                        li { strong { (f.from) } ", " (fmt::day(f.on)) ": " (f.behaviour)
                            @if !f.impact.is_empty() { " — " (f.impact) } }
                    }
                }
            }
            section #brag-delegations {
                h2 { @if about_you { "What you delegated" } @else { "What was delegated to " (b.about) } }
                @if b.delegations.is_empty() { p.muted { "Nothing in the period." } }
                ul {
                    @for d in &b.delegations {
                        li { (d.title) " — " (d.person) ", " (d.status)
                            @if let Some(o) = &d.outcome { " (" (o) ")" }
                            @if let Some(c) = d.closed_on { ", closed " (fmt::day(c)) } }
                    }
                }
            }
            @if about_you {
                section #brag-shipped {
                    h2 { "What was shipped" }
                    p { (b.commits) " commits" @if !b.repositories.is_empty() { " in " (super::people::plural(b.repositories.len(), "repository", "repositories")) } "." }
                    ul { @for r in &b.repositories { li { (r.name) ": " (r.commits) } } }
                }
                section #brag-rituals {
                    h2 { "Rituals kept" }
                    ul { @for r in &b.rituals { li data-ritual=(r.ritual.as_str()) { (r.ritual.title()) ": " (r.written) " written" } } }
                }
            }
        }
    }
}

/// `GET /brag.md?from=D&to=D&person=P`
pub async fn markdown(State(s): State<AppState>, Query(q): Query<BragQuery>) -> Response {
    match load(&s, &q).await {
        Ok(b) => super::people::markdown(
            brag::markdown(&b),
            &format!(
                "brag-{}-{}-{}.md",
                super::people::slug(&b.about),
                b.from,
                b.to
            ),
        ),
        Err(f) => layout::failure_page(&s, Nav::Growth, &f),
    }
}
