//! Conversations over the API, through the same store calls (and so the same policy and
//! audit) as the pages: a person's conversations, one with its documents, proposing one, and
//! making a move. A time that leaves too little notice is answered 409 `short_notice` until
//! the caller confirms it.

use super::conversation_views::{ConversationDetail, ConversationSummary, MoveBody, ProposalBody, TimeBody};
use super::json::ApiJson;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::{parse_slot, Slot};
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::Error;
use trellis_store::{Actor, MoveOutcome, MoveRequest, Proposal, ProposalOutcome, Store};

type ApiResult<T> = Result<T, ApiError>;

/// A warning that the time is short notice, as a refusal (409) the caller can confirm past.
fn short_notice(warning: String) -> ApiError {
    Error::Conflict(format!("{warning} Send confirm_short_notice: true to keep this time.")).into()
}

/// The slot a time body names, read by the same rules as the page's form.
async fn slot_of(store: &Store, caller: &Actor, time: &TimeBody, minutes: u32) -> Result<Slot, Error> {
    let zone = match &time.time_zone {
        Some(zone) => zone.clone(),
        None => store.person(&caller.id).await?.time_zone.unwrap_or_else(|| "UTC".into()),
    };
    let tz = jiff::tz::TimeZone::get(&zone)
        .map_err(|_| Error::invalid("time_zone", "is not a time zone such as Europe/Lisbon"))?;
    let start: jiff::Timestamp = time
        .starts_at
        .parse()
        .map_err(|_| Error::invalid("starts_at", "is not an RFC 3339 time such as 2027-01-12T09:30:00Z"))?;
    let local = start.to_zoned(tz).datetime();
    let minutes = time.minutes.unwrap_or(minutes).to_string();
    let (date, clock) = (local.date().to_string(), local.time().strftime("%H:%M").to_string());
    parse_slot(&date, &clock, &minutes, &zone, trellis_store::now_millis())
}

/// The conversations in a person's space the caller may see, newest first.
#[utoipa::path(get, operation_id = "list_conversations", path = "/api/v1/people/{id}/conversations", tag = "conversations", params(super::people::PersonIdParam),
    security(("bearer" = [])), responses((status = 200, body = [ConversationSummary])))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ConversationSummary>>> {
    let conversations = state.store().conversations_of(&caller, &PersonId::parse(&id)?).await?;
    Ok(Json(conversations.iter().map(Into::into).collect()))
}

/// The conversation in the path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct ConversationIdParam {
    /// The conversation's id.
    id: String,
}

/// One conversation with the moves open to the caller and the documents they may read
/// (recorded in the person's trail when the caller is not the person).
#[utoipa::path(get, operation_id = "get_conversation", path = "/api/v1/conversations/{id}", tag = "conversations", params(ConversationIdParam),
    security(("bearer" = [])), responses((status = 200, body = ConversationDetail)))]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<ConversationDetail>> {
    Ok(Json(detail(state.store(), &caller, &ConversationId::parse(&id)?).await?))
}

async fn detail(store: &Store, caller: &Actor, id: &ConversationId) -> Result<ConversationDetail, Error> {
    let view = store.conversation_view(caller, id).await?;
    let documents = store.conversation_documents(caller, &view.conversation).await?;
    Ok(ConversationDetail::new(&view, &documents))
}

/// Proposes a conversation (or a whole series) in a person's space: the person to their
/// manager or alone, the manager to their report.
#[utoipa::path(post, operation_id = "propose_conversation", path = "/api/v1/people/{id}/conversations", tag = "conversations", params(super::people::PersonIdParam),
    request_body = ProposalBody, security(("bearer" = [])),
    responses((status = 201, body = ConversationDetail), (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "The time is short notice: confirm it.", body = crate::error::ApiErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProposalBody>,
) -> ApiResult<(StatusCode, Json<ConversationDetail>)> {
    let person = PersonId::parse(&id)?;
    let store = state.store();
    store.person(&person).await?;
    let stored = store.playbook(&body.playbook_key, None).await?.playbook()?;
    let minutes = stored.conversations.get(body.step.unwrap_or(0)).map_or(60, |s| s.minutes);
    let slot = match &body.time {
        Some(time) => Some(slot_of(store, &caller, time, minutes).await?),
        None => None,
    };
    let proposal = Proposal {
        person,
        playbook_key: body.playbook_key,
        step: body.step,
        solo: body.solo,
        slot,
        short_notice_confirmed: body.confirm_short_notice,
        default_time_zone: store.person(&caller.id).await?.time_zone.unwrap_or_else(|| "UTC".into()),
        rhythm: None,
    };
    match store.propose_conversation(&caller, &proposal).await? {
        ProposalOutcome::Proposed(id) => Ok((StatusCode::CREATED, Json(detail(store, &caller, &id).await?))),
        ProposalOutcome::ShortNotice(warning) => Err(short_notice(warning)),
    }
}

/// Makes a move on a conversation: accept, decline, schedule, hold…
#[utoipa::path(post, operation_id = "move_conversation", path = "/api/v1/conversations/{id}/moves", tag = "conversations", params(ConversationIdParam),
    request_body = MoveBody, security(("bearer" = [])),
    responses((status = 200, body = ConversationDetail), (status = 403, body = crate::error::ApiErrorBody),
        (status = 409, description = "The time is short notice: confirm it.", body = crate::error::ApiErrorBody)))]
pub async fn make_move(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MoveBody>,
) -> ApiResult<Json<ConversationDetail>> {
    let id = ConversationId::parse(&id)?;
    let store = state.store();
    let mv =
        Move::parse(&body.mv).ok_or_else(|| Error::invalid("move", "is not a move (see moves on the conversation)"))?;
    let slot = match (&body.time, mv.needs_time()) {
        (Some(time), true) => Some(slot_of(store, &caller, time, 60).await?),
        (None, true) => return Err(Error::invalid("time", "is needed for this move").into()),
        (_, false) => None,
    };
    let skip = body.skip.iter().map(|s| ConversationId::parse(s)).collect::<Result<Vec<_>, _>>()?;
    let request = MoveRequest { mv, slot, skip, stop_rhythm: false, short_notice_confirmed: body.confirm_short_notice };
    match store.move_conversation(&caller, &id, &request).await? {
        MoveOutcome::Moved(_) => Ok(Json(detail(store, &caller, &id).await?)),
        MoveOutcome::ShortNotice(warning) => Err(short_notice(warning)),
    }
}
