//! Browser journeys in real headless Chromium, each checked with axe-core, on SQLite and on
//! PostgreSQL: the people team imports a roster and invites someone, who joins and sees their
//! manager; a manager sees their team; a bad roster file is refused row by row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_core::person::{PersonDraft, PersonInput};
use trellis_testkit::team::TEAM_CSV;
use trellis_testkit::{both_engines, TestApp, TestDb};

const ADMIN_PASSWORD: &str = "people team password";

/// An installation with only its first admin, Hana, as after set-up.
async fn with_admin(db: &TestDb) {
    let input = PersonInput { name: "Hana Kim".into(), email: "hana@acme.test".into(), ..Default::default() };
    let hana = db.store.create_person(None, &PersonDraft::parse(&input).unwrap(), None, "test").await.unwrap();
    db.store.set_admin(&hana.id, true).await.unwrap();
    db.store.set_password(&hana.id, ADMIN_PASSWORD).await.unwrap();
}

fn roster_file(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

both_engines! {
    async fn the_people_team_imports_and_invites_and_the_person_joins(db) {
        with_admin(db).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in(&app.url("/sign-in"), "hana@acme.test", ADMIN_PASSWORD).await;
        browser.wait_for_text("People team").await;
        browser.assert_accessible("the admin's home").await;

        browser.goto(&app.url("/admin/import")).await;
        browser.assert_accessible("the import form").await;
        let file = roster_file(TEAM_CSV);
        browser.fill("#file", file.path().to_str().unwrap()).await;
        browser.click_text("Preview the import").await;
        let preview = browser.wait_for_text("Preview of").await;
        assert!(preview.contains("Lena Park") && preview.contains("Import 7 changes"), "{preview}");
        browser.assert_accessible("the import preview").await;
        browser.screenshot("import-preview").await;
        browser.click_text("Import 7 changes").await;
        browser.wait_for_text("Import complete").await;
        assert_eq!(db.store.count_people().await.unwrap(), 7);

        let ana = db.store.person_by_email("ana@acme.test").await.unwrap().unwrap();
        browser.goto(&app.url(&format!("/people/{}", ana.id))).await;
        browser.assert_accessible("a person's page").await;
        browser.click_text("Invite to Trellis").await;
        browser.wait_for_text("Send this link to Ana Ruiz").await;
        let link = browser.value("#link").await;
        browser.assert_accessible("the invitation link").await;
        browser.sign_out().await;

        browser.goto(&link).await;
        browser.wait_for_text("Welcome, Ana Ruiz").await;
        browser.assert_accessible("the invitation page").await;
        browser.fill("#password", "ana's own password").await;
        browser.fill("#password_confirmation", "ana's own password").await;
        browser.click_text("Set my password").await;
        browser.wait_for_text("Your password is set").await;
        browser.sign_in(&app.url("/sign-in"), "ana@acme.test", "ana's own password").await;
        let home = browser.wait_for_text("Your manager is").await;
        assert!(home.contains("Lena Park"), "{home}");
        browser.assert_accessible("the person's home").await;
        browser.screenshot("person-home").await;
        browser.sign_out().await;

        let lena = db.store.person_by_email("lena@acme.test").await.unwrap().unwrap();
        db.store.set_password(&lena.id, "lena's own password").await.unwrap();
        browser.sign_in(&app.url("/sign-in"), "lena@acme.test", "lena's own password").await;
        let team = browser.wait_for_text("Your team of 2 people").await;
        assert!(team.contains("Ana Ruiz") && team.contains("Ben Ode"), "{team}");
        browser.assert_accessible("the manager's home").await;
        browser.screenshot("manager-home").await;
        assert!(browser.fits_a_phone().await, "the manager's home scrolls sideways on a phone");

        browser.goto(&app.url("/org")).await;
        browser.click("details[data-children] summary").await;
        browser.wait_for_text("Vic Tran").await;
        browser.wait_for_text("Hana Kim").await;
        browser.assert_accessible("the org chart").await;
        browser.goto(&app.url("/playbooks/three-conversations")).await;
        browser.wait_for_text("Your story so far").await;
        browser.assert_accessible("a playbook").await;
        browser.close().await;
    }

    async fn a_bad_roster_file_shows_numbered_errors_and_imports_nothing(db) {
        with_admin(db).await;
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };
        browser.sign_in(&app.url("/sign-in"), "hana@acme.test", ADMIN_PASSWORD).await;
        browser.wait_for_text("People team").await;
        browser.goto(&app.url("/admin/import")).await;
        let file = roster_file("name,email,manager\nZed One,zed@x.org,\n,nameless@x.org,\nYan Two,yan,Who Knows\n");
        browser.fill("#file", file.path().to_str().unwrap()).await;
        browser.click_text("Preview the import").await;
        let page = browser.wait_for_text("nothing was imported").await;
        assert!(page.contains("3 name is required"), "{page}");
        assert!(page.contains("4 email \"yan\" is not an e-mail address"), "{page}");
        assert!(!page.contains("Zed One new"), "a refused file lists no changes: {page}");
        browser.assert_accessible("the import errors").await;
        browser.screenshot("import-errors").await;
        assert_eq!(db.store.count_people().await.unwrap(), 1);
        browser.close().await;
    }
}
