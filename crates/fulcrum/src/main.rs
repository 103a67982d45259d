//! `fulcrum`: the command line over Fulcrum's use cases.

mod cli;
mod commands;
mod delegate_cmd;
mod feedback_cmd;
mod inbox_cmd;
mod manual_cmd;
mod output;
mod people_cmd;
mod relationships_cmd;
mod rituals_cmd;
mod sources_cmd;
mod weekly_cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
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

/// What to run next after an error, said by the command line since the store and the use cases
/// serve the browser too.
fn hint(e: &fulcrum_app::AppError) -> Option<String> {
    use fulcrum_app::AppError;
    use fulcrum_store::StoreError;
    let AppError::Store(e) = e else { return None };
    let listing = match e {
        StoreError::TimerRunning => return Some("stop it first with `fulcrum timer stop`".into()),
        StoreError::NotFound { what, .. } => match *what {
            "source" => "fulcrum sources",
            "task" => "fulcrum task list",
            "inbox item" => "fulcrum inbox list --all",
            "person" => "fulcrum people list --all",
            "logged 1:1" => "fulcrum one-on-ones PERSON",
            "open agenda item" | "agenda or action item" => "fulcrum one-on-ones agenda PERSON",
            "feedback" => "fulcrum feedback list",
            "delegation" => "fulcrum delegate list --all",
            "commitment" => "fulcrum commitment list --all",
            "stakeholder prep" => "fulcrum prep list",
            "onboarding step" => "fulcrum onboarding show PERSON",
            "manual entry" => "fulcrum log --list",
            _ => return None,
        },
        _ => return None,
    };
    Some(format!("`{listing}` shows the ids"))
}
