//! A leader's views of their organisation: coverage (for each lead, how many of their people
//! held each stage, as counts and bars, never content) and what people shared upward, grouped
//! where it overlaps. The store decides what may be counted and read.

use super::{render, Pager};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::html::layout::Layout;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use trellis_core::cascade::{Overlap, Stage};
use trellis_store::Lead;

const LEADS_PER_PAGE: u32 = 25;

#[derive(Template)]
#[template(path = "pages/team/coverage.html")]
struct CoveragePage {
    layout: Layout,
    leads: Vec<Lead>,
    stages: [Stage; 4],
    total: i64,
    pager: Pager,
}

impl CoveragePage {
    /// The width of a bar, out of 100, for `count` of `people`.
    fn width(&self, count: &usize, people: &usize) -> usize {
        if *people == 0 {
            0
        } else {
            count * 100 / people
        }
    }
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<u32>,
}

pub async fn coverage(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, PageError> {
    let page = query.page.unwrap_or(1);
    let (leads, total) = state.store().cascade_coverage(&viewer.actor, page, LEADS_PER_PAGE).await?;
    render(&CoveragePage {
        layout: Layout::for_viewer(&state, &viewer, "Coverage across your organisation").await?,
        leads,
        stages: Stage::ALL,
        total,
        pager: Pager::new(page, LEADS_PER_PAGE, total, "/team/coverage".into()),
    })
}

#[derive(Template)]
#[template(path = "pages/team/shared.html")]
struct SharedPage {
    layout: Layout,
    overlaps: Vec<Overlap>,
    more: bool,
    shown: usize,
}

pub async fn shared(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, PageError> {
    let (overlaps, more) = state.store().shared_upward(&viewer.actor).await?;
    render(&SharedPage {
        layout: Layout::for_viewer(&state, &viewer, "Shared upward").await?,
        overlaps,
        more,
        shown: trellis_store::SHARED_SHOWN,
    })
}
