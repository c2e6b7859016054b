//! Store scenarios for roster import, each run on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_store::ImportRequest;
use trellis_testkit::team::{import_team, TEAM_CSV};
use trellis_testkit::{both_engines, testdata};

fn request(text: &str) -> ImportRequest {
    ImportRequest { bytes: text.as_bytes().to_vec(), ..Default::default() }
}

fn oracle_request() -> ImportRequest {
    ImportRequest {
        bytes: std::fs::read(testdata("oracle-hr-schema/employees.csv")).unwrap(),
        options: ParseOptions { email_domain: Some("example.com".into()), ..Default::default() },
        ..Default::default()
    }
}

both_engines! {
    async fn the_oracle_hr_sample_imports_with_its_four_levels(db) {
        let store = &db.store;
        let outcome = store.import_roster(None, &oracle_request(), "test").await.unwrap();
        assert!(outcome.applied, "{:?}", outcome.errors);
        assert_eq!((outcome.created, outcome.manager_changes), (107, 106));
        assert_eq!(store.count_people().await.unwrap(), 107);
        let king = store.person_by_email("sking@example.com").await.unwrap().unwrap();
        assert_eq!(king.name, "Steven King");
        assert_eq!(king.start_date.as_deref(), Some("2013-06-17"));
        let (reports, total) = store.direct_reports(&king.id, 1, 100).await.unwrap();
        assert_eq!((reports.len(), total), (14, 14));
    }

    async fn importing_the_same_file_twice_changes_nothing(db) {
        let store = &db.store;
        store.import_roster(None, &oracle_request(), "test").await.unwrap();
        let again = store.import_roster(None, &oracle_request(), "test").await.unwrap();
        assert!(again.applied);
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 107));
        assert_eq!(store.count_people().await.unwrap(), 107);
    }

    async fn a_changed_file_updates_exactly_the_changed_people(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let changed = TEAM_CSV
            .replace("Cy Lam,cy@acme.test,E6,E4,Apprentice", "Cy Lam,cy@acme.test,E6,E5,Engineer")
            .replace("Ben Ode,ben@acme.test,E5,E3,Engineer,Engineering", "Ben Ode,ben@acme.test,E5,E3,Senior Engineer,Engineering");
        let outcome = store.import_roster(None, &request(&changed), "import").await.unwrap();
        assert_eq!((outcome.created, outcome.updated, outcome.unchanged, outcome.manager_changes), (0, 2, 5, 1));
        let cy = store.person(&team.id("Cy")).await.unwrap();
        assert_eq!((cy.title.as_str(), cy.manager_id), ("Engineer", Some(team.id("Ben"))));
        let history = store.manager_history(&team.id("Cy")).await.unwrap();
        assert_eq!(history[0].previous.as_ref().unwrap().name, "Ana Ruiz");
        assert_eq!(history[0].source, "import");
    }

    async fn a_dry_run_reports_without_writing(db) {
        let store = &db.store;
        let mut dry = oracle_request();
        dry.dry_run = true;
        let outcome = store.import_roster(None, &dry, "test").await.unwrap();
        assert!(!outcome.applied && outcome.errors.is_empty());
        assert_eq!(outcome.created, 107);
        assert_eq!(store.count_people().await.unwrap(), 0);
    }

    async fn a_file_with_any_error_imports_nothing(db) {
        let store = &db.store;
        let text = "name,email,manager\nAna Ruiz,ana@x.org,\nBen Ode,ben@x.org,Nobody Known\nCy Lam,cy@x.org,Ana Ruiz\n";
        let outcome = store.import_roster(None, &request(text), "test").await.unwrap();
        assert!(!outcome.applied);
        assert_eq!(outcome.errors.len(), 1);
        assert!(outcome.errors[0].to_string().starts_with("row 3, column \"manager\": no one in the file or the roster has e-mail, employee id or name \"Nobody Known\": Ben Ode (row 3) names them as manager."), "{}", outcome.errors[0]);
        assert_eq!(store.count_people().await.unwrap(), 0);
    }

    async fn unknown_managers_can_be_skipped_with_warnings(db) {
        let store = &db.store;
        let text = "name,email,manager\nAna Ruiz,ana@x.org,\nBen Ode,ben@x.org,Nobody Known\n";
        let mut skip = request(text);
        skip.unknown_manager = UnknownManager::Skip;
        let outcome = store.import_roster(None, &skip, "test").await.unwrap();
        assert!(outcome.applied);
        assert_eq!(outcome.warnings.len(), 1);
        assert_eq!(outcome.warnings[0].row, Some(3));
        assert_eq!(store.count_people().await.unwrap(), 2);
    }

    async fn imports_are_checked_against_people_already_in_the_roster(db) {
        let store = &db.store;
        import_team(store).await;
        let text = "name,email,manager\nNew Person,new@acme.test,lena@acme.test\nLena Park,lena@acme.test,cy@acme.test\n";
        let outcome = store.import_roster(None, &request(text), "test").await.unwrap();
        assert!(!outcome.applied);
        assert!(outcome.errors[0].message.contains("form a loop"), "{:?}", outcome.errors);
        assert_eq!(store.count_people().await.unwrap(), 7);
    }

    async fn an_upload_is_kept_between_preview_and_confirmation(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let draft = trellis_store::ImportDraft {
            id: String::new(),
            file_name: "people.csv".into(),
            bytes: b"name\nZoe Quinn\n".to_vec(),
            options: ParseOptions { overrides: vec![("name".into(), "name".into())], email_domain: Some("acme.test".into()), ..Default::default() },
            unknown_manager: UnknownManager::Skip,
            confirm_renames: false,
        };
        let id = store.save_import_draft(&team.id("Hana"), &draft).await.unwrap();
        let back = store.import_draft(&team.id("Hana"), &id).await.unwrap();
        assert_eq!((back.bytes, back.unknown_manager, back.options.email_domain), (draft.bytes, UnknownManager::Skip, draft.options.email_domain));
        assert!(store.import_draft(&team.id("Ana"), &id).await.is_err(), "only its uploader can use it");
        store.delete_import_draft(&id).await.unwrap();
        assert!(store.import_draft(&team.id("Hana"), &id).await.is_err());
    }
}
