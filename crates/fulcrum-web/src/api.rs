//! `/api/…`: read-only JSON in the shapes `--format json` prints (docs/json.md), built by the
//! same `fulcrum-app` functions the CLI calls.

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use fulcrum_app::report::Period;
use fulcrum_app::{dashboard, profile, report, rules_file, sources};
use serde::Deserialize;

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

type ApiResult<T> = Result<Json<T>, Failure>;

/// `?week=YYYY-Www` or `?from=DATE&to=DATE`; empty values count as absent.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    pub week: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl PeriodQuery {
    pub fn period(&self) -> Result<Period, Failure> {
        Ok(Period::parse(
            fulcrum_app::report::OptionNames::API,
            given(&self.week),
            given(&self.from),
            given(&self.to),
        )?)
    }
}

/// `fulcrum report --format json`
pub async fn report(
    State(s): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<fulcrum_core::Report> {
    let period = q.period()?;
    Ok(Json(
        report::build(s.store.as_ref(), &s.rules, &period, s.clock.now()).await?,
    ))
}

/// The dashboard's data: the week's report, its label and the meeting heatmap.
pub async fn dashboard(
    State(s): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<dashboard::Dashboard> {
    let period = q.period()?;
    Ok(Json(
        dashboard::build(s.store.as_ref(), &s.rules, &period, s.clock.now()).await?,
    ))
}

/// The week timeline: every activity of an ISO week with its category, source and rule.
pub async fn week(
    State(s): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<dashboard::WeekView> {
    let monday = monday_of(&s, given(&q.week)).await?;
    Ok(Json(
        dashboard::week(s.store.as_ref(), &s.rules, monday, s.clock.now()).await?,
    ))
}

/// The Monday of `week`, or of the current week in the user's zone.
pub async fn monday_of(s: &AppState, week: Option<&str>) -> Result<jiff::civil::Date, Failure> {
    Ok(match week {
        Some(w) => fulcrum_core::time::parse_iso_week(w).map_err(fulcrum_app::AppError::from)?,
        None => {
            let p = profile::require(s.store.as_ref()).await?;
            fulcrum_core::time::week_start(fulcrum_core::time::local_date(s.clock.now(), &p.tz()))
        }
    })
}

/// `fulcrum sources --format json`
pub async fn sources(State(s): State<AppState>) -> ApiResult<Vec<sources::SourceLine>> {
    Ok(Json(sources::list(s.store.as_ref()).await?))
}

/// `fulcrum rules list --format json`
pub async fn rules(State(s): State<AppState>) -> ApiResult<rules_file::RulesListing> {
    Ok(Json(rules_file::rules_listing(&s.rules)?))
}

/// `fulcrum rules explain TITLE --attendees N [--with ADDR…] --format json`; `with` takes
/// addresses separated by commas.
pub async fn explain(
    State(s): State<AppState>,
    Query(q): Query<crate::pages::rules::ExplainQuery>,
) -> ApiResult<rules_file::Explanation> {
    let title = q.title.unwrap_or_default();
    Ok(Json(
        crate::pages::rules::explain(&s, &title, q.attendees.as_deref(), q.with.as_deref()).await?,
    ))
}

pub fn parse_attendees(v: Option<&str>) -> Result<u32, Failure> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(0),
        Some(v) => v.parse().map_err(|_| {
            Failure::bad_request(format!(
                "attendees = {v:?}: expected the number of people besides you, such as 3"
            ))
        }),
    }
}

/// `fulcrum settings --format json`
pub async fn settings(State(s): State<AppState>) -> ApiResult<fulcrum_core::Profile> {
    Ok(Json(profile::require(s.store.as_ref()).await?))
}

/// `fulcrum task list --format json`
pub async fn tasks(State(s): State<AppState>) -> ApiResult<fulcrum_app::weekly::TaskList> {
    Ok(Json(
        fulcrum_app::weekly::list(s.store.as_ref(), false).await?,
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PlanQuery {
    pub week: Option<String>,
    /// Any value: a fresh proposal even when the week has an accepted plan.
    pub replan: Option<String>,
}

/// `fulcrum plan [--week W] [--replan] --format json`: the week's accepted plan, or a proposal.
pub async fn plan(
    State(s): State<AppState>,
    Query(q): Query<PlanQuery>,
) -> ApiResult<fulcrum_app::weekly::WeekPlan> {
    let monday = monday_of(&s, given(&q.week)).await?;
    Ok(Json(
        fulcrum_app::weekly::week_plan(s.store.as_ref(), monday, s.clock.now(), q.replan.is_some())
            .await?,
    ))
}

/// `fulcrum review [--week W] --format json`
pub async fn review(
    State(s): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<fulcrum_app::weekly::ReviewView> {
    let monday = monday_of(&s, given(&q.week)).await?;
    Ok(Json(
        fulcrum_app::weekly::review_week(s.store.as_ref(), monday, s.clock.now()).await?,
    ))
}

/// `fulcrum inbox list --format json`
pub async fn inbox(State(s): State<AppState>) -> ApiResult<fulcrum_app::inbox::InboxView> {
    Ok(Json(
        fulcrum_app::inbox::list(s.store.as_ref(), false, s.clock.now()).await?,
    ))
}

/// `fulcrum rituals --format json`
pub async fn rituals(
    State(s): State<AppState>,
) -> ApiResult<Vec<fulcrum_core::rituals::RitualStatus>> {
    Ok(Json(
        fulcrum_app::rituals::status_all(s.store.as_ref(), s.clock.now()).await?,
    ))
}

/// `?all=1`, `?include_private=1` and the filters of the people endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    pub all: Option<String>,
    pub include_private: Option<String>,
    pub person: Option<String>,
    pub from: Option<String>,
}

impl PeopleQuery {
    fn all(&self) -> bool {
        crate::pages::people::flag(&self.all)
    }

    /// Private notes go out only when asked for.
    fn privacy(&self) -> fulcrum_core::privacy::Privacy {
        fulcrum_core::privacy::Privacy::from_flag(crate::pages::people::flag(&self.include_private))
    }
}

fn person_path(id: &str) -> Result<i64, Failure> {
    id.trim().parse().map_err(|_| {
        Failure::new(
            axum::http::StatusCode::NOT_FOUND,
            format!("there is no person {id:?}; /api/people lists them"),
        )
    })
}

/// `fulcrum people list [--all] [--include-private] --format json`
pub async fn people(
    State(s): State<AppState>,
    Query(q): Query<PeopleQuery>,
) -> ApiResult<fulcrum_app::people::PeopleList> {
    Ok(Json(
        fulcrum_app::people::list(s.store.as_ref(), q.all(), q.privacy()).await?,
    ))
}

/// `fulcrum people show ID [--include-private] --format json`
pub async fn person(
    State(s): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    Query(q): Query<PeopleQuery>,
) -> ApiResult<fulcrum_app::people::PersonPage> {
    let id = person_path(&id)?;
    Ok(Json(
        fulcrum_app::people::page(s.store.as_ref(), id, s.clock.now(), q.privacy()).await?,
    ))
}

/// `fulcrum one-on-ones agenda ID --format json`
pub async fn agenda(
    State(s): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> ApiResult<fulcrum_app::one_on_ones::AgendaView> {
    let id = person_path(&id)?;
    Ok(Json(
        fulcrum_app::one_on_ones::agenda(s.store.as_ref(), id, s.clock.now()).await?,
    ))
}

/// `fulcrum one-on-ones [--include-private] --format json`: everyone's 1:1s.
pub async fn one_on_ones(
    State(s): State<AppState>,
    Query(q): Query<PeopleQuery>,
) -> ApiResult<Vec<fulcrum_app::people::PersonOneOnOnes>> {
    Ok(Json(
        fulcrum_app::people::all_one_on_ones(s.store.as_ref(), s.clock.now(), q.privacy()).await?,
    ))
}

/// `fulcrum feedback list [--person ID] [--direction D] [--from] [--to] --format json`
pub async fn feedback(
    State(s): State<AppState>,
    Query(q): Query<crate::pages::feedback::FeedbackQuery>,
) -> ApiResult<fulcrum_app::feedback::FeedbackView> {
    Ok(Json(
        fulcrum_app::feedback::list(s.store.as_ref(), q.filter()?, s.clock.now()).await?,
    ))
}

/// `fulcrum feedback mine --format json`
pub async fn my_feedback(
    State(s): State<AppState>,
) -> ApiResult<fulcrum_app::feedback::MyFeedback> {
    Ok(Json(
        fulcrum_app::feedback::mine(s.store.as_ref(), s.clock.now()).await?,
    ))
}

/// `fulcrum delegate list [--all] [--person ID] --format json`
pub async fn delegations(
    State(s): State<AppState>,
    Query(q): Query<PeopleQuery>,
) -> ApiResult<fulcrum_app::delegation::DelegationsView> {
    let person = q.person.as_deref().map(person_path).transpose()?;
    Ok(Json(
        fulcrum_app::delegation::list(s.store.as_ref(), q.all(), person, s.clock.now()).await?,
    ))
}

/// `fulcrum delegate candidates --format json`
pub async fn delegation_candidates(
    State(s): State<AppState>,
) -> ApiResult<fulcrum_app::delegation::Candidates> {
    Ok(Json(
        fulcrum_app::delegation::candidates(s.store.as_ref(), &s.rules, s.clock.now()).await?,
    ))
}

/// `fulcrum delegate vacation-test [--from DATE] --format json`
pub async fn vacation_test(
    State(s): State<AppState>,
    Query(q): Query<PeopleQuery>,
) -> ApiResult<fulcrum_core::delegation::VacationTest> {
    let from = crate::pages::people::query_date(&q.from, "from")?;
    Ok(Json(
        fulcrum_app::delegation::vacation_test(s.store.as_ref(), &s.rules, from, s.clock.now())
            .await?,
    ))
}

/// The relationships page's data: contacts, commitments and preps.
pub async fn relationships(
    State(s): State<AppState>,
) -> ApiResult<fulcrum_app::relationships::Overview> {
    Ok(Json(
        fulcrum_app::relationships::overview(s.store.as_ref(), s.clock.now()).await?,
    ))
}

/// `fulcrum onboarding --format json`: every plan.
pub async fn onboarding(
    State(s): State<AppState>,
) -> ApiResult<Vec<fulcrum_app::people::Onboarding>> {
    Ok(Json(
        fulcrum_app::onboarding::all(s.store.as_ref(), s.clock.now()).await?,
    ))
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/api/report", get(report))
        .route("/api/dashboard", get(dashboard))
        .route("/api/week", get(week))
        .route("/api/sources", get(sources))
        .route("/api/rules", get(rules))
        .route("/api/rules/explain", get(explain))
        .route("/api/settings", get(settings))
        .route("/api/tasks", get(tasks))
        .route("/api/plan", get(plan))
        .route("/api/review", get(review))
        .route("/api/inbox", get(inbox))
        .route("/api/rituals", get(rituals))
        .route("/api/people", get(people))
        .route("/api/people/{id}", get(person))
        .route("/api/people/{id}/agenda", get(agenda))
        .route("/api/one-on-ones", get(one_on_ones))
        .route("/api/feedback", get(feedback))
        .route("/api/feedback/mine", get(my_feedback))
        .route("/api/delegations", get(delegations))
        .route("/api/delegations/candidates", get(delegation_candidates))
        .route("/api/delegations/vacation-test", get(vacation_test))
        .route("/api/relationships", get(relationships))
        .route("/api/onboarding", get(onboarding))
}
