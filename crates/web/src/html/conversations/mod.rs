//! Conversation pages: the list of the viewer's open conversations, proposing one (`propose`),
//! the conversation page itself (`page`), its moves (`moves`), and its documents with
//! autosave and conflict resolution (`documents`), and the earlier versions of shared notes
//! (`history`).

pub mod compose;
pub mod documents;
pub mod exercises;
pub mod history;
pub mod moves;
pub mod one_on_one;
pub mod page;
pub mod propose;

use super::layout::{Done, Layout};
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use trellis_core::conversation::Side;
use trellis_store::Conversation;

/// A conversation in a list, from the viewer's side.
pub struct ListedConversation {
    pub conversation: Conversation,
    /// "with Lena Park", "with Ana Ruiz" or "on your own".
    pub with: String,
    pub when: String,
    /// Whether the viewer is the one to answer next (a proposal or a new time).
    pub your_turn: bool,
}

impl ListedConversation {
    pub fn new(conversation: Conversation, viewer: &Viewer) -> Self {
        let side = if conversation.person_id == viewer.person.id { Side::Person } else { Side::Manager };
        let with = match (side, conversation.solo) {
            (Side::Person, true) => "on your own".to_string(),
            (Side::Person, false) => {
                format!("with {}", viewer.manager.as_ref().map_or("your manager", |m| m.name.as_str()))
            }
            (Side::Manager, _) => format!("with {}", conversation.person_name),
        };
        let when = conversation.starts_at.map_or_else(
            || "No time yet".to_string(),
            |at| crate::html::format_for_reader(at, &conversation.time_zone),
        );
        let moves = trellis_core::conversation::flow::open_moves(
            conversation.facts(jiff::Timestamp::now().as_millisecond()),
            side,
        );
        let your_turn = moves.iter().any(|m| {
            use trellis_core::conversation::flow::Move;
            matches!(m, Move::Accept | Move::ConfirmTime)
        });
        Self { conversation, with, when, your_turn }
    }
}

#[derive(Template)]
#[template(path = "pages/conversations/list.html")]
struct ListPage {
    layout: Layout,
    person_id: String,
    conversations: Vec<ListedConversation>,
}

/// The viewer's open conversations: their own and those with their reports.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let open = state.store().open_conversations_for(&viewer.actor).await?;
    let conversations = open.into_iter().map(|c| ListedConversation::new(c, &viewer)).collect();
    render(&ListPage {
        layout: Layout::for_viewer(&state, &viewer, "Conversations").await?.with_notice(done.done.as_deref()),
        person_id: viewer.person.id.to_string(),
        conversations,
    })
}
