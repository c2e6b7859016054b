//! The facts the follow-through rules look at, read in a few indexed queries for one person or
//! a whole team, and kept only where the access policy lets the reader see the item they come
//! from (a manager never gets a fact from a conversation held alone or a private plan item).

use crate::artefacts::artefact_access;
use crate::conversations::{Conversation, StoredConversation, CONVERSATION_COLUMNS, CONVERSATION_SELECT};
use crate::db::{DbResult, Store};
use crate::handoffs::{latest_handoff, Handoff, LATEST_CHANGE_COLUMNS, LATEST_CHANGE_JOIN};
use crate::one_on_ones::shared_access;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;
use trellis_core::artefact::Kind;
use trellis_core::follow_through::{counts_as_plan, CheckIn, ConversationFact, PlanFacts};
use trellis_core::ids::PersonId;
use trellis_core::policy::{decide, Action, Relations, Visibility};
use trellis_core::{Error, Result};

/// One person as the team view lists them.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Member {
    pub id: PersonId,
    pub name: String,
    pub title: String,
    pub manager_id: Option<PersonId>,
    /// Midnight (UTC) of the start date, if the roster has one.
    pub started_on: Option<i64>,
    pub added_at: i64,
    /// The person's latest "my plan is still right".
    pub plan_reviewed_at: Option<i64>,
    /// Their own time zone, if they chose one (days are counted in it).
    pub time_zone: Option<String>,
}

/// A plan item or a check-in as `plan_and_check_in_facts` reads it: the person, the kind (or
/// `CHECK_IN`), the author, the visibility, the status, when it was written, when it was last
/// edited and last logged, and whether a check-in was the extended one.
type FactRow = (String, String, String, String, String, i64, i64, Option<i64>, i64);

/// What the kind column says of a recorded check-in, beside the kinds of plan items.
const CHECK_IN: &str = "check-in";

/// Whether the person wrote any prep answer for conversation `c`.
const PREPARED: &str = "CAST(CASE WHEN EXISTS (SELECT 1 FROM notes n WHERE n.conversation_id = c.id \
    AND n.author_id = c.person_id AND n.doc_key LIKE 'c:%:prep:%' AND n.body <> '') THEN 1 ELSE 0 END AS BIGINT)";

const MEMBER_COLUMNS: &str = "p.id, p.name, p.title, p.manager_id, p.start_date, p.created_at, p.time_zone, \
    r.reviewed_at";

fn member_from_row(row: &AnyRow) -> Result<Member> {
    let start: Option<String> = row.try_get("start_date").db()?;
    let manager: Option<String> = row.try_get("manager_id").db()?;
    Ok(Member {
        id: PersonId::from_stored(row.try_get("id").db()?),
        name: row.try_get("name").db()?,
        title: row.try_get("title").db()?,
        manager_id: manager.map(PersonId::from_stored),
        started_on: start.as_deref().and_then(midnight_utc),
        added_at: row.try_get("created_at").db()?,
        plan_reviewed_at: row.try_get("reviewed_at").db()?,
        time_zone: row.try_get("time_zone").db()?,
    })
}

fn midnight_utc(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.parse().ok()?;
    date.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp().as_millisecond())
}

/// The rows of `person_id IN (…)` for either one person or a manager's active reports.
#[derive(Clone, Copy)]
pub(crate) enum Whose<'a> {
    Person(&'a PersonId),
    ReportsOf(&'a PersonId),
    /// The person and their active reports, for a home page that shows both.
    PersonAndReports(&'a PersonId),
}

impl<'a> Whose<'a> {
    fn condition(self, column: &str) -> String {
        match self {
            Whose::Person(_) => format!("{column} = $1"),
            Whose::ReportsOf(_) => {
                format!("{column} IN (SELECT id FROM people WHERE manager_id = $1 AND active = 1)")
            }
            Whose::PersonAndReports(_) => format!(
                "{column} IN (SELECT id FROM people WHERE id = $1 \
                 UNION ALL SELECT id FROM people WHERE manager_id = $1 AND active = 1)"
            ),
        }
    }

    /// The person whose own view this includes, if any (prep answers are told to them alone).
    fn person(self) -> Option<&'a PersonId> {
        match self {
            Whose::Person(id) | Whose::PersonAndReports(id) => Some(id),
            Whose::ReportsOf(_) => None,
        }
    }

    fn bind(self) -> String {
        match self {
            Whose::Person(id) | Whose::ReportsOf(id) | Whose::PersonAndReports(id) => id.as_str().to_string(),
        }
    }
}

impl Store {
    /// The people the view is about, by name, each with their latest change of manager (whose
    /// hold says what their manager may read).
    pub(crate) async fn members(&self, whose: Whose<'_>) -> Result<Vec<(Member, Option<Handoff>)>> {
        let condition = match whose {
            Whose::Person(_) => "p.id = $1",
            Whose::ReportsOf(_) => "p.manager_id = $1 AND p.active = 1",
            Whose::PersonAndReports(_) => "(p.id = $1 OR (p.manager_id = $1 AND p.active = 1))",
        };
        let sql = format!(
            "SELECT {MEMBER_COLUMNS}, {LATEST_CHANGE_COLUMNS} FROM people p \
             LEFT JOIN plan_reviews r ON r.person_id = p.id {LATEST_CHANGE_JOIN} WHERE {condition} ORDER BY p.name, p.id"
        );
        let rows = sqlx::query(&sql).bind(whose.bind()).fetch_all(&self.pool).await.db()?;
        let mut members = rows
            .iter()
            .map(|row| Ok((member_from_row(row)?, latest_handoff(row)?)))
            .collect::<Result<Vec<(Member, Option<Handoff>)>>>()?;
        // Two changes of manager in the same millisecond would list someone twice.
        members.dedup_by(|a, b| a.0.id == b.0.id);
        Ok(members)
    }

    /// Each person's conversations the reader may see, as facts (`prepared` filled in for the
    /// person's own view only), and those still open (or held, not yet followed up), soonest
    /// first, for a list.
    pub(crate) async fn conversation_facts(
        &self,
        reader: &PersonId,
        whose: Whose<'_>,
        relations: &HashMap<PersonId, Relations>,
    ) -> Result<(HashMap<PersonId, Vec<ConversationFact>>, Vec<Conversation>)> {
        // Whether the person wrote a prep answer is read with the conversation, and told only
        // to the person's own view.
        let own = whose.person().is_some_and(|person| person == reader);
        let prepared = match own {
            true => PREPARED,
            false => "CAST(0 AS BIGINT)",
        };
        let select = CONVERSATION_SELECT.replacen(
            " FROM conversations c",
            &format!(", {prepared} AS prepared FROM conversations c"),
            1,
        );
        let columns: Vec<&str> = CONVERSATION_COLUMNS.into_iter().chain(["prepared"]).collect();
        let sql = self.backend().rows_as_json(&columns, &format!("{select} WHERE {}", whose.condition("c.person_id")));
        let json: String = sqlx::query_scalar(&sql).bind(whose.bind()).fetch_one(&self.pool).await.db()?;
        let rows: Vec<StoredConversation> = serde_json::from_str(&json).map_err(Error::internal)?;
        let mut facts: HashMap<PersonId, Vec<ConversationFact>> = HashMap::new();
        let mut open = Vec::new();
        for row in rows {
            let prepared = row.prepared != 0;
            let conversation = Conversation::try_from(row)?;
            let Some(relations) = relations.get(&conversation.person_id) else { continue };
            if !decide(reader, relations, conversation.access(), Action::Read).is_allowed() {
                continue;
            }
            let prepared = own && conversation.person_id == *reader && prepared;
            let fact = as_fact(&conversation, prepared);
            facts.entry(conversation.person_id.clone()).or_default().push(fact);
            if !conversation.state.is_closed() {
                open.push(conversation);
            }
        }
        open.sort_by_key(|c| (c.starts_at.is_none(), c.starts_at, c.created_at));
        Ok((facts, open))
    }

    /// Each person's plan and recorded check-ins as the reader may see them, read in one query.
    pub(crate) async fn plan_and_check_in_facts(
        &self,
        reader: &PersonId,
        whose: Whose<'_>,
        relations: &HashMap<PersonId, Relations>,
    ) -> Result<(HashMap<PersonId, PlanFacts>, HashMap<PersonId, Vec<CheckIn>>)> {
        let plan_kinds: Vec<String> =
            Kind::ALL.into_iter().filter(|k| counts_as_plan(*k)).map(|k| format!("'{}'", k.key())).collect();
        let facts = format!(
            "SELECT a.person_id, a.kind, a.author_id, a.visibility, a.status, a.created_at, a.updated_at, \
             (SELECT MAX(l.created_at) FROM artefact_log l WHERE l.artefact_id = a.id) AS logged_at, \
             CAST(0 AS BIGINT) AS extended FROM artefacts a WHERE {} AND a.kind IN ({}) \
             UNION ALL SELECT person_id, '{CHECK_IN}', recorded_by, '', '', at, at, CAST(NULL AS BIGINT), extended \
             FROM check_ins WHERE {}",
            whose.condition("a.person_id"),
            plan_kinds.join(", "),
            whose.condition("person_id")
        );
        let columns = [
            "person_id",
            "kind",
            "author_id",
            "visibility",
            "status",
            "created_at",
            "updated_at",
            "logged_at",
            "extended",
        ];
        let sql = self.backend().rows_as_json(&columns, &facts);
        let json: String = sqlx::query_scalar(&sql).bind(whose.bind()).fetch_one(&self.pool).await.db()?;
        let rows: Vec<FactRow> = serde_json::from_str(&json).map_err(Error::internal)?;
        let mut plans: HashMap<PersonId, PlanFacts> = HashMap::new();
        let mut check_ins: HashMap<PersonId, Vec<CheckIn>> = HashMap::new();
        for (person, kind, author, visibility, status, created, updated, logged, extended) in rows {
            let person = PersonId::from_stored(person);
            let author = PersonId::from_stored(author);
            let Some(relations) = relations.get(&person) else { continue };
            if kind == CHECK_IN {
                if decide(reader, relations, shared_access(&author, created), Action::Read).is_allowed() {
                    check_ins.entry(person).or_default().push(CheckIn { at: created, extended: extended != 0 });
                }
                continue;
            }
            let Some(kind) = Kind::parse(&kind).filter(|kind| counts_as_plan(*kind)) else { continue };
            let visibility = Visibility::parse(&visibility).unwrap_or_default();
            if !decide(reader, relations, artefact_access(visibility, &author, kind, created), Action::Read)
                .is_allowed()
            {
                continue;
            }
            let changed = updated.max(logged.unwrap_or(0));
            let plan = plans.entry(person).or_default();
            plan.started_at = Some(plan.started_at.map_or(created, |at| at.min(created)));
            plan.last_changed = Some(plan.last_changed.map_or(changed, |at| at.max(changed)));
            if kind == Kind::Goal && status == Kind::Goal.first_status() {
                plan.open_goals.push(created);
            }
        }
        Ok((plans, check_ins))
    }
}

fn as_fact(c: &Conversation, prepared: bool) -> ConversationFact {
    ConversationFact {
        id: c.id.clone(),
        series_id: c.series_id.clone(),
        playbook_key: c.playbook_key.clone(),
        step_index: c.step_index,
        title: c.title.clone(),
        solo: c.solo,
        started_by: c.started_by,
        state: c.state,
        starts_at: c.starts_at,
        minutes: c.minutes,
        time_proposed_by: c.time_proposed_by,
        ready: c.ready,
        prepared,
        created_at: c.created_at,
        updated_at: c.updated_at,
        held_at: c.held_at,
    }
}
