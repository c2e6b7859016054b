//! What is due, for the person's own home page and for their manager's team overview: the
//! facts are read in a few indexed queries (the same number for 3 reports or 50), checked item
//! by item against the access policy, and handed to `trellis_core::follow_through`. The person
//! can answer the gentle probe ("my plan is still right").

mod facts;

pub use facts::Member;

use crate::access::Actor;
use crate::db::{now_millis, DbResult, Store};
pub(crate) use facts::Whose;
use std::collections::HashMap;
use trellis_core::artefact::Kind;
use trellis_core::conversation::{Side, State};
use trellis_core::follow_through::{evaluate, Clock, History, Overview, PlanFacts, Summary};
use trellis_core::ids::PersonId;
use trellis_core::one_on_one;
use trellis_core::playbook::Playbook;
use trellis_core::policy::Relation;
use trellis_core::Result;

/// One report's follow-through, as their manager sees it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberFollowThrough {
    pub member: Member,
    pub summary: Summary,
    /// After a declined offer: the mentors the person shared, whom they could talk to instead.
    pub others: Vec<String>,
    /// Whether a one-on-one with the person is booked (a check-in can go on its agenda).
    pub has_one_on_one: bool,
}

/// A manager's team at a glance.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TeamFollowThrough {
    pub people: Vec<MemberFollowThrough>,
    pub overview: Overview,
}

impl Store {
    /// The newest version of every playbook of the organisation, parsed once per version.
    pub async fn current_playbooks(&self) -> Result<Vec<Playbook>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT key, MAX(version) FROM playbooks WHERE composed_for IS NULL GROUP BY key ORDER BY key",
        )
        .fetch_all(&self.pool)
        .await
        .db()?;
        let mut playbooks = Vec::with_capacity(rows.len());
        for (key, version) in rows {
            playbooks.push(self.playbook_version(&key, version).await?);
        }
        Ok(playbooks)
    }

    /// The actor's active direct reports, by name.
    pub async fn team_members(&self, actor: &Actor) -> Result<Vec<Member>> {
        self.members(Whose::ReportsOf(&actor.id)).await
    }

    /// What is due for each of the actor's active direct reports, by `playbooks` (see
    /// `current_playbooks`), with days counted in each person's zone (`time_zone` for those who
    /// chose none).
    pub async fn team_follow_through(
        &self,
        actor: &Actor,
        playbooks: &[Playbook],
        time_zone: &str,
    ) -> Result<TeamFollowThrough> {
        let whose = Whose::ReportsOf(&actor.id);
        let members = self.members(whose).await?;
        if members.is_empty() {
            return Ok(TeamFollowThrough { people: Vec::new(), overview: Overview::default() });
        }
        let listed: Vec<(PersonId, Option<PersonId>)> =
            members.iter().map(|m| (m.id.clone(), m.manager_id.clone())).collect();
        let relations: HashMap<PersonId, _> =
            listed.iter().map(|(id, _)| id.clone()).zip(self.relations_to_reports(actor, &listed).await?).collect();
        let conversations = self.conversation_facts(&actor.id, whose, &relations).await?;
        let plans = self.plan_facts(&actor.id, whose, &relations).await?;
        let check_ins = self.check_in_facts(&actor.id, whose, &relations).await?;
        let now = now_millis();
        let mut people = Vec::with_capacity(members.len());
        for member in members {
            let clock = Clock::new(now, member.time_zone.as_deref().unwrap_or(time_zone));
            let plan = plan_with_review(plans.get(&member.id), member.plan_reviewed_at);
            let history = History {
                reader: Side::Manager,
                has_manager: true,
                started_on: member.started_on,
                added_at: member.added_at,
                conversations: conversations.get(&member.id).map_or(&[], Vec::as_slice),
                plan: &plan,
                check_ins: check_ins.get(&member.id).map_or(&[], Vec::as_slice),
            };
            let summary = Summary::new(evaluate(&history, playbooks, &clock));
            let others = match summary.items.iter().any(|item| item.suggest_others) {
                true => self.mentor_names(actor, &member.id).await?,
                false => Vec::new(),
            };
            let has_one_on_one = history
                .conversations
                .iter()
                .any(|c| c.playbook_key == one_on_one::PLAYBOOK && !c.state.is_closed() && c.state != State::Held);
            people.push(MemberFollowThrough { member, summary, others, has_one_on_one });
        }
        let overview = Overview::of(people.iter().map(|p| &p.summary));
        Ok(TeamFollowThrough { people, overview })
    }

    /// What is due for one person, as `team_follow_through`: for the person themselves, or for
    /// their current manager (anyone else learns nothing).
    pub async fn follow_through_of(
        &self,
        actor: &Actor,
        person: &PersonId,
        playbooks: &[Playbook],
        time_zone: &str,
    ) -> Result<Summary> {
        let relations = self.relations(actor, person).await?;
        let reader = match (relations.has(Relation::Myself), relations.has(Relation::Manager)) {
            (true, _) => Side::Person,
            (false, true) => Side::Manager,
            (false, false) => return Ok(Summary::default()),
        };
        let whose = Whose::Person(person);
        let Some(member) = self.members(whose).await?.into_iter().next() else {
            return Ok(Summary::default());
        };
        let relations = HashMap::from([(person.clone(), relations)]);
        let conversations = self.conversation_facts(&actor.id, whose, &relations).await?;
        let plans = self.plan_facts(&actor.id, whose, &relations).await?;
        let check_ins = self.check_in_facts(&actor.id, whose, &relations).await?;
        let plan = plan_with_review(plans.get(person), member.plan_reviewed_at);
        let history = History {
            reader,
            has_manager: member.manager_id.is_some(),
            started_on: member.started_on,
            added_at: member.added_at,
            conversations: conversations.get(person).map_or(&[], Vec::as_slice),
            plan: &plan,
            check_ins: check_ins.get(person).map_or(&[], Vec::as_slice),
        };
        let zone = member.time_zone.as_deref().unwrap_or(time_zone);
        Ok(Summary::new(evaluate(&history, playbooks, &Clock::new(now_millis(), zone))))
    }

    /// The person says their plan is still right: the gentle probe is answered for another
    /// three months.
    pub async fn confirm_plan(&self, actor: &Actor) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO plan_reviews (person_id, reviewed_at) VALUES ($1, $2) \
             ON CONFLICT (person_id) DO UPDATE SET reviewed_at = excluded.reviewed_at",
        )
        .bind(actor.id.as_str())
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .db()?;
        tx.commit().await.db()
    }

    /// The names of the mentors the person shared with the actor (a read of their space, audited).
    async fn mentor_names(&self, actor: &Actor, person: &PersonId) -> Result<Vec<String>> {
        let mentors = self.artefacts(actor, person, Some(Kind::Mentor)).await?;
        Ok(mentors.iter().map(|m| m.field("name").to_string()).filter(|name| !name.is_empty()).collect())
    }
}

/// The plan facts with the person's "still right" counted as a change, for a reader who sees a
/// plan at all.
fn plan_with_review(plan: Option<&PlanFacts>, reviewed_at: Option<i64>) -> PlanFacts {
    let Some(plan) = plan else { return PlanFacts::default() };
    let last_changed = plan.last_changed.max(reviewed_at);
    PlanFacts { last_changed, ..plan.clone() }
}
