//! Ad-hoc conversations: a manager or a person picks prompts from the question banks and the
//! picks become a small playbook of one conversation, stored like any other (so a running
//! conversation keeps its prompts) but listed only with the conversation it was made for.

use super::single::{single_conversation, Group, Header};
use super::Playbook;
use crate::{Error, FieldError, Result};

/// The most prompts one composed conversation holds.
pub const MAX_PROMPTS: usize = 12;
/// The longest title, in characters.
const MAX_TITLE: usize = 100;
/// Suggested minutes per prompt, and the bounds of the suggestion.
const MINUTES_PER_PROMPT: u32 = 5;
const MINUTES: (u32, u32) = (15, 60);

/// Whether a playbook is offered as a question bank: a single conversation whose key is
/// `questions` (an imported list) or `question-bank` (the built-in bank).
pub fn is_question_bank(playbook: &Playbook) -> bool {
    matches!(playbook.conversations.as_slice(), [only] if only.key == "questions" || only.key == "question-bank")
}

/// The playbook text of a composed conversation. `picked` holds (group title, prompt text) in
/// the order chosen; prompts of the same group stay together.
pub fn composed_playbook(key: &str, title: &str, picked: &[(String, String)]) -> Result<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut errors = Vec::new();
    if title.is_empty() {
        errors.push(FieldError::new("title", "is required: say what the conversation is about"));
    } else if title.chars().count() > MAX_TITLE {
        errors.push(FieldError::new("title", format!("is longer than {MAX_TITLE} characters")));
    }
    if picked.is_empty() {
        errors.push(FieldError::new("prompts", "pick at least one question"));
    } else if picked.len() > MAX_PROMPTS {
        errors.push(FieldError::new(
            "prompts",
            format!("{} questions picked; a conversation holds at most {MAX_PROMPTS}", picked.len()),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut groups: Vec<Group> = Vec::new();
    for (group, prompt) in picked {
        match groups.iter_mut().find(|g| &g.title == group) {
            Some(existing) if !existing.prompts.contains(prompt) => existing.prompts.push(prompt.clone()),
            Some(_) => {}
            None => groups.push(Group { title: group.clone(), prompts: vec![prompt.clone()] }),
        }
    }
    let count = u32::try_from(picked.len()).unwrap_or(u32::MAX);
    let minutes = count.saturating_mul(MINUTES_PER_PROMPT).clamp(MINUTES.0, MINUTES.1);
    let header = Header { key, name: &title, summary: "A conversation composed from the question banks.", credit: "" };
    let purpose = "Talk through the questions picked for this conversation.";
    single_conversation(&header, ("composed", &title, purpose, minutes), groups).map_err(|problems| {
        Error::Invalid(problems.into_iter().map(|p| FieldError::new("prompts", p.to_string())).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::{builtin, parse_playbook};

    fn picks(n: usize) -> Vec<(String, String)> {
        (0..n).map(|i| (format!("Group {}", i % 2), format!("Question {i}?"))).collect()
    }

    #[test]
    fn picks_become_a_one_conversation_playbook_grouped_as_picked() {
        let text = composed_playbook("composed-1", "  Where next   after the move? ", &picks(3)).unwrap();
        let playbook = parse_playbook(&text).unwrap();
        assert_eq!((playbook.key.as_str(), playbook.name.as_str()), ("composed-1", "Where next after the move?"));
        let groups = &playbook.conversations[0].groups;
        assert_eq!(groups.iter().map(|g| g.prompts.len()).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(playbook.conversations[0].minutes, 15);
        assert!(!is_question_bank(&playbook));
    }

    #[test]
    fn empty_titles_and_too_many_or_no_questions_are_refused() {
        let error = composed_playbook("k", " ", &[]).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("title") && text.contains("pick at least one"), "{text}");
        let error = composed_playbook("k", "Fine", &picks(MAX_PROMPTS + 1)).unwrap_err();
        assert!(error.to_string().contains("at most 12"), "{error}");
    }

    #[test]
    fn the_built_in_bank_is_a_question_bank_and_the_series_are_not() {
        for (key, source) in builtin::FILES {
            let playbook = parse_playbook(source).unwrap();
            assert_eq!(is_question_bank(&playbook), key == "question-bank", "{key}");
        }
    }
}
