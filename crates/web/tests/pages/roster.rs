//! HTTP tests of the roster pages: the people team's forms, the import with its preview, the
//! org chart and person pages, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, testdata, TestApp};

both_engines! {
    async fn the_people_team_adds_a_person_and_bad_input_names_the_field(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        hana.get("/people/new").await;
        let bad = hana.post("/people", &[("name", "Zoe Quinn"), ("email", "zoe@"), ("start_date", "soon"), ("manager", "nobody@acme.test")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.has("is not an e-mail address") && bad.has("is not a date"), "{}", bad.body);
        assert!(bad.has("value=\"Zoe Quinn\""), "the form keeps what was typed");
        let taken = hana.post("/people", &[("name", "Zoe Quinn"), ("email", "ANA@acme.test")]).await;
        assert!(taken.has("is already used by Ana Ruiz"));
        let made = hana.post("/people", &[("name", "Zoe Quinn"), ("email", "zoe@acme.test"), ("manager", "E3")]).await;
        assert_eq!(made.status, 303);
        let profile = hana.get(made.location().unwrap()).await;
        assert!(profile.has("Person added.") && profile.has("Lena Park"));
        assert_eq!(db.store.person_by_email("zoe@acme.test").await.unwrap().unwrap().manager_id, Some(team.id("Lena")));
    }

    async fn a_manager_change_that_would_loop_is_refused_with_the_loop_named(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        let path = format!("/people/{}", team.id("Lena"));
        hana.get(&path).await;
        let looped = hana.post(&format!("{path}/manager"), &[("manager", "cy@acme.test")]).await;
        assert_eq!(looped.status, 422);
        assert!(looped.has("would make a loop of managers: Lena Park → Cy Lam → Ana Ruiz → Lena Park"), "{}", looped.body);
        let moved = hana.post(&format!("{path}/manager"), &[("manager", "cleo@acme.test")]).await;
        assert_eq!(moved.location().unwrap(), format!("{path}?done=manager"));
        let page = hana.get(&format!("{path}?done=manager")).await;
        assert!(page.has("Manager changed.") && page.has("Manager history"));
    }

    async fn only_the_people_team_reaches_the_roster_tools(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let lena = app.visitor();
        lena.sign_in(&email("Lena"), TEAM_PASSWORD).await;
        for path in ["/admin/import", "/admin/settings", "/admin/invitations", "/people/new"] {
            assert_eq!(lena.get(path).await.status, 403, "{path}");
        }
        let refused = lena.post(&format!("/people/{}/deactivate", team.id("Ana")), &[]).await;
        assert_eq!(refused.status, 403);
        assert!(db.store.person(&team.id("Ana")).await.unwrap().active);
    }

    async fn an_import_is_previewed_then_confirmed(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        hana.get("/admin/import").await;
        let bytes = std::fs::read(testdata("oracle-hr-schema/employees.csv")).unwrap();
        let preview = hana.upload("/admin/import", "employees.csv", bytes, &[("email_domain", "oracle.example")]).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert!(preview.has("Preview of employees.csv") && preview.has("<dd>107</dd>"));
        assert_eq!(db.store.count_people().await.unwrap(), 7, "a preview writes nothing");
        let start = preview.body.find("action=\"/admin/import/").unwrap() + "action=\"".len();
        let end = preview.body[start..].find('"').unwrap() + start;
        let confirm_path = preview.body[start..end].to_string();
        let done = hana.post(&confirm_path, &[]).await;
        assert!(done.has("Import complete"), "{}", done.body);
        assert_eq!(db.store.count_people().await.unwrap(), 114);
    }

    async fn a_bad_roster_file_shows_row_numbered_problems_and_imports_nothing(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        hana.get("/admin/import").await;
        let csv = "name,email,manager\nZed One,zed@x.org,\n,nameless@x.org,\nYan Two,yan@x.org,Who Knows\n";
        let page = hana.upload("/admin/import", "bad.csv", csv.as_bytes().to_vec(), &[]).await;
        assert_eq!(page.status, 422);
        assert!(page.has("nothing was imported"));
        assert!(page.has("<td>3</td><td>name</td><td>is required</td>"), "{}", page.body);
        assert!(page.has("<td>4</td><td>manager</td>"));
        assert!(!page.has("action=\"/admin/import/"), "no way to confirm a file with problems");
        assert_eq!(db.store.count_people().await.unwrap(), 7);
        let empty = hana.upload("/admin/import", "none.csv", Vec::new(), &[]).await;
        assert!(empty.has("choose a CSV file"));
    }

    async fn the_org_chart_opens_team_by_team(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let top = ana.get("/org").await;
        assert!(top.has("Cleo Diaz") && top.has("2 reports"));
        let vic_team = ana.get(&format!("/org/{}", team.id("Vic"))).await;
        assert!(vic_team.has("Vic Tran's team") && vic_team.has("Lena Park"));
        let fragment = ana.get(&format!("/org/{}/reports", team.id("Lena"))).await;
        assert!(fragment.has("Ana Ruiz") && fragment.has("Ben Ode") && !fragment.has("<html"));
        let as_manager = ana.get(&format!("/people/{}", team.id("Cy"))).await;
        assert!(as_manager.has("Cy Lam") && as_manager.has("Manager history"), "Ana manages Cy");
        let ben = app.visitor();
        ben.sign_in(&email("Ben"), TEAM_PASSWORD).await;
        let as_outsider = ben.get(&format!("/people/{}", team.id("Cy"))).await;
        assert!(as_outsider.has("Cy Lam") && !as_outsider.has("Manager history"), "Cy's history is not Ben's to see");
    }

    async fn settings_are_validated_and_saved(db) {
        let _team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = app.visitor();
        hana.sign_in(&email("Hana"), TEAM_PASSWORD).await;
        hana.get("/admin/settings").await;
        let bad = hana.post("/admin/settings", &[("organisation_name", ""), ("invitation_days", "365")]).await;
        assert_eq!(bad.status, 422);
        assert!(bad.has("from 1 to 90") && bad.has("not a time zone we know"));
        let good = hana.post("/admin/settings", &[("organisation_name", "Acme"), ("invitation_days", "10"), ("time_zone", "Europe/Lisbon")]).await;
        assert_eq!(good.location(), Some("/admin/settings?done=saved"));
        assert!(hana.get("/").await.has("<span>Acme</span>"));
    }
}
