//! Store scenarios for deleting a career space: everything the person and their manager wrote
//! in it goes in one transaction, nothing of its text is left anywhere in the database, the
//! trail keeps one line, and only the person (or the people team, once the person has left)
//! may do it. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::conversation::document::Slot;
use trellis_core::policy::Visibility::{Private, Shared};
use trellis_core::Error;
use trellis_store::{DocumentSave, NewArtefact};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::team::import_team;

/// A word that appears nowhere but in what is written into Ana's space.
const MARK: &str = "Zanzibarquux";

both_engines! {
    async fn deleting_a_space_leaves_no_text_of_it_anywhere_and_one_line_in_the_trail(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, lena, ana_id) = (team.actor("Ana"), team.actor("Lena"), team.id("Ana"));
        store.add_note(&ana, &ana_id, Shared, &format!("{MARK} note")).await.unwrap();
        store.add_note(&lena, &ana_id, Private, &format!("{MARK} Lena's private note")).await.unwrap();
        let mut kinds = Vec::new();
        for kind in [Kind::JournalEntry, Kind::LifeChapter, Kind::Goal, Kind::Mentor] {
            let new = NewArtefact { kind, fields: valid_fields(kind, &format!("{MARK} {kind:?}")), visibility: Shared, parent: None };
            kinds.push(store.add_artefact(&ana, &ana_id, &new).await.unwrap());
        }
        let goal = &kinds[2];
        store.update_artefact(&ana, &goal.id, &valid_fields(Kind::Goal, &format!("{MARK} goal, second revision")), Shared, goal.revision).await.unwrap();
        let id = crate::six_month_for(store, &team, "Ana").await;
        let conversation = store.conversation_view(&ana, &id).await.unwrap().conversation;
        for (who, slot, body, base) in [(&ana, Slot::SharedNotes, "first", 0), (&lena, Slot::SharedNotes, "second", 1), (&ana, Slot::Prep("0.0".into()), "prep", 0)] {
            let body = format!("{MARK} {body}");
            let save = DocumentSave { person: &ana_id, conversation: Some(&conversation), slot, visibility: Shared, body: &body, base_revision: base };
            store.save_document(who, &save).await.unwrap();
        }
        store.notes_for(&lena, &ana_id).await.unwrap();
        assert!(!db.places_holding(MARK).await.is_empty(), "the mark is written");

        let contents = store.space_contents(&ana, &ana_id).await.unwrap();
        assert_eq!((contents.notes, contents.documents, contents.conversations, contents.artefacts.len()), (2, 2, 1, 4), "{contents:?}");
        for refused in ["Lena", "Vic", "Hana"] {
            let error = store.delete_space(&team.actor(refused), &ana_id).await.unwrap_err();
            assert!(matches!(error, Error::Forbidden(_)), "{refused}: {error:?}");
        }
        store.delete_space(&ana, &ana_id).await.unwrap();

        assert_eq!(db.places_holding(MARK).await, Vec::<String>::new(), "no text of the space is left");
        assert!(store.space_contents(&ana, &ana_id).await.unwrap().is_empty());
        let trail = store.audit_trail(&ana, &ana_id, 1).await.unwrap();
        let lines: Vec<(&str, &str)> = trail.iter().map(|e| (e.action.as_str(), e.item_kind.as_str())).collect();
        assert_eq!(lines, [("delete", "space")], "the trail keeps only that the space was deleted");
        assert!(store.person(&ana_id).await.unwrap().active, "the person stays in the roster");
    }

    async fn the_people_team_deletes_the_space_of_someone_who_has_left_seeing_only_counts(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (hana, cy) = (team.actor("Hana"), team.id("Cy"));
        store.add_note(&team.actor("Cy"), &cy, Private, &format!("{MARK} Cy's own")).await.unwrap();
        assert!(matches!(store.space_contents(&hana, &cy).await.unwrap_err(), Error::Forbidden(_)), "not while Cy works here");
        store.set_person_active(None, &cy, false).await.unwrap();
        assert_eq!(store.space_contents(&hana, &cy).await.unwrap().notes, 1);
        store.delete_space(&hana, &cy).await.unwrap();
        assert!(db.places_holding(MARK).await.is_empty());
        let trail = store.audit_trail(&team.actor("Cy"), &cy, 1).await.unwrap();
        assert_eq!((trail.len(), trail[0].actor_name.as_str()), (1, "Hana Kim"));
    }
}
