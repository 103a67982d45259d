//! `fulcrum growth …`, `fulcrum skills …`, `fulcrum career …` and `fulcrum brag`: the lead's
//! growth plans and what moves them, skills seen by self and others, career direction, and
//! the brag document.

use crate::cli::{DocFormatArgs, FormatArgs, IdArgs, IdDocArgs, ReportFormat};
use crate::output::{emit, emit_json, show};
use crate::people_cmd::{date, word};
use clap::{Args, Subcommand};
use fulcrum_app::career::{self, NewConversation};
use fulcrum_app::growth::{
    self, NewPlan, NewProgress, NewRating, NewStep, NewSupport, NewWin, PlanEdit,
};
use fulcrum_app::markdown::plural;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::{Result, brag};
use fulcrum_core::career::Dimension;
use fulcrum_core::growth::{
    GoalKind, OpportunityKind, OpportunityStatus, PlanStatus, ProgressKind, Side, SupportRole,
};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

mod career_cmd;
pub use career_cmd::{BragArgs, CareerCommand, brag_cmd, career_cmd};

#[derive(Subcommand)]
pub enum GrowthCommand {
    /// Growth plans: a goal, why, what success looks like
    #[command(subcommand)]
    Plan(PlanCommand),
    /// A plan's steps: milestones with target dates and who they wait on
    #[command(subcommand)]
    Step(StepCommand),
    /// The people who help: manager, current lead, mentors, peers, a coach
    #[command(subcommand)]
    Support(SupportCommand),
    /// Chances to grow: in the role, outside the day-to-day, formal
    #[command(subcommand)]
    Opportunity(OpportunityCommand),
    /// Small wins, linked to goals; and the wins Fulcrum saw in your records
    #[command(subcommand)]
    Win(WinCommand),
    /// Write a line in the progress log, or read it (no text)
    Log(LogArgs),
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Start a growth plan
    Add {
        /// What you want to reach, e.g. "Become the tech lead of my current team"
        goal: String,
        /// Why you want it (recognition, influence, the work itself …)
        #[arg(long)]
        why: Option<String>,
        /// What will be true when you get there (repeat for several)
        #[arg(long = "success", value_name = "TEXT")]
        success: Vec<String>,
        /// What the goal is about: at most two leadership goals are active in a quarter
        #[arg(long, value_parser = word::<GoalKind>, default_value = "career")]
        kind: GoalKind,
        /// The role it moves toward (staff, engineering-manager, tpm, director …)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The plans (archived ones with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// A plan in full: steps, timeline, support network and what it lacks, wins, progress
    Show(IdDocArgs),
    /// Change a plan's goal, why, success lines, kind or status
    Edit {
        id: i64,
        #[arg(long)]
        goal: Option<String>,
        #[arg(long)]
        why: Option<String>,
        /// Replaces the success lines (repeat for several)
        #[arg(long = "success", value_name = "TEXT")]
        success: Vec<String>,
        #[arg(long, value_parser = word::<GoalKind>)]
        kind: Option<GoalKind>,
        #[arg(long, value_parser = word::<PlanStatus>)]
        status: Option<PlanStatus>,
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Put a plan away; it stays in the brag document of its time
    Archive(IdArgs),
}

#[derive(Subcommand)]
pub enum StepCommand {
    /// Add a milestone to a plan
    Add {
        title: String,
        /// The plan [default: the only active one]
        #[arg(long)]
        plan: Option<i64>,
        /// When work on it starts (for the timeline)
        #[arg(long, value_name = "DATE", value_parser = date)]
        start: Option<Date>,
        /// When it should be reached
        #[arg(long, value_name = "DATE", value_parser = date)]
        target: Option<Date>,
        /// Someone it depends on, by name or id (repeat for several)
        #[arg(long = "depends-on", value_name = "PERSON")]
        depends_on: Vec<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Mark a step reached; it goes into the progress log
    Done {
        id: i64,
        /// What to log with it [default: "Done: TITLE"]
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The steps of a plan, or of every plan not archived
    List {
        #[arg(long)]
        plan: Option<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Subcommand)]
pub enum SupportCommand {
    /// Add someone to a plan's support network
    Add {
        /// Their name or id in People
        person: String,
        #[arg(long, value_parser = word::<SupportRole>)]
        role: SupportRole,
        /// Which side a mentor or coach helps with: technical, managerial or both
        #[arg(long, value_parser = word::<Side>)]
        side: Option<Side>,
        /// Days between check-ins with them
        #[arg(long, value_name = "DAYS")]
        every: Option<u32>,
        #[arg(long)]
        plan: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The support network, what it is missing and the check-ins due
    List(FormatArgs),
}

#[derive(Subcommand)]
pub enum OpportunityCommand {
    /// Note a chance to grow
    Add {
        title: String,
        #[arg(long, value_parser = word::<OpportunityKind>, default_value = "in-role")]
        kind: OpportunityKind,
        #[arg(long, value_parser = word::<OpportunityStatus>)]
        status: Option<OpportunityStatus>,
        #[arg(long)]
        plan: Option<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Subcommand)]
pub enum WinCommand {
    /// Keep a small win (anything that moved you forward)
    Add {
        text: String,
        /// The day it happened [default: today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        on: Option<Date>,
        #[arg(long)]
        plan: Option<i64>,
        #[arg(long)]
        step: Option<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The wins, those not linked to a goal, and the wins Fulcrum proposes
    List {
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<Date>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Link a win to a goal (--plan) or a milestone (--step)
    Link {
        id: i64,
        #[arg(long)]
        plan: Option<i64>,
        #[arg(long)]
        step: Option<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Accept a proposed win by its source (as `win list` shows it)
    Accept {
        source: String,
        #[arg(long)]
        plan: Option<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Args)]
pub struct LogArgs {
    /// What moved; without it, the log is printed
    text: Option<String>,
    #[arg(long, value_parser = word::<ProgressKind>, default_value = "progress")]
    kind: ProgressKind,
    #[arg(long)]
    plan: Option<i64>,
    #[arg(long)]
    step: Option<i64>,
    #[arg(long, value_name = "DATE", value_parser = date)]
    on: Option<Date>,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SkillsArgs {
    #[command(subcommand)]
    command: Option<SkillsCommand>,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Subcommand)]
pub enum SkillsCommand {
    /// Rate a skill 1–10, yourself or as someone else rated you
    Rate {
        /// e.g. delegating, "planning and design", strategy
        skill: String,
        score: u8,
        /// Who gives it: self, anonymous, or a person's name or id
        #[arg(long, default_value = "self")]
        by: String,
        /// The example behind the rating
        #[arg(long, default_value = "")]
        example: String,
        /// One thing that would raise it
        #[arg(long, default_value = "")]
        suggestion: String,
        #[arg(long, value_name = "DATE", value_parser = date)]
        on: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

fn opt_date(d: Option<Date>) -> String {
    d.map_or_else(|| "no date".into(), |d| d.to_string())
}

/// A listing as `--format` asks: JSON `{key: [..]}`, or one line per item, or `empty` when
/// there are none (saying how to add the first).
fn list<T: serde::Serialize>(
    format: crate::cli::Format,
    key: &str,
    items: &[T],
    empty: &str,
    line: impl Fn(&T) -> String,
) -> Result<()> {
    show(format, &serde_json::json!({ key: items }), |_| {
        if items.is_empty() {
            return format!("{empty}\n");
        }
        items.iter().map(|i| line(i) + "\n").collect()
    })
}

fn plan_line(p: &growth::PlanLine) -> String {
    let mut s = format!("{:>3}  {} [{}, {}]", p.id, p.goal, p.kind, p.status);
    let _ = write!(s, " · {} of {} steps done", p.done, p.steps);
    if p.overdue > 0 {
        let _ = write!(s, ", {} overdue", p.overdue);
    }
    if let Some(n) = &p.next {
        let _ = write!(
            s,
            " · next: {} ({})",
            n.record.title,
            opt_date(n.record.target)
        );
    }
    s
}

fn step_line(s: &growth::StepLine) -> String {
    let st = &s.step.record;
    let mut line = format!(
        "{:>3}  {} [{}] target {}",
        s.step.id,
        st.title,
        st.status,
        opt_date(st.target)
    );
    if s.overdue {
        line.push_str(" — overdue");
    }
    if !s.depends_on_names.is_empty() {
        let _ = write!(line, " · waits on {}", s.depends_on_names.join(", "));
    }
    line
}

pub async fn growth_cmd(store: &dyn Store, cmd: GrowthCommand, now: Timestamp) -> Result<()> {
    match cmd {
        GrowthCommand::Plan(c) => plan_cmd(store, c, now).await,
        GrowthCommand::Step(c) => step_cmd(store, c, now).await,
        GrowthCommand::Support(c) => support_cmd(store, c, now).await,
        GrowthCommand::Opportunity(OpportunityCommand::Add {
            title,
            kind,
            status,
            plan,
            format,
        }) => {
            let o = growth::add_opportunity(store, plan, &title, kind, status).await?;
            show(format.format, &o, |o| {
                format!(
                    "Noted opportunity {}: {} ({}).\n",
                    o.id, o.record.title, o.record.kind
                )
            })
        }
        GrowthCommand::Win(c) => win_cmd(store, c, now).await,
        GrowthCommand::Log(a) => log_cmd(store, a, now).await,
    }
}

async fn plan_cmd(store: &dyn Store, cmd: PlanCommand, now: Timestamp) -> Result<()> {
    match cmd {
        PlanCommand::Add {
            goal,
            why,
            success,
            kind,
            role,
            format,
        } => {
            let p = growth::add_plan(
                store,
                NewPlan {
                    goal,
                    why: why.unwrap_or_default(),
                    success,
                    kind: Some(kind),
                    target_role: role,
                    steps: vec![],
                },
                now,
            )
            .await?;
            show(format.format, &p, |p| {
                format!(
                    "Started growth plan {}: {}.\nAdd its first step: fulcrum growth step add \"…\" --plan {} --target DATE\n",
                    p.id, p.record.goal, p.id
                )
            })
        }
        PlanCommand::List { all, format } => {
            let lines = growth::list_plans(store, all, now).await?;
            list(
                format.format,
                "plans",
                &lines,
                "No growth plans yet: fulcrum growth plan add \"Become a staff engineer\" --why \"…\"",
                plan_line,
            )
        }
        PlanCommand::Show(IdDocArgs { id, format }) => {
            let v = growth::plan_view(store, id, now).await?;
            match format.format {
                ReportFormat::Json => emit_json(&v),
                ReportFormat::Markdown | ReportFormat::Table => {
                    emit(&fulcrum_app::growth::plan_markdown(&v))
                }
            }
        }
        PlanCommand::Edit {
            id,
            goal,
            why,
            success,
            kind,
            status,
            role,
            format,
        } => {
            let edit = PlanEdit {
                goal,
                why,
                success: (!success.is_empty()).then_some(success),
                kind,
                status,
                target_role: role.map(Some),
            };
            let p = growth::edit_plan(store, id, edit, now).await?;
            show(format.format, &p, |p| {
                format!(
                    "Plan {}: {} [{}, {}].\n",
                    p.id, p.record.goal, p.record.kind, p.record.status
                )
            })
        }
        PlanCommand::Archive(IdArgs { id, format }) => {
            let p = growth::archive_plan(store, id, now).await?;
            show(format.format, &p, |p| {
                format!("Archived plan {}: {}.\n", p.id, p.record.goal)
            })
        }
    }
}

async fn step_cmd(store: &dyn Store, cmd: StepCommand, now: Timestamp) -> Result<()> {
    match cmd {
        StepCommand::Add {
            title,
            plan,
            start,
            target,
            depends_on,
            format,
        } => {
            let s = growth::add_step(
                store,
                plan,
                NewStep {
                    title,
                    start,
                    target,
                    depends_on,
                },
            )
            .await?;
            show(format.format, &s, |s| {
                format!(
                    "Added step {} to plan {}: {} (target {}).\n",
                    s.id,
                    s.record.plan,
                    s.record.title,
                    opt_date(s.record.target)
                )
            })
        }
        StepCommand::Done { id, note, format } => {
            let s = growth::done_step(store, id, note, now).await?;
            show(format.format, &s, |s| {
                format!(
                    "Step {} reached: {}. It is in the progress log.\n",
                    s.id, s.record.title
                )
            })
        }
        StepCommand::List { plan, format } => {
            let steps = growth::list_steps(store, plan, now).await?;
            list(
                format.format,
                "steps",
                &steps,
                "No steps yet: fulcrum growth step add \"Shadow the lead in planning\" --target DATE",
                step_line,
            )
        }
    }
}

fn network_text(n: &growth::Network) -> String {
    let mut s = String::new();
    if n.support.is_empty() {
        s.push_str("Nobody in your support network yet: fulcrum growth support add NAME --role mentor --side technical --every 28\n");
    }
    for l in &n.support {
        let sup = &l.support.record;
        let mut line = format!("{:>3}  {} — {}", l.support.id, l.name, sup.role);
        if let Some(side) = sup.side {
            let _ = write!(line, " ({side})");
        }
        if let Some(d) = sup.cadence_days {
            let _ = write!(line, " · every {}", plural(d, "day", "days"));
        }
        let _ = write!(
            line,
            " · last in touch {}",
            l.last_contact.map_or("never".into(), |d| d.to_string())
        );
        let _ = writeln!(s, "{line}");
    }
    for g in &n.gaps {
        let _ = writeln!(s, "Missing: {}", g.message);
    }
    for d in &n.checkins_due {
        let name = n
            .support
            .iter()
            .find(|l| l.support.record.person == d.person)
            .map_or("someone", |l| l.name.as_str());
        let _ = writeln!(s, "Check in with {name} ({}): due {}", d.role, d.due);
    }
    s
}

async fn support_cmd(store: &dyn Store, cmd: SupportCommand, now: Timestamp) -> Result<()> {
    match cmd {
        SupportCommand::Add {
            person,
            role,
            side,
            every,
            plan,
            note,
            format,
        } => {
            let s = growth::add_support(
                store,
                NewSupport {
                    plan,
                    person,
                    role,
                    side,
                    cadence_days: every,
                    note,
                },
            )
            .await?;
            show(format.format, &s, |s| {
                format!(
                    "Added to the support network of plan {}: person {} as {}.\n",
                    s.record.plan, s.record.person, s.record.role
                )
            })
        }
        SupportCommand::List(format) => {
            let n = growth::network(store, now).await?;
            show(format.format, &n, network_text)
        }
    }
}

async fn win_cmd(store: &dyn Store, cmd: WinCommand, now: Timestamp) -> Result<()> {
    match cmd {
        WinCommand::Add {
            text,
            on,
            plan,
            step,
            format,
        } => {
            let w = growth::add_win(
                store,
                NewWin {
                    text,
                    on,
                    plan,
                    step,
                    source: None,
                },
                now,
            )
            .await?;
            show(format.format, &w, |w| {
                let link = w.record.plan.map_or_else(
                    || " Link it to a goal: fulcrum growth win link ID --plan N".to_string(),
                    |p| format!(" (plan {p})"),
                );
                format!("Kept win {}: {}.{link}\n", w.id, w.record.text)
            })
        }
        WinCommand::List { from, to, format } => {
            let list = growth::wins(store, from, to, now).await?;
            show(format.format, &list, |l| {
                let mut s = String::new();
                if l.wins.is_empty() {
                    s.push_str("No wins kept yet: fulcrum growth win add \"Paired with Alex on the onboarding flow\"\n");
                }
                for w in &l.wins {
                    let link = w
                        .record
                        .plan
                        .map_or_else(|| "unlinked".to_string(), |p| format!("plan {p}"));
                    let _ = writeln!(
                        s,
                        "{:>3}  {}  {} ({link})",
                        w.id, w.record.on, w.record.text
                    );
                }
                for u in l.unlinked.iter().filter(|u| u.suggested_plan.is_some()) {
                    let _ = writeln!(
                        s,
                        "Win {} may belong to plan {}: fulcrum growth win link {} --plan {}",
                        u.win.id,
                        u.suggested_plan.unwrap_or_default(),
                        u.win.id,
                        u.suggested_plan.unwrap_or_default()
                    );
                }
                if !l.proposals.is_empty() {
                    s.push_str("\nWins your records show (accept with `fulcrum growth win accept SOURCE`):\n");
                    for p in &l.proposals {
                        let _ = writeln!(s, "  {}  {}  [{}]", p.on, p.text, p.source);
                    }
                }
                s
            })
        }
        WinCommand::Link {
            id,
            plan,
            step,
            format,
        } => {
            let w = growth::link_win(store, id, plan, step).await?;
            show(format.format, &w, |w| {
                format!(
                    "Win {} is linked to plan {}.\n",
                    w.id,
                    w.record.plan.unwrap_or_default()
                )
            })
        }
        WinCommand::Accept {
            source,
            plan,
            format,
        } => {
            let w = growth::accept_proposal(store, &source, plan, now).await?;
            show(format.format, &w, |w| {
                format!("Kept win {}: {}.\n", w.id, w.record.text)
            })
        }
    }
}

async fn log_cmd(store: &dyn Store, a: LogArgs, now: Timestamp) -> Result<()> {
    let Some(text) = a.text else {
        let log = growth::progress(store, a.plan).await?;
        return list(
            a.format.format,
            "progress",
            &log,
            "Nothing logged yet: fulcrum growth log \"Led the first knowledge-sharing session\"",
            |p| {
                format!(
                    "{:>3}  {}  [{}] {}",
                    p.id, p.record.on, p.record.kind, p.record.text
                )
            },
        );
    };
    let p = growth::log(
        store,
        NewProgress {
            text,
            kind: a.kind,
            plan: a.plan,
            step: a.step,
            on: a.on,
        },
        now,
    )
    .await?;
    show(a.format.format, &p, |p| {
        format!("Logged on {}: {}.\n", p.record.on, p.record.text)
    })
}

fn skills_text(s: &growth::Skills) -> String {
    let mut out = format!(
        "{:<22} {:>4} {:>6} {:>5}  raters\n",
        "skill", "self", "others", "gap"
    );
    for v in &s.skills {
        let n = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.1}"));
        let _ = writeln!(
            out,
            "{:<22} {:>4} {:>6} {:>5}  {}",
            v.skill,
            v.self_score
                .map_or_else(|| "—".to_string(), |x| x.to_string()),
            n(v.others),
            n(v.gap),
            v.others_count
        );
    }
    for nudge in &s.nudges {
        let _ = writeln!(out, "\n{nudge}");
    }
    out
}

pub async fn skills_cmd(store: &dyn Store, a: SkillsArgs, now: Timestamp) -> Result<()> {
    match a.command {
        None => {
            let s = growth::skills(store).await?;
            show(a.format.format, &s, skills_text)
        }
        Some(SkillsCommand::Rate {
            skill,
            score,
            by,
            example,
            suggestion,
            on,
            format,
        }) => {
            let r = growth::rate(
                store,
                NewRating {
                    skill,
                    score,
                    by,
                    on,
                    example,
                    suggestion,
                },
                now,
            )
            .await?;
            show(format.format, &r, |r| {
                format!(
                    "Rated {} {} on {}.\n",
                    r.record.skill, r.record.score, r.record.on
                )
            })
        }
    }
}
