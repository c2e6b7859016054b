//! Reads an import file into checked rows. Real exports vary: a UTF-8 byte-order mark or none,
//! CRLF or LF, quoted fields, stray spaces, blank lines. Every problem is reported with its row
//! and column; nothing is guessed.

use super::columns::{ColumnMap, Field};
use super::ImportProblem;
use crate::names::full_name;
use crate::person::{parse_date, parse_line, parse_name, Email};
use jiff::civil::Date;

/// How to read the file.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// `(field, header)` overrides of the detected column mapping.
    pub overrides: Vec<(String, String)>,
    /// Completes e-mail values that have no `@` (user names) with this domain.
    pub email_domain: Option<String>,
}

/// How a row refers to its manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagerRefKind {
    Email,
    EmployeeId,
    Name,
    /// Whichever the value looks like: an e-mail, else an employee id, else a name.
    Auto,
}

/// A reference to a manager, to be resolved against the whole roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManagerRef {
    pub kind: ManagerRefKind,
    pub value: String,
    /// The header of the column it came from, for error messages.
    pub column: String,
}

/// One person as a row of the file describes them.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    /// The line of the file where the row starts (the header is row 1), as an editor or a
    /// spreadsheet numbers it.
    pub row: usize,
    pub name: String,
    pub email: Option<Email>,
    pub employee_id: Option<String>,
    pub title: String,
    pub department: String,
    /// `None` when the cell is empty: the person has no manager.
    pub manager: Option<ManagerRef>,
    pub start_date: Option<Date>,
    pub active: bool,
}

/// The readable rows of a file, the column mapping used, and every problem found.
#[derive(Clone, Debug)]
pub struct ParsedRoster {
    pub map: ColumnMap,
    pub rows: Vec<RosterRow>,
    pub problems: Vec<ImportProblem>,
}

/// Reads `bytes` as a CSV roster. A file-level problem (no header, no name column, bad mapping)
/// is an `Err`; row-level problems are collected in `ParsedRoster::problems`.
pub fn parse_roster(bytes: &[u8], options: &ParseOptions) -> Result<ParsedRoster, Vec<ImportProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(record)) => decode_record(&record, 1).map_err(|p| vec![p])?,
        Some(Err(error)) => return Err(vec![ImportProblem::row(1, csv_error_message(&error))]),
        None => return Err(vec![ImportProblem::file("the file is empty: expected a header row")]),
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let map = ColumnMap::detect(&headers, &options.overrides)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = LineCounter::new(bytes);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let row = lines.line_at(error.position().map_or(0, |p| p.byte()));
                problems.push(ImportProblem::row(row, csv_error_message(&error)));
                continue;
            }
        };
        let row = lines.line_at(record.position().map_or(0, |p| p.byte()));
        let cells = match decode_record(&record, row) {
            Ok(cells) => cells,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.iter().skip(map.width()).any(|c| !c.trim().is_empty()) {
            problems.push(ImportProblem::row(
                row,
                format!("has {} values but the header has {} columns", cells.len(), map.width()),
            ));
            continue;
        }
        match read_row(row, &cells, &map, options) {
            Ok(parsed) => rows.push(parsed),
            Err(mut row_problems) => problems.append(&mut row_problems),
        }
    }
    Ok(ParsedRoster { map, rows, problems })
}

/// Turns the byte offsets the CSV reader gives into line numbers. The reader's own line count
/// skips blank lines and miscounts CRLF files, and an offset points just past the previous
/// record, so blank lines before a record are stepped over here.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, offset: 0, line: 1 }
    }

    /// The line where the record starting at `offset` (or after blank lines there) begins.
    /// Offsets must not decrease between calls.
    fn line_at(&mut self, offset: u64) -> usize {
        let mut target = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        while matches!(self.bytes.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        let target = target.max(self.offset);
        self.line += self.bytes[self.offset..target].iter().filter(|b| **b == b'\n').count();
        self.offset = target;
        self.line
    }
}

fn decode_record(record: &csv::ByteRecord, row: usize) -> Result<Vec<String>, ImportProblem> {
    record
        .iter()
        .enumerate()
        .map(|(i, field)| {
            String::from_utf8(field.to_vec()).map_err(|_| {
                ImportProblem::row(row, format!("value {} is not UTF-8 text; save the file as UTF-8", i + 1))
            })
        })
        .collect()
}

fn csv_error_message(error: &csv::Error) -> String {
    format!("could not be read as CSV ({error})")
}

fn read_row(
    row: usize,
    cells: &[String],
    map: &ColumnMap,
    options: &ParseOptions,
) -> Result<RosterRow, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let cell = |field: Field| map.index(field).and_then(|i| cells.get(i)).map_or("", |c| c.trim());
    let header = |field: Field| map.header(field).unwrap_or(field.key()).to_string();
    let mut check = |field: Field, result: Result<String, String>| {
        result.unwrap_or_else(|message| {
            problems.push(ImportProblem::cell(row, &header(field), message));
            String::new()
        })
    };
    let name = if map.has(Field::Name) {
        check(Field::Name, parse_name(cell(Field::Name)))
    } else {
        let joined = full_name(cell(Field::FirstName), cell(Field::LastName));
        check(Field::LastName, parse_name(&joined))
    };
    let title = check(Field::Title, parse_line(cell(Field::Title)));
    let department = check(Field::Department, parse_line(cell(Field::Department)));
    let employee_id = check(Field::EmployeeId, parse_line(cell(Field::EmployeeId)));
    let email = match cell(Field::Email) {
        "" => None,
        raw => read_email(raw, options.email_domain.as_deref())
            .map_err(|m| problems.push(ImportProblem::cell(row, &header(Field::Email), m)))
            .ok(),
    };
    let start_date = match cell(Field::StartDate) {
        "" => None,
        raw => parse_date(raw).map_err(|m| problems.push(ImportProblem::cell(row, &header(Field::StartDate), m))).ok(),
    };
    let active = match parse_active(cell(Field::Active)) {
        Ok(active) => active,
        Err(message) => {
            problems.push(ImportProblem::cell(row, &header(Field::Active), message));
            true
        }
    };
    let manager = map.manager_field().and_then(|field| {
        let value = cell(field);
        (!value.is_empty()).then(|| ManagerRef {
            kind: match field {
                Field::ManagerEmail => ManagerRefKind::Email,
                Field::ManagerEmployeeId => ManagerRefKind::EmployeeId,
                Field::ManagerName => ManagerRefKind::Name,
                _ => ManagerRefKind::Auto,
            },
            value: value.split_whitespace().collect::<Vec<_>>().join(" "),
            column: header(field),
        })
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RosterRow {
        row,
        name,
        email,
        employee_id: Some(employee_id).filter(|id| !id.is_empty()),
        title,
        department,
        manager,
        start_date,
        active,
    })
}

fn read_email(raw: &str, domain: Option<&str>) -> Result<Email, String> {
    match (raw.contains('@'), domain) {
        (false, Some(domain)) => Email::parse(&format!("{raw}@{}", domain.trim_start_matches('@'))),
        (false, None) => Err(format!(
            "\"{raw}\" is not an e-mail address; if the file holds user names, \
             complete them with --email-domain (or the e-mail domain field of the upload form)"
        )),
        (true, _) => Email::parse(raw),
    }
}

fn parse_active(raw: &str) -> Result<bool, String> {
    match raw.to_lowercase().as_str() {
        "" | "active" | "yes" | "y" | "true" | "1" | "a" | "employed" => Ok(true),
        "inactive" | "no" | "n" | "false" | "0" | "i" | "terminated" | "left" | "leaver" => Ok(false),
        _ => Err(format!("\"{raw}\" is neither active nor inactive (use yes/no)")),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
