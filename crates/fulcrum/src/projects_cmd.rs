//! `fulcrum projects …`: projects with one owner, a purpose, milestones and a deadline with its
//! reason; whether each is slipping; and everyone's streams of work in parallel
//! (docs/projects.md).

use crate::cli::{DocFormatArgs, Format, FormatArgs, IdDocArgs};
use crate::output::{emit, emit_json, markdown_table, md_cell, show, show_doc};
use crate::people_cmd::{date, person_id, word};
use clap::Subcommand;
use fulcrum_app::Result;
use fulcrum_app::markdown::plural;
use fulcrum_app::projects::{self, Line, NewProject, ProjectEdit, WipReport};
use fulcrum_core::projects::{MilestoneState, Status};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

#[derive(Subcommand)]
pub enum ProjectsCommand {
    /// Start a project: its purpose, its one owner, who works on it, a deadline with its reason
    Add {
        name: String,
        /// The one person who tracks it and reacts when it goes off track (id or name)
        #[arg(long)]
        owner: String,
        /// Why it is done: the problem or opportunity, and what success looks like
        #[arg(long)]
        purpose: String,
        /// The date it must be done by; needs --reason
        #[arg(long, value_name = "DATE", value_parser = date, requires = "reason")]
        deadline: Option<Date>,
        /// Why the deadline exists (a launch, a contract, an audit)
        #[arg(long, requires = "deadline")]
        reason: Option<String>,
        /// Someone who works on it (id or name; repeat for several)
        #[arg(long = "member", value_name = "NAME")]
        members: Vec<String>,
        /// planned, active, paused, done or cancelled [default: active, started today]
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The projects with their owner, deadline and whether they are slipping
    List {
        /// Only projects with this status
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// One project: its milestones, late ones marked, and the forecast against the deadline
    Show(IdDocArgs),
    /// Change a project's name, purpose, owner, deadline or members
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        purpose: Option<String>,
        /// The new owner (id or name)
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date, conflicts_with = "no_deadline")]
        deadline: Option<Date>,
        /// Why the deadline exists
        #[arg(long)]
        reason: Option<String>,
        /// Take the deadline and its reason away
        #[arg(long)]
        no_deadline: bool,
        /// The members, replacing the ones there are (id or name; repeat for several)
        #[arg(long = "member", value_name = "NAME")]
        members: Vec<String>,
        /// Leave no one but the owner on it
        #[arg(long, conflicts_with = "members")]
        no_members: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Set a project's status: planned, active, paused, done, cancelled
    Status {
        id: i64,
        #[arg(value_parser = word::<Status>)]
        status: Status,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// A project's milestones: add one, change one, mark one done
    #[command(subcommand)]
    Milestone(MilestoneCommand),
    /// Everyone's streams of work in parallel (active projects and running delegations)
    Wip(FormatArgs),
}

#[derive(Subcommand)]
pub enum MilestoneCommand {
    /// Add a milestone to project ID
    Add {
        /// The project's id
        id: i64,
        title: String,
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Date,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Change a milestone's title or due date
    Edit {
        /// The milestone's id
        mid: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Mark a milestone done [default --on: today]
    Done {
        /// The milestone's id
        mid: i64,
        #[arg(long, value_name = "DATE", value_parser = date)]
        on: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

async fn ids(store: &dyn Store, names: &[String]) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    for n in names {
        out.push(person_id(store, n).await?);
    }
    Ok(out)
}

pub async fn run(store: &dyn Store, cmd: ProjectsCommand, now: Timestamp) -> Result<()> {
    match cmd {
        ProjectsCommand::Add {
            name,
            owner,
            purpose,
            deadline,
            reason,
            members,
            status,
            format,
        } => {
            let new = NewProject {
                name,
                purpose,
                owner: person_id(store, &owner).await?,
                deadline,
                deadline_reason: reason,
                members: ids(store, &members).await?,
                status,
            };
            let p = projects::add(store, new, now).await?;
            let said = format!(
                "Started project {}: {} ({}). Add its milestones: fulcrum projects milestone add {} TITLE --due DATE",
                p.id, p.record.name, p.record.status, p.id
            );
            after_change(format.format, store, p.id, now, said).await
        }
        ProjectsCommand::List { status, format } => {
            let lines = projects::list(store, status, now).await?;
            show_doc(
                format.format,
                &serde_json::json!({ "projects": lines }),
                || list_markdown(&lines),
                || list_text(&lines),
            )
        }
        ProjectsCommand::Show(IdDocArgs { id, format }) => {
            let l = projects::show(store, id, now).await?;
            show_doc(format.format, &l, || show_markdown(&l), || show_text(&l))
        }
        ProjectsCommand::Edit {
            id,
            name,
            purpose,
            owner,
            deadline,
            reason,
            no_deadline,
            members,
            no_members,
            format,
        } => {
            let owner = match owner {
                Some(o) => Some(person_id(store, &o).await?),
                None => None,
            };
            let members = match (members.is_empty(), no_members) {
                (_, true) => Some(vec![]),
                (true, false) => None,
                (false, false) => Some(ids(store, &members).await?),
            };
            let edit = ProjectEdit {
                name,
                purpose,
                owner,
                deadline: if no_deadline {
                    Some(None)
                } else {
                    deadline.map(Some)
                },
                deadline_reason: reason,
                members,
            };
            let p = projects::edit(store, id, edit).await?;
            let said = format!("Saved project {id} ({}).", p.record.name);
            after_change(format.format, store, id, now, said).await
        }
        ProjectsCommand::Status { id, status, format } => {
            let p = projects::set_status(store, id, status, now).await?;
            let said = format!("Project {id} ({}) is {status}.", p.record.name);
            after_change(format.format, store, id, now, said).await
        }
        ProjectsCommand::Milestone(m) => milestone(store, m, now).await,
        ProjectsCommand::Wip(f) => {
            let r = projects::wip(store).await?;
            show(f.format, &r, wip_text)
        }
    }
}

async fn milestone(store: &dyn Store, cmd: MilestoneCommand, now: Timestamp) -> Result<()> {
    let (m, format, verb) = match cmd {
        MilestoneCommand::Add {
            id,
            title,
            due,
            format,
        } => (
            projects::add_milestone(store, id, &title, due).await?,
            format,
            "Added",
        ),
        MilestoneCommand::Edit {
            mid,
            title,
            due,
            format,
        } => (
            projects::edit_milestone(store, mid, title, due).await?,
            format,
            "Saved",
        ),
        MilestoneCommand::Done { mid, on, format } => (
            projects::milestone_done(store, mid, on, now).await?,
            format,
            "Marked done",
        ),
    };
    let project = m.record.project;
    let mut said = format!(
        "{verb} milestone {} of project {project}: {} (due {}).",
        m.id, m.record.title, m.record.due
    );
    if format.format == Format::Table {
        let l = projects::show(store, project, now).await?;
        let _ = write!(said, "\n{}", slip_sentence(&l));
    }
    after_change(format.format, store, project, now, said).await
}

/// After a change: the project's line as JSON, or what was done in words.
async fn after_change(
    format: Format,
    store: &dyn Store,
    id: i64,
    now: Timestamp,
    said: String,
) -> Result<()> {
    match format {
        Format::Json => emit_json(&projects::show(store, id, now).await?),
        Format::Table => emit(&said),
    }
}

fn day(d: Option<Date>) -> String {
    d.map_or("—".into(), |d| d.to_string())
}

/// Where a project stands, in one sentence.
fn slip_sentence(l: &Line) -> String {
    let s = &l.slip;
    let mut out = match s.late_milestones {
        0 => String::new(),
        n => format!("{} late. ", plural(n, "milestone", "milestones")),
    };
    match (s.forecast_end, l.project.record.deadline) {
        (None, _) => out.push_str("No milestones yet: add them to see a forecast."),
        (Some(end), Some(deadline)) if s.past_deadline_days > 0 => {
            let _ = write!(
                out,
                "Forecast end {end}: {} after the deadline of {deadline}.",
                plural(s.past_deadline_days, "day", "days")
            );
        }
        (Some(end), Some(deadline)) => {
            let _ = write!(
                out,
                "Forecast end {end}, within the deadline of {deadline}."
            );
        }
        (Some(end), None) => {
            let _ = write!(out, "Forecast end {end} (no deadline).");
        }
    }
    if s.slipping {
        out.push_str(" Slipping: tell the stakeholders now and re-plan with them.");
    }
    out
}

fn state(l: &Line) -> String {
    if l.slip.slipping {
        "slipping".into()
    } else {
        l.project.record.status.to_string()
    }
}

fn list_text(lines: &[Line]) -> String {
    if lines.is_empty() {
        return "No projects yet: fulcrum projects add NAME --owner NAME --purpose TEXT".into();
    }
    let mut out = String::new();
    for l in lines {
        let p = &l.project.record;
        let _ = writeln!(
            out,
            "{:>3}  {:<9}  {}  · owner {} · deadline {} · forecast {}",
            l.project.id,
            state(l),
            p.name,
            l.owner_name,
            day(p.deadline),
            day(l.slip.forecast_end)
        );
    }
    out
}

/// The projects as a Markdown table, for a status update.
pub fn list_markdown(lines: &[Line]) -> String {
    let rows = lines.iter().map(|l| {
        let p = &l.project.record;
        vec![
            l.project.id.to_string(),
            p.name.clone(),
            state(l),
            l.owner_name.clone(),
            day(p.deadline),
            p.deadline_reason.clone().unwrap_or_else(|| "—".into()),
            day(l.slip.forecast_end),
        ]
    });
    markdown_table(
        "# Projects",
        &[
            "#",
            "Project",
            "Status",
            "Owner",
            "Deadline",
            "Why the deadline",
            "Forecast end",
        ],
        rows,
    )
}

fn milestone_state(m: &MilestoneState) -> String {
    match m.done_on {
        Some(d) if m.late_days > 0 => {
            format!("done {d}, {} late", plural(m.late_days, "day", "days"))
        }
        Some(d) => format!("done {d}"),
        None if m.late => format!("LATE by {}", plural(m.late_days, "day", "days")),
        None => format!("forecast {}", m.forecast),
    }
}

/// The project's members by name, comma-separated.
fn member_names(l: &Line) -> String {
    let names: Vec<&str> = l.members.iter().map(|m| m.name.as_str()).collect();
    names.join(", ")
}

fn show_text(l: &Line) -> String {
    let p = &l.project.record;
    let mut s = format!("Project {}: {} ({})\n", l.project.id, p.name, state(l));
    let _ = writeln!(s, "Purpose: {}", p.purpose);
    let _ = writeln!(s, "Owner: {}", l.owner_name);
    if !l.members.is_empty() {
        let _ = writeln!(s, "Members: {}", member_names(l));
    }
    if let Some(d) = p.deadline {
        let _ = writeln!(
            s,
            "Deadline: {d} — {}",
            p.deadline_reason.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(
        s,
        "Started: {} · done: {}",
        day(p.started_on),
        day(p.done_on)
    );
    if !l.slip.milestones.is_empty() {
        s.push_str("\nMilestones\n");
        for m in &l.slip.milestones {
            let _ = writeln!(
                s,
                "  {:>3}  {}  {}  ({})",
                m.id,
                m.due,
                m.title,
                milestone_state(m)
            );
        }
    }
    let _ = writeln!(s, "\n{}", slip_sentence(l));
    s
}

fn show_markdown(l: &Line) -> String {
    let p = &l.project.record;
    let mut s = format!("# {}\n\n{}\n\n", p.name, p.purpose);
    let _ = writeln!(s, "- Status: {}", state(l));
    let _ = writeln!(s, "- Owner: {}", l.owner_name);
    if !l.members.is_empty() {
        let _ = writeln!(s, "- Members: {}", member_names(l));
    }
    if let Some(d) = p.deadline {
        let _ = writeln!(
            s,
            "- Deadline: {d}, because {}",
            p.deadline_reason.as_deref().unwrap_or("—")
        );
    }
    if !l.slip.milestones.is_empty() {
        s.push_str("\n## Milestones\n\n| Due | Milestone | State |\n|---|---|---|\n");
        for m in &l.slip.milestones {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                m.due,
                md_cell(&m.title),
                milestone_state(m)
            );
        }
    }
    let _ = writeln!(s, "\n{}", slip_sentence(l));
    s
}

fn wip_text(r: &WipReport) -> String {
    if r.people.is_empty() {
        return "Nobody carries a stream of work: no active project and no running delegation."
            .into();
    }
    let mut s = format!("Streams of work in parallel (limit {} a person)\n", r.limit);
    for l in &r.people {
        let flag = if l.wip.over {
            "  OVER THE LIMIT"
        } else if l.wip.at_limit {
            "  at the limit"
        } else {
            ""
        };
        let titles: Vec<String> = l
            .wip
            .streams
            .iter()
            .map(|x| format!("{} ({})", x.title, x.role))
            .collect();
        let _ = writeln!(
            s,
            "  {:<16} {}{flag}: {}",
            l.name,
            l.wip.count,
            titles.join(", ")
        );
    }
    s
}
