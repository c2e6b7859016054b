//! A person's own content over the API, on both engines, under the pages' policy: the person
//! proposes and writes, the manager reads what is shared and acts on the conversation, the
//! people team reads nothing, and every read by someone else is in the person's trail.

use serde_json::{json, Value};
use trellis_testkit::team::{email, import_team_with_passwords};
use trellis_testkit::{both_engines, testdata, TestApp, TestDb};

async fn token_for(db: &TestDb, first_name: &str) -> String {
    let person = db.store.person_by_email(&email(first_name)).await.unwrap().unwrap();
    db.store.create_token(&person.id, "test").await.unwrap().1
}

/// Sends one API request; the status and the JSON answer.
async fn call(app: &TestApp, token: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = app.api().request(method, app.url(&format!("/api/v1{path}"))).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

use reqwest::Method;

both_engines! {
    async fn a_conversation_is_proposed_accepted_and_written_in_over_the_api(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let (ana, lena, hana) = (token_for(db, "Ana").await, token_for(db, "Lena").await, token_for(db, "Hana").await);
        let ana_id = team.id("Ana").to_string();

        let (status, playbook) = call(&app, &ana, Method::GET, "/playbooks/three-conversations", None).await;
        assert_eq!(status, 200, "{playbook}");
        let slot = playbook["steps"][0]["prompts"][0]["slot"].as_str().unwrap().to_string();
        assert_eq!(slot, "prep:0.0");

        let proposal = json!({"playbook_key": "three-conversations", "step": 0});
        let (status, proposed) = call(&app, &ana, Method::POST, &format!("/people/{ana_id}/conversations"), Some(proposal)).await;
        assert_eq!((status, proposed["conversation"]["state"].as_str()), (201, Some("proposed")), "{proposed}");
        let id = proposed["conversation"]["id"].as_str().unwrap().to_string();
        let (status, accepted) = call(&app, &lena, Method::POST, &format!("/conversations/{id}/moves"), Some(json!({"move": "accept"}))).await;
        assert_eq!((status, accepted["conversation"]["state"].as_str()), (200, Some("accepted")), "{accepted}");
        let (status, refused) = call(&app, &lena, Method::POST, &format!("/conversations/{id}/moves"), Some(json!({"move": "accept"}))).await;
        assert_eq!(status, 409, "accepting twice: {refused}");

        let document = |body: &str, revision: i64, shared: bool| Some(json!({"body": body, "revision": revision, "shared": shared}));
        let prep = format!("/conversations/{id}/documents/{slot}");
        let (status, saved) = call(&app, &ana, Method::PUT, &prep, document("I grew up by the sea.", 0, true)).await;
        assert_eq!((status, saved["revision"].as_i64()), (200, Some(1)), "{saved}");
        let (status, stale) = call(&app, &ana, Method::PUT, &prep, document("An older draft", 0, true)).await;
        assert_eq!(status, 409, "{stale}");
        let private = format!("/conversations/{id}/documents/private");
        assert_eq!(call(&app, &ana, Method::PUT, &private, document("Ask about the team move.", 0, false)).await.0, 200);

        let (_, seen) = call(&app, &lena, Method::GET, &format!("/conversations/{id}"), None).await;
        let bodies: Vec<&str> = seen["documents"].as_array().unwrap().iter().filter_map(|d| d["body"].as_str()).collect();
        assert_eq!((seen["side"].as_str(), bodies), (Some("manager"), vec!["I grew up by the sea."]), "{seen}");
        let (status, _) = call(&app, &hana, Method::GET, &format!("/conversations/{id}"), None).await;
        assert_eq!(status, 404, "the people team does not see conversations");
        let (_, listed) = call(&app, &hana, Method::GET, &format!("/people/{ana_id}/conversations"), None).await;
        assert_eq!(listed, json!([]));

        let (_, trail) = call(&app, &ana, Method::GET, "/me/audit", None).await;
        assert!(trail.as_array().unwrap().iter().any(|e| e["by"] == "Lena Park" && e["action"] == "read"), "{trail}");
        let (status, _) = call(&app, &lena, Method::GET, "/me/audit?page=0", None).await;
        assert_eq!(status, 400);
    }

    async fn the_plan_is_the_persons_and_the_manager_reads_what_is_shared(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let (ana, lena, hana) = (token_for(db, "Ana").await, token_for(db, "Lena").await, token_for(db, "Hana").await);
        let goals = format!("/people/{}/plan/goals", team.id("Ana"));
        let shared = json!({"fields": {"goal": "Lead the billing rewrite"}, "visibility": "shared"});
        let (status, goal) = call(&app, &ana, Method::POST, &goals, Some(shared)).await;
        assert_eq!(status, 201, "{goal}");
        let private = json!({"fields": {"goal": "Look at other teams"}});
        assert_eq!(call(&app, &ana, Method::POST, &goals, Some(private)).await.0, 201);
        let (status, body) = call(&app, &ana, Method::POST, &goals, Some(json!({"fields": {}}))).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("goal")), "{body}");

        let notes = format!("/people/{}/notes", team.id("Ana"));
        let (status, note) = call(&app, &lena, Method::POST, &notes, Some(json!({"body": "Ask about the conference talk.", "visibility": "shared"}))).await;
        assert_eq!(status, 201, "{note}");
        assert_eq!(call(&app, &lena, Method::POST, &notes, Some(json!({"body": "x", "visibility": "upward"}))).await.0, 422, "a manager writes private or shared");
        let (_, ana_notes) = call(&app, &ana, Method::GET, &notes, None).await;
        assert_eq!((ana_notes[0]["author"].as_str(), ana_notes[0]["deletable"].as_bool()), (Some("Lena Park"), Some(false)));
        assert_eq!(call(&app, &hana, Method::GET, &notes, None).await, (200, json!([])), "the people team reads no note");
        assert_eq!(call(&app, &ana, Method::DELETE, &format!("/notes/{}", note["id"].as_str().unwrap()), None).await.0, 403, "only its author deletes it");

        let plan = format!("/people/{}/plan?kind=goals", team.id("Ana"));
        let (_, lena_sees) = call(&app, &lena, Method::GET, &plan, None).await;
        let texts: Vec<&str> = lena_sees.as_array().unwrap().iter().filter_map(|g| g["fields"]["goal"].as_str()).collect();
        assert_eq!(texts, vec!["Lead the billing rewrite"]);
        let (_, hana_sees) = call(&app, &hana, Method::GET, &plan, None).await;
        assert_eq!(hana_sees, json!([]));
        assert_eq!(call(&app, &lena, Method::POST, &goals, Some(json!({"fields": {"goal": "Mine"}}))).await.0, 403);

        let item = format!("/plan/{}", goal["id"].as_str().unwrap());
        let change = json!({"fields": {"goal": "Lead the billing rewrite in Q3"}, "visibility": "shared", "revision": goal["revision"]});
        let (status, changed) = call(&app, &ana, Method::PATCH, &item, Some(change.clone())).await;
        assert_eq!((status, changed["revision"].as_i64()), (200, Some(goal["revision"].as_i64().unwrap() + 1)), "{changed}");
        assert_eq!(call(&app, &ana, Method::PATCH, &item, Some(change)).await.0, 409, "an old revision");
        assert_eq!(call(&app, &lena, Method::PUT, &format!("{item}/status"), Some(json!({"status": "achieved"}))).await.0, 404);
        let (status, achieved) = call(&app, &ana, Method::PUT, &format!("{item}/status"), Some(json!({"status": "achieved", "note": "Shipped."}))).await;
        assert_eq!((status, achieved["status"].as_str()), (200, Some("achieved")), "{achieved}");
        assert_eq!(call(&app, &ana, Method::DELETE, &item, None).await.0, 204);
        assert_eq!(call(&app, &ana, Method::GET, "/people/x/plan?kind=nope", None).await.0, 400);
    }

    async fn a_calendar_is_looked_back_through_and_tagged_into_the_journal(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = token_for(db, "Ana").await;
        let file = std::fs::read(testdata("icalendar/recurrence-timezones/recurring-ical-events__each_week_but_two_deleted.ics")).unwrap();
        let read = app
            .api()
            .post(app.url("/api/v1/me/journal/lookback?from=2019-03-01&to=2019-04-30&time_zone=Europe/Berlin"))
            .bearer_auth(&ana)
            .header("content-type", "text/calendar")
            .body(file)
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), 200);
        let read: Value = read.json().await.unwrap();
        let events = read["events"].as_array().unwrap();
        assert_eq!(events.len(), 6, "eight weeks less two deleted: {read}");
        let entries: Vec<Value> = events[..2]
            .iter()
            .zip(["love", "loathe"])
            .map(|(e, feeling)| json!({"activity": e["title"], "on": e["date"], "feeling": feeling}))
            .collect();
        let (status, saved) = call(&app, &ana, Method::POST, "/me/journal/lookback/entries", Some(json!({"entries": entries, "tags": "calendar"}))).await;
        assert_eq!((status, saved.as_array().map(Vec::len)), (201, Some(2)), "{saved}");
        let wrong = json!({"entries": [{"activity": "x", "on": "2019-03-01", "feeling": "meh"}, {"activity": "y", "on": "2019-03-02", "feeling": "love"}]});
        assert_eq!(call(&app, &ana, Method::POST, "/me/journal/lookback/entries", Some(wrong)).await.0, 422, "all or none");
        let me = db.store.person_by_email(&email("Ana")).await.unwrap().unwrap();
        let (_, journal) = call(&app, &ana, Method::GET, &format!("/people/{}/plan?kind=journal", me.id), None).await;
        assert_eq!(journal.as_array().map(Vec::len), Some(2));
    }

    async fn playbooks_are_imported_by_the_people_team_and_upward_goals_reach_the_managers_above(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let (ana, vic, hana) = (token_for(db, "Ana").await, token_for(db, "Vic").await, token_for(db, "Hana").await);
        let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/playbooks/one-on-one.toml"))
            .unwrap()
            .replace("key = \"one-on-one\"", "key = \"weekly-sync\"");
        let import = |token: &str, body: String| {
            app.api().post(app.url("/api/v1/playbooks")).bearer_auth(token).header("content-type", "text/plain").body(body).send()
        };
        assert_eq!(import(&ana, source.clone()).await.unwrap().status(), 403);
        let imported = import(&hana, source).await.unwrap();
        assert_eq!(imported.status(), 201);
        let (_, list) = call(&app, &ana, Method::GET, "/playbooks", None).await;
        assert!(list.as_array().unwrap().iter().any(|p| p["key"] == "weekly-sync"), "{list}");
        let broken = import(&hana, "[playbook]\nkey = ".into()).await.unwrap();
        assert_eq!(broken.status(), 422);
        let broken: Value = broken.json().await.unwrap();
        assert!(broken["message"].as_str().unwrap().contains("line"), "{broken}");

        let goals = format!("/people/{}/plan/goals", team.id("Ana"));
        let upward = json!({"fields": {"goal": "Mentor two new engineers"}, "visibility": "upward"});
        assert_eq!(call(&app, &ana, Method::POST, &goals, Some(upward)).await.0, 201);
        let (_, shared) = call(&app, &vic, Method::GET, "/me/shared-with-me", None).await;
        let items: Vec<&str> = shared.as_array().unwrap().iter().flat_map(|o| o["items"].as_array().unwrap()).filter_map(|i| i["text"].as_str()).collect();
        assert!(items.iter().any(|t| t.contains("Mentor two new engineers")), "{shared}");
        let (_, hana_shared) = call(&app, &hana, Method::GET, "/me/shared-with-me", None).await;
        assert_eq!(hana_shared, json!([]), "the people team is not above Ana");
    }
}
