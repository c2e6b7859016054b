//! Sign-in sessions, stored in the database so any instance can serve any request. The cookie
//! holds a random secret; the database holds only its hash. Sessions end after a period of
//! inactivity and, regardless of activity, after an absolute lifetime.

use crate::db::{now_millis, DbResult, Store};
use crate::people::org::summary;
use crate::people::{PersonSummary, PERSON_COLUMNS};
use crate::secrets::{hash_secret, new_secret};
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::person::Person;
use trellis_core::Result;

/// How long sessions last.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle_ms: 8 * 60 * 60 * 1000, absolute_ms: 14 * 24 * 60 * 60 * 1000 }
    }
}

/// A live session: who is signed in, whether they manage anyone, and the CSRF token their forms
/// must carry.
#[derive(Clone, Debug)]
pub struct Session {
    pub person: Person,
    /// Their current manager, if any.
    pub manager: Option<PersonSummary>,
    pub is_manager: bool,
    pub csrf_token: String,
}

/// How stale `last_seen_at` may get before a request refreshes it (saves a write per request).
const TOUCH_AFTER_MS: i64 = 60 * 1000;

impl Store {
    /// Starts a session and returns the secret for the cookie.
    pub async fn create_session(&self, person: &PersonId) -> Result<String> {
        let secret = new_secret();
        let now = now_millis();
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(hash_secret(&secret))
        .bind(person.as_str())
        .bind(new_secret())
        .bind(now)
        .execute(&self.writer)
        .await
        .db()?;
        Ok(secret)
    }

    /// The live session for a cookie secret, if any. Expired sessions are removed.
    pub async fn session(&self, secret: &str, policy: &SessionPolicy) -> Result<Option<Session>> {
        let id_hash = hash_secret(secret);
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, s.csrf_token, s.created_at AS s_created, s.last_seen_at AS s_seen, \
             CASE WHEN EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id AND r.active = 1) \
             THEN 1 ELSE 0 END AS is_manager, \
             m.id AS m_id, m.name AS m_name, m.title AS m_title, m.department AS m_department, m.active AS m_active \
             FROM sessions s JOIN people p ON p.id = s.person_id LEFT JOIN people m ON m.id = p.manager_id \
             WHERE s.id_hash = $1"
        );
        let Some(row) = sqlx::query(&sql).bind(&id_hash).fetch_optional(&self.pool).await.db()? else {
            return Ok(None);
        };
        let now = now_millis();
        let created: i64 = row.try_get("s_created").db()?;
        let seen: i64 = row.try_get("s_seen").db()?;
        let person = crate::people::person_from_row(&row)?;
        if now - seen > policy.idle_ms || now - created > policy.absolute_ms || !person.active {
            self.end_session(secret).await?;
            return Ok(None);
        }
        if now - seen > TOUCH_AFTER_MS {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                .bind(now)
                .bind(&id_hash)
                .execute(&self.writer)
                .await
                .db()?;
        }
        Ok(Some(Session {
            person,
            manager: summary(&row, "m_")?,
            is_manager: row.try_get::<i64, _>("is_manager").db()? != 0,
            csrf_token: row.try_get("csrf_token").db()?,
        }))
    }

    /// Ends the session with this cookie secret.
    pub async fn end_session(&self, secret: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(hash_secret(secret))
            .execute(&self.writer)
            .await
            .db()?;
        Ok(())
    }
}
