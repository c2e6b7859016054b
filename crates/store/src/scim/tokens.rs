//! Provisioning tokens: held by an identity provider, not a person, and good for `/scim/v2`
//! only (a person's API token cannot provision, and these cannot read anyone's space). Made
//! on the command line, shown once, stored as a hash, revoked at once.

use crate::db::{now_millis, DbResult, Store};
use crate::secrets::hash_secret;
use crate::tokens::{note_use, token_from_row, ApiToken, NewToken};
use trellis_core::ids::TokenId;
use trellis_core::{Error, Result};

/// What every provisioning token starts with.
const SCIM_TOKEN_PREFIX: &str = "trellis_scim_";

impl Store {
    /// Creates a provisioning token named `name` ("Okta") and returns it with its secret.
    pub async fn create_scim_token(&self, name: &str) -> Result<(ApiToken, String)> {
        let token = NewToken::mint(name, "Provisioning", SCIM_TOKEN_PREFIX)?;
        sqlx::query("INSERT INTO scim_tokens (id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token.id.as_str())
            .bind(&token.name)
            .bind(hash_secret(&token.secret))
            .bind(&token.shown)
            .bind(now_millis())
            .execute(&self.writer)
            .await
            .db()?;
        let listed = self.list_scim_tokens().await?.into_iter().find(|t| t.id == token.id);
        Ok((listed.ok_or_else(|| Error::internal("token vanished after insert"))?, token.secret))
    }

    /// Every provisioning token, newest first, revoked ones included.
    pub async fn list_scim_tokens(&self) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM scim_tokens ORDER BY created_at DESC, id",
        )
        .fetch_all(&self.pool)
        .await
        .db()?;
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes a provisioning token.
    pub async fn revoke_scim_token(&self, id: &TokenId) -> Result<()> {
        let done = sqlx::query("UPDATE scim_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_millis())
            .bind(id.as_str())
            .execute(&self.writer)
            .await
            .db()?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("no such active provisioning token".into()));
        }
        Ok(())
    }

    /// Whether `secret` is a provisioning token that has not been revoked.
    pub async fn scim_token_is_valid(&self, secret: &str) -> Result<bool> {
        if !secret.starts_with(SCIM_TOKEN_PREFIX) {
            return Ok(false);
        }
        let row: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT id, last_used_at FROM scim_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(hash_secret(secret))
                .fetch_optional(&self.pool)
                .await
                .db()?;
        let Some((id, used)) = row else { return Ok(false) };
        note_use(self, "scim_tokens", &id, used).await?;
        Ok(true)
    }
}
