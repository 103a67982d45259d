//! `fulcrum relationships`, `fulcrum commitment …`, `fulcrum prep …`, `fulcrum onboarding …`:
//! staying in touch, keeping promises, preparing stakeholder conversations, onboarding.

use crate::cli::{Format, FormatArgs, IdDocArgs, ListArgs, PersonArgs, ReportFormat, Reword};
use crate::output::{emit, emit_json, show};
use crate::people_cmd::{date, person_id, word};
use clap::{Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::markdown::plural;
use fulcrum_app::onboarding;
use fulcrum_app::people::Onboarding;
use fulcrum_app::relationships::{
    self, NewCommitment, NewInteraction, NewPrep, PrepEdit, PrepSheet,
};
use fulcrum_core::relationships::{CommitmentStatus, ContactStatus, InteractionKind};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RelationshipsArgs {
    #[command(subcommand)]
    pub action: Option<RelationshipsCommand>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum RelationshipsCommand {
    /// Log a contact the calendar does not show: a call, a chat, a coffee
    Log {
        /// Id or name
        person: String,
        /// meeting, call, chat, email, coffee or other
        #[arg(long, default_value = "chat", value_parser = word::<InteractionKind>)]
        kind: InteractionKind,
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CommitmentCommand {
    /// Note a promise: what, to whom, by when
    Add {
        what: String,
        /// A person's id or name, or anyone else
        #[arg(long)]
        to: String,
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Date,
        /// When you promised it [default: today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        made: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Open promises by due date, with what to do about each
    #[command(reword("all", "Include kept and dropped ones"))]
    List(ListArgs),
    /// Record that you told them where it stands (and, if needed, a new date)
    Update {
        id: i64,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Option<Date>,
    },
    /// Kept it
    Done {
        id: i64,
        #[arg(long)]
        note: Option<String>,
    },
    /// Gave it up, and told them
    Drop {
        id: i64,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Args, Default)]
pub struct ThreeRs {
    /// The technical need in business terms: risk, time, money, users
    #[arg(long)]
    reframe: Option<String>,
    /// How it connects to their goals and current pains
    #[arg(long)]
    relate: Option<String>,
    /// How and how often you will show progress and results
    #[arg(long)]
    reinforce: Option<String>,
}

/// The flags of `prep add`.
#[derive(Args)]
pub struct NewPrepArgs {
    /// Id or name
    person: String,
    #[arg(long)]
    topic: String,
    #[arg(long, value_name = "DATE", value_parser = date)]
    meeting: Option<Date>,
    #[command(flatten)]
    rs: ThreeRs,
    #[command(flatten)]
    format: FormatArgs,
}

impl NewPrepArgs {
    fn prep(self, person_id: i64) -> NewPrep {
        NewPrep {
            person_id,
            topic: self.topic,
            meeting_on: self.meeting,
            reframe: self.rs.reframe,
            relate: self.rs.relate,
            reinforce: self.rs.reinforce,
        }
    }
}

#[derive(Subcommand)]
pub enum PrepCommand {
    /// Prepare a conversation with a stakeholder
    Add(NewPrepArgs),
    /// Change a prep
    Edit {
        id: i64,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        meeting: Option<Date>,
        #[command(flatten)]
        rs: ThreeRs,
    },
    /// Every prep, the next meetings first
    List(FormatArgs),
    /// One prep with what you know of the stakeholder (Markdown to read before you go)
    Show(IdDocArgs),
}

#[derive(Subcommand)]
pub enum OnboardingCommand {
    /// Make an onboarding plan for someone from the template
    Start {
        /// Id or name
        person: String,
        /// Their first day [default: their start date, else today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        start: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Someone's plan and progress
    Show(PersonArgs),
    /// Every plan's progress
    List(FormatArgs),
    /// Mark a step done (by its number in the plan)
    Done {
        person: String,
        step: u32,
        /// Mark it not done again
        #[arg(long)]
        undo: bool,
    },
    /// Add a step of your own at the end of someone's plan
    Add {
        person: String,
        title: String,
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Option<Date>,
    },
}

fn contacts_table(s: &mut String, list: &[ContactStatus]) {
    let _ = writeln!(
        s,
        "{:>4}  {:<20} {:<12} {:<9} {:>6}  status",
        "id", "person", "last", "via", "every"
    );
    for c in list {
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<12} {:<9} {:>4} d  {}",
            c.person_id,
            c.name,
            c.last_contact
                .map_or_else(|| "never".into(), |d| d.to_string()),
            c.source.map_or("-", |x| x.as_str()),
            c.cadence_days,
            match c.overdue_days {
                Some(0) => "due now".to_string(),
                Some(d) => format!("{} overdue", plural(d, "day", "days")),
                None => c
                    .due_on
                    .map_or_else(String::new, |d| format!("next by {d}")),
            }
        );
    }
}

fn commitments_table(s: &mut String, list: &[relationships::CommitmentLine]) {
    if list.is_empty() {
        s.push_str("No open promises.\n");
    }
    for l in list {
        let c = &l.commitment;
        let _ = writeln!(
            s,
            "{:>4}  due {}  {:<7} {:<18} {}",
            c.id,
            c.due,
            c.status.as_str(),
            c.to,
            c.what
        );
        if let Some(n) = &l.nudge {
            let _ = writeln!(s, "      → {}", n.message);
        }
    }
}

fn promised(c: &fulcrum_core::relationships::Commitment) -> String {
    format!(
        "Promised {} “{}” by {} (commitment {}).",
        c.to, c.what, c.due, c.id
    )
}

fn preps_table(s: &mut String, list: &[PrepSheet]) {
    if list.is_empty() {
        s.push_str("No stakeholder preps.\n");
    }
    for p in list {
        let _ = writeln!(
            s,
            "{:>4}  {:<12} {:<18} {}{}",
            p.prep.id,
            p.prep
                .meeting_on
                .map_or_else(|| "no date".into(), |d| d.to_string()),
            p.person.name,
            p.prep.topic,
            if p.gaps.is_empty() {
                String::new()
            } else {
                format!(
                    "  (to think through: {})",
                    p.gaps.iter().map(|g| g.0).collect::<Vec<_>>().join(", ")
                )
            }
        );
    }
}

pub async fn relationships_cmd(
    store: &dyn Store,
    a: RelationshipsArgs,
    now: Timestamp,
) -> Result<()> {
    match a.action {
        Some(RelationshipsCommand::Log {
            person,
            kind,
            date,
            note,
        }) => {
            let id = person_id(store, &person).await?;
            let i = relationships::log_contact(
                store,
                NewInteraction {
                    person_id: id,
                    kind,
                    on: date,
                    note,
                },
                now,
            )
            .await?;
            emit(&format!("Logged a {} on {}.", i.kind, i.on))
        }
        None => {
            let v = relationships::overview(store, now).await?;
            show(a.format.format, &v, |v| {
                let mut s = String::from("Contacts\n");
                contacts_table(&mut s, &v.contacts);
                s.push_str("\nPromises\n");
                commitments_table(&mut s, &v.commitments);
                s.push_str("\nStakeholder preps\n");
                preps_table(&mut s, &v.preps);
                s
            })
        }
    }
}

pub async fn commitment_cmd(
    store: &dyn Store,
    cmd: CommitmentCommand,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        CommitmentCommand::Add {
            what,
            to,
            due,
            made,
            format,
        } => {
            let c = relationships::add_commitment(
                store,
                NewCommitment {
                    to,
                    what,
                    due,
                    made_on: made,
                },
                now,
            )
            .await?;
            show(format.format, &c, promised)
        }
        CommitmentCommand::List(l) => {
            let list = relationships::commitments(store, l.all, now).await?;
            show(l.format.format, &list, |list| {
                let mut s = String::new();
                commitments_table(&mut s, list);
                s
            })
        }
        CommitmentCommand::Update { id, note, due } => {
            let c = relationships::update_commitment(store, id, note, due, now).await?;
            emit(&format!("Noted your update to {}; due {}.", c.to, c.due))
        }
        CommitmentCommand::Done { id, note } => {
            let c = relationships::close_commitment(store, id, CommitmentStatus::Done, note, now)
                .await?;
            emit(&format!("Kept: “{}” for {}.", c.what, c.to))
        }
        CommitmentCommand::Drop { id, note } => {
            let c =
                relationships::close_commitment(store, id, CommitmentStatus::Dropped, note, now)
                    .await?;
            emit(&format!("Dropped “{}” for {}.", c.what, c.to))
        }
    }
}

pub async fn prep_cmd(store: &dyn Store, cmd: PrepCommand, now: Timestamp) -> Result<()> {
    match cmd {
        PrepCommand::Add(a) => {
            let format = a.format.format;
            let id = person_id(store, &a.person).await?;
            let p = relationships::add_prep(store, a.prep(id), now).await?;
            match format {
                Format::Json => emit_json(&p),
                Format::Table => {
                    let gaps = p.gaps();
                    emit(&format!(
                        "Prep {} saved.{}",
                        p.id,
                        if gaps.is_empty() {
                            String::new()
                        } else {
                            format!(" Still to think through: {}.", gaps.join(", "))
                        }
                    ))
                }
            }
        }
        PrepCommand::Edit {
            id,
            topic,
            meeting,
            rs,
        } => {
            let p = relationships::edit_prep(
                store,
                id,
                PrepEdit {
                    topic,
                    meeting_on: meeting,
                    reframe: rs.reframe,
                    relate: rs.relate,
                    reinforce: rs.reinforce,
                },
            )
            .await?;
            emit(&format!("Prep {} updated.", p.id))
        }
        PrepCommand::List(format) => {
            let list = relationships::preps(store, now).await?;
            show(format.format, &list, |list| {
                let mut s = String::new();
                preps_table(&mut s, list);
                s
            })
        }
        PrepCommand::Show(IdDocArgs { id, format }) => {
            let sheet = relationships::prep_sheet(store, id, now).await?;
            match format.format {
                ReportFormat::Json => emit_json(&sheet),
                _ => emit(&relationships::prep_markdown(&sheet)),
            }
        }
    }
}

fn plan_table(o: &Onboarding) -> String {
    let mut s = format!(
        "{}: {}% done ({} of {})\n",
        o.name,
        o.progress.percent,
        o.progress.done,
        plural(o.progress.total, "step", "steps")
    );
    for st in &o.steps {
        let late = !st.is_done() && o.progress.overdue.iter().any(|x| x.id == st.id);
        let _ = writeln!(
            s,
            "  {:>2}. [{}] {:<12} {}{}",
            st.seq,
            if st.is_done() { "x" } else { " " },
            st.due.map_or_else(String::new, |d| d.to_string()),
            st.title,
            if late { "  (overdue)" } else { "" }
        );
    }
    s
}

pub async fn onboarding_cmd(
    store: &dyn Store,
    cmd: OnboardingCommand,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        OnboardingCommand::Start {
            person,
            start,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let o = onboarding::start(store, id, start, now).await?;
            show(format.format, &o, plan_table)
        }
        OnboardingCommand::Show(PersonArgs { person, format }) => {
            let id = person_id(store, &person).await?;
            let o = onboarding::show(store, id, now).await?;
            show(format.format, &o, plan_table)
        }
        OnboardingCommand::List(format) => {
            let all = onboarding::all(store, now).await?;
            show(format.format, &all, |all| {
                let mut s = String::new();
                if all.is_empty() {
                    s.push_str("No onboarding plans: fulcrum onboarding start PERSON\n");
                }
                for o in all {
                    let _ = writeln!(
                        s,
                        "{:>4}  {:<20} {:>3}%  {} overdue{}",
                        o.person_id,
                        o.name,
                        o.progress.percent,
                        o.progress.overdue.len(),
                        o.progress
                            .next
                            .as_ref()
                            .map_or_else(String::new, |n| format!("  next: {}", n.title))
                    );
                }
                s
            })
        }
        OnboardingCommand::Done { person, step, undo } => {
            let id = person_id(store, &person).await?;
            let st = onboarding::done(store, id, step, undo, now).await?;
            emit(&format!(
                "Step {} {}: {}",
                st.seq,
                if undo { "reopened" } else { "done" },
                st.title
            ))
        }
        OnboardingCommand::Add { person, title, due } => {
            let id = person_id(store, &person).await?;
            let st = onboarding::add_step(store, id, title, due, now).await?;
            emit(&format!("Added step {}: {}", st.seq, st.title))
        }
    }
}
