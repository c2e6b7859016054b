//! Tests of reading import files: encodings, line endings, quoting and bad cells.

use super::*;

fn parse(text: &str) -> ParsedRoster {
    parse_roster(text.as_bytes(), &ParseOptions::default()).unwrap()
}

#[test]
fn a_bom_crlf_quoted_file_with_stray_spaces_reads_cleanly() {
    let text = "\u{feff}Name , Email,Manager\r\n\"Ruiz, Ana\" , ana@example.org ,\r\n\r\n Ben  Ode ,ben@example.org,\"Ruiz,  Ana\" \r\n";
    let parsed = parse(text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[0].name, "Ruiz, Ana");
    assert_eq!(parsed.rows[1].name, "Ben Ode");
    assert_eq!(parsed.rows[1].row, 4, "blank lines keep the numbering of the file");
    let manager = parsed.rows[1].manager.as_ref().unwrap();
    assert_eq!((manager.kind, manager.value.as_str()), (ManagerRefKind::Auto, "Ruiz, Ana"));
}

#[test]
fn rows_are_numbered_by_the_line_they_start_on() {
    let text = "name\r\nAna\r\n\r\n\"Ben\r\nOde\"\r\nCy\r\n";
    let rows: Vec<usize> = parse(text).rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [2, 4, 6]);
}

#[test]
fn first_and_last_name_columns_make_the_name() {
    let parsed = parse("first_name,last_name\nSteven,King\n");
    assert_eq!(parsed.rows[0].name, "Steven King");
}

#[test]
fn user_names_need_an_email_domain() {
    let text = "name,email\nSteven King,SKING\n";
    let parsed = parse(text);
    assert_eq!(parsed.problems.len(), 1);
    let problem = parsed.problems[0].to_string();
    assert!(problem.starts_with("row 2, column \"email\""), "{problem}");
    assert!(problem.contains("--email-domain"), "{problem}");

    let options = ParseOptions { email_domain: Some("example.com".into()), ..Default::default() };
    let parsed = parse_roster(text.as_bytes(), &options).unwrap();
    assert_eq!(parsed.rows[0].email.as_ref().unwrap().as_str(), "SKING@example.com");
}

#[test]
fn every_bad_cell_is_named_by_row_and_column() {
    let text = "name,email,start_date,active\n,a@b.c,2020-01-01,yes\nAna,not-mail,2020-13-01,maybe\n";
    let parsed = parse(text);
    let problems: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].starts_with("row 2, column \"name\": is required"));
    assert!(problems[1].starts_with("row 3, column \"email\""));
    assert!(problems[2].starts_with("row 3, column \"start_date\""));
    assert!(problems[3].starts_with("row 3, column \"active\""));
    assert!(parsed.rows.is_empty());
}

#[test]
fn extra_values_and_non_utf8_rows_are_refused() {
    let mut bytes = b"name,email\nAna,ana@x.org,surplus\nB\xe9a,bea@x.org\nCy,cy@x.org,\n".to_vec();
    bytes.extend_from_slice(b"");
    let parsed = parse_roster(&bytes, &ParseOptions::default()).unwrap();
    let problems: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert!(problems[0].contains("row 2: has 3 values but the header has 2"), "{problems:?}");
    assert!(problems[1].contains("row 3: value 1 is not UTF-8"), "{problems:?}");
    assert_eq!(parsed.rows.len(), 1, "a trailing empty value is tolerated");
}

#[test]
fn an_empty_file_or_a_file_without_names_is_refused_whole() {
    assert!(parse_roster(b"", &ParseOptions::default()).is_err());
    let problems = parse_roster(b"Worker,Boss\nA,B\n", &ParseOptions::default()).unwrap_err();
    assert!(problems[0].message.contains("no column holds the name"));
}

#[test]
fn the_oracle_hr_sample_reads_with_an_email_domain() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata/oracle-hr-schema/employees.csv");
    let bytes = std::fs::read(path).expect("../shared/testdata beside the checkout");
    let options = ParseOptions { email_domain: Some("example.com".into()), ..Default::default() };
    let parsed = parse_roster(&bytes, &options).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.rows.len(), 107);
    let king = &parsed.rows[0];
    assert_eq!(king.name, "Steven King");
    assert_eq!(king.employee_id.as_deref(), Some("100"));
    assert!(king.manager.is_none());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_parse_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_roster(&bytes, &ParseOptions::default());
        }

        #[test]
        fn quoted_names_round_trip(name in "[A-Za-z][A-Za-z ,'\"-]{0,30}[A-Za-z]") {
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            let parsed = parse_roster(format!("name\n{quoted}\n").as_bytes(), &ParseOptions::default()).unwrap();
            let expected = name.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&parsed.rows[0].name, &expected);
        }
    }
}
