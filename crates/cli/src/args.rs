//! The command line: every command, its flags and their help, as `trellis --help` shows them.

use crate::commands;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "trellis",
    version,
    about = "Career conversations: plans people own, managers who coach, follow-through."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data is; shared by every command that opens the database.
#[derive(Args, Clone, Default)]
pub struct DataArgs {
    /// A TOML configuration file (see `trellis config example`).
    #[arg(long, env = "TRELLIS_CONFIG")]
    pub config: Option<PathBuf>,
    /// Folder for the SQLite database when no database URL is given.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://PATH` or `postgres://USER:PASSWORD@HOST/DB`.
    #[arg(long)]
    pub database_url: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and the API.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Address and port to listen on, e.g. 0.0.0.0:8080.
        #[arg(long)]
        bind: Option<String>,
        /// Where mail goes, e.g. smtp://127.0.0.1:2525 (also `smtp_url` / TRELLIS_SMTP_URL).
        #[arg(long)]
        smtp_url: Option<String>,
        /// How log lines are written (also `log_format` / TRELLIS_LOG_FORMAT).
        #[arg(long, value_enum)]
        log_format: Option<commands::LogFormat>,
    },
    /// Serve a demo organisation you can click through (on 127.0.0.1:8080 unless told otherwise).
    Demo {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Keep the demo data in this folder (default: a temporary folder, removed on exit).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Send the demo's mail to this SMTP server, e.g. smtp://127.0.0.1:2525.
        #[arg(long)]
        smtp_url: Option<String>,
    },
    /// Bring the database schema up to date.
    Migrate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Personal API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The outgoing queue: its health, the failed jobs, retrying one.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Write a consistent copy of the whole database to a file, while Trellis keeps serving.
    Backup {
        #[command(flatten)]
        data: DataArgs,
        /// The backup file to write (replaced only once the new copy is checked).
        #[arg(long)]
        to: PathBuf,
    },
    /// Replace the whole database with a backup (all or nothing; stop Trellis first).
    Restore {
        #[command(flatten)]
        data: DataArgs,
        /// The backup file, as `trellis backup` wrote it (from either engine).
        #[arg(long)]
        from: PathBuf,
        /// Replace a database that already holds people.
        #[arg(long)]
        force: bool,
    },
    /// Read a backup file through and check it, without restoring it.
    CheckBackup {
        /// The backup file.
        file: PathBuf,
    },
    /// The roster.
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
    },
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Print every setting with its default and an explanation.
    Example,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a person who can be invited (prints their invitation link).
    Create {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Put them on the people team (roster and settings; never career content).
        #[arg(long)]
        admin: bool,
    },
    /// Print a single-use link to set a new password.
    ResetPassword {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
pub enum JobsCommand {
    /// How the queue is doing, and the jobs that failed after every try.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Queue a failed job again, by the id `jobs list` shows.
    Retry {
        #[command(flatten)]
        data: DataArgs,
        id: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a person, or with --scim a provisioning token for an identity
    /// provider, and print it (it is shown once).
    Create {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        holder: TokenHolder,
        /// What the token is for ("Okta").
        #[arg(long, default_value = "command line")]
        name: String,
    },
    /// List a person's tokens, or the provisioning tokens (never their secrets).
    List {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        holder: TokenHolder,
    },
    /// Revoke a token, by the id `token list` shows.
    Revoke {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        holder: TokenHolder,
        #[arg(long)]
        id: String,
    },
}

/// Whose tokens: a person's (by e-mail), or provisioning's.
#[derive(clap::Args, Clone, Debug)]
#[group(required = true, multiple = false)]
pub struct TokenHolder {
    /// The person's e-mail.
    #[arg(long)]
    pub email: Option<String>,
    /// Provisioning tokens, for SCIM at /scim/v2 (an identity provider's, not a person's).
    #[arg(long)]
    pub scim: bool,
}

#[derive(Subcommand)]
pub enum RosterCommand {
    /// Import people from a CSV file: all or nothing, and importing the same file twice changes nothing.
    Import {
        #[command(flatten)]
        data: DataArgs,
        /// The CSV file, with a header row (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252).
        file: PathBuf,
        /// Report what would change and every problem, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Read a field from a named column, e.g. --map name=Employee_Name (repeatable).
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// What to do when a manager is not found: refuse the import, or import without a manager.
        #[arg(long, value_enum, default_value = "error")]
        unknown_manager: commands::roster::UnknownManagerArg,
        /// Allow the import to rename more than three people.
        #[arg(long)]
        confirm_renames: bool,
        #[command(flatten)]
        reading: Box<commands::roster::ReadingArgs>,
    },
}
