//! The roster: reading people, listing them with filters and pages. Writes are in `write`,
//! the reporting lines (chains, reports, history) in `org`.

pub(crate) mod org;
mod profile;
pub(crate) mod write;

pub use org::{ManagerChange, OrgNode};
pub use profile::Profile;

use crate::db::{DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::person::{email_key, Person};
use trellis_core::{Error, Result};

/// The columns `person_from_row` reads, in a form both engines accept.
pub(crate) const PERSON_COLUMNS: &str = "p.id, p.name, p.email, p.employee_id, p.title, \
    p.department, p.manager_id, p.start_date, p.active, p.is_admin, \
    CASE WHEN p.password_hash IS NULL THEN 0 ELSE 1 END AS can_sign_in, p.password_link_by, p.time_zone";

pub(crate) fn person_from_row(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: PersonId::from_stored(row.try_get("id").db()?),
        name: row.try_get("name").db()?,
        email: row.try_get("email").db()?,
        employee_id: row.try_get("employee_id").db()?,
        title: row.try_get("title").db()?,
        department: row.try_get("department").db()?,
        manager_id: row.try_get::<Option<String>, _>("manager_id").db()?.map(PersonId::from_stored),
        start_date: row.try_get("start_date").db()?,
        active: row.try_get::<i64, _>("active").db()? != 0,
        is_admin: row.try_get::<i64, _>("is_admin").db()? != 0,
        can_sign_in: row.try_get::<i64, _>("can_sign_in").db()? != 0,
        password_link_by: row.try_get::<Option<String>, _>("password_link_by").db()?.map(PersonId::from_stored),
        time_zone: row.try_get("time_zone").db()?,
    })
}

/// A person in a list: enough to show a line and a link.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub title: String,
    pub department: String,
    pub active: bool,
}

/// Which people to list, and which page.
#[derive(Clone, Debug, Default)]
pub struct PeopleFilter {
    /// Matches name or e-mail, ignoring case.
    pub query: Option<String>,
    pub department: Option<String>,
    pub manager_id: Option<PersonId>,
    pub active: Option<bool>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// One page of people and how many match in all.
#[derive(Clone, Debug)]
pub struct PeoplePage {
    pub people: Vec<Person>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl Store {
    /// The person with `id`.
    pub async fn person(&self, id: &PersonId) -> Result<Person> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(person_from_row).transpose()?.ok_or_else(|| Error::NotFound("no such person".into()))
    }

    /// The person whose e-mail is `email` (ignoring case), if any.
    pub async fn person_by_email(&self, email: &str) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.email_key = $1");
        let row = sqlx::query(&sql).bind(email_key(email)).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(person_from_row).transpose()
    }

    /// The person an admin means by `reference`: an e-mail address or an employee id.
    pub async fn person_by_reference(&self, reference: &str) -> Result<Option<Person>> {
        let reference = reference.trim();
        if reference.contains('@') {
            return self.person_by_email(reference).await;
        }
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.employee_id = $1");
        let row = sqlx::query(&sql).bind(reference).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(person_from_row).transpose()
    }

    /// How many people the roster holds.
    pub async fn count_people(&self) -> Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&self.pool).await.db()
    }

    /// Whether some admin can sign in (if not, the first admin must be set up).
    pub async fn has_admin_account(&self) -> Result<bool> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE is_admin = 1 AND password_hash IS NOT NULL")
                .fetch_one(&self.pool)
                .await
                .db()?;
        Ok(count > 0)
    }

    /// People matching `filter`, sorted by name, one page at a time.
    pub async fn list_people(&self, filter: &PeopleFilter) -> Result<PeoplePage> {
        let mut conditions = Vec::new();
        let mut values: Vec<String> = Vec::new();
        if let Some(query) = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            values.push(format!("%{}%", query.to_lowercase()));
            let n = values.len();
            conditions.push(format!("(lower(p.name) LIKE ${n} OR p.email_key LIKE ${n})"));
        }
        if let Some(department) = filter.department.as_deref().filter(|d| !d.is_empty()) {
            values.push(department.to_string());
            conditions.push(format!("p.department = ${}", values.len()));
        }
        if let Some(manager) = &filter.manager_id {
            values.push(manager.to_string());
            conditions.push(format!("p.manager_id = ${}", values.len()));
        }
        if let Some(active) = filter.active {
            conditions.push(format!("p.active = {}", i64::from(active)));
        }
        let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let (limit, offset) = org::page_bounds(filter.page, filter.per_page);

        let count_sql = format!("SELECT COUNT(*) FROM people p {clause}");
        let mut count = sqlx::query_scalar(&count_sql);
        for value in &values {
            count = count.bind(value.as_str());
        }
        let total: i64 = count.fetch_one(&self.pool).await.db()?;

        let list_sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people p {clause} ORDER BY p.name, p.id LIMIT {limit} OFFSET {offset}"
        );
        let mut list = sqlx::query(&list_sql);
        for value in &values {
            list = list.bind(value.as_str());
        }
        let rows = list.fetch_all(&self.pool).await.db()?;
        let people = rows.iter().map(person_from_row).collect::<Result<_>>()?;
        Ok(PeoplePage { people, total, page: filter.page.max(1), per_page: limit })
    }

    /// Every distinct department, for filters.
    pub async fn departments(&self) -> Result<Vec<String>> {
        sqlx::query_scalar("SELECT DISTINCT department FROM people WHERE department <> '' ORDER BY department")
            .fetch_all(&self.pool)
            .await
            .db()
    }
}
