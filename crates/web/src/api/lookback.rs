//! The journal's look-back over the API, the caller's own: a calendar file (.ics) read for
//! the events in a range, then the loved and loathed ones saved as journal entries, all or
//! none. The file is read by the same rules as the upload page and is never stored.

use super::json::ApiJson;
use super::plan::PlanItemView;
use super::query::QueryParams;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use trellis_core::artefact::{Fields, Kind};
use trellis_core::calendar::events_between;
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::NewArtefact;
use utoipa::{IntoParams, ToSchema};

/// The range to read and the zone of the person's days.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LookbackQuery {
    /// The first day, YYYY-MM-DD.
    #[param(format = Date)]
    from: String,
    /// The last day, YYYY-MM-DD (at most a year after `from`).
    #[param(format = Date)]
    to: String,
    /// An IANA zone such as Europe/Vienna; UTC when left out.
    time_zone: Option<String>,
}

/// One event of the calendar in the range.
#[derive(Serialize, ToSchema)]
pub struct LookbackEvent {
    pub title: String,
    #[schema(format = Date)]
    pub date: String,
    /// HH:MM, or none for an all-day event.
    pub time: Option<String>,
}

/// What the file held in the range.
#[derive(Serialize, ToSchema)]
pub struct LookbackView {
    pub events_in_file: usize,
    pub events: Vec<LookbackEvent>,
    /// Events that could not be read, each with the reason.
    pub left_out: Vec<String>,
}

fn date(query: &QueryParams, name: &str) -> Result<jiff::civil::Date, Error> {
    let raw = query.text(name).ok_or_else(|| Error::invalid(name, "is required, like 2026-03-31"))?;
    raw.parse().map_err(|_| Error::invalid(name, "should be a date like 2026-03-31"))
}

/// Reads a calendar file for the events between two days.
#[utoipa::path(post, operation_id = "read_lookback", path = "/api/v1/me/journal/lookback", tag = "me", params(LookbackQuery), security(("bearer" = [])),
    request_body(content = String, content_type = "text/calendar", description = "The exported calendar (.ics)."),
    responses((status = 200, body = LookbackView), (status = 413, body = crate::error::ApiErrorBody)))]
pub async fn read(_caller: ApiCaller, RawQuery(raw): RawQuery, file: Bytes) -> Result<Json<LookbackView>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let (from, to) =
        (date(&query, "from").map_err(ApiError::bad_query)?, date(&query, "to").map_err(ApiError::bad_query)?);
    let zone = query.text("time_zone").unwrap_or_else(|| "UTC".into());
    let home = jiff::tz::TimeZone::get(&zone)
        .map_err(|_| Error::invalid("time_zone", "is not a time zone such as Europe/Vienna"))?;
    if file.is_empty() {
        return Err(Error::invalid("calendar", "send the .ics file exported from your calendar as the body").into());
    }
    let read = events_between(&file, from, to, &home)?;
    let events = read
        .occurrences
        .iter()
        .map(|o| LookbackEvent {
            title: o.title.clone(),
            date: o.date.to_string(),
            time: o.time.map(|t| t.strftime("%H:%M").to_string()),
        })
        .collect();
    Ok(Json(LookbackView { events_in_file: read.events_in_file, events, left_out: read.left_out }))
}

/// One event the person felt something about.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookbackEntry {
    pub activity: String,
    #[schema(format = Date)]
    pub on: String,
    /// love or loathe.
    #[schema(value_type = super::content_params::FeelingParam)]
    pub feeling: String,
}

/// The entries to save, with their tags and who may read them.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookbackEntriesBody {
    #[schema(min_items = 1)]
    pub entries: Vec<LookbackEntry>,
    #[serde(default)]
    pub tags: String,
    /// private (the default), shared, upward, or reports (life story and values only).
    #[serde(default)]
    #[schema(value_type = Option<super::content_params::VisibilityParam>)]
    pub visibility: Option<String>,
}

/// Saves loved and loathed events as journal entries in the caller's space, all or none.
#[utoipa::path(post, operation_id = "save_lookback_entries", path = "/api/v1/me/journal/lookback/entries", tag = "me", request_body = LookbackEntriesBody,
    security(("bearer" = [])), responses((status = 201, body = [PlanItemView])))]
pub async fn save(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(body): ApiJson<LookbackEntriesBody>,
) -> Result<(StatusCode, Json<Vec<PlanItemView>>), ApiError> {
    let visibility = match body.visibility.as_deref() {
        Some(raw) => Visibility::parse(raw)
            .ok_or_else(|| Error::invalid("visibility", "is private, shared, upward or reports"))?,
        None => Visibility::Private,
    };
    if body.entries.is_empty() {
        return Err(Error::invalid("entries", "name at least one loved or loathed event").into());
    }
    let entries: Vec<NewArtefact> = body
        .entries
        .iter()
        .map(|entry| NewArtefact {
            kind: Kind::JournalEntry,
            fields: Fields::from([
                ("activity".to_string(), entry.activity.clone()),
                ("feeling".to_string(), entry.feeling.clone()),
                ("on".to_string(), entry.on.clone()),
                ("tags".to_string(), body.tags.clone()),
            ]),
            visibility,
            parent: None,
        })
        .collect();
    let added = state.store().add_artefacts(&caller, &caller.id, &entries).await?;
    Ok((StatusCode::CREATED, Json(added.iter().map(Into::into).collect())))
}
