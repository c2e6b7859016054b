//! Adding, changing, moving and removing artefacts. Only the person writes in their own
//! artefacts; every change checks the kind's fields, its limit (counted inside the same
//! transaction) and the revision the writer started from.

use super::{artefact_from_row, not_found, Artefact, ARTEFACT_SELECT};
use crate::access::Actor;
use crate::audit::record_access;
use crate::db::{now_millis, Backend, DbResult, Store};
use sqlx::AnyConnection;
use trellis_core::artefact::{check_fields, check_limit, check_parent_limit, Fields, Kind};
use trellis_core::ids::{ArtefactId, PersonId};
use trellis_core::policy::{may_write_as_the_person, Action, Visibility};
use trellis_core::{Error, FieldError, Result};

/// A new artefact as submitted.
#[derive(Clone, Debug)]
pub struct NewArtefact {
    pub kind: Kind,
    pub fields: Fields,
    pub visibility: Visibility,
    pub parent: Option<ArtefactId>,
}

pub(super) async fn count_in_first_status(conn: &mut AnyConnection, person: &PersonId, kind: Kind) -> Result<usize> {
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM artefacts WHERE person_id = $1 AND kind = $2 AND status = $3")
            .bind(person.as_str())
            .bind(kind.key())
            .bind(kind.first_status())
            .fetch_one(&mut *conn)
            .await
            .db()?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// Makes writers of one person's space take turns for the rest of the transaction, so that a
/// limit counted inside it still holds when the same person saves from two tabs at once. On
/// PostgreSQL this locks the person's row (`FOR NO KEY UPDATE`, which still lets other rows
/// refer to it); SQLite's write transactions already take turns (`Store::begin_write`).
pub(super) async fn take_turns_in_space(conn: &mut AnyConnection, backend: Backend, person: &PersonId) -> Result<()> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM people WHERE id = $1 FOR NO KEY UPDATE")
            .bind(person.as_str())
            .execute(&mut *conn)
            .await
            .db()?;
    }
    Ok(())
}

/// Records that the form `key` was saved, refusing a second save of it.
async fn record_saved_once(conn: &mut AnyConnection, person: &PersonId, key: &str, now: i64) -> Result<()> {
    let inserted = sqlx::query(
        "INSERT INTO saved_once (person_id, once_key, saved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(person.as_str())
    .bind(key)
    .bind(now)
    .execute(&mut *conn)
    .await
    .db()?;
    if inserted.rows_affected() == 0 {
        return Err(Error::Conflict("These were saved already; nothing was added twice.".into()));
    }
    Ok(())
}

/// How many items of `kind` already hang under `parent` (or under none) in the person's space.
async fn count_siblings(
    conn: &mut AnyConnection,
    person: &PersonId,
    kind: Kind,
    parent: Option<&ArtefactId>,
) -> Result<usize> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM artefacts WHERE person_id = $1 AND kind = $2 \
         AND (parent_id = $3 OR (parent_id IS NULL AND $4 = 0))",
    )
    .bind(person.as_str())
    .bind(kind.key())
    .bind(parent.map(ArtefactId::as_str))
    .bind(i64::from(parent.is_some()))
    .fetch_one(&mut *conn)
    .await
    .db()?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

fn date_of(kind: Kind, fields: &Fields) -> Option<String> {
    kind.date_field().and_then(|name| fields.get(name).cloned())
}

fn data_of(fields: &Fields) -> Result<String> {
    serde_json::to_string(fields).map_err(Error::internal)
}

impl Store {
    /// Adds an artefact to the actor's own space.
    pub async fn add_artefact(&self, actor: &Actor, person: &PersonId, new: &NewArtefact) -> Result<Artefact> {
        let mut added = self.add_artefacts(actor, person, std::slice::from_ref(new)).await?;
        added.pop().ok_or_else(|| Error::internal("an insert returned nothing"))
    }

    /// Adds several artefacts to the actor's own space in one transaction: all of them, or
    /// none if any is refused (the error then names the item by its 1-based position).
    pub async fn add_artefacts(
        &self,
        actor: &Actor,
        person: &PersonId,
        items: &[NewArtefact],
    ) -> Result<Vec<Artefact>> {
        self.add_artefacts_once(actor, person, items, None).await
    }

    /// As `add_artefacts`, for a form saved under `once_key` (made when the form was shown):
    /// a second save of the same form adds nothing and answers `Conflict`.
    pub async fn add_artefacts_once(
        &self,
        actor: &Actor,
        person: &PersonId,
        items: &[NewArtefact],
        once_key: Option<&str>,
    ) -> Result<Vec<Artefact>> {
        let relations = self.relations(actor, person).await?;
        if !may_write_as_the_person(&relations) {
            return Err(Error::Forbidden("Only the person adds to their own plan.".into()));
        }
        let mut checked = Vec::with_capacity(items.len());
        for (index, new) in items.iter().enumerate() {
            let name_item = |error: Error| match error {
                Error::Invalid(fields) if items.len() > 1 => Error::Invalid(
                    fields
                        .into_iter()
                        .map(|f| FieldError::new(format!("item {} {}", index + 1, f.field), f.message))
                        .collect(),
                ),
                other => other,
            };
            new.kind.check_visibility(new.visibility).map_err(name_item)?;
            checked.push(check_fields(new.kind, &new.fields).map_err(name_item)?);
            if let Some(parent) = &new.parent {
                let owner = self
                    .writable_artefact(actor, parent)
                    .await
                    .map_err(|_| name_item(Error::invalid("parent", "is not one of yours")))?;
                if Some(owner.kind) != new.kind.parent() {
                    return Err(name_item(Error::invalid("parent", "cannot hold this kind of item")));
                }
            }
        }
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        take_turns_in_space(&mut tx, self.backend(), person).await?;
        if let Some(key) = once_key {
            record_saved_once(&mut tx, person, key, now).await?;
        }
        let mut added = Vec::with_capacity(items.len());
        for (new, fields) in items.iter().zip(&checked) {
            // The count sees the items this transaction has added already.
            check_limit(new.kind, count_in_first_status(&mut tx, person, new.kind).await?)?;
            if new.kind.per_parent_limit().is_some() {
                check_parent_limit(new.kind, count_siblings(&mut tx, person, new.kind, new.parent.as_ref()).await?)?;
            }
            let id = ArtefactId::generate();
            sqlx::query(
                "INSERT INTO artefacts (id, person_id, kind, author_id, visibility, parent_id, status, data, on_date, \
                 revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
            )
            .bind(id.as_str())
            .bind(person.as_str())
            .bind(new.kind.key())
            .bind(actor.id.as_str())
            .bind(new.visibility.as_str())
            .bind(new.parent.as_ref().map(ArtefactId::as_str))
            .bind(new.kind.first_status())
            .bind(data_of(fields)?)
            .bind(date_of(new.kind, fields))
            .bind(now)
            .execute(&mut *tx)
            .await
            .db()?;
            let sql = format!("{ARTEFACT_SELECT} WHERE id = $1");
            let row = sqlx::query(&sql).bind(id.as_str()).fetch_one(&mut *tx).await.db()?;
            added.push(Artefact { writable: true, ..artefact_from_row(&row)? });
        }
        // Recorded only when someone else's link set the person's password (see `audit`).
        for (kind, group) in added.chunk_by(|a, b| a.kind == b.kind).map(|g| (g[0].kind, g)) {
            let ids: Vec<&str> = group.iter().map(|a| a.id.as_str()).collect();
            record_access(&mut tx, actor, person, Action::Write, kind.key(), &ids).await?;
        }
        tx.commit().await.db()?;
        Ok(added)
    }

    /// Changes an artefact's fields and visibility, if nobody changed it since `base_revision`.
    pub async fn update_artefact(
        &self,
        actor: &Actor,
        id: &ArtefactId,
        fields: &Fields,
        visibility: Visibility,
        base_revision: i64,
    ) -> Result<Artefact> {
        let current = self.writable_artefact(actor, id).await?;
        current.kind.check_visibility(visibility)?;
        let fields = check_fields(current.kind, fields)?;
        let changed = sqlx::query(
            "UPDATE artefacts SET data = $1, on_date = $2, visibility = $3, revision = revision + 1, updated_at = $4 \
             WHERE id = $5 AND revision = $6",
        )
        .bind(data_of(&fields)?)
        .bind(date_of(current.kind, &fields))
        .bind(visibility.as_str())
        .bind(now_millis())
        .bind(id.as_str())
        .bind(base_revision)
        .execute(&self.writer)
        .await
        .db()?;
        if changed.rows_affected() == 1 {
            self.record_access_now(actor, &current.person_id, Action::Write, current.kind.key(), &[id.as_str()])
                .await?;
        }
        if changed.rows_affected() != 1 {
            return Err(Error::Conflict(
                "This item was changed elsewhere (another tab?) since you opened it. Reload to see the latest version."
                    .into(),
            ));
        }
        self.writable_artefact(actor, id).await
    }

    /// Removes an artefact and anything that hangs under it.
    pub async fn delete_artefact(&self, actor: &Actor, id: &ArtefactId) -> Result<()> {
        let current = self.writable_artefact(actor, id).await.map_err(|_| not_found())?;
        let mut tx = self.begin_write().await?;
        // What hangs under it goes too: an action under a plan under a dream (two levels).
        sqlx::query(
            "DELETE FROM artefacts WHERE parent_id IN (SELECT id FROM artefacts WHERE parent_id = $1) \
             OR parent_id = $1",
        )
        .bind(current.id.as_str())
        .execute(&mut *tx)
        .await
        .db()?;
        sqlx::query("DELETE FROM artefacts WHERE id = $1").bind(id.as_str()).execute(&mut *tx).await.db()?;
        record_access(&mut tx, actor, &current.person_id, Action::Delete, current.kind.key(), &[id.as_str()]).await?;
        tx.commit().await.db()
    }
}
