//! Everything the conversation page reads, in one go: the conversation with its series and
//! history, its documents, the person's boundaries for the manager, and the goals a reviewing
//! step looks back on. The reader's relations are looked up once for all of it, every item
//! still passes the access policy one by one, and the reads are recorded in the audit trail as
//! one group before the page is answered.

use crate::access::Actor;
use crate::artefacts::{Artefact, ArtefactHistory};
use crate::audit::Reads;
use crate::db::Store;
use crate::documents::Document;
use trellis_core::artefact::Kind;
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::Side;
use trellis_core::ids::ConversationId;
use trellis_core::playbook::Exercise;
use trellis_core::Result;

use super::ConversationView;

/// What the conversation page shows, as its reader may see it.
#[derive(Clone, Debug)]
pub struct ConversationPageData {
    pub view: ConversationView,
    /// The conversation's documents the reader may read, by key.
    pub documents: Vec<Document>,
    /// The person's boundaries, for their manager (the person keeps them on their own page).
    pub boundaries: Option<Document>,
    /// For a step that reviews goals: the person's goals the reader may read, with the history
    /// of each.
    pub goals: Option<(Vec<Artefact>, ArtefactHistory)>,
}

impl Store {
    /// Reads everything the conversation page shows. Someone who may not see the conversation
    /// is told it does not exist; the reads of anyone but the person are audited.
    pub async fn conversation_page(&self, actor: &Actor, id: &ConversationId) -> Result<ConversationPageData> {
        let (view, relations) = self.read_view(actor, id).await?;
        let person = &view.conversation.person_id;
        let boundaries_of = (view.side == Side::Manager).then_some(person);
        let mut documents = self.readable_documents(actor, &relations, Some(id), boundaries_of).await?;
        let boundaries_key = Slot::Boundaries.key(None, person);
        let boundaries = documents.iter().position(|d| d.key == boundaries_key).map(|at| documents.remove(at));
        let reviews_goals = view.step().is_some_and(|step| step.exercises.contains(&Exercise::GoalReview));
        let goals = if reviews_goals {
            let items = self.readable_artefacts(actor, &relations, person, Some(Kind::Goal)).await?;
            let history = self.history_of(person, Kind::Goal, &items).await?;
            Some((items, history))
        } else {
            None
        };
        let mut reads = Reads::default();
        reads.add(actor, person, "conversation", &[id]);
        let document_ids: Vec<_> = documents.iter().chain(&boundaries).map(|d| &d.id).collect();
        reads.add(actor, person, "document", &document_ids);
        if let Some((items, _)) = &goals {
            let goal_ids: Vec<_> = items.iter().map(|a| &a.id).collect();
            reads.add(actor, person, Kind::Goal.key(), &goal_ids);
        }
        self.record_reads(reads).await?;
        Ok(ConversationPageData { view, documents, boundaries, goals })
    }
}
