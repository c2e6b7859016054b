//! Moving a conversation through its states: accepting or declining a proposal (for a series,
//! the answer covers every step still proposed, and the person may skip optional steps),
//! scheduling, proposing and confirming new times, the person's readiness, holding and
//! following up, cancelling. Every move is kept in the history.

use super::news::tell_other_side;
use super::propose::record_event;
use super::{side_name, Conversation};
use crate::access::Actor;
use crate::audit::record_access;
use crate::db::{flag, now_millis, DbResult, Store};
use crate::jobs::News;
use crate::one_on_ones::book_next_meeting;
use sqlx::AnyConnection;
use trellis_core::conversation::flow::{apply, Move};
use trellis_core::conversation::schedule::{lead_time_warning, series_window_warning, Slot};
use trellis_core::conversation::{Side, State};
use trellis_core::ids::ConversationId;
use trellis_core::policy::Action;
use trellis_core::{Error, Result};

/// What came of a move.
#[derive(Clone, Debug, PartialEq)]
pub enum MoveOutcome {
    /// Done; the conversation's new state.
    Moved(State),
    /// Not done: the time leaves less than the playbook's preparation lead time.
    ShortNotice(String),
}

/// A move with what it needs.
#[derive(Clone, Debug)]
pub struct MoveRequest {
    pub mv: Move,
    /// For moves that set a time.
    pub slot: Option<Slot>,
    /// On accepting a series: the optional steps the person leaves out.
    pub skip: Vec<ConversationId>,
    /// For a recurring one-on-one: stop the rhythm with this move (nothing is booked after it).
    pub stop_rhythm: bool,
    /// The mover has seen the short-notice warning and wants this time anyway.
    pub short_notice_confirmed: bool,
}

impl MoveRequest {
    /// A move that needs nothing else.
    pub fn plain(mv: Move) -> Self {
        Self { mv, slot: None, skip: Vec::new(), stop_rhythm: false, short_notice_confirmed: false }
    }

    /// A move that sets a time.
    pub fn with_slot(mv: Move, slot: Slot) -> Self {
        Self { slot: Some(slot), ..Self::plain(mv) }
    }
}

impl Store {
    /// Makes a move on a conversation, if the flow opens it to the actor's side.
    pub async fn move_conversation(
        &self,
        actor: &Actor,
        id: &ConversationId,
        request: &MoveRequest,
    ) -> Result<MoveOutcome> {
        let (conversation, side) = self.conversation_for(actor, id).await?;
        let next = apply(conversation.facts(now_millis()), side, request.mv).map_err(Error::Conflict)?;
        let slot = match (request.mv.needs_time(), &request.slot) {
            (true, None) => return Err(Error::invalid("date", "choose a date and time")),
            (true, Some(slot)) => Some(slot),
            (false, _) => None,
        };
        if let (Some(slot), false) = (slot, request.short_notice_confirmed) {
            let playbook = self.playbook_version(&conversation.playbook_key, conversation.playbook_version).await?;
            let lead = playbook.preparation.share_prompts_days_before;
            let short = matches!(request.mv, Move::Schedule | Move::ProposeTime)
                .then(|| lead_time_warning(slot.starts_at, now_millis(), lead))
                .flatten();
            let window = playbook.cadence.series_window_days;
            let late = match window {
                Some(_) => series_window_warning(slot.starts_at, self.series_start(&conversation).await?, window),
                None => None,
            };
            if let Some(warning) = short.or(late) {
                return Ok(MoveOutcome::ShortNotice(warning));
            }
        }
        let answering_proposal = matches!(request.mv, Move::Accept | Move::Decline);
        let targets =
            if answering_proposal { self.proposed_in_series(&conversation).await? } else { vec![conversation] };
        let mut tx = self.begin_write().await?;
        let mut touched = Vec::new();
        for target in &targets {
            let (mv, state) = if request.mv == Move::Accept && request.skip.contains(&target.id) {
                (Move::Skip, apply(target.facts(now_millis()), side, Move::Skip).map_err(Error::Conflict)?)
            } else {
                (request.mv, apply(target.facts(now_millis()), side, request.mv).map_err(Error::Conflict)?)
            };
            apply_change(&mut tx, target, mv, state, side, slot).await?;
            record_event(&mut tx, &target.id, &actor.id, mv.as_str(), state, slot).await?;
            touched.push(target.id.clone());
            if request.stop_rhythm {
                sqlx::query("UPDATE conversations SET rhythm = NULL WHERE id = $1")
                    .bind(target.id.as_str())
                    .execute(&mut *tx)
                    .await
                    .db()?;
            } else if let Some(next) = book_next_meeting(&mut tx, target, mv, &actor.id).await? {
                touched.push(next);
            }
        }
        let first = targets.first().ok_or_else(super::not_found)?;
        if let Some(news) = News::of(request.mv).filter(|_| self.sends_mail && !first.solo) {
            tell_other_side(&mut tx, actor, (&first.id, &first.person_id), news).await?;
        }
        record_access(&mut tx, actor, &first.person_id, Action::Write, "conversation", &touched).await?;
        tx.commit().await.db()?;
        Ok(MoveOutcome::Moved(next))
    }

    /// When the conversation's series began: the earliest time among its other steps (held,
    /// or agreed), if any.
    async fn series_start(&self, conversation: &Conversation) -> Result<Option<i64>> {
        sqlx::query_scalar(
            "SELECT MIN(COALESCE(starts_at, held_at)) FROM conversations WHERE series_id = $1 AND id <> $2 \
             AND state IN ('scheduled', 'rescheduled', 'held', 'followed_up')",
        )
        .bind(&conversation.series_id)
        .bind(conversation.id.as_str())
        .fetch_one(&self.pool)
        .await
        .db()
    }

    /// The steps of the conversation's series still waiting for an answer (at least itself).
    async fn proposed_in_series(&self, conversation: &Conversation) -> Result<Vec<Conversation>> {
        let sql = format!(
            "{} WHERE c.series_id = $1 AND c.state = 'proposed' ORDER BY c.step_index",
            super::CONVERSATION_SELECT
        );
        let rows = sqlx::query(&sql).bind(&conversation.series_id).fetch_all(&self.pool).await.db()?;
        rows.iter().map(super::conversation_from_row).collect()
    }
}

/// Writes the new state and whatever the move changes about the time. The update only applies
/// if nobody moved the conversation meanwhile.
async fn apply_change(
    conn: &mut AnyConnection,
    conversation: &Conversation,
    mv: Move,
    state: State,
    side: Side,
    slot: Option<&Slot>,
) -> Result<()> {
    let mut starts_at = conversation.starts_at;
    let mut minutes = conversation.minutes;
    let mut time_zone = conversation.time_zone.clone();
    let mut proposed = conversation.proposed_starts_at;
    let mut proposed_by = conversation.time_proposed_by;
    let mut ready = conversation.ready;
    match (mv, slot) {
        (Move::Schedule, Some(slot)) => {
            (starts_at, minutes, time_zone) = (Some(slot.starts_at), slot.minutes, slot.time_zone.clone());
            ready = false;
        }
        (Move::ProposeTime | Move::NotReady, Some(slot)) if state == State::Rescheduled => {
            (minutes, time_zone) = (slot.minutes, slot.time_zone.clone());
            (proposed, proposed_by, ready) = (Some(slot.starts_at), Some(side), false);
        }
        (Move::ProposeTime, Some(slot)) => {
            (starts_at, minutes, time_zone) = (Some(slot.starts_at), slot.minutes, slot.time_zone.clone());
        }
        (Move::ConfirmTime, _) => {
            (starts_at, proposed, proposed_by, ready) = (proposed, None, None, false);
        }
        (Move::Ready, _) => ready = true,
        _ => {}
    }
    let result = sqlx::query(
        "UPDATE conversations SET state = $1, starts_at = $2, minutes = $3, time_zone = $4, \
         proposed_starts_at = $5, time_proposed_by = $6, ready = $7, updated_at = $8, \
         held_at = CASE WHEN $1 = 'held' THEN $8 ELSE held_at END \
         WHERE id = $9 AND state = $10 AND updated_at = $11",
    )
    .bind(state.as_str())
    .bind(starts_at)
    .bind(i64::from(minutes))
    .bind(time_zone)
    .bind(proposed)
    .bind(proposed_by.map(side_name))
    .bind(flag(ready))
    .bind(now_millis().max(conversation.updated_at + 1))
    .bind(conversation.id.as_str())
    .bind(conversation.state.as_str())
    .bind(conversation.updated_at)
    .execute(&mut *conn)
    .await
    .db()?;
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(Error::Conflict(
            "The conversation changed while you were looking at it. Reload the page and try again.".into(),
        ))
    }
}
