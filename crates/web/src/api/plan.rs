//! Every kind of a person's plan over the API, the journal included: list, add, change,
//! move to another status, remove. The same store calls as the plan pages, so the kind's
//! fields, limits and statuses, the author-only rule and the audit of every read are theirs.

use super::json::ApiJson;
use super::query::QueryParams;
use super::views::rfc3339;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use trellis_core::artefact::Kind;
use trellis_core::ids::{ArtefactId, PersonId};
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::{Artefact, NewArtefact, StatusChange};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, ApiError>;

/// One item of a plan (or a journal entry).
#[derive(Serialize, ToSchema)]
pub struct PlanItemView {
    pub id: String,
    pub person_id: String,
    /// journal, life-story, values, same-work, careers, dreams, competencies, grow, actions,
    /// weekly-skill, goals or mentors.
    pub kind: String,
    /// The item it hangs under (a plan under a dream, an action under a plan).
    pub parent_id: Option<String>,
    pub status: String,
    /// private, shared, upward or reports.
    pub visibility: String,
    /// The kind's fields by name, as the plan page shows them.
    pub fields: BTreeMap<String, String>,
    /// Send it back when changing the item.
    pub revision: i64,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    pub writable: bool,
}

impl From<&Artefact> for PlanItemView {
    fn from(a: &Artefact) -> Self {
        Self {
            id: a.id.to_string(),
            person_id: a.person_id.to_string(),
            kind: a.kind.key().to_string(),
            parent_id: a.parent_id.as_ref().map(ToString::to_string),
            status: a.status.clone(),
            visibility: a.visibility.as_str().to_string(),
            fields: a.fields.clone(),
            revision: a.revision,
            created_at: rfc3339(a.created_at),
            updated_at: rfc3339(a.updated_at),
            writable: a.writable,
        }
    }
}

/// A new item.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlanItemBody {
    pub fields: BTreeMap<String, String>,
    /// private (the default), shared, upward, or reports (life story and values only).
    #[serde(default)]
    #[schema(value_type = Option<super::content_params::VisibilityParam>)]
    pub visibility: Option<String>,
    #[serde(default)]
    pub parent_id: Option<String>,
}

/// An item's new fields and visibility.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItemChangeBody {
    pub fields: BTreeMap<String, String>,
    #[schema(value_type = super::content_params::VisibilityParam)]
    pub visibility: String,
    /// The revision the change was made from.
    pub revision: i64,
}

/// A new status, with an optional note for the item's history.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    pub status: String,
    #[serde(default)]
    pub note: String,
}

/// Which kind to list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PlanQuery {
    /// One kind (e.g. goals); every kind when left out.
    #[param(value_type = Option<super::content_params::PlanKindParam>)]
    kind: Option<String>,
}

/// A person and a kind of item.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct PersonKindParams {
    /// The person's id.
    id: String,
    /// journal, life-story, values, same-work, careers, dreams, competencies, grow, actions,
    /// weekly-skill, goals or mentors.
    #[param(value_type = super::content_params::PlanKindParam)]
    kind: String,
}

/// An item of a plan.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct ItemParam {
    /// The item's id.
    item: String,
}

fn kind_of(raw: &str) -> Result<Kind, Error> {
    Kind::parse(raw).ok_or_else(|| Error::NotFound(format!("There is no kind of plan item called {raw}.")))
}

fn visibility_of(raw: &str) -> Result<Visibility, Error> {
    Visibility::parse(raw).ok_or_else(|| Error::invalid("visibility", "is private, shared, upward or reports"))
}

/// The items of a person's plan the caller may read (recorded in the person's trail when the
/// caller is not the person).
#[utoipa::path(get, operation_id = "list_plan", path = "/api/v1/people/{id}/plan", tag = "plan", params(super::people::PersonIdParam, PlanQuery),
    security(("bearer" = [])), responses((status = 200, body = [PlanItemView])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<PlanItemView>>> {
    let kind = QueryParams::parse(raw.as_deref())
        .given("kind")
        .map(|k| Kind::parse(&k).ok_or_else(|| Error::invalid("kind", "is not a kind of plan item")))
        .transpose()
        .map_err(ApiError::bad_query)?;
    let items = state.store().artefacts(&caller, &PersonId::parse(&id)?, kind).await?;
    Ok(Json(items.iter().map(Into::into).collect()))
}

/// Adds an item to the caller's own plan.
#[utoipa::path(post, operation_id = "add_plan_item", path = "/api/v1/people/{id}/plan/{kind}", tag = "plan", params(PersonKindParams),
    request_body = NewPlanItemBody, security(("bearer" = [])),
    responses((status = 201, body = PlanItemView), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((id, kind)): Path<(String, String)>,
    ApiJson(body): ApiJson<NewPlanItemBody>,
) -> ApiResult<(StatusCode, Json<PlanItemView>)> {
    let person = PersonId::parse(&id)?;
    let new = NewArtefact {
        kind: kind_of(&kind)?,
        fields: body.fields,
        visibility: body.visibility.as_deref().map(visibility_of).transpose()?.unwrap_or_default(),
        parent: body
            .parent_id
            .as_deref()
            .map(|p| ArtefactId::parse(p).map_err(|_| Error::invalid("parent_id", "is not an item id")))
            .transpose()?,
    };
    let added = state.store().add_artefact(&caller, &person, &new).await?;
    Ok((StatusCode::CREATED, Json((&added).into())))
}

/// Changes an item's fields and visibility (409 if it changed since that revision).
#[utoipa::path(patch, operation_id = "change_plan_item", path = "/api/v1/plan/{item}", tag = "plan", params(ItemParam), request_body = PlanItemChangeBody,
    security(("bearer" = [])), responses((status = 200, body = PlanItemView), (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "Changed since that revision.", body = crate::error::ApiErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(item): Path<String>,
    ApiJson(body): ApiJson<PlanItemChangeBody>,
) -> ApiResult<Json<PlanItemView>> {
    let id = ArtefactId::parse(&item)?;
    let visibility = visibility_of(&body.visibility)?;
    let changed = state.store().update_artefact(&caller, &id, &body.fields, visibility, body.revision).await?;
    Ok(Json((&changed).into()))
}

/// Moves an item to another of its statuses (a goal achieved, a dream crossed out).
#[utoipa::path(put, operation_id = "set_plan_item_status", path = "/api/v1/plan/{item}/status", tag = "plan", params(ItemParam), request_body = StatusBody,
    security(("bearer" = [])), responses((status = 200, body = PlanItemView), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(item): Path<String>,
    ApiJson(body): ApiJson<StatusBody>,
) -> ApiResult<Json<PlanItemView>> {
    let change = StatusChange { status: &body.status, note: &body.note, conversation: None };
    Ok(Json((&state.store().change_status(&caller, &ArtefactId::parse(&item)?, &change).await?).into()))
}

/// Removes an item and what hangs under it.
#[utoipa::path(delete, operation_id = "remove_plan_item", path = "/api/v1/plan/{item}", tag = "plan", params(ItemParam), security(("bearer" = [])),
    responses((status = 204, description = "Removed.")))]
pub async fn remove(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(item): Path<String>,
) -> ApiResult<StatusCode> {
    state.store().delete_artefact(&caller, &ArtefactId::parse(&item)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
