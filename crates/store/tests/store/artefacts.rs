//! Store scenarios for career artefacts: every kind through the access policy and the audit
//! trail, the limits on values, dreams and the weekly skill, revisions, and items that hang
//! under others. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::handoff::{Carried, Topic};
use trellis_core::policy::Visibility::{self, Private, Shared, Upward};
use trellis_core::Error;
use trellis_store::{Artefact, NewArtefact, Store};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::team::{import_team, Team};

async fn add(store: &Store, team: &Team, kind: Kind, text: &str, visibility: Visibility) -> Result<Artefact, Error> {
    let new = NewArtefact { kind, fields: valid_fields(kind, text), visibility, parent: None };
    store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &new).await
}

both_engines! {
    async fn every_kind_is_read_exactly_as_the_policy_allows(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        for kind in Kind::ALL {
            for (text, visibility) in [("private", Private), ("shared", Shared), ("upward", Upward)] {
                let item = add(store, &team, kind, text, visibility).await.unwrap();
                if kind == Kind::WeeklySkill {
                    // One skill at a time: finish each before starting the next.
                    store.set_artefact_status(&team.actor("Ana"), &item.id, "finished").await.unwrap();
                }
            }
        }
        let seen = |who: &'static str, kind: Kind| {
            let actor = team.actor(who);
            let ana = ana.clone();
            async move {
                let mut texts: Vec<String> = store.artefacts(&actor, &ana, Some(kind)).await.unwrap().iter()
                    .map(|a| a.fields.values().find(|v| ["private", "shared", "upward"].contains(&v.as_str())).cloned().unwrap_or_default())
                    .collect();
                texts.sort();
                texts
            }
        };
        for kind in Kind::ALL {
            assert_eq!(seen("Ana", kind).await, ["private", "shared", "upward"], "{kind:?}");
            assert_eq!(seen("Lena", kind).await, ["shared", "upward"], "{kind:?}");
            assert_eq!(seen("Vic", kind).await, ["upward"], "{kind:?} for the skip level");
            for outsider in ["Ben", "Cy", "Hana"] {
                assert!(seen(outsider, kind).await.is_empty(), "{outsider} reads {kind:?}");
            }
        }
        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        assert!(trail.iter().any(|e| e.actor_name == "Lena Park" && e.item_kind == "dreams"));
        assert!(trail.iter().all(|e| ["Lena Park", "Vic Tran"].contains(&e.actor_name.as_str())));

        store.change_manager(None, &ana, Some(&team.id("Vic")), "admin").await.unwrap();
        for kind in Kind::ALL {
            assert!(seen("Lena", kind).await.is_empty(), "a former manager reads no {kind:?}");
        }
        assert!(seen("Vic", Kind::Mentor).await.is_empty(), "the new manager reads nothing until Ana decides");
        crate::hand_over(store, &team, "Ana", Carried::Topics(vec![Topic::Plan(Kind::Mentor)])).await;
        assert_eq!(seen("Vic", Kind::Mentor).await, ["shared", "upward"], "the new manager reads what Ana let travel");
        assert!(seen("Vic", Kind::Dream).await.is_empty(), "and nothing else");
    }

    async fn only_the_person_writes_their_artefacts(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let dream = add(store, &team, Kind::Dream, "Lead a research lab", Shared).await.unwrap();
        let new = NewArtefact { kind: Kind::Mentor, fields: valid_fields(Kind::Mentor, "x"), visibility: Shared, parent: None };
        for other in ["Lena", "Vic", "Hana"] {
            let error = store.add_artefact(&team.actor(other), &team.id("Ana"), &new).await.unwrap_err();
            assert!(matches!(error, Error::Forbidden(_)), "{other}");
            let error = store.update_artefact(&team.actor(other), &dream.id, &dream.fields, Shared, 1).await.unwrap_err();
            assert!(matches!(error, Error::NotFound(_)), "{other} changes Ana's dream");
            assert!(store.delete_artefact(&team.actor(other), &dream.id).await.is_err());
            assert!(store.set_artefact_status(&team.actor(other), &dream.id, "crossed-out").await.is_err());
        }
    }

    async fn limits_refuse_the_extra_item_and_store_nothing(db) {
        let store = &db.store;
        let team = import_team(store).await;
        for n in 0..5 {
            add(store, &team, Kind::Value, &format!("value {n}"), Private).await.unwrap();
        }
        let error = add(store, &team, Kind::Value, "value 6", Private).await.unwrap_err();
        assert!(error.to_string().contains("at most 5 values"), "{error}");
        assert_eq!(store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::Value)).await.unwrap().len(), 5);

        let mut dreams = Vec::new();
        for n in 0..3 {
            dreams.push(add(store, &team, Kind::Dream, &format!("dream {n}"), Private).await.unwrap());
        }
        assert!(add(store, &team, Kind::Dream, "a fourth", Private).await.unwrap_err().to_string().contains("at most 3 active dreams"));
        store.set_artefact_status(&team.actor("Ana"), &dreams[0].id, "crossed-out").await.unwrap();
        add(store, &team, Kind::Dream, "a fourth", Private).await.unwrap();
        let error = store.set_artefact_status(&team.actor("Ana"), &dreams[0].id, "active").await.unwrap_err();
        assert!(error.to_string().contains("at most 3 active dreams"), "bringing one back counts too");
        let error = store.set_artefact_status(&team.actor("Ana"), &dreams[0].id, "abandoned").await.unwrap_err();
        assert_eq!(error.field_errors()[0].field, "status");
    }

    async fn plans_hang_under_dreams_and_go_with_them(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let dream = add(store, &team, Kind::Dream, "Run a platform team", Private).await.unwrap();
        let plan = store.add_artefact(&ana, &ana_id, &NewArtefact { kind: Kind::GrowPlan, fields: valid_fields(Kind::GrowPlan, "g"), visibility: Private, parent: Some(dream.id.clone()) }).await.unwrap();
        let action = store.add_artefact(&ana, &ana_id, &NewArtefact { kind: Kind::Action, fields: valid_fields(Kind::Action, "a"), visibility: Private, parent: Some(plan.id.clone()) }).await.unwrap();
        assert_eq!(action.parent_id.as_ref(), Some(&plan.id));
        let wrong = NewArtefact { kind: Kind::Action, fields: valid_fields(Kind::Action, "a"), visibility: Private, parent: Some(dream.id.clone()) };
        assert_eq!(store.add_artefact(&ana, &ana_id, &wrong).await.unwrap_err().field_errors()[0].field, "parent");

        // A stale edit is refused; a fresh one goes through.
        let mut fields = plan.fields.clone();
        fields.insert("reality".into(), "I lead a project of four".into());
        let updated = store.update_artefact(&ana, &plan.id, &fields, Shared, plan.revision).await.unwrap();
        assert_eq!((updated.revision, updated.visibility), (2, Shared));
        assert!(matches!(store.update_artefact(&ana, &plan.id, &fields, Shared, 1).await.unwrap_err(), Error::Conflict(_)));

        store.delete_artefact(&ana, &dream.id).await.unwrap();
        assert!(store.artefacts(&ana, &ana_id, None).await.unwrap().is_empty(), "the plan and its action went with the dream");
    }
}
