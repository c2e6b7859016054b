//! Store scenarios for the documents of a conversation: notes kept together with stale-save
//! detection, each side's private notes, prep answers the person chooses to share, and the
//! person's boundaries; who reads each and what the audit trail records. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::conversation::document::Slot;
use trellis_core::policy::Visibility::{Private, Shared};
use trellis_core::Error;
use trellis_store::{Conversation, DocumentSave, SaveOutcome, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::{import_team, Team};

/// The six-month conversation Lena proposes to Ana, as Ana reads it.
pub(crate) async fn six_month_with_ana(store: &Store, team: &Team) -> Conversation {
    let id = super::six_month_for(store, team, "Ana").await;
    store.conversation_view(&team.actor("Ana"), &id).await.unwrap().conversation
}

fn save<'a>(conversation: &'a Conversation, slot: Slot, body: &'a str, base_revision: i64) -> DocumentSave<'a> {
    DocumentSave {
        person: &conversation.person_id,
        conversation: Some(conversation),
        slot,
        visibility: Private,
        body,
        base_revision,
    }
}

async fn saved(store: &Store, team: &Team, who: &str, request: &DocumentSave<'_>) -> i64 {
    match store.save_document(&team.actor(who), request).await.unwrap() {
        SaveOutcome::Saved(document) => document.revision,
        SaveOutcome::Stale { theirs } => panic!("unexpected conflict with {:?}", theirs.body),
    }
}

async fn bodies(store: &Store, team: &Team, who: &str, conversation: &Conversation) -> Vec<String> {
    let mut bodies: Vec<String> = store
        .conversation_documents(&team.actor(who), conversation)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.body)
        .collect();
    bodies.sort();
    bodies
}

both_engines! {
    async fn shared_notes_keep_what_one_side_wrote_when_the_other_saves_over_it(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let conversation = six_month_with_ana(store, &team).await;
        saved(store, &team, "Ana", &save(&conversation, Slot::SharedNotes, "Ana: I want to mentor", 0)).await;
        saved(store, &team, "Ana", &save(&conversation, Slot::SharedNotes, "Ana: I want to mentor interns", 1)).await;
        saved(store, &team, "Lena", &save(&conversation, Slot::SharedNotes, "Lena replaced it", 2)).await;
        saved(store, &team, "Lena", &save(&conversation, Slot::SharedNotes, "Lena replaced it again", 3)).await;
        let id = store.conversation_documents(&team.actor("Ana"), &conversation).await.unwrap()[0].id.clone();
        for reader in ["Ana", "Lena"] {
            let (now, earlier) = store.document_history(&team.actor(reader), &conversation, &id).await.unwrap();
            assert_eq!(now.body, "Lena replaced it again");
            let kept: Vec<(&str, &str)> = earlier.iter().map(|r| (r.written_by.as_str(), r.body.as_str())).collect();
            assert_eq!(kept, [("Ana Ruiz", "Ana: I want to mentor interns")], "one version per change of writer: {reader}");
        }
        for outsider in ["Vic", "Hana", "Ben"] {
            let refused = store.document_history(&team.actor(outsider), &conversation, &id).await.unwrap_err();
            assert!(matches!(refused, Error::NotFound(_)), "{outsider}: {refused:?}");
        }
    }

    async fn a_save_from_an_old_revision_is_caught_and_both_versions_kept(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let conversation = six_month_with_ana(store, &team).await;
        let first = saved(store, &team, "Ana", &save(&conversation, Slot::SharedNotes, "Agenda: goals", 0)).await;
        assert_eq!(first, 1);
        // Both open revision 1; Lena saves first.
        let lena = saved(store, &team, "Lena", &save(&conversation, Slot::SharedNotes, "Agenda: goals, mentors", 1)).await;
        assert_eq!(lena, 2);
        let outcome = store.save_document(&team.actor("Ana"), &save(&conversation, Slot::SharedNotes, "Agenda: goals, training", 1)).await.unwrap();
        let SaveOutcome::Stale { theirs } = outcome else { panic!("a stale save went through: {outcome:?}") };
        assert_eq!((theirs.body.as_str(), theirs.revision, theirs.updated_by.as_str()), ("Agenda: goals, mentors", 2, "Lena Park"));
        assert_eq!(bodies(store, &team, "Ana", &conversation).await, ["Agenda: goals, mentors"], "nothing was overwritten");
        // Ana merges both and saves on top of Lena's revision.
        let merged = saved(store, &team, "Ana", &save(&conversation, Slot::SharedNotes, "Agenda: goals, mentors, training", 2)).await;
        assert_eq!(merged, 3);
        // Two first saves at once: the second finds the first.
        let outcome = store.save_document(&team.actor("Lena"), &save(&conversation, Slot::SharedNotes, "new", 0)).await.unwrap();
        assert!(matches!(outcome, SaveOutcome::Stale { .. }));
    }

    async fn each_side_reads_only_what_is_theirs_or_shared(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let conversation = six_month_with_ana(store, &team).await;
        saved(store, &team, "Ana", &save(&conversation, Slot::SharedNotes, "together", 0)).await;
        saved(store, &team, "Ana", &save(&conversation, Slot::PrivateNotes, "Ana's own", 0)).await;
        saved(store, &team, "Lena", &save(&conversation, Slot::PrivateNotes, "Lena's own", 0)).await;
        saved(store, &team, "Ana", &save(&conversation, Slot::Prep("0.0".into()), "prep kept to myself", 0)).await;
        let shared_prep = DocumentSave { visibility: Shared, ..save(&conversation, Slot::Prep("0.1".into()), "prep for Lena", 0) };
        saved(store, &team, "Ana", &shared_prep).await;

        assert_eq!(bodies(store, &team, "Ana", &conversation).await, ["Ana's own", "prep for Lena", "prep kept to myself", "together"]);
        assert_eq!(bodies(store, &team, "Lena", &conversation).await, ["Lena's own", "prep for Lena", "together"]);
        for outsider in ["Vic", "Cleo", "Ben", "Cy", "Hana"] {
            assert!(store.conversation_documents(&team.actor(outsider), &conversation).await.unwrap().is_empty(), "{outsider}");
        }
        // The manager cannot write the person's prep, nor anyone else into the space.
        let error = store.save_document(&team.actor("Lena"), &save(&conversation, Slot::Prep("0.2".into()), "x", 0)).await.unwrap_err();
        assert!(matches!(error, Error::Forbidden(_)));
        let error = store.save_document(&team.actor("Ben"), &save(&conversation, Slot::SharedNotes, "x", 1)).await.unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");
        // A former manager loses everything, their own private notes included.
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        assert!(store.conversation_documents(&team.actor("Lena"), &conversation).await.unwrap().is_empty());
        assert!(bodies(store, &team, "Ben", &conversation).await.is_empty(), "nothing until Ana decides");
        crate::hand_over(store, &team, "Ana", trellis_core::handoff::Carried::Everything).await;
        assert_eq!(bodies(store, &team, "Ben", &conversation).await, ["prep for Lena", "together"]);
    }

    async fn boundaries_are_for_the_current_manager_and_reads_are_audited(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        let boundaries = DocumentSave { person: &ana, conversation: None, slot: Slot::Boundaries, visibility: Private, body: "My health.", base_revision: 0 };
        saved(store, &team, "Ana", &boundaries).await;
        let lena_sees = store.boundaries(&team.actor("Lena"), &ana).await.unwrap().unwrap();
        assert_eq!((lena_sees.body.as_str(), lena_sees.visibility, lena_sees.writable), ("My health.", Shared, false));
        for outsider in ["Vic", "Cleo", "Ben", "Cy", "Hana"] {
            assert!(store.boundaries(&team.actor(outsider), &ana).await.unwrap().is_none(), "{outsider}");
        }
        let error = store.save_document(&team.actor("Lena"), &DocumentSave { base_revision: 1, ..boundaries.clone() }).await.unwrap_err();
        assert!(matches!(error, Error::Forbidden(_)), "only the person sets their boundaries");

        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        assert!(trail.iter().any(|e| e.actor_name == "Lena Park" && e.item_kind == "document" && e.action == "read"));
        assert!(trail.iter().all(|e| e.actor_name == "Lena Park"), "outsiders read nothing, so nothing is recorded for them");
    }

    async fn bad_documents_are_refused_and_store_nothing(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let conversation = six_month_with_ana(store, &team).await;
        let error = store.save_document(&team.actor("Ana"), &save(&conversation, Slot::SharedNotes, "a\0b", 0)).await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "body");
        let long = "é".repeat(50_001);
        assert!(store.save_document(&team.actor("Ana"), &save(&conversation, Slot::SharedNotes, &long, 0)).await.is_err());
        assert!(bodies(store, &team, "Ana", &conversation).await.is_empty());
    }
}
