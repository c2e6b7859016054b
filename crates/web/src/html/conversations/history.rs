//! The earlier versions of a conversation's shared notes: what each side wrote before the other
//! saved over it, newest first, so that nothing written together is lost without a trace.

use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::layout::Layout;
use crate::html::{format_time, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use trellis_core::ids::{ConversationId, NoteId};
use trellis_store::Revision;

#[derive(Template)]
#[template(path = "pages/conversations/history.html")]
struct HistoryPage {
    layout: Layout,
    conversation_id: String,
    title: String,
    current: Revision,
    earlier: Vec<Revision>,
}

impl HistoryPage {
    fn at(&self, millis: &i64) -> String {
        format_time(*millis)
    }
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, document)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let store = state.store();
    let view = store.conversation_view(&viewer.actor, &id).await?;
    let (document, earlier) =
        store.document_history(&viewer.actor, &view.conversation, &NoteId::parse(&document)?).await?;
    let current = Revision {
        revision: document.revision,
        written_by: document.updated_by,
        saved_at: document.updated_at,
        body: document.body,
    };
    render(&HistoryPage {
        layout: Layout::for_viewer(&state, &viewer, "Earlier versions of the shared notes").await?,
        conversation_id: id.to_string(),
        title: view.conversation.title,
        current,
        earlier,
    })
    .map(IntoResponse::into_response)
}
