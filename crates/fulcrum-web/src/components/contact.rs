//! Keeping in touch: the form that logs a contact and the actions on an open commitment, with
//! what they post.

use crate::layout::csrf_field;
use crate::pages::Fields;
use crate::{AppState, Failure};
use fulcrum_app::relationships::{self, NewInteraction};
use fulcrum_core::relationships::{CommitmentStatus, InteractionKind};
use maud::{Markup, html};

/// The form that logs a contact the calendar does not show.
pub fn contact_form(
    s: &AppState,
    action: &str,
    today: jiff::civil::Date,
    prefix: &str,
    private: bool,
    typed: Option<&Fields>,
) -> Markup {
    let id = |n: &str| format!("{prefix}-contact-{n}");
    let v = |n: &str, default: String| typed.and_then(|t| t.raw(n)).map_or(default, str::to_string);
    let kind = v("kind", String::new());
    html! {
        form.contact-form id=(id("form")) method="post" action=(action) {
            (csrf_field(s))
            input type="hidden" name="form" value="contact";
            @if private { input type="hidden" name="private" value="1"; }
            div.fields {
                div.field {
                    label for=(id("kind")) { "How" }
                    select id=(id("kind")) name="kind" {
                        @for k in InteractionKind::ALL { option value=(k.as_str()) selected[kind == k.as_str()] { (k) } }
                    }
                }
                div.field {
                    label for=(id("on")) { "On" }
                    input type="date" id=(id("on")) name="on" value=(v("on", today.to_string())) max=(today.to_string());
                }
                div.field.wide {
                    label for=(id("note")) { "Note" }
                    input type="text" id=(id("note")) name="note" placeholder="coffee after the planning"
                        value=(v("note", String::new()));
                }
            }
            button.btn.small type="submit" { "Log the contact" }
        }
    }
}

/// A logged contact from the contact form.
pub fn new_interaction(f: &Fields, person_id: i64) -> Result<NewInteraction, Failure> {
    Ok(NewInteraction {
        person_id,
        kind: f
            .word("kind", InteractionKind::parse, &InteractionKind::words())?
            .unwrap_or(InteractionKind::Other),
        on: f.date("on")?,
        note: f.get("note"),
    })
}

/// Update, done and drop for an open commitment; `typed` is what a refused update sent.
pub fn commitment_actions(
    s: &AppState,
    base: &str,
    id: i64,
    private: bool,
    typed: Option<&Fields>,
) -> Markup {
    let typed = typed.filter(|t| {
        t.raw("form") == Some("commitment-update")
            && t.raw("commitment") == Some(id.to_string().as_str())
    });
    let v = |n: &str| typed.and_then(|t| t.raw(n)).unwrap_or("").to_string();
    html! {
        div.item-actions {
            form.decide method="post" action=(format!("{base}/update")) {
                (csrf_field(s))
                input type="hidden" name="form" value="commitment-update";
                @if private { input type="hidden" name="private" value="1"; }
                input type="hidden" name="commitment" value=(id);
                label.visually-hidden for=(format!("c-note-{id}")) { "Where it stands" }
                input type="text" id=(format!("c-note-{id}")) name="note" placeholder="where it stands" value=(v("note"));
                label.visually-hidden for=(format!("c-due-{id}")) { "New date" }
                input type="date" id=(format!("c-due-{id}")) name="due" title="a new date, if it moves" value=(v("due"));
                button.btn.small type="submit" { "Told them" }
            }
            form.inline method="post" action=(format!("{base}/close")) {
                (csrf_field(s))
                @if private { input type="hidden" name="private" value="1"; }
                input type="hidden" name="commitment" value=(id);
                span.buttons {
                    button.btn.small type="submit" name="status" value="done" { "Done" }
                    button.btn.small.danger type="submit" name="status" value="dropped" { "Drop" }
                }
            }
        }
    }
}

/// Updates or closes a commitment from its form; the code the page announces.
pub async fn change_commitment(s: &AppState, f: &Fields, close: bool) -> Result<String, Failure> {
    let id = f.id("commitment", "commitment")?;
    let now = crate::cache::now(&s.clock);
    if close {
        let status = f
            .word("status", CommitmentStatus::parse, "done, dropped")?
            .ok_or_else(|| Failure::bad_request("done or dropped?"))?;
        relationships::close_commitment(s.store.as_ref(), id, status, f.get("note"), now).await?;
        Ok(match status {
            CommitmentStatus::Dropped => "commitment-dropped",
            CommitmentStatus::Done => "commitment-done",
            CommitmentStatus::Open => "commitment-updated",
        }
        .into())
    } else {
        relationships::update_commitment(s.store.as_ref(), id, f.get("note"), f.date("due")?, now)
            .await?;
        Ok("commitment-updated".into())
    }
}
