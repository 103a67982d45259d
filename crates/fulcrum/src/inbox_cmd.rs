//! `fulcrum inbox …`: asks decided later, and whose problem each one is.

use crate::cli::{FormatArgs, ListArgs, Reword};
use crate::output::{emit, show};
use clap::{Args, Subcommand, ValueEnum};
use fulcrum_app::Result;
use fulcrum_app::inbox::{self, NewItem};
use fulcrum_core::inbox::{Decision, Ownership};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;

#[derive(Clone, Copy, ValueEnum)]
pub enum Owner {
    /// Yours: team-wide blockers, technical alignment, cross-team misunderstandings
    Mine,
    /// Theirs: their task, their feature, their disagreement with a peer
    Theirs,
    /// Could be either: decide by workload, goals, or who would grow from it
    Gray,
}

impl From<Owner> for Ownership {
    fn from(o: Owner) -> Self {
        match o {
            Owner::Mine => Ownership::Mine,
            Owner::Theirs => Ownership::Theirs,
            Owner::Gray => Ownership::Gray,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Answer {
    Yes,
    No,
    Delegated,
}

/// The flags of `inbox add`.
#[derive(Args)]
pub struct NewItemArgs {
    /// What was asked, or the problem raised
    text: String,
    /// Who asked
    #[arg(long)]
    from: String,
    /// When they need an answer (ask them: it is often later than it sounds)
    #[arg(long, value_name = "DATE")]
    needed_by: Option<String>,
    /// Whose problem it is to solve
    #[arg(long, value_enum)]
    ownership: Option<Owner>,
    #[command(flatten)]
    format: FormatArgs,
}

impl NewItemArgs {
    fn new_item(self) -> Result<NewItem> {
        Ok(NewItem {
            needed_by: self
                .needed_by
                .as_deref()
                .map(time::parse_date)
                .transpose()?,
            from: self.from,
            text: self.text,
            ownership: self.ownership.map_or(Ownership::Undecided, Ownership::from),
        })
    }
}

#[derive(Subcommand)]
pub enum InboxCommand {
    /// Note an ask instead of saying yes on the spot
    Add(NewItemArgs),
    /// Pending asks, most pressing first
    #[command(reword("all", "Include decided items"))]
    List(ListArgs),
    /// Record your answer
    Decide {
        id: i64,
        #[arg(value_enum)]
        answer: Answer,
        #[arg(long)]
        note: Option<String>,
    },
    /// Say whose problem it is
    Own {
        id: i64,
        #[arg(value_enum)]
        ownership: Owner,
    },
}

pub async fn run(store: &dyn Store, cmd: InboxCommand, now: Timestamp) -> Result<()> {
    match cmd {
        InboxCommand::Add(a) => {
            let format = a.format.format;
            let item = inbox::add(store, a.new_item()?, now).await?;
            show(format, &item, noted)
        }
        InboxCommand::List(l) => {
            let view = inbox::list(store, l.all, now).await?;
            show(l.format.format, &view, table)
        }
        InboxCommand::Decide { id, answer, note } => {
            let d = match answer {
                Answer::Yes => Decision::Yes,
                Answer::No => Decision::No,
                Answer::Delegated => Decision::Delegated,
            };
            let item = inbox::decide(store, id, d, note, now).await?;
            emit(&format!("Decided {}: {}", item.id, item.decision.as_str()))
        }
        InboxCommand::Own { id, ownership } => {
            let item = inbox::classify(store, id, ownership.into()).await?;
            emit(&format!("{} is {}", item.id, item.ownership.as_str()))
        }
    }
}

fn noted(item: &fulcrum_core::inbox::InboxItem) -> String {
    format!(
        "Noted {}: {} (from {}). Decide it later: fulcrum inbox decide {} yes|no|delegated",
        item.id, item.text, item.from, item.id
    )
}

fn table(v: &inbox::InboxView) -> String {
    let mut s = String::new();
    if v.items.is_empty() {
        s.push_str("Nothing waiting for a decision.\n");
    }
    for i in &v.items {
        let needed = i
            .needed_by
            .map(|d| format!("by {d}"))
            .unwrap_or_else(|| "no date".into());
        let own = i.ownership.as_str();
        let _ = writeln!(
            s,
            "{:>4}  {:<12} {:<10} {:<16} {}",
            i.id, needed, own, i.from, i.text
        );
    }
    if v.overdue > 0 {
        let _ = writeln!(s, "\n{} past the date an answer was needed.", v.overdue);
    }
    if let Some(sig) = &v.ownership {
        let _ = writeln!(s, "\nOwnership: {}.\n  → {}", sig.seen, sig.next);
    }
    s
}
