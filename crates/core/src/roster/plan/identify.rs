//! Decides which person each import row describes: someone already in the roster (matched by
//! employee id, then e-mail, then — for rows with neither — an unambiguous name) or someone new.

use super::{row_name_key, PersonRecord, RosterRow};
use crate::ids::PersonId;
use crate::names::name_key;
use crate::roster::ImportProblem;
use foldhash::HashMap;

/// The person a row will become.
#[derive(Clone, Debug)]
pub(super) struct Target {
    pub id: PersonId,
}

/// One target per row; `None` for rows that cannot be placed (an error explains why).
pub(super) fn identify_rows(
    rows: &[RosterRow],
    existing: &[PersonRecord],
    errors: &mut Vec<ImportProblem>,
) -> Vec<Option<Target>> {
    let by_employee_id: HashMap<&str, &PersonRecord> =
        existing.iter().filter_map(|p| p.employee_id.as_deref().map(|e| (e, p))).collect();
    let by_email: HashMap<String, &PersonRecord> =
        existing.iter().filter_map(|p| p.email.as_ref().map(|e| (e.to_lowercase(), p))).collect();
    let mut by_name: HashMap<String, Vec<&PersonRecord>> = HashMap::default();
    for person in existing {
        by_name.entry(name_key(&person.name)).or_default().push(person);
    }

    report_duplicates(rows, errors);
    let mut claimed: HashMap<PersonId, usize> = HashMap::default();
    rows.iter()
        .map(|row| {
            let email_key = row.email.as_ref().map(|e| e.key());
            let by_id = row.employee_id.as_deref().and_then(|id| by_employee_id.get(id).copied());
            let by_mail = email_key.as_deref().and_then(|key| by_email.get(key).copied());
            let matched = match (by_id, by_mail) {
                (Some(a), Some(b)) if a.id != b.id => {
                    errors.push(ImportProblem::row(
                        row.row,
                        format!(
                            "employee id \"{}\" belongs to {} but e-mail \"{}\" belongs to {}",
                            row.employee_id.as_deref().unwrap_or_default(),
                            a.name,
                            email_key.as_deref().unwrap_or_default(),
                            b.name
                        ),
                    ));
                    return None;
                }
                (Some(a), _) => Some(a),
                (None, Some(b)) if row.employee_id.is_some() && b.employee_id.is_some() => {
                    errors.push(ImportProblem::row(
                        row.row,
                        format!(
                            "e-mail \"{}\" belongs to {}, who has employee id \"{}\", not \"{}\"",
                            email_key.as_deref().unwrap_or_default(),
                            b.name,
                            b.employee_id.as_deref().unwrap_or_default(),
                            row.employee_id.as_deref().unwrap_or_default()
                        ),
                    ));
                    return None;
                }
                (None, Some(b)) => Some(b),
                (None, None) if row.employee_id.is_none() && row.email.is_none() => {
                    match by_name.get(&row_name_key(row)).map(Vec::as_slice) {
                        Some([only]) => Some(*only),
                        Some(many) if many.len() > 1 => {
                            errors.push(ImportProblem::row(
                                row.row,
                                format!(
                                    "\"{}\" matches {} people already in the roster; \
                                     add an employee id or e-mail column to tell them apart",
                                    row.name,
                                    many.len()
                                ),
                            ));
                            return None;
                        }
                        _ => None,
                    }
                }
                (None, None) => None,
            };
            let id = matched.map_or_else(PersonId::generate, |p| p.id.clone());
            if let Some(first_row) = claimed.insert(id.clone(), row.row) {
                errors.push(ImportProblem::row(row.row, format!("describes the same person as row {first_row}")));
                return None;
            }
            Some(Target { id })
        })
        .collect()
}

/// Two rows with one e-mail or one employee id cannot both be imported.
fn report_duplicates(rows: &[RosterRow], errors: &mut Vec<ImportProblem>) {
    let mut emails: HashMap<String, usize> = HashMap::default();
    let mut employee_ids: HashMap<&str, usize> = HashMap::default();
    for row in rows {
        if let Some(email) = &row.email {
            if let Some(first) = emails.insert(email.key(), row.row) {
                errors
                    .push(ImportProblem::row(row.row, format!("e-mail \"{}\" is also on row {first}", email.as_str())));
            }
        }
        if let Some(id) = row.employee_id.as_deref() {
            if let Some(first) = employee_ids.insert(id, row.row) {
                errors.push(ImportProblem::row(row.row, format!("employee id \"{id}\" is also on row {first}")));
            }
        }
    }
}
