//! Provisioning writes: a User made, replaced (by PUT or by a PATCH already applied) or
//! removed. Each is one transaction through the roster's own steps, so the same rules hold
//! as for the people team's changes: unique e-mails and employee ids, no loop of managers,
//! every manager change in the dated history (as "scim"), sessions ended on deactivation.

use crate::db::{now_millis, DbResult, Store};
use crate::people::write::{change_manager_in, check_unique, insert_person, set_active_in, update_fields};
use sqlx::AnyConnection;
use trellis_core::ids::PersonId;
use trellis_core::person::{parse_date, parse_name, PersonDraft};
use trellis_core::scim::user::UserState;
use trellis_core::{Error, Result};

/// The source manager changes are recorded under.
const SOURCE: &str = "scim";

impl Store {
    /// Provisions a person, or brings back the one provisioning removed under the same user
    /// name. Returns their id and whether they are new.
    pub async fn scim_create(&self, user: &UserState) -> Result<(PersonId, bool)> {
        let mut tx = self.begin_write().await?;
        let removed: Option<String> =
            sqlx::query_scalar("SELECT person_id FROM scim_users WHERE user_name_key = $1 AND removed_at IS NOT NULL")
                .bind(key_of(&user.user_name))
                .fetch_optional(&mut *tx)
                .await
                .db()?;
        let (id, new) = match removed {
            Some(id) => (PersonId::from_stored(id), false),
            None => (PersonId::generate(), true),
        };
        write_user(&mut tx, &id, user, new, self.sends_mail).await?;
        tx.commit().await.db()?;
        Ok((id, new))
    }

    /// Replaces the User `id` with `user`, all or nothing.
    pub async fn scim_replace(&self, id: &PersonId, user: &UserState) -> Result<()> {
        let mut tx = self.begin_write().await?;
        ensure_not_removed(&mut tx, id).await?;
        write_user(&mut tx, id, user, false, self.sends_mail).await?;
        tx.commit().await.db()
    }

    /// Removes the User `id`: they are deactivated and provisioning no longer finds them.
    /// Their space and history stay, as for anyone who leaves.
    pub async fn scim_remove(&self, id: &PersonId) -> Result<()> {
        let record = self.scim_user(id.as_str()).await?;
        let mut tx = self.begin_write().await?;
        ensure_not_removed(&mut tx, id).await?;
        save_link(&mut tx, id, &record.user, Some(now_millis())).await?;
        set_active_in(&mut tx, id, false).await?;
        tx.commit().await.db()
    }
}

async fn write_user(
    conn: &mut AnyConnection,
    id: &PersonId,
    user: &UserState,
    new: bool,
    sends_mail: bool,
) -> Result<()> {
    let start_date = if new { None } else { stored_start_date(conn, id).await? };
    let name = parse_name(&user.roster_name()).or_else(|_| parse_name(&user.user_name));
    let draft = PersonDraft {
        name: name.map_err(|problem| Error::invalid("displayName", problem))?,
        email: user.email.clone(),
        employee_id: user.employee_number.clone(),
        title: user.title.clone(),
        department: user.department.clone(),
        start_date,
    };
    let holder = user_name_holder(conn, &key_of(&user.user_name), id).await?;
    if let Some(holder) = holder {
        return Err(Error::Conflict(format!("userName {} is already {holder}'s.", user.user_name)));
    }
    check_unique(conn, &draft, Some(id)).await.map_err(|error| match error {
        Error::Invalid(fields) => Error::Conflict(
            fields.iter().map(|f| format!("{} {}.", scim_name(&f.field), f.message)).collect::<Vec<_>>().join(" "),
        ),
        other => other,
    })?;
    if new {
        insert_person(conn, id, &draft, None, now_millis()).await?;
    } else {
        update_fields(conn, id, &draft).await?;
    }
    save_link(conn, id, user, None).await?;
    let manager = user
        .manager_id
        .as_deref()
        .map(|raw| PersonId::parse(raw).map_err(|_| Error::invalid("manager", format!("{raw} is not a User's id"))))
        .transpose()?;
    change_manager_in(conn, None, id, manager.as_ref(), SOURCE, sends_mail).await.map_err(|error| match error {
        Error::Invalid(fields) => {
            Error::Invalid(fields.into_iter().map(|f| trellis_core::FieldError::new("manager", f.message)).collect())
        }
        other => other,
    })?;
    let active: i64 = sqlx::query_scalar("SELECT active FROM people WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await
        .db()?;
    if (active != 0) != user.active {
        set_active_in(conn, id, user.active).await?;
    }
    Ok(())
}

/// Who other than `id` has the user name `key`: linked under it (removed or not), or not
/// linked and with it as their e-mail.
async fn user_name_holder(conn: &mut AnyConnection, key: &str, id: &PersonId) -> Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT p.name FROM scim_users s JOIN people p ON p.id = s.person_id WHERE s.user_name_key = $1 AND s.person_id <> $2 \
         UNION ALL SELECT p.name FROM people p WHERE p.email_key = $1 AND p.id <> $2 \
         AND NOT EXISTS (SELECT 1 FROM scim_users s WHERE s.person_id = p.id)",
    )
    .bind(key)
    .bind(id.as_str())
    .fetch_optional(conn)
    .await
    .db()
}

/// The attribute a roster field is known by in SCIM.
fn scim_name(field: &str) -> &str {
    match field {
        "email" => "emails.value",
        "employee_id" => "employeeNumber",
        other => other,
    }
}

fn key_of(user_name: &str) -> String {
    user_name.trim().to_lowercase()
}

async fn stored_start_date(conn: &mut AnyConnection, id: &PersonId) -> Result<Option<jiff::civil::Date>> {
    let raw: Option<String> = sqlx::query_scalar("SELECT start_date FROM people WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(conn)
        .await
        .db()?;
    Ok(raw.and_then(|raw| parse_date(&raw).ok()))
}

async fn ensure_not_removed(conn: &mut AnyConnection, id: &PersonId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM people p LEFT JOIN scim_users s ON s.person_id = p.id WHERE p.id = $1 AND s.removed_at IS NULL",
    )
    .bind(id.as_str())
    .fetch_optional(conn)
    .await
    .db()?;
    found.map(|_| ()).ok_or_else(|| Error::NotFound(format!("There is no User with the id {id}.")))
}

/// Writes what provisioning keeps beyond the roster's fields, and whether it removed them.
async fn save_link(conn: &mut AnyConnection, id: &PersonId, user: &UserState, removed_at: Option<i64>) -> Result<()> {
    sqlx::query(
        "INSERT INTO scim_users (person_id, user_name, user_name_key, external_id, display_name, formatted_name, \
         given_name, family_name, email_type, email_primary, removed_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (person_id) DO UPDATE SET user_name = excluded.user_name, user_name_key = excluded.user_name_key, \
         external_id = excluded.external_id, display_name = excluded.display_name, formatted_name = excluded.formatted_name, \
         given_name = excluded.given_name, family_name = excluded.family_name, email_type = excluded.email_type, \
         email_primary = excluded.email_primary, \
         removed_at = excluded.removed_at, updated_at = excluded.updated_at",
    )
    .bind(id.as_str())
    .bind(&user.user_name)
    .bind(key_of(&user.user_name))
    .bind(&user.external_id)
    .bind(&user.display_name)
    .bind(&user.formatted_name)
    .bind(&user.given_name)
    .bind(&user.family_name)
    .bind(&user.email_type)
    .bind(user.email_primary.map(i64::from))
    .bind(removed_at)
    .bind(now_millis())
    .execute(conn)
    .await
    .db()?;
    Ok(())
}
