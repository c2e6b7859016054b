//! HTTP tests of the home pages' follow-through: the manager's overview in words with one
//! button per person, the person's own next steps and the "still right" answer. SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::policy::Visibility;
use trellis_store::NewArtefact;
use trellis_testkit::stages::life_story_held;
use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn the_managers_home_says_who_has_stalled_and_offers_the_next_step(db) {
        let team = import_team_with_passwords(&db.store).await;
        let series = life_story_held(&db.store, &team).await;
        db.let_days_pass(35).await;
        let app = TestApp::start(db).await;
        let lena = signed_in(&app, "Lena").await;
        let home = lena.get("/").await;
        assert_eq!(home.status, 200);
        assert!(home.has("What needs you this week") && home.has("Your team of 2 people"), "{}", home.body);
        assert!(home.has("<dt>Stalled</dt><dd>1</dd>") && home.has("<dt>Nothing planned</dt><dd>1</dd>"), "{}", home.body);
        assert!(home.has(">Stalled</strong>"));
        assert!(home.has("“Your story so far” was held 5 weeks ago"), "{}", home.body);
        assert!(home.has(&format!("href=\"/conversations/{}\">Agree a time", series[1])), "{}", home.body);
        let first = format!("href=\"/people/{}/conversations/new?what=first-one-on-one\">Propose the first one-on-one", team.id("Ben"));
        assert!(home.has(&first) && home.has(">Nothing planned</strong>"), "{}", home.body);
        assert!(home.has("A question for your next one-on-one"));

        // The button's link chooses the playbook on the form; a strange query is ignored.
        let form = lena.get(&format!("/people/{}/conversations/new?what=first-one-on-one", team.id("Ben"))).await;
        assert!(form.has("value=\"first-one-on-one\" selected"), "{}", form.body);
        let odd = lena.get(&format!("/people/{}/conversations/new?what=a&what=b", team.id("Ben"))).await;
        assert_eq!(odd.status, 400);
        assert!(odd.has("The address has a part Trellis does not understand") && odd.has("<!doctype html>"), "{}", odd.body);
    }

    async fn the_person_sees_their_own_next_steps_and_answers_the_probe(db) {
        let team = import_team_with_passwords(&db.store).await;
        let kind = Kind::Goal;
        let fields = kind.fields().iter().map(|f| (f.name.to_string(), if f.name == "due" { "2027-06-01".into() } else { "Lead the migration".into() })).collect();
        let goal = NewArtefact { kind, fields, visibility: Visibility::Shared, parent: None };
        db.store.add_artefact(&team.actor("Ben"), &team.id("Ben"), &goal).await.unwrap();
        db.let_days_pass(95).await;
        let app = TestApp::start(db).await;
        let ben = signed_in(&app, "Ben").await;
        let home = ben.get("/").await;
        assert!(home.has("What is next for you") && home.has("Is it still right?"), "{}", home.body);
        assert!(!home.has("What needs you this week"));
        let answered = ben.post("/me/plan/still-right", &[]).await;
        assert_eq!(answered.location(), Some("/?done=still-right"));
        let home = ben.get("/?done=still-right").await;
        assert!(home.has("your plan is still right") && !home.has("Is it still right?"), "{}", home.body);
    }

    async fn each_person_chooses_a_time_zone_and_reads_every_time_in_it(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let form = ana.get("/me/settings").await;
        assert!(form.has("<datalist id=\"time-zones\">") && form.has("value=\"Asia/Tokyo\""), "a searchable list");
        let wrong = ana.post("/me/settings", &[("time_zone", "Mars/Olympus")]).await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.has("Time zone is not a time zone we know"), "{}", wrong.body);
        assert_eq!(ana.post("/me/settings", &[("time_zone", "Asia/Tokyo")]).await.status, 303);
        ana.post(&format!("/people/{}/space/notes", team.id("Ana")), &[("body", "A note to time"), ("visibility", "private")]).await;
        let space = ana.get(&format!("/people/{}/space", team.id("Ana"))).await;
        assert!(space.has("(Asia/Tokyo)"), "the saved-at stamp says the reader's zone: {}", space.body);
        let proposing = ana.get(&format!("/people/{}/conversations/new", team.id("Ana"))).await;
        assert!(proposing.has("value=\"Asia/Tokyo\""), "a proposal starts in the reader's zone");
    }
}
