//! Tests of import planning: matching, manager resolution, cycles, idempotence.

use super::*;
use crate::roster::parse::parse_roster;
use crate::roster::ParseOptions;

fn plan_text(text: &str, existing: &[PersonRecord], unknown: UnknownManager) -> ImportPlan {
    let parsed = parse_roster(text.as_bytes(), &ParseOptions::default()).unwrap();
    plan_import(&parsed, existing, unknown)
}

/// Applies a plan the way the store does, for checking what a second import would do.
fn apply(plan: &ImportPlan, existing: &[PersonRecord]) -> Vec<PersonRecord> {
    assert!(plan.is_ok(), "{:?}", plan.errors);
    let mut people: Vec<PersonRecord> = existing.to_vec();
    for change in &plan.updates {
        let slot = people.iter_mut().find(|p| p.id == change.record.id).unwrap();
        *slot = change.record.clone();
    }
    people.extend(plan.creates.iter().map(|c| c.record.clone()));
    people
}

fn find<'a>(people: &'a [PersonRecord], name: &str) -> &'a PersonRecord {
    people.iter().find(|p| p.name == name).unwrap()
}

const TEAM: &str = "name,email,manager\n\
    Ben Ode,ben@x.org,Ana Ruiz\n\
    Ana Ruiz,ana@x.org,\n\
    Cy Lam,cy@x.org,ben@x.org\n";

#[test]
fn a_new_team_is_created_managers_first() {
    let plan = plan_text(TEAM, &[], UnknownManager::Error);
    assert!(plan.is_ok(), "{:?}", plan.errors);
    let order: Vec<&str> = plan.creates.iter().map(|c| c.record.name.as_str()).collect();
    assert_eq!(order, ["Ana Ruiz", "Ben Ode", "Cy Lam"]);
    assert_eq!(plan.manager_changes(), 2);
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let people = apply(&plan_text(TEAM, &[], UnknownManager::Error), &[]);
    let again = plan_text(TEAM, &people, UnknownManager::Error);
    assert!(again.creates.is_empty() && again.updates.is_empty(), "{:?}", again.updates);
    assert_eq!(again.unchanged, 3);
}

#[test]
fn a_changed_file_updates_exactly_the_changed_people() {
    let people = apply(&plan_text(TEAM, &[], UnknownManager::Error), &[]);
    let changed = TEAM.replace("Cy Lam,cy@x.org,ben@x.org", "Cy Lam,cy@x.org,Ana Ruiz");
    let plan = plan_text(&changed, &people, UnknownManager::Error);
    assert_eq!(plan.updates.len(), 1);
    let update = &plan.updates[0];
    assert_eq!(update.record.name, "Cy Lam");
    assert_eq!(update.changed_fields, ["manager"]);
    assert_eq!(update.manager_change, Some(Some(find(&people, "Ben Ode").id.clone())));
    assert_eq!(update.record.manager_id, Some(find(&people, "Ana Ruiz").id.clone()));
}

#[test]
fn unknown_managers_are_errors_unless_skipped_with_a_warning() {
    let text = "name,manager\nAna Ruiz,Zed Nobody\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(plan.errors[0].row, Some(2));
    assert_eq!(plan.errors[0].column.as_deref(), Some("manager"));

    let plan = plan_text(text, &[], UnknownManager::Skip);
    assert!(plan.is_ok());
    assert_eq!(plan.warnings.len(), 1);
    assert!(plan.warnings[0].message.contains("imported without a manager"));
    assert_eq!(plan.creates[0].record.manager_id, None);
}

#[test]
fn managers_are_found_by_name_in_any_common_spelling() {
    let text = "name,manager\nJohn Q. Public,\nAna Ruiz,\"Public, John Q\"\nBen Ode,john  public\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    assert!(plan.is_ok(), "{:?}", plan.errors);
    let john = &plan.creates[0].record.id;
    assert!(plan.creates[1..].iter().all(|c| c.record.manager_id.as_ref() == Some(john)));
}

#[test]
fn an_ambiguous_manager_name_is_an_error_never_a_guess() {
    let text = "name,email,manager\nSam Lee,sam1@x.org,\nSam Lee,sam2@x.org,\nAna Ruiz,ana@x.org,Sam Lee\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    let message = plan.errors[0].to_string();
    assert!(message.starts_with("row 4, column \"manager\""), "{message}");
    assert!(message.contains("matches 2 people"), "{message}");
    assert!(message.contains("Sam Lee (row 2)") && message.contains("Sam Lee (row 3)"), "{message}");
}

#[test]
fn a_loop_of_managers_is_refused_naming_everyone_in_it() {
    let text = "name,manager\nAna Ruiz,Cy Lam\nBen Ode,Ana Ruiz\nCy Lam,Ben Ode\nDee Fox,Ana Ruiz\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    let message = &plan.errors[0].message;
    assert!(message.contains("form a loop"), "{message}");
    assert!(message.contains("rows 2, 3, 4"), "{message}");
    assert!(!message.contains("Dee Fox"), "{message}");
}

#[test]
fn a_loop_through_people_already_in_the_roster_is_refused() {
    let people = apply(&plan_text(TEAM, &[], UnknownManager::Error), &[]);
    let plan = plan_text("name,email,manager\nAna Ruiz,ana@x.org,cy@x.org\n", &people, UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    assert!(plan.errors[0].message.contains("Ana Ruiz (row 2) → Cy Lam"), "{}", plan.errors[0]);
}

#[test]
fn nobody_manages_themselves() {
    let plan = plan_text("name,email,manager\nAna Ruiz,ana@x.org,ana@x.org\n", &[], UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1);
    assert!(plan.errors[0].message.contains("cannot be their own manager"));
}

#[test]
fn duplicate_emails_and_employee_ids_name_both_rows() {
    let text = "name,email,employee_id\nA One,a@x.org,1\nB Two,A@X.org,2\nC Three,c@x.org,1\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    let messages: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
    assert!(messages.iter().any(|m| m.starts_with("row 3") && m.contains("also on row 2")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("row 4") && m.contains("also on row 2")), "{messages:?}");
}

#[test]
fn an_email_taken_by_someone_else_in_the_roster_is_a_conflict() {
    let people = apply(&plan_text(TEAM, &[], UnknownManager::Error), &[]);
    let people: Vec<PersonRecord> = people
        .into_iter()
        .map(|mut p| {
            p.employee_id = Some(p.name.replace(' ', "-"));
            p
        })
        .collect();
    // Ben's row, found by his employee id, claims Ana's e-mail.
    let plan = plan_text("name,email,employee_id\nBen Ode,ana@x.org,Ben-Ode\n", &people, UnknownManager::Error);
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    assert!(plan.errors[0].message.contains("belongs to"), "{}", plan.errors[0]);
}

#[test]
fn columns_missing_from_the_file_keep_their_values() {
    let people = apply(&plan_text("name,email,title\nAna Ruiz,ana@x.org,Engineer\n", &[], UnknownManager::Error), &[]);
    let plan = plan_text("name,email\nAna Ruiz,ana@x.org\n", &people, UnknownManager::Error);
    assert_eq!(plan.unchanged, 1, "{:?}", plan.updates);
}

#[test]
fn the_oracle_hr_sample_plans_cleanly() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata/oracle-hr-schema/employees.csv");
    let bytes = std::fs::read(path).expect("../shared/testdata beside the checkout");
    let options = ParseOptions { email_domain: Some("example.com".into()), ..Default::default() };
    let parsed = parse_roster(&bytes, &options).unwrap();
    let plan = plan_import(&parsed, &[], UnknownManager::Error);
    assert!(plan.is_ok(), "{:?}", plan.errors);
    assert_eq!(plan.creates.len(), 107);
    assert_eq!(plan.manager_changes(), 106);
    assert_eq!(plan.creates[0].record.name, "Steven King");
}

#[test]
fn a_manager_nobody_has_is_one_problem_naming_how_many_and_what_to_do_and_bad_rows_are_checked_too() {
    let mut text = String::from("name,manager,start_date\nMara Quist,,\n");
    for i in 0..15 {
        text.push_str(&format!("Person {i},Board of Directors,\n"));
    }
    text.push_str("Broken Date,Nobody Known,31/31/2020\n");
    let plan = plan_text(&text, &[], UnknownManager::Error);
    let problems: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].starts_with("row 3, column \"manager\": no one in the file or the roster has e-mail, employee id or name \"Board of Directors\": 15 people name them as manager (rows 3, 4, 5, 6, 7 and 10 more)"), "{}", problems[0]);
    assert!(
        problems[0].contains("--unknown-manager skip") && problems[0].contains("--top-value \"Board of Directors\""),
        "{}",
        problems[0]
    );
    assert!(problems[1].starts_with("row 18, column \"start_date\""), "{}", problems[1]);
    assert!(
        problems[2].contains("\"Nobody Known\": Broken Date (row 18) names them"),
        "the broken row's manager is checked in the same round: {}",
        problems[2]
    );
    let skipped = plan_text(&text, &[], UnknownManager::Skip);
    assert_eq!(skipped.warnings.len(), 2, "one warning per missing manager: {:?}", skipped.warnings);
}

#[test]
fn a_file_without_ids_imports_again_as_a_no_op_even_with_namesakes() {
    let text = "name,manager,department,title\n\
        Mara Quist,,Board,Chief\n\
        Lena Park,Mara Quist,Sales,Lead\n\
        Ravi Rao,Mara Quist,Support,Lead\n\
        Alex Kim,Lena Park,Sales,Rep\n\
        Alex Kim,Ravi Rao,Support,Agent\n";
    let first = plan_text(text, &[], UnknownManager::Error);
    assert!(first.is_ok(), "{:?}", first.errors);
    let roster = apply(&first, &[]);
    let again = plan_text(text, &roster, UnknownManager::Error);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!((again.creates.len(), again.updates.len(), again.unchanged), (0, 0, 5), "nothing to do");
    // Each Alex Kim is still the one of their own team when the file lists them the other way round.
    let swapped = "name,manager,department,title\n\
        Mara Quist,,Board,Chief\n\
        Lena Park,Mara Quist,Sales,Lead\n\
        Ravi Rao,Mara Quist,Support,Lead\n\
        Alex Kim,Ravi Rao,Support,Agent\n\
        Alex Kim,Lena Park,Sales,Rep\n";
    let reordered = plan_text(swapped, &roster, UnknownManager::Error);
    assert!(
        reordered.errors.is_empty() && reordered.updates.is_empty(),
        "{:?} {:?}",
        reordered.errors,
        reordered.updates
    );
    // Two namesakes the file cannot tell apart are refused, not guessed.
    let twins = "name,department\nSam Lee,Ops\nSam Lee,Ops\n";
    let roster = apply(&plan_text(twins, &[], UnknownManager::Error), &[]);
    let refused = plan_text(twins, &roster, UnknownManager::Error);
    assert!(
        refused.errors[0].to_string().contains("matches 2 people already in the roster equally well"),
        "{:?}",
        refused.errors
    );
}

#[test]
fn a_post_id_shared_by_a_job_share_names_both_people_and_the_way_out() {
    let text = "name,employee_id,email\nAna Ruiz,P12,ana@x.org\nBo Chan,P12,bo@x.org\n";
    let plan = plan_text(text, &[], UnknownManager::Error);
    let message = plan.errors[0].to_string();
    assert!(message.starts_with("row 3: employee id \"P12\" of Bo Chan is also on row 2 (Ana Ruiz)"), "{message}");
    assert!(message.contains("--ignore"), "{message}");
}

#[test]
fn an_import_that_would_rename_more_than_a_few_people_asks_first() {
    let ours = "name,employee_id\nAna Ruiz,1\nBen Ode,2\nCy Lam,3\nDee Moss,4\nEd Park,5\n";
    let roster = apply(&plan_text(ours, &[], UnknownManager::Error), &[]);
    let theirs = "name,employee_id\nZoe Wu,1\nYan Li,2\nXia Ho,3\nWill Fry,4\nEd Park,5\n";
    let mut plan = plan_text(theirs, &roster, UnknownManager::Error);
    plan.guard_renames(false, &roster);
    let message = plan.errors[0].to_string();
    assert!(message.starts_with("this import would rename 4 people, e.g. “Ana Ruiz” → “Zoe Wu” (row 2)"), "{message}");
    assert!(message.contains("--confirm-renames"), "{message}");
    let mut confirmed = plan_text(theirs, &roster, UnknownManager::Error);
    confirmed.guard_renames(true, &roster);
    assert!(confirmed.is_ok());
    let few = "name,employee_id\nAna Ruiz-Diaz,1\nBen Ode,2\nCy Lam,3\nDee Moss,4\nEd Park,5\n";
    let mut one_rename = plan_text(few, &roster, UnknownManager::Error);
    one_rename.guard_renames(false, &roster);
    assert!(one_rename.is_ok(), "a married name is just a change: {:?}", one_rename.errors);
}
