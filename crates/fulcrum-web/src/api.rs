//! `/api/…`: read-only JSON in the shapes `--format json` prints (docs/json.md), built by the
//! same `fulcrum-app` functions the CLI calls.

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use fulcrum_app::report::Period;
use fulcrum_app::{dashboard, profile, report, rules_file, sources, weekly};
use serde::Serialize;
use serde::de::DeserializeOwned;

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

/// What an endpoint answers: `T`, sent as JSON, or the failure.
type Answer<T> = Result<T, Failure>;

query! {
    /// `?week=YYYY-Www` or `?from=DATE&to=DATE`; empty values count as absent. `done` is the
    /// notice of a form the dashboard sent.
    PeriodQuery { week, from, to, done }
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

/// The GET route of an endpoint answering from the state and its query `Q`: what `answer`
/// gives, as JSON, or the failure as `{"error": …}`.
fn json<Q, T, F, Fut>(answer: F) -> MethodRouter<AppState>
where
    Q: DeserializeOwned + Send + 'static,
    T: Serialize + Send + 'static,
    F: FnOnce(AppState, Q) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, Failure>> + Send + 'static,
{
    get(
        move |State(s): State<AppState>, Query(q): Query<Q>| async move { answer(s, q).await.map(Json) },
    )
}

/// [`json`] for an endpoint that takes no query (whatever the address carries is ignored).
fn json_of<T, F, Fut>(answer: F) -> MethodRouter<AppState>
where
    T: Serialize + Send + 'static,
    F: FnOnce(AppState) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, Failure>> + Send + 'static,
{
    get(move |State(s): State<AppState>| async move { answer(s).await.map(Json) })
}

/// `fulcrum report --format json`
async fn report(s: AppState, q: PeriodQuery) -> Answer<fulcrum_core::Report> {
    let period = q.period()?;
    Ok(report::build(s.store.as_ref(), &s.rules, &period, s.clock.now()).await?)
}

/// The dashboard's data: the week's report, its label and the meeting heatmap.
async fn dashboard(s: AppState, q: PeriodQuery) -> Answer<dashboard::Dashboard> {
    let period = q.period()?;
    Ok(dashboard::build(s.store.as_ref(), &s.rules, &period, s.clock.now()).await?)
}

/// The week timeline: every activity of an ISO week with its category, source and rule.
async fn week(s: AppState, q: PeriodQuery) -> Answer<dashboard::WeekView> {
    let monday = monday_of(&s, given(&q.week)).await?;
    Ok(dashboard::week(s.store.as_ref(), &s.rules, monday, s.clock.now()).await?)
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
async fn sources(s: AppState) -> Answer<Vec<sources::SourceLine>> {
    Ok(sources::list(s.store.as_ref()).await?)
}

/// `fulcrum rules list --format json`
async fn rules(s: AppState) -> Answer<rules_file::RulesListing> {
    Ok(rules_file::rules_listing(&s.rules)?)
}

/// `fulcrum rules explain TITLE --attendees N [--with ADDR…] --format json`; `with` takes
/// addresses separated by commas.
async fn explain(
    s: AppState,
    q: crate::pages::rules::ExplainQuery,
) -> Answer<rules_file::Explanation> {
    let title = q.title.unwrap_or_default();
    crate::pages::rules::explain(&s, &title, q.attendees.as_deref(), q.with.as_deref()).await
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
async fn settings(s: AppState) -> Answer<fulcrum_core::Profile> {
    Ok(profile::require(s.store.as_ref()).await?)
}

/// `fulcrum task list --format json`
async fn tasks(s: AppState) -> Answer<weekly::TaskList> {
    Ok(weekly::list(s.store.as_ref(), false).await?)
}

query! {
    /// `replan`, any value: a fresh proposal even when the week has an accepted plan.
    PlanQuery { week, replan }
}

/// `fulcrum plan [--week W] [--replan] --format json`: the week's accepted plan, or a proposal.
async fn plan(s: AppState, q: PlanQuery) -> Answer<weekly::WeekPlan> {
    let monday = monday_of(&s, given(&q.week)).await?;
    let replan = q.replan.is_some();
    Ok(weekly::week_plan(s.store.as_ref(), monday, s.clock.now(), replan).await?)
}

/// `fulcrum review [--week W] --format json`
async fn review(s: AppState, q: PeriodQuery) -> Answer<weekly::ReviewView> {
    let monday = monday_of(&s, given(&q.week)).await?;
    Ok(weekly::review_week(s.store.as_ref(), monday, s.clock.now()).await?)
}

/// `fulcrum inbox list --format json`
async fn inbox(s: AppState) -> Answer<fulcrum_app::inbox::InboxView> {
    Ok(fulcrum_app::inbox::list(s.store.as_ref(), false, s.clock.now()).await?)
}

/// `fulcrum rituals --format json`
async fn rituals(s: AppState) -> Answer<Vec<fulcrum_core::rituals::RitualStatus>> {
    Ok(fulcrum_app::rituals::status_all(s.store.as_ref(), s.clock.now()).await?)
}

query! {
    /// `?all=1`, `?include_private=1` and the filters of the people endpoints.
    PeopleQuery { all, include_private, person, from }
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
async fn people(s: AppState, q: PeopleQuery) -> Answer<fulcrum_app::people::PeopleList> {
    Ok(fulcrum_app::people::list(s.store.as_ref(), q.all(), q.privacy()).await?)
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
async fn one_on_ones(
    s: AppState,
    q: PeopleQuery,
) -> Answer<Vec<fulcrum_app::people::PersonOneOnOnes>> {
    Ok(fulcrum_app::people::all_one_on_ones(s.store.as_ref(), s.clock.now(), q.privacy()).await?)
}

/// `fulcrum feedback list [--person ID] [--direction D] [--from] [--to] --format json`
async fn feedback(
    s: AppState,
    q: crate::pages::feedback::FeedbackQuery,
) -> Answer<fulcrum_app::feedback::FeedbackView> {
    Ok(fulcrum_app::feedback::list(s.store.as_ref(), q.filter()?, s.clock.now()).await?)
}

/// `fulcrum feedback mine --format json`
async fn my_feedback(s: AppState) -> Answer<fulcrum_app::feedback::MyFeedback> {
    Ok(fulcrum_app::feedback::mine(s.store.as_ref(), s.clock.now()).await?)
}

/// `fulcrum delegate list [--all] [--person ID] --format json`
async fn delegations(
    s: AppState,
    q: PeopleQuery,
) -> Answer<fulcrum_app::delegation::DelegationsView> {
    let person = q.person.as_deref().map(person_path).transpose()?;
    Ok(fulcrum_app::delegation::list(s.store.as_ref(), q.all(), person, s.clock.now()).await?)
}

/// `fulcrum delegate candidates --format json`
async fn delegation_candidates(s: AppState) -> Answer<fulcrum_app::delegation::Candidates> {
    Ok(fulcrum_app::delegation::candidates(s.store.as_ref(), &s.rules, s.clock.now()).await?)
}

/// `fulcrum delegate vacation-test [--from DATE] --format json`
async fn vacation_test(
    s: AppState,
    q: PeopleQuery,
) -> Answer<fulcrum_core::delegation::VacationTest> {
    let from = crate::pages::people::query_date(&q.from, "from")?;
    Ok(
        fulcrum_app::delegation::vacation_test(s.store.as_ref(), &s.rules, from, s.clock.now())
            .await?,
    )
}

/// The relationships page's data: contacts, commitments and preps.
async fn relationships(s: AppState) -> Answer<fulcrum_app::relationships::Overview> {
    Ok(fulcrum_app::relationships::overview(s.store.as_ref(), s.clock.now()).await?)
}

/// `fulcrum onboarding --format json`: every plan.
async fn onboarding(s: AppState) -> Answer<Vec<fulcrum_app::people::Onboarding>> {
    Ok(fulcrum_app::onboarding::all(s.store.as_ref(), s.clock.now()).await?)
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/api/report", json(report))
        .route("/api/dashboard", json(dashboard))
        .route("/api/week", json(week))
        .route("/api/sources", json_of(sources))
        .route("/api/rules", json_of(rules))
        .route("/api/rules/explain", json(explain))
        .route("/api/settings", json_of(settings))
        .route("/api/tasks", json_of(tasks))
        .route("/api/plan", json(plan))
        .route("/api/review", json(review))
        .route("/api/inbox", json_of(inbox))
        .route("/api/rituals", json_of(rituals))
        .route("/api/people", json(people))
        .route("/api/people/{id}", get(person))
        .route("/api/people/{id}/agenda", get(agenda))
        .route("/api/one-on-ones", json(one_on_ones))
        .route("/api/feedback", json(feedback))
        .route("/api/feedback/mine", json_of(my_feedback))
        .route("/api/delegations", json(delegations))
        .route(
            "/api/delegations/candidates",
            json_of(delegation_candidates),
        )
        .route("/api/delegations/vacation-test", json(vacation_test))
        .route("/api/relationships", json_of(relationships))
        .route("/api/onboarding", json_of(onboarding))
}
