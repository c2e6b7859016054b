//! HTTP tests of the JSON API: bearer tokens only, the error format, people and imports, and
//! the OpenAPI document — on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, testdata, TestApp};

async fn token_for(db: &trellis_testkit::TestDb, first_name: &str) -> String {
    let person = db.store.person_by_email(&email(first_name)).await.unwrap().unwrap();
    db.store.create_token(&person.id, "test").await.unwrap().1
}

async fn json(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

both_engines! {
    async fn the_api_needs_a_bearer_token_and_ignores_cookies(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let (status, body) = json(app.api().get(app.url("/api/v1/people")).send().await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (401, Some("unauthorized")));
        let forged = app.api().get(app.url("/api/v1/people")).bearer_auth("trellis_forged").send().await.unwrap();
        assert_eq!(forged.status(), 401);
        let browser = app.visitor();
        browser.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let with_cookie = browser.client.get(app.url("/api/v1/people")).send().await.unwrap();
        assert_eq!(with_cookie.status(), 401, "a session cookie is not an API credential");
        let unknown = app.api().get(app.url("/api/v1/nothing")).send().await.unwrap();
        assert_eq!(json(unknown).await, (404, json!({"error": "not_found", "message": "There is no such API endpoint."})));
    }

    async fn people_are_listed_filtered_and_paged(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let token = token_for(db, "Ana").await;
        let get = |path: String| app.api().get(app.url(&path)).bearer_auth(&token).send();
        let (status, page) = json(get("/api/v1/people?department=Engineering&per_page=2&page=1".into()).await.unwrap()).await;
        assert_eq!(status, 200);
        assert_eq!(page["total"], 5);
        assert_eq!(page["people"].as_array().unwrap().len(), 2);
        assert_eq!(page["people"][0]["name"], "Ana Ruiz");
        let (_, reports) = json(get(format!("/api/v1/people?manager_id={}", team.id("Lena"))).await.unwrap()).await;
        assert_eq!(reports["total"], 2);
        let (status, one) = json(get(format!("/api/v1/people/{}", team.id("Cy"))).await.unwrap()).await;
        assert_eq!((status, one["manager_id"].as_str()), (200, Some(team.id("Ana").as_str())));
        let (status, missing) = json(get("/api/v1/people/not-an-id".into()).await.unwrap()).await;
        assert_eq!((status, missing["error"].as_str()), (404, Some("not_found")));
    }

    async fn only_the_people_team_changes_the_roster_and_bad_bodies_get_clear_errors(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let admin = token_for(db, "Hana").await;
        let person = token_for(db, "Ana").await;
        let post = |token: &str, body: Value| app.api().post(app.url("/api/v1/people")).bearer_auth(token).json(&body).send();
        let (status, body) = json(post(&person, json!({"name": "Zoe Quinn"})).await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (403, Some("forbidden")));
        let (status, body) = json(post(&admin, json!({"name": "", "email": "zoe@"})).await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (422, Some("invalid")));
        let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "email"]);
        let (status, body) = json(post(&admin, json!({"name": "Zoe", "unexpected": 1})).await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (422, Some("invalid")), "{body}");
        let malformed = app.api().post(app.url("/api/v1/people")).bearer_auth(&admin).header("content-type", "application/json").body("{\"name\":").send().await.unwrap();
        let (status, body) = json(malformed).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("bad_request")));
        let huge = json!({"name": "x".repeat(2 * 1024 * 1024)});
        let (status, body) = json(post(&admin, huge).await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (413, Some("payload_too_large")));
        let myself = app.api().post(app.url(&format!("/api/v1/people/{}/deactivate", team.id("Hana")))).bearer_auth(&admin).send().await.unwrap();
        assert_eq!(json(myself).await.0, 403, "nobody deactivates themselves");
        let (status, made) = json(post(&admin, json!({"name": "Zoe Quinn", "email": "zoe@acme.test", "manager_id": team.id("Lena")})).await.unwrap()).await;
        assert_eq!(status, 201);
        assert_eq!(made["manager_id"].as_str(), Some(team.id("Lena").as_str()));
        let patched = app.api().patch(app.url(&format!("/api/v1/people/{}", made["id"].as_str().unwrap()))).bearer_auth(&admin).json(&json!({"title": "Designer"})).send().await.unwrap();
        let (status, patched) = json(patched).await;
        assert_eq!((status, patched["title"].as_str(), patched["email"].as_str()), (200, Some("Designer"), Some("zoe@acme.test")));
    }

    async fn manager_changes_through_the_api_refuse_loops_and_keep_history(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let admin = token_for(db, "Hana").await;
        let put = |person: String, body: Value| app.api().put(app.url(&format!("/api/v1/people/{person}/manager"))).bearer_auth(&admin).json(&body).send();
        let (status, body) = json(put(team.id("Vic").to_string(), json!({"manager_id": team.id("Cy")})).await.unwrap()).await;
        assert_eq!((status, body["error"].as_str()), (409, Some("conflict")));
        assert!(body["fields"][0]["message"].as_str().unwrap().contains("loop"), "{body}");
        let (status, _) = json(put(team.id("Cy").to_string(), json!({"manager_id": team.id("Ben")})).await.unwrap()).await;
        assert_eq!(status, 200);
        let history = app.api().get(app.url(&format!("/api/v1/people/{}/manager-history", team.id("Cy")))).bearer_auth(&admin).send().await.unwrap();
        let (status, history) = json(history).await;
        assert_eq!((status, history[0]["source"].as_str()), (200, Some("api")));
        let ben = token_for(db, "Ben").await;
        let peer = app.api().get(app.url(&format!("/api/v1/people/{}/manager-history", team.id("Ana")))).bearer_auth(&ben).send().await.unwrap();
        assert_eq!(peer.status(), 403);
    }

    async fn rosters_import_through_the_api_all_or_nothing(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let admin = token_for(db, "Hana").await;
        let import = |query: &str, body: Vec<u8>| app.api().post(app.url(&format!("/api/v1/roster/import{query}"))).bearer_auth(&admin).header("content-type", "text/csv").body(body).send();
        let oracle = std::fs::read(testdata("oracle-hr-schema/employees.csv")).unwrap();
        let (status, dry) = json(import("?dry_run=true&email_domain=oracle.example", oracle.clone()).await.unwrap()).await;
        assert_eq!((status, dry["applied"].as_bool(), dry["created"].as_u64()), (200, Some(false), Some(107)));
        let (status, refused) = json(import("", oracle.clone()).await.unwrap()).await;
        assert_eq!(status, 422);
        assert_eq!(refused["errors"][0]["row"], 2);
        assert_eq!(refused["errors"][0]["column"], "email");
        assert_eq!(db.store.count_people().await.unwrap(), 7);
        let (status, done) = json(import("?email_domain=oracle.example", oracle).await.unwrap()).await;
        assert_eq!((status, done["applied"].as_bool()), (200, Some(true)));
        assert_eq!(db.store.count_people().await.unwrap(), 114);
        let (status, body) = json(import("?unknown_manager=maybe", b"name\nA\n".to_vec()).await.unwrap()).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (400, Some("unknown_manager")));
    }

    async fn a_token_reads_its_own_person_and_space_and_no_one_else_s(db) {
        let team = import_team_with_passwords(&db.store).await;
        let ana = team.actor("Ana");
        db.store.add_note(&ana, &ana.id, trellis_core::policy::Visibility::Private, "Only mine 6c2a").await.unwrap();
        let app = TestApp::start(db).await;
        let (ana_token, hana_token) = (token_for(db, "Ana").await, token_for(db, "Hana").await);
        let (status, me) = json(app.api().get(app.url("/api/v1/me")).bearer_auth(&ana_token).send().await.unwrap()).await;
        assert_eq!((status, me["name"].as_str()), (200, Some("Ana Ruiz")));
        let export = app.api().get(app.url("/api/v1/me/export")).bearer_auth(&ana_token).send().await.unwrap();
        assert_eq!(export.status(), 200);
        assert!(export.text().await.unwrap().contains("Only mine 6c2a"));
        let admins = app.api().get(app.url("/api/v1/me/export")).bearer_auth(&hana_token).send().await.unwrap();
        assert_eq!(admins.status(), 200);
        assert!(!admins.text().await.unwrap().contains("Only mine 6c2a"), "the people team gets only its own space");
    }

    async fn the_openapi_document_describes_every_endpoint(db) {
        let app = TestApp::start(db).await;
        let response = app.api().get(app.url("/api/v1/openapi.json")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let doc: Value = response.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in ["/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/{id}/manager", "/api/v1/roster/import"] {
            assert!(doc["paths"][path].is_object(), "{path} is documented");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        assert!(doc["components"]["schemas"]["ApiErrorBody"].is_object());
    }
}
