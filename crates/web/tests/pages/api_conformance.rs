//! The JSON API checked by independent tools against a live server, on SQLite and PostgreSQL:
//! openapi-spec-validator reads the OpenAPI document, and schemathesis sends generated requests
//! (valid and invalid, every check) and compares each answer with what the document promises.
//! Also the error format, for the mistakes a client makes most.

use serde_json::Value;
use std::path::Path;
use trellis_testkit::python::{check_openapi, schemathesis};
use trellis_testkit::team::{email, import_team_with_passwords};
use trellis_testkit::{both_engines, TestApp, TestDb};

/// Generated requests per operation: enough to find a mismatch, bounded for CI.
const EXAMPLES: u32 = 25;

async fn token_for(db: &TestDb, first_name: &str) -> String {
    let person = db.store.person_by_email(&email(first_name)).await.unwrap().unwrap();
    db.store.create_token(&person.id, "test").await.unwrap().1
}

/// The report's failures section, first and short (a CI log keeps only the ends of a long
/// message), then the rest.
fn failures_first(report: &str) -> String {
    let start = report.find("FAILURES").unwrap_or(0);
    let end = report[start..].find("SUMMARY").map_or(report.len(), |at| start + at);
    let failures: String = report[start..end].chars().take(4000).collect();
    format!("{failures}\n--- the whole report ---\n{report}")
}

async fn json(response: reqwest::Response) -> (u16, Value) {
    (response.status().as_u16(), response.json().await.unwrap())
}

both_engines! {
    async fn the_openapi_document_is_valid_and_schemathesis_finds_nothing(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let document = app.api().get(app.url("/api/v1/openapi.json")).send().await.unwrap().text().await.unwrap();
        check_openapi(&document).unwrap_or_else(|problem| panic!("openapi-spec-validator: {problem}"));
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/schemathesis.toml");
        let token = token_for(db, "Hana").await;
        match schemathesis(&app.url("/api/v1/openapi.json"), &token, &config, EXAMPLES, 17) {
            Ok(report) => {
                let summary = report.lines().filter(|line| line.contains("generated")).collect::<Vec<_>>().join("");
                eprintln!("schemathesis: {}", summary.trim());
                assert!(summary.contains("passed"), "{report}");
            }
            Err(report) => panic!("schemathesis found problems:\n{}", failures_first(&report)),
        }
    }

    async fn mistakes_are_answered_in_the_error_format_in_words(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let admin = token_for(db, "Hana").await;
        let unauthorized = app.api().get(app.url("/api/v1/people")).send().await.unwrap();
        assert_eq!(unauthorized.headers()["www-authenticate"], "Bearer realm=\"trellis\"");

        let wrong_method = app.api().delete(app.url("/api/v1/people")).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(json(wrong_method).await, (405, serde_json::json!({"error": "method_not_allowed", "message": "This endpoint does not take that method."})));

        let (status, body) = json(app.api().get(app.url("/api/v1/people?per_page=lots")).bearer_auth(&admin).send().await.unwrap()).await;
        assert_eq!((status, body["error"].as_str(), body["fields"][0]["field"].as_str()), (400, Some("bad_request"), Some("per_page")));

        let people = app.url("/api/v1/people");
        let (status, body) = json(app.api().post(&people).bearer_auth(&admin).header("content-type", "application/json").body("{\"name\": ").send().await.unwrap()).await;
        assert_eq!((status, body["message"].as_str()), (400, Some("The body is not valid JSON.")));
        let (status, body) = json(app.api().post(&people).bearer_auth(&admin).json(&serde_json::json!({"name": 3})).send().await.unwrap()).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("name")));
        assert!(!body.to_string().contains("column"), "{body}");
        let (status, body) = json(app.api().post(&people).bearer_auth(&admin).json(&serde_json::json!({"name": "Zoe", "start_date": "2024-02-04*"})).send().await.unwrap()).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("start_date")), "a date and nothing after it");
        let proposal = serde_json::json!({"playbook_key": "three\u{0}conversations"});
        let propose = app.url(&format!("/api/v1/people/{}/conversations", team.id("Hana")));
        let (status, body) = json(app.api().post(&propose).bearer_auth(&admin).json(&proposal).send().await.unwrap()).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("playbook_key")), "a NUL is refused, not a 500 on PostgreSQL");
        let (status, _) = json(app.api().post(&people).bearer_auth(&admin).body("name=Zoe").send().await.unwrap()).await;
        assert_eq!(status, 415);

        let history = app.url(&format!("/api/v1/people/{}/manager-history", team.id("Cy")));
        app.api().put(app.url(&format!("/api/v1/people/{}/manager", team.id("Cy")))).bearer_auth(&admin).json(&serde_json::json!({"manager_id": team.id("Ben")})).send().await.unwrap();
        let (_, changes) = json(app.api().get(&history).bearer_auth(&admin).send().await.unwrap()).await;
        let at = changes[0]["at"].as_str().unwrap();
        assert!(at.parse::<jiff::Timestamp>().is_ok() && at.ends_with('Z'), "{at}");
    }
}
