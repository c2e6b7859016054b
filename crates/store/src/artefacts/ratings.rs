//! Ratings of a competency over time: the person rates themselves from 1 to 5 as often as they
//! like, and where they invite it, their current manager adds observations, kept apart and
//! labelled as the manager's. Both are history entries that are only ever added.

use super::log::insert_entry;
use super::{artefact_from_row, not_found, ARTEFACT_SELECT};
use crate::access::Actor;
use crate::audit::record_access;
use crate::db::{now_millis, DbResult, Store};
use trellis_core::artefact::Kind;
use trellis_core::ids::ArtefactId;
use trellis_core::policy::{may_observe, Action};
use trellis_core::{Error, Result};

/// The longest note with a rating or an observation, in characters.
const MAX_NOTE: usize = 2_000;

fn checked_level(raw: &str, required: bool) -> Result<String> {
    match raw.trim() {
        "" if !required => Ok(String::new()),
        level @ ("1" | "2" | "3" | "4" | "5") => Ok(level.to_string()),
        _ => Err(Error::invalid("level", "choose a level from 1 to 5")),
    }
}

fn checked_note(raw: &str) -> Result<&str> {
    let note = raw.trim();
    if note.chars().count() > MAX_NOTE {
        Err(Error::invalid("note", format!("is longer than {MAX_NOTE} characters")))
    } else if note.contains('\0') {
        Err(Error::invalid("note", "contains a NUL character"))
    } else {
        Ok(note)
    }
}

impl Store {
    /// The person rates one of their competencies, 1–5, with an optional note.
    pub async fn rate_competency(&self, actor: &Actor, id: &ArtefactId, level: &str, note: &str) -> Result<()> {
        let competency = self.writable_artefact(actor, id).await?;
        if competency.kind != Kind::Competency {
            return Err(not_found());
        }
        let (level, note) = (checked_level(level, true)?, checked_note(note)?);
        let today = jiff::Zoned::now().date().to_string();
        let mut conn = self.writer.acquire().await.db()?;
        insert_entry(&mut conn, actor, id, ("rating", &level, note), None, &today, now_millis()).await
    }

    /// The person's current manager adds an observation (a note, and a level if they wish) to a
    /// competency the person shared with them and invited their view on. Anyone else is told
    /// there is no such item.
    pub async fn observe_competency(&self, actor: &Actor, id: &ArtefactId, level: &str, note: &str) -> Result<()> {
        let sql = format!("{ARTEFACT_SELECT} WHERE id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        let competency = row.as_ref().map(artefact_from_row).transpose()?.ok_or_else(not_found)?;
        let relations = self.relations(actor, &competency.person_id).await?;
        let invited = competency.field("invite") == "yes";
        if competency.kind != Kind::Competency || !may_observe(&actor.id, &relations, competency.access(), invited) {
            return Err(not_found());
        }
        let (level, note) = (checked_level(level, false)?, checked_note(note)?);
        if note.is_empty() {
            return Err(Error::invalid("note", "say what you have observed"));
        }
        let today = jiff::Zoned::now().date().to_string();
        let mut conn = self.writer.acquire().await.db()?;
        insert_entry(&mut conn, actor, id, ("observation", &level, note), None, &today, now_millis()).await?;
        record_access(&mut conn, actor, &competency.person_id, Action::Write, "competencies", &[id.as_str()]).await
    }
}
