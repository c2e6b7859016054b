//! The trust journeys in real headless Chromium, checked with axe-core, on SQLite and
//! PostgreSQL: tagging a calendar look-back row by row; a change of manager the person consents
//! to (the new manager sees nothing, then only the goals the person lets travel); and deleting
//! a career space after the confirmation that names what goes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::policy::Visibility::Shared;
use trellis_store::NewArtefact;
use trellis_testkit::team::{import_team_with_passwords, VIENNA_MORNING};
use trellis_testkit::{both_engines, TestApp};

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

both_engines! {
    async fn each_tagged_row_of_the_look_back_is_saved_with_its_own_feeling(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };
        browser.sign_in_as(&app, "Ana").await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vienna.ics");
        std::fs::write(&file, VIENNA_MORNING).unwrap();
        browser.goto(&app.url(&format!("/people/{}/journal/import", team.id("Ana")))).await;
        browser.type_into("#calendar", file.to_str().unwrap()).await;
        browser.set_value("#from", "2024-11-01").await;
        browser.set_value("#to", "2024-11-30").await;
        browser.fill("#time_zone", "Europe/Vienna").await;
        browser.click_text("Show the events").await;
        let preview = browser.wait_for_text("3 events in this range").await;
        assert!(preview.contains("Mon 4 Nov 2024 10:00") && preview.contains("Europe/Vienna"), "{preview}");
        browser.click("#feeling-0-loathe").await;
        browser.click("#feeling-1-love").await;
        browser.click("#feeling-2-love").await;
        browser.click("#feeling-2-skip").await;
        browser.assert_accessible("the tagged look-back").await;
        browser.screenshot("look-back-tagged").await;
        browser.click_text("Save to my journal").await;
        browser.wait_for_text("Saved to your journal.").await;
        let entries = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::JournalEntry)).await.unwrap();
        let mut saved: Vec<(&str, &str, &str)> = entries.iter().map(|e| (e.field("activity"), e.field("feeling"), e.field("on"))).collect();
        saved.sort();
        assert_eq!(saved, [("Mentoring Sam", "love", "2024-11-04"), ("Stand-up", "loathe", "2024-11-04")]);
        browser.close().await;
    }

    async fn a_new_manager_sees_only_what_the_person_lets_travel(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        db.store.add_note(&ana, &ana_id, Shared, "A note for Lena about my health").await.unwrap();
        let goal = NewArtefact { kind: Kind::Goal, fields: fields(&[("goal", "Run the spring retro"), ("due", "2027-05-01")]), visibility: Shared, parent: None };
        db.store.add_artefact(&ana, &ana_id, &goal).await.unwrap();
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Hana").await;
        browser.goto(&app.url(&format!("/people/{ana_id}"))).await;
        browser.fill("#manager", "ben@acme.test").await;
        browser.click_text("Change manager").await;
        browser.wait_for_text("Ben Ode").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ben").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/space"))).await;
        let pending = browser.wait_for_text("Handoff pending").await;
        assert!(!pending.contains("my health"), "nothing from before: {pending}");
        browser.goto(&app.url(&format!("/people/{ana_id}/plan/goals"))).await;
        assert!(!browser.text().await.contains("Run the spring retro"));
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ana").await;
        browser.wait_for_text("You have a new manager: Ben Ode").await;
        browser.screenshot("handoff-home").await;
        browser.click_text("Decide what travels").await;
        browser.wait_for_text("What travels to Ben Ode").await;
        browser.assert_accessible("the handoff consent").await;
        assert!(browser.fits_a_phone().await, "the consent form fits a phone");
        browser.click("#choice-topics").await;
        browser.click("#topic-goals").await;
        browser.screenshot("handoff-consent").await;
        browser.click_text("Save my answer").await;
        browser.wait_for_text("Saved.").await;
        browser.sign_out().await;

        browser.sign_in_as(&app, "Ben").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/space"))).await;
        let handed = browser.wait_for_text("Handed over").await;
        assert!(handed.contains("Six-month goals") && !handed.contains("my health"), "{handed}");
        browser.assert_accessible("the handed-over space, for the new manager").await;
        browser.screenshot("handoff-manager").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/plan/goals"))).await;
        browser.wait_for_text("Run the spring retro").await;
        browser.close().await;
    }

    async fn a_person_deletes_their_space_after_seeing_what_will_go(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        db.store.add_note(&ana, &ana_id, Shared, "Quokkamarker in a note").await.unwrap();
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };
        browser.sign_in_as(&app, "Ana").await;
        browser.goto(&app.url(&format!("/people/{ana_id}/space"))).await;
        browser.click_text("Delete my whole career space").await;
        let confirm = browser.wait_for_text("This deletes, for good and all at once").await;
        assert!(confirm.contains("Notes: 1") && confirm.contains("download everything in your space"), "{confirm}");
        browser.assert_accessible("the deletion confirmation").await;
        browser.screenshot("space-delete").await;
        browser.click_text("Delete my career space").await;
        browser.wait_for_text("Tick the box to confirm.").await;
        browser.click("#confirm").await;
        browser.click_text("Delete my career space").await;
        browser.wait_for_text("The career space was deleted.").await;
        assert!(db.places_holding("Quokkamarker").await.is_empty());
        browser.close().await;
    }
}
