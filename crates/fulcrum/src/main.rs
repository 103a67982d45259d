//! `fulcrum`: the command line over Fulcrum's use cases.

mod backup_cmd;
mod cli;
mod commands;
mod debt_cmd;
mod decisions_cmd;
mod delegate_cmd;
mod delivery_cmd;
mod feedback_cmd;
mod growth_cmd;
mod inbox_cmd;
mod insights_cmd;
mod manual_cmd;
mod output;
mod people_cmd;
mod projects_cmd;
mod relationships_cmd;
mod risks_cmd;
mod rituals_cmd;
mod sources_cmd;
mod weekly_cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    log_to_stderr(cli.verbose);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fulcrum: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fulcrum: {e}");
            if let Some(hint) = hint(&e) {
                eprintln!("{hint}");
            }
            ExitCode::from(1)
        }
    }
}

/// Logs (a server's failed requests, and more with `-v`) go to standard error, never into the
/// output scripts read. `RUST_LOG` (e.g. `fulcrum_web=debug`) wins over `-v`.
fn log_to_stderr(verbose: u8) {
    // Errors only by default: a library's warning (sqlx's slow-statement notes on a busy
    // machine) must not change what a script sees on stderr.
    let level = match verbose {
        0 => "error",
        1 => "warn,fulcrum=info,fulcrum_app=info,fulcrum_store=info,fulcrum_web=info",
        _ => "info,fulcrum=debug,fulcrum_app=debug,fulcrum_store=debug,fulcrum_web=debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::env::var_os("NO_COLOR").is_none())
        .try_init();
}

/// What to run next after an error, said by the command line since the store and the use cases
/// serve the browser too: the errors name what is missing or in the way, this names the command.
fn hint(e: &fulcrum_app::AppError) -> Option<String> {
    use fulcrum_app::AppError;
    use fulcrum_store::StoreError;
    match e {
        AppError::NotInitialised => {
            Some("run `fulcrum init --email you@example.com --tz Europe/Berlin` first".into())
        }
        AppError::Store(StoreError::TimerRunning) => Some(STOP_TIMER.into()),
        AppError::Store(StoreError::NotEmpty { .. }) => {
            Some("pass --db with a new file or an empty PostgreSQL database".into())
        }
        AppError::NotFound {
            what: "onboarding plan for",
            ..
        } => Some("`fulcrum onboarding start PERSON` makes one".into()),
        AppError::Store(StoreError::NotFound { what, .. }) | AppError::NotFound { what, .. } => {
            listing(what).map(|l| format!("`{l}` shows the ids"))
        }
        AppError::Conflict { what, .. } => conflict_hint(what).map(str::to_string),
        _ => None,
    }
}

const STOP_TIMER: &str = "stop it first with `fulcrum timer stop`";

/// The command that lists the records of a kind, with their ids.
fn listing(what: &str) -> Option<&'static str> {
    Some(match what {
        "source" => "fulcrum sources",
        "task" => "fulcrum task list",
        "inbox item" => "fulcrum inbox list --all",
        "person" | "person called" => "fulcrum people list --all",
        "logged 1:1" => "fulcrum one-on-ones PERSON",
        "open agenda item" | "agenda or action item" => "fulcrum one-on-ones agenda PERSON",
        "feedback" => "fulcrum feedback list",
        "incident" => "fulcrum incident list",
        "delegation" => "fulcrum delegate list --all",
        "commitment" => "fulcrum commitment list --all",
        "stakeholder prep" => "fulcrum prep list",
        "onboarding step" => "fulcrum onboarding show PERSON",
        "manual entry" => "fulcrum log --list",
        "rule named" => "fulcrum rules list",
        _ => return None,
    })
}

/// What to run to get past a conflict of this kind.
fn conflict_hint(what: &str) -> Option<&'static str> {
    Some(match what {
        "running timer" => STOP_TIMER,
        "no timer" => "start one with `fulcrum timer start CATEGORY \"what\"`",
        "accepted plan" => "plan the week with `fulcrum plan accept --week WEEK` first",
        "undelivered feedback" => "deliver it first with `fulcrum feedback deliver ID`",
        "archived person" => "restore them first with `fulcrum people restore PERSON`",
        "only address" => "add another first with `fulcrum settings add-email ADDR`",
        "logged 1:1" => "edit it with `fulcrum one-on-ones edit NOTE`",
        "onboarding plan" => "`fulcrum onboarding show PERSON` shows it",
        "file of a folder" => "then run `fulcrum refresh`",
        _ => return None,
    })
}
