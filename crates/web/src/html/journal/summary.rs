//! The journal read as a whole: themes (tags and frequent words) and the week-by-week balance
//! of loved against loathed, drawn as an SVG bar chart with the same figures in a table for
//! anyone who cannot see the picture. A manager sees the summary of what was shared with them.

use super::super::layout::Layout;
use super::super::plan::open_space;
use super::super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use trellis_core::artefact::journal::{summarise, JournalSummary, Week};
use trellis_core::artefact::Kind;
use trellis_core::ids::PersonId;

const CHART_WIDTH: usize = 640;
const HALF_HEIGHT: usize = 90;
const LEFT: usize = 32;

/// One week's bars, in chart coordinates.
pub struct Column {
    pub x: usize,
    pub width: usize,
    pub love_height: usize,
    pub loathe_height: usize,
    pub label: String,
    pub week: Week,
}

#[derive(Template)]
#[template(path = "pages/journal/summary.html")]
struct SummaryPage {
    layout: Layout,
    person_id: String,
    person_name: String,
    is_self: bool,
    summary: JournalSummary,
    columns: Vec<Column>,
    scale: usize,
}

impl SummaryPage {
    fn baseline(&self) -> usize {
        HALF_HEIGHT + 10
    }

    fn chart_width(&self) -> usize {
        CHART_WIDTH
    }

    fn left(&self) -> usize {
        LEFT
    }
}

/// Lays the weeks out as columns; `scale` is the count a full half-height bar stands for.
fn columns(weeks: &[Week]) -> (Vec<Column>, usize) {
    let scale = weeks.iter().map(|w| w.loved.max(w.loathed)).max().unwrap_or(0).max(1);
    let slot = (CHART_WIDTH - LEFT) / weeks.len().max(1);
    let height = |n: usize| n * HALF_HEIGHT / scale;
    let columns = weeks
        .iter()
        .enumerate()
        .map(|(i, week)| Column {
            x: LEFT + i * slot + slot / 8,
            width: (slot * 3 / 4).max(1),
            love_height: height(week.loved),
            loathe_height: height(week.loathed),
            // Label every fourth week so that the labels never overlap.
            label: if i % 4 == 0 { week.starts.strftime("%-d %b").to_string() } else { String::new() },
            week: week.clone(),
        })
        .collect();
    (columns, scale)
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let (person_name, is_self) = open_space(&state, &viewer, &person).await?;
    let entries = state.store().artefacts(&viewer.actor, &person, Some(Kind::JournalEntry)).await?;
    let summary = summarise(entries.iter().map(|e| &e.fields));
    let (columns, scale) = columns(&summary.weeks);
    let title =
        if is_self { "What your journal says".to_string() } else { format!("{person_name}'s journal, as shared") };
    let page = SummaryPage {
        layout: Layout::for_viewer(&state, &viewer, &title).await?,
        person_id: person.to_string(),
        person_name,
        is_self,
        summary,
        columns,
        scale,
    };
    Ok(render(&page)?.into_response())
}
