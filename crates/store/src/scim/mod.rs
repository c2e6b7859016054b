//! SCIM provisioning's view of the roster: every person not removed by provisioning, as a
//! User. A person the provider has not linked yet (imported by CSV, say) has their e-mail as
//! user name, so an identity provider that looks them up by `userName eq` finds and links
//! them rather than making a second Ana. Writes are in `write`, tokens in `tokens`.

mod tokens;
mod write;

use crate::db::{DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeSet;
use trellis_core::ids::PersonId;
use trellis_core::person::{email_key, Email};
use trellis_core::scim::filter::{Equality, FilterAttribute};
use trellis_core::scim::user::UserState;
use trellis_core::{Error, Result};

/// A person as a SCIM User, with when they were made and last changed (milliseconds).
#[derive(Clone, Debug)]
pub struct ScimRecord {
    pub id: PersonId,
    pub user: UserState,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One page of Users, 1-based `start_index`, and how many match in all.
#[derive(Clone, Debug)]
pub struct ScimPage {
    pub records: Vec<ScimRecord>,
    pub total: i64,
}

const RECORD_SQL: &str = "SELECT p.id, p.name, p.email, p.employee_id, p.title, p.department, p.manager_id, \
    p.active, p.created_at, p.updated_at, s.person_id AS linked, s.user_name, s.external_id, s.display_name, \
    s.formatted_name, s.given_name, s.family_name, s.email_type, s.email_primary, s.updated_at AS link_updated \
    FROM people p LEFT JOIN scim_users s ON s.person_id = p.id WHERE s.removed_at IS NULL";

fn record_from_row(row: &AnyRow) -> Result<ScimRecord> {
    let id: String = row.try_get("id").db()?;
    let name: String = row.try_get("name").db()?;
    let email: Option<String> = row.try_get("email").db()?;
    let linked = row.try_get::<Option<String>, _>("linked").db()?.is_some();
    let user_name: Option<String> = row.try_get("user_name").db()?;
    let display_name: Option<String> = row.try_get("display_name").db()?;
    let user = UserState {
        user_name: user_name.or_else(|| email.clone()).unwrap_or_else(|| id.clone()),
        external_id: row.try_get("external_id").db()?,
        display_name: if linked { display_name.map(|_| name) } else { Some(name) },
        formatted_name: row.try_get("formatted_name").db()?,
        given_name: row.try_get("given_name").db()?,
        family_name: row.try_get("family_name").db()?,
        email: email.as_deref().and_then(|e| Email::parse(e).ok()),
        // The roster's address is a work address until a provider says otherwise.
        email_type: row.try_get::<Option<String>, _>("email_type").db()?.or_else(|| (!linked).then(|| "work".into())),
        email_primary: match row.try_get::<Option<i64>, _>("email_primary").db()? {
            Some(flag) => Some(flag != 0),
            None if linked => None,
            None => Some(true),
        },
        title: row.try_get("title").db()?,
        active: row.try_get::<i64, _>("active").db()? != 0,
        employee_number: row.try_get("employee_id").db()?,
        department: row.try_get("department").db()?,
        manager_id: row.try_get("manager_id").db()?,
    };
    let updated: i64 = row.try_get("updated_at").db()?;
    let link_updated: Option<i64> = row.try_get("link_updated").db()?;
    Ok(ScimRecord {
        id: PersonId::from_stored(id),
        user,
        created_at: row.try_get("created_at").db()?,
        updated_at: updated.max(link_updated.unwrap_or(0)),
    })
}

impl Store {
    /// The User with `id`, unless there is none or provisioning removed them.
    pub async fn scim_user(&self, id: &str) -> Result<ScimRecord> {
        let sql = format!("{RECORD_SQL} AND p.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await.db()?;
        row.as_ref()
            .map(record_from_row)
            .transpose()?
            .ok_or_else(|| Error::NotFound(format!("There is no User with the id {id}.")))
    }

    /// Users by name, `count` from the 1-based `start_index`, that meet every comparison.
    pub async fn scim_users(&self, filter: &[Equality], start_index: usize, count: usize) -> Result<ScimPage> {
        if !filter.is_empty() {
            let mut records = Vec::new();
            for id in self.ids_matching(filter).await? {
                match self.scim_user(&id).await {
                    Ok(record) => records.push(record),
                    Err(Error::NotFound(_)) => {}
                    Err(other) => return Err(other),
                }
            }
            records.sort_by(|a, b| (&a.user.display_name, &a.id).cmp(&(&b.user.display_name, &b.id)));
            let total = records.len() as i64;
            let records = records.into_iter().skip(start_index - 1).take(count).collect();
            return Ok(ScimPage { records, total });
        }
        let count_sql =
            "SELECT COUNT(*) FROM people p LEFT JOIN scim_users s ON s.person_id = p.id WHERE s.removed_at IS NULL";
        let total: i64 = sqlx::query_scalar(count_sql).fetch_one(&self.pool).await.db()?;
        let sql = format!("{RECORD_SQL} ORDER BY p.name, p.id LIMIT $1 OFFSET $2");
        let rows =
            sqlx::query(&sql).bind(count as i64).bind(start_index as i64 - 1).fetch_all(&self.pool).await.db()?;
        Ok(ScimPage { records: rows.iter().map(record_from_row).collect::<Result<_>>()?, total })
    }

    /// The ids that meet every comparison, each found through an index.
    async fn ids_matching(&self, filter: &[Equality]) -> Result<BTreeSet<String>> {
        let mut matching: Option<BTreeSet<String>> = None;
        for comparison in filter {
            let ids: BTreeSet<String> = match comparison.attribute {
                FilterAttribute::Id => [comparison.value.clone()].into(),
                FilterAttribute::UserName => self.ids_with_user_name(&comparison.value).await?,
                FilterAttribute::ExternalId => {
                    self.ids_where("SELECT person_id FROM scim_users WHERE external_id = $1", &comparison.value).await?
                }
                FilterAttribute::Email => {
                    self.ids_where("SELECT id FROM people WHERE email_key = $1", &email_key(&comparison.value)).await?
                }
            };
            matching = Some(match matching {
                Some(so_far) => so_far.intersection(&ids).cloned().collect(),
                None => ids,
            });
        }
        Ok(matching.unwrap_or_default())
    }

    /// Whoever has `user_name`: linked under it, or not linked and with it as their e-mail.
    pub(crate) async fn ids_with_user_name(&self, user_name: &str) -> Result<BTreeSet<String>> {
        let key = user_name.trim().to_lowercase();
        let mut ids = self.ids_where("SELECT person_id FROM scim_users WHERE user_name_key = $1", &key).await?;
        let unlinked = "SELECT p.id FROM people p WHERE p.email_key = $1 \
            AND NOT EXISTS (SELECT 1 FROM scim_users s WHERE s.person_id = p.id)";
        ids.extend(self.ids_where(unlinked, &key).await?);
        Ok(ids)
    }

    async fn ids_where(&self, sql: &str, value: &str) -> Result<BTreeSet<String>> {
        let ids: Vec<String> = sqlx::query_scalar(sql).bind(value).fetch_all(&self.pool).await.db()?;
        Ok(ids.into_iter().collect())
    }
}
