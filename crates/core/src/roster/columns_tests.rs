//! Tests of column detection and choice.
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
