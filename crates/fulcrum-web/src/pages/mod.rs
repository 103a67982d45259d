//! The HTML pages and the forms they post.

pub mod brag;
pub mod career;
pub mod dashboard;
pub mod debt;
pub mod decisions;
pub mod delegation;
pub mod delivery;
pub mod feedback;
pub mod growth;
pub mod inbox;
pub mod incidents;
pub mod insights;
pub mod journal;
pub mod manual;
pub mod onboarding;
pub mod people;
pub mod person;
pub mod plan;
pub mod projects;
pub mod recategorise;
pub mod record;
pub mod relationships;
pub mod risks;
pub mod rules;
pub mod settings;
pub mod sources;
pub mod tasks;
pub mod technical;
pub mod week;

use crate::layout::{self, Nav};
use crate::{AppState, Failure};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fulcrum_core::Category;
use maud::{Markup, html};

/// Every page and the forms it posts, in one table, so that the addresses the pages answer
/// read in one place (a person's page and its forms, in [`person::routes`]).
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/", get(dashboard::page))
        .route("/week", get(week::page))
        .route(
            recategorise::PATH,
            get(recategorise::page).post(recategorise::confirm),
        )
        .route("/week/log", post(manual::add))
        .route("/week/log/{id}/edit", manual::entry(false))
        .route("/week/log/{id}/delete", manual::entry(true))
        .route("/tasks", get(tasks::page))
        .route("/tasks/add", tasks::change(tasks::add))
        .route("/tasks/done", tasks::change(tasks::done))
        .route("/tasks/drop", tasks::change(tasks::drop))
        .route("/tasks/triage", get(tasks::triage_page).post(tasks::triage))
        .route("/plan", get(plan::page))
        .route("/plan/accept", post(plan::accept))
        .route("/plan/export.ics", get(plan::export))
        .route("/review", get(plan::review))
        .route("/review/adjust", post(plan::adjust))
        .route("/inbox", get(inbox::page))
        .route("/inbox/add", inbox::change(inbox::add))
        .route("/inbox/decide", inbox::change(inbox::decide))
        .route("/inbox/classify", inbox::change(inbox::classify))
        .route("/insights", get(insights::page))
        .route("/insights/act", post_fields(insights::act))
        .route("/insights/dismiss", post_fields(insights::dismiss))
        .route("/insights/snooze", post_fields(insights::snooze))
        .route("/insights/undo", post_fields(insights::undo))
        .route("/journal", get(journal::page))
        .route("/journal/export.md", get(journal::export))
        .route(
            "/journal/{ritual}",
            get(journal::entry_page).post(journal::save),
        )
        .merge(growth::routes())
        .merge(career::routes())
        .merge(decisions::routes())
        .merge(projects::routes())
        .merge(risks::routes())
        .merge(debt::routes())
        .merge(incidents::routes())
        .merge(delivery::routes())
        .route("/people", get(people::page))
        .route("/people/add", post(people::add))
        .merge(person::routes())
        .route("/feedback", get(feedback::page))
        .route("/feedback/add", post(feedback::add))
        .route("/feedback/deliver", post(feedback::deliver))
        .route("/feedback/follow-up", post(feedback::follow_up))
        .route("/feedback/check", post(feedback::check))
        .route("/feedback/mine.md", get(feedback::mine_markdown))
        .route("/delegation", get(delegation::page))
        .route("/delegation/new", get(delegation::new_page))
        .route("/delegation/add", post(delegation::add))
        .route("/delegation/{id}", get(delegation::show))
        .route("/delegation/{id}/edit", delegation::form(delegation::edit))
        .route(
            "/delegation/{id}/hand-over",
            delegation::form(delegation::hand_over),
        )
        .route(
            "/delegation/{id}/check-in",
            delegation::form(delegation::check_in),
        )
        .route(
            "/delegation/{id}/close",
            delegation::form(delegation::close),
        )
        .route(
            "/delegation/{id}/cancel",
            delegation::form(delegation::cancel),
        )
        .route("/relationships", get(relationships::page))
        .route("/relationships/contact", post(relationships::log_contact))
        .route(
            "/relationships/commitments",
            post(relationships::add_commitment),
        )
        .route(
            "/relationships/commitments/update",
            post(relationships::update_commitment),
        )
        .route(
            "/relationships/commitments/close",
            post(relationships::close_commitment),
        )
        .route("/relationships/preps", post(relationships::add_prep))
        .route(
            "/relationships/prep/{file}",
            get(relationships::prep_markdown),
        )
        .route("/onboarding", get(onboarding::page))
        .route("/onboarding/start", post(onboarding::start))
        .route("/sources", get(sources::page))
        .route("/sources/calendar", post_form(sources::add_calendar))
        .route("/sources/git", post_form(sources::add_git))
        .route("/sources/refresh", post(sources::refresh))
        .route(
            "/sources/{id}/remove",
            get(sources::remove_page).post(sources::remove),
        )
        .route(
            "/sources/upload",
            post(sources::upload).layer(axum::extract::DefaultBodyLimit::max(
                crate::UPLOAD_LIMIT_BYTES,
            )),
        )
        .route("/rules", get(rules::page))
        .route("/rules/add", post(rules::add))
        .route("/rules/delete", post(rules::delete))
        .route("/rules/move", post(rules::shift))
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/init", post(settings::init))
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

/// A file to download as `filename`, never kept in a cache.
pub fn download(body: String, kind: &'static str, filename: &str) -> Response {
    use axum::http::{HeaderValue, header};
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// The POST route of a form: `handler` gets the form as it was sent, once its origin and
/// token are checked ([`CheckedForm`]).
///
/// [`CheckedForm`]: crate::extract::CheckedForm
pub fn post_form<H, Fut>(handler: H) -> axum::routing::MethodRouter<AppState>
where
    H: FnOnce(AppState, std::collections::HashMap<String, String>) -> Fut
        + Clone
        + Send
        + Sync
        + 'static,
    Fut: std::future::Future<Output = Response> + Send + 'static,
{
    axum::routing::post(
        move |State(s): State<AppState>,
              crate::extract::CheckedForm(f): crate::extract::CheckedForm<
            std::collections::HashMap<String, String>,
        >| handler(s, f),
    )
}

/// The POST route of a form read as [`Fields`], once its origin and token are checked.
pub fn post_fields<H, Fut>(handler: H) -> axum::routing::MethodRouter<AppState>
where
    H: FnOnce(AppState, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response> + Send + 'static,
{
    axum::routing::post(
        move |State(s): State<AppState>,
              crate::extract::CheckedForm(f): crate::extract::CheckedForm| {
            handler(s, f)
        },
    )
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

/// What a form of a list page did: the `done` code its notice is shown by, or why it failed.
pub type Done = Result<&'static str, Failure>;

/// The change a form of a list page makes (see [`post_change`]): an async function of the
/// state and the form, naming its notice.
pub trait Change: Clone + Send + Sync + 'static {
    type Made: std::future::Future<Output = Done> + Send + 'static;
    fn make(self, s: AppState, f: Fields) -> Self::Made;
}

impl<F, Fut> Change for F
where
    F: FnOnce(AppState, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Done> + Send + 'static,
{
    type Made = Fut;
    fn make(self, s: AppState, f: Fields) -> Fut {
        self(s, f)
    }
}

/// The POST route of a form on a list page such as `/inbox`: `change` makes the change, then
/// the browser goes back to `page` with the notice, or `render` draws the page again with the
/// failure and its status. The form's origin and token are checked first ([`CheckedForm`]).
///
/// [`CheckedForm`]: crate::extract::CheckedForm
pub fn post_change<R, RF>(
    page: &'static str,
    render: R,
    change: impl Change,
) -> axum::routing::MethodRouter<AppState>
where
    R: FnOnce(AppState, StatusCode, Vec<layout::Notice>) -> RF + Clone + Send + Sync + 'static,
    RF: std::future::Future<Output = Response> + Send + 'static,
{
    post_then(render, move |s: AppState, f: Fields| async move {
        let code = change.make(s, f).await?;
        Ok(format!("{page}?done={code}"))
    })
}

/// The POST route of a form whose change `make` says where the browser goes next (an address
/// with its `done` code), or why it failed: then `render` draws the form's page again with the
/// failure and its status. The form's origin and token are checked first ([`CheckedForm`]).
///
/// [`CheckedForm`]: crate::extract::CheckedForm
pub fn post_then<R, RF, F, Fut>(render: R, make: F) -> axum::routing::MethodRouter<AppState>
where
    R: FnOnce(AppState, StatusCode, Vec<layout::Notice>) -> RF + Clone + Send + Sync + 'static,
    RF: std::future::Future<Output = Response> + Send + 'static,
    F: FnOnce(AppState, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<String, Failure>> + Send + 'static,
{
    use crate::extract::CheckedForm;
    axum::routing::post(
        move |State(s): State<AppState>, CheckedForm(f): CheckedForm| async move {
            match make(s.clone(), f).await {
                Ok(to) => {
                    s.changed();
                    see_other(&to)
                }
                Err(f) => render(s, f.status, vec![layout::Notice::Failed(f.message)]).await,
            }
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

/// Today as of `now` in the user's zone, or in UTC while there is no profile yet.
pub(crate) async fn today_or_utc(s: &AppState, now: jiff::Timestamp) -> jiff::civil::Date {
    fulcrum_app::profile::today(s.store.as_ref(), now)
        .await
        .unwrap_or_else(|_| fulcrum_core::time::local_date(now, &jiff::tz::TimeZone::UTC))
}

/// The message a page shows after the redirect that followed a successful form, from the
/// `done` code in its address (codes only, so a link cannot put words on the page).
pub fn done_notice(code: Option<&str>) -> Option<layout::Notice> {
    let msg = match code? {
        "task-added" => "Added the task.",
        "insight-done" => "Done: see it on its page (the task list, the plan, the 1:1's agenda).",
        "insight-dismissed" => "Dismissed: it stays hidden until a new week of the same evidence.",
        "insight-snoozed" => "Snoozed until the day you chose.",
        "insight-undone" => "Shown again.",
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
        "plan-added" => "Started the plan. Add its steps and the people who help you.",
        "plan-saved" => "Saved the plan.",
        "plan-archived" => "Archived the plan: it leaves the lists, its history is kept.",
        "growth-step-added" => "Added the step to the plan.",
        "growth-step-done" => "Marked the step done and logged it. Well done.",
        "support-added" => "Added them to your support network.",
        "opportunity-added" => "Noted the opportunity.",
        "progress-logged" => "Logged.",
        "win-added" => "Noted the win.",
        "win-linked" => "Linked the win to its goal.",
        "skill-rated" => "Kept the rating.",
        "compass-answered" => "Kept your answer. Answer again later to see how it moves.",
        "signs-kept" => "Kept what you ticked.",
        "conversation-kept" => "Kept the conversation.",
        "decision-added" => "Recorded the decision. `fulcrum decisions export` writes its file.",
        "decision-saved" => "Saved the decision.",
        "decision-superseded" => "Superseded: both decisions link to each other.",
        "project-added" => {
            "Started the project. Add its milestones: the checkpoints where you show progress."
        }
        "project-saved" => "Saved the project.",
        "milestone-added" => "Added the milestone.",
        "milestone-done" => "Marked the milestone done.",
        "risk-added" => "Logged the risk. Name its owner and tell the people it would hurt.",
        "risk-saved" => "Saved the risk.",
        "risk-reviewed" => "Reviewed. The next review date is set.",
        "risk-told" => "Noted who was told.",
        "risk-happened" => "Linked the risk to the incident it became.",
        "risk-closed" => "Closed the risk.",
        "debt-added" => "Put the item on the wall.",
        "debt-saved" => "Saved the debt item.",
        "debt-deleted" => "Took the item off the wall.",
        "debt-policy-saved" => "Saved the agreed allocation and the debt words.",
        "incident-added" => "Logged the incident. Name its owner, solvers and communicator below.",
        "incident-saved" => "Saved the incident.",
        "timeline-added" => "Added to the timeline.",
        "postmortem-saved" => "Saved the postmortem.",
        "action-added" => "Added the action. It shows on the coach when it passes its date.",
        "action-done" => "Marked the action done.",
        "action-reopened" => "Opened the action again.",
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

    /// The items of a text field, one per `sep` (a line, a comma), trimmed, list bullets
    /// dropped, blank ones skipped.
    pub fn items(&self, name: &str, sep: char) -> Vec<String> {
        self.raw(name)
            .unwrap_or_default()
            .split(sep)
            .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
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

    /// The person the form chose (`person`); refused saying `missing` when it chose none.
    pub fn person(&self, missing: &str) -> Result<i64, Failure> {
        self.get("person")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| Failure::bad_request(missing))
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
