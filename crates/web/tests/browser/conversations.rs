//! A conversation in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL:
//! a manager proposes the three conversations, the person accepts (skipping the life story),
//! schedules, and prepares with answers that save themselves; a save that crosses the
//! manager's is shown as two versions; the manager sees only what was shared, beside the
//! coaching tips; then the manager holds the series.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use std::time::Duration;
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::State;
use trellis_core::policy::Visibility;
use trellis_store::{DocumentSave, SaveOutcome};
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

fn date_in_days(days: i64) -> String {
    let today = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::UTC).date();
    today.checked_add(jiff::Span::new().days(days)).unwrap().to_string()
}

both_engines! {
    async fn a_series_is_proposed_accepted_and_prepared_with_autosave(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(&app.url(&format!("/people/{}/conversations/new", team.id("Ana")))).await;
        browser.assert_accessible("the proposal form").await;
        browser.select("#what", "three-conversations").await;
        browser.click_text("Propose").await;
        browser.wait_for_text("The series").await;
        browser.assert_accessible("a proposed conversation, for the manager").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ana").await;
        browser.wait_for_text("Your answer").await;
        browser.click_text("Dreams").await;
        browser.wait_for_text("Declining is fine").await;
        browser.assert_accessible("a proposal, for the person").await;
        browser.click("input[name=skip]").await;
        browser.click_text("Accept").await;
        browser.wait_for_text("Accepted, not yet scheduled").await;
        browser.set_value("#date", &date_in_days(30)).await;
        browser.set_value("#time", "09:30").await;
        browser.fill("#time_zone", "Asia/Tokyo").await;
        browser.click_text("Schedule at this time").await;
        // Shown in the reader's zone (the organisation's, UTC here), with the agreed local time.
        let page = browser.wait_for_text("09:30 in Asia/Tokyo").await;
        assert!(page.contains("00:30 (UTC)"), "{page}");
        assert!(page.contains("Your answer to 1.1"), "the prompts are open once scheduled: {page}");
        browser.assert_accessible("a scheduled conversation, for the person").await;

        // A prep answer saves itself; ticking the box shares it.
        browser.type_into("#doc-prep-0-0-body", "Building a team from scratch").await;
        browser.wait_for_text("Saved ·").await;
        browser.click("#doc-prep-0-0-share").await;
        let conversations = db.store.conversations_of(&team.actor("Ana"), &team.id("Ana")).await.unwrap();
        let dreams = conversations.iter().find(|c| c.title == "Dreams").unwrap().clone();
        let mut shared = false;
        for _ in 0..100 {
            let documents = db.store.conversation_documents(&team.actor("Ana"), &dreams).await.unwrap();
            shared = documents.iter().any(|d| d.body == "Building a team from scratch" && d.visibility == Visibility::Shared);
            if shared { break; }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(shared, "the share box saved itself");

        // Lena saves the shared notes while Ana's page still holds the empty version.
        let lena_save = DocumentSave { person: &dreams.person_id, conversation: Some(&dreams), slot: Slot::SharedNotes, visibility: Visibility::Shared, body: "Lena: talk about the platform team", base_revision: 0 };
        assert!(matches!(db.store.save_document(&team.actor("Lena"), &lena_save).await.unwrap(), SaveOutcome::Saved(_)));
        browser.type_into("#doc-shared-body", "Ana: ask about mentoring").await;
        let conflict = browser.wait_for_text("Two versions").await;
        assert!(conflict.contains("Lena: talk about the platform team") && conflict.contains("Ana: ask about mentoring"), "{conflict}");
        browser.assert_accessible("the two-version page").await;
        browser.screenshot("conversation-conflict").await;
        browser.fill("#body", "Lena: talk about the platform team\nAna: ask about mentoring").await;
        browser.click_text("Save this version").await;
        browser.wait_for_text("Saved.").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Lena").await;
        browser.goto(&app.url(&format!("/conversations/{}", dreams.id))).await;
        let page = browser.wait_for_text("Coaching tips").await;
        assert!(page.contains("Building a team from scratch") && page.contains("Ana: ask about mentoring"), "{page}");
        browser.assert_accessible("a scheduled conversation, for the manager").await;
        browser.screenshot("conversation-manager").await;
        assert!(browser.fits_a_phone().await, "the conversation page scrolls sideways on a phone");

        // The series is held: the dreams conversation, then the career action plan, which
        // Lena schedules herself (the life story was skipped). A conversation is marked held
        // only once it has happened, so time passes first.
        browser.wait_for_text("Once it has happened, you can mark it as held here.").await;
        let here = browser.current_url().await;
        crate::let_time_pass(db, 60).await;
        browser.goto(&here).await;
        browser.click_text("Mark as held").await;
        browser.wait_for_text("Mark the follow-up as done").await;
        let plan = conversations.iter().find(|c| c.title == "Career action plan").unwrap();
        browser.goto(&app.url(&format!("/conversations/{}", plan.id))).await;
        browser.wait_for_text("Accepted, not yet scheduled").await;
        browser.set_value("#date", &date_in_days(44)).await;
        browser.set_value("#time", "10:00").await;
        browser.fill("#time_zone", "Europe/Madrid").await;
        browser.click_text("Schedule at this time").await;
        // Two months after the dreams conversation is past the series window: kept on purpose.
        browser.wait_for_text("after the series window").await;
        browser.click("#confirm_short_notice").await;
        browser.click_text("Schedule at this time").await;
        browser.wait_for_text("10:00 in Europe/Madrid").await;
        crate::let_time_pass(db, 60).await;
        browser.goto(&app.url(&format!("/conversations/{}", plan.id))).await;
        browser.click_text("Mark as held").await;
        browser.wait_for_text("Mark the follow-up as done").await;
        let states: Vec<(String, State)> = db.store.conversations_of(&team.actor("Ana"), &team.id("Ana")).await.unwrap()
            .into_iter().map(|c| (c.title, c.state)).collect();
        for (title, state) in [("Your story so far", State::Skipped), ("Dreams", State::Held), ("Career action plan", State::Held)] {
            assert!(states.contains(&(title.to_string(), state)), "{title} should be {state:?}: {states:?}");
        }
        browser.close().await;
    }
}
