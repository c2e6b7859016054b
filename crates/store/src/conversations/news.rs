//! Telling the other side of a conversation what happened to it, by mail: the mail job is
//! written in the transaction of the change, so it exists exactly when the change does. A
//! conversation held alone tells nobody. What a mail may say of a conversation is its heading
//! (`ConversationHeading`): the title and the time, never what anyone wrote.

use crate::access::Actor;
use crate::db::{DbResult, Store};
use crate::jobs::{enqueue, Mail, News};
use sqlx::AnyConnection;
use trellis_core::conversation::State;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::Result;

/// What a mail or a calendar entry may say of a conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversationHeading {
    pub title: String,
    pub person_id: PersonId,
    pub starts_at: Option<i64>,
    pub minutes: u32,
    /// The zone its time was agreed in.
    pub time_zone: String,
    pub cancelled: bool,
    pub updated_at: i64,
    /// How many times its time was set, moved or called off (an invitation's SEQUENCE).
    pub time_changes: u32,
}

/// Queues the mail that tells the side `actor` is not on about `news` of `person`'s
/// conversation: the person's manager when the person acted, the person otherwise; for an
/// agreed or called-off time, the actor gets the invitation for their own calendar too.
/// Callers leave out conversations held alone.
pub(crate) async fn tell_other_side(
    conn: &mut AnyConnection,
    actor: &Actor,
    (conversation, person): (&ConversationId, &PersonId),
    news: News,
) -> Result<()> {
    let to = match &actor.id == person {
        true => actor.manager_id.clone(),
        false => Some(person.clone()),
    };
    let Some(to) = to else { return Ok(()) };
    let mail = Mail::Conversation {
        conversation: conversation.to_string(),
        to: to.to_string(),
        by: actor.id.to_string(),
        news,
    };
    enqueue(conn, &mail.job()).await?;
    if matches!(news, News::TimeAgreed | News::Cancelled) {
        let own = Mail::Conversation {
            conversation: conversation.to_string(),
            to: actor.id.to_string(),
            by: to.to_string(),
            news: News::ForYourCalendar,
        };
        enqueue(conn, &own.job()).await?;
    }
    Ok(())
}

impl Store {
    /// The heading of a conversation, for the mail worker (no content, no access check).
    pub async fn conversation_heading(&self, id: &ConversationId) -> Result<ConversationHeading> {
        let conversation = self.load_conversation(id).await?;
        let time_changes: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM conversation_events WHERE conversation_id = $1 \
             AND move IN ('schedule', 'propose_time', 'confirm_time', 'not_ready', 'cancel')",
        )
        .bind(id.as_str())
        .fetch_one(&self.pool)
        .await
        .db()?;
        Ok(ConversationHeading {
            title: conversation.title,
            person_id: conversation.person_id,
            starts_at: conversation.starts_at,
            minutes: conversation.minutes,
            time_zone: conversation.time_zone,
            cancelled: conversation.state == State::Cancelled,
            updated_at: conversation.updated_at,
            time_changes: u32::try_from(time_changes).unwrap_or(u32::MAX),
        })
    }
}
