//! The signed-in person's settings: their time zone, and which kinds of mail they want (when
//! this installation sends mail; the weekly summary only for managers).

use super::forms::{FormErrors, HtmlForm};
use super::layout::{Done, Layout};
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::Error;
use trellis_store::MailCategory;

#[derive(Template)]
#[template(path = "pages/me/settings.html")]
struct SettingsPage {
    layout: Layout,
    errors: FormErrors,
    time_zone: String,
    organisation_zone: String,
    zones: Vec<String>,
    /// The kinds of mail the person can turn off, when this installation sends mail.
    mails: Vec<MailChoice>,
}

/// One kind of mail on the settings page.
struct MailChoice {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    on: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    time_zone: String,
    /// "yes" when the form showed the kinds of mail.
    #[serde(default)]
    mails_shown: String,
    #[serde(default)]
    news: Option<String>,
    #[serde(default)]
    reminders: Option<String>,
    #[serde(default)]
    digest: Option<String>,
}

impl SettingsForm {
    fn wants(&self, category: MailCategory) -> bool {
        match category {
            MailCategory::News => self.news.is_some(),
            MailCategory::Reminders => self.reminders.is_some(),
            MailCategory::Digest => self.digest.is_some(),
        }
    }
}

/// The kinds of mail `viewer` may choose among (the weekly summary only for managers).
fn mail_categories(state: &AppState, viewer: &Viewer) -> Vec<MailCategory> {
    match state.config().email {
        Some(_) => MailCategory::ALL
            .into_iter()
            .filter(|category| *category != MailCategory::Digest || viewer.is_manager)
            .collect(),
        None => Vec::new(),
    }
}

async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    time_zone: String,
    errors: FormErrors,
) -> Result<SettingsPage, PageError> {
    let turned_off = state.store().mails_turned_off(&viewer.actor.id).await?;
    let mails = mail_categories(state, viewer)
        .into_iter()
        .map(|category| MailChoice {
            key: category.as_str(),
            label: category.label(),
            hint: category.hint(),
            on: !turned_off.contains(&category),
        })
        .collect();
    Ok(SettingsPage {
        mails,
        layout: Layout::for_viewer(state, viewer, "Your settings").await?,
        errors,
        time_zone,
        organisation_zone: state.settings().await?.time_zone,
        zones: trellis_core::conversation::schedule::time_zone_names(),
    })
}

/// The person's own settings: their time zone and the mails they want.
pub async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let zone = viewer.person.time_zone.clone().unwrap_or_default();
    let mut page = settings_page(&state, &viewer, zone, FormErrors::default()).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    render(&page).map(IntoResponse::into_response)
}

pub async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<SettingsForm>,
) -> Result<Response, PageError> {
    match state.store().set_time_zone(&viewer.actor, Some(&form.time_zone)).await {
        Ok(()) => {
            if form.mails_shown == "yes" {
                for category in mail_categories(&state, &viewer) {
                    state.store().set_mail_wanted(&viewer.actor.id, category, form.wants(category)).await?;
                }
            }
            Ok(Redirect::to("/me/settings?done=saved").into_response())
        }
        Err(error @ Error::Invalid(_)) => {
            let page = settings_page(&state, &viewer, form.time_zone, FormErrors::from_error(error)?).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
