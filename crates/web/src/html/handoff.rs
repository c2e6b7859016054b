//! A change of manager, as the person and the new manager see it. The person decides, on
//! `/me/handoff`, what of what they had shared before travels to their new manager, and can
//! change it later; either of them records how they go on (continue, a catch-up, or starting
//! over). The three-way handoff meeting and the catch-up are conversations of the built-in
//! "New manager" playbook, proposed like any other.

use super::forms::{FormErrors, HtmlForm};
use super::layout::{Done, Layout};
use super::{format_time, render};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::handoff::{Carried, Topic};
use trellis_core::ids::PersonId;
use trellis_core::Error;
use trellis_store::{Handoff, PLAN_CHOICES};

#[derive(Template)]
#[template(path = "pages/me/handoff.html")]
struct HandoffPage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    handoff: Handoff,
    since: String,
    choice: &'static str,
    topics: Vec<(Topic, bool)>,
    plans: &'static [(&'static str, &'static str)],
}

impl HandoffPage {
    fn previous_name(&self) -> &str {
        self.handoff.previous_manager.as_ref().map_or("", |(_, name)| name.as_str())
    }
}

/// The consent form, as posted: `choice` is nothing, everything or topics; `topic` repeats.
#[derive(Debug, Default, serde::Deserialize)]
pub struct HandoffForm {
    #[serde(default)]
    choice: String,
    #[serde(default)]
    topic: Vec<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    plan: String,
}

fn carried_from(form: &HandoffForm) -> Result<Carried, Error> {
    match form.choice.as_str() {
        "nothing" => Ok(Carried::Nothing),
        "everything" => Ok(Carried::Everything),
        "topics" => {
            let topics: Vec<Topic> = form.topic.iter().filter_map(|key| Topic::parse(key)).collect();
            if topics.is_empty() {
                return Err(Error::invalid("topic", "tick at least one topic, or choose to start fresh"));
            }
            Ok(Carried::Topics(topics))
        }
        _ => Err(Error::invalid("choice", "choose what travels: nothing, everything you shared, or some topics")),
    }
}

async fn page(state: &AppState, viewer: &Viewer, errors: FormErrors) -> Result<HandoffPage, PageError> {
    let handoff = state
        .store()
        .handoff(&viewer.person.id)
        .await?
        .ok_or_else(|| Error::NotFound("You have not changed manager.".into()))?;
    let (choice, _) = handoff.hold.carried.to_stored();
    let topics = Topic::all().into_iter().map(|topic| (topic, handoff.hold.carried.includes(topic))).collect();
    Ok(HandoffPage {
        layout: Layout::for_viewer(state, viewer, "Your new manager").await?,
        errors,
        person_id: viewer.person.id.to_string(),
        since: format_time(handoff.hold.since),
        choice: if handoff.hold.carried == Carried::Everything { "everything" } else { choice },
        topics,
        plans: &PLAN_CHOICES,
        handoff,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut page = page(&state, &viewer, FormErrors::default()).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    render(&page).map(IntoResponse::into_response)
}

pub async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<HandoffForm>,
) -> Result<Response, PageError> {
    let result = match carried_from(&form) {
        Ok(carried) => state.store().decide_handoff(&viewer.actor, &carried).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/me/handoff?done=saved").into_response()),
        Err(error @ Error::Invalid(_)) => {
            let page = page(&state, &viewer, FormErrors::from_error(error)?).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// Either side records how they go on; back to where they came from.
pub async fn choose_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<PlanForm>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    state.store().choose_handoff_plan(&viewer.actor, &person, &form.plan).await?;
    let back = if person == viewer.person.id {
        "/me/handoff?done=saved".to_string()
    } else {
        format!("/people/{person}/space?done=saved")
    };
    Ok(Redirect::to(&back).into_response())
}
