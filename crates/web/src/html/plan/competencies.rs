//! What the competencies page adds to a kind page: each competency's self-ratings over time
//! and the manager's observations (by invitation only, labelled as theirs), a chart of the
//! current against the wanted level, the library to pick names from, and the dreams whose
//! career can suggest competencies. Also the two forms: the person's rating and the manager's
//! observation, each decided by the store through the access policy.

use super::ItemView;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::HtmlForm;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::catalogue::Catalogue;
use trellis_core::ids::{ArtefactId, PersonId};
use trellis_store::{Artefact, LogEntry};

/// Height of one competency's row in the chart.
pub const ROW_HEIGHT: usize = 44;
/// Width of the level scale, 0 to 5.
pub const SCALE_WIDTH: usize = 600;

/// One rating or observation as shown.
pub struct RatingView {
    pub level: String,
    pub on: String,
    pub note: String,
    pub author: PersonId,
}

impl RatingView {
    pub fn from_log(entry: &LogEntry) -> Self {
        Self {
            level: entry.value.clone(),
            on: entry.on_date.clone(),
            note: entry.note.clone(),
            author: entry.author_id.clone(),
        }
    }
}

/// One competency in the chart, in chart coordinates.
pub struct ChartRow {
    pub name: String,
    pub current: usize,
    pub wanted: usize,
    pub y: usize,
}

impl ChartRow {
    pub fn current_width(&self) -> usize {
        self.current * SCALE_WIDTH / 5
    }

    pub fn wanted_width(&self) -> usize {
        self.wanted * SCALE_WIDTH / 5
    }
}

/// The competency-only parts of the page.
#[derive(Default)]
pub struct CompetencyBoard {
    pub chart: Vec<ChartRow>,
    /// Names for the add form's suggestions: the organisation's own, then the built-in set.
    pub library: Vec<String>,
    /// Dreams whose career can suggest competencies: (dream id, dream role, career title).
    pub suggest_from: Vec<(String, String, &'static str)>,
    /// Who wrote each observation.
    pub authors: HashMap<PersonId, String>,
}

impl CompetencyBoard {
    pub fn chart_height(&self) -> usize {
        self.chart.len() * ROW_HEIGHT + 24
    }

    pub fn author(&self, id: &PersonId) -> &str {
        self.authors.get(id).map_or("their manager", String::as_str)
    }
}

/// The latest self-rating of an item, 0 if never rated.
pub fn current_level(item: &ItemView) -> usize {
    item.ratings.last().and_then(|r| r.level.parse().ok()).unwrap_or(0)
}

pub async fn board(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    items: &[ItemView],
    is_self: bool,
) -> Result<CompetencyBoard, PageError> {
    let store = state.store();
    let chart = items
        .iter()
        .enumerate()
        .map(|(i, item)| ChartRow {
            name: item.artefact.field("name").to_string(),
            current: current_level(item),
            wanted: item.artefact.field("wanted").parse().unwrap_or(0),
            y: i * ROW_HEIGHT,
        })
        .collect();
    let mut authors = HashMap::new();
    for author in items.iter().flat_map(|i| &i.observations).map(|o| &o.author) {
        if !authors.contains_key(author) {
            authors.insert(author.clone(), store.person(author).await?.name);
        }
    }
    if !is_self {
        return Ok(CompetencyBoard { chart, authors, ..CompetencyBoard::default() });
    }
    let library = library_names(state).await?;
    let dreams = store.artefacts(&viewer.actor, person, Some(Kind::Dream)).await?;
    let suggest_from = dreams
        .iter()
        .filter(|d| d.status == Kind::Dream.first_status())
        .filter_map(|d| dream_career(d).map(|title| (d.id.to_string(), d.field("role").to_string(), title)))
        .collect();
    Ok(CompetencyBoard { chart, library, suggest_from, authors })
}

/// The names the competency field suggests: the organisation's own, then the built-in set.
pub async fn library_names(state: &AppState) -> Result<Vec<String>, PageError> {
    let mut names: Vec<String> = state.store().library_competencies().await?.into_iter().map(|c| c.name).collect();
    names.extend(Catalogue::builtin().competencies().iter().map(|c| c.name.to_string()));
    Ok(names)
}

/// The catalogue title of a dream's career, if the data can suggest competencies for it.
pub fn dream_career(dream: &Artefact) -> Option<&'static str> {
    let reference = dream.field("occupation");
    let catalogue = Catalogue::builtin();
    catalogue.career(reference).filter(|_| !catalogue.suggestions(reference).is_empty()).map(|c| c.title)
}

/// Which of the two history entries a form adds.
#[derive(Clone, Copy)]
enum Entry {
    Rating,
    Observation,
}

async fn record(
    state: &AppState,
    viewer: &Viewer,
    (id, item): (String, String),
    form: &Fields,
    entry: Entry,
) -> Result<Response, PageError> {
    let (person, item) = (PersonId::parse(&id)?, ArtefactId::parse(&item)?);
    let get = |name: &str| form.get(name).map_or("", String::as_str);
    let store = state.store();
    match entry {
        Entry::Rating => store.rate_competency(&viewer.actor, &item, get("level"), get("note")).await?,
        Entry::Observation => store.observe_competency(&viewer.actor, &item, get("level"), get("note")).await?,
    }
    Ok(Redirect::to(&format!("/people/{person}/plan/competencies?done=saved")).into_response())
}

/// The person rates one of their competencies.
pub async fn rate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(ids): Path<(String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    record(&state, &viewer, ids, &form, Entry::Rating).await
}

/// The manager adds an observation where the person invited it.
pub async fn observe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(ids): Path<(String, String)>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    record(&state, &viewer, ids, &form, Entry::Observation).await
}
