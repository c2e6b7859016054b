//! What each side may do to a conversation in each state, and what state follows. Both sides
//! must opt in: the side that did not start a conversation accepts or declines it, and the side
//! that did not propose a new time confirms it. A conversation the person holds alone skips the
//! consent steps.

use super::{Side, State};
use serde::Serialize;

/// Something a side does to a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// Say yes to a proposal.
    Accept,
    /// Say no to a proposal.
    Decline,
    /// Agree a first date and time.
    Schedule,
    /// Ask for a different time (the other side confirms it).
    ProposeTime,
    /// Confirm the time the other side proposed.
    ConfirmTime,
    /// The person had time to think it through.
    Ready,
    /// The person has not had time yet, and proposes a later time.
    NotReady,
    /// Record that it took place.
    Hold,
    /// Record that its follow-up is done.
    FollowUp,
    /// Call it off.
    Cancel,
    /// Leave an optional step of a series out (the person only).
    Skip,
}

impl Move {
    /// Every move.
    pub const ALL: [Move; 11] = [
        Move::Accept,
        Move::Decline,
        Move::Schedule,
        Move::ProposeTime,
        Move::ConfirmTime,
        Move::Ready,
        Move::NotReady,
        Move::Hold,
        Move::FollowUp,
        Move::Cancel,
        Move::Skip,
    ];

    /// The name used in forms, URLs and the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Accept => "accept",
            Move::Decline => "decline",
            Move::Schedule => "schedule",
            Move::ProposeTime => "propose_time",
            Move::ConfirmTime => "confirm_time",
            Move::Ready => "ready",
            Move::NotReady => "not_ready",
            Move::Hold => "hold",
            Move::FollowUp => "follow_up",
            Move::Cancel => "cancel",
            Move::Skip => "skip",
        }
    }

    /// Parses the name used in forms.
    pub fn parse(raw: &str) -> Option<Self> {
        Move::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    /// Whether the move needs a date and time.
    pub fn needs_time(self) -> bool {
        matches!(self, Move::Schedule | Move::ProposeTime | Move::NotReady)
    }

    /// How the move reads in the history, e.g. "accepted".
    pub fn past_tense(self) -> &'static str {
        match self {
            Move::Accept => "accepted",
            Move::Decline => "declined",
            Move::Schedule => "scheduled it",
            Move::ProposeTime => "proposed a new time",
            Move::ConfirmTime => "confirmed the new time",
            Move::Ready => "said they are ready",
            Move::NotReady => "needs more time and proposed a new time",
            Move::Hold => "marked it as held",
            Move::FollowUp => "marked the follow-up as done",
            Move::Cancel => "cancelled it",
            Move::Skip => "skipped this step",
        }
    }
}

/// The facts about a conversation that decide which moves are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub state: State,
    /// The side that started it.
    pub started_by: Side,
    /// The person holds it alone (no manager takes part).
    pub solo: bool,
    /// For a rescheduled conversation, the side that proposed the new time.
    pub time_proposed_by: Option<Side>,
    /// The proposal already carries a date and time.
    pub has_time: bool,
    /// The step may be skipped (e.g. the life story in the three-conversation series).
    pub optional: bool,
    /// The agreed time is near or past (see `HOLD_EARLY_MS`), or there is none: only then can
    /// it be marked held.
    pub time_has_come: bool,
}

/// How long before the agreed start a conversation may already be marked held (people
/// sometimes meet a little early).
pub const HOLD_EARLY_MS: i64 = 60 * 60 * 1000;

/// Whether a conversation starting at `starts_at` (if set) may be marked held at `now`.
pub fn time_has_come(starts_at: Option<i64>, now: i64) -> bool {
    starts_at.is_none_or(|starts| now >= starts - HOLD_EARLY_MS)
}

/// Applies `mv` by `side`, returning the new state, or a sentence saying why it is not open.
pub fn apply(facts: Facts, side: Side, mv: Move) -> Result<State, String> {
    let other_side = |by: Side| by != side;
    let next = match (facts.state, mv) {
        (State::Proposed, Move::Accept | Move::Decline) if facts.solo => None,
        (State::Proposed, Move::Accept) if other_side(facts.started_by) => {
            Some(if facts.has_time { State::Scheduled } else { State::Accepted })
        }
        (State::Proposed, Move::Decline) if other_side(facts.started_by) => Some(State::Declined),
        (State::Proposed | State::Accepted, Move::Skip) if side == Side::Person && facts.optional => {
            Some(State::Skipped)
        }
        (State::Accepted, Move::Schedule) => Some(State::Scheduled),
        (State::Scheduled | State::Rescheduled, Move::ProposeTime) if !facts.solo => Some(State::Rescheduled),
        (State::Scheduled, Move::ProposeTime) => Some(State::Scheduled),
        (State::Rescheduled, Move::ConfirmTime) if facts.time_proposed_by.is_some_and(other_side) => {
            Some(State::Scheduled)
        }
        (State::Scheduled, Move::Ready) if side == Side::Person => Some(State::Scheduled),
        (State::Scheduled, Move::NotReady) if side == Side::Person && !facts.solo => Some(State::Rescheduled),
        (State::Scheduled | State::Rescheduled, Move::Hold) if facts.time_has_come => Some(State::Held),
        (State::Accepted, Move::Hold) if facts.solo => Some(State::Held),
        (State::Held, Move::FollowUp) => Some(State::FollowedUp),
        (State::Proposed, Move::Cancel) if side == facts.started_by => Some(State::Cancelled),
        (State::Accepted | State::Scheduled | State::Rescheduled, Move::Cancel) => Some(State::Cancelled),
        _ => None,
    };
    next.ok_or_else(|| refusal(facts, side, mv))
}

/// The moves open to `side`, in the order a page offers them.
pub fn open_moves(facts: Facts, side: Side) -> Vec<Move> {
    Move::ALL.into_iter().filter(|mv| apply(facts, side, *mv).is_ok()).collect()
}

fn refusal(facts: Facts, side: Side, mv: Move) -> String {
    let whose_turn = match (facts.state, mv) {
        (State::Proposed, Move::Accept | Move::Decline) if facts.started_by == side => {
            "the other side answers a proposal; you made this one"
        }
        (State::Rescheduled, Move::ConfirmTime) => "the other side confirms the time you proposed",
        (_, Move::Ready | Move::NotReady | Move::Skip) if side == Side::Manager => "only the person can answer this",
        (State::Scheduled | State::Rescheduled, Move::Hold) => "it has not happened yet; mark it held once it has",
        _ => "",
    };
    let state = facts.state.label().to_lowercase();
    if whose_turn.is_empty() {
        format!("You cannot {} a conversation that is {state}.", mv.as_str().replace('_', " "))
    } else {
        format!("Not open to you: {whose_turn}.")
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
