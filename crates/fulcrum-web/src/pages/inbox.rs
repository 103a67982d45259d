//! `/inbox`: requests and problems waiting for a decision, most pressing first, with whose
//! they are to solve.

use super::{Change, Done, Fields, done_notice, post_change, today_or_utc};
use crate::components::{adding_form, form_field, wide_form_field};
use crate::layout::{Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use fulcrum_app::inbox::{self, InboxView, NewItem};
use fulcrum_core::inbox::{Decision, InboxItem, Ownership};
use jiff::civil::Date;
use maud::{Markup, html};

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
    let today = today_or_utc(s, now).await;
    let coach = crate::components::insights::for_page(s, &["weekly"], "/inbox").await;
    let body = html! {
        div.page-head {
            (page_title("Inbox", html! {
                "Asks and problems you chose to decide later instead of on the spot. Ask when an answer is "
                "really needed rather than assuming “now”, and sort out whose problem it is before taking it on."
            }))
        }
        (coach)
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
    let fields = html! {
        (wide_form_field("item-text", "What was asked", html! {
            input #item-text type="text" name="text" required placeholder="Review the vendor contract";
        }))
        (form_field("item-from", "Who asked", html! {
            input #item-from type="text" name="from" required placeholder="Dana";
        }))
        (form_field("item-needed", "Answer needed by", html! {
            input #item-needed type="date" name="needed_by";
        }))
        (form_field("item-ownership", "Whose problem is it?", html! {
            select #item-ownership name="ownership" {
                @for (o, label) in OWNERSHIPS { option value=(o.as_str()) { (label) } }
            }
        }))
    };
    let heading = ("add-item-title", "Note an ask or a problem");
    adding_form(
        s,
        heading,
        ("add-item", "/inbox/add"),
        fields,
        "Add to the inbox",
    )
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

/// Draws the page again after a refused form.
async fn again(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    render(&s, status, notices).await
}

/// The POST route of one of this page's forms.
pub(super) fn change(c: impl Change) -> MethodRouter<AppState> {
    post_change("/inbox", again, c)
}

/// `POST /inbox/add`
pub(super) async fn add(s: AppState, form: Fields) -> Done {
    let item = NewItem {
        from: form.get("from").unwrap_or_default(),
        text: form.get("text").unwrap_or_default(),
        needed_by: form.date("needed_by")?,
        ownership: ownership(form.get("ownership"))?,
    };
    inbox::add(s.store.as_ref(), item, cache::now(&s.clock)).await?;
    Ok("inbox-added")
}

/// `POST /inbox/decide` with `id`, `decision` (yes, no, delegated) and an optional `note`.
pub(super) async fn decide(s: AppState, form: Fields) -> Done {
    let id = form.id("id", "item")?;
    let decision = match form.get("decision").as_deref() {
        Some("yes") => Decision::Yes,
        Some("no") => Decision::No,
        Some("delegated") => Decision::Delegated,
        _ => return Err(Failure::bad_request("decide yes, no or delegated")),
    };
    let now = cache::now(&s.clock);
    inbox::decide(s.store.as_ref(), id, decision, form.get("note"), now).await?;
    Ok("decided")
}

/// `POST /inbox/classify` with `id` and `ownership` (mine, theirs, gray).
pub(super) async fn classify(s: AppState, form: Fields) -> Done {
    let id = form.id("id", "item")?;
    inbox::classify(s.store.as_ref(), id, ownership(form.get("ownership"))?).await?;
    Ok("classified")
}
