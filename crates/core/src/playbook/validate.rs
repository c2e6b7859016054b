//! Reads a playbook file and checks it. Every problem is reported at once, each with its line
//! and a field path such as `conversation[2].minutes`.

use super::file::{ConversationFile, PlaybookFile};
use super::{Cadence, Conversation, Exercise, Playbook, PlaybookProblem, Preparation, Prompt, PromptGroup};
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

/// The longest conversation accepted, in minutes.
const MAX_MINUTES: i64 = 8 * 60;
/// The longest prompt accepted, in characters.
const MAX_PROMPT_CHARS: usize = 1000;

struct Checker<'a> {
    text: &'a str,
    problems: Vec<PlaybookProblem>,
}

impl Checker<'_> {
    fn line_of(&self, span: Range<usize>) -> usize {
        self.text.get(..span.start).map_or(1, |before| before.matches('\n').count() + 1)
    }

    fn report(&mut self, span: Option<Range<usize>>, field: String, message: impl Into<String>) {
        let line = span.map(|s| self.line_of(s));
        self.problems.push(PlaybookProblem { line, field, message: message.into() });
    }

    /// A required one-line text: not blank.
    fn text(&mut self, value: &Spanned<String>, field: String) -> String {
        let trimmed = value.get_ref().trim();
        if trimmed.is_empty() {
            self.report(Some(value.span()), field, "must not be empty");
        }
        trimmed.to_string()
    }

    /// A whole number of days or minutes within `range`.
    fn number(&mut self, value: &Spanned<i64>, field: String, range: Range<i64>) -> u32 {
        let n = *value.get_ref();
        if !range.contains(&n) {
            let message = format!("must be from {} to {} (it is {n})", range.start, range.end - 1);
            self.report(Some(value.span()), field, message);
            return 0;
        }
        u32::try_from(n).unwrap_or(0)
    }

    fn optional_number(&mut self, value: &Option<Spanned<i64>>, field: &str, range: Range<i64>) -> Option<u32> {
        value.as_ref().map(|v| self.number(v, field.to_string(), range))
    }

    fn key(&mut self, value: &Spanned<String>, field: String) -> String {
        let key = value.get_ref().trim();
        let valid = !key.is_empty()
            && key.len() <= 40
            && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.report(Some(value.span()), field, "must be 1–40 lower-case letters, digits or hyphens");
        }
        key.to_string()
    }

    fn conversation(&mut self, index: usize, file: &ConversationFile) -> Conversation {
        let at = |field: &str| format!("conversation[{index}].{field}");
        let mut exercises = Vec::new();
        for (i, name) in file.exercises.iter().enumerate() {
            match Exercise::parse(name.get_ref().trim()) {
                Some(exercise) if exercises.contains(&exercise) => {
                    self.report(Some(name.span()), at(&format!("exercises[{i}]")), "is listed twice")
                }
                Some(exercise) => exercises.push(exercise),
                None => {
                    let known: Vec<&str> = Exercise::ALL.iter().map(|e| e.key()).collect();
                    let message =
                        format!("\"{}\" is not an exercise (exercises: {})", name.get_ref(), known.join(", "));
                    self.report(Some(name.span()), at(&format!("exercises[{i}]")), message);
                }
            }
        }
        let mut groups = Vec::new();
        match file.groups.as_deref() {
            None | Some([]) => {
                self.report(Some(file.key.span()), at("group"), "needs at least one [[conversation.group]] of prompts")
            }
            Some(list) => {
                for (g, group) in list.iter().enumerate() {
                    let title = self.text(&group.title, at(&format!("group[{g}].title")));
                    let mut prompts = Vec::new();
                    match group.prompts.as_deref() {
                        None | Some([]) => self.report(
                            Some(group.title.span()),
                            at(&format!("group[{g}].prompt")),
                            "needs at least one prompt",
                        ),
                        Some(list) => {
                            for (p, prompt) in list.iter().enumerate() {
                                let field = at(&format!("group[{g}].prompt[{p}].text"));
                                let text = self.text(&prompt.text, field.clone());
                                if text.chars().count() > MAX_PROMPT_CHARS {
                                    let message = format!("is longer than {MAX_PROMPT_CHARS} characters");
                                    self.report(Some(prompt.text.span()), field, message);
                                }
                                let hint =
                                    prompt.hint.as_deref().map(str::trim).filter(|h| !h.is_empty()).map(String::from);
                                prompts.push(Prompt { text, hint, multiple: prompt.multiple });
                            }
                        }
                    }
                    groups.push(PromptGroup { title, prompts });
                }
            }
        }
        Conversation {
            key: self.key(&file.key, at("key")),
            title: self.text(&file.title, at("title")),
            purpose: file.purpose.trim().to_string(),
            minutes: self.number(&file.minutes, at("minutes"), 1..MAX_MINUTES + 1),
            optional: file.optional,
            days_after_previous: self.optional_number(&file.days_after_previous, &at("days_after_previous"), 1..366),
            groups,
            exercises,
            coaching: file.coaching.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect(),
        }
    }
}

/// Reads and checks a playbook file.
pub fn parse_playbook(text: &str) -> Result<Playbook, Vec<PlaybookProblem>> {
    let mut checker = Checker { text, problems: Vec::new() };
    let file: PlaybookFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(error) => {
            let span = error.span();
            let message = error.message().to_string();
            checker.report(span, "file".into(), message);
            return Err(checker.problems);
        }
    };
    let key = checker.key(&file.playbook.key, "playbook.key".into());
    let name = checker.text(&file.playbook.name, "playbook.name".into());
    let cadence = Cadence {
        every_days: checker.optional_number(&file.cadence.every_days, "cadence.every_days", 1..731),
        series_window_days: checker.optional_number(
            &file.cadence.series_window_days,
            "cadence.series_window_days",
            1..366,
        ),
    };
    let preparation = Preparation {
        share_prompts_days_before: checker.optional_number(
            &file.preparation.share_prompts_days_before,
            "preparation.share_prompts_days_before",
            0..61,
        ),
        readiness_check_days_before: checker.optional_number(
            &file.preparation.readiness_check_days_before,
            "preparation.readiness_check_days_before",
            0..15,
        ),
    };
    let mut conversations = Vec::new();
    match file.conversations.as_deref() {
        None | Some([]) => checker.report(
            Some(file.playbook.key.span()),
            "conversation".into(),
            "a playbook needs at least one [[conversation]]",
        ),
        Some(list) => {
            let mut keys = HashSet::new();
            for (i, conversation) in list.iter().enumerate() {
                let checked = checker.conversation(i, conversation);
                if !keys.insert(checked.key.clone()) {
                    checker.report(
                        Some(conversation.key.span()),
                        format!("conversation[{i}].key"),
                        "is used by another conversation",
                    );
                }
                conversations.push(checked);
            }
        }
    }
    if let (Some(window), Some(span)) =
        (cadence.series_window_days, file.cadence.series_window_days.as_ref().map(Spanned::span))
    {
        if conversations.len() < 2 && window > 0 {
            checker.report(
                Some(span),
                "cadence.series_window_days".into(),
                "only applies to a playbook of two or more conversations",
            );
        }
    }
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    Ok(Playbook {
        key,
        name,
        summary: file.playbook.summary.trim().to_string(),
        credit: file.playbook.credit.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
        cadence,
        preparation,
        conversations,
    })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
