//! Each person's private calendar feed: a secret address (only its hash is kept) that serves
//! their conversations and one-on-ones with an agreed time, and, for a manager, those held
//! with their direct reports that the access policy lets them read. Making a new address ends
//! the old one at once.

use crate::access::Actor;
use crate::conversations::{conversation_from_row, Conversation, CONVERSATION_SELECT};
use crate::db::{now_millis, DbResult, Store};
use crate::secrets::{hash_secret, new_secret};
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::policy::{decide, Action};
use trellis_core::Result;

/// How far back a feed reaches.
const FEED_PAST_MS: i64 = 90 * 24 * 60 * 60 * 1000;

/// The conversations of a feed, with whose feed it is.
#[derive(Clone, Debug)]
pub struct Feed {
    pub person_id: PersonId,
    pub person_name: String,
    /// Agreed, held or called off, from 90 days back; the reader's own and their reports'.
    pub conversations: Vec<Conversation>,
}

impl Store {
    /// Makes the actor a new feed address (ending any earlier one) and returns its secret.
    pub async fn make_calendar_feed(&self, actor: &Actor) -> Result<String> {
        let secret = new_secret();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(actor.id.as_str())
        .bind(hash_secret(&secret))
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .db()?;
        tx.commit().await.db()?;
        Ok(secret)
    }

    /// When the actor's feed address was made, if they have one.
    pub async fn calendar_feed_made(&self, actor: &Actor) -> Result<Option<i64>> {
        sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE person_id = $1")
            .bind(actor.id.as_str())
            .fetch_optional(&self.pool)
            .await
            .db()
    }

    /// The feed behind `secret`, if it is a current address of an active person.
    pub async fn calendar_feed(&self, secret: &str) -> Result<Option<Feed>> {
        let row = sqlx::query(
            "SELECT p.id, p.name, p.manager_id, p.is_admin FROM calendar_feeds f JOIN people p ON p.id = f.person_id \
             WHERE f.token_hash = $1 AND p.active = 1",
        )
        .bind(hash_secret(secret))
        .fetch_optional(&self.pool)
        .await
        .db()?;
        let Some(row) = row else { return Ok(None) };
        let actor = Actor {
            id: PersonId::from_stored(row.try_get("id").db()?),
            name: row.try_get("name").db()?,
            is_admin: row.try_get::<i64, _>("is_admin").db()? != 0,
            manager_id: row.try_get::<Option<String>, _>("manager_id").db()?.map(PersonId::from_stored),
            link_maker: None,
        };
        let conversations = self.feed_conversations(&actor).await?;
        Ok(Some(Feed { person_id: actor.id, person_name: actor.name, conversations }))
    }

    /// The actor's conversations with a time, and those of their direct reports they may read.
    async fn feed_conversations(&self, actor: &Actor) -> Result<Vec<Conversation>> {
        let mut relations = std::collections::HashMap::new();
        relations.insert(actor.id.clone(), self.relations(actor, &actor.id).await?);
        for (member, handoff) in self.members(crate::follow_through::Whose::ReportsOf(&actor.id)).await? {
            let hold = handoff.map(|handoff| handoff.hold);
            let relation = Store::relations_to_report(actor, &member.id, member.manager_id.as_ref(), hold);
            relations.insert(member.id, relation);
        }
        let sql = format!(
            "{CONVERSATION_SELECT} WHERE (p.id = $1 OR (p.manager_id = $1 AND p.active = 1 AND c.solo = 0)) \
             AND c.starts_at IS NOT NULL AND c.starts_at > $2 \
             AND c.state IN ('scheduled', 'rescheduled', 'held', 'followed_up', 'cancelled') ORDER BY c.starts_at"
        );
        let rows = sqlx::query(&sql)
            .bind(actor.id.as_str())
            .bind(now_millis() - FEED_PAST_MS)
            .fetch_all(&self.pool)
            .await
            .db()?;
        let mut conversations = Vec::new();
        for row in &rows {
            let conversation = conversation_from_row(row)?;
            let Some(relation) = relations.get(&conversation.person_id) else { continue };
            if decide(&actor.id, relation, conversation.access(), Action::Read).is_allowed() {
                conversations.push(conversation);
            }
        }
        Ok(conversations)
    }
}
