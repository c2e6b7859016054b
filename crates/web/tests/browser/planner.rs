//! Journey (c) in real headless Chromium, checked with axe-core, on SQLite and PostgreSQL: a
//! manager of ten spreads ten life stories over ten weeks, the two who said they are keen
//! first, and proposes the first when its week has come.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::driver::Browser;
use trellis_store::ImportRequest;
use trellis_testkit::team::{import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp};

const NAMES: [&str; 10] = ["Ada", "Bo", "Cai", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jon"];

both_engines! {
    async fn the_planner_spreads_ten_life_stories_over_ten_weeks(db) {
        import_team_with_passwords(&db.store).await;
        let mut csv = trellis_testkit::team::TEAM_CSV.to_string();
        for (n, name) in NAMES.iter().enumerate() {
            csv.push_str(&format!("{name} Planned,{}@acme.test,P{n},E3,Engineer,Engineering\n", name.to_lowercase()));
        }
        let request = ImportRequest { bytes: csv.into_bytes(), ..Default::default() };
        let outcome = db.store.import_roster(None, &request, "test").await.unwrap();
        assert!(outcome.applied, "{:?}", outcome.errors);
        let app = TestApp::start(db).await;
        let Some(browser) = Browser::start().await else { return };

        browser.sign_in(&app.url("/sign-in"), "lena@acme.test", TEAM_PASSWORD).await;
        browser.goto(&app.url("/team/planner")).await;
        browser.wait_for_text("Make a plan").await;
        for name in ["Ana Ruiz", "Ben Ode"] {
            browser.click(&format!("input[aria-label=\"Plan {name}\"]")).await;
        }
        for keen in ["Ivy Planned", "Cai Planned"] {
            browser.click(&format!("input[aria-label=\"{keen} said they are keen\"]")).await;
        }
        browser.click_text("Plan it").await;
        let plan = browser.wait_for_text("The plan, week by week").await;
        let weeks = plan.matches("Week of ").count();
        assert_eq!(weeks, 10, "ten weeks: {plan}");
        let at = |text: &str| plan.find(text).unwrap_or_else(|| panic!("{text} is not planned: {plan}"));
        assert!(at("Cai Planned") < at("Ivy Planned") && at("Ivy Planned") < at("Ada Planned"), "the keen go first");
        assert!(!plan.contains("Ana Ruiz:"), "only those ticked are planned");
        assert_eq!(plan.matches("Its week has come").count(), 1);
        browser.assert_accessible("the planner").await;
        browser.screenshot("planner").await;
        assert!(browser.fits_a_phone().await, "the planner scrolls sideways on a phone");

        browser.click(".planner-entries button").await;
        let proposed = browser.wait_for_text("Your story so far").await;
        assert!(proposed.contains("With Cai Planned") && proposed.contains("Proposed"), "{proposed}");
        browser.goto(&app.url("/team/planner")).await;
        let plan = browser.wait_for_text("The plan, week by week").await;
        assert!(!plan.contains("Propose now"), "the first week is proposed: {plan}");
        browser.close().await;
    }
}
