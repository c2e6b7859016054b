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
        let map = Self { headers: headers.to_vec(), columns };
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
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_oracle_hr_export_headers_are_recognised() {
        let map = ColumnMap::detect(
            &headers(&[
                "employee_id",
                "first_name",
                "last_name",
                "email",
                "phone_number",
                "hire_date",
                "job_id",
                "salary",
                "commission_pct",
                "manager_id",
                "department_id",
            ]),
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(map.header(Field::EmployeeId), Some("employee_id"));
        assert_eq!(map.header(Field::FirstName), Some("first_name"));
        assert_eq!(map.header(Field::StartDate), Some("hire_date"));
        assert_eq!(map.manager_field(), Some(Field::ManagerEmployeeId));
        assert_eq!(map.header(Field::Department), Some("department_id"));
        assert!(!map.has(Field::Name));
    }

    #[test]
    fn headers_match_despite_case_spaces_and_punctuation() {
        let map = ColumnMap::detect(&headers(&[" Full Name ", "E-Mail", "Reports To"]), &[], &[]).unwrap();
        assert_eq!(map.index(Field::Name), Some(0));
        assert_eq!(map.index(Field::Email), Some(1));
        assert_eq!(map.manager_field(), Some(Field::Manager));
    }

    #[test]
    fn an_override_wins_over_detection() {
        let overrides = vec![("name".to_string(), "Employee_Name".to_string())];
        let map = ColumnMap::detect(&headers(&["Name", "Employee_Name"]), &overrides, &[]).unwrap();
        assert_eq!(map.header(Field::Name), Some("Employee_Name"));
    }

    #[test]
    fn naming_the_manager_column_turns_off_the_detected_one_and_ignored_columns_are_left_out() {
        // A separate numbering in ManagerID (not employee ids): the name column must be used.
        let file = headers(&["EmpID", "Employee Name", "ManagerID", "ManagerName", "Status"]);
        let detected = ColumnMap::detect(&file, &[], &[]).unwrap();
        assert_eq!(detected.manager_field(), Some(Field::ManagerEmployeeId));
        let chosen = vec![("manager".to_string(), "ManagerName".to_string())];
        let map = ColumnMap::detect(&file, &chosen, &[]).unwrap();
        assert_eq!((map.manager_field(), map.header(Field::Manager)), (Some(Field::Manager), Some("ManagerName")));
        assert!(!map.has(Field::ManagerEmployeeId));
        let ignoring = ColumnMap::detect(&file, &[], &["managerid".to_string()]).unwrap();
        assert_eq!(ignoring.manager_field(), Some(Field::Manager), "ManagerName is then found as the manager");
        let problems = ColumnMap::detect(&file, &[], &["Boss".to_string()]).unwrap_err();
        assert!(problems[0].to_string().contains("--ignore Boss: the file has no column"), "{problems:?}");
    }

    #[test]
    fn bad_overrides_and_a_missing_name_are_explained() {
        let overrides = vec![("nmae".to_string(), "X".to_string()), ("email".to_string(), "Mail Address".to_string())];
        let problems = ColumnMap::detect(&headers(&["Worker", "Boss"]), &overrides, &[]).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(text[0].contains("\"nmae\" is not a field"), "{text:?}");
        assert!(text[1].contains("no column \"Mail Address\""), "{text:?}");
        assert!(text[2].contains("no column holds the name"), "{text:?}");
    }
}
