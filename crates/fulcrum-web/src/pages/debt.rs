//! `/debt`: the tech debt wall by priority with each item's status (and why a tolerated one is
//! lived with), the effort-value matrix, the debt share of build time per week against the
//! agreed target, and the forms that add an item and set the policy; `/debt/{id}`: one item,
//! the form that edits it, its status form and the button that takes it off the wall.

use super::growth::{word_field, word_options};
use super::people::{active_people, person_select};
use super::record::{self, RecordPage};
use super::{Done, Fields, done_notice, post_change, post_for_id, see_other, technical};
use crate::components::{adding_form, card, form_field, posting_form, wide_form_field};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::debt::{self, DebtEdit, Line, NewDebt};
use fulcrum_app::report::Period;
use fulcrum_core::debt::{Allocation, DebtPolicy, DebtType, Scores, Status};
use fulcrum_core::insights::Link;
use fulcrum_core::people::Person;
use fulcrum_core::time;
use maud::{Markup, html};

query! {
    DebtQuery { done }
}

/// How many weeks, this one included, the allocation chart shows.
const CHART_WEEKS: i64 = 12;

fn status_badge(l: &Line) -> Markup {
    let status = l.item.record.status;
    let class = match status {
        Status::Done => "badge status-done",
        Status::InProgress => "badge status-active",
        Status::Listed | Status::Prioritised => "badge status-draft",
        Status::Tolerated => "badge status-cancelled",
    };
    html! { span class=(class) data-status=(status.as_str()) { (status) } }
}

/// The status, with the reason a tolerated item is lived with.
fn status_cell(l: &Line) -> Markup {
    html! {
        (status_badge(l))
        @if let Some(r) = &l.item.record.tolerated_reason { " " span.reason { (r) } }
    }
}

/// `GET /debt`
pub async fn page(State(s): State<AppState>, Query(q): Query<DebtQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(s, StatusCode::OK, notices).await
}

async fn render(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let store = s.store.as_ref();
        let lines = debt::list(store, None, None).await?;
        let policy = debt::policy(store).await?;
        let monday = time::week_start(fulcrum_app::profile::today(store, now).await?);
        let period = Period::Dates {
            from: time::add_days(monday, -7 * (CHART_WEEKS - 1)),
            to: time::add_days(monday, 7),
        };
        let allocation = debt::allocation(store, &s.rules, &period, now).await?;
        Ok::<_, Failure>((lines, policy, allocation))
    }
    .await;
    let (lines, policy, allocation) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(&s, Nav::Technical, &f),
    };
    let people = active_people(&s).await;
    let coach = crate::components::insights::for_records(&s, "/debt", |l| {
        matches!(l, Link::Debt | Link::DebtItem { .. })
    })
    .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Debt))
        div.page-head {
            (page_title("Tech debt", html! {
                "The debt wall: every known item with its context, impact and links, scored 1–5 on effort, value, risk, "
                "frequency and alignment. Priority = (value + risk + frequency + alignment) / effort. "
                "The goal is sustainable control, not zero debt: tolerate some on purpose, and say why."
            }))
        }
        (coach)
        (wall(&lines))
        (charts::debt_matrix(&lines))
        (allocation_summary(&allocation))
        (charts::allocation_bars(&allocation))
        div.grid.forms {
            section.card #new-debt-card {
                (adding_form(&s, ("new-debt-title", "Put an item on the wall"), ("new-debt", "/debt/new"),
                    item_fields("new", None, &people), "Add the item"))
            }
            section.card #policy-card {
                (adding_form(&s, ("policy-title", "The agreed allocation"), ("policy-form", "/debt/policy"),
                    policy_fields(&policy), "Save the policy"))
            }
        }
    };
    respond(
        status,
        frame(&s, "Tech debt", Nav::Technical, &notices, body),
    )
}

fn wall(lines: &[Line]) -> Markup {
    card(
        "debt-wall",
        "The wall, by priority",
        lines.len(),
        html! {
            @if lines.is_empty() {
                p.muted #no-debt { "The wall is empty. Add the first item below, or with " code { "fulcrum debt add" } "." }
            } @else {
                table #debt-table {
                    thead { tr {
                        th scope="col" { "Item" } th scope="col" { "Type" } th scope="col" { "Area" }
                        th.num scope="col" { "Priority" } th scope="col" { "Quadrant" } th scope="col" { "Status" }
                        th scope="col" { "Champion" }
                    } }
                    tbody {
                        @for l in lines {
                            @let r = &l.item.record;
                            tr.debt-item data-item=(l.item.id) data-priority=(format!("{:.2}", l.priority))
                                data-quadrant=(l.quadrant.as_str()) data-status=(r.status.as_str()) {
                                td { a href=(format!("/debt/{}", l.item.id)) { (r.title) } }
                                td { (r.kind) }
                                td { (r.area) }
                                td.num { (format!("{:.2}", l.priority)) }
                                td { (l.quadrant.label()) }
                                td { (status_cell(l)) }
                                td { (l.champion_name.as_deref().unwrap_or("—")) }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn percent(p: Option<f64>) -> String {
    p.map_or("no build time".into(), |p| format!("{p:.1} %"))
}

fn allocation_summary(a: &Allocation) -> Markup {
    html! {
        section.card #allocation-summary data-debt-minutes=(a.debt_minutes) data-build-minutes=(a.build_minutes)
            data-target=(a.target_percent) data-below=(a.below_target) {
            h2 { "Time on debt" }
            p {
                "From " (fmt::day(a.from)) " to " (fmt::day(time::add_days(a.to, -1))) ": "
                strong { (a.debt_minutes) " of " (a.build_minutes) " build minutes" } " on debt work, "
                strong #allocation-share { (percent(a.share_percent)) } " against the agreed " (a.target_percent) " %."
                @if a.below_target { " " span.badge.step-overdue { "below target" } }
            }
        }
    }
}

fn score_field(prefix: &str, name: &str, label: &str, value: Option<u8>) -> Markup {
    let id = format!("{prefix}-{name}");
    form_field(
        &id,
        label,
        html! {
            input id=(id) type="number" name=(name) min="1" max="5" step="1" required value=[value];
        },
    )
}

/// The fields an item is added or edited with, filled from `l` when editing.
fn item_fields(prefix: &str, l: Option<&Line>, people: &[Person]) -> Markup {
    let r = l.map(|l| &l.item.record);
    let id = |f: &str| format!("{prefix}-{f}");
    let sc = r.map(|r| r.scores);
    html! {
        (wide_form_field(&id("title"), "What is wrong", html! {
            input id=(id("title")) type="text" name="title" required value=[r.map(|r| r.title.as_str())]
                placeholder="e.g. Flaky checkout tests make CI unstable";
        }))
        (form_field(&id("type"), "Type", html! {
            select id=(id("type")) name="type" { (word_options(DebtType::ALL, r.map(|r| r.kind))) }
        }))
        (form_field(&id("area"), "Area", html! {
            input id=(id("area")) type="text" name="area" required value=[r.map(|r| r.area.as_str())] placeholder="e.g. checkout";
        }))
        (score_field(prefix, "effort", "Effort (1–5)", sc.map(|s| s.effort)))
        (score_field(prefix, "value", "Value (1–5)", sc.map(|s| s.value)))
        (score_field(prefix, "risk", "Risk (1–5)", sc.map(|s| s.risk)))
        (score_field(prefix, "frequency", "Frequency (1–5)", sc.map(|s| s.frequency)))
        (score_field(prefix, "alignment", "Alignment (1–5)", sc.map(|s| s.alignment)))
        (form_field(&id("champion"), "Champion", person_select(&id("champion"), "champion", people, r.and_then(|r| r.champion), "— nobody —", false)))
        (wide_form_field(&id("context"), "Context: how it came to be", html! {
            textarea id=(id("context")) name="context" rows="2" { (r.map_or("", |r| r.context.as_str())) }
        }))
        (wide_form_field(&id("impact"), "Impact: what it costs today", html! {
            textarea id=(id("impact")) name="impact" rows="2" { (r.map_or("", |r| r.impact.as_str())) }
        }))
        (wide_form_field(&id("links"), "Links, one a line", html! {
            textarea id=(id("links")) name="links" rows="2" { (r.map_or(String::new(), |r| r.links.join("\n"))) }
        }))
    }
}

fn policy_fields(p: &DebtPolicy) -> Markup {
    html! {
        (form_field("policy-target", "Share of build time (%)", html! {
            input #policy-target type="number" name="target" min="1" max="100" required value=(p.target_percent);
        }))
        (wide_form_field("policy-words", "Debt words, comma-separated", html! {
            input #policy-words type="text" name="words" required value=(p.words.join(", "));
        }))
    }
}

fn scores(form: &Fields) -> Result<Scores, Failure> {
    let get = |f: &'static str| debt::parse_score(f, form.raw(f).unwrap_or_default());
    Ok(Scores {
        effort: get("effort")?,
        value: get("value")?,
        risk: get("risk")?,
        frequency: get("frequency")?,
        alignment: get("alignment")?,
    })
}

fn champion(form: &Fields) -> Result<Option<i64>, Failure> {
    form.number("champion", "champion")
}

/// `POST /debt/new`
async fn add(s: AppState, form: Fields) -> Done {
    let new = NewDebt {
        title: form.get("title").unwrap_or_default(),
        kind: debt::parse_type("type", form.raw("type").unwrap_or_default())?,
        area: form.get("area").unwrap_or_default(),
        context: form.get("context"),
        impact: form.get("impact"),
        links: form.items("links", '\n'),
        scores: scores(&form)?,
        champion: champion(&form)?,
    };
    debt::add(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok("debt-added")
}

/// `POST /debt/policy`
async fn set_policy(s: AppState, form: Fields) -> Done {
    let target: u8 = form
        .number("target", "target")?
        .ok_or_else(|| Failure::bad_request("give the agreed share of build time, 1 to 100 %"))?;
    let words = form.get("words").unwrap_or_default();
    debt::set_policy(s.store.as_ref(), Some(target), Some(&words)).await?;
    Ok("debt-policy-saved")
}

record::record_page!(DebtPage: i64, Nav::Technical, "debt item" listed on "Tech debt", "/debt", show_render);

async fn show_render(s: &AppState, id: i64, status: StatusCode, notices: Vec<Notice>) -> Response {
    let l = match debt::show(s.store.as_ref(), id).await {
        Ok(l) => l,
        Err(e) => return layout::failure_page(s, Nav::Technical, &Failure::from(e)),
    };
    let people = active_people(s).await;
    let r = &l.item.record;
    let base = format!("/debt/{id}");
    let body = html! {
        (technical::sub_nav(technical::Sub::Debt))
        div.page-head {
            div {
                h1 #debt-head data-item=(id) data-status=(r.status.as_str()) data-quadrant=(l.quadrant.as_str()) { (r.title) }
                p.meta {
                    (status_cell(&l)) " · " (r.kind) " · " (r.area)
                    @if let Some(c) = &l.champion_name { " · champion " strong.champion { (c) } }
                    " · " a href="/debt" { "The wall" }
                }
            }
        }
        section.card #debt-summary {
            p #debt-priority data-priority=(format!("{:.2}", l.priority)) {
                "Priority " strong { (format!("{:.2}", l.priority)) } " = (value " (r.scores.value) " + risk " (r.scores.risk)
                " + frequency " (r.scores.frequency) " + alignment " (r.scores.alignment) ") / effort " (r.scores.effort)
                " · " strong { (l.quadrant.label()) }
            }
            @if !r.context.is_empty() { h3 { "Context" } p.prose { (r.context) } }
            @if !r.impact.is_empty() { h3 { "Impact" } p.prose { (r.impact) } }
            @if !r.links.is_empty() {
                h3 { "Links" }
                ul #debt-links {
                    @for link in &r.links {
                        li { @if link.starts_with("http://") || link.starts_with("https://") { a href=(link) { (link) } } @else { (link) } }
                    }
                }
            }
            p.muted { "Listed on " (fmt::day(r.created_on)) @if let Some(d) = r.done_on { " · done on " (fmt::day(d)) } }
        }
        div.grid.forms {
            section.card #debt-status-card {
                h2 { "Status" }
                (posting_form(s, ("status-form", &format!("{base}/status")), html! {
                    (form_field("new-status", "Status", html! {
                        select #new-status name="status" { (word_options(Status::ALL, Some(r.status))) }
                    }))
                    (wide_form_field("status-reason", "Why the team lives with it (tolerated only)", html! {
                        input #status-reason type="text" name="reason" value=[r.tolerated_reason.as_deref()];
                    }))
                }, "Set the status"))
                form #delete-form method="post" action=(format!("{base}/delete")) {
                    (csrf_field(s))
                    button.btn.danger type="submit" #delete-form-submit { "Take it off the wall" }
                }
            }
            section.card #debt-edit-card {
                h2 { "Edit" }
                (posting_form(s, ("edit-debt", &format!("{base}/edit")), item_fields("edit", Some(&l), &people), "Save"))
            }
        }
    };
    respond(status, frame(s, &r.title, Nav::Technical, &notices, body))
}

async fn set_status(s: AppState, id: i64, form: Fields) -> Done {
    let status: Status =
        word_field(&form, "status")?.ok_or_else(|| Failure::bad_request("choose a status"))?;
    // The reason field stays filled on the page; it only counts for tolerated.
    let reason = form.get("reason").filter(|_| status == Status::Tolerated);
    debt::set_status(s.store.as_ref(), id, status, reason, cache::now(&s.clock)).await?;
    Ok("debt-saved")
}

async fn edit(s: AppState, id: i64, form: Fields) -> Done {
    let sc = scores(&form)?;
    let edit = DebtEdit {
        title: Some(form.get("title").unwrap_or_default()),
        kind: Some(debt::parse_type(
            "type",
            form.raw("type").unwrap_or_default(),
        )?),
        area: Some(form.get("area").unwrap_or_default()),
        context: Some(form.get("context").unwrap_or_default()),
        impact: Some(form.get("impact").unwrap_or_default()),
        links: Some(form.items("links", '\n')),
        effort: Some(sc.effort),
        value: Some(sc.value),
        risk: Some(sc.risk),
        frequency: Some(sc.frequency),
        alignment: Some(sc.alignment),
        champion: Some(champion(&form)?),
    };
    debt::edit(s.store.as_ref(), id, edit).await?;
    Ok("debt-saved")
}

/// `POST /debt/{id}/delete`: back to the wall.
async fn delete(s: AppState, raw: String, _form: Fields) -> Response {
    let deleted = async {
        let id = DebtPage::id_of(&raw)?;
        Ok::<_, Failure>(debt::delete(s.store.as_ref(), id).await?)
    }
    .await;
    match deleted {
        Ok(()) => {
            s.changed();
            see_other("/debt?done=debt-deleted")
        }
        Err(f) => layout::failure_page(&s, Nav::Technical, &f),
    }
}

/// The routes of the debt pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/debt", get(page))
        .route("/debt/new", post_change("/debt", render, add))
        .route("/debt/policy", post_change("/debt", render, set_policy))
        .route("/debt/{id}", record::show(DebtPage))
        .merge(record::record_forms!(DebtPage, "/debt/{id}", {
            "status" => set_status,
            "edit" => edit,
        }))
        .route("/debt/{id}/delete", post_for_id(delete))
}
