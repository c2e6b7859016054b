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
}
