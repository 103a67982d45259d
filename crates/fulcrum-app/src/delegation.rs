//! Delegating: finding what to hand over (recurring solo work from the calendar, delegate-
//! quadrant tasks), ranking who could take it, preparing the handover with complete
//! expectations, check-ins while it runs, the two-way follow-up, and the vacation test.

use crate::activities;
use crate::error::{AppError, Result};
use crate::lookup::{by_id, find, save};
use crate::markdown::plural;
use crate::people::{Records, non_empty};
use crate::profile::today;
use crate::rules_file::RuleSource;
use crate::weekly::PLAN_UID_PREFIX;
use fulcrum_core::delegation::{
    self, Candidate, Delegation, DelegationError, Expectations, Fit, FollowUp, Outcome, PoolMember,
    SoloOccurrence, Status, Style, StyleHistory, VacationTest,
};
use fulcrum_core::people::Relation;
use fulcrum_core::privacy::Privacy;
use fulcrum_core::rules::RuleSet;
use fulcrum_core::{Category, time};
use fulcrum_store::{Store, StoredEvent};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Candidates are found in this many past weeks of the calendar.
pub const CANDIDATE_WEEKS: i64 = 8;
/// "Lately", for how many delegations someone received.
pub const RECENT_DAYS: i64 = 90;

fn invalid(e: DelegationError) -> AppError {
    AppError::invalid("delegation", e.to_string())
}

/// Occurrences the user attends alone and spends time in, between two instants.
async fn solo_events(
    store: &dyn Store,
    profile: &fulcrum_core::Profile,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<StoredEvent>> {
    Ok(store
        .events_between(from.as_second(), to.as_second())
        .await?
        .into_iter()
        .filter(|e| e.others == 0 && !e.uid.starts_with(PLAN_UID_PREFIX))
        .filter(|e| activities::counts_as_time(e, profile))
        .collect())
}

fn solo_occurrences(events: &[StoredEvent], rules: &RuleSet) -> Vec<SoloOccurrence> {
    events
        .iter()
        .map(|e| {
            let a = activities::to_activity(e, "", rules, &Default::default());
            SoloOccurrence {
                key: e.uid.clone(),
                title: e.title.clone(),
                category: a.category,
                minutes: (e.end_at - e.start_at) / 60,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidates {
    /// Recurring work you did alone in the last weeks, costliest first.
    pub recurring: Vec<Candidate>,
    /// Delegate-quadrant tasks.
    pub tasks: Vec<Candidate>,
    pub weeks: i64,
}

/// What could be handed over: recurring solo work and delegate-quadrant tasks not delegated yet.
pub async fn candidates(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    now: Timestamp,
) -> Result<Candidates> {
    let profile = crate::profile::require(store).await?;
    let rules = rules.rule_set()?;
    let from =
        Timestamp::from_second(now.as_second() - CANDIDATE_WEEKS * 7 * 86_400).unwrap_or(now);
    let events = solo_events(store, &profile, from, now).await?;
    let taken: Vec<String> = store
        .delegations()
        .await?
        .into_iter()
        .filter(|d| d.status != Status::Cancelled)
        .filter_map(|d| d.origin)
        .collect();
    let fresh = |c: &Candidate| !taken.contains(&c.origin);
    Ok(Candidates {
        recurring: delegation::recurring_candidates(
            &solo_occurrences(&events, &rules),
            CANDIDATE_WEEKS,
        )
        .into_iter()
        .filter(fresh)
        .collect(),
        tasks: delegation::task_candidates(&store.tasks().await?)
            .into_iter()
            .filter(fresh)
            .collect(),
        weeks: CANDIDATE_WEEKS,
    })
}

fn pool<'a>(r: &'a Records) -> Vec<PoolMember<'a>> {
    let since = time::add_days(r.today, -RECENT_DAYS);
    let reports: Vec<_> = r
        .active()
        .filter(|p| p.relation == Relation::Report)
        .collect();
    // Without reports, anyone but the manager could take work.
    let people = if reports.is_empty() {
        r.active()
            .filter(|p| p.relation != Relation::Manager)
            .collect()
    } else {
        reports
    };
    people
        .into_iter()
        .map(|p| PoolMember {
            person: p,
            active_delegations: r
                .delegations
                .iter()
                .filter(|d| d.person_id == p.id && d.status == Status::Active)
                .count(),
            open_actions: r
                .items
                .iter()
                .filter(|i| {
                    i.person_id == p.id
                        && i.is_open()
                        && i.kind == fulcrum_core::one_on_one::ItemKind::Action
                        && i.owner == fulcrum_core::one_on_one::Owner::Them
                })
                .count(),
            received_recently: r
                .delegations
                .iter()
                .filter(|d| d.person_id == p.id && d.status != Status::Cancelled)
                .filter(|d| d.created_on >= since)
                .count(),
        })
        .collect()
}

/// Who could take a piece of work, best fit first, with the reasons.
pub async fn who(
    store: &dyn Store,
    text: &str,
    category: Category,
    now: Timestamp,
) -> Result<Vec<Fit>> {
    let r = Records::load(store, now).await?;
    Ok(delegation::who_could_take(text, category, &pool(&r)))
}

pub struct NewDelegation {
    pub person_id: i64,
    pub title: String,
    pub category: Option<Category>,
    /// `None`: the style their history suggests.
    pub style: Option<Style>,
    pub expectations: Expectations,
    pub origin: Option<String>,
}

fn clean(e: Expectations) -> Expectations {
    Expectations {
        specific: non_empty(e.specific),
        measurable: non_empty(e.measurable),
        achievable: non_empty(e.achievable),
        relevant: non_empty(e.relevant),
        deadline: e.deadline,
        trackable: non_empty(e.trackable),
    }
}

/// Whether a deadline before today is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PastDeadline {
    /// Refused, naming the date and today: what every form and command does by default.
    #[default]
    Refuse,
    /// Kept as given (`--allow-past`): the draft then needs a new deadline to be handed over.
    Allow,
}

/// Prepares a delegation as a draft: it is handed over once its expectations are complete. A
/// deadline before today is refused.
pub async fn add(store: &dyn Store, new: NewDelegation, now: Timestamp) -> Result<Delegation> {
    add_with(store, new, PastDeadline::Refuse, now).await
}

/// [`add`], saying whether a deadline before today is taken.
pub async fn add_with(
    store: &dyn Store,
    new: NewDelegation,
    past: PastDeadline,
    now: Timestamp,
) -> Result<Delegation> {
    let r = Records::load(store, now).await?;
    if past == PastDeadline::Refuse {
        delegation::check_deadline(new.expectations.deadline, r.today).map_err(invalid)?;
    }
    let p = r.person(new.person_id)?;
    if !p.is_active() {
        return Err(AppError::conflict(
            "archived person",
            format!("{} is archived; restore them first", p.name),
        ));
    }
    let title = non_empty(Some(new.title))
        .ok_or_else(|| AppError::invalid("title", "say what you are handing over (a title)"))?;
    let style = new.style.unwrap_or_else(|| r.style_history(p).suggested);
    let category = new.category.unwrap_or(Category::Build);
    let d = Delegation {
        expectations: clean(new.expectations),
        origin: new.origin,
        ..Delegation::draft(p.id, title, category, style, r.today)
    };
    Ok(store.add_delegation(&d).await?)
}

async fn person_name(store: &dyn Store, id: i64) -> Result<String> {
    Ok(crate::people::get(store, id, Privacy::Hide)
        .await?
        .first_name()
        .to_string())
}

/// Changes to a delegation; `None` leaves a field alone, an empty text clears it.
#[derive(Default)]
pub struct DelegationEdit {
    pub title: Option<String>,
    pub category: Option<Category>,
    pub style: Option<Style>,
    pub specific: Option<String>,
    pub measurable: Option<String>,
    pub achievable: Option<String>,
    pub relevant: Option<String>,
    pub deadline: Option<Date>,
    pub trackable: Option<String>,
    /// Whether a new deadline before today is taken (refused by default).
    pub past_deadline: PastDeadline,
}

/// Changes a draft or running delegation; a new deadline before today is refused unless
/// `e.past_deadline` allows it.
pub async fn edit(
    store: &dyn Store,
    id: i64,
    e: DelegationEdit,
    now: Timestamp,
) -> Result<Delegation> {
    let mut d: Delegation = find(store, id).await?;
    if e.past_deadline == PastDeadline::Refuse && e.deadline != d.expectations.deadline {
        delegation::check_deadline(e.deadline, today(store, now).await?).map_err(invalid)?;
    }
    if !d.is_open() {
        return Err(AppError::conflict(
            "delegation",
            format!("delegation {id} is {}: it can no longer change", d.status),
        ));
    }
    if let Some(t) = non_empty(e.title) {
        d.title = t;
    }
    if let Some(c) = e.category {
        d.category = c;
    }
    if let Some(s) = e.style {
        d.style = s;
    }
    let x = &mut d.expectations;
    for (field, given) in [
        (&mut x.specific, e.specific),
        (&mut x.measurable, e.measurable),
        (&mut x.achievable, e.achievable),
        (&mut x.relevant, e.relevant),
        (&mut x.trackable, e.trackable),
    ] {
        if given.is_some() {
            *field = non_empty(given);
        }
    }
    if e.deadline.is_some() {
        x.deadline = e.deadline;
    }
    save(store, d).await
}

/// Hands a draft over, scheduling its check-ins; refused while an expectation is missing.
pub async fn hand_over(store: &dyn Store, id: i64, now: Timestamp) -> Result<Delegation> {
    let today = today(store, now).await?;
    let mut d: Delegation = find(store, id).await?;
    let name = person_name(store, d.person_id).await?;
    d.hand_over(&name, today).map_err(invalid)?;
    save(store, d).await
}

pub async fn check_in(
    store: &dyn Store,
    id: i64,
    note: Option<String>,
    now: Timestamp,
) -> Result<Delegation> {
    let today = today(store, now).await?;
    let mut d: Delegation = find(store, id).await?;
    d.check_in(today, non_empty(note)).map_err(invalid)?;
    save(store, d).await
}

/// Closes a delegation with its outcome and the follow-up, both ways.
pub async fn close(
    store: &dyn Store,
    id: i64,
    outcome: Outcome,
    follow_up: FollowUp,
    now: Timestamp,
) -> Result<Delegation> {
    let today = today(store, now).await?;
    let mut d: Delegation = find(store, id).await?;
    let name = person_name(store, d.person_id).await?;
    let follow_up = FollowUp {
        what_worked: non_empty(follow_up.what_worked),
        challenges: non_empty(follow_up.challenges),
        do_better: non_empty(follow_up.do_better),
        their_feedback: non_empty(follow_up.their_feedback),
    };
    d.close(&name, outcome, follow_up, today).map_err(invalid)?;
    save(store, d).await
}

pub async fn cancel(store: &dyn Store, id: i64, now: Timestamp) -> Result<Delegation> {
    let today = today(store, now).await?;
    let mut d: Delegation = find(store, id).await?;
    if !d.is_open() {
        return Err(AppError::conflict(
            "delegation",
            format!("delegation {id} is already {}", d.status),
        ));
    }
    d.status = Status::Cancelled;
    d.closed_on = Some(today);
    save(store, d).await
}

/// A delegation with what it needs next.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub delegation: Delegation,
    pub person: String,
    /// Expectations still missing (a draft cannot be handed over until this is empty).
    pub missing: Vec<&'static str>,
    pub overdue_check_ins: usize,
    pub next_check_in: Option<Date>,
    /// Past its deadline and still running.
    pub follow_up_due: bool,
}

fn line(r: &Records, d: &Delegation) -> Line {
    Line {
        person: r.name_of(Some(d.person_id)).unwrap_or_default(),
        missing: d.expectations.missing(),
        overdue_check_ins: d.overdue_check_ins(r.today).len(),
        next_check_in: d.next_check_in().map(|c| c.due),
        follow_up_due: d.follow_up_due(r.today),
        delegation: d.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DelegationsView {
    pub items: Vec<Line>,
    pub warnings: Vec<String>,
}

/// Delegations, open ones first; `all` includes done and cancelled ones.
pub async fn list(
    store: &dyn Store,
    all: bool,
    person_id: Option<i64>,
    now: Timestamp,
) -> Result<DelegationsView> {
    let r = Records::load(store, now).await?;
    if let Some(id) = person_id {
        r.person(id)?;
    }
    let mut items: Vec<Line> = r
        .delegations
        .iter()
        .filter(|d| all || d.is_open())
        .filter(|d| person_id.is_none_or(|id| d.person_id == id))
        .map(|d| line(&r, d))
        .collect();
    items.sort_by_key(|l| {
        (
            !l.delegation.is_open(),
            l.delegation.status,
            l.delegation.id,
        )
    });
    let mut warnings = Vec::new();
    let since = time::add_days(r.today, -RECENT_DAYS);
    if let Some((id, n, total)) = delegation::concentration(&r.delegations, since) {
        warnings.push(format!(
            "{} received {n} of your last {}: spread them, or they become the \
             only one who grows (and the one who burns out).",
            r.name_of(Some(id)).unwrap_or_default(),
            plural(total, "delegation", "delegations")
        ));
    }
    for p in r.active() {
        let h = r.style_history(p);
        if h.stuck {
            warnings.push(format!(
                "You keep telling {} step by step although the last three went well: give \
                 them more room.",
                p.first_name()
            ));
        }
    }
    let running = r
        .delegations
        .iter()
        .filter(|d| d.status == Status::Active && !d.expectations.is_complete())
        .count();
    if running > 0 {
        warnings.push(format!(
            "{running} running delegation{} without complete expectations: agree on them now.",
            if running == 1 { "" } else { "s" }
        ));
    }
    Ok(DelegationsView { items, warnings })
}

pub async fn show(store: &dyn Store, id: i64, now: Timestamp) -> Result<Line> {
    let r = Records::load(store, now).await?;
    Ok(line(&r, by_id(&r.delegations, id)?))
}

pub async fn history(store: &dyn Store, person_id: i64, now: Timestamp) -> Result<StyleHistory> {
    let r = Records::load(store, now).await?;
    Ok(r.style_history(r.person(person_id)?))
}

/// What would stop if the lead were away for two weeks from `from` (today when `None`).
pub async fn vacation_test(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    from: Option<Date>,
    now: Timestamp,
) -> Result<VacationTest> {
    let profile = crate::profile::require(store).await?;
    let tz = profile.tz();
    let from = from.unwrap_or_else(|| time::local_date(now, &tz));
    let start = time::day_start(from, &tz);
    let end = time::day_start(time::add_days(from, delegation::VACATION_DAYS), &tz);
    let recurring: Vec<String> = candidates(store, rules, now)
        .await?
        .recurring
        .into_iter()
        .map(|c| c.origin.trim_start_matches("calendar:").to_string())
        .collect();
    let mut solo: BTreeMap<String, usize> = BTreeMap::new();
    for e in solo_events(store, &profile, start, end).await? {
        if recurring.contains(&e.uid) {
            *solo.entry(e.title).or_default() += 1;
        }
    }
    let mut hosted: BTreeMap<String, usize> = BTreeMap::new();
    for e in store
        .events_between(start.as_second(), end.as_second())
        .await?
    {
        let mine = e.organizer.as_deref().is_some_and(|o| profile.is_me(o));
        if mine && e.others >= 2 && activities::counts_as_time(&e, &profile) {
            *hosted.entry(e.title).or_default() += 1;
        }
    }
    Ok(delegation::vacation_test(
        from,
        &solo.into_iter().collect::<Vec<_>>(),
        &hosted.into_iter().collect::<Vec<_>>(),
        &store.tasks().await?,
    ))
}

/// Reads a style word, naming the choices when it is unknown.
pub fn parse_style(s: &str) -> Result<Style> {
    Style::parse(s).ok_or_else(|| {
        AppError::invalid(
            "--style",
            format!("unknown style {s:?}: choose {}", Style::words()),
        )
    })
}

pub fn parse_outcome(s: &str) -> Result<Outcome> {
    Outcome::parse(s).ok_or_else(|| {
        AppError::invalid(
            "--outcome",
            format!("unknown outcome {s:?}: choose {}", Outcome::words()),
        )
    })
}
