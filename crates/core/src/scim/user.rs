//! The SCIM User as Trellis keeps it: read from a request body (every problem named by its
//! attribute) and written back as the JSON a client reads. One shape serves POST, PUT and
//! the result of a PATCH, so all three follow the same rules.

use super::{ScimError, CORE_USER, ENTERPRISE_USER};
use crate::person::{parse_line, Email};
use serde_json::{json, Map, Value};

/// The longest `userName` or `externalId`, in characters.
const MAX_IDENTIFIER_CHARS: usize = 254;

/// Every attribute of a User that Trellis keeps. `display_name` and the name parts are the
/// identity provider's; the rest are the roster's own fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserState {
    pub user_name: String,
    pub external_id: Option<String>,
    pub display_name: Option<String>,
    pub formatted_name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// The one e-mail address kept, with its `type` ("work") if given.
    pub email: Option<Email>,
    pub email_type: Option<String>,
    /// Whether the address was sent as the primary one (absent when not said).
    pub email_primary: Option<bool>,
    pub title: String,
    pub active: bool,
    pub employee_number: Option<String>,
    pub department: String,
    /// The manager's id as sent; the store checks that such a person exists.
    pub manager_id: Option<String>,
}

/// Where a rendered User points and when it changed.
pub struct ResourceMeta<'a> {
    pub id: &'a str,
    /// The Users endpoint, absolute: `https://trellis.example.org/scim/v2/Users`.
    pub users_url: &'a str,
    pub created: String,
    pub last_modified: String,
}

impl UserState {
    /// Reads a User from a request body (or a patched resource).
    pub fn from_json(body: &Value) -> Result<Self, ScimError> {
        let body = body.as_object().ok_or_else(|| ScimError::invalid_syntax("The body must be a JSON object."))?;
        if let Some(schemas) = get(body, "schemas") {
            let listed = schemas.as_array().is_some_and(|s| s.iter().any(|s| s.as_str() == Some(CORE_USER)));
            if !listed {
                return Err(ScimError::invalid_syntax(format!("schemas must list {CORE_USER}.")));
            }
        }
        let user_name = identifier(get(body, "userName"), "userName")?
            .ok_or_else(|| ScimError::invalid_value("userName is required."))?;
        let name = object(get(body, "name"), "name")?;
        let enterprise = object(get(body, ENTERPRISE_USER), "the enterprise extension")?;
        let (email, email_type, email_primary) = primary_email(get(body, "emails"))?;
        Ok(Self {
            user_name,
            external_id: identifier(get(body, "externalId"), "externalId")?,
            display_name: line(get(body, "displayName"), "displayName")?,
            formatted_name: line(name.and_then(|n| get(n, "formatted")), "name.formatted")?,
            given_name: line(name.and_then(|n| get(n, "givenName")), "name.givenName")?,
            family_name: line(name.and_then(|n| get(n, "familyName")), "name.familyName")?,
            email,
            email_type,
            email_primary,
            title: line(get(body, "title"), "title")?.unwrap_or_default(),
            active: flag(get(body, "active"))?,
            employee_number: line(enterprise.and_then(|e| get(e, "employeeNumber")), "employeeNumber")?,
            department: line(enterprise.and_then(|e| get(e, "department")), "department")?.unwrap_or_default(),
            manager_id: manager(enterprise.and_then(|e| get(e, "manager")))?,
        })
    }

    /// The name the roster shows: the display name, else the formatted name, else given and
    /// family name, else the user name.
    pub fn roster_name(&self) -> String {
        let parts = [&self.given_name, &self.family_name].into_iter().flatten().cloned().collect::<Vec<_>>().join(" ");
        self.display_name.clone().or_else(|| self.formatted_name.clone()).unwrap_or(parts).trim().to_string()
    }

    /// The User as JSON, without `meta` (what its version is computed from).
    pub fn to_json(&self, meta: &ResourceMeta) -> Value {
        let mut user = Map::new();
        user.insert("id".into(), json!(meta.id));
        put(&mut user, "externalId", &self.external_id);
        user.insert("userName".into(), json!(self.user_name));
        let mut name = Map::new();
        put(&mut name, "formatted", &self.formatted_name);
        put(&mut name, "givenName", &self.given_name);
        put(&mut name, "familyName", &self.family_name);
        if !name.is_empty() {
            user.insert("name".into(), Value::Object(name));
        }
        put(&mut user, "displayName", &self.display_name);
        put(&mut user, "title", &Some(self.title.clone()).filter(|t| !t.is_empty()));
        user.insert("active".into(), json!(self.active));
        if let Some(email) = &self.email {
            let mut entry = Map::new();
            entry.insert("value".into(), json!(email.as_str()));
            put(&mut entry, "type", &self.email_type);
            if let Some(primary) = self.email_primary {
                entry.insert("primary".into(), json!(primary));
            }
            user.insert("emails".into(), json!([entry]));
        }
        let mut enterprise = Map::new();
        put(&mut enterprise, "employeeNumber", &self.employee_number);
        put(&mut enterprise, "department", &Some(self.department.clone()).filter(|d| !d.is_empty()));
        if let Some(manager) = &self.manager_id {
            enterprise
                .insert("manager".into(), json!({"value": manager, "$ref": format!("{}/{manager}", meta.users_url)}));
        }
        let mut schemas = vec![json!(CORE_USER)];
        if !enterprise.is_empty() {
            schemas.push(json!(ENTERPRISE_USER));
            user.insert(ENTERPRISE_USER.into(), Value::Object(enterprise));
        }
        user.insert("schemas".into(), Value::Array(schemas));
        Value::Object(user)
    }

    /// The `meta` attribute, added once the version is known.
    pub fn meta_json(meta: &ResourceMeta, version: &str) -> Value {
        json!({
            "resourceType": "User",
            "created": meta.created,
            "lastModified": meta.last_modified,
            "location": format!("{}/{}", meta.users_url, meta.id),
            "version": version,
        })
    }
}

/// An attribute of an object, its name matched without regard to case.
pub fn get<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| object.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

fn put(object: &mut Map<String, Value>, name: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(name.into(), json!(value));
    }
}

fn object<'a>(value: Option<&'a Value>, what: &str) -> Result<Option<&'a Map<String, Value>>, ScimError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(ScimError::invalid_value(format!("{what} must be an object."))),
    }
}

/// Text, or a number written as text (some systems send employee numbers as numbers).
fn text<'a>(value: Option<&'a Value>, attribute: &str) -> Result<Option<std::borrow::Cow<'a, str>>, ScimError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str().into())),
        Some(Value::Number(n)) => Ok(Some(n.to_string().into())),
        Some(_) => Err(ScimError::invalid_value(format!("{attribute} must be text."))),
    }
}

/// A one-line text: trimmed, at most 200 characters; empty counts as absent.
fn line(value: Option<&Value>, attribute: &str) -> Result<Option<String>, ScimError> {
    let Some(raw) = text(value, attribute)? else { return Ok(None) };
    let value = parse_line(&raw).map_err(|problem| ScimError::invalid_value(format!("{attribute} {problem}.")))?;
    Ok(Some(value).filter(|v| !v.is_empty()))
}

fn identifier(value: Option<&Value>, attribute: &str) -> Result<Option<String>, ScimError> {
    let Some(raw) = text(value, attribute)? else { return Ok(None) };
    let value = raw.trim();
    if value.chars().count() > MAX_IDENTIFIER_CHARS || value.chars().any(char::is_control) {
        return Err(ScimError::invalid_value(format!(
            "{attribute} must be one line of at most {MAX_IDENTIFIER_CHARS} characters."
        )));
    }
    Ok(Some(value.to_string()).filter(|v| !v.is_empty()))
}

/// `active`: a boolean, or "True"/"False" as some providers send it. Absent means active.
fn flag(value: Option<&Value>) -> Result<bool, ScimError> {
    match value {
        None | Some(Value::Null) => Ok(true),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(_) => Err(ScimError::invalid_value("active must be true or false.")),
    }
}

/// An address, its type, and whether it was marked primary.
type KeptEmail = (Option<Email>, Option<String>, Option<bool>);

/// The address kept of `emails` (the primary one, else the first), its type and whether it
/// was marked primary; each must be an address.
fn primary_email(value: Option<&Value>) -> Result<KeptEmail, ScimError> {
    let entries = match value {
        None | Some(Value::Null) => return Ok((None, None, None)),
        Some(Value::Array(entries)) => entries,
        Some(_) => return Err(ScimError::invalid_value("emails must be a list.")),
    };
    let mut chosen = None;
    for entry in entries {
        let entry = entry.as_object().ok_or_else(|| ScimError::invalid_value("each of emails must be an object."))?;
        let Some(raw) = text(get(entry, "value"), "emails.value")? else { continue };
        let email =
            Email::parse(&raw).map_err(|problem| ScimError::invalid_value(format!("emails.value {problem}.")))?;
        let kind = line(get(entry, "type"), "emails.type")?;
        let primary = get(entry, "primary").and_then(Value::as_bool);
        if chosen.is_none() || primary == Some(true) {
            chosen = Some((email, kind, primary));
        }
    }
    Ok(chosen.map_or((None, None, None), |(email, kind, primary)| (Some(email), kind, primary)))
}

/// The manager's id, from `{"value": id}` or a bare id; empty means none.
fn manager(value: Option<&Value>) -> Result<Option<String>, ScimError> {
    let id = match value {
        Some(Value::Object(map)) => text(get(map, "value"), "manager.value")?.map(|s| s.into_owned()),
        other => text(other, "manager")?.map(|s| s.into_owned()),
    };
    Ok(id.map(|id| id.trim().to_string()).filter(|id| !id.is_empty()))
}
