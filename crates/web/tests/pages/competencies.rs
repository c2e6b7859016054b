//! HTTP tests of the careers catalogue and the competencies pages: crossing careers out,
//! starting a dream from one, the suggestions for its career (at most ten, all or none),
//! self-ratings and the levels chart, the manager's observations by invitation, and the
//! organisation's library. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, TestApp};

both_engines! {
    async fn careers_are_crossed_out_and_a_dream_gets_suggested_competencies(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana_actor, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let catalogue = format!("/people/{ana_id}/careers");
        let search = ana.get(&format!("{catalogue}?q=registered+nurses&source=onet")).await;
        assert!(search.has("Registered Nurses") && search.has("USDOL/ETA") && search.has("CC BY 4.0"), "{}", search.body);

        let back = format!("{catalogue}?q=nurse");
        for _ in 0..2 {
            let crossed = ana.post(&format!("{catalogue}/cross-out"), &[("occupation", "onet:29-1141.00"), ("back", &back)]).await;
            assert_eq!(crossed.status, 303);
            assert!(crossed.location().unwrap().starts_with(&back));
        }
        let explored = db.store.artefacts(&ana_actor, &ana_id, Some(Kind::Career)).await.unwrap();
        assert_eq!(explored.len(), 1, "crossing out twice keeps one");
        assert_eq!((explored[0].status.as_str(), explored[0].visibility.as_str()), ("crossed-out", "private"));
        assert!(ana.get(&format!("{catalogue}?q=registered+nurses")).await.has("<s>Registered Nurses</s>"));
        let unknown = ana.post(&format!("{catalogue}/cross-out"), &[("occupation", "onet:nope")]).await;
        assert_eq!(unknown.status, 422);
        assert!(unknown.has("not in the careers catalogue"));
        assert_eq!(signed_in(&app, "Lena").await.get(&catalogue).await.status, 403, "the catalogue marks are the person's");

        let dreams = format!("/people/{ana_id}/plan/dreams");
        let prefilled = ana.get(&format!("{dreams}?role=Chief+Executives&occupation=onet%3A11-1011.00")).await;
        assert!(prefilled.has("value=\"Chief Executives\"") && prefilled.has("value=\"onet:11-1011.00\""), "{}", prefilled.body);
        let added = ana.post(&dreams, &[("role", "Chief executive of a cooperative"), ("occupation", "onet:11-1011.00"), ("visibility", "shared")]).await;
        assert_eq!(added.status, 303, "{}", added.body);
        let dream = db.store.artefacts(&ana_actor, &ana_id, Some(Kind::Dream)).await.unwrap().remove(0);

        let competencies = format!("/people/{ana_id}/plan/competencies");
        assert!(ana.get(&competencies).await.has(&format!("suggest?dream={}", dream.id)));
        let suggest = format!("/people/{ana_id}/competencies/suggest");
        let form = ana.get(&format!("{suggest}?dream={}", dream.id)).await;
        assert_eq!(form.body.matches("type=\"checkbox\"").count(), 10);
        assert!(form.has("Integrity") && form.has("Chief Executives"));

        let dream_id = dream.id.to_string();
        let mut fields: Vec<(String, String)> = vec![("dream".into(), dream_id.clone()), ("visibility".into(), "shared".into())];
        for i in 0..10 {
            fields.push((format!("pick_{i}"), "yes".into()));
            fields.push((format!("wanted_{i}"), "4".into()));
            fields.push((format!("name_{i}"), if i == 0 { "Steering a board".into() } else { format!("Suggested {i}") }));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let saved = ana.post(&suggest, &fields).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let listed = db.store.artefacts(&ana_actor, &ana_id, Some(Kind::Competency)).await.unwrap();
        assert_eq!(listed.len(), 10);
        assert!(listed.iter().all(|c| c.parent_id.as_ref() == Some(&dream.id)));
        assert!(listed.iter().any(|c| c.field("name") == "Steering a board"));

        let eleventh = ana.post(&suggest, &[("dream", &dream_id), ("pick_1", "yes"), ("name_1", "One more"), ("wanted_1", "3")]).await;
        assert_eq!(eleventh.status, 422);
        assert!(eleventh.has("at most 10 competencies"), "{}", eleventh.body);
        let none = ana.post(&suggest, &[("dream", &dream_id)]).await;
        assert!(none.status == 422 && none.has("Tick at least one"));
        assert_eq!(db.store.artefacts(&ana_actor, &ana_id, Some(Kind::Competency)).await.unwrap().len(), 10);
    }

    async fn ratings_show_in_the_chart_and_the_invited_manager_adds_observations(db) {
        let team = import_team_with_passwords(&db.store).await;
        let (ana_actor, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let competencies = format!("/people/{ana_id}/plan/competencies");
        ana.get(&competencies).await;
        for (name, invite) in [("Coaching others", "yes"), ("Public speaking", "no")] {
            let added = ana.post(&competencies, &[("name", name), ("wanted", "5"), ("invite", invite), ("visibility", "shared")]).await;
            assert_eq!(added.status, 303, "{}", added.body);
        }
        let items = db.store.artefacts(&ana_actor, &ana_id, Some(Kind::Competency)).await.unwrap();
        let (coaching, speaking) = (&items[0], &items[1]);
        for level in ["2", "3"] {
            let rated = ana.post(&format!("{competencies}/{}/rating", coaching.id), &[("level", level), ("note", "")]).await;
            assert_eq!(rated.status, 303);
        }
        let page = ana.get(&competencies).await;
        assert!(page.has("role=\"img\"") && page.has("Current and wanted level"), "{}", page.body);
        assert!(page.has("2 of 5 on") && page.has("3 of 5 on"));
        assert!(page.has("<th scope=\"row\">Coaching others</th><td>3</td><td>5</td>"), "{}", page.body);
        assert!(page.has("<td>not rated yet</td>"));

        let lena = signed_in(&app, "Lena").await;
        let seen = lena.get(&competencies).await;
        assert_eq!(seen.body.matches("invited your view").count(), 1, "only the invited competency");
        assert!(!seen.has("Rate yourself now"), "the manager never rates for the person");
        let observed = lena.post(&format!("{competencies}/{}/observation", coaching.id), &[("note", "Paired well with Cy"), ("level", "4")]).await;
        assert_eq!(observed.status, 303);
        let refused = lena.post(&format!("{competencies}/{}/observation", speaking.id), &[("note", "x"), ("level", "")]).await;
        assert_eq!(refused.status, 404);
        assert_eq!(lena.post(&format!("{competencies}/{}/rating", coaching.id), &[("level", "1")]).await.status, 404);
        let ben = signed_in(&app, "Ben").await;
        assert_eq!(ben.post(&format!("{competencies}/{}/observation", coaching.id), &[("note", "x")]).await.status, 404);
        assert!(ana.get(&competencies).await.has("Observed by Lena Park (manager)"));
        assert_eq!(lena.post(&format!("{competencies}/{}/status", coaching.id), &[("status", "focus")]).await.status, 404);
    }

    async fn the_library_is_kept_by_the_people_team_and_offered_to_everyone(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let hana = signed_in(&app, "Hana").await;
        hana.get("/competencies/library").await;
        let added = hana.post("/competencies/library", &[("name", "Writing design documents"), ("description", "")]).await;
        assert_eq!(added.status, 303);
        let again = hana.post("/competencies/library", &[("name", "writing design documents"), ("description", "")]).await;
        assert!(again.status == 422 && again.has("already in the library"));

        let ana = signed_in(&app, "Ana").await;
        let library = ana.get("/competencies/library").await;
        assert!(library.has("Writing design documents") && library.has("Active Listening") && library.has("ESCO"));
        assert!(!library.has("Add to the library"));
        assert_eq!(ana.post("/competencies/library", &[("name", "Mine")]).await.status, 403);
        let page = ana.get(&format!("/people/{}/plan/competencies", team.id("Ana"))).await;
        assert!(page.has("<option value=\"Writing design documents\">") && page.has("list=\"competency-library\""));
    }
}
