//! Helpers for HTML forms: field errors for re-rendering a form, and form and query-string
//! extractors whose rejections become a clear error page rather than plain text. A form whose
//! text is not UTF-8 is refused, not stored with its bytes replaced.

use crate::error::error_page;
use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::de::DeserializeOwned;
use trellis_core::{Error, FieldError};

/// The field errors of a submitted form, looked up by field name in templates.
#[derive(Clone, Debug, Default)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    /// The errors of a validation failure; other errors are passed back.
    pub fn from_error(error: Error) -> Result<Self, Error> {
        match error {
            Error::Invalid(errors) => Ok(Self(errors)),
            Error::Conflict(message) => Ok(Self(vec![FieldError::new("form", message)])),
            other => Err(other),
        }
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    /// Whether there is any error.
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    /// Every error, for the summary at the top of a form.
    pub fn all(&self) -> &[FieldError] {
        &self.0
    }

    /// An error as the summary says it, naming the field as the form labels it: "Date must be a
    /// date like 2026-12-03", "Conversation: choose a playbook"; a message that is a sentence
    /// of its own stands alone.
    pub fn sentence(&self, error: &FieldError) -> String {
        sentence(error)
    }
}

/// A field's problem as a sentence (see `FormErrors::sentence`).
pub fn sentence(error: &FieldError) -> String {
    let message = error.message.trim();
    let own_sentence = message.chars().next().is_some_and(char::is_uppercase);
    if error.field == "form" || own_sentence {
        return message.to_string();
    }
    let label = field_label(&error.field);
    let reads_on = ["is ", "are ", "must ", "contains ", "has ", "holds "].iter().any(|w| message.starts_with(w));
    if reads_on {
        format!("{label} {message}")
    } else {
        format!("{label}: {message}")
    }
}

/// How forms label a field, by the name it is posted under.
pub fn field_label(name: &str) -> String {
    let known = match name {
        "on" | "date" => "Date",
        "time" => "Time",
        "minutes" => "Length",
        "time_zone" => "Time zone",
        "what" | "playbook" => "Conversation",
        "with" => "With whom",
        "rhythm" => "Repeats",
        "body" => "The text",
        "visibility" => "Who reads it",
        "parent" => "Belongs to",
        "status" => "Outcome",
        "email" => "E-mail",
        "manager_id" | "manager" => "Manager",
        "start_date" => "Start date",
        "first_week" => "Starting week",
        "pace" => "Pace",
        "person" => "Who",
        "password_confirmation" => "Password again",
        "organisation_name" => "Organisation name",
        "invitation_days" => "Days an invitation lasts",
        "source" => "Playbook text",
        "file" | "calendar" => "File",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A form (repeated fields read as lists), with rejections shown as an error page.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        // The body's size is bounded by the router's limit layers before it gets here.
        let bytes = to_bytes(body, usize::MAX).await.map_err(|_| {
            error_page(StatusCode::PAYLOAD_TOO_LARGE, "That form is larger than Trellis accepts.".into())
                .into_response()
        })?;
        if let Some(field) = field_not_utf8(&bytes) {
            let message = format!(
                "The field \"{field}\" holds characters that are not valid text (UTF-8). Nothing was saved; copy the text again or type it, and send the form once more."
            );
            return Err(error_page(StatusCode::BAD_REQUEST, message).into_response());
        }
        let request = Request::from_parts(parts, Body::from(bytes));
        match Form::<T>::from_request(request, state).await {
            Ok(Form(value)) => Ok(HtmlForm(value)),
            Err(rejection) => Err(error_page(rejection.status(), rejection.body_text()).into_response()),
        }
    }
}

/// A page's query string, with a malformed one shown as the site's error page.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(_) => {
                let message = "The address has a part Trellis does not understand (after the “?”). \
                    Go back and follow the link again, or start from the home page."
                    .to_string();
                Err(error_page(StatusCode::BAD_REQUEST, message).into_response())
            }
        }
    }
}

/// The name of the first field of a url-encoded form whose name or value is not UTF-8 once
/// decoded, if any.
fn field_not_utf8(body: &[u8]) -> Option<String> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let decode = |raw: &[u8]| {
            let spaced: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
            percent_encoding::percent_decode(&spaced).collect::<Vec<u8>>()
        };
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let (name, value) = (decode(name), decode(value));
        match (std::str::from_utf8(&name), std::str::from_utf8(&value)) {
            (Ok(_), Ok(_)) => None,
            (Ok(name), Err(_)) => Some(name.to_string()),
            (Err(_), _) => Some(String::from_utf8_lossy(&name).into_owned()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{field_not_utf8, FormErrors};
    use trellis_core::FieldError;

    #[test]
    fn the_summary_names_fields_as_the_form_does() {
        let errors = FormErrors::default();
        let say = |field: &str, message: &str| errors.sentence(&FieldError::new(field, message));
        assert_eq!(say("on", "is required"), "Date is required");
        assert_eq!(
            say("parent", "A dream can have at most 10 competencies."),
            "A dream can have at most 10 competencies."
        );
        assert_eq!(say("what", "choose a playbook"), "Conversation: choose a playbook");
        assert_eq!(
            say("outcome_note", "is longer than 2000 characters"),
            "Outcome note is longer than 2000 characters"
        );
    }

    #[test]
    fn a_form_field_that_is_not_utf8_is_named() {
        assert_eq!(field_not_utf8(b"csrf_token=abc&body=caf%C3%A9+ok"), None);
        assert_eq!(field_not_utf8(b"csrf_token=abc&body=caf%E9").as_deref(), Some("body"));
        assert_eq!(field_not_utf8(b"a=1&%FF=2").as_deref(), Some("\u{fffd}"));
    }
}
