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
    let namesakes = Namesakes { names: existing.iter().map(|p| (&p.id, name_key(&p.name))).collect() };
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
                        Some(many) if many.len() > 1 => match namesakes.best(row, many, &claimed) {
                            Ok(found) => found,
                            Err(()) => {
                                errors.push(ImportProblem::row(
                                    row.row,
                                    format!(
                                        "\"{}\" matches {} people already in the roster equally well (the same \
                                         department, title and manager); add an employee id or e-mail column to \
                                         tell them apart",
                                        row.name,
                                        many.len()
                                    ),
                                ));
                                return None;
                            }
                        },
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

/// People of the same name, told apart by what else the row says of them.
struct Namesakes<'a> {
    names: HashMap<&'a PersonId, String>,
}

impl<'a> Namesakes<'a> {
    /// How many of department, title, start date and manager the row and the person share.
    fn agreement(&self, row: &RosterRow, person: &PersonRecord) -> usize {
        let manager = |p: &PersonRecord| p.manager_id.as_ref().and_then(|m| self.names.get(m)).cloned();
        let row_manager = row.manager.as_ref().map(|m| name_key(&m.value));
        usize::from(row.department == person.department)
            + usize::from(row.title == person.title)
            + usize::from(row.start_date == person.start_date)
            + usize::from(row_manager.is_some() && row_manager == manager(person))
    }

    /// The person among `candidates` (all of the row's name) the row describes best and no
    /// earlier row took; `None` when all are taken (a new namesake); an error when two fit
    /// equally well.
    fn best(
        &self,
        row: &RosterRow,
        candidates: &[&'a PersonRecord],
        claimed: &HashMap<PersonId, usize>,
    ) -> Result<Option<&'a PersonRecord>, ()> {
        let mut scored: Vec<(usize, &PersonRecord)> =
            candidates.iter().filter(|p| !claimed.contains_key(&p.id)).map(|p| (self.agreement(row, p), *p)).collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        match scored.as_slice() {
            [] => Ok(None),
            [(best, _), (second, _), ..] if best == second => Err(()),
            [(_, person), ..] => Ok(Some(*person)),
        }
    }
}

/// Two rows with one e-mail or one employee id cannot both be imported.
fn report_duplicates(rows: &[RosterRow], errors: &mut Vec<ImportProblem>) {
    let mut emails: HashMap<String, &RosterRow> = HashMap::default();
    let mut employee_ids: HashMap<&str, &RosterRow> = HashMap::default();
    for row in rows {
        if let Some(email) = &row.email {
            if let Some(first) = emails.insert(email.key(), row) {
                errors.push(ImportProblem::row(
                    row.row,
                    format!(
                        "e-mail \"{}\" of {} is also on row {} ({})",
                        email.as_str(),
                        row.name,
                        first.row,
                        first.name
                    ),
                ));
            }
        }
        if let Some(id) = row.employee_id.as_deref() {
            if let Some(first) = employee_ids.insert(id, row) {
                errors.push(ImportProblem::row(
                    row.row,
                    format!(
                        "employee id \"{id}\" of {} is also on row {} ({}): two people cannot share one id. If \
                         the column holds posts rather than people (a job shared by two), leave it out with \
                         --ignore and let e-mail tell people apart",
                        row.name, first.row, first.name
                    ),
                ));
            }
        }
    }
}
