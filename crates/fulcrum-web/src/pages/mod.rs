//! The HTML pages and the forms they post.

pub mod dashboard;
pub mod inbox;
pub mod journal;
pub mod plan;
pub mod rules;
pub mod settings;
pub mod sources;
pub mod tasks;
pub mod week;

use crate::layout::{self, Nav};
use crate::{AppState, Failure, security};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fulcrum_core::Category;
use maud::{Markup, html};

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

/// Refuses a form whose token is missing or not this process's.
#[allow(clippy::result_large_err)]
pub fn check_csrf(s: &AppState, token: Option<&str>, nav: Nav) -> Result<(), Response> {
    if token.is_some_and(|t| security::token_matches(&s.csrf, t)) {
        Ok(())
    } else {
        Err(layout::failure_page(
            s,
            nav,
            &Failure::new(
                StatusCode::FORBIDDEN,
                "This form did not come from this Fulcrum, or Fulcrum restarted since the page \
                 was loaded: reload the page and try again.",
            ),
        ))
    }
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
        _ => return None,
    };
    Some(layout::Notice::done(msg))
}
