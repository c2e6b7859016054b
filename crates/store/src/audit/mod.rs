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

pub(crate) mod group;

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

/// One access to store.
#[derive(Debug)]
pub(crate) struct AuditRow {
    person: String,
    actor: String,
    action: &'static str,
    item_kind: String,
    item_id: String,
    at: i64,
}

/// The rows for accesses by `actor` to items of `person`'s space: none if the actor is the
/// person.
fn rows_for(
    actor: &Actor,
    person: &PersonId,
    action: Action,
    item_kind: &str,
    item_ids: &[impl AsRef<str>],
) -> Vec<AuditRow> {
    if !is_audited(&actor.id, person) {
        return Vec::new();
    }
    let at = now_millis();
    item_ids
        .iter()
        .map(|item| AuditRow {
            person: person.as_str().to_string(),
            actor: actor.id.as_str().to_string(),
            action: action_name(action),
            item_kind: item_kind.to_string(),
            item_id: item.as_ref().to_string(),
            at,
        })
        .collect()
}

/// Rows per INSERT statement (SQLite binds slowly in statements with many parameters).
const ROWS_PER_INSERT: usize = 50;

pub(crate) async fn insert_rows(conn: &mut AnyConnection, rows: &[&AuditRow]) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 7 + 1, 7))).collect();
        let sql = format!(
            "INSERT INTO audit_events (id, person_id, actor_id, action, item_kind, item_id, at) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = query
                .bind(PersonId::generate().to_string())
                .bind(row.person.as_str())
                .bind(row.actor.as_str())
                .bind(row.action)
                .bind(row.item_kind.as_str())
                .bind(row.item_id.as_str())
                .bind(row.at);
        }
        query.execute(&mut *conn).await.db()?;
    }
    Ok(())
}

/// Records accesses by `actor` to items of `person`'s space inside the caller's transaction
/// (writes are audited together with the change), unless the actor is the person.
pub(crate) async fn record_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    person: &PersonId,
    action: Action,
    item_kind: &str,
    item_ids: &[impl AsRef<str>],
) -> Result<()> {
    let rows = rows_for(actor, person, action, item_kind, item_ids);
    insert_rows(conn, &rows.iter().collect::<Vec<_>>()).await
}

/// The reads of one page, gathered so that they are recorded together (one wait for the
/// group commit instead of one per kind of item). Recorded by `Store::record_reads` before the
/// page answers.
#[derive(Debug, Default)]
#[must_use = "reads gathered here are recorded only by Store::record_reads"]
pub(crate) struct Reads(Vec<AuditRow>);

impl Reads {
    /// Adds reads by `actor` of items of `person`'s space (nothing when the actor is the person).
    pub(crate) fn add(&mut self, actor: &Actor, person: &PersonId, item_kind: &str, item_ids: &[impl AsRef<str>]) {
        self.0.extend(rows_for(actor, person, Action::Read, item_kind, item_ids));
    }
}

impl Store {
    /// Records accesses outside any transaction (reads), returning once they are stored. The
    /// rows join the next group commit (see `group`); when the actor is the person there is
    /// nothing to record.
    pub(crate) async fn record_access_now(
        &self,
        actor: &Actor,
        person: &PersonId,
        action: Action,
        item_kind: &str,
        item_ids: &[impl AsRef<str>],
    ) -> Result<()> {
        self.record_rows(rows_for(actor, person, action, item_kind, item_ids)).await
    }

    /// Records the gathered reads, returning once they are stored.
    pub(crate) async fn record_reads(&self, reads: Reads) -> Result<()> {
        self.record_rows(reads.0).await
    }

    async fn record_rows(&self, rows: Vec<AuditRow>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.audit.record(rows).await
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
