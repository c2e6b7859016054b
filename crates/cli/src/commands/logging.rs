//! Logging to standard error: readable lines, or one JSON object per line for a log
//! collector (`log_format = "json"`). Colours only when standard error is a terminal, so a
//! log file or the journal never holds escape codes.

use serde::{Deserialize, Serialize};
use std::io::IsTerminal;

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// `2026-12-01T10:00:00Z  INFO trellis::http: request method="GET" …`
    #[default]
    Text,
    /// `{"timestamp":"…","level":"INFO","fields":{"message":"request","method":"GET",…}}`
    Json,
}

/// Sets up logging with `filter` (unless `RUST_LOG` says otherwise).
pub fn init_logging(filter: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}
