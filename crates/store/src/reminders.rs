//! Reminders on a schedule. Every quarter of an hour one worker (whichever claims the period's
//! sweep job) runs the follow-through rules for every active person with an address, as the
//! person would see them on their home page, and queues a mail for what is theirs to do: the
//! prompts to prepare, the day-before readiness question, the gentle probe of an untouched
//! plan, and anything else due, overdue or stalled. Managers get a weekly summary of their
//! team on Monday morning instead of a mail per report. Each reminder has a key, so it is
//! queued once however many sweeps find it; a declined offer is never reminded of, and a kind
//! of mail the person turned off is not queued.

use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
use crate::jobs::{enqueue, Mail, NewJob, Reminder};
use crate::mail_links::MailCategory;
use crate::people::{person_from_row, PERSON_COLUMNS};
use std::collections::HashSet;
use trellis_core::follow_through::{Clock, Item, NextStep, OpenAction, Status, DAY_MS};
use trellis_core::person::Person;
use trellis_core::playbook::Playbook;
use trellis_core::Result;

/// The kind of the sweep job.
pub const SWEEP_JOB: &str = "sweep";

/// How often the rules are run for everyone.
pub const SWEEP_EVERY_MS: i64 = 15 * 60 * 1000;

/// How many people are read at a time.
const PAGE: i64 = 200;

/// What one sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// People whose follow-through was evaluated.
    pub people: usize,
    /// Mails queued (reminders already queued by an earlier sweep are not counted).
    pub mails: usize,
}

/// The reminder `item` makes for the person, if it is one to send now. A generic reminder
/// waits a day after the item fell due, so it never follows on the heels of the news that
/// made it due.
fn reminder_for(item: &Item, playbooks: &[Playbook], now: i64) -> Option<Reminder> {
    if !item.status.needs_the_reader() {
        return None;
    }
    let starts_at = item.due_at.unwrap_or(now);
    Some(match &item.next {
        NextStep::Open { conversation, action: OpenAction::SayReady } => {
            Reminder::Readiness { conversation: conversation.to_string(), starts_at }
        }
        NextStep::Open { conversation, action: OpenAction::Prepare } => {
            Reminder::Prepare { conversation: conversation.to_string(), starts_at }
        }
        NextStep::ReviewPlan => Reminder::PlanProbe { due: starts_at, reason: item.reason.clone() },
        next => {
            let settled = item.status > Status::Due || item.due_at.is_some_and(|at| at <= now - DAY_MS);
            if !settled {
                return None;
            }
            let conversation = match next {
                NextStep::Open { conversation, .. } => Some(conversation.to_string()),
                _ => None,
            };
            let step = serde_json::to_string(next).unwrap_or_default();
            Reminder::Due {
                item: format!("{}:{step}:{}", item.status.label(), item.due_at.unwrap_or(0)),
                status: item.status.label().to_string(),
                reason: item.reason.clone(),
                step: next.label(playbooks),
                conversation,
            }
        }
    })
}

impl Store {
    /// Adds the sweep of the current period to the queue, unless an instance already did.
    pub async fn schedule_sweep(&self) -> Result<bool> {
        let period = now_millis() / SWEEP_EVERY_MS;
        self.enqueue_job(&NewJob {
            kind: SWEEP_JOB,
            payload: serde_json::json!({ "period": period }),
            dedupe_key: Some(format!("sweep:{period}")),
            run_at: period * SWEEP_EVERY_MS,
        })
        .await
    }

    /// Runs the rules for everyone and queues the reminders and summaries that are due.
    pub async fn sweep_reminders(&self) -> Result<SweepReport> {
        let playbooks = self.current_playbooks().await?;
        let zone = self.settings().await?.time_zone;
        let managers: HashSet<String> =
            sqlx::query_scalar("SELECT DISTINCT manager_id FROM people WHERE active = 1 AND manager_id IS NOT NULL")
                .fetch_all(&self.pool)
                .await
                .db()?
                .into_iter()
                .collect();
        let turned_off: HashSet<(String, String)> = sqlx::query_as("SELECT person_id, category FROM mail_preferences")
            .fetch_all(&self.pool)
            .await
            .db()?
            .into_iter()
            .collect();
        let wants = |person: &Person, category: MailCategory| {
            !turned_off.contains(&(person.id.to_string(), category.as_str().to_string()))
        };
        let mut report = SweepReport::default();
        let mut after = String::new();
        loop {
            let sql = format!(
                "SELECT {PERSON_COLUMNS} FROM people p WHERE p.active = 1 AND p.email IS NOT NULL AND p.id > $1 \
                 ORDER BY p.id LIMIT $2"
            );
            let rows = sqlx::query(&sql).bind(&after).bind(PAGE).fetch_all(&self.pool).await.db()?;
            let people = rows.iter().map(person_from_row).collect::<Result<Vec<Person>>>()?;
            let Some(last) = people.last() else { break };
            after = last.id.to_string();
            for person in &people {
                let mut mails = Vec::new();
                if wants(person, MailCategory::Reminders) {
                    mails.extend(self.reminders_of(person, &playbooks, &zone).await?);
                }
                let person_zone = person.time_zone.as_deref().unwrap_or(&zone);
                let week = Clock::new(now_millis(), person_zone).digest_week();
                if let (Some(week), true) = (week, managers.contains(person.id.as_str())) {
                    if wants(person, MailCategory::Digest) {
                        mails.push(Mail::Digest { person: person.id.to_string(), week });
                    }
                }
                report.people += 1;
                report.mails += self.queue_mails(&mails).await?;
            }
        }
        Ok(report)
    }

    /// The reminders the rules find for `person`, as their own home page shows them.
    async fn reminders_of(&self, person: &Person, playbooks: &[Playbook], zone: &str) -> Result<Vec<Mail>> {
        let summary = self.follow_through_of(&Actor::from(person), &person.id, playbooks, zone).await?;
        let now = now_millis();
        Ok(summary
            .items
            .iter()
            .filter_map(|item| reminder_for(item, playbooks, now))
            .map(|reminder| Mail::Reminder { person: person.id.to_string(), reminder })
            .collect())
    }

    /// Queues `mails` in one transaction; returns how many were new.
    async fn queue_mails(&self, mails: &[Mail]) -> Result<usize> {
        if mails.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let mut added = 0;
        for mail in mails {
            added += usize::from(enqueue(&mut tx, &mail.job()).await?);
        }
        tx.commit().await.db()?;
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trellis_core::ids::ConversationId;

    const NOW: i64 = 1_796_126_400_000;

    fn item(status: Status, due_at: i64, next: NextStep) -> Item {
        Item {
            status,
            reason: "“Dreams” is tomorrow: are you ready?".into(),
            due_at: Some(due_at),
            waiting_for: None,
            next,
            playbook: Some("three-conversations".into()),
            suggest_others: false,
        }
    }

    fn open(action: OpenAction) -> NextStep {
        NextStep::Open { conversation: ConversationId::from_stored("c1".into()), action }
    }

    #[test]
    fn each_kind_of_item_makes_its_reminder_and_only_what_needs_the_person_is_sent() {
        let ready = reminder_for(&item(Status::Due, NOW + DAY_MS, open(OpenAction::SayReady)), &[], NOW);
        assert_eq!(ready, Some(Reminder::Readiness { conversation: "c1".into(), starts_at: NOW + DAY_MS }));
        let prepare = reminder_for(&item(Status::Due, NOW + 3 * DAY_MS, open(OpenAction::Prepare)), &[], NOW);
        assert!(matches!(prepare, Some(Reminder::Prepare { .. })));
        let probe = reminder_for(&item(Status::Due, NOW, NextStep::ReviewPlan), &[], NOW);
        assert!(matches!(probe, Some(Reminder::PlanProbe { due: NOW, .. })));
        for calm in [Status::Declined, Status::Upcoming, Status::Waiting] {
            assert_eq!(reminder_for(&item(calm, NOW - 9 * DAY_MS, open(OpenAction::SayReady)), &[], NOW), None);
        }
    }

    #[test]
    fn a_plain_due_item_waits_a_day_and_an_overdue_one_is_told_again_under_its_own_key() {
        let answer = open(OpenAction::Answer);
        assert_eq!(reminder_for(&item(Status::Due, NOW - 3_600_000, answer.clone()), &[], NOW), None, "fresh news");
        let Some(Reminder::Due { item: due_key, step, conversation, .. }) =
            reminder_for(&item(Status::Due, NOW - 2 * DAY_MS, answer.clone()), &[], NOW)
        else {
            panic!("a day-old item is reminded of")
        };
        assert_eq!((step.as_str(), conversation.as_deref()), ("Answer the proposal", Some("c1")));
        let Some(Reminder::Due { item: overdue_key, .. }) =
            reminder_for(&item(Status::Overdue, NOW - 2 * DAY_MS, answer), &[], NOW)
        else {
            panic!("overdue is reminded of")
        };
        assert_ne!(due_key, overdue_key, "becoming overdue is news of its own");
        let stalled = reminder_for(&item(Status::Stalled, NOW, NextStep::CheckIn { extended: false }), &[], NOW);
        assert!(matches!(stalled, Some(Reminder::Due { conversation: None, .. })), "stalled is told at once");
    }
}
