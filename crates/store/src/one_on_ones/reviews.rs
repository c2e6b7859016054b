//! A goal reviewed in a one-on-one: a dated line in the goal's history, naming the meeting, so
//! that at the six-month conversation the monthly reviews are there to look back on.

use crate::access::Actor;
use crate::artefacts::log::insert_entry;
use crate::artefacts::{artefact_from_row, not_found as no_such_item, ARTEFACT_SELECT};
use crate::audit::record_access;
use crate::db::{now_millis, DbResult, Store};
use trellis_core::artefact::Kind;
use trellis_core::ids::{ArtefactId, ConversationId};
use trellis_core::policy::{may_note_review, Action};
use trellis_core::{Error, Result};

impl Store {
    /// Either side of the meeting notes that a goal of the person's was reviewed in it today.
    pub async fn review_goal(&self, actor: &Actor, meeting: &ConversationId, goal: &ArtefactId) -> Result<()> {
        let (meeting, relations) = self.meeting_for(actor, meeting).await?;
        let sql = format!("{ARTEFACT_SELECT} WHERE id = $1");
        let row = sqlx::query(&sql).bind(goal.as_str()).fetch_optional(&self.pool).await.db()?;
        let goal = row.as_ref().map(artefact_from_row).transpose()?.ok_or_else(no_such_item)?;
        let ours = goal.kind == Kind::Goal && goal.person_id == meeting.person_id;
        if !ours || !may_note_review(&actor.id, &relations, goal.access()) {
            return Err(no_such_item());
        }
        if !meeting.state.takes_notes() {
            return Err(Error::Conflict("This one-on-one did not take place.".into()));
        }
        let today = jiff::Zoned::now().date().to_string();
        let mut tx = self.begin_write().await?;
        insert_entry(&mut tx, actor, &goal.id, ("reviewed", "", ""), Some(&meeting.id), &today, now_millis()).await?;
        record_access(&mut tx, actor, &meeting.person_id, Action::Write, "goals", &[goal.id.as_str()]).await?;
        tx.commit().await.db()
    }
}
