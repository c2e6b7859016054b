//! Tests of reading import files: encodings, line endings, quoting and bad cells.

use super::*;
use crate::roster::{NameOrder, TextEncoding};

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
    assert_eq!(parsed.rows.len(), 2, "rows are read as far as they go, so their managers are checked too");
}

#[test]
fn extra_values_are_refused_and_text_that_is_not_utf8_is_read_as_windows_1252() {
    let bytes = b"name,email\nAna,ana@x.org,surplus\nB\xe9a,bea@x.org\nCy,cy@x.org,\n".to_vec();
    let parsed = parse_roster(&bytes, &ParseOptions::default()).unwrap();
    let problems: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("row 2: has 3 values but the header has 2"), "{problems:?}");
    assert_eq!(
        parsed.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["Béa", "Cy"],
        "a trailing empty value is tolerated"
    );
    let strict = ParseOptions { encoding: Some(TextEncoding::Utf8), ..Default::default() };
    let refused = parse_roster(&bytes, &strict).unwrap_err();
    assert!(refused[0].to_string().starts_with("row 3: is not UTF-8 text"), "{refused:?}");
}

#[test]
fn a_real_hris_export_reads_on_the_first_try() {
    // Semicolons, Windows-1252, "Last, First" names, day-first dates shown by one row, status
    // words, a manager column of names and a separate manager numbering to leave out.
    let text = "EmpID;Employee Name;ManagerID;ManagerName;Hire Date;Status\n\
                E1;Quist, Mara;;;3/2/2015;Active\n\
                E2;Müller, José;M7;Quist, Mara;23/5/2019;Leave of Absence\n\
                E3;Ode, Ben;M8;Müller, José;7/5/2011;Voluntarily Terminated\n";
    let bytes = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
    let parsed = parse_roster(&bytes, &ParseOptions::default()).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        parsed.reading,
        [
            "The text was read as Windows-1252.",
            "Values are separated by semicolons.",
            "Managers were read from “ManagerName”: 100% of its values are people in the file, against 0% of “ManagerID”, which was left out (name the column with --map manager=COLUMN if that is wrong).",
            "Dates like 7/5/2011 were read day first, as the file's own dates show.",
            "Names were read as “Last, First”, since every name has one comma: “Park, Lena” is Lena Park.",
        ]
    );
    let rows: Vec<(&str, Option<&str>, String, bool)> = parsed
        .rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.manager.as_ref().map(|m| m.value.as_str()),
                r.start_date.map(|d| d.to_string()).unwrap_or_default(),
                r.active,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Mara Quist", None, "2015-02-03".to_string(), true),
            ("José Müller", Some("Mara Quist"), "2019-05-23".to_string(), true),
            ("Ben Ode", Some("José Müller"), "2011-05-07".to_string(), false),
        ]
    );
}

#[test]
fn a_sentinel_at_the_top_means_no_manager() {
    let options = ParseOptions { top_values: vec!["XX".into(), "N/A".into()], ..Default::default() };
    let parsed = parse_roster(b"name,manager\nMara,xx\nBen,Mara\nCy,N/A\n", &options).unwrap();
    let managers: Vec<Option<&str>> =
        parsed.rows.iter().map(|r| r.manager.as_ref().map(|m| m.value.as_str())).collect();
    assert_eq!(managers, [None, Some("Mara"), None]);
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
            let as_written = ParseOptions { name_order: Some(NameOrder::FirstLast), ..Default::default() };
            let parsed = parse_roster(format!("name\n{quoted}\n").as_bytes(), &as_written).unwrap();
            let expected = name.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&parsed.rows[0].name, &expected);
        }
    }
}
