//! The caller of a JSON API request, identified by a bearer token.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use trellis_core::Error;
use trellis_store::Actor;

/// The person whose API token made the request.
#[derive(Clone, Debug)]
pub struct ApiCaller(pub Actor);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let Some(secret) = header.strip_prefix("Bearer ").map(str::trim) else {
            return Err(ApiError::from(Error::Unauthorized));
        };
        match state.store().person_for_token(secret).await? {
            Some(person) => Ok(ApiCaller(Actor::from(&person))),
            None => Err(ApiError::from(Error::Unauthorized)),
        }
    }
}
