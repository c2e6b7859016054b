//! HTTP tests of the plan pages: the person adds, changes, moves and removes items; limits and
//! bad fields come back named with nothing stored; the manager reads only what is shared and
//! writes nothing; the people team is turned away. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn the_person_builds_their_plan_and_limits_are_named(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let values = format!("/people/{}/plan/values", team.id("Ana"));
        assert!(ana.get(&values).await.has("Distil three to five values"));
        for name in ["autonomy", "craft", "fairness", "learning", "calm"] {
            let added = ana.post(&values, &[("name", name), ("visibility", "shared")]).await;
            assert_eq!(added.status, 303, "{}", added.body);
        }
        let sixth = ana.post(&values, &[("name", "variety"), ("visibility", "private")]).await;
        assert_eq!(sixth.status, 422);
        assert!(sixth.has("at most 5 values") && sixth.has("value=\"variety\""), "the typed value is kept");
        assert_eq!(db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::Value)).await.unwrap().len(), 5);

        let journal = format!("/people/{}/plan/journal", team.id("Ana"));
        let bad = ana.post(&journal, &[("activity", ""), ("feeling", "meh"), ("on", "last week")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.has("is required") && bad.has("must be one of") && bad.has("must be a date like"), "{}", bad.body);

        let actions = format!("/people/{}/plan/actions", team.id("Ana"));
        let far = ana.post(&actions, &[("what", "Lead the migration"), ("pillar", "current-role"), ("owner", "me"), ("due", "2031-01-01")]).await;
        assert_eq!(far.status, 303);
        assert!(ana.get(&actions).await.has("more than about six months away"));

        let dreams = format!("/people/{}/plan/dreams", team.id("Ana"));
        ana.post(&dreams, &[("role", "Head of research"), ("visibility", "private")]).await;
        let dream = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::Dream)).await.unwrap().remove(0);
        let crossed = ana.post(&format!("{dreams}/{}/status", dream.id), &[("status", "crossed-out")]).await;
        assert_eq!(crossed.status, 303);
        assert!(ana.get(&dreams).await.has("Crossed out"));
        let edit = format!("{dreams}/{}", dream.id);
        assert!(ana.get(&format!("{edit}/edit")).await.has("Head of research"));
        let saved = ana.post(&edit, &[("role", "Head of applied research"), ("revision", "2"), ("visibility", "shared")]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let stale = ana.post(&edit, &[("role", "Something else"), ("revision", "2"), ("visibility", "shared")]).await;
        assert_eq!(stale.status, 422);
        assert!(stale.has("changed elsewhere"));
        assert_eq!(ana.post(&format!("{edit}/delete"), &[]).await.status, 303);
        assert!(!ana.get(&dreams).await.has("Head of applied research"));
    }

    async fn the_manager_reads_what_is_shared_and_writes_nothing(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let mentors = format!("/people/{}/plan/mentors", team.id("Ana"));
        ana.get(&mentors).await;
        ana.post(&mentors, &[("name", "Grace from the data team"), ("where", "inside"), ("visibility", "shared")]).await;
        ana.post(&mentors, &[("name", "My old professor"), ("where", "outside"), ("visibility", "private")]).await;

        let lena = signed_in(&app, "Lena").await;
        let page = lena.get(&mentors).await;
        assert!(page.has("Grace from the data team") && !page.has("My old professor"));
        assert!(!page.has("Add a mentor") && !page.has("Remove"), "the manager only reads");
        assert!(lena.get(&format!("/people/{}/plan", team.id("Ana"))).await.has("1 item"));
        let refused = lena.post(&mentors, &[("name", "x"), ("where", "inside"), ("visibility", "shared")]).await;
        assert_eq!(refused.status, 403);
        for outsider in ["Hana", "Ben"] {
            let visitor = signed_in(&app, outsider).await;
            let page = visitor.get(&mentors).await;
            assert_eq!(page.status, 403, "{outsider}");
            assert!(!page.has("Grace"));
        }
        assert_eq!(ana.get(&format!("/people/{}/plan/no-such-kind", team.id("Ana"))).await.status, 404);
    }
}

both_engines! {
    async fn goals_get_outcomes_at_the_six_month_conversation_and_skills_are_ticked(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let goals = format!("/people/{}/plan/goals", team.id("Ana"));
        ana.get(&goals).await;
        ana.post(&goals, &[("goal", "Run the team retro"), ("visibility", "shared")]).await;
        let goal = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::Goal)).await.unwrap().remove(0);

        let started = ana.post(&format!("/people/{}/conversations", team.id("Ana")), &[("what", "six-month")]).await;
        let conversation = started.location().unwrap().split('?').next().unwrap().to_string();
        let page = ana.get(&conversation).await;
        assert!(page.has("Goals to review") && page.has("Run the team retro"), "{}", page.body);
        assert!(page.has(&format!("href=\"/people/{}/plan/journal\"", team.id("Ana"))), "links to the step's exercises");
        let id = conversation.trim_start_matches("/conversations/");
        let recorded = ana.post(&format!("{goals}/{}/status", goal.id), &[("status", "carried-over"), ("note", "Halfway there"), ("conversation", id)]).await;
        assert_eq!(recorded.location(), Some(format!("{conversation}?done=saved").as_str()));
        let page = ana.get(&conversation).await;
        assert!(page.has("Outcome at this conversation: <strong>Carried over</strong>: Halfway there"), "{}", page.body);

        let lena = signed_in(&app, "Lena").await;
        let seen = lena.get(&conversation).await;
        assert!(seen.has("Run the team retro") && !seen.has("Record the outcome"), "the manager reads, the person records");
        assert!(ana.get(&goals).await.has("Carried over on"), "the plan page shows the history");

        let skill = format!("/people/{}/plan/weekly-skill", team.id("Ana"));
        ana.get(&skill).await;
        ana.post(&skill, &[("skill", "Ask one open question per meeting"), ("visibility", "private")]).await;
        let item = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::WeeklySkill)).await.unwrap().remove(0);
        let page = ana.get(&skill).await;
        assert!(page.has("Tick this week"));
        let monday = trellis_core::artefact::week_start(jiff::Zoned::now().date()).to_string();
        let ticked = ana.post(&format!("{skill}/{}/practised", item.id), &[("week", monday.as_str()), ("practised", "yes")]).await;
        assert_eq!(ticked.status, 303);
        assert!(ana.get(&skill).await.has("Untick this week"));
    }
}
