//! Deleting a career space: a confirmation that offers the export first and names what will go
//! (counts, never content), then the deletion. For the person, and for the people team once
//! the person has left.

use super::forms::HtmlForm;
use super::layout::Layout;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::Kind;
use trellis_core::ids::PersonId;
use trellis_store::SpaceContents;

#[derive(Template)]
#[template(path = "pages/space/delete.html")]
struct ConfirmPage {
    layout: Layout,
    person_id: String,
    person_name: String,
    is_self: bool,
    /// What will go, as lines such as "12 journal entries".
    lines: Vec<String>,
    empty: bool,
    missing_confirmation: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

fn lines_of(contents: &SpaceContents) -> Vec<String> {
    let mut lines: Vec<String> = contents
        .artefacts
        .iter()
        .map(|(kind, n)| format!("{}: {n}", Kind::parse(kind).map_or_else(|| kind.clone(), |k| k.title().to_string())))
        .collect();
    for (n, what) in [
        (contents.conversations, "Conversations, with their history"),
        (contents.documents, "Prep answers, conversation notes and off-limits topics, with their earlier versions"),
        (contents.notes, "Notes"),
    ] {
        if n > 0 {
            lines.push(format!("{what}: {n}"));
        }
    }
    lines
}

async fn confirm_page(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    missing: bool,
) -> Result<ConfirmPage, PageError> {
    let store = state.store();
    let contents = store.space_contents(&viewer.actor, person).await?;
    let profile = store.person(person).await?;
    let is_self = person == &viewer.person.id;
    let title = if is_self {
        "Delete your career space".to_string()
    } else {
        format!("Delete {}'s career space", profile.name)
    };
    Ok(ConfirmPage {
        layout: Layout::for_viewer(state, viewer, &title).await?,
        person_id: person.to_string(),
        person_name: profile.name,
        is_self,
        lines: lines_of(&contents),
        empty: contents.is_empty(),
        missing_confirmation: missing,
    })
}

pub async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    render(&confirm_page(&state, &viewer, &person, false).await?).map(IntoResponse::into_response)
}

pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<DeleteForm>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    if form.confirm != "yes" {
        let page = confirm_page(&state, &viewer, &person, true).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    state.store().delete_space(&viewer.actor, &person).await?;
    let back = if person == viewer.person.id {
        "/?done=space-deleted".to_string()
    } else {
        format!("/people/{person}?done=space-deleted")
    };
    Ok(Redirect::to(&back).into_response())
}
