//! Handling an incident after it is logged: its roles, its timeline, the blameless
//! postmortem (as sections, or as one Markdown document), the actions tracked to done, and
//! the out-of-hours load each responder carries (on-call fairness).

use crate::delivery::{self, IncidentView};
use crate::error::{AppError, Result};
use crate::rules_file::RuleSource;
use crate::{activities, people, profile};
use fulcrum_core::incidents::postmortem::{self, Edited};
use fulcrum_core::incidents::{Action, Incident, IncidentError, Postmortem, TimelineEntry};
use fulcrum_core::oncall::{self, Load, OnCallInput, Responder};
use fulcrum_core::{Category, Interval, Profile, time};
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// What an edit of an incident changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct IncidentEdit {
    /// The owner, by name (or id); blank clears it.
    pub owner: Option<String>,
    /// The solvers, by name; given, they replace the list.
    pub solvers: Option<Vec<String>>,
    pub communicator: Option<String>,
    pub severity: Option<u8>,
    pub resolved: Option<Timestamp>,
    pub title: Option<String>,
}

/// The incident `id`, refused as not found under the name the commands use.
async fn load(store: &dyn Store, id: i64) -> Result<Incident> {
    Ok(store.get::<Incident>(id).await?.record)
}

/// The person a field names, by name or id; blank is nobody.
async fn person(store: &dyn Store, text: &str) -> Result<Option<i64>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(people::named(store, text).await?.id))
}

/// Refuses an incident that breaks its rules, naming the field to fix.
fn check(incident: &Incident) -> Result<()> {
    incident.check().map_err(|e| {
        let field = match e {
            IncidentError::NoTitle => "title",
            IncidentError::Severity(_) => "--severity",
            IncidentError::ResolvedBeforeStart { .. } => "--resolved",
        };
        AppError::invalid(field, e.to_string())
    })
}

/// Saves the changed incident and returns it in full.
async fn save(store: &dyn Store, id: i64, incident: &Incident) -> Result<IncidentView> {
    check(incident)?;
    store.update(id, incident).await?;
    delivery::incident(store, id).await
}

/// Sets the roles, severity, resolution or title of an incident, in one write.
pub async fn edit(store: &dyn Store, id: i64, edit: IncidentEdit) -> Result<IncidentView> {
    let mut i = load(store, id).await?;
    if let Some(o) = &edit.owner {
        i.owner = person(store, o).await?;
    }
    if let Some(names) = &edit.solvers {
        let mut ids = Vec::new();
        for n in names {
            if let Some(p) = person(store, n).await?
                && !ids.contains(&p)
            {
                ids.push(p);
            }
        }
        i.solvers = ids;
    }
    if let Some(c) = &edit.communicator {
        i.communicator = person(store, c).await?;
    }
    if let Some(s) = edit.severity {
        i.severity = s;
    }
    if edit.resolved.is_some() {
        i.resolved = edit.resolved;
    }
    if let Some(t) = &edit.title {
        i.title = t.trim().to_string();
    }
    save(store, id, &i).await
}

/// Adds an entry to the timeline (at `at`, by default now), kept in time order.
pub async fn add_timeline(
    store: &dyn Store,
    id: i64,
    text: &str,
    at: Option<Timestamp>,
    by: Option<&str>,
    now: Timestamp,
) -> Result<IncidentView> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "text",
            "a timeline entry needs a text: say what happened or was done",
        ));
    }
    let mut i = load(store, id).await?;
    let by = match by {
        Some(n) => person(store, n).await?,
        None => None,
    };
    i.timeline.push(TimelineEntry {
        at: at.unwrap_or(now),
        text: text.to_string(),
        by,
    });
    i.timeline.sort_by_key(|e| e.at);
    save(store, id, &i).await
}

/// What the postmortem document needs: names and the zone.
async fn context(store: &dyn Store, i: &Incident) -> Result<(BTreeMap<i64, String>, Profile)> {
    let names = store
        .people()
        .await?
        .into_iter()
        .filter(|p| i.people().contains(&p.id))
        .map(|p| (p.id, p.name))
        .collect();
    Ok((names, profile::require(store).await?))
}

fn namer(names: &BTreeMap<i64, String>) -> impl Fn(i64) -> String + '_ {
    |id| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

/// The postmortem as Markdown; the template with its sections when none is written yet.
pub async fn postmortem_markdown(store: &dyn Store, id: i64) -> Result<String> {
    let i = load(store, id).await?;
    let (names, profile) = context(store, &i).await?;
    let tz = profile.tz();
    let resolved_on = i.resolved.map(|t| time::local_date(t, &tz));
    Ok(postmortem::to_markdown(
        id,
        &i,
        &namer(&names),
        &tz,
        resolved_on,
    ))
}

/// Reads an edited postmortem document back into the incident's sections and actions.
pub async fn save_postmortem_markdown(
    store: &dyn Store,
    id: i64,
    markdown: &str,
    now: Timestamp,
) -> Result<IncidentView> {
    let edited =
        postmortem::read(markdown).map_err(|e| AppError::invalid("--file", e.to_string()))?;
    apply(store, id, edited, now).await
}

/// Saves the postmortem's sections as a form gave them; the actions are left as they are.
pub async fn save_postmortem_sections(
    store: &dyn Store,
    id: i64,
    sections: Postmortem,
    now: Timestamp,
) -> Result<IncidentView> {
    let i = load(store, id).await?;
    let actions = i
        .postmortem
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| postmortem::ActionLine {
            text: a.text.clone(),
            done: a.done_on.is_some(),
        })
        .collect();
    apply(store, id, Edited { sections, actions }, now).await
}

async fn apply(store: &dyn Store, id: i64, edited: Edited, now: Timestamp) -> Result<IncidentView> {
    let mut i = load(store, id).await?;
    let (names, profile) = context(store, &i).await?;
    let tz = profile.tz();
    let told = postmortem::timeline_from_entries(&i, &namer(&names), &tz);
    let today = time::local_date(now, &tz);
    i.postmortem = Some(postmortem::apply(
        i.postmortem.as_ref(),
        edited,
        &told,
        today,
    ));
    save(store, id, &i).await
}

/// A new postmortem action.
#[derive(Debug, Clone, Default)]
pub struct NewAction {
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub priority: bool,
}

/// Adds an action to the incident's postmortem (starting one when there is none).
pub async fn add_action(store: &dyn Store, id: i64, new: NewAction) -> Result<IncidentView> {
    let text = new.text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "text",
            "an action needs a text: say what will be done",
        ));
    }
    let mut i = load(store, id).await?;
    let owner = match &new.owner {
        Some(n) => person(store, n).await?,
        None => None,
    };
    i.postmortem
        .get_or_insert_with(Postmortem::default)
        .actions
        .push(Action {
            text: text.to_string(),
            owner,
            due: new.due,
            done_on: None,
            priority: new.priority,
        });
    save(store, id, &i).await
}

/// An action's address: `INCIDENT.N`, the incident and the action's place (from 1) in its
/// postmortem, as `fulcrum incident show` lists them.
pub fn parse_action_id(text: &str) -> Result<(i64, usize)> {
    let bad = || {
        AppError::invalid(
            "AID",
            format!(
                "{text:?} is not an action: write INCIDENT.N, e.g. 3.2 for the second action of incident 3"
            ),
        )
    };
    let (i, n) = text.trim().split_once('.').ok_or_else(bad)?;
    let i: i64 = i.parse().map_err(|_| bad())?;
    let n: usize = n.parse().map_err(|_| bad())?;
    if n == 0 {
        return Err(bad());
    }
    Ok((i, n))
}

/// Marks action `n` (from 1) of incident `id` done today, or open again with `done` false.
pub async fn set_action_done(
    store: &dyn Store,
    id: i64,
    n: usize,
    done: bool,
    now: Timestamp,
) -> Result<IncidentView> {
    let mut i = load(store, id).await?;
    let today = time::local_date(now, &profile::require(store).await?.tz());
    let count = i.postmortem.as_ref().map_or(0, |p| p.actions.len());
    let action = i
        .postmortem
        .as_mut()
        .and_then(|p| p.actions.get_mut(n.wrapping_sub(1)))
        .ok_or_else(|| {
            AppError::invalid(
                "AID",
                format!("incident {id} has {count} actions, not a number {n}: see fulcrum incident show {id}"),
            )
        })?;
    action.done_on = done.then_some(action.done_on.unwrap_or(today));
    save(store, id, &i).await
}

/// One responder's out-of-hours load, named.
#[derive(Debug, Clone, Serialize)]
pub struct LoadLine {
    #[serde(flatten)]
    pub load: Load,
    /// Their name; "you" for the lead.
    pub name: String,
    pub hours: f64,
}

/// The out-of-hours load of the last weeks.
#[derive(Debug, Clone, Serialize)]
pub struct OnCallReport {
    pub from: Date,
    pub to: Date,
    pub weeks: i64,
    /// The working hours the load is measured against, Monday first.
    pub working_hours: [String; 7],
    pub timezone: String,
    /// The heaviest first.
    pub loads: Vec<LoadLine>,
    /// The responder carrying more than half, when at least three share it (the coach's
    /// `on-call-uneven`).
    pub uneven: Option<String>,
}

/// The lead's own on-call and incident time (calendar events in the operate category) in
/// `[from, to)`.
pub async fn own_oncall_time(
    store: &dyn Store,
    profile: &Profile,
    rules: &(impl RuleSource + ?Sized),
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Interval>> {
    let loaded = activities::load(store, profile, &rules.rule_set()?, from, to).await?;
    Ok(loaded
        .activities
        .iter()
        .filter(|a| a.category == Category::Operate)
        .filter(|a| a.kind != fulcrum_core::ActivityKind::Coding)
        .map(|a| a.interval())
        .collect())
}

/// Each responder's out-of-hours load over the last `weeks` weeks up to today.
pub async fn oncall_load(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    weeks: i64,
    now: Timestamp,
) -> Result<OnCallReport> {
    if !(1..=520).contains(&weeks) {
        return Err(AppError::invalid(
            "--weeks",
            format!("--weeks {weeks}: choose from 1 to 520 weeks"),
        ));
    }
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let today = time::local_date(now, &tz);
    let first = time::add_days(today, -7 * weeks);
    let (from, to) = (
        time::day_start(first, &tz),
        time::day_start(time::add_days(today, 1), &tz),
    );
    let incidents: Vec<Incident> = store.records::<Incident>().await?;
    let own = own_oncall_time(store, &profile, rules, from, to).await?;
    let loads = oncall::load(&OnCallInput {
        incidents: &incidents,
        own: &own,
        hours: &profile.working_hours,
        tz: &tz,
        from,
        to: to.min(now.max(from)),
    });
    let names: BTreeMap<i64, String> = store
        .people()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let name = |r: Responder| match r {
        Responder::Me => "you".to_string(),
        Responder::Person(id) => names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
    };
    let uneven = oncall::uneven(&loads).map(|l| name(l.responder));
    Ok(OnCallReport {
        from: first,
        to: today,
        weeks,
        working_hours: profile.working_hours.days.clone(),
        timezone: profile.timezone.clone(),
        loads: loads
            .into_iter()
            .map(|l| LoadLine {
                name: name(l.responder),
                hours: (l.minutes as f64 / 60.0 * 10.0).round() / 10.0,
                load: l,
            })
            .collect(),
        uneven,
    })
}
