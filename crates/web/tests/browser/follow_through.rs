//! Journey (a) in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL: a
//! manager whose report held the life story five weeks ago sees "Stalled" with the reason on
//! the home page, and schedules the dreams conversation from there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_testkit::stages::life_story_held;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_stalled_series_is_seen_on_the_home_page_and_the_next_step_scheduled_from_it(db) {
        let team = import_team_with_passwords(&db.store).await;
        life_story_held(&db.store, &team).await;
        db.let_days_pass(35).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Lena").await;
        let home = browser.wait_for_text("What needs you this week").await;
        assert!(home.contains("Stalled"), "{home}");
        assert!(home.contains("“Your story so far” was held 5 weeks ago"), "{home}");
        assert!(home.contains("“Dreams” is not scheduled yet; the series window is 30 days"), "{home}");
        assert!(home.contains("Nothing planned"), "Ben has had no conversation: {home}");
        browser.assert_accessible("the manager's home with follow-through").await;
        browser.screenshot("follow-through-home").await;
        assert!(browser.fits_a_phone().await, "the manager's home scrolls sideways on a phone");

        browser.click(".follow-row a.button[href^=\"/conversations/\"]").await;
        browser.wait_for_text("Dreams").await;
        let in_ten_days = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(10)).unwrap();
        browser.set_value("#date", &in_ten_days.to_string()).await;
        browser.set_value("#time", "10:00").await;
        browser.fill("#time_zone", "UTC").await;
        browser.click_text("Schedule at this time").await;
        // Five weeks after the life story is past the series window of 30 days: Trellis says so.
        let warned = browser.wait_for_text("after the series window").await;
        assert!(warned.contains("within 30 days of the first"), "{warned}");
        browser.click("#confirm_short_notice").await;
        browser.click_text("Schedule at this time").await;
        browser.wait_for_text("Scheduled").await;

        browser.goto(&app.url("/")).await;
        let home = browser.wait_for_text("What needs you this week").await;
        assert!(home.contains("Stalled\n0"), "scheduling the dreams conversation ends the stall: {home}");
        assert!(home.contains("“Dreams” is scheduled for"), "{home}");
        browser.close().await;
    }
}
