//! Which column of an import file holds which roster field. Common header spellings are
//! recognised on their own; `--map field=Header` overrides or fills in the rest.

use super::ImportProblem;
use std::collections::BTreeMap;

/// A roster field an import column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Email,
    EmployeeId,
    Title,
    Department,
    /// A manager given by e-mail, employee id or name, whichever the value looks like.
    Manager,
    ManagerEmail,
    ManagerEmployeeId,
    ManagerName,
    StartDate,
    Active,
}

impl Field {
    /// Every field, in the order a preview lists them.
    pub const ALL: [Field; 13] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::EmployeeId,
        Field::Title,
        Field::Department,
        Field::Manager,
        Field::ManagerEmail,
        Field::ManagerEmployeeId,
        Field::ManagerName,
        Field::StartDate,
        Field::Active,
    ];

    /// The field's name as used in `--map field=Header`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::EmployeeId => "employee_id",
            Field::Title => "title",
            Field::Department => "department",
            Field::Manager => "manager",
            Field::ManagerEmail => "manager_email",
            Field::ManagerEmployeeId => "manager_employee_id",
            Field::ManagerName => "manager_name",
            Field::StartDate => "start_date",
            Field::Active => "active",
        }
    }

    /// Whether the field names a manager (only one such column is read).
    fn is_manager(self) -> bool {
        matches!(self, Field::Manager | Field::ManagerEmail | Field::ManagerEmployeeId | Field::ManagerName)
    }

    /// Parses a field name given on the command line or in a form.
    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key.trim().to_lowercase())
    }

    /// Header spellings recognised for this field, compared after `normalise_header`.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &["name", "fullname", "employeename", "displayname", "personname"],
            Field::FirstName => &["firstname", "givenname", "first", "forename"],
            Field::LastName => &["lastname", "surname", "familyname", "last"],
            Field::Email => &["email", "emailaddress", "workemail", "mail", "businessemail"],
            Field::EmployeeId => &[
                "employeeid",
                "employeenumber",
                "empid",
                "empno",
                "staffid",
                "staffnumber",
                "workerid",
                "personnumber",
                "id",
            ],
            Field::Title => &["title", "jobtitle", "position", "positiontitle", "role", "jobid", "job"],
            Field::Department => {
                &["department", "departmentname", "dept", "team", "departmentid", "division", "orgunit"]
            }
            Field::Manager => &["manager", "managername", "supervisor", "supervisorname", "reportsto", "linemanager"],
            Field::ManagerEmail => &["manageremail", "supervisoremail", "linemanageremail", "reportstoemail"],
            Field::ManagerEmployeeId => {
                &["managerid", "manageremployeeid", "supervisorid", "reportstoid", "linemanagerid", "managernumber"]
            }
            Field::ManagerName => &["managerfullname", "supervisorfullname"],
            Field::StartDate => {
                &["startdate", "hiredate", "dateofhire", "joindate", "datejoined", "employmentstartdate"]
            }
            Field::Active => &["active", "status", "employmentstatus", "isactive"],
        }
    }
}

/// Lower case, letters and digits only: "Employee_ID " and "employee id" both become "employeeid".
fn normalise_header(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The columns of one file and the field each one fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMap {
    headers: Vec<String>,
    columns: BTreeMap<Field, usize>,
    /// Whether the person named the manager column (then it is never chosen for them).
    manager_chosen: bool,
}

impl ColumnMap {
    /// Detects the mapping from `headers`, after `overrides` (`(field, header)` pairs), which
    /// always win: a column named in one is not detected as anything else, and naming any
    /// manager column turns off the detection of the others. The `ignored` columns are left
    /// out. Fails when an override or an ignored column names an unknown field or column, or
    /// no name column is found.
    pub fn detect(
        headers: &[String],
        overrides: &[(String, String)],
        ignored: &[String],
    ) -> Result<Self, Vec<ImportProblem>> {
        let mut columns = BTreeMap::new();
        let mut problems = Vec::new();
        let mut overridden = Vec::new();
        let position = |header: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(header.trim()));
        for header in ignored {
            match position(header) {
                Some(index) => overridden.push(index),
                None => problems.push(ImportProblem::file(format!(
                    "--ignore {header}: the file has no column \"{header}\" (columns: {})",
                    headers.join(", ")
                ))),
            }
        }
        for (field_key, header) in overrides {
            let Some(field) = Field::parse(field_key) else {
                let known: Vec<_> = Field::ALL.iter().map(|f| f.key()).collect();
                problems.push(ImportProblem::file(format!(
                    "--map {field_key}={header}: \"{field_key}\" is not a field (fields: {})",
                    known.join(", ")
                )));
                continue;
            };
            match position(header) {
                Some(_) if ignored.iter().any(|i| i.trim().eq_ignore_ascii_case(header.trim())) => {
                    problems.push(ImportProblem::file(format!(
                        "--map {field_key}={header}: that column is also in --ignore"
                    )));
                }
                Some(index) => {
                    columns.insert(field, index);
                    overridden.push(index);
                }
                None => problems.push(ImportProblem::file(format!(
                    "--map {field_key}={header}: the file has no column \"{header}\" (columns: {})",
                    headers.join(", ")
                ))),
            }
        }
        let manager_chosen = columns.keys().any(|field| field.is_manager());
        for (index, header) in headers.iter().enumerate() {
            if overridden.contains(&index) {
                continue;
            }
            let normalised = normalise_header(header);
            let taken = |f: &Field| columns.contains_key(f) || (manager_chosen && f.is_manager());
            let field = Field::ALL.into_iter().find(|f| !taken(f) && f.aliases().contains(&normalised.as_str()));
            if let Some(field) = field {
                columns.insert(field, index);
            }
        }
        let map = Self { headers: headers.to_vec(), columns, manager_chosen };
        let has_name = map.has(Field::Name) || (map.has(Field::FirstName) && map.has(Field::LastName));
        if !has_name {
            problems.push(ImportProblem::file(format!(
                "no column holds the name (columns: {}); name one with --map name=COLUMN, \
                 or --map first_name=COLUMN and --map last_name=COLUMN",
                headers.join(", ")
            )));
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// Whether some column fills `field`.
    pub fn has(&self, field: Field) -> bool {
        self.columns.contains_key(&field)
    }

    /// The index of the column filling `field`.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    /// The header of the column filling `field`, as written in the file.
    pub fn header(&self, field: Field) -> Option<&str> {
        self.index(field).and_then(|i| self.headers.get(i)).map(String::as_str)
    }

    /// The column that references managers, most specific first.
    pub fn manager_field(&self) -> Option<Field> {
        [Field::ManagerEmployeeId, Field::ManagerEmail, Field::ManagerName, Field::Manager]
            .into_iter()
            .find(|f| self.has(*f))
    }

    /// Every manager column found, most specific first, when none was named explicitly.
    pub fn detected_manager_fields(&self) -> Vec<Field> {
        match self.manager_chosen {
            true => Vec::new(),
            false => [Field::ManagerEmployeeId, Field::ManagerEmail, Field::ManagerName, Field::Manager]
                .into_iter()
                .filter(|f| self.has(*f))
                .collect(),
        }
    }

    /// Reads managers from `field` only, leaving the other manager columns out.
    pub fn keep_manager(&mut self, field: Field) {
        self.columns.retain(|f, _| !f.is_manager() || *f == field);
    }

    /// `(field, header)` for every mapped field, for showing the mapping in a preview.
    pub fn describe(&self) -> Vec<(Field, String)> {
        Field::ALL.into_iter().filter_map(|f| self.header(f).map(|h| (f, h.to_string()))).collect()
    }

    /// How many columns the header has.
    pub fn width(&self) -> usize {
        self.headers.len()
    }
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;
