use super::*;

fn proposed_by(side: Side) -> Facts {
    Facts {
        state: State::Proposed,
        started_by: side,
        solo: false,
        time_proposed_by: None,
        has_time: false,
        optional: false,
        time_has_come: true,
    }
}

fn at(state: State) -> Facts {
    Facts { state, ..proposed_by(Side::Manager) }
}

#[test]
fn only_the_side_that_did_not_propose_accepts_or_declines() {
    let facts = proposed_by(Side::Manager);
    assert_eq!(apply(facts, Side::Person, Move::Accept), Ok(State::Accepted));
    assert_eq!(apply(facts, Side::Person, Move::Decline), Ok(State::Declined));
    assert!(apply(facts, Side::Manager, Move::Accept).unwrap_err().contains("the other side answers"));
    let by_person = proposed_by(Side::Person);
    assert_eq!(apply(by_person, Side::Manager, Move::Accept), Ok(State::Accepted));
    assert!(apply(by_person, Side::Person, Move::Accept).is_err());
}

#[test]
fn a_proposal_with_a_time_is_scheduled_once_accepted() {
    let facts = Facts { has_time: true, ..proposed_by(Side::Manager) };
    assert_eq!(apply(facts, Side::Person, Move::Accept), Ok(State::Scheduled));
}

#[test]
fn declining_and_cancelling_close_the_conversation() {
    for state in [State::Declined, State::Cancelled, State::Skipped, State::FollowedUp] {
        assert!(state.is_closed());
        for side in [Side::Person, Side::Manager] {
            assert!(open_moves(at(state), side).is_empty(), "{state:?} still has moves for {side:?}");
        }
    }
}

#[test]
fn only_the_person_skips_and_only_optional_steps() {
    let optional = Facts { optional: true, ..proposed_by(Side::Manager) };
    assert_eq!(apply(optional, Side::Person, Move::Skip), Ok(State::Skipped));
    assert!(apply(optional, Side::Manager, Move::Skip).unwrap_err().contains("only the person"));
    assert!(apply(proposed_by(Side::Manager), Side::Person, Move::Skip).is_err());
}

#[test]
fn not_ready_asks_the_manager_to_confirm_a_new_time() {
    let scheduled = at(State::Scheduled);
    assert_eq!(apply(scheduled, Side::Person, Move::NotReady), Ok(State::Rescheduled));
    assert!(apply(scheduled, Side::Manager, Move::NotReady).is_err());
    let rescheduled = Facts { state: State::Rescheduled, time_proposed_by: Some(Side::Person), ..scheduled };
    assert_eq!(apply(rescheduled, Side::Manager, Move::ConfirmTime), Ok(State::Scheduled));
    assert!(apply(rescheduled, Side::Person, Move::ConfirmTime).unwrap_err().contains("other side confirms"));
    // The manager may answer with yet another time, which the person then confirms.
    assert_eq!(apply(rescheduled, Side::Manager, Move::ProposeTime), Ok(State::Rescheduled));
}

#[test]
fn a_conversation_held_alone_needs_no_consent() {
    let solo = Facts { solo: true, state: State::Accepted, started_by: Side::Person, ..at(State::Accepted) };
    assert_eq!(apply(solo, Side::Person, Move::Hold), Ok(State::Held));
    let scheduled = Facts { state: State::Scheduled, ..solo };
    assert_eq!(apply(scheduled, Side::Person, Move::ProposeTime), Ok(State::Scheduled));
    assert!(apply(scheduled, Side::Person, Move::NotReady).is_err());
}

#[test]
fn held_conversations_are_followed_up_and_nothing_else() {
    assert_eq!(open_moves(at(State::Held), Side::Manager), vec![Move::FollowUp]);
}

#[test]
fn every_move_has_a_parseable_name() {
    for mv in Move::ALL {
        assert_eq!(Move::parse(mv.as_str()), Some(mv));
    }
    for state in State::ALL {
        assert_eq!(State::parse(state.as_str()), Some(state));
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_state() -> impl Strategy<Value = State> {
        proptest::sample::select(State::ALL.to_vec())
    }
    fn any_move() -> impl Strategy<Value = Move> {
        proptest::sample::select(Move::ALL.to_vec())
    }
    fn any_side() -> impl Strategy<Value = Side> {
        proptest::sample::select(vec![Side::Person, Side::Manager])
    }

    proptest! {
        #[test]
        fn closed_conversations_never_reopen(
            state in any_state(), mv in any_move(), side in any_side(), started in any_side(),
            solo: bool, has_time: bool, optional: bool,
        ) {
            let facts = Facts { state, started_by: started, solo, time_proposed_by: Some(started), has_time, optional, time_has_come: true };
            if let Ok(next) = apply(facts, side, mv) {
                prop_assert!(!state.is_closed());
                // Nobody answers their own proposal.
                if state == State::Proposed && matches!(mv, Move::Accept | Move::Decline) {
                    prop_assert_ne!(side, started);
                }
                prop_assert!(next != State::Proposed);
            }
        }
    }
}

#[test]
fn a_conversation_is_marked_held_only_once_its_time_has_come() {
    let tomorrow =
        Facts { state: State::Scheduled, has_time: true, time_has_come: false, ..proposed_by(Side::Manager) };
    for side in [Side::Manager, Side::Person] {
        let refused = apply(tomorrow, side, Move::Hold).unwrap_err();
        assert!(refused.contains("has not happened yet"), "{refused}");
        assert!(!open_moves(tomorrow, side).contains(&Move::Hold));
    }
    let now = 1_000 * HOLD_EARLY_MS;
    assert!(!time_has_come(Some(now + HOLD_EARLY_MS + 1), now), "more than an hour ahead");
    assert!(time_has_come(Some(now + HOLD_EARLY_MS), now), "an hour ahead: people meet early");
    assert!(time_has_come(Some(now - 1), now) && time_has_come(None, now));
}
