//! The access policy as a table: every relation × visibility × action, for an item the actor
//! wrote and for an item someone else wrote. A change to the policy must change this table.

use super::*;

use Action::{Read, Write};
use Relation::*;
use Visibility::{Private, Reports, Shared, Upward};

/// (relation, visibility, actor is the author, read allowed, write allowed)
const TABLE: &[(Relation, Visibility, bool, bool, bool)] = &[
    // The person: all of their space except other people's private notes.
    (Myself, Private, true, true, true),
    (Myself, Private, false, false, false),
    (Myself, Shared, true, true, true),
    (Myself, Shared, false, true, true),
    (Myself, Upward, true, true, true),
    (Myself, Upward, false, true, true),
    (Myself, Reports, true, true, true),
    (Myself, Reports, false, true, true),
    // The current manager: their own private notes, shared items, upward items read-only
    // unless they wrote them.
    (Manager, Private, true, true, true),
    (Manager, Private, false, false, false),
    (Manager, Shared, true, true, true),
    (Manager, Shared, false, true, true),
    (Manager, Upward, true, true, true),
    (Manager, Upward, false, true, false),
    (Manager, Reports, true, false, false),
    (Manager, Reports, false, false, false),
    // Managers above: only what was shared upward, read-only.
    (ManagerChain, Private, true, false, false),
    (ManagerChain, Private, false, false, false),
    (ManagerChain, Shared, true, false, false),
    (ManagerChain, Shared, false, false, false),
    (ManagerChain, Upward, true, true, false),
    (ManagerChain, Upward, false, true, false),
    (ManagerChain, Reports, true, false, false),
    (ManagerChain, Reports, false, false, false),
    // A manager's own story, told to their team: their direct reports read it; nobody else,
    // not even the managers above them.
    // Everyone else: nothing, not even what they once wrote.
    (FormerManager, Private, true, false, false),
    (FormerManager, Private, false, false, false),
    (FormerManager, Shared, true, false, false),
    (FormerManager, Shared, false, false, false),
    (FormerManager, Upward, true, false, false),
    (FormerManager, Upward, false, false, false),
    (FormerManager, Reports, true, false, false),
    (FormerManager, Reports, false, false, false),
    (Peer, Private, true, false, false),
    (Peer, Private, false, false, false),
    (Peer, Shared, true, false, false),
    (Peer, Shared, false, false, false),
    (Peer, Upward, true, false, false),
    (Peer, Upward, false, false, false),
    (Peer, Reports, true, false, false),
    (Peer, Reports, false, false, false),
    (DirectReport, Private, true, false, false),
    (DirectReport, Private, false, false, false),
    (DirectReport, Shared, true, false, false),
    (DirectReport, Shared, false, false, false),
    (DirectReport, Upward, true, false, false),
    (DirectReport, Upward, false, false, false),
    (DirectReport, Reports, true, true, false),
    (DirectReport, Reports, false, true, false),
    (Admin, Private, true, false, false),
    (Admin, Private, false, false, false),
    (Admin, Shared, true, false, false),
    (Admin, Shared, false, false, false),
    (Admin, Upward, true, false, false),
    (Admin, Upward, false, false, false),
    (Admin, Reports, true, false, false),
    (Admin, Reports, false, false, false),
    (Stranger, Private, true, false, false),
    (Stranger, Private, false, false, false),
    (Stranger, Shared, true, false, false),
    (Stranger, Shared, false, false, false),
    (Stranger, Upward, true, false, false),
    (Stranger, Upward, false, false, false),
    (Stranger, Reports, true, false, false),
    (Stranger, Reports, false, false, false),
];

#[test]
fn the_table_covers_every_relation_visibility_and_authorship() {
    for relation in Relation::ALL {
        for visibility in Visibility::ALL {
            for authored in [true, false] {
                let rows =
                    TABLE.iter().filter(|row| row.0 == relation && row.1 == visibility && row.2 == authored).count();
                assert_eq!(rows, 1, "{relation:?} × {visibility:?} × authored={authored}");
            }
        }
    }
}

#[test]
fn every_relation_visibility_and_action_is_decided_as_the_table_says() {
    let actor = PersonId::generate();
    let someone_else = PersonId::generate();
    for &(relation, visibility, authored, may_read, may_write) in TABLE {
        let author = if authored { &actor } else { &someone_else };
        let item = ItemAccess::together(visibility, author);
        let relations = Relations::new([relation]);
        for (action, expected) in [(Read, may_read), (Write, may_write)] {
            assert_eq!(
                decide(&actor, &relations, item, action).is_allowed(),
                expected,
                "{relation:?} {action:?} {visibility:?} item (actor is author: {authored})"
            );
        }
    }
}

#[test]
fn items_only_their_author_edits_are_read_as_the_table_says_and_written_by_the_author_alone() {
    let actor = PersonId::generate();
    let someone_else = PersonId::generate();
    for &(relation, visibility, authored, may_read, may_write) in TABLE {
        let author = if authored { &actor } else { &someone_else };
        let item = ItemAccess::author_only(visibility, author);
        let relations = Relations::new([relation]);
        assert_eq!(decide(&actor, &relations, item, Read).is_allowed(), may_read);
        let expected_write = may_write && authored;
        assert_eq!(
            decide(&actor, &relations, item, Write).is_allowed(),
            expected_write,
            "{relation:?} writes an author-only {visibility:?} item (actor is author: {authored})"
        );
    }
}

#[test]
fn only_the_author_deletes_and_only_while_they_may_write_in_either_editing_mode() {
    let actor = PersonId::generate();
    let someone_else = PersonId::generate();
    for &(relation, visibility, authored, _, may_write) in TABLE {
        let author = if authored { &actor } else { &someone_else };
        let relations = Relations::new([relation]);
        for item in [ItemAccess::together(visibility, author), ItemAccess::author_only(visibility, author)] {
            assert_eq!(
                decide(&actor, &relations, item, Action::Delete).is_allowed(),
                may_write && authored,
                "{relation:?} deletes a {visibility:?} item (actor is author: {authored})"
            );
        }
    }
}

#[test]
fn an_admin_who_is_also_the_manager_reads_as_the_manager_and_nothing_more() {
    let admin = PersonId::generate();
    let person = PersonId::generate();
    let relations = Relations::new([Admin, Manager]);
    let shared = ItemAccess::together(Shared, &person);
    let private = ItemAccess::together(Private, &person);
    assert!(decide(&admin, &relations, shared, Read).is_allowed());
    assert!(!decide(&admin, &relations, private, Read).is_allowed());
}

#[test]
fn an_actor_with_no_relation_is_a_stranger() {
    let actor = PersonId::generate();
    let relations = Relations::new([]);
    assert!(relations.has(Stranger));
    let item = ItemAccess::together(Upward, &actor);
    assert!(!decide(&actor, &relations, item, Read).is_allowed());
}

#[test]
fn only_the_person_and_their_manager_may_author_in_the_space() {
    // Notes in the space go up the line; sharing with one's own reports is for the story.
    assert_eq!(visibilities_for_author(&Relations::new([Myself])), Visibility::LINE.to_vec());
    assert_eq!(visibilities_for_author(&Relations::new([Manager])), vec![Private, Shared]);
    for relation in [ManagerChain, FormerManager, Peer, DirectReport, Admin, Stranger] {
        assert!(visibilities_for_author(&Relations::new([relation])).is_empty(), "{relation:?}");
    }
}

#[test]
fn manager_history_and_level_are_for_the_person_their_managers_and_the_people_team() {
    for relation in Relation::ALL {
        let expected = matches!(relation, Myself | Manager | ManagerChain | Admin);
        assert_eq!(may_view_manager_history(&Relations::new([relation])), expected, "{relation:?}");
        assert_eq!(may_see_career_level(&Relations::new([relation])), expected, "{relation:?}");
    }
}

#[test]
fn only_access_by_someone_else_is_audited() {
    let a = PersonId::generate();
    let b = PersonId::generate();
    assert!(!is_audited(&a, &a));
    assert!(is_audited(&a, &b));
}

#[test]
fn the_story_also_opens_to_the_persons_direct_reports() {
    for relation in Relation::ALL {
        let expected = matches!(relation, Myself | Manager | ManagerChain | DirectReport);
        assert_eq!(may_open_story(&Relations::new([relation])), expected, "{relation:?}");
    }
}

#[test]
fn only_the_person_and_their_management_line_open_the_space() {
    for relation in Relation::ALL {
        let expected = matches!(relation, Myself | Manager | ManagerChain);
        assert_eq!(may_open_space(&Relations::new([relation])), expected, "{relation:?}");
    }
}

#[test]
fn only_the_people_team_manages_the_roster() {
    assert!(may_manage_roster(true));
    assert!(!may_manage_roster(false));
}

#[test]
fn conversations_are_started_by_the_person_or_their_manager_and_plans_written_by_the_person() {
    for relation in Relation::ALL {
        let relations = Relations::new([relation]);
        assert_eq!(may_start_conversation(&relations), matches!(relation, Myself | Manager), "{relation:?}");
        assert_eq!(may_write_as_the_person(&relations), relation == Myself, "{relation:?}");
    }
}

#[test]
fn only_the_invited_current_manager_observes_a_competency_they_may_read() {
    let actor = PersonId::generate();
    let person = PersonId::generate();
    for relation in [Myself, Manager, ManagerChain, FormerManager, Peer, DirectReport, Admin, Stranger] {
        for visibility in Visibility::ALL {
            for invited in [false, true] {
                let item = ItemAccess::author_only(visibility, &person);
                let allowed = may_observe(&actor, &Relations::new([relation]), item, invited);
                let expected = relation == Manager && invited && matches!(visibility, Shared | Upward);
                assert_eq!(allowed, expected, "{relation:?}, {visibility:?}, invited: {invited}");
            }
        }
    }
}

#[test]
fn only_the_person_and_their_current_manager_note_a_goal_review_on_a_goal_they_may_read() {
    let person = PersonId::generate();
    let other = PersonId::generate();
    for relation in Relation::ALL {
        for visibility in Visibility::ALL {
            let actor = if relation == Myself { &person } else { &other };
            let item = ItemAccess::author_only(visibility, &person);
            let allowed = may_note_review(actor, &Relations::new([relation]), item);
            let expected = relation == Myself || (relation == Manager && matches!(visibility, Shared | Upward));
            assert_eq!(allowed, expected, "{relation:?}, {visibility:?}");
        }
    }
}

#[test]
fn only_the_managers_in_the_line_count_stages_held() {
    for relation in Relation::ALL {
        let expected = matches!(relation, Manager | ManagerChain);
        assert_eq!(may_count_stages(&Relations::new([relation])), expected, "{relation:?}");
    }
}

#[test]
fn only_the_person_and_their_current_manager_agree_how_to_go_on_after_a_change() {
    for relation in Relation::ALL {
        assert_eq!(
            may_agree_how_to_go_on(&Relations::new([relation])),
            matches!(relation, Myself | Manager),
            "{relation:?}"
        );
    }
}

#[test]
fn only_the_person_and_their_current_manager_learn_anything_of_the_boundaries() {
    for relation in Relation::ALL {
        let expected = matches!(relation, Myself | Manager);
        assert_eq!(may_know_boundaries(&Relations::new([relation])), expected, "{relation:?}");
    }
}

mod handoff {
    use super::*;
    use crate::artefact::Kind;
    use crate::handoff::{Carried, Hold, Topic};

    const SINCE: i64 = 1_000;
    const BEFORE: i64 = 500;
    const AFTER: i64 = 1_500;
    const GOAL: Topic = Topic::Plan(Kind::Goal);
    const LIFE_STORY: Topic = Topic::Plan(Kind::LifeChapter);

    /// (relation, carried, topic, written at, read allowed) for an item the person shared upward
    /// (so that every line of the manager chain could read it without a hold).
    fn table() -> Vec<(Relation, Carried, Topic, i64, bool)> {
        let goals = Carried::Topics(vec![GOAL]);
        vec![
            // Pending: nothing from before travels, to anyone but the person.
            (Manager, Carried::Pending, GOAL, BEFORE, false),
            (Manager, Carried::Pending, GOAL, AFTER, true),
            (ManagerChain, Carried::Pending, GOAL, BEFORE, false),
            (ManagerChain, Carried::Pending, GOAL, AFTER, true),
            (Myself, Carried::Pending, GOAL, BEFORE, true),
            // Start fresh: the same, for good.
            (Manager, Carried::Nothing, GOAL, BEFORE, false),
            (Myself, Carried::Nothing, LIFE_STORY, BEFORE, true),
            // Goals only: goals travel, the life story does not.
            (Manager, goals.clone(), GOAL, BEFORE, true),
            (Manager, goals.clone(), LIFE_STORY, BEFORE, false),
            (Manager, goals.clone(), LIFE_STORY, AFTER, true),
            (ManagerChain, goals, GOAL, BEFORE, true),
            // Everything that was shared.
            (Manager, Carried::Everything, LIFE_STORY, BEFORE, true),
            (Manager, Carried::Everything, Topic::Boundaries, BEFORE, true),
            // A hold never opens anything the relation does not allow.
            (FormerManager, Carried::Everything, GOAL, BEFORE, false),
            (Admin, Carried::Everything, GOAL, AFTER, false),
            (Peer, Carried::Everything, GOAL, AFTER, false),
        ]
    }

    #[test]
    fn a_pending_or_completed_handoff_lets_through_what_the_person_chose_and_nothing_else() {
        let actor = PersonId::generate();
        let person = PersonId::generate();
        for (relation, carried, topic, written_at, expected) in table() {
            let author = if relation == Myself { &actor } else { &person };
            let hold = Some(Hold { since: SINCE, carried: carried.clone() });
            let relations = Relations::new([relation]).with_hold(hold);
            let item = ItemAccess::author_only(Upward, author).written(topic, written_at);
            assert_eq!(
                decide(&actor, &relations, item, Read).is_allowed(),
                expected,
                "{relation:?} reads a {topic:?} item written at {written_at} under {carried:?}"
            );
        }
    }

    #[test]
    fn an_item_that_does_not_say_when_it_was_written_is_held_back() {
        let (actor, person) = (PersonId::generate(), PersonId::generate());
        let relations = Relations::new([Manager]).with_hold(Some(Hold { since: SINCE, carried: Carried::Everything }));
        assert!(!decide(&actor, &relations, ItemAccess::together(Shared, &person), Read).is_allowed());
        let own = ItemAccess::together(Shared, &actor);
        assert!(decide(&actor, &relations, own, Write).is_allowed(), "what the new manager wrote is theirs");
    }
}

#[test]
fn a_space_is_deleted_by_the_person_or_by_the_people_team_once_the_person_has_left() {
    for relation in Relation::ALL {
        for active in [true, false] {
            let expected = relation == Myself || (relation == Admin && !active);
            assert_eq!(
                may_delete_space(&Relations::new([relation]), active),
                expected,
                "{relation:?}, active: {active}"
            );
        }
    }
}
