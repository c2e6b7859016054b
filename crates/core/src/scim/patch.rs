//! SCIM PATCH (RFC 7644 §3.5.2) applied to a User's JSON: `add`, `replace` and `remove`, with
//! or without a path, in the shapes Okta and Microsoft Entra send (`"op": "Replace"`,
//! `"value": "False"`, `emails[type eq "work"].value`, the manager by its extension path). The
//! result is a whole User again, read by `UserState::from_json`, so a PATCH obeys the same
//! rules as a PUT and is written all or nothing.

use super::path::{AttributePath, Container, ValueFilter};
use super::user::get;
use super::{ScimError, ENTERPRISE_USER, PATCH_OP};
use serde_json::{Map, Value};

/// The most operations one request may carry.
pub const MAX_OPERATIONS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// Applies a PATCH request body to `resource` and returns the patched resource.
pub fn apply(resource: &Value, body: &Value) -> Result<Value, ScimError> {
    let body = body.as_object().ok_or_else(|| ScimError::invalid_syntax("The body must be a JSON object."))?;
    if let Some(schemas) = get(body, "schemas") {
        if !schemas.as_array().is_some_and(|s| s.iter().any(|s| s.as_str() == Some(PATCH_OP))) {
            return Err(ScimError::invalid_syntax(format!("schemas must list {PATCH_OP}.")));
        }
    }
    let operations = get(body, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| ScimError::invalid_syntax("Operations must be a list of operations."))?;
    if operations.is_empty() || operations.len() > MAX_OPERATIONS {
        return Err(ScimError::invalid_syntax(format!("Send between 1 and {MAX_OPERATIONS} operations.")));
    }
    let mut patched = resource.as_object().cloned().unwrap_or_default();
    for (index, operation) in operations.iter().enumerate() {
        apply_one(&mut patched, operation)
            .map_err(|e| ScimError { detail: format!("Operation {}: {}", index + 1, e.detail), ..e })?;
    }
    tidy(&mut patched);
    let had_active = resource.as_object().is_some_and(|r| get(r, "active").is_some());
    if had_active && get(&patched, "active").is_none() {
        return Err(ScimError::mutability(
            "active cannot be removed: a person is active or not; replace it with true or false.",
        ));
    }
    Ok(Value::Object(patched))
}

fn apply_one(resource: &mut Map<String, Value>, operation: &Value) -> Result<(), ScimError> {
    let operation =
        operation.as_object().ok_or_else(|| ScimError::invalid_syntax("an operation must be an object."))?;
    let op = match get(operation, "op").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
        Some("add") => Op::Add,
        Some("replace") => Op::Replace,
        Some("remove") => Op::Remove,
        _ => return Err(ScimError::invalid_syntax("op must be add, replace or remove.")),
    };
    let value = get(operation, "value").cloned();
    match get(operation, "path").and_then(Value::as_str).filter(|p| !p.trim().is_empty()) {
        Some(path) => at_path(resource, op, &AttributePath::parse(path)?, value),
        None if op == Op::Remove => Err(ScimError::no_target("remove needs a path.")),
        None => match value {
            Some(Value::Object(values)) => {
                for (key, value) in values {
                    let path = AttributePath::parse(&key)?;
                    match (path.container, path.attribute.is_none(), value) {
                        (Container::Enterprise, true, Value::Object(inner)) => {
                            for (key, value) in inner {
                                let path = AttributePath::parse(&format!("{ENTERPRISE_USER}:{key}"))?;
                                at_path(resource, op, &path, Some(value))?;
                            }
                        }
                        (_, _, value) => at_path(resource, op, &path, Some(value))?,
                    }
                }
                Ok(())
            }
            _ => Err(ScimError::invalid_syntax("without a path, value must be an object of attributes.")),
        },
    }
}

fn at_path(
    resource: &mut Map<String, Value>,
    op: Op,
    path: &AttributePath,
    value: Option<Value>,
) -> Result<(), ScimError> {
    let Some(attribute) = &path.attribute else {
        return extension(resource, op, value);
    };
    if path.container == Container::Core && ["id", "meta", "schemas"].iter().any(|a| a.eq_ignore_ascii_case(attribute))
    {
        return Err(ScimError::mutability(format!("{attribute} cannot be changed.")));
    }
    let container = match path.container {
        Container::Core => resource,
        Container::Enterprise => entry(resource, ENTERPRISE_USER, Value::Object(Map::new()))
            .as_object_mut()
            .ok_or_else(|| ScimError::invalid_value("the enterprise extension must be an object."))?,
    };
    let value = match (op, value) {
        (Op::Remove, _) => None,
        (_, Some(value)) => Some(value),
        (_, None) => return Err(ScimError::invalid_syntax(format!("{} needs a value.", attribute))),
    };
    match (&path.filter, &path.sub_attribute) {
        (None, None) => set_attribute(container, op, attribute, value),
        (None, Some(sub)) => {
            let target = entry(container, attribute, Value::Object(Map::new()));
            match target {
                Value::Object(object) => set_attribute(object, op, sub, value),
                Value::Array(items) => {
                    for item in items.iter_mut().filter_map(Value::as_object_mut) {
                        set_attribute(item, op, sub, value.clone())?;
                    }
                    Ok(())
                }
                _ => Err(ScimError::no_target(format!("{attribute} has no sub-attributes."))),
            }
        }
        (Some(filter), sub) => filtered(container, op, attribute, filter, sub.as_deref(), value),
    }
}

/// `add`/`replace`/`remove` of one attribute of an object.
fn set_attribute(object: &mut Map<String, Value>, op: Op, name: &str, value: Option<Value>) -> Result<(), ScimError> {
    let key = existing_key(object, name);
    let Some(value) = value else {
        object.remove(&key);
        return Ok(());
    };
    match (op, object.get_mut(&key), value) {
        (Op::Add, Some(Value::Array(items)), Value::Array(more)) => items.extend(more),
        (_, Some(Value::Object(current)), Value::Object(values)) => {
            for (sub, value) in values {
                let sub_key = existing_key(current, &sub);
                current.insert(sub_key, value);
            }
        }
        (_, _, value) => {
            object.insert(key, value);
        }
    }
    Ok(())
}

/// An operation on the items of a multi-valued attribute that match `[filter]`. When `add` or
/// `replace` matches nothing, a new item is made (what Entra expects of
/// `emails[type eq "work"].value`).
fn filtered(
    container: &mut Map<String, Value>,
    op: Op,
    attribute: &str,
    filter: &ValueFilter,
    sub: Option<&str>,
    value: Option<Value>,
) -> Result<(), ScimError> {
    let Value::Array(items) = entry(container, attribute, Value::Array(Vec::new())) else {
        return Err(ScimError::no_target(format!("{attribute} is not a list to filter.")));
    };
    let matches = |item: &Value| {
        item.as_object()
            .and_then(|o| get(o, &filter.attribute))
            .and_then(Value::as_str)
            .is_some_and(|v| v.eq_ignore_ascii_case(&filter.value))
    };
    let mut matched = false;
    let mut kept = Vec::new();
    for mut item in std::mem::take(items) {
        if !matches(&item) {
            kept.push(item);
            continue;
        }
        matched = true;
        match (sub, item.as_object_mut()) {
            (None, _) if value.is_none() => continue,
            (None, Some(object)) => merge(object, value.clone())?,
            (Some(sub), Some(object)) => set_attribute(object, op, sub, value.clone())?,
            (_, None) => {}
        }
        kept.push(item);
    }
    if !matched && value.is_some() {
        let mut item = Map::new();
        item.insert(filter.attribute.clone(), Value::String(filter.value.clone()));
        match sub {
            Some(sub) => set_attribute(&mut item, Op::Add, sub, value)?,
            None => merge(&mut item, value)?,
        }
        kept.push(Value::Object(item));
    }
    *items = kept;
    Ok(())
}

fn merge(object: &mut Map<String, Value>, value: Option<Value>) -> Result<(), ScimError> {
    match value {
        Some(Value::Object(values)) => {
            object.extend(values);
            Ok(())
        }
        _ => Err(ScimError::invalid_value("a filtered item must be given an object.")),
    }
}

/// `add`/`replace`/`remove` of the whole enterprise extension.
fn extension(resource: &mut Map<String, Value>, op: Op, value: Option<Value>) -> Result<(), ScimError> {
    match (op, value) {
        (Op::Remove, _) => {
            resource.remove(&existing_key(resource, ENTERPRISE_USER));
            Ok(())
        }
        (_, Some(value @ Value::Object(_))) => set_attribute(resource, op, ENTERPRISE_USER, Some(value)),
        _ => Err(ScimError::invalid_value("the enterprise extension must be given an object.")),
    }
}

/// The key under which `name` is stored, matched without regard to case.
fn existing_key(object: &Map<String, Value>, name: &str) -> String {
    object.keys().find(|key| key.eq_ignore_ascii_case(name)).cloned().unwrap_or_else(|| name.to_string())
}

fn entry<'a>(object: &'a mut Map<String, Value>, name: &str, default: Value) -> &'a mut Value {
    let key = existing_key(object, name);
    let slot = object.entry(key).or_insert(Value::Null);
    if slot.is_null() {
        *slot = default;
    }
    slot
}

/// Drops what the operations left empty, so an emptied extension or list reads as absent.
fn tidy(resource: &mut Map<String, Value>) {
    for value in resource.values_mut() {
        if let Value::Object(inner) = value {
            tidy(inner);
        }
    }
    resource.retain(|_, value| match value {
        Value::Object(inner) => !inner.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Null => false,
        _ => true,
    });
}
