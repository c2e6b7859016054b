//! Everything in a person's space, gathered for the person to take away: their notes, every
//! artefact with its history, their conversations with the documents they can read, and their
//! boundaries. Only the person may export it all; each part is read through the same
//! policy-checked functions as the pages, so nothing another person wrote privately leaks in.

use crate::access::Actor;
use crate::db::Store;
use crate::{Artefact, Conversation, Document, LogEntry, Note};
use trellis_core::artefact::Kind;
use trellis_core::ids::PersonId;
use trellis_core::policy::Relation;
use trellis_core::{Error, Result};

/// One artefact and its history.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportedArtefact {
    #[serde(flatten)]
    pub artefact: Artefact,
    pub history: Vec<LogEntry>,
}

/// One conversation and the documents its person can read.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportedConversation {
    #[serde(flatten)]
    pub conversation: Conversation,
    pub documents: Vec<Document>,
}

/// The whole space.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SpaceExport {
    pub format: &'static str,
    pub exported_at: String,
    pub person: ExportedPerson,
    pub boundaries: Option<Document>,
    pub notes: Vec<Note>,
    pub artefacts: Vec<ExportedArtefact>,
    pub conversations: Vec<ExportedConversation>,
}

/// Who the space belongs to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportedPerson {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
}

impl Store {
    /// The person's whole space, for the person alone.
    pub async fn export_space(&self, actor: &Actor, person: &PersonId) -> Result<SpaceExport> {
        if !self.relations(actor, person).await?.has(Relation::Myself) {
            return Err(Error::Forbidden("Only the person can export everything in their space.".into()));
        }
        let profile = self.person(person).await?;
        let mut artefacts = Vec::new();
        for kind in Kind::ALL {
            let (items, mut history) = self.artefact_history(actor, person, kind).await?;
            artefacts.extend(items.into_iter().map(|artefact| ExportedArtefact {
                history: history.remove(&artefact.id).unwrap_or_default(),
                artefact,
            }));
        }
        let mut conversations = Vec::new();
        for conversation in self.conversations_of(actor, person).await? {
            let documents = self.conversation_documents(actor, &conversation).await?;
            conversations.push(ExportedConversation { conversation, documents });
        }
        Ok(SpaceExport {
            format: "trellis-space-export/1",
            exported_at: jiff::Timestamp::now().to_string(),
            person: ExportedPerson { id: profile.id, name: profile.name, email: profile.email },
            boundaries: self.boundaries(actor, person).await?,
            notes: self.notes_for(actor, person).await?,
            artefacts,
            conversations,
        })
    }
}
