//! Notes in a person's career space: the first kind of career content. Each note has an author
//! and a visibility; reading and writing go through the access policy, and every access by
//! someone other than the person lands in the person's audit trail.

use crate::access::Actor;
use crate::audit::record_access;
use crate::db::{now_millis, DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::handoff::Topic;
use trellis_core::ids::{NoteId, PersonId};
use trellis_core::policy::{decide, visibilities_for_author, Action, ItemAccess, Visibility};
use trellis_core::{Error, Result};

/// The longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// A note as its reader sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Note {
    pub id: NoteId,
    pub person_id: PersonId,
    pub author_id: PersonId,
    pub author_name: String,
    pub visibility: Visibility,
    pub body: String,
    pub created_at: i64,
    /// Whether the reader may delete it: its author alone (decided by the access policy).
    pub deletable: bool,
}

fn note_from_row(row: &AnyRow) -> Result<Note> {
    let visibility: String = row.try_get("visibility").db()?;
    Ok(Note {
        id: NoteId::from_stored(row.try_get("id").db()?),
        person_id: PersonId::from_stored(row.try_get("person_id").db()?),
        author_id: PersonId::from_stored(row.try_get("author_id").db()?),
        author_name: row.try_get("author_name").db()?,
        visibility: Visibility::parse(&visibility).unwrap_or_default(),
        body: row.try_get("body").db()?,
        created_at: row.try_get("created_at").db()?,
        deletable: false,
    })
}

const NOTE_SELECT: &str = "SELECT n.id, n.person_id, n.author_id, a.name AS author_name, n.visibility, \
    n.body, n.created_at FROM notes n JOIN people a ON a.id = n.author_id";

/// Checks a note's text: not blank, not too long, and free of NUL characters (which no
/// database text column can hold). Everything else is kept exactly as written.
pub fn check_note_body(body: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(Error::invalid("body", "is empty"));
    }
    if body.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::invalid("body", format!("is longer than {MAX_NOTE_CHARS} characters")));
    }
    if body.contains('\0') {
        return Err(Error::invalid("body", "contains a NUL character"));
    }
    Ok(())
}

impl Store {
    /// The notes of `person`'s space that `actor` may read, newest first. Reads by anyone but
    /// the person are audited.
    pub async fn notes_for(&self, actor: &Actor, person: &PersonId) -> Result<Vec<Note>> {
        let relations = self.relations(actor, person).await?;
        let sql =
            format!("{NOTE_SELECT} WHERE n.person_id = $1 AND n.doc_key IS NULL ORDER BY n.created_at DESC, n.id");
        let rows = sqlx::query(&sql).bind(person.as_str()).fetch_all(&self.pool).await.db()?;
        let mut visible = Vec::new();
        for row in &rows {
            let mut note = note_from_row(row)?;
            let item = ItemAccess::together(note.visibility, &note.author_id).written(Topic::Notes, note.created_at);
            if decide(&actor.id, &relations, item, Action::Read).is_allowed() {
                note.deletable = decide(&actor.id, &relations, item, Action::Delete).is_allowed();
                visible.push(note);
            }
        }
        let ids: Vec<NoteId> = visible.iter().map(|n| n.id.clone()).collect();
        self.record_access_now(actor, person, Action::Read, "note", &ids).await?;
        Ok(visible)
    }

    /// The visibilities `actor` may give a new note in `person`'s space (empty: may not write).
    pub async fn note_visibilities_for(&self, actor: &Actor, person: &PersonId) -> Result<Vec<Visibility>> {
        Ok(visibilities_for_author(&self.relations(actor, person).await?))
    }

    /// Adds a note to `person`'s space, if the actor may write there with that visibility.
    pub async fn add_note(&self, actor: &Actor, person: &PersonId, visibility: Visibility, body: &str) -> Result<Note> {
        let relations = self.relations(actor, person).await?;
        let allowed = visibilities_for_author(&relations);
        if allowed.is_empty() {
            return Err(Error::Forbidden("You cannot write in this person's space.".into()));
        }
        if !allowed.contains(&visibility) {
            return Err(Error::invalid("visibility", format!("\"{}\" is not open to you here", visibility.label())));
        }
        check_note_body(body)?;
        let id = NoteId::generate();
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO notes (id, person_id, author_id, visibility, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(id.as_str())
        .bind(person.as_str())
        .bind(actor.id.as_str())
        .bind(visibility.as_str())
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await
        .db()?;
        record_access(&mut tx, actor, person, Action::Write, "note", std::slice::from_ref(&id)).await?;
        tx.commit().await.db()?;
        let sql = format!("{NOTE_SELECT} WHERE n.id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_one(&self.pool).await.db()?;
        Ok(Note { deletable: true, ..note_from_row(&row)? })
    }

    /// Deletes a note, if the policy lets the actor delete it: only its author does.
    pub async fn delete_note(&self, actor: &Actor, id: &NoteId) -> Result<()> {
        let sql = format!("{NOTE_SELECT} WHERE n.id = $1 AND n.doc_key IS NULL");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        let note =
            row.as_ref().map(note_from_row).transpose()?.ok_or_else(|| Error::NotFound("no such note".into()))?;
        let relations = self.relations(actor, &note.person_id).await?;
        let item = ItemAccess::together(note.visibility, &note.author_id).written(Topic::Notes, note.created_at);
        if !decide(&actor.id, &relations, item, Action::Read).is_allowed() {
            // Do not reveal that a note exists to someone who may not see it.
            return Err(Error::NotFound("no such note".into()));
        }
        if !decide(&actor.id, &relations, item, Action::Delete).is_allowed() {
            return Err(Error::Forbidden("Only the person who wrote a note can delete it.".into()));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM notes WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await.db()?;
        record_access(&mut tx, actor, &note.person_id, Action::Delete, "note", std::slice::from_ref(id)).await?;
        tx.commit().await.db()
    }
}
