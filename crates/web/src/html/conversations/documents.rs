//! Saving documents (conversation notes, prep answers, boundaries). A plain form post saves
//! and returns to the page; the page's script posts the same form in the background and reads
//! a JSON answer. A save made from an old revision stores nothing: the writer gets both
//! versions on one page and chooses what to keep.

use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::HtmlForm;
use crate::html::layout::Layout;
use crate::html::{format_time, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use trellis_core::conversation::document::Slot;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::{Document, DocumentSave, SaveOutcome};

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct DocumentForm {
    #[serde(default)]
    slot: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    revision: i64,
    /// "yes" to share a prep answer with the manager.
    #[serde(default)]
    share: String,
}

#[derive(Template)]
#[template(path = "pages/conversations/conflict.html")]
struct ConflictPage {
    layout: Layout,
    action: String,
    back: String,
    form: DocumentForm,
    theirs: Document,
    theirs_saved: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

/// Answers a save: JSON for the script, a redirect or the conflict page for a plain form.
async fn answer(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    outcome: SaveOutcome,
    form: DocumentForm,
    action: String,
    back: String,
) -> Result<Response, PageError> {
    let json = wants_json(headers);
    match outcome {
        SaveOutcome::Saved(saved) if json => Ok(Json(serde_json::json!({
            "revision": saved.revision,
            "status": format!("Saved · {}", format_time(saved.updated_at)),
        }))
        .into_response()),
        SaveOutcome::Saved(_) => Ok(Redirect::to(&back).into_response()),
        SaveOutcome::Stale { theirs } if json => Ok((
            StatusCode::CONFLICT,
            Json(serde_json::json!({
                "error": "stale",
                "message": format!("{} saved a newer version meanwhile.", theirs.updated_by),
                "revision": theirs.revision,
            })),
        )
            .into_response()),
        SaveOutcome::Stale { theirs } => {
            let page = ConflictPage {
                layout: Layout::for_viewer(state, viewer, "Two versions").await?,
                action,
                back,
                theirs_saved: format!("{} · {}", theirs.updated_by, format_time(theirs.updated_at)),
                form,
                theirs,
            };
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
    }
}

fn visibility_of(form: &DocumentForm) -> Visibility {
    if form.share == "yes" {
        Visibility::Shared
    } else {
        Visibility::Private
    }
}

pub async fn save_conversation_document(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<DocumentForm>,
) -> Result<Response, PageError> {
    let id = ConversationId::parse(&id)?;
    let slot = Slot::from_form_name(&form.slot)
        .filter(|s| *s != Slot::Boundaries)
        .ok_or_else(|| Error::invalid("slot", "is not a document of this conversation"))?;
    let store = state.store();
    let conversation = store.conversation_view(&viewer.actor, &id).await?.conversation;
    let anchor = format!("doc-{}", form.slot.replace([':', '.'], "-"));
    let request = DocumentSave {
        person: &conversation.person_id,
        conversation: Some(&conversation),
        slot,
        visibility: visibility_of(&form),
        body: &form.body,
        base_revision: form.revision,
    };
    let outcome = store.save_document(&viewer.actor, &request).await?;
    let back = format!("/conversations/{id}?done=saved#{anchor}");
    let action = format!("/conversations/{id}/documents");
    answer(&state, &viewer, &headers, outcome, form, action, back).await
}

pub async fn save_boundaries(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<DocumentForm>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let request = DocumentSave {
        person: &person,
        conversation: None,
        slot: Slot::Boundaries,
        visibility: Visibility::Shared,
        body: &form.body,
        base_revision: form.revision,
    };
    let outcome = state.store().save_document(&viewer.actor, &request).await?;
    let back = format!("/people/{person}/space?done=saved#doc-boundaries");
    let action = format!("/people/{person}/boundaries");
    answer(&state, &viewer, &headers, outcome, form, action, back).await
}
