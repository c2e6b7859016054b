//! Store scenarios for follow-through: a manager's team overview from real conversations and
//! plans — a stalled series, a person with nothing planned, a declined offer with the mentors
//! the person shared, the gentle probe the person hears first — and what it never uses: what
//! the person does alone, what they keep private, what a change of manager holds back.
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::conversation::flow::Move;
use trellis_core::follow_through::{NextStep, Status, Summary};
use trellis_core::policy::Visibility::{self, Private, Shared};
use trellis_store::{Store, TeamFollowThrough};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::stages::{make, propose};
use trellis_testkit::team::{import_team, Team};

async fn add(store: &Store, team: &Team, who: &str, kind: Kind, text: &str, visibility: Visibility) {
    let new = trellis_store::NewArtefact { kind, fields: valid_fields(kind, text), visibility, parent: None };
    store.add_artefact(&team.actor(who), &team.id(who), &new).await.unwrap();
}

async fn lenas_team(store: &Store, team: &Team) -> TeamFollowThrough {
    let playbooks = store.current_playbooks().await.unwrap();
    store.team_follow_through(&team.actor("Lena"), &playbooks, "Europe/London").await.unwrap()
}

async fn own(store: &Store, team: &Team) -> Summary {
    let playbooks = store.current_playbooks().await.unwrap();
    store.follow_through_of(&team.actor("Ana"), &team.id("Ana"), &playbooks, "UTC").await.unwrap()
}

fn of<'a>(overview: &'a TeamFollowThrough, name: &str) -> &'a Summary {
    &overview.people.iter().find(|p| p.member.name.starts_with(name)).expect("a report of Lena's").summary
}

both_engines! {
    async fn a_life_story_held_five_weeks_ago_stalls_the_series_and_an_untouched_report_has_nothing_planned(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        make(store, &team, "Lena", &series[0], Move::Schedule).await;
        make(store, &team, "Lena", &series[0], Move::Hold).await;
        assert_eq!(of(&lenas_team(store, &team).await, "Ana").status(), Some(Status::Due));

        db.let_days_pass(35).await;
        let overview = lenas_team(store, &team).await;
        let ana = of(&overview, "Ana");
        assert_eq!(ana.status(), Some(Status::Stalled));
        let reason = &ana.next().unwrap().reason;
        assert!(reason.starts_with("“Your story so far” was held 5 weeks ago"), "{reason}");
        assert!(reason.contains("“Dreams” is not scheduled yet; the series window is 30 days"), "{reason}");
        assert_eq!(ana.next().unwrap().next, NextStep::Open { conversation: series[1].clone(), action: trellis_core::follow_through::OpenAction::Schedule });
        let ben = of(&overview, "Ben");
        assert!(ben.nothing_planned());
        assert_eq!(ben.next().unwrap().next, NextStep::Propose { playbook: "first-one-on-one".into() });
        assert_eq!((overview.overview.stalled, overview.overview.nothing_planned, overview.overview.due), (1, 1, 0));

        // Scheduling the dreams conversation takes the series off the stalled list.
        make(store, &team, "Lena", &series[1], Move::Schedule).await;
        assert_ne!(of(&lenas_team(store, &team).await, "Ana").status(), Some(Status::Stalled));
    }

    async fn what_the_person_does_alone_or_keeps_private_never_reaches_the_managers_overview(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let solo = propose(store, &team, "Ana", "Ana", "three-conversations", true).await;
        make(store, &team, "Ana", &solo[0], Move::Hold).await;
        add(store, &team, "Ana", Kind::Goal, "Run the design review", Private).await;
        add(store, &team, "Ana", Kind::Dream, "Staff engineer", Private).await;
        db.let_days_pass(120).await;
        // Ben, added with Ana, did nothing at all: Lena's view of the two is the same.
        let after = lenas_team(store, &team).await;
        assert_eq!(of(&after, "Ana").items, of(&after, "Ben").items);
        assert!(of(&after, "Ana").items.iter().all(|i| !matches!(i.next, NextStep::CheckIn { .. } | NextStep::ReviewPlan)));
        // Ana herself sees her series and her plan's probe.
        let mine = own(store, &team).await;
        assert!(mine.items.iter().any(|i| i.next == NextStep::ReviewPlan), "{:?}", mine.items);
        assert!(mine.items.iter().any(|i| i.playbook.as_deref() == Some("three-conversations") && i.status == Status::Stalled));
    }

    async fn the_probe_reaches_the_person_first_and_still_right_answers_it(db) {
        let store = &db.store;
        let team = import_team(store).await;
        add(store, &team, "Ana", Kind::Goal, "Lead the migration", Shared).await;
        db.let_days_pass(95).await;
        let mine = own(store, &team).await;
        assert!(mine.items.iter().any(|i| i.next == NextStep::ReviewPlan));
        assert!(of(&lenas_team(store, &team).await, "Ana").items.iter().all(|i| i.next != NextStep::ReviewPlan));
        db.let_days_pass(14).await;
        assert!(of(&lenas_team(store, &team).await, "Ana").items.iter().any(|i| i.next == NextStep::ReviewPlan));
        store.confirm_plan(&team.actor("Ana")).await.unwrap();
        let mine = own(store, &team).await;
        assert!(mine.items.iter().all(|i| i.next != NextStep::ReviewPlan));
        assert!(of(&lenas_team(store, &team).await, "Ana").items.iter().all(|i| i.next != NextStep::ReviewPlan));
    }

    async fn a_declined_offer_is_not_counted_and_points_to_the_mentors_the_person_shared(db) {
        let store = &db.store;
        let team = import_team(store).await;
        add(store, &team, "Ben", Kind::Mentor, "Ruth Okafor", Shared).await;
        add(store, &team, "Ben", Kind::Mentor, "Someone private", Private).await;
        let six = propose(store, &team, "Lena", "Ben", "six-month", false).await;
        make(store, &team, "Ben", &six[0], Move::Decline).await;
        let overview = lenas_team(store, &team).await;
        let ben = overview.people.iter().find(|p| p.member.name.starts_with("Ben")).unwrap();
        assert!(ben.summary.items.iter().any(|i| i.status == Status::Declined && i.suggest_others), "{:?}", ben.summary.items);
        assert_eq!((ben.summary.status(), ben.summary.label()), (None, Some(Status::Declined)));
        // Their mentors are a link away on the page, read (and audited) only when opened.
        let mentors = store.artefacts(&team.actor("Lena"), &team.id("Ben"), Some(Kind::Mentor)).await.unwrap();
        assert_eq!(mentors.iter().map(|m| m.field("name")).collect::<Vec<_>>(), ["Ruth Okafor"]);
        assert_eq!(overview.overview.due + overview.overview.overdue + overview.overview.stalled, 0);
    }

    async fn a_new_manager_sees_nothing_from_before_the_change_until_the_person_decides(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        db.let_days_pass(1).await;
        store.change_manager(None, &team.id("Ana"), Some(&team.id("Ben")), "admin").await.unwrap();
        let playbooks = store.current_playbooks().await.unwrap();
        let bens = store.team_follow_through(&team.actor("Ben"), &playbooks, "UTC").await.unwrap();
        let ana = &bens.people.iter().find(|p| p.member.name.starts_with("Ana")).unwrap().summary;
        assert!(ana.items.iter().all(|i| i.playbook.as_deref() != Some("three-conversations")), "{:?}", ana.items);
        assert!(ana.nothing_planned());
    }
}
