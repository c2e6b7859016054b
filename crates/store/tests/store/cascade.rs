//! Store scenarios for a leader's views: coverage counts each lead's people by the stages they
//! held with that lead (nothing held alone, nothing the lead may not read), and the shared-upward
//! view shows only what people shared upward, grouped where it overlaps, each read in the
//! person's trail; nobody outside the line sees either. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::{Fields, Kind};
use trellis_core::cascade::{SharedKind, Stage};
use trellis_core::conversation::flow::Move;
use trellis_core::policy::Visibility::{self, Private, Shared, Upward};
use trellis_store::{NewArtefact, Store};
use trellis_testkit::both_engines;
use trellis_testkit::stages::{life_story_held, make, propose};
use trellis_testkit::team::{import_team, Team};

async fn goal(store: &Store, team: &Team, who: &str, text: &str, visibility: Visibility) {
    let fields: Fields = [("goal".to_string(), text.to_string())].into_iter().collect();
    let new = NewArtefact { kind: Kind::Goal, fields, visibility, parent: None };
    store.add_artefact(&team.actor(who), &team.id(who), &new).await.unwrap();
}

both_engines! {
    async fn coverage_counts_what_each_lead_held_and_nothing_held_alone(db) {
        let store = &db.store;
        let team = import_team(store).await;
        life_story_held(store, &team).await;
        let alone = propose(store, &team, "Ben", "Ben", "three-conversations", true).await;
        make(store, &team, "Ben", &alone[0], Move::Hold).await;
        let cy = propose(store, &team, "Ana", "Cy", "three-conversations", false).await;
        make(store, &team, "Cy", &cy[0], Move::Accept).await;
        make(store, &team, "Ana", &cy[0], Move::Schedule).await;
        make(store, &team, "Ana", &cy[0], Move::Hold).await;
        make(store, &team, "Ana", &cy[1], Move::Schedule).await;
        make(store, &team, "Ana", &cy[1], Move::Hold).await;

        let (leads, total) = store.cascade_coverage(&team.actor("Vic"), 1, 25).await.unwrap();
        assert_eq!(total, 3);
        let rows: Vec<(&str, i64, usize, usize, usize)> = leads
            .iter()
            .map(|l| (l.name.as_str(), l.depth, l.coverage.people, l.coverage.count(Stage::LifeStory), l.coverage.count(Stage::Dreams)))
            .collect();
        assert_eq!(rows, [("Vic Tran", 0, 1, 0, 0), ("Lena Park", 1, 2, 1, 0), ("Ana Ruiz", 2, 1, 1, 1)]);
        // Lena sees her own team and Ana's; Ben and the people team have nobody to count.
        let (lenas, _) = store.cascade_coverage(&team.actor("Lena"), 1, 25).await.unwrap();
        assert_eq!(lenas.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["Lena Park", "Ana Ruiz"]);
        for outsider in ["Ben", "Hana", "Cy"] {
            assert!(store.cascade_coverage(&team.actor(outsider), 1, 25).await.unwrap().0.is_empty(), "{outsider}");
        }
    }

    async fn only_what_is_shared_upward_reaches_the_leader_grouped_and_audited(db) {
        let store = &db.store;
        let team = import_team(store).await;
        goal(store, &team, "Ana", "Mentor two interns through their first project", Upward).await;
        goal(store, &team, "Cy", "Run the intern mentoring programme for the first project", Upward).await;
        goal(store, &team, "Ben", "Ship the billing migration", Shared).await;
        goal(store, &team, "Ana", "Find a job elsewhere", Private).await;
        let (groups, more) = store.shared_upward(&team.actor("Vic")).await.unwrap();
        assert!(!more);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!((groups[0].kind, groups[0].people()), (SharedKind::Goal, 2));
        let texts: Vec<&str> = groups[0].items.iter().map(|i| i.text.as_str()).collect();
        assert!(!texts.iter().any(|t| t.contains("billing") || t.contains("elsewhere")), "{texts:?}");
        let trail = store.audit_trail(&team.actor("Ana"), &team.id("Ana"), 1).await.unwrap();
        assert!(trail.iter().any(|e| e.actor_name == "Vic Tran" && e.item_kind == "shared-upward"), "{trail:?}");
        // Lena manages Ana and is in Cy's line: she sees both too; the people team and peers nothing.
        assert_eq!(store.shared_upward(&team.actor("Lena")).await.unwrap().0.len(), 1);
        for outsider in ["Hana", "Ben", "Cy"] {
            assert!(store.shared_upward(&team.actor(outsider)).await.unwrap().0.is_empty(), "{outsider}");
        }
        // After a change of manager, what Ana shared before is held back until she decides.
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        let (groups, _) = store.shared_upward(&team.actor("Vic")).await.unwrap();
        assert!(groups.iter().all(|g| g.items.iter().all(|i| !i.person.starts_with("Ana"))), "{groups:?}");
    }
}
