//! Follow-through: what is due for one person, derived from facts. From the playbooks (their
//! cadence and preparation rules), the person's conversations, their plan and today's date in
//! their zone, `evaluate` says for one reader (the person, or their manager) what is **due**,
//! **overdue**, **stalled**, **waiting** for the other side, coming up, or declined — each with
//! its reason in words and the one next step. Pure: the store gathers only the facts the
//! reader may see, and this module never reaches for more. The rules are in
//! docs/follow-through.md.

mod cadence;
pub mod questions;
mod series;
mod summary;
mod words;

pub use summary::{Overview, Summary};
pub use words::Clock;

use crate::artefact::Kind;
use crate::conversation::{Side, State};
use crate::ids::ConversationId;
use crate::playbook::Playbook;
use crate::text::lowercase_first;
use serde::Serialize;

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// How an item stands, from calm to urgent (the order is the order of attention).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The other side said no. Respected: no reminder, no mark.
    Declined,
    /// Agreed or foreseen, and not yet needing anyone.
    Upcoming,
    /// The other side's turn.
    Waiting,
    /// The reader's turn now.
    Due,
    /// Begun, then left: a series step not scheduled within its window.
    Stalled,
    /// Past the date it was due by.
    Overdue,
}

impl Status {
    /// How the status reads on a page (the web adds the name to "Waiting for").
    pub fn label(self) -> &'static str {
        match self {
            Status::Declined => "Declined",
            Status::Upcoming => "Coming up",
            Status::Waiting => "Waiting",
            Status::Due => "Due",
            Status::Stalled => "Stalled",
            Status::Overdue => "Overdue",
        }
    }

    /// Whether the reader is asked to act (due, stalled or overdue).
    pub fn needs_the_reader(self) -> bool {
        self >= Status::Due
    }
}

/// What the reader can do about an item: one step, one button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextStep {
    /// Propose a whole playbook (the first one-on-one, the next six-month conversation).
    Propose { playbook: String },
    /// Propose one step of a playbook whose earlier steps are done.
    ProposeStep { playbook: String, step_index: usize },
    /// Open the conversation and act there (answer, schedule, confirm, prepare, mark held).
    Open { conversation: ConversationId, action: OpenAction },
    /// Hold a career check-in (monthly, or the quarterly extended one).
    CheckIn { extended: bool },
    /// Look at the plan again: is it still right?
    ReviewPlan,
}

/// Which action on a conversation an `Open` step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenAction {
    Answer,
    Schedule,
    ConfirmTime,
    Prepare,
    SayReady,
    MarkHeld,
    View,
}

impl NextStep {
    /// The button's words.
    pub fn label(&self, playbooks: &[Playbook]) -> String {
        let find = |key: &str| playbooks.iter().find(|p| p.key == key);
        match self {
            NextStep::Propose { playbook } => {
                format!(
                    "Propose the {}",
                    find(playbook).map_or("conversation".to_string(), |p| lowercase_first(&p.name))
                )
            }
            NextStep::ProposeStep { playbook, step_index } => {
                let title = find(playbook).and_then(|p| p.conversations.get(*step_index)).map(|s| s.title.as_str());
                format!("Propose “{}”", title.unwrap_or("the next conversation"))
            }
            NextStep::Open { action, .. } => match action {
                OpenAction::Answer => "Answer the proposal",
                OpenAction::Schedule => "Agree a time",
                OpenAction::ConfirmTime => "Confirm the new time",
                OpenAction::Prepare => "Prepare",
                OpenAction::SayReady => "Say whether you are ready",
                OpenAction::MarkHeld => "Mark it held",
                OpenAction::View => "Open the conversation",
            }
            .to_string(),
            NextStep::CheckIn { extended: false } => "Plan the career check-in".to_string(),
            NextStep::CheckIn { extended: true } => "Plan the extended check-in".to_string(),
            NextStep::ReviewPlan => "Look at the plan".to_string(),
        }
    }
}

/// One thing that needs (or will need) someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub status: Status,
    /// Why, in words: "“Your story so far” held 5 weeks ago (27 Oct); “Dreams” not scheduled…".
    pub reason: String,
    /// The day it is or was due by, in milliseconds (for ordering).
    pub due_at: Option<i64>,
    /// For `Waiting`: whose turn it is.
    pub waiting_for: Option<Side>,
    pub next: NextStep,
    /// The playbook the item is about, if any.
    pub playbook: Option<String>,
    /// For a declined offer, the manager may suggest others the person could talk to.
    pub suggest_others: bool,
}

/// One conversation as the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversationFact {
    pub id: ConversationId,
    pub series_id: String,
    pub playbook_key: String,
    pub step_index: usize,
    pub title: String,
    pub solo: bool,
    pub started_by: Side,
    pub state: State,
    pub starts_at: Option<i64>,
    pub minutes: u32,
    pub time_proposed_by: Option<Side>,
    pub ready: bool,
    /// The person wrote an answer to a prompt (told only to the person's own view).
    pub prepared: bool,
    pub created_at: i64,
    /// When its state last changed.
    pub updated_at: i64,
    /// When it was marked held.
    pub held_at: Option<i64>,
}

impl ConversationFact {
    /// When it took place (or was skipped): the agreed start if it was not after the moment it
    /// was marked held, otherwise that moment.
    pub fn done_at(&self) -> i64 {
        let marked = self.held_at.unwrap_or(self.updated_at);
        self.starts_at.filter(|start| *start <= marked).unwrap_or(marked)
    }

    /// Whether it took place, or the person left the optional step out.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Held | State::FollowedUp | State::Skipped)
    }

    /// Whether it took place.
    pub fn was_held(&self) -> bool {
        matches!(self.state, State::Held | State::FollowedUp)
    }
}

/// Whether items of this kind make up a plan (life-story chapters and values come before one;
/// journal entries are notes along the way).
pub fn counts_as_plan(kind: Kind) -> bool {
    !matches!(kind, Kind::JournalEntry | Kind::LifeChapter | Kind::Value | Kind::SameWorkCheck | Kind::Career)
}

/// The person's plan as the reader may see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanFacts {
    /// When its first item was written; `None` when there is no plan (for this reader).
    pub started_at: Option<i64>,
    /// The latest change to it, or the person's latest "still right".
    pub last_changed: Option<i64>,
    /// When each goal still open was set.
    pub open_goals: Vec<i64>,
}

/// A career check-in held in a one-on-one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckIn {
    pub at: i64,
    /// The quarterly, longer one.
    pub extended: bool,
}

/// Everything `evaluate` looks at for one person and one reader.
#[derive(Clone, Debug)]
pub struct History<'a> {
    pub reader: Side,
    /// The person has a manager (check-ins and waiting need one).
    pub has_manager: bool,
    /// The day the person started, if the roster says.
    pub started_on: Option<i64>,
    /// When the person was added to Trellis.
    pub added_at: i64,
    pub conversations: &'a [ConversationFact],
    pub plan: &'a PlanFacts,
    pub check_ins: &'a [CheckIn],
}

impl History<'_> {
    /// The conversations this reader's rules may use: a conversation held alone never counts
    /// for the manager, whatever the caller passed.
    fn visible(&self) -> impl Iterator<Item = &ConversationFact> {
        let reader = self.reader;
        self.conversations.iter().filter(move |c| reader == Side::Person || !c.solo)
    }
}

/// The playbook suggested to a pair who have had no conversation yet.
pub const FIRST_PLAYBOOK: &str = "first-one-on-one";

/// What is due for the person, for `history.reader`, most urgent first.
pub fn evaluate(history: &History<'_>, playbooks: &[Playbook], clock: &Clock) -> Vec<Item> {
    let mut items = series::items(history, playbooks, clock);
    items.extend(cadence::items(history, playbooks, clock));
    let first = playbooks.iter().find(|p| p.key == FIRST_PLAYBOOK);
    if let (None, Some(first), true) = (history.visible().next(), first, history.has_manager) {
        items.push(Item {
            status: Status::Upcoming,
            reason: format!("No career conversation yet; the {} is a good start.", lowercase_first(&first.name)),
            due_at: Some(clock.now),
            waiting_for: None,
            next: NextStep::Propose { playbook: first.key.clone() },
            playbook: Some(first.key.clone()),
            suggest_others: false,
        });
    }
    items.sort_by(|a, b| b.status.cmp(&a.status).then(a.due_at.unwrap_or(i64::MAX).cmp(&b.due_at.unwrap_or(i64::MAX))));
    items
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
