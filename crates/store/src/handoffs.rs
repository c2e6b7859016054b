//! A change of manager, with the person's consent (see `trellis_core::handoff`). The latest
//! change in the roster's history puts a hold on what was written before it; the person
//! decides what travels, and may change their mind. Deciding not to carry conversations over
//! cancels the open ones begun with the manager before. Every decision is in the trail.

use crate::access::Actor;
use crate::audit::{record_account_event, AuditRow, Recorded};
use crate::conversations::propose::record_event;
use crate::db::{now_millis, DbResult, Store};
use crate::jobs::{enqueue, Mail};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;
use trellis_core::conversation::State;
use trellis_core::handoff::{Carried, Hold, Topic};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::policy::may_agree_how_to_go_on;
use trellis_core::{Error, Result};

/// How a person and their new manager go on with the plan.
pub const PLAN_CHOICES: [(&str, &str); 3] = [
    ("continue", "Continue the plan as it is"),
    ("catch-up", "Hold a catch-up of about an hour first"),
    ("start-over", "Start over with the three conversations"),
];

/// The latest change of a person's manager and what the person decided about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    pub hold: Hold,
    pub manager_id: PersonId,
    pub manager_name: String,
    pub previous_manager: Option<(PersonId, String)>,
    /// Whether the person had a space before the change (so there may be something to carry).
    pub person_predates_change: bool,
    pub plan: String,
    pub decided_at: Option<i64>,
}

impl Handoff {
    /// Whether the change may hold anything back: there was a manager before, or the person had
    /// a space before it (someone joining with their manager has nothing from before).
    pub fn may_hold_something(&self) -> bool {
        self.previous_manager.is_some() || self.person_predates_change
    }

    /// Whether the person still has to decide, and something may be waiting for it.
    pub fn is_pending(&self) -> bool {
        self.hold.carried == Carried::Pending && self.may_hold_something()
    }
}

/// Queues the mail that asks the person what their new manager may see, when a change gives
/// them a new manager (whether it holds anything back is looked at again when it is sent).
pub(crate) async fn ask_for_consent(
    conn: &mut AnyConnection,
    person: &PersonId,
    manager: Option<&PersonId>,
) -> Result<()> {
    if let Some(manager) = manager {
        let mail = Mail::HandoffConsent { person: person.to_string(), manager: manager.to_string() };
        enqueue(conn, &mail.job()).await?;
    }
    Ok(())
}

/// A person joins with a manager in the same minute as their row: nothing predates that change.
const JOINED_WITH_MANAGER_MS: i64 = 60_000;

/// Whose holds to read: the reports of the people listed, or the people listed themselves.
#[derive(Clone, Copy)]
pub(crate) enum Holds {
    ReportsOf,
    Of,
}

/// The columns of a person's latest change of manager (to the manager they have now) and of
/// their answers about it, for a query of `people p` joined with `LATEST_CHANGE_JOIN`; with
/// `p.manager_id` and `p.created_at` they make a `Handoff` (`latest_handoff`).
pub(crate) const LATEST_CHANGE_COLUMNS: &str = "c.changed_at, m.name AS manager_name, c.previous_manager_id, \
    o.name AS previous_name, h.choice, h.topics, h.plan, h.decided_at";

/// Joins a person `p` to their latest change of manager, if their manager came by one.
pub(crate) const LATEST_CHANGE_JOIN: &str = "LEFT JOIN manager_changes c ON c.person_id = p.id \
    AND c.manager_id = p.manager_id AND c.changed_at = (SELECT MAX(x.changed_at) FROM manager_changes x \
    WHERE x.person_id = p.id AND x.manager_id = p.manager_id) \
    LEFT JOIN people m ON m.id = c.manager_id LEFT JOIN people o ON o.id = c.previous_manager_id \
    LEFT JOIN handoffs h ON h.person_id = c.person_id AND h.since = c.changed_at";

/// The latest change of manager of a row with `LATEST_CHANGE_COLUMNS`, if there is one.
pub(crate) fn latest_handoff(row: &AnyRow) -> Result<Option<Handoff>> {
    match row.try_get::<Option<i64>, _>("changed_at").db()? {
        Some(_) => handoff_from_row(row).map(Some),
        None => Ok(None),
    }
}

fn handoff_from_row(row: &AnyRow) -> Result<Handoff> {
    let since: i64 = row.try_get("changed_at").db()?;
    let created: i64 = row.try_get("created_at").db()?;
    let choice: Option<String> = row.try_get("choice").db()?;
    let topics: Option<String> = row.try_get("topics").db()?;
    let previous: Option<String> = row.try_get("previous_manager_id").db()?;
    let previous_name: Option<String> = row.try_get("previous_name").db()?;
    Ok(Handoff {
        hold: Hold {
            since,
            carried: Carried::from_stored(choice.as_deref().unwrap_or("pending"), topics.as_deref().unwrap_or("")),
        },
        manager_id: PersonId::from_stored(row.try_get("manager_id").db()?),
        manager_name: row.try_get("manager_name").db()?,
        previous_manager: previous.map(PersonId::from_stored).zip(previous_name),
        person_predates_change: since - created > JOINED_WITH_MANAGER_MS,
        plan: row.try_get::<Option<String>, _>("plan").db()?.unwrap_or_default(),
        decided_at: row.try_get("decided_at").db()?,
    })
}

/// Writes the person's answers about `handoff` (what travels, how they go on).
async fn store_handoff(
    conn: &mut AnyConnection,
    person: &PersonId,
    handoff: &Handoff,
    carried: &Carried,
    plan: &str,
    decided_at: Option<i64>,
) -> Result<()> {
    let (choice, topics) = carried.to_stored();
    sqlx::query(
        "INSERT INTO handoffs (person_id, since, manager_id, choice, topics, plan, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id, since) DO UPDATE SET \
         choice = excluded.choice, topics = excluded.topics, plan = excluded.plan, decided_at = excluded.decided_at",
    )
    .bind(person.as_str())
    .bind(handoff.hold.since)
    .bind(handoff.manager_id.as_str())
    .bind(choice)
    .bind(topics)
    .bind(plan)
    .bind(decided_at)
    .execute(conn)
    .await
    .db()?;
    Ok(())
}

impl Store {
    /// The latest change of `person`'s manager, if they have a manager now.
    pub async fn handoff(&self, person: &PersonId) -> Result<Option<Handoff>> {
        let sql = format!(
            "SELECT p.manager_id, p.created_at, {LATEST_CHANGE_COLUMNS} FROM people p {LATEST_CHANGE_JOIN} WHERE p.id = $1"
        );
        let row = sqlx::query(&sql).bind(person.as_str()).fetch_optional(&self.pool).await.db()?;
        Ok(row.as_ref().map(latest_handoff).transpose()?.flatten())
    }

    /// The hold of the latest change of manager of the active direct reports of the people
    /// listed, or of the people listed themselves, in one query (for pages that list a team).
    pub(crate) async fn holds_where(&self, whose: Holds, ids: &[PersonId]) -> Result<HashMap<PersonId, Hold>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let column = match whose {
            Holds::ReportsOf => "p.manager_id",
            Holds::Of => "p.id",
        };
        let sql = format!(
            "SELECT p.id, p.manager_id, p.created_at, {LATEST_CHANGE_COLUMNS} FROM people p {LATEST_CHANGE_JOIN} \
             WHERE {column} IN ({}) AND p.active = 1 AND c.changed_at IS NOT NULL",
            marks.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id.as_str());
        }
        let rows = query.fetch_all(&self.pool).await.db()?;
        let mut holds = HashMap::new();
        for row in &rows {
            let person = PersonId::from_stored(row.try_get("id").db()?);
            if let Some(handoff) = latest_handoff(row)? {
                holds.insert(person, handoff.hold);
            }
        }
        Ok(holds)
    }

    /// The person decides what of what they had shared travels to their new manager. Open
    /// conversations begun with the manager before are handed over only with conversations;
    /// otherwise they are cancelled.
    pub async fn decide_handoff(&self, actor: &Actor, carried: &Carried) -> Result<()> {
        let person = &actor.id;
        let handoff = self.handoff(person).await?.ok_or_else(|| Error::NotFound("You have no new manager.".into()))?;
        if carried == &Carried::Pending {
            return Err(Error::invalid("choice", "choose what travels: nothing, everything, or some topics"));
        }
        let (choice, _) = carried.to_stored();
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        store_handoff(&mut tx, person, &handoff, carried, &handoff.plan, Some(now)).await?;
        if !carried.includes(Topic::Conversations) {
            let open: Vec<String> = sqlx::query_scalar(
                "SELECT id FROM conversations WHERE person_id = $1 AND solo = 0 AND created_at < $2 \
                 AND state IN ('proposed', 'accepted', 'scheduled', 'rescheduled')",
            )
            .bind(person.as_str())
            .bind(handoff.hold.since)
            .fetch_all(&mut *tx)
            .await
            .db()?;
            for id in open.iter().map(|id| ConversationId::from_stored(id.clone())) {
                sqlx::query("UPDATE conversations SET state = $1, updated_at = $2 WHERE id = $3")
                    .bind(State::Cancelled.as_str())
                    .bind(now)
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await
                    .db()?;
                record_event(&mut tx, &id, person, "cancel", State::Cancelled, None).await?;
            }
        }
        let kind = format!("handoff_{choice}");
        record_account_event(
            &mut tx,
            AuditRow::account_event(person, person, actor.link_maker.as_ref(), Recorded::Decide, &kind, now),
        )
        .await?;
        tx.commit().await.db()
    }

    /// The person or their new manager records how the two go on with the plan.
    pub async fn choose_handoff_plan(&self, actor: &Actor, person: &PersonId, plan: &str) -> Result<()> {
        let relations = self.relations(actor, person).await?;
        if !may_agree_how_to_go_on(&relations) {
            return Err(Error::Forbidden("Only the person and their manager choose how they go on.".into()));
        }
        if !PLAN_CHOICES.iter().any(|(key, _)| *key == plan) {
            return Err(Error::invalid("plan", "choose one of the ways to go on"));
        }
        let handoff =
            self.handoff(person).await?.ok_or_else(|| Error::NotFound("There was no change of manager.".into()))?;
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        store_handoff(&mut tx, person, &handoff, &handoff.hold.carried, plan, handoff.decided_at).await?;
        let row = AuditRow::account_event(
            person,
            &actor.id,
            actor.link_maker.as_ref(),
            Recorded::Decide,
            &format!("plan_{plan}"),
            now,
        );
        record_account_event(&mut tx, row).await?;
        tx.commit().await.db()
    }
}
