//! Proposing a conversation: a manager to a report, or a person to their manager or to work
//! through alone. A first time is optional; one inside the playbook's preparation lead time
//! comes back with a warning to confirm.

use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::html::forms::{FormErrors, HtmlForm};
use crate::html::layout::Layout;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::conversation::schedule::{parse_slot, Slot};
use trellis_core::ids::PersonId;
use trellis_core::one_on_one::Rhythm;
use trellis_core::policy::{may_start_conversation, Relation};
use trellis_core::{Error, Result};
pub use trellis_store::now_millis;
use trellis_store::{Proposal, ProposalOutcome};

/// One choice in the "what" list: a whole playbook or one of its steps.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The time fields of a form, shared by proposing and by the moves that set a time.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct TimeFields {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub time_zone: String,
    /// "yes" once the short-notice warning was seen.
    #[serde(default)]
    pub confirm_short_notice: String,
}

impl TimeFields {
    /// The slot, or `None` when no date was given.
    pub fn optional_slot(&self, default_minutes: u32) -> Result<Option<Slot>> {
        if self.date.trim().is_empty() && self.time.trim().is_empty() {
            return Ok(None);
        }
        self.slot(default_minutes).map(Some)
    }

    /// The slot, with every wrong field named.
    pub fn slot(&self, default_minutes: u32) -> Result<Slot> {
        let minutes = if self.minutes.trim().is_empty() { default_minutes.to_string() } else { self.minutes.clone() };
        parse_slot(&self.date, &self.time, &minutes, &self.time_zone, now_millis())
    }

    pub fn confirmed(&self) -> bool {
        self.confirm_short_notice == "yes"
    }
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    what: String,
    /// "manager" or "alone" (the person only).
    #[serde(default)]
    with: String,
    /// For a one-on-one: "weekly", "fortnightly", "monthly", or empty for once.
    #[serde(default)]
    rhythm: String,
    #[serde(flatten)]
    time: TimeFields,
}

#[derive(Template)]
#[template(path = "pages/conversations/new.html")]
struct ProposePage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    person_name: String,
    is_self: bool,
    manager_name: Option<String>,
    choices: Vec<Choice>,
    rhythms: [Rhythm; 3],
    form: ProposeForm,
    short_notice: Option<String>,
}

async fn choices(state: &AppState) -> Result<Vec<Choice>> {
    let mut choices = Vec::new();
    for stored in state.store().playbooks().await? {
        let playbook = stored.playbook()?;
        if playbook.conversations.len() > 1 {
            let label = format!("{}: the whole series ({} conversations)", playbook.name, playbook.conversations.len());
            choices.push(Choice { value: playbook.key.clone(), label });
            for (index, step) in playbook.conversations.iter().enumerate() {
                let label = format!("{}: only {}. {}", playbook.name, index + 1, step.title);
                choices.push(Choice { value: format!("{}#{index}", playbook.key), label });
            }
        } else {
            choices.push(Choice { value: playbook.key.clone(), label: playbook.name.clone() });
        }
    }
    Ok(choices)
}

async fn propose_page(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    form: ProposeForm,
    errors: FormErrors,
    short_notice: Option<String>,
) -> Result<ProposePage, PageError> {
    let store = state.store();
    let relations = store.relations(&viewer.actor, person).await?;
    let is_self = relations.has(Relation::Myself);
    if !may_start_conversation(&relations) {
        return Err(Error::Forbidden("You can propose conversations to yourself or your direct reports.".into()).into());
    }
    let target = store.person(person).await?;
    let mut form = form;
    if form.time.time_zone.is_empty() {
        form.time.time_zone = crate::html::layout::reader_zone();
    }
    let title =
        if is_self { "Start a conversation".to_string() } else { format!("Propose a conversation to {}", target.name) };
    Ok(ProposePage {
        layout: Layout::for_viewer(state, viewer, &title).await?,
        errors,
        person_id: person.to_string(),
        person_name: target.name,
        is_self,
        manager_name: viewer.manager.as_ref().map(|m| m.name.clone()),
        choices: choices(state).await?,
        rhythms: Rhythm::ALL,
        form,
        short_notice,
    })
}

/// What the link to the form may choose in advance (from a next step on the home page).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Preselect {
    #[serde(default)]
    what: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(preselect): Query<Preselect>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let form = ProposeForm { what: preselect.what, ..ProposeForm::default() };
    let page = propose_page(&state, &viewer, &person, form, FormErrors::default(), None).await?;
    Ok(render(&page)?.into_response())
}

fn read_what(what: &str) -> Result<(String, Option<usize>)> {
    let invalid = || Error::invalid("what", "choose a playbook or one of its conversations");
    match what.split_once('#') {
        Some((key, step)) => Ok((key.to_string(), Some(step.parse().map_err(|_| invalid())?))),
        None if !what.trim().is_empty() => Ok((what.to_string(), None)),
        None => Err(invalid()),
    }
}

fn read_rhythm(raw: &str) -> Result<Option<Rhythm>> {
    match raw.trim() {
        "" => Ok(None),
        key => Rhythm::parse(key).map(Some).ok_or_else(|| Error::invalid("rhythm", "choose how often it repeats")),
    }
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<ProposeForm>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let outcome = async {
        let (playbook_key, step) = read_what(&form.what)?;
        // Without a length, the step's own (a one-on-one is 30 minutes, a six-month one 60).
        let stored = state.store().playbook(&playbook_key, None).await?.playbook()?;
        let minutes = stored.conversations.get(step.unwrap_or(0)).map_or(60, |s| s.minutes);
        let proposal = Proposal {
            person: person.clone(),
            playbook_key,
            step,
            solo: form.with == "alone",
            slot: form.time.optional_slot(minutes)?,
            short_notice_confirmed: form.time.confirmed(),
            default_time_zone: crate::html::layout::reader_zone(),
            rhythm: read_rhythm(&form.rhythm)?,
        };
        state.store().propose_conversation(&viewer.actor, &proposal).await
    }
    .await;
    let (errors, warning) = match outcome {
        Ok(ProposalOutcome::Proposed(id)) => {
            return Ok(Redirect::to(&format!("/conversations/{id}?done=proposed")).into_response())
        }
        Ok(ProposalOutcome::ShortNotice(warning)) => (FormErrors::default(), Some(warning)),
        Err(error) => (FormErrors::from_error(error)?, None),
    };
    let page = propose_page(&state, &viewer, &person, form, errors, warning).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}
