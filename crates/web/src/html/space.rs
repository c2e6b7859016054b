//! A person's career space: the notes the viewer may read, and a form to add one with a chosen
//! visibility. Who sees which note is decided by the store through the access policy; this page
//! only shows the answer.

use super::conversations::page::Editor;
use super::conversations::ListedConversation;
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
use trellis_core::conversation::document::Slot;
use trellis_core::handoff::{Carried, Topic};
use trellis_core::ids::{NoteId, PersonId};
use trellis_core::policy::{may_know_boundaries, may_open_space, may_start_conversation, Relation, Visibility};
use trellis_core::Error;
use trellis_store::Note;
use trellis_store::{Handoff, PLAN_CHOICES};

#[derive(Template)]
#[template(path = "pages/space/notes.html")]
struct SpacePage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    person_name: String,
    is_self: bool,
    notes: Vec<Note>,
    visibilities: Vec<Visibility>,
    body: String,
    conversations: Vec<ListedConversation>,
    /// Whether the viewer may propose a conversation here (the person or their manager).
    may_propose: bool,
    /// The person's boundaries: their editor, or the text for their manager.
    boundaries: Editor,
    boundaries_action: String,
    /// Whether the viewer may know anything of the boundaries (the skip level may not).
    knows_boundaries: bool,
    /// For the current manager: the latest change of manager, and what the person let travel.
    handoff: Option<HandoffNote>,
    /// Off-limits topics written before the change do not reach this manager (if there are any).
    boundaries_held: bool,
    plans: &'static [(&'static str, &'static str)],
}

impl SpacePage {
    fn date(&self, millis: &i64) -> String {
        format_time(*millis)
    }

    /// How a visibility reads to a manager writing in someone else's space.
    fn manager_label(&self, visibility: &Visibility) -> String {
        match visibility {
            Visibility::Private => "Only me".to_string(),
            Visibility::Shared => format!("{} and me", self.person_name),
            Visibility::Upward => format!("{}, me and the managers above", self.person_name),
            Visibility::Reports => format!("{} and the people they manage", self.person_name),
        }
    }
}

#[derive(serde::Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    visibility: String,
}

/// What the current manager is told of a change of manager: when, whether the person has
/// decided, and what travelled (never what is held back).
struct HandoffNote {
    since: String,
    pending: bool,
    carried: String,
    plan: String,
    has_previous: bool,
}

impl HandoffNote {
    fn new(handoff: &Handoff) -> Self {
        let carried = match &handoff.hold.carried {
            Carried::Pending => String::new(),
            Carried::Nothing => "nothing from before: you start fresh together".into(),
            Carried::Everything => "everything they had shared before".into(),
            Carried::Topics(topics) => topics.iter().map(|t| t.label()).collect::<Vec<_>>().join(", "),
        };
        Self {
            since: format_time(handoff.hold.since),
            pending: handoff.hold.carried == Carried::Pending,
            carried,
            plan: handoff.plan.clone(),
            has_previous: handoff.may_hold_something(),
        }
    }
}

async fn space_page(
    state: &AppState,
    viewer: &Viewer,
    id: &PersonId,
    errors: FormErrors,
    body: String,
) -> Result<SpacePage, PageError> {
    let store = state.store();
    let relations = store.relations(&viewer.actor, id).await?;
    if !may_open_space(&relations) {
        return Err(Error::Forbidden(
            "Career spaces are open only to the person and the managers in their line.".into(),
        )
        .into());
    }
    let person = store.person(id).await?;
    let is_self = person.id == viewer.actor.id;
    let conversations = store.conversations_of(&viewer.actor, id).await?;
    let knows_boundaries = may_know_boundaries(&relations);
    let boundaries = match knows_boundaries {
        true => store.boundaries(&viewer.actor, id).await?,
        false => None,
    };
    let latest_change = match relations.has(Relation::Manager) && !is_self {
        true => store.handoff(id).await?,
        false => None,
    };
    let boundaries_held =
        latest_change.as_ref().is_some_and(|h| h.may_hold_something() && !h.hold.carried.includes(Topic::Boundaries));
    let handoff = latest_change.as_ref().map(HandoffNote::new);
    let title = if is_self { "Your career space".to_string() } else { format!("{}'s career space", person.name) };
    Ok(SpacePage {
        layout: Layout::for_viewer(state, viewer, &title).await?,
        errors,
        person_id: id.to_string(),
        notes: store.notes_for(&viewer.actor, id).await?,
        visibilities: store.note_visibilities_for(&viewer.actor, id).await?,
        person_name: person.name,
        is_self,
        body,
        conversations: conversations.into_iter().map(|c| ListedConversation::new(c, viewer)).collect(),
        may_propose: may_start_conversation(&relations),
        boundaries: Editor::from(&Slot::Boundaries, boundaries.as_ref()),
        boundaries_action: format!("/people/{id}/boundaries"),
        knows_boundaries,
        handoff,
        boundaries_held,
        plans: &PLAN_CHOICES,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let id = PersonId::parse(&id)?;
    let mut page = space_page(&state, &viewer, &id, FormErrors::default(), String::new()).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    Ok(render(&page)?.into_response())
}

pub async fn add_note(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<NoteForm>,
) -> Result<Response, PageError> {
    let id = PersonId::parse(&id)?;
    let result = match Visibility::parse(&form.visibility) {
        Some(visibility) => state.store().add_note(&viewer.actor, &id, visibility, &form.body).await,
        None => Err(Error::invalid("visibility", "choose who can read the note")),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/people/{id}/space?done=note")).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = space_page(&state, &viewer, &id, errors, form.body).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub async fn delete_note(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, note)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let id = PersonId::parse(&id)?;
    state.store().delete_note(&viewer.actor, &NoteId::parse(&note)?).await?;
    Ok(Redirect::to(&format!("/people/{id}/space?done=deleted")).into_response())
}
