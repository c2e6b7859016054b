//! Playbooks over the API: the organisation's list, one playbook with its steps and prompts
//! (the `prep:GROUP.PROMPT` slots a conversation's prep answers are written to) and its TOML
//! source, and importing a playbook file as the next version of its key (people team only).

use super::views::rfc3339;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use trellis_store::StoredPlaybook;
use utoipa::ToSchema;

/// A playbook in the list.
#[derive(Serialize, ToSchema)]
pub struct PlaybookSummary {
    pub key: String,
    pub version: i64,
    pub name: String,
    /// Shipped with Trellis rather than written by the organisation.
    pub builtin: bool,
    #[schema(format = DateTime)]
    pub saved_at: String,
}

impl From<&StoredPlaybook> for PlaybookSummary {
    fn from(p: &StoredPlaybook) -> Self {
        Self {
            key: p.key.clone(),
            version: p.version,
            name: p.name.clone(),
            builtin: p.builtin,
            saved_at: rfc3339(p.created_at),
        }
    }
}

/// One prompt of a step, and the slot its prep answer is saved to.
#[derive(Serialize, ToSchema)]
pub struct PromptView {
    pub slot: String,
    pub text: String,
}

/// One conversation of a playbook.
#[derive(Serialize, ToSchema)]
pub struct StepView {
    pub title: String,
    pub purpose: String,
    pub minutes: u32,
    pub optional: bool,
    pub prompts: Vec<PromptView>,
}

/// A playbook with its steps and its source.
#[derive(Serialize, ToSchema)]
pub struct PlaybookDetail {
    pub playbook: PlaybookSummary,
    pub summary: String,
    pub credit: Option<String>,
    pub steps: Vec<StepView>,
    /// The TOML text, as written (the format of docs/playbooks.md).
    pub source: String,
}

fn detail(stored: &StoredPlaybook) -> Result<PlaybookDetail, ApiError> {
    let playbook = stored.playbook()?;
    let steps = playbook
        .conversations
        .iter()
        .map(|step| StepView {
            title: step.title.clone(),
            purpose: step.purpose.clone(),
            minutes: step.minutes,
            optional: step.optional,
            prompts: step
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, group)| {
                    group
                        .prompts
                        .iter()
                        .enumerate()
                        .map(move |(p, prompt)| PromptView { slot: format!("prep:{g}.{p}"), text: prompt.text.clone() })
                })
                .collect(),
        })
        .collect();
    Ok(PlaybookDetail {
        playbook: stored.into(),
        summary: playbook.summary,
        credit: playbook.credit,
        steps,
        source: stored.source.clone(),
    })
}

/// The organisation's playbooks, by name (newest version of each).
#[utoipa::path(get, operation_id = "list_playbooks", path = "/api/v1/playbooks", tag = "playbooks", security(("bearer" = [])),
    responses((status = 200, body = [PlaybookSummary])))]
pub async fn list(State(state): State<AppState>, _caller: ApiCaller) -> Result<Json<Vec<PlaybookSummary>>, ApiError> {
    Ok(Json(state.store().playbooks().await?.iter().map(Into::into).collect()))
}

/// The playbook in the path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct PlaybookKeyParam {
    /// The playbook's key, e.g. one-on-one.
    key: String,
}

/// One playbook, newest version.
#[utoipa::path(get, operation_id = "get_playbook", path = "/api/v1/playbooks/{key}", tag = "playbooks", params(PlaybookKeyParam), security(("bearer" = [])),
    responses((status = 200, body = PlaybookDetail)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: ApiCaller,
    Path(key): Path<String>,
) -> Result<Json<PlaybookDetail>, ApiError> {
    Ok(Json(detail(&state.store().organisation_playbook(&key, None).await?)?))
}

/// Imports a playbook file (TOML) as the next version of its key; every problem is named by
/// its line. People team only.
#[utoipa::path(post, operation_id = "import_playbook", path = "/api/v1/playbooks", tag = "playbooks", security(("bearer" = [])),
    request_body(content = String, content_type = "text/plain", description = "The playbook file."),
    responses((status = 201, body = PlaybookDetail), (status = 403, body = crate::error::ApiErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    source: axum::body::Bytes,
) -> Result<(StatusCode, Json<PlaybookDetail>), ApiError> {
    let source = String::from_utf8(source.to_vec())
        .map_err(|_| trellis_core::Error::invalid("source", "is not UTF-8 text; send the playbook's TOML file"))?;
    let saved = state.store().save_playbook(&caller, &source, None).await?;
    Ok((StatusCode::CREATED, Json(detail(&saved)?)))
}
