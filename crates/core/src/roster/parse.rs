//! Reads an import file into checked rows. Real exports vary: the text encoding (`text`), the
//! delimiter, a byte-order mark or none, CRLF or LF, quoted fields, stray spaces, blank lines,
//! dates and status words in the system's own style, names last name first (`values`). What
//! the file itself shows is used (the delimiter, the order of day and month, of names);
//! anything still ambiguous is reported with its row and column, never guessed. A row with a
//! bad cell is still read as far as it goes, so its manager is checked in the same round.

use super::columns::{ColumnMap, Field};
use super::manager_column;
use super::options::{DateOrder, NameOrder, ParseOptions};
use super::text::{decode, sniff_delimiter};
use super::values::{date_order_shown, display_name, name_order_shown, read_date, read_status};
use super::ImportProblem;
use crate::names::full_name;
use crate::person::{parse_line, parse_name, Email};
use jiff::civil::Date;

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

/// The readable rows of a file, the column mapping used, how the file was read where it was
/// not plain (in sentences), and every problem found.
#[derive(Clone, Debug)]
pub struct ParsedRoster {
    pub map: ColumnMap,
    pub rows: Vec<RosterRow>,
    pub problems: Vec<ImportProblem>,
    pub reading: Vec<String>,
}

/// Reads `bytes` as a CSV roster. A file-level problem (no header, no name column, bad mapping)
/// is an `Err`; row-level problems are collected in `ParsedRoster::problems`.
pub fn parse_roster(bytes: &[u8], options: &ParseOptions) -> Result<ParsedRoster, Vec<ImportProblem>> {
    let (text, encoding) = decode(bytes, options.encoding).map_err(|p| vec![p])?;
    let delimiter = options.delimiter.and_then(|d| u8::try_from(d).ok()).unwrap_or_else(|| sniff_delimiter(&text));
    let bytes = text.as_bytes();
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).has_headers(false).delimiter(delimiter).from_reader(bytes);
    // The text is decoded already, so every record is text.
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => cells_of(&record),
        Some(Err(error)) => return Err(vec![ImportProblem::row(1, csv_error_message(&error))]),
        None => return Err(vec![ImportProblem::file("the file is empty: expected a header row")]),
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut map = ColumnMap::detect(&headers, &options.overrides, &options.ignore)?;
    let mut lines = LineCounter::new(bytes);
    let mut problems = Vec::new();
    let mut records_read: Vec<(usize, Vec<String>)> = Vec::new();
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
        let cells = cells_of(&record);
        match cells {
            _ if cells.iter().all(|c| c.trim().is_empty()) => {}
            _ if cells.iter().skip(map.width()).any(|c| !c.trim().is_empty()) => problems.push(ImportProblem::row(
                row,
                format!("has {} values but the header has {} columns", cells.len(), map.width()),
            )),
            cells => records_read.push((row, cells)),
        }
    }
    if records_read.is_empty() && problems.is_empty() {
        return Err(vec![ImportProblem::file("the file has a header row but no people under it")]);
    }
    let column = |field: Field| -> Vec<&str> {
        map.index(field)
            .map(|i| records_read.iter().filter_map(|(_, cells)| cells.get(i).map(String::as_str)).collect())
            .unwrap_or_default()
    };
    let date_order = options.date_order.or_else(|| date_order_shown(&column(Field::StartDate)));
    let name_order = match (options.name_order, map.has(Field::Name)) {
        (Some(order), _) => order,
        (None, true) => name_order_shown(&column(Field::Name)),
        (None, false) => NameOrder::FirstLast,
    };
    let manager_choice = manager_column::choose(&mut map, &records_read, name_order);
    let reading_of = Reading { map: &map, options, date_order, name_order };
    let mut reading: Vec<String> = encoding.map(|name| format!("The text was read as {name}.")).into_iter().collect();
    let delimiter_name = match delimiter {
        b';' => Some("semicolons"),
        b'\t' => Some("tabs"),
        b'|' => Some("bars"),
        b',' => None,
        _ => Some("the character asked for"),
    };
    reading.extend(delimiter_name.map(|name| format!("Values are separated by {name}.")));
    if !options.ignore.is_empty() {
        reading.push(format!("Left out: {}.", options.ignore.join(", ")));
    }
    reading.extend(manager_choice);
    if let (Some(order), None) = (reading_of.date_order, options.date_order) {
        let way = if order == DateOrder::DayFirst { "day first" } else { "month first" };
        reading.push(format!("Dates like 7/5/2011 were read {way}, as the file's own dates show."));
    }
    if reading_of.name_order == NameOrder::LastFirst && options.name_order.is_none() {
        reading.push(
            "Names were read as “Last, First”, since every name has one comma: “Park, Lena” is Lena Park.".into(),
        );
    }
    let mut rows = Vec::new();
    for (row, cells) in &records_read {
        let (parsed, mut row_problems) = reading_of.row(*row, cells);
        problems.append(&mut row_problems);
        rows.push(parsed);
    }
    Ok(ParsedRoster { map, rows, problems, reading })
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

fn cells_of(record: &csv::StringRecord) -> Vec<String> {
    record.iter().map(str::to_string).collect()
}

fn csv_error_message(error: &csv::Error) -> String {
    format!("could not be read as CSV ({error})")
}

/// What reading one row needs: the columns, the options and what the whole file showed.
struct Reading<'a> {
    map: &'a ColumnMap,
    options: &'a ParseOptions,
    date_order: Option<DateOrder>,
    name_order: NameOrder,
}

impl Reading<'_> {
    /// The row as far as it reads, and its problems (a bad cell is left empty).
    fn row(&self, row: usize, cells: &[String]) -> (RosterRow, Vec<ImportProblem>) {
        let (map, options) = (self.map, self.options);
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
            check(Field::Name, parse_name(&display_name(cell(Field::Name), self.name_order)))
        } else {
            let joined = full_name(cell(Field::FirstName), cell(Field::LastName));
            check(Field::LastName, parse_name(&joined))
        };
        let title = check(Field::Title, parse_line(cell(Field::Title)));
        let department = check(Field::Department, parse_line(cell(Field::Department)));
        let employee_id = check(Field::EmployeeId, parse_line(cell(Field::EmployeeId)));
        let mut problem =
            |field: Field, message: String| problems.push(ImportProblem::cell(row, &header(field), message));
        let email = match cell(Field::Email) {
            "" => None,
            raw => read_email(raw, options.email_domain.as_deref()).map_err(|m| problem(Field::Email, m)).ok(),
        };
        let start_date = match cell(Field::StartDate) {
            "" => None,
            raw => read_date(raw, self.date_order).map_err(|m| problem(Field::StartDate, m)).ok(),
        };
        let active =
            read_status(cell(Field::Active), &options.active_values, &options.inactive_values).unwrap_or_else(|m| {
                problem(Field::Active, m);
                true
            });
        let at_the_top = |value: &str| options.top_values.iter().any(|top| top.trim().eq_ignore_ascii_case(value));
        let manager = map.manager_field().and_then(|field| {
            let value = cell(field);
            (!value.is_empty() && !at_the_top(value)).then(|| {
                let kind = match field {
                    Field::ManagerEmail => ManagerRefKind::Email,
                    Field::ManagerEmployeeId => ManagerRefKind::EmployeeId,
                    Field::ManagerName => ManagerRefKind::Name,
                    _ => ManagerRefKind::Auto,
                };
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                let value = match kind {
                    ManagerRefKind::Name | ManagerRefKind::Auto => display_name(&value, self.name_order),
                    _ => value,
                };
                ManagerRef { kind, value, column: header(field) }
            })
        });
        let parsed = RosterRow {
            row,
            name,
            email,
            employee_id: Some(employee_id).filter(|id| !id.is_empty()),
            title,
            department,
            manager,
            start_date,
            active,
        };
        (parsed, problems)
    }
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

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
