//! Store scenarios for an artefact's history: goal outcomes kept as a history and tied to the
//! conversation they were decided at, weekly practice ticks, and the same policy for the
//! history as for the items. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::six_month_for;
use jiff::civil::date;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::policy::Visibility;
use trellis_store::{NewArtefact, StatusChange, Store};
use trellis_testkit::both_engines;
use trellis_testkit::team::{import_team, Team};

async fn add(
    store: &Store,
    team: &Team,
    kind: Kind,
    fields: &[(&str, &str)],
    visibility: Visibility,
) -> trellis_store::Artefact {
    let fields: Fields = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let new = NewArtefact { kind, fields, visibility, parent: None };
    store.add_artefact(&team.actor("Ana"), &team.id("Ana"), &new).await.unwrap()
}

both_engines! {
    async fn goal_outcomes_are_kept_as_history_with_their_conversation(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let review = six_month_for(store, &team, "Ana").await;
        let bens = six_month_for(store, &team, "Ben").await;
        let shared = add(store, &team, Kind::Goal, &[("goal", "Give a conference talk")], Visibility::Shared).await;
        let private = add(store, &team, Kind::Goal, &[("goal", "Learn Rust")], Visibility::Private).await;

        store.set_artefact_status(&ana, &shared.id, "carried-over").await.unwrap();
        let at_review = StatusChange { status: "achieved", note: "Spoke at the spring meetup", conversation: Some(&review) };
        store.change_status(&ana, &shared.id, &at_review).await.unwrap();
        store.change_status(&ana, &private.id, &StatusChange { status: "dropped", ..StatusChange::default() }).await.unwrap();

        let elsewhere = StatusChange { status: "redefined", note: "", conversation: Some(&bens) };
        let refused = store.change_status(&ana, &private.id, &elsewhere).await.unwrap_err();
        assert!(refused.to_string().contains("not one of this person's conversations"), "{refused}");
        let by_manager = store.change_status(&team.actor("Lena"), &shared.id, &StatusChange { status: "dropped", ..StatusChange::default() }).await;
        assert!(by_manager.is_err(), "only the person records an outcome");

        let (items, history) = store.artefact_history(&ana, &ana_id, Kind::Goal).await.unwrap();
        assert_eq!(items.len(), 2);
        let shared_log = &history[&shared.id];
        let values: Vec<&str> = shared_log.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(values, ["carried-over", "achieved"], "every outcome is kept, oldest first");
        assert_eq!(shared_log[1].conversation_id.as_ref(), Some(&review));
        assert_eq!(shared_log[1].note, "Spoke at the spring meetup");

        let (seen, manager_history) = store.artefact_history(&team.actor("Lena"), &ana_id, Kind::Goal).await.unwrap();
        assert_eq!(seen.len(), 1, "the manager reads the shared goal only");
        assert!(manager_history.contains_key(&shared.id) && !manager_history.contains_key(&private.id));
        for outsider in ["Ben", "Hana", "Cy"] {
            assert!(store.artefact_history(&team.actor(outsider), &ana_id, Kind::Goal).await.map(|(i, h)| i.is_empty() && h.is_empty()).unwrap_or(true), "{outsider}");
        }
    }

    async fn a_weekly_skill_is_ticked_once_per_week_and_unticked(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let skill = add(store, &team, Kind::WeeklySkill, &[("skill", "Ask one open question per meeting")], Visibility::Shared).await;
        let monday = date(2026, 11, 16);
        store.mark_practised(&ana, &skill.id, monday, true).await.unwrap();
        store.mark_practised(&ana, &skill.id, monday, true).await.unwrap();
        store.mark_practised(&ana, &skill.id, date(2026, 11, 9), true).await.unwrap();
        let (_, history) = store.artefact_history(&ana, &ana_id, Kind::WeeklySkill).await.unwrap();
        let weeks: Vec<&str> = history[&skill.id].iter().map(|e| e.value.as_str()).collect();
        assert_eq!(weeks.len(), 2, "a week is ticked once: {weeks:?}");
        store.mark_practised(&ana, &skill.id, monday, false).await.unwrap();
        let (_, history) = store.artefact_history(&ana, &ana_id, Kind::WeeklySkill).await.unwrap();
        assert_eq!(history[&skill.id].len(), 1);
        assert!(store.mark_practised(&team.actor("Lena"), &skill.id, monday, true).await.is_err(), "the manager ticks nothing");
        let goal = add(store, &team, Kind::Goal, &[("goal", "x")], Visibility::Private).await;
        assert!(store.mark_practised(&ana, &goal.id, monday, true).await.is_err(), "only a practice skill has weeks");
    }
}
