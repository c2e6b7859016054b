//! The playbooks Trellis ships, written in our own words and credited by name: the six-month
//! career conversation, the three conversations, the career question bank, the first
//! one-on-one, the handoff to a new manager with its catch-up, and the recurring one-on-one.
//! Each is a TOML file in `crates/core/playbooks/`, checked by the same rules as an
//! organisation's own.

use super::{parse_playbook, Playbook, PlaybookProblem};

/// The built-in playbook files, by key.
pub const FILES: [(&str, &str); 6] = [
    ("six-month", include_str!("../../playbooks/six-month.toml")),
    ("three-conversations", include_str!("../../playbooks/three-conversations.toml")),
    ("question-bank", include_str!("../../playbooks/question-bank.toml")),
    ("first-one-on-one", include_str!("../../playbooks/first-one-on-one.toml")),
    ("manager-handoff", include_str!("../../playbooks/manager-handoff.toml")),
    ("one-on-one", include_str!("../../playbooks/one-on-one.toml")),
];

/// The built-in playbooks, checked.
pub fn builtin_playbooks() -> Result<Vec<Playbook>, Vec<PlaybookProblem>> {
    FILES.iter().map(|(_, text)| parse_playbook(text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::Exercise;

    #[test]
    fn every_built_in_playbook_passes_the_rules_and_is_credited() {
        let playbooks = builtin_playbooks().unwrap_or_else(|problems| panic!("{problems:?}"));
        for (playbook, (key, _)) in playbooks.iter().zip(FILES) {
            assert_eq!(playbook.key, key);
            assert!(playbook.credit.is_some(), "{key} names whose framework it is");
        }
    }

    #[test]
    fn the_six_month_conversation_has_eight_prompts_in_three_groups() {
        let playbooks = builtin_playbooks().unwrap();
        let six_month = &playbooks[0];
        let conversation = &six_month.conversations[0];
        assert_eq!(conversation.groups.len(), 3);
        assert_eq!(conversation.groups.iter().map(|g| g.prompts.len()).sum::<usize>(), 8);
        assert_eq!(conversation.minutes, 60);
        assert!(conversation.exercises.contains(&Exercise::LoveLoathe));
        assert!(conversation.exercises.contains(&Exercise::SixMonthGoals));
        assert_eq!(six_month.preparation.readiness_check_days_before, Some(1));
    }

    #[test]
    fn the_three_conversations_are_life_story_dreams_and_plan() {
        let playbooks = builtin_playbooks().unwrap();
        let keys: Vec<&str> = playbooks[1].conversations.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["life-story", "dreams", "action-plan"]);
        assert!(playbooks[1].conversations[0].optional, "the life story may be skipped");
        assert!(playbooks[1].conversations[2].exercises.contains(&Exercise::ActionPlan));
        assert!(playbooks[1].cadence.series_window_days.is_some());
    }

    #[test]
    fn the_question_bank_covers_eight_kinds_of_conversation() {
        let playbooks = builtin_playbooks().unwrap();
        assert_eq!(playbooks[2].conversations[0].groups.len(), 8);
    }

    #[test]
    fn the_first_one_on_one_returns_about_a_month_later() {
        let playbooks = builtin_playbooks().unwrap();
        let follow_up = &playbooks[3].conversations[1];
        assert_eq!(follow_up.days_after_previous, Some(30));
        assert!(playbooks[3].conversations[0].exercises.contains(&Exercise::WeeklySkill));
    }
}
