//! `/risks`: the probability × impact matrix of the live risks, the risk log below it with due
//! reviews flagged, and the form that logs a risk; `/risks/{id}`: one risk with its owner,
//! plan, reviews, who was told and the incident it became, and the forms that edit, review,
//! tell, mark it happened and close it.

use super::growth::{word_field, word_options};
use super::people::active_people;
use super::{Done, Fields, done_notice, record, technical};
use crate::components::{adding_form, card, form_field, posting_form, wide_form_field};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::risks::{self, Line, NewRisk, RiskEdit, Whom};
use fulcrum_core::insights::Link;
use fulcrum_core::people::Person;
use fulcrum_core::risks::{Category, Strategy};
use maud::{Markup, html};

query! {
    RisksQuery { done }
}

fn band_badge(l: &Line) -> Markup {
    html! {
        span class=(format!("badge band-{}", l.band)) data-band=(l.band.as_str()) { (l.score) " " (l.band) }
    }
}

fn review_text(l: &Line) -> Markup {
    html! {
        @match l.review_on {
            Some(d) => {
                span.review data-review=(d.to_string()) data-due=(l.review_due) { (fmt::day(d)) }
                @if l.review_due { " " span.badge.step-overdue.review-due { "review due" } }
            },
            None => span.muted { "—" },
        }
    }
}

fn owner_text(l: &Line) -> Markup {
    html! {
        @match (l.owner_id, l.owner.as_deref()) {
            (Some(id), Some(name)) => a.owner href=(format!("/people/{id}")) { (name) },
            (None, Some(name)) => span.owner { (name) },
            _ => span.owner.muted.unowned { "nobody" },
        }
    }
}

/// `GET /risks`
pub async fn page(State(s): State<AppState>, Query(q): Query<RisksQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(s, StatusCode::OK, notices).await
}

async fn render(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let lines = match risks::list(s.store.as_ref(), None, None, now).await {
        Ok(l) => l,
        Err(e) => return layout::failure_page(&s, Nav::Technical, &Failure::from(e)),
    };
    let people = active_people(&s).await;
    let coach =
        crate::components::insights::for_records(&s, "/risks", |l| matches!(l, Link::Risk { .. }))
            .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Risks))
        div.page-head {
            (page_title("Risks", html! {
                "What might happen, written as \u{201c}EVENT might lead to CONSEQUENCE\u{201d}, scored by probability × impact. "
                "Not every risk needs action now, but every risk needs an owner, a review date and the right people told."
            }))
        }
        (coach)
        (charts::risk_matrix(&lines))
        (card("risk-log", "Risk log", lines.len(), log_table(&lines)))
        section.card #new-risk-card {
            (adding_form(&s, ("new-risk-title", "Log a risk"), ("new-risk", "/risks/new"),
                risk_fields("new", None, &people), "Log the risk"))
        }
    };
    respond(status, frame(&s, "Risks", Nav::Technical, &notices, body))
}

fn log_table(lines: &[Line]) -> Markup {
    html! {
        @if lines.is_empty() {
            p.muted #no-risks { "No risks yet. Log one below, or with " code { "fulcrum risks add" } "." }
        } @else {
            table #risk-table {
                thead { tr {
                    th scope="col" { "#" } th scope="col" { "Risk" } th scope="col" { "Score" }
                    th scope="col" { "Strategy" } th scope="col" { "Owner" } th scope="col" { "Status" }
                    th scope="col" { "Review" }
                } }
                tbody {
                    @for l in lines {
                        tr.risk data-risk=(l.id) data-band=(l.band.as_str()) data-status=(l.status.as_str())
                            data-review-due=(l.review_due) {
                            td { (l.id) }
                            td { a href=(format!("/risks/{}", l.id)) { (l.statement) } }
                            td { (band_badge(l)) }
                            td { (l.strategy.map_or("—".to_string(), |s| s.to_string())) }
                            td { (owner_text(l)) }
                            td { (l.status) }
                            td { (review_text(l)) }
                        }
                    }
                }
            }
        }
    }
}

/// The owner choices: nobody, the user, and each of their people.
fn owner_select(id: &str, people: &[Person], l: Option<&Line>) -> Markup {
    let me = l.is_some_and(|l| l.owner.as_deref() == Some("me") && l.owner_id.is_none());
    let chosen = l.and_then(|l| l.owner_id);
    html! {
        select id=(id) name="owner" {
            option value="" selected[!me && chosen.is_none()] { "— nobody yet —" }
            option value="me" selected[me] { "me" }
            @for p in people {
                option value=(p.id) selected[chosen == Some(p.id)] { (p.name) " (" (p.relation) ")" }
            }
        }
    }
}

fn scale_select(id: &str, name: &str, selected: Option<u8>) -> Markup {
    html! {
        select id=(id) name=(name) required {
            @if selected.is_none() { option value="" selected { "—" } }
            @for v in fulcrum_core::risks::SCALE {
                option value=(v) selected[selected == Some(v)] { (v) }
            }
        }
    }
}

/// The fields a risk is logged or edited with, filled from `l` when editing.
fn risk_fields(prefix: &str, l: Option<&Line>, people: &[Person]) -> Markup {
    let id = |f: &str| format!("{prefix}-{f}");
    html! {
        (wide_form_field(&id("event"), "Event: what might happen", html! {
            input id=(id("event")) type="text" name="event" required value=[l.map(|l| l.event.as_str())]
                placeholder="e.g. A server crash during peak hours";
        }))
        (wide_form_field(&id("consequence"), "might lead to (the consequence)", html! {
            input id=(id("consequence")) type="text" name="consequence" required value=[l.map(|l| l.consequence.as_str())]
                placeholder="e.g. data loss";
        }))
        (form_field(&id("probability"), "Probability (1 rare – 5 almost certain)", scale_select(&id("probability"), "probability", l.map(|l| l.probability))))
        (form_field(&id("impact"), "Impact (1 minor – 5 severe)", scale_select(&id("impact"), "impact", l.map(|l| l.impact))))
        (form_field(&id("category"), "Category", html! {
            select id=(id("category")) name="category" { (word_options(Category::ALL, Some(l.map_or(Category::Delivery, |l| l.category)))) }
        }))
        (form_field(&id("strategy"), "Strategy", html! {
            select id=(id("strategy")) name="strategy" {
                option value="" selected[l.is_none_or(|l| l.strategy.is_none())] { "— not decided —" }
                (word_options(Strategy::ALL, l.and_then(|l| l.strategy)))
            }
        }))
        (form_field(&id("owner"), "Owner", owner_select(&id("owner"), people, l)))
        (form_field(&id("review"), "Review on (required when accepted)", html! {
            input id=(id("review")) type="date" name="review" value=[l.and_then(|l| l.review_on).map(|d| d.to_string())];
        }))
        (wide_form_field(&id("plan"), "Plan: the mitigation, or the alternatives weighed", html! {
            textarea id=(id("plan")) name="plan" rows="2" { (l.and_then(|l| l.plan.as_deref()).unwrap_or("")) }
        }))
    }
}

fn rating(form: &Fields, name: &str) -> Result<Option<u8>, Failure> {
    form.number::<u8>(name, name)
}

/// `POST /risks/new`: to the new risk.
async fn add(s: AppState, form: Fields) -> Result<i64, Failure> {
    let now = cache::now(&s.clock);
    let need = |what: &str| Failure::bad_request(format!("choose the {what}: 1 to 5"));
    let new = NewRisk {
        event: form.get("event").unwrap_or_default(),
        consequence: form.get("consequence").unwrap_or_default(),
        category: word_field(&form, "category")?,
        probability: rating(&form, "probability")?.ok_or_else(|| need("probability"))?,
        impact: rating(&form, "impact")?.ok_or_else(|| need("impact"))?,
        strategy: word_field(&form, "strategy")?,
        plan: form.get("plan"),
        owner: form.get("owner"),
        review: form.date("review")?,
    };
    Ok(risks::add(s.store.as_ref(), new, now).await?.id)
}

record::record_page!(RiskPage: i64, Nav::Technical, "risk" listed on "Risks", "/risks", show_render);

fn told_list(l: &Line) -> Markup {
    html! {
        @if l.told.is_empty() {
            p.muted #told-nobody { "Nobody told yet."
                @if l.untold { " " strong.late { "A high risk: tell the people it would hurt, early, with the plan and its alternatives." } }
            }
        } @else {
            ul #told-list {
                @for t in &l.told {
                    li.told data-on=(t.on.to_string()) {
                        @match t.person {
                            Some(p) => a href=(format!("/people/{p}")) { (t.who) },
                            None => span.group { (t.who) },
                        }
                        " on " (fmt::day(t.on))
                    }
                }
            }
        }
    }
}

fn summary(l: &Line) -> Markup {
    html! {
        section.card #risk-summary data-score=(l.score) data-band=(l.band.as_str()) data-status=(l.status.as_str()) {
            p.meta {
                "Probability " strong { (l.probability) } " × impact " strong { (l.impact) } " = " (band_badge(l))
                " · " (l.category) " · " span.status { (l.status) }
                " · owner " (owner_text(l))
            }
            p { "Strategy: " strong { (l.strategy.map_or("not decided".to_string(), |s| s.to_string())) } }
            @if let Some(plan) = &l.plan { p.prose.plan { (plan) } }
            p #review-dates {
                "Identified " (fmt::day(l.identified_on))
                " · last reviewed " (l.reviewed_on.map_or("never".to_string(), fmt::day))
                " · next review " (review_text(l))
            }
            @if let Some(i) = l.incident {
                p #incident-link { "It happened: " a href=(format!("/incidents/{i}")) { "incident " (i) } }
            }
            h3 { "Who was told" }
            (told_list(l))
        }
    }
}

fn action_forms(s: &AppState, base: &str, people: &[Person]) -> Markup {
    html! {
        div.grid.forms {
            section.card #risk-review-card {
                h2 { "Review" }
                form #review-form method="post" action=(format!("{base}/review")) {
                    (csrf_field(s))
                    div.fields { (form_field("review-next", "Next review [default: 2 weeks if high, else 4]", html! {
                        input #review-next type="date" name="next";
                    })) }
                    button.btn.primary type="submit" #review-form-submit { "Reviewed today" }
                }
            }
            section.card #risk-tell-card {
                h2 { "Tell" }
                (posting_form(s, ("tell-form", &format!("{base}/tell")), html! {
                    (form_field("tell-person", "A person", super::people::person_select("tell-person", "person", people, None, "— or a group —", false)))
                    (form_field("tell-group", "A group", html! { input #tell-group type="text" name="group" placeholder="e.g. leadership"; }))
                    (form_field("tell-on", "On [default: today]", html! { input #tell-on type="date" name="on"; }))
                }, "Note it"))
            }
            section.card #risk-happened-card {
                h2 { "It happened" }
                form #happened-form method="post" action=(format!("{base}/happened")) {
                    (csrf_field(s))
                    div.fields { (form_field("happened-incident", "The incident it became (its number)", html! {
                        input #happened-incident type="number" min="1" name="incident" required;
                    })) }
                    button.btn.primary type="submit" #happened-form-submit { "Link the incident" }
                }
                form #close-form method="post" action=(format!("{base}/close")) {
                    (csrf_field(s))
                    button.btn type="submit" #close-form-submit { "Close the risk" }
                }
            }
        }
    }
}

async fn show_render(s: &AppState, id: i64, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let l = match risks::show(s.store.as_ref(), id, now).await {
        Ok(l) => l,
        Err(e) => return layout::failure_page(s, Nav::Technical, &Failure::from(e)),
    };
    let people = active_people(s).await;
    let base = format!("/risks/{id}");
    let body = html! {
        (technical::sub_nav(technical::Sub::Risks))
        div.page-head {
            div {
                h1 #risk-head data-risk=(id) { "Risk " (id) ": " (l.statement) }
                p.meta { a href="/risks" { "All risks" } }
            }
        }
        (summary(&l))
        (action_forms(s, &base, &people))
        section.card #risk-edit-card {
            h2 { "Edit" }
            (posting_form(s, ("edit-risk", &format!("{base}/edit")), risk_fields("edit", Some(&l), &people), "Save"))
        }
    };
    respond(
        status,
        frame(s, &format!("Risk {id}"), Nav::Technical, &notices, body),
    )
}

async fn edit(s: AppState, id: i64, form: Fields) -> Done {
    let edit = RiskEdit {
        event: form.get("event"),
        consequence: form.get("consequence"),
        category: word_field(&form, "category")?,
        probability: rating(&form, "probability")?,
        impact: rating(&form, "impact")?,
        strategy: word_field(&form, "strategy")?,
        plan: Some(form.get("plan").unwrap_or_default()),
        owner: Some(form.get("owner").unwrap_or_default()),
        review: form.date("review")?,
    };
    risks::edit(s.store.as_ref(), id, edit, cache::now(&s.clock)).await?;
    Ok("risk-saved")
}

async fn review(s: AppState, id: i64, form: Fields) -> Done {
    risks::review(
        s.store.as_ref(),
        id,
        form.date("next")?,
        cache::now(&s.clock),
    )
    .await?;
    Ok("risk-reviewed")
}

async fn tell(s: AppState, id: i64, form: Fields) -> Done {
    let whom = match (form.get("person"), form.get("group")) {
        (Some(p), _) => Whom::Person(p),
        (None, Some(g)) => Whom::Group(g),
        (None, None) => {
            return Err(Failure::bad_request(
                "say who was told: choose a person, or name a group such as leadership",
            ));
        }
    };
    risks::tell(
        s.store.as_ref(),
        id,
        whom,
        form.date("on")?,
        cache::now(&s.clock),
    )
    .await?;
    Ok("risk-told")
}

async fn happened(s: AppState, id: i64, form: Fields) -> Done {
    let incident = form.id("incident", "incident")?;
    risks::happened(s.store.as_ref(), id, incident, cache::now(&s.clock)).await?;
    Ok("risk-happened")
}

async fn close(s: AppState, id: i64, _form: Fields) -> Done {
    risks::close(s.store.as_ref(), id, cache::now(&s.clock)).await?;
    Ok("risk-closed")
}

/// The routes of the risk pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/risks", get(page))
        .route(
            "/risks/new",
            record::add(RiskPage, "risk-added", render, add),
        )
        .route("/risks/{id}", record::show(RiskPage))
        .merge(record::record_forms!(RiskPage, "/risks/{id}", {
            "edit" => edit,
            "review" => review,
            "tell" => tell,
            "happened" => happened,
            "close" => close,
        }))
}
