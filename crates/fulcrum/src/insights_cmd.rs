//! `fulcrum insights …` and `fulcrum digest`: what the coach sees, and the week in review.

use crate::cli::{FormatArgs, ReportFormat};
use crate::output::{emit, emit_json, show};
use clap::{Args, Subcommand, ValueEnum};
use fulcrum_app::digest::{self, Digest};
use fulcrum_app::insights::{self, Acted, InsightList, Shown};
use fulcrum_app::markdown::plural;
use fulcrum_app::report::Period;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::{AppError, Result};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct InsightsArgs {
    #[command(subcommand)]
    command: Option<InsightsCommand>,
    /// Judge as of the end of this ISO week, e.g. 2026-W48 [default: today]
    #[arg(long, value_name = "YYYY-Www", conflicts_with_all = ["from", "to"])]
    week: Option<String>,
    /// First day of the history to read
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// Judge as of this day (exclusive end of the range)
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// Include dismissed and snoozed insights, with the reasons given
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

#[derive(Subcommand)]
pub enum InsightsCommand {
    /// One insight in full: its evidence, the practice behind it and the next step
    Show {
        id: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Hide an insight for its current evidence; a new week of it raises it again
    Dismiss {
        id: String,
        /// Why it does not apply (kept, and shown with --all)
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Hide an insight until a day
    Snooze {
        id: String,
        #[arg(long, value_name = "DATE")]
        until: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Forget a dismissal or snooze
    Undo {
        id: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Do the insight's action: add the task, the habit or the agenda item, or draft the praise
    Act {
        id: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Every rule: what it looks for, the practice behind it, and the thresholds
    Rules {
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Markdown,
    Json,
}

#[derive(Args)]
pub struct DigestArgs {
    /// The ISO week, e.g. 2026-W48 [default: the last complete week]
    #[arg(long, value_name = "YYYY-Www")]
    week: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    format: DigestFormat,
}

pub async fn run(
    store: &dyn Store,
    rules: &RuleBook,
    a: InsightsArgs,
    now: Timestamp,
) -> Result<()> {
    let Some(command) = a.command else {
        let period = Period::from_options(a.week.as_deref(), a.from.as_deref(), a.to.as_deref())?;
        let list = insights::list(store, rules, &period, a.all, now).await?;
        return match a.format {
            ReportFormat::Json => emit_json(&list),
            ReportFormat::Markdown => emit(&insights::markdown(&list)),
            ReportFormat::Table => emit(&table(&list)),
        };
    };
    match command {
        InsightsCommand::Show { id, format } => {
            let i = insights::show(store, rules, &id, now).await?;
            show(format.format, &i, full)
        }
        InsightsCommand::Dismiss { id, reason, format } => {
            let i = insights::dismiss(store, rules, &id, &reason, now).await?;
            show(format.format, &i, |i| {
                format!(
                    "Dismissed {}: it stays hidden until a new week of evidence.",
                    i.insight.id
                )
            })
        }
        InsightsCommand::Snooze { id, until, format } => {
            let until = time::parse_date(&until)
                .map_err(|e| AppError::invalid("--until", format!("--until: {e}")))?;
            let i = insights::snooze(store, rules, &id, until, now).await?;
            show(format.format, &i, |i| {
                format!("Snoozed {} until {until}.", i.insight.id)
            })
        }
        InsightsCommand::Undo { id, format } => {
            let n = insights::undo(store, &id).await?;
            let out = serde_json::json!({ "insight_id": id.trim(), "forgotten": n });
            show(format.format, &out, |_| {
                format!("{}: shown again.", id.trim())
            })
        }
        InsightsCommand::Act { id, format } => {
            let done = insights::act(store, rules, &id, now).await?;
            show(format.format, &done, acted)
        }
        InsightsCommand::Rules { format } => {
            let store_profile = fulcrum_app::profile::require(store).await?;
            let list = rule_list(&store_profile.insights);
            show(format.format, &list, rules_table)
        }
    }
}

pub async fn digest(
    store: &dyn Store,
    rules: &RuleBook,
    a: DigestArgs,
    now: Timestamp,
) -> Result<()> {
    let monday = a
        .week
        .as_deref()
        .map(|w| {
            time::parse_iso_week(w).map_err(|e| AppError::invalid("--week", format!("--week: {e}")))
        })
        .transpose()?;
    let d: Digest = digest::build(store, rules, monday, now).await?;
    match a.format {
        DigestFormat::Json => emit_json(&d),
        DigestFormat::Markdown => emit(&digest::markdown(&d)),
    }
}

fn table(list: &InsightList) -> String {
    let mut s = String::new();
    let open = list.insights.iter().filter(|i| i.status == "open").count();
    let _ = writeln!(s, "Insights as of {} · {} open\n", list.as_of, open);
    if list.insights.is_empty() {
        let _ = writeln!(
            s,
            "Nothing stands out. (fulcrum insights rules lists what is watched.)"
        );
    }
    for i in &list.insights {
        let x = &i.insight;
        let status = if i.status == "open" {
            String::new()
        } else {
            format!(" [{}]", i.status)
        };
        let _ = writeln!(
            s,
            "{:<5}  {}{status}  · {} · {}",
            x.severity.as_str().to_uppercase(),
            x.title,
            plural(x.weeks, "week", "weeks"),
            x.id
        );
        if let Some(e) = x.evidence.first() {
            let more = if x.evidence.len() > 1 {
                format!(" (+{} more)", x.evidence.len() - 1)
            } else {
                String::new()
            };
            let _ = writeln!(s, "       {}{more}", e.text);
        }
        let _ = writeln!(s, "       → {}", x.action.text);
        if let Some(reason) = i.verdict.as_ref().and_then(|v| v.reason.as_deref()) {
            let _ = writeln!(s, "       dismissed: {reason}");
        }
    }
    if open > 0 {
        let _ = writeln!(
            s,
            "\nfulcrum insights show ID · dismiss ID --reason TEXT · snooze ID --until DATE · act ID"
        );
    }
    s
}

fn full(i: &Shown) -> String {
    let x = &i.insight;
    let mut s = String::new();
    let _ = writeln!(s, "{} — {} ({})", x.title, x.severity, i.status);
    let _ = writeln!(
        s,
        "{} · rule {} · since {} · {}\n",
        x.id,
        x.rule,
        x.since,
        plural(x.weeks, "week", "weeks")
    );
    for e in &x.evidence {
        let _ = writeln!(s, "  • {}", e.text);
    }
    let _ = writeln!(s, "\nWhy it matters ({}): {}", x.practice, x.why);
    let _ = writeln!(s, "Next step: {}", x.action.text);
    if let Some(c) = &i.command {
        let _ = writeln!(s, "Fulcrum can do it: {c}");
    }
    if let Some(v) = &i.verdict {
        let _ = writeln!(
            s,
            "{} on {}{}",
            v.kind,
            v.on,
            v.reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        );
    }
    s
}

fn acted(a: &Acted) -> String {
    let mut s = format!("{}: {}.\n", a.insight_id, a.did);
    if let Some(d) = &a.draft {
        s.push('\n');
        s.push_str(d);
        s.push('\n');
    }
    s
}

#[derive(serde::Serialize)]
struct RuleLine {
    id: &'static str,
    module: &'static str,
    practice: &'static str,
    looks_for: &'static str,
    why: &'static str,
    on: bool,
}

#[derive(serde::Serialize)]
struct RuleList {
    rules: Vec<RuleLine>,
    settings: Vec<(&'static str, String, &'static str)>,
}

fn rule_list(settings: &fulcrum_core::insights::InsightSettings) -> RuleList {
    let docs = fulcrum_core::insights::SETTING_DOCS;
    RuleList {
        rules: fulcrum_core::insights::rules()
            .iter()
            .map(|r| {
                let i = r.info();
                RuleLine {
                    id: i.id,
                    module: i.module,
                    practice: i.practice,
                    looks_for: i.looks_for,
                    why: i.why,
                    on: !settings.is_off(i.id),
                }
            })
            .collect(),
        settings: settings
            .values()
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    v,
                    docs.iter().find(|(d, _)| *d == k).map_or("", |(_, m)| m),
                )
            })
            .collect(),
    }
}

fn rules_table(list: &RuleList) -> String {
    let mut s = String::new();
    for r in &list.rules {
        let off = if r.on { "" } else { "  [off]" };
        let _ = writeln!(s, "{:<28} {:<6} {}{off}", r.id, r.practice, r.looks_for);
    }
    let _ = writeln!(s, "\nThresholds (fulcrum settings set insights.KEY VALUE):");
    for (k, v, what) in &list.settings {
        let _ = writeln!(s, "  {k:<26} {v:<8} {what}");
    }
    s
}
