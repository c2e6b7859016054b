//! Running an independent checker written in Python (from the pinned tools in `.tools/venv`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the Python `script` with `args`, handing it `input` on standard input; its standard
/// output, or the last line of its standard error when it fails.
pub fn run_script(script: &str, args: &[&str], input: &str) -> Result<String, String> {
    let mut child = Command::new(crate::smtp::python())
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("python does not start: {e}"))?;
    child.stdin.take().ok_or("no stdin")?.write_all(input.as_bytes()).map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or_default().to_string());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

const OPENMETRICS_READER: &str = r#"
import sys, json
from prometheus_client.openmetrics.parser import text_string_to_metric_families
samples = [[s.name, s.labels, s.value] for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples]
print(json.dumps(samples))
"#;

/// One sample of a scrape: its name, labels and value.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: std::collections::BTreeMap<String, String>,
    pub value: f64,
}

/// The samples of an OpenMetrics text, as the Prometheus project's own Python parser reads
/// them; an error when it refuses the text.
pub fn read_openmetrics(text: &str) -> Result<Vec<Sample>, String> {
    let json = run_script(OPENMETRICS_READER, &[], text)?;
    let rows: Vec<(String, std::collections::BTreeMap<String, String>, f64)> =
        serde_json::from_str(&json).map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|(name, labels, value)| Sample { name, labels, value }).collect())
}

const OPENAPI_CHECK: &str = r#"
import sys, json
from openapi_spec_validator import validate
validate(json.load(sys.stdin))
"#;

/// Checks an OpenAPI document with openapi-spec-validator; the first problem it finds.
pub fn check_openapi(document: &str) -> Result<(), String> {
    run_script(OPENAPI_CHECK, &[], document).map(drop)
}

/// Runs schemathesis (every check, `max_examples` per operation, a fixed `seed`) against the
/// API described at `schema_url`, sending `token`; its report when it finds anything.
pub fn schemathesis(
    schema_url: &str,
    token: &str,
    config: &Path,
    max_examples: u32,
    seed: u32,
) -> Result<String, String> {
    let binary = crate::smtp::python().with_file_name("schemathesis");
    let output = Command::new(&binary)
        .arg("--config-file")
        .arg(config)
        .args(["run", schema_url, "--checks", "all", "--workers", "1", "--no-color"])
        .args(["--max-examples", &max_examples.to_string(), "--seed", &seed.to_string()])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .output()
        .map_err(|e| format!("{} does not start: {e}", binary.display()))?;
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok(report)
    } else {
        Err(format!("{report}{}", String::from_utf8_lossy(&output.stderr)))
    }
}

/// One result of scim2-tester's compliance check.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct ScimCheck {
    /// SUCCESS, COMPLIANT, ACCEPTABLE, SKIPPED, or a failure (ERROR, CRITICAL…).
    pub status: String,
    pub title: Option<String>,
    pub reason: Option<String>,
    /// The attribute a PATCH check was about.
    pub urn: Option<String>,
}

/// Runs scim2-tester's whole check against the SCIM server at `base_url` (`…/scim/v2`).
pub fn scim_compliance(base_url: &str, token: &str) -> Result<Vec<ScimCheck>, String> {
    let lines = run_script(include_str!("../scim/check.py"), &[base_url, token], "")?;
    lines.lines().map(|line| serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))).collect()
}
