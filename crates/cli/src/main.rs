//! `trellis`: the Trellis web app and JSON API, and the commands to run it — serve, demo,
//! migrate, configuration, users, API tokens and roster import.

mod args;
mod commands;
mod config;
mod demo_competencies;
mod demo_org;
mod demo_plan;
mod demo_stages;

use args::{Cli, Command, ConfigCommand, JobsCommand, RosterCommand, TokenCommand, UserCommand};
use clap::Parser;

/// mimalloc keeps allocation cheap when many threads (the async workers and SQLite's
/// connection threads) allocate and free at once; see docs/performance.md for the figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

pub use args::DataArgs;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { data, bind, smtp_url, log_format } => {
            commands::serve::run(data, bind, smtp_url, log_format).await
        }
        Command::Demo { bind, data_dir, smtp_url } => commands::demo::run(bind, data_dir, smtp_url).await,
        Command::Migrate { data } => commands::admin::migrate(data).await,
        Command::Config { command: ConfigCommand::Example } => {
            print!("{}", config::EXAMPLE);
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command: UserCommand::Create { data, email, name, admin } } => {
            commands::admin::create_user(data, &email, &name, admin).await
        }
        Command::User { command: UserCommand::ResetPassword { data, email } } => {
            commands::admin::reset_password(data, &email).await
        }
        Command::Token { command: TokenCommand::Create { data, holder, name } } => {
            commands::tokens::create(data, &holder, &name).await
        }
        Command::Token { command: TokenCommand::List { data, holder } } => commands::tokens::list(data, &holder).await,
        Command::Token { command: TokenCommand::Revoke { data, holder, id } } => {
            commands::tokens::revoke(data, &holder, &id).await
        }
        Command::Backup { data, to } => commands::backup::backup(data, &to).await,
        Command::Restore { data, from, force } => commands::backup::restore(data, &from, force).await,
        Command::CheckBackup { file } => commands::backup::check(&file),
        Command::Jobs { command: JobsCommand::List { data } } => commands::jobs::list(data).await,
        Command::Jobs { command: JobsCommand::Retry { data, id } } => commands::jobs::retry(data, &id).await,
        Command::Roster {
            command: RosterCommand::Import { data, file, dry_run, map, unknown_manager, confirm_renames, reading },
        } => {
            let how = commands::roster::How { dry_run, confirm_renames, unknown_manager };
            commands::roster::import(data, &file, &map, how, &reading).await
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
