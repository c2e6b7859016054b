//! What the people team does to the roster from a person's page: add and edit people, change a
//! manager, deactivate and reactivate, and make invitation or password-reset links. Every
//! handler first checks that the viewer is on the people team.

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::people::person_page;
use super::{format_time, render};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::ids::PersonId;
use trellis_core::person::{PersonDraft, PersonInput};
use trellis_core::{Error, Result};
use trellis_store::{LinkPurpose, Store, RESET_LINK_MS};

#[derive(Template)]
#[template(path = "pages/people/form.html")]
struct PersonForm {
    layout: Layout,
    errors: FormErrors,
    action: String,
    input: PersonInput,
    ask_manager: bool,
    manager: String,
}

#[derive(Template)]
#[template(path = "pages/people/link.html")]
struct LinkPage {
    layout: Layout,
    name: String,
    person_id: String,
    link: String,
    expires: String,
    is_reset: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct PersonFields {
    #[serde(flatten)]
    input: PersonInput,
    #[serde(default)]
    manager: String,
}

#[derive(serde::Deserialize)]
pub struct ManagerField {
    #[serde(default)]
    manager: String,
}

/// The person an admin names as manager: an e-mail or employee id, or nobody when empty.
async fn resolve_manager(store: &Store, reference: &str) -> Result<Option<PersonId>> {
    if reference.trim().is_empty() {
        return Ok(None);
    }
    match store.person_by_reference(reference).await? {
        Some(person) => Ok(Some(person.id)),
        None => {
            Err(Error::invalid("manager", format!("no one has the e-mail or employee id \"{}\"", reference.trim())))
        }
    }
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    title: &str,
    action: String,
    fields: PersonFields,
    errors: FormErrors,
    ask_manager: bool,
) -> Result<Response, PageError> {
    let page = PersonForm {
        layout: Layout::for_viewer(state, viewer, title).await?,
        errors,
        action,
        input: fields.input,
        ask_manager,
        manager: fields.manager,
    };
    let status = if page.errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_person(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    form_page(&state, &viewer, "Add a person", "/people".into(), PersonFields::default(), FormErrors::default(), true)
        .await
}

pub async fn create_person(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(fields): HtmlForm<PersonFields>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let store = state.store();
    let result = async {
        let draft = PersonDraft::parse(&fields.input)?;
        let manager = resolve_manager(store, &fields.manager).await?;
        store.create_person(Some(&viewer.actor.id), &draft, manager.as_ref(), "admin").await
    }
    .await;
    match result {
        Ok(person) => Ok(Redirect::to(&format!("/people/{}?done=created", person.id)).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            form_page(&state, &viewer, "Add a person", "/people".into(), fields, errors, true).await
        }
    }
}

pub async fn edit_person(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    let person = state.store().person(&id).await?;
    let fields = PersonFields {
        input: PersonInput {
            name: person.name,
            email: person.email.unwrap_or_default(),
            employee_id: person.employee_id.unwrap_or_default(),
            title: person.title,
            department: person.department,
            start_date: person.start_date.unwrap_or_default(),
        },
        manager: String::new(),
    };
    form_page(&state, &viewer, "Edit details", format!("/people/{id}"), fields, FormErrors::default(), false).await
}

pub async fn update_person(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(fields): HtmlForm<PersonFields>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    let result = async { state.store().update_person(&id, &PersonDraft::parse(&fields.input)?).await }.await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/people/{id}?done=saved")).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            form_page(&state, &viewer, "Edit details", format!("/people/{id}"), fields, errors, false).await
        }
    }
}

pub async fn change_manager(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(field): HtmlForm<ManagerField>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    let store = state.store();
    let result = async {
        let manager = resolve_manager(store, &field.manager).await?;
        store.change_manager(Some(&viewer.actor.id), &id, manager.as_ref(), "admin").await
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}?done=manager")).into_response()),
        Err(error) => {
            let mut page = person_page(&state, &viewer, &id).await?;
            page.errors = FormErrors::from_error(error)?;
            page.manager_value = field.manager;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(serde::Deserialize)]
pub struct LevelField {
    #[serde(default)]
    level: String,
}

/// Sets (or clears) the person's career level: `ladder/level` from the form's choices.
pub async fn set_level(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(field): HtmlForm<LevelField>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    let level = field.level.split_once('/').filter(|_| !field.level.is_empty());
    if level.is_none() && !field.level.is_empty() {
        return Err(trellis_core::Error::invalid("level", "choose a level from the list").into());
    }
    state.store().set_person_level(&viewer.actor, &id, level).await?;
    Ok(Redirect::to(&format!("/people/{id}?done=saved")).into_response())
}

async fn set_active(state: &AppState, viewer: &Viewer, id: &str, active: bool) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(id)?;
    state.store().set_person_active(Some(&viewer.actor.id), &id, active).await?;
    let done = if active { "reactivated" } else { "deactivated" };
    Ok(Redirect::to(&format!("/people/{id}?done={done}")).into_response())
}

pub async fn deactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_active(&state, &viewer, &id, false).await
}

pub async fn reactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_active(&state, &viewer, &id, true).await
}

/// Sends an invitation (to someone who cannot sign in yet) or a password-reset mail; the link is
/// made when the mail goes, and nobody else sees it.
pub async fn send_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    if state.config().email.is_none() {
        return Err(Error::Conflict("E-mail is not set up here: make a link and pass it on instead.".into()).into());
    }
    state.store().send_invitation(&viewer.actor, &id).await?;
    Ok(Redirect::to(&format!("/people/{id}?done=invitation-sent")).into_response())
}

/// Makes an invitation link (for someone who cannot sign in yet) or a password-reset link, and
/// shows it once.
pub async fn make_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let id = PersonId::parse(&id)?;
    let store = state.store();
    let person = store.person(&id).await?;
    if person.email.is_none() || !person.active {
        return Err(Error::invalid("email", "add an e-mail address (and reactivate them) before inviting").into());
    }
    let (purpose, path, title) = if person.can_sign_in {
        (LinkPurpose::Reset, "reset", "Password reset link")
    } else {
        (LinkPurpose::Invite, "invite", "Invitation link")
    };
    let valid_ms = match purpose {
        LinkPurpose::Reset => RESET_LINK_MS,
        _ => state.settings().await?.invitation_days * 24 * 60 * 60 * 1000,
    };
    let code = store.create_link(purpose, Some(&id), Some(&viewer.actor.id), valid_ms).await?;
    let link = store.peek_link(&code, purpose).await?;
    render(&LinkPage {
        layout: Layout::for_viewer(&state, &viewer, title).await?,
        name: person.name,
        person_id: id.to_string(),
        link: format!("{}/{path}/{code}", state.config().public_url),
        expires: format_time(link.expires_at),
        is_reset: purpose == LinkPurpose::Reset,
    })
    .map(IntoResponse::into_response)
}
