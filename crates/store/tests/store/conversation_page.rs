//! Store scenarios for the conversation page's one read: the conversation, its documents, the
//! person's boundaries and the goals it reviews come through the access policy item by item,
//! and every read by someone other than the person lands in the person's audit trail.
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::conversation_documents::six_month_with_ana;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::Side;
use trellis_core::ids::PersonId;
use trellis_core::policy::Visibility::{self, Private, Shared};
use trellis_core::Error;
use trellis_store::{Conversation, DocumentSave, NewArtefact, SaveOutcome, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::{import_team, Team};

async fn write(store: &Store, team: &Team, by: &str, save: DocumentSave<'_>) {
    let outcome = store.save_document(&team.actor(by), &save).await.unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved(_)), "{outcome:?}");
}

fn document<'a>(
    person: &'a PersonId,
    conversation: Option<&'a Conversation>,
    slot: Slot,
    visibility: Visibility,
    body: &'a str,
) -> DocumentSave<'a> {
    DocumentSave { person, conversation, slot, visibility, body, base_revision: 0 }
}

async fn goal(store: &Store, team: &Team, text: &str, visibility: Visibility) {
    let fields: Fields = [("goal".to_string(), text.to_string())].into_iter().collect();
    let new = NewArtefact { kind: Kind::Goal, fields, visibility, parent: None };
    store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &new).await.unwrap();
}

both_engines! {
    async fn the_conversation_page_shows_each_side_its_own_and_audits_the_managers_reads(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        let conversation = six_month_with_ana(store, &team).await;
        write(store, &team, "Ana", document(&ana, None, Slot::Boundaries, Private, "My health.")).await;
        write(store, &team, "Ana", document(&ana, Some(&conversation), Slot::Prep("0.0".into()), Private, "kept to myself")).await;
        write(store, &team, "Ana", document(&ana, Some(&conversation), Slot::Prep("0.1".into()), Shared, "for Lena")).await;
        write(store, &team, "Lena", document(&ana, Some(&conversation), Slot::SharedNotes, Shared, "together")).await;
        goal(store, &team, "Give a conference talk", Shared).await;
        goal(store, &team, "Learn Rust", Private).await;

        let lena = store.conversation_page(&team.actor("Lena"), &conversation.id).await.unwrap();
        assert_eq!(lena.view.side, Side::Manager);
        let bodies: Vec<&str> = lena.documents.iter().map(|d| d.body.as_str()).collect();
        assert_eq!(bodies, ["for Lena", "together"], "the manager reads the shared documents only, by key");
        assert_eq!(lena.boundaries.as_ref().map(|b| b.body.as_str()), Some("My health."));
        let (goals, _) = lena.goals.as_ref().expect("the six-month conversation reviews goals");
        assert_eq!(goals.iter().map(|g| g.field("goal")).collect::<Vec<_>>(), ["Give a conference talk"]);

        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        // Items read: the conversation, three documents (one visit counting them), one goal.
        let read = |kind: &str| trail.iter().filter(|e| e.actor_name == "Lena Park" && e.action == "read" && e.item_kind == kind).map(|e| e.item_count).sum::<i64>();
        assert_eq!((read("conversation"), read("document"), read(Kind::Goal.key())), (1, 3, 1), "{trail:?}");
        let before = trail.len();

        let own = store.conversation_page(&team.actor("Ana"), &conversation.id).await.unwrap();
        assert_eq!(own.view.side, Side::Person);
        assert_eq!(own.documents.len(), 3, "the person reads all of theirs and the shared notes");
        assert!(own.boundaries.is_none(), "the person keeps their boundaries on their own page");
        assert_eq!(own.goals.as_ref().map(|(g, _)| g.len()), Some(2));
        assert_eq!(store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap().len(), before, "own reads are not audited");

        for outsider in ["Vic", "Cleo", "Ben", "Cy", "Hana"] {
            let error = store.conversation_page(&team.actor(outsider), &conversation.id).await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{outsider}: {error:?}");
        }
        store.change_manager(None, &ana, Some(&team.id("Ben")), "admin").await.unwrap();
        let error = store.conversation_page(&team.actor("Lena"), &conversation.id).await.unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "a former manager reads none of it");
        assert_eq!(store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap().len(), before, "refused reads record nothing");
    }
}
