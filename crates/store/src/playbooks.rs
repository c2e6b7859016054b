//! Playbooks in the database. Each save of a playbook adds a version; versions never change.
//! The built-in playbooks are added at migration time, and a newer release's built-in text is
//! added as a new version unless the organisation has edited that playbook since.

use crate::access::Actor;
use crate::db::{flag, now_millis, DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use trellis_core::ids::PersonId;
use trellis_core::playbook::{builtin, parse_playbook, Playbook};
use trellis_core::{Error, FieldError, Result};

/// How many parsed versions `ParsedPlaybooks` keeps before it starts again.
const PARSED_VERSIONS_KEPT: usize = 512;

/// Playbook versions already parsed. Every conversation page walks its version's steps, and a
/// version never changes once saved, so each is read and parsed once (until there are more
/// than `PARSED_VERSIONS_KEPT`, when the copies are dropped and read again as needed).
#[derive(Clone, Debug, Default)]
pub(crate) struct ParsedPlaybooks(Arc<Mutex<HashMap<(String, i64), Playbook>>>, Arc<Mutex<Option<Current>>>);

/// The newest version of each playbook, as read at a moment (see `ParsedPlaybooks::current`).
#[derive(Clone, Debug)]
struct Current {
    read_at: std::time::Instant,
    versions: Vec<(String, i64)>,
}

/// How long the list of newest versions is used before it is read again: a playbook saved on
/// another instance shows within a few seconds, as settings do.
const CURRENT_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(5);

impl ParsedPlaybooks {
    /// The newest versions, if read in the last few seconds.
    pub(crate) fn current(&self) -> Option<Vec<(String, i64)>> {
        let current = self.1.lock().ok()?;
        current.as_ref().filter(|c| c.read_at.elapsed() < CURRENT_FRESH_FOR).map(|c| c.versions.clone())
    }

    /// Keeps the newest versions just read (or, with `None`, forgets them after a save).
    pub(crate) fn keep_current(&self, versions: Option<Vec<(String, i64)>>) {
        if let Ok(mut current) = self.1.lock() {
            *current = versions.map(|versions| Current { read_at: std::time::Instant::now(), versions });
        }
    }

    fn get(&self, key: &str, version: i64) -> Option<Playbook> {
        let kept = self.0.lock().ok()?;
        kept.get(&(key.to_string(), version)).cloned()
    }

    fn keep(&self, key: &str, version: i64, playbook: &Playbook) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() >= PARSED_VERSIONS_KEPT {
                kept.clear();
            }
            kept.insert((key.to_string(), version), playbook.clone());
        }
    }
}

/// One stored version of a playbook.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StoredPlaybook {
    pub key: String,
    pub version: i64,
    pub name: String,
    /// The TOML text, as written.
    pub source: String,
    pub builtin: bool,
    pub created_at: i64,
    pub created_by: Option<String>,
    /// For a conversation composed from the question banks: the person it was made for.
    pub composed_for: Option<String>,
}

impl StoredPlaybook {
    /// The checked playbook (stored text always passed the rules when it was saved).
    pub fn playbook(&self) -> Result<Playbook> {
        parse_playbook(&self.source)
            .map_err(|problems| Error::internal(format!("stored playbook fails the rules: {problems:?}")))
    }
}

const COLUMNS: &str =
    "p.key, p.version, p.name, p.source, p.builtin, p.created_at, a.name AS created_by, p.composed_for";

fn from_row(row: &AnyRow) -> Result<StoredPlaybook> {
    Ok(StoredPlaybook {
        key: row.try_get("key").db()?,
        version: row.try_get("version").db()?,
        name: row.try_get("name").db()?,
        source: row.try_get("source").db()?,
        builtin: row.try_get::<i64, _>("builtin").db()? != 0,
        created_at: row.try_get("created_at").db()?,
        created_by: row.try_get("created_by").db()?,
        composed_for: row.try_get("composed_for").db()?,
    })
}

/// The problems of a playbook file as field errors of the `source` field.
fn problems_as_error(problems: Vec<trellis_core::playbook::PlaybookProblem>) -> Error {
    Error::Invalid(problems.into_iter().map(|p| FieldError::new("source", p.to_string())).collect())
}

impl Store {
    /// The newest version of every playbook of the organisation (not the composed ones), by name.
    pub async fn playbooks(&self) -> Result<Vec<StoredPlaybook>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM playbooks p LEFT JOIN people a ON a.id = p.created_by \
             WHERE p.composed_for IS NULL \
             AND p.version = (SELECT MAX(q.version) FROM playbooks q WHERE q.key = p.key) ORDER BY p.name"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await.db()?;
        rows.iter().map(from_row).collect()
    }

    /// One version of a playbook (the newest when `version` is `None`).
    pub async fn playbook(&self, key: &str, version: Option<i64>) -> Result<StoredPlaybook> {
        let sql = format!(
            "SELECT {COLUMNS} FROM playbooks p LEFT JOIN people a ON a.id = p.created_by \
             WHERE p.key = $1 AND p.version = COALESCE($2, (SELECT MAX(q.version) FROM playbooks q WHERE q.key = $1))"
        );
        let row = sqlx::query(&sql).bind(key).bind(version).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(from_row).transpose()?.ok_or_else(|| Error::NotFound("no such playbook".into()))
    }

    /// One version of a playbook, checked, read from the database only the first time.
    pub(crate) async fn playbook_version(&self, key: &str, version: i64) -> Result<Playbook> {
        if let Some(playbook) = self.parsed_playbooks.get(key, version) {
            return Ok(playbook);
        }
        let playbook = self.playbook(key, Some(version)).await?.playbook()?;
        self.parsed_playbooks.keep(key, version, &playbook);
        Ok(playbook)
    }

    /// As `playbook`, for the organisation's playbook pages: a conversation composed for
    /// someone is not found there (it is read with its conversation).
    pub async fn organisation_playbook(&self, key: &str, version: Option<i64>) -> Result<StoredPlaybook> {
        let stored = self.playbook(key, version).await?;
        match stored.composed_for {
            Some(_) => Err(Error::NotFound("no such playbook".into())),
            None => Ok(stored),
        }
    }

    /// Every version number of a playbook, newest first.
    pub async fn playbook_versions(&self, key: &str) -> Result<Vec<i64>> {
        sqlx::query_scalar("SELECT version FROM playbooks WHERE key = $1 ORDER BY version DESC")
            .bind(key)
            .fetch_all(&self.pool)
            .await
            .db()
    }

    /// Checks a playbook file and saves it as the next version of its key (the people team
    /// only). With `expected_key`, the file must keep that key (editing an existing playbook).
    pub async fn save_playbook(
        &self,
        actor: &Actor,
        source: &str,
        expected_key: Option<&str>,
    ) -> Result<StoredPlaybook> {
        actor.require_admin()?;
        let playbook = parse_playbook(source).map_err(problems_as_error)?;
        if let Some(expected) = expected_key.filter(|k| *k != playbook.key) {
            return Err(Error::invalid(
                "source",
                format!("the file's key is \"{}\"; to edit \"{expected}\" keep its key", playbook.key),
            ));
        }
        self.insert_playbook_version(&playbook, source, (false, None), Some(&actor.id)).await?;
        self.playbook(&playbook.key, None).await
    }

    /// Adds a version; `(builtin, composed_for)` say where it comes from.
    pub(crate) async fn insert_playbook_version(
        &self,
        playbook: &Playbook,
        source: &str,
        (builtin, composed_for): (bool, Option<&PersonId>),
        by: Option<&PersonId>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM playbooks WHERE key = $1")
            .bind(&playbook.key)
            .fetch_one(&mut *tx)
            .await
            .db()?;
        sqlx::query(
            "INSERT INTO playbooks (id, key, version, name, source, builtin, created_by, created_at, composed_for) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(PersonId::generate().to_string())
        .bind(&playbook.key)
        .bind(latest.unwrap_or(0) + 1)
        .bind(&playbook.name)
        .bind(source)
        .bind(flag(builtin))
        .bind(by.map(ToString::to_string))
        .bind(now_millis())
        .bind(composed_for.map(PersonId::as_str))
        .execute(&mut *tx)
        .await
        .db()?;
        tx.commit().await.db()?;
        self.parsed_playbooks.keep_current(None);
        Ok(())
    }

    /// Adds the built-in playbooks that are missing, and a built-in playbook's newer text where
    /// the organisation has not edited it.
    pub(crate) async fn ensure_builtin_playbooks(&self) -> Result<()> {
        for (key, source) in builtin::FILES {
            let current = match self.playbook(key, None).await {
                Ok(current) => Some(current),
                Err(Error::NotFound(_)) => None,
                Err(other) => return Err(other),
            };
            let needed = match &current {
                None => true,
                Some(current) => current.builtin && current.source != source,
            };
            if needed {
                let playbook = parse_playbook(source).map_err(problems_as_error)?;
                self.insert_playbook_version(&playbook, source, (true, None), None).await?;
            }
        }
        Ok(())
    }
}
