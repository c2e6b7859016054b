//! The audit trail: every access by someone other than the person to content in the person's
//! space (who, what, when). The person can read their own trail; nobody else can, the people
//! team included.

use crate::access::Actor;
use crate::db::{now_millis, placeholders, DbResult, Store};
use crate::people::org::page_bounds;
use sqlx::{AnyConnection, Row};
use trellis_core::ids::PersonId;
use trellis_core::policy::{is_audited, Action};
use trellis_core::{Error, Result};

/// One recorded access.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AuditEvent {
    pub at_millis: i64,
    pub actor_name: String,
    /// "read" or "write".
    pub action: String,
    /// The kind of item, e.g. "note".
    pub item_kind: String,
    pub item_id: Option<String>,
}

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Read => "read",
        Action::Write => "write",
    }
}

/// Records accesses by `actor` to items of `person`'s space, unless the actor is the person.
pub(crate) async fn record_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    person: &PersonId,
    action: Action,
    item_kind: &str,
    item_ids: &[impl AsRef<str>],
) -> Result<()> {
    if !is_audited(&actor.id, person) || item_ids.is_empty() {
        return Ok(());
    }
    let now = now_millis();
    for chunk in item_ids.chunks(100) {
        let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 7 + 1, 7))).collect();
        let sql = format!(
            "INSERT INTO audit_events (id, person_id, actor_id, action, item_kind, item_id, at) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for item in chunk {
            query = query
                .bind(PersonId::generate().to_string())
                .bind(person.as_str())
                .bind(actor.id.as_str())
                .bind(action_name(action))
                .bind(item_kind)
                .bind(item.as_ref())
                .bind(now);
        }
        query.execute(&mut *conn).await.db()?;
    }
    Ok(())
}

impl Store {
    /// Records accesses outside any transaction, on the writing connection; when the actor is
    /// the person there is nothing to record and no connection is taken.
    pub(crate) async fn record_access_now(
        &self,
        actor: &Actor,
        person: &PersonId,
        action: Action,
        item_kind: &str,
        item_ids: &[impl AsRef<str>],
    ) -> Result<()> {
        if !is_audited(&actor.id, person) || item_ids.is_empty() {
            return Ok(());
        }
        let mut conn = self.writer.acquire().await.db()?;
        record_access(&mut conn, actor, person, action, item_kind, item_ids).await
    }

    /// The person's own audit trail, newest first. Only the person may read it.
    pub async fn audit_trail(&self, actor: &Actor, person: &PersonId, page: u32) -> Result<Vec<AuditEvent>> {
        if &actor.id != person {
            return Err(Error::Forbidden("Only the person can read who accessed their space.".into()));
        }
        let (limit, offset) = page_bounds(page, 100);
        let sql = format!(
            "SELECT a.at, a.action, a.item_kind, a.item_id, p.name AS actor_name FROM audit_events a \
             JOIN people p ON p.id = a.actor_id WHERE a.person_id = $1 ORDER BY a.at DESC, a.id \
             LIMIT {limit} OFFSET {offset}"
        );
        let rows = sqlx::query(&sql).bind(person.as_str()).fetch_all(&self.pool).await.db()?;
        rows.iter()
            .map(|row| {
                Ok(AuditEvent {
                    at_millis: row.try_get("at").db()?,
                    actor_name: row.try_get("actor_name").db()?,
                    action: row.try_get("action").db()?,
                    item_kind: row.try_get("item_kind").db()?,
                    item_id: row.try_get("item_id").db()?,
                })
            })
            .collect()
    }
}
