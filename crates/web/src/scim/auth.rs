//! The caller of a SCIM request: an identity provider holding a provisioning token. A
//! person's API token is refused here, and provisioning tokens are refused everywhere else.

use super::error::ScimFailure;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use trellis_core::Error;

/// Proof that the request carries a valid provisioning token.
pub struct Provisioner;

impl FromRequestParts<AppState> for Provisioner {
    type Rejection = ScimFailure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let secret = header.strip_prefix("Bearer ").map(str::trim).unwrap_or_default();
        if !secret.is_empty() && state.store().scim_token_is_valid(secret).await? {
            Ok(Provisioner)
        } else {
            Err(Error::Unauthorized.into())
        }
    }
}
