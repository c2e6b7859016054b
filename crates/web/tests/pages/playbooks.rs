//! HTTP tests of the playbook pages, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn everyone_reads_the_playbooks_and_downloads_their_files(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let list = ana.get("/playbooks").await;
        assert!(list.has("Six-month career conversation") && list.has("Three career conversations"));
        assert!(!list.has("Add a playbook"), "only the people team adds playbooks");
        let six_month = ana.get("/playbooks/six-month").await;
        assert!(six_month.has("Which activities did you enjoy most, or find most interesting?"));
        assert!(six_month.has("Instagram"), "the framework is credited");
        let file = ana.get("/playbooks/six-month/export").await;
        assert_eq!(file.status, 200);
        assert!(file.headers["content-disposition"].to_str().unwrap().contains("six-month-v1.toml"));
        assert!(file.body.starts_with("# The six-month career conversation."));
        assert_eq!(ana.get("/playbooks/six-month/edit").await.status, 403);
        assert_eq!(ana.get("/playbooks/nothing").await.status, 404);
    }

    async fn the_people_team_edits_a_playbook_into_a_new_version(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        let form = hana.get("/playbooks/first-one-on-one/edit").await;
        assert!(form.has("Check and save"));
        let source = db.store.playbook("first-one-on-one", None).await.unwrap().source;
        let broken = source.replace("minutes = 30", "minutes = -1");
        let refused = hana.post("/playbooks/first-one-on-one", &[("source", broken.as_str())]).await;
        assert_eq!(refused.status, 422);
        assert!(refused.has("conversation[0].minutes: must be from 1 to 480"), "{}", refused.body);
        assert!(refused.has("minutes = -1"), "the text typed is kept");
        let edited = source.replace("minutes = 30", "minutes = 40");
        let saved = hana.post("/playbooks/first-one-on-one", &[("source", edited.as_str())]).await;
        assert_eq!(saved.location(), Some("/playbooks/first-one-on-one?done=saved"));
        let page = hana.get("/playbooks/first-one-on-one?done=saved").await;
        assert!(page.has("Version 2") && page.has("About 40 minutes") && page.has("Saved."));
        assert!(hana.get("/playbooks/first-one-on-one?version=1").await.has("About 30 minutes"), "the old version stays");
    }

    async fn a_public_question_list_is_imported_as_an_extra_question_bank(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        hana.get("/playbooks/import").await;
        let bytes = std::fs::read(trellis_testkit::testdata("1on1-questions/questions.json")).unwrap();
        let fields = [("name", "One-on-one questions"), ("credit", "VGraupera/1on1-questions (MIT)"), ("language", "en")];
        let done = hana.upload("/playbooks/import", "questions.json", bytes, &fields).await;
        assert_eq!(done.location(), Some("/playbooks/one-on-one-questions?done=saved"), "{}", done.body);
        let page = hana.get("/playbooks/one-on-one-questions").await;
        assert!(page.has("Career development") && page.has("VGraupera/1on1-questions (MIT)"));
        let stored = db.store.playbook("one-on-one-questions", None).await.unwrap().playbook().unwrap();
        assert_eq!(stored.conversations[0].groups.iter().map(|g| g.prompts.len()).sum::<usize>(), 325);
        let broken = hana.upload("/playbooks/import", "broken.json", b"{\"questions\": [".to_vec(), &fields).await;
        assert_eq!(broken.status, 422);
        assert!(broken.has("not a question list"), "{}", broken.body);
    }
}
