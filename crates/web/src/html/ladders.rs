//! Career ladders in the browser: everyone signed in reads the organisation's tracks, levels
//! and expectations; the people team imports a ladder (a YAML job family, a Markdown
//! progression framework or a TOML ladder) and edits it as TOML, each save a new version.

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::playbooks::VersionQuery;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::ladder::{read_file, toml_format, Ladder, Level};
use trellis_core::Error;
use trellis_store::problems_as_error;

#[derive(Template)]
#[template(path = "pages/ladders/list.html")]
struct ListPage {
    layout: Layout,
    is_admin: bool,
    /// (key, name, tracks, levels, version)
    ladders: Vec<(String, String, usize, usize, i64)>,
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let mut ladders = Vec::new();
    for stored in state.store().ladders().await? {
        let ladder = stored.ladder()?;
        ladders.push((stored.key, stored.name, ladder.tracks.len(), ladder.levels().len(), stored.version));
    }
    let layout = Layout::for_viewer(&state, &viewer, "Career ladders").await?;
    Ok(render(&ListPage { layout, is_admin: viewer.person.is_admin, ladders })?.into_response())
}

/// One level with its expectations grouped by competency: (competency name, texts).
struct LevelView {
    key: String,
    name: String,
    groups: Vec<(String, Vec<String>)>,
}

fn level_view(ladder: &Ladder, level: &Level) -> LevelView {
    let groups = ladder
        .competencies
        .iter()
        .map(|c| {
            let texts = level.expectations.iter().filter(|e| e.competency == c.key).map(|e| e.text.clone()).collect();
            (c.name.clone(), texts)
        })
        .filter(|(_, texts): &(String, Vec<String>)| !texts.is_empty())
        .collect();
    LevelView { key: level.key.clone(), name: level.name.clone(), groups }
}

#[derive(Template)]
#[template(path = "pages/ladders/show.html")]
struct ShowPage {
    layout: Layout,
    is_admin: bool,
    key: String,
    ladder: Ladder,
    /// (track name, level names in order)
    tracks: Vec<(String, Vec<String>)>,
    levels: Vec<LevelView>,
    version: i64,
    versions: Vec<i64>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, PageError> {
    let store = state.store();
    let stored = store.ladder(&key, query.version).await?;
    let ladder = stored.ladder()?;
    let page = ShowPage {
        layout: Layout::for_viewer(&state, &viewer, &ladder.name).await?.with_notice(query.done.as_deref()),
        is_admin: viewer.person.is_admin,
        key: stored.key.clone(),
        tracks: ladder
            .tracks
            .iter()
            .map(|t| (t.name.clone(), t.levels.iter().map(|l| l.name.clone()).collect()))
            .collect(),
        levels: ladder.levels().into_iter().map(|l| level_view(&ladder, l)).collect(),
        versions: store.ladder_versions(&key).await?,
        version: stored.version,
        ladder,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "pages/ladders/import.html")]
struct ImportPage {
    layout: Layout,
    errors: FormErrors,
    credit: String,
}

pub async fn import_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let layout = Layout::for_viewer(&state, &viewer, "Import a career ladder").await?;
    Ok(render(&ImportPage { layout, errors: FormErrors::default(), credit: String::new() })?.into_response())
}

/// Reads an uploaded ladder file and saves it as a new ladder or a new version of one.
pub async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let (mut bytes, mut file_name, mut credit) = (Vec::new(), String::new(), String::new());
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        Error::invalid("file", format!("the upload could not be read ({})", e.body_text()))
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "file" => {
                file_name = field.file_name().unwrap_or_default().to_string();
                bytes = field.bytes().await.map_err(unreadable)?.to_vec();
            }
            "credit" => credit = field.text().await.map_err(unreadable)?.trim().to_string(),
            _ => {}
        }
    }
    let result = if bytes.is_empty() {
        Err(Error::invalid("file", "choose a ladder file to upload"))
    } else {
        match String::from_utf8(bytes) {
            Err(_) => Err(Error::invalid("file", "is not UTF-8 text")),
            Ok(text) => match read_file(&file_name, &text, &credit) {
                Ok(ladder) => state.store().save_ladder(&viewer.actor, &ladder, None).await,
                Err(problems) => Err(problems_as_error("file", problems)),
            },
        }
    };
    match result {
        Ok(saved) => Ok(Redirect::to(&format!("/ladders/{}?done=saved", saved.key)).into_response()),
        Err(error) => {
            let layout = Layout::for_viewer(&state, &viewer, "Import a career ladder").await?;
            let page = ImportPage { layout, errors: FormErrors::from_error(error)?, credit };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "pages/ladders/form.html")]
struct FormPage {
    layout: Layout,
    errors: FormErrors,
    key: String,
    source: String,
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let stored = state.store().ladder(&key, None).await?;
    let layout = Layout::for_viewer(&state, &viewer, &format!("Edit {}", stored.name)).await?;
    Ok(render(&FormPage { layout, errors: FormErrors::default(), key, source: stored.source })?.into_response())
}

#[derive(serde::Deserialize)]
pub struct SourceForm {
    #[serde(default)]
    source: String,
}

/// Saves the edited TOML as the next version; every problem named, nothing lost.
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    HtmlForm(form): HtmlForm<SourceForm>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let saved = match toml_format::parse(&form.source) {
        Ok(ladder) => state.store().save_ladder(&viewer.actor, &ladder, Some(&key)).await,
        Err(problems) => Err(problems_as_error("source", problems)),
    };
    match saved {
        Ok(saved) => Ok(Redirect::to(&format!("/ladders/{}?done=saved", saved.key)).into_response()),
        Err(error) => {
            let layout = Layout::for_viewer(&state, &viewer, "Edit career ladder").await?;
            let page = FormPage { layout, errors: FormErrors::from_error(error)?, key, source: form.source };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
