//! Deleting a whole career space: every artefact (with its history, ratings and observations),
//! note, prep answer and document with its earlier versions, conversation with its history,
//! playbook composed for the person, and the trail, in one transaction. The trail then holds
//! one line: that the space was deleted, when, and by whom. The person may do it; the people
//! team may do it for someone who has left, and sees only counts, never content.

use crate::access::Actor;
use crate::audit::{record_account_event, AuditRow, Recorded};
use crate::db::{now_millis, Backend, DbResult, Store};
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::policy::may_delete_space;
use trellis_core::{Error, Result};

/// What a space holds, counted, for the confirmation that names what will go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpaceContents {
    /// Plan items by kind key (journal entries, goals, …).
    pub artefacts: Vec<(String, i64)>,
    pub notes: i64,
    pub documents: i64,
    pub conversations: i64,
}

impl SpaceContents {
    /// Whether there is nothing to delete.
    pub fn is_empty(&self) -> bool {
        self.artefacts.is_empty() && self.notes == 0 && self.documents == 0 && self.conversations == 0
    }
}

/// The statements that empty a space, in an order the foreign keys accept.
const DELETIONS: [&str; 12] = [
    "DELETE FROM artefacts WHERE person_id = $1",
    "DELETE FROM document_revisions WHERE person_id = $1",
    "DELETE FROM notes WHERE person_id = $1",
    "DELETE FROM agenda_items WHERE person_id = $1",
    "DELETE FROM planned_conversations WHERE person_id = $1",
    "DELETE FROM check_ins WHERE person_id = $1",
    "DELETE FROM conversation_events WHERE conversation_id IN (SELECT id FROM conversations WHERE person_id = $1)",
    "DELETE FROM conversations WHERE person_id = $1",
    "DELETE FROM playbooks WHERE composed_for = $1",
    "DELETE FROM saved_once WHERE person_id = $1",
    "DELETE FROM plan_reviews WHERE person_id = $1",
    "DELETE FROM audit_trail WHERE person_id = $1",
];

impl Store {
    async fn check_may_delete(&self, actor: &Actor, person: &PersonId) -> Result<()> {
        let relations = self.relations(actor, person).await?;
        let active = self.person(person).await?.active;
        if !may_delete_space(&relations, active) {
            return Err(Error::Forbidden(
                "Only the person deletes their space; the people team may, once the person has left.".into(),
            ));
        }
        Ok(())
    }

    /// How much the space holds, for whoever may delete it (counts only, never content).
    pub async fn space_contents(&self, actor: &Actor, person: &PersonId) -> Result<SpaceContents> {
        self.check_may_delete(actor, person).await?;
        let rows =
            sqlx::query("SELECT kind, COUNT(*) AS n FROM artefacts WHERE person_id = $1 GROUP BY kind ORDER BY kind")
                .bind(person.as_str())
                .fetch_all(&self.pool)
                .await
                .db()?;
        let artefacts = rows
            .iter()
            .map(|row| Ok((row.try_get("kind").db()?, row.try_get("n").db()?)))
            .collect::<Result<Vec<(String, i64)>>>()?;
        let count = |sql: &'static str| async move {
            sqlx::query_scalar::<_, i64>(sql).bind(person.as_str()).fetch_one(&self.pool).await.db()
        };
        Ok(SpaceContents {
            artefacts,
            notes: count("SELECT COUNT(*) FROM notes WHERE person_id = $1 AND doc_key IS NULL").await?,
            documents: count("SELECT COUNT(*) FROM notes WHERE person_id = $1 AND doc_key IS NOT NULL").await?,
            conversations: count("SELECT COUNT(*) FROM conversations WHERE person_id = $1").await?,
        })
    }

    /// Deletes everything in the person's space in one transaction, leaving one line in their
    /// trail. On SQLite the freed pages are overwritten (`secure_delete`) and the journal is
    /// checkpointed, so the text is gone from the files too.
    pub async fn delete_space(&self, actor: &Actor, person: &PersonId) -> Result<()> {
        self.check_may_delete(actor, person).await?;
        let mut tx = self.begin_write().await?;
        if self.backend() == Backend::Sqlite {
            sqlx::query("PRAGMA secure_delete = ON").execute(&mut *tx).await.db()?;
        }
        for statement in DELETIONS {
            sqlx::query(statement).bind(person.as_str()).execute(&mut *tx).await.db()?;
        }
        let row = AuditRow::account_event(
            person,
            &actor.id,
            actor.link_maker.as_ref(),
            Recorded::Delete,
            "space",
            now_millis(),
        );
        record_account_event(&mut tx, row).await?;
        tx.commit().await.db()?;
        if self.backend() == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.writer).await.db()?;
        }
        Ok(())
    }
}
