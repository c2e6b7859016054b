//! The people team's pages that are not about one person: open invitations and settings.

use super::forms::{FormErrors, HtmlForm};
use super::layout::{Done, Layout};
use super::{format_time, render};
use crate::auth::Viewer;
use crate::config::EmailShown;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_store::{Settings, SettingsInput};

struct InvitationRow {
    id: String,
    name: String,
    email: String,
    expires: String,
}

#[derive(Template)]
#[template(path = "pages/admin/invitations.html")]
struct InvitationsPage {
    layout: Layout,
    invitations: Vec<InvitationRow>,
}

pub async fn invitations(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let invitations = state
        .store()
        .pending_invitations()
        .await?
        .into_iter()
        .map(|(person, expires)| InvitationRow {
            id: person.id.to_string(),
            name: person.name,
            email: person.email.unwrap_or_default(),
            expires: format_time(expires),
        })
        .collect();
    let layout = Layout::for_viewer(&state, &viewer, "Invitations").await?;
    Ok(render(&InvitationsPage { layout, invitations })?.into_response())
}

#[derive(Template)]
#[template(path = "pages/admin/settings.html")]
struct SettingsPage {
    layout: Layout,
    errors: FormErrors,
    form: SettingsInput,
    email: Option<EmailShown>,
    queue: QueueShown,
}

/// The job queue's health, in words for the settings page.
struct QueueShown {
    waiting: i64,
    due: i64,
    failed: i64,
    done_last_day: i64,
    /// When the oldest due job was due, if one is waiting.
    oldest_due: Option<String>,
}

async fn queue_shown(state: &AppState) -> Result<QueueShown, PageError> {
    let health = state.store().queue_health().await?;
    Ok(QueueShown {
        waiting: health.waiting,
        due: health.due,
        failed: health.failed,
        done_last_day: health.done_last_day,
        oldest_due: health.oldest_due_at.map(format_time),
    })
}

/// The settings page with `form` and its `errors`.
async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    form: SettingsInput,
    errors: FormErrors,
) -> Result<SettingsPage, PageError> {
    Ok(SettingsPage {
        layout: Layout::for_viewer(state, viewer, "Settings").await?,
        errors,
        form,
        email: state.config().email.clone(),
        queue: queue_shown(state).await?,
    })
}

pub async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let current = state.settings().await?;
    let mut page = settings_page(&state, &viewer, SettingsInput::from(&current), FormErrors::default()).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    Ok(render(&page)?.into_response())
}

pub async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<SettingsInput>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    match Settings::parse(&form) {
        Ok(settings) => {
            state.save_settings(&settings).await?;
            Ok(Redirect::to("/admin/settings?done=saved").into_response())
        }
        Err(error) => {
            let page = settings_page(&state, &viewer, form, FormErrors::from_error(error)?).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
