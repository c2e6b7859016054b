//! Single-use, expiring links: setting up the first admin, accepting an invitation, resetting
//! a password. The code in the link is a random secret; only its hash is stored. Using a link
//! and setting the password happen in one transaction, so a link works exactly once.
//!
//! The people team may make a password link for someone who already has a password (there is
//! no e-mail yet to send one to the person alone). Such a link cannot be made quietly: it is
//! written to the person's trail when made and when used, and a password set through it is
//! marked with its maker, so every sign-in and access made with it is recorded as theirs too,
//! until the person sets a password through a link nobody else made. Setting a password through
//! any link ends every session and revokes every API token.

use crate::audit::{record_account_event, AuditRow, Recorded};
use crate::db::{flag, now_millis, DbResult, Store};
use crate::people::write::insert_person;
use crate::people::{person_from_row, PERSON_COLUMNS};
use crate::secrets::{hash_secret, new_secret};
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::person::{Person, PersonDraft};
use trellis_core::{Error, Result};

/// How long a password reset link works: hours, not days, since it opens an account that is
/// already in use. (Invitations last as long as the organisation's setting says.)
pub const RESET_LINK_MS: i64 = 4 * 60 * 60 * 1000;

/// What a link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Creating the first admin account of an empty installation.
    Setup,
    /// A person invited by the people team sets their password.
    Invite,
    /// A person sets a new password.
    Reset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Setup => "setup",
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }
}

/// A valid link, looked up by its code: for whom it is (none for set-up).
#[derive(Clone, Debug)]
pub struct OneTimeLink {
    pub person: Option<Person>,
    pub expires_at: i64,
    /// Who made it (none when made on the server's command line or at set-up).
    pub made_by: Option<PersonId>,
}

/// Whether a link made by `by` for `person` hands someone else a way into the person's
/// account: a reset made by anyone but the person themself.
fn made_by_someone_else(purpose: LinkPurpose, person: Option<&PersonId>, by: Option<&PersonId>) -> bool {
    purpose == LinkPurpose::Reset && by.is_some() && by != person
}

fn expired() -> Error {
    Error::NotFound("This link has expired or has already been used. Ask for a new one.".into())
}

impl Store {
    /// Creates a link code valid for `valid_ms`. Earlier unused links of the same purpose for
    /// the same person stop working.
    pub async fn create_link(
        &self,
        purpose: LinkPurpose,
        person: Option<&PersonId>,
        by: Option<&PersonId>,
        valid_ms: i64,
    ) -> Result<String> {
        let code = new_secret();
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE one_time_links SET used_at = $1 WHERE purpose = $2 AND used_at IS NULL \
             AND (person_id = $3 OR (person_id IS NULL AND $4 = 1))",
        )
        .bind(now)
        .bind(purpose.as_str())
        .bind(person.map_or(String::new(), ToString::to_string))
        .bind(flag(person.is_none()))
        .execute(&mut *tx)
        .await
        .db()?;
        sqlx::query(
            "INSERT INTO one_time_links (token_hash, purpose, person_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash_secret(&code))
        .bind(purpose.as_str())
        .bind(person.map(ToString::to_string))
        .bind(by.map(ToString::to_string))
        .bind(now)
        .bind(now + valid_ms)
        .execute(&mut *tx)
        .await
        .db()?;
        if let (Some(person), Some(maker)) = (person, by.filter(|maker| Some(*maker) != person)) {
            let kind = if purpose == LinkPurpose::Reset { "password_link" } else { "invitation" };
            record_account_event(&mut tx, AuditRow::account_event(person, maker, None, Recorded::MadeLink, kind, now))
                .await?;
        }
        tx.commit().await.db()?;
        Ok(code)
    }

    /// Looks a link up without using it (to show the form it leads to).
    pub async fn peek_link(&self, code: &str, purpose: LinkPurpose) -> Result<OneTimeLink> {
        let row = sqlx::query(
            "SELECT person_id, expires_at, created_by FROM one_time_links \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(hash_secret(code))
        .bind(purpose.as_str())
        .bind(now_millis())
        .fetch_optional(&self.pool)
        .await
        .db()?
        .ok_or_else(expired)?;
        let person_id: Option<String> = row.try_get("person_id").db()?;
        let person = match person_id {
            Some(id) => Some(self.person(&PersonId::from_stored(id)).await?),
            None => None,
        };
        let made_by: Option<String> = row.try_get("created_by").db()?;
        Ok(OneTimeLink {
            person,
            expires_at: row.try_get("expires_at").db()?,
            made_by: made_by.map(PersonId::from_stored),
        })
    }

    /// Uses an invitation or reset link: sets the password (already checked) of the person it
    /// is for, ends their sessions and revokes their tokens. A reset link someone else made
    /// marks the password with its maker. Fails if the link was used or expired meanwhile.
    pub async fn redeem_password_link(&self, code: &str, purpose: LinkPurpose, password: &str) -> Result<Person> {
        let link = self.peek_link(code, purpose).await?;
        let person = link.person.ok_or_else(expired)?;
        let maker = link.made_by.filter(|by| made_by_someone_else(purpose, Some(&person.id), Some(by)));
        let hash = crate::accounts::hash_password_off_thread(password.to_string()).await?;
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        mark_used(&mut tx, code, purpose).await?;
        sqlx::query("UPDATE people SET password_hash = $1, password_link_by = $2, updated_at = $3 WHERE id = $4")
            .bind(&hash)
            .bind(maker.as_ref().map(PersonId::as_str))
            .bind(now)
            .bind(person.id.as_str())
            .execute(&mut *tx)
            .await
            .db()?;
        crate::accounts::sign_out_everywhere(&mut tx, &person.id, now).await?;
        if let Some(maker) = &maker {
            let row =
                AuditRow::account_event(&person.id, &person.id, Some(maker), Recorded::SetPassword, "password", now);
            record_account_event(&mut tx, row).await?;
        }
        tx.commit().await.db()?;
        self.person(&person.id).await
    }

    /// Uses the set-up link: makes the first admin (a new person, or the roster's person with
    /// that e-mail) with a password, all in one transaction. Refused once an admin can sign in.
    pub async fn complete_setup(&self, code: &str, draft: &PersonDraft, password: &str) -> Result<Person> {
        self.peek_link(code, LinkPurpose::Setup).await?;
        let email = draft.email.as_ref().ok_or_else(|| Error::invalid("email", "is required to sign in"))?;
        let hash = crate::accounts::hash_password_off_thread(password.to_string()).await?;
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        mark_used(&mut tx, code, LinkPurpose::Setup).await?;
        let admins: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE is_admin = 1 AND password_hash IS NOT NULL")
                .fetch_one(&mut *tx)
                .await
                .db()?;
        if admins > 0 {
            return Err(expired());
        }
        let existing: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE email_key = $1")
            .bind(email.key())
            .fetch_optional(&mut *tx)
            .await
            .db()?;
        let id = match existing {
            Some(id) => PersonId::from_stored(id),
            None => {
                let id = PersonId::generate();
                insert_person(&mut tx, &id, draft, None, now).await?;
                id
            }
        };
        sqlx::query("UPDATE people SET password_hash = $1, is_admin = 1, active = 1, updated_at = $2 WHERE id = $3")
            .bind(&hash)
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await
            .db()?;
        tx.commit().await.db()?;
        self.person(&id).await
    }

    /// People with an unused, unexpired invitation, and when it expires.
    pub async fn pending_invitations(&self) -> Result<Vec<(Person, i64)>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, l.expires_at AS link_expires FROM one_time_links l \
             JOIN people p ON p.id = l.person_id WHERE l.purpose = 'invite' AND l.used_at IS NULL \
             AND l.expires_at > $1 ORDER BY l.created_at DESC"
        );
        let rows = sqlx::query(&sql).bind(now_millis()).fetch_all(&self.pool).await.db()?;
        rows.iter().map(|row| Ok((person_from_row(row)?, row.try_get("link_expires").db()?))).collect()
    }
}

async fn mark_used(conn: &mut sqlx::AnyConnection, code: &str, purpose: LinkPurpose) -> Result<()> {
    let done = sqlx::query(
        "UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
         AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now_millis())
    .bind(hash_secret(code))
    .bind(purpose.as_str())
    .execute(conn)
    .await
    .db()?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(expired())
    }
}
