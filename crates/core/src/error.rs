//! The one error type of Trellis. Each variant has a stable code that the JSON API returns and
//! the HTML layer maps to a page or a re-rendered form. Internal causes are kept for the log and
//! never shown to a user.

use std::fmt;

/// A problem with one input field, named so that a form or an API client can point at it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The field's name as the form or API knows it, e.g. `email`.
    pub field: String,
    /// A plain-language explanation, e.g. "is already used by Ana Ruiz".
    pub message: String,
}

impl FieldError {
    /// A field error for `field` with `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every failure Trellis reports. Domain errors carry precise, user-facing messages;
/// `Internal` carries a cause for the log only.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist (or the actor may not know that it does).
    #[error("{0}")]
    NotFound(String),
    /// The request clashes with the current state, e.g. a duplicate e-mail.
    #[error("{0}")]
    Conflict(String),
    /// Input was rejected; each field says why.
    #[error("{}", join_field_errors(.0))]
    Invalid(Vec<FieldError>),
    /// No valid sign-in or token.
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but this actor may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts; try again later.
    #[error("{0}")]
    RateLimited(String),
    /// A failure of the system, not of the user: logged with its cause, shown generically.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

fn join_field_errors(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl Error {
    /// The stable machine-readable code, as returned in `{"error": code}`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Invalid(_) => "invalid",
            Error::Unauthorized => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::RateLimited(_) => "rate_limited",
            Error::Internal(_) => "internal",
        }
    }

    /// A single-field validation error.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    /// Wraps any system failure as `Internal`.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::Internal(cause.into())
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

/// Result with the Trellis error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_errors_read_as_field_and_message() {
        let error = Error::Invalid(vec![
            FieldError::new("email", "is not an e-mail address"),
            FieldError::new("name", "is required"),
        ]);
        assert_eq!(error.to_string(), "email: is not an e-mail address; name: is required");
        assert_eq!(error.code(), "invalid");
    }

    #[test]
    fn internal_errors_never_show_their_cause() {
        let error = Error::internal("connection refused to 10.0.0.5");
        assert_eq!(error.to_string(), "internal error");
    }
}
