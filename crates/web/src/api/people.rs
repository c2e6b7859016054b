//! `/api/v1/people`: list, read, add, change, deactivate people and change their manager.
//! Reading needs any valid token; changing needs a token of someone on the people team.

use super::json::ApiJson;
use super::query::QueryParams;
use super::views::{ManagerBody, ManagerChangeView, NewPersonBody, PeoplePageView, PersonPatchBody, PersonView};
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use trellis_core::ids::PersonId;
use trellis_core::person::{PersonDraft, PersonInput};
use trellis_core::policy::may_view_manager_history;
use trellis_core::Error;
use trellis_store::PeopleFilter;
use utoipa::IntoParams;

type ApiResult<T> = Result<T, ApiError>;

/// The person in the path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct PersonIdParam {
    /// The person's id.
    id: String,
}

/// Filters and paging of the people list (read by `QueryParams`, documented here).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PeopleQuery {
    /// Part of a name or e-mail, any case.
    q: Option<String>,
    department: Option<String>,
    /// Only the direct reports of this person (their id).
    manager_id: Option<String>,
    /// `true`, `false`, or leave out for everyone.
    active: Option<bool>,
    /// 1-based; default 1.
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
    /// 1–500; default 100.
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u32>,
}

/// Lists people, by name, one page at a time.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PeopleQuery), security(("bearer" = [])),
    responses((status = 200, body = PeoplePageView)))]
pub async fn list_people(
    State(state): State<AppState>,
    _caller: ApiCaller,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<PeoplePageView>> {
    let filter = people_filter(&QueryParams::parse(raw.as_deref())).map_err(ApiError::bad_query)?;
    Ok(Json(state.store().list_people(&filter).await?.into()))
}

/// The manager a body names: 422 when it is not an id, 404 when nobody has it.
async fn existing_manager(state: &AppState, manager_id: Option<&str>) -> ApiResult<Option<PersonId>> {
    let Some(raw) = manager_id else { return Ok(None) };
    let id = PersonId::parse(raw).map_err(|_| Error::invalid("manager_id", "is not a person id"))?;
    match state.store().person(&id).await {
        Ok(_) => Ok(Some(id)),
        Err(Error::NotFound(_)) => Err(Error::NotFound("There is no manager with that id.".into()).into()),
        Err(other) => Err(other.into()),
    }
}

fn people_filter(query: &QueryParams) -> Result<PeopleFilter, Error> {
    let manager_id = query
        .given("manager_id")
        .map(|id| PersonId::parse(&id).map_err(|_| Error::invalid("manager_id", "is not a person id")))
        .transpose()?;
    Ok(PeopleFilter {
        query: query.text("q"),
        department: query.text("department"),
        manager_id,
        active: query.flag("active")?,
        page: query.number("page", 1, 1_000_000)?.unwrap_or(1),
        per_page: query.number("per_page", 1, 500)?.unwrap_or(100),
    })
}

/// One person.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", params(PersonIdParam), security(("bearer" = [])),
    responses((status = 200, body = PersonView)))]
pub async fn get_person(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(state.store().person(&PersonId::parse(&id)?).await?.into()))
}

/// Adds a person (people team only).
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = NewPersonBody, security(("bearer" = [])),
    responses((status = 201, body = PersonView), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, description = "The manager named does not exist.", body = crate::error::ApiErrorBody),
        (status = 409, description = "The e-mail or employee id is someone else's.", body = crate::error::ApiErrorBody)))]
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
        start_date: exact_date(body.start_date)?.unwrap_or_default(),
    };
    let draft = PersonDraft::parse(&input)?;
    let manager = existing_manager(&state, body.manager_id.as_deref()).await?;
    let person = state
        .store()
        .create_person(Some(&caller.id), &draft, manager.as_ref(), "api")
        .await
        .map_err(ApiError::refused_by_roster)?;
    Ok((StatusCode::CREATED, Json(person.into())))
}

/// Changes a person's details (people team only).
#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "people", params(PersonIdParam), request_body = PersonPatchBody, security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "The e-mail or employee id is someone else's.", body = crate::error::ApiErrorBody)))]
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
        start_date: exact_date(patch.start_date)?.or(current.start_date).unwrap_or_default(),
    };
    let draft = PersonDraft::parse(&input)?;
    Ok(Json(store.update_person(&id, &draft).await.map_err(ApiError::refused_by_roster)?.into()))
}

/// A start date as the API documents it: `YYYY-MM-DD` and nothing after (a roster file may
/// carry a time after the date; the API's clients write the date alone), or empty.
fn exact_date(value: Option<String>) -> Result<Option<String>, Error> {
    match value {
        Some(raw) if !raw.trim().is_empty() && raw.trim().parse::<jiff::civil::Date>().is_err() => {
            Err(Error::invalid("start_date", "must be a date written YYYY-MM-DD"))
        }
        other => Ok(other),
    }
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
#[utoipa::path(post, path = "/api/v1/people/{id}/deactivate", tag = "people", params(PersonIdParam), security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn deactivate_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    set_active(&state, &caller, &id, false).await
}

/// Reactivates a person (people team only).
#[utoipa::path(post, path = "/api/v1/people/{id}/reactivate", tag = "people", params(PersonIdParam), security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn reactivate_person(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonView>> {
    set_active(&state, &caller, &id, true).await
}

/// Gives a person a new manager, or none (people team only). Refused with 409 if it would make
/// anyone manage themselves.
#[utoipa::path(put, path = "/api/v1/people/{id}/manager", tag = "people", params(PersonIdParam), request_body = ManagerBody, security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "Someone would end up managing themselves.", body = crate::error::ApiErrorBody)))]
pub async fn change_manager(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ManagerBody>,
) -> ApiResult<Json<PersonView>> {
    caller.require_admin()?;
    let id = PersonId::parse(&id)?;
    let manager = existing_manager(&state, body.manager_id.as_deref()).await?;
    let store = state.store();
    store.change_manager(Some(&caller.id), &id, manager.as_ref(), "api").await.map_err(ApiError::refused_by_roster)?;
    Ok(Json(store.person(&id).await?.into()))
}

/// A person's manager changes, newest first: for the person, their managers and the people team.
#[utoipa::path(get, path = "/api/v1/people/{id}/manager-history", tag = "people", params(PersonIdParam), security(("bearer" = [])),
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
