//! What is due, for the person's own home page and for their manager's team overview: the
//! facts are read in a few indexed queries (the same number for 3 reports or 50), checked item
//! by item against the access policy, and handed to `trellis_core::follow_through`. The person
//! can answer the gentle probe ("my plan is still right").

mod facts;

pub use facts::Member;

use crate::access::Actor;
use crate::conversations::Conversation;
use crate::db::{now_millis, DbResult, Store};
use crate::handoffs::Handoff;
pub(crate) use facts::Whose;
use std::collections::HashMap;
use trellis_core::conversation::{Side, State};
use trellis_core::follow_through::{evaluate, CheckIn, Clock, ConversationFact, History, Overview, PlanFacts, Summary};
use trellis_core::ids::PersonId;
use trellis_core::one_on_one;
use trellis_core::playbook::Playbook;
use trellis_core::policy::{Relation, Relations};
use trellis_core::Result;

/// One report's follow-through, as their manager sees it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberFollowThrough {
    pub member: Member,
    pub summary: Summary,
    /// Whether a one-on-one with the person is booked (a check-in can go on its agenda).
    pub has_one_on_one: bool,
}

impl MemberFollowThrough {
    /// Someone with nothing to show (not found in the roster any more).
    fn nobody(actor: &Actor) -> Self {
        let member = Member {
            id: actor.id.clone(),
            name: actor.name.clone(),
            title: String::new(),
            manager_id: actor.manager_id.clone(),
            started_on: None,
            added_at: 0,
            plan_reviewed_at: None,
            time_zone: None,
        };
        Self { member, summary: Summary::default(), has_one_on_one: false }
    }
}

/// Everything a home page shows of follow-through: the person's own, their team's, the
/// conversations still open among them and the person's latest change of manager (read by the
/// same queries).
#[derive(Clone, Debug)]
pub struct HomeFollowThrough {
    pub own: MemberFollowThrough,
    pub team: TeamFollowThrough,
    pub open: Vec<Conversation>,
    pub own_handoff: Option<Handoff>,
}

/// What `follow_through_for` reads: the person's own (if asked), the team's, the open
/// conversations and the person's latest change of manager.
struct Read {
    own: Option<MemberFollowThrough>,
    team: TeamFollowThrough,
    open: Vec<Conversation>,
    own_handoff: Option<Handoff>,
}

/// A manager's team at a glance.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TeamFollowThrough {
    pub people: Vec<MemberFollowThrough>,
    pub overview: Overview,
}

impl Store {
    /// The newest version of every playbook of the organisation, parsed once per version; which
    /// versions are newest is read again every few seconds.
    pub async fn current_playbooks(&self) -> Result<Vec<Playbook>> {
        let rows: Vec<(String, i64)> = match self.parsed_playbooks.current() {
            Some(rows) => rows,
            None => {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT key, MAX(version) FROM playbooks WHERE composed_for IS NULL GROUP BY key ORDER BY key",
                )
                .fetch_all(&self.pool)
                .await
                .db()?;
                self.parsed_playbooks.keep_current(Some(rows.clone()));
                rows
            }
        };
        let mut playbooks = Vec::with_capacity(rows.len());
        for (key, version) in rows {
            playbooks.push(self.playbook_version(&key, version).await?);
        }
        Ok(playbooks)
    }

    /// The actor's active direct reports, by name.
    pub async fn team_members(&self, actor: &Actor) -> Result<Vec<Member>> {
        Ok(self.members(Whose::ReportsOf(&actor.id)).await?.into_iter().map(|(member, _)| member).collect())
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
        Ok(self.follow_through_for(actor, Whose::ReportsOf(&actor.id), playbooks, time_zone).await?.team)
    }

    /// For a home page: what is due for the actor themselves (and whether they have a one-on-one
    /// booked) and for their team, from one set of queries.
    pub async fn home_follow_through(
        &self,
        actor: &Actor,
        playbooks: &[Playbook],
        time_zone: &str,
    ) -> Result<HomeFollowThrough> {
        let Read { own, team, open, own_handoff } =
            self.follow_through_for(actor, Whose::PersonAndReports(&actor.id), playbooks, time_zone).await?;
        Ok(HomeFollowThrough {
            own: own.unwrap_or_else(|| MemberFollowThrough::nobody(actor)),
            team,
            open,
            own_handoff,
        })
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
        if &actor.id == person {
            let own = self.follow_through_for(actor, Whose::Person(person), playbooks, time_zone).await?.own;
            return Ok(own.map(|own| own.summary).unwrap_or_default());
        }
        if !self.relations(actor, person).await?.has(Relation::Manager) {
            return Ok(Summary::default());
        }
        let team = self.follow_through_for(actor, Whose::Person(person), playbooks, time_zone).await?.team;
        Ok(team.people.into_iter().next().map(|p| p.summary).unwrap_or_default())
    }

    /// The follow-through of the actor (when `whose` includes them) and of their reports (when it
    /// includes those), in three queries: the people with their latest change of manager, their
    /// conversations, and their plan items with their check-ins.
    async fn follow_through_for(
        &self,
        actor: &Actor,
        whose: Whose<'_>,
        playbooks: &[Playbook],
        time_zone: &str,
    ) -> Result<Read> {
        let mut own_handoff = None;
        let mut me = None;
        let mut reports = Vec::new();
        let mut relations: HashMap<PersonId, Relations> = HashMap::new();
        for (member, handoff) in self.members(whose).await? {
            if member.id == actor.id {
                relations.insert(actor.id.clone(), self.relations(actor, &actor.id).await?);
                own_handoff = handoff;
                me = Some(member);
            } else {
                let hold = handoff.map(|handoff| handoff.hold);
                let relation = Store::relations_to_report(actor, &member.id, member.manager_id.as_ref(), hold);
                relations.insert(member.id.clone(), relation);
                reports.push(member);
            }
        }
        if relations.is_empty() {
            let team = TeamFollowThrough { people: Vec::new(), overview: Overview::default() };
            return Ok(Read { own: None, team, open: Vec::new(), own_handoff });
        }
        let (conversations, open) = self.conversation_facts(&actor.id, whose, &relations).await?;
        let (plans, check_ins) = self.plan_and_check_in_facts(&actor.id, whose, &relations).await?;
        let facts = Facts { conversations, plans, check_ins, now: now_millis() };
        let own = me.map(|member| facts.member(member, Side::Person, playbooks, time_zone));
        let people: Vec<MemberFollowThrough> =
            reports.into_iter().map(|member| facts.member(member, Side::Manager, playbooks, time_zone)).collect();
        let overview = Overview::of(people.iter().map(|p| &p.summary));
        Ok(Read { own, team: TeamFollowThrough { people, overview }, open, own_handoff })
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
}

/// The plan facts with the person's "still right" counted as a change, for a reader who sees a
/// plan at all.
fn plan_with_review(plan: Option<&PlanFacts>, reviewed_at: Option<i64>) -> PlanFacts {
    let Some(plan) = plan else { return PlanFacts::default() };
    let last_changed = plan.last_changed.max(reviewed_at);
    PlanFacts { last_changed, ..plan.clone() }
}

/// The facts read for a set of people, by person.
struct Facts {
    conversations: HashMap<PersonId, Vec<ConversationFact>>,
    plans: HashMap<PersonId, PlanFacts>,
    check_ins: HashMap<PersonId, Vec<CheckIn>>,
    now: i64,
}

impl Facts {
    /// `member`'s follow-through for a reader on `side`.
    fn member(&self, member: Member, reader: Side, playbooks: &[Playbook], time_zone: &str) -> MemberFollowThrough {
        let summary = self.summary(&member, reader, playbooks, time_zone);
        let has_one_on_one = self.conversations.get(&member.id).is_some_and(|all| {
            all.iter().any(|c| c.playbook_key == one_on_one::PLAYBOOK && !c.state.is_closed() && c.state != State::Held)
        });
        MemberFollowThrough { member, summary, has_one_on_one }
    }

    /// What is due for `member`, for a reader on `side`, with days counted in their zone.
    fn summary(&self, member: &Member, reader: Side, playbooks: &[Playbook], time_zone: &str) -> Summary {
        let plan = plan_with_review(self.plans.get(&member.id), member.plan_reviewed_at);
        let history = History {
            reader,
            has_manager: member.manager_id.is_some(),
            started_on: member.started_on,
            added_at: member.added_at,
            conversations: self.conversations.get(&member.id).map_or(&[], Vec::as_slice),
            plan: &plan,
            check_ins: self.check_ins.get(&member.id).map_or(&[], Vec::as_slice),
        };
        let clock = Clock::new(self.now, member.time_zone.as_deref().unwrap_or(time_zone));
        Summary::new(evaluate(&history, playbooks, &clock))
    }
}
