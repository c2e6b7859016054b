//! `trellis roster import`: the same import as the web upload and the API, reported on the
//! terminal. Exit status 0 when imported (or a clean dry run), 1 when refused.

use super::{load_config, open_store};
use crate::DataArgs;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::ExitCode;
use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_store::{ImportOutcome, ImportRequest};

/// How to read the file, where it does not show it (every option is also in the upload form).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ReadingArgs {
    /// Complete e-mail values that are user names (no @) with this domain.
    #[arg(long)]
    email_domain: Option<String>,
    /// Leave this column out entirely, e.g. --ignore ManagerID (repeatable).
    #[arg(long, value_name = "COLUMN")]
    ignore: Vec<String>,
    /// The order of day and month in dates like 7/5/2011: dmy or mdy (found from the file when
    /// one of its dates can only be read one way).
    #[arg(long, value_name = "dmy|mdy")]
    date_format: Option<String>,
    /// How the name column writes names: first-last, or last-first ("Park, Lena"; found from
    /// the file when every name has one comma).
    #[arg(long, value_name = "ORDER")]
    name_order: Option<String>,
    /// A status that means active, beyond the ones known (repeatable).
    #[arg(long, value_name = "WORD")]
    active_values: Vec<String>,
    /// A status that means inactive, beyond the ones known (repeatable).
    #[arg(long, value_name = "WORD")]
    inactive_values: Vec<String>,
    /// A manager value that means "at the top, no manager", e.g. --top-value XX (repeatable).
    #[arg(long, value_name = "VALUE")]
    top_value: Vec<String>,
    /// The character between values: comma, semicolon, tab or bar (found from the header).
    #[arg(long)]
    delimiter: Option<String>,
    /// The text encoding: utf-8, windows-1252 or utf-16 (found from the file).
    #[arg(long)]
    encoding: Option<String>,
}

impl ReadingArgs {
    /// The options for the store, every flag checked.
    fn options(&self, map: &[String]) -> Result<ParseOptions> {
        let mut options = ParseOptions { overrides: overrides(map)?, ..Default::default() };
        let single = [
            ("email_domain", "--email-domain", &self.email_domain),
            ("date_format", "--date-format", &self.date_format),
            ("name_order", "--name-order", &self.name_order),
            ("delimiter", "--delimiter", &self.delimiter),
            ("encoding", "--encoding", &self.encoding),
        ];
        let lists = [
            ("ignore", "--ignore", &self.ignore),
            ("active_values", "--active-values", &self.active_values),
            ("inactive_values", "--inactive-values", &self.inactive_values),
            ("top_values", "--top-value", &self.top_value),
        ];
        let given = single
            .iter()
            .filter_map(|(option, flag, value)| value.as_ref().map(|v| (*option, *flag, v)))
            .chain(lists.iter().flat_map(|(option, flag, values)| values.iter().map(move |v| (*option, *flag, v))));
        for (option, flag, value) in given {
            // One item per flag: a line of its own, so a comma inside a status word or a
            // column name is kept.
            let value = if lists.iter().any(|(o, ..)| *o == option) { format!("{value}\n") } else { value.clone() };
            options.set(option, &value).map_err(|message| anyhow::anyhow!("{flag} {}: {message}", value.trim()))?;
        }
        Ok(options)
    }
}

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
    for sentence in &outcome.reading {
        println!("  {sentence}");
    }
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
        println!("Nothing was written. Correct the file, or say how to read it with the options of --help, and run the import again.");
    }
}

/// What the import may do.
pub struct How {
    pub dry_run: bool,
    pub confirm_renames: bool,
    pub unknown_manager: UnknownManagerArg,
}

pub async fn import(data: DataArgs, file: &Path, map: &[String], how: How, reading: &ReadingArgs) -> Result<ExitCode> {
    let How { dry_run, confirm_renames, unknown_manager } = how;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let config = load_config(&data, None)?;
    let store = open_store(&config).await?;
    let request = ImportRequest {
        bytes,
        options: reading.options(map)?,
        unknown_manager: match unknown_manager {
            UnknownManagerArg::Error => UnknownManager::Error,
            UnknownManagerArg::Skip => UnknownManager::Skip,
        },
        dry_run,
        confirm_renames,
    };
    let started = std::time::Instant::now();
    let outcome = store.import_roster(None, &request, "cli").await?;
    report(&outcome, dry_run);
    eprintln!("took {:.2} s", started.elapsed().as_secs_f64());
    Ok(if outcome.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
