//! Journey (b) in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL: the
//! manager proposes the six-month conversation, the person accepts and schedules it a few
//! hours ahead (the prompts open at once, and the readiness question is due), answers "not ready" with a later time, the manager
//! confirms it and marks it held, and the person records the outcome of last time's goal at
//! this conversation and sets a new one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::conversation::State;
use trellis_core::policy::Visibility;
use trellis_store::NewArtefact;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

/// The UTC date and time `hours` from now, as the time fields take them.
fn in_hours(hours: i64) -> (String, String) {
    let then = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(hours)).unwrap();
    let then = then.to_zoned(jiff::tz::TimeZone::UTC);
    (then.date().to_string(), then.strftime("%H:%M").to_string())
}

/// Sets a time `hours` from now and presses `button`, keeping the date if a short-notice
/// warning comes back; returns once the page shows `next`.
async fn set_time(browser: &Browser, hours: i64, button: &str, next: &str) -> String {
    let (date, time) = in_hours(hours);
    browser.set_value("#date", &date).await;
    browser.set_value("#time", &time).await;
    browser.fill("#time_zone", "UTC").await;
    browser.click_text(button).await;
    let page = browser.wait_for_any(&["Keep this date", next]).await;
    if page.contains(next) {
        return page;
    }
    browser.click("#confirm_short_notice").await;
    browser.click_text(button).await;
    browser.wait_for_text(next).await
}

both_engines! {
    async fn a_six_month_conversation_is_rescheduled_held_and_reviews_goals(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let fields: Fields = [("goal".to_string(), "Run the team retro".to_string())].into_iter().collect();
        let goal = NewArtefact { kind: Kind::Goal, fields, visibility: Visibility::Shared, parent: None };
        let goal = db.store.add_artefact(&ana, &ana_id, &goal).await.unwrap();
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/conversations/new"))).await;
        browser.select("#what", "six-month").await;
        browser.click_text("Propose").await;
        browser.wait_for_text("Six-month career conversation").await;
        browser.sign_out().await;
        let id = db.store.conversations_of(&ana, &ana_id).await.unwrap()[0].id.clone();
        let page = app.url(&format!("/conversations/{id}"));

        browser.sign_in_as(&app, "Ana").await;
        browser.goto(&page).await;
        browser.click_text("Accept").await;
        browser.wait_for_text("Accepted, not yet scheduled").await;
        let scheduled =
            set_time(&browser, 3, "Schedule at this time", "Have you had time to think it through?").await;
        assert!(scheduled.contains("Your answer to 1.1"), "the prompts are open once scheduled: {scheduled}");
        browser.assert_accessible("the readiness question").await;
        browser.click("#why-not_ready").await;
        let asked = set_time(&browser, 20 * 24, "Propose this time", "New time proposed by you").await;
        assert!(asked.contains("needs more time and proposed a new time"), "the reason is in the history: {asked}");
        browser.sign_out().await;

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(&page).await;
        browser.wait_for_text("New time proposed by").await;
        browser.assert_accessible("a new time to confirm, for the manager").await;
        browser.click_text("Confirm the new time").await;
        browser.wait_for_text("Once it has happened, you can mark it as held here.").await;
        crate::let_time_pass(db, 30).await;
        browser.goto(&page).await;
        browser.click_text("Mark as held").await;
        browser.wait_for_text("Mark the follow-up as done").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ana").await;
        browser.goto(&page).await;
        browser.wait_for_text("Goals to review").await;
        assert_eq!(browser.value("#outcome-1").await, "", "no outcome is chosen for the person");
        browser.select("#outcome-1", "achieved").await;
        browser.fill("#outcome-note-1", "Ran two retros and handed the third over").await;
        browser.click_text("Record the outcome").await;
        browser.wait_for_text("Outcome at this conversation: Achieved").await;
        browser.assert_accessible("the goal review").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/plan/goals"))).await;
        browser.fill("#f-goal", "Give a talk at the spring meetup").await;
        browser.click_text("Add").await;
        browser.wait_for_text("Saved.").await;
        browser.close().await;

        let conversation = db.store.conversations_of(&ana, &ana_id).await.unwrap().remove(0);
        assert_eq!(conversation.state, State::Held);
        let (goals, history) = db.store.artefact_history(&ana, &ana_id, Kind::Goal).await.unwrap();
        assert_eq!(goals.len(), 2);
        let outcome = history[&goal.id].iter().find(|e| e.value == "achieved").unwrap();
        assert_eq!(outcome.conversation_id.as_ref(), Some(&id));
    }
}
