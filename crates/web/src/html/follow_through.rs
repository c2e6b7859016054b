//! Follow-through on the home pages: each person's label in words ("Stalled", "Waiting for
//! Ana", "Nothing planned"), the reason, one button for the next step and a question for the
//! next one-on-one; and the viewer's own items with the same words. The rules are in
//! `trellis_core::follow_through`; this only presents them.

use trellis_core::follow_through::questions::{suggested_question, Suggestion};
use trellis_core::follow_through::{Clock, Item, NextStep, Status, Summary};
use trellis_core::ids::PersonId;
use trellis_core::one_on_one;
use trellis_core::playbook::Playbook;
use trellis_store::TeamFollowThrough;

/// The playbook whose questions are suggested for one-on-ones.
const QUESTION_BANK: &str = "question-bank";

/// A button: its words and where it goes (a link, or a form that posts).
pub struct Button {
    pub label: String,
    pub href: String,
    /// Posts a form (with `extended` for the quarterly check-in) instead of following a link.
    pub posts: bool,
    pub extended: bool,
}

/// One report on the manager's overview.
pub struct TeamRow {
    pub person_id: String,
    pub name: String,
    pub title: String,
    pub label: String,
    /// The CSS class of the label (its words carry the meaning; the colour only repeats it).
    pub tag: &'static str,
    pub reason: String,
    pub button: Option<Button>,
    /// After a declined offer: where the mentors they shared are (others they could talk to).
    pub others: Option<String>,
    pub question: Option<Suggestion>,
}

/// One of the viewer's own items.
pub struct OwnRow {
    pub label: String,
    pub tag: &'static str,
    pub reason: String,
    pub button: Button,
    /// The gentle probe: answered with "still right".
    pub is_probe: bool,
}

/// The manager's rows, most urgent first.
pub fn team_rows(team: &TeamFollowThrough, playbooks: &[Playbook], clock: &Clock) -> Vec<TeamRow> {
    let bank = playbooks.iter().find(|p| p.key == QUESTION_BANK);
    let mut rows: Vec<(u8, Option<i64>, TeamRow)> = team
        .people
        .iter()
        .map(|person| {
            let summary = &person.summary;
            let first_name = person.member.name.split_whitespace().next().unwrap_or_default();
            let (label, tag, rank) = person_label(summary, first_name);
            let next = summary.next();
            // A "Declined" label says why; the button still offers what comes next.
            let why = match summary.label() {
                Some(Status::Declined) => summary.items.iter().find(|item| item.status == Status::Declined),
                _ => next,
            };
            let row = TeamRow {
                person_id: person.member.id.to_string(),
                name: person.member.name.clone(),
                title: person.member.title.clone(),
                label,
                tag,
                reason: why.map(|item| item.reason.clone()).unwrap_or_default(),
                button: next.map(|item| button(item, &person.member.id, playbooks, person.has_one_on_one)),
                others: summary
                    .items
                    .iter()
                    .any(|item| item.suggest_others)
                    .then(|| format!("/people/{}/plan/mentors", person.member.id)),
                question: bank.and_then(|bank| suggested_question(bank, person.member.id.as_str(), clock.week())),
            };
            (rank, next.and_then(|item| item.due_at), row)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.unwrap_or(i64::MAX).cmp(&b.1.unwrap_or(i64::MAX))));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

/// The label of a person on the overview, its class, and its rank (0 is the most urgent).
fn person_label(summary: &Summary, first_name: &str) -> (String, &'static str, u8) {
    match (summary.label(), summary.nothing_planned()) {
        (Some(Status::Waiting), _) => (format!("Waiting for {first_name}"), "status-waiting", 3),
        (Some(Status::Declined), _) => ("Declined".to_string(), "status-declined", 6),
        (Some(status), _) if status >= Status::Due => (status.label().to_string(), status_class(status), rank(status)),
        (_, true) => ("Nothing planned".to_string(), "status-none", 4),
        _ => (Status::Upcoming.label().to_string(), "status-upcoming", 5),
    }
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Overdue => 0,
        Status::Stalled => 1,
        Status::Due => 2,
        Status::Waiting => 3,
        Status::Upcoming => 5,
        Status::Declined => 6,
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Overdue => "status-overdue",
        Status::Stalled => "status-stalled",
        Status::Due => "status-due",
        Status::Waiting => "status-waiting",
        Status::Upcoming => "status-upcoming",
        Status::Declined => "status-declined",
    }
}

/// The viewer's own items worth showing: everything that needs someone, and what comes next.
pub fn own_rows(
    summary: &Summary,
    me: &PersonId,
    manager_first_name: &str,
    playbooks: &[Playbook],
    has_one_on_one: bool,
) -> Vec<OwnRow> {
    let (pressing, calm): (Vec<&Item>, Vec<&Item>) =
        summary.items.iter().partition(|item| item.status >= Status::Waiting);
    let upcoming = calm.into_iter().filter(|item| item.status == Status::Upcoming).take(2);
    pressing
        .into_iter()
        .chain(upcoming)
        .map(|item| OwnRow {
            label: match item.status {
                Status::Waiting => format!("Waiting for {manager_first_name}"),
                status => status.label().to_string(),
            },
            tag: status_class(item.status),
            reason: item.reason.clone(),
            button: button(item, me, playbooks, has_one_on_one),
            is_probe: item.next == NextStep::ReviewPlan,
        })
        .collect()
}

/// Where the next step of `item` about `person` is taken. A check-in goes on the next
/// one-on-one when one is booked; otherwise the step is to set one-on-ones up.
fn button(item: &Item, person: &PersonId, playbooks: &[Playbook], has_one_on_one: bool) -> Button {
    let link = |label: String, href: String| Button { label, href, posts: false, extended: false };
    let new = |what: &str| format!("/people/{person}/conversations/new?what={what}");
    match &item.next {
        NextStep::Propose { playbook } => link(item.next.label(playbooks), new(playbook)),
        NextStep::ProposeStep { playbook, step_index } => {
            link(item.next.label(playbooks), new(&format!("{playbook}%23{step_index}")))
        }
        NextStep::Open { conversation, .. } => {
            link(item.next.label(playbooks), format!("/conversations/{conversation}"))
        }
        NextStep::CheckIn { extended } if has_one_on_one => Button {
            label: "Add the check-in to the next one-on-one".to_string(),
            href: format!("/people/{person}/check-in"),
            posts: true,
            extended: *extended,
        },
        NextStep::CheckIn { .. } => link("Set up one-on-ones".to_string(), new(one_on_one::PLAYBOOK)),
        NextStep::ReviewPlan => link(item.next.label(playbooks), format!("/people/{person}/plan")),
    }
}
