//! Each command: parse its arguments, call the use case in `fulcrum-app`, print the result.

use crate::cli::*;
use crate::output::{self, emit, emit_json, show, show_doc};
use fulcrum_app::clock::Clock;
use fulcrum_app::report::Period;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::{AppError, OpenMode, Result, import, paths, profile, report, rules_file};
use fulcrum_core::RolePreset;
use fulcrum_core::time;
use fulcrum_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;
use std::path::PathBuf;
use std::sync::Arc;

pub async fn run(cli: Cli) -> Result<()> {
    let db = cli.db.clone();
    // One book of rules for the process: a command that builds several reports compiles the
    // rules once.
    let rules = RuleBook::new(cli.rules.clone().unwrap_or_else(paths::rules_file));
    // A command on the store `--db` names: `on_store!(f, args…)` is `f(store, args…).await`.
    macro_rules! on_store {
        ($f:path, $($arg:expr),*) => {
            $f(open(&store_path(db)).await?.as_ref(), $($arg),*).await
        };
    }
    match cli.command {
        Command::Init(a) => init(&store_path(db), a).await,
        Command::Report(a) => report_cmd(&store_path(db), &rules, a).await,
        Command::Log(a) => on_store!(crate::manual_cmd::log, a, now()?),
        Command::Timer(c) => on_store!(crate::manual_cmd::timer, c, now()?),
        Command::Import(ImportCommand::Calendar { target, format }) => {
            import_calendar(&store_path(db), &target, format.format).await
        }
        Command::Import(ImportCommand::Git { paths, format }) => {
            import_git(&store_path(db), &paths, format.format).await
        }
        Command::Import(ImportCommand::Deploys(a)) => {
            crate::delivery_cmd::import(&store_path(db), a).await
        }
        Command::Incident(c) => on_store!(crate::delivery_cmd::incident_cmd, c, &rules, now()?),
        Command::Dora(a) => on_store!(crate::delivery_cmd::dora, a, now()?),
        Command::Calendar(CalendarCommand::Expand {
            file,
            from,
            to,
            tz,
            format,
        }) => expand(&file, from.as_deref(), to.as_deref(), &tz, format),
        Command::Sources(a) => on_store!(crate::sources_cmd::run, a),
        Command::Refresh(f) => refresh(&store_path(db), f.format).await,
        Command::Export(a) => crate::backup_cmd::export(&store_path(db), a).await,
        Command::ImportBackup(a) => crate::backup_cmd::import(&store_path(db), a).await,
        Command::Rules(RulesCommand::Explain {
            title,
            attendees,
            with,
            format,
        }) => explain(db, &rules, &title, attendees, &with, format.format).await,
        Command::Rules(RulesCommand::List(f)) => list_rules(&rules, f.format),
        Command::Insights(a) => on_store!(crate::insights_cmd::run, &rules, a, now()?),
        Command::Digest(a) => on_store!(crate::insights_cmd::digest, &rules, a, now()?),
        Command::Habits(c) => on_store!(crate::insights_cmd::habits, c, now()?),
        Command::Phase(c) => on_store!(crate::insights_cmd::phase, c),
        Command::Growth(c) => on_store!(crate::growth_cmd::growth_cmd, c, now()?),
        Command::Skills(a) => on_store!(crate::growth_cmd::skills_cmd, a, now()?),
        Command::Career(c) => on_store!(crate::growth_cmd::career_cmd, &rules, c, now()?),
        Command::Brag(a) => on_store!(crate::growth_cmd::brag_cmd, a, now()?),
        Command::Decisions(c) => on_store!(crate::decisions_cmd::run, c, now()?),
        Command::Projects(c) => on_store!(crate::projects_cmd::run, c, now()?),
        Command::Risks(c) => on_store!(crate::risks_cmd::run, c, now()?),
        Command::Debt(c) => on_store!(crate::debt_cmd::run, c, &rules, now()?),
        Command::Settings(a) => settings(&store_path(db), a).await,
        Command::Task(c) => on_store!(crate::weekly_cmd::task, c),
        Command::Triage(a) => on_store!(crate::weekly_cmd::triage, a),
        Command::Plan(a) => on_store!(crate::weekly_cmd::plan, a, now()?),
        Command::Reflect(a) => on_store!(crate::rituals_cmd::reflect, &rules, a, now()?),
        Command::Rituals(a) => on_store!(crate::rituals_cmd::rituals_cmd, a, now()?),
        Command::Inbox(c) => on_store!(crate::inbox_cmd::run, c, now()?),
        Command::People(c) => on_store!(crate::people_cmd::people_cmd, c, now()?),
        Command::OneOnOnes(a) => on_store!(crate::people_cmd::one_on_ones_cmd, a, now()?),
        Command::Feedback(c) => on_store!(crate::feedback_cmd::run, c, now()?),
        Command::Delegate(c) => on_store!(crate::delegate_cmd::run, &rules, c, now()?),
        Command::Relationships(a) => {
            on_store!(crate::relationships_cmd::relationships_cmd, a, now()?)
        }
        Command::Commitment(c) => on_store!(crate::relationships_cmd::commitment_cmd, c, now()?),
        Command::Prep(c) => on_store!(crate::relationships_cmd::prep_cmd, c, now()?),
        Command::Onboarding(c) => on_store!(crate::relationships_cmd::onboarding_cmd, c, now()?),
        Command::Review(a) => on_store!(crate::weekly_cmd::review, a, now()?),
        Command::Demo(a) => demo(db, a).await,
        Command::Serve(a) => {
            fulcrum_web::serve(fulcrum_web::Config {
                db: store_path(db),
                rules: rules.path().to_path_buf(),
                addr: a.addr,
                clock: Clock::from_env()?,
            })
            .await
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Written through `emit_raw`, so a reader that stops early (`| head`) is a
            // normal end, not a panic on the broken pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "fulcrum", &mut script);
            output::emit_raw(&String::from_utf8_lossy(&script))
        }
    }
}

fn store_path(db: Option<PathBuf>) -> PathBuf {
    db.unwrap_or_else(paths::default_db)
}

/// Opens the store a command reads or changes. It must exist, so a mistyped `--db` says so
/// instead of leaving a new store behind; one that cannot be written is opened read-only.
async fn open(path: &std::path::Path) -> Result<Box<dyn Store>> {
    fulcrum_app::open_store(path, OpenMode::Existing).await
}

/// Opens the store of `init` and the imports, the commands that create it (and its folder)
/// when there is none.
async fn open_or_create(path: &std::path::Path) -> Result<Box<dyn Store>> {
    fulcrum_app::open_store(path, OpenMode::Create).await
}

fn role(r: Role) -> RolePreset {
    match r {
        Role::TechLead => RolePreset::TechLead,
        Role::StaffEngineer => RolePreset::StaffEngineer,
        Role::EngineeringManager => RolePreset::EngineeringManager,
        Role::Director => RolePreset::Director,
    }
}

async fn init(db: &std::path::Path, a: InitArgs) -> Result<()> {
    let hours = a
        .hours
        .iter()
        .map(|h| {
            h.split_once('=')
                .map(|(d, s)| (d.to_string(), s.to_string()))
                .ok_or_else(|| {
                    AppError::invalid(
                        "--hours",
                        format!(
                            "--hours {h}: write DAY=START-END, e.g. fri=09:00-13:00 or sat=off"
                        ),
                    )
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let store = open_or_create(db).await?;
    let (p, emails) = profile::init_with(
        store.as_ref(),
        profile::InitRequest {
            emails: a.emails,
            timezone: a.tz,
            role: role(a.role),
            hours,
        },
        if a.replace_emails {
            profile::OtherEmails::Drop
        } else {
            profile::OtherEmails::Keep
        },
    )
    .await?;
    if !emails.is_empty() {
        eprintln!("{}", emails.describe());
    }
    show(a.format.format, &p, |p| output::profile(p, db, true))
}

async fn settings(db: &std::path::Path, a: SettingsArgs) -> Result<()> {
    let store = open(db).await?;
    let p = match a.action {
        Some(SettingsAction::Set { key, value }) => {
            profile::set(store.as_ref(), &key, &value).await?
        }
        Some(SettingsAction::AddEmail { addr }) => {
            let (p, change) = profile::add_email(store.as_ref(), &addr).await?;
            eprintln!(
                "{}",
                if change.is_empty() {
                    format!("{addr} was already one of your addresses.")
                } else {
                    change.describe()
                }
            );
            p
        }
        Some(SettingsAction::RemoveEmail { addr }) => {
            let (p, change) = profile::remove_email(store.as_ref(), &addr).await?;
            eprintln!("{}", change.describe());
            p
        }
        None => profile::require(store.as_ref()).await?,
    };
    show(a.format.format, &p, |p| output::profile(p, db, false))
}

async fn report_cmd(db: &std::path::Path, rules: &RuleBook, a: ReportArgs) -> Result<()> {
    let period = Period::from_options(a.week.as_deref(), a.from.as_deref(), a.to.as_deref())?;
    let store = open(db).await?;
    let r = report::build(store.as_ref(), rules, &period, now()?).await?;
    print_report(&r, a.format)
}

fn print_report(r: &fulcrum_core::Report, format: ReportFormat) -> Result<()> {
    show_doc(
        format,
        r,
        || fulcrum_app::markdown::report(r),
        || output::report(r),
    )
}

/// A progress bar on stderr that draws only on a terminal.
fn progress_bar(what: &'static str) -> (ProgressBar, import::Progress) {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(what);
    let b = bar.clone();
    (bar, Arc::new(move |n| b.set_position(n)))
}

async fn import_calendar(db: &std::path::Path, target: &str, format: Format) -> Result<()> {
    let store = open_or_create(db).await?;
    let imports = import::calendar(store.as_ref(), target, now()?).await?;
    for i in &imports {
        for w in &i.warnings {
            eprintln!("fulcrum: warning: {}: {w}", i.source.location);
        }
    }
    match format {
        Format::Json => emit_json(&imports)?,
        Format::Table => emit(&output::calendar_imports(&imports))?,
    }
    let problems: Vec<&str> = imports
        .iter()
        .filter(|i| i.problem.is_some())
        .map(|i| i.source.name.as_str())
        .collect();
    if !problems.is_empty() {
        return Err(AppError::Failed(format!(
            "nothing could be imported from {} (see the warnings above); `fulcrum sources` \
             shows it as failed until an import of it works",
            problems.join(", ")
        )));
    }
    Ok(())
}

async fn import_git(db: &std::path::Path, paths: &[PathBuf], format: Format) -> Result<()> {
    let store = open_or_create(db).await?;
    let mut results = Vec::new();
    for p in paths {
        let (bar, progress) = progress_bar("commits read");
        let r = import::git(store.as_ref(), p, progress).await;
        bar.finish_and_clear();
        results.push(r?);
    }
    show(format, &results, |r| output::git_imports(r))
}

fn expand(
    file: &std::path::Path,
    from: Option<&str>,
    to: Option<&str>,
    tz: &str,
    format: ExpandFormat,
) -> Result<()> {
    let zone = time::parse_zone(tz)?;
    // The window is bounded only by the dates Fulcrum handles: expansion itself is bounded
    // per event, so a long window costs no more than the file's events allow.
    let default_to = time::add_days(time::today(&zone), 366).to_string();
    let first = time::FIRST_DATE.to_string();
    let (from, to) = fulcrum_app::report::date_range(
        fulcrum_app::report::OptionNames::CLI,
        from.unwrap_or(&first),
        to.unwrap_or(&default_to),
        None,
    )?;
    let text = std::fs::read(file).map_err(|e| AppError::io(file, e))?;
    let text = String::from_utf8_lossy(&text);
    let cal = import::parse(&text, &file.display().to_string())?;
    let warn = |w: &fulcrum_calendar::Warning| {
        eprintln!("fulcrum: warning: {}: {w}", file.display());
    };
    cal.warnings().iter().for_each(warn);
    let expansion = cal.expand_bounded(
        time::day_start(from, &zone),
        time::day_start(to, &zone),
        &zone,
        &fulcrum_calendar::Limits::default(),
    );
    expansion.warnings.iter().for_each(warn);
    let occ = expansion.occurrences;
    match format {
        ExpandFormat::Tsv => {
            let mut s = String::with_capacity(occ.len() * 64);
            for o in &occ {
                s.push_str(&fulcrum_calendar::tsv_line(o));
                s.push('\n');
            }
            output::emit_raw(&s)
        }
        ExpandFormat::Json => emit_json(&output::occurrences_json(&occ)),
        ExpandFormat::Table => emit(&output::occurrences_table(&occ)),
    }
}

async fn refresh(db: &std::path::Path, format: Format) -> Result<()> {
    let store = open(db).await?;
    let (bar, progress) = progress_bar("commits read");
    let done = import::refresh_all(store.as_ref(), now()?, progress).await;
    bar.finish_and_clear();
    let done = done?;
    match format {
        Format::Json => emit_json(&done)?,
        Format::Table => emit(&output::refreshed(&done))?,
    }
    if done.iter().any(|d| !d.ok) {
        return Err(AppError::Failed(
            "some sources could not be refreshed (see above)".into(),
        ));
    }
    Ok(())
}

/// `rules explain`; with `--with`, against the people records of the store.
async fn explain(
    db: Option<PathBuf>,
    rules: &RuleBook,
    title: &str,
    attendees: u32,
    with: &[String],
    format: Format,
) -> Result<()> {
    let e = if with.is_empty() {
        rules_file::explain(rules, title, attendees)?
    } else {
        let store = open(&store_path(db)).await?;
        rules_file::explain_for(store.as_ref(), rules, title, attendees, with).await?
    };
    show(format, &e, output::explanation)
}

fn list_rules(rules: &std::path::Path, format: Format) -> Result<()> {
    let listing = rules_file::rules_listing(rules)?;
    show(format, &listing, |listing| {
        output::rules_table(rules, &listing.user, &listing.defaults)
    })
}

async fn demo(db: Option<PathBuf>, a: DemoArgs) -> Result<()> {
    let db = db.unwrap_or_else(paths::demo_db);
    let tz = time::parse_zone(fulcrum_app::demo::DEMO_ZONE)?;
    // The report printed below is the one `fulcrum report` gives on this store right after:
    // same function, same clock (FULCRUM_NOW or the system's). Only a demo of a chosen day
    // is shown as of that day's late afternoon, and says so.
    let clock_now = now()?;
    let (today, shown_at) = match a.today.as_deref() {
        Some(d) => {
            let day = time::parse_date(d)?;
            (day, fulcrum_app::demo::demo_now(day, &tz))
        }
        None => (time::local_date(clock_now, &tz), clock_now),
    };
    let (bar, progress) = progress_bar("building the demo: commits read");
    let built = fulcrum_app::demo::build(
        fulcrum_app::demo::DemoRequest {
            db: &db,
            seed: a.seed,
            today,
        },
        progress,
    )
    .await;
    bar.finish_and_clear();
    let built = built?;
    if a.serve {
        eprintln!(
            "Built the demo in {}: {} calendar occurrences and {} commits.",
            built.db.display(),
            built.occurrences,
            built.commits
        );
        // A demo of a given day is shown as of that day's late afternoon.
        let clock = Clock::from_env()?.or_fixed(a.today.as_ref().map(|_| shown_at));
        return fulcrum_web::serve(fulcrum_web::Config {
            db: built.db,
            rules: built.rules,
            addr: a.addr,
            clock,
        })
        .await;
    }
    let store = open(&db).await?;
    let now = shown_at;
    let monday = time::week_start(today);
    let rules = RuleBook::new(&built.rules);
    let this_week = report::build(store.as_ref(), &rules, &Period::Week(monday), now).await?;
    let last_week = report::build(
        store.as_ref(),
        &rules,
        &Period::Week(time::add_days(monday, -7)),
        now,
    )
    .await?;
    if a.format == ReportFormat::Json {
        return emit_json(&serde_json::json!({
            "db": built.db.display().to_string(),
            "calendar": built.calendar.display().to_string(),
            "repository": built.repository.display().to_string(),
            "rules": built.rules.display().to_string(),
            "occurrences": built.occurrences,
            "commits": built.commits,
            "this_week": this_week,
            "last_week": last_week,
        }));
    }
    eprintln!(
        "Built the demo in {}: {} calendar occurrences from {} and {} commits from {}.",
        built.db.display(),
        built.occurrences,
        built.calendar.display(),
        built.commits,
        built.repository.display()
    );
    eprintln!(
        "Explore it: fulcrum --db {} report --week {}, or the team of {} with a year of 1:1s, \
         feedback and delegations: fulcrum --db {} people list\n",
        built.db.display(),
        time::iso_week_label(time::add_days(monday, -14)),
        built.people,
        built.db.display()
    );
    if a.today.is_some() {
        eprintln!(
            "Shown as of {now}; `FULCRUM_NOW={now} fulcrum --db {} report` shows the same.\n",
            built.db.display()
        );
    }
    emit("This week\n\n")?;
    print_report(&this_week, a.format)?;
    emit("\nLast week\n\n")?;
    print_report(&last_week, a.format)
}

/// The current instant, or `FULCRUM_NOW` for reproducible runs (see [`Clock::from_env`]).
fn now() -> Result<Timestamp> {
    Ok(Clock::from_env()?.now())
}
