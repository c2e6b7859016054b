//! Store scenarios for a change of manager with the person's consent: the new manager sees
//! nothing from before until the person decides, then exactly what they let travel, for every
//! kind of content; open conversations travel with conversations or are cancelled; the old
//! manager's private notes never travel; every decision is in the trail. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::hand_over;
use trellis_core::artefact::Kind;
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::State;
use trellis_core::handoff::{Carried, Topic};
use trellis_core::policy::Visibility::{Private, Shared};
use trellis_core::Error;
use trellis_store::{DocumentSave, NewArtefact, SaveOutcome, Store};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::team::{import_team, Team};

/// What `who` reads of Ana's space: her notes, her plan by kind, her conversations and their
/// documents, her boundaries.
async fn reads(store: &Store, team: &Team, who: &str) -> Vec<String> {
    let (actor, ana) = (team.actor(who), team.id("Ana"));
    let mut seen: Vec<String> =
        store.notes_for(&actor, &ana).await.unwrap().into_iter().map(|n| format!("note: {}", n.body)).collect();
    for artefact in store.artefacts(&actor, &ana, None).await.unwrap() {
        seen.push(format!("{}: {}", artefact.kind.key(), artefact.fields.values().next().cloned().unwrap_or_default()));
    }
    for conversation in store.conversations_of(&actor, &ana).await.unwrap() {
        seen.push(format!("conversation: {}", conversation.title));
        let view = store.conversation_view(&actor, &conversation.id).await.unwrap();
        for document in store.conversation_documents(&actor, &view.conversation).await.unwrap() {
            seen.push(format!("document: {}", document.body));
        }
    }
    if let Some(boundaries) = store.boundaries(&actor, &ana).await.unwrap() {
        seen.push(format!("boundaries: {}", boundaries.body));
    }
    seen.sort();
    seen
}

/// Ana's space before the change: one shared item of each sort, a private one, Lena's notes.
async fn ana_shares_with_lena(store: &Store, team: &Team) {
    let (ana, lena, ana_id) = (team.actor("Ana"), team.actor("Lena"), team.id("Ana"));
    store.add_note(&ana, &ana_id, Shared, "shared note").await.unwrap();
    store.add_note(&lena, &ana_id, Private, "Lena's private note").await.unwrap();
    for (kind, text) in [(Kind::Goal, "goal"), (Kind::LifeChapter, "chapter")] {
        let new = NewArtefact { kind, fields: valid_fields(kind, text), visibility: Shared, parent: None };
        store.add_artefact(&ana, &ana_id, &new).await.unwrap();
    }
    let id = crate::six_month_for(store, team, "Ana").await;
    let conversation = store.conversation_view(&ana, &id).await.unwrap().conversation;
    for (slot, who, body) in [(Slot::SharedNotes, &lena, "written together"), (Slot::PrivateNotes, &lena, "Lena alone")]
    {
        let save = DocumentSave {
            person: &ana_id,
            conversation: Some(&conversation),
            slot,
            visibility: Private,
            body,
            base_revision: 0,
        };
        assert!(matches!(store.save_document(who, &save).await.unwrap(), SaveOutcome::Saved(_)));
    }
    let boundaries = DocumentSave {
        person: &ana_id,
        conversation: None,
        slot: Slot::Boundaries,
        visibility: Shared,
        body: "my health",
        base_revision: 0,
    };
    store.save_document(&ana, &boundaries).await.unwrap();
}

both_engines! {
    async fn the_new_manager_sees_nothing_from_before_until_the_person_decides_then_what_travels(db) {
        let store = &db.store;
        let team = import_team(store).await;
        ana_shares_with_lena(store, &team).await;
        let everything_lena_saw = reads(store, &team, "Lena").await;
        assert_eq!(everything_lena_saw.len(), 8, "{everything_lena_saw:?}");
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        assert!(reads(store, &team, "Lena").await.is_empty(), "the old manager loses access at once");
        assert!(reads(store, &team, "Ben").await.is_empty(), "pending: the new manager sees nothing from before");
        assert!(store.handoff(&team.id("Ana")).await.unwrap().unwrap().is_pending());

        hand_over(store, &team, "Ana", Carried::Topics(vec![Topic::Plan(Kind::Goal)])).await;
        assert_eq!(reads(store, &team, "Ben").await, ["goals: goal"], "goals only");

        hand_over(store, &team, "Ana", Carried::Topics(vec![Topic::Plan(Kind::Goal), Topic::Notes, Topic::Boundaries])).await;
        assert_eq!(reads(store, &team, "Ben").await, ["boundaries: my health", "goals: goal", "note: shared note"]);

        // What the two of them write from now on is theirs as usual.
        store.add_note(&team.actor("Ben"), &team.id("Ana"), Shared, "Ben's first note").await.unwrap();
        assert!(reads(store, &team, "Ben").await.contains(&"note: Ben's first note".to_string()));

        hand_over(store, &team, "Ana", Carried::Everything).await;
        let ben = reads(store, &team, "Ben").await;
        assert!(ben.contains(&"document: written together".to_string()) && ben.contains(&"chapter".replace("chapter", "life-story: chapter")), "{ben:?}");
        assert!(!ben.iter().any(|r| r.contains("Lena alone") || r.contains("Lena's private")), "the old manager's private notes never travel: {ben:?}");

        hand_over(store, &team, "Ana", Carried::Nothing).await;
        assert_eq!(reads(store, &team, "Ben").await, ["note: Ben's first note"], "she can change her mind");
        let ana = reads(store, &team, "Ana").await;
        assert_eq!(ana.len(), 7, "Ana still reads all of hers (two notes, two plan items, the conversation and its shared notes, her boundaries): {ana:?}");
        assert!(reads(store, &team, "Vic").await.is_empty(), "nor does the hold open anything to the managers above");
    }

    async fn open_conversations_travel_with_conversations_or_are_cancelled(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let open = crate::six_month_for(store, &team, "Ana").await;
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        hand_over(store, &team, "Ana", Carried::Topics(vec![Topic::Conversations])).await;
        let view = store.conversation_view(&team.actor("Ben"), &open).await.unwrap();
        assert_eq!(view.conversation.state, State::Proposed, "handed over, still open");
        hand_over(store, &team, "Ana", Carried::Topics(vec![Topic::Plan(Kind::Goal)])).await;
        let view = store.conversation_view(&team.actor("Ana"), &open).await.unwrap();
        assert_eq!(view.conversation.state, State::Cancelled, "not carried over: cancelled");
    }

    async fn only_the_person_decides_and_every_decision_is_in_the_trail(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        // Deciding is about one's own space: Ben's answer is about his, and leaves Ana's pending.
        store.decide_handoff(&team.actor("Ben"), &Carried::Everything).await.unwrap();
        assert!(store.handoff(&team.id("Ana")).await.unwrap().unwrap().hold.carried == Carried::Pending);
        hand_over(store, &team, "Ana", Carried::Nothing).await;
        store.choose_handoff_plan(&team.actor("Ben"), &team.id("Ana"), "catch-up").await.unwrap();
        for outsider in ["Lena", "Vic", "Hana"] {
            let refused = store.choose_handoff_plan(&team.actor(outsider), &team.id("Ana"), "start-over").await.unwrap_err();
            assert!(matches!(refused, Error::Forbidden(_)), "{outsider}");
        }
        assert_eq!(store.handoff(&team.id("Ana")).await.unwrap().unwrap().plan, "catch-up");
        let trail = store.audit_trail(&team.actor("Ana"), &team.id("Ana"), 1).await.unwrap();
        let decisions: Vec<(&str, &str)> = trail.iter().filter(|e| e.action == "decide").map(|e| (e.actor_name.as_str(), e.item_kind.as_str())).collect();
        assert_eq!(decisions, [("Ben Ode", "plan_catch-up"), ("Ana Ruiz", "handoff_nothing")]);
    }
}
