//! The manager's planner (see `trellis_core::planner`): reports spread over the weeks for one
//! playbook, each proposed when its week comes. Only direct reports can be planned, and
//! someone who already has the playbook under way or done is left out (and said so). The plan
//! is the manager's own: nobody else reads it, and it holds no career content.

use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
use crate::{Proposal, ProposalOutcome};
use jiff::civil::Date;
use sqlx::Row;
use trellis_core::conversation::State;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::planner::{spread, Pace};
use trellis_core::{Error, Result};

/// One planned conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub id: String,
    pub person_id: PersonId,
    pub person_name: String,
    pub playbook_key: String,
    /// The Monday of its week.
    pub week: Date,
    /// Once proposed: the conversation and where it stands.
    pub conversation: Option<(ConversationId, State)>,
}

/// What a new plan asks for.
#[derive(Clone, Debug)]
pub struct PlanRequest {
    pub playbook_key: String,
    /// The reports to plan, in order (keen first).
    pub people: Vec<PersonId>,
    pub first_week: Date,
    pub pace: Pace,
}

impl Store {
    /// Plans `request` for the actor's reports, replacing what was planned for that playbook
    /// and not yet proposed. Returns the names of those left out because they have it already.
    pub async fn plan_conversations(&self, actor: &Actor, request: &PlanRequest) -> Result<Vec<String>> {
        if request.people.is_empty() {
            return Err(Error::invalid("person", "choose at least one person to plan"));
        }
        self.playbook(&request.playbook_key, None).await?;
        let reports = self.team_members(actor).await?;
        let mut planned = Vec::new();
        let mut left_out = Vec::new();
        for person in &request.people {
            let member = reports.iter().find(|m| &m.id == person).ok_or_else(|| {
                Error::Forbidden("You can plan conversations with the people who report to you.".into())
            })?;
            let started: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM conversations WHERE person_id = $1 AND playbook_key = $2 AND solo = 0 \
                 AND state NOT IN ('declined', 'cancelled')",
            )
            .bind(person.as_str())
            .bind(&request.playbook_key)
            .fetch_one(&self.pool)
            .await
            .db()?;
            match started {
                0 => planned.push(person.clone()),
                _ => left_out.push(member.name.clone()),
            }
        }
        let weeks = spread(&planned, request.first_week, request.pace);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM planned_conversations WHERE manager_id = $1 AND playbook_key = $2 AND conversation_id IS NULL",
        )
        .bind(actor.id.as_str())
        .bind(&request.playbook_key)
        .execute(&mut *tx)
        .await
        .db()?;
        for (person, week) in weeks {
            sqlx::query(
                "INSERT INTO planned_conversations (id, manager_id, person_id, playbook_key, week, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (manager_id, person_id, playbook_key) DO NOTHING",
            )
            .bind(ConversationId::generate().as_str())
            .bind(actor.id.as_str())
            .bind(person.as_str())
            .bind(&request.playbook_key)
            .bind(week.to_string())
            .bind(now_millis())
            .execute(&mut *tx)
            .await
            .db()?;
        }
        tx.commit().await.db()?;
        Ok(left_out)
    }

    /// The actor's plan, week by week (only people who still report to them).
    pub async fn planned_conversations(&self, actor: &Actor) -> Result<Vec<Planned>> {
        let rows = sqlx::query(
            "SELECT e.id, e.person_id, p.name, e.playbook_key, e.week, e.conversation_id, c.state \
             FROM planned_conversations e JOIN people p ON p.id = e.person_id \
             LEFT JOIN conversations c ON c.id = e.conversation_id \
             WHERE e.manager_id = $1 AND p.manager_id = $1 AND p.active = 1 ORDER BY e.week, p.name",
        )
        .bind(actor.id.as_str())
        .fetch_all(&self.pool)
        .await
        .db()?;
        rows.iter()
            .map(|row| {
                let week: String = row.try_get("week").db()?;
                let conversation: Option<String> = row.try_get("conversation_id").db()?;
                let state: Option<String> = row.try_get("state").db()?;
                Ok(Planned {
                    id: row.try_get("id").db()?,
                    person_id: PersonId::from_stored(row.try_get("person_id").db()?),
                    person_name: row.try_get("name").db()?,
                    playbook_key: row.try_get("playbook_key").db()?,
                    week: week.parse().map_err(Error::internal)?,
                    conversation: conversation
                        .map(ConversationId::from_stored)
                        .zip(state.as_deref().and_then(State::parse)),
                })
            })
            .collect()
    }

    /// Proposes a planned conversation (its whole playbook); the id of its first step.
    pub async fn propose_planned(&self, actor: &Actor, entry: &str, time_zone: &str) -> Result<ConversationId> {
        let planned = self.planned_conversations(actor).await?;
        let entry =
            planned.iter().find(|p| p.id == entry).ok_or_else(|| Error::NotFound("That plan entry is gone.".into()))?;
        if let Some((id, _)) = &entry.conversation {
            return Ok(id.clone());
        }
        let proposal = Proposal {
            person: entry.person_id.clone(),
            playbook_key: entry.playbook_key.clone(),
            step: None,
            solo: false,
            slot: None,
            short_notice_confirmed: false,
            default_time_zone: time_zone.to_string(),
            rhythm: None,
        };
        let ProposalOutcome::Proposed(id) = self.propose_conversation(actor, &proposal).await? else {
            return Err(Error::internal("a proposal without a time never warns"));
        };
        sqlx::query("UPDATE planned_conversations SET conversation_id = $1 WHERE id = $2 AND manager_id = $3")
            .bind(id.as_str())
            .bind(&entry.id)
            .bind(actor.id.as_str())
            .execute(&self.writer)
            .await
            .db()?;
        Ok(id)
    }

    /// Removes what was planned and not yet proposed.
    pub async fn clear_plan(&self, actor: &Actor) -> Result<()> {
        sqlx::query("DELETE FROM planned_conversations WHERE manager_id = $1 AND conversation_id IS NULL")
            .bind(actor.id.as_str())
            .execute(&self.writer)
            .await
            .db()?;
        Ok(())
    }
}
