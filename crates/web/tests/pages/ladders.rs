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
