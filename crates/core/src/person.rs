//! A person in the roster, and the validated values that make one up. Raw input becomes a
//! `PersonDraft` only through `PersonDraft::parse`, which names every field it rejects.

use crate::ids::PersonId;
use crate::text::{char_len, clean_line, line_problem};
use crate::{Error, FieldError};
use jiff::civil::Date;
use serde::Serialize;

/// The longest name, title or department accepted, in characters.
pub const MAX_LINE_CHARS: usize = 200;

/// An e-mail address as given, checked for shape. Compared case-insensitively via `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain` with no spaces or control characters, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.trim();
        if value.is_empty() {
            return Err("is empty".into());
        }
        if char_len(value) > 254 {
            return Err("is longer than 254 characters".into());
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("\"{value}\" contains spaces or control characters"));
        }
        if let Some(problem) = line_problem(value) {
            return Err(problem.to_string());
        }
        match value.split_once('@') {
            Some((local, domain))
                if !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.') =>
            {
                Ok(Self(value.to_string()))
            }
            _ => Err(format!("\"{value}\" is not an e-mail address")),
        }
    }

    /// The lower-case form used for uniqueness and look-ups.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Normalises an e-mail typed at a sign-in form into its look-up key.
pub fn email_key(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// A person's display name: trimmed, single-spaced, 1–200 characters.
pub fn parse_name(raw: &str) -> Result<String, String> {
    let name = parse_line(raw)?;
    if name.is_empty() {
        return Err("is required".into());
    }
    Ok(name)
}

/// An optional one-line text (title, department, employee id): trimmed, single-spaced.
pub fn parse_line(raw: &str) -> Result<String, String> {
    let value = clean_line(raw)?;
    // Counted as given (spaces too), so the limit is the one the API's schema states.
    if char_len(raw) > MAX_LINE_CHARS {
        return Err(format!("is longer than {MAX_LINE_CHARS} characters"));
    }
    Ok(value)
}

/// Parses a calendar date: `2024-03-01`, `2024/03/01`, or a date-time whose date part is that.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let value = raw.trim();
    let date_part = value.get(..10).unwrap_or(value).replace('/', "-");
    date_part.parse::<Date>().map_err(|_| format!("\"{value}\" is not a date (expected YYYY-MM-DD)"))
}

/// A person as the roster knows them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub employee_id: Option<String>,
    pub title: String,
    pub department: String,
    pub manager_id: Option<PersonId>,
    pub start_date: Option<String>,
    pub active: bool,
    pub is_admin: bool,
    /// Whether the person has set a password and can sign in.
    pub can_sign_in: bool,
    /// Who made the link through which the current password was set, when that was someone
    /// else (the people team): whatever is done with the password is recorded as theirs too.
    pub password_link_by: Option<PersonId>,
    /// Their own time zone (IANA name), when they chose one; otherwise the organisation's.
    pub time_zone: Option<String>,
}

/// The editable roster fields of a person, validated.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PersonDraft {
    pub name: String,
    pub email: Option<Email>,
    pub employee_id: Option<String>,
    pub title: String,
    pub department: String,
    pub start_date: Option<Date>,
}

/// The same fields as typed into a form or an API body, not yet checked.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub employee_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub start_date: String,
}

impl PersonDraft {
    /// Checks every field and reports all problems at once, each under its field name.
    pub fn parse(input: &PersonInput) -> Result<Self, Error> {
        let mut errors = Vec::new();
        let mut check = |field: &str, result: Result<String, String>| {
            result.unwrap_or_else(|message| {
                errors.push(FieldError::new(field, message));
                String::new()
            })
        };
        let name = check("name", parse_name(&input.name));
        let title = check("title", parse_line(&input.title));
        let department = check("department", parse_line(&input.department));
        let employee_id = check("employee_id", parse_line(&input.employee_id));
        let email = match input.email.trim() {
            "" => None,
            raw => Email::parse(raw).map_err(|m| errors.push(FieldError::new("email", m))).ok(),
        };
        let start_date = match input.start_date.trim() {
            "" => None,
            raw => parse_date(raw).map_err(|m| errors.push(FieldError::new("start_date", m))).ok(),
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(Self {
            name,
            email,
            employee_id: Some(employee_id).filter(|id| !id.is_empty()),
            title,
            department,
            start_date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape_and_compared_without_case() {
        assert_eq!(Email::parse(" Ana.Ruiz@Example.org ").unwrap().key(), "ana.ruiz@example.org");
        for bad in ["SKING", "a@", "@b", "a b@c.d", "a@b@c", "a@.b"] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn dates_accept_iso_slashes_and_date_times() {
        assert_eq!(parse_date("2003-06-17").unwrap().to_string(), "2003-06-17");
        assert_eq!(parse_date("2003/06/17").unwrap().to_string(), "2003-06-17");
        assert_eq!(parse_date("2003-06-17T09:00:00Z").unwrap().to_string(), "2003-06-17");
        assert!(parse_date("17/06/2003").is_err());
        assert!(parse_date("2003-02-30").is_err());
    }

    #[test]
    fn a_draft_reports_every_bad_field_by_name() {
        let input = PersonInput {
            name: "  ".into(),
            email: "not-an-email".into(),
            start_date: "yesterday".into(),
            ..Default::default()
        };
        let error = PersonDraft::parse(&input).unwrap_err();
        let fields: Vec<_> = error.field_errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "start_date"]);
    }

    #[test]
    fn a_valid_draft_is_trimmed_and_single_spaced() {
        let input = PersonInput {
            name: "  Ana   Ruiz ".into(),
            email: "ana@example.org".into(),
            employee_id: " E-7 ".into(),
            ..Default::default()
        };
        let draft = PersonDraft::parse(&input).unwrap();
        assert_eq!(draft.name, "Ana Ruiz");
        assert_eq!(draft.employee_id.as_deref(), Some("E-7"));
        assert_eq!(draft.email.unwrap().as_str(), "ana@example.org");
    }
}
