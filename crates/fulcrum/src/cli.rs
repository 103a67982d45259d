//! The command line: every command, flag and its help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "fulcrum",
    version,
    about = "Where your week went — building, leading, aligning — held against the balance you chose.",
    long_about = "Fulcrum reads your calendar and your git history, sorts your time into categories \
                  (build, lead, align, operate, think, grow, personal, other) and shows it against \
                  the balance you chose for your role.\n\nStart with `fulcrum demo` to see a year \
                  of a tech lead's data, or `fulcrum init` to set up your own.",
    after_help = "Your data stays on this machine, in one SQLite file (see --db), unless --db names \
                  a PostgreSQL database (postgres://user@host/db) for a team's server."
)]
pub struct Cli {
    /// The store to use: a file, or a postgres:// URL [default: $FULCRUM_DB, else fulcrum.db
    /// in your data directory]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// Your categorisation rules [default: $FULCRUM_RULES, else rules.toml in your config directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub rules: Option<PathBuf>,

    /// Say more on standard error: -v what Fulcrum does, -vv its details [RUST_LOG overrides]
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Tell Fulcrum who you are: e-mails, time zone, working hours, role
    Init(InitArgs),
    /// Show the balance report of a week or a date range
    Report(ReportArgs),
    /// Log time spent that neither your calendar nor git shows: fulcrum log 90m build "spike"
    Log(crate::manual_cmd::LogArgs),
    /// Time something as you do it: fulcrum timer start build "spike", then fulcrum timer stop
    #[command(subcommand)]
    Timer(crate::manual_cmd::TimerCommand),
    /// Bring in calendars and git history
    #[command(subcommand)]
    Import(ImportCommand),
    /// Look at a calendar file the way Fulcrum sees it (needs no store)
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// List the sources you imported and how their last import went; remove one
    Sources(crate::sources_cmd::SourcesArgs),
    /// Import every known source again: re-fetch subscriptions, re-read files, rescan repositories
    Refresh(FormatArgs),
    /// Write everything the store holds as one JSON document (a backup, or a move to another store)
    Export(crate::backup_cmd::ExportArgs),
    /// Restore a backup written by `fulcrum export` into an empty store (SQLite or PostgreSQL)
    ImportBackup(crate::backup_cmd::ImportBackupArgs),
    /// See and test the rules that put your time into categories
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Keep your to-dos with their urgency and importance (the Eisenhower matrix)
    #[command(subcommand)]
    Task(crate::weekly_cmd::TaskCommand),
    /// Walk your open tasks through three questions and move them to the right quadrant
    Triage(crate::weekly_cmd::TriageArgs),
    /// Plan the week: place your tasks into the free time your calendar leaves
    Plan(crate::weekly_cmd::PlanArgs),
    /// Review a week against its plan: what got done, what derailed it, what to change
    Review(crate::weekly_cmd::ReviewArgs),
    /// Write the weekly journal, monthly check-in or quarterly self-assessment
    Reflect(crate::rituals_cmd::ReflectArgs),
    /// What is due in your reflection rhythm, your streaks, and a Markdown export
    Rituals(crate::rituals_cmd::RitualsArgs),
    /// Asks and problems to decide later, and whose they are to solve
    #[command(subcommand)]
    Inbox(crate::inbox_cmd::InboxCommand),
    /// The people you work with: what you keep about them, observations, review preparation
    #[command(subcommand)]
    People(crate::people_cmd::PeopleCommand),
    /// 1:1s from your calendar and your notes: history, agenda, logging, action items
    OneOnOnes(crate::people_cmd::OneOnOnesArgs),
    /// Feedback given, received and requested, as situation, behaviour and impact
    #[command(subcommand)]
    Feedback(crate::feedback_cmd::FeedbackCommand),
    /// Hand work over: candidates, who could take it, expectations, check-ins, follow-up
    #[command(subcommand)]
    Delegate(crate::delegate_cmd::DelegateCommand),
    /// Who is due a contact, and logging contacts the calendar does not show
    Relationships(crate::relationships_cmd::RelationshipsArgs),
    /// Promises you made ("I'll get back to you by Friday"), with nudges before they slip
    #[command(subcommand)]
    Commitment(crate::relationships_cmd::CommitmentCommand),
    /// Prepare a stakeholder conversation: reframe, relate, reinforce
    #[command(subcommand)]
    Prep(crate::relationships_cmd::PrepCommand),
    /// Onboarding plans for new joiners
    #[command(subcommand)]
    Onboarding(crate::relationships_cmd::OnboardingCommand),
    /// What the coach sees in your weeks and records: evidence, the practice, one next step
    Insights(crate::insights_cmd::InsightsArgs),
    /// The week in review: five lines, what stands out, what is due, one thing to change
    Digest(crate::insights_cmd::DigestArgs),
    /// Routines you defend every week (a thinking block, coding blocks, learning time)
    #[command(subcommand)]
    Habits(crate::insights_cmd::HabitsCommand),
    /// Mark a period as a crunch, planning, on-call week … with its own targets
    #[command(subcommand)]
    Phase(crate::insights_cmd::PhaseCommand),
    /// Growth plans, their steps, your support network, wins and the progress log
    #[command(subcommand)]
    Growth(crate::growth_cmd::GrowthCommand),
    /// Skills rated 1–10 by you and by others: the gap, its history, and rating one
    Skills(crate::growth_cmd::SkillsArgs),
    /// Career direction: the compass, a calendar audit against a role, the paths, a transition
    #[command(subcommand)]
    Career(crate::growth_cmd::CareerCommand),
    /// The brag document for a period: wins by goal, praise, delegations, what shipped
    Brag(crate::growth_cmd::BragArgs),
    /// Architecture decision records: import a folder, record, supersede, export
    #[command(subcommand)]
    Decisions(crate::decisions_cmd::DecisionsCommand),
    /// Projects: purpose, one owner, milestones, a deadline with its reason; slips and WIP
    #[command(subcommand)]
    Projects(crate::projects_cmd::ProjectsCommand),
    /// Risks: "EVENT might lead to CONSEQUENCE", probability × impact, strategy, owner, reviews
    #[command(subcommand)]
    Risks(crate::risks_cmd::RisksCommand),
    /// Tech debt: the wall by priority, the effort-value matrix, the share of build time on debt
    #[command(subcommand)]
    Debt(crate::debt_cmd::DebtCommand),
    /// Incidents: what broke, how badly, how long, which deployment caused it
    #[command(subcommand)]
    Incident(crate::delivery_cmd::IncidentCommand),
    /// The four DORA keys: deployment frequency, lead time, change failure rate, time to restore
    Dora(crate::delivery_cmd::DoraArgs),
    /// Show or change your profile: time zone, working hours, targets, how time is counted
    Settings(SettingsArgs),
    /// Build a year of a tech lead's demo data in a fresh store and show its reports
    Demo(DemoArgs),
    /// Open the web dashboard on this machine (http://127.0.0.1:7878/ by default)
    Serve(ServeArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args)]
pub struct InitArgs {
    /// An address that is you in calendars and commits (repeat for several). Run again, init
    /// adds these to the addresses you gave before and keeps those too (see --replace-emails)
    #[arg(long = "email", required = true, value_name = "ADDR")]
    pub emails: Vec<String>,
    /// Keep only the addresses given now: the ones you gave before and not now stop being
    /// you, and their commits stop counting at the next refresh
    #[arg(long)]
    pub replace_emails: bool,
    /// Your IANA time zone, e.g. Europe/Berlin
    #[arg(long, value_name = "IANA_ZONE")]
    pub tz: String,
    /// Your role; it sets the starting balance targets
    #[arg(long, value_enum, default_value = "tech-lead")]
    pub role: Role,
    /// Working hours of a weekday, e.g. fri=09:00-13:00 or sat=off (repeat) [default: Mon–Fri 09:00-18:00]
    #[arg(long = "hours", value_name = "DAY=START-END")]
    pub hours: Vec<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Role {
    TechLead,
    StaffEngineer,
    EngineeringManager,
    Director,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The ISO week to show, e.g. 2026-W48 [default: this week]
    #[arg(long, value_name = "YYYY-Www", conflicts_with_all = ["from", "to"])]
    pub week: Option<String>,
    /// First day of a custom range
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// Day after the range (exclusive)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Args, Clone, Copy)]
pub struct FormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// A command on one record, named by its id.
#[derive(Args)]
pub struct IdArgs {
    pub id: i64,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// A command on one person, named by id or name.
#[derive(Args)]
pub struct PersonArgs {
    pub person: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// One record, named by its id, shown as a document.
#[derive(Args)]
pub struct IdDocArgs {
    pub id: i64,
    #[command(flatten)]
    pub format: DocFormatArgs,
}

/// A listing's flags: `--all` and `--format`. Each listing says in its own words what `--all`
/// adds, with `#[command(reword("all", …))]`.
#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Words a flag's help for one command, where several commands share the flag through one
/// flattened struct: `#[command(reword("all", "Include decided items"))]`.
pub trait Reword {
    fn reword(self, id: &str, help: &'static str) -> Self;
}

impl Reword for clap::Command {
    /// Unlike `Command::mut_arg`, which moves the flag last, this keeps the flags in the order
    /// the completion scripts list them in.
    fn reword(self, id: &str, help: &'static str) -> Self {
        assert!(
            self.get_arguments().any(|a| a.get_id() == id),
            "no flag {id} to reword"
        );
        self.mut_args(|a| if a.get_id() == id { a.help(help) } else { a })
    }
}

/// For results people also read as a document.
#[derive(Args, Clone, Copy)]
pub struct DocFormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import an .ics file, a folder of them, or a subscription URL (http, https, webcal)
    Calendar {
        /// File, folder or URL
        #[arg(value_name = "FILE|DIR|URL")]
        target: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Import your commits from git repositories (work trees or bare), only new ones on re-runs
    Git {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Import deployments from a deploy log (CSV or JSON lines), or a repository's tags
    Deploys(crate::delivery_cmd::ImportDeploysArgs),
}

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Print every occurrence of every event overlapping [--from, --to)
    Expand {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Start of the window (a date, midnight in --tz) [default: 1900-01-01]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// End of the window, exclusive [default: a year from today]
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Zone for the window's dates and for floating times
        #[arg(long, value_name = "IANA_ZONE", default_value = "UTC")]
        tz: String,
        #[arg(long, value_enum, default_value = "tsv")]
        format: ExpandFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExpandFormat {
    Tsv,
    Json,
    Table,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Show which rule wins for a title, and why
    Explain {
        title: String,
        /// People present besides you
        #[arg(long, default_value_t = 0)]
        attendees: u32,
        /// The address of someone present (repeat for several): read against your people
        /// records, as reports read it (1:1s, with_relation, only_relation)
        #[arg(long = "with", value_name = "ADDR")]
        with: Vec<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// List your rules and the defaults, in the order they are tried
    List(FormatArgs),
}

#[derive(Args)]
pub struct DemoArgs {
    /// Seed of the generated data: the same seed gives the same demo
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Build the demo as if today were this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// Then open the demo in the web dashboard instead of printing its reports
    #[arg(long)]
    pub serve: bool,
    /// Where the web dashboard listens, with --serve
    #[arg(
        long,
        value_name = "IP:PORT",
        default_value = "127.0.0.1:7878",
        requires = "serve"
    )]
    pub addr: std::net::SocketAddr,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Where to listen; anything but a loopback address lets other machines in
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
}

#[derive(Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub action: Option<SettingsAction>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum SettingsAction {
    /// Change one setting, e.g. `target.build 30-60`, `hours.fri 09:00-13:00`, `tentative false`
    Set {
        /// timezone, role, hours.<mon..sun>, target.<category>, tentative, focus-minutes,
        /// session-gap-minutes, session-lead-minutes, fragment-minutes
        key: String,
        value: String,
    },
    /// Add an address that is you; the next refresh counts its commits in repositories it
    /// already read
    AddEmail {
        #[arg(value_name = "ADDR")]
        addr: String,
    },
    /// Remove one of your addresses; the next refresh stops counting its commits
    RemoveEmail {
        #[arg(value_name = "ADDR")]
        addr: String,
    },
}
