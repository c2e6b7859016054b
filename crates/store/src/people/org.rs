//! The reporting lines: a person's chain of managers, their reports, the top of the
//! organisation, and the dated history of every manager change.

use super::PersonSummary;
use crate::db::{DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::ids::PersonId;
use trellis_core::Result;

/// The deepest chain followed; real organisations are far shallower.
const MAX_CHAIN: i64 = 64;

/// A person in the org chart, with how many active people report to them.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OrgNode {
    #[serde(flatten)]
    pub person: PersonSummary,
    pub reports: i64,
}

/// One change of a person's manager.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ManagerChange {
    pub at_millis: i64,
    pub previous: Option<PersonSummary>,
    pub manager: Option<PersonSummary>,
    /// Who made the change, if a person did.
    pub changed_by: Option<String>,
    /// Where it came from: admin, import, api, cli, setup, demo.
    pub source: String,
}

const NODE_COLUMNS: &str = "p.id, p.name, p.title, p.department, p.active, \
    (SELECT COUNT(*) FROM people c WHERE c.manager_id = p.id AND c.active = 1) AS reports";

pub(crate) fn summary(row: &AnyRow, prefix: &str) -> Result<Option<PersonSummary>> {
    let id: Option<String> = row.try_get(format!("{prefix}id").as_str()).db()?;
    let Some(id) = id else { return Ok(None) };
    Ok(Some(PersonSummary {
        id: PersonId::from_stored(id),
        name: row.try_get(format!("{prefix}name").as_str()).db()?,
        title: row.try_get(format!("{prefix}title").as_str()).db()?,
        department: row.try_get(format!("{prefix}department").as_str()).db()?,
        active: row.try_get::<i64, _>(format!("{prefix}active").as_str()).db()? != 0,
    }))
}

fn node(row: &AnyRow) -> Result<OrgNode> {
    let person = summary(row, "")?.ok_or_else(|| trellis_core::Error::internal("org node without id"))?;
    Ok(OrgNode { person, reports: row.try_get("reports").db()? })
}

impl Store {
    /// The person's managers, nearest first.
    pub async fn manager_chain(&self, id: &PersonId) -> Result<Vec<PersonSummary>> {
        let sql = format!(
            "WITH RECURSIVE chain (id, depth) AS ( \
                SELECT manager_id, 1 FROM people WHERE id = $1 AND manager_id IS NOT NULL \
                UNION ALL \
                SELECT p.manager_id, c.depth + 1 FROM people p JOIN chain c ON p.id = c.id \
                WHERE p.manager_id IS NOT NULL AND c.depth < {MAX_CHAIN}) \
             SELECT p.id, p.name, p.title, p.department, p.active FROM chain c \
             JOIN people p ON p.id = c.id ORDER BY c.depth"
        );
        let rows = sqlx::query(&sql).bind(id.as_str()).fetch_all(&self.pool).await.db()?;
        rows.iter().filter_map(|row| summary(row, "").transpose()).collect()
    }

    /// The ids of the person's managers, nearest first, and of their former managers: the
    /// roster facts the access policy needs, in one query. Former managers come back with depth
    /// 0, the chain from 1.
    pub(crate) async fn manager_ids(&self, id: &PersonId) -> Result<(Vec<PersonId>, Vec<PersonId>)> {
        let sql = format!(
            "WITH RECURSIVE chain (id, depth) AS ( \
                SELECT manager_id, 1 FROM people WHERE id = $1 AND manager_id IS NOT NULL \
                UNION ALL \
                SELECT p.manager_id, c.depth + 1 FROM people p JOIN chain c ON p.id = c.id \
                WHERE p.manager_id IS NOT NULL AND c.depth < {MAX_CHAIN}) \
             SELECT id, depth FROM chain \
             UNION ALL SELECT previous_manager_id, 0 FROM manager_changes \
             WHERE person_id = $1 AND previous_manager_id IS NOT NULL \
             ORDER BY depth"
        );
        let rows = sqlx::query(&sql).bind(id.as_str()).fetch_all(&self.pool).await.db()?;
        let (mut chain, mut former) = (Vec::new(), Vec::new());
        for row in &rows {
            let manager = PersonId::from_stored(row.try_get::<String, _>("id").db()?);
            match row.try_get::<i64, _>("depth").db()? {
                0 if !former.contains(&manager) => former.push(manager),
                0 => {}
                _ => chain.push(manager),
            }
        }
        Ok((chain, former))
    }

    /// A page of the people who report to `manager` (active ones, by name), and their count.
    pub async fn direct_reports(&self, manager: &PersonId, page: u32, per_page: u32) -> Result<(Vec<OrgNode>, i64)> {
        self.org_page("p.manager_id = $1 AND p.active = 1", Some(manager), page, per_page).await
    }

    /// A page of the people at the top of the organisation (active, without a manager).
    pub async fn org_roots(&self, page: u32, per_page: u32) -> Result<(Vec<OrgNode>, i64)> {
        self.org_page("p.manager_id IS NULL AND p.active = 1", None, page, per_page).await
    }

    /// One page of org-chart nodes matching `condition`, with the count of all matches taken in
    /// the same query (a window count; a separate count only for a page past the end).
    async fn org_page(
        &self,
        condition: &str,
        manager: Option<&PersonId>,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<OrgNode>, i64)> {
        let (limit, offset) = page_bounds(page, per_page);
        let sql = format!(
            "SELECT {NODE_COLUMNS}, COUNT(*) OVER () AS total FROM people p WHERE {condition} \
             ORDER BY p.name, p.id LIMIT {limit} OFFSET {offset}"
        );
        let mut query = sqlx::query(&sql);
        if let Some(manager) = manager {
            query = query.bind(manager.as_str());
        }
        let rows = query.fetch_all(&self.pool).await.db()?;
        let total = match rows.first() {
            Some(row) => row.try_get("total").db()?,
            None if offset == 0 => 0,
            None => {
                let count = format!("SELECT COUNT(*) FROM people p WHERE {condition}");
                let mut query = sqlx::query_scalar(&count);
                if let Some(manager) = manager {
                    query = query.bind(manager.as_str());
                }
                query.fetch_one(&self.pool).await.db()?
            }
        };
        Ok((rows.iter().map(node).collect::<Result<_>>()?, total))
    }

    /// One person as an org-chart node.
    pub async fn org_node(&self, id: &PersonId) -> Result<OrgNode> {
        let sql = format!("SELECT {NODE_COLUMNS} FROM people p WHERE p.id = $1");
        let row = sqlx::query(&sql).bind(id.as_str()).fetch_optional(&self.pool).await.db()?;
        row.as_ref().map(node).transpose()?.ok_or_else(|| trellis_core::Error::NotFound("no such person".into()))
    }

    /// Every manager change of the person, newest first.
    pub async fn manager_history(&self, id: &PersonId) -> Result<Vec<ManagerChange>> {
        let rows = sqlx::query(
            "SELECT h.changed_at, h.source, b.name AS by_name, \
                o.id AS o_id, o.name AS o_name, o.title AS o_title, o.department AS o_department, o.active AS o_active, \
                n.id AS n_id, n.name AS n_name, n.title AS n_title, n.department AS n_department, n.active AS n_active \
             FROM manager_changes h \
             LEFT JOIN people o ON o.id = h.previous_manager_id \
             LEFT JOIN people n ON n.id = h.manager_id \
             LEFT JOIN people b ON b.id = h.changed_by \
             WHERE h.person_id = $1 ORDER BY h.changed_at DESC, h.id",
        )
        .bind(id.as_str())
        .fetch_all(&self.pool)
        .await
        .db()?;
        rows.iter()
            .map(|row| {
                Ok(ManagerChange {
                    at_millis: row.try_get("changed_at").db()?,
                    previous: summary(row, "o_")?,
                    manager: summary(row, "n_")?,
                    changed_by: row.try_get("by_name").db()?,
                    source: row.try_get("source").db()?,
                })
            })
            .collect::<Result<Vec<_>>>()
    }
}

/// LIMIT and OFFSET for a 1-based page, with the page size kept sane.
pub(crate) fn page_bounds(page: u32, per_page: u32) -> (u32, u64) {
    let per_page = per_page.clamp(1, 500);
    (per_page, u64::from(page.max(1) - 1) * u64::from(per_page))
}
