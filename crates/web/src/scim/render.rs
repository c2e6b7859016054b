//! A stored person written as a SCIM User: `meta` with its location, times and version (the
//! version, also the `ETag`, is a hash of everything else, so it changes exactly when the
//! User does), trimmed to the `attributes` or `excludedAttributes` asked for.

use axum::http::HeaderMap;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use trellis_core::scim::path::{AttributePath, Container};
use trellis_core::scim::user::{ResourceMeta, UserState};
use trellis_core::scim::{ScimError, ENTERPRISE_USER};
use trellis_store::ScimRecord;

/// Which attributes to return.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub attributes: Vec<AttributePath>,
    pub excluded: Vec<AttributePath>,
}

impl Selection {
    /// Reads the comma-separated lists of RFC 7644 §3.9.
    pub fn parse(attributes: Option<&str>, excluded: Option<&str>) -> Result<Self, ScimError> {
        let list = |raw: Option<&str>| -> Result<Vec<AttributePath>, ScimError> {
            raw.unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .take(50)
                .map(AttributePath::parse)
                .collect()
        };
        Ok(Self { attributes: list(attributes)?, excluded: list(excluded)? })
    }
}

/// The User as JSON, and its version.
pub fn user_json(record: &ScimRecord, users_url: &str) -> (Value, String) {
    let meta = ResourceMeta {
        id: record.id.as_str(),
        users_url,
        created: rfc3339(record.created_at),
        last_modified: rfc3339(record.updated_at),
    };
    let mut user = record.user.to_json(&meta);
    // Hashed without the address, so every instance behind any name agrees on the version.
    let version = version_of(&record.user.to_json(&ResourceMeta { users_url: "", ..meta_copy(&meta) }));
    user["meta"] = UserState::meta_json(&meta, &version);
    (user, version)
}

fn meta_copy<'a>(meta: &ResourceMeta<'a>) -> ResourceMeta<'a> {
    ResourceMeta { created: meta.created.clone(), last_modified: meta.last_modified.clone(), ..*meta }
}

/// A weak ETag from the hash of the resource.
fn version_of(resource: &Value) -> String {
    let digest = Sha256::digest(resource.to_string().as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

fn rfc3339(millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis).map(|t| t.to_string()).unwrap_or_default()
}

/// Refuses a change when `If-Match` names another version (412), so two provisioning runs
/// cannot overwrite each other unknowingly.
pub fn check_if_match(headers: &HeaderMap, version: &str) -> Result<(), ScimError> {
    let Some(wanted) = headers.get(axum::http::header::IF_MATCH).and_then(|v| v.to_str().ok()) else { return Ok(()) };
    let matches = wanted
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == version || tag.trim_start_matches("W/") == version.trim_start_matches("W/"));
    if matches {
        Ok(())
    } else {
        Err(ScimError::status(
            412,
            format!("The User has changed since that version; it is now {version}. Read it again."),
        ))
    }
}

/// Whether `If-None-Match` already has this version (a GET can answer 304).
pub fn not_modified(headers: &HeaderMap, version: &str) -> bool {
    headers
        .get(axum::http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').map(str::trim).any(|tag| tag == version || tag == "*"))
}

/// The resource with only the selected attributes (`id` and `schemas` always stay).
pub fn select(mut user: Value, selection: &Selection) -> Value {
    let Some(object) = user.as_object_mut() else { return user };
    if !selection.attributes.is_empty() {
        let mut kept = Map::new();
        for key in ["id", "schemas"] {
            if let Some(value) = object.remove(key) {
                kept.insert(key.into(), value);
            }
        }
        for path in &selection.attributes {
            copy(object, &mut kept, path);
        }
        *object = kept;
    }
    for path in &selection.excluded {
        remove(object, path);
    }
    user
}

fn container<'a>(object: &'a mut Map<String, Value>, path: &AttributePath) -> Option<&'a mut Map<String, Value>> {
    match path.container {
        Container::Core => Some(object),
        Container::Enterprise => object.get_mut(ENTERPRISE_USER).and_then(Value::as_object_mut),
    }
}

fn key_in(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.keys().find(|key| key.eq_ignore_ascii_case(name)).cloned()
}

fn copy(from: &mut Map<String, Value>, to: &mut Map<String, Value>, path: &AttributePath) {
    let Some(name) = &path.attribute else {
        if let Some(extension) = from.get(ENTERPRISE_USER) {
            to.insert(ENTERPRISE_USER.into(), extension.clone());
        }
        return;
    };
    let Some(source) = container(from, path) else { return };
    let Some(key) = key_in(source, name) else { return };
    let mut value = source[&key].clone();
    if let (Some(sub), Value::Object(inner)) = (&path.sub_attribute, &mut value) {
        inner.retain(|k, _| k.eq_ignore_ascii_case(sub));
    }
    let target = match path.container {
        Container::Core => to,
        Container::Enterprise => {
            let slot = to.entry(ENTERPRISE_USER).or_insert_with(|| Value::Object(Map::new()));
            match slot.as_object_mut() {
                Some(target) => target,
                None => return,
            }
        }
    };
    target.insert(key, value);
}

fn remove(object: &mut Map<String, Value>, path: &AttributePath) {
    let Some(name) = &path.attribute else {
        object.remove(ENTERPRISE_USER);
        return;
    };
    if ["id", "schemas"].iter().any(|always| always.eq_ignore_ascii_case(name)) && path.container == Container::Core {
        return;
    }
    let Some(target) = container(object, path) else { return };
    let Some(key) = key_in(target, name) else { return };
    match (&path.sub_attribute, target.get_mut(&key)) {
        (Some(sub), Some(Value::Object(inner))) => {
            if let Some(sub_key) = key_in(inner, sub) {
                inner.remove(&sub_key);
            }
        }
        _ => {
            target.remove(&key);
        }
    }
}
