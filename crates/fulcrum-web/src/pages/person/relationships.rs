//! The person page's relationship records: keeping in touch, the promises made to them and the
//! conversations prepared.

use super::{Ctx, form};
use crate::components::{
    change_commitment, commitment_actions, contact_form, form_field, new_interaction,
    wide_form_field,
};
use crate::pages::Fields;
use crate::pages::people::plural;
use crate::{AppState, Failure, fmt};
use fulcrum_app::relationships::{self, NewCommitment};
use maud::{Markup, html};

pub(super) fn contact(c: &Ctx) -> Markup {
    let k = &c.p.contact;
    let mut logged: Vec<_> = c.p.interactions.iter().collect();
    logged.sort_by_key(|i| std::cmp::Reverse((i.on, i.id)));
    html! {
        section.card #contact aria-labelledby="contact-title"
            data-overdue-days=(k.overdue_days.map(|d| d.to_string()).unwrap_or_default())
            data-last-contact=(k.last_contact.map(|d| d.to_string()).unwrap_or_default()) {
            h2 #contact-title { "Keeping in touch" }
            p {
                @match k.last_contact {
                    Some(d) => { "Last in touch " strong { (fmt::day(d)) } @if let Some(src) = k.source { " (" (src) ")" } ". " }
                    None => "No contact seen yet. ",
                }
                "Wanted every " (plural(k.cadence_days, "day", "days")) "."
                @if let Some(d) = k.due_on { " Next due " (fmt::day(d)) "." }
                @if let Some(late) = k.overdue_days {
                    " " span.badge.failed { @if late == 0 { "due now" } @else { (plural(late, "day", "days")) " overdue" } }
                }
            }
            @if !logged.is_empty() {
                ul.plain.interactions {
                    @for i in logged.iter().take(5) {
                        li { (fmt::day(i.on)) " · " (i.kind) @if let Some(n) = &i.note { " — " (n) } }
                    }
                }
            }
            (contact_form(c.s, &c.action("contact"), c.here.today, "person", c.private, c.typed("contact")))
        }
    }
}

pub(super) fn commitments(c: &Ctx) -> Markup {
    let mut list: Vec<_> = c.p.commitments.iter().collect();
    list.sort_by_key(|x| (!x.is_open(), x.due, x.id));
    html! {
        section.card #commitments aria-labelledby="commitments-title" data-count=(list.len()) {
            h2 #commitments-title { "Your promises to " (c.first()) }
            @if list.is_empty() {
                p.muted { "No commitments noted." }
            } @else {
                ul.inbox-items {
                    @for x in &list {
                        @let nudge = x.nudge(c.here.today);
                        li.inbox-item.overdue[nudge.is_some()] data-commitment-id=(x.id) data-status=(x.status.as_str()) {
                            div.item-main {
                                span.item-text { (x.what) }
                                span.item-meta {
                                    "due " (fmt::day(x.due)) " · " (x.status)
                                    @if let Some(d) = x.last_update_on { " · last told them " (fmt::day(d)) }
                                    @if let Some(n) = &x.note { " · " (n) }
                                }
                                @if let Some(n) = &nudge { span.item-meta.nudge data-nudge=(n.kind.as_str()) { (n.message) } }
                            }
                            @if x.is_open() { (commitment_actions(c.s, &c.action("commitments"), x.id, c.private, c.typed)) }
                        }
                    }
                }
            }
            form #add-commitment method="post" action=(c.action("commitments")) {
                (c.hidden("commitment"))
                div.fields {
                    (wide_form_field("commitment-what", "You promised", html! {
                        input #commitment-what type="text" name="what" required placeholder="send the promotion criteria"
                            value=(c.val("commitment", "what", ""));
                    }))
                    (form_field("commitment-due", "By", html! {
                        input #commitment-due type="date" name="due" required min=(c.here.today.to_string())
                            value=(c.val("commitment", "due", ""));
                    }))
                }
                button.btn.small type="submit" { "Note the promise" }
            }
        }
    }
}

pub(super) fn preps(c: &Ctx) -> Markup {
    html! {
        section.card #preps aria-labelledby="preps-title" data-count=(c.p.preps.len()) {
            h2 #preps-title { "Conversation preps" }
            @if c.p.preps.is_empty() {
                p.muted { "None yet." }
            } @else {
                ul.plain {
                    @for p in &c.p.preps {
                        li data-prep-id=(p.id) {
                            strong { (p.topic) }
                            @if let Some(d) = p.meeting_on { " · " (fmt::day(d)) }
                            @let gaps = p.gaps();
                            @if !gaps.is_empty() { " · " span.due.overdue { (gaps.join(", ")) " to think through" } }
                            " · " a href=(format!("/relationships/prep/{}.md", p.id)) download { "Markdown" }
                        }
                    }
                }
            }
            a.btn.small href=(format!("/relationships?person={}#add-prep", c.id())) { "Prepare a conversation" }
        }
    }
}

/// `POST /people/{id}/contact`: `kind`, `on`, `note`.
async fn log_contact(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let new = new_interaction(&f, id)?;
    relationships::log_contact(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
    Ok("contact-logged".into())
}

/// `POST /people/{id}/commitments`: `what`, `due`.
async fn add_commitment(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let due = f
        .date("due")?
        .ok_or_else(|| Failure::bad_request("say by when you promised it (due)"))?;
    let new = NewCommitment {
        to: id.to_string(),
        what: f.get("what").unwrap_or_default(),
        due,
        made_on: f.date("made_on")?,
    };
    relationships::add_commitment(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
    Ok("commitment-added".into())
}

/// `POST /people/{id}/commitments/update`: `commitment`, `note`, `due` (a new date).
async fn update_commitment(s: AppState, _id: i64, f: Fields) -> Result<String, Failure> {
    change_commitment(&s, &f, false).await
}

/// `POST /people/{id}/commitments/close`: `commitment`, `status` (done, dropped).
async fn close_commitment(s: AppState, _id: i64, f: Fields) -> Result<String, Failure> {
    change_commitment(&s, &f, true).await
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/people/{id}/contact", form("contact", log_contact))
        .route(
            "/people/{id}/commitments",
            form("commitments", add_commitment),
        )
        .route(
            "/people/{id}/commitments/update",
            form("commitments", update_commitment),
        )
        .route(
            "/people/{id}/commitments/close",
            form("commitments", close_commitment),
        )
}
