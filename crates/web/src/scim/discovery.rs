//! The discovery endpoints: `ServiceProviderConfig`, `ResourceTypes` and `Schemas`, each
//! also by id. They describe the server, not anyone in it, but still need the token.

use super::auth::Provisioner;
use super::error::{scim_json, ScimResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};
use trellis_core::scim::{discovery, ScimError, LIST_RESPONSE};

fn base(state: &AppState) -> String {
    format!("{}/scim/v2", state.config().public_url)
}

fn listed(resources: Vec<Value>) -> ScimResult {
    let body = json!({
        "schemas": [LIST_RESPONSE], "totalResults": resources.len(), "startIndex": 1,
        "itemsPerPage": resources.len(), "Resources": resources,
    });
    Ok(scim_json(StatusCode::OK, &body))
}

fn one_of(resources: Vec<Value>, id: &str, kind: &str) -> ScimResult {
    match resources.into_iter().find(|r| r["id"].as_str() == Some(id)) {
        Some(resource) => Ok(scim_json(StatusCode::OK, &resource)),
        None => Err(ScimError::status(404, format!("There is no {kind} {id}.")).into()),
    }
}

/// `GET /ServiceProviderConfig`.
pub async fn service_provider_config(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    Ok(scim_json(StatusCode::OK, &discovery::service_provider_config(&base(&state))))
}

/// `GET /ResourceTypes`.
pub async fn resource_types(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    listed(discovery::resource_types(&base(&state)))
}

/// `GET /ResourceTypes/{id}`.
pub async fn resource_type(State(state): State<AppState>, _: Provisioner, Path(id): Path<String>) -> ScimResult {
    one_of(discovery::resource_types(&base(&state)), &id, "resource type")
}

/// `GET /Schemas`.
pub async fn schemas(State(state): State<AppState>, _: Provisioner) -> ScimResult {
    listed(discovery::schemas(&base(&state)))
}

/// `GET /Schemas/{id}`.
pub async fn schema(State(state): State<AppState>, _: Provisioner, Path(id): Path<String>) -> ScimResult {
    one_of(discovery::schemas(&base(&state)), &id, "schema")
}
