//! Benchmark (not a test): one sweep of reminders over an organisation, as a worker runs it
//! each quarter hour: the follow-through rules for every active person with an address, and
//! the reminder mails they make queued. Prints the people swept, the mails queued and the time.
//!
//! Run: `cargo run --release --example sweep_once -- DATABASE_URL`.

use anyhow::{Context, Result};
use std::time::Instant;
use trellis_store::{Store, StoreOptions};

#[tokio::main]
async fn main() -> Result<()> {
    let url = std::env::args().nth(1).context("usage: sweep_once DATABASE_URL")?;
    let store = Store::connect(&url, &StoreOptions::default()).await?;
    let started = Instant::now();
    let report = store.sweep_reminders().await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "swept {} people in {seconds:.1} s ({:.2} ms each), {} mails queued",
        report.people,
        seconds * 1000.0 / report.people.max(1) as f64,
        report.mails
    );
    Ok(())
}
