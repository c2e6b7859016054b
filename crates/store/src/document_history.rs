//! The earlier versions of documents written together (a conversation's shared notes). A
//! version is kept each time one side saves over text the other side wrote last; a writer's
//! own run of saves (autosave while typing) keeps nothing, since they replace their own words.
//! Reading the versions goes through the policy with the document itself and is audited.

use crate::access::Actor;
use crate::conversations::Conversation;
use crate::db::{DbResult, Store};
use crate::documents::Document;
use sqlx::{AnyConnection, Row};
use trellis_core::ids::{NoteId, PersonId};
use trellis_core::policy::{Action, Editing};
use trellis_core::{Error, Result};

/// An earlier version of a document.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Revision {
    pub revision: i64,
    pub written_by: String,
    pub saved_at: i64,
    pub body: String,
}

/// Keeps `previous` (the version about to be replaced) when someone other than its last writer
/// replaces it in a document written together.
pub(crate) async fn keep_if_written_over(
    conn: &mut AnyConnection,
    person: &PersonId,
    previous: &Document,
    editing: Editing,
    writer: &PersonId,
) -> Result<()> {
    if editing != Editing::Together || &previous.updated_by_id == writer || previous.body.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO document_revisions (id, note_id, person_id, written_by, revision, body, saved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(PersonId::generate().to_string())
    .bind(previous.id.as_str())
    .bind(person.as_str())
    .bind(previous.updated_by_id.as_str())
    .bind(previous.revision)
    .bind(&previous.body)
    .bind(previous.updated_at)
    .execute(&mut *conn)
    .await
    .db()?;
    Ok(())
}

impl Store {
    /// The document `id` of a conversation with its earlier versions, newest first, if the
    /// actor may read it. Audited for anyone but the person.
    pub async fn document_history(
        &self,
        actor: &Actor,
        conversation: &Conversation,
        id: &NoteId,
    ) -> Result<(Document, Vec<Revision>)> {
        let relations = self.relations(actor, &conversation.person_id).await?;
        let readable = self.readable_documents(actor, &relations, Some(&conversation.id), None).await?;
        let document =
            readable.into_iter().find(|d| &d.id == id).ok_or_else(|| Error::NotFound("no such document".into()))?;
        let rows = sqlx::query(
            "SELECT r.revision, r.body, r.saved_at, p.name AS written_by FROM document_revisions r \
             JOIN people p ON p.id = r.written_by WHERE r.note_id = $1 ORDER BY r.revision DESC",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .db()?;
        let revisions = rows
            .iter()
            .map(|row| {
                Ok(Revision {
                    revision: row.try_get("revision").db()?,
                    written_by: row.try_get("written_by").db()?,
                    saved_at: row.try_get("saved_at").db()?,
                    body: row.try_get("body").db()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.record_access_now(actor, &conversation.person_id, Action::Read, "document_versions", &[id.as_str()])
            .await?;
        Ok((document, revisions))
    }
}
