//! Journey (d) in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL: a
//! leader opens the coverage of their organisation (counts per lead, no content) and what
//! people shared upward, grouped where it overlaps (nothing else of anyone's space).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::policy::Visibility;
use trellis_store::NewArtefact;
use trellis_testkit::stages::life_story_held;
use trellis_testkit::team::import_team_with_passwords;
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_leader_sees_coverage_by_lead_and_what_was_shared_upward(db) {
        let team = import_team_with_passwords(&db.store).await;
        life_story_held(&db.store, &team).await;
        for (who, text, visibility) in [
            ("Ana", "Mentor two interns through their first project", Visibility::Upward),
            ("Cy", "Run the intern mentoring programme for the first project", Visibility::Upward),
            ("Ben", "Ask for the team lead role", Visibility::Private),
        ] {
            let fields: Fields = [("goal".to_string(), text.to_string())].into_iter().collect();
            let new = NewArtefact { kind: Kind::Goal, fields, visibility, parent: None };
            db.store.add_artefact(&team.actor(who), &team.id(who), &new).await.unwrap();
        }
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in_as(&app, "Vic").await;
        browser.goto(&app.url("/team/coverage")).await;
        let coverage = browser.wait_for_text("Coverage across your organisation").await;
        assert!(coverage.contains("Lena Park") && coverage.contains("1 of 2"), "{coverage}");
        assert!(!coverage.contains("Chapters") && !coverage.contains("Your story so far"), "counts only");
        browser.assert_accessible("the coverage of an organisation").await;
        browser.screenshot("cascade-coverage").await;
        assert!(browser.fits_a_phone().await, "the coverage scrolls sideways on a phone");

        browser.goto(&app.url("/team/shared")).await;
        let shared = browser.wait_for_text("Shared upward").await;
        assert!(shared.contains("2 people") && shared.contains("Mentor two interns"), "{shared}");
        assert!(!shared.contains("team lead role"), "a private goal stays private: {shared}");
        browser.assert_accessible("what people shared upward").await;
        browser.screenshot("shared-upward").await;
        assert!(browser.fits_a_phone().await, "the shared-upward view scrolls sideways on a phone");
        browser.close().await;
    }
}
