//! Wins: noted, linked to a plan or step, and proposed from the records (feedback praise,
//! finished delegations) for the lead to accept.

use super::*;

#[derive(Debug, Clone, Default)]
pub struct NewWin {
    pub text: String,
    pub on: Option<Date>,
    pub plan: Option<i64>,
    pub step: Option<i64>,
    pub source: Option<String>,
}

pub async fn add_win(store: &dyn Store, new: NewWin, now: Timestamp) -> Result<Keyed<Win>> {
    let today = profile::today(store, now).await?;
    let (plan, step) = link(store, new.plan, new.step).await?;
    let win = Win {
        on: new.on.unwrap_or(today),
        text: new.text.trim().to_string(),
        plan,
        step,
        source: new.source,
    };
    win.check().map_err(invalid("win"))?;
    if win.on > today {
        return Err(AppError::invalid(
            "on",
            format!(
                "a win is something that happened: {} is after today",
                win.on
            ),
        ));
    }
    Ok(store.add(&win).await?)
}

pub async fn link_win(
    store: &dyn Store,
    id: i64,
    plan: Option<i64>,
    step: Option<i64>,
) -> Result<Keyed<Win>> {
    if plan.is_none() && step.is_none() {
        return Err(AppError::invalid(
            "plan",
            "link a win to a plan (--plan) or a step (--step)",
        ));
    }
    let mut win = store.get::<Win>(id).await?;
    (win.record.plan, win.record.step) = link(store, plan, step).await?;
    store.update(id, &win.record).await?;
    Ok(win)
}

/// An unlinked win and the plan it seems to belong to.
#[derive(Debug, Clone, Serialize)]
pub struct Unlinked {
    pub win: Keyed<Win>,
    pub suggested_plan: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WinList {
    pub wins: Vec<Keyed<Win>>,
    /// Wins linked to no goal yet, offered for linking.
    pub unlinked: Vec<Unlinked>,
    /// Wins Fulcrum saw in the records, for the lead to accept.
    pub proposals: Vec<Proposal>,
}

/// The wins (newest first, within `from`–`to` when given), the unlinked ones and proposals.
pub async fn wins(
    store: &dyn Store,
    from: Option<Date>,
    to: Option<Date>,
    now: Timestamp,
) -> Result<WinList> {
    let today = profile::today(store, now).await?;
    let mut all = store.all::<Win>().await?;
    all.reverse();
    let plans = store.all::<GrowthPlan>().await?;
    let steps = store.all::<Step>().await?;
    let unlinked = rules::unlinked(&all)
        .into_iter()
        .map(|w| Unlinked {
            suggested_plan: rules::suggest_link(&w.record, &plans, &steps),
            win: w.clone(),
        })
        .collect();
    let proposals = proposals(store, &all, today, now).await?;
    let wins = all
        .into_iter()
        .filter(|w| from.is_none_or(|f| w.record.on >= f) && to.is_none_or(|t| w.record.on <= t))
        .collect();
    Ok(WinList {
        wins,
        unlinked,
        proposals,
    })
}

/// What the records say went well lately, not yet accepted as a win.
async fn proposals(
    store: &dyn Store,
    wins: &[Keyed<Win>],
    today: Date,
    now: Timestamp,
) -> Result<Vec<Proposal>> {
    let since = time::add_days(today, -PROPOSAL_DAYS);
    let records = PeopleRecords::load(store, now).await?;
    let facts = crate::weekly::kept_weeks(store, since, today, now).await?;
    let commit_days = crate::activities::commit_days(store, since, today).await?;
    let existing: Vec<Win> = wins.iter().map(|w| w.record.clone()).collect();
    let names = |id: i64| {
        records
            .name_of(Some(id))
            .unwrap_or_else(|| format!("person {id}"))
    };
    Ok(rules::propose_wins(&ProposalInput {
        today,
        since,
        delegations: &records.delegations,
        feedback: &records.feedback,
        plan_weeks: &facts.plan_weeks,
        habits_kept: &facts.habits_kept,
        commit_days: &commit_days,
        names: &names,
        existing: &existing,
    }))
}

/// Accepts a proposed win: it becomes a win with its source, so it is not proposed again.
pub async fn accept_proposal(
    store: &dyn Store,
    source: &str,
    plan: Option<i64>,
    now: Timestamp,
) -> Result<Keyed<Win>> {
    let today = profile::today(store, now).await?;
    let wins = store.all::<Win>().await?;
    let proposal = proposals(store, &wins, today, now)
        .await?
        .into_iter()
        .find(|p| p.source == source)
        .ok_or_else(|| AppError::not_found("proposed win", source))?;
    add_win(
        store,
        NewWin {
            text: proposal.text,
            on: Some(proposal.on),
            plan,
            step: None,
            source: Some(proposal.source),
        },
        now,
    )
    .await
}
