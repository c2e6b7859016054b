//! The start page: one section per role the person holds — their own space, their team if
//! they manage people, and the people team's tools if they are on it.

use super::conversations::ListedConversation;
use super::format_time;
use super::layout::{Done, Layout};
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use trellis_core::person::Person;
use trellis_store::{OrgNode, PersonSummary};

/// How many reports the start page lists before linking to the full team.
const REPORTS_SHOWN: u32 = 50;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    layout: Layout,
    person: Person,
    first_name: String,
    manager: Option<PersonSummary>,
    reports: Vec<OrgNode>,
    report_total: i64,
    people_total: i64,
    pending_invitations: usize,
    conversations: Vec<ListedConversation>,
    /// Who made the link the viewer's password was set through, and when it was used.
    password_link: Option<(String, String)>,
    /// The viewer's new manager, while the viewer has not decided what travels to them.
    pending_handoff: Option<String>,
}

pub async fn home(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let store = state.store();
    let layout = Layout::for_viewer(&state, &viewer, "Home").await?.with_notice(done.done.as_deref());
    let manager = viewer.manager.clone();
    let (reports, report_total) = store.direct_reports(&viewer.person.id, 1, REPORTS_SHOWN).await?;
    let (people_total, pending_invitations) = if viewer.person.is_admin {
        (store.count_people().await?, store.pending_invitations().await?.len())
    } else {
        (0, 0)
    };
    let open = store.open_conversations_for(&viewer.actor).await?;
    let conversations = open.into_iter().map(|c| ListedConversation::new(c, &viewer)).collect();
    let first_name = viewer.person.name.split_whitespace().next().unwrap_or_default().to_string();
    let password_link = match &viewer.person.password_link_by {
        Some(_) => store.password_link_notice(&viewer.person.id).await?.map(|(maker, at)| (maker, format_time(at))),
        None => None,
    };
    let pending_handoff = match viewer.manager.is_some() {
        true => store.handoff(&viewer.person.id).await?.filter(|h| h.is_pending()).map(|h| h.manager_name),
        false => None,
    };
    render(&HomePage {
        layout,
        person: viewer.person,
        first_name,
        manager,
        reports,
        report_total,
        people_total,
        pending_invitations,
        conversations,
        password_link,
        pending_handoff,
    })
}
