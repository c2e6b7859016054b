//! Helpers for HTML forms: field errors for re-rendering a form, and a form extractor whose
//! rejections become a clear error page rather than plain text.

use crate::error::error_page;
use axum::extract::{FromRequest, Request};
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
}

/// A form (repeated fields read as lists), with rejections shown as an error page.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Form::<T>::from_request(request, state).await {
            Ok(Form(value)) => Ok(HtmlForm(value)),
            Err(rejection) => Err(error_page(rejection.status(), rejection.body_text()).into_response()),
        }
    }
}
