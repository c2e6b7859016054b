//! Career artefacts in the database (kinds and rules in `trellis_core::artefact`). Reading
//! goes through the access policy item by item and is audited for anyone but the person;
//! changes (`write`) are the person's alone.

pub(crate) mod log;
mod ratings;
mod write;

pub use log::{ArtefactHistory, LogEntry, StatusChange};
pub use write::NewArtefact;

use crate::access::Actor;
use crate::db::{DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::handoff::Topic;
use trellis_core::ids::{ArtefactId, PersonId};
use trellis_core::policy::{decide, Action, ItemAccess, Relations, Visibility};
use trellis_core::{Error, Result};

/// One artefact as its reader sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Artefact {
    pub id: ArtefactId,
    pub person_id: PersonId,
    pub kind: Kind,
    pub author_id: PersonId,
    pub parent_id: Option<ArtefactId>,
    pub status: String,
    pub visibility: Visibility,
    pub fields: Fields,
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Whether the reader may change it.
    pub writable: bool,
}

impl Artefact {
    /// A field's value, empty when not set.
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// How the policy sees it: the person's item, changed by its author alone.
    pub fn access(&self) -> ItemAccess<'_> {
        artefact_access(self.visibility, &self.author_id, self.kind, self.created_at)
    }

    /// The label of its status.
    pub fn status_label(&self) -> &'static str {
        self.kind.statuses().iter().find(|(key, _)| *key == self.status).map_or("", |(_, label)| label)
    }
}

/// How the policy sees an artefact, from the columns that decide it.
pub(crate) fn artefact_access(
    visibility: Visibility,
    author: &PersonId,
    kind: Kind,
    created_at: i64,
) -> ItemAccess<'_> {
    ItemAccess::author_only(visibility, author).written(Topic::Plan(kind), created_at)
}

pub(crate) const ARTEFACT_SELECT: &str = "SELECT id, person_id, kind, author_id, parent_id, status, visibility, \
    data, revision, created_at, updated_at FROM artefacts";

pub(crate) fn artefact_from_row(row: &AnyRow) -> Result<Artefact> {
    let kind: String = row.try_get("kind").db()?;
    let visibility: String = row.try_get("visibility").db()?;
    let data: String = row.try_get("data").db()?;
    let parent: Option<String> = row.try_get("parent_id").db()?;
    Ok(Artefact {
        id: ArtefactId::from_stored(row.try_get("id").db()?),
        person_id: PersonId::from_stored(row.try_get("person_id").db()?),
        kind: Kind::parse(&kind).ok_or_else(|| Error::internal(format!("unknown artefact kind {kind}")))?,
        author_id: PersonId::from_stored(row.try_get("author_id").db()?),
        parent_id: parent.map(ArtefactId::from_stored),
        status: row.try_get("status").db()?,
        visibility: Visibility::parse(&visibility).unwrap_or_default(),
        fields: serde_json::from_str(&data).map_err(Error::internal)?,
        revision: row.try_get("revision").db()?,
        created_at: row.try_get("created_at").db()?,
        updated_at: row.try_get("updated_at").db()?,
        writable: false,
    })
}

impl Store {
    /// The artefacts of `person`'s space the actor may read, of one kind or all, in the
    /// order they were added (dated kinds newest first). Audited for anyone but the person.
    pub async fn artefacts(&self, actor: &Actor, person: &PersonId, kind: Option<Kind>) -> Result<Vec<Artefact>> {
        let relations = self.relations(actor, person).await?;
        let visible = self.readable_artefacts(actor, &relations, person, kind).await?;
        let ids: Vec<&ArtefactId> = visible.iter().map(|a| &a.id).collect();
        let kind_name = kind.map_or("artefact", Kind::key);
        self.record_access_now(actor, person, Action::Read, kind_name, &ids).await?;
        Ok(visible)
    }

    /// As `artefacts`, for a caller that has the relations and records the reads itself.
    pub(crate) async fn readable_artefacts(
        &self,
        actor: &Actor,
        relations: &Relations,
        person: &PersonId,
        kind: Option<Kind>,
    ) -> Result<Vec<Artefact>> {
        let rows = match kind {
            Some(kind) => {
                let sql = format!(
                    "{ARTEFACT_SELECT} WHERE person_id = $1 AND kind = $2 ORDER BY on_date IS NULL, on_date DESC, created_at, id"
                );
                sqlx::query(&sql).bind(person.as_str()).bind(kind.key()).fetch_all(&self.pool).await.db()?
            }
            None => {
                let sql = format!("{ARTEFACT_SELECT} WHERE person_id = $1 ORDER BY kind, on_date IS NULL, on_date DESC, created_at, id");
                sqlx::query(&sql).bind(person.as_str()).fetch_all(&self.pool).await.db()?
            }
        };
        let mut visible = Vec::new();
        for row in &rows {
            let mut artefact = artefact_from_row(row)?;
            if decide(&actor.id, relations, artefact.access(), Action::Read).is_allowed() {
                artefact.writable = decide(&actor.id, relations, artefact.access(), Action::Write).is_allowed();
                visible.push(artefact);
            }
        }
        Ok(visible)
    }

    /// One artefact the actor may change, or not found (never revealing that it exists).
    pub(crate) async fn writable_artefact(&self, actor: &Actor, id: &ArtefactId) -> Result<Artefact> {
        let sql = format!("{ARTEFACT_SELECT} WHERE id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        let artefact = row.as_ref().map(artefact_from_row).transpose()?.ok_or_else(not_found)?;
        let relations = self.relations(actor, &artefact.person_id).await?;
        if decide(&actor.id, &relations, artefact.access(), Action::Write).is_allowed() {
            Ok(Artefact { writable: true, ..artefact })
        } else {
            Err(not_found())
        }
    }
}

pub(crate) fn not_found() -> Error {
    Error::NotFound("There is no such item, or it is not yours to change.".into())
}
