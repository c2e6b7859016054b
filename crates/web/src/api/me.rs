//! `/api/v1/me`: the caller themselves — who the token belongs to, and everything in their
//! own space as one JSON document (the same export as the "Download everything" page, under
//! the same rule: only the person themselves).

use super::views::PersonView;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;

/// The person this token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = PersonView)))]
pub async fn me(State(state): State<AppState>, ApiCaller(caller): ApiCaller) -> Result<Json<PersonView>, ApiError> {
    Ok(Json(state.store().person(&caller.id).await?.into()))
}

/// Everything in the caller's own space: profile, plan items with their history, notes,
/// conversations with their documents, journal, and the trail of who read what.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "me", security(("bearer" = [])),
    responses((status = 200, description = "The whole space, as the export page downloads it.", body = serde_json::Value)))]
pub async fn export(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<trellis_store::SpaceExport>, ApiError> {
    Ok(Json(state.store().export_space(&caller, &caller.id).await?))
}
