//! Composing an ad-hoc conversation: the manager (with a report) or the person (with their
//! manager, or alone) picks questions from the question banks, gives the conversation a
//! title, and it is proposed like any other. Picks that fail come back on the same page,
//! still ticked, with nothing stored.

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
use trellis_core::artefact::Fields;
use trellis_core::ids::PersonId;
use trellis_core::playbook::compose::MAX_PROMPTS;
use trellis_core::playbook::Playbook;
use trellis_core::policy::{may_start_conversation, Relation};
use trellis_core::Error;
use trellis_store::Composition;

#[derive(Template)]
#[template(path = "pages/conversations/compose.html")]
struct ComposePage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    person_name: String,
    is_self: bool,
    manager_name: Option<String>,
    banks: Vec<Playbook>,
    form: Fields,
    max_prompts: usize,
}

impl ComposePage {
    fn value(&self, name: &str) -> &str {
        self.form.get(name).map_or("", String::as_str)
    }

    /// The form name of one question: bank, group and prompt by position.
    fn pick_name(&self, bank: &usize, group: &usize, prompt: &usize) -> String {
        pick_name(*bank, *group, *prompt)
    }

    fn picked(&self, bank: &usize, group: &usize, prompt: &usize) -> bool {
        self.form.contains_key(&pick_name(*bank, *group, *prompt))
    }
}

fn pick_name(bank: usize, group: usize, prompt: usize) -> String {
    format!("q_{bank}_{group}_{prompt}")
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    form: Fields,
    errors: FormErrors,
) -> Result<ComposePage, PageError> {
    let store = state.store();
    let relations = store.relations(&viewer.actor, person).await?;
    if !may_start_conversation(&relations) {
        return Err(
            Error::Forbidden("You can compose conversations for yourself or your direct reports.".into()).into()
        );
    }
    let person_name = store.person(person).await?.name;
    Ok(ComposePage {
        layout: Layout::for_viewer(state, viewer, "Compose a conversation").await?,
        errors,
        person_id: person.to_string(),
        person_name,
        is_self: relations.has(Relation::Myself),
        manager_name: viewer.manager.as_ref().map(|m| m.name.clone()),
        banks: store.question_banks().await?,
        form,
        max_prompts: MAX_PROMPTS,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    Ok(render(&page(&state, &viewer, &person, Fields::new(), FormErrors::default()).await?)?.into_response())
}

/// The picked questions, in the order of the banks: (group title, prompt text).
fn picked(banks: &[Playbook], form: &Fields) -> Vec<(String, String)> {
    let mut picked = Vec::new();
    for (b, bank) in banks.iter().enumerate() {
        for conversation in &bank.conversations {
            for (g, group) in conversation.groups.iter().enumerate() {
                for (p, prompt) in group.prompts.iter().enumerate() {
                    if form.contains_key(&pick_name(b, g, p)) {
                        picked.push((group.title.clone(), prompt.text.clone()));
                    }
                }
            }
        }
    }
    picked
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let outcome = async {
        let banks = state.store().question_banks().await?;
        let composition = Composition {
            person: person.clone(),
            title: form.get("title").cloned().unwrap_or_default(),
            picked: picked(&banks, &form),
            solo: form.get("with").is_some_and(|w| w == "alone"),
            default_time_zone: crate::html::layout::reader_zone(),
        };
        state.store().compose_conversation(&viewer.actor, &composition).await
    }
    .await;
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/conversations/{id}?done=proposed")).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = page(&state, &viewer, &person, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
