//! Projects: add and change them and their milestones, each change one write; list them with
//! where they stand against their milestones and deadline; and count each person's streams of
//! work in parallel. The CLI and the pages call these.

use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::delegation::Delegation;
use fulcrum_core::projects::{
    self, Keyed, Milestone, Project, ProjectError, ProjectFacts, Slip, Status, WIP_LIMIT, Wip,
};
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// A person a record names, with their name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: i64,
    /// `#id` when the person is no longer in People.
    pub name: String,
}

/// A project as the lists show it: the record, its people by name, and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub project: Keyed<Project>,
    pub owner_name: String,
    pub members: Vec<Named>,
    /// Its milestones, the forecast and whether it is slipping, as of today.
    pub slip: Slip,
}

/// A new project, as the flags and the form give it.
#[derive(Debug, Clone, Default)]
pub struct NewProject {
    pub name: String,
    pub purpose: String,
    pub owner: i64,
    pub deadline: Option<Date>,
    pub deadline_reason: Option<String>,
    pub members: Vec<i64>,
    /// Active when not said.
    pub status: Option<Status>,
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProjectEdit {
    pub name: Option<String>,
    pub purpose: Option<String>,
    pub owner: Option<i64>,
    /// `Some(None)` takes the deadline (and its reason) away.
    pub deadline: Option<Option<Date>>,
    pub deadline_reason: Option<String>,
    pub members: Option<Vec<i64>>,
}

/// A project error, naming the field of the form and the flag of the command.
fn refused(e: ProjectError) -> AppError {
    AppError::invalid(e.field(), e.to_string())
}

/// Everyone in People, by id, with their names.
pub(crate) async fn names(store: &dyn Store) -> Result<BTreeMap<i64, String>> {
    Ok(store
        .people()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

fn named(names: &BTreeMap<i64, String>, id: i64) -> Named {
    Named {
        id,
        name: names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
    }
}

/// Refuses an owner or member who is not in People, naming the field.
pub(crate) fn known(names: &BTreeMap<i64, String>, field: &'static str, ids: &[i64]) -> Result<()> {
    match ids.iter().find(|id| !names.contains_key(id)) {
        Some(id) => Err(AppError::invalid(
            field,
            format!(
                "there is no person {id}: add them to People first, or name someone who is there"
            ),
        )),
        None => Ok(()),
    }
}

/// The members without the owner, each once.
fn members_of(owner: i64, members: &[i64]) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for m in members {
        if *m != owner && !out.contains(m) {
            out.push(*m);
        }
    }
    out
}

pub(crate) fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn checked_write(store: &dyn Store, id: Option<i64>, p: &Project) -> Result<i64> {
    p.check().map_err(refused)?;
    let names = names(store).await?;
    known(&names, "owner", &[p.owner])?;
    known(&names, "people", &p.people)?;
    match id {
        Some(id) => {
            store.update(id, p).await?;
            Ok(id)
        }
        None => Ok(store.add(p).await?.id),
    }
}

/// Adds a project; an active one starts today.
pub async fn add(store: &dyn Store, new: NewProject, now: Timestamp) -> Result<Keyed<Project>> {
    let today = profile::today(store, now).await?;
    let status = new.status.unwrap_or(Status::Active);
    let project = Project {
        name: new.name.trim().to_string(),
        purpose: new.purpose.trim().to_string(),
        owner: new.owner,
        deadline: new.deadline,
        deadline_reason: clean(new.deadline_reason),
        status,
        started_on: (status != Status::Planned).then_some(today),
        done_on: (status == Status::Done).then_some(today),
        people: members_of(new.owner, &new.members),
    };
    let id = checked_write(store, None, &project).await?;
    Ok(Keyed {
        id,
        record: project,
    })
}

async fn facts(store: &dyn Store, project: Keyed<Project>) -> Result<ProjectFacts> {
    let milestones = store
        .find::<Milestone>(fulcrum_store::kept::Filter::parent(project.id))
        .await?;
    Ok(ProjectFacts {
        project,
        milestones,
    })
}

/// Every project with its milestones, by id.
pub async fn all_facts(store: &dyn Store) -> Result<Vec<ProjectFacts>> {
    let milestones = store.all::<Milestone>().await?;
    let mut projects = store.all::<Project>().await?;
    projects.sort_by_key(|p| p.id);
    Ok(projects
        .into_iter()
        .map(|project| ProjectFacts {
            milestones: milestones
                .iter()
                .filter(|m| m.record.project == project.id)
                .cloned()
                .collect(),
            project,
        })
        .collect())
}

fn line(f: ProjectFacts, names: &BTreeMap<i64, String>, today: Date) -> Line {
    let slip = f.slip(today);
    Line {
        owner_name: named(names, f.project.record.owner).name,
        members: f
            .project
            .record
            .people
            .iter()
            .map(|id| named(names, *id))
            .collect(),
        project: f.project,
        slip,
    }
}

/// The projects (only those with `status` when given): active ones first, then planned,
/// paused, done and cancelled, each by id.
pub async fn list(store: &dyn Store, status: Option<Status>, now: Timestamp) -> Result<Vec<Line>> {
    let today = profile::today(store, now).await?;
    let names = names(store).await?;
    let rank = |s: Status| match s {
        Status::Active => 0,
        Status::Planned => 1,
        Status::Paused => 2,
        Status::Done => 3,
        Status::Cancelled => 4,
    };
    let mut lines: Vec<Line> = all_facts(store)
        .await?
        .into_iter()
        .filter(|f| status.is_none_or(|s| f.project.record.status == s))
        .map(|f| line(f, &names, today))
        .collect();
    lines.sort_by_key(|l| (rank(l.project.record.status), l.project.id));
    Ok(lines)
}

/// One project, with its milestones and forecast.
pub async fn show(store: &dyn Store, id: i64, now: Timestamp) -> Result<Line> {
    let today = profile::today(store, now).await?;
    let project = store.get::<Project>(id).await?;
    Ok(line(
        facts(store, project).await?,
        &names(store).await?,
        today,
    ))
}

/// Changes what `edit` gives.
pub async fn edit(store: &dyn Store, id: i64, edit: ProjectEdit) -> Result<Keyed<Project>> {
    let mut p = store.get::<Project>(id).await?;
    let r = &mut p.record;
    if let Some(name) = edit.name {
        r.name = name.trim().to_string();
    }
    if let Some(purpose) = edit.purpose {
        r.purpose = purpose.trim().to_string();
    }
    if let Some(owner) = edit.owner {
        r.owner = owner;
    }
    match edit.deadline {
        Some(None) => {
            r.deadline = None;
            r.deadline_reason = None;
        }
        Some(Some(d)) => r.deadline = Some(d),
        None => {}
    }
    if let Some(reason) = edit.deadline_reason {
        r.deadline_reason = clean(Some(reason));
    }
    let members = edit.members.unwrap_or_else(|| r.people.clone());
    r.people = members_of(r.owner, &members);
    checked_write(store, Some(id), &p.record).await?;
    Ok(p)
}

/// Sets the status: work starts the first time it is active or paused, and ends when done
/// (today) or cancelled; back to active or planned, it is no longer done.
pub async fn set_status(
    store: &dyn Store,
    id: i64,
    status: Status,
    now: Timestamp,
) -> Result<Keyed<Project>> {
    let today = profile::today(store, now).await?;
    let mut p = store.get::<Project>(id).await?;
    let r = &mut p.record;
    r.status = status;
    match status {
        Status::Active | Status::Paused => {
            r.started_on.get_or_insert(today);
            r.done_on = None;
        }
        Status::Done => {
            r.started_on.get_or_insert(today);
            r.done_on = Some(today);
        }
        Status::Planned => r.done_on = None,
        Status::Cancelled => {}
    }
    checked_write(store, Some(id), &p.record).await?;
    Ok(p)
}

/// Adds a milestone to project `project`.
pub async fn add_milestone(
    store: &dyn Store,
    project: i64,
    title: &str,
    due: Date,
) -> Result<Keyed<Milestone>> {
    store.get::<Project>(project).await?;
    let m = Milestone {
        project,
        title: title.trim().to_string(),
        due,
        done_on: None,
    };
    m.check().map_err(refused)?;
    Ok(store.add(&m).await?)
}

/// Changes a milestone's title or due date.
pub async fn edit_milestone(
    store: &dyn Store,
    id: i64,
    title: Option<String>,
    due: Option<Date>,
) -> Result<Keyed<Milestone>> {
    let mut m = store.get::<Milestone>(id).await?;
    if let Some(t) = title {
        m.record.title = t.trim().to_string();
    }
    if let Some(d) = due {
        m.record.due = d;
    }
    m.record.check().map_err(refused)?;
    store.update(id, &m.record).await?;
    Ok(m)
}

/// Marks a milestone done on `on` (today when not said); a day after today is refused.
pub async fn milestone_done(
    store: &dyn Store,
    id: i64,
    on: Option<Date>,
    now: Timestamp,
) -> Result<Keyed<Milestone>> {
    let today = profile::today(store, now).await?;
    let on = on.unwrap_or(today);
    if on > today {
        return Err(AppError::invalid(
            "on",
            format!(
                "{on} is after today ({today}): mark a milestone done on the day it was reached"
            ),
        ));
    }
    let mut m = store.get::<Milestone>(id).await?;
    m.record.done_on = Some(on);
    store.update(id, &m.record).await?;
    Ok(m)
}

/// Open again: the milestone was marked done by mistake.
pub async fn milestone_undone(store: &dyn Store, id: i64) -> Result<Keyed<Milestone>> {
    let mut m = store.get::<Milestone>(id).await?;
    m.record.done_on = None;
    store.update(id, &m.record).await?;
    Ok(m)
}

/// One person's streams of work, with their name.
#[derive(Debug, Clone, Serialize)]
pub struct WipLine {
    #[serde(flatten)]
    pub wip: Wip,
    pub name: String,
}

/// Everyone's streams of work in parallel against the limit.
#[derive(Debug, Clone, Serialize)]
pub struct WipReport {
    pub limit: usize,
    pub people: Vec<WipLine>,
    /// How many carry more streams than the limit.
    pub over: usize,
}

/// Each person's streams of work in parallel: active projects they own or work on and the
/// delegations handed to them that are running.
pub async fn wip(store: &dyn Store) -> Result<WipReport> {
    let names = names(store).await?;
    let projects = store.all::<Project>().await?;
    let delegations: Vec<Delegation> = store.delegations().await?;
    let people: Vec<WipLine> = projects::wip(&projects, &delegations, WIP_LIMIT)
        .into_iter()
        .map(|wip| WipLine {
            name: named(&names, wip.person).name,
            wip,
        })
        .collect();
    Ok(WipReport {
        limit: WIP_LIMIT,
        over: people.iter().filter(|l| l.wip.over).count(),
        people,
    })
}
