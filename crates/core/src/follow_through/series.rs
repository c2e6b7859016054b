//! The rules for conversations under way: each series (the steps of one playbook proposed
//! together, or one step proposed alone) gives at most one item, about its first step not yet
//! done — an answer, a time to agree, preparation, readiness, marking it held — or, when every
//! step so far is done, about proposing the playbook's next step.

use super::{ConversationFact, History, Item, NextStep, OpenAction, Status, DAY_MS};
use crate::conversation::schedule::readiness_due;
use crate::conversation::{Side, State};
use crate::follow_through::Clock;
use crate::playbook::Playbook;
use std::collections::BTreeMap;

/// A declined offer shows (as "Declined", never counted) for this long.
pub const DECLINED_SHOWN_DAYS: i64 = 90;
/// Accepted with no time agreed for this long, outside any series window: stalled.
pub const ACCEPTED_STALLS_DAYS: i64 = 21;
/// A step that follows the previous one after a while is due from this many days before.
pub const FOLLOW_ON_DUE_BEFORE_DAYS: i64 = 7;
/// ... and overdue this many days after.
pub const FOLLOW_ON_GRACE_DAYS: i64 = 14;

/// One item per series the reader may see.
pub fn items(history: &History<'_>, playbooks: &[Playbook], clock: &Clock) -> Vec<Item> {
    let mut by_series: BTreeMap<&str, Vec<&ConversationFact>> = BTreeMap::new();
    for conversation in history.visible() {
        by_series.entry(conversation.series_id.as_str()).or_default().push(conversation);
    }
    let all: Vec<&ConversationFact> = history.visible().collect();
    by_series
        .into_values()
        .filter_map(|mut steps| {
            steps.sort_by_key(|c| c.step_index);
            let playbook = playbooks.iter().find(|p| p.key == steps[0].playbook_key);
            series_item(history.reader, &steps, &all, playbook, clock)
        })
        .collect()
}

fn series_item(
    reader: Side,
    steps: &[&ConversationFact],
    all: &[&ConversationFact],
    playbook: Option<&Playbook>,
    clock: &Clock,
) -> Option<Item> {
    let before = |index: usize| steps.iter().rev().find(|c| c.step_index < index && c.is_done()).copied();
    match steps.iter().find(|c| !c.is_done()) {
        Some(step) if step.state == State::Declined => declined(step, clock),
        Some(step) if step.state == State::Cancelled => None,
        Some(step) => Some(open_item(reader, step, before(step.step_index), steps, playbook, clock)),
        None => next_step_item(steps, all, playbook?, clock),
    }
}

fn declined(step: &ConversationFact, clock: &Clock) -> Option<Item> {
    (clock.days_since(step.updated_at) <= DECLINED_SHOWN_DAYS).then(|| Item {
        status: Status::Declined,
        reason: format!("“{}” was declined {}. No reminder follows.", step.title, clock.ago_on(step.updated_at)),
        due_at: None,
        waiting_for: None,
        next: NextStep::Open { conversation: step.id.clone(), action: OpenAction::View },
        playbook: Some(step.playbook_key.clone()),
        suggest_others: true,
    })
}

/// Status and due day of a step that waits for a time, from the rules of its series.
struct Timing {
    status: Status,
    due_at: Option<i64>,
    reason: String,
}

/// What a step still lacks: an agreed time (it was accepted), or a proposal (it is the
/// playbook's next step and no conversation exists for it yet).
#[derive(Clone, Copy, PartialEq)]
enum Lacks {
    Time,
    Proposal,
}

impl Lacks {
    fn words(self) -> &'static str {
        match self {
            Lacks::Time => "is not scheduled yet",
            Lacks::Proposal => "is not proposed yet",
        }
    }
}

/// The earlier steps a waiting step is judged against: the one just before it, and the first
/// done step of the series (where its window starts).
#[derive(Clone, Copy)]
struct Before<'a> {
    previous: Option<&'a ConversationFact>,
    first: Option<&'a ConversationFact>,
}

fn timing(
    step: &ConversationFact,
    lacks: Lacks,
    before: Before<'_>,
    playbook: Option<&Playbook>,
    clock: &Clock,
) -> Timing {
    let rule = playbook.and_then(|p| p.conversations.get(step.step_index)).and_then(|s| s.days_after_previous);
    let window = playbook.and_then(|p| p.cadence.series_window_days);
    let missing = lacks.words();
    match (before.previous, rule, window, before.first) {
        (Some(previous), Some(days), _, _) => {
            let due = previous.done_at() + i64::from(days) * DAY_MS;
            let (held, title) = (held_words(previous, clock), &step.title);
            let reason = format!(
                "“{}” was {held}; “{title}” comes about {days} days after it, by {}; it {missing}.",
                previous.title,
                clock.day(due)
            );
            Timing { status: follow_on_status(due, clock), due_at: Some(due), reason }
        }
        (Some(previous), None, Some(days), Some(first)) => {
            let end = first.done_at() + i64::from(days) * DAY_MS;
            let status = if clock.now > end { Status::Stalled } else { Status::Due };
            let ends = match status {
                Status::Stalled => format!("it ended {}", clock.ago_on(end)),
                _ => format!("until {}", clock.day(end)),
            };
            let (held, title) = (held_words(previous, clock), &step.title);
            let reason = format!(
                "“{}” was {held}; “{title}” {missing}; the series window is {days} days ({ends}).",
                previous.title
            );
            Timing { status, due_at: Some(end), reason }
        }
        (Some(previous), _, _, _) if lacks == Lacks::Proposal => {
            let stalls = previous.done_at() + ACCEPTED_STALLS_DAYS * DAY_MS;
            let status = if clock.now > stalls { Status::Stalled } else { Status::Due };
            let reason =
                format!("“{}” was {}; “{}” {missing}.", previous.title, held_words(previous, clock), step.title);
            Timing { status, due_at: Some(stalls), reason }
        }
        _ => {
            let stalls = step.updated_at + ACCEPTED_STALLS_DAYS * DAY_MS;
            let status = if clock.now > stalls { Status::Stalled } else { Status::Due };
            let reason =
                format!("“{}” was accepted {}; no time is agreed yet.", step.title, clock.ago_on(step.updated_at));
            Timing { status, due_at: Some(stalls), reason }
        }
    }
}

fn follow_on_status(due: i64, clock: &Clock) -> Status {
    if clock.now < due - FOLLOW_ON_DUE_BEFORE_DAYS * DAY_MS {
        Status::Upcoming
    } else if clock.now <= due + FOLLOW_ON_GRACE_DAYS * DAY_MS {
        Status::Due
    } else {
        Status::Overdue
    }
}

fn held_words(step: &ConversationFact, clock: &Clock) -> String {
    let verb = if step.state == State::Skipped { "skipped" } else { "held" };
    format!("{verb} {}", clock.ago_on(step.done_at()))
}

fn open_item(
    reader: Side,
    step: &ConversationFact,
    previous: Option<&ConversationFact>,
    steps: &[&ConversationFact],
    playbook: Option<&Playbook>,
    clock: &Clock,
) -> Item {
    let other = other_side(reader, step);
    let open = |action| NextStep::Open { conversation: step.id.clone(), action };
    let before = Before { previous, first: steps.iter().find(|c| c.is_done()).copied() };
    let (status, reason, due_at, next, waiting_for) = match step.state {
        State::Proposed if other.is_none() => {
            let reason = format!("“{}” was started {}.", step.title, clock.ago_on(step.created_at));
            (Status::Upcoming, reason, None, open(OpenAction::View), None)
        }
        State::Proposed if step.started_by == reader => {
            let reason =
                format!("“{}” was proposed {}; the answer is theirs.", step.title, clock.ago_on(step.created_at));
            (Status::Waiting, reason, None, open(OpenAction::View), other)
        }
        State::Proposed => {
            let reason = format!("“{}” was proposed to you {}.", step.title, clock.ago_on(step.created_at));
            (Status::Due, reason, Some(step.created_at), open(OpenAction::Answer), None)
        }
        State::Accepted => {
            let t = timing(step, Lacks::Time, before, playbook, clock);
            (t.status, t.reason, t.due_at, open(OpenAction::Schedule), None)
        }
        State::Rescheduled if step.time_proposed_by == Some(reader) && other.is_some() => {
            let reason = format!("You proposed a new time for “{}”; it is theirs to confirm.", step.title);
            (Status::Waiting, reason, None, open(OpenAction::View), other)
        }
        State::Rescheduled => {
            let reason = format!("A new time was proposed for “{}”.", step.title);
            (Status::Due, reason, Some(step.updated_at), open(OpenAction::ConfirmTime), None)
        }
        _ => return scheduled_item(reader, step, playbook, clock),
    };
    Item { status, reason, due_at, waiting_for, next, playbook: Some(step.playbook_key.clone()), suggest_others: false }
}

fn scheduled_item(reader: Side, step: &ConversationFact, playbook: Option<&Playbook>, clock: &Clock) -> Item {
    let starts = step.starts_at.unwrap_or(step.updated_at);
    let open = |action| NextStep::Open { conversation: step.id.clone(), action };
    let preparation = playbook.map(|p| p.preparation.clone()).unwrap_or_default();
    let when = clock.day(starts);
    let shared_prompts_at = preparation.share_prompts_days_before.map(|days| starts - i64::from(days) * DAY_MS);
    let (status, reason, next, waiting_for) = if clock.now >= starts {
        (
            Status::Due,
            format!("“{}” was on {when}; mark it held once it has taken place.", step.title),
            open(OpenAction::MarkHeld),
            None,
        )
    } else if !step.ready && readiness_due(starts, clock.now, preparation.readiness_check_days_before) {
        match reader {
            Side::Person => (
                Status::Due,
                format!("“{}” is {}: are you ready?", step.title, clock.ahead(starts)),
                open(OpenAction::SayReady),
                None,
            ),
            Side::Manager => (
                Status::Waiting,
                format!("“{}” is {}; they have not said yet whether they are ready.", step.title, clock.ahead(starts)),
                open(OpenAction::View),
                Some(Side::Person),
            ),
        }
    } else if let Some(shared) =
        shared_prompts_at.filter(|at| clock.now >= *at && reader == Side::Person && !step.prepared)
    {
        let reason = format!(
            "The prompts for “{}” ({when}) were shared {}; nothing is written yet.",
            step.title,
            clock.ago(shared)
        );
        (Status::Due, reason, open(OpenAction::Prepare), None)
    } else {
        (Status::Upcoming, format!("“{}” is scheduled for {when}.", step.title), open(OpenAction::View), None)
    };
    Item {
        status,
        reason,
        due_at: Some(starts),
        waiting_for,
        next,
        playbook: Some(step.playbook_key.clone()),
        suggest_others: false,
    }
}

/// The side whose turn it is when it is not the reader's; nobody when the person is alone.
fn other_side(reader: Side, step: &ConversationFact) -> Option<Side> {
    match (step.solo, reader) {
        (true, _) => None,
        (false, Side::Person) => Some(Side::Manager),
        (false, Side::Manager) => Some(Side::Person),
    }
}

/// Every step of the series is done: the playbook's next step, if it has one that no later
/// conversation already covers.
fn next_step_item(
    steps: &[&ConversationFact],
    all: &[&ConversationFact],
    playbook: &Playbook,
    clock: &Clock,
) -> Option<Item> {
    let last = *steps.last()?;
    let index = last.step_index + 1;
    let step = playbook.conversations.get(index)?;
    let covered = all.iter().any(|c| {
        c.playbook_key == last.playbook_key
            && c.step_index >= index
            && c.created_at >= last.created_at
            && c.series_id != last.series_id
    });
    if covered {
        return None;
    }
    let placeholder = ConversationFact { title: step.title.clone(), step_index: index, ..last.clone() };
    let before = Before { previous: Some(last), first: steps.iter().find(|c| c.is_done()).copied() };
    let t = timing(&placeholder, Lacks::Proposal, before, Some(playbook), clock);
    Some(Item {
        status: t.status,
        reason: t.reason,
        due_at: t.due_at,
        waiting_for: None,
        next: NextStep::ProposeStep { playbook: playbook.key.clone(), step_index: index },
        playbook: Some(playbook.key.clone()),
        suggest_others: false,
    })
}
