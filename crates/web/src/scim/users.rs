//! `/scim/v2/Users`: list and search (filter, paging, attribute selection), read, create,
//! replace (PUT), patch and delete, with ETags. PUT keeps what it leaves out (RFC 7644
//! §3.5.1 lets a server treat an omitted attribute as not asserted), so a provider that does
//! not manage managers cannot wipe them; PATCH and DELETE change only what they name.

use super::auth::Provisioner;
use super::body::ScimBody;
use super::error::{scim_json, ScimFailure, ScimResult};
use super::render::{check_if_match, not_modified, select, user_json, Selection};
use crate::api::query::QueryParams;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{ETAG, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use trellis_core::ids::PersonId;
use trellis_core::scim::discovery::MAX_RESULTS;
use trellis_core::scim::user::{get, UserState};
use trellis_core::scim::{filter, patch, ScimError, ENTERPRISE_USER, LIST_RESPONSE};
use trellis_store::ScimRecord;

/// How many Users a page holds when the client does not say.
const DEFAULT_COUNT: usize = 100;

fn users_url(state: &AppState) -> String {
    format!("{}/scim/v2/Users", state.config().public_url)
}

/// A User answered with its `ETag` (and `Location` when it was just made).
fn answer(state: &AppState, status: StatusCode, record: &ScimRecord) -> Response {
    let (user, version) = user_json(record, &users_url(state));
    let mut response = scim_json(status, &user);
    if let Ok(tag) = HeaderValue::from_str(&version) {
        response.headers_mut().insert(ETAG, tag);
    }
    if status == StatusCode::CREATED {
        if let Ok(location) = HeaderValue::from_str(&format!("{}/{}", users_url(state), record.id)) {
            response.headers_mut().insert(LOCATION, location);
        }
    }
    response
}

/// The paging and selection of a query or search.
struct Query {
    filter: Vec<filter::Equality>,
    start_index: usize,
    count: usize,
    selection: Selection,
}

fn whole_number(raw: Option<String>, name: &str) -> Result<Option<i64>, ScimError> {
    raw.map(|raw| raw.parse::<i64>().map_err(|_| ScimError::invalid_value(format!("{name} must be a whole number."))))
        .transpose()
}

impl Query {
    fn new(
        filter: Option<&str>,
        start: Option<i64>,
        count: Option<i64>,
        selection: Selection,
    ) -> Result<Self, ScimError> {
        Ok(Self {
            filter: filter.filter(|f| !f.trim().is_empty()).map(filter::parse).transpose()?.unwrap_or_default(),
            start_index: start.unwrap_or(1).clamp(1, i64::from(u32::MAX)) as usize,
            count: count.unwrap_or(DEFAULT_COUNT as i64).clamp(0, MAX_RESULTS as i64) as usize,
            selection,
        })
    }

    fn from_params(raw: Option<&str>) -> Result<Self, ScimError> {
        let params = QueryParams::parse(raw);
        let selection =
            Selection::parse(params.text("attributes").as_deref(), params.text("excludedAttributes").as_deref())?;
        let start = whole_number(params.text("startIndex"), "startIndex")?;
        let count = whole_number(params.text("count"), "count")?;
        Self::new(params.text("filter").as_deref(), start, count, selection)
    }

    fn from_search(body: &Value) -> Result<Self, ScimError> {
        let body = body.as_object().ok_or_else(|| ScimError::invalid_syntax("The body must be a JSON object."))?;
        let list = |name| match get(body, name) {
            Some(Value::Array(items)) => Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")),
            Some(Value::String(text)) => Some(text.clone()),
            _ => None,
        };
        let selection = Selection::parse(list("attributes").as_deref(), list("excludedAttributes").as_deref())?;
        let number = |name| get(body, name).and_then(Value::as_i64);
        Self::new(get(body, "filter").and_then(Value::as_str), number("startIndex"), number("count"), selection)
    }
}

async fn list(state: &AppState, query: Query) -> ScimResult {
    let page = state.store().scim_users(&query.filter, query.start_index, query.count).await?;
    let url = users_url(state);
    let resources: Vec<Value> = page.records.iter().map(|r| select(user_json(r, &url).0, &query.selection)).collect();
    let body = json!({
        "schemas": [LIST_RESPONSE], "totalResults": page.total, "startIndex": query.start_index,
        "itemsPerPage": resources.len(), "Resources": resources,
    });
    Ok(scim_json(StatusCode::OK, &body))
}

/// `GET /Users`.
pub async fn list_users(State(state): State<AppState>, _: Provisioner, RawQuery(raw): RawQuery) -> ScimResult {
    list(&state, Query::from_params(raw.as_deref())?).await
}

/// `POST /Users/.search`.
pub async fn search_users(State(state): State<AppState>, _: Provisioner, ScimBody(body): ScimBody) -> ScimResult {
    list(&state, Query::from_search(&body)?).await
}

/// `GET /Users/{id}`; 304 when `If-None-Match` has the version.
pub async fn get_user(
    State(state): State<AppState>,
    _: Provisioner,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ScimResult {
    let params = QueryParams::parse(raw.as_deref());
    let selection =
        Selection::parse(params.text("attributes").as_deref(), params.text("excludedAttributes").as_deref())?;
    let record = state.store().scim_user(&id).await?;
    let (user, version) = user_json(&record, &users_url(&state));
    if not_modified(&headers, &version) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, version)]).into_response());
    }
    let mut response = scim_json(StatusCode::OK, &select(user, &selection));
    if let Ok(tag) = HeaderValue::from_str(&version) {
        response.headers_mut().insert(ETAG, tag);
    }
    Ok(response)
}

/// `POST /Users`: 201, or 409 when the user name, e-mail or employee number is someone's.
pub async fn create_user(State(state): State<AppState>, _: Provisioner, ScimBody(body): ScimBody) -> ScimResult {
    let user = UserState::from_json(&body)?;
    let (id, _) = state.store().scim_create(&user).await?;
    Ok(answer(&state, StatusCode::CREATED, &state.store().scim_user(id.as_str()).await?))
}

/// The current User, checked against `If-Match`.
async fn current(state: &AppState, id: &str, headers: &HeaderMap) -> Result<(PersonId, Value), ScimFailure> {
    let record = state.store().scim_user(id).await?;
    let (user, version) = user_json(&record, &users_url(state));
    check_if_match(headers, &version)?;
    Ok((record.id, user))
}

async fn write(state: &AppState, id: &PersonId, desired: &Value) -> ScimResult {
    let user = UserState::from_json(desired)?;
    state.store().scim_replace(id, &user).await?;
    Ok(answer(state, StatusCode::OK, &state.store().scim_user(id.as_str()).await?))
}

/// `PUT /Users/{id}`: the attributes sent replace the stored ones; the others stay.
pub async fn replace_user(
    State(state): State<AppState>,
    _: Provisioner,
    Path(id): Path<String>,
    headers: HeaderMap,
    ScimBody(body): ScimBody,
) -> ScimResult {
    let (id, mut desired) = current(&state, &id, &headers).await?;
    let sent = body.as_object().ok_or_else(|| ScimError::invalid_syntax("The body must be a JSON object."))?;
    if let Some(sent_id) = get(sent, "id").and_then(Value::as_str).filter(|sent_id| *sent_id != id.as_str()) {
        return Err(ScimError::mutability(format!("id cannot be changed (sent {sent_id}).")).into());
    }
    let Some(stored) = desired.as_object_mut() else { return Err(ScimError::status(500, "unreadable User").into()) };
    for (key, value) in sent {
        match (key.eq_ignore_ascii_case(ENTERPRISE_USER), value, stored.get_mut(ENTERPRISE_USER)) {
            (true, Value::Object(inner), Some(Value::Object(extension))) => {
                inner.iter().for_each(|(key, value)| put_ignoring_case(extension, key, value));
            }
            _ if ["id", "meta"].iter().any(|k| k.eq_ignore_ascii_case(key)) => {}
            _ => put_ignoring_case(stored, key, value),
        }
    }
    write(&state, &id, &desired).await
}

/// Sets `key`, replacing the attribute under any spelling of its name.
fn put_ignoring_case(object: &mut serde_json::Map<String, Value>, key: &str, value: &Value) {
    object.retain(|existing, _| !existing.eq_ignore_ascii_case(key));
    object.insert(key.to_string(), value.clone());
}

/// `PATCH /Users/{id}`: every operation applies, or none.
pub async fn patch_user(
    State(state): State<AppState>,
    _: Provisioner,
    Path(id): Path<String>,
    headers: HeaderMap,
    ScimBody(body): ScimBody,
) -> ScimResult {
    let (id, stored) = current(&state, &id, &headers).await?;
    write(&state, &id, &patch::apply(&stored, &body)?).await
}

/// `DELETE /Users/{id}`: 204; the person is deactivated and no longer listed.
pub async fn delete_user(
    State(state): State<AppState>,
    _: Provisioner,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ScimResult {
    let (id, _) = current(&state, &id, &headers).await?;
    state.store().scim_remove(&id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
