//! Career ladders in the browser, on both engines: the people team imports real ladder files
//! (the Financial Times' YAML job family, a Monzo Markdown framework) and edits one as TOML,
//! each save a version; everyone reads them; a broken file is refused in words and nothing
//! is saved.

use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, testdata, TestApp};

fn file(path: &str) -> Vec<u8> {
    std::fs::read(testdata(&format!("career-ladders/{path}"))).unwrap()
}

both_engines! {
    async fn the_people_team_imports_and_edits_ladders_that_everyone_reads(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = signed_in(&app, "Hana").await;
        hana.get("/ladders/import").await;
        let credit = [("credit", "Financial Times engineering progression (MIT)")];
        let yaml = ("file", "data_job-families_engineering.yml", "application/yaml");
        let imported = hana.upload_as("/ladders/import", yaml, file("ft-engineering-progression/data_job-families_engineering.yml"), &credit).await;
        assert_eq!(imported.location(), Some("/ladders/engineering?done=saved"), "{}", imported.body);
        let markdown = ("file", "engineering_backend.md", "text/markdown");
        let monzo = hana.upload_as("/ladders/import", markdown, file("monzo-progression-framework/engineering_backend.md"), &[("credit", "Monzo (MIT)")]).await;
        assert_eq!(monzo.location(), Some("/ladders/backend-engineering-framework?done=saved"), "{}", monzo.body);

        let ana = signed_in(&app, "Ana").await;
        let list = ana.get("/ladders").await;
        assert!(list.has("Engineering") && list.has("Backend Engineering Framework") && !list.has("Import a ladder"));
        let shown = ana.get("/ladders/engineering").await;
        assert!(shown.has("Individual contributor") && shown.has("People manager") && shown.has("Principal Engineer (People Manager)"));
        assert!(shown.has("Planning and Organising") && shown.has("Financial Times engineering progression (MIT)"));
        assert_eq!(ana.get("/ladders/import").await.status, 403);

        let before = db.store.ladder_versions("engineering").await.unwrap();
        let broken = hana.upload_as("/ladders/import", ("file", "ladder.toml", "application/toml"), b"[ladder]\nname = \"x\"\n[[track]]\nkey = 1".to_vec(), &[]).await;
        assert_eq!(broken.status, 422);
        assert!(broken.has("Line 4"), "{}", broken.body);
        let edit = hana.get("/ladders/engineering/edit").await;
        let source = html_escape_decode(&edit.body[edit.body.find("spellcheck=\"false\">").unwrap() + 19..edit.body.find("</textarea>").unwrap()]);
        let renamed = source.replace("name = \"Junior Engineer\"", "name = \"Associate Engineer\"");
        assert_eq!(hana.post("/ladders/engineering", &[("source", &renamed)]).await.location(), Some("/ladders/engineering?done=saved"));
        assert!(ana.get("/ladders/engineering").await.has("Associate Engineer"));
        assert!(ana.get("/ladders/engineering?version=1").await.has("Junior Engineer"), "the first version stays");
        let wrong_key = hana.post("/ladders/engineering", &[("source", &renamed.replace("key = \"engineering\"", "key = \"other\""))]).await;
        assert_eq!(wrong_key.status, 422);
        assert_eq!(db.store.ladder_versions("engineering").await.unwrap().len(), before.len() + 1);
    }

    async fn a_person_sees_where_they_stand_and_where_each_track_leads(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = signed_in(&app, "Hana").await;
        hana.get("/ladders/import").await;
        let yaml = ("file", "engineering.yml", "application/yaml");
        hana.upload_as("/ladders/import", yaml, file("ft-engineering-progression/data_job-families_engineering.yml"), &[]).await;
        let ana_page = format!("/people/{}", team.id("Ana"));
        assert!(hana.get(&ana_page).await.has("Engineering: Senior Engineer 1"), "the people team chooses from the ladder's levels");
        let refused = hana.post(&format!("{ana_page}/level"), &[("level", "engineering/astronaut")]).await;
        assert_eq!(refused.status, 422);
        assert_eq!(hana.post(&format!("{ana_page}/level"), &[("level", "engineering/senior-1")]).await.status, 303);

        let ana = signed_in(&app, "Ana").await;
        let plan = ana.get(&format!("{ana_page}/plan")).await;
        assert!(plan.has("Where you stand") && plan.has("Senior Engineer 1, on the"), "{}", plan.body);
        assert!(plan.has("next, <a href=\"/ladders/engineering#level-senior-2-ic\">Senior Engineer 2 (Individual Contributor)</a>"), "{}", plan.body);
        assert!(plan.has("Principal Engineer (People Manager)</a>, <a href=\"/ladders/engineering#level-tech-director\">Technology Director"), "{}", plan.body);
        assert!(ana.get(&ana_page).await.has("Career level"));
        assert_eq!(ana.post(&format!("{ana_page}/level"), &[("level", "engineering/tech-director")]).await.status, 403);
        assert!(signed_in(&app, "Lena").await.get(&format!("{ana_page}/plan")).await.has("Where Ana Ruiz stands"));
        assert!(!signed_in(&app, "Ben").await.get(&ana_page).await.has("Career level"), "a peer does not see her level");
    }
}

/// The text of a textarea as the browser would submit it.
fn html_escape_decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
