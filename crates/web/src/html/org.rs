//! The org chart, from the top down, one team at a time. Large organisations stay fast: a page
//! shows one level, paged, and each person with reports opens on demand (a link without
//! JavaScript, an in-place fragment with it).

use super::{render, Pager};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::html::layout::Layout;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use trellis_core::ids::PersonId;
use trellis_store::{OrgNode, PersonSummary};

const PER_PAGE: u32 = 50;

#[derive(Template)]
#[template(path = "pages/org/chart.html")]
struct ChartPage {
    layout: Layout,
    focus: Option<OrgNode>,
    chain: Vec<PersonSummary>,
    nodes: Vec<OrgNode>,
    total: i64,
    pager: Pager,
}

#[derive(Template)]
#[template(path = "pages/org/children.html")]
struct ChildrenFragment {
    nodes: Vec<OrgNode>,
    more: i64,
    parent: String,
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<u32>,
}

pub async fn top(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, PageError> {
    let page = query.page.unwrap_or(1);
    let (nodes, total) = state.store().org_roots(page, PER_PAGE).await?;
    render(&ChartPage {
        layout: Layout::for_viewer(&state, &viewer, "Org chart").await?,
        focus: None,
        chain: Vec::new(),
        nodes,
        total,
        pager: Pager::new(page, PER_PAGE, total, "/org".into()),
    })
}

pub async fn team(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, PageError> {
    let id = PersonId::parse(&id)?;
    let page = query.page.unwrap_or(1);
    let store = state.store();
    let focus = store.org_node(&id).await?;
    let mut chain = store.manager_chain(&id).await?;
    chain.reverse();
    let (nodes, total) = store.direct_reports(&id, page, PER_PAGE).await?;
    let title = format!("{}'s team", focus.person.name);
    render(&ChartPage {
        layout: Layout::for_viewer(&state, &viewer, &title).await?,
        pager: Pager::new(page, PER_PAGE, total, format!("/org/{id}")),
        focus: Some(focus),
        chain,
        nodes,
        total,
    })
}

/// The first page of someone's reports as an HTML fragment, loaded into the chart in place.
pub async fn reports_fragment(
    State(state): State<AppState>,
    _viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = PersonId::parse(&id)?;
    let (nodes, total) = state.store().direct_reports(&id, 1, PER_PAGE).await?;
    let more = total - nodes.len() as i64;
    render(&ChildrenFragment { nodes, more, parent: id.to_string() })
}
