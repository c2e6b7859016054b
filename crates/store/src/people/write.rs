//! Changing the roster: adding and editing people, (de)activating them, and changing managers.
//! A manager change is refused if it would make anyone manage themselves, and is always written
//! to the dated history in the same transaction.

use super::PERSON_COLUMNS;
use crate::db::{flag, now_millis, DbResult, Store};
use crate::handoffs::ask_for_consent;
use sqlx::{Any, AnyConnection};
use trellis_core::ids::PersonId;
use trellis_core::org::cycle_if_assigned;
use trellis_core::person::{Person, PersonDraft};
use trellis_core::{Error, FieldError, Result};

impl Store {
    /// Adds a person. `by` is the admin doing it (none for the CLI and set-up).
    pub async fn create_person(
        &self,
        by: Option<&PersonId>,
        draft: &PersonDraft,
        manager: Option<&PersonId>,
        source: &str,
    ) -> Result<Person> {
        let id = PersonId::generate();
        let mut tx = self.begin_write().await?;
        check_unique(&mut tx, draft, None).await?;
        if let Some(manager) = manager {
            ensure_exists(&mut tx, manager, "manager_id").await?;
        }
        let now = now_millis();
        insert_person(&mut tx, &id, draft, manager, now).await?;
        if manager.is_some() {
            record_manager_change(&mut tx, &id, None, manager, by, source, now).await?;
        }
        tx.commit().await.db()?;
        self.person(&id).await
    }

    /// Replaces a person's roster fields (not their manager: see `change_manager`).
    pub async fn update_person(&self, id: &PersonId, draft: &PersonDraft) -> Result<Person> {
        let mut tx = self.begin_write().await?;
        ensure_exists(&mut tx, id, "id").await?;
        check_unique(&mut tx, draft, Some(id)).await?;
        update_fields(&mut tx, id, draft).await?;
        tx.commit().await.db()?;
        self.person(id).await
    }

    /// Marks a person active or inactive. Inactive people cannot sign in; their sessions end.
    /// `by` is who does it: nobody may deactivate themselves (and so lock themselves out).
    pub async fn set_person_active(&self, by: Option<&PersonId>, id: &PersonId, active: bool) -> Result<Person> {
        if !active && by == Some(id) {
            return Err(Error::Forbidden("You cannot deactivate yourself.".into()));
        }
        let mut tx = self.begin_write().await?;
        ensure_exists(&mut tx, id, "id").await?;
        set_active_in(&mut tx, id, active).await?;
        tx.commit().await.db()?;
        self.person(id).await
    }

    /// Grants or removes membership of the people team.
    pub async fn set_admin(&self, id: &PersonId, is_admin: bool) -> Result<()> {
        let done = sqlx::query("UPDATE people SET is_admin = $1, updated_at = $2 WHERE id = $3")
            .bind(flag(is_admin))
            .bind(now_millis())
            .bind(id.as_str())
            .execute(&self.writer)
            .await
            .db()?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("no such person".into()));
        }
        Ok(())
    }

    /// Gives `person` a new manager (or none), refusing any change that would close a loop,
    /// and records it in the history. Setting the current manager again changes nothing.
    pub async fn change_manager(
        &self,
        by: Option<&PersonId>,
        person: &PersonId,
        manager: Option<&PersonId>,
        source: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        change_manager_in(&mut tx, by, person, manager, source, self.sends_mail).await?;
        tx.commit().await.db()
    }

    /// The person's current record including the stored password hash (for sign-in).
    pub(crate) async fn person_with_hash(&self, email_key: &str) -> Result<Option<(Person, Option<String>)>> {
        let sql = format!("SELECT {PERSON_COLUMNS}, p.password_hash FROM people p WHERE p.email_key = $1");
        let row = sqlx::query(&sql).bind(email_key).fetch_optional(&self.pool).await.db()?;
        match row {
            Some(row) => {
                let hash: Option<String> = sqlx::Row::try_get(&row, "password_hash").db()?;
                Ok(Some((super::person_from_row(&row)?, hash)))
            }
            None => Ok(None),
        }
    }
}

/// Gives `person` a new manager (or none) in the caller's transaction: refuses a loop, records
/// the change and asks the person's consent to share with the new manager.
pub(crate) async fn change_manager_in(
    conn: &mut AnyConnection,
    by: Option<&PersonId>,
    person: &PersonId,
    manager: Option<&PersonId>,
    source: &str,
    sends_mail: bool,
) -> Result<()> {
    let current: Option<Option<String>> = sqlx::query_scalar("SELECT manager_id FROM people WHERE id = $1")
        .bind(person.as_str())
        .fetch_optional(&mut *conn)
        .await
        .db()?;
    let current = current.ok_or_else(|| Error::NotFound("no such person".into()))?.map(PersonId::from_stored);
    if current.as_ref() == manager {
        return Ok(());
    }
    if let Some(manager) = manager {
        ensure_exists(&mut *conn, manager, "manager_id").await?;
        let chain = chain_ids(&mut *conn, manager).await?;
        if let Some(cycle) = cycle_if_assigned(person, manager, &chain) {
            let mut names = Vec::new();
            for id in cycle.iter().chain(cycle.first()) {
                names.push(name_of(&mut *conn, id).await?);
            }
            let message = if cycle.len() == 1 {
                "nobody can manage themselves".to_string()
            } else {
                format!("would make a loop of managers: {}", names.join(" → "))
            };
            return Err(Error::invalid("manager_id", message));
        }
    }
    let now = now_millis();
    sqlx::query("UPDATE people SET manager_id = $1, updated_at = $2 WHERE id = $3")
        .bind(manager.map(|m| m.to_string()))
        .bind(now)
        .bind(person.as_str())
        .execute(&mut *conn)
        .await
        .db()?;
    record_manager_change(&mut *conn, person, current.as_ref(), manager, by, source, now).await?;
    if sends_mail && current.as_ref() != manager {
        ask_for_consent(&mut *conn, person, manager).await?;
    }
    Ok(())
}

/// Replaces a person's roster fields inside the caller's transaction.
pub(crate) async fn update_fields(conn: &mut AnyConnection, id: &PersonId, draft: &PersonDraft) -> Result<()> {
    let query = sqlx::query(
        "UPDATE people SET name = $1, email = $2, email_key = $3, employee_id = $4, title = $5, \
         department = $6, start_date = $7, updated_at = $8 WHERE id = $9",
    );
    bind_draft(query, draft).bind(now_millis()).bind(id.as_str()).execute(conn).await.db()?;
    Ok(())
}

/// Marks a person active or not inside the caller's transaction; an inactive one's sessions end.
pub(crate) async fn set_active_in(conn: &mut AnyConnection, id: &PersonId, active: bool) -> Result<()> {
    sqlx::query("UPDATE people SET active = $1, updated_at = $2 WHERE id = $3")
        .bind(flag(active))
        .bind(now_millis())
        .bind(id.as_str())
        .execute(&mut *conn)
        .await
        .db()?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(id.as_str()).execute(conn).await.db()?;
    }
    Ok(())
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Binds a draft's name, email, email_key, employee_id, title, department, start_date.
fn bind_draft<'q>(query: AnyQuery<'q>, draft: &PersonDraft) -> AnyQuery<'q> {
    query
        .bind(draft.name.clone())
        .bind(draft.email.as_ref().map(|e| e.as_str().to_string()))
        .bind(draft.email.as_ref().map(|e| e.key()))
        .bind(draft.employee_id.clone())
        .bind(draft.title.clone())
        .bind(draft.department.clone())
        .bind(draft.start_date.map(|d| d.to_string()))
}

/// Inserts a person (active, not an admin, no password) inside the caller's transaction.
pub(crate) async fn insert_person(
    conn: &mut AnyConnection,
    id: &PersonId,
    draft: &PersonDraft,
    manager: Option<&PersonId>,
    now: i64,
) -> Result<()> {
    let query = sqlx::query(
        "INSERT INTO people (name, email, email_key, employee_id, title, department, start_date, id, \
         manager_id, active, is_admin, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 0, $10, $10)",
    );
    bind_draft(query, draft)
        .bind(id.as_str())
        .bind(manager.map(|m| m.to_string()))
        .bind(now)
        .execute(conn)
        .await
        .db()?;
    Ok(())
}

/// Writes one dated manager change.
pub(crate) async fn record_manager_change(
    conn: &mut AnyConnection,
    person: &PersonId,
    previous: Option<&PersonId>,
    manager: Option<&PersonId>,
    by: Option<&PersonId>,
    source: &str,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO manager_changes (id, person_id, previous_manager_id, manager_id, changed_at, changed_by, source) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(PersonId::generate().as_str())
    .bind(person.as_str())
    .bind(previous.map(ToString::to_string))
    .bind(manager.map(ToString::to_string))
    .bind(at)
    .bind(by.map(ToString::to_string))
    .bind(source)
    .execute(conn)
    .await
    .db()?;
    Ok(())
}

/// The ids of a person's managers, nearest first, read inside a transaction.
async fn chain_ids(conn: &mut AnyConnection, id: &PersonId) -> Result<Vec<PersonId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "WITH RECURSIVE chain (id, depth) AS ( \
            SELECT manager_id, 1 FROM people WHERE id = $1 AND manager_id IS NOT NULL \
            UNION ALL \
            SELECT p.manager_id, c.depth + 1 FROM people p JOIN chain c ON p.id = c.id \
            WHERE p.manager_id IS NOT NULL AND c.depth < 64) \
         SELECT id FROM chain ORDER BY depth",
    )
    .bind(id.as_str())
    .fetch_all(conn)
    .await
    .db()?;
    Ok(ids.into_iter().map(PersonId::from_stored).collect())
}

async fn name_of(conn: &mut AnyConnection, id: &PersonId) -> Result<String> {
    sqlx::query_scalar("SELECT name FROM people WHERE id = $1").bind(id.as_str()).fetch_one(conn).await.db()
}

pub(crate) async fn ensure_exists(conn: &mut AnyConnection, id: &PersonId, field: &str) -> Result<()> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM people WHERE id = $1").bind(id.as_str()).fetch_optional(conn).await.db()?;
    match (found, field) {
        (Some(_), _) => Ok(()),
        (None, "id") => Err(Error::NotFound("no such person".into())),
        (None, field) => Err(Error::invalid(field, "is not a person in the roster")),
    }
}

/// Refuses an e-mail or employee id that another person already has, naming them.
pub(crate) async fn check_unique(
    conn: &mut AnyConnection,
    draft: &PersonDraft,
    except: Option<&PersonId>,
) -> Result<()> {
    let except = except.map_or(String::new(), ToString::to_string);
    let mut errors = Vec::new();
    let checks = [
        ("email", "email_key", draft.email.as_ref().map(|e| e.key())),
        ("employee_id", "employee_id", draft.employee_id.clone()),
    ];
    for (field, column, value) in checks {
        let Some(value) = value else { continue };
        let sql = format!("SELECT name FROM people WHERE {column} = $1 AND id <> $2");
        let holder: Option<String> =
            sqlx::query_scalar::<Any, String>(&sql).bind(value).bind(&except).fetch_optional(&mut *conn).await.db()?;
        if let Some(holder) = holder {
            errors.push(FieldError::new(field, format!("is already used by {holder}")));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}
