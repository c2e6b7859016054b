//! The competency library: the organisation's own competencies, then the built-in set from
//! O*NET (skills, work styles) and ESCO (transversal skills) with the credit their licences
//! ask for. Anyone signed in reads it; the people team adds to and removes from the
//! organisation's part.

use super::forms::{FormErrors, HtmlForm};
use super::layout::{Done, Layout};
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::Fields;
use trellis_core::catalogue::{Catalogue, Competency, ESCO_CREDIT, ONET_CREDIT};
use trellis_store::LibraryCompetency;

#[derive(Template)]
#[template(path = "pages/library.html")]
struct LibraryPage {
    layout: Layout,
    errors: FormErrors,
    is_admin: bool,
    own: Vec<LibraryCompetency>,
    groups: Vec<(&'static str, Vec<&'static Competency>)>,
    name: String,
    description: String,
    credits: [&'static str; 2],
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    form: Option<&Fields>,
    errors: FormErrors,
) -> Result<LibraryPage, PageError> {
    let built_in = Catalogue::builtin().competencies();
    let group = |key: &str| built_in.iter().filter(|c| c.group == key).collect::<Vec<_>>();
    let value = |name: &str| form.and_then(|f| f.get(name)).cloned().unwrap_or_default();
    Ok(LibraryPage {
        layout: Layout::for_viewer(state, viewer, "Competency library").await?,
        errors,
        is_admin: viewer.person.is_admin,
        own: state.store().library_competencies().await?,
        groups: vec![
            ("Skills (O*NET)", group("skill")),
            ("Work styles (O*NET)", group("work-style")),
            ("Transversal skills (ESCO)", group("transversal")),
        ],
        name: value("name"),
        description: value("description"),
        credits: [ONET_CREDIT, ESCO_CREDIT],
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut page = page(&state, &viewer, None, FormErrors::default()).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    Ok(render(&page)?.into_response())
}

pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let get = |name: &str| form.get(name).map_or("", String::as_str);
    match state.store().add_library_competency(&viewer.actor, get("name"), get("description")).await {
        Ok(()) => Ok(Redirect::to("/competencies/library?done=saved").into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = page(&state, &viewer, Some(&form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    state.store().remove_library_competency(&viewer.actor, &id).await?;
    Ok(Redirect::to("/competencies/library?done=deleted").into_response())
}
