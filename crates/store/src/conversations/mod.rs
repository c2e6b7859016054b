//! Conversations in the database: proposing them (`propose`), moving them through their states
//! (`moves`), and reading them back with their history. Who may see a conversation is decided
//! by the access policy (a conversation held alone is private to the person; one held with the
//! manager is shared with the current manager); which move is open is decided by
//! `trellis_core::conversation::flow`.

mod compose;
mod moves;
mod news;
mod page;
pub(crate) mod propose;
mod row;

pub use compose::Composition;
pub use moves::{MoveOutcome, MoveRequest};
pub use news::ConversationHeading;
pub use page::ConversationPageData;
pub use propose::{Proposal, ProposalOutcome};
pub(crate) use row::{conversation_from_row, side_name, StoredConversation, CONVERSATION_COLUMNS, CONVERSATION_SELECT};

use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::conversation::flow::{open_moves, Facts, Move};
use trellis_core::conversation::{Side, State};
use trellis_core::handoff::Topic;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::one_on_one::Rhythm;
use trellis_core::playbook::{Conversation as Step, Playbook};
use trellis_core::policy::{decide, Action, ItemAccess, Relation, Relations, Visibility};
use trellis_core::{Error, Result};

/// One conversation as its reader sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Conversation {
    pub id: ConversationId,
    pub series_id: String,
    pub person_id: PersonId,
    pub person_name: String,
    pub solo: bool,
    pub started_by: Side,
    pub playbook_key: String,
    pub playbook_version: i64,
    pub step_index: usize,
    pub title: String,
    pub optional: bool,
    pub state: State,
    pub starts_at: Option<i64>,
    pub minutes: u32,
    pub time_zone: String,
    pub proposed_starts_at: Option<i64>,
    pub time_proposed_by: Option<Side>,
    pub ready: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// When it was marked held.
    pub held_at: Option<i64>,
    /// For a recurring one-on-one: how often the pair meets.
    pub rhythm: Option<Rhythm>,
}

impl Conversation {
    /// The facts the conversation flow decides on, at `now` (milliseconds).
    pub fn facts(&self, now: i64) -> Facts {
        Facts {
            time_has_come: trellis_core::conversation::flow::time_has_come(self.starts_at, now),
            state: self.state,
            started_by: self.started_by,
            solo: self.solo,
            time_proposed_by: self.time_proposed_by,
            has_time: self.starts_at.is_some(),
            optional: self.optional,
        }
    }

    /// Its visibility for the access policy: private to the person when held alone, otherwise
    /// shared with the current manager.
    pub fn visibility(&self) -> Visibility {
        if self.solo {
            Visibility::Private
        } else {
            Visibility::Shared
        }
    }

    /// How the policy sees it: the person's item, which both sides act on.
    pub fn access(&self) -> ItemAccess<'_> {
        ItemAccess::together(self.visibility(), &self.person_id).written(Topic::Conversations, self.created_at)
    }
}

/// One move in a conversation's history.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ConversationEvent {
    pub actor_name: String,
    /// The move's name, or "propose" for the proposal itself.
    pub action: String,
    pub state: State,
    pub starts_at: Option<i64>,
    pub time_zone: Option<String>,
    pub at: i64,
}

/// A conversation with what its reader needs to act on it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ConversationView {
    pub conversation: Conversation,
    /// The reader's side.
    pub side: Side,
    /// The moves open to the reader now.
    pub moves: Vec<Move>,
    pub history: Vec<ConversationEvent>,
    /// Every step of the same series, this one included, in order.
    pub series: Vec<Conversation>,
    /// The playbook version the conversation started with, and its step.
    pub playbook: Playbook,
}

impl ConversationView {
    /// The playbook step this conversation walks through.
    pub fn step(&self) -> Option<&Step> {
        self.playbook.conversations.get(self.conversation.step_index)
    }
}

/// The reader's side, if the policy lets them see the conversation at all.
pub(crate) fn side_of(actor: &Actor, relations: &Relations, conversation: &Conversation) -> Option<Side> {
    if !decide(&actor.id, relations, conversation.access(), Action::Read).is_allowed() {
        return None;
    }
    if relations.has(Relation::Myself) {
        Some(Side::Person)
    } else {
        Some(Side::Manager)
    }
}

impl Store {
    /// Loads a conversation without any access check (callers check).
    pub(crate) async fn load_conversation(&self, id: &ConversationId) -> Result<Conversation> {
        let sql = format!("{CONVERSATION_SELECT} WHERE c.id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(conversation_from_row).transpose()?.ok_or_else(not_found)
    }

    /// A conversation, checked against the policy, with the reader's side. Someone who may not
    /// see it is told it does not exist.
    pub(crate) async fn conversation_for(&self, actor: &Actor, id: &ConversationId) -> Result<(Conversation, Side)> {
        let conversation = self.load_conversation(id).await?;
        let relations = self.relations(actor, &conversation.person_id).await?;
        let side = side_of(actor, &relations, &conversation).ok_or_else(not_found)?;
        Ok((conversation, side))
    }

    /// Everything the conversation page shows about the conversation itself (its documents are
    /// read separately). Audited when the reader is not the person.
    pub async fn conversation_view(&self, actor: &Actor, id: &ConversationId) -> Result<ConversationView> {
        let (view, _) = self.read_view(actor, id).await?;
        self.record_access_now(actor, &view.conversation.person_id, Action::Read, "conversation", &[id]).await?;
        Ok(view)
    }

    /// As `conversation_view`, with the relations it was checked against, for a caller that
    /// records the read itself. The conversation comes with its series in one query.
    pub(crate) async fn read_view(&self, actor: &Actor, id: &ConversationId) -> Result<(ConversationView, Relations)> {
        let sql = format!(
            "{CONVERSATION_SELECT} WHERE c.series_id = \
             (SELECT s.series_id FROM conversations s WHERE s.id = $1) ORDER BY c.step_index"
        );
        let rows = sqlx::query(&sql).bind(id.as_str()).fetch_all(&self.pool).await.db()?;
        let series = rows.iter().map(conversation_from_row).collect::<Result<Vec<_>>>()?;
        let conversation = series.iter().find(|c| &c.id == id).cloned().ok_or_else(not_found)?;
        let relations = self.relations(actor, &conversation.person_id).await?;
        let side = side_of(actor, &relations, &conversation).ok_or_else(not_found)?;
        let playbook = self.playbook_version(&conversation.playbook_key, conversation.playbook_version).await?;
        let sql = "SELECT e.move, e.state, e.starts_at, e.time_zone, e.at, a.name AS actor_name \
            FROM conversation_events e JOIN people a ON a.id = e.actor_id \
            WHERE e.conversation_id = $1 ORDER BY e.at, e.id";
        let rows = sqlx::query(sql).bind(id.as_str()).fetch_all(&self.pool).await.db()?;
        let history = rows.iter().map(event_from_row).collect::<Result<Vec<_>>>()?;
        let view = ConversationView {
            moves: open_moves(conversation.facts(now_millis()), side),
            conversation,
            side,
            history,
            series,
            playbook,
        };
        Ok((view, relations))
    }

    /// The conversations in `person`'s space that `actor` may see, newest first.
    pub async fn conversations_of(&self, actor: &Actor, person: &PersonId) -> Result<Vec<Conversation>> {
        let relations = self.relations(actor, person).await?;
        let sql = format!("{CONVERSATION_SELECT} WHERE c.person_id = $1 ORDER BY c.created_at DESC, c.step_index");
        let rows = sqlx::query(&sql).bind(person.as_str()).fetch_all(&self.pool).await.db()?;
        let mut visible = Vec::new();
        for row in &rows {
            let conversation = conversation_from_row(row)?;
            if side_of(actor, &relations, &conversation).is_some() {
                visible.push(conversation);
            }
        }
        Ok(visible)
    }

    /// The open conversations the actor takes part in: their own, and those with their direct
    /// reports (held with the manager, not alone). For the home page. The people are listed
    /// first so that each one's conversations are found through the index on `person_id`.
    pub async fn open_conversations_for(&self, actor: &Actor) -> Result<Vec<Conversation>> {
        let sql = format!(
            "{CONVERSATION_SELECT} WHERE c.person_id IN \
             (SELECT id FROM people WHERE id = $1 UNION ALL SELECT id FROM people WHERE manager_id = $1) \
             AND (c.person_id = $1 OR c.solo = 0) AND c.state IN ('proposed', 'accepted', 'scheduled', 'rescheduled', 'held') \
             ORDER BY c.starts_at IS NULL, c.starts_at, c.created_at"
        );
        let rows = sqlx::query(&sql).bind(actor.id.as_str()).fetch_all(&self.pool).await.db()?;
        rows.iter().map(conversation_from_row).collect()
    }
}

fn event_from_row(row: &AnyRow) -> Result<ConversationEvent> {
    let state: String = row.try_get("state").db()?;
    Ok(ConversationEvent {
        actor_name: row.try_get("actor_name").db()?,
        action: row.try_get("move").db()?,
        state: State::parse(&state).unwrap_or(State::Proposed),
        starts_at: row.try_get("starts_at").db()?,
        time_zone: row.try_get("time_zone").db()?,
        at: row.try_get("at").db()?,
    })
}

pub(crate) fn not_found() -> Error {
    Error::NotFound("There is no such conversation, or it is not shared with you.".into())
}
