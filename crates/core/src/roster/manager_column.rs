//! Which column names the managers, when a file has more than one that could (a `ManagerID` of
//! a numbering of its own beside a `ManagerName`, say) and nobody said: the one whose values
//! are most often people of the same file. A column named with `--map` is never second-guessed.

use super::columns::{ColumnMap, Field};
use super::options::NameOrder;
use super::values::display_name;
use crate::names::{full_name, name_key};
use std::collections::HashSet;

/// How many of a column's values are people of the file, in percent.
fn share_found(values: &[&str], found: impl Fn(&str) -> bool) -> usize {
    let given: Vec<&&str> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    match given.len() {
        0 => 0,
        n => given.iter().filter(|v| found(v.trim())).count() * 100 / n,
    }
}

/// Keeps the manager column that best names people of the file; returns a sentence saying so
/// when it is not the one detection would have used.
pub(super) fn choose(map: &mut ColumnMap, records: &[(usize, Vec<String>)], order: NameOrder) -> Option<String> {
    let candidates = map.detected_manager_fields();
    if candidates.len() < 2 {
        return None;
    }
    let column = |field: Field| -> Vec<&str> {
        map.index(field)
            .map(|i| records.iter().filter_map(|(_, cells)| cells.get(i).map(|c| c.trim())).collect())
            .unwrap_or_default()
    };
    let ids: HashSet<&str> = column(Field::EmployeeId).into_iter().collect();
    let emails: HashSet<String> = column(Field::Email).iter().map(|e| e.to_lowercase()).collect();
    let names: HashSet<String> = match map.has(Field::Name) {
        true => column(Field::Name).iter().map(|n| name_key(&display_name(n, order))).collect(),
        false => column(Field::FirstName)
            .iter()
            .zip(column(Field::LastName))
            .map(|(first, last)| name_key(&full_name(first, last)))
            .collect(),
    };
    let scored: Vec<(Field, usize)> = candidates
        .iter()
        .map(|field| {
            let share = share_found(&column(*field), |value| match field {
                Field::ManagerEmployeeId => ids.contains(value),
                Field::ManagerEmail => emails.contains(&value.to_lowercase()),
                _ => {
                    names.contains(&name_key(&display_name(value, order)))
                        || ids.contains(value)
                        || emails.contains(&value.to_lowercase())
                }
            });
            (*field, share)
        })
        .collect();
    let (best, best_share) = scored.iter().fold(scored[0], |best, next| if next.1 > best.1 { *next } else { best });
    let (default, default_share) = scored[0];
    if best == default {
        return None;
    }
    let header = |field: Field| map.header(field).unwrap_or_default().to_string();
    let sentence = format!(
        "Managers were read from “{}”: {best_share}% of its values are people in the file, against {default_share}% \
         of “{}”, which was left out (name the column with --map manager=COLUMN if that is wrong).",
        header(best),
        header(default)
    );
    map.keep_manager(best);
    Some(sentence)
}
