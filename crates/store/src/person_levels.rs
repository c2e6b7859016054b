//! A person's level on a career ladder: set by the people team like a title, shown to the
//! person and the managers in their line with where the level leads on each track.

use crate::db::{now_millis, DbResult, Store};
use crate::{Actor, StoredLadder};
use trellis_core::ids::PersonId;
use trellis_core::{Error, Result};

/// The ladder a person is on (its newest version) and their level's key in it.
#[derive(Clone, Debug)]
pub struct PersonLevel {
    pub ladder: StoredLadder,
    pub level_key: String,
}

impl Store {
    /// Puts `person` at `level_key` of the ladder `ladder_key`, or (with `None`) on no ladder.
    /// The people team only.
    pub async fn set_person_level(&self, actor: &Actor, person: &PersonId, level: Option<(&str, &str)>) -> Result<()> {
        actor.require_admin()?;
        self.person(person).await?;
        let Some((ladder_key, level_key)) = level else {
            sqlx::query("DELETE FROM person_levels WHERE person_id = $1")
                .bind(person.as_str())
                .execute(&self.writer)
                .await
                .db()?;
            return Ok(());
        };
        let ladder =
            self.ladder(ladder_key, None).await.map_err(|_| Error::invalid("level", "names no career ladder"))?;
        if !ladder.ladder()?.levels().iter().any(|l| l.key == level_key) {
            return Err(Error::invalid("level", format!("is not a level of {}", ladder.name)));
        }
        sqlx::query(
            "INSERT INTO person_levels (person_id, ladder_key, level_key, set_by, set_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (person_id) DO UPDATE SET ladder_key = excluded.ladder_key, level_key = excluded.level_key, \
             set_by = excluded.set_by, set_at = excluded.set_at",
        )
        .bind(person.as_str())
        .bind(ladder_key)
        .bind(level_key)
        .bind(actor.id.as_str())
        .bind(now_millis())
        .execute(&self.writer)
        .await
        .db()?;
        Ok(())
    }

    /// The person's ladder and level, if the people team set one (and the ladder still has it).
    pub async fn person_level(&self, person: &PersonId) -> Result<Option<PersonLevel>> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT ladder_key, level_key FROM person_levels WHERE person_id = $1")
                .bind(person.as_str())
                .fetch_optional(&self.pool)
                .await
                .db()?;
        let Some((ladder_key, level_key)) = row else { return Ok(None) };
        match self.ladder(&ladder_key, None).await {
            Ok(ladder) => Ok(Some(PersonLevel { ladder, level_key })),
            Err(Error::NotFound(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }
}
