//! `trellis backup`, `trellis restore` and `trellis check-backup`: a consistent copy of the
//! database while Trellis serves, putting one back, and checking a file before relying on it.

use super::{connect_store, load_config};
use crate::DataArgs;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use trellis_store::backup::{check_backup, BackupSummary};

/// What a backup holds, in a line an operator reads.
fn describe(summary: &BackupSummary) -> String {
    let tables = summary.rows.len();
    let header = &summary.header;
    format!(
        "{} rows in {tables} tables (taken {} from {}, schema version {})",
        summary.total_rows(),
        header.created_at,
        header.engine,
        header.schema_version
    )
}

fn size_of(path: &Path) -> String {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

pub async fn backup(data: DataArgs, to: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let store = connect_store(&load_config(&data, None)?).await?;
    let summary = store.backup_to(to).await?;
    println!(
        "Backed up {} to {} ({}) in {:.1} s; read back and checked.",
        describe(&summary),
        to.display(),
        size_of(to),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(data: DataArgs, from: &Path, force: bool) -> Result<ExitCode> {
    let started = Instant::now();
    // Creates the data folder and the file where need be, without building a schema: the
    // restore builds the one the backup was taken with, then brings it up to date.
    let store = connect_store(&load_config(&data, None)?).await?;
    let summary = store.restore_from(from, force).await?;
    println!("Restored {} in {:.1} s.", describe(&summary), started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

pub fn check(file: &Path) -> Result<ExitCode> {
    let summary = check_backup(file)?;
    println!("{} is a complete backup: {}.", file.display(), describe(&summary));
    Ok(ExitCode::SUCCESS)
}
