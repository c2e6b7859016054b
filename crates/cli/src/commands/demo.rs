//! `trellis demo`: a demo organisation on 127.0.0.1, ready to click through. It prints the
//! address and the sign-ins before serving.

use super::{init_logging, open_store, shutdown_signal, start_mail};
use crate::config::Config;
use crate::demo_org::{seed, DEMO_PASSWORD};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use trellis_web::AppState;

pub async fn run(bind: String, data_dir: Option<PathBuf>, smtp_url: Option<String>) -> Result<ExitCode> {
    let temporary = match data_dir {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new().prefix("trellis-demo-").tempdir().context("cannot create a temporary folder")?,
        ),
    };
    let data_dir = data_dir.or_else(|| temporary.as_ref().map(|t| t.path().to_path_buf())).unwrap_or_default();
    let config = Config { bind, data_dir, smtp_url: smtp_url.unwrap_or_default(), ..Config::default() };
    init_logging("warn", config.log_format);
    let store = open_store(&config).await?;
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let address = listener.local_addr()?;
    let public_url = format!("http://{address}");
    let mut web = config.web();
    web.public_url.clone_from(&public_url);
    if store.count_people().await? == 0 {
        let sign_ins = seed(&store, &public_url).await?;
        println!("Trellis demo: {public_url}");
        println!();
        println!("Sign in with any of these (the password is \"{DEMO_PASSWORD}\" for everyone):");
        println!("  people team (admin)  {}", sign_ins.admin);
        println!("  manager              {}", sign_ins.manager);
        println!("  person               {}", sign_ins.person);
        println!();
        println!("Someone just invited can set their password here: {}", sign_ins.invitation);
    } else {
        println!("Trellis demo: {public_url} (using the demo data already in {})", config.data_dir.display());
        println!("The password is \"{DEMO_PASSWORD}\" for every demo account.");
    }
    start_mail(&config, &store, &public_url)?;
    println!("Press Ctrl-C to stop.");
    let grace = std::time::Duration::from_secs(config.shutdown_grace_seconds);
    trellis_web::serve(listener, AppState::new(store, web), shutdown_signal(), grace).await?;
    drop(temporary);
    Ok(ExitCode::SUCCESS)
}
