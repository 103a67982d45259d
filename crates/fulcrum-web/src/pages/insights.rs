//! `/insights`: everything the coach sees today, open or dismissed, and the forms that act on
//! an insight, snooze it, dismiss it or show it again. The panels on other pages post here.

use super::{Fields, done_notice, see_other};
use crate::components::insights::panel;
use crate::layout::{self, Nav, Notice, frame, page_title, respond};
use crate::{AppState, Failure, cache};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::insights::Shown;
use fulcrum_core::time;
use maud::html;

#[derive(Debug, Default, serde::Deserialize)]
pub struct InsightsQuery {
    pub done: Option<String>,
}

pub async fn page(State(s): State<AppState>, Query(q): Query<InsightsQuery>) -> Response {
    let now = cache::now(&s.clock);
    let list = match cache::insights(&s, now).await {
        Ok(l) => l,
        Err(e) => return layout::failure_page(&s, Nav::Dashboard, &Failure::from(e)),
    };
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    let open: Vec<&Shown> = list
        .insights
        .iter()
        .filter(|i| i.status == "open")
        .collect();
    let hidden: Vec<&Shown> = list
        .insights
        .iter()
        .filter(|i| i.status != "open")
        .collect();
    let body = html! {
        div.page-head {
            (page_title("Insights", html! {
                "What Fulcrum sees in your complete weeks and your records as of " (list.as_of.to_string())
                ", with the evidence, why it matters and one next step. Dismiss what does not apply: "
                "it stays hidden until a new week of the same evidence."
            }))
        }
        (panel(&s, "open-insights", "Open", &open, "/insights", "Nothing stands out: no rule sees a pattern worth your attention."))
        @if !hidden.is_empty() {
            (panel(&s, "hidden-insights", "Dismissed and snoozed", &hidden, "/insights", ""))
        }
    };
    respond(
        StatusCode::OK,
        frame(&s, "Insights", Nav::Dashboard, &notices, body),
    )
}

/// Where a form sends the browser back to: a path of this site, never another one.
fn back(form: &Fields) -> String {
    form.get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        // Browsers drop tabs and new lines from addresses and read `\` as `/`: `/\tevil`
        // would become `//evil`.
        .filter(|b| !b.chars().any(|c| c.is_control() || c == '\\'))
        .unwrap_or_else(|| "/insights".into())
}

fn after(form: &Fields, code: &str) -> Response {
    let to = back(form);
    let sep = if to.contains('?') { '&' } else { '?' };
    see_other(&format!("{to}{sep}done={code}"))
}

async fn answer(s: AppState, form: Fields, kind: &'static str) -> Response {
    let now = cache::now(&s.clock);
    let Some(id) = form.get("id") else {
        return layout::failure_page(
            &s,
            Nav::Dashboard,
            &Failure::bad_request("which insight? the form sent no id"),
        );
    };
    let store = s.store.as_ref();
    let done = match kind {
        "act" => fulcrum_app::insights::act(store, &s.rules, &id, now)
            .await
            .map(|_| "insight-done"),
        "dismiss" => {
            let reason = form.get("reason").unwrap_or_default();
            fulcrum_app::insights::dismiss(store, &s.rules, &id, &reason, now)
                .await
                .map(|_| "insight-dismissed")
        }
        "snooze" => match form.get("until").as_deref().map(time::parse_date) {
            Some(Ok(until)) => fulcrum_app::insights::snooze(store, &s.rules, &id, until, now)
                .await
                .map(|_| "insight-snoozed"),
            _ => {
                return layout::failure_page(
                    &s,
                    Nav::Dashboard,
                    &Failure::bad_request("snooze until which day? give a date"),
                );
            }
        },
        _ => fulcrum_app::insights::undo(store, &id)
            .await
            .map(|_| "insight-undone"),
    };
    match done {
        Ok(code) => {
            s.changed();
            after(&form, code)
        }
        Err(e) => layout::failure_page(&s, Nav::Dashboard, &Failure::from(e)),
    }
}

pub(super) async fn act(s: AppState, form: Fields) -> Response {
    answer(s, form, "act").await
}

pub(super) async fn dismiss(s: AppState, form: Fields) -> Response {
    answer(s, form, "dismiss").await
}

pub(super) async fn snooze(s: AppState, form: Fields) -> Response {
    answer(s, form, "snooze").await
}

pub(super) async fn undo(s: AppState, form: Fields) -> Response {
    answer(s, form, "undo").await
}
