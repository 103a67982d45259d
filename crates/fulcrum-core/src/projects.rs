//! Projects: why each one exists, the one person who owns it, who works on it, its milestones
//! and a deadline with the reason it exists; whether it is slipping against its milestones,
//! when it will end at the pace it has kept, and how many streams of work each person carries
//! at once (C8–C10).
//!
//! The forecast, exactly:
//! - A milestone done after its due date ran late by `done_on − due` days; one done early ran
//!   "late" by a negative number of days. An open milestone past its due date is *late* by
//!   `today − due` days.
//! - The *carried delay* is the larger of (a) the mean of the finished milestones' lateness,
//!   rounded up to whole days and never below zero (none finished: zero), and (b) how many days
//!   the most overdue open milestone is past due today: the work after a late checkpoint is at
//!   least as late as the checkpoint.
//! - Each open milestone is forecast at `due + carried delay`, and never before today.
//! - The forecast end is the latest of the open milestones' forecasts and the finished ones'
//!   `done_on`.
//! - An active project is *slipping* when a milestone is late, or when its forecast end falls
//!   after its deadline.

#[cfg(test)]
mod tests;

pub use crate::growth::Keyed;

use crate::delegation::{self, Delegation};
use crate::time::{add_days, days_between};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many streams of work one person carries at once before finishing beats starting: two.
/// The reference sets no number; it names context switching as the biggest cost of parallel
/// work, so a second stream is already the most that is taken without friction.
pub const WIP_LIMIT: usize = 2;

word_enum! {
    pub enum Status {
        /// Agreed, not started.
        Planned = "planned",
        Active = "active",
        /// Stopped for a while; its people are free for other work.
        Paused = "paused",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// A project: what it is for, who owns it, who works on it, and when it must be done by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    /// Why it is done: the problem or opportunity, and what success looks like.
    pub purpose: String,
    /// The one person who tracks progress and reacts when it goes off track (an id in People).
    pub owner: i64,
    #[serde(default)]
    pub deadline: Option<Date>,
    /// Why the deadline exists (a launch, a contract, an audit); required with a deadline.
    #[serde(default)]
    pub deadline_reason: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub started_on: Option<Date>,
    #[serde(default)]
    pub done_on: Option<Date>,
    /// Who works on it besides the owner (ids in People).
    #[serde(default)]
    pub people: Vec<i64>,
}

/// A checkpoint of a project: a moment to show progress and readjust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub project: i64,
    pub title: String,
    pub due: Date,
    #[serde(default)]
    pub done_on: Option<Date>,
}

/// Why a project or milestone cannot be kept as given; `field` names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectError {
    #[error("a project needs a name")]
    NoName,
    #[error("a project needs a purpose: why is it done, and what would success look like?")]
    NoPurpose,
    #[error(
        "a deadline needs its reason: say why the project must be done by {0} (a launch, a contract, an audit)"
    )]
    NoReason(Date),
    #[error("a reason was given but no deadline: give the date it explains, or leave both out")]
    ReasonWithoutDeadline,
    #[error("it is marked done on {done}, before it started on {started}: check both")]
    DoneBeforeStart { started: Date, done: Date },
    #[error("a milestone needs a title: what will be true, and shown, at that checkpoint?")]
    NoTitle,
}

impl ProjectError {
    /// The record's field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ProjectError::NoName => "name",
            ProjectError::NoPurpose => "purpose",
            ProjectError::NoReason(_) => "deadline_reason",
            ProjectError::ReasonWithoutDeadline => "deadline",
            ProjectError::DoneBeforeStart { .. } => "done_on",
            ProjectError::NoTitle => "title",
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl Project {
    /// Refuses a project with no name or purpose, a deadline without its reason (or a reason
    /// without a deadline), or one done before it started.
    pub fn check(&self) -> Result<(), ProjectError> {
        if blank(&self.name) {
            return Err(ProjectError::NoName);
        }
        if blank(&self.purpose) {
            return Err(ProjectError::NoPurpose);
        }
        let reason = self.deadline_reason.as_deref().is_some_and(|r| !blank(r));
        match self.deadline {
            Some(d) if !reason => return Err(ProjectError::NoReason(d)),
            None if reason => return Err(ProjectError::ReasonWithoutDeadline),
            _ => {}
        }
        match (self.started_on, self.done_on) {
            (Some(started), Some(done)) if done < started => {
                Err(ProjectError::DoneBeforeStart { started, done })
            }
            _ => Ok(()),
        }
    }

    /// The owner first, then the members, each once.
    pub fn everyone(&self) -> Vec<i64> {
        let mut all = vec![self.owner];
        for p in &self.people {
            if !all.contains(p) {
                all.push(*p);
            }
        }
        all
    }
}

impl Milestone {
    pub fn check(&self) -> Result<(), ProjectError> {
        if blank(&self.title) {
            return Err(ProjectError::NoTitle);
        }
        Ok(())
    }
}

/// A milestone as the forecast sees it on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneState {
    pub id: i64,
    pub title: String,
    pub due: Date,
    pub done_on: Option<Date>,
    /// Open and past its due date.
    pub late: bool,
    /// Days past due: when it was done (negative when early), or until today while it is
    /// open and late; zero for an open one not yet due.
    pub late_days: i64,
    /// When it was done, or when it is forecast to be.
    pub forecast: Date,
}

/// Where a project stands against its milestones and deadline on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slip {
    /// By due date.
    pub milestones: Vec<MilestoneState>,
    pub late_milestones: usize,
    /// The mean lateness of the finished milestones in days (negative when early); none
    /// before one is finished.
    pub average_delay_days: Option<f64>,
    /// The delay carried to the open milestones (see the module's description).
    pub carried_delay_days: i64,
    /// When the last milestone is done or forecast; none without milestones.
    pub forecast_end: Option<Date>,
    /// Days the forecast end falls after the deadline; zero when it holds.
    pub past_deadline_days: i64,
    /// Active, and a milestone is late or the forecast passes the deadline.
    pub slipping: bool,
}

/// The mean lateness of the finished milestones, and that rounded up to the days carried.
fn finished_delay(milestones: &[MilestoneState]) -> (Option<f64>, i64) {
    let done: Vec<i64> = milestones
        .iter()
        .filter(|m| m.done_on.is_some())
        .map(|m| m.late_days)
        .collect();
    if done.is_empty() {
        return (None, 0);
    }
    let mean = done.iter().sum::<i64>() as f64 / done.len() as f64;
    (Some(mean), (mean.ceil() as i64).max(0))
}

/// Where `project` stands on `today` against its `milestones` (those of other projects are
/// ignored).
pub fn slip(project: &Keyed<Project>, milestones: &[Keyed<Milestone>], today: Date) -> Slip {
    let mut states: Vec<MilestoneState> = milestones
        .iter()
        .filter(|m| m.record.project == project.id)
        .map(|m| {
            let r = &m.record;
            let late = r.done_on.is_none() && r.due < today;
            let late_days = match r.done_on {
                Some(done) => days_between(r.due, done),
                None if late => days_between(r.due, today),
                None => 0,
            };
            MilestoneState {
                id: m.id,
                title: r.title.clone(),
                due: r.due,
                done_on: r.done_on,
                late,
                late_days,
                forecast: r.done_on.unwrap_or(r.due),
            }
        })
        .collect();
    states.sort_by_key(|m| (m.due, m.id));
    let (average, from_finished) = finished_delay(&states);
    let most_overdue = states
        .iter()
        .filter(|m| m.late)
        .map(|m| m.late_days)
        .max()
        .unwrap_or(0);
    let carried = from_finished.max(most_overdue);
    for m in states.iter_mut().filter(|m| m.done_on.is_none()) {
        m.forecast = add_days(m.due, carried).max(today);
    }
    let forecast_end = states.iter().map(|m| m.forecast).max();
    let past_deadline_days = match (forecast_end, project.record.deadline) {
        (Some(end), Some(deadline)) => days_between(deadline, end).max(0),
        _ => 0,
    };
    let late_milestones = states.iter().filter(|m| m.late).count();
    Slip {
        slipping: project.record.status == Status::Active
            && (late_milestones > 0 || past_deadline_days > 0),
        milestones: states,
        late_milestones,
        average_delay_days: average,
        carried_delay_days: carried,
        forecast_end,
        past_deadline_days,
    }
}

/// What a project is, with its id and milestones: what the coach reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFacts {
    pub project: Keyed<Project>,
    pub milestones: Vec<Keyed<Milestone>>,
}

impl ProjectFacts {
    pub fn slip(&self, today: Date) -> Slip {
        slip(&self.project, &self.milestones, today)
    }
}

word_enum! {
    /// How a person carries a stream of work.
    pub enum Role {
        /// Owns a project.
        Owner = "owner",
        /// Works on a project.
        Member = "member",
        /// Was handed a delegation that is running.
        Delegate = "delegate",
    }
}

word_enum! {
    pub enum StreamKind {
        Project = "project",
        Delegation = "delegation",
    }
}

/// One stream of work a person carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stream {
    pub kind: StreamKind,
    /// The project's or delegation's id.
    pub id: i64,
    pub title: String,
    pub role: Role,
}

/// The streams of work one person carries at once, against the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wip {
    pub person: i64,
    pub streams: Vec<Stream>,
    pub count: usize,
    pub limit: usize,
    /// Exactly at the limit: a new stream would put them over it.
    pub at_limit: bool,
    pub over: bool,
}

/// Each person's streams of work in parallel: the active projects they own or work on, and
/// the delegations handed to them that are still running (a draft is not started, a closed
/// one is finished). Most streams first, then by person id; people with none are left out.
pub fn wip(projects: &[Keyed<Project>], delegations: &[Delegation], limit: usize) -> Vec<Wip> {
    let mut by_person: BTreeMap<i64, Vec<Stream>> = BTreeMap::new();
    for p in projects
        .iter()
        .filter(|p| p.record.status == Status::Active)
    {
        for person in p.record.everyone() {
            let role = if person == p.record.owner {
                Role::Owner
            } else {
                Role::Member
            };
            by_person.entry(person).or_default().push(Stream {
                kind: StreamKind::Project,
                id: p.id,
                title: p.record.name.clone(),
                role,
            });
        }
    }
    for d in delegations
        .iter()
        .filter(|d| d.status == delegation::Status::Active)
    {
        by_person.entry(d.person_id).or_default().push(Stream {
            kind: StreamKind::Delegation,
            id: d.id,
            title: d.title.clone(),
            role: Role::Delegate,
        });
    }
    let mut out: Vec<Wip> = by_person
        .into_iter()
        .map(|(person, streams)| Wip {
            person,
            count: streams.len(),
            limit,
            at_limit: streams.len() == limit,
            over: streams.len() > limit,
            streams,
        })
        .collect();
    out.sort_by_key(|w| (std::cmp::Reverse(w.count), w.person));
    out
}
