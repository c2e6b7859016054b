//! Throttling of sign-ins, kept in the database so every instance sees the same counts.
//!
//! Each attempt is counted *before* its password is checked, by one upsert that returns the
//! new count, so a burst of concurrent guesses is held to the limit exactly. A successful
//! sign-in gives its attempt back. The scopes:
//!
//! - from a browser that signed in to this account before (it holds a device cookie): that
//!   device alone, `per_account` attempts. A flood from the same address does not touch it,
//!   so the people behind a shared address (an office, a proxy) keep signing in;
//! - from anywhere else: the client address (`per_client`, stops one source trying many
//!   accounts) and the account from that address (`per_account`, stops guessing one account).
//!
//! There is deliberately no limit on an account alone: that would let anyone lock a colleague
//! out by failing on purpose.

use crate::db::{now_millis, DbResult, Store};
use crate::secrets::{hash_secret, new_secret};
use trellis_core::ids::PersonId;
use trellis_core::{Error, Result};

/// How many attempts each scope allows within the window.
#[derive(Clone, Debug)]
pub struct SignInLimits {
    pub per_client: i64,
    pub per_account: i64,
    pub window_ms: i64,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self { per_client: 30, per_account: 5, window_ms: 15 * 60 * 1000 }
    }
}

const SIGN_INS: &str = "failed sign-ins";

/// One scope an attempt counts against, and its limit.
pub(crate) struct Scope {
    key: String,
    limit: i64,
    /// What is counted, e.g. "failed sign-ins".
    counted: &'static str,
    refusal: &'static str,
}

impl Scope {
    pub(crate) fn client(client: &str, limits: &SignInLimits) -> Self {
        Self {
            key: format!("client:{client}"),
            limit: limits.per_client,
            counted: SIGN_INS,
            refusal: "from your network",
        }
    }

    pub(crate) fn account_from(email_key: &str, client: &str, limits: &SignInLimits) -> Self {
        Self {
            key: format!("account:{email_key}|{client}"),
            limit: limits.per_account,
            counted: SIGN_INS,
            refusal: "for this account",
        }
    }

    pub(crate) fn device(device_hash: &str, limits: &SignInLimits) -> Self {
        Self {
            key: format!("device:{device_hash}"),
            limit: limits.per_account,
            counted: SIGN_INS,
            refusal: "for this account",
        }
    }

    /// Requests for a password-reset mail from one client address (as many as the failed
    /// sign-ins allowed for one account).
    pub(crate) fn resets_from(client: &str, limits: &SignInLimits) -> Self {
        Self {
            key: format!("reset:{client}"),
            limit: limits.per_account,
            counted: "requests for a new password",
            refusal: "from your network",
        }
    }
}

/// How long a browser stays known after its last sign-in.
pub const DEVICE_LIFETIME_MS: i64 = 180 * 24 * 60 * 60 * 1000;

impl Store {
    /// Counts an attempt against every scope, refusing it (before any password is checked)
    /// when a scope is over its limit.
    pub(crate) async fn reserve_attempt(&self, scopes: &[Scope], limits: &SignInLimits) -> Result<()> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let mut refusal: Option<&Scope> = None;
        for scope in scopes {
            let attempts: i64 = sqlx::query_scalar(
                "INSERT INTO sign_in_attempts (scope_key, window_start, attempts) VALUES ($1, $2, 1) \
                 ON CONFLICT (scope_key) DO UPDATE SET \
                 attempts = CASE WHEN sign_in_attempts.window_start <= $3 THEN 1 ELSE sign_in_attempts.attempts + 1 END, \
                 window_start = CASE WHEN sign_in_attempts.window_start <= $3 THEN $2 ELSE sign_in_attempts.window_start END \
                 RETURNING attempts",
            )
            .bind(&scope.key)
            .bind(now)
            .bind(now - limits.window_ms)
            .fetch_one(&mut *tx)
            .await
            .db()?;
            if attempts > scope.limit && refusal.is_none() {
                refusal = Some(scope);
            }
        }
        // Windows long past no longer count; drop them as we go.
        sqlx::query("DELETE FROM sign_in_attempts WHERE window_start < $1")
            .bind(now - limits.window_ms.max(24 * 60 * 60 * 1000))
            .execute(&mut *tx)
            .await
            .db()?;
        tx.commit().await.db()?;
        match refusal {
            None => Ok(()),
            Some(scope) => Err(Error::RateLimited(format!(
                "Too many {} {}. Wait {} minutes and try again.",
                scope.counted,
                scope.refusal,
                limits.window_ms / 60_000
            ))),
        }
    }

    /// Gives a successful attempt back: its account or device scope starts afresh, and the
    /// client address is charged only for failures.
    pub(crate) async fn release_attempt(&self, scopes: &[Scope]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for scope in scopes {
            let sql = if scope.key.starts_with("client:") {
                "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE scope_key = $1 AND attempts > 0"
            } else {
                "DELETE FROM sign_in_attempts WHERE scope_key = $1"
            };
            sqlx::query(sql).bind(&scope.key).execute(&mut *tx).await.db()?;
        }
        tx.commit().await.db()
    }

    /// The hash of `device` (a cookie's secret) when it belongs to a browser that signed in to
    /// `person` before and is still known.
    pub(crate) async fn known_device(&self, person: &PersonId, device: &str) -> Result<Option<String>> {
        let hash = hash_secret(device);
        let found: Option<String> = sqlx::query_scalar(
            "SELECT secret_hash FROM known_devices WHERE secret_hash = $1 AND person_id = $2 AND last_used_at > $3",
        )
        .bind(&hash)
        .bind(person.as_str())
        .bind(now_millis() - DEVICE_LIFETIME_MS)
        .fetch_optional(&self.pool)
        .await
        .db()?;
        Ok(found)
    }

    /// Remembers the browser that just signed in to `person`: the known device `hash` is
    /// refreshed, or a new device secret is made (returned for the cookie).
    pub(crate) async fn remember_device(
        &self,
        person: &PersonId,
        known: Option<&str>,
        given: Option<&str>,
    ) -> Result<String> {
        let now = now_millis();
        if let (Some(hash), Some(secret)) = (known, given) {
            sqlx::query("UPDATE known_devices SET last_used_at = $1 WHERE secret_hash = $2")
                .bind(now)
                .bind(hash)
                .execute(&self.writer)
                .await
                .db()?;
            return Ok(secret.to_string());
        }
        let secret = new_secret();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO known_devices (secret_hash, person_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)",
        )
        .bind(hash_secret(&secret))
        .bind(person.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .db()?;
        sqlx::query("DELETE FROM known_devices WHERE person_id = $1 AND last_used_at < $2")
            .bind(person.as_str())
            .bind(now - DEVICE_LIFETIME_MS)
            .execute(&mut *tx)
            .await
            .db()?;
        tx.commit().await.db()?;
        Ok(secret)
    }
}
