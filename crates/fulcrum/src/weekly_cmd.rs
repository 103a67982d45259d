//! `fulcrum task …` and `fulcrum plan …`: the weekly loop on the command line.

use crate::cli::{Format, FormatArgs, ListArgs, Reword};
use crate::output::{emit, emit_json, show};
use clap::{Args, Subcommand};
use fulcrum_app::markdown::hm;
use fulcrum_app::weekly::{self, NewTask, TaskEdit, WeekPlan};
use fulcrum_app::{AppError, Result};
use fulcrum_core::planner::Suggestion;
use fulcrum_core::tasks::{Quadrant, TaskStatus};
use fulcrum_core::time::parse_minutes;
use fulcrum_core::{Category, time};
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TaskCommand {
    /// Add a task; its urgent and important flags place it in a quadrant
    Add(NewTaskArgs),
    /// List open tasks by quadrant, with what the spread says
    #[command(reword("all", "Include done and dropped tasks"))]
    List(ListArgs),
    /// Mark a task done
    Done { id: i64 },
    /// Drop a task, saying why (it shows up in the week's review)
    Drop {
        id: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Change a task
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        urgent: Option<bool>,
        #[arg(long)]
        important: Option<bool>,
        #[arg(long)]
        only_me: Option<bool>,
        #[arg(long, value_parser = parse_minutes)]
        estimate: Option<i64>,
        /// A date, or "none"
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        category: Option<Category>,
    },
}

/// The flags of `task add`.
#[derive(Args)]
pub struct NewTaskArgs {
    title: String,
    /// Something breaks or someone waits if it is not done soon
    #[arg(long)]
    urgent: bool,
    /// It moves your goals or your team's forward
    #[arg(long)]
    important: bool,
    /// Only you can do it (your context, relationships or authority)
    #[arg(long)]
    only_me: bool,
    /// How long it takes: 90m, 2h, 1h30m or minutes
    #[arg(long, value_parser = parse_minutes)]
    estimate: Option<i64>,
    /// When it is due (YYYY-MM-DD)
    #[arg(long)]
    due: Option<String>,
    #[arg(long, default_value = "build")]
    category: Category,
    #[command(flatten)]
    format: FormatArgs,
}

impl NewTaskArgs {
    fn new_task(self) -> Result<NewTask> {
        Ok(NewTask {
            due: self.due.as_deref().map(time::parse_date).transpose()?,
            title: self.title,
            urgent: self.urgent,
            important: self.important,
            only_me: self.only_me,
            estimate_minutes: self.estimate,
            category: Some(self.category),
        })
    }
}

#[derive(Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub action: Option<PlanAction>,
    /// Plan the week afresh even when it has an accepted plan (shown, not kept: `plan accept`
    /// keeps it)
    #[arg(long)]
    pub replan: bool,
    /// The ISO week to plan, e.g. 2026-W49 [default: this week]
    #[arg(long, global = true, value_name = "YYYY-Www")]
    pub week: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum PlanAction {
    /// Plan the week and keep it as the week's plan
    Accept,
    /// Write the accepted plan's blocks as an .ics file to import into your calendar
    Export {
        #[arg(long, value_name = "FILE")]
        ics: PathBuf,
    },
}

#[derive(Args)]
pub struct TriageArgs {
    /// One task to triage with the answers below; without it, every open task is asked about
    pub id: Option<i64>,
    /// If you never did it, would anything that matters happen?
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    pub skip_matters: Option<bool>,
    /// Does another team, a customer or the product depend on it?
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    pub depended_on: Option<bool>,
    /// Does it need you in particular?
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    pub needs_me: Option<bool>,
}

fn yes_no(s: &str) -> std::result::Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" => Ok(true),
        "n" | "no" | "false" => Ok(false),
        _ => Err(format!("'{s}': answer yes or no")),
    }
}

/// Asks the triage questions about each open task on the terminal (answers read from
/// standard input: y, n, Enter to skip a question, q to stop), or applies the given answers
/// to one task.
pub async fn triage(store: &dyn Store, a: TriageArgs) -> Result<()> {
    use fulcrum_core::tasks::{TRIAGE_QUESTIONS, TriageAnswers};
    if let Some(id) = a.id {
        let answers = TriageAnswers {
            skip_matters: a.skip_matters,
            depended_on: a.depended_on,
            needs_me: a.needs_me,
        };
        let (t, o) = weekly::triage(store, id, answers).await?;
        return emit(&format!("{}: {} → {}", t.title, o.reason, t.quadrant()));
    }
    let list = weekly::list(store, false).await?;
    if list.tasks.is_empty() {
        return emit("No open tasks to triage.");
    }
    let stdin = std::io::stdin();
    let mut moved = 0;
    'tasks: for view in &list.tasks {
        eprintln!(
            "\n{} ({}, {})",
            view.task.title, view.quadrant, view.task.category
        );
        let mut answers = [None; 3];
        for (i, (_, question, hint)) in TRIAGE_QUESTIONS.iter().enumerate() {
            eprint!("  {question} [y/n, Enter to skip, q to stop] ");
            let mut line = String::new();
            if stdin
                .read_line(&mut line)
                .map_err(|e| AppError::Failed(format!("cannot read the answer: {e}")))?
                == 0
            {
                break 'tasks;
            }
            match line.trim().to_ascii_lowercase().as_str() {
                "q" => break 'tasks,
                "" => {}
                other => match yes_no(other) {
                    Ok(v) => answers[i] = Some(v),
                    Err(e) => eprintln!("  {e}; skipped"),
                },
            }
            // The first failed test decides; the rest need not be asked.
            if answers[i] == Some(false) {
                eprintln!("  {hint}");
                break;
            }
        }
        let (t, o) = weekly::triage(
            store,
            view.task.id,
            TriageAnswers {
                skip_matters: answers[0],
                depended_on: answers[1],
                needs_me: answers[2],
            },
        )
        .await?;
        if t.quadrant() != view.quadrant {
            moved += 1;
        }
        eprintln!("  → {} ({})", t.quadrant(), o.reason);
    }
    let after = weekly::list(store, false).await?;
    emit(&format!(
        "Triage moved {moved} task(s).\n\n{}",
        task_table(&after)
    ))
}

#[derive(Args)]
pub struct ReviewArgs {
    /// The ISO week to review [default: this week]
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// The one change you will carry into next week
    #[arg(long, value_name = "TEXT")]
    pub adjust: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// The Monday of `--week`, or of this week in the user's zone.
fn week_or_current(
    week: Option<&str>,
    profile: &fulcrum_core::Profile,
    now: Timestamp,
) -> Result<jiff::civil::Date> {
    Ok(match week {
        Some(w) => time::parse_iso_week(w)?,
        None => time::week_start(time::local_date(now, &profile.tz())),
    })
}

pub async fn review(store: &dyn Store, args: ReviewArgs, now: Timestamp) -> Result<()> {
    let profile = fulcrum_app::profile::require(store).await?;
    let week = week_or_current(args.week.as_deref(), &profile, now)?;
    if let Some(text) = &args.adjust {
        weekly::adjust(store, week, text).await?;
    }
    let r = weekly::review_week(store, week, now).await?;
    show(args.format.format, &r, |r| review_table(r, &profile.tz()))
}

fn review_table(r: &weekly::ReviewView, tz: &jiff::tz::TimeZone) -> String {
    let rv = &r.review;
    let mut s = String::new();
    let tasks = format!(
        "{} of {}; {} of {} tasks",
        hm(rv.done_minutes),
        hm(rv.planned_minutes),
        rv.done_tasks,
        rv.planned_tasks
    );
    if rv.in_progress {
        // No verdict on a week that is not over: only how far it has come.
        let _ = writeln!(
            s,
            "Review of {} — in progress, no verdict until the week is over",
            r.week
        );
        let _ = writeln!(s, "{} ({tasks} done)", rv.progress);
    } else {
        let share = rv
            .done_share
            .map_or("—".into(), |f| format!("{:.0} %", f * 100.0));
        let _ = writeln!(
            s,
            "Review of {}: {share} of the planned work done ({tasks})",
            r.week
        );
        let _ = writeln!(
            s,
            "About half is a solid start; the trend matters more than one week."
        );
    }
    if !rv.derailers.is_empty() {
        let _ = writeln!(
            s,
            "\nWhat took planned time ({} in all):",
            hm(rv.derailed_minutes)
        );
        for d in &rv.derailers {
            let at = d.start.to_zoned_datetime(tz.clone()).strftime("%a %H:%M");
            let _ = writeln!(s, "  • {at}  {} ({})", d.title, hm(d.minutes));
        }
        let _ = writeln!(
            s,
            "  Were these unavoidable, or could someone else have taken them?"
        );
    }
    if !rv.deprioritised.is_empty() {
        let _ = writeln!(s, "\nPut aside:");
        for d in &rv.deprioritised {
            let why = d
                .reason
                .as_deref()
                .unwrap_or("no reason noted — was it not important, or did something else win?");
            let _ = writeln!(s, "  • {} ({}): {why}", d.title, d.state);
        }
    }
    if rv.in_progress {
        let _ = writeln!(s, "\n{}", rv.suggestion);
    } else {
        let _ = writeln!(s, "\nSuggested: {}", rv.suggestion);
    }
    match &r.adjustment {
        Some(a) => {
            let _ = writeln!(s, "Your adjustment for next week: {a}");
        }
        None if !rv.in_progress => {
            let _ = writeln!(
                s,
                "Choose one adjustment: fulcrum review --week {} --adjust \"…\"",
                r.week
            );
        }
        None => {}
    }
    if r.trend.len() > 1 {
        let _ = writeln!(s, "\nPlanned work done, by week:");
        for p in &r.trend {
            let v = p
                .done_share
                .map_or("—".into(), |f| format!("{:>3.0} %", f * 100.0));
            let running = if p.in_progress { "  (in progress)" } else { "" };
            let _ = writeln!(s, "  {}  {v}{running}", p.week);
        }
    }
    s
}

pub async fn task(store: &dyn Store, cmd: TaskCommand) -> Result<()> {
    match cmd {
        TaskCommand::Add(a) => {
            let format = a.format.format;
            let t = weekly::add_task(store, a.new_task()?).await?;
            match format {
                Format::Json => emit_json(&weekly::TaskView {
                    quadrant: t.quadrant(),
                    task: t,
                }),
                Format::Table => emit(&format!(
                    "Added task {} to {}: {}",
                    t.id,
                    t.quadrant(),
                    t.title
                )),
            }
        }
        TaskCommand::List(l) => {
            let list = weekly::list(store, l.all).await?;
            show(l.format.format, &list, task_table)
        }
        TaskCommand::Done { id } => {
            let t = weekly::edit_task(
                store,
                id,
                TaskEdit {
                    status: Some(TaskStatus::Done),
                    ..Default::default()
                },
            )
            .await?;
            emit(&format!("Done: {}", t.title))
        }
        TaskCommand::Drop { id, reason } => {
            let t = weekly::edit_task(
                store,
                id,
                TaskEdit {
                    status: Some(TaskStatus::Dropped),
                    note: reason,
                    ..Default::default()
                },
            )
            .await?;
            emit(&format!("Dropped: {}", t.title))
        }
        TaskCommand::Edit {
            id,
            title,
            urgent,
            important,
            only_me,
            estimate,
            due,
            category,
        } => {
            let due = match due.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(d) => Some(Some(time::parse_date(d)?)),
            };
            let t = weekly::edit_task(
                store,
                id,
                TaskEdit {
                    title,
                    urgent,
                    important,
                    only_me,
                    estimate_minutes: estimate,
                    due,
                    category,
                    ..Default::default()
                },
            )
            .await?;
            emit(&format!(
                "Task {} is now in {}: {}",
                t.id,
                t.quadrant(),
                t.title
            ))
        }
    }
}

fn task_table(list: &weekly::TaskList) -> String {
    let mut s = String::new();
    if list.tasks.is_empty() {
        return "No open tasks. Add one: fulcrum task add \"Write the caching RFC\" --important --estimate 2h".into();
    }
    for q in Quadrant::ALL {
        let tasks: Vec<_> = list.tasks.iter().filter(|t| t.quadrant == q).collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{} ({})", q.as_str().to_uppercase(), tasks.len());
        for t in tasks {
            let est = t
                .task
                .estimate_minutes
                .map(hm)
                .unwrap_or_else(|| "—".into());
            let due = t.task.due.map(|d| format!(" due {d}")).unwrap_or_default();
            let mark = match t.task.status {
                TaskStatus::Open => " ",
                TaskStatus::Done => "✓",
                TaskStatus::Dropped => "✗",
            };
            let me = if t.task.only_me { " · only you" } else { "" };
            let _ = writeln!(
                s,
                "  {mark} {:>4}  {:<40} {:>6} {:<8}{due}{me}",
                t.task.id,
                t.task.title,
                est,
                t.task.category.as_str()
            );
        }
    }
    for sig in &list.health.signals {
        let _ = writeln!(s, "\n{}: {}.\n  → {}", sig.kind, sig.seen, sig.next);
    }
    s
}

pub async fn plan(store: &dyn Store, args: PlanArgs, now: Timestamp) -> Result<()> {
    let profile = fulcrum_app::profile::require(store).await?;
    let week = week_or_current(args.week.as_deref(), &profile, now)?;
    match args.action {
        None => {
            let plan = weekly::week_plan(store, week, now, args.replan).await?;
            show(args.format.format, &plan, |plan| {
                plan_table(plan, &profile.tz(), false)
            })
        }
        Some(PlanAction::Accept) => {
            let (plan, _) = weekly::accept(store, week, now).await?;
            show(args.format.format, &plan, |plan| {
                plan_table(plan, &profile.tz(), true)
            })
        }
        Some(PlanAction::Export { ics }) => {
            let text = weekly::export_ics(store, week).await?;
            std::fs::write(&ics, text).map_err(|e| AppError::io(&ics, e))?;
            emit(&format!(
                "Wrote the plan of {} to {}",
                time::iso_week_label(week),
                ics.display()
            ))
        }
    }
}

/// The week's plan as a table: which plan it is (accepted, or a proposal), its blocks by day,
/// what does not fit and why, and what to do next.
fn plan_table(wp: &WeekPlan, tz: &jiff::tz::TimeZone, just_accepted: bool) -> String {
    let plan = &wp.plan;
    let w = &plan.week;
    let mut s = String::new();
    let when = |t: Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%a %-d %b %H:%M")
            .to_string()
    };
    let accepted_at = wp.accepted_at.map(when).unwrap_or_default();
    if wp.is_accepted() {
        let _ = writeln!(s, "Accepted plan for {w} (accepted {accepted_at})");
    } else if wp.accepted_at.is_some() {
        let _ = writeln!(
            s,
            "Proposed plan for {w}: a fresh proposal, not kept — the plan accepted {accepted_at} stays until you accept this one"
        );
    } else {
        let _ = writeln!(s, "Proposed plan for {w} (not kept yet)");
    }
    let _ = writeln!(
        s,
        "{} planned of {} free ({} kept as buffer)\n",
        hm(plan.planned_minutes),
        hm(plan.free_minutes),
        hm(plan.buffer_minutes)
    );
    let mut day = None;
    for b in &plan.blocks {
        let start = b.start.to_zoned_datetime(tz.clone());
        let end = b.end.to_zoned_datetime(tz.clone());
        if day != Some(start.date()) {
            day = Some(start.date());
            let _ = writeln!(s, "{}", start.strftime("%a %Y-%m-%d"));
        }
        let _ = writeln!(
            s,
            "  {}–{}  {:<8} {}",
            start.strftime("%H:%M"),
            end.strftime("%H:%M"),
            b.category.as_str(),
            b.title
        );
    }
    if plan.fits {
        let _ = writeln!(s, "\nEverything fits.");
    } else {
        if wp.is_accepted() {
            let _ = writeln!(s, "\nThis did not fit when the plan was accepted:");
        } else {
            let _ = writeln!(s, "\nThis does not fit. To make room:");
        }
        for u in &plan.unplaced {
            let verb = match u.suggestion {
                Suggestion::Delegate => "delegate",
                Suggestion::Drop => "drop or move to next week",
            };
            let _ = writeln!(
                s,
                "  • {} ({} without a slot): {} — {verb}",
                u.title,
                hm(u.minutes),
                u.reason
            );
        }
    }
    if just_accepted {
        let _ = writeln!(
            s,
            "\nSaved as the plan for {w}. Export it: fulcrum plan export --ics plan.ics --week {w}"
        );
    } else if wp.is_accepted() {
        let _ = writeln!(
            s,
            "\nExport it: fulcrum plan export --ics plan.ics --week {w}\n\
             Re-plan from now: fulcrum plan --replan --week {w} (then fulcrum plan accept --week {w} to keep it)"
        );
    } else {
        let _ = writeln!(s, "\nKeep it with: fulcrum plan accept --week {w}");
    }
    s
}
