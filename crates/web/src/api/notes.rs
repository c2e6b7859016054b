//! Notes in a person's space over the API: the person's own, and those their manager writes
//! there (private to the manager, or shared with the person). The same store calls as the
//! space page, so who may write which visibility, and who reads what, is the policy's.

use super::json::ApiJson;
use super::views::rfc3339;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use trellis_core::ids::{NoteId, PersonId};
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::Note;
use utoipa::ToSchema;

/// A note as its reader may see it.
#[derive(Serialize, ToSchema)]
pub struct NoteView {
    pub id: String,
    pub author: String,
    /// private, shared or upward.
    pub visibility: String,
    pub body: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    pub deletable: bool,
}

impl From<&Note> for NoteView {
    fn from(n: &Note) -> Self {
        Self {
            id: n.id.to_string(),
            author: n.author_name.clone(),
            visibility: n.visibility.as_str().to_string(),
            body: n.body.clone(),
            created_at: rfc3339(n.created_at),
            deletable: n.deletable,
        }
    }
}

/// A new note.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNoteBody {
    pub body: String,
    /// private (the default), shared or upward; a manager writes private or shared.
    #[serde(default)]
    #[schema(value_type = Option<super::content_params::VisibilityParam>)]
    pub visibility: Option<String>,
}

/// The notes of a person's space the caller may read, newest first.
#[utoipa::path(get, operation_id = "list_notes", path = "/api/v1/people/{id}/notes", tag = "plan", params(super::people::PersonIdParam),
    security(("bearer" = [])), responses((status = 200, body = [NoteView])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Vec<NoteView>>, ApiError> {
    let notes = state.store().notes_for(&caller, &PersonId::parse(&id)?).await?;
    Ok(Json(notes.iter().map(Into::into).collect()))
}

/// Writes a note in a person's space: the person, or their manager.
#[utoipa::path(post, operation_id = "add_note", path = "/api/v1/people/{id}/notes", tag = "plan", params(super::people::PersonIdParam),
    request_body = NewNoteBody, security(("bearer" = [])),
    responses((status = 201, body = NoteView), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewNoteBody>,
) -> Result<(StatusCode, Json<NoteView>), ApiError> {
    let visibility = match body.visibility.as_deref() {
        Some(raw) => {
            Visibility::parse(raw).ok_or_else(|| Error::invalid("visibility", "is private, shared or upward"))?
        }
        None => Visibility::Private,
    };
    let note = state.store().add_note(&caller, &PersonId::parse(&id)?, visibility, &body.body).await?;
    Ok((StatusCode::CREATED, Json((&note).into())))
}

/// The note in the path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct NoteIdParam {
    /// The note's id.
    note: String,
}

/// Deletes a note the caller wrote.
#[utoipa::path(delete, operation_id = "delete_note", path = "/api/v1/notes/{note}", tag = "plan", params(NoteIdParam),
    security(("bearer" = [])), responses((status = 204, description = "Deleted.")))]
pub async fn delete(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(note): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.store().delete_note(&caller, &NoteId::parse(&note)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
