//! Starting conversations. A manager proposes a conversation or a whole series to a report; a
//! person proposes one to their manager, or starts one to work through alone. Nothing is agreed
//! until the other side accepts (see `moves`); a conversation held alone needs no one's consent.

use super::news::tell_other_side;
use super::side_name;
use crate::access::Actor;
use crate::audit::record_access;
use crate::db::{flag, now_millis, DbResult, Store};
use crate::jobs::News;
use sqlx::AnyConnection;
use trellis_core::conversation::schedule::{lead_time_warning, Slot};
use trellis_core::conversation::{Side, State};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::one_on_one::{self, Rhythm};
use trellis_core::policy::{may_start_conversation, Action, Relation};
use trellis_core::{Error, Result};

/// What a proposal asks for.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub person: PersonId,
    pub playbook_key: String,
    /// One step of the playbook, or `None` for the whole series.
    pub step: Option<usize>,
    /// The person works through it alone (only the person can choose this).
    pub solo: bool,
    /// A first date and time, for the first conversation proposed.
    pub slot: Option<Slot>,
    /// The proposer has seen the short-notice warning and wants this time anyway.
    pub short_notice_confirmed: bool,
    /// The organisation's time zone, used until a time is agreed.
    pub default_time_zone: String,
    /// For a one-on-one: how often it repeats (the next is booked when one is held).
    pub rhythm: Option<Rhythm>,
}

/// What came of a proposal.
#[derive(Clone, Debug, PartialEq)]
pub enum ProposalOutcome {
    /// Stored; the id of the first conversation.
    Proposed(ConversationId),
    /// Not stored: the time leaves less than the playbook's preparation lead time. Confirm to
    /// go ahead.
    ShortNotice(String),
}

impl Store {
    /// Proposes (or, alone, starts) one conversation or a series.
    pub async fn propose_conversation(&self, actor: &Actor, proposal: &Proposal) -> Result<ProposalOutcome> {
        let relations = self.relations(actor, &proposal.person).await?;
        // The person starts any conversation; their manager starts one held with the person.
        let side = if !may_start_conversation(&relations) {
            None
        } else if relations.has(Relation::Myself) {
            Some(Side::Person)
        } else {
            (!proposal.solo).then_some(Side::Manager)
        };
        let Some(side) = side else {
            return Err(Error::Forbidden(
                "Only the person, or their current manager, can propose a career conversation.".into(),
            ));
        };
        if side == Side::Person && !proposal.solo && actor.manager_id.is_none() {
            return Err(Error::invalid("with", "you have no manager in the roster; choose to work on your own"));
        }
        let is_one_on_one = proposal.playbook_key == one_on_one::PLAYBOOK;
        if is_one_on_one && proposal.solo {
            return Err(Error::invalid("with", "a one-on-one is held with your manager, not alone"));
        }
        if proposal.rhythm.is_some() && !is_one_on_one {
            return Err(Error::invalid("rhythm", "only a one-on-one repeats; choose no rhythm for this conversation"));
        }
        let stored = self.playbook(&proposal.playbook_key, None).await?;
        let playbook = stored.playbook()?;
        let steps: Vec<usize> = match proposal.step {
            Some(step) if step < playbook.conversations.len() => vec![step],
            Some(_) => return Err(Error::invalid("step", "is not a conversation of this playbook")),
            None => (0..playbook.conversations.len()).collect(),
        };
        if let (Some(slot), false) = (&proposal.slot, proposal.short_notice_confirmed) {
            let lead = playbook.preparation.share_prompts_days_before;
            if let Some(warning) = lead_time_warning(slot.starts_at, now_millis(), lead) {
                return Ok(ProposalOutcome::ShortNotice(warning));
            }
        }
        let series_id = ConversationId::generate();
        let mut ids = Vec::new();
        let mut tx = self.begin_write().await?;
        for (position, &index) in steps.iter().enumerate() {
            let step = &playbook.conversations[index];
            let slot = proposal.slot.as_ref().filter(|_| position == 0);
            let state = match (proposal.solo, slot) {
                (false, _) => State::Proposed,
                (true, Some(_)) => State::Scheduled,
                (true, None) => State::Accepted,
            };
            let id = ConversationId::generate();
            let row = NewConversation {
                id: &id,
                series_id: series_id.as_str(),
                proposal,
                side,
                version: stored.version,
                step_index: index,
                title: &step.title,
                optional: step.optional && steps.len() > 1,
                state,
                slot,
                minutes: step.minutes,
            };
            insert_conversation(&mut tx, &row).await?;
            record_event(&mut tx, &id, &actor.id, "propose", state, slot).await?;
            ids.push(id);
        }
        if let (Some(first), false, true) = (ids.first(), proposal.solo, self.sends_mail) {
            tell_other_side(&mut tx, actor, (first, &proposal.person), News::Proposed).await?;
        }
        record_access(&mut tx, actor, &proposal.person, Action::Write, "conversation", &ids).await?;
        tx.commit().await.db()?;
        ids.into_iter().next().map(ProposalOutcome::Proposed).ok_or_else(|| Error::internal("a series without steps"))
    }
}

struct NewConversation<'a> {
    id: &'a ConversationId,
    series_id: &'a str,
    proposal: &'a Proposal,
    side: Side,
    version: i64,
    step_index: usize,
    title: &'a str,
    optional: bool,
    state: State,
    slot: Option<&'a Slot>,
    minutes: u32,
}

async fn insert_conversation(conn: &mut AnyConnection, row: &NewConversation<'_>) -> Result<()> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO conversations (id, series_id, person_id, solo, started_by, playbook_key, playbook_version, \
         step_index, title, optional, state, starts_at, minutes, time_zone, created_at, updated_at, rhythm) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)",
    )
    .bind(row.id.as_str())
    .bind(row.series_id)
    .bind(row.proposal.person.as_str())
    .bind(flag(row.proposal.solo))
    .bind(side_name(row.side))
    .bind(&row.proposal.playbook_key)
    .bind(row.version)
    .bind(i64::try_from(row.step_index).unwrap_or_default())
    .bind(row.title)
    .bind(flag(row.optional))
    .bind(row.state.as_str())
    .bind(row.slot.map(|s| s.starts_at))
    .bind(i64::from(row.slot.map_or(row.minutes, |s| s.minutes)))
    .bind(row.slot.map_or(row.proposal.default_time_zone.as_str(), |s| s.time_zone.as_str()))
    .bind(now)
    .bind(row.proposal.rhythm.map(Rhythm::key))
    .execute(&mut *conn)
    .await
    .db()?;
    Ok(())
}

/// Adds a move to a conversation's history.
pub(crate) async fn record_event(
    conn: &mut AnyConnection,
    conversation: &ConversationId,
    actor: &PersonId,
    action: &str,
    state: State,
    slot: Option<&Slot>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO conversation_events (id, conversation_id, actor_id, move, state, starts_at, time_zone, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(ConversationId::generate().as_str())
    .bind(conversation.as_str())
    .bind(actor.as_str())
    .bind(action)
    .bind(state.as_str())
    .bind(slot.map(|s| s.starts_at))
    .bind(slot.map(|s| s.time_zone.clone()))
    .bind(now_millis())
    .execute(&mut *conn)
    .await
    .db()?;
    Ok(())
}
