//! A conversation's documents over the API: writing shared notes, private notes and prep
//! answers (each save names the revision it was written from; a newer save by the other side
//! is answered 409 with its revision and nothing is lost), and reading the earlier versions.

use super::conversation_views::{DocumentBody, DocumentHistoryView, DocumentView};
use super::json::ApiJson;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use trellis_core::conversation::document::Slot;
use trellis_core::ids::{ConversationId, NoteId};
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::{DocumentSave, SaveOutcome};

/// A conversation and one of its documents.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct DocumentSlotParams {
    /// The conversation's id.
    id: String,
    /// shared, private, or prep:GROUP.PROMPT (a prompt of the playbook step, e.g. prep:0.1).
    slot: String,
}

/// Writes a document of the conversation.
#[utoipa::path(put, operation_id = "save_document", path = "/api/v1/conversations/{id}/documents/{slot}", tag = "conversations", params(DocumentSlotParams),
    request_body = DocumentBody, security(("bearer" = [])),
    responses((status = 200, description = "Saved; the new revision.", body = DocumentView),
        (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "Someone saved a newer revision: read it, then save again from it.", body = crate::error::ApiErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((id, slot)): Path<(String, String)>,
    ApiJson(body): ApiJson<DocumentBody>,
) -> Result<Json<DocumentView>, ApiError> {
    let id = ConversationId::parse(&id)?;
    let slot = Slot::from_form_name(&slot)
        .filter(|s| *s != Slot::Boundaries)
        .ok_or_else(|| Error::NotFound("A conversation has shared, private and prep:GROUP.PROMPT documents.".into()))?;
    let store = state.store();
    let conversation = store.conversation_view(&caller, &id).await?.conversation;
    let request = DocumentSave {
        person: &conversation.person_id,
        conversation: Some(&conversation),
        slot,
        visibility: if body.shared { Visibility::Shared } else { Visibility::Private },
        body: &body.body,
        base_revision: body.revision,
    };
    match store.save_document(&caller, &request).await? {
        SaveOutcome::Saved(saved) => Ok(Json((&saved).into())),
        SaveOutcome::Stale { theirs } => Err(Error::Conflict(format!(
            "{} saved revision {} meanwhile; nothing was written. Read it and save again from it.",
            theirs.updated_by, theirs.revision
        ))
        .into()),
    }
}

/// A conversation and a document of it, by id.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct DocumentIdParams {
    /// The conversation's id.
    id: String,
    /// The document's id.
    document: String,
}

/// A document with its earlier versions, newest first.
#[utoipa::path(get, operation_id = "document_history", path = "/api/v1/conversations/{id}/documents/{document}/history", tag = "conversations",
    params(DocumentIdParams), security(("bearer" = [])), responses((status = 200, body = DocumentHistoryView)))]
pub async fn history(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((id, document)): Path<(String, String)>,
) -> Result<Json<DocumentHistoryView>, ApiError> {
    let store = state.store();
    let view = store.conversation_view(&caller, &ConversationId::parse(&id)?).await?;
    let (current, earlier) = store.document_history(&caller, &view.conversation, &NoteId::parse(&document)?).await?;
    Ok(Json(DocumentHistoryView { document: (&current).into(), earlier: earlier.iter().map(Into::into).collect() }))
}
