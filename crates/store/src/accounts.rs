//! Passwords and signing in. Hashing is Argon2id on a blocking thread so the async runtime
//! never stalls; an unknown e-mail is checked against a dummy hash so it takes as long as a
//! wrong password; failures are throttled per client address and per account from that address.

use crate::db::{now_millis, DbResult, Store};
use crate::rate_limit::SignInLimits;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;
use trellis_core::ids::PersonId;
use trellis_core::person::{email_key, Person};
use trellis_core::{Error, Result};

/// Hashes a password with Argon2id and a random salt. CPU-heavy: call off the async runtime.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::internal(e.to_string()))
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Spends the same effort as checking a real password, for e-mails that have no account.
pub fn dummy_password_check(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("not a real password, only for timing").unwrap_or_default());
    let _ = verify_password(hash, password);
}

async fn on_blocking_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(Error::internal)
}

impl Store {
    /// Checks an e-mail and password from `client` (its address). Wrong credentials, unknown
    /// e-mails and inactive people all answer `Unauthorized`, after the same work.
    pub async fn sign_in(&self, email: &str, password: &str, client: &str, limits: &SignInLimits) -> Result<Person> {
        let key = email_key(email);
        let now = now_millis();
        let client_scope = format!("client:{client}");
        let account_scope = format!("account:{key}|{client}");
        if self.recent_failures(&client_scope, now - limits.window_ms).await? >= limits.per_client {
            return Err(Error::RateLimited(format!(
                "Too many failed sign-ins from your network. Wait {} minutes and try again.",
                limits.window_ms / 60_000
            )));
        }
        if self.recent_failures(&account_scope, now - limits.window_ms).await? >= limits.per_account {
            return Err(Error::RateLimited(format!(
                "Too many failed sign-ins for this account. Wait {} minutes, or reset your password.",
                limits.window_ms / 60_000
            )));
        }
        let found = self.person_with_hash(&key).await?;
        let attempt = password.to_string();
        let person = match found {
            Some((person, Some(hash))) => {
                let ok = on_blocking_thread(move || verify_password(&hash, &attempt)).await?;
                (ok && person.active).then_some(person)
            }
            _ => {
                on_blocking_thread(move || dummy_password_check(&attempt)).await?;
                None
            }
        };
        match person {
            Some(person) => {
                self.clear_failures(&account_scope).await?;
                Ok(person)
            }
            None => {
                self.record_failure(&[&client_scope, &account_scope], now).await?;
                Err(Error::Unauthorized)
            }
        }
    }

    /// Sets a person's password (already checked against the rules) and ends their sessions.
    pub async fn set_password(&self, id: &PersonId, password: &str) -> Result<()> {
        let password = password.to_string();
        let hash = on_blocking_thread(move || hash_password(&password)).await??;
        self.set_password_hash(id, &hash).await
    }

    /// Stores an already computed hash (the demo shares one hash between its people).
    pub async fn set_password_hash(&self, id: &PersonId, hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE people SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now_millis())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .db()?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("no such person".into()));
        }
        sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(id.as_str()).execute(&mut *tx).await.db()?;
        tx.commit().await.db()
    }
}

/// Hashes on a blocking thread (for callers outside this crate, e.g. the demo).
pub async fn hash_password_off_thread(password: String) -> Result<String> {
    on_blocking_thread(move || hash_password(&password)).await?
}
