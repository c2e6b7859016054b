//! The moves of a conversation, posted from its page: a plain button, the accept button with
//! the optional steps to skip, or the time form with the move that sets a time.

use super::page::conversation_page;
use super::propose::TimeFields;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::{FormErrors, HtmlForm};
use crate::html::render;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::conversation::flow::Move;
use trellis_core::ids::ConversationId;
use trellis_core::{Error, Result};
use trellis_store::{MoveOutcome, MoveRequest};

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct MoveForm {
    #[serde(default, rename = "move")]
    mv: String,
    /// Optional steps of a series the person leaves out when accepting.
    #[serde(default)]
    skip: Vec<String>,
    // The time fields, spelled out: a flattened struct cannot sit beside a repeated field.
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    confirm_short_notice: String,
}

impl MoveForm {
    fn time_fields(&self) -> TimeFields {
        TimeFields {
            date: self.date.clone(),
            time: self.time.clone(),
            minutes: self.minutes.clone(),
            time_zone: self.time_zone.clone(),
            confirm_short_notice: self.confirm_short_notice.clone(),
        }
    }
}

fn request_from(form: &MoveForm) -> Result<MoveRequest> {
    let mv = Move::parse(&form.mv).ok_or_else(|| Error::invalid("move", "is not something you can do here"))?;
    let time = form.time_fields();
    let slot = if mv.needs_time() { Some(time.slot(60)?) } else { None };
    let skip = form.skip.iter().map(|id| ConversationId::parse(id)).collect::<Result<Vec<_>>>()?;
    Ok(MoveRequest { mv, slot, skip, stop_rhythm: false, short_notice_confirmed: time.confirmed() })
}

pub async fn make_move(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<MoveForm>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let outcome = match request_from(&form) {
        Ok(request) => state.store().move_conversation(&viewer.actor, &id, &request).await,
        Err(error) => Err(error),
    };
    let (errors, warning) = match outcome {
        Ok(MoveOutcome::Moved(_)) => {
            return Ok(Redirect::to(&format!("/conversations/{id}?done=saved")).into_response())
        }
        Ok(MoveOutcome::ShortNotice(warning)) => (FormErrors::default(), Some(warning)),
        Err(error) => (FormErrors::from_error(error)?, None),
    };
    let page = conversation_page(&state, &viewer, &id, form.time_fields(), errors, warning).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
