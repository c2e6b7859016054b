//! The start page: one section per role the person holds — what needs them this week for
//! their team if they manage people (`follow_through`), what is next in their own career, and
//! the people team's tools if they are on it. The person answers the gentle probe here.

use super::conversations::ListedConversation;
use super::follow_through::{own_rows, team_rows, OwnRow, TeamRow};
use super::format_time;
use super::layout::{Done, Layout};
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use trellis_core::follow_through::{Clock, Overview};
use trellis_core::person::Person;
use trellis_store::PersonSummary;

/// How many reports the start page lists before linking to the full team.
const REPORTS_SHOWN: usize = 50;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    layout: Layout,
    person: Person,
    first_name: String,
    manager: Option<PersonSummary>,
    /// The team's follow-through, most urgent first (at most `REPORTS_SHOWN`).
    team: Vec<TeamRow>,
    overview: Overview,
    report_total: usize,
    /// The viewer's own next steps.
    own: Vec<OwnRow>,
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
    let time_zone = crate::html::layout::reader_zone();
    let clock = Clock::new(jiff::Timestamp::now().as_millisecond(), &time_zone);
    let playbooks = store.current_playbooks().await?;
    let trellis_store::HomeFollowThrough { own: mine, team, open, own_handoff } =
        store.home_follow_through(&viewer.actor, &playbooks, &time_zone).await?;
    let (report_total, overview) = (team.people.len(), team.overview);
    let mut team_rows = team_rows(&team, &playbooks, &clock);
    team_rows.truncate(REPORTS_SHOWN);
    let manager_first_name = manager.as_ref().and_then(|m| m.name.split_whitespace().next()).unwrap_or("your manager");
    let own = own_rows(&mine.summary, &viewer.person.id, manager_first_name, &playbooks, mine.has_one_on_one);
    let (people_total, pending_invitations) = if viewer.person.is_admin {
        (store.count_people().await?, store.pending_invitations().await?.len())
    } else {
        (0, 0)
    };
    let conversations = open.into_iter().map(|c| ListedConversation::new(c, &viewer)).collect();
    let first_name = viewer.person.name.split_whitespace().next().unwrap_or_default().to_string();
    let password_link = match &viewer.person.password_link_by {
        Some(_) => store.password_link_notice(&viewer.person.id).await?.map(|(maker, at)| (maker, format_time(at))),
        None => None,
    };
    let pending_handoff = own_handoff.filter(|h| h.is_pending()).map(|h| h.manager_name);
    render(&HomePage {
        layout,
        person: viewer.person,
        first_name,
        manager,
        team: team_rows,
        overview,
        report_total,
        own,
        people_total,
        pending_invitations,
        conversations,
        password_link,
        pending_handoff,
    })
}

/// The person says their plan is still right.
pub async fn plan_still_right(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    state.store().confirm_plan(&viewer.actor).await?;
    Ok(Redirect::to("/?done=still-right").into_response())
}
