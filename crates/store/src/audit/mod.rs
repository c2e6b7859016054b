//! The audit trail: every access by someone other than the person to content in the person's
//! space (who, what, when), and the events of their account that others caused (a password
//! link made for them, a sign-in with a password set through it). The person can read their
//! own trail; nobody else can, the people team included.
//!
//! The trail records visits, not items: one row per who, what (a kind of item, or one item),
//! and hour, counting how many items were shown and how many times, so that reading a page of
//! a thousand entries over and over keeps the trail short while it still answers "who saw what
//! of mine, and when".

use crate::access::Actor;
use crate::db::{placeholders, DbResult};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use trellis_core::ids::PersonId;
use trellis_core::policy::{is_audited, Action};
use trellis_core::Result;

pub(crate) mod group;
mod record;
mod trail;

pub use trail::AuditEvent;

/// What the trail says was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Recorded {
    Read,
    Write,
    Delete,
    /// Someone made a link to set the person's password.
    MadeLink,
    /// A password was set through a link someone else made.
    SetPassword,
    /// Someone signed in with a password set through a link someone else made.
    SignIn,
    /// A decision about the person's space (what travels to a new manager, how they go on).
    Decide,
}

impl Recorded {
    fn as_str(self) -> &'static str {
        match self {
            Recorded::Read => "read",
            Recorded::Write => "write",
            Recorded::Delete => "delete",
            Recorded::MadeLink => "made_link",
            Recorded::SetPassword => "set_password",
            Recorded::SignIn => "sign_in",
            Recorded::Decide => "decide",
        }
    }
}

impl From<Action> for Recorded {
    fn from(action: Action) -> Self {
        match action {
            Action::Read => Recorded::Read,
            Action::Write => Recorded::Write,
            Action::Delete => Recorded::Delete,
        }
    }
}

/// One access to store.
#[derive(Clone, Debug)]
pub(crate) struct AuditRow {
    person: String,
    actor: String,
    /// '' when the actor's password was not set through someone else's link.
    link_maker: String,
    action: &'static str,
    item_kind: String,
    /// '' for a read of several items.
    item_id: String,
    item_count: i64,
    at: i64,
}

const HOUR_MS: i64 = 60 * 60 * 1000;

impl AuditRow {
    /// An event of the person's account caused by `actor_id` (the people team, say).
    pub(crate) fn account_event(
        person: &PersonId,
        actor_id: &PersonId,
        link_maker: Option<&PersonId>,
        action: Recorded,
        item_kind: &str,
        at: i64,
    ) -> Self {
        Self {
            person: person.to_string(),
            actor: actor_id.to_string(),
            link_maker: link_maker.map_or(String::new(), ToString::to_string),
            action: action.as_str(),
            item_kind: item_kind.to_string(),
            item_id: String::new(),
            item_count: 1,
            at,
        }
    }

    fn visit_key(&self) -> (&str, &str, &str, &str, &str, &str, i64) {
        (&self.person, &self.actor, &self.link_maker, self.action, &self.item_kind, &self.item_id, self.at / HOUR_MS)
    }
}

/// The rows for accesses by `actor` to items of `person`'s space: none if the actor is the
/// person acting on their own (unless their password was set through someone else's link,
/// when everything is recorded). A read of several items is one row counting them; a write or
/// a deletion is a row per item.
fn rows_for(
    actor: &Actor,
    person: &PersonId,
    action: Recorded,
    item_kind: &str,
    item_ids: &[impl AsRef<str>],
    at: i64,
) -> Vec<AuditRow> {
    if item_ids.is_empty() || (actor.link_maker.is_none() && !is_audited(&actor.id, person)) {
        return Vec::new();
    }
    let row = |item_id: &str, item_count: usize| AuditRow {
        item_id: item_id.to_string(),
        item_count: i64::try_from(item_count).unwrap_or(i64::MAX),
        ..AuditRow::account_event(person, &actor.id, actor.link_maker.as_ref(), action, item_kind, at)
    };
    match action {
        Recorded::Read if item_ids.len() > 1 => vec![row("", item_ids.len())],
        _ => item_ids.iter().map(|id| row(id.as_ref(), 1)).collect(),
    }
}

/// One visit: rows of the same key folded together.
struct Visit<'a> {
    row: &'a AuditRow,
    item_count: i64,
    times: i64,
    first_at: i64,
    at: i64,
}

/// Rows per INSERT statement (SQLite binds slowly in statements with many parameters).
const ROWS_PER_INSERT: usize = 40;
const COLUMNS: usize = 12;

/// Stores `rows`, folding each into the visit of its hour (a new row, or one more time on an
/// existing one).
pub(crate) async fn insert_rows(conn: &mut AnyConnection, rows: &[&AuditRow]) -> Result<()> {
    // One statement may not touch a row twice on PostgreSQL: fold duplicates first.
    let mut visits: BTreeMap<_, Visit<'_>> = BTreeMap::new();
    for row in rows {
        let visit = visits.entry(row.visit_key()).or_insert(Visit {
            row,
            item_count: 0,
            times: 0,
            first_at: row.at,
            at: row.at,
        });
        visit.item_count = visit.item_count.max(row.item_count);
        visit.times += 1;
        visit.first_at = visit.first_at.min(row.at);
        visit.at = visit.at.max(row.at);
    }
    let visits: Vec<Visit<'_>> = visits.into_values().collect();
    for chunk in visits.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> =
            (0..chunk.len()).map(|i| format!("({})", placeholders(i * COLUMNS + 1, COLUMNS))).collect();
        let sql = format!(
            "INSERT INTO audit_trail (id, person_id, actor_id, link_maker_id, action, item_kind, item_id, hour, \
             item_count, times, first_at, at) VALUES {} \
             ON CONFLICT (person_id, actor_id, link_maker_id, action, item_kind, item_id, hour) DO UPDATE SET \
             times = audit_trail.times + excluded.times, \
             item_count = CASE WHEN excluded.item_count > audit_trail.item_count \
                 THEN excluded.item_count ELSE audit_trail.item_count END, \
             at = CASE WHEN excluded.at > audit_trail.at THEN excluded.at ELSE audit_trail.at END",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for visit in chunk {
            let row = visit.row;
            query = query
                .bind(PersonId::generate().to_string())
                .bind(row.person.as_str())
                .bind(row.actor.as_str())
                .bind(row.link_maker.as_str())
                .bind(row.action)
                .bind(row.item_kind.as_str())
                .bind(row.item_id.as_str())
                .bind(row.at / HOUR_MS)
                .bind(visit.item_count)
                .bind(visit.times)
                .bind(visit.first_at)
                .bind(visit.at);
        }
        query.execute(&mut *conn).await.db()?;
    }
    Ok(())
}

pub(crate) use record::{record_access, record_account_event, Reads};
