//! `trellis roster import`: the same import as the web upload and the API, reported on the
//! terminal. Exit status 0 when imported (or a clean dry run), 1 when refused.

use super::{load_config, open_store};
use crate::DataArgs;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::ExitCode;
use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_store::{ImportOutcome, ImportRequest};

/// `--unknown-manager`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum UnknownManagerArg {
    Error,
    Skip,
}

fn overrides(map: &[String]) -> Result<Vec<(String, String)>> {
    map.iter()
        .map(|pair| match pair.split_once('=') {
            Some((field, column)) if !field.trim().is_empty() && !column.trim().is_empty() => {
                Ok((field.trim().to_string(), column.trim().to_string()))
            }
            _ => bail!("--map {pair}: write FIELD=COLUMN, e.g. --map name=Employee_Name"),
        })
        .collect()
}

fn report(outcome: &ImportOutcome, dry_run: bool) {
    for (field, header) in &outcome.columns {
        println!("  column \"{header}\" → {field}");
    }
    for problem in &outcome.errors {
        println!("error: {problem}");
    }
    for problem in &outcome.warnings {
        println!("warning: {problem}");
    }
    let verb = if outcome.applied {
        "imported"
    } else if dry_run && outcome.errors.is_empty() {
        "would import"
    } else {
        "refused"
    };
    println!(
        "{verb}: {} new, {} changed, {} unchanged, {} manager changes; {} errors, {} warnings",
        outcome.created,
        outcome.updated,
        outcome.unchanged,
        outcome.manager_changes,
        outcome.errors.len(),
        outcome.warnings.len()
    );
    if !outcome.errors.is_empty() {
        println!("Nothing was written. Correct the file and run the import again.");
    }
}

pub async fn import(
    data: DataArgs,
    file: &Path,
    dry_run: bool,
    map: &[String],
    unknown_manager: UnknownManagerArg,
    email_domain: Option<String>,
) -> Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let config = load_config(&data, None)?;
    let store = open_store(&config).await?;
    let request = ImportRequest {
        bytes,
        options: ParseOptions { overrides: overrides(map)?, email_domain },
        unknown_manager: match unknown_manager {
            UnknownManagerArg::Error => UnknownManager::Error,
            UnknownManagerArg::Skip => UnknownManager::Skip,
        },
        dry_run,
    };
    let started = std::time::Instant::now();
    let outcome = store.import_roster(None, &request, "cli").await?;
    report(&outcome, dry_run);
    eprintln!("took {:.2} s", started.elapsed().as_secs_f64());
    Ok(if outcome.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
