//! HTTP tests of a person's career space and their audit trail: what each relation sees through
//! the pages, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::policy::Visibility;
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn nobody_above_the_manager_learns_whether_there_are_boundaries(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let space = format!("/people/{}/space", team.id("Ana"));
        let look = |who: &'static str| {
            let app = &app;
            let space = space.clone();
            async move {
                let visitor = app.visitor();
                visitor.sign_in(&email(who), TEAM_PASSWORD).await;
                visitor.get(&space).await
            }
        };
        let vic = look("Vic").await;
        assert_eq!(vic.status, 200);
        assert!(!vic.has("off-limits") && !vic.has("Off-limits"), "the skip level is told nothing: {}", vic.body);
        assert!(look("Lena").await.has("has not marked any topics off-limits"), "the manager is told there are none");
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        ana.get(&space).await;
        ana.post(&format!("/people/{}/boundaries", team.id("Ana")), &[("revision", "0"), ("body", "My family plans")]).await;
        assert!(!look("Vic").await.has("family plans"));
        assert!(look("Lena").await.has("My family plans"));
    }

    async fn the_manager_sees_shared_notes_and_the_person_sees_who_looked(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let space = format!("/people/{}/space", team.id("Ana"));
        ana.get(&space).await;
        let added = ana.post(&format!("{space}/notes"), &[("body", "<b>shared</b> with Lena"), ("visibility", "shared")]).await;
        assert_eq!(added.location().unwrap(), format!("{space}?done=note"));
        ana.post(&format!("{space}/notes"), &[("body", "only mine"), ("visibility", "private")]).await;
        let empty = ana.post(&format!("{space}/notes"), &[("body", "   "), ("visibility", "private")]).await;
        assert_eq!(empty.status, 422);

        let lena = app.visitor();
        lena.sign_in(&email("Lena"), TEAM_PASSWORD).await;
        let seen = lena.get(&space).await;
        assert!(!seen.has("<b>shared</b>"), "note text is escaped, never markup");
        assert!(seen.has("shared&#60;/b&#62; with Lena"), "{}", seen.body);
        assert!(!seen.has("only mine"));
        assert!(seen.has("can see that you looked"));

        let trail = ana.get("/me/audit").await;
        assert!(trail.has("Lena Park") && trail.has("read a note"), "{}", trail.body);
        assert_eq!(lena.get("/me/audit").await.status, 200, "Lena sees her own (empty) trail");
        assert!(!lena.get("/me/audit").await.has("Ana Ruiz"));
    }

    async fn the_people_team_and_peers_are_turned_away_from_a_space(db) {
        let team = import_team_with_passwords(&db.store).await;
        db.store.add_note(&team.actor("Ana"), &team.id("Ana"), Visibility::Upward, "a goal").await.unwrap();
        let app = TestApp::start(db).await;
        let space = format!("/people/{}/space", team.id("Ana"));
        for outsider in ["Hana", "Ben", "Cy"] {
            let visitor = app.visitor();
            visitor.sign_in(&email(outsider), TEAM_PASSWORD).await;
            let page = visitor.get(&space).await;
            assert_eq!(page.status, 403, "{outsider}");
            assert!(!page.has("a goal"));
        }
        let vic = app.visitor();
        vic.sign_in(&email("Vic"), TEAM_PASSWORD).await;
        let skip_level = vic.get(&space).await;
        assert!(skip_level.has("a goal"), "shared upward reaches the skip level");
        assert!(!skip_level.has("Add a note"), "the skip level only reads");
    }

    async fn a_note_is_deleted_only_by_its_author(db) {
        let team = import_team_with_passwords(&db.store).await;
        let note = db.store.add_note(&team.actor("Ana"), &team.id("Ana"), Visibility::Upward, "goal").await.unwrap();
        let app = TestApp::start(db).await;
        let path = format!("/people/{}/space/notes/{}/delete", team.id("Ana"), note.id);
        for reader in ["Vic", "Lena"] {
            let visitor = app.visitor();
            visitor.sign_in(&email(reader), TEAM_PASSWORD).await;
            assert_eq!(visitor.post(&path, &[]).await.status, 403, "{reader} reads it but did not write it");
        }
        let stranger = app.visitor();
        stranger.sign_in(&email("Cy"), TEAM_PASSWORD).await;
        assert_eq!(stranger.post(&path, &[]).await.status, 404, "nor is its existence revealed to who cannot read it");
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        assert_eq!(ana.post(&path, &[]).await.status, 303);
        assert!(db.store.notes_for(&team.actor("Ana"), &team.id("Ana")).await.unwrap().is_empty());
    }

    async fn naughty_strings_posted_as_notes_render_escaped(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let space = format!("/people/{}/space", team.id("Ana"));
        ana.get(&space).await;
        let text = std::fs::read_to_string(trellis_testkit::testdata("blns/blns.json")).unwrap();
        let strings: Vec<String> = serde_json::from_str(&text).unwrap();
        for body in strings.iter().filter(|s| !s.trim().is_empty()) {
            let posted = ana.post(&format!("{space}/notes"), &[("body", body.as_str()), ("visibility", "private")]).await;
            assert_eq!(posted.status, 303, "{body:?}: {}", posted.body);
        }
        let page = ana.get(&space).await;
        for body in strings.iter().filter(|s| !s.trim().is_empty()) {
            assert!(page.has(&escaped(body)), "{body:?} is shown, escaped");
            if body.contains('<') {
                assert!(!page.has(body), "{body:?} never reaches the page as markup");
            }
        }
    }
}

/// How the templates escape text: the five characters that matter in HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}
