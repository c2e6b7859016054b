//! Recording accesses: inside the caller's transaction for writes (audited together with the
//! change), and through the group commit for reads (see `group`).

use super::{insert_rows, rows_for, AuditRow, Recorded};
use crate::access::Actor;
use crate::db::{now_millis, Store};
use sqlx::AnyConnection;
use trellis_core::ids::PersonId;
use trellis_core::policy::Action;
use trellis_core::Result;

/// Records accesses by `actor` to items of `person`'s space inside the caller's transaction,
/// unless the actor is the person acting on their own.
pub(crate) async fn record_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    person: &PersonId,
    action: Action,
    item_kind: &str,
    item_ids: &[impl AsRef<str>],
) -> Result<()> {
    let rows = rows_for(actor, person, action.into(), item_kind, item_ids, now_millis());
    insert_rows(conn, &rows.iter().collect::<Vec<_>>()).await
}

/// Records an event of the person's account inside the caller's transaction.
pub(crate) async fn record_account_event(conn: &mut AnyConnection, row: AuditRow) -> Result<()> {
    insert_rows(conn, &[&row]).await
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
        self.0.extend(rows_for(actor, person, Recorded::Read, item_kind, item_ids, now_millis()));
    }
}

impl Store {
    /// Records accesses outside any transaction (reads), returning once they are stored. The
    /// rows join the next group commit; when the actor is the person there is nothing to record.
    pub(crate) async fn record_access_now(
        &self,
        actor: &Actor,
        person: &PersonId,
        action: Action,
        item_kind: &str,
        item_ids: &[impl AsRef<str>],
    ) -> Result<()> {
        self.record_rows(rows_for(actor, person, action.into(), item_kind, item_ids, now_millis())).await
    }

    /// Records the gathered reads, returning once they are stored.
    pub(crate) async fn record_reads(&self, reads: Reads) -> Result<()> {
        self.record_rows(reads.0).await
    }

    pub(crate) async fn record_rows(&self, rows: Vec<AuditRow>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.audit.record(rows).await
    }
}
