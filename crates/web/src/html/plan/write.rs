//! The person's changes to their plan: adding an item, editing it (with the revision it was
//! opened at), moving it to another status, removing it. Errors come back on the same page
//! with every field named and nothing stored.

use super::{kind_page, open_space, parse_kind};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::{FormErrors, HtmlForm};
use crate::html::layout::Layout;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::{week_start, Fields, Kind};
use trellis_core::ids::{ArtefactId, ConversationId, PersonId};
use trellis_core::policy::Visibility;
use trellis_core::{Error, Result};
use trellis_store::{Artefact, NewArtefact, StatusChange};

fn visibility_in(form: &Fields) -> Result<Visibility> {
    let raw = form.get("visibility").map_or("private", String::as_str);
    Visibility::parse(raw).ok_or_else(|| Error::invalid("visibility", "choose who can read it"))
}

fn back_to(person: &PersonId, kind: Kind, done: &str) -> Response {
    Redirect::to(&format!("/people/{person}/plan/{}?done={done}", kind.key())).into_response()
}

pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kind)): Path<(String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let kind = parse_kind(&kind)?;
    let outcome = async {
        let parent = match form.get("parent").map(|p| p.trim()).filter(|p| !p.is_empty()) {
            Some(raw) => Some(ArtefactId::parse(raw).map_err(|_| Error::invalid("parent", "is not one of yours"))?),
            None => None,
        };
        let new = NewArtefact { kind, fields: form.clone(), visibility: visibility_in(&form)?, parent };
        state.store().add_artefact(&viewer.actor, &person, &new).await
    }
    .await;
    match outcome {
        Ok(_) => Ok(back_to(&person, kind, "saved")),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = kind_page(&state, &viewer, &person, kind, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "pages/plan/edit.html")]
struct EditPage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    artefact: Artefact,
    values: Fields,
    visibility: Visibility,
    /// Names the competency field suggests (empty for other kinds).
    library: Vec<String>,
    choices: Vec<Visibility>,
}

impl EditPage {
    fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    fn visibilities(&self) -> Vec<Visibility> {
        self.choices.clone()
    }
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    item: &ArtefactId,
    values: Option<Fields>,
    errors: FormErrors,
) -> Result<EditPage, PageError> {
    open_space(state, viewer, person).await?;
    let artefacts = state.store().artefacts(&viewer.actor, person, None).await?;
    let artefact = artefacts
        .into_iter()
        .find(|a| &a.id == item && a.writable)
        .ok_or_else(|| Error::NotFound("There is no such item, or it is not yours to change.".into()))?;
    let values = values.unwrap_or_else(|| artefact.fields.clone());
    let visibility = values.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or(artefact.visibility);
    let library = match artefact.kind {
        Kind::Competency => super::competencies::library_names(state).await?,
        _ => Vec::new(),
    };
    Ok(EditPage {
        choices: super::story::visibility_choices(state, person, artefact.kind).await?,
        library,
        layout: Layout::for_viewer(state, viewer, &format!("Change a {}", artefact.kind.singular())).await?,
        errors,
        person_id: person.to_string(),
        artefact,
        values,
        visibility,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, _kind, item)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let (person, item) = (PersonId::parse(&id)?, ArtefactId::parse(&item)?);
    Ok(render(&edit_page(&state, &viewer, &person, &item, None, FormErrors::default()).await?)?.into_response())
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kind, item)): Path<(String, String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let (person, kind, item) = (PersonId::parse(&id)?, parse_kind(&kind)?, ArtefactId::parse(&item)?);
    let revision = form.get("revision").and_then(|r| r.parse().ok()).unwrap_or(0);
    let outcome = match visibility_in(&form) {
        Ok(visibility) => state.store().update_artefact(&viewer.actor, &item, &form, visibility, revision).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(back_to(&person, kind, "saved")),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = edit_page(&state, &viewer, &person, &item, Some(form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub async fn set_status(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kind, item)): Path<(String, String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let (person, kind, item) = (PersonId::parse(&id)?, parse_kind(&kind)?, ArtefactId::parse(&item)?);
    let get = |name: &str| form.get(name).map_or("", String::as_str);
    // An outcome recorded during a conversation is kept with it, and the page returns there.
    let conversation = match get("conversation") {
        "" => None,
        raw => Some(ConversationId::parse(raw)?),
    };
    let change = StatusChange { status: get("status"), note: get("note"), conversation: conversation.as_ref() };
    match state.store().change_status(&viewer.actor, &item, &change).await {
        Ok(_) => match &conversation {
            Some(conversation) => {
                Ok(Redirect::to(&format!("/conversations/{conversation}?done=saved")).into_response())
            }
            None => Ok(back_to(&person, kind, "saved")),
        },
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = kind_page(&state, &viewer, &person, kind, Fields::new(), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

/// Ticks (or unticks) a week of the weekly practice skill.
pub async fn practised(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let (person, item) = (PersonId::parse(&id)?, ArtefactId::parse(&item)?);
    let week = form.get("week").and_then(|w| w.parse().ok()).ok_or_else(|| Error::invalid("week", "is not a date"))?;
    let done = form.get("practised").is_some_and(|v| v == "yes");
    state.store().mark_practised(&viewer.actor, &item, week_start(week), done).await?;
    Ok(back_to(&person, Kind::WeeklySkill, "saved"))
}

pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kind, item)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let (person, kind, item) = (PersonId::parse(&id)?, parse_kind(&kind)?, ArtefactId::parse(&item)?);
    state.store().delete_artefact(&viewer.actor, &item).await?;
    Ok(back_to(&person, kind, "deleted"))
}
