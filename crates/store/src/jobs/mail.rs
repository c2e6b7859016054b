//! The mails the queue carries, as job payloads: whom a mail is for and what happened, never
//! what anyone wrote. A link a mail carries is made when the mail is sent, so no secret waits
//! in the queue.

use super::NewJob;
use crate::db::now_millis;
use crate::mail_links::MailCategory;
use serde::{Deserialize, Serialize};
use trellis_core::conversation::flow::Move;
use trellis_core::ids::PersonId;

/// The kind of every mail job.
pub const MAIL_JOB: &str = "mail";

/// How long one person's password-reset requests are folded into one mail.
const RESET_REQUESTS_FOLDED_MS: i64 = 10 * 60 * 1000;

/// One mail to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mail", rename_all = "kebab-case")]
pub enum Mail {
    /// The person asked for a new password on the sign-in page.
    PasswordReset { person: String },
    /// The people team invites someone to set a password.
    Invitation { person: String, by: String },
    /// Something happened to a conversation held with `to`, done by `by`.
    Conversation { conversation: String, to: String, by: String, news: News },
    /// Something is the person's to do, found by the follow-through rules on a schedule.
    Reminder { person: String, reminder: Reminder },
    /// A manager's weekly summary of who on their team needs them (`week` as `2026-W49`).
    Digest { person: String, week: String },
    /// The person's manager changed: they decide what the new manager may see.
    HandoffConsent { person: String, manager: String },
}

/// What a reminder is about. It names conversations and steps, never what anyone wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "kebab-case")]
pub enum Reminder {
    /// The day before: is the person ready? (Two links answer without signing in.)
    Readiness { conversation: String, starts_at: i64 },
    /// The prompts of a conversation are shared and nothing is written yet.
    Prepare { conversation: String, starts_at: i64 },
    /// The plan has not changed for months: is it still right? (`due` is when the question fell
    /// due, so each untouched spell is asked about once.)
    PlanProbe { due: i64, reason: String },
    /// Anything else the rules find due, overdue or stalled: the status, the reason and the
    /// next step in words, and the conversation it is about, if any. `item` names the item and its status,
    /// so each is told once.
    Due { item: String, status: String, reason: String, step: String, conversation: Option<String> },
}

/// What happened to a conversation, as the mail to the other side tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum News {
    Proposed,
    Accepted,
    /// Told to the other side as a calm note: nobody is reminded of a declined offer.
    Declined,
    TimeAgreed,
    TimeProposed,
    Cancelled,
    /// The one who agreed a time or called it off gets the invitation for their own calendar
    /// (`by` is then the other side).
    ForYourCalendar,
}

impl News {
    /// The news a move makes, if the other side hears of it.
    pub fn of(mv: Move) -> Option<Self> {
        Some(match mv {
            Move::Accept => News::Accepted,
            Move::Decline => News::Declined,
            Move::Schedule | Move::ConfirmTime => News::TimeAgreed,
            Move::ProposeTime | Move::NotReady => News::TimeProposed,
            Move::Cancel => News::Cancelled,
            Move::Ready | Move::Hold | Move::FollowUp | Move::Skip => return None,
        })
    }
}

impl Mail {
    /// The job that sends this mail. Reset requests of one person within a few minutes are
    /// one mail, so the form cannot be used to flood someone's inbox; a reminder or a digest
    /// is sent once, however often the schedule finds it.
    pub fn job(&self) -> NewJob {
        let dedupe_key = match self {
            Mail::PasswordReset { person } => {
                Some(format!("reset:{person}:{}", now_millis() / RESET_REQUESTS_FOLDED_MS))
            }
            Mail::Invitation { .. } | Mail::Conversation { .. } | Mail::HandoffConsent { .. } => None,
            Mail::Digest { person, week } => Some(format!("digest:{person}:{week}")),
            Mail::Reminder { person, reminder } => Some(match reminder {
                Reminder::Readiness { conversation, starts_at } => format!("ready:{conversation}:{starts_at}"),
                Reminder::Prepare { conversation, starts_at } => format!("prepare:{conversation}:{starts_at}"),
                Reminder::PlanProbe { due, .. } => format!("probe:{person}:{due}"),
                Reminder::Due { item, .. } => format!("due:{person}:{item}"),
            }),
        };
        NewJob { kind: MAIL_JOB, payload: serde_json::to_value(self).unwrap_or_default(), dedupe_key, run_at: 0 }
    }

    /// The person the mail goes to.
    pub fn recipient(&self) -> PersonId {
        match self {
            Mail::PasswordReset { person }
            | Mail::Invitation { person, .. }
            | Mail::Reminder { person, .. }
            | Mail::Digest { person, .. }
            | Mail::HandoffConsent { person, .. } => PersonId::from_stored(person.clone()),
            Mail::Conversation { to, .. } => PersonId::from_stored(to.clone()),
        }
    }

    /// The kind of mail the person may turn off that this is; none for what is always sent
    /// (security mail, and the question of what a new manager may see).
    pub fn category(&self) -> Option<MailCategory> {
        match self {
            Mail::PasswordReset { .. } | Mail::Invitation { .. } | Mail::HandoffConsent { .. } => None,
            Mail::Conversation { .. } => Some(MailCategory::News),
            Mail::Reminder { .. } => Some(MailCategory::Reminders),
            Mail::Digest { .. } => Some(MailCategory::Digest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_job_reads_back_as_the_mail() {
        let mail = Mail::Invitation { person: "p1".into(), by: "p2".into() };
        let job = mail.job();
        assert_eq!(job.kind, MAIL_JOB);
        assert_eq!(job.payload["mail"], "invitation");
        assert_eq!(serde_json::from_value::<Mail>(job.payload).unwrap(), mail);
    }

    #[test]
    fn reset_requests_close_together_fold_into_one_mail() {
        let one = Mail::PasswordReset { person: "p1".into() }.job();
        let again = Mail::PasswordReset { person: "p1".into() }.job();
        let other = Mail::PasswordReset { person: "p2".into() }.job();
        assert!(one.dedupe_key.is_some());
        assert_ne!(one.dedupe_key, other.dedupe_key);
        // The same ten-minute window, unless the test straddles its edge.
        assert!(one.dedupe_key == again.dedupe_key || now_millis() % RESET_REQUESTS_FOLDED_MS < 1000);
    }
}
