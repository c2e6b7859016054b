//! Ad-hoc conversations composed from the question banks: the picked prompts are kept as a
//! playbook made for this person (see `trellis_core::playbook::compose`) and then proposed, or
//! started alone, exactly like a conversation from any playbook. If the proposal is refused
//! the composed playbook is removed again, so nothing is left behind.

use super::{Proposal, ProposalOutcome};
use crate::access::Actor;
use crate::db::{DbResult, Store};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::playbook::compose::{composed_playbook, is_question_bank};
use trellis_core::playbook::parse_playbook;
use trellis_core::policy::may_start_conversation;
use trellis_core::{Error, Result};

/// A conversation as composed.
#[derive(Clone, Debug)]
pub struct Composition {
    pub person: PersonId,
    pub title: String,
    /// (group title, prompt text), in the order picked.
    pub picked: Vec<(String, String)>,
    /// The person works through it alone.
    pub solo: bool,
    pub default_time_zone: String,
}

impl Store {
    /// The organisation's question banks, newest versions, by name.
    pub async fn question_banks(&self) -> Result<Vec<trellis_core::playbook::Playbook>> {
        let mut banks = Vec::new();
        for stored in self.playbooks().await? {
            let playbook = stored.playbook()?;
            if is_question_bank(&playbook) {
                banks.push(playbook);
            }
        }
        Ok(banks)
    }

    /// Keeps the composition as a playbook made for the person and proposes it (or starts it,
    /// alone). Only the person and their current manager compose for the person.
    pub async fn compose_conversation(&self, actor: &Actor, composition: &Composition) -> Result<ConversationId> {
        let relations = self.relations(actor, &composition.person).await?;
        if !may_start_conversation(&relations) {
            return Err(Error::Forbidden(
                "Only the person, or their current manager, can compose a conversation.".into(),
            ));
        }
        // Playbook keys are at most 40 characters; 24 hex digits are plenty to be unique.
        let key = format!("composed-{}", &uuid::Uuid::new_v4().simple().to_string()[..24]);
        let source = composed_playbook(&key, &composition.title, &composition.picked)?;
        let playbook = parse_playbook(&source).map_err(|p| Error::internal(format!("composed playbook: {p:?}")))?;
        self.insert_playbook_version(&playbook, &source, (false, Some(&composition.person)), Some(&actor.id)).await?;
        let proposal = Proposal {
            person: composition.person.clone(),
            playbook_key: key.clone(),
            step: Some(0),
            solo: composition.solo,
            slot: None,
            short_notice_confirmed: false,
            default_time_zone: composition.default_time_zone.clone(),
            rhythm: None,
        };
        match self.propose_conversation(actor, &proposal).await {
            Ok(ProposalOutcome::Proposed(id)) => Ok(id),
            Ok(ProposalOutcome::ShortNotice(_)) => Err(Error::internal("a proposal without a time had short notice")),
            Err(error) => {
                sqlx::query("DELETE FROM playbooks WHERE key = $1").bind(&key).execute(&self.writer).await.db()?;
                Err(error)
            }
        }
    }
}
