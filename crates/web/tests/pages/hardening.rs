//! HTTP tests of what attacking Trellis from outside found: an upload that must not take the
//! server down, redirects that must stay on the site, cookies, origins and headers, forms that
//! are not UTF-8, the client address behind a proxy, and the people team's password links.
//! SQLite and PostgreSQL.

use trellis_testkit::team::{email, import_team_with_passwords, signed_in, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_calendar_of_deeply_nested_components_is_refused_and_the_server_keeps_answering(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        let mut ics = String::from("BEGIN:VCALENDAR\r\n");
        ics.push_str(&"BEGIN:VEVENT\r\n".repeat(1_600));
        ics.push_str(&"END:VEVENT\r\n".repeat(1_600));
        ics.push_str("END:VCALENDAR\r\n");
        ana.get(&import).await;
        let fields = [("from", "2024-01-01"), ("to", "2024-01-31")];
        let refused = ana.upload_as(&import, ("calendar", "deep.ics", "text/calendar"), ics.into_bytes(), &fields).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert!(refused.has("nested 9 deep"), "{}", refused.body);
        assert_eq!(ana.get("/").await.status, 200, "the server is still up");
    }

    async fn after_sign_in_only_paths_of_this_site_are_followed(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        for next in ["/%09/evil.example", "/%0A/evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "/a%0D%0ASet-Cookie:%20x=1"] {
            let page = ana.get(&format!("/sign-in?next={next}")).await;
            assert_eq!((page.status, page.location()), (303, Some("/")), "{next}");
        }
        assert_eq!(ana.get("/sign-in?next=/me/audit").await.location(), Some("/me/audit"));
    }

    async fn signing_in_from_a_browser_with_a_stale_session_cookie_keeps_the_new_session(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        // The session ends on the server (as after a password change) but the browser keeps it.
        let stale = ana.get("/").await;
        assert!(stale.has("Welcome, Ana"));
        db.store.set_password(&_team.id("Ana"), TEAM_PASSWORD).await.unwrap();
        let posted = ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let removals = posted.headers.get_all("set-cookie").iter().filter(|c| c.to_str().unwrap().starts_with("trellis_session=;")).count();
        assert_eq!(removals, 0, "{:?}", posted.headers);
        assert!(ana.get("/").await.has("Welcome, Ana"), "signed in at the first try");
    }

    async fn a_form_posted_from_the_same_host_over_another_scheme_is_refused(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let token = ana.csrf_token();
        let host = app.base_url.trim_start_matches("http://").to_string();
        for (origin, status) in [(format!("https://{host}"), 403), (app.base_url.clone(), 303)] {
            let response = ana.client.post(app.url("/sign-out")).header("origin", &origin).form(&[("csrf_token", token.as_str())]).send().await.unwrap();
            assert_eq!(response.status().as_u16(), status, "{origin}");
        }
    }

    async fn every_response_forbids_browser_features_and_https_is_kept_once_seen(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let plain = TestApp::start(db).await;
        let page = plain.visitor().get("/sign-in").await;
        assert!(page.headers["permissions-policy"].to_str().unwrap().contains("camera=()"));
        assert!(page.headers.get("strict-transport-security").is_none(), "not over plain http");
        let https = TestApp::start_with(db, |config| config.public_url = "https://trellis.example".into()).await;
        let page = https.visitor().get("/sign-in").await;
        assert_eq!(page.headers["strict-transport-security"], "max-age=31536000");
    }

    async fn a_form_that_is_not_utf8_is_refused_and_nothing_is_saved(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let space = format!("/people/{}/space", team.id("Ana"));
        ana.get(&space).await;
        let body = format!("csrf_token={}&visibility=private&body=caf%E9", ana.csrf_token());
        let response = ana.client.post(app.url(&format!("{space}/notes"))).header("content-type", "application/x-www-form-urlencoded").body(body).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
        let text = response.text().await.unwrap();
        assert!(text.contains("body") && text.contains("holds characters that are not valid text"), "{text}");
        assert!(db.store.notes_for(&team.actor("Ana"), &team.id("Ana")).await.unwrap().is_empty());
    }

    async fn behind_a_proxy_the_address_it_saw_is_throttled_not_the_one_the_client_wrote(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start_with(db, |config| {
            config.trust_forwarded_for = true;
            config.sign_in_limits.per_account = 3;
        })
        .await;
        let attacker = app.visitor();
        attacker.get("/sign-in").await;
        let token = attacker.csrf_token();
        let mut statuses = Vec::new();
        for i in 0..6 {
            let form = [("csrf_token", token.as_str()), ("email", "ana@acme.test"), ("password", "guess"), ("next", "/")];
            // The client writes a new address each time; the proxy appends the one it saw.
            let forwarded = format!("203.0.113.{i}, 198.51.100.7");
            let response = attacker.client.post(app.url("/sign-in")).header("x-forwarded-for", forwarded).form(&form).send().await.unwrap();
            statuses.push(response.status().as_u16());
        }
        assert_eq!(statuses, [401, 401, 401, 429, 429, 429]);
    }

    async fn a_password_link_the_people_team_makes_is_announced_and_shown_in_the_trail(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = signed_in(&app, "Hana").await;
        hana.get(&format!("/people/{}", team.id("Ana"))).await;
        let made = hana.post(&format!("/people/{}/invite", team.id("Ana")), &[]).await;
        assert!(made.has("Password reset link"), "{}", made.body);
        assert!(made.has("recorded in Ana Ruiz"), "the admin is told it is not quiet: {}", made.body);
        let start = made.body.find("/reset/").unwrap();
        let path: String = made.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-' || *c == '_').collect();
        let taker = app.visitor();
        taker.get(&path).await;
        let set = taker.post(&path, &[("password", "hana chose this"), ("password_confirmation", "hana chose this")]).await;
        assert_eq!(set.location(), Some("/sign-in?done=password"));
        let posted = taker.sign_in(&email("Ana"), "hana chose this").await;
        assert_eq!(posted.location(), Some("/"), "sent to the home page, where the notice is");
        let home = taker.get("/").await;
        assert!(home.has("Your password was set through a link made by Hana Kim"), "{}", home.body);
        taker.get(&format!("/people/{}/plan", team.id("Ana"))).await;
        let trail = taker.get("/me/audit").await;
        assert!(trail.has("made a link to set your password"), "{}", trail.body);
        assert!(trail.has("You or Hana Kim"), "{}", trail.body);
        assert!(trail.has("signed in as you"), "{}", trail.body);
    }
}

both_engines! {
    async fn only_the_person_or_the_people_team_after_they_left_may_delete_a_space_and_only_when_confirmed(db) {
        let team = import_team_with_passwords(&db.store).await;
        db.store.add_note(&team.actor("Ana"), &team.id("Ana"), trellis_core::policy::Visibility::Shared, "Wombatmarker").await.unwrap();
        let app = TestApp::start(db).await;
        let path = format!("/people/{}/space/delete", team.id("Ana"));
        for outsider in ["Lena", "Vic", "Hana"] {
            let visitor = signed_in(&app, outsider).await;
            assert_eq!(visitor.get(&path).await.status, 403, "{outsider}");
        }
        let ana = signed_in(&app, "Ana").await;
        assert!(ana.get(&path).await.has("Notes: 1"));
        let unconfirmed = ana.post(&path, &[]).await;
        assert_eq!(unconfirmed.status, 422);
        assert_eq!(db.store.notes_for(&team.actor("Ana"), &team.id("Ana")).await.unwrap().len(), 1, "nothing deleted without the tick");
        db.store.set_person_active(None, &team.id("Ana"), false).await.unwrap();
        let hana = signed_in(&app, "Hana").await;
        let page = hana.get(&path).await;
        assert!(page.has("Notes: 1") && !page.has("Wombatmarker"), "counts, never content: {}", page.body);
        assert_eq!(hana.post(&path, &[("confirm", "yes")]).await.status, 303);
        assert!(db.places_holding("Wombatmarker").await.is_empty());
    }

    async fn the_consent_form_names_what_is_missing_and_only_the_person_answers_it(db) {
        let team = import_team_with_passwords(&db.store).await;
        db.store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        assert!(ana.get("/").await.has("You have a new manager: Ben Ode"));
        ana.get("/me/handoff").await;
        let none_ticked = ana.post("/me/handoff", &[("choice", "topics")]).await;
        assert_eq!(none_ticked.status, 422);
        assert!(none_ticked.has("tick at least one topic"));
        assert_eq!(ana.post("/me/handoff", &[("choice", "topics"), ("topic", "goals"), ("topic", "mentors")]).await.status, 303);
        assert!(!ana.get("/").await.has("You have a new manager"), "answered");
        let lena = signed_in(&app, "Lena").await;
        let refused = lena.post(&format!("/people/{}/handoff/plan", team.id("Ana")), &[("plan", "continue")]).await;
        assert_eq!(refused.status, 403, "the manager before has no say");
    }
}
