//! HTTP tests of conversations through the pages: proposing, answering, scheduling with the
//! lead-time warning, preparing, the conversation page for each side, autosave and the
//! conflict page. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::conversation::State;
use trellis_testkit::team::{import_team_with_passwords, signed_in, Team};
use trellis_testkit::{both_engines, TestApp, Visitor};

fn date_in_days(days: i64) -> String {
    let now = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/Berlin").unwrap());
    now.date().checked_add(jiff::Span::new().days(days)).unwrap().to_string()
}

/// Lena proposes the three conversations to Ana; returns the ids of the steps in order.
async fn propose_series(app: &TestApp, team: &Team, lena: &Visitor) -> Vec<String> {
    let form = format!("/people/{}/conversations/new", team.id("Ana"));
    assert!(lena.get(&form).await.has("Three career conversations"));
    let posted =
        lena.post(&format!("/people/{}/conversations", team.id("Ana")), &[("what", "three-conversations")]).await;
    let location = posted.location().expect("a redirect to the new conversation").to_string();
    assert!(location.starts_with("/conversations/"), "{location}");
    let page = lena.get(&location).await;
    assert!(page.has("Proposed") && page.has("The series"));
    let _ = app;
    let mut ids = Vec::new();
    for chunk in page.body.split("href=\"/conversations/").skip(1) {
        let id = &chunk[..36];
        if !ids.iter().any(|known: &String| known == id) {
            ids.push(id.to_string());
        }
    }
    let first = location.trim_start_matches("/conversations/").split('?').next().unwrap().to_string();
    ids.insert(0, first);
    ids.dedup();
    ids
}

both_engines! {
    async fn a_proposed_series_is_accepted_scheduled_and_prepared_for(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let ids = propose_series(&app, &team, &lena).await;
        assert_eq!(ids.len(), 3, "{ids:?}");

        let ana = signed_in(&app, "Ana").await;
        let home = ana.get("/").await;
        assert!(home.has("Your story so far") && home.has("Your answer"), "the proposal waits for Ana's answer");
        let page = ana.get(&format!("/conversations/{}", ids[1])).await;
        assert!(page.has("Declining is fine") && page.has("appear here once a time is agreed"));
        let accepted = ana.post(&format!("/conversations/{}/moves", ids[1]), &[("move", "accept"), ("skip", ids[0].as_str())]).await;
        assert_eq!(accepted.status, 303, "{}", accepted.body);
        let states: Vec<State> = db.store.conversations_of(&team.actor("Ana"), &team.id("Ana")).await.unwrap().iter().map(|c| c.state).collect();
        assert_eq!(states.iter().filter(|s| **s == State::Skipped).count(), 1);
        assert_eq!(states.iter().filter(|s| **s == State::Accepted).count(), 2);

        // Lena schedules inside the fourteen-day lead time: a warning first, then confirmed.
        let moves = format!("/conversations/{}/moves", ids[1]);
        lena.get(&format!("/conversations/{}", ids[1])).await;
        let time = [("move", "schedule"), ("time", "10:00"), ("minutes", "45"), ("time_zone", "Europe/Berlin")];
        let soon = date_in_days(3);
        let mut fields = time.to_vec();
        fields.push(("date", soon.as_str()));
        let warned = lena.post(&moves, &fields).await;
        assert_eq!(warned.status, 422);
        assert!(warned.has("days to prepare") && warned.has("Keep this date"), "{}", warned.body);
        fields.push(("confirm_short_notice", "yes"));
        assert_eq!(lena.post(&moves, &fields).await.status, 303);
        let page = lena.get(&format!("/conversations/{}", ids[1])).await;
        assert!(page.has("10:00 in Europe/Berlin") && page.has("45 minutes"), "{}", page.body);
        assert!(page.has("Coaching tips") && page.has("GROW"));

        // Ana now sees the prompts and prepares: one answer shared, one kept to herself.
        let page = ana.get(&format!("/conversations/{}", ids[1])).await;
        assert!(!page.has("appear here once a time is agreed") && !page.has("Coaching tips"));
        let documents = format!("/conversations/{}/documents", ids[1]);
        let shared = ana.post(&documents, &[("slot", "prep:0.0"), ("revision", "0"), ("body", "Teaching <others>"), ("share", "yes")]).await;
        assert_eq!(shared.status, 303);
        ana.post(&documents, &[("slot", "prep:0.1"), ("revision", "0"), ("body", "kept to myself")]).await;
        let boundaries = ana.post(&format!("/people/{}/boundaries", team.id("Ana")), &[("revision", "0"), ("body", "My family plans")]).await;
        assert_eq!(boundaries.status, 303);

        let page = lena.get(&format!("/conversations/{}", ids[1])).await;
        assert!(page.has("Teaching &#60;others&#62;"), "shared prep is shown, escaped");
        assert!(!page.has("kept to myself"));
        assert!(page.has("Off-limits for Ana Ruiz") && page.has("My family plans"));
        let forbidden = lena.post(&documents, &[("slot", "prep:0.2"), ("revision", "0"), ("body", "x")]).await;
        assert_eq!(forbidden.status, 403, "the manager cannot write the person's prep");
    }

    async fn autosave_answers_in_json_and_a_stale_save_shows_both_versions(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let ids = propose_series(&app, &team, &lena).await;
        let documents = format!("/conversations/{}/documents", ids[0]);
        let ana = signed_in(&app, "Ana").await;
        ana.get(&format!("/conversations/{}", ids[0])).await;
        let autosave = |visitor: &Visitor, revision: &'static str, body: &'static str| {
            let request = visitor
                .client
                .post(app.url(&documents))
                .header("Accept", "application/json")
                .form(&[("csrf_token", visitor.csrf_token()), ("slot", "shared".into()), ("revision", revision.into()), ("body", body.into())]);
            async move {
                let response = request.send().await.unwrap();
                (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap())
            }
        };
        let (status, saved) = autosave(&ana, "0", "agenda").await;
        assert_eq!((status, saved["revision"].as_i64()), (200, Some(1)));
        let (status, _) = autosave(&lena, "1", "agenda, mentors").await;
        assert_eq!(status, 200);
        let (status, stale) = autosave(&ana, "1", "agenda, training").await;
        assert_eq!((status, stale["error"].as_str(), stale["revision"].as_i64()), (409, Some("stale"), Some(2)));

        // Without the script, the same stale save shows both versions to resolve.
        let conflict = ana.post(&documents, &[("slot", "shared"), ("revision", "1"), ("body", "agenda, training")]).await;
        assert_eq!(conflict.status, 409);
        assert!(conflict.has("Two versions") && conflict.has("agenda, mentors") && conflict.has("agenda, training"));
        assert!(conflict.has("name=\"revision\" value=\"2\""));
        let resolved = ana.post(&documents, &[("slot", "shared"), ("revision", "2"), ("body", "agenda, mentors, training")]).await;
        assert_eq!(resolved.status, 303);
        assert!(lena.get(&format!("/conversations/{}", ids[0])).await.has("agenda, mentors, training"));
    }

    async fn outsiders_get_nothing_and_bad_input_is_named(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let ids = propose_series(&app, &team, &lena).await;
        for outsider in ["Hana", "Ben", "Vic", "Cy"] {
            let visitor = signed_in(&app, outsider).await;
            let page = visitor.get(&format!("/conversations/{}", ids[0])).await;
            assert_eq!(page.status, 404, "{outsider}");
            let proposing = visitor.post(&format!("/people/{}/conversations", team.id("Ana")), &[("what", "six-month")]).await;
            assert_eq!(proposing.status, 403, "{outsider}");
        }
        let bad = lena.post(&format!("/people/{}/conversations", team.id("Ana")), &[("what", "six-month"), ("date", "31/12/2030"), ("time", "9am"), ("time_zone", "Nowhere/Land")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.has("must be a date like") && bad.has("must be a time like") && bad.has("not a time zone we know"), "{}", bad.body);
        let unknown = lena.post(&format!("/conversations/{}/moves", ids[0]), &[("move", "teleport")]).await;
        assert_eq!(unknown.status, 422);
        assert!(unknown.has("is not something you can do here"));
        let own = lena.post(&format!("/conversations/{}/moves", ids[0]), &[("move", "accept")]).await;
        assert_eq!(own.status, 422);
        assert!(own.has("the other side answers a proposal"), "{}", own.body);
    }

    async fn a_declined_conversation_offers_nothing_to_write(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let ids = propose_series(&app, &team, &lena).await;
        let ana = signed_in(&app, "Ana").await;
        let declined = ana.post(&format!("/conversations/{}/moves", ids[0]), &[("move", "decline")]).await;
        assert_eq!(declined.status, 303);
        for visitor in [&ana, &lena] {
            let page = visitor.get(&format!("/conversations/{}", ids[0])).await;
            assert!(page.has("was declined, so it will not take place"), "{}", page.body);
            assert!(!page.has("<textarea") && !page.has("Coaching tips"), "{}", page.body);
        }
        let documents = format!("/conversations/{}/documents", ids[0]);
        let refused = lena.post(&documents, &[("slot", "shared"), ("revision", "0"), ("body", "notes after all")]).await;
        assert_eq!(refused.status, 409);
        assert!(refused.has("nothing is written in it"), "{}", refused.body);
    }

    async fn the_what_next_box_offers_one_way_for_each_thing_and_warns_past_the_series_window(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let ids = propose_series(&app, &team, &lena).await;
        let ana = signed_in(&app, "Ana").await;
        let proposed = ana.get(&format!("/conversations/{}", ids[0])).await;
        assert!(proposed.has("Skip “Your story so far”"), "accepting offers the skip");
        assert!(!proposed.has("Skip this step"), "and no second way to skip: {}", proposed.body);
        assert_eq!(ana.post(&format!("/conversations/{}/moves", ids[0]), &[("move", "accept")]).await.status, 303);
        let first = [("move", "schedule"), ("date", &date_in_days(20)), ("time", "10:00"), ("time_zone", "Europe/Berlin"), ("minutes", "60")];
        let scheduled = lena.post(&format!("/conversations/{}/moves", ids[0]), &first).await;
        assert_eq!(scheduled.status, 303, "{}", scheduled.body);
        // Dreams 40 days after the life story is past the 30-day window: a warning to confirm.
        let late = date_in_days(60);
        let second = [("move", "schedule"), ("date", late.as_str()), ("time", "10:00"), ("time_zone", "Europe/Berlin"), ("minutes", "60")];
        let warned = lena.post(&format!("/conversations/{}/moves", ids[1]), &second).await;
        assert_eq!(warned.status, 422);
        assert!(warned.has("after the series window") && warned.has("Keep this date"), "{}", warned.body);
        let kept: Vec<(&str, &str)> = second.iter().copied().chain([("confirm_short_notice", "yes")]).collect();
        assert_eq!(lena.post(&format!("/conversations/{}/moves", ids[1]), &kept).await.status, 303);
        // A scheduled conversation asks the person why a new time: two labelled reasons, one button.
        let page = ana.get(&format!("/conversations/{}", ids[0])).await;
        assert!(page.has("Why a new time?") && page.has("I need more time to prepare") && page.has("Another time suits us better"), "{}", page.body);
    }
}
