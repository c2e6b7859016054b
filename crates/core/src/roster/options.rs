//! How to read an import file. Everything has a sensible default found in the file itself
//! (the delimiter, the text encoding, the order of names and of day and month), and every
//! default can be overridden where the file is ambiguous: on the command line, in the upload
//! form, or through the API.

use serde::{Deserialize, Serialize};

/// The order of day and month in dates like `7/5/2011`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// 7/5/2011 is 7 May 2011 (most of the world).
    DayFirst,
    /// 7/5/2011 is 5 July 2011 (the United States).
    MonthFirst,
}

impl DateOrder {
    /// `dmy` or `mdy` (also `dd/mm/yyyy`, `mm/dd/yyyy`, `day-first`, `month-first`).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().as_str() {
            "dmy" | "dd/mm/yyyy" | "d/m/y" | "day-first" => Some(DateOrder::DayFirst),
            "mdy" | "mm/dd/yyyy" | "m/d/y" | "month-first" => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// How names are written in the name column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameOrder {
    /// "Lena Park", stored as written.
    FirstLast,
    /// "Park, Lena", stored as "Lena Park".
    LastFirst,
}

impl NameOrder {
    /// `first-last` or `last-first`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().as_str() {
            "first-last" | "first last" | "firstlast" => Some(NameOrder::FirstLast),
            "last-first" | "last, first" | "lastfirst" => Some(NameOrder::LastFirst),
            _ => None,
        }
    }
}

/// The text encoding of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    /// What Excel on Windows saves as "CSV" in much of Europe and the Americas (a superset of
    /// Latin-1).
    Windows1252,
    /// "Unicode text" from Excel: UTF-16, little-endian unless a byte-order mark says otherwise.
    Utf16,
}

impl TextEncoding {
    /// `utf-8`, `windows-1252` (also `cp1252`, `latin1`) or `utf-16`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => Some(TextEncoding::Windows1252),
            "utf-16" | "utf16" | "utf-16le" | "unicode" => Some(TextEncoding::Utf16),
            _ => None,
        }
    }
}

/// How to read the file. `None` and empty lists mean: find out from the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParseOptions {
    /// `(field, header)` choices of the column mapping; they always win over detection.
    pub overrides: Vec<(String, String)>,
    /// Columns to leave out entirely (as their headers are written).
    pub ignore: Vec<String>,
    /// Completes e-mail values that have no `@` (user names) with this domain.
    pub email_domain: Option<String>,
    /// The order of day and month for dates such as 7/5/2011.
    pub date_order: Option<DateOrder>,
    /// How the name column writes names.
    pub name_order: Option<NameOrder>,
    /// Status words that mean active or inactive, beyond the ones Trellis knows.
    pub active_values: Vec<String>,
    pub inactive_values: Vec<String>,
    /// Values of the manager column that mean "at the top, no manager" (e.g. `XX`, `0`, `N/A`).
    pub top_values: Vec<String>,
    /// The character between values (`,`, `;`, a tab, `|`).
    pub delimiter: Option<char>,
    pub encoding: Option<TextEncoding>,
}

/// A list given in one value: separated by new lines, or by commas when on one line.
fn list(value: &str) -> Vec<String> {
    let separator = if value.contains('\n') { '\n' } else { ',' };
    value.split(separator).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// A choice among named values: none when left empty, an error naming the choices otherwise.
fn chosen<T>(value: &str, parsed: Option<T>, takes: &str) -> Result<Option<T>, String> {
    match (value.is_empty(), parsed) {
        (true, _) => Ok(None),
        (false, Some(parsed)) => Ok(Some(parsed)),
        (false, None) => Err(format!("\"{value}\" is not one of {takes}")),
    }
}

impl ParseOptions {
    /// Sets one option as a person writes it on the command line (`--date-format dmy`) or in
    /// the upload form; an empty value leaves the option to be found from the file. Lists
    /// (ignored columns, status words, top values) add to what is there: one item per line,
    /// or separated by commas when the value is one line. The error says what the option
    /// takes.
    pub fn set(&mut self, option: &str, raw: &str) -> Result<(), String> {
        let value = raw.trim();
        match option {
            "email_domain" => self.email_domain = Some(value.to_string()).filter(|v| !v.is_empty()),
            "ignore" => self.ignore.extend(list(raw)),
            "active_values" => self.active_values.extend(list(raw)),
            "inactive_values" => self.inactive_values.extend(list(raw)),
            "top_values" | "top_value" => self.top_values.extend(list(raw)),
            "date_format" => self.date_order = chosen(value, DateOrder::parse(value), "dmy, mdy")?,
            "name_order" => self.name_order = chosen(value, NameOrder::parse(value), "first-last, last-first")?,
            "encoding" => self.encoding = chosen(value, TextEncoding::parse(value), "utf-8, windows-1252, utf-16")?,
            "delimiter" => {
                let named = match value.to_lowercase().as_str() {
                    "comma" => Some(','),
                    "semicolon" => Some(';'),
                    "tab" | "\\t" => Some('\t'),
                    "bar" | "pipe" => Some('|'),
                    _ => value.chars().next().filter(|c| value.chars().count() == 1 && c.is_ascii_punctuation()),
                };
                self.delimiter = chosen(value, named, "comma, semicolon, tab, bar (or the character itself)")?;
            }
            other => return Err(format!("\"{other}\" is not an import option")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_set_as_people_write_them() {
        let mut options = ParseOptions::default();
        options.set("date_format", "DMY").unwrap();
        options.set("name_order", "last-first").unwrap();
        options.set("encoding", "cp1252").unwrap();
        options.set("delimiter", "semicolon").unwrap();
        options.set("ignore", "ManagerID, Cost Centre").unwrap();
        options.set("inactive_values", "Alumni\nGarden leave").unwrap();
        options.set("top_value", "XX").unwrap();
        assert_eq!(options.date_order, Some(DateOrder::DayFirst));
        assert_eq!(options.name_order, Some(NameOrder::LastFirst));
        assert_eq!(options.encoding, Some(TextEncoding::Windows1252));
        assert_eq!(options.delimiter, Some(';'));
        assert_eq!(options.ignore, ["ManagerID", "Cost Centre"]);
        assert_eq!(options.inactive_values, ["Alumni", "Garden leave"]);
        assert_eq!(options.top_values, ["XX"]);
        options.set("date_format", "").unwrap();
        assert_eq!(options.date_order, None, "empty: found from the file");
        assert!(options.set("date_format", "ymd").unwrap_err().contains("dmy, mdy"));
        assert!(options.set("delimiter", "ab").is_err());
        assert_eq!(ParseOptions { delimiter: Some('\t'), ..Default::default() }.delimiter, Some('\t'));
        let mut tab = ParseOptions::default();
        tab.set("delimiter", "tab").unwrap();
        assert_eq!(tab.delimiter, Some('\t'));
    }
}
