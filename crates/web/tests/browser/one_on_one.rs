//! Journey (b) in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL: a
//! manager sets up weekly one-on-ones, the person accepts, and the meeting's agenda shows the
//! person's goal and weekly skill at the top with the monthly career check-in next; a quick
//! career note written there lands in the person's space.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::policy::Visibility;
use trellis_store::NewArtefact;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_one_on_one_keeps_the_goals_on_top_places_the_check_in_and_takes_a_quick_note(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        for (kind, field, text) in [(Kind::Goal, "goal", "Lead the API migration"), (Kind::WeeklySkill, "skill", "Ask one open question in every meeting")] {
            let fields: Fields = [(field.to_string(), text.to_string())].into_iter().collect();
            let new = NewArtefact { kind, fields, visibility: Visibility::Shared, parent: None };
            db.store.add_artefact(&ana, &ana_id, &new).await.unwrap();
        }
        db.let_days_pass(40).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/conversations/new?what=one-on-one"))).await;
        browser.select("#rhythm", "weekly").await;
        let tomorrow = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(1)).unwrap();
        browser.set_value("#date", &tomorrow.to_string()).await;
        browser.set_value("#time", "09:30").await;
        browser.fill("#time_zone", "Europe/Berlin").await;
        browser.click_text("Propose").await;
        browser.wait_for_text("Every week; the next one is booked when this one is held").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ana").await;
        browser.goto(&app.url("/conversations")).await;
        browser.click_text("One-on-one").await;
        browser.click_text("Accept").await;
        browser.wait_for_text("Scheduled").await;
        browser.fill("#agenda-body", "Budget for the conference in March").await;
        browser.click_text("Add to the agenda").await;
        browser.wait_for_text("Budget for the conference in March").await;
        let meeting = browser.current_url().await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(meeting.split('?').next().unwrap()).await;
        let page = browser.wait_for_text("Agenda").await;
        let at = |text: &str| page.find(text).unwrap_or_else(|| panic!("{text} is not on the page: {page}"));
        assert!(at("Lead the API migration") < at("Ask one open question in every meeting"));
        assert!(at("Ask one open question in every meeting") < at("Career check-in (5–10 minutes)"));
        assert!(at("Career check-in (5–10 minutes)") < at("Budget for the conference in March"), "the check-in comes before the topics");
        browser.assert_accessible("a one-on-one's agenda").await;
        browser.screenshot("one-on-one-agenda").await;
        assert!(browser.fits_a_phone().await, "the one-on-one scrolls sideways on a phone");

        browser.fill("#quick-note-body", "Ana would like to run the intern programme next summer").await;
        browser.click_text("Save the note").await;
        browser.wait_for_text("Saved.").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ana").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/space"))).await;
        browser.wait_for_text("Ana would like to run the intern programme next summer").await;
        browser.close().await;
    }
}
