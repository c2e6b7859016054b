//! A person's page in one read: the person and their chain of managers (one recursive query),
//! their manager history (one query, which also names their former managers for the access
//! policy), and the viewer's relations to them. The history is returned only to those the
//! policy lets see it. Also the person's own settings (their time zone).

use super::org::summary;
use super::{person_from_row, ManagerChange, PersonSummary, PERSON_COLUMNS};
use crate::access::Actor;
use crate::db::{DbResult, Store};
use trellis_core::ids::PersonId;
use trellis_core::org::{relations, OrgFacts};
use trellis_core::person::Person;
use trellis_core::policy::{may_view_manager_history, Relations};
use trellis_core::{Error, Result};

/// Everything a person's page shows about them, as one viewer may see it.
#[derive(Clone, Debug)]
pub struct Profile {
    pub person: Person,
    /// Their managers, nearest first.
    pub chain: Vec<PersonSummary>,
    /// How many active people report to them.
    pub report_count: i64,
    /// How the viewer relates to them.
    pub relations: Relations,
    /// Their manager changes, newest first, if the viewer may see them.
    pub history: Option<Vec<ManagerChange>>,
}

impl Store {
    /// The person's page for `actor`.
    pub async fn profile(&self, actor: &Actor, id: &PersonId) -> Result<Profile> {
        let sql = format!(
            "WITH RECURSIVE chain (id, depth) AS ( \
                SELECT id, 0 FROM people WHERE id = $1 \
                UNION ALL \
                SELECT p.manager_id, c.depth + 1 FROM people p JOIN chain c ON p.id = c.id \
                WHERE p.manager_id IS NOT NULL AND c.depth < 64) \
             SELECT {PERSON_COLUMNS}, CASE WHEN c.depth = 0 THEN \
                (SELECT COUNT(*) FROM people r WHERE r.manager_id = p.id AND r.active = 1) ELSE 0 END AS report_count \
             FROM chain c JOIN people p ON p.id = c.id ORDER BY c.depth"
        );
        let rows = sqlx::query(&sql).bind(id.as_str()).fetch_all(&self.pool).await.db()?;
        let (first, rest) = rows.split_first().ok_or_else(|| Error::NotFound("no such person".into()))?;
        let person = person_from_row(first)?;
        let report_count: i64 = sqlx::Row::try_get(first, "report_count").db()?;
        let chain: Vec<PersonSummary> =
            rest.iter().filter_map(|row| summary(row, "").transpose()).collect::<Result<_>>()?;
        let history = self.manager_history(id).await?;
        let former_managers =
            history.iter().filter_map(|change| change.previous.as_ref().map(|p| p.id.clone())).collect();
        let facts = OrgFacts {
            person_chain: chain.iter().map(|m| m.id.clone()).collect(),
            former_managers,
            actor_manager: actor.manager_id.clone(),
            actor_is_admin: actor.is_admin,
        };
        let relations = relations(&actor.id, id, &facts);
        let history = may_view_manager_history(&relations).then_some(history);
        Ok(Profile { person, chain, report_count, relations, history })
    }
}

impl Store {
    /// The person chooses their own time zone (`None`: the organisation's).
    pub async fn set_time_zone(&self, actor: &crate::Actor, time_zone: Option<&str>) -> Result<()> {
        let zone = time_zone.map(str::trim).filter(|z| !z.is_empty());
        if let Some(zone) = zone {
            let named = zone == "UTC" || zone.contains('/');
            if !named || !trellis_core::conversation::schedule::is_known_time_zone(zone) {
                return Err(trellis_core::Error::invalid(
                    "time_zone",
                    "is not a time zone we know, e.g. Europe/Berlin",
                ));
            }
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE people SET time_zone = $1 WHERE id = $2")
            .bind(zone)
            .bind(actor.id.as_str())
            .execute(&mut *tx)
            .await
            .db()?;
        tx.commit().await.db()
    }
}
