//! Writes a playbook of a single conversation as TOML text and checks it with the same rules as
//! any playbook file: the shape of an imported question list and of a conversation composed
//! from the question banks.

use super::{parse_playbook, PlaybookProblem};
use serde::Serialize;

/// The playbook's own fields.
pub struct Header<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub credit: &'a str,
}

/// A group of prompts (their texts).
pub struct Group {
    pub title: String,
    pub prompts: Vec<String>,
}

#[derive(Serialize)]
struct Out<'a> {
    playbook: HeaderOut<'a>,
    conversation: Vec<ConversationOut<'a>>,
}

#[derive(Serialize)]
struct HeaderOut<'a> {
    key: &'a str,
    name: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    credit: &'a str,
}

#[derive(Serialize)]
struct ConversationOut<'a> {
    key: &'a str,
    title: &'a str,
    purpose: &'a str,
    minutes: u32,
    group: Vec<GroupOut<'a>>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    title: &'a str,
    prompt: Vec<PromptOut<'a>>,
}

#[derive(Serialize)]
struct PromptOut<'a> {
    text: &'a str,
}

/// The playbook text, checked; `conversation` is (key, title, purpose, minutes).
pub fn single_conversation(
    header: &Header<'_>,
    (key, title, purpose, minutes): (&str, &str, &str, u32),
    groups: Vec<Group>,
) -> Result<String, Vec<PlaybookProblem>> {
    let out = Out {
        playbook: HeaderOut { key: header.key, name: header.name, summary: header.summary, credit: header.credit },
        conversation: vec![ConversationOut {
            key,
            title,
            purpose,
            minutes,
            group: groups
                .iter()
                .map(|g| GroupOut {
                    title: &g.title,
                    prompt: g.prompts.iter().map(|text| PromptOut { text }).collect(),
                })
                .collect(),
        }],
    };
    let text = toml::to_string(&out)
        .map_err(|e| vec![PlaybookProblem { line: None, field: "file".into(), message: e.to_string() }])?;
    parse_playbook(&text)?;
    Ok(text)
}
