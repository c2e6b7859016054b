//! The love/loathe journal in real headless Chromium, checked with axe-core, on SQLite and
//! PostgreSQL: the person uploads a real calendar export, tags two of its events, saves them to
//! the journal, and reads the summary with its picture.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_calendar_export_fills_the_journal_and_the_summary_shows_it(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };
        browser.sign_in_as(&app, "Ana").await;

        browser.goto(&app.url(&format!("/people/{}/plan/journal", team.id("Ana")))).await;
        browser.click_text("Look back through your calendar").await;
        browser.wait_for_text("Calendar file (.ics)").await;
        browser.assert_accessible("the calendar upload").await;
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/testdata/icalendar/recurrence-timezones/recurring-ical-events__each_week_but_two_deleted.ics")
            .canonicalize()
            .unwrap();
        browser.type_into("#calendar", file.to_str().unwrap()).await;
        browser.set_value("#from", "2019-03-01").await;
        browser.set_value("#to", "2019-04-30").await;
        browser.click_text("Show the events").await;
        browser.wait_for_text("6 events in this range").await;
        browser.assert_accessible("the events to tag").await;
        assert!(browser.fits_a_phone().await, "the tagging list fits a phone");
        browser.click("#feeling-0-love").await;
        browser.click("#feeling-1-loathe").await;
        browser.click_text("Save to my journal").await;
        let journal = browser.wait_for_text("Saved to your journal.").await;
        assert!(journal.contains("test6"), "{journal}");

        browser.click_text("What the journal says").await;
        let summary = browser.wait_for_text("1 loved and 1 loathed").await;
        assert!(summary.contains("calendar: loved 1, loathed 1"), "{summary}");
        browser.assert_accessible("the journal summary").await;
        browser.close().await;
    }
}
