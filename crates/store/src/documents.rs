//! Documents written in place (see `trellis_core::conversation::document`): saved with the
//! revision the writer started from, so that a save based on an old revision is caught and both
//! versions go back to the writer instead of one silently replacing the other. Reads and writes
//! go through the access policy and the audit trail like every other piece of career content.

use crate::access::Actor;
use crate::audit::record_access;
use crate::conversations::Conversation;
use crate::db::{now_millis, DbResult, Store};
use crate::document_history::keep_if_written_over;
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::conversation::document::{check_document_body, Slot};
use trellis_core::handoff::Topic;
use trellis_core::ids::{ConversationId, NoteId, PersonId};
use trellis_core::policy::{decide, may_write_as_the_person, Action, Editing, ItemAccess, Relations, Visibility};
use trellis_core::{Error, Result};

/// A document as its reader sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Document {
    pub id: NoteId,
    pub key: String,
    pub author_id: PersonId,
    pub visibility: Visibility,
    pub body: String,
    pub revision: i64,
    pub updated_at: i64,
    pub created_at: i64,
    pub updated_by: String,
    pub updated_by_id: PersonId,
    /// Whether the reader may change it.
    pub writable: bool,
}

/// What came of a save.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Saved as this revision.
    Saved(Document),
    /// Someone saved a newer revision since the writer loaded theirs; nothing was written.
    Stale { theirs: Document },
}

/// Where a document lives and what the writer asks for.
#[derive(Clone, Debug)]
pub struct DocumentSave<'a> {
    pub person: &'a PersonId,
    pub conversation: Option<&'a Conversation>,
    pub slot: Slot,
    /// Only read where the slot lets the author choose (prep answers).
    pub visibility: Visibility,
    pub body: &'a str,
    /// The revision the writer started from; 0 for a document that did not exist yet.
    pub base_revision: i64,
}

const DOCUMENT_SELECT: &str = "SELECT n.id, n.doc_key, n.author_id, n.visibility, n.body, n.revision, \
    n.updated_at, n.created_at, COALESCE(u.name, a.name) AS updated_by, COALESCE(n.updated_by, n.author_id) AS updated_by_id \
    FROM notes n JOIN people a ON a.id = n.author_id \
    LEFT JOIN people u ON u.id = n.updated_by";

fn document_from_row(row: &AnyRow) -> Result<Document> {
    let visibility: String = row.try_get("visibility").db()?;
    Ok(Document {
        id: NoteId::from_stored(row.try_get("id").db()?),
        key: row.try_get("doc_key").db()?,
        author_id: PersonId::from_stored(row.try_get("author_id").db()?),
        visibility: Visibility::parse(&visibility).unwrap_or_default(),
        body: row.try_get("body").db()?,
        revision: row.try_get("revision").db()?,
        updated_at: row.try_get("updated_at").db()?,
        created_at: row.try_get("created_at").db()?,
        updated_by: row.try_get("updated_by").db()?,
        updated_by_id: PersonId::from_stored(row.try_get("updated_by_id").db()?),
        writable: false,
    })
}

/// What a document is about, for a hold after a change of manager.
fn topic_for_key(key: &str) -> Topic {
    match Slot::from_key(key) {
        Some(Slot::Boundaries) => Topic::Boundaries,
        _ => Topic::Conversations,
    }
}

/// Who may change a stored document; a key nobody knows is changed by its author alone.
fn editing_for_key(key: &str) -> Editing {
    Slot::from_key(key).map_or(Editing::AuthorOnly, |slot| slot.editing())
}

/// Keeps the documents the policy lets the actor read, marking the ones they may change.
fn readable(actor: &Actor, relations: &Relations, rows: &[AnyRow]) -> Result<Vec<Document>> {
    let mut visible = Vec::new();
    for row in rows {
        let mut document = document_from_row(row)?;
        let item = ItemAccess {
            visibility: document.visibility,
            author: &document.author_id,
            editing: editing_for_key(&document.key),
            written: Some((topic_for_key(&document.key), document.created_at)),
        };
        if decide(&actor.id, relations, item, Action::Read).is_allowed() {
            document.writable = decide(&actor.id, relations, item, Action::Write).is_allowed();
            visible.push(document);
        }
    }
    Ok(visible)
}

impl Store {
    /// The documents of a conversation the actor may read. Audited for anyone but the person.
    pub async fn conversation_documents(&self, actor: &Actor, conversation: &Conversation) -> Result<Vec<Document>> {
        let relations = self.relations(actor, &conversation.person_id).await?;
        let documents = self.readable_documents(actor, &relations, Some(&conversation.id), None).await?;
        self.audit_documents(actor, &conversation.person_id, Action::Read, &documents).await?;
        Ok(documents)
    }

    /// The person's boundaries, if the actor may read them (the person and their current
    /// manager). Audited for anyone but the person.
    pub async fn boundaries(&self, actor: &Actor, person: &PersonId) -> Result<Option<Document>> {
        let relations = self.relations(actor, person).await?;
        let documents = self.readable_documents(actor, &relations, None, Some(person)).await?;
        self.audit_documents(actor, person, Action::Read, &documents).await?;
        Ok(documents.into_iter().next())
    }

    /// The documents of a conversation and the boundaries of a person, those the policy lets the
    /// actor read, in one query, by key. Not audited: the caller records the reads.
    pub(crate) async fn readable_documents(
        &self,
        actor: &Actor,
        relations: &Relations,
        conversation: Option<&ConversationId>,
        boundaries_of: Option<&PersonId>,
    ) -> Result<Vec<Document>> {
        let mut selects = Vec::new();
        if conversation.is_some() {
            selects.push(format!("{DOCUMENT_SELECT} WHERE n.conversation_id = ${}", selects.len() + 1));
        }
        if boundaries_of.is_some() {
            selects.push(format!(
                "{DOCUMENT_SELECT} WHERE n.person_id = ${} AND n.doc_key = 'boundaries'",
                selects.len() + 1
            ));
        }
        if selects.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("{} ORDER BY doc_key", selects.join(" UNION ALL "));
        let mut query = sqlx::query(&sql);
        for id in [conversation.map(ConversationId::as_str), boundaries_of.map(PersonId::as_str)].into_iter().flatten()
        {
            query = query.bind(id);
        }
        let rows = query.fetch_all(&self.pool).await.db()?;
        readable(actor, relations, &rows)
    }

    async fn audit_documents(&self, actor: &Actor, person: &PersonId, action: Action, docs: &[Document]) -> Result<()> {
        let ids: Vec<&NoteId> = docs.iter().map(|d| &d.id).collect();
        self.record_access_now(actor, person, action, "document", &ids).await
    }

    /// Saves a document if the policy lets the actor write it and nobody saved a newer revision
    /// since `base_revision`.
    pub async fn save_document(&self, actor: &Actor, save: &DocumentSave<'_>) -> Result<SaveOutcome> {
        check_document_body(save.body)?;
        let relations = self.relations(actor, save.person).await?;
        if save.slot.written_by_the_person() && !may_write_as_the_person(&relations) {
            return Err(Error::Forbidden("Only the person writes this.".into()));
        }
        let conversation_id: Option<&ConversationId> = save.conversation.map(|c| &c.id);
        let key = save.slot.key(conversation_id, &actor.id);
        let sql = format!("{DOCUMENT_SELECT} WHERE n.person_id = $1 AND n.doc_key = $2");
        let existing = sqlx::query(&sql).bind(save.person.as_str()).bind(&key).fetch_optional(&self.pool).await.db()?;
        let existing = existing.as_ref().map(document_from_row).transpose()?;
        let author = existing.as_ref().map_or(&actor.id, |d| &d.author_id).clone();
        let visibility = save.slot.fixed_visibility().unwrap_or(save.visibility);
        let written_at = existing.as_ref().map_or_else(now_millis, |d| d.created_at);
        let item = ItemAccess {
            visibility,
            author: &author,
            editing: save.slot.editing(),
            written: Some((topic_for_key(&key), written_at)),
        };
        if let Some(conversation) = save.conversation {
            if super::conversations::side_of(actor, &relations, conversation).is_none() {
                return Err(super::conversations::not_found());
            }
            if !conversation.state.takes_notes() {
                let state = conversation.state.label().to_lowercase();
                return Err(Error::Conflict(format!("This conversation was {state}, so nothing is written in it.")));
            }
        }
        if !decide(&actor.id, &relations, item, Action::Write).is_allowed() {
            return Err(Error::Forbidden("You cannot write this.".into()));
        }
        let base = save.base_revision;
        match &existing {
            Some(theirs) if theirs.revision != base => return Ok(SaveOutcome::Stale { theirs: theirs.clone() }),
            None if base != 0 => return Err(Error::Conflict("This document was removed meanwhile.".into())),
            _ => {}
        }
        let id = NoteId::generate();
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let written = if base == 0 {
            sqlx::query(
                "INSERT INTO notes (id, person_id, author_id, visibility, body, created_at, updated_at, \
                 conversation_id, doc_key, revision, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, 1, $3)",
            )
            .bind(id.as_str())
            .bind(save.person.as_str())
            .bind(actor.id.as_str())
            .bind(visibility.as_str())
            .bind(save.body)
            .bind(now)
            .bind(conversation_id.map(ConversationId::as_str))
            .bind(&key)
            .execute(&mut *tx)
            .await
            .map_or_else(
                |error| match error.as_database_error() {
                    Some(db) if db.is_unique_violation() => Ok(0),
                    _ => Err(error),
                },
                |r| Ok(r.rows_affected()),
            )
            .db()?
        } else {
            sqlx::query(
                "UPDATE notes SET body = $1, visibility = $2, revision = revision + 1, updated_at = $3, \
                 updated_by = $4 WHERE person_id = $5 AND doc_key = $6 AND revision = $7",
            )
            .bind(save.body)
            .bind(visibility.as_str())
            .bind(now)
            .bind(actor.id.as_str())
            .bind(save.person.as_str())
            .bind(&key)
            .bind(base)
            .execute(&mut *tx)
            .await
            .db()?
            .rows_affected()
        };
        if written != 1 {
            // Another save won the race (or created the document first): hand back theirs.
            drop(tx);
            let row = sqlx::query(&sql).bind(save.person.as_str()).bind(&key).fetch_one(&self.pool).await.db()?;
            return Ok(SaveOutcome::Stale { theirs: document_from_row(&row)? });
        }
        if let Some(previous) = &existing {
            keep_if_written_over(&mut tx, save.person, previous, save.slot.editing(), &actor.id).await?;
        }
        let row = sqlx::query(&sql).bind(save.person.as_str()).bind(&key).fetch_one(&mut *tx).await.db()?;
        let mut saved = document_from_row(&row)?;
        saved.writable = true;
        record_access(&mut tx, actor, save.person, Action::Write, "document", &[&saved.id]).await?;
        tx.commit().await.db()?;
        Ok(SaveOutcome::Saved(saved))
    }
}
