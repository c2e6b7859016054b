//! The rules, one case each, with the built-in playbooks and dates counted from 1 Dec 2026.

use super::*;
use crate::playbook::builtin::builtin_playbooks;

pub(super) const NOW: i64 = 1_796_126_400_000; // Tue 1 Dec 2026, 12:00 UTC

pub(super) fn days(n: i64) -> i64 {
    NOW + n * DAY_MS
}

pub(super) fn playbooks() -> Vec<Playbook> {
    builtin_playbooks().expect("the built-in playbooks pass their rules")
}

/// A conversation of `playbook`'s step `step` in series `series`, created and last changed at `at`.
pub(super) fn talk(series: &str, playbook: &str, step: usize, state: State, at: i64) -> ConversationFact {
    ConversationFact {
        id: ConversationId::from_stored(format!("{series}-{step}")),
        series_id: series.into(),
        playbook_key: playbook.into(),
        step_index: step,
        title: format!("{playbook} {step}"),
        solo: false,
        started_by: Side::Manager,
        state,
        starts_at: None,
        minutes: 60,
        time_proposed_by: None,
        ready: false,
        prepared: false,
        created_at: at,
        updated_at: at,
        held_at: matches!(state, State::Held | State::FollowedUp).then_some(at),
    }
}

pub(super) fn run(reader: Side, conversations: &[ConversationFact], plan: &PlanFacts) -> Vec<Item> {
    run_at(reader, conversations, plan, (days(-400), days(-400)), &Clock::new(NOW, "Europe/London"))
}

/// The items for someone with a manager who started and was added at `(started, added)`.
pub(super) fn run_at(
    reader: Side,
    conversations: &[ConversationFact],
    plan: &PlanFacts,
    (started, added): (i64, i64),
    clock: &Clock,
) -> Vec<Item> {
    let history = History {
        reader,
        has_manager: true,
        started_on: Some(started),
        added_at: added,
        conversations,
        plan,
        check_ins: &[],
    };
    evaluate(&history, &playbooks(), clock)
}

fn about<'a>(items: &'a [Item], playbook: &str) -> Vec<&'a Item> {
    items.iter().filter(|i| i.playbook.as_deref() == Some(playbook)).collect()
}

#[test]
fn a_life_story_held_five_weeks_ago_with_dreams_unscheduled_has_stalled() {
    let series = [
        talk("s", "three-conversations", 0, State::Held, days(-35)),
        talk("s", "three-conversations", 1, State::Accepted, days(-40)),
        talk("s", "three-conversations", 2, State::Accepted, days(-40)),
    ];
    let items = run(Side::Manager, &series, &PlanFacts::default());
    let item = about(&items, "three-conversations")[0];
    assert_eq!(item.status, Status::Stalled);
    assert_eq!(
        item.reason,
        "“three-conversations 0” was held 5 weeks ago (27 Oct); “three-conversations 1” is not scheduled yet; \
         the series window is 30 days (it ended 5 days ago (26 Nov))."
    );
    assert_eq!(item.next, NextStep::Open { conversation: series[1].id.clone(), action: OpenAction::Schedule });
    // Inside the window it is only due.
    let recent = [talk("s", "three-conversations", 0, State::Held, days(-10)), series[1].clone()];
    assert_eq!(
        about(&run(Side::Manager, &recent, &PlanFacts::default()), "three-conversations")[0].status,
        Status::Due
    );
}

#[test]
fn the_first_one_on_ones_follow_up_comes_a_month_later() {
    let held = |ago: i64| [talk("f", "first-one-on-one", 0, State::Held, days(-ago))];
    let status = |ago: i64| about(&run(Side::Manager, &held(ago), &PlanFacts::default()), "first-one-on-one")[0].status;
    assert_eq!(status(10), Status::Upcoming);
    assert_eq!(status(25), Status::Due);
    assert_eq!(status(50), Status::Overdue);
    let items = run(Side::Manager, &held(25), &PlanFacts::default());
    assert_eq!(
        about(&items, "first-one-on-one")[0].next,
        NextStep::ProposeStep { playbook: "first-one-on-one".into(), step_index: 1 }
    );
    let reason = &about(&items, "first-one-on-one")[0].reason;
    assert!(reason.contains("comes about 30 days after it, by 6 Dec"), "{reason}");
}

#[test]
fn the_six_month_conversation_repeats_from_the_last_one_or_the_start_date() {
    let last = [talk("m", "six-month", 0, State::FollowedUp, days(-190))];
    let item = about(&run(Side::Manager, &last, &PlanFacts::default()), "six-month")[0].clone();
    assert_eq!(item.status, Status::Overdue);
    assert!(item.reason.contains("the last one was held 6 months ago"), "{}", item.reason);
    // Never held: from the start date (400 days ago), so overdue too.
    let never = run(Side::Manager, &[], &PlanFacts::default());
    assert_eq!(about(&never, "six-month")[0].status, Status::Overdue);
    // Someone added to Trellis today after years in the company is first due in a quarter.
    let history = History {
        reader: Side::Manager,
        has_manager: true,
        started_on: Some(days(-2000)),
        added_at: NOW,
        conversations: &[],
        plan: &PlanFacts::default(),
        check_ins: &[],
    };
    let items = evaluate(&history, &playbooks(), &Clock::new(NOW, "UTC"));
    assert_eq!(about(&items, "six-month")[0].status, Status::Upcoming);
    assert_eq!(about(&items, "six-month")[0].due_at, Some(days(91)));
}

#[test]
fn declining_is_respected_with_no_reminder_and_a_suggestion() {
    let declined = [talk("d", "three-conversations", 0, State::Declined, days(-3))];
    let items = run(Side::Manager, &declined, &PlanFacts::default());
    let item = about(&items, "three-conversations")[0];
    assert_eq!(item.status, Status::Declined);
    assert!(item.suggest_others);
    assert!(!items.iter().any(|i| i.playbook.as_deref() == Some("three-conversations") && i.status.needs_the_reader()));
    // A declined six-month conversation starts the next period from the day it was declined.
    let six = [talk("x", "six-month", 0, State::Declined, days(-3))];
    let items = run(Side::Manager, &six, &PlanFacts::default());
    assert!(about(&items, "six-month").iter().all(|i| !i.status.needs_the_reader()), "{items:?}");
}

#[test]
fn preparation_and_readiness_are_the_persons_to_answer() {
    let mut upcoming = talk("u", "six-month", 0, State::Scheduled, days(-20));
    upcoming.starts_at = Some(days(5));
    let person = run(Side::Person, std::slice::from_ref(&upcoming), &PlanFacts::default());
    assert_eq!(person[0].next, NextStep::Open { conversation: upcoming.id.clone(), action: OpenAction::Prepare });
    assert!(person[0].reason.contains("were shared 9 days ago; nothing is written yet"), "{}", person[0].reason);
    // The manager is not told whether anything was written.
    let manager = run(Side::Manager, std::slice::from_ref(&upcoming), &PlanFacts::default());
    assert_eq!(about(&manager, "six-month")[0].status, Status::Upcoming);
    // The day before, the person is asked whether they are ready; the manager waits for it.
    upcoming.starts_at = Some(days(1) - 3_600_000);
    let person = run(Side::Person, std::slice::from_ref(&upcoming), &PlanFacts::default());
    assert_eq!(person[0].next, NextStep::Open { conversation: upcoming.id.clone(), action: OpenAction::SayReady });
    let manager = run(Side::Manager, std::slice::from_ref(&upcoming), &PlanFacts::default());
    assert_eq!((manager[0].status, manager[0].waiting_for), (Status::Waiting, Some(Side::Person)));
}

#[test]
fn a_plan_gets_check_ins_and_a_gentle_probe_the_person_hears_first() {
    let plan = PlanFacts { started_at: Some(days(-100)), last_changed: Some(days(-95)), open_goals: vec![] };
    let held = [talk("m", "six-month", 0, State::Held, days(-100))];
    let person = run(Side::Person, &held, &plan);
    let probe = person.iter().find(|i| i.next == NextStep::ReviewPlan).expect("a probe");
    assert_eq!(probe.reason, "Your plan has not changed since 28 Aug. Is it still right?");
    assert_eq!(probe.status, Status::Due);
    assert!(run(Side::Manager, &held, &plan).iter().all(|i| i.next != NextStep::ReviewPlan));
    let check_in = person.iter().find(|i| matches!(i.next, NextStep::CheckIn { .. })).expect("a check-in");
    // The extended check-in is due; the monthly one was due 70 days ago, so for the manager it
    // is overdue. The person is only told it is due.
    assert_eq!(check_in.next, NextStep::CheckIn { extended: true });
    assert_eq!(check_in.status, Status::Due);
    let manager = run(Side::Manager, &held, &plan);
    let check_in = manager.iter().find(|i| matches!(i.next, NextStep::CheckIn { .. })).expect("a check-in");
    assert_eq!(check_in.status, Status::Overdue);
}

#[test]
fn goals_reaching_their_review_ask_for_the_six_month_conversation() {
    let plan = PlanFacts {
        started_at: Some(days(-175)),
        last_changed: Some(days(-2)),
        open_goals: vec![days(-175), days(-20)],
    };
    let held = [talk("m", "six-month", 0, State::Held, days(-60))];
    let items = run(Side::Manager, &held, &plan);
    let review = items.iter().find(|i| i.reason.contains("six-month review")).expect("a goal review");
    assert_eq!(review.reason, "A goal set 5 months ago (9 Jun) reaches its six-month review on 8 Dec.");
    assert_eq!(review.next, NextStep::Propose { playbook: "six-month".into() });
}

#[test]
fn a_pair_without_any_conversation_is_offered_the_first_one_on_one() {
    let history = History { added_at: NOW, started_on: Some(NOW), ..sample_history() };
    let summary = Summary::new(evaluate(&history, &playbooks(), &Clock::new(NOW, "UTC")));
    assert!(summary.nothing_planned());
    assert_eq!(summary.next().map(|i| &i.next), Some(&NextStep::Propose { playbook: FIRST_PLAYBOOK.into() }));
}

fn sample_history() -> History<'static> {
    static PLAN: PlanFacts = PlanFacts { started_at: None, last_changed: None, open_goals: Vec::new() };
    History {
        reader: Side::Manager,
        has_manager: true,
        started_on: None,
        added_at: NOW,
        conversations: &[],
        plan: &PLAN,
        check_ins: &[],
    }
}
