//! A leader's organisation (see `trellis_core::cascade`): for each lead under them, a page at a
//! time, how many of the lead's people held each stage — counting only what that lead may read
//! — and across the whole organisation, what people chose to share upward, each read checked
//! by the access policy and audited for the person.

use crate::access::Actor;
use crate::artefacts::artefact_from_row;
use crate::conversations::{conversation_from_row, CONVERSATION_SELECT};
use crate::db::{now_millis, DbResult, Store};
use crate::handoffs::Holds;
use sqlx::Row;
use std::collections::HashMap;
use trellis_core::artefact::Kind;
use trellis_core::cascade::{group_overlaps, Coverage, Overlap, Shared, SharedKind, Stage};
use trellis_core::ids::PersonId;
use trellis_core::policy::{decide, may_count_stages, Action};
use trellis_core::Result;

/// The leader's organisation, with how far below them each person is (walked at most 20
/// levels down, as the org chart's chains are).
const ORG: &str = "WITH RECURSIVE org (id, depth) AS (SELECT id, 0 FROM people WHERE id = $1 \
    UNION ALL SELECT p.id, o.depth + 1 FROM people p JOIN org o ON p.manager_id = o.id \
    WHERE p.active = 1 AND o.depth < 20)";

/// One lead in the leader's organisation (the leader among them).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Lead {
    pub id: PersonId,
    pub name: String,
    /// Levels below the leader (0: the leader).
    pub depth: i64,
    pub coverage: Coverage,
}

/// The most items the shared-upward view reads at once.
pub const SHARED_SHOWN: usize = 500;

fn marks(from: usize, count: usize) -> String {
    (from..from + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// One page of the leads in the actor's organisation (nearest first), with their people's
    /// stages; and how many leads there are.
    pub async fn cascade_coverage(&self, actor: &Actor, page: u32, per_page: u32) -> Result<(Vec<Lead>, i64)> {
        let sql = format!(
            "{ORG} SELECT o.id, o.depth, p.name, COUNT(*) OVER () AS total FROM org o JOIN people p ON p.id = o.id \
             WHERE EXISTS (SELECT 1 FROM people r WHERE r.manager_id = o.id AND r.active = 1) \
             ORDER BY o.depth, p.name, p.id LIMIT $2 OFFSET $3"
        );
        let offset = i64::from(page.max(1) - 1) * i64::from(per_page);
        let rows = sqlx::query(&sql)
            .bind(actor.id.as_str())
            .bind(i64::from(per_page))
            .bind(offset)
            .fetch_all(&self.pool)
            .await
            .db()?;
        let total = rows.first().map(|r| r.try_get::<i64, _>("total")).transpose().db()?.unwrap_or(0);
        let mut leads = Vec::with_capacity(rows.len());
        for row in &rows {
            let id = PersonId::from_stored(row.try_get("id").db()?);
            leads.push(Lead {
                id,
                name: row.try_get("name").db()?,
                depth: row.try_get("depth").db()?,
                coverage: Coverage::default(),
            });
        }
        if leads.is_empty() {
            return Ok((leads, total));
        }
        let ids: Vec<PersonId> = leads.iter().map(|l| l.id.clone()).collect();
        let in_leads = marks(1, ids.len());
        let sql = format!("SELECT id, manager_id FROM people WHERE manager_id IN ({in_leads}) AND active = 1");
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(id.as_str());
        }
        let mut lead_of: HashMap<PersonId, PersonId> = HashMap::new();
        for row in query.fetch_all(&self.pool).await.db()? {
            lead_of.insert(
                PersonId::from_stored(row.try_get("id").db()?),
                PersonId::from_stored(row.try_get("manager_id").db()?),
            );
        }
        let holds = self.holds_where(Holds::ReportsOf, &ids).await?;
        let sql = format!(
            "{CONVERSATION_SELECT} WHERE p.manager_id IN ({in_leads}) AND p.active = 1 AND c.solo = 0 \
             AND c.state IN ('held', 'followed_up')"
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(id.as_str());
        }
        let recent_since = now_millis() - 182 * 86_400_000;
        let mut stages: HashMap<PersonId, Vec<Stage>> = HashMap::new();
        for row in query.fetch_all(&self.pool).await.db()? {
            let conversation = conversation_from_row(&row)?;
            let person = &conversation.person_id;
            let Some(lead) = lead_of.get(person) else { continue };
            let depth = leads.iter().find(|l| &l.id == lead).map_or(1, |l| l.depth + 1);
            let leaders = Store::relations_from_above(actor, depth, holds.get(person).cloned());
            let leads_view = Store::relations_of_manager(lead, person, holds.get(person).cloned());
            let counted = may_count_stages(&leaders)
                && decide(lead, &leads_view, conversation.access(), Action::Read).is_allowed();
            let recent = conversation.held_at.unwrap_or(conversation.updated_at) >= recent_since;
            if let (true, Some(stage)) =
                (counted, Stage::of(&conversation.playbook_key, conversation.step_index, recent))
            {
                stages.entry(person.clone()).or_default().push(stage);
            }
        }
        for lead in &mut leads {
            let people: Vec<&PersonId> = lead_of.iter().filter(|(_, l)| **l == lead.id).map(|(p, _)| p).collect();
            lead.coverage = Coverage::of(people.len(), people.iter().filter_map(|p| stages.get(*p)).map(Vec::as_slice));
        }
        Ok((leads, total))
    }

    /// What people across the actor's organisation shared upward — open goals, focus
    /// competencies, active dreams — grouped where they overlap; and whether there was more
    /// than `SHARED_SHOWN`. Every item read is recorded in its person's trail.
    pub async fn shared_upward(&self, actor: &Actor) -> Result<(Vec<Overlap>, bool)> {
        let sql = format!(
            "{ORG} SELECT a.id, a.person_id, a.kind, a.author_id, a.parent_id, a.status, a.visibility, a.data, \
             a.revision, a.created_at, a.updated_at, o.depth, p.name AS person_name \
             FROM org o JOIN artefacts a ON a.person_id = o.id JOIN people p ON p.id = o.id \
             WHERE o.depth > 0 AND a.visibility = 'upward' AND a.kind IN ('goals', 'competencies', 'dreams') \
             ORDER BY p.name, a.created_at LIMIT $2"
        );
        let limit = i64::try_from(SHARED_SHOWN + 1).unwrap_or(i64::MAX);
        let rows = sqlx::query(&sql).bind(actor.id.as_str()).bind(limit).fetch_all(&self.pool).await.db()?;
        let more = rows.len() > SHARED_SHOWN;
        let people: Vec<PersonId> = {
            let mut ids: Vec<PersonId> = rows
                .iter()
                .filter_map(|r| r.try_get::<String, _>("person_id").ok())
                .map(PersonId::from_stored)
                .collect();
            ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            ids.dedup();
            ids
        };
        let holds = self.holds_where(Holds::Of, &people).await?;
        let mut items = Vec::new();
        let mut read: HashMap<PersonId, Vec<String>> = HashMap::new();
        for row in rows.iter().take(SHARED_SHOWN) {
            let artefact = artefact_from_row(row)?;
            let depth: i64 = row.try_get("depth").db()?;
            let relations = Store::relations_from_above(actor, depth, holds.get(&artefact.person_id).cloned());
            if !decide(&actor.id, &relations, artefact.access(), Action::Read).is_allowed() {
                continue;
            }
            let (kind, text, key) = match (artefact.kind, artefact.status.as_str()) {
                (Kind::Goal, "open") => (SharedKind::Goal, artefact.field("goal"), None),
                (Kind::Competency, "focus") => (SharedKind::FocusCompetency, artefact.field("name"), None),
                (Kind::Dream, "active") => {
                    let occupation = Some(artefact.field("occupation")).filter(|o| !o.is_empty());
                    (SharedKind::Dream, artefact.field("role"), occupation.map(str::to_string))
                }
                _ => continue,
            };
            read.entry(artefact.person_id.clone()).or_default().push(artefact.id.to_string());
            items.push(Shared { kind, person: row.try_get("person_name").db()?, text: text.to_string(), key });
        }
        for (person, ids) in &read {
            self.record_access_now(actor, person, Action::Read, "shared-upward", ids).await?;
        }
        Ok((group_overlaps(items), more))
    }
}
