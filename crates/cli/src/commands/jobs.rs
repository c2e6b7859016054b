//! `trellis jobs`: the outgoing queue for an operator — how it is doing, the jobs that failed
//! after every try (with the reason), and retrying one.

use super::{load_config, open_store};
use crate::DataArgs;
use anyhow::Result;
use std::process::ExitCode;
use trellis_store::jobs::JobState;

/// When, in words an operator reads (UTC).
fn when(millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map_or_else(|_| millis.to_string(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
}

/// Prints the queue's health and the failed jobs.
pub async fn list(data: DataArgs) -> Result<ExitCode> {
    let store = open_store(&load_config(&data, None)?).await?;
    let health = store.queue_health().await?;
    println!(
        "waiting: {} ({} due now); sent in the last 24 hours: {}; failed: {}",
        health.waiting, health.due, health.done_last_day, health.failed
    );
    if let Some(oldest) = health.oldest_due_at {
        println!("the oldest due job has waited since {}", when(oldest));
    }
    let failed = store.jobs_in(JobState::Failed, 100).await?;
    if !failed.is_empty() {
        println!();
        println!("Failed after every try (retry with `trellis jobs retry ID`):");
    }
    for job in failed {
        println!("{}  {}  {} tries, last due {}: {}", job.id, job.kind, job.attempts, when(job.run_at), job.last_error);
    }
    Ok(ExitCode::SUCCESS)
}

/// Puts a failed job back in the queue.
pub async fn retry(data: DataArgs, id: &str) -> Result<ExitCode> {
    let store = open_store(&load_config(&data, None)?).await?;
    store.retry_job(id).await?;
    println!("Queued again: a running `trellis serve` with e-mail set up sends it shortly.");
    Ok(ExitCode::SUCCESS)
}
