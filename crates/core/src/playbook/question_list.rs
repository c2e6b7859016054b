//! Turns a list of one-on-one questions in JSON into a question-bank playbook: one group per
//! category, in the chosen language. The format is that of the public "1on1-questions" list
//! (`{"questions": [{"question": {"en": …}, "category": …}]}`). The result is ordinary
//! playbook text, checked by the same rules, so it can be read, edited and exported like any.

use super::single::{single_conversation, Group, Header};
use super::PlaybookProblem;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What to call the imported playbook.
#[derive(Clone, Debug)]
pub struct QuestionListOptions {
    pub key: String,
    pub name: String,
    pub credit: String,
    /// The language to take the questions in (falls back to English where a question lacks it).
    pub language: String,
}

#[derive(Deserialize)]
struct ListFile {
    questions: Vec<QuestionFile>,
}

#[derive(Deserialize)]
struct QuestionFile {
    question: BTreeMap<String, String>,
    #[serde(default)]
    category: String,
}

/// A playbook key made from a name: lower-case letters and digits, hyphens between words.
pub fn key_from_name(name: &str) -> String {
    let mut key = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    let key: String = key.trim_end_matches('-').chars().take(40).collect();
    let key = key.trim_end_matches('-').to_string();
    if key.is_empty() {
        "imported-questions".to_string()
    } else {
        key
    }
}

fn problem(field: String, message: impl Into<String>) -> Vec<PlaybookProblem> {
    vec![PlaybookProblem { line: None, field, message: message.into() }]
}

/// Converts a JSON question list into playbook text, or says what is wrong with the list.
pub fn question_list_to_playbook(json: &[u8], options: &QuestionListOptions) -> Result<String, Vec<PlaybookProblem>> {
    // serde_json stops at 128 levels of nesting, so a hostile file cannot exhaust the stack.
    let list: ListFile = serde_json::from_slice(json).map_err(|e| {
        let why = match e.to_string().contains("recursion limit") {
            true => "lists or objects are nested too deep".to_string(),
            false => e.to_string(),
        };
        problem("file".into(), format!("line {}, column {}: not a question list ({why})", e.line(), e.column()))
    })?;
    let mut groups: Vec<Group> = Vec::new();
    for (index, question) in list.questions.iter().enumerate() {
        let text = question
            .question
            .get(&options.language)
            .or_else(|| question.question.get("en"))
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                problem(
                    format!("questions[{index}].question"),
                    format!("has no text in \"{}\" or \"en\"", options.language),
                )
            })?;
        let category = match question.category.trim() {
            "" => "Other",
            named => named,
        };
        let position = match groups.iter().position(|g| g.title == category) {
            Some(position) => position,
            None => {
                groups.push(Group { title: category.to_string(), prompts: Vec::new() });
                groups.len() - 1
            }
        };
        if !groups[position].prompts.iter().any(|p| p == text) {
            groups[position].prompts.push(text.to_string());
        }
    }
    if groups.is_empty() {
        return Err(problem("questions".into(), "the list has no questions"));
    }
    let header = Header {
        key: &options.key,
        name: &options.name,
        summary: "Questions for one-on-ones, grouped by topic. Pick one or two for your next 1:1.",
        credit: &options.credit,
    };
    let purpose = "Open a conversation from whatever matters to the person this week.";
    single_conversation(&header, ("questions", &options.name, purpose, 30), groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::parse_playbook;

    fn options(language: &str) -> QuestionListOptions {
        QuestionListOptions {
            key: "one-on-one-questions".into(),
            name: "One-on-one questions".into(),
            credit: "VGraupera/1on1-questions (MIT)".into(),
            language: language.into(),
        }
    }

    #[test]
    fn a_deeply_nested_list_is_refused_not_a_stack_overflow() {
        // An unknown field is skipped (serde_json does that without recursing); a question's
        // text is read into a map, where serde_json stops at 128 levels.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let skipped = format!("{{\"skipped\": {deep}, \"questions\": []}}");
        assert!(question_list_to_playbook(skipped.as_bytes(), &options("en")).is_err());
        let nested = format!("{{\"questions\": [{{\"question\": {{\"en\": {deep}}}, \"category\": \"x\"}}]}}");
        let problems = question_list_to_playbook(nested.as_bytes(), &options("en")).unwrap_err();
        assert_eq!(problems[0].field, "file");
    }

    #[test]
    fn the_public_question_list_becomes_a_seven_topic_question_bank() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata/1on1-questions/questions.json");
        let bytes = std::fs::read(path).expect("../shared/testdata beside the checkout");
        let text = question_list_to_playbook(&bytes, &options("en")).unwrap();
        let playbook = parse_playbook(&text).unwrap();
        let groups = &playbook.conversations[0].groups;
        assert_eq!(groups.len(), 7);
        let career = groups.iter().find(|g| g.title == "Career development").unwrap();
        assert_eq!(career.prompts.len(), 60);
        assert_eq!(groups.iter().map(|g| g.prompts.len()).sum::<usize>(), 325);
        let japanese = parse_playbook(&question_list_to_playbook(&bytes, &options("ja_JP")).unwrap()).unwrap();
        assert!(!japanese.conversations[0].groups[0].prompts[0].text.is_ascii());
    }

    #[test]
    fn keys_are_made_from_names() {
        assert_eq!(key_from_name("One-on-one questions (imported)"), "one-on-one-questions-imported");
        assert_eq!(key_from_name("  ¿Preguntas?  "), "preguntas");
        assert_eq!(key_from_name("★"), "imported-questions");
        assert!(key_from_name(&"long name ".repeat(10)).len() <= 40);
    }

    #[test]
    fn a_broken_or_empty_list_is_refused_with_a_reason() {
        let problems = question_list_to_playbook(b"{\"questions\": [", &options("en")).unwrap_err();
        assert!(problems[0].message.starts_with("line 1, column"), "{problems:?}");
        let problems = question_list_to_playbook(b"{\"questions\": []}", &options("en")).unwrap_err();
        assert_eq!(problems[0].field, "questions");
        let problems =
            question_list_to_playbook(br#"{"questions": [{"question": {"fr": "Bonjour ?"}}]}"#, &options("en"))
                .unwrap_err();
        assert_eq!(problems[0].field, "questions[0].question");
    }
}
