//! The HTML pages and the forms they post.

pub mod dashboard;
pub mod delegation;
pub mod feedback;
pub mod inbox;
pub mod journal;
pub mod manual;
pub mod onboarding;
pub mod people;
pub mod person;
pub mod plan;
pub mod recategorise;
pub mod relationships;
pub mod rules;
pub mod settings;
pub mod sources;
pub mod tasks;
pub mod week;

use crate::layout::{self, Nav};
use crate::{AppState, Failure};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fulcrum_core::Category;
use maud::{Markup, html};

/// Every page and the forms they post, each module's own routes.
pub(crate) fn routes() -> axum::Router<AppState> {
    [
        dashboard::routes(),
        week::routes(),
        recategorise::routes(),
        manual::routes(),
        tasks::routes(),
        plan::routes(),
        inbox::routes(),
        journal::routes(),
        people::routes(),
        person::routes(),
        feedback::routes(),
        delegation::routes(),
        relationships::routes(),
        onboarding::routes(),
        sources::routes(),
        rules::routes(),
        settings::routes(),
    ]
    .into_iter()
    .fold(axum::Router::new(), axum::Router::merge)
}

pub async fn not_found(State(s): State<AppState>) -> Response {
    layout::failure_page(
        &s,
        Nav::None,
        &Failure::new(
            StatusCode::NOT_FOUND,
            "There is no such page. The menu above lists every page Fulcrum has.",
        ),
    )
}

/// A small coloured label for a category.
pub fn chip(c: Category) -> Markup {
    html! { span class=(format!("chip-cat bg-soft-{c}")) data-category=(c.as_str()) { span class=(format!("swatch bg-{c}")) {} (c) } }
}

/// Links to the previous and next week; the next one only when it has begun.
pub fn week_nav(base: &str, previous: &str, next: Option<&str>, this_week: Option<&str>) -> Markup {
    html! {
        nav.week-nav aria-label="Weeks" {
            a.btn #prev-week href=(format!("{base}?week={previous}")) data-week=(previous) rel="prev" {
                span aria-hidden="true" { "← " } "Previous week"
            }
            @if let Some(w) = this_week {
                a.btn.quiet #this-week href=(base) data-week=(w) { "This week" }
            }
            @match next {
                Some(n) => a.btn #next-week href=(format!("{base}?week={n}")) data-week=(n) rel="next" {
                    "Next week" span aria-hidden="true" { " →" }
                },
                None => span.btn.disabled #next-week aria-disabled="true" title="This is the current week" {
                    "Next week" span aria-hidden="true" { " →" }
                },
            }
        }
    }
}

/// The category legend shown next to charts and the timeline.
pub fn legend() -> Markup {
    html! {
        ul.legend.categories aria-label="Category colours" {
            @for c in Category::ALL { li { span class=(format!("swatch bg-{c}")) {} (c) } }
        }
    }
}

/// After a form succeeded: back to `to` (303 See Other), so reloading does not post again.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The POST route of a form about one record, `/…/{id}/…`: `handler` gets the id as the
/// address gave it and the form, once its origin and token are checked ([`CheckedForm`]).
///
/// [`CheckedForm`]: crate::extract::CheckedForm
pub fn post_for_id<H, Fut>(handler: H) -> axum::routing::MethodRouter<AppState>
where
    H: FnOnce(AppState, String, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response> + Send + 'static,
{
    axum::routing::post(
        move |State(s): State<AppState>,
              axum::extract::Path(id): axum::extract::Path<String>,
              crate::extract::CheckedForm(f): crate::extract::CheckedForm| {
            handler(s, id, f)
        },
    )
}

/// A form field, trimmed; `None` when missing or blank.
pub fn field(form: &std::collections::HashMap<String, String>, name: &str) -> Option<String> {
    form.get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// A checkbox: present and not "off"/"false".
pub fn checked(form: &std::collections::HashMap<String, String>, name: &str) -> bool {
    field(form, name).is_some_and(|v| v != "off" && v != "false")
}

pub use fulcrum_core::time::parse_minutes;

/// The message a page shows after the redirect that followed a successful form, from the
/// `done` code in its address (codes only, so a link cannot put words on the page).
pub fn done_notice(code: Option<&str>) -> Option<layout::Notice> {
    let msg = match code? {
        "task-added" => "Added the task.",
        "task-done" => "Marked the task done. Well done.",
        "task-dropped" => "Dropped the task; the reason shows up in the week's review.",
        "triaged" => "Triaged the task.",
        "accepted" => "Accepted the plan: it is kept as this week's plan and can be exported.",
        "adjusted" => "Saved your adjustment for next week.",
        "inbox-added" => "Noted. Decide it when you have thought it over.",
        "decided" => "Recorded the decision.",
        "classified" => "Noted whose problem it is.",
        "saved" => "Saved the entry.",
        "person-added" => "Added the person. Their 1:1s are read from your calendar.",
        "person-updated" => "Saved the changes.",
        "person-archived" => {
            "Archived: they are left out of lists and warnings, and their history is kept."
        }
        "person-restored" => "Restored: they are back in your lists.",
        "person-deleted" => "Deleted the person and everything kept about them.",
        "item-added" => "Added to the agenda of the next 1:1.",
        "item-closed" => "Ticked off.",
        "item-reopened" => "Opened the item again.",
        "logged" => "Logged the 1:1. Open actions carry forward until they are done.",
        "observed" => "Noted the observation.",
        "feedback-added" => "Noted the feedback.",
        "feedback-delivered" => "Marked as delivered.",
        "followed-up" => "Recorded the follow-up.",
        "delegation-drafted" => {
            "Prepared the delegation as a draft: hand it over once every expectation is agreed."
        }
        "delegation-updated" => "Saved the delegation.",
        "handed-over" => "Handed over. The check-ins are scheduled.",
        "checked-in" => "Recorded the check-in.",
        "delegation-closed" => "Closed the delegation with its follow-up.",
        "delegation-cancelled" => "Cancelled the delegation.",
        "contact-logged" => "Logged the contact.",
        "commitment-added" => "Noted the commitment. You will be nudged before it slips.",
        "commitment-updated" => "Noted that you told them where it stands.",
        "commitment-done" => "Kept. Well done.",
        "commitment-dropped" => "Dropped. Make sure they know.",
        "prep-added" => "Saved the preparation.",
        "onboarding-started" => "Started the onboarding plan.",
        "step-done" => "Marked the step done.",
        "step-undone" => "Marked the step as not done.",
        "step-added" => "Added the step to the plan.",
        _ => return None,
    };
    Some(layout::Notice::done(msg))
}

/// A form as it was sent: every name with each of its values, in order, so that groups of
/// checkboxes sharing a name keep all their values.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The last value sent under `name`, as typed.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The field, trimmed; `None` when missing or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        self.raw(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    /// Every non-blank value sent under `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// A checkbox: present and not "off"/"false".
    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v != "off" && v != "false")
    }

    /// A date field (`YYYY-MM-DD`), when given.
    pub fn date(&self, name: &str) -> Result<Option<jiff::civil::Date>, Failure> {
        self.get(name)
            .map(|d| {
                fulcrum_core::time::parse_date(&d)
                    .map_err(|e| Failure::from(fulcrum_app::AppError::from(e)))
            })
            .transpose()
    }

    /// A whole number, when given; `what` names it in the message.
    pub fn number<T: std::str::FromStr>(
        &self,
        name: &str,
        what: &str,
    ) -> Result<Option<T>, Failure> {
        self.get(name)
            .map(|v| {
                v.parse::<T>().map_err(|_| {
                    Failure::bad_request(format!("{what} = {v:?}: expected a whole number"))
                })
            })
            .transpose()
    }

    /// A required id.
    pub fn id(&self, name: &str, what: &str) -> Result<i64, Failure> {
        self.get(name)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Failure::bad_request(format!("which {what}? The form did not say.")))
    }

    /// One of a closed set of words, when given.
    pub fn word<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        words: &str,
    ) -> Result<Option<T>, Failure> {
        self.get(name)
            .map(|v| {
                parse(&v).ok_or_else(|| {
                    Failure::bad_request(format!("{name} = {v:?}: choose one of {words}"))
                })
            })
            .transpose()
    }
}
