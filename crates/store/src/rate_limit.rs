//! Throttling of failed sign-ins, kept in the database so every instance sees the same counts.
//! Two scopes: a client address (stops one source guessing many accounts) and an account from
//! one client address (stops guessing one account). There is deliberately no limit on an
//! account alone: that would let anyone lock a colleague out by failing on purpose.

use crate::db::{DbResult, Store};
use trellis_core::Result;

/// How many failures each scope allows within the window.
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

impl Store {
    pub(crate) async fn recent_failures(&self, scope: &str, since: i64) -> Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE scope_key = $1 AND at > $2")
            .bind(scope)
            .bind(since)
            .fetch_one(&self.pool)
            .await
            .db()
    }

    pub(crate) async fn record_failure(&self, scopes: &[&str], at: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for scope in scopes {
            sqlx::query("INSERT INTO login_failures (scope_key, at) VALUES ($1, $2)")
                .bind(*scope)
                .bind(at)
                .execute(&mut *tx)
                .await
                .db()?;
        }
        // Old failures no longer count; drop them as we go.
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(at - 24 * 60 * 60 * 1000)
            .execute(&mut *tx)
            .await
            .db()?;
        tx.commit().await.db()
    }

    pub(crate) async fn clear_failures(&self, scope: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE scope_key = $1").bind(scope).execute(&self.writer).await.db()?;
        Ok(())
    }
}
