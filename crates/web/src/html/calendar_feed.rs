//! The person's calendar feed: `/me/calendar` makes (or replaces) a private address a calendar
//! application subscribes to, shown once; `/calendar/SECRET.ics` serves it to whoever holds
//! the address, without signing in. Titles, times and links only: no content.

use super::format_time;
use super::layout::Layout;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use trellis_core::calendar_feed::{event_title, render_feed, FeedEvent};
use trellis_core::conversation::State as ConversationState;
use trellis_store::Feed;

#[derive(Template)]
#[template(path = "pages/me/calendar.html")]
struct CalendarPage {
    layout: Layout,
    /// When the current address was made.
    made: Option<String>,
    /// The new address, right after it was made (shown this once).
    address: Option<String>,
}

pub async fn calendar_page(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, PageError> {
    let made = state.store().calendar_feed_made(&viewer.actor).await?.map(format_time);
    render(&CalendarPage {
        layout: Layout::for_viewer(&state, &viewer, "Your calendar feed").await?,
        made,
        address: None,
    })
}

pub async fn make_feed(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, PageError> {
    let secret = state.store().make_calendar_feed(&viewer.actor).await?;
    let address = format!("{}/calendar/{secret}.ics", state.config().public_url);
    let made = state.store().calendar_feed_made(&viewer.actor).await?.map(format_time);
    render(&CalendarPage {
        layout: Layout::for_viewer(&state, &viewer, "Your calendar feed").await?,
        made,
        address: Some(address),
    })
}

/// What the calendar shows for a conversation of the feed's owner or of one of their reports.
fn events(feed: &Feed, public_url: &str) -> Vec<FeedEvent> {
    feed.conversations
        .iter()
        .map(|c| FeedEvent {
            id: c.id.to_string(),
            summary: match c.person_id == feed.person_id {
                true => event_title(&c.title),
                false => format!("{}: {}", c.person_name, c.title),
            },
            starts_at: c.starts_at.unwrap_or_default(),
            minutes: c.minutes,
            cancelled: c.state == ConversationState::Cancelled,
            link: format!("{public_url}/conversations/{}", c.id),
            updated_at: c.updated_at,
        })
        .collect()
}

pub async fn serve_feed(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, PageError> {
    let Some(secret) = file.strip_suffix(".ics") else { return Ok(StatusCode::NOT_FOUND.into_response()) };
    let Some(feed) = state.store().calendar_feed(secret).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let public_url = &state.config().public_url;
    let body = render_feed(&format!("Trellis: {}", feed.person_name), public_url, &events(&feed, public_url));
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")],
        body,
    )
        .into_response())
}
