//! The rules that repeat: a playbook run every so many days (the six-month conversation),
//! goals reaching their six-month review, the monthly and quarterly career check-ins once a
//! plan exists, and the gentle probe when a plan has not changed for three months.

use super::{History, Item, NextStep, Status, DAY_MS};
use crate::conversation::{Side, State};
use crate::follow_through::Clock;
use crate::one_on_one;
use crate::playbook::Playbook;

/// A repeating conversation is due from this many days before the day it is due by.
pub const REPEAT_DUE_BEFORE_DAYS: i64 = 28;
/// Someone added to Trellis long after they started is first due this long after being added
/// (a quarter), so that a new installation does not open with everyone due at once.
pub const FIRST_RUN_AFTER_JOINING_DAYS: i64 = 91;
/// Goals are reviewed this long after they were set.
pub const GOAL_REVIEW_DAYS: i64 = 182;
/// The review is due from this many days before.
pub const GOAL_REVIEW_DUE_BEFORE_DAYS: i64 = 14;
/// The monthly career check-in (5–10 minutes) and the quarterly extended one (about 30).
pub const CHECK_IN_DAYS: i64 = 30;
pub const EXTENDED_CHECK_IN_DAYS: i64 = 91;
/// A check-in is overdue this long after it was due.
pub const CHECK_IN_GRACE_DAYS: i64 = 14;
/// A held conversation at least this long counts as an extended check-in.
pub const EXTENDED_MINUTES: u32 = 30;
/// A plan unchanged this long gets a probe, to the person first…
pub const PLAN_PROBE_DAYS: i64 = 91;
/// …and to the manager this much later, if the person did not look at it meanwhile.
pub const PLAN_PROBE_MANAGER_AFTER_DAYS: i64 = 14;

/// Every repeating item for the person, for the reader.
pub fn items(history: &History<'_>, playbooks: &[Playbook], clock: &Clock) -> Vec<Item> {
    let mut items: Vec<Item> = playbooks.iter().filter_map(|p| repeat_item(history, p, clock)).collect();
    let repeat_is_upcoming = items.iter().all(|item| item.status == Status::Upcoming);
    let repeat_playbook = playbooks.iter().find(|p| p.cadence.every_days.is_some());
    if let Some(playbook) =
        repeat_playbook.filter(|p| repeat_is_upcoming && !open_run(history, p) && !declined_last(history, p))
    {
        items.extend(goal_review(history, playbook, clock));
    }
    items.extend(check_in(history, clock));
    items.extend(plan_probe(history, clock));
    items
}

/// Whether a conversation of the playbook is under way (its series rules speak for it).
fn open_run(history: &History<'_>, playbook: &Playbook) -> bool {
    history.visible().any(|c| c.playbook_key == playbook.key && !c.state.is_closed() && c.state != State::Held)
}

/// Whether the latest run of the playbook was declined (its period then starts from that day,
/// and nothing else asks for it meanwhile).
fn declined_last(history: &History<'_>, playbook: &Playbook) -> bool {
    let latest = history.visible().filter(|c| c.playbook_key == playbook.key).max_by_key(|c| c.updated_at);
    latest.is_some_and(|c| c.state == State::Declined)
}

fn repeat_item(history: &History<'_>, playbook: &Playbook, clock: &Clock) -> Option<Item> {
    let every = i64::from(playbook.cadence.every_days?);
    if open_run(history, playbook) {
        return None;
    }
    let runs = || history.visible().filter(|c| c.playbook_key == playbook.key);
    let last_held = runs().filter(|c| c.was_held()).map(|c| c.done_at()).max();
    let last_declined = runs().filter(|c| c.state == State::Declined).map(|c| c.updated_at).max();
    let declined_last = last_declined.filter(|declined| last_held.is_none_or(|held| *declined > held));
    let (due, why) = match (last_held, declined_last) {
        (_, Some(declined)) => (declined + every * DAY_MS, format!("it was declined {}", clock.ago_on(declined))),
        (Some(held), None) => (held + every * DAY_MS, format!("the last one was held {}", clock.ago_on(held))),
        (None, None) => {
            let started = history.started_on.unwrap_or(history.added_at);
            let after_joining = history.added_at + FIRST_RUN_AFTER_JOINING_DAYS * DAY_MS;
            ((started + every * DAY_MS).max(after_joining), "there has not been one yet".to_string())
        }
    };
    let status = if clock.now < due - REPEAT_DUE_BEFORE_DAYS * DAY_MS {
        Status::Upcoming
    } else if clock.now <= due {
        Status::Due
    } else {
        Status::Overdue
    };
    let name = &playbook.name;
    let by = if status == Status::Overdue {
        format!("was due by {}", clock.day(due))
    } else {
        format!("is due by {}", clock.day(due))
    };
    Some(Item {
        status,
        reason: format!("{name}: {why}; the next {by} (every {every} days)."),
        due_at: Some(due),
        waiting_for: None,
        next: NextStep::Propose { playbook: playbook.key.clone() },
        playbook: Some(playbook.key.clone()),
        suggest_others: false,
    })
}

fn goal_review(history: &History<'_>, playbook: &Playbook, clock: &Clock) -> Option<Item> {
    let oldest = history.plan.open_goals.iter().min().copied()?;
    let review = oldest + GOAL_REVIEW_DAYS * DAY_MS;
    if clock.now < review - GOAL_REVIEW_DUE_BEFORE_DAYS * DAY_MS {
        return None;
    }
    let count = history
        .plan
        .open_goals
        .iter()
        .filter(|set| **set + GOAL_REVIEW_DAYS * DAY_MS <= clock.now + GOAL_REVIEW_DUE_BEFORE_DAYS * DAY_MS)
        .count();
    let (set, day) = (clock.ago_on(oldest), clock.day(review));
    let reached = clock.now >= review;
    let reason = match (count, reached) {
        (1, false) => format!("A goal set {set} reaches its six-month review on {day}."),
        (1, true) => format!("A goal set {set} reached its six-month review on {day}."),
        (_, false) => format!("{count} goals, the oldest set {set}, reach their six-month review from {day}."),
        (_, true) => format!("{count} goals, the oldest set {set}, reached their six-month review on {day}."),
    };
    Some(Item {
        status: Status::Due,
        reason,
        due_at: Some(review),
        waiting_for: None,
        next: NextStep::Propose { playbook: playbook.key.clone() },
        playbook: Some(playbook.key.clone()),
        suggest_others: false,
    })
}

/// The check-in due now: the extended one when it is due (it covers the monthly one).
fn check_in(history: &History<'_>, clock: &Clock) -> Option<Item> {
    let plan_started = history.plan.started_at?;
    if !history.has_manager {
        return None;
    }
    // A held career conversation counts as a check-in; a one-on-one counts only through the
    // check-in recorded in it.
    let held = || history.visible().filter(|c| c.was_held() && !c.solo && c.playbook_key != one_on_one::PLAYBOOK);
    let last = |extended: bool| {
        let conversations = held().filter(|c| !extended || c.minutes >= EXTENDED_MINUTES).map(|c| c.done_at());
        let check_ins = history.check_ins.iter().filter(|c| !extended || c.extended).map(|c| c.at);
        conversations
            .chain(check_ins)
            .max()
            .filter(|at| *at >= plan_started)
            .map_or(Since::PlanBegan(plan_started), Since::CheckIn)
    };
    let extended = one_check_in(last(true), EXTENDED_CHECK_IN_DAYS, true, clock);
    let monthly = one_check_in(last(false), CHECK_IN_DAYS, false, clock);
    // The extended one covers the monthly one once it is due, and is as urgent as either. The
    // person is told a check-in is due, never that it is overdue: keeping it is the manager's
    // part.
    let chosen = match extended.status >= Status::Due {
        true => Item { status: extended.status.max(monthly.status), ..extended },
        false if monthly.status > extended.status => monthly,
        false => extended,
    };
    Some(match history.reader {
        Side::Person => Item { status: chosen.status.min(Status::Due), ..chosen },
        Side::Manager => chosen,
    })
}

/// What a check-in is counted from: the last one, or the plan's first item.
#[derive(Clone, Copy)]
enum Since {
    CheckIn(i64),
    PlanBegan(i64),
}

fn one_check_in(since: Since, every: i64, extended: bool, clock: &Clock) -> Item {
    let (last, after) = match since {
        Since::CheckIn(at) => (at, format!("the last was {}", clock.ago_on(at))),
        Since::PlanBegan(at) => (at, format!("the plan began {}", clock.ago_on(at))),
    };
    let due = last + every * DAY_MS;
    let status = if clock.now < due - 3 * DAY_MS {
        Status::Upcoming
    } else if clock.now <= due + CHECK_IN_GRACE_DAYS * DAY_MS {
        Status::Due
    } else {
        Status::Overdue
    };
    let what = if extended {
        "The quarterly extended check-in (about 30 minutes)"
    } else {
        "The monthly career check-in (5–10 minutes)"
    };
    let verb = if clock.now > due { "was due" } else { "is due" };
    Item {
        status,
        reason: format!("{what} {verb} on {}; {after}.", clock.day(due)),
        due_at: Some(due),
        waiting_for: None,
        next: NextStep::CheckIn { extended },
        playbook: None,
        suggest_others: false,
    }
}

fn plan_probe(history: &History<'_>, clock: &Clock) -> Option<Item> {
    let changed = history.plan.last_changed.or(history.plan.started_at)?;
    let after = match history.reader {
        Side::Person => PLAN_PROBE_DAYS,
        Side::Manager => PLAN_PROBE_DAYS + PLAN_PROBE_MANAGER_AFTER_DAYS,
    };
    if clock.days_since(changed) < after {
        return None;
    }
    let reason = match history.reader {
        Side::Person => format!("Your plan has not changed since {}. Is it still right?", clock.day(changed)),
        Side::Manager => {
            format!(
                "The plan has not changed since {}; ask whether it still fits, next time you talk.",
                clock.day(changed)
            )
        }
    };
    Some(Item {
        status: Status::Due,
        reason,
        due_at: Some(changed + after * DAY_MS),
        waiting_for: None,
        next: NextStep::ReviewPlan,
        playbook: None,
        suggest_others: false,
    })
}
