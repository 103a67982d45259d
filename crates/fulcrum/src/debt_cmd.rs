//! `fulcrum debt …`: the tech debt wall, each item scored with its priority and quadrant, and
//! the share of build time spent on debt against the team's agreed allocation (docs/debt.md).

use crate::cli::{DocFormatArgs, Format, FormatArgs, IdArgs, IdDocArgs};
use crate::output::{emit, emit_json, markdown_table, md_cell, show, show_doc};
use crate::people_cmd::{person_id, word};
use clap::Subcommand;
use fulcrum_app::Result;
use fulcrum_app::debt::{self, DebtEdit, Line, NewDebt};
use fulcrum_app::report::Period;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_core::debt::{Allocation, DebtType, Scores, Status};
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;

/// A score flag: a whole number from 1 to 5.
fn score(s: &str) -> std::result::Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err("score it with a whole number from 1 (least) to 5 (most)".into()),
    }
}

#[derive(Subcommand)]
pub enum DebtCommand {
    /// Put an item on the debt wall, scored 1–5 on effort, value, risk, frequency, alignment
    Add {
        /// What is wrong, in a few words
        title: String,
        /// intentional, drift, product, test, infra or security
        #[arg(long = "type", value_name = "TYPE", value_parser = word::<DebtType>)]
        kind: DebtType,
        /// The module or service it lives in
        #[arg(long)]
        area: String,
        /// How much work resolving it takes (1 little – 5 a lot)
        #[arg(long, value_parser = score)]
        effort: u8,
        /// What resolving it is worth (1 little – 5 a lot)
        #[arg(long, value_parser = score)]
        value: u8,
        /// How bad it is when it bites (1 mild – 5 outage, security, data)
        #[arg(long, value_parser = score)]
        risk: u8,
        /// How often it gets in the way (1 rarely – 5 every day)
        #[arg(long, value_parser = score)]
        frequency: u8,
        /// How closely resolving it serves the strategic goals (1 not – 5 directly)
        #[arg(long, value_parser = score)]
        alignment: u8,
        /// How it came to be, and what it looks like
        #[arg(long)]
        context: Option<String>,
        /// What it costs today
        #[arg(long)]
        impact: Option<String>,
        /// An issue, document or dashboard: a URL or a few words (repeat for several)
        #[arg(long = "link", value_name = "URL")]
        links: Vec<String>,
        /// Who keeps it up to date and pushes for it (id or name in People)
        #[arg(long)]
        champion: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The wall by priority, highest first
    List {
        /// Only items with this status: listed, prioritised, in-progress, done, tolerated
        #[arg(long, value_parser = word::<Status>)]
        status: Option<Status>,
        /// Only items of this type
        #[arg(long = "type", value_name = "TYPE", value_parser = word::<DebtType>)]
        kind: Option<DebtType>,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// One item: its scores, priority, quadrant, links and status
    Show(IdDocArgs),
    /// Change an item's fields or scores
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long = "type", value_name = "TYPE", value_parser = word::<DebtType>)]
        kind: Option<DebtType>,
        #[arg(long)]
        area: Option<String>,
        #[arg(long)]
        context: Option<String>,
        #[arg(long)]
        impact: Option<String>,
        /// The links, replacing the ones there are (repeat for several)
        #[arg(long = "link", value_name = "URL")]
        links: Vec<String>,
        /// Take every link away
        #[arg(long, conflicts_with = "links")]
        no_links: bool,
        #[arg(long, value_parser = score)]
        effort: Option<u8>,
        #[arg(long, value_parser = score)]
        value: Option<u8>,
        #[arg(long, value_parser = score)]
        risk: Option<u8>,
        #[arg(long, value_parser = score)]
        frequency: Option<u8>,
        #[arg(long, value_parser = score)]
        alignment: Option<u8>,
        /// The new champion (id or name in People)
        #[arg(long)]
        champion: Option<String>,
        /// Leave the item without a champion
        #[arg(long, conflicts_with = "champion")]
        no_champion: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Set an item's status; tolerated needs --reason (why the team lives with it)
    Status {
        id: i64,
        /// listed, prioritised, in-progress, done or tolerated
        #[arg(value_parser = word::<Status>)]
        status: Status,
        /// Why the team lives with it: required with tolerated, refused otherwise
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Take an item off the wall
    Delete(IdArgs),
    /// The share of build time spent on debt work against the agreed target [default: this week]
    Allocation {
        /// An ISO week, e.g. 2026-W14
        #[arg(long)]
        week: Option<String>,
        /// First day (with --to)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Day after the last (exclusive, with --from)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Save a new agreed share of build time, in percent (1–100)
        #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u8).range(1..=100))]
        target: Option<u8>,
        /// Save the words that mark build time as debt work, comma-separated
        #[arg(long, value_name = "A,B")]
        words: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

pub async fn run(
    store: &dyn Store,
    cmd: DebtCommand,
    rules: &RuleBook,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        DebtCommand::Add {
            title,
            kind,
            area,
            effort,
            value,
            risk,
            frequency,
            alignment,
            context,
            impact,
            links,
            champion,
            format,
        } => {
            let new = NewDebt {
                title,
                kind,
                area,
                context,
                impact,
                links,
                scores: Scores {
                    effort,
                    value,
                    risk,
                    frequency,
                    alignment,
                },
                champion: champion_id(store, champion).await?,
            };
            let item = debt::add(store, new, now).await?;
            let said = format!(
                "Added debt item {}: {} (priority {:.2}, {}).",
                item.id,
                item.record.title,
                item.record.priority(),
                item.record.quadrant().label().to_lowercase()
            );
            after_change(format.format, store, item.id, said).await
        }
        DebtCommand::List {
            status,
            kind,
            format,
        } => {
            let lines = debt::list(store, status, kind).await?;
            show_doc(
                format.format,
                &serde_json::json!({ "debt": lines }),
                || list_markdown(&lines),
                || list_text(&lines),
            )
        }
        DebtCommand::Show(IdDocArgs { id, format }) => {
            let l = debt::show(store, id).await?;
            show_doc(format.format, &l, || show_markdown(&l), || show_text(&l))
        }
        DebtCommand::Edit {
            id,
            title,
            kind,
            area,
            context,
            impact,
            links,
            no_links,
            effort,
            value,
            risk,
            frequency,
            alignment,
            champion,
            no_champion,
            format,
        } => {
            let champion = match (champion, no_champion) {
                (_, true) => Some(None),
                (Some(c), false) => Some(Some(person_id(store, &c).await?)),
                (None, false) => None,
            };
            let edit = DebtEdit {
                title,
                kind,
                area,
                context,
                impact,
                links: match (links.is_empty(), no_links) {
                    (_, true) => Some(vec![]),
                    (true, false) => None,
                    (false, false) => Some(links),
                },
                effort,
                value,
                risk,
                frequency,
                alignment,
                champion,
            };
            let item = debt::edit(store, id, edit).await?;
            let said = format!(
                "Saved debt item {id} ({}): priority {:.2}.",
                item.record.title,
                item.record.priority()
            );
            after_change(format.format, store, id, said).await
        }
        DebtCommand::Status {
            id,
            status,
            reason,
            format,
        } => {
            let item = debt::set_status(store, id, status, reason, now).await?;
            let said = format!("Debt item {id} ({}) is {status}.", item.record.title);
            after_change(format.format, store, id, said).await
        }
        DebtCommand::Delete(IdArgs { id, format }) => {
            debt::delete(store, id).await?;
            show(format.format, &serde_json::json!({ "deleted": id }), |_| {
                format!("Took debt item {id} off the wall.")
            })
        }
        DebtCommand::Allocation {
            week,
            from,
            to,
            target,
            words,
            format,
        } => {
            let period = Period::from_options(week.as_deref(), from.as_deref(), to.as_deref())?;
            if target.is_some() || words.is_some() {
                debt::set_policy(store, target, words.as_deref()).await?;
            }
            let a = debt::allocation(store, rules, &period, now).await?;
            show(format.format, &a, allocation_text)
        }
    }
}

async fn champion_id(store: &dyn Store, name: Option<String>) -> Result<Option<i64>> {
    match name {
        Some(n) => Ok(Some(person_id(store, &n).await?)),
        None => Ok(None),
    }
}

/// After a change: the item's line as JSON, or what was done in words.
async fn after_change(format: Format, store: &dyn Store, id: i64, said: String) -> Result<()> {
    match format {
        Format::Json => emit_json(&debt::show(store, id).await?),
        Format::Table => emit(&said),
    }
}

/// The status, with the reason when tolerated.
fn state(l: &Line) -> String {
    let r = &l.item.record;
    match (&r.status, &r.tolerated_reason) {
        (Status::Tolerated, Some(why)) => format!("tolerated: {why}"),
        (s, _) => s.to_string(),
    }
}

fn scores_text(s: &Scores) -> String {
    format!(
        "E{} V{} R{} F{} A{}",
        s.effort, s.value, s.risk, s.frequency, s.alignment
    )
}

fn list_text(lines: &[Line]) -> String {
    if lines.is_empty() {
        return "The wall is empty: fulcrum debt add TITLE --type T --area A --effort N --value N --risk N --frequency N --alignment N".into();
    }
    let mut out = String::from("  #  priority  quadrant          scores          item\n");
    for l in lines {
        let r = &l.item.record;
        let _ = writeln!(
            out,
            "{:>3}  {:>8.2}  {:<16}  {}  {} ({}, {}) · {}",
            l.item.id,
            l.priority,
            l.quadrant.label(),
            scores_text(&r.scores),
            r.title,
            r.kind,
            r.area,
            state(l)
        );
    }
    out
}

/// The wall as a Markdown table, for a stakeholder update or a retro.
pub fn list_markdown(lines: &[Line]) -> String {
    let rows = lines.iter().map(|l| {
        let r = &l.item.record;
        vec![
            l.item.id.to_string(),
            r.title.clone(),
            r.kind.to_string(),
            r.area.clone(),
            format!("{:.2}", l.priority),
            l.quadrant.label().to_string(),
            state(l),
            l.champion_name.clone().unwrap_or_else(|| "—".into()),
        ]
    });
    markdown_table(
        "# Tech debt wall\n\nPriority = (value + risk + frequency + alignment) / effort.",
        &[
            "#", "Item", "Type", "Area", "Priority", "Quadrant", "Status", "Champion",
        ],
        rows,
    )
}

fn show_text(l: &Line) -> String {
    let r = &l.item.record;
    let mut s = format!("Debt item {}: {} ({})\n", l.item.id, r.title, state(l));
    let _ = writeln!(s, "Type: {} · area: {}", r.kind, r.area);
    let _ = writeln!(
        s,
        "Scores: effort {}, value {}, risk {}, frequency {}, alignment {}",
        r.scores.effort, r.scores.value, r.scores.risk, r.scores.frequency, r.scores.alignment
    );
    let _ = writeln!(s, "Priority {:.2} · {}", l.priority, l.quadrant.label());
    for (label, text) in [("Context", &r.context), ("Impact", &r.impact)] {
        if !text.is_empty() {
            let _ = writeln!(s, "{label}: {text}");
        }
    }
    for link in &r.links {
        let _ = writeln!(s, "Link: {link}");
    }
    if let Some(c) = &l.champion_name {
        let _ = writeln!(s, "Champion: {c}");
    }
    let _ = writeln!(s, "Listed on {}", r.created_on);
    if let Some(d) = r.done_on {
        let _ = writeln!(s, "Done on {d}");
    }
    s
}

fn show_markdown(l: &Line) -> String {
    let r = &l.item.record;
    let mut s = format!("# {}\n\n", r.title);
    let _ = writeln!(s, "- Type: {} · Area: {}", r.kind, md_cell(&r.area));
    let _ = writeln!(s, "- Status: {}", state(l));
    let _ = writeln!(
        s,
        "- Priority: {:.2} ({}); scores {}",
        l.priority,
        l.quadrant.label(),
        scores_text(&r.scores)
    );
    if let Some(c) = &l.champion_name {
        let _ = writeln!(s, "- Champion: {c}");
    }
    for (label, text) in [("Context", &r.context), ("Impact", &r.impact)] {
        if !text.is_empty() {
            let _ = write!(s, "\n## {label}\n\n{text}\n");
        }
    }
    if !r.links.is_empty() {
        s.push_str("\n## Links\n\n");
        for link in &r.links {
            let _ = writeln!(s, "- {link}");
        }
    }
    s
}

fn percent(p: Option<f64>) -> String {
    p.map_or("—".into(), |p| format!("{p:.1} %"))
}

fn allocation_text(a: &Allocation) -> String {
    let mut s = format!(
        "Debt share of build time, {} to {} (agreed {} %; words: {})\n",
        a.from,
        fulcrum_core::time::add_days(a.to, -1),
        a.target_percent,
        a.words.join(", ")
    );
    for w in &a.weeks {
        let flag = if w.below_target { "  below target" } else { "" };
        let _ = writeln!(
            s,
            "  {}  {:>5} of {:>5} build minutes  {:>8}{flag}",
            w.week,
            w.debt_minutes,
            w.build_minutes,
            percent(w.share_percent)
        );
    }
    let _ = writeln!(
        s,
        "Overall: {} of {} build minutes on debt, {}{}",
        a.debt_minutes,
        a.build_minutes,
        percent(a.share_percent),
        if a.below_target {
            ": below the agreed share"
        } else {
            ""
        }
    );
    s
}
