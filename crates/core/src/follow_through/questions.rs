//! One career question to bring to the next one-on-one with each person, from the question
//! bank. Each person walks through the whole bank, one question a week, before any repeats;
//! people start at different places so that a team does not all get the same one.

use crate::playbook::{Playbook, Prompt};

/// A suggested question and the group of the bank it comes from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Suggestion {
    pub group: String,
    pub text: String,
}

/// The question for `person` (any stable key) in week `week` (weeks counted from any fixed day).
pub fn suggested_question(bank: &Playbook, person: &str, week: i64) -> Option<Suggestion> {
    let all: Vec<(&str, &Prompt)> = bank
        .conversations
        .iter()
        .flat_map(|step| step.groups.iter())
        .flat_map(|group| group.prompts.iter().map(move |prompt| (group.title.as_str(), prompt)))
        .collect();
    let count = i64::try_from(all.len()).ok().filter(|n| *n > 0)?;
    let index = (week + start_for(person, count)).rem_euclid(count);
    let (group, prompt) = all[usize::try_from(index).ok()?];
    Some(Suggestion { group: group.to_string(), text: prompt.text.clone() })
}

/// Where the person starts in the bank: a stable hash (FNV-1a) of their key.
fn start_for(person: &str, count: i64) -> i64 {
    let hash = person
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    i64::try_from(hash % count.unsigned_abs()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::builtin::builtin_playbooks;

    #[test]
    fn every_question_comes_once_before_any_repeats() {
        let playbooks = builtin_playbooks().unwrap();
        let bank = playbooks.iter().find(|p| p.key == "question-bank").unwrap();
        let size: usize = bank.conversations.iter().flat_map(|c| &c.groups).map(|g| g.prompts.len()).sum();
        for person in ["ana", "ben", "0192-id"] {
            let weeks: Vec<String> =
                (100..100 + size as i64).map(|week| suggested_question(bank, person, week).unwrap().text).collect();
            let distinct: std::collections::HashSet<&String> = weeks.iter().collect();
            assert_eq!(distinct.len(), size, "{person} hears each of the {size} questions once");
            assert_eq!(suggested_question(bank, person, 100 + size as i64).unwrap().text, weeks[0]);
        }
        let first = |person| suggested_question(bank, person, 7).unwrap();
        assert_ne!(first("ana"), first("ben"), "two people start at different questions");
    }
}
