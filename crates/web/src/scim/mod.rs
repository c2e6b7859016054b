//! SCIM 2.0 provisioning under `/scim/v2`, for an organisation's identity provider (Okta,
//! Microsoft Entra and others) holding a provisioning token: Users with the enterprise
//! extension, and the discovery endpoints. The rules are `trellis_core::scim`; the writes go
//! through the roster's own steps in the store.

mod auth;
mod body;
mod discovery;
mod error;
mod render;
mod users;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use error::{ScimFailure, ScimResult};
use trellis_core::scim::ScimError;

async fn not_found() -> ScimResult {
    Err(ScimFailure(ScimError::status(404, "There is no SCIM endpoint at this address; Users are at /scim/v2/Users.")))
}

async fn method_not_allowed() -> ScimResult {
    Err(ScimFailure(ScimError::status(405, "This endpoint does not take that method.")))
}

async fn search_everything() -> ScimResult {
    Err(ScimFailure(ScimError::status(501, "Search Users at /scim/v2/Users/.search; there is only one resource type.")))
}

/// The provisioning routes, relative to `/scim/v2`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ServiceProviderConfig", get(discovery::service_provider_config))
        .route("/ResourceTypes", get(discovery::resource_types))
        .route("/ResourceTypes/{id}", get(discovery::resource_type))
        .route("/Schemas", get(discovery::schemas))
        .route("/Schemas/{id}", get(discovery::schema))
        .route("/Users", get(users::list_users).post(users::create_user))
        .route("/Users/.search", post(users::search_users))
        .route(
            "/Users/{id}",
            get(users::get_user).put(users::replace_user).patch(users::patch_user).delete(users::delete_user),
        )
        .route("/.search", post(search_everything))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body::MAX_BODY_BYTES))
}
