//! One person's items as a label and a next step, and a team's as counts: how many people are
//! due, overdue, stalled, waited for, or have nothing planned.

use super::{Item, NextStep, Status};
use crate::conversation::Side;
use serde::Serialize;

/// One person's follow-through, for one reader.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Most urgent first.
    pub items: Vec<Item>,
}

impl Summary {
    pub fn new(items: Vec<Item>) -> Self {
        Self { items }
    }

    /// The status that labels the person: the most urgent item's, when it is more than calm.
    pub fn status(&self) -> Option<Status> {
        self.items.first().map(|item| item.status).filter(|status| *status >= Status::Waiting)
    }

    /// The status a page labels the person with: as `status`, or else "Declined" after a
    /// recent no, or "Coming up" when something is agreed or foreseen.
    pub fn label(&self) -> Option<Status> {
        self.status()
            .or_else(|| self.items.iter().any(|i| i.status == Status::Declined).then_some(Status::Declined))
            .or_else(|| (!self.nothing_planned()).then_some(Status::Upcoming))
    }

    /// The one thing to do next: the most urgent item, or the first one coming up.
    pub fn next(&self) -> Option<&Item> {
        self.items.iter().find(|item| item.status != Status::Declined).or(self.items.first())
    }

    /// Whether nothing is under way or agreed: no item needs anyone, and no conversation is
    /// scheduled.
    pub fn nothing_planned(&self) -> bool {
        !self.items.iter().any(|item| {
            item.status >= Status::Waiting
                || (item.status == Status::Upcoming && matches!(item.next, NextStep::Open { .. }))
        })
    }

    /// Whether the person's turn is awaited (for the manager's count).
    pub fn waiting_for_person(&self) -> bool {
        self.items.iter().any(|item| item.status == Status::Waiting && item.waiting_for == Some(Side::Person))
    }
}

/// A team's follow-through at a glance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub due: usize,
    pub overdue: usize,
    pub stalled: usize,
    pub waiting: usize,
    pub nothing_planned: usize,
}

impl Overview {
    /// People counted by their label (each person once per count they fall in).
    pub fn of<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> Self {
        let mut overview = Overview::default();
        for summary in summaries {
            match summary.status() {
                Some(Status::Overdue) => overview.overdue += 1,
                Some(Status::Stalled) => overview.stalled += 1,
                Some(Status::Due) => overview.due += 1,
                _ => {}
            }
            overview.waiting += usize::from(summary.waiting_for_person());
            overview.nothing_planned += usize::from(summary.nothing_planned());
        }
        overview
    }
}
