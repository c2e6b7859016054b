//! `/api/v1/people`: list, read, add, change, deactivate people and change their manager.
//! Reading needs any valid token; changing needs a token of someone on the people team.

use super::json::ApiJson;
use super::views::{ManagerBody, ManagerChangeView, NewPersonBody, PeoplePageView, PersonPatchBody, PersonView};
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use trellis_core::ids::PersonId;
use trellis_core::person::{PersonDraft, PersonInput};
use trellis_core::policy::may_view_manager_history;
use trellis_core::Error;
use trellis_store::PeopleFilter;
use utoipa::IntoParams;

type ApiResult<T> = Result<T, ApiError>;

/// Filters and paging of the people list.
#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of a name or e-mail, any case.
    q: Option<String>,
    department: Option<String>,
    /// Only the direct reports of this person.
    manager_id: Option<String>,
    /// `true`, `false`, or leave out for everyone.
    active: Option<bool>,
    /// 1-based; default 1.
    page: Option<u32>,
    /// 1–500; default 100.
    per_page: Option<u32>,
}

/// Lists people, by name, one page at a time.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PeopleQuery), security(("bearer" = [])),
    responses((status = 200, body = PeoplePageView), (status = 401, body = crate::error::ApiErrorBody)))]
pub async fn list_people(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Query(query): Query<PeopleQuery>,
) -> ApiResult<Json<PeoplePageView>> {
    let manager_id = query.manager_id.as_deref().map(PersonId::parse).transpose()?;
    let filter = PeopleFilter {
        query: query.q,
        department: query.department,
        manager_id,
        active: query.active,
        page: query.page.unwrap_or(1),
        per_page: query.per_page.unwrap_or(100),
    };
    Ok(Json(state.store().list_people(&filter).await?.into()))
}

/// One person.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::ApiErrorBody)))]
pub async fn get_person(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(state.store().person(&PersonId::parse(&id)?).await?.into()))
}

/// Adds a person (people team only).
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = NewPersonBody, security(("bearer" = [])),
    responses((status = 201, body = PersonView), (status = 403, body = crate::error::ApiErrorBody), (status = 422, body = crate::error::ApiErrorBody)))]
pub async fn create_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(body): ApiJson<NewPersonBody>,
) -> ApiResult<(StatusCode, Json<PersonView>)> {
    caller.require_admin()?;
    let input = PersonInput {
        name: body.name,
        email: body.email.unwrap_or_default(),
        employee_id: body.employee_id.unwrap_or_default(),
        title: body.title.unwrap_or_default(),
        department: body.department.unwrap_or_default(),
        start_date: body.start_date.unwrap_or_default(),
    };
    let draft = PersonDraft::parse(&input)?;
    let manager = body
        .manager_id
        .as_deref()
        .map(|m| PersonId::parse(m).map_err(|_| Error::invalid("manager_id", "is not a person id")))
        .transpose()?;
    let person = state.store().create_person(Some(&caller.id), &draft, manager.as_ref(), "api").await?;
    Ok((StatusCode::CREATED, Json(person.into())))
}

/// Changes a person's details (people team only).
#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "people", request_body = PersonPatchBody, security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::ApiErrorBody), (status = 422, body = crate::error::ApiErrorBody)))]
pub async fn update_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<PersonPatchBody>,
) -> ApiResult<Json<PersonView>> {
    caller.require_admin()?;
    let id = PersonId::parse(&id)?;
    let store = state.store();
    let current = store.person(&id).await?;
    let input = PersonInput {
        name: patch.name.unwrap_or(current.name),
        email: patch.email.or(current.email).unwrap_or_default(),
        employee_id: patch.employee_id.or(current.employee_id).unwrap_or_default(),
        title: patch.title.unwrap_or(current.title),
        department: patch.department.unwrap_or(current.department),
        start_date: patch.start_date.or(current.start_date).unwrap_or_default(),
    };
    Ok(Json(store.update_person(&id, &PersonDraft::parse(&input)?).await?.into()))
}

async fn set_active(
    state: &AppState,
    caller: &trellis_store::Actor,
    id: &str,
    active: bool,
) -> ApiResult<Json<PersonView>> {
    caller.require_admin()?;
    Ok(Json(state.store().set_person_active(Some(&caller.id), &PersonId::parse(id)?, active).await?.into()))
}

/// Deactivates a person: they can no longer sign in, and leave the org chart (people team only).
#[utoipa::path(post, path = "/api/v1/people/{id}/deactivate", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::ApiErrorBody)))]
pub async fn deactivate_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    set_active(&state, &caller, &id, false).await
}

/// Reactivates a person (people team only).
#[utoipa::path(post, path = "/api/v1/people/{id}/reactivate", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::ApiErrorBody)))]
pub async fn reactivate_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    set_active(&state, &caller, &id, true).await
}

/// Gives a person a new manager, or none (people team only). Refused with 422 if it would make
/// anyone manage themselves.
#[utoipa::path(put, path = "/api/v1/people/{id}/manager", tag = "people", request_body = ManagerBody, security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 422, body = crate::error::ApiErrorBody)))]
pub async fn change_manager(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ManagerBody>,
) -> ApiResult<Json<PersonView>> {
    caller.require_admin()?;
    let id = PersonId::parse(&id)?;
    let manager = body
        .manager_id
        .as_deref()
        .map(|m| PersonId::parse(m).map_err(|_| Error::invalid("manager_id", "is not a person id")))
        .transpose()?;
    let store = state.store();
    store.change_manager(Some(&caller.id), &id, manager.as_ref(), "api").await?;
    Ok(Json(store.person(&id).await?.into()))
}

/// A person's manager changes, newest first: for the person, their managers and the people team.
#[utoipa::path(get, path = "/api/v1/people/{id}/manager-history", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = [ManagerChangeView]), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn manager_history(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ManagerChangeView>>> {
    let id = PersonId::parse(&id)?;
    let store = state.store();
    if !may_view_manager_history(&store.relations(&caller, &id).await?) {
        return Err(Error::Forbidden("Only the person, their managers and the people team see this.".into()).into());
    }
    Ok(Json(store.manager_history(&id).await?.into_iter().map(Into::into).collect()))
}
