//! Attribute paths of SCIM PATCH operations (RFC 7644 §3.5.2): `title`, `name.givenName`,
//! `emails[type eq "work"].value`, and the enterprise extension's
//! `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`. Attribute names are
//! matched without regard to case, as SCIM requires.

use super::{ScimError, CORE_USER, ENTERPRISE_USER};

/// The longest path accepted, in bytes.
const MAX_PATH_BYTES: usize = 300;

/// Where an attribute lives: on the resource itself or in the enterprise extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Core,
    Enterprise,
}

/// `[sub eq "value"]` after a multi-valued attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueFilter {
    pub attribute: String,
    pub value: String,
}

/// A parsed path. `attribute` is `None` when the path names the whole extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributePath {
    pub container: Container,
    pub attribute: Option<String>,
    pub filter: Option<ValueFilter>,
    pub sub_attribute: Option<String>,
}

impl AttributePath {
    /// Reads a path as a client wrote it.
    pub fn parse(raw: &str) -> Result<Self, ScimError> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > MAX_PATH_BYTES {
            return Err(invalid(raw, "is empty or too long"));
        }
        let (container, rest) = split_schema(raw)?;
        let Some(rest) = rest else {
            return Ok(Self { container, attribute: None, filter: None, sub_attribute: None });
        };
        let (head, filter, tail) = match rest.find('[') {
            Some(open) => {
                let close =
                    rest.rfind(']').filter(|&close| close > open).ok_or_else(|| invalid(raw, "has no closing ]"))?;
                let filter = parse_value_filter(&rest[open + 1..close])
                    .ok_or_else(|| invalid(raw, "can only filter with one comparison such as [type eq \"work\"]"))?;
                let tail = &rest[close + 1..];
                let tail = match tail.strip_prefix('.') {
                    Some(sub) => Some(sub),
                    None if tail.is_empty() => None,
                    None => return Err(invalid(raw, "has something after ] that is not .attribute")),
                };
                (&rest[..open], Some(filter), tail)
            }
            None => match rest.split_once('.') {
                Some((head, sub)) => (head, None, Some(sub)),
                None => (rest, None, None),
            },
        };
        let attribute = name(head).ok_or_else(|| invalid(raw, "does not name an attribute"))?;
        let sub_attribute =
            tail.map(|sub| name(sub).ok_or_else(|| invalid(raw, "does not name a sub-attribute"))).transpose()?;
        Ok(Self { container, attribute: Some(attribute), filter, sub_attribute })
    }
}

/// Splits a leading schema URN off a path.
fn split_schema(raw: &str) -> Result<(Container, Option<&str>), ScimError> {
    for (urn, container) in [(ENTERPRISE_USER, Container::Enterprise), (CORE_USER, Container::Core)] {
        if raw.len() >= urn.len() && raw[..urn.len()].eq_ignore_ascii_case(urn) {
            return match &raw[urn.len()..] {
                "" if container == Container::Enterprise => Ok((container, None)),
                rest => match rest.strip_prefix(':') {
                    Some(attribute) if !attribute.is_empty() => Ok((container, Some(attribute))),
                    _ => Err(invalid(raw, "names a schema but no attribute in it")),
                },
            };
        }
    }
    if raw.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("urn:")) {
        return Err(invalid(raw, "names a schema this server does not have"));
    }
    Ok((Container::Core, Some(raw)))
}

/// An attribute name: a letter, then letters, digits, `-`, `_` or a leading `$` (for `$ref`).
fn name(raw: &str) -> Option<String> {
    let body = raw.strip_prefix('$').unwrap_or(raw);
    let mut chars = body.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')).then(|| raw.to_string())
}

/// `type eq "work"`: the only filter a path may carry here.
fn parse_value_filter(raw: &str) -> Option<ValueFilter> {
    let mut parts = raw.trim().splitn(3, char::is_whitespace);
    let attribute = name(parts.next()?)?;
    if !parts.next()?.eq_ignore_ascii_case("eq") {
        return None;
    }
    let value = parts.next()?.trim();
    let value = value.strip_prefix('"')?.strip_suffix('"')?;
    Some(ValueFilter { attribute, value: value.to_string() })
}

fn invalid(raw: &str, problem: &str) -> ScimError {
    ScimError::invalid_path(format!("The path \"{}\" {problem}.", raw.chars().take(80).collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_the_shapes_identity_providers_send_are_read() {
        let email = AttributePath::parse("emails[type eq \"work\"].value").unwrap();
        assert_eq!(email.attribute.as_deref(), Some("emails"));
        assert_eq!(email.filter, Some(ValueFilter { attribute: "type".into(), value: "work".into() }));
        assert_eq!(email.sub_attribute.as_deref(), Some("value"));
        let manager = AttributePath::parse(&format!("{ENTERPRISE_USER}:manager")).unwrap();
        assert_eq!((manager.container, manager.attribute.as_deref()), (Container::Enterprise, Some("manager")));
        let extension = AttributePath::parse(ENTERPRISE_USER).unwrap();
        assert_eq!((extension.container, extension.attribute), (Container::Enterprise, None));
        let given = AttributePath::parse("name.givenName").unwrap();
        assert_eq!((given.attribute.as_deref(), given.sub_attribute.as_deref()), (Some("name"), Some("givenName")));
        let core = AttributePath::parse(&format!("{CORE_USER}:userName")).unwrap();
        assert_eq!(core.attribute.as_deref(), Some("userName"));
    }

    #[test]
    fn malformed_paths_are_refused_in_words() {
        for bad in
            ["", "emails[type eq \"work\"", "emails[type co \"w\"]", "urn:x:y:z", "na me", "emails[type eq \"w\"]x"]
        {
            let error = AttributePath::parse(bad).unwrap_err();
            assert_eq!(error.scim_type, Some("invalidPath"), "{bad}");
            assert!(error.detail.starts_with("The path"), "{}", error.detail);
        }
    }
}
