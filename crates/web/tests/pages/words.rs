//! HTTP tests of the words and details a new user stumbled on: error pages that keep the
//! navigation, a malformed address answered with the site's page, articles and counts that
//! read as English, choices shown by their labels, the org chart's controls, and an icon.
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn error_pages_keep_the_navigation_and_words_read_as_english(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;

        let missing = ana.get("/conversations/01a23224-7da5-74c3-8e04-92e80b076eed").await;
        assert_eq!(missing.status, 404);
        assert!(missing.has("aria-label=\"Main\"") && missing.has("My space") && missing.has("Sign out"), "{}", missing.body);
        let forbidden = ana.get("/admin/settings").await;
        assert_eq!(forbidden.status, 403);
        assert!(forbidden.has("aria-label=\"Main\""), "{}", forbidden.body);
        let odd = ana.get("/org?page=minus-one").await;
        assert_eq!(odd.status, 400);
        assert!(odd.has("does not understand") && odd.has("aria-label=\"Main\""), "{}", odd.body);

        let actions = ana.get(&format!("/people/{}/plan/actions", team.id("Ana"))).await;
        assert!(actions.has("Add an action") && !actions.has("Add a action"), "{}", actions.body);
        let saved = ana.post(&format!("/people/{}/plan/same-work", team.id("Ana")), &[("horizon", "five-years"), ("answer", "yes"), ("visibility", "private")]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let plan = ana.get(&format!("/people/{}/plan", team.id("Ana"))).await;
        assert!(plan.has("latest: In five years") && !plan.has("five-years<"), "{}", plan.body);
        let journal = ana.post(&format!("/people/{}/plan/journal", team.id("Ana")), &[("on", ""), ("visibility", "private")]).await;
        assert_eq!(journal.status, 422);
        assert!(journal.has("Date is required") && !journal.has("on: is required"), "{}", journal.body);

        let top = ana.get("/org").await;
        assert!(top.has("1 person at the top of the organisation"), "{}", top.body);
        let cleo = ana.get(&format!("/org/{}", team.id("Vic"))).await;
        assert!(cleo.has(&format!("<a class=\"org-name\" href=\"/people/{}\">Lena Park</a>", team.id("Lena"))), "a name opens the profile: {}", cleo.body);
        assert!(cleo.has("<summary><span class=\"count\">2 reports</span>"), "{}", cleo.body);

        let icon = ana.get("/favicon.ico").await;
        assert_eq!(icon.status, 200);
        assert_eq!(icon.headers["content-type"], "image/svg+xml");
    }
}
