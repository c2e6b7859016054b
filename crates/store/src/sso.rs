//! Single sign-on attempts: what a sign-in begun at the identity provider must find when the
//! browser comes back (the PKCE verifier, the nonce, where to go after), under the hash of
//! its state. An attempt is taken once and lasts ten minutes, on whichever instance it returns.

use crate::db::{now_millis, DbResult, Store};
use crate::secrets::hash_secret;
use sqlx::Row;
use trellis_core::Result;

/// How long a sign-in at the identity provider may take.
pub const SSO_ATTEMPT_MS: i64 = 10 * 60 * 1000;

/// What a returning sign-in needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoAttempt {
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
}

impl Store {
    /// Remembers a sign-in sent to the identity provider with `state` (also clearing attempts
    /// that ran out).
    pub async fn begin_sso_attempt(&self, state: &str, attempt: &SsoAttempt) -> Result<()> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sso_attempts WHERE created_at < $1")
            .bind(now - SSO_ATTEMPT_MS)
            .execute(&mut *tx)
            .await
            .db()?;
        sqlx::query(
            "INSERT INTO sso_attempts (state_hash, nonce, pkce_verifier, next_path, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_secret(state))
        .bind(&attempt.nonce)
        .bind(&attempt.pkce_verifier)
        .bind(&attempt.next_path)
        .bind(now)
        .execute(&mut *tx)
        .await
        .db()?;
        tx.commit().await.db()
    }

    /// Takes the attempt `state` names, once: `None` if there is none, it was taken already,
    /// or it ran out.
    pub async fn take_sso_attempt(&self, state: &str) -> Result<Option<SsoAttempt>> {
        let row = sqlx::query(
            "DELETE FROM sso_attempts WHERE state_hash = $1 RETURNING nonce, pkce_verifier, next_path, created_at",
        )
        .bind(hash_secret(state))
        .fetch_optional(&self.writer)
        .await
        .db()?;
        let Some(row) = row else { return Ok(None) };
        if row.try_get::<i64, _>("created_at").db()? < now_millis() - SSO_ATTEMPT_MS {
            return Ok(None);
        }
        Ok(Some(SsoAttempt {
            nonce: row.try_get("nonce").db()?,
            pkce_verifier: row.try_get("pkce_verifier").db()?,
            next_path: row.try_get("next_path").db()?,
        }))
    }
}
