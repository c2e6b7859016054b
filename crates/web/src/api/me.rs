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

/// One visit to the caller's space by someone: who, what, when.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AuditEventView {
    #[schema(format = DateTime)]
    pub at: String,
    pub by: String,
    /// Whether it was the person's own account.
    pub by_the_person: bool,
    /// read, write, delete, made_link, set_password or sign_in.
    pub action: String,
    /// The kind of item, e.g. note or goals.
    pub item_kind: String,
    pub item_id: Option<String>,
    pub times: i64,
}

/// Which page of the trail.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AuditQuery {
    /// 1-based; 100 visits a page, newest first.
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
}

/// Who read or changed what in the caller's space, newest first.
#[utoipa::path(get, operation_id = "audit_trail", path = "/api/v1/me/audit", tag = "me", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = [AuditEventView])))]
pub async fn audit(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Json<Vec<AuditEventView>>, ApiError> {
    let query = super::query::QueryParams::parse(raw.as_deref());
    let page = query.number("page", 1, 1_000_000).map_err(ApiError::bad_query)?.unwrap_or(1);
    let events = state.store().audit_trail(&caller, &caller.id, page).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|e| AuditEventView {
                at: super::views::rfc3339(e.at_millis),
                by: e.actor_name,
                by_the_person: e.by_the_person,
                action: e.action,
                item_kind: e.item_kind,
                item_id: e.item_id,
                times: e.times,
            })
            .collect(),
    ))
}

/// Items that people in the caller's organisation shared upward, grouped where they overlap.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SharedOverlapView {
    /// goal, focus competency or dream.
    pub kind: String,
    pub theme: String,
    pub items: Vec<SharedItemView>,
}

/// One item shared upward.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SharedItemView {
    pub person: String,
    pub text: String,
}

/// What the caller's organisation shared upward with them (open goals, focus competencies,
/// active dreams), as the team page shows it; each item read is recorded in its person's trail.
#[utoipa::path(get, operation_id = "shared_with_me", path = "/api/v1/me/shared-with-me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = [SharedOverlapView])))]
pub async fn shared_with_me(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<SharedOverlapView>>, ApiError> {
    let (overlaps, _) = state.store().shared_upward(&caller).await?;
    Ok(Json(
        overlaps
            .into_iter()
            .map(|o| SharedOverlapView {
                kind: o.kind.label().to_lowercase(),
                theme: o.theme,
                items: o.items.into_iter().map(|i| SharedItemView { person: i.person, text: i.text }).collect(),
            })
            .collect(),
    ))
}
