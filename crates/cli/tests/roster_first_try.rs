//! A real-looking HRIS export imports on the first try, on both engines: one dry run, which
//! says how the file was read and the one thing to decide, then one import; importing it again
//! changes nothing. The fixture (`fixtures/hris-export-cp1252.csv`, made up for this test) is
//! what spreadsheets in much of Europe save: semicolons, Windows-1252 text, "Last, First"
//! names, day-first dates, HR status words, a `ManagerID` of a numbering of its own beside a
//! `ManagerName`, and a chief executive reporting to "Board of Directors".
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};
use trellis_testkit::both_engines;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hris-export-cp1252.csv");

fn import(db_url: &str, extra: &[&str]) -> (bool, String) {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["roster", "import", "--database-url", db_url, FIXTURE])
        .args(extra)
        .env_remove("TRELLIS_DATABASE_URL")
        .output()
        .expect("the trellis binary runs");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

both_engines! {
    async fn an_hris_export_needs_one_dry_run_and_one_import(db) {
        let (ok, said) = import(&db.url, &["--dry-run"]);
        assert!(!ok, "{said}");
        for reading in [
            "The text was read as Windows-1252.",
            "Values are separated by semicolons.",
            "Managers were read from “ManagerName”",
            "Dates like 7/5/2011 were read day first",
            "Names were read as “Last, First”",
        ] {
            assert!(said.contains(reading), "{reading} in {said}");
        }
        let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "one thing to decide: {said}");
        assert!(errors[0].contains("\"Board of Directors\": Åsa Lindqvist (row 2) names them as manager"), "{}", errors[0]);
        assert!(errors[0].contains("--top-value \"Board of Directors\""), "{}", errors[0]);

        let (ok, said) = import(&db.url, &["--top-value", "Board of Directors"]);
        assert!(ok, "{said}");
        assert!(said.contains("imported: 40 new, 0 changed, 0 unchanged, 39 manager changes; 0 errors"), "{said}");
        let filter = trellis_store::PeopleFilter { page: 1, per_page: 100, ..Default::default() };
        let people = db.store.list_people(&filter).await.unwrap();
        let names: Vec<&str> = people.people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"José Müller") && !names.iter().any(|n| n.contains(',')), "display names: {names:?}");

        let (ok, said) = import(&db.url, &["--top-value", "Board of Directors"]);
        assert!(ok && said.contains("imported: 0 new, 0 changed, 40 unchanged, 0 manager changes"), "again: {said}");
    }
}
