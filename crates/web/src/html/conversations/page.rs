//! The conversation page: where it stands and what the viewer can do next, the series it
//! belongs to, the person's boundaries (always in view for the manager), the prompts with the
//! person's prep answers, the shared notes, the viewer's private notes, coaching tips for the
//! manager, and the history.

use super::exercises::{step_extras, StepExtras};
use super::one_on_one::{agenda_view, AgendaView};
use super::propose::{now_millis, TimeFields};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::FormErrors;
use crate::html::forms::Query;
use crate::html::layout::{Done, Layout};
use crate::html::{format_time, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use trellis_core::conversation::coaching::{GrowQuestion, GROW_QUESTIONS, HABITS};
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::{local_fields, readiness_due};
use trellis_core::conversation::{Side, State as ConversationState};
use trellis_core::ids::ConversationId;
use trellis_core::playbook::Prompt;
use trellis_store::{ConversationPageData, ConversationView, Document};

/// A document on the page: what is saved, or an empty one to start.
pub struct Editor {
    /// The stored document's id ('' before its first save).
    pub doc_id: String,
    pub slot: String,
    pub body: String,
    pub revision: i64,
    pub shared: bool,
    pub saved: String,
}

impl Editor {
    pub fn from(slot: &Slot, document: Option<&Document>) -> Self {
        Self {
            doc_id: document.map(|d| d.id.to_string()).unwrap_or_default(),
            slot: slot.form_name(),
            body: document.map(|d| d.body.clone()).unwrap_or_default(),
            revision: document.map_or(0, |d| d.revision),
            shared: document.is_some_and(|d| d.visibility != trellis_core::policy::Visibility::Private),
            saved: document
                .map(|d| format!("Saved by {} · {}", d.updated_by, format_time(d.updated_at)))
                .unwrap_or_default(),
        }
    }

    /// An id for the page's anchors and labels, e.g. `doc-prep-0-1`.
    pub fn anchor(&self) -> String {
        format!("doc-{}", self.slot.replace([':', '.'], "-"))
    }
}

/// One prompt with the person's prep answer as the viewer may see it.
pub struct PromptView {
    pub prompt: Prompt,
    pub number: String,
    /// The person's own editor (the person only).
    pub editor: Option<Editor>,
    /// The answer the person shared (the manager only).
    pub shared_answer: Option<String>,
}

pub struct GroupView {
    pub title: String,
    pub prompts: Vec<PromptView>,
}

#[derive(Template)]
#[template(path = "pages/conversations/show.html")]
pub struct ConversationPage {
    pub layout: Layout,
    pub errors: FormErrors,
    pub view: ConversationView,
    pub is_person: bool,
    pub with: String,
    pub when: Option<String>,
    pub proposed_when: Option<String>,
    pub purpose: String,
    pub moves: Vec<Move>,
    pub time_moves: Vec<Move>,
    pub skippable: Vec<(String, String)>,
    pub ask_readiness: bool,
    pub prompts_visible: bool,
    pub groups: Vec<GroupView>,
    pub shared_notes: Editor,
    pub private_notes: Editor,
    pub boundaries: Option<String>,
    pub coaching: Vec<String>,
    pub grow: &'static [GrowQuestion],
    pub habits: &'static [&'static str],
    pub form: TimeForm,
    pub short_notice: Option<String>,
    /// The label of the share box under a prep answer (none when the person works alone).
    pub share_label: &'static str,
    /// Whether the pending new time is the viewer's own proposal.
    pub proposed_by_you: bool,
    /// Scheduled for later: it can be marked held once it has happened.
    pub held_later: bool,
    /// Links to the exercises of the step, and the goals it reviews.
    pub extras: StepExtras,
    /// For a one-on-one: its agenda.
    pub agenda: Option<AgendaView>,
}

/// The time form's fields (named `form` so the shared partial finds them).
#[derive(Default)]
pub struct TimeForm {
    pub time: TimeFields,
}

impl ConversationPage {
    pub fn at(&self, millis: &i64) -> String {
        format_time(*millis)
    }

    pub fn event_time(&self, millis: &i64, zone: &Option<String>) -> String {
        zone.as_deref().map_or_else(String::new, |z| crate::html::format_for_reader(*millis, z))
    }

    /// Why a new time is proposed, when the viewer may give either reason.
    pub fn time_reason(&self, mv: &Move) -> &'static str {
        match mv {
            Move::NotReady => "I need more time to prepare",
            _ => "Another time suits us better",
        }
    }

    pub fn move_label(&self, mv: &Move) -> &'static str {
        match mv {
            Move::Accept => "Accept",
            Move::Decline => "Decline",
            Move::Schedule => "Schedule at this time",
            Move::ProposeTime => "Propose this time instead",
            Move::ConfirmTime => "Confirm the new time",
            Move::Ready => "Yes, I am ready",
            Move::NotReady => "I need more time: propose this later time",
            Move::Hold => "Mark as held",
            Move::FollowUp => "Mark the follow-up as done",
            Move::Cancel => "Cancel the conversation",
            Move::Skip => "Skip this step",
        }
    }
}

/// Builds the page; `form` and `errors` carry a time form being corrected.
pub async fn conversation_page(
    state: &AppState,
    viewer: &Viewer,
    id: &ConversationId,
    form: TimeFields,
    errors: FormErrors,
    short_notice: Option<String>,
) -> Result<ConversationPage, PageError> {
    let ConversationPageData { view, documents, boundaries, goals } =
        state.store().conversation_page(&viewer.actor, id).await?;
    let conversation = &view.conversation;
    let is_person = view.side == Side::Person;
    let find = |slot: &Slot| {
        let key = slot.key(Some(&conversation.id), &viewer.person.id);
        documents.iter().find(|d| d.key == key)
    };
    let step = view.step().cloned();
    let prompts_visible = !is_person
        || conversation.solo
        || conversation.started_by == Side::Person
        || conversation.state.is_scheduled_or_later();
    let groups = step.as_ref().map_or_else(Vec::new, |step| {
        step.groups
            .iter()
            .enumerate()
            .map(|(g, group)| GroupView {
                title: group.title.clone(),
                prompts: group
                    .prompts
                    .iter()
                    .enumerate()
                    .map(|(p, prompt)| {
                        let slot = Slot::Prep(format!("{g}.{p}"));
                        let answer = documents
                            .iter()
                            .find(|d| d.key == slot.key(Some(&conversation.id), &conversation.person_id));
                        PromptView {
                            prompt: prompt.clone(),
                            number: format!("{}.{}", g + 1, p + 1),
                            editor: is_person.then(|| Editor::from(&slot, answer)),
                            shared_answer: (!is_person).then(|| answer.map(|d| d.body.clone())).flatten(),
                        }
                    })
                    .collect(),
            })
            .collect()
    });
    let with = match (is_person, conversation.solo) {
        (true, true) => "On your own".to_string(),
        (true, false) => format!("With {}", viewer.manager.as_ref().map_or("your manager", |m| m.name.as_str())),
        (false, _) => format!("With {}", conversation.person_name),
    };
    let mut form = form;
    if form.time_zone.is_empty() {
        form.time_zone = conversation.time_zone.clone();
    }
    if form.date.is_empty() {
        if let Some(at) = conversation.starts_at {
            (form.date, form.time) = local_fields(at, &conversation.time_zone);
        }
    }
    if form.minutes.is_empty() {
        form.minutes = conversation.minutes.to_string();
    }
    let lead = view.playbook.preparation.readiness_check_days_before;
    let ask_readiness = view.moves.contains(&Move::Ready)
        && !conversation.ready
        && conversation.starts_at.is_some_and(|at| readiness_due(at, now_millis(), lead));
    let skippable = view
        .series
        .iter()
        .filter(|c| c.optional && c.state == ConversationState::Proposed && is_person)
        .map(|c| (c.id.to_string(), c.title.clone()))
        .collect();
    // Accepting a series offers the skip of its optional steps; a second way would confuse.
    let offered =
        view.moves.iter().filter(|m| !(**m == Move::Skip && conversation.state == ConversationState::Proposed));
    let (time_moves, moves): (Vec<Move>, Vec<Move>) = offered.partition(|m| m.needs_time());
    let title = conversation.title.clone();
    let extras = step_extras(&view, goals);
    let agenda = agenda_view(state, viewer, &view).await?;
    Ok(ConversationPage {
        extras,
        agenda,
        layout: Layout::for_viewer(state, viewer, &title).await?,
        errors,
        is_person,
        with,
        when: conversation.starts_at.map(|at| crate::html::format_for_reader(at, &conversation.time_zone)),
        proposed_when: conversation
            .proposed_starts_at
            .map(|at| crate::html::format_for_reader(at, &conversation.time_zone)),
        purpose: step.as_ref().map(|s| s.purpose.clone()).unwrap_or_default(),
        moves,
        time_moves,
        skippable,
        ask_readiness,
        prompts_visible,
        groups,
        shared_notes: Editor::from(&Slot::SharedNotes, find(&Slot::SharedNotes)),
        private_notes: Editor::from(&Slot::PrivateNotes, find(&Slot::PrivateNotes)),
        boundaries: boundaries.map(|d| d.body).filter(|b| !b.trim().is_empty()),
        coaching: if is_person { Vec::new() } else { step.map(|s| s.coaching).unwrap_or_default() },
        grow: &GROW_QUESTIONS,
        habits: &HABITS,
        form: TimeForm { time: form },
        short_notice,
        proposed_by_you: conversation.time_proposed_by == Some(view.side),
        held_later: matches!(conversation.state, ConversationState::Scheduled | ConversationState::Rescheduled)
            && !trellis_core::conversation::flow::time_has_come(conversation.starts_at, now_millis()),
        share_label: if conversation.solo { "" } else { "Share with my manager" },
        view,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let mut page = conversation_page(&state, &viewer, &id, TimeFields::default(), FormErrors::default(), None).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    Ok(render(&page)?.into_response())
}
