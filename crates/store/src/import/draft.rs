//! An uploaded import file kept between its preview and its confirmation, in the database so
//! that the confirming request may reach any instance.

use crate::db::{now_millis, DbResult, Store};
use crate::import::ImportRequest;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_core::{Error, Result};

/// Drafts older than this are gone.
const DRAFT_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;

/// A stored upload and the options it was previewed with.
#[derive(Clone, Debug)]
pub struct ImportDraft {
    pub id: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub options: ParseOptions,
    pub unknown_manager: UnknownManager,
    /// The people team said yes to renaming more than a few people.
    pub confirm_renames: bool,
}

impl ImportDraft {
    /// The import of this upload, checked only (`dry_run`) or applied.
    pub fn request(&self, dry_run: bool) -> ImportRequest {
        ImportRequest {
            bytes: self.bytes.clone(),
            options: self.options.clone(),
            unknown_manager: self.unknown_manager,
            dry_run,
            confirm_renames: self.confirm_renames,
        }
    }
}

/// The options as kept beside the upload (every field of `ParseOptions` has a default, so a
/// draft kept before a field existed still reads).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredOptions {
    #[serde(flatten)]
    options: ParseOptions,
    #[serde(default)]
    skip_unknown_managers: bool,
    #[serde(default)]
    confirm_renames: bool,
}

impl Store {
    /// Keeps an upload for later confirmation by the same admin; returns its id.
    pub async fn save_import_draft(&self, by: &PersonId, draft: &ImportDraft) -> Result<String> {
        let id = PersonId::generate().to_string();
        let options = StoredOptions {
            options: draft.options.clone(),
            skip_unknown_managers: draft.unknown_manager == UnknownManager::Skip,
            confirm_renames: draft.confirm_renames,
        };
        let now = now_millis();
        sqlx::query("DELETE FROM import_drafts WHERE created_at < $1")
            .bind(now - DRAFT_LIFETIME_MS)
            .execute(&self.writer)
            .await
            .db()?;
        sqlx::query(
            "INSERT INTO import_drafts (id, created_by, created_at, file_name, content_base64, options_json) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(by.as_str())
        .bind(now)
        .bind(&draft.file_name)
        .bind(STANDARD.encode(&draft.bytes))
        .bind(serde_json_string(&options)?)
        .execute(&self.writer)
        .await
        .db()?;
        Ok(id)
    }

    /// An upload kept by `by`, if it has not expired.
    pub async fn import_draft(&self, by: &PersonId, id: &str) -> Result<ImportDraft> {
        let row = sqlx::query(
            "SELECT file_name, content_base64, options_json FROM import_drafts \
             WHERE id = $1 AND created_by = $2 AND created_at > $3",
        )
        .bind(id)
        .bind(by.as_str())
        .bind(now_millis() - DRAFT_LIFETIME_MS)
        .fetch_optional(&self.pool)
        .await
        .db()?
        .ok_or_else(|| Error::NotFound("That upload has expired; upload the file again.".into()))?;
        let content: String = row.try_get("content_base64").db()?;
        let options_json: String = row.try_get("options_json").db()?;
        let options: StoredOptions = serde_json_parse(&options_json)?;
        Ok(ImportDraft {
            id: id.to_string(),
            file_name: row.try_get("file_name").db()?,
            bytes: STANDARD.decode(content).map_err(Error::internal)?,
            options: options.options,
            unknown_manager: if options.skip_unknown_managers { UnknownManager::Skip } else { UnknownManager::Error },
            confirm_renames: options.confirm_renames,
        })
    }

    /// Forgets an upload once it has been imported.
    pub async fn delete_import_draft(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM import_drafts WHERE id = $1").bind(id).execute(&self.writer).await.db()?;
        Ok(())
    }
}

fn serde_json_string(options: &StoredOptions) -> Result<String> {
    serde_json::to_string(options).map_err(Error::internal)
}

fn serde_json_parse(text: &str) -> Result<StoredOptions> {
    serde_json::from_str(text).map_err(Error::internal)
}
