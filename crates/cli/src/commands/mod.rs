//! The commands of the `trellis` binary, and the start-up they share.

pub mod admin;
pub mod backup;
pub mod demo;
pub mod jobs;
pub mod logging;
pub mod roster;
pub mod serve;
pub mod tokens;

use crate::config::{Config, FlagOverrides};
use crate::DataArgs;
use anyhow::{Context, Result};
pub use logging::{init_logging, LogFormat};
use trellis_store::{Backend, Store, StoreOptions};

/// Loads the configuration for a command that opens the database.
pub fn load_config(data: &DataArgs, bind: Option<String>) -> Result<Config> {
    let flags = FlagOverrides { bind, data_dir: data.data_dir.clone(), database_url: data.database_url.clone() };
    Config::load(data.config.as_deref(), flags)
}

/// Opens (creating if need be) and migrates the configured database.
pub async fn open_store(config: &Config) -> Result<Store> {
    let store = connect_store(config).await?;
    store.migrate().await.context("cannot bring the database schema up to date")?;
    Ok(store)
}

/// Opens (creating if need be) the configured database as it is, without migrating it.
pub async fn connect_store(config: &Config) -> Result<Store> {
    let url = config.database_url();
    if Backend::from_url(&url)? == Backend::Sqlite && config.database_url.trim().is_empty() {
        create_private_folder(&config.data_dir)
            .with_context(|| format!("cannot create the data folder {}", config.data_dir.display()))?;
    }
    let options =
        StoreOptions { max_connections: config.max_connections, sends_mail: !config.smtp_url.trim().is_empty() };
    Ok(Store::connect(&url, &options).await?)
}

/// Creates the data folder readable by its owner only (0700), and makes an existing one so:
/// it holds the most private data a company keeps about its people.
fn create_private_folder(folder: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(folder)?;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(folder)
}

/// Starts the mail worker when e-mail is set up; says where mail goes, or that none is sent.
pub fn start_mail(config: &Config, store: &Store, public_url: &str) -> Result<()> {
    match config.smtp()? {
        Some(smtp) => {
            println!("E-mail goes through {} from {}", smtp.shown_url(), smtp.from);
            let worker = trellis_mail::Worker::new(store.clone(), trellis_mail::Mailer::new(smtp)?, public_url);
            tokio::spawn(worker.run());
        }
        None => println!("E-mail is off (no smtp_url): Trellis sends no mail."),
    }
    Ok(())
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
