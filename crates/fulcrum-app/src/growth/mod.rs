//! Growth plans and what moves them: steps, the support network, opportunities, the progress
//! log, small wins (and the wins Fulcrum proposes from what it already knows), and skills
//! rated over time. The CLI and the pages call these.

use crate::error::{AppError, Result};
use crate::people::Records as PeopleRecords;
use crate::profile;
use fulcrum_core::growth::rules::{
    self, CheckInDue, Proposal, ProposalInput, Quarter, SkillView, SupportGap,
};
use fulcrum_core::growth::{
    GoalKind, GrowthPlan, Keyed, Opportunity, OpportunityKind, OpportunityStatus, PlanStatus,
    Progress, ProgressKind, Rater, Rating, Side, Step, StepStatus, Support, SupportRole, Win,
};
use fulcrum_core::time;
use fulcrum_store::kept::{ParentRef, add_change, add_change_under};
use fulcrum_store::{Filter, Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

mod wins;
pub use wins::*;

/// How far back the win proposals look.
const PROPOSAL_DAYS: i64 = 90;

/// A new plan, as the CLI flags and the form give it.
#[derive(Debug, Clone, Default)]
pub struct NewPlan {
    pub goal: String,
    pub why: String,
    pub success: Vec<String>,
    pub kind: Option<GoalKind>,
    pub target_role: Option<String>,
    /// Steps to add with the plan, in one write.
    pub steps: Vec<NewStep>,
}

#[derive(Debug, Clone, Default)]
pub struct NewStep {
    pub title: String,
    pub start: Option<Date>,
    pub target: Option<Date>,
    /// People the step waits on, by name or id.
    pub depends_on: Vec<String>,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PlanEdit {
    pub goal: Option<String>,
    pub why: Option<String>,
    pub success: Option<Vec<String>>,
    pub kind: Option<GoalKind>,
    pub status: Option<PlanStatus>,
    pub target_role: Option<Option<String>>,
}

/// One line of the plan list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanLine {
    pub id: i64,
    pub goal: String,
    pub kind: GoalKind,
    pub status: PlanStatus,
    pub target_role: Option<String>,
    pub steps: usize,
    pub done: usize,
    pub overdue: usize,
    /// The next step not done, by target date.
    pub next: Option<Keyed<Step>>,
}

/// A step as a page shows it: with the names of who it waits on.
#[derive(Debug, Clone, Serialize)]
pub struct StepLine {
    #[serde(flatten)]
    pub step: Keyed<Step>,
    pub depends_on_names: Vec<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupportLine {
    #[serde(flatten)]
    pub support: Keyed<Support>,
    pub name: String,
    pub last_contact: Option<Date>,
}

/// A plan with everything that belongs to it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub id: i64,
    #[serde(flatten)]
    pub plan: GrowthPlan,
    pub steps: Vec<StepLine>,
    pub support: Vec<SupportLine>,
    /// What the support network is missing.
    pub gaps: Vec<SupportGap>,
    pub checkins_due: Vec<CheckInDue>,
    pub opportunities: Vec<Keyed<Opportunity>>,
    pub progress: Vec<Keyed<Progress>>,
    pub wins: Vec<Keyed<Win>>,
    /// The plan a quarter at a time.
    pub timeline: Vec<Quarter>,
    pub today: Date,
}

fn invalid(field: &'static str) -> impl Fn(String) -> AppError {
    move |why| AppError::invalid(field, why)
}

/// Person ids for names (or ids) as the user typed them.
async fn people_ids(store: &dyn Store, names: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        ids.push(crate::people::named(store, name).await?.id);
    }
    Ok(ids)
}

fn clean(lines: &[String]) -> Vec<String> {
    crate::people::clean_list(lines)
}

async fn steps_of(store: &dyn Store, new: &[NewStep], plan: i64) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    for s in new {
        let step = Step {
            plan,
            title: s.title.trim().to_string(),
            start: s.start,
            target: s.target,
            depends_on: people_ids(store, &s.depends_on).await?,
            status: StepStatus::Planned,
            done_on: None,
        };
        step.check().map_err(invalid("step"))?;
        steps.push(step);
    }
    Ok(steps)
}

/// Adds a plan (and its first steps, in the same write). A third active leadership goal in a
/// quarter is refused: one or two focused goals is what a quarter carries.
pub async fn add_plan(
    store: &dyn Store,
    new: NewPlan,
    now: Timestamp,
) -> Result<Keyed<GrowthPlan>> {
    let today = profile::today(store, now).await?;
    let plan = GrowthPlan {
        goal: new.goal.trim().to_string(),
        why: new.why.trim().to_string(),
        success: clean(&new.success),
        kind: new.kind.unwrap_or(GoalKind::Career),
        status: PlanStatus::Active,
        created_on: today,
        target_role: new.target_role.filter(|r| !r.trim().is_empty()),
    };
    plan.check().map_err(invalid("goal"))?;
    let plans = store.all::<GrowthPlan>().await?;
    rules::check_goal_limit(&plans, &plan, None, today).map_err(invalid("kind"))?;
    let steps = steps_of(store, &new.steps, 0).await?;
    let mut changes = vec![add_change(&plan)?];
    for s in &steps {
        changes.push(add_change_under(s, Some(ParentRef::Added(0)))?);
    }
    let ids = store.write_records(&changes).await?;
    Ok(Keyed {
        id: ids[0],
        record: plan,
    })
}

pub async fn edit_plan(
    store: &dyn Store,
    id: i64,
    edit: PlanEdit,
    now: Timestamp,
) -> Result<Keyed<GrowthPlan>> {
    let today = profile::today(store, now).await?;
    let mut plan = store.get::<GrowthPlan>(id).await?.record;
    if let Some(goal) = edit.goal {
        plan.goal = goal.trim().to_string();
    }
    if let Some(why) = edit.why {
        plan.why = why.trim().to_string();
    }
    if let Some(success) = edit.success {
        plan.success = clean(&success);
    }
    if let Some(kind) = edit.kind {
        plan.kind = kind;
    }
    if let Some(status) = edit.status {
        plan.status = status;
    }
    if let Some(role) = edit.target_role {
        plan.target_role = role.filter(|r| !r.trim().is_empty());
    }
    plan.check().map_err(invalid("goal"))?;
    let plans = store.all::<GrowthPlan>().await?;
    rules::check_goal_limit(&plans, &plan, Some(id), today).map_err(invalid("kind"))?;
    store.update(id, &plan).await?;
    Ok(Keyed { id, record: plan })
}

pub async fn archive_plan(store: &dyn Store, id: i64, now: Timestamp) -> Result<Keyed<GrowthPlan>> {
    let edit = PlanEdit {
        status: Some(PlanStatus::Archived),
        ..PlanEdit::default()
    };
    edit_plan(store, id, edit, now).await
}

/// Every plan (archived ones only with `all`), active first.
pub async fn list_plans(store: &dyn Store, all: bool, now: Timestamp) -> Result<Vec<PlanLine>> {
    let today = profile::today(store, now).await?;
    let plans = store.all::<GrowthPlan>().await?;
    let steps = store.all::<Step>().await?;
    let mut lines: Vec<PlanLine> = plans
        .into_iter()
        .filter(|p| all || p.record.status != PlanStatus::Archived)
        .map(|p| {
            let mine: Vec<&Keyed<Step>> = steps.iter().filter(|s| s.record.plan == p.id).collect();
            let next = next_step(&mine);
            PlanLine {
                id: p.id,
                steps: mine.len(),
                done: mine
                    .iter()
                    .filter(|s| s.record.status == StepStatus::Done)
                    .count(),
                overdue: mine.iter().filter(|s| s.record.overdue(today)).count(),
                next,
                goal: p.record.goal,
                kind: p.record.kind,
                status: p.record.status,
                target_role: p.record.target_role,
            }
        })
        .collect();
    lines.sort_by_key(|l| (l.status != PlanStatus::Active, l.id));
    Ok(lines)
}

/// The open step with the earliest target (undated ones last).
fn next_step(steps: &[&Keyed<Step>]) -> Option<Keyed<Step>> {
    steps
        .iter()
        .filter(|s| matches!(s.record.status, StepStatus::Planned | StepStatus::Doing))
        .min_by_key(|s| (s.record.target.is_none(), s.record.target, s.id))
        .map(|s| (*s).clone())
}

/// The last day the lead and `person` were in touch: a 1:1 or a logged contact.
pub(crate) fn last_contact(records: &PeopleRecords, person: i64) -> Option<Date> {
    let met = records
        .people
        .iter()
        .find(|p| p.id == person)
        .and_then(|p| records.one_on_ones(p).last_met);
    let logged = records
        .interactions
        .iter()
        .filter(|i| i.person_id == person)
        .map(|i| i.on)
        .max();
    met.max(logged)
}

/// A plan with its steps, support network (and what it lacks), opportunities, progress, wins
/// and its timeline.
pub async fn plan_view(store: &dyn Store, id: i64, now: Timestamp) -> Result<PlanView> {
    let plan = store.get::<GrowthPlan>(id).await?;
    let records = PeopleRecords::load(store, now).await?;
    let today = records.today;
    let steps = store.find::<Step>(Filter::parent(id)).await?;
    let support = store.find::<Support>(Filter::parent(id)).await?;
    let network: Vec<Support> = support.iter().map(|s| s.record.clone()).collect();
    let contact = |p: i64| last_contact(&records, p);
    let name = |p: i64| {
        records
            .name_of(Some(p))
            .unwrap_or_else(|| format!("person {p}"))
    };
    let progress: Vec<Keyed<Progress>> = store
        .all::<Progress>()
        .await?
        .into_iter()
        .filter(|p| p.record.plan == Some(id))
        .collect();
    let wins: Vec<Keyed<Win>> = store
        .all::<Win>()
        .await?
        .into_iter()
        .filter(|w| w.record.plan == Some(id))
        .collect();
    Ok(PlanView {
        id,
        timeline: rules::timeline(&plan.record, &steps, today),
        gaps: rules::support_gaps(&network),
        checkins_due: rules::checkins_due(&support, &contact, today),
        steps: steps
            .into_iter()
            .map(|s| StepLine {
                depends_on_names: s.record.depends_on.iter().map(|p| name(*p)).collect(),
                overdue: s.record.overdue(today),
                step: s,
            })
            .collect(),
        support: support
            .into_iter()
            .map(|s| SupportLine {
                name: name(s.record.person),
                last_contact: contact(s.record.person),
                support: s,
            })
            .collect(),
        opportunities: store.find::<Opportunity>(Filter::parent(id)).await?,
        progress,
        wins,
        plan: plan.record,
        today,
    })
}

/// The plan a step names: `None` is the only active plan (an error when there are several).
async fn plan_or_only(store: &dyn Store, plan: Option<i64>) -> Result<i64> {
    if let Some(id) = plan {
        return Ok(store.get::<GrowthPlan>(id).await?.id);
    }
    let active: Vec<Keyed<GrowthPlan>> = store
        .all::<GrowthPlan>()
        .await?
        .into_iter()
        .filter(|p| p.record.status == PlanStatus::Active)
        .collect();
    match active.as_slice() {
        [only] => Ok(only.id),
        [] => Err(AppError::invalid(
            "plan",
            "there is no active growth plan: add one first",
        )),
        _ => Err(AppError::invalid(
            "plan",
            format!(
                "there are {} active plans ({}): say which",
                active.len(),
                active
                    .iter()
                    .map(|p| format!("{} {}", p.id, p.record.goal))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

pub async fn add_step(store: &dyn Store, plan: Option<i64>, new: NewStep) -> Result<Keyed<Step>> {
    let plan = plan_or_only(store, plan).await?;
    let step = steps_of(store, std::slice::from_ref(&new), plan)
        .await?
        .remove(0);
    Ok(store.add(&step).await?)
}

/// Marks a step done and logs it in the progress log, in one write.
pub async fn done_step(
    store: &dyn Store,
    id: i64,
    note: Option<String>,
    now: Timestamp,
) -> Result<Keyed<Step>> {
    let today = profile::today(store, now).await?;
    let mut step = store.get::<Step>(id).await?;
    if step.record.status == StepStatus::Done {
        return Err(AppError::Conflict {
            what: "growth step",
            why: format!(
                "step {id} was done on {}",
                step.record
                    .done_on
                    .map_or("an earlier day".into(), |d| d.to_string())
            ),
        });
    }
    step.record.status = StepStatus::Done;
    step.record.done_on = Some(today);
    let entry = Progress {
        on: today,
        text: note
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("Done: {}", step.record.title)),
        kind: ProgressKind::StepDone,
        plan: Some(step.record.plan),
        step: Some(id),
    };
    store
        .write_records(&[
            fulcrum_store::kept::update_change(id, &step.record)?,
            add_change(&entry)?,
        ])
        .await?;
    Ok(step)
}

/// Steps of one plan, or of every plan not archived.
pub async fn list_steps(
    store: &dyn Store,
    plan: Option<i64>,
    now: Timestamp,
) -> Result<Vec<StepLine>> {
    let today = profile::today(store, now).await?;
    let steps = match plan {
        Some(id) => {
            store.get::<GrowthPlan>(id).await?;
            store.find::<Step>(Filter::parent(id)).await?
        }
        None => {
            let live: Vec<i64> = store
                .all::<GrowthPlan>()
                .await?
                .into_iter()
                .filter(|p| p.record.status != PlanStatus::Archived)
                .map(|p| p.id)
                .collect();
            store
                .all::<Step>()
                .await?
                .into_iter()
                .filter(|s| live.contains(&s.record.plan))
                .collect()
        }
    };
    let people = store.people().await?;
    let name = |id: i64| {
        people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| format!("person {id}"), |p| p.name.clone())
    };
    Ok(steps
        .into_iter()
        .map(|s| StepLine {
            depends_on_names: s.record.depends_on.iter().map(|p| name(*p)).collect(),
            overdue: s.record.overdue(today),
            step: s,
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct NewSupport {
    pub plan: Option<i64>,
    pub person: String,
    pub role: SupportRole,
    pub side: Option<Side>,
    pub cadence_days: Option<u32>,
    pub note: String,
}

pub async fn add_support(store: &dyn Store, new: NewSupport) -> Result<Keyed<Support>> {
    let plan = plan_or_only(store, new.plan).await?;
    let person = crate::people::named(store, &new.person).await?;
    if new.cadence_days == Some(0) {
        return Err(AppError::invalid(
            "cadence",
            "a check-in cadence is at least 1 day",
        ));
    }
    let support = Support {
        plan,
        person: person.id,
        role: new.role,
        side: new.side,
        cadence_days: new.cadence_days,
        note: new.note.trim().to_string(),
    };
    Ok(store.add(&support).await?)
}

/// The support network across the plans not archived, with what each plan's lacks.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub support: Vec<SupportLine>,
    pub gaps: Vec<SupportGap>,
    pub checkins_due: Vec<CheckInDue>,
}

pub async fn network(store: &dyn Store, now: Timestamp) -> Result<Network> {
    let records = PeopleRecords::load(store, now).await?;
    let live: Vec<i64> = store
        .all::<GrowthPlan>()
        .await?
        .into_iter()
        .filter(|p| p.record.status == PlanStatus::Active)
        .map(|p| p.id)
        .collect();
    let support: Vec<Keyed<Support>> = store
        .all::<Support>()
        .await?
        .into_iter()
        .filter(|s| live.contains(&s.record.plan))
        .collect();
    let network: Vec<Support> = support.iter().map(|s| s.record.clone()).collect();
    let contact = |p: i64| last_contact(&records, p);
    Ok(Network {
        gaps: rules::support_gaps(&network),
        checkins_due: rules::checkins_due(&support, &contact, records.today),
        support: support
            .into_iter()
            .map(|s| SupportLine {
                name: records.name_of(Some(s.record.person)).unwrap_or_default(),
                last_contact: contact(s.record.person),
                support: s,
            })
            .collect(),
    })
}

pub async fn add_opportunity(
    store: &dyn Store,
    plan: Option<i64>,
    title: &str,
    kind: OpportunityKind,
    status: Option<OpportunityStatus>,
) -> Result<Keyed<Opportunity>> {
    let plan = plan_or_only(store, plan).await?;
    let o = Opportunity {
        plan,
        title: title.trim().to_string(),
        kind,
        status: status.unwrap_or(OpportunityStatus::Idea),
    };
    o.check().map_err(invalid("opportunity"))?;
    Ok(store.add(&o).await?)
}

/// Checks that a link names a plan and a step of it (the step's plan when only it is given).
async fn link(
    store: &dyn Store,
    plan: Option<i64>,
    step: Option<i64>,
) -> Result<(Option<i64>, Option<i64>)> {
    let Some(step_id) = step else {
        if let Some(p) = plan {
            store.get::<GrowthPlan>(p).await?;
        }
        return Ok((plan, None));
    };
    let s = store.get::<Step>(step_id).await?;
    if plan.is_some_and(|p| p != s.record.plan) {
        return Err(AppError::invalid(
            "step",
            format!(
                "step {step_id} belongs to plan {}, not plan {}",
                s.record.plan,
                plan.unwrap_or_default()
            ),
        ));
    }
    Ok((Some(s.record.plan), Some(step_id)))
}

#[derive(Debug, Clone)]
pub struct NewProgress {
    pub text: String,
    pub kind: ProgressKind,
    pub plan: Option<i64>,
    pub step: Option<i64>,
    pub on: Option<Date>,
}

/// Writes a line in the progress log.
pub async fn log(store: &dyn Store, new: NewProgress, now: Timestamp) -> Result<Keyed<Progress>> {
    let today = profile::today(store, now).await?;
    let (plan, step) = link(store, new.plan, new.step).await?;
    let entry = Progress {
        on: new.on.unwrap_or(today),
        text: new.text.trim().to_string(),
        kind: new.kind,
        plan,
        step,
    };
    entry.check().map_err(invalid("text"))?;
    Ok(store.add(&entry).await?)
}

/// The progress log, newest first.
pub async fn progress(store: &dyn Store, plan: Option<i64>) -> Result<Vec<Keyed<Progress>>> {
    let mut all = store.all::<Progress>().await?;
    all.retain(|p| plan.is_none() || p.record.plan == plan);
    all.reverse();
    Ok(all)
}

/// Who gives a rating, as typed: `self`, `anonymous`, or a person's name or id.
pub async fn rater(store: &dyn Store, by: &str) -> Result<Rater> {
    match by.trim().to_ascii_lowercase().as_str() {
        "" | "self" | "me" | "myself" => Ok(Rater::Myself),
        "anonymous" | "anon" => Ok(Rater::Anonymous),
        _ => Ok(Rater::Person(crate::people::named(store, by).await?.id)),
    }
}

#[derive(Debug, Clone)]
pub struct NewRating {
    pub skill: String,
    pub score: u8,
    pub by: String,
    pub on: Option<Date>,
    pub example: String,
    pub suggestion: String,
}

/// Skill names as the lead types them: a known skill whatever its case.
pub fn skill_name(typed: &str) -> String {
    let t = typed.trim();
    fulcrum_core::growth::SKILLS
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(t) || s.replace(' ', "-").eq_ignore_ascii_case(t))
        .map_or_else(|| t.to_lowercase(), |(s, _)| s.to_string())
}

pub async fn rate(store: &dyn Store, new: NewRating, now: Timestamp) -> Result<Keyed<Rating>> {
    let today = profile::today(store, now).await?;
    let rating = Rating {
        skill: skill_name(&new.skill),
        score: new.score,
        by: rater(store, &new.by).await?,
        on: new.on.unwrap_or(today),
        example: new.example.trim().to_string(),
        suggestion: new.suggestion.trim().to_string(),
        source: None,
    };
    rating.check().map_err(invalid("score"))?;
    Ok(store.add(&rating).await?)
}

/// Replaces ratings (by id) with others in one write (a quarterly self-assessment's).
pub async fn replace_ratings(store: &dyn Store, stale: &[i64], ratings: &[Rating]) -> Result<()> {
    let mut changes: Vec<_> = stale
        .iter()
        .map(|id| fulcrum_store::kept::delete_change::<Rating>(*id))
        .collect();
    for r in ratings {
        r.check().map_err(invalid("score"))?;
        changes.push(add_change(r)?);
    }
    store.write_records(&changes).await?;
    Ok(())
}

/// Every skill with its ratings by self and others, the gap and its history, and the nudges.
#[derive(Debug, Clone, Serialize)]
pub struct Skills {
    pub skills: Vec<SkillView>,
    pub nudges: Vec<String>,
    /// Who rated, by id, for the pages to name them.
    #[serde(skip)]
    pub raters: Vec<(i64, String)>,
}

pub async fn skills(store: &dyn Store) -> Result<Skills> {
    let ratings: Vec<Rating> = store.records::<Rating>().await?;
    let people = store.people().await?;
    let skills = rules::skills(&ratings);
    Ok(Skills {
        nudges: rules::nudges(&skills),
        raters: people.into_iter().map(|p| (p.id, p.name)).collect(),
        skills,
    })
}

/// Each skill's latest self rating: what the quarterly self-assessment starts from.
pub async fn latest_self_ratings(store: &dyn Store) -> Result<Vec<(String, u8)>> {
    Ok(skills(store)
        .await?
        .skills
        .into_iter()
        .filter_map(|s| s.self_score.map(|n| (s.skill, n)))
        .collect())
}

/// What the monthly check-in shows of growth: the active plans' progress and due milestones.
#[derive(Debug, Clone, Serialize)]
pub struct GrowthFacts {
    pub plans: Vec<PlanLine>,
    /// Steps due in the period or overdue.
    pub due: Vec<Keyed<Step>>,
    pub progress_in_period: usize,
    pub wins_in_period: usize,
}

pub async fn facts(store: &dyn Store, from: Date, to: Date, now: Timestamp) -> Result<GrowthFacts> {
    let plans: Vec<PlanLine> = list_plans(store, false, now)
        .await?
        .into_iter()
        .filter(|p| p.status == PlanStatus::Active)
        .collect();
    let steps = store.all::<Step>().await?;
    let due = steps
        .into_iter()
        .filter(|s| plans.iter().any(|p| p.id == s.record.plan))
        .filter(|s| matches!(s.record.status, StepStatus::Planned | StepStatus::Doing))
        .filter(|s| s.record.target.is_some_and(|t| t < to))
        .collect();
    let period = Filter::period(from, time::add_days(to, -1));
    Ok(GrowthFacts {
        plans,
        due,
        progress_in_period: store.count::<Progress>(period).await? as usize,
        wins_in_period: store.count::<Win>(period).await? as usize,
    })
}

impl GrowthFacts {
    /// The lines a check-in's facts show.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in &self.plans {
            out.push(format!(
                "Growth plan \"{}\": {} of {} steps done{}",
                p.goal,
                p.done,
                p.steps,
                if p.overdue > 0 {
                    format!(", {} overdue", p.overdue)
                } else {
                    String::new()
                }
            ));
        }
        for s in &self.due {
            out.push(format!(
                "Milestone due: {} ({})",
                s.record.title,
                s.record.target.map_or_else(String::new, |d| d.to_string())
            ));
        }
        if !self.plans.is_empty() {
            out.push(format!(
                "{} logged this period, {}",
                crate::markdown::plural(
                    self.progress_in_period,
                    "progress entry",
                    "progress entries"
                ),
                crate::markdown::plural(self.wins_in_period, "win", "wins")
            ));
        }
        out
    }
}

/// A plan as Markdown, the way one would write it down: the goal and why, what success looks
/// like, the steps with their dates, who helps and what is missing, then wins and progress.
pub fn plan_markdown(v: &PlanView) -> String {
    use std::fmt::Write as _;
    let p = &v.plan;
    let mut s = format!("# {}\n\n", p.goal);
    let mut about = format!("A {} goal, {}", p.kind, p.status);
    if let Some(role) = &p.target_role {
        let _ = write!(about, ", toward the role of {role}");
    }
    let _ = writeln!(s, "{about}; started {}.\n", p.created_on);
    if !p.why.is_empty() {
        let _ = writeln!(s, "**Why:** {}\n", p.why);
    }
    if !p.success.is_empty() {
        s.push_str("## What success looks like\n\n");
        for line in &p.success {
            let _ = writeln!(s, "- {line}");
        }
        s.push('\n');
    }
    s.push_str("## Steps\n\n");
    if v.steps.is_empty() {
        s.push_str("No steps yet. What small step could you take in the next week or month?\n");
    }
    for l in &v.steps {
        let st = &l.step.record;
        let check = if st.status == StepStatus::Done {
            "x"
        } else {
            " "
        };
        let mut line = format!("- [{check}] {}", st.title);
        match (st.status, st.done_on, st.target) {
            (StepStatus::Done, Some(d), _) => {
                let _ = write!(line, " — reached {d}");
            }
            (_, _, Some(t)) => {
                let _ = write!(line, " — by {t}");
            }
            _ => {}
        }
        if l.overdue {
            line.push_str(" (overdue)");
        }
        if st.status == StepStatus::Dropped {
            line.push_str(" (dropped)");
        }
        if !l.depends_on_names.is_empty() {
            let _ = write!(line, "; waits on {}", l.depends_on_names.join(", "));
        }
        let _ = writeln!(s, "{line}");
    }
    s.push('\n');
    if v.timeline.len() > 1 || v.timeline.iter().any(|q| !q.bars.is_empty()) {
        s.push_str("## Timeline\n\n");
        for q in &v.timeline {
            let titles: Vec<&str> = q.bars.iter().map(|b| b.title.as_str()).collect();
            let _ = writeln!(
                s,
                "- {}: {}",
                q.label,
                if titles.is_empty() {
                    "nothing planned".to_string()
                } else {
                    titles.join("; ")
                }
            );
        }
        s.push('\n');
    }
    s.push_str("## Who helps\n\n");
    if v.support.is_empty() {
        s.push_str("Nobody yet.\n");
    }
    for l in &v.support {
        let sup = &l.support.record;
        let mut line = format!("- {} — {}", l.name, sup.role);
        if let Some(side) = sup.side {
            let _ = write!(line, " ({side} side)");
        }
        if let Some(d) = sup.cadence_days {
            let _ = write!(line, ", a check-in every {d} days");
        }
        if !sup.note.is_empty() {
            let _ = write!(line, ": {}", sup.note);
        }
        let _ = writeln!(s, "{line}");
    }
    for g in &v.gaps {
        let _ = writeln!(s, "- *Missing:* {}", g.message);
    }
    s.push('\n');
    if !v.opportunities.is_empty() {
        s.push_str("## Opportunities\n\n");
        for o in &v.opportunities {
            let _ = writeln!(
                s,
                "- {} ({}, {})",
                o.record.title, o.record.kind, o.record.status
            );
        }
        s.push('\n');
    }
    if !v.wins.is_empty() || !v.progress.is_empty() {
        s.push_str("## Progress and wins\n\n");
        let mut lines: Vec<(Date, String)> = v
            .wins
            .iter()
            .map(|w| (w.record.on, format!("Win: {}", w.record.text)))
            .chain(
                v.progress
                    .iter()
                    .map(|p| (p.record.on, p.record.text.clone())),
            )
            .collect();
        lines.sort();
        for (on, text) in lines {
            let _ = writeln!(s, "- {on}: {text}");
        }
    }
    s
}
