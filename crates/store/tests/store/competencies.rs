//! Store scenarios for competencies and the careers they come from: at most ten per dream
//! (all or none), self-ratings kept over time, the manager's observations only where invited,
//! the focus chosen by the person alone, the organisation's library, and a dream's career
//! checked against the catalogue. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::{Fields, Kind};
use trellis_core::ids::ArtefactId;
use trellis_core::policy::Visibility::{self, Private, Shared};
use trellis_core::Error;
use trellis_store::{Artefact, NewArtefact, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::{import_team, Team};

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn competency(name: &str, dream: &ArtefactId, visibility: Visibility, invite: &str) -> NewArtefact {
    NewArtefact {
        kind: Kind::Competency,
        fields: fields(&[("name", name), ("wanted", "4"), ("invite", invite)]),
        visibility,
        parent: Some(dream.clone()),
    }
}

async fn dream(store: &Store, team: &Team) -> Artefact {
    let new = NewArtefact {
        kind: Kind::Dream,
        fields: fields(&[("role", "Head of engineering"), ("occupation", "onet:11-3021.00")]),
        visibility: Shared,
        parent: None,
    };
    store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &new).await.unwrap()
}

both_engines! {
    async fn a_dream_holds_at_most_ten_competencies_and_a_batch_is_all_or_none(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let dream = dream(store, &team).await;
        let eleven: Vec<NewArtefact> = (1..=11).map(|i| competency(&format!("Skill {i}"), &dream.id, Private, "no")).collect();
        let refused = store.add_artefacts(&ana, &ana_id, &eleven).await.unwrap_err();
        assert!(refused.to_string().contains("at most 10 competencies"), "{refused}");
        assert!(store.artefacts(&ana, &ana_id, Some(Kind::Competency)).await.unwrap().is_empty(), "nothing stored");

        store.add_artefacts(&ana, &ana_id, &eleven[..10]).await.unwrap();
        let one_more = store.add_artefact(&ana, &ana_id, &eleven[10]).await.unwrap_err();
        assert!(matches!(one_more, Error::Invalid(_)), "{one_more}");
        // Another dream has room of its own; and a competency cannot hang under a goal.
        let second = NewArtefact { kind: Kind::Dream, fields: fields(&[("role", "Teacher")]), visibility: Private, parent: None };
        let second = store.add_artefact(&ana, &ana_id, &second).await.unwrap();
        store.add_artefact(&ana, &ana_id, &competency("Patience", &second.id, Private, "no")).await.unwrap();
        assert_eq!(store.artefacts(&ana, &ana_id, Some(Kind::Competency)).await.unwrap().len(), 11);
    }

    async fn ratings_are_kept_over_time_and_observations_need_an_invitation(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id, lena) = (team.actor("Ana"), team.id("Ana"), team.actor("Lena"));
        let dream = dream(store, &team).await;
        let invited = store.add_artefact(&ana, &ana_id, &competency("Coaching", &dream.id, Shared, "yes")).await.unwrap();
        let not_invited = store.add_artefact(&ana, &ana_id, &competency("Budgeting", &dream.id, Shared, "no")).await.unwrap();
        let private = store.add_artefact(&ana, &ana_id, &competency("Hiring", &dream.id, Private, "yes")).await.unwrap();

        store.rate_competency(&ana, &invited.id, "2", "Only with juniors").await.unwrap();
        store.rate_competency(&ana, &invited.id, "3", "").await.unwrap();
        let bad = store.rate_competency(&ana, &invited.id, "7", "").await.unwrap_err();
        assert!(bad.to_string().contains("level"), "{bad}");
        assert!(store.rate_competency(&lena, &invited.id, "5", "").await.is_err(), "the manager never rates for the person");

        for refused in [&not_invited, &private] {
            let error = store.observe_competency(&lena, &refused.id, "3", "Seen it").await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{error}");
        }
        for outsider in ["Vic", "Ben", "Hana", "Cy"] {
            let error = store.observe_competency(&team.actor(outsider), &invited.id, "", "Seen it").await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{outsider}: {error}");
        }
        let empty = store.observe_competency(&lena, &invited.id, "", "  ").await.unwrap_err();
        assert!(empty.to_string().contains("observed"), "{empty}");
        store.observe_competency(&lena, &invited.id, "4", "Ran the onboarding of two new starters well").await.unwrap();

        let (items, history) = store.artefact_history(&ana, &ana_id, Kind::Competency).await.unwrap();
        assert_eq!(items.len(), 3);
        let log = &history[&invited.id];
        let ratings: Vec<(&str, &str)> = log.iter().filter(|e| e.entry == "rating").map(|e| (e.value.as_str(), e.note.as_str())).collect();
        assert_eq!(ratings, [("2", "Only with juniors"), ("3", "")]);
        let observation = log.iter().find(|e| e.entry == "observation").unwrap();
        assert_eq!((observation.author_id.clone(), observation.value.as_str()), (team.id("Lena"), "4"));
        assert!(log.iter().filter(|e| e.entry == "rating").all(|e| e.author_id == ana_id));

        let (seen, history) = store.artefact_history(&lena, &ana_id, Kind::Competency).await.unwrap();
        assert_eq!(seen.len(), 2, "the manager reads the shared ones only");
        assert!(!history.contains_key(&private.id));
        let trail = store.audit_trail(&ana, &ana_id, 1).await.unwrap();
        assert!(trail.iter().any(|e| e.actor_name == "Lena Park" && e.action == "write" && e.item_kind == "competencies"));
    }

    async fn only_the_person_picks_the_focus(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let dream = dream(store, &team).await;
        let item = store.add_artefact(&ana, &ana_id, &competency("Coaching", &dream.id, Shared, "yes")).await.unwrap();
        assert!(store.set_artefact_status(&team.actor("Lena"), &item.id, "focus").await.is_err());
        let focused = store.set_artefact_status(&ana, &item.id, "focus").await.unwrap();
        assert_eq!(focused.status_label(), "Focus now");
    }

    async fn a_dreams_career_must_be_in_the_catalogue(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let new = NewArtefact {
            kind: Kind::Dream,
            fields: fields(&[("role", "Astronaut"), ("occupation", "onet:00-0000.00")]),
            visibility: Private,
            parent: None,
        };
        let refused = store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &new).await.unwrap_err();
        assert!(refused.to_string().contains("occupation"), "{refused}");
    }

    async fn the_people_team_keeps_the_organisations_library(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let hana = team.actor("Hana");
        store.add_library_competency(&hana, "  Running  incident reviews ", "Blameless, written up within a week").await.unwrap();
        let twice = store.add_library_competency(&hana, "running incident REVIEWS", "").await.unwrap_err();
        assert!(twice.to_string().contains("already in the library"), "{twice}");
        let empty = store.add_library_competency(&hana, " ", "").await.unwrap_err();
        assert!(empty.to_string().contains("name"), "{empty}");
        let by_manager = store.add_library_competency(&team.actor("Lena"), "Delegation", "").await.unwrap_err();
        assert!(matches!(by_manager, Error::Forbidden(_)), "{by_manager}");
        let library = store.library_competencies().await.unwrap();
        assert_eq!(library.len(), 1);
        assert_eq!(library[0].name, "Running incident reviews");
        assert!(store.remove_library_competency(&team.actor("Ana"), &library[0].id).await.is_err());
        store.remove_library_competency(&hana, &library[0].id).await.unwrap();
        assert!(store.library_competencies().await.unwrap().is_empty());
    }
}
