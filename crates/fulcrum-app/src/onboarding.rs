//! Onboarding plans for new joiners: steps from the template dated from their start, extra
//! steps of the lead's own, and progress through them.

use crate::error::{AppError, Result};
use crate::people::{Onboarding, Records, non_empty};
use fulcrum_core::onboarding::{self, Step};
use fulcrum_store::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;

fn no_plan(name: &str) -> AppError {
    AppError::not_found("onboarding plan for", name)
}

/// Starts a plan for a person from the template, dated from `start` (else their start date,
/// else today). Refused when they already have one.
pub async fn start(
    store: &dyn Store,
    person_id: i64,
    start: Option<Date>,
    now: Timestamp,
) -> Result<Onboarding> {
    let r = Records::load(store, now).await?;
    let p = r.person(person_id)?;
    if r.onboarding(p).is_some() {
        return Err(AppError::conflict(
            "onboarding plan",
            format!("{} already has an onboarding plan", p.name),
        ));
    }
    let start = start.or(p.start_date).unwrap_or(r.today);
    let steps: Vec<Step> = onboarding::plan(start)
        .into_iter()
        .map(|(seq, title, due)| Step {
            id: 0,
            person_id: p.id,
            seq,
            title: title.into(),
            due: Some(due),
            done_on: None,
        })
        .collect();
    store.add_onboarding_steps(&steps).await?;
    show(store, person_id, now).await
}

pub async fn show(store: &dyn Store, person_id: i64, now: Timestamp) -> Result<Onboarding> {
    let r = Records::load(store, now).await?;
    let p = r.person(person_id)?;
    r.onboarding(p).ok_or_else(|| no_plan(&p.name))
}

/// Every plan of an active person, least progressed first.
pub async fn all(store: &dyn Store, now: Timestamp) -> Result<Vec<Onboarding>> {
    let r = Records::load(store, now).await?;
    let mut out: Vec<Onboarding> = r.active().filter_map(|p| r.onboarding(p)).collect();
    out.sort_by_key(|o| (o.progress.percent, o.person_id));
    Ok(out)
}

/// Adds a step of the lead's own at the end of someone's plan.
pub async fn add_step(
    store: &dyn Store,
    person_id: i64,
    title: String,
    due: Option<Date>,
    now: Timestamp,
) -> Result<Step> {
    let plan = show(store, person_id, now).await?;
    let title =
        non_empty(Some(title)).ok_or_else(|| AppError::invalid("title", "a step needs a title"))?;
    let seq = plan.steps.iter().map(|s| s.seq).max().unwrap_or(0) + 1;
    let step = Step {
        id: 0,
        person_id,
        seq,
        title,
        due,
        done_on: None,
    };
    Ok(store
        .add_onboarding_steps(std::slice::from_ref(&step))
        .await?
        .remove(0))
}

/// Marks step number `seq` of someone's plan done (or not done again with `undo`).
pub async fn done(
    store: &dyn Store,
    person_id: i64,
    seq: u32,
    undo: bool,
    now: Timestamp,
) -> Result<Step> {
    let r = Records::load(store, now).await?;
    let plan = show(store, person_id, now).await?;
    let mut step = plan
        .steps
        .into_iter()
        .find(|s| s.seq == seq)
        .ok_or(AppError::Store(StoreError::NotFound {
            what: "onboarding step",
            id: i64::from(seq),
        }))?;
    step.done_on = (!undo).then_some(r.today);
    store.update_onboarding_step(&step).await?;
    Ok(step)
}
