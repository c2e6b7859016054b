//! HTTP tests of taking the plan away: the printable page shows each reader what they may
//! read, the Markdown and JSON downloads are the person's alone, and the JSON holds the whole
//! space. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn the_plan_is_printed_for_readers_and_downloaded_by_the_person(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let plan = format!("/people/{}/plan", team.id("Ana"));
        ana.get(&format!("{plan}/dreams")).await;
        ana.post(&format!("{plan}/dreams"), &[("role", "Head of research"), ("why", "Questions <and> people"), ("visibility", "shared")]).await;
        ana.post(&format!("{plan}/values"), &[("name", "quiet-autonomy"), ("visibility", "private")]).await;
        ana.post(&format!("{plan}/journal"), &[("activity", "Pairing"), ("feeling", "love"), ("on", "2026-11-02"), ("visibility", "private")]).await;

        let printed = ana.get(&format!("{plan}/print")).await;
        assert!(printed.has("Head of research") && printed.has("quiet-autonomy"), "{}", printed.body);
        assert!(printed.has("Questions &lt;and&gt; people") || printed.has("Questions &#60;and&#62; people"), "escaped");
        assert!(!printed.has("Pairing"), "the journal is a record, not part of the printed plan");

        let markdown = ana.get(&format!("{plan}/export.md")).await;
        assert_eq!(markdown.status, 200);
        assert!(markdown.headers.get("content-disposition").unwrap().to_str().unwrap().contains("career-plan.md"));
        assert!(markdown.has("# Career plan: Ana Ruiz") && markdown.has("- **Head of research** (Active)"), "{}", markdown.body);
        assert!(markdown.has("Entries: 1 (1 loved, 0 loathed)."));

        let json = ana.get(&format!("/people/{}/export.json", team.id("Ana"))).await;
        assert_eq!(json.status, 200);
        let export: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(export["format"], "trellis-space-export/1");
        assert_eq!(export["person"]["name"], "Ana Ruiz");
        let kinds: Vec<&str> = export["artefacts"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        for kind in ["journal-entry", "dream", "value"] {
            assert!(kinds.contains(&kind), "private items too, for the person: {kinds:?}");
        }

        let lena = signed_in(&app, "Lena").await;
        let seen = lena.get(&format!("{plan}/print")).await;
        assert!(seen.has("Head of research") && !seen.has("quiet-autonomy"), "the manager prints what is shared");
        assert_eq!(lena.get(&format!("{plan}/export.md")).await.status, 403);
        assert_eq!(lena.get(&format!("/people/{}/export.json", team.id("Ana"))).await.status, 403);
        let hana = signed_in(&app, "Hana").await;
        assert_eq!(hana.get(&format!("{plan}/print")).await.status, 403);
        assert_eq!(hana.get(&format!("/people/{}/export.json", team.id("Ana"))).await.status, 403);
    }
}
