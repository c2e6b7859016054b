//! What a mail lets its reader do without signing in, and which mails a person wants. A mail
//! may carry a link that answers the readiness question ("I'm ready" / "I need more time"),
//! says the plan is still right, or turns a kind of mail off (RFC 8058 one-click). The code
//! in the link is a random secret of which only the hash is kept; an answer link works once
//! and until the conversation starts, an unsubscribe link until it expires. A link acts only
//! as the person it was made for, and only in the way it names.

use crate::access::Actor;
use crate::conversations::{MoveOutcome, MoveRequest};
use crate::db::{now_millis, DbResult, Store};
use crate::secrets::{hash_secret, new_secret};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::person::Person;
use trellis_core::{Error, Result};

/// How long an unsubscribe link in a mail keeps working.
pub const UNSUBSCRIBE_LINK_MS: i64 = 365 * 24 * 60 * 60 * 1000;

/// The kinds of mail a person can turn off. Security mail (a password reset, an invitation)
/// and the question of what a new manager may see are always sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailCategory {
    /// What the other side did to a conversation, with calendar invitations.
    News,
    /// Preparation, readiness, what is due, and whether the plan is still right.
    Reminders,
    /// A manager's weekly summary of their team.
    Digest,
}

impl MailCategory {
    pub const ALL: [MailCategory; 3] = [MailCategory::News, MailCategory::Reminders, MailCategory::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            MailCategory::News => "news",
            MailCategory::Reminders => "reminders",
            MailCategory::Digest => "digest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|category| category.as_str() == raw)
    }

    /// How the settings page and the unsubscribe page name it.
    pub fn label(self) -> &'static str {
        match self {
            MailCategory::News => "News of your conversations",
            MailCategory::Reminders => "Reminders",
            MailCategory::Digest => "The weekly summary of your team",
        }
    }

    /// What it covers, in a sentence.
    pub fn hint(self) -> &'static str {
        match self {
            MailCategory::News => {
                "When the other side proposes, accepts, moves or calls off a conversation, with the calendar invitation."
            }
            MailCategory::Reminders => {
                "The questions to think about before a conversation, the day-before readiness question, what is due, and now and then whether your plan is still right."
            }
            MailCategory::Digest => "On Monday mornings, for managers: who on your team needs you this week.",
        }
    }
}

/// What a mail link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailAction {
    /// Answers the readiness question of the conversation named by the link.
    Readiness,
    /// Says the person's plan is still right.
    PlanStillRight,
    /// Turns the kind of mail named by the link off.
    Unsubscribe,
}

impl MailAction {
    fn as_str(self) -> &'static str {
        match self {
            MailAction::Readiness => "readiness",
            MailAction::PlanStillRight => "plan-still-right",
            MailAction::Unsubscribe => "unsubscribe",
        }
    }

    /// Whether the link is spent once used.
    fn works_once(self) -> bool {
        self != MailAction::Unsubscribe
    }
}

/// A link that still works.
#[derive(Clone, Debug)]
pub struct MailLink {
    pub person: Person,
    /// The conversation (readiness) or the kind of mail (unsubscribe) it is about.
    pub subject: Option<String>,
    pub expires_at: i64,
}

fn spent() -> Error {
    Error::NotFound("This link has expired or has already been used. Open Trellis to see where things stand.".into())
}

impl Store {
    /// Makes a link for `person` that does `action` about `subject` until `valid_until`.
    pub async fn create_mail_link(
        &self,
        person: &PersonId,
        action: MailAction,
        subject: Option<&str>,
        valid_until: i64,
    ) -> Result<String> {
        let code = new_secret();
        sqlx::query(
            "INSERT INTO mail_links (token_hash, person_id, action, subject, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash_secret(&code))
        .bind(person.as_str())
        .bind(action.as_str())
        .bind(subject)
        .bind(now_millis())
        .bind(valid_until)
        .execute(&self.writer)
        .await
        .db()?;
        Ok(code)
    }

    /// The link behind `code`, if it does `action` and still works, for an active person.
    pub async fn mail_link(&self, code: &str, action: MailAction) -> Result<MailLink> {
        let row = sqlx::query(
            "SELECT person_id, subject, expires_at, used_at FROM mail_links \
             WHERE token_hash = $1 AND action = $2 AND expires_at > $3",
        )
        .bind(hash_secret(code))
        .bind(action.as_str())
        .bind(now_millis())
        .fetch_optional(&self.pool)
        .await
        .db()?
        .ok_or_else(spent)?;
        if action.works_once() && row.try_get::<Option<i64>, _>("used_at").db()?.is_some() {
            return Err(spent());
        }
        let person = self.person(&PersonId::from_stored(row.try_get("person_id").db()?)).await?;
        if !person.active {
            return Err(spent());
        }
        Ok(MailLink { person, subject: row.try_get("subject").db()?, expires_at: row.try_get("expires_at").db()? })
    }

    /// Marks a single-use link used; fails if it was used meanwhile.
    async fn spend_mail_link(&self, code: &str, action: MailAction) -> Result<()> {
        let spent_now =
            sqlx::query("UPDATE mail_links SET used_at = $1 WHERE token_hash = $2 AND action = $3 AND used_at IS NULL")
                .bind(now_millis())
                .bind(hash_secret(code))
                .bind(action.as_str())
                .execute(&self.writer)
                .await
                .db()?;
        match spent_now.rows_affected() {
            1 => Ok(()),
            _ => Err(spent()),
        }
    }

    /// Answers the readiness question through a mail link, as the person it was sent to: ready,
    /// or in need of more time with a new time to propose. The link is spent once the answer
    /// is taken.
    pub async fn answer_readiness(&self, code: &str, ready: bool, new_time: Option<Slot>) -> Result<MoveOutcome> {
        let link = self.mail_link(code, MailAction::Readiness).await?;
        let conversation = ConversationId::from_stored(link.subject.ok_or_else(spent)?);
        let request = match (ready, new_time) {
            (true, _) => MoveRequest::plain(Move::Ready),
            (false, Some(slot)) => {
                MoveRequest { short_notice_confirmed: true, ..MoveRequest::with_slot(Move::NotReady, slot) }
            }
            (false, None) => return Err(Error::invalid("date", "choose the date and time you would like instead")),
        };
        let outcome = self.move_conversation(&Actor::from(&link.person), &conversation, &request).await?;
        self.spend_mail_link(code, MailAction::Readiness).await?;
        Ok(outcome)
    }

    /// Says the person's plan is still right through a mail link.
    pub async fn plan_still_right_by_mail(&self, code: &str) -> Result<Person> {
        let link = self.mail_link(code, MailAction::PlanStillRight).await?;
        self.spend_mail_link(code, MailAction::PlanStillRight).await?;
        self.confirm_plan(&Actor::from(&link.person)).await?;
        Ok(link.person)
    }

    /// Turns off the kind of mail an unsubscribe link names; doing it twice changes nothing.
    pub async fn unsubscribe(&self, code: &str) -> Result<(Person, MailCategory)> {
        let link = self.mail_link(code, MailAction::Unsubscribe).await?;
        let category = link.subject.as_deref().and_then(MailCategory::parse).ok_or_else(spent)?;
        self.set_mail_wanted(&link.person.id, category, false).await?;
        Ok((link.person, category))
    }

    /// The kinds of mail the person has turned off.
    pub async fn mails_turned_off(&self, person: &PersonId) -> Result<Vec<MailCategory>> {
        let raw: Vec<String> = sqlx::query_scalar("SELECT category FROM mail_preferences WHERE person_id = $1")
            .bind(person.as_str())
            .fetch_all(&self.pool)
            .await
            .db()?;
        Ok(raw.iter().filter_map(|category| MailCategory::parse(category)).collect())
    }

    /// Turns a kind of mail on or off for the person.
    pub async fn set_mail_wanted(&self, person: &PersonId, category: MailCategory, wanted: bool) -> Result<()> {
        let sql = match wanted {
            true => "DELETE FROM mail_preferences WHERE person_id = $1 AND category = $2",
            false => {
                "INSERT INTO mail_preferences (person_id, category, off_since) VALUES ($1, $2, $3) \
                 ON CONFLICT (person_id, category) DO NOTHING"
            }
        };
        let mut query = sqlx::query(sql).bind(person.as_str()).bind(category.as_str());
        if !wanted {
            query = query.bind(now_millis());
        }
        query.execute(&self.writer).await.db()?;
        Ok(())
    }
}
