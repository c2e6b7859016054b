//! Store scenarios for conversations: consent, scheduling, readiness, history, and who sees
//! what. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::conversation::{Side, State};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::Error;
use trellis_store::{MoveOutcome, MoveRequest, Proposal, ProposalOutcome, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::{import_team, Team};

const DAY: i64 = 86_400_000;

fn in_days(days: i64) -> Slot {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    Slot { starts_at: now + days * DAY, minutes: 60, time_zone: "Europe/Berlin".into() }
}

fn proposal(person: PersonId, playbook: &str, step: Option<usize>) -> Proposal {
    Proposal {
        person,
        playbook_key: playbook.into(),
        step,
        solo: false,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "UTC".into(),
        rhythm: None,
    }
}

async fn propose(store: &Store, team: &Team, by: &str, proposal: &Proposal) -> ConversationId {
    match store.propose_conversation(&team.actor(by), proposal).await.unwrap() {
        ProposalOutcome::Proposed(id) => id,
        ProposalOutcome::ShortNotice(warning) => panic!("unexpected warning: {warning}"),
    }
}

async fn make(store: &Store, team: &Team, by: &str, id: &ConversationId, request: MoveRequest) -> State {
    match store.move_conversation(&team.actor(by), id, &request).await.unwrap() {
        MoveOutcome::Moved(state) => state,
        MoveOutcome::ShortNotice(warning) => panic!("unexpected warning: {warning}"),
    }
}

both_engines! {
    async fn a_series_is_proposed_accepted_with_the_life_story_skipped(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let first = propose(store, &team, "Lena", &proposal(team.id("Ana"), "three-conversations", None)).await;
        let view = store.conversation_view(&team.actor("Ana"), &first).await.unwrap();
        assert_eq!(view.series.len(), 3);
        assert!(view.series[0].optional, "the life story may be skipped");
        assert_eq!(view.moves, [Move::Accept, Move::Decline, Move::Skip]);
        let error = store.move_conversation(&team.actor("Lena"), &first, &MoveRequest::plain(Move::Accept)).await.unwrap_err();
        assert!(matches!(error, Error::Conflict(_)), "the proposer cannot accept their own proposal");

        let skip_life_story = MoveRequest { skip: vec![first.clone()], ..MoveRequest::plain(Move::Accept) };
        make(store, &team, "Ana", &view.series[1].id, skip_life_story).await;
        let states: Vec<State> = store.conversation_view(&team.actor("Lena"), &first).await.unwrap()
            .series.iter().map(|c| c.state).collect();
        assert_eq!(states, [State::Skipped, State::Accepted, State::Accepted]);
    }

    async fn declining_is_an_ordinary_outcome_that_closes_every_step(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let first = propose(store, &team, "Lena", &proposal(team.id("Ana"), "three-conversations", None)).await;
        assert_eq!(make(store, &team, "Ana", &first, MoveRequest::plain(Move::Decline)).await, State::Declined);
        let view = store.conversation_view(&team.actor("Lena"), &first).await.unwrap();
        assert!(view.series.iter().all(|c| c.state == State::Declined));
        assert!(view.moves.is_empty());
        assert!(store.open_conversations_for(&team.actor("Lena")).await.unwrap().is_empty());
        let history = &view.history;
        assert_eq!(history.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["propose", "decline"]);
    }

    async fn scheduling_warns_inside_the_lead_time_and_not_ready_proposes_a_new_date(db) {
        let store = &db.store;
        let team = import_team(store).await;
        // The person starts it and invites their manager.
        let id = propose(store, &team, "Ana", &proposal(team.id("Ana"), "six-month", None)).await;
        assert_eq!(make(store, &team, "Lena", &id, MoveRequest::plain(Move::Accept)).await, State::Accepted);

        let soon = MoveRequest::with_slot(Move::Schedule, in_days(3));
        let outcome = store.move_conversation(&team.actor("Lena"), &id, &soon).await.unwrap();
        assert!(matches!(&outcome, MoveOutcome::ShortNotice(w) if w.contains("14 days")), "{outcome:?}");
        let view = store.conversation_view(&team.actor("Lena"), &id).await.unwrap();
        assert_eq!(view.conversation.state, State::Accepted, "a warning stores nothing");
        let confirmed = MoveRequest { short_notice_confirmed: true, ..soon };
        assert_eq!(make(store, &team, "Lena", &id, confirmed).await, State::Scheduled);

        let later = in_days(20);
        let not_ready = MoveRequest::with_slot(Move::NotReady, later.clone());
        assert_eq!(make(store, &team, "Ana", &id, not_ready).await, State::Rescheduled);
        let view = store.conversation_view(&team.actor("Lena"), &id).await.unwrap();
        assert_eq!((view.conversation.time_proposed_by, view.conversation.proposed_starts_at), (Some(Side::Person), Some(later.starts_at)));
        assert!(view.moves.contains(&Move::ConfirmTime));
        assert_eq!(make(store, &team, "Lena", &id, MoveRequest::plain(Move::ConfirmTime)).await, State::Scheduled);
        assert_eq!(make(store, &team, "Ana", &id, MoveRequest::plain(Move::Ready)).await, State::Scheduled);
        let early = store.move_conversation(&team.actor("Lena"), &id, &MoveRequest::plain(Move::Hold)).await.unwrap_err();
        assert!(matches!(&early, Error::Conflict(m) if m.contains("has not happened yet")), "20 days early: {early:?}");
        // Twenty days later, it has happened.
        db.execute(&format!("UPDATE conversations SET starts_at = starts_at - {} WHERE id = '{id}'", 20 * DAY)).await;
        assert_eq!(make(store, &team, "Lena", &id, MoveRequest::plain(Move::Hold)).await, State::Held);
        assert_eq!(make(store, &team, "Ana", &id, MoveRequest::plain(Move::FollowUp)).await, State::FollowedUp);

        let view = store.conversation_view(&team.actor("Ana"), &id).await.unwrap();
        assert_eq!(view.conversation.starts_at, Some(later.starts_at - 20 * DAY));
        let actions: Vec<&str> = view.history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["propose", "accept", "schedule", "not_ready", "confirm_time", "ready", "hold", "follow_up"]);
    }

    async fn a_conversation_held_alone_is_the_persons_only(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let alone = Proposal { solo: true, ..proposal(team.id("Ana"), "first-one-on-one", Some(0)) };
        let id = propose(store, &team, "Ana", &alone).await;
        let view = store.conversation_view(&team.actor("Ana"), &id).await.unwrap();
        assert_eq!(view.conversation.state, State::Accepted);
        assert!(view.moves.contains(&Move::Hold));
        for outsider in ["Lena", "Vic", "Ben", "Hana", "Cy"] {
            let error = store.conversation_view(&team.actor(outsider), &id).await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{outsider}");
            assert!(store.conversations_of(&team.actor(outsider), &team.id("Ana")).await.unwrap().is_empty());
        }
        let error = store.propose_conversation(&team.actor("Lena"), &alone).await.unwrap_err();
        assert!(matches!(error, Error::Forbidden(_)), "a manager cannot start a conversation alone for someone");
    }

    async fn only_the_person_and_the_current_manager_propose_or_see_a_conversation(db) {
        let store = &db.store;
        let team = import_team(store).await;
        for outsider in ["Vic", "Ben", "Hana", "Cy", "Cleo"] {
            let error = store.propose_conversation(&team.actor(outsider), &proposal(team.id("Ana"), "six-month", None)).await.unwrap_err();
            assert!(matches!(error, Error::Forbidden(_)), "{outsider}");
        }
        let id = propose(store, &team, "Lena", &proposal(team.id("Ana"), "six-month", None)).await;
        for outsider in ["Vic", "Ben", "Hana", "Cy", "Cleo"] {
            assert!(store.conversation_view(&team.actor(outsider), &id).await.is_err(), "{outsider}");
            let error = store.move_conversation(&team.actor(outsider), &id, &MoveRequest::plain(Move::Cancel)).await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{outsider}");
        }
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        assert!(store.conversation_view(&team.actor("Lena"), &id).await.is_err(), "a former manager loses the conversation");
        assert!(store.conversation_view(&team.actor("Ben"), &id).await.is_err(), "not before Ana decides");
        crate::hand_over(store, &team, "Ana", trellis_core::handoff::Carried::Topics(vec![trellis_core::handoff::Topic::Conversations])).await;
        assert!(store.conversation_view(&team.actor("Ben"), &id).await.is_ok(), "the new manager takes it over with Ana's consent");
    }

    async fn a_proposal_outside_the_playbook_is_refused_with_the_field_named(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let error = store.propose_conversation(&team.actor("Lena"), &proposal(team.id("Ana"), "six-month", Some(7))).await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "step");
        let error = store.propose_conversation(&team.actor("Lena"), &proposal(team.id("Ana"), "no-such-playbook", None)).await.unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");
        let error = store.move_conversation(&team.actor("Lena"), &ConversationId::generate(), &MoveRequest::plain(Move::Cancel)).await.unwrap_err();
        assert!(matches!(error, Error::NotFound(_)));
        let id = propose(store, &team, "Lena", &proposal(team.id("Ana"), "six-month", None)).await;
        make(store, &team, "Ana", &id, MoveRequest::plain(Move::Accept)).await;
        let error = store.move_conversation(&team.actor("Lena"), &id, &MoveRequest::plain(Move::Schedule)).await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "date");
    }
}
