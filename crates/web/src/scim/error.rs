//! Answers in SCIM's format (RFC 7644 §3.12): `application/scim+json`, and every refusal an
//! Error message with the status, the `scimType` where there is one and a sentence.

use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use trellis_core::scim::{ScimError, ERROR};
use trellis_core::Error;

/// SCIM's media type.
pub const SCIM_JSON: &str = "application/scim+json";

/// A SCIM resource or message, with its status.
pub fn scim_json(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
    response
}

/// A refusal, as SCIM answers it.
pub struct ScimFailure(pub ScimError);

impl From<ScimError> for ScimFailure {
    fn from(error: ScimError) -> Self {
        Self(error)
    }
}

impl From<Error> for ScimFailure {
    fn from(error: Error) -> Self {
        Self(match error {
            Error::NotFound(message) => ScimError::status(404, message),
            Error::Conflict(message) => ScimError::uniqueness(message),
            Error::Invalid(fields) => ScimError::invalid_value(
                fields
                    .iter()
                    .map(|f| format!("{} {}.", attribute_of(&f.field), f.message))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Error::Unauthorized => ScimError::status(401, "Send a provisioning token: Authorization: Bearer <token>."),
            Error::Forbidden(message) => ScimError::status(403, message),
            Error::RateLimited(message) => ScimError::status(429, message),
            Error::Internal(cause) => {
                tracing::error!(error = %cause, "provisioning request failed");
                ScimError::status(500, "Something went wrong on the server; nothing was changed.")
            }
        })
    }
}

/// The attribute a roster field is known by in SCIM.
fn attribute_of(field: &str) -> &str {
    match field {
        "name" => "displayName",
        "email" => "emails.value",
        "employee_id" => "employeeNumber",
        "manager_id" => "manager",
        other => other,
    }
}

impl IntoResponse for ScimFailure {
    fn into_response(self) -> Response {
        let ScimError { status, scim_type, detail } = self.0;
        let mut body = json!({"schemas": [ERROR], "status": status.to_string(), "detail": detail});
        if let Some(scim_type) = scim_type {
            body["scimType"] = json!(scim_type);
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = scim_json(status, &body);
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static(crate::error::BEARER_CHALLENGE));
        }
        response
    }
}

/// What a handler returns.
pub type ScimResult = Result<Response, ScimFailure>;
