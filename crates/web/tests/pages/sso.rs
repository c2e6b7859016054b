//! Single sign-on against a real OpenID provider (npm's certified `oidc-provider`, on
//! loopback), on SQLite and PostgreSQL: a person on the roster signs in; a state works once,
//! also when the browser comes back to another instance; someone not on the roster, an e-mail
//! the provider does not vouch for, a token that has expired and one signed for another
//! application are refused; and password
//! sign-in can be switched off for everyone but the break-glass administrator.

use trellis_testkit::oidc::{app_with_sso, callback_from_provider, sso_settings, ProviderOptions};
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp, Visitor};

async fn through_provider(app: &TestApp, visitor: &Visitor, login: &str) -> (u16, String, String) {
    let callback = callback_from_provider(&visitor.client, &app.url("/sign-in/sso?next=%2Fme%2Faudit"), login).await;
    let response = visitor.client.get(&callback).send().await.unwrap();
    let status = response.status().as_u16();
    let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = if status == 303 { location } else { response.text().await.unwrap() };
    (status, body, callback)
}

both_engines! {
    async fn a_person_on_the_roster_signs_in_with_the_provider_once_per_state_on_any_instance(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let (app, provider) = app_with_sso(db, ProviderOptions::default(), |_| {}).await;
        let ana = app.visitor();
        assert!(ana.get("/sign-in").await.has("Sign in with your organisation's account"));
        let (status, location, callback) = through_provider(&app, &ana, "ana@acme.test").await;
        assert_eq!((status, location.as_str()), (303, "/me/audit"));
        assert!(ana.get("/").await.has("Welcome, Ana"), "signed in");

        let replayed = ana.client.get(&callback).send().await.unwrap();
        assert_eq!(replayed.status(), 400, "a state works once");
        assert!(replayed.text().await.unwrap().contains("already used"));

        // A second instance, behind the same address: the browser comes back to it.
        let first_url = app.base_url.clone();
        let second = TestApp::start_with(db, |config| {
            config.public_url.clone_from(&first_url);
            config.sso = Some(sso_settings(&provider));
        })
        .await;
        let lena = app.visitor();
        let callback = callback_from_provider(&lena.client, &app.url("/sign-in/sso"), "lena@acme.test").await;
        let elsewhere = callback.replace(&app.base_url, &second.base_url);
        let answered = lena.client.get(&elsewhere).send().await.unwrap();
        assert_eq!(answered.status(), 303, "{}", answered.text().await.unwrap());
        assert!(lena.client.get(second.url("/")).send().await.unwrap().text().await.unwrap().contains("Welcome, Lena"));
    }

    async fn someone_the_roster_or_the_provider_cannot_vouch_for_is_refused(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let (app, _provider) = app_with_sso(db, ProviderOptions::default(), |_| {}).await;
        for (login, status, words) in [
            ("stranger@elsewhere.test", 403, "nobody active with that address is on Trellis"),
            ("unverified@acme.test", 401, "does not vouch for your e-mail address"),
        ] {
            let visitor = app.visitor();
            let (got, body, _) = through_provider(&app, &visitor, login).await;
            assert_eq!(got, status, "{login}: {body}");
            assert!(body.contains(words), "{login}: {body}");
            assert_eq!(visitor.get("/").await.status, 303, "{login} is not signed in");
        }
    }

    async fn an_e_mail_only_at_the_userinfo_endpoint_is_read_from_there(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let strict = ProviderOptions { claims_in_id_token: false, ..ProviderOptions::default() };
        let (app, _provider) = app_with_sso(db, strict, |_| {}).await;
        let ana = app.visitor();
        let (status, location, _) = through_provider(&app, &ana, "ana@acme.test").await;
        assert_eq!((status, location.as_str()), (303, "/me/audit"));
        assert!(ana.get("/").await.has("Welcome, Ana"));
    }

    async fn a_token_that_has_expired_is_refused(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let (app, _provider) = app_with_sso(db, ProviderOptions { clock_offset_seconds: -30, id_token_seconds: 1, ..ProviderOptions::default() }, |_| {}).await;
        let visitor = app.visitor();
        let (status, body, _) = through_provider(&app, &visitor, "ana@acme.test").await;
        assert_eq!(status, 401, "{body}");
        assert!(body.contains("could not be trusted"), "{body}");
        assert_eq!(visitor.get("/").await.status, 303);
    }

    async fn a_token_meant_for_another_application_is_refused(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let options = ProviderOptions { id_token_audience: Some("payroll".into()), ..ProviderOptions::default() };
        let (app, _provider) = app_with_sso(db, options, |_| {}).await;
        let visitor = app.visitor();
        let (status, body, _) = through_provider(&app, &visitor, "ana@acme.test").await;
        assert_eq!(status, 401, "{body}");
        assert!(body.contains("could not be trusted"), "{body}");
        assert_eq!(visitor.get("/").await.status, 303, "not signed in");
    }

    async fn password_sign_in_can_be_left_to_the_break_glass_administrator(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let (app, _provider) = app_with_sso(db, ProviderOptions::default(), |config| {
            config.password_sign_in = false;
            config.break_glass_email = Some(email("Hana"));
        })
        .await;
        let ana = app.visitor();
        assert!(!ana.get("/sign-in").await.has("name=\"password\""), "no password form");
        let break_glass = ana.get("/sign-in?with=password").await;
        assert!(break_glass.has("name=\"password\""), "the break-glass form");
        let refused = ana.post("/sign-in", &[("email", &email("Ana")), ("password", TEAM_PASSWORD), ("next", "/")]).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(refused.has("Password sign-in is off here"), "{}", refused.body);
        let hana = app.visitor();
        hana.get("/sign-in?with=password").await;
        let signed_in = hana.post("/sign-in", &[("email", &email("Hana")), ("password", TEAM_PASSWORD), ("next", "/")]).await;
        assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    }
}
