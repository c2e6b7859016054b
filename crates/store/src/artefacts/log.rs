//! An artefact's history: every status it moved to (a goal's outcome, with the conversation at
//! which it was decided) and every week a practice skill was practised. Entries are added,
//! never changed. Reading the history goes through the same policy as reading the items.

use super::write::{count_in_first_status, take_turns_in_space};
use super::{not_found, Artefact};
use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
use jiff::civil::Date;
use sqlx::Row;
use std::collections::HashMap;
use trellis_core::artefact::{check_limit, Kind};
use trellis_core::ids::{ArtefactId, ConversationId, PersonId};
use trellis_core::{Error, Result};

/// One line of an artefact's history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LogEntry {
    /// "status", "practised", "rating" (the person's own, 1–5), "observation" (the
    /// manager's, by invitation) or "reviewed" (a goal looked at in a one-on-one).
    pub entry: String,
    /// The status moved to, the week practised (its Monday), or the level (may be empty for
    /// an observation).
    pub value: String,
    /// Who wrote it: the person, or for an observation their manager.
    pub author_id: PersonId,
    pub note: String,
    pub conversation_id: Option<ConversationId>,
    pub on_date: String,
    pub created_at: i64,
}

/// The history of each of a set of artefacts, by artefact.
pub type ArtefactHistory = HashMap<ArtefactId, Vec<LogEntry>>;

/// A status change as asked for.
#[derive(Clone, Debug, Default)]
pub struct StatusChange<'a> {
    pub status: &'a str,
    pub note: &'a str,
    /// The conversation at which it was decided, if any.
    pub conversation: Option<&'a ConversationId>,
}

impl Store {
    /// Moves an artefact to another of its kind's statuses (a dream crossed out, a goal
    /// achieved) and keeps the change in its history. Moving back into the first status counts
    /// against the kind's limit.
    pub async fn set_artefact_status(&self, actor: &Actor, id: &ArtefactId, status: &str) -> Result<Artefact> {
        self.change_status(actor, id, &StatusChange { status, ..StatusChange::default() }).await
    }

    /// As `set_artefact_status`, with a note and the conversation it was decided at.
    pub async fn change_status(&self, actor: &Actor, id: &ArtefactId, change: &StatusChange<'_>) -> Result<Artefact> {
        let current = self.writable_artefact(actor, id).await?;
        if change.status.trim().is_empty() {
            return Err(Error::invalid("status", "choose one"));
        }
        if !current.kind.statuses().iter().any(|(key, _)| *key == change.status) {
            return Err(Error::invalid("status", "is not one this item can have"));
        }
        if let Some(conversation) = change.conversation {
            let owner: Option<String> = sqlx::query_scalar("SELECT person_id FROM conversations WHERE id = $1")
                .bind(conversation.as_str())
                .fetch_optional(&self.pool)
                .await
                .db()?;
            if owner.as_deref() != Some(current.person_id.as_str()) {
                return Err(Error::invalid("conversation", "is not one of this person's conversations"));
            }
        }
        let now = now_millis();
        let today = jiff::Zoned::now().date().to_string();
        let mut tx = self.begin_write().await?;
        if change.status == current.kind.first_status() && current.status != change.status {
            take_turns_in_space(&mut tx, self.backend(), &current.person_id).await?;
            check_limit(current.kind, count_in_first_status(&mut tx, &current.person_id, current.kind).await?)?;
        }
        sqlx::query("UPDATE artefacts SET status = $1, revision = revision + 1, updated_at = $2 WHERE id = $3")
            .bind(change.status)
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .db()?;
        insert_entry(
            &mut tx,
            actor,
            id,
            ("status", change.status, change.note.trim()),
            change.conversation,
            &today,
            now,
        )
        .await?;
        tx.commit().await.db()?;
        self.writable_artefact(actor, id).await
    }

    /// Marks the week starting `monday` as practised (or not) for a weekly practice skill.
    pub async fn mark_practised(&self, actor: &Actor, id: &ArtefactId, monday: Date, practised: bool) -> Result<()> {
        let current = self.writable_artefact(actor, id).await?;
        if current.kind != Kind::WeeklySkill {
            return Err(not_found());
        }
        let week = monday.to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM artefact_log WHERE artefact_id = $1 AND entry = 'practised' AND on_date = $2")
            .bind(id.as_str())
            .bind(&week)
            .execute(&mut *tx)
            .await
            .db()?;
        if practised {
            insert_entry(&mut tx, actor, id, ("practised", &week, ""), None, &week, now_millis()).await?;
        }
        tx.commit().await.db()
    }

    /// The history of each readable artefact of one kind in `person`'s space, by item.
    pub async fn artefact_history(
        &self,
        actor: &Actor,
        person: &PersonId,
        kind: Kind,
    ) -> Result<(Vec<Artefact>, ArtefactHistory)> {
        let items = self.artefacts(actor, person, Some(kind)).await?;
        let history = self.history_of(person, kind, &items).await?;
        Ok((items, history))
    }

    /// The history of `items`, which the policy let through (of one kind in `person`'s space).
    pub(crate) async fn history_of(
        &self,
        person: &PersonId,
        kind: Kind,
        items: &[Artefact],
    ) -> Result<ArtefactHistory> {
        let rows = sqlx::query(
            "SELECT l.artefact_id, l.entry, l.value, l.note, l.conversation_id, l.on_date, l.created_at, l.author_id \
             FROM artefact_log l JOIN artefacts a ON a.id = l.artefact_id \
             WHERE a.person_id = $1 AND a.kind = $2 ORDER BY l.created_at, l.id",
        )
        .bind(person.as_str())
        .bind(kind.key())
        .fetch_all(&self.pool)
        .await
        .db()?;
        let mut history = ArtefactHistory::new();
        for row in rows {
            let artefact = ArtefactId::from_stored(row.try_get("artefact_id").db()?);
            // Only the history of the items the policy let through.
            if !items.iter().any(|item| item.id == artefact) {
                continue;
            }
            let conversation: Option<String> = row.try_get("conversation_id").db()?;
            history.entry(artefact).or_default().push(LogEntry {
                entry: row.try_get("entry").db()?,
                value: row.try_get("value").db()?,
                author_id: PersonId::from_stored(row.try_get("author_id").db()?),
                note: row.try_get("note").db()?,
                conversation_id: conversation.map(ConversationId::from_stored),
                on_date: row.try_get("on_date").db()?,
                created_at: row.try_get("created_at").db()?,
            });
        }
        Ok(history)
    }
}

pub(crate) async fn insert_entry(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    id: &ArtefactId,
    (entry, value, note): (&str, &str, &str),
    conversation: Option<&ConversationId>,
    on_date: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO artefact_log (id, artefact_id, entry, value, note, conversation_id, on_date, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(id.as_str())
    .bind(entry)
    .bind(value)
    .bind(note)
    .bind(conversation.map(ConversationId::as_str))
    .bind(on_date)
    .bind(actor.id.as_str())
    .bind(now)
    .execute(conn)
    .await
    .db()?;
    Ok(())
}
