//! The second half of journey (a) in real headless Chromium, checked with axe-core, on SQLite
//! and PostgreSQL: after the series (proposed, accepted and prepared in
//! `conversations`), the person explores careers and crosses one out, starts a dream
//! from another, takes the competencies its data suggests, rates one and picks it as a focus,
//! then writes a GROW plan for the dream and an action under it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::artefact::Kind;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn dreams_lead_to_competencies_a_grow_plan_and_actions(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };
        browser.sign_in_as(&app, "Ana").await;

        browser.goto(&app.url(&format!("/people/{ana_id}/plan/dreams"))).await;
        browser.click_text("Explore the careers catalogue").await;
        browser.fill("#q", "registered nurses").await;
        browser.click_text("Search").await;
        browser.wait_for_text("match “registered nurses”").await;
        browser.assert_accessible("the careers catalogue").await;
        browser.click_text("Cross out Registered Nurses").await;
        browser.wait_for_text("Saved.").await;
        browser.fill("#q", "chief executives").await;
        browser.click_text("Search").await;
        browser.wait_for_text("match “chief executives”").await;
        browser.click_text("Start a dream from it: Chief Executives").await;
        browser.wait_for_text("Add a dream").await;
        assert_eq!(browser.value("#f-occupation").await, "onet:11-1011.00");
        browser.fill("#f-role", "Chief executive of a cooperative").await;
        browser.click("#visibility-shared").await;
        browser.click_text("Add").await;
        browser.wait_for_text("Saved.").await;

        browser.goto(&app.url(&format!("/people/{ana_id}/plan/competencies"))).await;
        browser.click("a[href*='competencies/suggest?dream=']").await;
        browser.wait_for_text("the O*NET data rates these as the most important").await;
        browser.assert_accessible("the suggested competencies").await;
        browser.click_text("Add the ticked competencies").await;
        browser.wait_for_text("Saved.").await;
        browser.select("select[name=level]", "3").await;
        browser.click_text("Save rating").await;
        browser.wait_for_text("3 of 5 on").await;
        browser.click_text("Mark: Focus now").await;
        let page = browser.wait_for_text("Saved.").await;
        assert!(page.contains("Focus now"), "{page}");
        browser.assert_accessible("the competencies with their chart").await;
        assert!(browser.fits_a_phone().await, "the competencies page fits a phone");

        browser.goto(&app.url(&format!("/people/{ana_id}/plan/grow"))).await;
        let dream = db.store.artefacts(&ana, &ana_id, Some(Kind::Dream)).await.unwrap()[0].id.to_string();
        browser.select("#parent", &dream).await;
        browser.fill("#f-goal", "Run a cooperative of fifty people within ten years").await;
        browser.click_text("Add").await;
        browser.wait_for_text("Saved.").await;
        browser.assert_accessible("the GROW plans").await;
        let plan = db.store.artefacts(&ana, &ana_id, Some(Kind::GrowPlan)).await.unwrap()[0].id.to_string();
        browser.goto(&app.url(&format!("/people/{ana_id}/plan/actions"))).await;
        browser.select("#parent", &plan).await;
        browser.fill("#f-what", "Join the board of the local food cooperative").await;
        browser.select("#f-pillar", "networking").await;
        browser.click_text("Add").await;
        browser.wait_for_text("Join the board of the local food cooperative").await;
        browser.close().await;

        let competencies = db.store.artefacts(&ana, &ana_id, Some(Kind::Competency)).await.unwrap();
        assert_eq!(competencies.len(), 10);
        assert_eq!(competencies.iter().filter(|c| c.status == "focus").count(), 1);
        let careers = db.store.artefacts(&ana, &ana_id, Some(Kind::Career)).await.unwrap();
        assert_eq!(careers.len(), 1);
        let actions = db.store.artefacts(&ana, &ana_id, Some(Kind::Action)).await.unwrap();
        assert_eq!(actions[0].parent_id.as_ref().map(ToString::to_string), Some(plan));
    }
}
