//! `POST /week/log…`: time logged by hand, added and edited from the week timeline.

use super::field;
use crate::extract::CheckedForm;
use crate::layout::{self, Nav};
use crate::{AppState, Failure, cache};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};
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

/// Makes the change (`change`), then back to the week; or the page saying why it failed.
async fn finish<T>(
    s: &AppState,
    form: &HashMap<String, String>,
    change: impl Future<Output = fulcrum_app::Result<T>>,
) -> Response {
    match change.await {
        Ok(_) => {
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
    let request = LogRequest {
        duration: &duration,
        category: &category,
        title: &title,
        at: start.as_deref(),
    };
    let logged = manual::log(s.store.as_ref(), request, cache::now(&s.clock));
    finish(&s, &form, logged).await
}

/// The route of the forms about one logged entry, `/week/log/{id}/…`: `edit` with the new
/// start, duration, category and title, or `delete`.
pub(super) fn entry(delete: bool) -> MethodRouter<AppState> {
    post(
        move |State(s): State<AppState>,
              Path(id): Path<i64>,
              CheckedForm(form): CheckedForm<HashMap<String, String>>| async move {
            let now = cache::now(&s.clock);
            if delete {
                return finish(&s, &form, manual::delete(s.store.as_ref(), id, now)).await;
            }
            let change = Edit {
                at: field(&form, "start"),
                duration: field(&form, "duration"),
                category: field(&form, "category"),
                title: form.get("title").cloned(),
            };
            finish(&s, &form, manual::edit(s.store.as_ref(), id, &change, now)).await
        },
    )
}
