//! `/inbox`: requests and problems waiting for a decision, most pressing first, with whose
//! they are to solve.

use super::{done_notice, field, see_other};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::inbox::{self, InboxView, NewItem};
use fulcrum_core::inbox::{Decision, InboxItem, Ownership};
use fulcrum_core::time;
use jiff::civil::Date;
use maud::{Markup, html};
use std::collections::HashMap;

#[derive(Debug, Default, serde::Deserialize)]
pub struct InboxQuery {
    pub done: Option<String>,
}

const OWNERSHIPS: [(Ownership, &str); 4] = [
    (Ownership::Undecided, "not sorted yet"),
    (Ownership::Mine, "mine to solve"),
    (Ownership::Theirs, "theirs to solve"),
    (Ownership::Gray, "could go either way"),
];

pub async fn page(State(s): State<AppState>, Query(q): Query<InboxQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices).await
}

async fn render(s: &AppState, status: StatusCode, mut notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let view = match inbox::list(s.store.as_ref(), false, now).await {
        Ok(v) => Some(v),
        Err(e) => {
            notices.push(Notice::Failed(Failure::from(e).message));
            None
        }
    };
    let today = match fulcrum_app::profile::require(s.store.as_ref()).await {
        Ok(p) => time::local_date(now, &p.tz()),
        Err(_) => time::local_date(now, &jiff::tz::TimeZone::UTC),
    };
    let body = html! {
        div.page-head {
            div {
                h1 { "Inbox" }
                p.meta {
                    "Asks and problems you chose to decide later instead of on the spot. Ask when an answer is "
                    "really needed rather than assuming “now”, and sort out whose problem it is before taking it on."
                }
            }
        }
        @if let Some(v) = &view { (items(s, v, today)) }
        section.card aria-labelledby="add-item-title" { (add_form(s)) }
    };
    respond(status, frame(s, "Inbox", Nav::Inbox, &notices, body))
}

fn items(s: &AppState, v: &InboxView, today: Date) -> Markup {
    html! {
        @if let Some(sig) = &v.ownership {
            section.attention #ownership-signal aria-labelledby="ownership-title" {
                h2 #ownership-title { "Whose problems?" }
                ul { li data-kind="ownership" {
                    span.kind.kind-ownership { "ownership" } " " (sig.seen) ". " span.next { (sig.next) }
                } }
            }
        }
        section.card #pending aria-labelledby="pending-title" data-count=(v.items.len()) data-overdue=(v.overdue) {
            h2 #pending-title {
                "Waiting for a decision " span.count { (v.items.len()) }
                @if v.overdue > 0 { " " span.badge.failed #overdue-count { (v.overdue) " overdue" } }
            }
            @if v.items.is_empty() {
                p.all-good #inbox-empty { "Nothing is waiting for you." }
            } @else {
                ul.inbox-items {
                    @for i in &v.items { (item(s, i, today)) }
                }
            }
        }
    }
}

fn when_needed(i: &InboxItem, today: Date) -> (String, bool) {
    match i.days_left(today) {
        None => ("no date given".into(), false),
        Some(d) if d < 0 => (
            format!(
                "needed by {} — {} day{} overdue",
                fmt::day(i.needed_by.unwrap_or(today)),
                -d,
                if d == -1 { "" } else { "s" }
            ),
            true,
        ),
        Some(0) => ("needed today".into(), false),
        Some(d) => (
            format!(
                "needed by {} (in {d} day{})",
                fmt::day(i.needed_by.unwrap_or(today)),
                if d == 1 { "" } else { "s" }
            ),
            false,
        ),
    }
}

fn item(s: &AppState, i: &InboxItem, today: Date) -> Markup {
    let (needed, overdue) = when_needed(i, today);
    html! {
        li.inbox-item.overdue[overdue] data-item-id=(i.id) data-ownership=(i.ownership.as_str()) data-overdue=(overdue) {
            div.item-main {
                span.item-text { (i.text) }
                span.item-meta {
                    "from " strong { (i.from) } " · received " (fmt::day(i.received)) " · "
                    span.needed.overdue[overdue] { (needed) }
                }
            }
            div.item-actions {
                form.decide method="post" action="/inbox/decide" {
                    (csrf_field(s))
                    input type="hidden" name="id" value=(i.id);
                    label.visually-hidden for=(format!("note-{}", i.id)) { "Note on the decision" }
                    input type="text" id=(format!("note-{}", i.id)) name="note" placeholder="note (optional)";
                    span.buttons {
                        button.btn.small type="submit" name="decision" value="yes" { "Yes" }
                        button.btn.small type="submit" name="decision" value="no" { "No" }
                        button.btn.small type="submit" name="decision" value="delegated" { "Delegated" }
                    }
                }
                form.classify method="post" action="/inbox/classify" {
                    (csrf_field(s))
                    input type="hidden" name="id" value=(i.id);
                    label.visually-hidden for=(format!("own-{}", i.id)) { "Whose problem is it?" }
                    select id=(format!("own-{}", i.id)) name="ownership" {
                        @for (o, label) in OWNERSHIPS {
                            option value=(o.as_str()) selected[o == i.ownership] { (label) }
                        }
                    }
                    button.btn.small type="submit" { "Set" }
                }
            }
        }
    }
}

fn add_form(s: &AppState) -> Markup {
    html! {
        h2 #add-item-title { "Note an ask or a problem" }
        form #add-item method="post" action="/inbox/add" {
            (csrf_field(s))
            div.fields {
                div.field.wide {
                    label for="item-text" { "What was asked" }
                    input #item-text type="text" name="text" required placeholder="Review the vendor contract";
                }
                div.field {
                    label for="item-from" { "Who asked" }
                    input #item-from type="text" name="from" required placeholder="Dana";
                }
                div.field {
                    label for="item-needed" { "Answer needed by" }
                    input #item-needed type="date" name="needed_by";
                }
                div.field {
                    label for="item-ownership" { "Whose problem is it?" }
                    select #item-ownership name="ownership" {
                        @for (o, label) in OWNERSHIPS { option value=(o.as_str()) { (label) } }
                    }
                }
            }
            button.btn.primary type="submit" #add-item-submit { "Add to the inbox" }
        }
    }
}

fn ownership(v: Option<String>) -> Result<Ownership, Failure> {
    match v.as_deref() {
        None | Some("undecided") => Ok(Ownership::Undecided),
        Some("mine") => Ok(Ownership::Mine),
        Some("theirs") => Ok(Ownership::Theirs),
        Some("gray") | Some("grey") => Ok(Ownership::Gray),
        Some(o) => Err(Failure::bad_request(format!(
            "ownership = {o:?}: choose mine, theirs or gray"
        ))),
    }
}

fn item_id(form: &HashMap<String, String>) -> Result<i64, Failure> {
    field(form, "id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Failure::bad_request("which item? The form did not say."))
}

async fn after(s: &AppState, result: Result<&str, Failure>) -> Response {
    match result {
        Ok(code) => {
            s.changed();
            see_other(&format!("/inbox?done={code}"))
        }
        Err(f) => render(s, f.status, vec![Notice::Failed(f.message)]).await,
    }
}

/// `POST /inbox/add`
pub async fn add(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let result = async {
        let needed_by = field(&form, "needed_by")
            .map(|d| time::parse_date(&d).map_err(fulcrum_app::AppError::from))
            .transpose()?;
        let item = NewItem {
            from: field(&form, "from").unwrap_or_default(),
            text: field(&form, "text").unwrap_or_default(),
            needed_by,
            ownership: ownership(field(&form, "ownership"))?,
        };
        inbox::add(s.store.as_ref(), item, cache::now(&s.clock)).await?;
        Ok::<_, Failure>("inbox-added")
    }
    .await;
    after(&s, result).await
}

/// `POST /inbox/decide` with `id`, `decision` (yes, no, delegated) and an optional `note`.
pub async fn decide(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let result = async {
        let id = item_id(&form)?;
        let decision = match field(&form, "decision").as_deref() {
            Some("yes") => Decision::Yes,
            Some("no") => Decision::No,
            Some("delegated") => Decision::Delegated,
            _ => return Err(Failure::bad_request("decide yes, no or delegated")),
        };
        inbox::decide(
            s.store.as_ref(),
            id,
            decision,
            field(&form, "note"),
            cache::now(&s.clock),
        )
        .await?;
        Ok("decided")
    }
    .await;
    after(&s, result).await
}

/// `POST /inbox/classify` with `id` and `ownership` (mine, theirs, gray).
pub async fn classify(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let result = async {
        let id = item_id(&form)?;
        inbox::classify(s.store.as_ref(), id, ownership(field(&form, "ownership"))?).await?;
        Ok("classified")
    }
    .await;
    after(&s, result).await
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/inbox", get(page))
        .route("/inbox/add", post(add))
        .route("/inbox/decide", post(decide))
        .route("/inbox/classify", post(classify))
}
