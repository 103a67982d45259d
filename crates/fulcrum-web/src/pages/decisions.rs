//! `/decisions`: the decision log a team reads — every decision with its status, superseded
//! ones marked, proposals waiting more than four weeks flagged — and the form that records a
//! new one; `/decisions/{n}`: one decision, its file's text, and the forms that change its
//! status, supersede it and edit it.

use super::growth::{word_field, word_options};
use super::{Done, Fields, done_notice, record, technical};
use crate::components::{adding_form, card, form_field, posting_form, wide_form_field};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::decisions::{self, DecisionEdit, Line, NewDecision};
use fulcrum_core::decisions::Status;
use fulcrum_core::insights::Link;
use maud::{Markup, html};

query! {
    DecisionsQuery { done, status }
}

fn status_badge(l: &Line) -> Markup {
    let (class, text) = match l.status {
        Some(Status::Accepted) => ("badge status-done", "accepted".to_string()),
        Some(Status::Proposed) => ("badge status-draft", "proposed".to_string()),
        Some(Status::Superseded) => ("badge status-cancelled", "superseded".to_string()),
        Some(s) => ("badge status-cancelled", s.to_string()),
        None => ("badge", "no status".to_string()),
    };
    html! { span class=(class) data-status=[l.status.map(|s| s.as_str())] { (text) } }
}

/// `GET /decisions`
pub async fn page(State(s): State<AppState>, Query(q): Query<DecisionsQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, q.status.as_deref()).await
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    filter: Option<&str>,
) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let filter = filter
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(|f| {
                Status::parse(f).ok_or_else(|| {
                    Failure::bad_request(format!(
                        "status = {f:?}: choose one of {}",
                        Status::words()
                    ))
                })
            })
            .transpose()?;
        let lines = decisions::list(s.store.as_ref(), filter, now).await?;
        let folder = decisions::export_folder(s.store.as_ref(), None).await?;
        Ok::<_, Failure>((filter, lines, folder))
    }
    .await;
    let (filter, lines, folder) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(s, Nav::Technical, &f),
    };
    let stale = lines.iter().filter(|l| l.stale).count();
    let coach = crate::components::insights::for_records(s, "/decisions", |l| {
        matches!(l, Link::Decision { .. })
    })
    .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Decisions))
        div.page-head {
            (page_title("Decisions", html! {
                "The architecture decisions the team can find again. "
                "Read a repository's folder with " code { "fulcrum decisions import DIR" } " and write it back with "
                code { "fulcrum decisions export" } " (now into " code { (folder.display().to_string()) } "); "
                "records you do not change go back byte for byte."
            }))
        }
        (coach)
        @if stale > 0 {
            section.attention #stale-decisions {
                h2 { "Waiting for a decision" }
                ul {
                    @for l in lines.iter().filter(|l| l.stale) {
                        li { a href=(format!("/decisions/{}", l.number)) { (format!("{:04}", l.number)) " " (l.title) }
                            " has been proposed since " (l.date.map_or("—".into(), fmt::day)) ": decide it, or say what it waits on." }
                    }
                }
            }
        }
        (card("decision-log", "The log", lines.len(), html! {
            form.inline-form method="get" action="/decisions" {
                label for="filter-status" { "Status" }
                select #filter-status name="status" {
                    option value="" { "all" }
                    (word_options(Status::ALL, filter))
                }
                button.btn.small type="submit" { "Show" }
            }
            @if lines.is_empty() {
                p.muted #no-decisions { "No decisions yet. Record the next one below, or import the folder your repository keeps them in." }
            } @else {
                table #decisions-table {
                    thead { tr { th.num scope="col" { "#" } th scope="col" { "Decision" } th scope="col" { "Status" } th scope="col" { "Date" } } }
                    tbody {
                        @for l in &lines {
                            tr.decision data-number=(l.number) data-status=[l.status.map(|s| s.as_str())]
                                data-stale=(l.stale) data-superseded=(!l.superseded_by.is_empty()) {
                                td.num { (format!("{:04}", l.number)) }
                                td {
                                    @if l.superseded_by.is_empty() {
                                        a href=(format!("/decisions/{}", l.number)) { (l.title) }
                                    } @else {
                                        del { a href=(format!("/decisions/{}", l.number)) { (l.title) } }
                                    }
                                }
                                td {
                                    (status_badge(l))
                                    @for n in &l.superseded_by { " by " a href=(format!("/decisions/{n}")) { (format!("{n:04}")) } }
                                    @if l.stale { " " span.badge.step-overdue { "proposed over 4 weeks" } }
                                }
                                td { (l.date.map_or("—".into(), fmt::day)) }
                            }
                        }
                    }
                }
            }
        }))
        section.card #new-decision-card {
            (adding_form(s, ("new-decision-title", "Record a decision"), ("new-decision", "/decisions/new"), html! {
                (wide_form_field("decision-title", "Title", html! {
                    input #decision-title type="text" name="title" required placeholder="e.g. Use PostgreSQL for the ledger";
                }))
                (wide_form_field("decision-context", "Context and problem", html! { textarea #decision-context name="context" rows="3" {} }))
                (form_field("decision-deciders", "Who decides (comma separated)", html! { input #decision-deciders type="text" name="deciders"; }))
                (form_field("decision-status", "Status", html! {
                    select #decision-status name="status" { (word_options(&[Status::Proposed, Status::Accepted], Some(Status::Proposed))) }
                }))
                (wide_form_field("decision-options", "Options considered (one per line)", html! { textarea #decision-options name="options" rows="3" {} }))
            }, "Record the decision"))
        }
    };
    respond(
        status,
        frame(s, "Decisions", Nav::Technical, &notices, body),
    )
}

/// `POST /decisions/new`: to the new decision.
async fn add(s: AppState, form: Fields) -> Result<u32, Failure> {
    let new = NewDecision {
        title: form.get("title").unwrap_or_default(),
        status: word_field(&form, "status")?,
        context: form.get("context").unwrap_or_default(),
        deciders: form.items("deciders", ','),
        options: form.items("options", '\n'),
        ..NewDecision::default()
    };
    let r = decisions::new(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok(r.record.decision.number.unwrap_or(0))
}

record::record_page!(DecisionPage: u32, Nav::Technical, "decision" listed on "Decisions", "/decisions", show_render);

fn text_block(title: &str, text: &str) -> Markup {
    html! {
        @if !text.trim().is_empty() {
            h3 { (title) }
            @for para in text.split("\n\n") { p.prose { (para) } }
        }
    }
}

async fn show_render(s: &AppState, n: u32, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let shown = decisions::show(s.store.as_ref(), n, now).await?;
        let lines = decisions::list(s.store.as_ref(), None, now).await?;
        Ok::<_, Failure>((shown, lines))
    }
    .await;
    let (shown, lines) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(s, Nav::Technical, &f),
    };
    let d = &shown.decision;
    let l = &shown.line;
    let base = format!("/decisions/{n}");
    let link = |m: &u32| {
        let title = lines
            .iter()
            .find(|x| x.number == *m)
            .map_or(String::new(), |x| x.title.clone());
        html! { a href=(format!("/decisions/{m}")) { (format!("{m:04}")) " " (title) } }
    };
    let body = html! {
        (technical::sub_nav(technical::Sub::Decisions))
        div.page-head {
            div {
                h1 #decision-head data-number=(n) data-status=[l.status.map(|s| s.as_str())] {
                    span.sub { (format!("{n:04}")) } " " (d.title)
                }
                p.meta {
                    (status_badge(l))
                    @if l.stale { " " span.badge.step-overdue { "proposed over 4 weeks" } }
                    " · " (l.date.map_or("undated".into(), fmt::day)) " · " (l.format)
                    @if let Some(f) = &l.file { " · " code { (f) } }
                    @if shown.changed { " · " span.badge.status-draft #unexported { "not exported yet" } }
                    " · " a href="/decisions" { "The log" }
                }
            }
        }
        section.card #decision-body {
            @if !l.supersedes.is_empty() || !l.superseded_by.is_empty() {
                ul.plain-list #decision-links {
                    @for m in &l.superseded_by { li data-superseded-by=(m) { "Superseded by " (link(m)) } }
                    @for m in &l.supersedes { li data-supersedes=(m) { "Supersedes " (link(m)) } }
                }
            }
            @if !d.deciders.is_empty() { p { strong { "Decided by: " } (d.deciders.join(", ")) } }
            @if !d.consulted.is_empty() { p { strong { "Consulted: " } (d.consulted.join(", ")) } }
            @if !d.informed.is_empty() { p { strong { "Informed: " } (d.informed.join(", ")) } }
            (text_block("Context", &d.context))
            @if !d.drivers.is_empty() { h3 { "Decision drivers" } ul { @for x in &d.drivers { li { (x) } } } }
            @if !d.options.is_empty() {
                h3 { "Options considered" }
                ul {
                    @for o in &d.options {
                        li { (o.name)
                            @if !o.pros.is_empty() || !o.cons.is_empty() {
                                ul { @for p in &o.pros { li { "Good: " (p) } } @for c in &o.cons { li { "Bad: " (c) } } }
                            }
                        }
                    }
                }
            }
            (text_block("Decision", &d.outcome))
            (text_block("Consequences", &d.consequences))
            (text_block("Confirmation", &d.confirmation))
            (text_block("More information", &d.more))
            details #decision-file {
                summary { "The file's text" }
                pre { code { (shown.markdown) } }
            }
        }
        div.grid.forms {
            section.card #decision-status-card {
                h2 { "Status" }
                (posting_form(s, ("status-form", &format!("{base}/status")), html! {
                    (form_field("new-status", "Status", html! {
                        select #new-status name="status" {
                            (word_options(&[Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated], l.status))
                        }
                    }))
                }, "Set the status"))
                @if l.superseded_by.is_empty() {
                    h3 { "Superseded by another decision" }
                    form #supersede-form method="post" action=(format!("{base}/supersede")) {
                        (csrf_field(s))
                        div.fields {
                            (form_field("supersede-by", "By", html! {
                                select #supersede-by name="by" required {
                                    option value="" { "— choose —" }
                                    @for x in lines.iter().filter(|x| x.number != n) {
                                        option value=(x.number) { (format!("{:04}", x.number)) " " (x.title) }
                                    }
                                }
                            }))
                        }
                        button.btn type="submit" #supersede-form-submit { "Supersede it" }
                    }
                }
            }
            section.card #decision-edit-card {
                h2 { "Edit" }
                (posting_form(s, ("edit-decision", &format!("{base}/edit")), html! {
                    (wide_form_field("edit-title", "Title", html! { input #edit-title type="text" name="title" required value=(d.title); }))
                    (wide_form_field("edit-context", "Context", html! { textarea #edit-context name="context" rows="4" { (d.context) } }))
                    (wide_form_field("edit-outcome", "Decision", html! { textarea #edit-outcome name="outcome" rows="3" { (d.outcome) } }))
                    (wide_form_field("edit-consequences", "Consequences", html! { textarea #edit-consequences name="consequences" rows="3" { (d.consequences) } }))
                }, "Save"))
            }
        }
    };
    respond(
        status,
        frame(
            s,
            &format!("{n:04} {}", d.title),
            Nav::Technical,
            &notices,
            body,
        ),
    )
}

async fn set_status(s: AppState, n: u32, form: Fields) -> Done {
    let status: Status =
        word_field(&form, "status")?.ok_or_else(|| Failure::bad_request("choose a status"))?;
    decisions::set_status(s.store.as_ref(), n, status).await?;
    Ok("decision-saved")
}

async fn supersede(s: AppState, n: u32, form: Fields) -> Done {
    let by: u32 = form
        .number("by", "the decision that supersedes it")?
        .ok_or_else(|| Failure::bad_request("choose the decision that supersedes it"))?;
    decisions::supersede(s.store.as_ref(), n, by).await?;
    Ok("decision-superseded")
}

async fn edit(s: AppState, n: u32, form: Fields) -> Done {
    let edit = DecisionEdit {
        title: form.get("title"),
        context: form.raw("context").map(str::to_string),
        outcome: form.raw("outcome").map(str::to_string),
        consequences: form.raw("consequences").map(str::to_string),
    };
    decisions::edit(s.store.as_ref(), n, edit).await?;
    Ok("decision-saved")
}

/// The routes of the decision pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/decisions", get(page))
        .route(
            "/decisions/new",
            record::add(
                DecisionPage,
                "decision-added",
                |s, status, notices| async move { render(&s, status, notices, None).await },
                add,
            ),
        )
        .route("/decisions/{n}", record::show(DecisionPage))
        .merge(record::record_forms!(DecisionPage, "/decisions/{n}", {
            "status" => set_status,
            "supersede" => supersede,
            "edit" => edit,
        }))
}
