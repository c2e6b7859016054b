//! Store scenarios for the roster, each run on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::person::{PersonDraft, PersonInput};
use trellis_store::PeopleFilter;
use trellis_testkit::both_engines;
use trellis_testkit::team::import_team;

fn draft(name: &str, email: &str) -> PersonDraft {
    PersonDraft::parse(&PersonInput { name: name.into(), email: email.into(), ..Default::default() }).unwrap()
}

both_engines! {
    async fn a_person_is_created_read_and_updated(db) {
        let store = &db.store;
        let ana = store.create_person(None, &draft("Ana Ruiz", "Ana@Example.org"), None, "test").await.unwrap();
        assert_eq!(store.person(&ana.id).await.unwrap().name, "Ana Ruiz");
        let found = store.person_by_email("ana@EXAMPLE.org").await.unwrap().unwrap();
        assert_eq!(found.id, ana.id, "e-mail look-ups ignore case");
        let mut changed = draft("Ana Ruiz-Lopez", "ana@example.org");
        changed.title = "Staff Engineer".into();
        let updated = store.update_person(&ana.id, &changed).await.unwrap();
        assert_eq!((updated.name.as_str(), updated.title.as_str()), ("Ana Ruiz-Lopez", "Staff Engineer"));
    }

    async fn a_taken_email_is_refused_naming_its_holder(db) {
        let store = &db.store;
        store.create_person(None, &draft("Ana Ruiz", "ana@example.org"), None, "test").await.unwrap();
        let error = store.create_person(None, &draft("Ann Other", "ANA@example.org"), None, "test").await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "email");
        assert!(error.field_errors()[0].message.contains("Ana Ruiz"));
        assert_eq!(store.count_people().await.unwrap(), 1, "nothing half-written");
    }

    async fn manager_changes_are_kept_as_dated_history(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.change_manager(Some(&team.id("Hana")), &team.id("Cy"), Some(&team.id("Ben")), "admin").await.unwrap();
        let history = store.manager_history(&team.id("Cy")).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].manager.as_ref().unwrap().name, "Ben Ode");
        assert_eq!(history[0].previous.as_ref().unwrap().name, "Ana Ruiz");
        assert_eq!(history[0].changed_by.as_deref(), Some("Hana Kim"));
        assert_eq!(history[1].source, "test");
        assert!(history[1].previous.is_none());
    }

    async fn nobody_can_end_up_managing_themselves(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let error = store.change_manager(None, &team.id("Vic"), Some(&team.id("Cy")), "admin").await.unwrap_err();
        let message = error.field_errors()[0].message.clone();
        assert_eq!(error.field_errors()[0].field, "manager_id");
        assert_eq!(message, "would make a loop of managers: Vic Tran → Cy Lam → Ana Ruiz → Lena Park → Vic Tran");
        let error = store.change_manager(None, &team.id("Ana"), Some(&team.id("Ana")), "admin").await.unwrap_err();
        assert!(error.to_string().contains("nobody can manage themselves"));
        assert_eq!(store.person(&team.id("Vic")).await.unwrap().manager_id, Some(team.id("Cleo")));
    }

    async fn chains_reports_and_roots_follow_the_reporting_lines(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let chain: Vec<String> = store.manager_chain(&team.id("Cy")).await.unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(chain, ["Ana Ruiz", "Lena Park", "Vic Tran", "Cleo Diaz"]);
        let (reports, total) = store.direct_reports(&team.id("Lena"), 1, 1).await.unwrap();
        assert_eq!((reports.len(), total), (1, 2));
        assert_eq!(reports[0].person.name, "Ana Ruiz");
        assert_eq!(reports[0].reports, 1);
        let (roots, _) = store.org_roots(1, 50).await.unwrap();
        assert_eq!(roots.len(), 1);
        assert_eq!(roots[0].reports, 2);
    }

    async fn people_are_listed_by_filter_and_page(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let filter = PeopleFilter { department: Some("Engineering".into()), page: 2, per_page: 2, ..Default::default() };
        let page = store.list_people(&filter).await.unwrap();
        assert_eq!(page.total, 5);
        let names: Vec<&str> = page.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Cy Lam", "Lena Park"]);
        let filter = PeopleFilter { query: Some("RUIZ".into()), page: 1, per_page: 10, ..Default::default() };
        assert_eq!(store.list_people(&filter).await.unwrap().people[0].id, team.id("Ana"));
        let filter = PeopleFilter { manager_id: Some(team.id("Cleo")), page: 1, per_page: 10, ..Default::default() };
        assert_eq!(store.list_people(&filter).await.unwrap().total, 2);
    }

    async fn a_deactivated_person_leaves_the_org_chart(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let hana = team.id("Hana");
        let refused = store.set_person_active(Some(&hana), &hana, false).await.unwrap_err();
        assert!(matches!(refused, trellis_core::Error::Forbidden(_)), "nobody deactivates themselves");
        store.set_person_active(Some(&hana), &team.id("Ben"), false).await.unwrap();
        let (reports, total) = store.direct_reports(&team.id("Lena"), 1, 50).await.unwrap();
        assert_eq!((reports.len(), total), (1, 1));
        let filter = PeopleFilter { active: Some(false), page: 1, per_page: 10, ..Default::default() };
        assert_eq!(store.list_people(&filter).await.unwrap().people[0].name, "Ben Ode");
    }

    async fn a_profile_shows_the_chain_and_only_permitted_viewers_get_the_history(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.change_manager(None, &team.id("Cy"), Some(&team.id("Ben")), "admin").await.unwrap();
        let as_manager = store.profile(&team.actor("Ben"), &team.id("Cy")).await.unwrap();
        assert_eq!(as_manager.person.name, "Cy Lam");
        let chain: Vec<&str> = as_manager.chain.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(chain, ["Ben Ode", "Lena Park", "Vic Tran", "Cleo Diaz"]);
        assert_eq!(as_manager.history.unwrap().len(), 2);
        assert_eq!(as_manager.report_count, 0);
        assert_eq!(store.profile(&team.actor("Ana"), &team.id("Lena")).await.unwrap().report_count, 2);
        let as_former = store.profile(&team.actor("Ana"), &team.id("Cy")).await.unwrap();
        assert!(as_former.relations.has(trellis_core::policy::Relation::FormerManager));
        assert!(as_former.history.is_none(), "a former manager no longer sees the history");
        assert!(store.profile(&team.actor("Hana"), &team.id("Cy")).await.unwrap().history.is_some(), "the people team does");
        assert!(store.profile(&team.actor("Ana"), &trellis_core::ids::PersonId::generate()).await.is_err());
    }

    async fn settings_are_saved_and_read_back(db) {
        let store = &db.store;
        assert_eq!(store.settings().await.unwrap().invitation_days, 7);
        let input = trellis_store::SettingsInput {
            organisation_name: "Acme Ltd".into(),
            invitation_days: "14".into(),
            time_zone: "Asia/Tokyo".into(),
        };
        let settings = trellis_store::Settings::parse(&input).unwrap();
        store.save_settings(&settings).await.unwrap();
        store.save_settings(&settings).await.unwrap();
        assert_eq!(store.settings().await.unwrap(), settings);
    }
}
