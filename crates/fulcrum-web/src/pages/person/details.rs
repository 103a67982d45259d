//! The person themself: editing their details, archiving and restoring them, and deleting them
//! after a page that says what goes with them.

use super::{Ctx, form, person_id};
use crate::components::{form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::pages::people::{Sub, plural, style_options, sub_nav};
use crate::pages::{Fields, see_other};
use crate::{AppState, Failure};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::people::{self, PersonEdit};
use fulcrum_core::people::{Relation, WorkingStyle};
use maud::{Markup, html};

pub(super) fn edit_form(c: &Ctx) -> Markup {
    let p = &c.p.person;
    html! {
        details.card #edit-person open[c.typed("edit").is_some()] {
            summary { h2.inline-h { "Edit " (p.first_name()) "'s details" } }
            form #edit-form method="post" action=(c.action("edit")) {
                (c.hidden("edit"))
                div.fields {
                    (form_field("edit-name", "Name", html! {
                        input #edit-name type="text" name="name" required value=(c.val("edit", "name", p.name.clone()));
                    }))
                    (form_field("edit-emails", "E-mail addresses", html! {
                        input #edit-emails type="text" name="emails" required value=(c.val("edit", "emails", p.emails.join(", "))) spellcheck="false";
                    }))
                    (form_field("edit-relation", "Relation", html! {
                        select #edit-relation name="relation" {
                            @let relation = c.val("edit", "relation", p.relation.as_str());
                            @for r in Relation::ALL { option value=(r.as_str()) selected[r.as_str() == relation] { (r) } }
                        }
                    }))
                    (form_field("edit-team", "Team", html! {
                        input #edit-team type="text" name="team" value=(c.val("edit", "team", p.team.clone().unwrap_or_default()));
                    }))
                    (form_field("edit-start", "Start date", html! {
                        input #edit-start type="date" name="start_date" value=(c.val("edit", "start_date", p.start_date.map(|d| d.to_string()).unwrap_or_default()));
                    }))
                    (form_field("edit-cadence", "1:1 every … days", html! {
                        input #edit-cadence type="number" min="1" name="cadence" value=(c.val("edit", "cadence", p.cadence_days.to_string()));
                    }))
                    (form_field("edit-minutes", "1:1 length (minutes)", html! {
                        input #edit-minutes type="number" min="1" name="minutes" value=(c.val("edit", "minutes", p.duration_minutes.to_string()));
                    }))
                    (form_field("edit-contact", "Be in touch every … days", html! {
                        input #edit-contact type="number" min="1" name="contact_cadence"
                            value=(c.val("edit", "contact_cadence", p.contact_cadence_days.map(|d| d.to_string()).unwrap_or_default())) placeholder=(p.contact_cadence());
                    }))
                    (wide_form_field("edit-interests", "Interests", html! {
                        input #edit-interests type="text" name="interests" value=(c.val("edit", "interests", p.interests.join(", ")));
                    }))
                    (wide_form_field("edit-knowledge", "Knows well", html! {
                        input #edit-knowledge type="text" name="knowledge" value=(c.val("edit", "knowledge", p.knowledge.join(", ")));
                    }))
                    (wide_form_field("edit-goals", "Growth goals", html! {
                        input #edit-goals type="text" name="growth_goals" value=(c.val("edit", "growth_goals", p.growth_goals.join(", ")));
                    }))
                    (form_field("edit-style", "Working style", html! {
                        select #edit-style name="working_style" {
                            (style_options(c.typed("edit").map_or(p.working_style, |t| {
                                t.get("working_style").and_then(|w| WorkingStyle::parse(&w))
                            })))
                        }
                    }))
                    (form_field("edit-feedback-style", "Likes feedback …", html! {
                        input #edit-feedback-style type="text" name="feedback_style" value=(c.val("edit", "feedback_style", p.feedback_style.clone().unwrap_or_default()));
                    }))
                    @if c.private {
                        (wide_form_field("edit-private", "Private notes", html! {
                            textarea #edit-private name="private_notes" rows="3" { (c.val("edit", "private_notes", p.private_notes.clone().unwrap_or_default())) }
                        }))
                    } @else {
                        p.hint.wide {
                            a href=(format!("/people/{}?private=1#edit-person", p.id)) { "Show private notes" } " to edit them."
                        }
                    }
                }
                button.btn.primary #edit-submit type="submit" { "Save" }
            }
        }
    }
}

fn list_of(f: &Fields, name: &str) -> Option<Vec<String>> {
    f.raw(name).map(|v| vec![v.to_string()])
}

/// `POST /people/{id}/edit`: blank fields clear what they hold; private notes change only when
/// the form showed them.
async fn edit(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let e = PersonEdit {
        name: f.get("name"),
        emails: list_of(&f, "emails"),
        relation: f.word("relation", Relation::parse, &Relation::words())?,
        team: f.raw("team").map(str::to_string),
        start_date: f.date("start_date")?,
        cadence_days: f.number("cadence", "the 1:1 cadence (days)")?,
        duration_minutes: f.number("minutes", "the 1:1 length (minutes)")?,
        interests: list_of(&f, "interests"),
        knowledge: list_of(&f, "knowledge"),
        growth_goals: list_of(&f, "growth_goals"),
        working_style: f.word("working_style", WorkingStyle::parse, &WorkingStyle::words())?,
        feedback_style: f.raw("feedback_style").map(str::to_string),
        contact_cadence_days: f.number("contact_cadence", "the contact cadence (days)")?,
        private_notes: f.raw("private_notes").map(str::to_string),
    };
    people::edit(s.store.as_ref(), id, e).await?;
    Ok("person-updated".into())
}

/// `POST /people/{id}/archive`
async fn archive(s: AppState, id: i64, _f: Fields) -> Result<String, Failure> {
    people::archive(s.store.as_ref(), id).await?;
    Ok("person-archived".into())
}

/// `POST /people/{id}/restore`
async fn restore(s: AppState, id: i64, _f: Fields) -> Result<String, Failure> {
    people::restore(s.store.as_ref(), id).await?;
    Ok("person-restored".into())
}

/// `GET /people/{id}/delete`: what goes with them, before anything is deleted.
async fn delete_page(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    delete_render(&s, StatusCode::OK, Vec::new(), &id).await
}

async fn delete_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    id: &str,
) -> Response {
    let found = async {
        let id = person_id(id)?;
        let d = people::deletion_preview(s.store.as_ref(), id).await?;
        Ok::<_, Failure>((d.person, d.records))
    }
    .await;
    let (p, records) = match found {
        Ok(x) => x,
        Err(f) => return layout::failure_page(s, Nav::People, &f),
    };
    let total = records.total();
    let body = html! {
        (sub_nav(Sub::People))
        div.page-head { div {
            h1 { "Delete " (p.name) "?" }
            p.meta { "Deleting cannot be undone. Archiving keeps everything and only takes them out of your lists." }
        } }
        section.card.danger-zone #delete-confirm data-records=(total) {
            @if total == 0 {
                p #records-text data-total="0" { "Nothing else is kept about " (p.first_name()) ": only the person goes." }
            } @else {
                p #records-text data-total=(total) {
                    "These go with them: " strong { (records.describe()) } "."
                }
            }
            p.hint { "Meetings in your calendar stay in the calendar; only what Fulcrum keeps about them is deleted." }
            div.week-nav {
                @if !p.archived {
                    form.inline method="post" action=(format!("/people/{}/archive", p.id)) {
                        (csrf_field(s))
                        button.btn.primary #archive-instead type="submit" { "Archive instead" }
                    }
                }
                form.inline method="post" action=(format!("/people/{}/delete", p.id)) {
                    (csrf_field(s))
                    input type="hidden" name="confirm" value="yes";
                    button.btn.danger #confirm-delete type="submit" {
                        @if total == 0 { "Delete the person" } @else { "Delete " (plural(total as i64, "record", "records")) " and the person" }
                    }
                }
                a.btn.quiet href=(format!("/people/{}", p.id)) { "Keep them" }
            }
        }
    };
    respond(
        status,
        frame(
            s,
            &format!("Delete {}", p.name),
            Nav::People,
            &notices,
            body,
        ),
    )
}

/// `POST /people/{id}/delete` with `confirm=yes`; without it nothing is deleted.
async fn delete(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    if f.get("confirm").as_deref() != Some("yes") {
        return delete_render(
            &s,
            StatusCode::BAD_REQUEST,
            vec![Notice::Failed(
                "nothing was deleted: confirm with the button below, or archive instead".into(),
            )],
            &id,
        )
        .await;
    }
    let result = async {
        let id = person_id(&id)?;
        Ok::<_, Failure>(people::delete(s.store.as_ref(), id).await?)
    }
    .await;
    match result {
        Ok(_) => {
            s.changed();
            see_other("/people?done=person-deleted")
        }
        Err(e) => layout::failure_page(&s, Nav::People, &e),
    }
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/people/{id}/edit", form("person", edit))
        .route("/people/{id}/archive", form("person", archive))
        .route("/people/{id}/restore", form("person", restore))
        .route(
            "/people/{id}/delete",
            axum::routing::get(delete_page).post(delete),
        )
}
