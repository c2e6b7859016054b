//! Reading the trail: the person's own, newest visit first.

use crate::access::Actor;
use crate::db::{DbResult, Store};
use crate::people::org::page_bounds;
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::{Error, Result};

/// One visit: what someone did in the person's space (or to their account) within an hour.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AuditEvent {
    /// The last time within the visit.
    pub at_millis: i64,
    pub first_at_millis: i64,
    pub actor_name: String,
    /// Whether the account that acted is the person's own (with a link maker beside it).
    pub by_the_person: bool,
    /// When the actor's password had been set through a link someone else made: who made it.
    pub link_maker_name: Option<String>,
    /// "read", "write", "delete", "made_link", "set_password" or "sign_in".
    pub action: String,
    /// The kind of item, e.g. "note".
    pub item_kind: String,
    /// The one item, when the visit was about one.
    pub item_id: Option<String>,
    /// How many items were shown (the most at once).
    pub item_count: i64,
    /// How many times within the visit.
    pub times: i64,
}

impl Store {
    /// The person's own audit trail, newest first, 100 visits a page. Only the person may read it.
    pub async fn audit_trail(&self, actor: &Actor, person: &PersonId, page: u32) -> Result<Vec<AuditEvent>> {
        if &actor.id != person {
            return Err(Error::Forbidden("Only the person can read who accessed their space.".into()));
        }
        let (limit, offset) = page_bounds(page, 100);
        let sql = format!(
            "SELECT a.at, a.first_at, a.action, CASE WHEN a.actor_id = a.person_id THEN 1 ELSE 0 END AS by_person, a.item_kind, a.item_id, a.item_count, a.times, \
             p.name AS actor_name, m.name AS link_maker_name FROM audit_trail a \
             JOIN people p ON p.id = a.actor_id LEFT JOIN people m ON m.id = a.link_maker_id \
             WHERE a.person_id = $1 ORDER BY a.at DESC, a.id LIMIT {limit} OFFSET {offset}"
        );
        let rows = sqlx::query(&sql).bind(person.as_str()).fetch_all(&self.pool).await.db()?;
        rows.iter()
            .map(|row| {
                let item_id: String = row.try_get("item_id").db()?;
                Ok(AuditEvent {
                    at_millis: row.try_get("at").db()?,
                    first_at_millis: row.try_get("first_at").db()?,
                    actor_name: row.try_get("actor_name").db()?,
                    by_the_person: row.try_get::<i64, _>("by_person").db()? != 0,
                    link_maker_name: row.try_get("link_maker_name").db()?,
                    action: row.try_get("action").db()?,
                    item_kind: row.try_get("item_kind").db()?,
                    item_id: Some(item_id).filter(|id| !id.is_empty()),
                    item_count: row.try_get("item_count").db()?,
                    times: row.try_get("times").db()?,
                })
            })
            .collect()
    }

    /// When the person's password was set through a link someone else made and is still marked
    /// so: who made the link and when the password was set.
    pub async fn password_link_notice(&self, person: &PersonId) -> Result<Option<(String, i64)>> {
        let row = sqlx::query(
            "SELECT m.name AS maker, a.first_at FROM people p JOIN audit_trail a ON a.person_id = p.id \
             AND a.action = 'set_password' AND a.link_maker_id = p.password_link_by \
             JOIN people m ON m.id = p.password_link_by WHERE p.id = $1 ORDER BY a.first_at DESC LIMIT 1",
        )
        .bind(person.as_str())
        .fetch_optional(&self.pool)
        .await
        .db()?;
        row.map(|row| Ok((row.try_get("maker").db()?, row.try_get("first_at").db()?))).transpose()
    }

    /// How many visits the person's trail holds (for tests and the benchmark).
    pub async fn audit_trail_len(&self, person: &PersonId) -> Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_trail WHERE person_id = $1")
            .bind(person.as_str())
            .fetch_one(&self.pool)
            .await
            .db()
    }
}
