//! PATCH and the User shape against the requests Okta and Microsoft Entra send, as their
//! provisioning guides show them.

use super::patch::apply;
use super::user::{ResourceMeta, UserState};
use super::ENTERPRISE_USER;
use serde_json::{json, Value};

fn ana() -> Value {
    json!({
        "schemas": [super::CORE_USER, ENTERPRISE_USER],
        "id": "p1", "userName": "ana@acme.test", "displayName": "Ana Ruiz", "active": true,
        "emails": [{"value": "ana@acme.test", "type": "work", "primary": true}],
        ENTERPRISE_USER: {"department": "Sales", "manager": {"value": "m1"}},
    })
}

fn patched(operations: Value) -> UserState {
    let body = json!({"schemas": [super::PATCH_OP], "Operations": operations});
    UserState::from_json(&apply(&ana(), &body).unwrap()).unwrap()
}

#[test]
fn okta_deactivates_with_a_value_object() {
    let user = patched(json!([{"op": "replace", "value": {"active": false}}]));
    assert!(!user.active);
    assert_eq!(user.department, "Sales");
}

#[test]
fn entra_sends_capitalised_ops_and_booleans_as_text() {
    let user = patched(json!([
        {"op": "Replace", "path": "active", "value": "False"},
        {"op": "Add", "path": "emails[type eq \"work\"].value", "value": "ana.ruiz@acme.test"},
        {"op": "Add", "path": "name.givenName", "value": "Ana"},
        {"op": "Replace", "path": format!("{ENTERPRISE_USER}:manager"), "value": "m2"},
        {"op": "Add", "path": format!("{ENTERPRISE_USER}:employeeNumber"), "value": 1042},
    ]));
    assert!(!user.active);
    assert_eq!(user.email.unwrap().as_str(), "ana.ruiz@acme.test");
    assert_eq!(user.given_name.as_deref(), Some("Ana"));
    assert_eq!(user.manager_id.as_deref(), Some("m2"));
    assert_eq!(user.employee_number.as_deref(), Some("1042"));
}

#[test]
fn a_new_filtered_item_is_made_when_none_matches() {
    let user = patched(json!([{"op": "replace", "path": "emails[type eq \"home\"].value", "value": "ana@home.test"}]));
    assert_eq!(user.email.unwrap().as_str(), "ana@acme.test", "the primary work address stays the one kept");
}

#[test]
fn the_manager_is_removed_by_its_path_and_the_extension_by_its_urn() {
    let user =
        patched(json!([{"op": "Remove", "path": format!("{ENTERPRISE_USER}:manager"), "value": [{"value": "m1"}]}]));
    assert_eq!((user.manager_id, user.department.as_str()), (None, "Sales"));
    let user = patched(json!([{"op": "remove", "path": ENTERPRISE_USER}]));
    assert_eq!((user.manager_id, user.department.as_str()), (None, ""));
}

#[test]
fn extension_attributes_inside_a_value_object_are_merged() {
    let user = patched(
        json!([{"op": "add", "value": {ENTERPRISE_USER: {"department": "Support"}, "name.familyName": "Ruiz"}}]),
    );
    assert_eq!((user.department.as_str(), user.manager_id.as_deref()), ("Support", Some("m1")));
    assert_eq!(user.family_name.as_deref(), Some("Ruiz"));
}

#[test]
fn what_cannot_be_done_is_refused_naming_the_operation() {
    let refuse = |operations: Value| apply(&ana(), &json!({"Operations": operations})).map(|_| ()).unwrap_err();
    let error = refuse(
        json!([{"op": "replace", "path": "title", "value": "x"}, {"op": "replace", "path": "id", "value": "p2"}]),
    );
    assert_eq!((error.scim_type, error.detail.as_str()), (Some("mutability"), "Operation 2: id cannot be changed."));
    assert_eq!(refuse(json!([{"op": "remove"}])).scim_type, Some("noTarget"));
    assert_eq!(refuse(json!([{"op": "move", "path": "title"}])).scim_type, Some("invalidSyntax"));
    assert_eq!(refuse(json!([])).scim_type, Some("invalidSyntax"));
    let error = UserState::from_json(&apply(&ana(), &json!({"Operations": [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "not an address"}]})).unwrap()).unwrap_err();
    assert!(error.detail.starts_with("emails.value"), "{}", error.detail);
}

#[test]
fn a_user_reads_back_as_it_was_written() {
    let user = UserState::from_json(&ana()).unwrap();
    let meta = ResourceMeta {
        id: "p1",
        users_url: "https://t.test/scim/v2/Users",
        created: String::new(),
        last_modified: String::new(),
    };
    let json = user.to_json(&meta);
    assert_eq!(json[ENTERPRISE_USER]["manager"], json!({"value": "m1", "$ref": "https://t.test/scim/v2/Users/m1"}));
    assert_eq!(UserState::from_json(&json).unwrap(), user);
    assert_eq!(user.roster_name(), "Ana Ruiz");
    let parts = UserState { given_name: Some("Ana".into()), family_name: Some("Ruiz".into()), ..UserState::default() };
    assert_eq!(parts.roster_name(), "Ana Ruiz");
}
