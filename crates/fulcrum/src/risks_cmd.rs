//! `fulcrum risks …`: the risk register — "EVENT might lead to CONSEQUENCE", probability ×
//! impact, a strategy, an owner, a review date, who was told, and the incident it became
//! (docs/risks.md).

use crate::cli::{DocFormatArgs, Format, FormatArgs, IdArgs};
use crate::output::{emit, emit_json, markdown_table, show_doc};
use crate::people_cmd::{date, word};
use clap::{ArgGroup, Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::risks::{self, Line, NewRisk, RiskEdit, Whom};
use fulcrum_core::risks::{Band, Category, Status, Strategy};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

/// What a risk is, as `add` and `edit` take it.
#[derive(Args)]
pub struct Details {
    /// security, architecture, delivery, third-party, people or operations [add's default: delivery]
    #[arg(long, value_parser = word::<Category>)]
    category: Option<Category>,
    /// avoid, mitigate, transfer or accept; accept needs --review
    #[arg(long, value_parser = word::<Strategy>)]
    strategy: Option<Strategy>,
    /// Who makes sure it is tracked and acted on: "me", or one of your people (id or name)
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// When to look at it again [default: in 14 days for a high risk, 28 for others; required with --strategy accept]
    #[arg(long, value_name = "DATE", value_parser = date)]
    review: Option<Date>,
    /// The mitigation plan, or the alternatives weighed
    #[arg(long, value_name = "TEXT")]
    plan: Option<String>,
}

#[derive(Subcommand)]
pub enum RisksCommand {
    /// Log a risk: "EVENT might lead to CONSEQUENCE", with its probability and impact (1–5)
    Add {
        /// What might happen ("a server crash during peak hours")
        event: String,
        /// What it might lead to ("data loss")
        #[arg(long, value_name = "CONSEQUENCE")]
        leads_to: String,
        /// How likely it is: 1 (rare) to 5 (almost certain)
        #[arg(long, value_name = "N")]
        probability: u8,
        /// How bad it would be: 1 (minor) to 5 (severe)
        #[arg(long, value_name = "N")]
        impact: u8,
        #[command(flatten)]
        details: Details,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The risk log, highest score first: band, strategy, owner, review date (due ones flagged)
    List {
        /// Only risks with this status: open, mitigating, accepted, transferred, closed, happened
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        /// Only risks in this band: low (score up to 7), medium (8–14), high (15 and more)
        #[arg(long, value_parser = word::<Band>)]
        band: Option<Band>,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// One risk: its score, strategy and plan, owner, review dates, who was told, its incident
    Show(IdArgs),
    /// Change a risk's event, consequence, ratings, category, strategy, owner, plan or review date
    Edit {
        id: i64,
        #[arg(long)]
        event: Option<String>,
        #[arg(long, value_name = "CONSEQUENCE")]
        leads_to: Option<String>,
        /// 1 (rare) to 5 (almost certain)
        #[arg(long, value_name = "N")]
        probability: Option<u8>,
        /// 1 (minor) to 5 (severe)
        #[arg(long, value_name = "N")]
        impact: Option<u8>,
        #[command(flatten)]
        details: Details,
        /// Nobody owns it any more
        #[arg(long, conflicts_with = "owner")]
        no_owner: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Reviewed today: set the next review [default --next: in 14 days for a high risk, 28 for others]
    Review {
        id: i64,
        #[arg(long, value_name = "DATE", value_parser = date)]
        next: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Note who was told of a risk, and when [default --on: today]
    #[command(group(ArgGroup::new("whom").required(true).args(["who", "group"])))]
    Tell {
        id: i64,
        /// One of your people (id or name)
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
        /// A group, such as "leadership" or "product"
        #[arg(long, value_name = "TEXT")]
        group: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        on: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// It happened: link the incident it became (an id from `fulcrum incident list`)
    Happened {
        id: i64,
        #[arg(long, value_name = "N")]
        incident: i64,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Close a risk: it can no longer happen, or no longer matters
    Close(IdArgs),
}

pub async fn run(store: &dyn Store, cmd: RisksCommand, now: Timestamp) -> Result<()> {
    let (line, format, said) = match cmd {
        RisksCommand::Add {
            event,
            leads_to,
            probability,
            impact,
            details,
            format,
        } => {
            let new = NewRisk {
                event,
                consequence: leads_to,
                category: details.category,
                probability,
                impact,
                strategy: details.strategy,
                plan: details.plan,
                owner: details.owner,
                review: details.review,
            };
            let l = risks::add(store, new, now).await?;
            let said = format!(
                "Logged risk {}: {} — score {} ({}), review on {}.",
                l.id,
                l.statement,
                l.score,
                l.band,
                day(l.review_on)
            );
            (l, format, said)
        }
        RisksCommand::List {
            status,
            band,
            format,
        } => {
            let lines = risks::list(store, status, band, now).await?;
            return show_doc(
                format.format,
                &serde_json::json!({ "risks": lines }),
                || list_markdown(&lines),
                || list_text(&lines),
            );
        }
        RisksCommand::Show(IdArgs { id, format }) => {
            let l = risks::show(store, id, now).await?;
            let text = show_text(&l);
            (l, format, text)
        }
        RisksCommand::Edit {
            id,
            event,
            leads_to,
            probability,
            impact,
            details,
            no_owner,
            format,
        } => {
            let edit = RiskEdit {
                event,
                consequence: leads_to,
                category: details.category,
                probability,
                impact,
                strategy: details.strategy,
                plan: details.plan,
                owner: if no_owner {
                    Some(String::new())
                } else {
                    details.owner
                },
                review: details.review,
            };
            let l = risks::edit(store, id, edit, now).await?;
            let said = format!(
                "Saved risk {id}: score {} ({}), {}.",
                l.score, l.band, l.status
            );
            (l, format, said)
        }
        RisksCommand::Review { id, next, format } => {
            let l = risks::review(store, id, next, now).await?;
            let said = format!(
                "Reviewed risk {id}; the next review is on {}.",
                day(l.review_on)
            );
            (l, format, said)
        }
        RisksCommand::Tell {
            id,
            who,
            group,
            on,
            format,
        } => {
            let whom = match (who, group) {
                (Some(p), _) => Whom::Person(p),
                (None, g) => Whom::Group(g.unwrap_or_default()),
            };
            let l = risks::tell(store, id, whom, on, now).await?;
            let last = l.told.last().map(|t| format!("{} on {}", t.who, t.on));
            let said = format!("Risk {id}: told {}.", last.unwrap_or_default());
            (l, format, said)
        }
        RisksCommand::Happened {
            id,
            incident,
            format,
        } => {
            let l = risks::happened(store, id, incident, now).await?;
            let said = format!(
                "Risk {id} happened: it became incident {incident} (fulcrum incident show {incident})."
            );
            (l, format, said)
        }
        RisksCommand::Close(IdArgs { id, format }) => {
            let l = risks::close(store, id, now).await?;
            (l, format, format!("Closed risk {id}."))
        }
    };
    match format.format {
        Format::Json => emit_json(&line),
        Format::Table => emit(&said),
    }
}

fn day(d: Option<Date>) -> String {
    d.map_or("—".into(), |d| d.to_string())
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or("—".into(), |v| v.to_string())
}

fn review(l: &Line) -> String {
    match l.review_on {
        Some(d) if l.review_due => format!("{d} DUE"),
        d => day(d),
    }
}

fn list_text(lines: &[Line]) -> String {
    if lines.is_empty() {
        return "No risks yet: fulcrum risks add EVENT --leads-to CONSEQUENCE --probability N --impact N".into();
    }
    let mut out = String::new();
    for l in lines {
        let _ = writeln!(
            out,
            "{:>3}  {:>2} {:<6}  {:<11}  {}  · owner {} · strategy {} · review {}",
            l.id,
            l.score,
            l.band,
            l.status,
            l.statement,
            opt(l.owner.as_deref()),
            opt(l.strategy),
            review(l)
        );
    }
    out
}

/// The risk log as a Markdown table, for the team to read and review.
pub fn list_markdown(lines: &[Line]) -> String {
    let rows = lines.iter().map(|l| {
        vec![
            l.id.to_string(),
            l.statement.clone(),
            format!("{} × {} = {}", l.probability, l.impact, l.score),
            l.band.to_string(),
            opt(l.strategy),
            l.plan.clone().unwrap_or_else(|| "—".into()),
            l.owner.clone().unwrap_or_else(|| "nobody".into()),
            l.status.to_string(),
            review(l),
        ]
    });
    markdown_table(
        "# Risk log",
        &[
            "#", "Risk", "P × I", "Band", "Strategy", "Plan", "Owner", "Status", "Review",
        ],
        rows,
    )
}

fn show_text(l: &Line) -> String {
    let mut s = format!("Risk {}: {}\n", l.id, l.statement);
    let _ = writeln!(
        s,
        "Probability {} × impact {} = {} ({}) · {} · {}",
        l.probability, l.impact, l.score, l.band, l.category, l.status
    );
    let _ = writeln!(s, "Strategy: {}", opt(l.strategy));
    if let Some(p) = &l.plan {
        let _ = writeln!(s, "Plan: {p}");
    }
    let _ = writeln!(s, "Owner: {}", l.owner.as_deref().unwrap_or("nobody"));
    let _ = writeln!(
        s,
        "Identified {} · last reviewed {} · next review {}",
        l.identified_on,
        day(l.reviewed_on),
        review(l)
    );
    if l.told.is_empty() {
        s.push_str("Told: nobody yet\n");
    }
    for t in &l.told {
        let _ = writeln!(s, "Told {} on {}", t.who, t.on);
    }
    if let Some(i) = l.incident {
        let _ = writeln!(s, "It happened: incident {i}");
    }
    if l.untold {
        s.push_str(
            "A high risk nobody was told of: tell the people it would hurt (fulcrum risks tell).\n",
        );
    }
    s
}
