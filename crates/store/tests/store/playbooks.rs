//! Store scenarios for playbooks, each run on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::playbook::builtin::FILES;
use trellis_core::Error;
use trellis_testkit::both_engines;
use trellis_testkit::team::import_team;

both_engines! {
    async fn the_built_in_playbooks_are_there_after_migrating_once_each(db) {
        let store = &db.store;
        let playbooks = store.playbooks().await.unwrap();
        assert_eq!(playbooks.len(), FILES.len());
        assert!(playbooks.iter().all(|p| p.builtin && p.version == 1));
        store.migrate().await.unwrap();
        assert_eq!(store.playbook_versions("six-month").await.unwrap(), [1], "migrating again adds nothing");
        let six_month = store.playbook("six-month", None).await.unwrap().playbook().unwrap();
        assert_eq!(six_month.conversations[0].minutes, 60);
    }

    async fn an_edit_adds_a_version_and_keeps_the_old_one(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let original = store.playbook("first-one-on-one", None).await.unwrap();
        let edited = original.source.replace("minutes = 30", "minutes = 45");
        let saved = store.save_playbook(&team.actor("Hana"), &edited, Some("first-one-on-one")).await.unwrap();
        assert_eq!((saved.version, saved.builtin, saved.created_by.as_deref()), (2, false, Some("Hana Kim")));
        assert_eq!(store.playbook("first-one-on-one", Some(1)).await.unwrap().source, original.source);
        assert_eq!(store.playbook("first-one-on-one", None).await.unwrap().playbook().unwrap().conversations[0].minutes, 45);
        store.migrate().await.unwrap();
        assert_eq!(store.playbook_versions("first-one-on-one").await.unwrap(), [2, 1], "an edited built-in is not overwritten");
    }

    async fn an_invalid_playbook_is_refused_with_its_lines_and_nothing_is_saved(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let source = store.playbook("six-month", None).await.unwrap().source.replace("minutes = 60", "minutes = 0");
        let error = store.save_playbook(&team.actor("Hana"), &source, None).await.unwrap_err();
        let messages: Vec<&str> = error.field_errors().iter().map(|e| e.message.as_str()).collect();
        assert!(messages[0].starts_with("line ") && messages[0].contains("conversation[0].minutes"), "{messages:?}");
        assert_eq!(store.playbook_versions("six-month").await.unwrap(), [1]);
        let renamed = store.playbook("six-month", None).await.unwrap().source.replace("key = \"six-month\"\nname", "key = \"other\"\nname");
        let error = store.save_playbook(&team.actor("Hana"), &renamed, Some("six-month")).await.unwrap_err();
        assert!(error.to_string().contains("keep its key"), "{error}");
    }

    async fn only_the_people_team_saves_playbooks(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let source = store.playbook("question-bank", None).await.unwrap().source;
        assert!(matches!(store.save_playbook(&team.actor("Lena"), &source, None).await, Err(Error::Forbidden(_))));
        assert!(matches!(store.playbook("no-such", None).await, Err(Error::NotFound(_))));
    }
}
