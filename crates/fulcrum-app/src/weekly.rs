//! The weekly loop: tasks and their quadrants, planning the week into the real calendar,
//! accepting the plan and exporting it as an `.ics` file, reviewing the week against it.
//!
//! A week that has an accepted plan shows that plan — in `fulcrum plan`, on the plan page and
//! in the `.ics` export alike, all read through [`week_plan`] / [`accepted`] — until the user
//! asks for a fresh proposal (`replan`) and accepts it.

use crate::activities;
use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_calendar::{OutEvent, write_calendar};
use fulcrum_core::planner::{self, Block, Plan, PlanInput, PlanRules};
use fulcrum_core::review::{self, NewEvent, PlannedBlock, ReviewInput, WeekReview};
use fulcrum_core::tasks::{
    self, Quadrant, QuadrantHealth, Task, TaskStatus, TriageAnswers, TriageOutcome,
};
use fulcrum_core::{Category, Interval, time};
use fulcrum_store::{AcceptedPlan, PlanBlock, Store, StoredEvent, event_key};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// Exported plan blocks carry UIDs with this prefix, so when the calendar that holds them is
/// imported again the planner does not mistake its own blocks for meetings.
pub const PLAN_UID_PREFIX: &str = "fulcrum-plan-";

/// The UID of a plan block: the same week, task and block number always give the same UID,
/// so exporting again updates the events instead of adding copies.
pub fn block_uid(week: &str, task_id: i64, seq: u32) -> String {
    format!("{PLAN_UID_PREFIX}{week}-task{task_id}-{seq}@fulcrum")
}

/// A task as the user describes it.
#[derive(Debug, Clone, Default)]
pub struct NewTask {
    pub title: String,
    pub urgent: bool,
    pub important: bool,
    pub only_me: bool,
    pub estimate_minutes: Option<i64>,
    pub due: Option<Date>,
    pub category: Option<Category>,
}

pub async fn add_task(store: &dyn Store, t: NewTask) -> Result<Task> {
    let title = t.title.trim();
    if title.is_empty() {
        return Err(AppError::invalid("title", "a task needs a title"));
    }
    check_estimate(t.estimate_minutes)?;
    Ok(store
        .add_task(&Task {
            only_me: t.only_me,
            estimate_minutes: t.estimate_minutes,
            due: t.due,
            category: t.category.unwrap_or(Category::Build),
            ..Task::open(0, title.to_string(), t.urgent, t.important)
        })
        .await?)
}

fn check_estimate(m: Option<i64>) -> Result<()> {
    match m {
        Some(m) if !(1..=40 * 60).contains(&m) => Err(AppError::invalid(
            "--estimate",
            format!(
                "an estimate of {m} minutes is out of range: give between 1 minute and 40 hours"
            ),
        )),
        _ => Ok(()),
    }
}

/// Changes to a task; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TaskEdit {
    pub title: Option<String>,
    pub urgent: Option<bool>,
    pub important: Option<bool>,
    pub only_me: Option<bool>,
    pub estimate_minutes: Option<i64>,
    pub due: Option<Option<Date>>,
    pub category: Option<Category>,
    pub status: Option<TaskStatus>,
    pub note: Option<String>,
}

pub async fn edit_task(store: &dyn Store, id: i64, e: TaskEdit) -> Result<Task> {
    let mut t = crate::lookup::found(store.task(id).await?, id)?;
    if let Some(title) = e.title.filter(|s| !s.trim().is_empty()) {
        t.title = title.trim().to_string();
    }
    check_estimate(e.estimate_minutes)?;
    t.urgent = e.urgent.unwrap_or(t.urgent);
    t.important = e.important.unwrap_or(t.important);
    t.only_me = e.only_me.unwrap_or(t.only_me);
    t.estimate_minutes = e.estimate_minutes.or(t.estimate_minutes);
    t.due = e.due.unwrap_or(t.due);
    t.category = e.category.unwrap_or(t.category);
    t.status = e.status.unwrap_or(t.status);
    t.note = e.note.or(t.note);
    store.update_task(&t).await?;
    Ok(t)
}

/// Runs a task through the triage tests and saves where it lands.
pub async fn triage(
    store: &dyn Store,
    id: i64,
    answers: TriageAnswers,
) -> Result<(Task, TriageOutcome)> {
    let task = crate::lookup::found(store.task(id).await?, id)?;
    let outcome = tasks::triage(&task, answers);
    let edited = edit_task(
        store,
        id,
        TaskEdit {
            urgent: Some(outcome.urgent),
            important: Some(outcome.important),
            only_me: Some(outcome.only_me),
            ..Default::default()
        },
    )
    .await?;
    Ok((edited, outcome))
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    #[serde(flatten)]
    pub task: Task,
    pub quadrant: Quadrant,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskList {
    pub tasks: Vec<TaskView>,
    pub health: QuadrantHealth,
}

/// Open tasks (or all with `all`), each with its quadrant, and the matrix's health.
pub async fn list(store: &dyn Store, all: bool) -> Result<TaskList> {
    let every = store.tasks().await?;
    let health = tasks::health(&every);
    let tasks = every
        .into_iter()
        .filter(|t| all || t.is_open())
        .map(|task| TaskView {
            quadrant: task.quadrant(),
            task,
        })
        .collect();
    Ok(TaskList { tasks, health })
}

/// The calendar events of a week that take the user's time, except Fulcrum's own exported
/// plan blocks.
async fn week_events(
    store: &dyn Store,
    profile: &fulcrum_core::Profile,
    week: Date,
) -> Result<Vec<StoredEvent>> {
    let tz = profile.tz();
    let from = time::day_start(week, &tz).as_second();
    let to = time::day_start(time::add_days(week, 7), &tz).as_second();
    Ok(store
        .events_between(from, to)
        .await?
        .into_iter()
        .filter(|e| activities::counts_as_time(e, profile) && !e.uid.starts_with(PLAN_UID_PREFIX))
        .collect())
}

fn span(start: i64, end: i64) -> Interval {
    let ts = |s: i64| Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH);
    Interval::new(ts(start), ts(end))
}

/// The calendar time of a week that work must go around.
async fn busy(
    store: &dyn Store,
    profile: &fulcrum_core::Profile,
    week: Date,
) -> Result<Vec<Interval>> {
    Ok(week_events(store, profile, week)
        .await?
        .iter()
        .map(|e| span(e.start_at, e.end_at))
        .collect())
}

/// A plan for the week starting `week` (a Monday), as of `now`.
pub async fn propose(store: &dyn Store, week: Date, now: Timestamp) -> Result<Plan> {
    let profile = profile::require(store).await?;
    let busy = busy(store, &profile, week).await?;
    let mut tasks = store.tasks().await?;
    tasks.extend(habit_tasks(&store.habits().await?, &[], &[], now));
    Ok(planner::plan(&PlanInput {
        profile: &profile,
        week,
        busy: &busy,
        tasks: &tasks,
        now,
        rules: PlanRules::default(),
    }))
}

/// Which plan of a week is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanState {
    /// The plan the user accepted for the week, as it was kept.
    Accepted,
    /// What the planner proposes now; nothing is kept until it is accepted.
    Proposed,
}

/// A week's plan as the CLI, the page and the API show it: the accepted one when the week has
/// one, or a proposal.
#[derive(Debug, Clone, Serialize)]
pub struct WeekPlan {
    #[serde(flatten)]
    pub plan: Plan,
    pub state: PlanState,
    /// When the week's plan was accepted; set on a fresh proposal too when the week already
    /// has an accepted plan (which stays until the proposal is accepted).
    pub accepted_at: Option<Timestamp>,
}

impl WeekPlan {
    pub fn is_accepted(&self) -> bool {
        self.state == PlanState::Accepted
    }
}

fn ts(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The accepted plan of the week starting `week`, if there is one.
pub async fn accepted(store: &dyn Store, week: Date) -> Result<Option<AcceptedPlan>> {
    Ok(store.plan(&time::iso_week_label(week)).await?)
}

/// An accepted plan in the planner's terms, exactly as it was kept.
async fn accepted_view(store: &dyn Store, week: Date, a: &AcceptedPlan) -> Result<WeekPlan> {
    let blocks: Vec<Block> = a
        .blocks
        .iter()
        .map(|b| Block {
            task_id: b.task_id,
            title: b.title.clone(),
            category: b.category.parse().unwrap_or(Category::Other),
            start: ts(b.start_at),
            end: ts(b.end_at),
        })
        .collect();
    let free_minutes = match a.free_minutes {
        Some(m) => m,
        // Plans kept before the free time was: the calendar's free time as of acceptance.
        None => propose(store, week, ts(a.accepted_at)).await?.free_minutes,
    };
    Ok(WeekPlan {
        plan: Plan {
            week: a.week.clone(),
            free_minutes,
            buffer_minutes: a.buffer_minutes,
            planned_minutes: blocks
                .iter()
                .map(|b| (b.end.as_second() - b.start.as_second()) / 60)
                .sum(),
            fits: a.unplaced.is_empty(),
            unplaced: a.unplaced.clone(),
            blocks,
        },
        state: PlanState::Accepted,
        accepted_at: Some(ts(a.accepted_at)),
    })
}

/// The plan of the week starting `week` as of `now`: the accepted one when there is one and
/// `replan` is not asked for, else a fresh proposal.
pub async fn week_plan(
    store: &dyn Store,
    week: Date,
    now: Timestamp,
    replan: bool,
) -> Result<WeekPlan> {
    let kept = accepted(store, week).await?;
    match kept {
        Some(a) if !replan => accepted_view(store, week, &a).await,
        _ => Ok(WeekPlan {
            plan: propose(store, week, now).await?,
            state: PlanState::Proposed,
            accepted_at: kept.map(|a| ts(a.accepted_at)),
        }),
    }
}

/// Plans the week again and keeps the result as the week's plan; returns it as it will be
/// shown from now on.
pub async fn accept(
    store: &dyn Store,
    week: Date,
    now: Timestamp,
) -> Result<(WeekPlan, AcceptedPlan)> {
    let plan = propose(store, week, now).await?;
    let mut seq = std::collections::HashMap::<i64, u32>::new();
    let blocks: Vec<PlanBlock> = plan
        .blocks
        .iter()
        .map(|b| {
            let n = seq.entry(b.task_id).or_default();
            *n += 1;
            PlanBlock {
                task_id: b.task_id,
                seq: *n,
                title: b.title.clone(),
                category: b.category.as_str().to_string(),
                start_at: b.start.as_second(),
                end_at: b.end.as_second(),
            }
        })
        .collect();
    let profile = profile::require(store).await?;
    let accepted = AcceptedPlan {
        week: plan.week.clone(),
        accepted_at: now.as_second(),
        known_events: week_events(store, &profile, week)
            .await?
            .iter()
            .map(event_key)
            .collect(),
        buffer_minutes: plan.buffer_minutes,
        free_minutes: Some(plan.free_minutes),
        unplaced: plan.unplaced.clone(),
        blocks,
    };
    store.accept_plan(&accepted).await?;
    Ok((accepted_view(store, week, &accepted).await?, accepted))
}

/// The accepted plan of a week as an `.ics` calendar: the same blocks `week_plan` shows.
pub async fn export_ics(store: &dyn Store, week: Date) -> Result<String> {
    let label = time::iso_week_label(week);
    let plan = accepted(store, week).await?.ok_or_else(|| {
        AppError::conflict("accepted plan",format!(
            "there is no accepted plan for {label}: only a plan accepted for the week is exported"
        ))
    })?;
    let events: Vec<OutEvent> = plan
        .blocks
        .iter()
        .map(|b| OutEvent {
            uid: block_uid(&label, b.task_id, b.seq),
            summary: b.title.clone(),
            description: Some(format!(
                "Planned by Fulcrum for {label} (task {}).",
                b.task_id
            )),
            categories: vec![b.category.clone()],
            start: ts(b.start_at),
            end: ts(b.end_at),
            stamp: ts(plan.accepted_at),
        })
        .collect();
    Ok(write_calendar(&format!("Fulcrum plan {label}"), &events))
}

/// A week's review with the adjustment chosen for the next week and the recent trend.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub week: String,
    #[serde(flatten)]
    pub review: WeekReview,
    /// The adjustment the user chose to carry into next week, if any.
    pub adjustment: Option<String>,
    /// Share of planned work done, for each of the last weeks that had a plan.
    pub trend: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub week: String,
    pub done_share: Option<f64>,
    /// The week has not ended: its share is progress so far, not a result.
    pub in_progress: bool,
}

/// Weeks of review trend shown.
pub const REVIEW_TREND_WEEKS: usize = 12;

async fn review_of(
    store: &dyn Store,
    profile: &fulcrum_core::Profile,
    plan: &AcceptedPlan,
    tasks_and_habits: (&[Task], &[fulcrum_core::habits::Habit]),
    now: Timestamp,
) -> Result<WeekReview> {
    Ok(
        review_with_habits(store, profile, plan, tasks_and_habits, now)
            .await?
            .0,
    )
}

/// The review of an accepted plan, and the habits (by id) it counts as kept.
async fn review_with_habits(
    store: &dyn Store,
    profile: &fulcrum_core::Profile,
    plan: &AcceptedPlan,
    (tasks, habits): (&[Task], &[fulcrum_core::habits::Habit]),
    now: Timestamp,
) -> Result<(WeekReview, Vec<i64>)> {
    let week = time::parse_iso_week(&plan.week)?;
    let known: std::collections::HashSet<&str> =
        plan.known_events.iter().map(String::as_str).collect();
    let new_events: Vec<NewEvent> = week_events(store, profile, week)
        .await?
        .iter()
        .filter(|e| !known.contains(event_key(e).as_str()))
        .map(|e| NewEvent {
            title: e.title.clone(),
            span: span(e.start_at, e.end_at),
        })
        .collect();
    let blocks: Vec<PlannedBlock> = plan
        .blocks
        .iter()
        .map(|b| PlannedBlock {
            task_id: b.task_id,
            span: span(b.start_at, b.end_at),
        })
        .collect();
    let mut tasks = tasks.to_vec();
    let habit_tasks = habit_tasks(habits, &blocks, &new_events, now);
    let kept = habits
        .iter()
        .filter(|h| {
            habit_tasks
                .iter()
                .any(|t| t.id == habit_task_id(h.id) && t.status == TaskStatus::Done)
        })
        .map(|h| h.id)
        .collect();
    tasks.extend(habit_tasks);
    let review = review::review(&ReviewInput {
        blocks: &blocks,
        tasks: &tasks,
        new_events: &new_events,
        buffer_minutes: plan.buffer_minutes,
        week,
        now,
        tz: &profile.tz(),
    });
    Ok((review, kept))
}

/// What the weekly loop kept over a stretch of weeks: for each accepted plan its planned and
/// done blocks, and each habit kept in a week. Wins are proposed from these.
#[derive(Debug, Clone, Default)]
pub struct KeptWeeks {
    /// `(Monday, planned blocks, done blocks)`.
    pub plan_weeks: Vec<(Date, usize, usize)>,
    /// `(habit id, title, Monday)`.
    pub habits_kept: Vec<(i64, String, Date)>,
}

/// The plans of the weeks from the one holding `from` to the one before `today`'s (ended
/// weeks only: a running week is no win yet), as of `now`.
pub async fn kept_weeks(
    store: &dyn Store,
    from: Date,
    today: Date,
    now: Timestamp,
) -> Result<KeptWeeks> {
    let profile = profile::require(store).await?;
    let tasks = store.tasks().await?;
    let habits = store.habits().await?;
    let (first, this_week) = (time::week_start(from), time::week_start(today));
    let mut out = KeptWeeks::default();
    for label in store.planned_weeks().await? {
        let Ok(monday) = time::parse_iso_week(&label) else {
            continue;
        };
        if monday < first || monday >= this_week {
            continue;
        }
        let Some(plan) = store.plan(&label).await? else {
            continue;
        };
        let (review, kept) =
            review_with_habits(store, &profile, &plan, (&tasks, &habits), now).await?;
        out.plan_weeks
            .push((monday, review.planned_blocks, review.done_blocks));
        for id in kept {
            if let Some(h) = habits.iter().find(|h| h.id == id) {
                out.habits_kept.push((id, h.title.clone(), monday));
            }
        }
    }
    out.plan_weeks.sort_by_key(|w| w.0);
    Ok(out)
}

/// Reviews the week starting `week` against its accepted plan, as of `now`: a week that has
/// not ended gets its progress so far and no verdict.
pub async fn review_week(store: &dyn Store, week: Date, now: Timestamp) -> Result<ReviewView> {
    let profile = profile::require(store).await?;
    let label = time::iso_week_label(week);
    let plan = store.plan(&label).await?.ok_or_else(|| {
        AppError::conflict(
            "accepted plan",
            format!("{label} had no accepted plan to review"),
        )
    })?;
    let tasks = store.tasks().await?;
    let habits = store.habits().await?;
    let review = review_of(store, &profile, &plan, (&tasks, &habits), now).await?;
    let weeks = store.planned_weeks().await?;
    let mut trend = Vec::new();
    // ISO week labels sort in time order.
    let upto: Vec<&String> = weeks
        .iter()
        .filter(|w| w.as_str() <= label.as_str())
        .collect();
    for w in &upto[upto.len().saturating_sub(REVIEW_TREND_WEEKS)..] {
        if let Some(p) = store.plan(w).await? {
            let r = review_of(store, &profile, &p, (&tasks, &habits), now).await?;
            trend.push(TrendPoint {
                week: (*w).clone(),
                done_share: r.done_share,
                in_progress: r.in_progress,
            });
        }
    }
    Ok(ReviewView {
        adjustment: store.adjustment(&label).await?,
        week: label,
        review,
        trend,
    })
}

/// A habit's task id in plans: its own id, negated, so it never meets a task's.
pub fn habit_task_id(habit_id: i64) -> i64 {
    -habit_id
}

/// The active habits as the planner and the review see them: tasks that are urgent and
/// important (so they are placed before any other work) and only the lead's. In a review a
/// habit counts as done — kept — when all its planned blocks are over by `now` and nothing
/// new in the calendar took their time.
fn habit_tasks(
    habits: &[fulcrum_core::habits::Habit],
    blocks: &[PlannedBlock],
    new_events: &[NewEvent],
    now: Timestamp,
) -> Vec<Task> {
    habits
        .iter()
        .filter(|h| h.active)
        .map(|h| {
            let id = habit_task_id(h.id);
            let mine: Vec<&PlannedBlock> = blocks.iter().filter(|b| b.task_id == id).collect();
            let kept = !mine.is_empty()
                && mine.iter().all(|b| {
                    b.span.end <= now
                        && new_events
                            .iter()
                            .all(|e| b.span.overlap_seconds(&e.span) == 0)
                });
            Task {
                id,
                title: format!("{} (habit)", h.title),
                urgent: true,
                important: true,
                only_me: true,
                estimate_minutes: Some(h.minutes),
                due: None,
                category: h.category,
                status: if kept {
                    TaskStatus::Done
                } else {
                    TaskStatus::Open
                },
                note: None,
            }
        })
        .collect()
}

/// The reviews of every accepted plan of the weeks starting from `from` up to (not
/// including) `to`, as of `now`, oldest first.
pub async fn reviews_between(
    store: &dyn Store,
    from: Date,
    to: Date,
    now: Timestamp,
) -> Result<Vec<(Date, WeekReview)>> {
    let profile = profile::require(store).await?;
    let tasks = store.tasks().await?;
    let habits = store.habits().await?;
    let mut out = Vec::new();
    for label in store.planned_weeks().await? {
        let Ok(monday) = time::parse_iso_week(&label) else {
            continue;
        };
        if monday < from || monday >= to {
            continue;
        }
        if let Some(plan) = store.plan(&label).await? {
            out.push((
                monday,
                review_of(store, &profile, &plan, (&tasks, &habits), now).await?,
            ));
        }
    }
    out.sort_by_key(|(m, _)| *m);
    Ok(out)
}

/// Keeps the one adjustment the user carries from this week's review into the next.
pub async fn adjust(store: &dyn Store, week: Date, adjustment: &str) -> Result<()> {
    let text = adjustment.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "adjustment",
            "the adjustment is empty: say what you will change next week",
        ));
    }
    Ok(store
        .save_adjustment(&time::iso_week_label(week), text)
        .await?)
}
