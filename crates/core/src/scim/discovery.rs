//! What a SCIM client reads to learn this server (RFC 7644 §4): the service provider's
//! features, the one resource type (User, with the enterprise extension) and the schemas,
//! listing exactly the attributes Trellis keeps.

use super::{CORE_USER, ENTERPRISE_USER};
use serde_json::{json, Value};

/// The largest page of Users one request returns.
pub const MAX_RESULTS: usize = 500;

const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const CONFIG_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

/// One attribute's definition, read-write and returned by default unless changed after.
fn attribute(name: &str, kind: &str, description: &str) -> Value {
    json!({
        "name": name, "type": kind, "multiValued": false, "description": description,
        "required": false, "caseExact": false, "mutability": "readWrite", "returned": "default",
        "uniqueness": "none",
    })
}

fn with(mut attribute: Value, changes: Value) -> Value {
    if let (Some(target), Some(changes)) = (attribute.as_object_mut(), changes.as_object()) {
        target.extend(changes.clone());
    }
    attribute
}

fn user_attributes() -> Vec<Value> {
    let text = |name, description| attribute(name, "string", description);
    vec![
        with(
            text("userName", "How the identity provider names the person; unique, any case."),
            json!({"required": true, "uniqueness": "server"}),
        ),
        with(
            attribute("name", "complex", "The parts of the person's name."),
            json!({"subAttributes": [
                text("formatted", "The whole name as it is written."),
                text("givenName", "Given name."),
                text("familyName", "Family name."),
            ]}),
        ),
        text("displayName", "The name Trellis shows; else the formatted name, else given and family name."),
        text("title", "Job title."),
        attribute("active", "boolean", "false: the person can no longer sign in and leaves the org chart."),
        with(
            attribute("emails", "complex", "The work address Trellis signs the person in with; one is kept."),
            json!({
                "multiValued": true,
                "subAttributes": [
                    text("value", "The address."),
                    with(text("type", "work, home or other."), json!({"canonicalValues": ["work", "home", "other"]})),
                    attribute("primary", "boolean", "Whether this is the address to use."),
                ],
            }),
        ),
    ]
}

fn enterprise_attributes() -> Vec<Value> {
    let text = |name, description| attribute(name, "string", description);
    vec![
        text("employeeNumber", "The employee id; unique."),
        text("department", "Department."),
        with(
            attribute("manager", "complex", "The person's manager, by their id here."),
            json!({"subAttributes": [
                text("value", "The manager's id."),
                with(attribute("$ref", "reference", "The manager's address here."), json!({"referenceTypes": ["User"]})),
            ]}),
        ),
    ]
}

fn meta_schema(id: &str, name: &str, attributes: &[(&str, &str)]) -> (String, String, Vec<Value>) {
    let list = attributes
        .iter()
        .map(|(name, kind)| with(attribute(name, kind, name), json!({"mutability": "readOnly"})))
        .collect();
    (id.to_string(), name.to_string(), list)
}

/// Every schema, as `(id, name, attributes)`.
fn schema_parts() -> Vec<(String, String, Vec<Value>)> {
    vec![
        (CORE_USER.into(), "User".into(), user_attributes()),
        (ENTERPRISE_USER.into(), "EnterpriseUser".into(), enterprise_attributes()),
        meta_schema(SCHEMA_SCHEMA, "Schema", &[("id", "string"), ("name", "string"), ("description", "string")]),
        meta_schema(
            RESOURCE_TYPE_SCHEMA,
            "ResourceType",
            &[("id", "string"), ("name", "string"), ("endpoint", "reference"), ("schema", "reference")],
        ),
        meta_schema(CONFIG_SCHEMA, "ServiceProviderConfig", &[("documentationUri", "reference")]),
    ]
}

/// The schemas, each with its `meta.location` under `base` (`…/scim/v2`).
pub fn schemas(base: &str) -> Vec<Value> {
    schema_parts()
        .into_iter()
        .map(|(id, name, attributes)| {
            json!({
                "schemas": [SCHEMA_SCHEMA], "id": id, "name": name,
                "description": format!("The {name} resource as this server keeps it."),
                "attributes": attributes,
                "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")},
            })
        })
        .collect()
}

/// The resource types: Users only.
pub fn resource_types(base: &str) -> Vec<Value> {
    vec![json!({
        "schemas": [RESOURCE_TYPE_SCHEMA], "id": "User", "name": "User", "endpoint": "/Users",
        "description": "A person in the roster.", "schema": CORE_USER,
        "schemaExtensions": [{"schema": ENTERPRISE_USER, "required": false}],
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User")},
    })]
}

/// What this server supports.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": [CONFIG_SCHEMA],
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": false},
        "sort": {"supported": false},
        "etag": {"supported": true},
        "authenticationSchemes": [{
            "type": "oauthbearertoken", "name": "Bearer token", "primary": true,
            "description": "A provisioning token made with `trellis token create --scim`.",
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")},
    })
}
