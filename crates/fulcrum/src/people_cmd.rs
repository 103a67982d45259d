//! `fulcrum people …` and `fulcrum one-on-ones`: the people you meet and how their 1:1s went.

use crate::cli::{Format, FormatArgs};
use crate::output::{emit, emit_json};
use clap::{Args, Subcommand, ValueEnum};
use fulcrum_app::Result;
use fulcrum_app::people::{self, NewPerson, PersonEdit, PersonOneOnOnes};
use fulcrum_app::profile;
use fulcrum_core::people::{OneOnOne, Person, Relation};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write as _;

#[derive(Clone, Copy, ValueEnum)]
pub enum RelationArg {
    /// Someone who reports to you
    Report,
    /// Your manager
    Manager,
    Peer,
    /// Someone who depends on your team's work
    Stakeholder,
    Mentor,
}

impl From<RelationArg> for Relation {
    fn from(r: RelationArg) -> Self {
        match r {
            RelationArg::Report => Relation::Report,
            RelationArg::Manager => Relation::Manager,
            RelationArg::Peer => Relation::Peer,
            RelationArg::Stakeholder => Relation::Stakeholder,
            RelationArg::Mentor => Relation::Mentor,
        }
    }
}

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add someone you hold 1:1s with
    Add {
        name: String,
        /// An address they use in invitations (repeat for several)
        #[arg(long = "email", value_name = "EMAIL", required = true)]
        emails: Vec<String>,
        #[arg(long, value_enum)]
        relation: RelationArg,
        #[arg(long)]
        team: Option<String>,
        /// When they joined (YYYY-MM-DD); reports in their first 90 days are met weekly
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Days between 1:1s [default: 14, or 7 for a report who joined less than 90 days ago]
        #[arg(long, value_name = "DAYS")]
        cadence: Option<u32>,
        /// Length of a 1:1 in minutes [default: 30]
        #[arg(long)]
        minutes: Option<u32>,
        /// Private notes, kept on this machine
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The people you meet, with warnings about the team's shape
    List {
        /// Include archived people
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Change someone's details; only the flags given change
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        /// Replaces every address (repeat for several)
        #[arg(long = "email", value_name = "EMAIL")]
        emails: Vec<String>,
        #[arg(long, value_enum)]
        relation: Option<RelationArg>,
        #[arg(long)]
        team: Option<String>,
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DAYS")]
        cadence: Option<u32>,
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Stop listing someone; their record and history are kept
    Archive { id: i64 },
}

#[derive(Args)]
pub struct OneOnOnesArgs {
    /// Show this person's full history (ids: `fulcrum people list`)
    pub person: Option<i64>,
    #[command(flatten)]
    pub format: FormatArgs,
}

fn parse_start(s: Option<&str>) -> Result<Option<jiff::civil::Date>> {
    Ok(s.map(time::parse_date).transpose()?)
}

pub async fn people_cmd(store: &dyn Store, cmd: PeopleCommand, now: Timestamp) -> Result<()> {
    match cmd {
        PeopleCommand::Add {
            name,
            emails,
            relation,
            team,
            start,
            cadence,
            minutes,
            notes,
            format,
        } => {
            let p = people::add(
                store,
                NewPerson {
                    name,
                    emails,
                    relation: Some(relation.into()),
                    team,
                    start_date: parse_start(start.as_deref())?,
                    cadence_days: cadence,
                    duration_minutes: minutes,
                    private_notes: notes,
                    ..Default::default()
                },
                now,
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&p),
                Format::Table => emit(&format!(
                    "Added {} ({}, id {}): 1:1 every {} days, {} minutes.",
                    p.name,
                    p.relation.as_str(),
                    p.id,
                    p.cadence_days,
                    p.duration_minutes
                )),
            }
        }
        PeopleCommand::List { all, format } => {
            let list = people::list(store, all, fulcrum_core::privacy::Privacy::Hide).await?;
            match format.format {
                Format::Json => emit_json(&list),
                Format::Table => emit(&people_table(&list)),
            }
        }
        PeopleCommand::Edit {
            id,
            name,
            emails,
            relation,
            team,
            start,
            cadence,
            minutes,
            notes,
            format,
        } => {
            let p = people::edit(
                store,
                id,
                PersonEdit {
                    name,
                    emails: (!emails.is_empty()).then_some(emails),
                    relation: relation.map(Relation::from),
                    team,
                    start_date: parse_start(start.as_deref())?,
                    cadence_days: cadence,
                    duration_minutes: minutes,
                    private_notes: notes,
                    ..Default::default()
                },
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&p),
                Format::Table => emit(&format!("Updated {} (id {}).", p.name, p.id)),
            }
        }
        PeopleCommand::Archive { id } => {
            let p = people::archive(store, id).await?;
            emit(&format!(
                "Archived {} (id {}); `fulcrum people list --all` still shows them.",
                p.name, p.id
            ))
        }
    }
}

fn people_table(list: &people::PeopleList) -> String {
    let mut s = String::new();
    if list.people.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
    }
    for p in &list.people {
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<12} {:<14} every {:>2} d, {:>3} min  {}{}",
            p.id,
            p.name,
            p.relation.as_str(),
            p.team.as_deref().unwrap_or("-"),
            p.cadence_days,
            p.duration_minutes,
            p.emails.join(", "),
            if p.archived { "  (archived)" } else { "" }
        );
    }
    for w in &list.warnings {
        let _ = writeln!(s, "\nWarning: {w}");
    }
    s
}

pub async fn one_on_ones_cmd(store: &dyn Store, a: OneOnOnesArgs, now: Timestamp) -> Result<()> {
    let tz = profile::require(store).await?.tz();
    match a.person {
        Some(id) => {
            let p =
                people::one_on_ones(store, id, now, fulcrum_core::privacy::Privacy::Hide).await?;
            match a.format.format {
                Format::Json => emit_json(&p),
                Format::Table => emit(&history(&p, &tz)),
            }
        }
        None => {
            let all =
                people::all_one_on_ones(store, now, fulcrum_core::privacy::Privacy::Hide).await?;
            match a.format.format {
                Format::Json => emit_json(&all),
                Format::Table => emit(&summary(&all, &tz)),
            }
        }
    }
}

fn when(o: Option<&OneOnOne>, tz: &TimeZone) -> String {
    o.map_or_else(
        || "-".into(),
        |o| {
            tz.to_datetime(o.start)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

fn overdue(p: &PersonOneOnOnes) -> String {
    p.overdue_days
        .map_or_else(String::new, |d| format!("overdue by {d} d"))
}

fn summary(all: &[PersonOneOnOnes], tz: &TimeZone) -> String {
    let mut s = String::new();
    if all.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
        return s;
    }
    let _ = writeln!(
        s,
        "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5}  next",
        "id", "person", "last held", "held", "cancelled", "declined", "moved"
    );
    for p in all {
        let c = &p.counts;
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5}  {:<16} {}",
            p.person.id,
            p.person.name,
            when(p.last_held.as_ref(), tz),
            c.held,
            c.cancelled,
            c.declined,
            c.moved,
            when(p.next.as_ref(), tz),
            overdue(p)
        );
    }
    s
}

fn history(p: &PersonOneOnOnes, tz: &TimeZone) -> String {
    let person: &Person = &p.person;
    let mut s = format!(
        "1:1s with {} (every {} days, {} minutes)\n\n",
        person.name, person.cadence_days, person.duration_minutes
    );
    if p.one_on_ones.is_empty() {
        s.push_str("None found in the last 180 days or the next 60.\n");
    }
    for o in &p.one_on_ones {
        let by = o
            .cancelled_by
            .as_deref()
            .map_or_else(String::new, |b| format!("  (cancelled by {b})"));
        let _ = writeln!(
            s,
            "{}  {:<10} {}{}",
            when(Some(o), tz),
            o.state.as_str(),
            o.title,
            by
        );
    }
    if let Some(d) = p.overdue_days {
        let _ = writeln!(
            s,
            "\nOverdue by {d} days: book the next one with {}.",
            person.first_name()
        );
    }
    s
}
