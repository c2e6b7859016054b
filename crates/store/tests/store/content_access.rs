//! The access policy end to end: notes in a real organisation, read and written by every kind
//! of relation, with the audit trail. Each scenario runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::policy::Visibility::{Private, Shared, Upward};
use trellis_core::Error;
use trellis_testkit::both_engines;
use trellis_testkit::team::import_team;

both_engines! {
    async fn each_relation_reads_exactly_what_the_policy_allows(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        store.add_note(&team.actor("Ana"), &ana, Private, "my private thoughts").await.unwrap();
        store.add_note(&team.actor("Ana"), &ana, Shared, "for Lena and me").await.unwrap();
        store.add_note(&team.actor("Ana"), &ana, Upward, "goal: lead a project").await.unwrap();
        store.add_note(&team.actor("Lena"), &ana, Private, "Lena's own note about coaching Ana").await.unwrap();

        let read = |who: &'static str| {
            let actor = team.actor(who);
            let ana = ana.clone();
            async move {
                let mut bodies: Vec<String> = store.notes_for(&actor, &ana).await.unwrap().into_iter().map(|n| n.body).collect();
                bodies.sort();
                bodies
            }
        };
        assert_eq!(read("Ana").await, ["for Lena and me", "goal: lead a project", "my private thoughts"]);
        assert_eq!(read("Lena").await, ["Lena's own note about coaching Ana", "for Lena and me", "goal: lead a project"]);
        assert_eq!(read("Vic").await, ["goal: lead a project"], "skip level sees only what was shared upward");
        assert_eq!(read("Cleo").await, ["goal: lead a project"]);
        assert!(read("Ben").await.is_empty(), "a peer reads nothing");
        assert!(read("Cy").await.is_empty(), "a direct report reads nothing");
        assert!(read("Hana").await.is_empty(), "the people team reads nothing");
    }

    async fn a_former_manager_loses_access_even_to_their_own_notes(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        store.add_note(&team.actor("Ana"), &ana, Shared, "shared with Lena").await.unwrap();
        store.add_note(&team.actor("Lena"), &ana, Private, "Lena's note").await.unwrap();
        store.change_manager(None, &ana, Some(&team.id("Vic")), "admin").await.unwrap();
        assert!(store.notes_for(&team.actor("Lena"), &ana).await.unwrap().is_empty());
        assert!(store.notes_for(&team.actor("Vic"), &ana).await.unwrap().is_empty(), "nothing until Ana decides");
        crate::hand_over(store, &team, "Ana", trellis_core::handoff::Carried::Everything).await;
        let vic_sees: Vec<String> = store.notes_for(&team.actor("Vic"), &ana).await.unwrap().into_iter().map(|n| n.body).collect();
        assert_eq!(vic_sees, ["shared with Lena"], "the new manager sees shared items, never the old manager's private notes");
    }

    async fn only_the_person_and_their_manager_write_in_the_space(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        assert!(store.add_note(&team.actor("Lena"), &ana, Shared, "agreed next steps").await.is_ok());
        let error = store.add_note(&team.actor("Lena"), &ana, Upward, "x").await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "visibility");
        for outsider in ["Vic", "Ben", "Hana", "Cy"] {
            let error = store.add_note(&team.actor(outsider), &ana, Shared, "x").await.unwrap_err();
            assert!(matches!(error, Error::Forbidden(_)), "{outsider}");
        }
        let note = store.add_note(&team.actor("Ana"), &ana, Private, "mine").await.unwrap();
        assert!(matches!(store.delete_note(&team.actor("Lena"), &note.id).await, Err(Error::NotFound(_))));
        store.delete_note(&team.actor("Ana"), &note.id).await.unwrap();
    }

    async fn every_access_by_someone_else_lands_in_the_persons_audit_trail(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        store.add_note(&team.actor("Ana"), &ana, Upward, "goal").await.unwrap();
        store.notes_for(&team.actor("Ana"), &ana).await.unwrap();
        assert!(store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap().is_empty(), "own reads are not audited");
        store.add_note(&team.actor("Lena"), &ana, Shared, "from Lena").await.unwrap();
        store.notes_for(&team.actor("Vic"), &ana).await.unwrap();
        store.notes_for(&team.actor("Hana"), &ana).await.unwrap();
        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        let entries: Vec<(String, String)> = trail.iter().map(|e| (e.actor_name.clone(), e.action.clone())).collect();
        assert!(entries.contains(&("Lena Park".into(), "write".into())), "{entries:?}");
        assert!(entries.contains(&("Vic Tran".into(), "read".into())), "{entries:?}");
        assert!(!entries.iter().any(|(who, _)| who == "Hana Kim"), "nothing was read, so nothing is recorded");
        for other in ["Lena", "Hana", "Vic"] {
            assert!(matches!(store.audit_trail(&team.actor(other), &ana, 1).await, Err(Error::Forbidden(_))), "{other}");
        }
    }

    async fn an_admin_who_manages_someone_reads_only_as_their_manager(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let lena_as_admin = trellis_store::Actor { is_admin: true, ..team.actor("Lena") };
        let ana = team.id("Ana");
        store.add_note(&team.actor("Ana"), &ana, Private, "private").await.unwrap();
        store.add_note(&team.actor("Ana"), &ana, Shared, "shared").await.unwrap();
        let bodies: Vec<String> = store.notes_for(&lena_as_admin, &ana).await.unwrap().into_iter().map(|n| n.body).collect();
        assert_eq!(bodies, ["shared"]);
        assert!(store.notes_for(&lena_as_admin, &team.id("Ben")).await.unwrap().is_empty());
    }
}
