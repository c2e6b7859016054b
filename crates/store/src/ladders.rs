//! Career ladders in the database: each save of a ladder adds a version, kept in Trellis's
//! TOML format; versions never change. Only the people team saves; everyone signed in reads
//! them (a ladder describes the organisation, not anyone in it).

use crate::db::{now_millis, DbResult, Store};
use crate::Actor;
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::ladder::{toml_format, Ladder};
use trellis_core::{Error, FieldError, Result};

/// One version of a ladder as stored.
#[derive(Clone, Debug)]
pub struct StoredLadder {
    pub key: String,
    pub version: i64,
    pub name: String,
    /// The TOML text.
    pub source: String,
    pub created_at: i64,
    pub created_by: Option<String>,
}

impl StoredLadder {
    /// The ladder (stored text passed the rules when it was saved).
    pub fn ladder(&self) -> Result<Ladder> {
        toml_format::parse(&self.source).map_err(|problems| Error::internal(problems.join(" ")))
    }
}

fn stored_from_row(row: &AnyRow) -> Result<StoredLadder> {
    Ok(StoredLadder {
        key: row.try_get("key").db()?,
        version: row.try_get("version").db()?,
        name: row.try_get("name").db()?,
        source: row.try_get("source").db()?,
        created_at: row.try_get("created_at").db()?,
        created_by: row.try_get("created_by_name").db()?,
    })
}

const LADDER_SELECT: &str = "SELECT l.key, l.version, l.name, l.source, l.created_at, p.name AS created_by_name \
    FROM ladders l LEFT JOIN people p ON p.id = l.created_by";

/// The problems of a file as the field `file` of a form.
pub fn problems_as_error(field: &str, problems: Vec<String>) -> Error {
    Error::Invalid(problems.into_iter().map(|p| FieldError::new(field, p)).collect())
}

impl Store {
    /// The newest version of every ladder, by name.
    pub async fn ladders(&self) -> Result<Vec<StoredLadder>> {
        let sql = format!(
            "{LADDER_SELECT} WHERE l.version = (SELECT MAX(n.version) FROM ladders n WHERE n.key = l.key) ORDER BY l.name, l.key"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await.db()?;
        rows.iter().map(stored_from_row).collect()
    }

    /// One version of a ladder (the newest when `version` is `None`).
    pub async fn ladder(&self, key: &str, version: Option<i64>) -> Result<StoredLadder> {
        let row = match version {
            Some(version) => {
                let sql = format!("{LADDER_SELECT} WHERE l.key = $1 AND l.version = $2");
                sqlx::query(&sql).bind(key).bind(version).fetch_optional(&self.pool).await.db()?
            }
            None => {
                let sql = format!("{LADDER_SELECT} WHERE l.key = $1 ORDER BY l.version DESC LIMIT 1");
                sqlx::query(&sql).bind(key).fetch_optional(&self.pool).await.db()?
            }
        };
        row.as_ref()
            .map(stored_from_row)
            .transpose()?
            .ok_or_else(|| Error::NotFound("There is no such career ladder.".into()))
    }

    /// Saves a ladder as the next version of its key (the people team only). With
    /// `expected_key`, the ladder must keep that key (editing an existing one).
    pub async fn save_ladder(
        &self,
        actor: &Actor,
        ladder: &Ladder,
        expected_key: Option<&str>,
    ) -> Result<StoredLadder> {
        actor.require_admin()?;
        if let Some(expected) = expected_key.filter(|k| *k != ladder.key) {
            return Err(Error::invalid(
                "source",
                format!("the ladder's key is \"{}\"; to edit \"{expected}\" keep its key", ladder.key),
            ));
        }
        if ladder.key.is_empty()
            || ladder.key.len() > 80
            || !ladder.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(Error::invalid("source", "the ladder's key must be 1–80 letters, digits or hyphens"));
        }
        let source = toml_format::write(ladder);
        let mut tx = self.begin_write().await?;
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM ladders WHERE key = $1")
            .bind(&ladder.key)
            .fetch_one(&mut *tx)
            .await
            .db()?;
        let version = newest.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO ladders (id, key, version, name, source, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(PersonId::generate().as_str())
        .bind(&ladder.key)
        .bind(version)
        .bind(&ladder.name)
        .bind(&source)
        .bind(actor.id.as_str())
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .db()?;
        tx.commit().await.db()?;
        self.ladder(&ladder.key, Some(version)).await
    }

    /// Every version number of a ladder, newest first.
    pub async fn ladder_versions(&self, key: &str) -> Result<Vec<i64>> {
        sqlx::query_scalar("SELECT version FROM ladders WHERE key = $1 ORDER BY version DESC")
            .bind(key)
            .fetch_all(&self.pool)
            .await
            .db()
    }
}
