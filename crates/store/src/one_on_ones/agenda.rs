//! The agenda of a one-on-one and the career check-ins held in it. Both sides add items; each
//! removes only their own. The check-in is placed on the next meeting's agenda (from the
//! manager's home, or when it is due), and recorded once it was done — which is what the
//! follow-through rules count. Every item is read and written through the access policy as
//! part of a conversation shared by the two, and audited like the rest of the meeting.

use crate::access::Actor;
use crate::audit::record_access;
use crate::conversations::{not_found, side_of, Conversation};
use crate::db::{flag, now_millis, DbResult, Store};
use crate::notes::check_note_body;
use sqlx::Row;
use trellis_core::handoff::Topic;
use trellis_core::ids::{ConversationId, NoteId, PersonId};
use trellis_core::one_on_one::{AgendaKind, PLAYBOOK};
use trellis_core::policy::{decide, Action, ItemAccess, Relations, Visibility};
use trellis_core::{Error, Result};

/// One item of a meeting's agenda.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AgendaItem {
    pub id: String,
    pub kind: AgendaKind,
    pub body: String,
    pub author_id: PersonId,
    pub author_name: String,
    pub created_at: i64,
    /// Whether the reader may remove it (its author).
    pub removable: bool,
}

/// A check-in recorded in a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CheckInRecord {
    pub extended: bool,
    pub at: i64,
}

/// How the policy sees an agenda item or a check-in: part of a meeting the two share.
pub(crate) fn shared_access(author: &PersonId, at: i64) -> ItemAccess<'_> {
    ItemAccess::together(Visibility::Shared, author).written(Topic::Conversations, at)
}

impl Store {
    /// A meeting the actor takes part in, which still takes notes (the agenda is written before
    /// and during it).
    pub(super) async fn meeting_for(&self, actor: &Actor, id: &ConversationId) -> Result<(Conversation, Relations)> {
        let meeting = self.load_conversation(id).await?;
        let relations = self.relations(actor, &meeting.person_id).await?;
        if meeting.playbook_key != PLAYBOOK || side_of(actor, &relations, &meeting).is_none() {
            return Err(not_found());
        }
        Ok((meeting, relations))
    }

    /// The meeting's agenda as the actor may read it, oldest first (audited for the manager).
    pub async fn agenda(&self, actor: &Actor, id: &ConversationId) -> Result<Vec<AgendaItem>> {
        let (meeting, relations) = self.meeting_for(actor, id).await?;
        let rows = sqlx::query(
            "SELECT i.id, i.kind, i.body, i.author_id, a.name AS author_name, i.created_at FROM agenda_items i \
             JOIN people a ON a.id = i.author_id WHERE i.conversation_id = $1 ORDER BY i.created_at, i.id",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .db()?;
        let mut items = Vec::new();
        for row in &rows {
            let author = PersonId::from_stored(row.try_get("author_id").db()?);
            let created_at: i64 = row.try_get("created_at").db()?;
            let access = shared_access(&author, created_at);
            if !decide(&actor.id, &relations, access, Action::Read).is_allowed() {
                continue;
            }
            let kind: String = row.try_get("kind").db()?;
            items.push(AgendaItem {
                id: row.try_get("id").db()?,
                kind: AgendaKind::parse(&kind).unwrap_or(AgendaKind::Topic),
                body: row.try_get("body").db()?,
                removable: decide(&actor.id, &relations, access, Action::Delete).is_allowed(),
                author_id: author,
                author_name: row.try_get("author_name").db()?,
                created_at,
            });
        }
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        self.record_access_now(actor, &meeting.person_id, Action::Read, "agenda_item", &ids).await?;
        Ok(items)
    }

    /// Adds an item to a meeting that has not been held yet.
    pub async fn add_agenda_item(
        &self,
        actor: &Actor,
        id: &ConversationId,
        kind: AgendaKind,
        body: &str,
    ) -> Result<()> {
        let (meeting, _) = self.meeting_for(actor, id).await?;
        if meeting.state.is_closed() || meeting.state == trellis_core::conversation::State::Held {
            return Err(Error::Conflict("This one-on-one is over; add it to the next one.".into()));
        }
        check_note_body(body)?;
        let item = NoteId::generate();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO agenda_items (id, conversation_id, person_id, author_id, kind, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(item.as_str())
        .bind(id.as_str())
        .bind(meeting.person_id.as_str())
        .bind(actor.id.as_str())
        .bind(kind.key())
        .bind(body.trim())
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .db()?;
        record_access(&mut tx, actor, &meeting.person_id, Action::Write, "agenda_item", &[item.as_str()]).await?;
        tx.commit().await.db()
    }

    /// Removes an item the actor added.
    pub async fn remove_agenda_item(&self, actor: &Actor, id: &ConversationId, item: &str) -> Result<()> {
        let (meeting, relations) = self.meeting_for(actor, id).await?;
        let row = sqlx::query("SELECT author_id, created_at FROM agenda_items WHERE id = $1 AND conversation_id = $2")
            .bind(item)
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .db()?
            .ok_or_else(|| Error::NotFound("That agenda item is gone already.".into()))?;
        let author = PersonId::from_stored(row.try_get("author_id").db()?);
        let access = shared_access(&author, row.try_get("created_at").db()?);
        if !decide(&actor.id, &relations, access, Action::Delete).is_allowed() {
            return Err(Error::Forbidden("Only whoever added an item removes it.".into()));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM agenda_items WHERE id = $1").bind(item).execute(&mut *tx).await.db()?;
        record_access(&mut tx, actor, &meeting.person_id, Action::Delete, "agenda_item", &[item]).await?;
        tx.commit().await.db()
    }

    /// Places the check-in on the person's next one-on-one (once); its id.
    pub async fn place_check_in(&self, actor: &Actor, person: &PersonId, extended: bool) -> Result<ConversationId> {
        let meeting = self
            .next_one_on_one(actor, person)
            .await?
            .ok_or_else(|| Error::Conflict("There is no one-on-one booked yet; set one up first.".into()))?;
        let kind = if extended { AgendaKind::ExtendedCheckIn } else { AgendaKind::CheckIn };
        let placed = self.agenda(actor, &meeting.id).await?.iter().any(|item| item.kind == kind);
        if !placed {
            let (heading, _) = kind.check_in().unwrap_or(("Career check-in", &[]));
            self.add_agenda_item(actor, &meeting.id, kind, heading).await?;
        }
        Ok(meeting.id)
    }

    /// Records that the check-in was done in this meeting (once per kind).
    pub async fn record_check_in(&self, actor: &Actor, id: &ConversationId, extended: bool) -> Result<()> {
        let (meeting, _) = self.meeting_for(actor, id).await?;
        if !meeting.state.takes_notes() {
            return Err(Error::Conflict("This one-on-one did not take place.".into()));
        }
        let record = NoteId::generate();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO check_ins (id, person_id, conversation_id, extended, recorded_by, at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (conversation_id, extended) DO NOTHING",
        )
        .bind(record.as_str())
        .bind(meeting.person_id.as_str())
        .bind(id.as_str())
        .bind(flag(extended))
        .bind(actor.id.as_str())
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .db()?;
        record_access(&mut tx, actor, &meeting.person_id, Action::Write, "check-in", &[record.as_str()]).await?;
        tx.commit().await.db()
    }

    /// The check-ins recorded in a meeting.
    pub async fn check_ins_of(&self, id: &ConversationId) -> Result<Vec<CheckInRecord>> {
        let rows = sqlx::query("SELECT extended, at FROM check_ins WHERE conversation_id = $1 ORDER BY at")
            .bind(id.as_str())
            .fetch_all(&self.pool)
            .await
            .db()?;
        rows.iter()
            .map(|row| {
                Ok(CheckInRecord {
                    extended: row.try_get::<i64, _>("extended").db()? != 0,
                    at: row.try_get("at").db()?,
                })
            })
            .collect()
    }
}
