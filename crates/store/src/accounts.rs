//! Passwords and signing in. Hashing is Argon2id on a blocking thread so the async runtime
//! never stalls; an unknown e-mail is checked against a dummy hash so it takes as long as a
//! wrong password; attempts are throttled (see `rate_limit`), counted before the check.

use crate::audit::{AuditRow, Recorded};
use crate::db::{now_millis, DbResult, Store};
use crate::rate_limit::{Scope, SignInLimits};
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

/// A successful sign-in: who, and the device secret the browser keeps (see `rate_limit`).
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub person: Person,
    pub device: String,
}

impl Store {
    /// Checks an e-mail and password from `client` (its address). Wrong credentials, unknown
    /// e-mails and inactive people all answer `Unauthorized`, after the same work.
    pub async fn sign_in(&self, email: &str, password: &str, client: &str, limits: &SignInLimits) -> Result<Person> {
        Ok(self.sign_in_from_device(email, password, client, None, limits).await?.person)
    }

    /// Signs in as `sign_in` does, from a browser that may hold a device cookie (`device`).
    /// The attempt is counted before the password is checked and given back when it is right.
    pub async fn sign_in_from_device(
        &self,
        email: &str,
        password: &str,
        client: &str,
        device: Option<&str>,
        limits: &SignInLimits,
    ) -> Result<SignedIn> {
        let key = email_key(email);
        let found = self.person_with_hash(&key).await?;
        let known = match (&found, device) {
            (Some((person, _)), Some(device)) => self.known_device(&person.id, device).await?,
            _ => None,
        };
        let scopes = match &known {
            Some(hash) => vec![Scope::device(hash, limits)],
            None => vec![Scope::client(client, limits), Scope::account_from(&key, client, limits)],
        };
        self.reserve_attempt(&scopes, limits).await?;
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
        let Some(person) = person else {
            return Err(Error::Unauthorized);
        };
        self.release_attempt(&scopes).await?;
        let device = self.remember_device(&person.id, known.as_deref(), device).await?;
        if let Some(maker) = &person.password_link_by {
            let row =
                AuditRow::account_event(&person.id, &person.id, Some(maker), Recorded::SignIn, "session", now_millis());
            self.record_rows(vec![row]).await?;
        }
        Ok(SignedIn { person, device })
    }

    /// Sets a person's password (already checked against the rules), ends their sessions and
    /// revokes their tokens. A mark left by someone else's link stays: whoever set this
    /// password may be the one who knew the marked one.
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
        sign_out_everywhere(&mut tx, id, now_millis()).await?;
        tx.commit().await.db()
    }
}

/// Ends every session of the person and revokes every API token they hold: what follows a new
/// password, so that nothing made with the old one still works.
pub(crate) async fn sign_out_everywhere(conn: &mut sqlx::AnyConnection, id: &PersonId, now: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(id.as_str()).execute(&mut *conn).await.db()?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await
        .db()?;
    Ok(())
}

/// Hashes on a blocking thread (for callers outside this crate, e.g. the demo).
pub async fn hash_password_off_thread(password: String) -> Result<String> {
    on_blocking_thread(move || hash_password(&password)).await?
}
