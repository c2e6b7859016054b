//! The shapes of conversations and their documents in the API: what a reader sees of one
//! conversation (its state, times, the moves open to them, its history and the documents the
//! policy lets them read), and the bodies that propose, move and write.

use super::views::rfc3339;
use serde::{Deserialize, Serialize};
use trellis_core::conversation::Side;
use trellis_store::{Conversation, ConversationEvent, ConversationView, Document, Revision};
use utoipa::ToSchema;

/// A conversation, without its documents.
#[derive(Serialize, ToSchema)]
pub struct ConversationSummary {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub title: String,
    /// The playbook it follows, and which of its steps (0-based).
    pub playbook_key: String,
    pub step: usize,
    /// proposed, accepted, scheduled, rescheduled, held, followed_up, declined, cancelled or skipped.
    pub state: String,
    /// Worked through by the person alone.
    pub solo: bool,
    /// The agreed start (RFC 3339), if there is one.
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    pub minutes: u32,
    pub time_zone: String,
    /// A new time one side proposed, waiting for the other.
    #[schema(format = DateTime)]
    pub proposed_starts_at: Option<String>,
    #[schema(format = DateTime)]
    pub held_at: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<&Conversation> for ConversationSummary {
    fn from(c: &Conversation) -> Self {
        Self {
            id: c.id.to_string(),
            person_id: c.person_id.to_string(),
            person_name: c.person_name.clone(),
            title: c.title.clone(),
            playbook_key: c.playbook_key.clone(),
            step: c.step_index,
            state: c.state.as_str().to_string(),
            solo: c.solo,
            starts_at: c.starts_at.map(rfc3339),
            minutes: c.minutes,
            time_zone: c.time_zone.clone(),
            proposed_starts_at: c.proposed_starts_at.map(rfc3339),
            held_at: c.held_at.map(rfc3339),
            created_at: rfc3339(c.created_at),
        }
    }
}

/// One thing that happened to a conversation.
#[derive(Serialize, ToSchema)]
pub struct EventView {
    /// The move's name, or "propose".
    pub action: String,
    pub by: String,
    /// The state it left the conversation in.
    pub state: String,
    #[schema(format = DateTime)]
    pub at: String,
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
}

impl From<&ConversationEvent> for EventView {
    fn from(e: &ConversationEvent) -> Self {
        Self {
            action: e.action.clone(),
            by: e.actor_name.clone(),
            state: e.state.as_str().to_string(),
            at: rfc3339(e.at),
            starts_at: e.starts_at.map(rfc3339),
        }
    }
}

/// A document of a conversation as its reader may see it.
#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: String,
    /// Where it is written to: shared, private, or prep:GROUP.PROMPT.
    pub slot: String,
    /// private, shared or manager_only, as the policy names them.
    pub visibility: String,
    pub body: String,
    /// Send it back when saving, so a newer save by the other side is not overwritten.
    pub revision: i64,
    pub updated_by: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// Whether the reader may change it.
    pub writable: bool,
}

/// The slot name of a stored document key ("c:ID:prep:0.1" → "prep:0.1").
fn slot_of(key: &str) -> String {
    let rest = key.splitn(3, ':').nth(2).unwrap_or(key);
    if rest.starts_with("private:") {
        "private".into()
    } else {
        rest.to_string()
    }
}

impl From<&Document> for DocumentView {
    fn from(d: &Document) -> Self {
        Self {
            id: d.id.to_string(),
            slot: slot_of(&d.key),
            visibility: d.visibility.as_str().to_string(),
            body: d.body.clone(),
            revision: d.revision,
            updated_by: d.updated_by.clone(),
            updated_at: rfc3339(d.updated_at),
            writable: d.writable,
        }
    }
}

/// A conversation with what its reader may do and read.
#[derive(Serialize, ToSchema)]
pub struct ConversationDetail {
    pub conversation: ConversationSummary,
    /// The reader's side: person or manager.
    pub side: String,
    /// The moves open to the reader now.
    pub moves: Vec<String>,
    pub history: Vec<EventView>,
    pub documents: Vec<DocumentView>,
}

impl ConversationDetail {
    pub fn new(view: &ConversationView, documents: &[Document]) -> Self {
        Self {
            conversation: (&view.conversation).into(),
            side: if view.side == Side::Person { "person" } else { "manager" }.into(),
            moves: view.moves.iter().map(|m| m.as_str().to_string()).collect(),
            history: view.history.iter().map(Into::into).collect(),
            documents: documents.iter().map(Into::into).collect(),
        }
    }
}

/// A time for a conversation: its start, how long, and the zone it was agreed in.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TimeBody {
    /// RFC 3339, in the future.
    #[schema(format = DateTime)]
    pub starts_at: String,
    /// 15–240; 60 when left out.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// An IANA zone such as Europe/Lisbon; the person's own when left out.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A conversation to propose (or, alone, to start).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalBody {
    /// The playbook to follow (see `/api/v1/playbooks`).
    pub playbook_key: String,
    /// One of its steps (0-based), or leave out for the whole series.
    #[serde(default)]
    pub step: Option<usize>,
    /// The person works through it alone.
    #[serde(default)]
    pub solo: bool,
    #[serde(default)]
    pub time: Option<TimeBody>,
    /// Go ahead with a time that leaves less than the playbook's preparation time.
    #[serde(default)]
    pub confirm_short_notice: bool,
}

/// A move: accept, decline, schedule, propose_time, confirm_time, ready, not_ready, hold,
/// follow_up, cancel or skip (see `moves` on the conversation).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    #[serde(rename = "move")]
    #[schema(value_type = super::content_params::MoveParam)]
    pub mv: String,
    /// For the moves that set a time (schedule, propose_time, not_ready).
    #[serde(default)]
    pub time: Option<TimeBody>,
    /// Optional steps of a series left out when accepting it, by id.
    #[serde(default)]
    pub skip: Vec<String>,
    #[serde(default)]
    pub confirm_short_notice: bool,
}

/// A document's new text.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentBody {
    pub body: String,
    /// The revision the text was written from (0 for a new document).
    pub revision: i64,
    /// For a prep answer: share it with the manager.
    #[serde(default)]
    pub shared: bool,
}

/// An earlier version of a document.
#[derive(Serialize, ToSchema)]
pub struct RevisionView {
    pub revision: i64,
    pub written_by: String,
    #[schema(format = DateTime)]
    pub saved_at: String,
    pub body: String,
}

impl From<&Revision> for RevisionView {
    fn from(r: &Revision) -> Self {
        Self {
            revision: r.revision,
            written_by: r.written_by.clone(),
            saved_at: rfc3339(r.saved_at),
            body: r.body.clone(),
        }
    }
}

/// A document and its earlier versions, newest first.
#[derive(Serialize, ToSchema)]
pub struct DocumentHistoryView {
    pub document: DocumentView,
    pub earlier: Vec<RevisionView>,
}
