//! `fulcrum decisions …`: architecture decision records read from a repository's folder, kept,
//! changed, and written back in the folder's own layout.

use crate::cli::{DocFormatArgs, Format, FormatArgs, ReportFormat};
use crate::output::{emit, emit_json, show, show_doc};
use crate::people_cmd::word;
use clap::Subcommand;
use fulcrum_app::Result;
use fulcrum_app::decisions::{self, DecisionEdit, Line, NewDecision};
use fulcrum_core::decisions::Status;
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum DecisionsCommand {
    /// Read a folder of decision records as it is (MADR 2, 3, 4, Nygard / adr-tools,
    /// log4brains); files that are not records are reported by name and left alone
    Import {
        /// The folder of records, or a repository whose `.adr-dir`, `docs/adr`, `doc/adr`,
        /// `docs/decisions` (…) holds them
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Write the decisions back: unchanged records byte for byte, changed and new ones in the
    /// folder's layout [default DIR: the imported folder, else docs/decisions]
    Export {
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Record a new decision (proposed, dated today, numbered after the last one)
    New {
        title: String,
        /// The context and problem statement
        #[arg(long)]
        context: Option<String>,
        /// Who decides (repeat for several)
        #[arg(long = "decider", value_name = "NAME")]
        deciders: Vec<String>,
        /// A considered option (repeat for several)
        #[arg(long = "option", value_name = "TEXT")]
        options: Vec<String>,
        /// The status to start with
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The index: every decision with its status, superseded ones marked, stale proposals flagged
    List {
        /// Only decisions with this status
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// One decision, as its file holds (or will hold) it
    Show {
        number: u32,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// Mark decision N superseded by decision M, linked on both sides
    Supersede {
        number: u32,
        #[arg(long, value_name = "M")]
        by: u32,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Set a decision's status: proposed, accepted, rejected, deprecated
    Status {
        number: u32,
        #[arg(value_parser = word::<Status>)]
        status: Status,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Change a decision's title, context, outcome or consequences
    Edit {
        number: u32,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        context: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        consequences: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

fn status_text(l: &Line) -> String {
    let mut s = l.status.map_or("—".to_string(), |s| s.to_string());
    if !l.superseded_by.is_empty() {
        let by: Vec<String> = l.superseded_by.iter().map(|n| n.to_string()).collect();
        s = format!("superseded by {}", by.join(", "));
    }
    if l.stale {
        s.push_str(", still proposed after 4 weeks");
    }
    s
}

fn index_text(lines: &[Line]) -> String {
    if lines.is_empty() {
        return "No decisions yet: `fulcrum decisions import DIR` reads a folder, \
                `fulcrum decisions new TITLE` records one."
            .into();
    }
    let mut out = String::new();
    for l in lines {
        let _ = writeln!(
            out,
            "{:>4}  {:<10}  {}{}  ({})",
            l.number,
            l.date.map_or("—".into(), |d| d.to_string()),
            l.title,
            if l.superseded_by.is_empty() {
                ""
            } else {
                " [superseded]"
            },
            status_text(l)
        );
    }
    out
}

pub async fn run(store: &dyn Store, cmd: DecisionsCommand, now: Timestamp) -> Result<()> {
    match cmd {
        DecisionsCommand::Import { dir, format } => {
            let r = decisions::import(store, &dir).await?;
            show(format.format, &r, |r| {
                let mut s = format!(
                    "Read {} ({}): {} new, {} changed on disk, {} unchanged.",
                    r.folder, r.format, r.added, r.updated, r.unchanged
                );
                for k in &r.skipped {
                    let _ = write!(s, "\nLeft alone: {}: {}", k.file, k.why);
                }
                s
            })
        }
        DecisionsCommand::Export { dir, format } => {
            let r = decisions::export(store, dir.as_deref()).await?;
            show(format.format, &r, |r| {
                let mut s = format!(
                    "Wrote {} file(s) to {}; {} already up to date.",
                    r.written.len(),
                    r.folder,
                    r.unchanged
                );
                for w in &r.written {
                    let _ = write!(s, "\n  {w}");
                }
                s
            })
        }
        DecisionsCommand::New {
            title,
            context,
            deciders,
            options,
            status,
            format,
        } => {
            let new = NewDecision {
                title,
                status,
                context: context.unwrap_or_default(),
                deciders,
                options,
                ..NewDecision::default()
            };
            let r = decisions::new(store, new, now).await?;
            let n = r.record.decision.number.unwrap_or(0);
            let shown = decisions::show(store, n, now).await?;
            show(format.format, &shown, |s| {
                format!(
                    "Recorded decision {n}: {} ({}). `fulcrum decisions export` writes its file.",
                    s.line.title,
                    status_text(&s.line)
                )
            })
        }
        DecisionsCommand::List { status, format } => {
            let lines = decisions::list(store, status, now).await?;
            show_doc(
                format.format,
                &serde_json::json!({ "decisions": lines }),
                || decisions::index_markdown(&lines),
                || index_text(&lines),
            )
        }
        DecisionsCommand::Show { number, format } => {
            let s = decisions::show(store, number, now).await?;
            match format.format {
                ReportFormat::Json => emit_json(&s),
                _ => emit(&s.markdown),
            }
        }
        DecisionsCommand::Supersede { number, by, format } => {
            let (old, new) = decisions::supersede(store, number, by).await?;
            let said = format!(
                "Decision {number} ({}) is superseded by decision {by} ({}); both are linked.",
                old.record.decision.title, new.record.decision.title
            );
            one_line(format.format, store, number, now, said).await
        }
        DecisionsCommand::Status {
            number,
            status,
            format,
        } => {
            let r = decisions::set_status(store, number, status).await?;
            let said = format!(
                "Decision {number} ({}) is {status}.",
                r.record.decision.title
            );
            one_line(format.format, store, number, now, said).await
        }
        DecisionsCommand::Edit {
            number,
            title,
            context,
            outcome,
            consequences,
            format,
        } => {
            let edit = DecisionEdit {
                title,
                context,
                outcome,
                consequences,
            };
            let r = decisions::edit(store, number, edit).await?;
            let said = format!("Saved decision {number} ({}).", r.record.decision.title);
            one_line(format.format, store, number, now, said).await
        }
    }
}

/// After a change: the decision's line as JSON, or what was done in words.
async fn one_line(
    format: Format,
    store: &dyn Store,
    number: u32,
    now: Timestamp,
    said: String,
) -> Result<()> {
    match format {
        Format::Json => emit_json(&decisions::show(store, number, now).await?.line),
        Format::Table => emit(&said),
    }
}
