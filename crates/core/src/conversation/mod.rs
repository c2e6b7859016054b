//! Career conversations as a state machine. A conversation is one step of a playbook between a
//! person and their manager (or the person alone). It needs both sides to opt in: whoever
//! starts it proposes, the other side accepts or declines, and declining is an ordinary outcome.
//! `flow::apply` is the one place that says which side may do what in which state.

pub mod coaching;
pub mod document;
pub mod flow;
pub mod schedule;

use serde::Serialize;

/// Where a conversation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting for the other side to say yes or no.
    Proposed,
    /// Both sides want it; no time yet.
    Accepted,
    /// A date and time are agreed.
    Scheduled,
    /// One side asked for a new time; the other side has not confirmed it yet.
    Rescheduled,
    /// It took place.
    Held,
    /// It took place and its follow-up is done.
    FollowedUp,
    /// The other side said no. An ordinary outcome, not a mark against anyone.
    Declined,
    /// Called off before it took place.
    Cancelled,
    /// An optional step of a series the person chose to leave out.
    Skipped,
}

impl State {
    /// Every state.
    pub const ALL: [State; 9] = [
        State::Proposed,
        State::Accepted,
        State::Scheduled,
        State::Rescheduled,
        State::Held,
        State::FollowedUp,
        State::Declined,
        State::Cancelled,
        State::Skipped,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Proposed => "proposed",
            State::Accepted => "accepted",
            State::Scheduled => "scheduled",
            State::Rescheduled => "rescheduled",
            State::Held => "held",
            State::FollowedUp => "followed_up",
            State::Declined => "declined",
            State::Cancelled => "cancelled",
            State::Skipped => "skipped",
        }
    }

    /// Parses the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        State::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// How the state reads on a page.
    pub fn label(self) -> &'static str {
        match self {
            State::Proposed => "Proposed",
            State::Accepted => "Accepted, not yet scheduled",
            State::Scheduled => "Scheduled",
            State::Rescheduled => "New time proposed",
            State::Held => "Held",
            State::FollowedUp => "Followed up",
            State::Declined => "Declined",
            State::Cancelled => "Cancelled",
            State::Skipped => "Skipped",
        }
    }

    /// Whether nothing more will happen to the conversation.
    pub fn is_closed(self) -> bool {
        matches!(self, State::FollowedUp | State::Declined | State::Cancelled | State::Skipped)
    }

    /// Whether anything is written in it: not once it was declined, cancelled or skipped
    /// (it will not take place).
    pub fn takes_notes(self) -> bool {
        !matches!(self, State::Declined | State::Cancelled | State::Skipped)
    }

    /// Whether a time has been agreed (so the person can see the prompts and prepare).
    pub fn is_scheduled_or_later(self) -> bool {
        matches!(self, State::Scheduled | State::Rescheduled | State::Held | State::FollowedUp)
    }
}

/// Which side of the conversation an actor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The person whose career it is.
    Person,
    /// Their current manager.
    Manager,
}
