//! Properties over generated histories: the rules never fail, the manager's view never depends
//! on what the person does alone, time passing never makes anything calmer, and a declined
//! offer brings no reminder.

use super::tests::{days, playbooks, run_at, talk, NOW};
use super::*;
use crate::conversation::State;
use proptest::prelude::*;

const KEYS: [&str; 5] = ["three-conversations", "first-one-on-one", "six-month", "question-bank", "gone-playbook"];

fn conversation() -> impl Strategy<Value = ConversationFact> {
    (
        (0..KEYS.len(), 0usize..4, 0usize..3, proptest::sample::select(State::ALL.to_vec())),
        (-800i64..60, proptest::option::of(-800i64..60), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), any::<bool>(), 5u32..120),
    )
        .prop_map(
            |((key, step, series, state), (at, starts, solo, by_person), (ready, prepared, by_reader, minutes))| {
                let at = days(at);
                ConversationFact {
                    id: ConversationId::from_stored(format!("{series}-{key}-{step}-{at}")),
                    series_id: format!("series-{series}-{key}"),
                    playbook_key: KEYS[key].to_string(),
                    step_index: step,
                    title: format!("step {step}"),
                    solo,
                    started_by: if by_person { Side::Person } else { Side::Manager },
                    state,
                    starts_at: starts.map(days),
                    minutes,
                    time_proposed_by: by_reader.then_some(Side::Person),
                    ready,
                    prepared,
                    created_at: at,
                    updated_at: at,
                    held_at: matches!(state, State::Held | State::FollowedUp).then_some(at),
                }
            },
        )
}

fn plan() -> impl Strategy<Value = PlanFacts> {
    (proptest::option::of(-800i64..0), proptest::option::of(-800i64..0), proptest::collection::vec(-800i64..0, 0..4))
        .prop_map(|(started, changed, goals)| PlanFacts {
            started_at: started.map(days),
            last_changed: changed.map(days),
            open_goals: goals.into_iter().map(days).collect(),
        })
}

fn items_at(reader: Side, conversations: &[ConversationFact], plan: &PlanFacts, now: i64) -> Vec<Item> {
    run_at(reader, conversations, plan, (days(-500), days(-300)), &Clock::new(now, "Europe/Berlin"))
}

/// How much attention the items ask for: the most urgent status among those that ask any.
fn attention(items: &[Item]) -> Option<Status> {
    items.iter().map(|i| i.status).filter(|s| *s >= Status::Waiting).max()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_item_says_why_and_has_one_next_step(
        conversations in proptest::collection::vec(conversation(), 0..12),
        plan in plan(),
        reader in proptest::sample::select(vec![Side::Person, Side::Manager]),
    ) {
        let items = items_at(reader, &conversations, &plan, NOW);
        for item in &items {
            prop_assert!(item.reason.ends_with('.') || item.reason.ends_with('?'), "{}", item.reason);
            prop_assert!(!item.next.label(&playbooks()).is_empty());
            prop_assert_eq!(item.waiting_for.is_some(), item.status == Status::Waiting);
        }
        let series: std::collections::HashSet<&str> = conversations.iter().map(|c| c.series_id.as_str()).collect();
        prop_assert!(items.len() <= series.len() + KEYS.len() + 3);
    }

    #[test]
    fn what_the_person_does_alone_never_reaches_the_manager(
        shared in proptest::collection::vec(conversation(), 0..8),
        alone in proptest::collection::vec(conversation(), 1..6),
        plan in plan(),
    ) {
        let shared: Vec<ConversationFact> = shared.into_iter().map(|c| ConversationFact { solo: false, ..c }).collect();
        let mut with_alone = shared.clone();
        with_alone.extend(alone.into_iter().map(|c| ConversationFact { solo: true, series_id: format!("alone-{}", c.series_id), ..c }));
        prop_assert_eq!(items_at(Side::Manager, &shared, &plan, NOW), items_at(Side::Manager, &with_alone, &plan, NOW));
    }

    #[test]
    fn time_passing_never_makes_anything_calmer(
        conversations in proptest::collection::vec(conversation(), 0..10),
        plan in plan(),
        reader in proptest::sample::select(vec![Side::Person, Side::Manager]),
        later in 1i64..400,
    ) {
        let now = attention(&items_at(reader, &conversations, &plan, NOW));
        let then = attention(&items_at(reader, &conversations, &plan, days(later)));
        prop_assert!(then >= now, "{now:?} at first, {then:?} {later} days later");
    }

    #[test]
    fn a_declined_offer_brings_no_reminder(
        key in 0..3usize,
        steps in 1usize..3,
        ago in 0i64..90,
        plan in plan(),
    ) {
        let declined: Vec<ConversationFact> =
            (0..steps).map(|step| talk("declined", KEYS[key], step, State::Declined, days(-ago))).collect();
        for later in [0, 30, 90 - ago] {
            let items = items_at(Side::Manager, &declined, &plan, days(later));
            let reminders: Vec<&Item> = items.iter().filter(|i| i.playbook.as_deref() == Some(KEYS[key]) && i.status >= Status::Waiting).collect();
            prop_assert!(reminders.is_empty(), "{reminders:?}");
        }
    }
}
