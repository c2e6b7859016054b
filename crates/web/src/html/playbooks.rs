//! Playbooks in the browser: everyone signed in can read them and download their files; the
//! people team adds and edits them (each save is a new version).

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::playbook::question_list::{key_from_name, question_list_to_playbook, QuestionListOptions};
use trellis_core::playbook::Playbook;
use trellis_core::{Error, FieldError};

struct PlaybookRow {
    key: String,
    name: String,
    version: i64,
    builtin: bool,
    conversations: usize,
}

#[derive(Template)]
#[template(path = "pages/playbooks/list.html")]
struct ListPage {
    layout: Layout,
    is_admin: bool,
    playbooks: Vec<PlaybookRow>,
}

#[derive(Template)]
#[template(path = "pages/playbooks/show.html")]
struct ShowPage {
    layout: Layout,
    is_admin: bool,
    playbook: Playbook,
    version: i64,
    versions: Vec<i64>,
}

#[derive(Template)]
#[template(path = "pages/playbooks/form.html")]
struct FormPage {
    layout: Layout,
    errors: FormErrors,
    action: String,
    source: String,
}

#[derive(serde::Deserialize)]
pub struct VersionQuery {
    pub(super) version: Option<i64>,
    pub(super) done: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct SourceForm {
    #[serde(default)]
    source: String,
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let mut playbooks = Vec::new();
    for stored in state.store().playbooks().await? {
        let conversations = stored.playbook()?.conversations.len();
        playbooks.push(PlaybookRow {
            key: stored.key,
            name: stored.name,
            version: stored.version,
            builtin: stored.builtin,
            conversations,
        });
    }
    let layout = Layout::for_viewer(&state, &viewer, "Playbooks").await?;
    Ok(render(&ListPage { layout, is_admin: viewer.person.is_admin, playbooks })?.into_response())
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, PageError> {
    let store = state.store();
    let stored = store.organisation_playbook(&key, query.version).await?;
    let playbook = stored.playbook()?;
    let layout = Layout::for_viewer(&state, &viewer, &playbook.name).await?.with_notice(query.done.as_deref());
    let page = ShowPage {
        layout,
        is_admin: viewer.person.is_admin,
        versions: store.playbook_versions(&key).await?,
        version: stored.version,
        playbook,
    };
    Ok(render(&page)?.into_response())
}

/// The playbook's file, to download.
pub async fn export(
    State(state): State<AppState>,
    _viewer: Viewer,
    Path(key): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, PageError> {
    let stored = state.store().organisation_playbook(&key, query.version).await?;
    let disposition = format!("attachment; filename=\"{}-v{}.toml\"", stored.key, stored.version);
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        stored.source,
    )
        .into_response())
}

async fn form(
    state: &AppState,
    viewer: &Viewer,
    title: &str,
    action: String,
    source: String,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let status = if errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = FormPage { layout: Layout::for_viewer(state, viewer, title).await?, errors, action, source };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let example = trellis_core::playbook::builtin::FILES[3].1.replace("first-one-on-one", "my-playbook");
    form(&state, &viewer, "Add a playbook", "/playbooks".into(), example, FormErrors::default()).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let stored = state.store().organisation_playbook(&key, None).await?;
    form(
        &state,
        &viewer,
        &format!("Edit {}", stored.name),
        format!("/playbooks/{key}"),
        stored.source,
        FormErrors::default(),
    )
    .await
}

async fn save(state: &AppState, viewer: &Viewer, key: Option<&str>, source: String) -> Result<Response, PageError> {
    match state.store().save_playbook(&viewer.actor, &source, key).await {
        Ok(saved) => Ok(Redirect::to(&format!("/playbooks/{}?done=saved", saved.key)).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let (title, action) = match key {
                Some(key) => ("Edit playbook".to_string(), format!("/playbooks/{key}")),
                None => ("Add a playbook".to_string(), "/playbooks".to_string()),
            };
            form(state, viewer, &title, action, source, errors).await
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<SourceForm>,
) -> Result<Response, PageError> {
    save(&state, &viewer, None, form.source).await
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    HtmlForm(form): HtmlForm<SourceForm>,
) -> Result<Response, PageError> {
    save(&state, &viewer, Some(&key), form.source).await
}

#[derive(Template)]
#[template(path = "pages/playbooks/import.html")]
struct ImportPage {
    layout: Layout,
    errors: FormErrors,
    name: String,
    credit: String,
    language: String,
}

pub async fn import_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let page = ImportPage {
        layout: Layout::for_viewer(&state, &viewer, "Import a list of questions").await?,
        errors: FormErrors::default(),
        name: "One-on-one questions".into(),
        credit: String::new(),
        language: "en".into(),
    };
    Ok(render(&page)?.into_response())
}

/// Converts an uploaded question list and saves it as a playbook.
pub async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let (mut bytes, mut name, mut credit, mut language) = (Vec::new(), String::new(), String::new(), String::new());
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        Error::invalid("file", format!("the upload could not be read ({})", e.body_text()))
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "file" => bytes = field.bytes().await.map_err(unreadable)?.to_vec(),
            "name" => name = field.text().await.map_err(unreadable)?.trim().to_string(),
            "credit" => credit = field.text().await.map_err(unreadable)?.trim().to_string(),
            "language" => language = field.text().await.map_err(unreadable)?.trim().to_string(),
            _ => {}
        }
    }
    let result = if bytes.is_empty() {
        Err(Error::invalid("file", "choose a question list to upload"))
    } else if name.is_empty() {
        Err(Error::invalid("name", "is required"))
    } else {
        let options = QuestionListOptions {
            key: key_from_name(&name),
            name: name.clone(),
            credit: if credit.is_empty() { "Imported question list".into() } else { credit.clone() },
            language: if language.is_empty() { "en".into() } else { language.clone() },
        };
        match question_list_to_playbook(&bytes, &options) {
            Ok(source) => state.store().save_playbook(&viewer.actor, &source, None).await,
            Err(problems) => {
                Err(Error::Invalid(problems.into_iter().map(|p| FieldError::new("file", p.to_string())).collect()))
            }
        }
    };
    match result {
        Ok(saved) => Ok(Redirect::to(&format!("/playbooks/{}?done=saved", saved.key)).into_response()),
        Err(error) => {
            let page = ImportPage {
                layout: Layout::for_viewer(&state, &viewer, "Import a list of questions").await?,
                errors: FormErrors::from_error(error)?,
                name,
                credit,
                language,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
