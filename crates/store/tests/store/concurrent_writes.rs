//! Several people saving at the same moment, as on a busy server: every save lands (none fails
//! with "database is locked"), and a limit counted inside the transaction still holds when the
//! same person submits from several tabs at once. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::{Fields, Kind};
use trellis_core::policy::Visibility::Private;
use trellis_core::Error;
use trellis_store::{Actor, NewArtefact, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::import_team;

/// How many saves each writer makes at once.
const SAVES: usize = 6;

fn entry(n: usize) -> NewArtefact {
    let fields: Fields = [("activity", format!("Task {n}")), ("feeling", "love".into()), ("on", "2026-03-02".into())]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    NewArtefact { kind: Kind::JournalEntry, fields, visibility: Private, parent: None }
}

fn value(n: usize) -> NewArtefact {
    let fields: Fields = [("name".to_string(), format!("Value {n}"))].into_iter().collect();
    NewArtefact { kind: Kind::Value, fields, visibility: Private, parent: None }
}

/// Starts every save at once and waits for them all.
async fn all_at_once(store: &Store, saves: Vec<(Actor, NewArtefact)>) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = saves
        .into_iter()
        .map(|(actor, new)| {
            let store = store.clone();
            tokio::spawn(async move { store.add_artefact(&actor, &actor.id.clone(), &new).await.map(|_| ()) })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("the save task ran"));
    }
    outcomes
}

both_engines! {
    async fn people_saving_at_the_same_moment_all_succeed(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let writers = ["Ana", "Ben", "Cy", "Lena"];
        let saves = writers.iter().flat_map(|name| (0..SAVES).map(|n| (team.actor(name), entry(n)))).collect();
        for outcome in all_at_once(store, saves).await {
            outcome.unwrap();
        }
        for name in writers {
            let entries = store.artefacts(&team.actor(name), &team.id(name), Some(Kind::JournalEntry)).await.unwrap();
            assert_eq!(entries.len(), SAVES, "{name}'s entries");
        }
    }

    async fn a_limit_holds_when_one_person_submits_from_many_tabs_at_once(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.actor("Ana");
        let attempts = 9;
        let outcomes = all_at_once(store, (0..attempts).map(|n| (ana.clone(), value(n))).collect()).await;
        let refused: Vec<&Error> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
        for error in &refused {
            assert!(error.to_string().contains("at most 5 values"), "{error}");
        }
        assert_eq!(refused.len(), attempts - 5);
        assert_eq!(store.artefacts(&ana, &ana.id, Some(Kind::Value)).await.unwrap().len(), 5);
    }
}
