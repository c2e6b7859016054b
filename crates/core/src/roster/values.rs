//! The values of an import file as HR systems and spreadsheets write them: dates in the common
//! formats (`2011-07-05`, `7/5/2011`, `05.07.2011`, `5 Jul 2011`, `July 5, 2011`), status
//! words (`Leave of Absence`, `Voluntarily Terminated`…), names written "Last, First", and
//! the day-or-month question answered from the file where it can be.

use super::options::{DateOrder, NameOrder};
use jiff::civil::Date;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date's parts as written: numbers, or a month by name.
fn numbers(raw: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = raw.split(['/', '.', '-']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?))
}

fn year(raw: u32) -> i16 {
    let full = match raw {
        0..=69 => 2000 + raw,
        70..=99 => 1900 + raw,
        _ => raw,
    };
    i16::try_from(full).unwrap_or(i16::MAX)
}

fn date(y: i16, m: u32, d: u32, raw: &str) -> Result<Date, String> {
    let (m, d) = (i8::try_from(m).unwrap_or(0), i8::try_from(d).unwrap_or(0));
    Date::new(y, m, d).map_err(|_| format!("\"{raw}\" is not a day of the calendar"))
}

/// A date with its month written as a word: "5 Jul 2011", "05-Jul-2011", "July 5, 2011".
fn with_month_name(raw: &str) -> Option<Result<Date, String>> {
    let words: Vec<String> =
        raw.split([' ', '-', ',', '.', '/']).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let month = words.iter().position(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))?;
    let month_number = MONTHS.iter().position(|m| words[month].starts_with(m))? as u32 + 1;
    let others: Vec<u32> =
        words.iter().enumerate().filter(|(i, _)| *i != month).filter_map(|(_, w)| w.parse().ok()).collect();
    let [first, second] = others.as_slice() else { return Some(Err(not_a_date(raw))) };
    let (day, y) = if *first > 31 { (*second, *first) } else { (*first, *second) };
    Some(date(year(y), month_number, day, raw))
}

fn not_a_date(raw: &str) -> String {
    format!("\"{raw}\" is not a date (e.g. 2011-07-05, 05/07/2011 or 5 Jul 2011)")
}

/// Reads a date in any common format. A numeric date whose day and month could be either way
/// round (7/5/2011) needs `order`; without it, it is refused with a hint.
pub fn read_date(raw: &str, order: Option<DateOrder>) -> Result<Date, String> {
    let value = raw.trim();
    // ISO, with or without a time after it.
    let head = value.split(['T', ' ']).next().unwrap_or(value);
    if let Some((y, m, d)) = numbers(head).filter(|(y, _, _)| *y > 999) {
        return date(year(y), m, d, value);
    }
    if let Some((a, b, y)) = numbers(head) {
        let (day, month) = match (a > 12, b > 12, order) {
            (true, false, _) => (a, b),
            (false, true, _) => (b, a),
            (false, false, _) if a == b => (a, b),
            (false, false, Some(DateOrder::DayFirst)) => (a, b),
            (false, false, Some(DateOrder::MonthFirst)) => (b, a),
            (false, false, None) => {
                let as_day_first = date(year(y), b, a, value).map(|d| d.strftime("%-d %B %Y").to_string());
                let as_month_first = date(year(y), a, b, value).map(|d| d.strftime("%-d %B %Y").to_string());
                return Err(format!(
                    "\"{value}\" could be {} or {}; say which with --date-format dmy or --date-format mdy",
                    as_day_first.unwrap_or_default(),
                    as_month_first.unwrap_or_default()
                ));
            }
            (true, true, _) => return Err(not_a_date(value)),
        };
        return date(year(y), month, day, value);
    }
    with_month_name(value).unwrap_or_else(|| Err(not_a_date(value)))
}

/// The order of day and month the file's own dates show: a value like 13/5/2011 can only be
/// day first, 5/13/2011 only month first. `None` when the file shows neither, or both.
pub fn date_order_shown(values: &[&str]) -> Option<DateOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for value in values {
        if let Some((a, b, y)) = numbers(value.trim().split(['T', ' ']).next().unwrap_or(value)) {
            if y > 31 && a <= 31 && b <= 31 {
                day_first |= a > 12;
                month_first |= b > 12;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// Whether a status says the person works here, by the organisation's own words first.
pub fn read_status(raw: &str, active: &[String], inactive: &[String]) -> Result<bool, String> {
    let value = raw.trim();
    let same = |list: &[String]| list.iter().any(|v| v.trim().eq_ignore_ascii_case(value));
    if same(active) {
        return Ok(true);
    }
    if same(inactive) {
        return Ok(false);
    }
    let normalised = value.to_lowercase().replace(['-', '_', '/'], " ");
    let words: Vec<&str> = normalised.split_whitespace().collect();
    let has = |word: &str| words.contains(&word);
    const GONE: [&str; 16] = [
        "inactive",
        "terminated",
        "termination",
        "resigned",
        "retired",
        "deceased",
        "separated",
        "former",
        "left",
        "leaver",
        "withdrawn",
        "dismissed",
        "redundant",
        "exited",
        "quit",
        "ended",
    ];
    const HERE: [&str; 14] = [
        "active",
        "employed",
        "current",
        "leave",
        "absence",
        "probation",
        "future",
        "pending",
        "suspended",
        "sabbatical",
        "full",
        "part",
        "temporary",
        "seasonal",
    ];
    if words.is_empty() || matches!(normalised.trim(), "yes" | "y" | "true" | "1" | "a") {
        return Ok(true);
    }
    if GONE.iter().any(|w| has(w)) || has("laid") || matches!(normalised.trim(), "no" | "n" | "false" | "0" | "i") {
        return Ok(false);
    }
    if HERE.iter().any(|w| has(w)) {
        return Ok(true);
    }
    Err(format!(
        "\"{value}\" is neither a status Trellis knows as active nor as inactive; say which with \
         --active-values \"{value}\" or --inactive-values \"{value}\""
    ))
}

/// "Park, Lena" as "Lena Park" when names are written last name first.
pub fn display_name(raw: &str, order: NameOrder) -> String {
    match (order, raw.split_once(',')) {
        (NameOrder::LastFirst, Some((last, first))) if !first.contains(',') => {
            format!("{} {}", first.trim(), last.trim()).trim().to_string()
        }
        _ => raw.trim().to_string(),
    }
}

/// Last name first when every name of the column has exactly one comma.
pub fn name_order_shown(names: &[&str]) -> NameOrder {
    let names: Vec<&&str> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    let all_one_comma = !names.is_empty() && names.iter().all(|n| n.matches(',').count() == 1);
    if all_one_comma {
        NameOrder::LastFirst
    } else {
        NameOrder::FirstLast
    }
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
