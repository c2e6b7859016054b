//! Works out what an import would do to the roster: which rows are new people and which
//! describe people already there, who each row's manager is, and exactly which fields change.
//! A plan with errors must not be applied; a plan applied twice changes nothing the second time.

use super::columns::Field;
use super::parse::{ManagerRef, ManagerRefKind, ParsedRoster, RosterRow};
use super::ImportProblem;
use crate::ids::PersonId;
use crate::names::name_key;
use crate::org::find_cycles;
use foldhash::{HashMap, HashSet};
use jiff::civil::Date;

mod identify;
mod resolve;

/// What to do when a row's manager is not in the roster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnknownManager {
    /// Refuse the import (the default).
    #[default]
    Error,
    /// Import the person without a manager and list a warning.
    Skip,
}

/// The roster fields of one person, as stored or as an import would leave them.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRecord {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub employee_id: Option<String>,
    pub title: String,
    pub department: String,
    pub manager_id: Option<PersonId>,
    pub start_date: Option<Date>,
    pub active: bool,
}

/// One person the import creates or changes.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedChange {
    pub row: usize,
    /// The person as they will be.
    pub record: PersonRecord,
    /// Names of the fields that change (empty for a new person).
    pub changed_fields: Vec<&'static str>,
    /// The manager before the import, when the manager changes.
    pub manager_change: Option<Option<PersonId>>,
}

/// Everything an import would do, and every reason it cannot.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// New people, managers before their reports.
    pub creates: Vec<PlannedChange>,
    /// People already in the roster whose fields change.
    pub updates: Vec<PlannedChange>,
    /// Rows that describe someone exactly as the roster already has them.
    pub unchanged: usize,
    pub errors: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
}

impl ImportPlan {
    /// Whether the plan may be applied.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many people get a different manager (new people with a manager included).
    pub fn manager_changes(&self) -> usize {
        self.creates.iter().chain(&self.updates).filter(|c| c.manager_change.is_some()).count()
    }

    /// Refuses a plan that renames more than a few people unless the renaming was confirmed:
    /// a file of another organisation whose ids happen to match would otherwise quietly give
    /// people other names (and careers).
    pub fn guard_renames(&mut self, confirmed: bool, before: &[PersonRecord]) {
        let renamed: Vec<&PlannedChange> = self.updates.iter().filter(|c| c.changed_fields.contains(&"name")).collect();
        if confirmed || renamed.len() <= RENAMES_WITHOUT_CONFIRMATION {
            return;
        }
        let old_name = |id: &PersonId| before.iter().find(|p| &p.id == id).map_or("?", |p| p.name.as_str());
        let examples: Vec<String> = renamed
            .iter()
            .take(3)
            .map(|c| format!("“{}” → “{}” (row {})", old_name(&c.record.id), c.record.name, c.row))
            .collect();
        self.errors.push(ImportProblem::file(format!(
            "this import would rename {} people, e.g. {}. If the file is of another organisation, its ids \
             match people who are not the same; if the names really changed, import again with \
             --confirm-renames (in the upload form: \"Yes, rename them\")",
            renamed.len(),
            examples.join(", ")
        )));
    }
}

/// How many people an import may rename without asking.
pub const RENAMES_WITHOUT_CONFIRMATION: usize = 3;

/// Plans the import of `parsed` into a roster that currently holds `existing`.
pub fn plan_import(parsed: &ParsedRoster, existing: &[PersonRecord], unknown: UnknownManager) -> ImportPlan {
    let mut plan = ImportPlan { errors: parsed.problems.clone(), ..Default::default() };
    let targets = identify::identify_rows(&parsed.rows, existing, &mut plan.errors);
    let population = resolve::Population::new(&parsed.rows, &targets, existing);
    let manager_mapped = parsed.map.manager_field().is_some();
    let managers = resolve::resolve_managers(&parsed.rows, &targets, &population, manager_mapped, unknown, &mut plan);

    let by_id: HashMap<&PersonId, &PersonRecord> = existing.iter().map(|p| (&p.id, p)).collect();
    let mapped = |field: Field| parsed.map.has(field);
    for ((row, target), manager) in parsed.rows.iter().zip(&targets).zip(&managers) {
        let Some(target) = target else { continue };
        let before = by_id.get(&target.id).copied();
        let manager_id = match (manager, before) {
            (resolve::ManagerOutcome::Keep, Some(before)) => before.manager_id.clone(),
            (resolve::ManagerOutcome::Keep, None) => None,
            (resolve::ManagerOutcome::Set(id), _) => id.clone(),
        };
        let record = merge(row, before, target.id.clone(), manager_id, &mapped);
        match before {
            None => plan.creates.push(PlannedChange {
                row: row.row,
                manager_change: record.manager_id.is_some().then_some(None),
                changed_fields: Vec::new(),
                record,
            }),
            Some(before) => {
                let changed_fields = changed_fields(before, &record);
                if changed_fields.is_empty() {
                    plan.unchanged += 1;
                } else {
                    let manager_change = (before.manager_id != record.manager_id).then(|| before.manager_id.clone());
                    plan.updates.push(PlannedChange { row: row.row, record, changed_fields, manager_change });
                }
            }
        }
    }
    check_cycles(&mut plan, existing, &population);
    plan.creates = managers_first(std::mem::take(&mut plan.creates));
    plan.errors.sort_by_key(|p| p.row);
    plan
}

/// The person as the row leaves them: mapped columns win, except that an empty e-mail or
/// employee id never erases one the roster already has.
fn merge(
    row: &RosterRow,
    before: Option<&PersonRecord>,
    id: PersonId,
    manager_id: Option<PersonId>,
    mapped: &dyn Fn(Field) -> bool,
) -> PersonRecord {
    let keep = |field: Field, new: String, old: Option<&String>| {
        if mapped(field) || old.is_none() {
            new
        } else {
            old.cloned().unwrap_or_default()
        }
    };
    let email = row.email.as_ref().map(|e| e.as_str().to_string());
    PersonRecord {
        id,
        name: row.name.clone(),
        email: email.or_else(|| before.and_then(|b| b.email.clone())),
        employee_id: row.employee_id.clone().or_else(|| before.and_then(|b| b.employee_id.clone())),
        title: keep(Field::Title, row.title.clone(), before.map(|b| &b.title)),
        department: keep(Field::Department, row.department.clone(), before.map(|b| &b.department)),
        manager_id,
        start_date: if mapped(Field::StartDate) { row.start_date } else { before.and_then(|b| b.start_date) },
        active: if mapped(Field::Active) { row.active } else { before.is_none_or(|b| b.active) },
    }
}

fn changed_fields(before: &PersonRecord, after: &PersonRecord) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut note = |differs: bool, field: &'static str| {
        if differs {
            changed.push(field);
        }
    };
    note(before.name != after.name, "name");
    note(before.email != after.email, "email");
    note(before.employee_id != after.employee_id, "employee_id");
    note(before.title != after.title, "title");
    note(before.department != after.department, "department");
    note(before.manager_id != after.manager_id, "manager");
    note(before.start_date != after.start_date, "start_date");
    note(before.active != after.active, "active");
    changed
}

/// Refuses any loop of managers the import would create, naming the people and rows in it.
fn check_cycles(plan: &mut ImportPlan, existing: &[PersonRecord], population: &resolve::Population) {
    let mut managers: HashMap<PersonId, PersonId> =
        existing.iter().filter_map(|p| p.manager_id.clone().map(|m| (p.id.clone(), m))).collect();
    for change in plan.creates.iter().chain(&plan.updates) {
        match &change.record.manager_id {
            Some(manager) => managers.insert(change.record.id.clone(), manager.clone()),
            None => managers.remove(&change.record.id),
        };
    }
    let rows: HashMap<&PersonId, usize> =
        plan.creates.iter().chain(&plan.updates).map(|c| (&c.record.id, c.row)).collect();
    for cycle in find_cycles(&managers) {
        let mut cycle_rows: Vec<usize> = cycle.iter().filter_map(|id| rows.get(id).copied()).collect();
        cycle_rows.sort_unstable();
        let mut names: Vec<String> = cycle.iter().map(|id| population.describe(id)).collect();
        names.push(population.describe(&cycle[0]));
        let row_list = cycle_rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        plan.errors.push(ImportProblem {
            row: cycle_rows.first().copied(),
            column: None,
            message: format!(
                "these managers form a loop: {} (rows {row_list}); nobody may manage themselves",
                names.join(" → ")
            ),
        });
    }
}

/// Orders new people so that each manager is created before the people who report to them.
fn managers_first(creates: Vec<PlannedChange>) -> Vec<PlannedChange> {
    let index: HashMap<PersonId, usize> = creates.iter().enumerate().map(|(i, c)| (c.record.id.clone(), i)).collect();
    let mut placed: HashSet<usize> = HashSet::with_capacity_and_hasher(creates.len(), Default::default());
    let mut order = Vec::with_capacity(creates.len());
    for start in 0..creates.len() {
        let mut chain = Vec::new();
        let mut current = Some(start);
        while let Some(i) = current.filter(|i| !placed.contains(i) && !chain.contains(i)) {
            chain.push(i);
            current = creates[i].record.manager_id.as_ref().and_then(|m| index.get(m).copied());
        }
        for i in chain.into_iter().rev() {
            placed.insert(i);
            order.push(i);
        }
    }
    let mut slots: Vec<Option<PlannedChange>> = creates.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Describes a manager reference for messages: `employee id "103"`, `e-mail "a@b"`, `name "X"`.
fn describe_ref(reference: &ManagerRef) -> String {
    let kind = match reference.kind {
        ManagerRefKind::Email => "e-mail",
        ManagerRefKind::EmployeeId => "employee id",
        ManagerRefKind::Name => "name",
        ManagerRefKind::Auto => "e-mail, employee id or name",
    };
    format!("{kind} \"{}\"", reference.value)
}

/// The comparison key of a row's name.
fn row_name_key(row: &RosterRow) -> String {
    name_key(&row.name)
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
