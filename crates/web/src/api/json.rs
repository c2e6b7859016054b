//! `axum::Json` for API bodies, with rejections (malformed JSON, wrong content type, too large)
//! answered in the API's error format.

use crate::error::api_error;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::de::DeserializeOwned;

/// A JSON request body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let status = rejection.status();
                let code = match (&rejection, status) {
                    (_, StatusCode::PAYLOAD_TOO_LARGE) => "payload_too_large",
                    (JsonRejection::JsonDataError(_), _) => "invalid",
                    _ => "bad_request",
                };
                Err(api_error(status, code, rejection.body_text()))
            }
        }
    }
}
