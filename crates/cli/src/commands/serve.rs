//! `trellis serve`: start the web app and API. On an installation without an admin account it
//! prints a single-use link to create the first one (there is no default password).

use super::{init_logging, load_config, open_store, shutdown_signal, start_mail, LogFormat};
use crate::DataArgs;
use anyhow::{Context, Result};
use std::process::ExitCode;
use trellis_store::LinkPurpose;
use trellis_web::AppState;

/// How long the first-admin link printed at start-up stays valid.
const SETUP_LINK_MS: i64 = 24 * 60 * 60 * 1000;

pub async fn run(
    data: DataArgs,
    bind: Option<String>,
    smtp_url: Option<String>,
    log_format: Option<LogFormat>,
) -> Result<ExitCode> {
    let mut config = load_config(&data, bind)?;
    if let Some(url) = smtp_url {
        config.smtp_url = url;
    }
    if let Some(format) = log_format {
        config.log_format = format;
    }
    init_logging(&config.log, config.log_format);
    let store = open_store(&config).await?;
    let web = config.web();
    if !store.has_admin_account().await? {
        let code = store.create_link(LinkPurpose::Setup, None, None, SETUP_LINK_MS).await?;
        println!("Trellis has no admin account yet. Create the first one (this link works once, for 24 hours):");
        println!("  {}/setup/{code}", web.public_url);
    }
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    println!("Trellis is listening on {} (open {})", listener.local_addr()?, web.public_url);
    start_mail(&config, &store, &web.public_url)?;
    let grace = std::time::Duration::from_secs(config.shutdown_grace_seconds);
    trellis_web::serve(listener, AppState::new(store, web), shutdown_signal(), grace).await?;
    Ok(ExitCode::SUCCESS)
}
