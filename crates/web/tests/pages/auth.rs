//! HTTP tests of signing in, sessions, CSRF and the security frame of every page, run against a
//! real server on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_store::LinkPurpose;
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn every_response_carries_the_security_headers_and_unknown_pages_are_plain_404s(db) {
        let app = TestApp::start(db).await;
        let visitor = app.visitor();
        for path in ["/sign-in", "/no/such/page", "/healthz"] {
            let page = visitor.get(path).await;
            let csp = page.headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
            assert!(csp.contains("frame-ancestors 'none'"));
            assert_eq!(page.headers["x-content-type-options"], "nosniff");
            assert_eq!(page.headers["referrer-policy"], "same-origin");
        }
        let missing = visitor.get("/no/such/page").await;
        assert_eq!(missing.status, 404);
        assert!(missing.has("<h1>Not found</h1>"));
        assert_eq!(visitor.get("/readyz").await.status, 200);
    }

    async fn signing_in_rotates_the_session_and_signing_out_ends_it(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let visitor = app.visitor();
        assert_eq!(visitor.get("/").await.location(), Some("/sign-in?next=%2F"));
        let wrong = visitor.sign_in(&email("Ana"), "not the password").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.has("do not match"));
        let first = visitor.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        assert_eq!(first.status, 303);
        let session_cookie = |response: &trellis_testkit::Page| {
            response.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).find(|c| c.starts_with("trellis_session=")).unwrap()
        };
        let first_cookie = session_cookie(&first);
        assert!(first_cookie.contains("HttpOnly") && first_cookie.contains("SameSite=Lax"), "{first_cookie}");
        assert!(visitor.get("/").await.has("Welcome, Ana"));
        let second = visitor.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let second_cookie = session_cookie(&second);
        assert_ne!(first_cookie.split(';').next(), second_cookie.split(';').next(), "a new session id at each sign-in");
        let out = visitor.post("/sign-out", &[]).await;
        assert_eq!(out.location(), Some("/sign-in?done=signed-out"));
        assert_eq!(visitor.get("/").await.status, 303, "signed out");
    }

    async fn a_state_changing_request_without_the_csrf_token_or_from_elsewhere_is_refused(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let visitor = app.visitor();
        visitor.get("/sign-in").await;
        let forged = visitor.post_raw("/sign-in", &[("email", &email("Ana")), ("password", TEAM_PASSWORD)]).await;
        assert_eq!(forged.status, 403);
        assert!(forged.has("This form has expired"));
        visitor.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let token = visitor.csrf_token();
        let wrong = visitor.post_raw("/me/tokens", &[("csrf_token", "x".repeat(token.len()).as_str()), ("name", "t")]).await;
        assert_eq!(wrong.status, 403);
        let cross_site = visitor
            .client
            .post(app.url("/me/tokens"))
            .header("origin", "https://evil.example")
            .form(&[("csrf_token", token.as_str()), ("name", "t")])
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), 403);
        assert_eq!(visitor.post("/me/tokens", &[("name", "fine")]).await.status, 200);
    }

    async fn repeated_failed_sign_ins_are_throttled_with_a_clear_message(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start_with(db, |config| config.sign_in_limits.per_account = 2).await;
        let visitor = app.visitor();
        visitor.sign_in(&email("Ana"), "guess one").await;
        visitor.sign_in(&email("Ana"), "guess two").await;
        let blocked = visitor.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        assert_eq!(blocked.status, 429);
        assert!(blocked.has("Too many failed sign-ins for this account"));
    }

    async fn an_invited_person_sets_a_password_signs_in_and_sees_their_manager(db) {
        let team = trellis_testkit::team::import_team(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        db.store.set_password(&team.id("Hana"), TEAM_PASSWORD).await.unwrap();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        let link_page = hana.post(&format!("/people/{}/invite", team.id("Ben")), &[]).await;
        assert_eq!(link_page.status, 200);
        let start = link_page.body.find("/invite/").unwrap();
        let end = link_page.body[start..].find('"').unwrap() + start;
        let path = link_page.body[start..end].to_string();

        let ben = app.visitor();
        assert!(ben.get(&path).await.has("Welcome, Ben Ode"));
        let short = ben.post(&path, &[("password", "short"), ("password_confirmation", "short")]).await;
        assert_eq!(short.status, 422);
        assert!(short.has("at least 10 characters"));
        let done = ben.post(&path, &[("password", "a long new password"), ("password_confirmation", "a long new password")]).await;
        assert_eq!(done.location(), Some("/sign-in?done=password"));
        assert_eq!(ben.get(&path).await.status, 404, "the link works once");
        ben.sign_in(&email("Ben"), "a long new password").await;
        let home = ben.get("/").await;
        assert!(home.has("Your manager is") && home.has("Lena Park"), "{}", home.body);
    }

    async fn the_first_admin_is_created_through_the_setup_link(db) {
        let app = TestApp::start(db).await;
        let code = db.store.create_link(LinkPurpose::Setup, None, None, 60_000).await.unwrap();
        let visitor = app.visitor();
        let path = format!("/setup/{code}");
        assert!(visitor.get(&path).await.has("Set up Trellis"));
        let bad = visitor.post(&path, &[("name", ""), ("email", "nope"), ("password", "a long password"), ("password_confirmation", "a long password")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.has("is required") && bad.has("is not an e-mail address"));
        assert!(bad.has("value=\"nope\"") && !bad.has("value=\"name\""), "the form keeps what was typed");
        let made = visitor.post(&path, &[("name", "Hana Kim"), ("email", "hana@acme.test"), ("password", "a long password"), ("password_confirmation", "a long password")]).await;
        assert_eq!(made.location(), Some("/?done=password"));
        let home = visitor.get("/?done=password").await;
        assert!(home.has("People team") && home.has("Your password is set"));
    }

    async fn a_body_over_the_limit_is_refused_with_413(db) {
        let app = TestApp::start_with(db, |config| config.max_body_bytes = 1024).await;
        let visitor = app.visitor();
        visitor.get("/sign-in").await;
        let big = "x".repeat(4096);
        let page = visitor.post("/sign-in", &[("email", big.as_str()), ("password", "p")]).await;
        assert_eq!(page.status, 413);
    }
}
