//! The organisation's own competency library: names and descriptions the people team adds
//! beside the built-in set. It holds no one's career content, so anyone signed in may read it;
//! only the people team changes it.

use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
use sqlx::Row;
use trellis_core::artefact::{MAX_LINE, MAX_TEXT};
use trellis_core::{Error, FieldError, Result};

/// One competency of the organisation's own.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LibraryCompetency {
    pub id: String,
    pub name: String,
    pub description: String,
}

fn checked(name: &str, description: &str) -> Result<(String, String)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = description.trim().to_string();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", "is required"));
    } else if name.chars().count() > MAX_LINE {
        errors.push(FieldError::new("name", format!("is longer than {MAX_LINE} characters")));
    }
    if description.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("description", format!("is longer than {MAX_TEXT} characters")));
    }
    if format!("{name}{description}").contains('\0') {
        errors.push(FieldError::new("name", "contains a NUL character"));
    }
    if errors.is_empty() {
        Ok((name, description))
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Store {
    /// The organisation's own competencies, by name.
    pub async fn library_competencies(&self) -> Result<Vec<LibraryCompetency>> {
        let rows = sqlx::query("SELECT id, name, description FROM library_competencies ORDER BY name_key")
            .fetch_all(&self.pool)
            .await
            .db()?;
        rows.iter()
            .map(|row| {
                Ok(LibraryCompetency {
                    id: row.try_get("id").db()?,
                    name: row.try_get("name").db()?,
                    description: row.try_get("description").db()?,
                })
            })
            .collect()
    }

    /// Adds a competency to the organisation's library (the people team only).
    pub async fn add_library_competency(&self, actor: &Actor, name: &str, description: &str) -> Result<()> {
        actor.require_admin()?;
        let (name, description) = checked(name, description)?;
        let key = name.to_lowercase();
        let taken: Option<String> = sqlx::query_scalar("SELECT id FROM library_competencies WHERE name_key = $1")
            .bind(&key)
            .fetch_optional(&self.pool)
            .await
            .db()?;
        if taken.is_some() {
            return Err(Error::invalid("name", "is already in the library"));
        }
        sqlx::query(
            "INSERT INTO library_competencies (id, name, name_key, description, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&name)
        .bind(&key)
        .bind(&description)
        .bind(now_millis())
        .execute(&self.writer)
        .await
        .db()?;
        Ok(())
    }

    /// Removes one of the organisation's competencies. Competencies people already chose keep
    /// their name: they are copies, not links.
    pub async fn remove_library_competency(&self, actor: &Actor, id: &str) -> Result<()> {
        actor.require_admin()?;
        let removed =
            sqlx::query("DELETE FROM library_competencies WHERE id = $1").bind(id).execute(&self.writer).await.db()?;
        if removed.rows_affected() == 0 {
            return Err(Error::NotFound("There is no such competency in the library.".into()));
        }
        Ok(())
    }
}
