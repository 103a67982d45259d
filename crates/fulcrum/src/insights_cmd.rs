//! `fulcrum insights …` and `fulcrum digest`: what the coach sees, and the week in review.

use crate::cli::{FormatArgs, IdArgs, ReportFormat};
use crate::output::{emit, emit_json, show, show_doc};
use clap::{Args, Subcommand, ValueEnum};
use fulcrum_app::digest::{self, Digest};
use fulcrum_app::insights::{self, Acted, InsightList, Shown};
use fulcrum_app::markdown::plural;
use fulcrum_app::report::Period;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::{AppError, Result};
use fulcrum_core::habits::Habit;
use fulcrum_core::insights::{Phase, PhaseKind};
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

/// An insight, named by the id `fulcrum insights` shows.
#[derive(Args)]
pub struct InsightId {
    id: String,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Subcommand)]
pub enum InsightsCommand {
    /// One insight in full: its evidence, the practice behind it and the next step
    Show(InsightId),
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
    Undo(InsightId),
    /// Do the insight's action: add the task, the habit or the agenda item, or draft the praise
    Act(InsightId),
    /// Every rule: what it looks for, the practice behind it, and the thresholds
    Rules(FormatArgs),
}

#[derive(Subcommand)]
pub enum HabitsCommand {
    /// The habits kept now, and those stopped
    List(FormatArgs),
    /// A routine to defend every week: the planner places it before any task
    Add {
        /// What it is, e.g. "Thinking block"
        title: String,
        /// build, lead, align, operate, think, grow, personal or other
        #[arg(long)]
        category: String,
        /// Minutes a week
        #[arg(long, default_value_t = 60)]
        minutes: i64,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Stop planning a habit
    Stop(IdArgs),
}

#[derive(Subcommand)]
pub enum PhaseCommand {
    /// Mark a period: its weeks are judged against the phase's targets, and the rules the
    /// kind excuses (a planned crunch is not a warning) stay quiet
    Add {
        /// crunch, planning, on-call, vacation-cover, vacation or custom
        kind: String,
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last day (included)
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long)]
        name: Option<String>,
        /// A target for these weeks, e.g. build=50-80 (repeat for several)
        #[arg(long = "target", value_name = "CATEGORY=MIN-MAX")]
        targets: Vec<String>,
        /// Rules that do not judge these weeks, comma-separated [default: the kind's]
        #[arg(long, value_name = "RULES")]
        excuse: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Every phase, earliest first
    List(FormatArgs),
    /// Remove a phase
    Remove(IdArgs),
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
        return show_doc(
            a.format,
            &list,
            || insights::markdown(&list),
            || table(&list),
        );
    };
    match command {
        InsightsCommand::Show(InsightId { id, format }) => {
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
        InsightsCommand::Undo(InsightId { id, format }) => {
            let n = insights::undo(store, &id).await?;
            let out = serde_json::json!({ "insight_id": id.trim(), "forgotten": n });
            show(format.format, &out, |_| {
                format!("{}: shown again.", id.trim())
            })
        }
        InsightsCommand::Act(InsightId { id, format }) => {
            let done = insights::act(store, rules, &id, now).await?;
            show(format.format, &done, acted)
        }
        InsightsCommand::Rules(format) => {
            let store_profile = fulcrum_app::profile::require(store).await?;
            let list = insights::rule_list(&store_profile.insights);
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

pub async fn habits(store: &dyn Store, cmd: HabitsCommand, now: Timestamp) -> Result<()> {
    let line = |h: &Habit| {
        let state = if h.active { "" } else { "  [stopped]" };
        format!(
            "{:>3}  {} · {} min of {} a week{state}",
            h.id, h.title, h.minutes, h.category
        )
    };
    match cmd {
        HabitsCommand::List(format) => {
            let all = store.habits().await?;
            show(format.format, &all, |all| {
                if all.is_empty() {
                    return "No habits yet: fulcrum habits add \"Thinking block\" --category think --minutes 120\n".into();
                }
                all.iter().map(|h| line(h) + "\n").collect()
            })
        }
        HabitsCommand::Add {
            title,
            category,
            minutes,
            format,
        } => {
            let category: fulcrum_core::Category =
                category
                    .parse()
                    .map_err(|e: fulcrum_core::category::UnknownCategory| {
                        AppError::invalid("--category", e.to_string())
                    })?;
            let h = insights::add_habit(store, &title, category, minutes, None, now).await?;
            show(format.format, &h, |h| {
                format!(
                    "Added habit {}: the planner places it every week.\n",
                    line(h).trim()
                )
            })
        }
        HabitsCommand::Stop(IdArgs { id, format }) => {
            let h = insights::stop_habit(store, id).await?;
            show(format.format, &h, |h| {
                format!("Stopped {}.\n", line(h).trim())
            })
        }
    }
}

fn phase_line(p: &Phase) -> String {
    let targets: Vec<String> = p
        .targets
        .iter()
        .map(|t| format!("{} {:.0}–{:.0} %", t.category, t.min_percent, t.max_percent))
        .collect();
    let excused = match &p.excused {
        Some(list) => list.join(", "),
        None => p.kind.default_excused().join(", "),
    };
    let mut line = format!("{:>3}  {} ({}) {} – {}", p.id, p.name, p.kind, p.from, p.to);
    if !targets.is_empty() {
        let _ = write!(line, " · targets {}", targets.join(", "));
    }
    if !excused.is_empty() {
        let _ = write!(line, " · excuses {excused}");
    }
    line
}

pub async fn phase(store: &dyn Store, cmd: PhaseCommand) -> Result<()> {
    match cmd {
        PhaseCommand::Add {
            kind,
            from,
            to,
            name,
            targets,
            excuse,
            format,
        } => {
            let kind = PhaseKind::parse(&kind).ok_or_else(|| {
                AppError::invalid(
                    "kind",
                    format!(
                        "'{kind}' is not a kind of phase: use {}",
                        PhaseKind::words()
                    ),
                )
            })?;
            let date = |flag: &'static str, v: &str| {
                time::parse_date(v).map_err(|e| AppError::invalid(flag, format!("{flag}: {e}")))
            };
            let targets = targets
                .iter()
                .map(|t| {
                    t.split_once('=')
                        .map(|(c, r)| (c.trim().to_string(), r.trim().to_string()))
                        .ok_or_else(|| {
                            AppError::invalid(
                                "--target",
                                format!("--target {t:?}: write CATEGORY=MIN-MAX, e.g. build=50-80"),
                            )
                        })
                })
                .collect::<Result<Vec<_>>>()?;
            let new = insights::NewPhase {
                kind,
                name,
                from: date("--from", &from)?,
                to: date("--to", &to)?,
                targets,
                excused: excuse.map(|e| {
                    e.split(',')
                        .map(|r| r.trim().to_string())
                        .filter(|r| !r.is_empty())
                        .collect()
                }),
            };
            let p = insights::add_phase(store, new).await?;
            show(format.format, &p, |p| {
                format!("Marked {}\n", phase_line(p).trim())
            })
        }
        PhaseCommand::List(format) => {
            let all = store.phases().await?;
            show(format.format, &all, |all| {
                if all.is_empty() {
                    return "No phases: fulcrum phase add crunch --from DATE --to DATE\n".into();
                }
                all.iter().map(|p| phase_line(p) + "\n").collect()
            })
        }
        PhaseCommand::Remove(IdArgs { id, format }) => {
            let p = insights::remove_phase(store, id).await?;
            show(format.format, &p, |p| {
                format!("Removed {}\n", phase_line(p).trim())
            })
        }
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

fn rules_table(list: &insights::RuleList) -> String {
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
