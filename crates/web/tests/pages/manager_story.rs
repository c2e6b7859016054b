//! A manager's own story, told to their team: Lena shares chapters and values with "the people
//! I manage"; Ana and Ben (her reports) read them, each read recorded in Lena's trail; Vic (her
//! manager), Cy (Ana's report) and the people team do not; and nothing else of Lena's space
//! opens to her reports. Someone who manages nobody is not offered the choice.

use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn a_manager_tells_her_story_to_her_team_and_only_to_them(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena_id = team.id("Lena");
        let story = format!("/people/{lena_id}/plan/life-story");
        let lena = signed_in(&app, "Lena").await;
        assert!(lena.get(&story).await.has("Me and the people I manage"));
        let told = [("title", "Ten years at sea"), ("pivot", "yes"), ("story", "I learned to plan for storms."), ("visibility", "reports")];
        assert_eq!(lena.post(&story, &told).await.status, 303);
        let kept = [("title", "The year I nearly quit"), ("pivot", "no"), ("visibility", "private")];
        assert_eq!(lena.post(&story, &kept).await.status, 303);
        let values = format!("/people/{lena_id}/plan/values");
        assert_eq!(lena.post(&values, &[("name", "candour"), ("visibility", "reports")]).await.status, 303);
        let goal = lena.post(&format!("/people/{lena_id}/plan/goals"), &[("goal", "Hire two"), ("visibility", "reports")]).await;
        assert_eq!(goal.status, 422, "only the story is told to the team");
        assert!(goal.has("only for your life story and values"), "{}", goal.body);

        let ana = signed_in(&app, "Ana").await;
        assert!(ana.get(&format!("/people/{lena_id}")).await.has(&format!("href=\"{story}\"")));
        let read = ana.get(&story).await;
        assert_eq!(read.status, 200);
        assert!(read.has("Ten years at sea") && read.has("I learned to plan for storms."), "{}", read.body);
        assert!(read.has("What Lena Park shares with the people they manage") && !read.has("/plan\">"), "no link to the closed plan");
        assert!(!read.has("The year I nearly quit"), "a private chapter stays private");
        assert!(ana.get(&values).await.has("candour"));
        for closed in [format!("/people/{lena_id}/plan"), format!("/people/{lena_id}/plan/goals"), format!("/people/{lena_id}/space")] {
            assert_eq!(ana.get(&closed).await.status, 403, "{closed}");
        }
        assert_eq!(ana.post(&story, &told).await.status, 403, "her reports read; they do not write");
        assert!(signed_in(&app, "Ben").await.get(&story).await.has("Ten years at sea"));

        let vic = signed_in(&app, "Vic").await;
        let above = vic.get(&story).await;
        assert_eq!(above.status, 200);
        assert!(!above.has("Ten years at sea"), "told to her team, not up the line");
        assert_eq!(signed_in(&app, "Cy").await.get(&story).await.status, 403);
        assert_eq!(signed_in(&app, "Hana").await.get(&story).await.status, 403);

        let trail = lena.get("/me/audit").await;
        assert!(trail.has("Ana Ruiz") && trail.has("Ben Ode"), "{}", trail.body);
        let ben = signed_in(&app, "Ben").await;
        assert!(!ben.get(&format!("/people/{}/plan/life-story", team.id("Ben"))).await.has("Me and the people I manage"), "Ben manages nobody");
    }
}
