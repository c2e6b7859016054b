//! Importing a roster from an HRIS export (CSV). Three pure steps, so a dry run and the real
//! import see exactly the same problems:
//!
//! 1. `columns`: map the file's headers to roster fields (auto-detected, overridable);
//! 2. `parse`: read every row into checked values, naming the row and column of each problem;
//! 3. `plan`: match rows to people already in the roster, resolve managers, refuse cycles, and
//!    work out exactly what would be created and changed.
//!
//! The store applies a plan in one transaction, and only a plan without errors.

pub mod columns;
mod manager_column;
pub mod options;
pub mod parse;
pub mod plan;
pub mod text;
pub mod values;

pub use columns::{ColumnMap, Field};
pub use options::{DateOrder, NameOrder, ParseOptions, TextEncoding};
pub use parse::{parse_roster, ManagerRef, ManagerRefKind, ParsedRoster, RosterRow};
pub use plan::{plan_import, ImportPlan, PersonRecord, PlannedChange, UnknownManager};

use std::fmt;

/// One problem found in an import file, pointing at the row and column where it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportProblem {
    /// The line of the file where the row starts (the header is row 1), if the problem has one.
    pub row: Option<usize>,
    /// The column's header as written in the file, if the problem has one.
    pub column: Option<String>,
    pub message: String,
}

impl ImportProblem {
    /// A problem of the whole file.
    pub fn file(message: impl Into<String>) -> Self {
        Self { row: None, column: None, message: message.into() }
    }

    /// A problem in one row, not tied to one column.
    pub fn row(row: usize, message: impl Into<String>) -> Self {
        Self { row: Some(row), column: None, message: message.into() }
    }

    /// A problem in one cell.
    pub fn cell(row: usize, column: &str, message: impl Into<String>) -> Self {
        Self { row: Some(row), column: Some(column.to_string()), message: message.into() }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(row), Some(column)) => write!(f, "row {row}, column \"{column}\": {}", self.message),
            (Some(row), None) => write!(f, "row {row}: {}", self.message),
            (None, Some(column)) => write!(f, "column \"{column}\": {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}
