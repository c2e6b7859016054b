//! Single sign-on in real headless Chromium against a real OpenID provider (npm's
//! `oidc-provider`), on SQLite and PostgreSQL: Ana signs in through her organisation's login
//! and consent pages and lands signed in; a stranger is told they are not on the roster.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_testkit::both_engines;
use trellis_testkit::oidc::{app_with_sso, ProviderOptions};
use trellis_testkit::team::import_team_with_passwords;

async fn through_the_provider(browser: &Browser, login: &str) {
    browser.click("a[href^='/sign-in/sso']").await;
    browser.wait_for_text("Sign-in").await;
    browser.fill("input[name=login]", login).await;
    browser.fill("input[name=password]", "any").await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("Continue").await;
    browser.click("button[type=submit]").await;
}

both_engines! {
    async fn a_person_signs_in_through_the_organisation_and_a_stranger_is_turned_away(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let (app, _provider) = app_with_sso(db, ProviderOptions::default(), |_| {}).await;
        let Some(browser) = Browser::start().await else { return };
        browser.goto(&app.url("/sign-in")).await;
        browser.assert_accessible("the sign-in page with single sign-on").await;
        browser.screenshot("sign-in-with-sso").await;
        through_the_provider(&browser, "ana@acme.test").await;
        browser.wait_for_text("Welcome, Ana").await;
        browser.close().await;

        // Another browser: the provider would remember Ana in this one.
        let Some(browser) = Browser::start().await else { return };
        browser.goto(&app.url("/sign-in")).await;
        through_the_provider(&browser, "stranger@elsewhere.test").await;
        let refused = browser.wait_for_text("Not on the roster").await;
        assert!(refused.contains("stranger@elsewhere.test"), "{refused}");
        browser.assert_accessible("the not-on-the-roster page").await;
        browser.screenshot("sso-not-on-the-roster").await;
        browser.close().await;
    }
}
