//! `axum::Json` for API bodies, with rejections (malformed JSON, wrong content type, too large,
//! a field of the wrong kind) answered in the API's error format, in words: the field named,
//! never a deserializer's "at line 1 column 15".

use crate::error::{api_error, ApiError};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use trellis_core::Error;

/// A JSON request body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let mut value = match Json::<serde_json::Value>::from_request(request, state).await {
            Ok(Json(value)) => value,
            Err(rejection) => return Err(refusal(&rejection)),
        };
        whole_numbers_as_integers(&mut value);
        if let Some(field) = nul_in(&value, String::new()) {
            let field = if field.is_empty() { "body".to_string() } else { field };
            return Err(ApiError::from(Error::invalid(field, "contains a NUL character, which no text here can hold"))
                .into_response());
        }
        serde_path_to_error::deserialize::<_, T>(value).map(ApiJson).map_err(|error| {
            let path = error.path().to_string();
            let text = if path == "." { error.inner().to_string() } else { format!("{path}: {}", error.inner()) };
            let (field, message) = field_problem(&text);
            ApiError::from(Error::invalid(&field, message)).into_response()
        })
    }
}

fn refusal(rejection: &JsonRejection) -> Response {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            api_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "The body is larger than accepted.")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => api_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON, with `Content-Type: application/json`.",
        ),
        _ => api_error(StatusCode::BAD_REQUEST, "bad_request", "The body is not valid JSON."),
    }
}

/// Where a string of the body holds a NUL (no field can store one, and PostgreSQL refuses it
/// in any text), as the path to it.
fn nul_in(value: &serde_json::Value, path: String) -> Option<String> {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        serde_json::Value::String(text) => text.contains('\0').then_some(path),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| nul_in(item, join(&i.to_string())))
        }
        serde_json::Value::Object(fields) => {
            fields
                .iter()
                .find_map(|(key, item)| if key.contains('\0') { Some(join(key)) } else { nul_in(item, join(key)) })
        }
        _ => None,
    }
}

/// Writes `3.0` as `3`: JSON has one kind of number, and a whole one is a valid integer
/// whichever way a client's encoder spells it.
fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) if number.is_f64() => {
            if let Some(whole) = number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                *number = serde_json::Number::from(whole as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// The field and the problem, in words, from a deserializer's message such as "Failed to
/// deserialize the JSON body into the target type: name: invalid type: integer `3`, expected
/// a string at line 1 column 10".
fn field_problem(text: &str) -> (String, String) {
    let text = text.split_once("target type: ").map_or(text, |(_, rest)| rest);
    let text = match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => &text[..at],
        _ => text,
    };
    let quoted = |rest: &str| rest.split('`').nth(1).unwrap_or_default().to_string();
    if let Some(rest) = text.strip_prefix("unknown field ") {
        return (quoted(rest), "is not a field of this request".into());
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        return (quoted(rest), "is required".into());
    }
    let (field, problem) = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (path.to_string(), rest),
        _ => ("body".to_string(), text),
    };
    let message = match problem.strip_prefix("invalid type: ").and_then(|rest| rest.split_once(", expected ")) {
        Some((given, wanted)) => format!("must be {wanted}, not {}", given.replace('`', "")),
        None if problem.starts_with("unknown field ") => {
            return (format!("{field}.{}", quoted(problem)), "is not a field of this request".into())
        }
        None => problem.replace('`', "“"),
    };
    (field, message)
}

#[cfg(test)]
mod tests {
    use super::field_problem;

    #[test]
    fn a_deserializer_message_becomes_a_field_and_words() {
        let prefix = "Failed to deserialize the JSON body into the target type: ";
        let named = |text: &str| field_problem(&format!("{prefix}{text}"));
        assert_eq!(
            named("name: invalid type: integer `3`, expected a string at line 1 column 10"),
            ("name".into(), "must be a string, not integer 3".into())
        );
        assert_eq!(named("unknown field `nmae`, expected one of `name`, `email` at line 1 column 7").0, "nmae");
        assert_eq!(named("missing field `name` at line 1 column 2"), ("name".into(), "is required".into()));
        let (_, message) = named("name: invalid type: null, expected a string at line 1 column 12");
        assert!(!message.contains("line 1") && !message.contains("column"), "{message}");
    }
}
