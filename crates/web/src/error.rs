//! Turns errors into responses, once for HTML and once for JSON. Domain errors keep their
//! precise message and status; internal errors are logged with their cause chain and shown as
//! a generic message, never with internal detail.

use crate::html::layout::Layout;
use askama::Template;
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use trellis_core::{Error, FieldError};

/// The HTTP status for each kind of error.
pub fn status_of(error: &Error) -> StatusCode {
    match error {
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Unauthorized => StatusCode::UNAUTHORIZED,
        Error::Forbidden(_) => StatusCode::FORBIDDEN,
        Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
        Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The message a user may see.
pub fn public_message(error: &Error) -> String {
    match error {
        Error::Internal(cause) => {
            let mut chain = cause.to_string();
            let mut source = cause.source();
            while let Some(next) = source {
                chain.push_str(": ");
                chain.push_str(&next.to_string());
                source = next.source();
            }
            tracing::error!(cause = %chain, "internal error");
            "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.".into()
        }
        other => other.to_string(),
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorPage {
    layout: Layout,
    heading: &'static str,
    message: String,
}

/// Renders the error page with a status.
pub fn error_page(status: StatusCode, message: String) -> Response {
    let heading = match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::UNAUTHORIZED => "Please sign in",
        StatusCode::PAYLOAD_TOO_LARGE => "Too large",
        StatusCode::TOO_MANY_REQUESTS => "Please wait",
        s if s.is_server_error() => "Something went wrong",
        _ => "That did not work",
    };
    let page = ErrorPage { layout: Layout::for_error(heading), heading, message };
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(_) => (status, heading).into_response(),
    }
}

/// An error answered as an HTML page.
#[derive(Debug)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(error: Error) -> Self {
        Self(error)
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        Self(Error::internal(error))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let message = match &self.0 {
            // Field problems read as the forms name their fields.
            Error::Invalid(errors) => errors.iter().map(crate::html::forms::sentence).collect::<Vec<_>>().join(" "),
            other => public_message(other),
        };
        error_page(status_of(&self.0), message)
    }
}

/// The JSON body of every API error.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// A stable code: not_found, conflict, invalid, unauthorized, forbidden, rate_limited,
    /// payload_too_large, bad_request, internal.
    pub error: String,
    pub message: String,
    /// For `invalid`: the problem with each field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
}

/// One field's problem.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub message: String,
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    error: Error,
    status: StatusCode,
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        Self { status: status_of(&error), error }
    }
}

impl ApiError {
    /// A problem with the query string: 400, with the parameter named as a field (422 is kept
    /// for a body that cannot be accepted).
    pub fn bad_query(error: Error) -> Self {
        Self { error, status: StatusCode::BAD_REQUEST }
    }

    /// A well-formed change the roster refuses as it stands (an e-mail someone else has, a
    /// manager who would manage themselves): 409, the fields still named.
    pub fn refused_by_roster(error: Error) -> Self {
        match error {
            Error::Invalid(_) => Self { error, status: StatusCode::CONFLICT },
            other => other.into(),
        }
    }
}

/// What a 401 says to the client: how to authenticate (RFC 6750).
pub const BEARER_CHALLENGE: &str = "Bearer realm=\"trellis\"";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let fields = self
            .error
            .field_errors()
            .iter()
            .map(|FieldError { field, message }| FieldErrorBody { field: field.clone(), message: message.clone() });
        let (code, message) = match (&self.error, self.status) {
            (Error::Invalid(_), StatusCode::BAD_REQUEST) => ("bad_request", "The query string has a problem.".into()),
            (Error::Invalid(_), StatusCode::CONFLICT) => ("conflict", public_message(&self.error)),
            (error, _) => (error.code(), public_message(error)),
        };
        let body = ApiErrorBody { error: code.to_string(), message, fields: fields.collect() };
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(BEARER_CHALLENGE));
        }
        response
    }
}

/// A JSON error for problems found before reaching a handler (bad JSON, too large).
pub fn api_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = ApiErrorBody { error: code.into(), message: message.into(), fields: Vec::new() };
    (status, Json(body)).into_response()
}
