//! How a conversation is stored: the columns read for it and their conversion to a
//! `Conversation`, from a row or from one entry of `Backend::rows_as_json` (for the long lists
//! of a team's follow-through).

use super::Conversation;
use crate::db::DbResult;
use sqlx::any::AnyRow;
use sqlx::FromRow;
use trellis_core::conversation::{Side, State};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::one_on_one::Rhythm;
use trellis_core::{Error, Result};

/// The columns of `CONVERSATION_SELECT`, in the order of `StoredConversation`'s fields.
pub(crate) const CONVERSATION_COLUMNS: [&str; 22] = [
    "id",
    "series_id",
    "person_id",
    "person_name",
    "solo",
    "started_by",
    "playbook_key",
    "playbook_version",
    "step_index",
    "title",
    "optional",
    "state",
    "starts_at",
    "minutes",
    "time_zone",
    "proposed_starts_at",
    "time_proposed_by",
    "ready",
    "created_at",
    "updated_at",
    "held_at",
    "rhythm",
];

/// A conversation with the person's name, for the condition that follows.
pub(crate) const CONVERSATION_SELECT: &str = "SELECT c.id, c.series_id, c.person_id, p.name AS person_name, \
    c.solo, c.started_by, c.playbook_key, c.playbook_version, c.step_index, c.title, c.optional, c.state, \
    c.starts_at, c.minutes, c.time_zone, c.proposed_starts_at, c.time_proposed_by, c.ready, c.created_at, \
    c.updated_at, c.held_at, c.rhythm FROM conversations c JOIN people p ON p.id = c.person_id";

/// A conversation as its columns hold it.
#[derive(Debug, FromRow, serde::Deserialize)]
pub(crate) struct StoredConversation {
    id: String,
    series_id: String,
    person_id: String,
    person_name: String,
    solo: i64,
    started_by: String,
    playbook_key: String,
    playbook_version: i64,
    step_index: i64,
    title: String,
    optional: i64,
    state: String,
    starts_at: Option<i64>,
    minutes: i64,
    time_zone: String,
    proposed_starts_at: Option<i64>,
    time_proposed_by: Option<String>,
    ready: i64,
    created_at: i64,
    updated_at: i64,
    held_at: Option<i64>,
    rhythm: Option<String>,
    /// Whether the person wrote a prep answer, where the query asks (`prepared`, after the
    /// columns above).
    #[sqlx(default)]
    #[serde(default)]
    pub(crate) prepared: i64,
}

impl TryFrom<StoredConversation> for Conversation {
    type Error = Error;

    fn try_from(row: StoredConversation) -> Result<Self> {
        let state = State::parse(&row.state).ok_or_else(|| Error::internal(format!("unknown state {}", row.state)))?;
        Ok(Conversation {
            id: ConversationId::from_stored(row.id),
            series_id: row.series_id,
            person_id: PersonId::from_stored(row.person_id),
            person_name: row.person_name,
            solo: row.solo != 0,
            started_by: parse_side(&row.started_by),
            playbook_key: row.playbook_key,
            playbook_version: row.playbook_version,
            step_index: usize::try_from(row.step_index).unwrap_or_default(),
            title: row.title,
            optional: row.optional != 0,
            state,
            starts_at: row.starts_at,
            minutes: u32::try_from(row.minutes).unwrap_or_default(),
            time_zone: row.time_zone,
            proposed_starts_at: row.proposed_starts_at,
            time_proposed_by: row.time_proposed_by.as_deref().map(parse_side),
            ready: row.ready != 0,
            created_at: row.created_at,
            updated_at: row.updated_at,
            held_at: row.held_at,
            rhythm: row.rhythm.as_deref().and_then(Rhythm::parse),
        })
    }
}

pub(crate) fn side_name(side: Side) -> &'static str {
    match side {
        Side::Person => "person",
        Side::Manager => "manager",
    }
}

fn parse_side(raw: &str) -> Side {
    if raw == "manager" {
        Side::Manager
    } else {
        Side::Person
    }
}

pub(crate) fn conversation_from_row(row: &AnyRow) -> Result<Conversation> {
    StoredConversation::from_row(row).db()?.try_into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_select_lists_the_columns_in_the_order_of_the_fields() {
        let listed = CONVERSATION_SELECT.trim_start_matches("SELECT ").split(" FROM ").next().unwrap();
        let names: Vec<&str> = listed.split(", ").map(|c| c.rsplit([' ', '.']).next().unwrap()).collect();
        assert_eq!(names, CONVERSATION_COLUMNS);
    }
}
