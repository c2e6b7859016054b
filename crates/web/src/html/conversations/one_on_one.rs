//! The one-on-one part of a conversation page: the agenda with the person's goals and weekly
//! practice skill at the top, the career check-in next when it is due or was placed, then what
//! either side added; a quick career note that lands in the person's space; and the forms
//! behind them. The rules are in `trellis_core::one_on_one`; the store checks every access.

use super::page::conversation_page;
use super::propose::TimeFields;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::{FormErrors, HtmlForm};
use crate::html::render;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::Kind;
use trellis_core::follow_through::{NextStep, Status};
use trellis_core::ids::{ArtefactId, ConversationId, PersonId};
use trellis_core::one_on_one::{AgendaKind, PLAYBOOK};
use trellis_core::policy::Visibility;
use trellis_core::{Error, Result};
use trellis_store::{AgendaItem, ConversationView};

/// The check-in on this meeting's agenda.
pub struct CheckInView {
    pub extended: bool,
    pub heading: &'static str,
    pub questions: &'static [&'static str],
    /// Recorded as done in this meeting.
    pub done: bool,
}

/// A goal at the top of the agenda.
pub struct AgendaGoal {
    pub id: String,
    pub text: String,
    pub reviewed_here: bool,
}

/// Everything the one-on-one adds to its conversation page.
pub struct AgendaView {
    pub goals: Vec<AgendaGoal>,
    pub skill: Option<String>,
    pub check_in: Option<CheckInView>,
    pub topics: Vec<AgendaItem>,
    /// How often the pair meets, in words, while the rhythm runs.
    pub rhythm: Option<&'static str>,
    /// Items can still be added (it has not been held or called off).
    pub open: bool,
}

/// The agenda of a one-on-one, or `None` for any other conversation.
pub async fn agenda_view(state: &AppState, viewer: &Viewer, view: &ConversationView) -> Result<Option<AgendaView>> {
    let meeting = &view.conversation;
    if meeting.playbook_key != PLAYBOOK {
        return Ok(None);
    }
    let store = state.store();
    let person = &meeting.person_id;
    let (goals, reviews) = store.artefact_history(&viewer.actor, person, Kind::Goal).await?;
    let skills = store.artefacts(&viewer.actor, person, Some(Kind::WeeklySkill)).await?;
    let items = store.agenda(&viewer.actor, &meeting.id).await?;
    let recorded = store.check_ins_of(&meeting.id).await?;
    let open = meeting.state.takes_notes() && !matches!(meeting.state, trellis_core::conversation::State::Held);
    // The check-in that was placed on this agenda, or the one due now.
    let placed = items.iter().find_map(|item| item.kind.check_in().map(|_| item.kind == AgendaKind::ExtendedCheckIn));
    let due = match (placed, open) {
        (None, true) => {
            let playbooks = store.current_playbooks().await?;
            let time_zone = crate::html::layout::reader_zone();
            let summary = store.follow_through_of(&viewer.actor, person, &playbooks, &time_zone).await?;
            summary.items.iter().find_map(|item| match item.next {
                NextStep::CheckIn { extended } if item.status >= Status::Due => Some(extended),
                _ => None,
            })
        }
        _ => None,
    };
    let check_in = placed.or(due).map(|extended| {
        let kind = if extended { AgendaKind::ExtendedCheckIn } else { AgendaKind::CheckIn };
        let (heading, questions) = kind.check_in().unwrap_or(("Career check-in", &[]));
        CheckInView { extended, heading, questions, done: recorded.iter().any(|r| r.extended == extended) }
    });
    Ok(Some(AgendaView {
        goals: goals
            .iter()
            .filter(|goal| goal.status == Kind::Goal.first_status())
            .map(|goal| AgendaGoal {
                id: goal.id.to_string(),
                text: goal.field("goal").to_string(),
                reviewed_here: reviews.get(&goal.id).is_some_and(|log| {
                    log.iter().any(|e| e.entry == "reviewed" && e.conversation_id.as_ref() == Some(&meeting.id))
                }),
            })
            .collect(),
        skill: skills
            .iter()
            .find(|s| s.status == Kind::WeeklySkill.first_status())
            .map(|s| s.field("skill").to_string()),
        check_in,
        topics: items.into_iter().filter(|item| item.kind == AgendaKind::Topic).collect(),
        rhythm: meeting.rhythm.map(|r| r.label()),
        open,
    }))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AgendaForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    extended: String,
}

/// After a change: back to the meeting, or the page again with what went wrong.
async fn back(state: &AppState, viewer: &Viewer, id: &ConversationId, done: Result<()>) -> Result<Response, PageError> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/conversations/{id}?done=saved#agenda")).into_response()),
        Err(error @ (Error::Invalid(_) | Error::Conflict(_))) => {
            let errors = FormErrors::from_error(error)?;
            let page = conversation_page(state, viewer, id, TimeFields::default(), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn add_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<AgendaForm>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let done = state.store().add_agenda_item(&viewer.actor, &id, AgendaKind::Topic, &form.body).await;
    back(&state, &viewer, &id, done).await
}

pub async fn remove_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let done = state.store().remove_agenda_item(&viewer.actor, &id, &item).await;
    back(&state, &viewer, &id, done).await
}

pub async fn record_check_in(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<AgendaForm>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let done = state.store().record_check_in(&viewer.actor, &id, form.extended == "yes").await;
    back(&state, &viewer, &id, done).await
}

pub async fn review_goal(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, goal)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let goal = ArtefactId::parse(&goal)?;
    let done = state.store().review_goal(&viewer.actor, &id, &goal).await;
    back(&state, &viewer, &id, done).await
}

/// A quick career note from the meeting, into the person's space.
pub async fn quick_note(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<AgendaForm>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let view = state.store().conversation_view(&viewer.actor, &id).await?;
    let visibility = match form.visibility.as_str() {
        "private" => Ok(Visibility::Private),
        "shared" => Ok(Visibility::Shared),
        _ => Err(Error::invalid("visibility", "choose who may read the note")),
    };
    let done = match visibility {
        Ok(visibility) => state
            .store()
            .add_note(&viewer.actor, &view.conversation.person_id, visibility, &form.body)
            .await
            .map(|_| ()),
        Err(error) => Err(error),
    };
    back(&state, &viewer, &id, done).await
}

pub async fn stop_rhythm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let done = state.store().stop_one_on_ones(&viewer.actor, &id).await;
    back(&state, &viewer, &id, done).await
}

/// From the manager's home: the check-in goes on the person's next one-on-one.
pub async fn place_check_in(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(person): Path<String>,
    HtmlForm(form): HtmlForm<AgendaForm>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&person)?;
    let meeting = state.store().place_check_in(&viewer.actor, &person, form.extended == "yes").await?;
    Ok(Redirect::to(&format!("/conversations/{meeting}?done=saved#agenda")).into_response())
}
