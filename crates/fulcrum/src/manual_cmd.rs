//! `fulcrum log` and `fulcrum timer`: time the calendar and git do not show.

use crate::cli::Format;
use crate::output::{emit, emit_json, show};
use clap::{Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::manual::{self, Edit, LogRequest, ManualView, Stopped};
use fulcrum_app::markdown::hm;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;

#[derive(Args)]
#[command(
    about = "Log time spent that neither your calendar nor git shows",
    after_help = "Examples:\n  fulcrum log 90m build \"spike on caching\"            ended just now\n  \
                  fulcrum log 1h30 think \"strategy doc\" --at 14:00    started at 14:00 today\n  \
                  fulcrum log --list                                  this week's entries\n  \
                  fulcrum log --edit 12 --category grow\n  fulcrum log --delete 12\n\n\
                  Where logged time overlaps a meeting, the meeting keeps those minutes: nothing \
                  counts twice."
)]
pub struct LogArgs {
    /// How long: 90m, 2h, 1h30, or minutes
    #[arg(required_unless_present_any = ["list", "edit", "delete"])]
    pub duration: Option<String>,
    /// build, lead, align, operate, think, grow, personal or other
    #[arg(required_unless_present_any = ["list", "edit", "delete"])]
    pub category: Option<String>,
    /// What it was
    #[arg(default_value = "")]
    pub what: String,
    /// When it started (14:00 today, 2026-12-01 14:00, or an RFC 3339 instant);
    /// without it the entry ends now
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// List the entries of a week instead (this week unless --week)
    #[arg(long, conflicts_with_all = ["edit", "delete"])]
    pub list: bool,
    /// The ISO week to list, like 2026-W49
    #[arg(long, requires = "list")]
    pub week: Option<String>,
    /// Change entry ID: give --at, --minutes, --category or --title
    #[arg(long, value_name = "ID", conflicts_with = "delete")]
    pub edit: Option<i64>,
    /// New length, with --edit
    #[arg(long, requires = "edit")]
    pub minutes: Option<String>,
    /// New category, with --edit
    #[arg(long = "set-category", value_name = "CATEGORY", requires = "edit")]
    pub set_category: Option<String>,
    /// New title, with --edit
    #[arg(long, requires = "edit")]
    pub title: Option<String>,
    /// Delete entry ID
    #[arg(long, value_name = "ID")]
    pub delete: Option<i64>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum TimerCommand {
    /// Start timing something: fulcrum timer start build "caching spike"
    Start {
        /// build, lead, align, operate, think, grow, personal or other
        category: String,
        /// What it is
        #[arg(default_value = "")]
        what: String,
        /// When it started, if not now (14:00, 2026-12-01 14:00)
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Stop the running timer and keep the time
    Stop {
        /// When it stopped, if not now
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Whether a timer runs, and for how long
    Status {
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

fn line(v: &ManualView) -> String {
    let end = match &v.local_end {
        Some(e) => e.get(11..).unwrap_or(e).to_string(),
        None => "running".to_string(),
    };
    format!(
        "{:>4}  {} {}–{}  {:>6}  {:<8} {}",
        v.id,
        v.local_start.get(..10).unwrap_or(&v.local_start),
        v.local_start.get(11..).unwrap_or(""),
        end,
        hm(v.minutes),
        v.category.as_str(),
        v.title
    )
}

pub async fn log(store: &dyn Store, a: LogArgs, now: Timestamp) -> Result<()> {
    if a.list {
        return list(store, a.week.as_deref(), a.format, now).await;
    }
    if let Some(id) = a.delete {
        let v = manual::delete(store, id, now).await?;
        return show(a.format, &v, |v| format!("Deleted: {}", line(v)));
    }
    if let Some(id) = a.edit {
        let change = Edit {
            at: a.at,
            duration: a.minutes,
            category: a.set_category,
            title: a.title,
        };
        let v = manual::edit(store, id, &change, now).await?;
        return show(a.format, &v, |v| format!("Changed: {}", line(v)));
    }
    let logged = manual::log(
        store,
        LogRequest {
            duration: a.duration.as_deref().unwrap_or_default(),
            category: a.category.as_deref().unwrap_or_default(),
            title: &a.what,
            at: a.at.as_deref(),
        },
        now,
    )
    .await?;
    if a.format == Format::Json {
        return emit_json(&logged);
    }
    let mut s = format!("Logged: {}\n", line(&logged.entry));
    for (title, minutes) in &logged.overlaps {
        let _ = writeln!(
            s,
            "  overlaps the meeting \"{title}\" for {}: the meeting keeps those minutes",
            hm(*minutes)
        );
    }
    emit(&s)
}

async fn list(store: &dyn Store, week: Option<&str>, format: Format, now: Timestamp) -> Result<()> {
    let profile = fulcrum_app::profile::require(store).await?;
    let monday = match week {
        Some(w) => time::parse_iso_week(w)
            .map_err(|e| fulcrum_app::AppError::invalid("--week", format!("--week: {e}")))?,
        None => time::week_start(time::local_date(now, &profile.tz())),
    };
    let entries = manual::list(store, monday, time::add_days(monday, 7), now).await?;
    if format == Format::Json {
        return emit_json(&entries);
    }
    let week = time::iso_week_label(monday);
    if entries.is_empty() {
        return emit(&format!(
            "No time logged by hand in {week}. Log some: fulcrum log 90m build \"what it was\""
        ));
    }
    let total: i64 = entries.iter().map(|e| e.minutes).sum();
    let mut s = format!("Logged by hand in {week}: {}\n", hm(total));
    for e in &entries {
        let _ = writeln!(s, "{}", line(e));
    }
    emit(&s)
}

pub async fn timer(store: &dyn Store, c: TimerCommand, now: Timestamp) -> Result<()> {
    match c {
        TimerCommand::Start {
            category,
            what,
            at,
            format,
        } => {
            let v = manual::timer_start(store, &category, &what, at.as_deref(), now).await?;
            show(format, &v, |v| {
                format!(
                    "Timer started at {}: {} ({}). Stop it with `fulcrum timer stop`.",
                    v.local_start.get(11..).unwrap_or(&v.local_start),
                    v.title,
                    v.category
                )
            })
        }
        TimerCommand::Stop { at, format } => {
            let stopped = manual::timer_stop(store, at.as_deref(), now).await?;
            match (format, &stopped) {
                (Format::Json, _) => emit_json(&stopped),
                (Format::Table, Stopped::Logged(v)) => emit(&format!("Logged: {}", line(v))),
                (Format::Table, Stopped::TooShort) => {
                    emit("The timer ran for less than a minute: nothing was kept.")
                }
            }
        }
        TimerCommand::Status { format } => {
            let running = manual::timer_status(store, now).await?;
            match (format, &running) {
                (Format::Json, _) => emit_json(&running),
                (Format::Table, Some(v)) => emit(&format!(
                    "Running for {}: {} ({}) since {}",
                    hm(v.minutes),
                    v.title,
                    v.category,
                    v.local_start
                )),
                (Format::Table, None) => emit("No timer is running."),
            }
        }
    }
}
