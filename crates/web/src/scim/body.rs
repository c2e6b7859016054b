//! A SCIM request body: JSON (sent as `application/scim+json` or `application/json`), at most
//! `MAX_BODY_BYTES`, refused in SCIM's format when it is anything else.

use super::error::ScimFailure;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde_json::Value;
use trellis_core::scim::ScimError;

/// The largest body a provisioning request may have.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The JSON of a request body.
pub struct ScimBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for ScimBody {
    type Rejection = ScimFailure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        if let Some(kind) = content_type {
            let kind = kind.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            if kind != super::error::SCIM_JSON && kind != "application/json" {
                return Err(ScimError::status(415, "Send the body as application/scim+json.").into());
            }
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ScimError::status(413, format!("The body is larger than {} KB.", MAX_BODY_BYTES / 1024)))?;
        let value =
            serde_json::from_slice(&bytes).map_err(|_| ScimError::invalid_syntax("The body is not valid JSON."))?;
        Ok(Self(value))
    }
}
