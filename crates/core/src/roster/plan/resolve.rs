//! Resolves each row's manager reference against the roster as it will be after the import:
//! people in the file and people already in the roster. An ambiguous name is an error, never
//! a guess.

use super::identify::Target;
use super::{describe_ref, ImportPlan, PersonRecord, RosterRow, UnknownManager};
use crate::ids::PersonId;
use crate::names::name_key;
use crate::roster::parse::{ManagerRef, ManagerRefKind};
use crate::roster::ImportProblem;
use foldhash::{HashMap, HashSet};

/// Who will be in the roster, indexed every way a manager can be referred to.
pub(super) struct Population {
    by_employee_id: HashMap<String, PersonId>,
    by_email: HashMap<String, PersonId>,
    by_name: HashMap<String, Vec<PersonId>>,
    labels: HashMap<PersonId, String>,
}

impl Population {
    pub(super) fn new(rows: &[RosterRow], targets: &[Option<Target>], existing: &[PersonRecord]) -> Self {
        let targeted: HashSet<&PersonId> = targets.iter().flatten().map(|t| &t.id).collect();
        let mut population = Self {
            by_employee_id: HashMap::default(),
            by_email: HashMap::default(),
            by_name: HashMap::default(),
            labels: HashMap::default(),
        };
        let existing_by_id: HashMap<&PersonId, &PersonRecord> = existing.iter().map(|p| (&p.id, p)).collect();
        for person in existing.iter().filter(|p| !targeted.contains(&p.id)) {
            population.add(&person.id, &person.name, person.email.clone(), person.employee_id.clone(), None);
        }
        for (row, target) in rows.iter().zip(targets) {
            let Some(target) = target else { continue };
            let before = existing_by_id.get(&target.id);
            let email =
                row.email.as_ref().map(|e| e.as_str().to_string()).or_else(|| before.and_then(|b| b.email.clone()));
            let employee_id = row.employee_id.clone().or_else(|| before.and_then(|b| b.employee_id.clone()));
            population.add(&target.id, &row.name, email, employee_id, Some(row.row));
        }
        population
    }

    fn add(
        &mut self,
        id: &PersonId,
        name: &str,
        email: Option<String>,
        employee_id: Option<String>,
        row: Option<usize>,
    ) {
        if let Some(email) = email {
            self.by_email.insert(email.to_lowercase(), id.clone());
        }
        let label = match (&employee_id, row) {
            (_, Some(row)) => format!("{name} (row {row})"),
            (Some(employee_id), None) => format!("{name} ({employee_id})"),
            (None, None) => name.to_string(),
        };
        if let Some(employee_id) = employee_id {
            self.by_employee_id.insert(employee_id, id.clone());
        }
        self.by_name.entry(name_key(name)).or_default().push(id.clone());
        self.labels.insert(id.clone(), label);
    }

    /// A person's name with their row or employee id, for messages.
    pub(super) fn describe(&self, id: &PersonId) -> String {
        self.labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    fn find(&self, reference: &ManagerRef) -> Lookup {
        let one = |found: Option<&PersonId>| found.map_or(Lookup::Missing, |id| Lookup::Found(id.clone()));
        match reference.kind {
            ManagerRefKind::Email => one(self.by_email.get(&reference.value.to_lowercase())),
            ManagerRefKind::EmployeeId => one(self.by_employee_id.get(&reference.value)),
            ManagerRefKind::Name => self.find_name(&reference.value),
            ManagerRefKind::Auto if reference.value.contains('@') => {
                one(self.by_email.get(&reference.value.to_lowercase()))
            }
            ManagerRefKind::Auto => match self.by_employee_id.get(&reference.value) {
                Some(id) => Lookup::Found(id.clone()),
                None => self.find_name(&reference.value),
            },
        }
    }

    fn find_name(&self, name: &str) -> Lookup {
        match self.by_name.get(&name_key(name)).map(Vec::as_slice) {
            Some([only]) => Lookup::Found(only.clone()),
            Some(many) if many.len() > 1 => Lookup::Ambiguous(many.to_vec()),
            _ => Lookup::Missing,
        }
    }
}

enum Lookup {
    Found(PersonId),
    Missing,
    Ambiguous(Vec<PersonId>),
}

/// What the import does to one row's manager.
pub(super) enum ManagerOutcome {
    /// Leave the manager as the roster has it (no manager column, or a skipped unknown).
    Keep,
    /// Set the manager (`None`: no manager).
    Set(Option<PersonId>),
}

/// One outcome per row; problems go to the plan's errors or (skipped unknowns) warnings.
pub(super) fn resolve_managers(
    rows: &[RosterRow],
    targets: &[Option<Target>],
    population: &Population,
    manager_mapped: bool,
    unknown: UnknownManager,
    plan: &mut ImportPlan,
) -> Vec<ManagerOutcome> {
    let mut missing: Vec<(&ManagerRef, Vec<&RosterRow>)> = Vec::new();
    let outcomes = rows
        .iter()
        .zip(targets)
        .map(|(row, target)| {
            let Some(reference) = &row.manager else {
                return if manager_mapped || target.is_none() {
                    ManagerOutcome::Set(None)
                } else {
                    ManagerOutcome::Keep
                };
            };
            let self_id = target.as_ref().map(|t| &t.id);
            match population.find(reference) {
                Lookup::Found(id) if Some(&id) == self_id => {
                    plan.errors.push(ImportProblem::cell(
                        row.row,
                        &reference.column,
                        format!("{} cannot be their own manager", row.name),
                    ));
                    ManagerOutcome::Keep
                }
                Lookup::Found(id) => ManagerOutcome::Set(Some(id)),
                Lookup::Ambiguous(ids) => {
                    let who: Vec<String> = ids.iter().map(|id| population.describe(id)).collect();
                    plan.errors.push(ImportProblem::cell(
                        row.row,
                        &reference.column,
                        format!(
                            "{} matches {} people ({}); use an e-mail or employee id instead",
                            describe_ref(reference),
                            ids.len(),
                            who.join(", ")
                        ),
                    ));
                    ManagerOutcome::Keep
                }
                Lookup::Missing => {
                    match missing.iter_mut().find(|(known, _)| known.value.eq_ignore_ascii_case(&reference.value)) {
                        Some((_, named_by)) => named_by.push(row),
                        None => missing.push((reference, vec![row])),
                    }
                    match unknown {
                        UnknownManager::Error => ManagerOutcome::Keep,
                        UnknownManager::Skip => ManagerOutcome::Set(None),
                    }
                }
            }
        })
        .collect();
    for (reference, named_by) in missing {
        let problem =
            ImportProblem::cell(named_by[0].row, &reference.column, missing_manager(reference, &named_by, unknown));
        match unknown {
            UnknownManager::Error => plan.errors.push(problem),
            UnknownManager::Skip => plan.warnings.push(problem),
        }
    }
    outcomes
}

/// One sentence for a manager nobody has, however many rows name them: who names them, and
/// what to do about it.
fn missing_manager(reference: &ManagerRef, named_by: &[&RosterRow], unknown: UnknownManager) -> String {
    const LISTED: usize = 5;
    let rows: Vec<String> = named_by.iter().take(LISTED).map(|row| row.row.to_string()).collect();
    let more = match named_by.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let who = match named_by {
        [one] => format!("{} (row {}) names them as manager", one.name, one.row),
        _ => format!("{} people name them as manager (rows {}{more})", named_by.len(), rows.join(", ")),
    };
    let found = format!("no one in the file or the roster has {}: {who}", describe_ref(reference));
    match unknown {
        UnknownManager::Skip => format!("{found}; they are imported without a manager"),
        UnknownManager::Error => format!(
            "{found}. To import them without a manager, use --unknown-manager skip (in the upload form: \
             \"Import people whose manager is not found\"); if \"{}\" marks the top of the organisation, \
             use --top-value \"{}\"",
            reference.value, reference.value
        ),
    }
}
