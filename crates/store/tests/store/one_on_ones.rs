//! Store scenarios for recurring one-on-ones: the pair agrees a rhythm once and each held
//! meeting books the next; both sides build the agenda and remove only their own items; the
//! check-in goes on the agenda and, once recorded, is what follow-through counts; a goal
//! reviewed there keeps the review in its history; a quick note lands in the person's space;
//! nobody else reads any of it; either side stops the rhythm. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::conversation::State;
use trellis_core::follow_through::{NextStep, Status};
use trellis_core::ids::ConversationId;
use trellis_core::one_on_one::{AgendaKind, Rhythm};
use trellis_core::policy::Visibility::{Private, Shared};
use trellis_core::Error;
use trellis_store::{MoveRequest, NewArtefact, Proposal, ProposalOutcome, Store};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::team::{import_team, Team};

/// Lena proposes weekly one-on-ones with Ana, the first a minute ago; Ana accepts.
async fn weekly_with_ana(store: &Store, team: &Team) -> ConversationId {
    let starts_at = jiff::Timestamp::now().as_millisecond() - 60_000;
    let proposal = Proposal {
        person: team.id("Ana"),
        playbook_key: "one-on-one".into(),
        step: None,
        solo: false,
        slot: Some(Slot { starts_at, minutes: 30, time_zone: "Europe/Berlin".into() }),
        short_notice_confirmed: true,
        default_time_zone: "UTC".into(),
        rhythm: Some(Rhythm::Weekly),
    };
    let ProposalOutcome::Proposed(id) = store.propose_conversation(&team.actor("Lena"), &proposal).await.unwrap()
    else {
        panic!("no lead time for a one-on-one")
    };
    store.move_conversation(&team.actor("Ana"), &id, &MoveRequest::plain(Move::Accept)).await.unwrap();
    id
}

async fn follow_through_for_lena(store: &Store, team: &Team) -> Vec<trellis_core::follow_through::Item> {
    let playbooks = store.current_playbooks().await.unwrap();
    store.follow_through_of(&team.actor("Lena"), &team.id("Ana"), &playbooks, "UTC").await.unwrap().items
}

both_engines! {
    async fn a_held_one_on_one_books_the_next_at_the_same_local_time_until_stopped(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let first = weekly_with_ana(store, &team).await;
        let meeting = store.conversation_view(&team.actor("Ana"), &first).await.unwrap().conversation;
        assert_eq!((meeting.state, meeting.rhythm), (State::Scheduled, Some(Rhythm::Weekly)));
        store.move_conversation(&team.actor("Lena"), &first, &MoveRequest::plain(Move::Hold)).await.unwrap();
        let next = store.next_one_on_one(&team.actor("Ana"), &team.id("Ana")).await.unwrap().expect("the next is booked");
        assert_eq!(next.state, State::Scheduled);
        assert_eq!(next.starts_at, Rhythm::Weekly.next_after(meeting.starts_at.unwrap(), "Europe/Berlin"));
        assert_eq!((next.rhythm, next.minutes, next.time_zone.as_str()), (Some(Rhythm::Weekly), 30, "Europe/Berlin"));
        // Cancelling one week keeps the rhythm; stopping ends it.
        store.move_conversation(&team.actor("Ana"), &next.id, &MoveRequest::plain(Move::Cancel)).await.unwrap();
        let after = store.next_one_on_one(&team.actor("Ana"), &team.id("Ana")).await.unwrap().expect("booked again");
        assert!(after.starts_at > next.starts_at);
        store.stop_one_on_ones(&team.actor("Ana"), &after.id).await.unwrap();
        assert!(store.next_one_on_one(&team.actor("Lena"), &team.id("Ana")).await.unwrap().is_none());
        // Only a one-on-one repeats.
        let wrong = Proposal { playbook_key: "six-month".into(), rhythm: Some(Rhythm::Monthly), slot: None, ..proposal_for(&team) };
        let refused = store.propose_conversation(&team.actor("Lena"), &wrong).await.unwrap_err();
        assert!(refused.to_string().contains("rhythm: only a one-on-one repeats"), "{refused}");
    }

    async fn both_sides_build_the_agenda_and_nobody_else_reads_it(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let meeting = weekly_with_ana(store, &team).await;
        store.add_agenda_item(&team.actor("Ana"), &meeting, AgendaKind::Topic, "Conference budget").await.unwrap();
        store.add_agenda_item(&team.actor("Lena"), &meeting, AgendaKind::Topic, "Release plan").await.unwrap();
        let agenda = store.agenda(&team.actor("Lena"), &meeting).await.unwrap();
        assert_eq!(agenda.iter().map(|i| (i.body.as_str(), i.removable)).collect::<Vec<_>>(), [("Conference budget", false), ("Release plan", true)]);
        let anas = agenda[0].id.clone();
        assert!(matches!(store.remove_agenda_item(&team.actor("Lena"), &meeting, &anas).await, Err(Error::Forbidden(_))));
        store.remove_agenda_item(&team.actor("Ana"), &meeting, &anas).await.unwrap();
        for outsider in ["Ben", "Vic", "Hana", "Cy"] {
            assert!(matches!(store.agenda(&team.actor(outsider), &meeting).await, Err(Error::NotFound(_))), "{outsider}");
            let adding = store.add_agenda_item(&team.actor(outsider), &meeting, AgendaKind::Topic, "x").await;
            assert!(matches!(adding, Err(Error::NotFound(_))), "{outsider}");
        }
        assert!(store.add_agenda_item(&team.actor("Ana"), &meeting, AgendaKind::Topic, "  ").await.is_err());
        // A quick note lands in Ana's space: shared with her, or private to its author.
        store.add_note(&team.actor("Lena"), &team.id("Ana"), Shared, "Ana wants to mentor the interns").await.unwrap();
        store.add_note(&team.actor("Lena"), &team.id("Ana"), Private, "Ask Vic about an intern budget").await.unwrap();
        let anas_notes: Vec<String> = store.notes_for(&team.actor("Ana"), &team.id("Ana")).await.unwrap().into_iter().map(|n| n.body).collect();
        assert_eq!(anas_notes, ["Ana wants to mentor the interns"]);
    }

    async fn the_check_in_goes_on_the_agenda_and_counts_once_recorded(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let goal = NewArtefact { kind: Kind::Goal, fields: valid_fields(Kind::Goal, "Lead the migration"), visibility: Shared, parent: None };
        let goal = store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &goal).await.unwrap();
        db.let_days_pass(50).await;
        let check_in = |items: &[trellis_core::follow_through::Item]| items.iter().find(|i| matches!(i.next, NextStep::CheckIn { .. })).map(|i| i.status);
        assert_eq!(check_in(&follow_through_for_lena(store, &team).await), Some(Status::Overdue));

        let meeting = weekly_with_ana(store, &team).await;
        assert_eq!(store.place_check_in(&team.actor("Lena"), &team.id("Ana"), false).await.unwrap(), meeting);
        store.place_check_in(&team.actor("Lena"), &team.id("Ana"), false).await.unwrap();
        let agenda = store.agenda(&team.actor("Ana"), &meeting).await.unwrap();
        assert_eq!(agenda.iter().filter(|i| i.kind == AgendaKind::CheckIn).count(), 1, "placed once");
        // Holding the one-on-one alone is not a check-in; recording it is.
        store.move_conversation(&team.actor("Lena"), &meeting, &MoveRequest::plain(Move::Hold)).await.unwrap();
        assert_eq!(check_in(&follow_through_for_lena(store, &team).await), Some(Status::Overdue));
        store.record_check_in(&team.actor("Ana"), &meeting, false).await.unwrap();
        store.record_check_in(&team.actor("Lena"), &meeting, false).await.unwrap();
        assert_eq!(store.check_ins_of(&meeting).await.unwrap().len(), 1, "recorded once");
        assert_eq!(check_in(&follow_through_for_lena(store, &team).await), Some(Status::Upcoming));

        // The goal reviewed there keeps the review, naming the meeting.
        store.review_goal(&team.actor("Lena"), &meeting, &goal.id).await.unwrap();
        let (_, history) = store.artefact_history(&team.actor("Ana"), &team.id("Ana"), Kind::Goal).await.unwrap();
        let reviews: Vec<_> = history[&goal.id].iter().filter(|e| e.entry == "reviewed").collect();
        assert_eq!(reviews.len(), 1);
        assert_eq!(reviews[0].conversation_id.as_ref(), Some(&meeting));
        assert!(matches!(store.review_goal(&team.actor("Ben"), &meeting, &goal.id).await, Err(Error::NotFound(_))));
    }
}

fn proposal_for(team: &Team) -> Proposal {
    Proposal {
        person: team.id("Ana"),
        playbook_key: "one-on-one".into(),
        step: None,
        solo: false,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "UTC".into(),
        rhythm: None,
    }
}
