//! Recurring one-on-ones (see `trellis_core::one_on_one`). A meeting is a conversation of the
//! "one-on-one" playbook carrying the pair's rhythm; when one is held or cancelled, the next is
//! booked at the same local time in the same transaction, already scheduled (the pair agreed
//! to the rhythm when the first was accepted). Either side can stop the rhythm. The agenda and
//! the check-ins are in `agenda`.

mod agenda;
mod reviews;

pub(crate) use agenda::shared_access;
pub use agenda::{AgendaItem, CheckInRecord};

use crate::access::Actor;
use crate::conversations::propose::record_event;
use crate::conversations::{conversation_from_row, Conversation, CONVERSATION_SELECT};
use crate::db::{now_millis, DbResult, Store};
use sqlx::AnyConnection;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::conversation::State;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::one_on_one::PLAYBOOK;
use trellis_core::Result;

/// Books the meeting after `meeting` when `mv` held or cancelled a recurring one-on-one (and no
/// later one is open yet), as the same actor's move.
pub(crate) async fn book_next_meeting(
    conn: &mut AnyConnection,
    meeting: &Conversation,
    mv: Move,
    actor: &PersonId,
) -> Result<Option<ConversationId>> {
    let (Some(rhythm), Some(starts_at)) = (meeting.rhythm, meeting.starts_at) else { return Ok(None) };
    if meeting.playbook_key != PLAYBOOK || !matches!(mv, Move::Hold | Move::Cancel) {
        return Ok(None);
    }
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM conversations WHERE person_id = $1 AND playbook_key = $2 AND id <> $3 \
         AND state IN ('proposed', 'accepted', 'scheduled', 'rescheduled')",
    )
    .bind(meeting.person_id.as_str())
    .bind(PLAYBOOK)
    .bind(meeting.id.as_str())
    .fetch_one(&mut *conn)
    .await
    .db()?;
    if open > 0 {
        return Ok(None);
    }
    // The next date after now, at the same local time (a meeting marked held late does not
    // book one in the past).
    let now = now_millis();
    let mut next = starts_at;
    for _ in 0..1_000 {
        match rhythm.next_after(next, &meeting.time_zone) {
            Some(later) if later > now => {
                next = later;
                break;
            }
            Some(later) => next = later,
            None => return Ok(None),
        }
    }
    let id = ConversationId::generate();
    sqlx::query(
        "INSERT INTO conversations (id, series_id, person_id, solo, started_by, playbook_key, playbook_version, \
         step_index, title, optional, state, starts_at, minutes, time_zone, created_at, updated_at, rhythm) \
         SELECT $1, $1, person_id, 0, started_by, playbook_key, playbook_version, step_index, title, 0, $2, $3, \
         minutes, time_zone, $4, $4, rhythm FROM conversations WHERE id = $5",
    )
    .bind(id.as_str())
    .bind(State::Scheduled.as_str())
    .bind(next)
    .bind(now)
    .bind(meeting.id.as_str())
    .execute(&mut *conn)
    .await
    .db()?;
    let slot = Slot { starts_at: next, minutes: meeting.minutes, time_zone: meeting.time_zone.clone() };
    record_event(conn, &id, actor, "repeat", State::Scheduled, Some(&slot)).await?;
    Ok(Some(id))
}

impl Store {
    /// The person's next one-on-one the actor takes part in (the earliest open one), if any.
    pub async fn next_one_on_one(&self, actor: &Actor, person: &PersonId) -> Result<Option<Conversation>> {
        let sql = format!(
            "{CONVERSATION_SELECT} WHERE c.person_id = $1 AND c.playbook_key = $2 \
             AND c.state IN ('proposed', 'accepted', 'scheduled', 'rescheduled') \
             ORDER BY c.starts_at IS NULL, c.starts_at LIMIT 1"
        );
        let row = sqlx::query(&sql).bind(person.as_str()).bind(PLAYBOOK).fetch_optional(&self.pool).await.db()?;
        let Some(meeting) = row.as_ref().map(conversation_from_row).transpose()? else { return Ok(None) };
        match self.conversation_for(actor, &meeting.id).await {
            Ok((meeting, _)) => Ok(Some(meeting)),
            Err(trellis_core::Error::NotFound(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// Either side stops the rhythm: this meeting is cancelled and no next one is booked.
    pub async fn stop_one_on_ones(&self, actor: &Actor, id: &ConversationId) -> Result<()> {
        let (meeting, _) = self.conversation_for(actor, id).await?;
        if meeting.playbook_key != PLAYBOOK || meeting.rhythm.is_none() {
            return Err(trellis_core::Error::Conflict("This is not a recurring one-on-one.".into()));
        }
        let request = crate::MoveRequest { stop_rhythm: true, ..crate::MoveRequest::plain(Move::Cancel) };
        self.move_conversation(actor, id, &request).await.map(|_| ())
    }
}
