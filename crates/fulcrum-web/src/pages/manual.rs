//! `POST /week/log…`: time logged by hand, added and edited from the week timeline.

use super::field;
use crate::extract::CheckedForm;
use crate::layout::{self, Nav};
use crate::{AppState, Failure, cache};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use fulcrum_app::manual::{self, Edit, LogRequest};
use std::collections::HashMap;

/// Back to the week the form was on, at its manual-time section.
fn back(form: &HashMap<String, String>) -> Response {
    let week = field(form, "week")
        .filter(|w| fulcrum_core::time::parse_iso_week(w).is_ok())
        .map(|w| format!("?week={w}"))
        .unwrap_or_default();
    Redirect::to(&format!("/week{week}#manual")).into_response()
}

fn finish(s: &AppState, form: &HashMap<String, String>, r: fulcrum_app::Result<()>) -> Response {
    match r {
        Ok(()) => {
            s.changed();
            back(form)
        }
        Err(e) => layout::failure_page(s, Nav::Week, &Failure::from(e)),
    }
}

/// `POST /week/log`: start (local date-time), duration, category, title.
pub async fn add(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let start = field(&form, "start");
    let duration = field(&form, "duration").unwrap_or_default();
    let category = field(&form, "category").unwrap_or_default();
    let title = field(&form, "title").unwrap_or_default();
    let r = manual::log(
        s.store.as_ref(),
        LogRequest {
            duration: &duration,
            category: &category,
            title: &title,
            at: start.as_deref(),
        },
        cache::now(&s.clock),
    )
    .await
    .map(|_| ());
    finish(&s, &form, r)
}

/// `POST /week/log/{id}/edit`
pub async fn edit(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let change = Edit {
        at: field(&form, "start"),
        duration: field(&form, "duration"),
        category: field(&form, "category"),
        title: form.get("title").cloned(),
    };
    let r = manual::edit(s.store.as_ref(), id, &change, cache::now(&s.clock))
        .await
        .map(|_| ());
    finish(&s, &form, r)
}

/// `POST /week/log/{id}/delete`
pub async fn delete(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let r = manual::delete(s.store.as_ref(), id, cache::now(&s.clock))
        .await
        .map(|_| ());
    finish(&s, &form, r)
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/week/log", post(add))
        .route("/week/log/{id}/edit", post(edit))
        .route("/week/log/{id}/delete", post(delete))
}
