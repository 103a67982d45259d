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
            ExitCode::from(1)
        }
    }
}
