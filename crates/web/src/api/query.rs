//! Reading an API query string by hand, so that a bad value is answered in the API's error
//! format naming the parameter ("per_page: must be a whole number from 1 to 500"), never with
//! a deserializer's message.

use trellis_core::Error;

/// The parameters of one request, in order.
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    pub fn parse(raw: Option<&str>) -> Self {
        Self(form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect())
    }

    /// The last value given for `name`, trimmed, without control characters (no name, e-mail
    /// or department holds one, and PostgreSQL refuses a NUL in a query); `None` when absent
    /// or empty.
    pub fn text(&self, name: &str) -> Option<String> {
        let value = self.given(name)?;
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        Some(value.trim().to_string()).filter(|v| !v.is_empty())
    }

    /// The last value given for `name` as sent (trimmed), even when empty.
    pub fn given(&self, name: &str) -> Option<String> {
        self.0.iter().rev().find(|(key, _)| key == name).map(|(_, v)| v.trim().to_string())
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`); given empty is a mistake.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, Error> {
        match self.given(name).as_deref() {
            None => Ok(None),
            Some("true" | "1" | "yes") => Ok(Some(true)),
            Some("false" | "0" | "no") => Ok(Some(false)),
            Some(_) => Err(Error::invalid(name, "must be true or false")),
        }
    }

    /// A whole number from `min` to `max`; given empty is a mistake.
    pub fn number(&self, name: &str, min: u32, max: u32) -> Result<Option<u32>, Error> {
        let Some(text) = self.given(name) else { return Ok(None) };
        match text.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(Error::invalid(name, format!("must be a whole number from {min} to {max}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_its_parameter() {
        let params = QueryParams::parse(Some("page=2&per_page=x&active=maybe&q=+a%00na+"));
        assert_eq!(params.number("page", 1, u32::MAX).unwrap(), Some(2));
        assert_eq!(params.text("q").as_deref(), Some("ana"));
        let error = params.number("per_page", 1, 500).unwrap_err();
        assert_eq!(error.field_errors()[0].field, "per_page");
        assert_eq!(params.flag("active").unwrap_err().field_errors()[0].field, "active");
        assert_eq!(QueryParams::parse(None).flag("active").unwrap(), None);
        assert!(QueryParams::parse(Some("active=")).flag("active").is_err());
        assert!(QueryParams::parse(Some("page=")).number("page", 1, 9).is_err());
    }
}
