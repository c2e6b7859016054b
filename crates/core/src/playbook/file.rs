//! The shape of a playbook file as written, with the position of each value kept so problems
//! can name their line. Unknown keys are refused, so a misspelt field is an error, not a
//! silently ignored line.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PlaybookFile {
    pub playbook: HeaderFile,
    #[serde(default)]
    pub cadence: CadenceFile,
    #[serde(default)]
    pub preparation: PreparationFile,
    #[serde(rename = "conversation")]
    pub conversations: Option<Vec<ConversationFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HeaderFile {
    pub key: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    pub credit: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CadenceFile {
    pub every_days: Option<Spanned<i64>>,
    pub series_window_days: Option<Spanned<i64>>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PreparationFile {
    pub share_prompts_days_before: Option<Spanned<i64>>,
    pub readiness_check_days_before: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConversationFile {
    pub key: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub purpose: String,
    pub minutes: Spanned<i64>,
    #[serde(default)]
    pub optional: bool,
    pub days_after_previous: Option<Spanned<i64>>,
    #[serde(default)]
    pub exercises: Vec<Spanned<String>>,
    #[serde(default)]
    pub coaching: Vec<String>,
    #[serde(rename = "group")]
    pub groups: Option<Vec<GroupFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupFile {
    pub title: Spanned<String>,
    #[serde(rename = "prompt")]
    pub prompts: Option<Vec<PromptFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PromptFile {
    pub text: Spanned<String>,
    pub hint: Option<String>,
    #[serde(default)]
    pub multiple: bool,
}
