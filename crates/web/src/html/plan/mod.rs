//! The person's plan: an overview of every kind of career artefact, and a page per kind that
//! lists the items the viewer may read and, for the person, forms to add, change, move and
//! remove them (`write`). What the manager sees is what the person shared, decided by the store
//! through the access policy.

pub mod careers;
pub mod competencies;
pub mod export;
mod standing;
mod story;
pub mod suggest;
pub mod write;

use super::forms::FormErrors;
use super::layout::Layout;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use competencies::{CompetencyBoard, RatingView};
use trellis_core::artefact::{warnings, week_start, FieldSpec, Fields, Kind, LEVEL_LABELS};
use trellis_core::ids::PersonId;
use trellis_core::policy::{may_observe, may_open_space, may_write_as_the_person, Relation, Relations, Visibility};
use trellis_core::Error;
use trellis_store::{Artefact, LogEntry};

/// One kind on the overview.
pub struct KindSummary {
    pub kind: Kind,
    pub count: usize,
    pub latest: String,
}

#[derive(Template)]
#[template(path = "pages/plan/overview.html")]
struct OverviewPage {
    layout: Layout,
    person_id: String,
    person_name: String,
    is_self: bool,
    kinds: Vec<KindSummary>,
    standing: Option<standing::Standing>,
}

/// The first line-field of an item, as its name in lists.
pub fn headline(artefact: &Artefact) -> String {
    artefact
        .kind
        .fields()
        .iter()
        .find_map(|spec| {
            let value = artefact.field(spec.name);
            (!value.is_empty()).then(|| match spec.ty {
                // A choice reads as its label ("In five years"), not its stored value.
                trellis_core::artefact::FieldType::Choice(options) => {
                    options.iter().find(|(v, _)| *v == value).map_or(value, |(_, label)| label).to_string()
                }
                _ => value.to_string(),
            })
        })
        .unwrap_or_default()
}

/// Checks that the viewer may open the person's space, and returns the person's name and
/// whether the viewer is the person.
pub async fn open_space(state: &AppState, viewer: &Viewer, person: &PersonId) -> Result<(String, bool), PageError> {
    let relations = state.store().relations(&viewer.actor, person).await?;
    if !may_open_space(&relations) {
        return Err(Error::Forbidden("Plans are open only to the person and the managers in their line.".into()).into());
    }
    Ok((state.store().person(person).await?.name, relations.has(Relation::Myself)))
}

/// For pages that are the person's alone (importing, downloading): the person's id and name,
/// or `refusal` as a Forbidden error for anyone else, decided by the access policy.
pub async fn own_space(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    refusal: &str,
) -> Result<(PersonId, String), PageError> {
    let person = PersonId::parse(id)?;
    let relations = state.store().relations(&viewer.actor, &person).await?;
    if !may_write_as_the_person(&relations) {
        return Err(Error::Forbidden(refusal.into()).into());
    }
    let name = state.store().person(&person).await?.name;
    Ok((person, name))
}

pub async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let (person_name, is_self) = open_space(&state, &viewer, &person).await?;
    let all = state.store().artefacts(&viewer.actor, &person, None).await?;
    let kinds = Kind::ALL
        .into_iter()
        .map(|kind| {
            let items: Vec<&Artefact> = all.iter().filter(|a| a.kind == kind).collect();
            KindSummary { kind, count: items.len(), latest: items.last().map(|a| headline(a)).unwrap_or_default() }
        })
        .collect();
    let title = if is_self { "Your plan".to_string() } else { format!("{person_name}'s plan") };
    let page = OverviewPage {
        layout: Layout::for_viewer(&state, &viewer, &title).await?,
        person_id: person.to_string(),
        person_name,
        is_self,
        kinds,
        standing: standing::standing(&state, &person).await?,
    };
    Ok(render(&page)?.into_response())
}

/// An item on its kind's page.
pub struct ItemView {
    pub artefact: Artefact,
    pub parent_name: String,
    pub warnings: Vec<String>,
    /// The statuses it moved through, oldest first: (label, date, note).
    pub changes: Vec<(&'static str, String, String)>,
    /// For the weekly practice skill: the recent weeks, newest first.
    pub weeks: Vec<PractiseWeek>,
    /// For a competency: the person's ratings and the manager's observations, oldest first.
    pub ratings: Vec<RatingView>,
    pub observations: Vec<RatingView>,
    /// Whether the viewer may add an observation (the invited manager).
    pub may_observe: bool,
}

fn entries(log: &[LogEntry], entry: &str) -> Vec<RatingView> {
    log.iter().filter(|e| e.entry == entry).map(RatingView::from_log).collect()
}

/// One week of a practice skill.
pub struct PractiseWeek {
    pub monday: String,
    pub label: String,
    pub practised: bool,
}

/// How many recent weeks the practice skill shows.
const WEEKS_SHOWN: i64 = 8;

fn recent_weeks(history: &[LogEntry], today: jiff::civil::Date) -> Vec<PractiseWeek> {
    let this_week = week_start(today);
    (0..WEEKS_SHOWN)
        .filter_map(|back| this_week.checked_sub(jiff::ToSpan::weeks(back)).ok())
        .map(|monday| PractiseWeek {
            monday: monday.to_string(),
            label: if monday == this_week {
                "This week".into()
            } else {
                format!("Week of {}", monday.strftime("%-d %b"))
            },
            practised: history.iter().any(|e| e.entry == "practised" && e.value == monday.to_string()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "pages/plan/kind.html")]
pub struct KindPage {
    pub layout: Layout,
    pub errors: FormErrors,
    pub person_id: String,
    pub person_name: String,
    pub is_self: bool,
    pub kind: Kind,
    pub items: Vec<ItemView>,
    /// Items the new one may hang under (dreams for a GROW plan, plans for an action).
    pub parents: Vec<(String, String)>,
    pub values: Fields,
    pub visibility: Visibility,
    pub parent: String,
    pub board: CompetencyBoard,
    /// The visibilities the add form offers.
    pub choices: Vec<Visibility>,
    /// The viewer reads what the person, their manager, shares with their team.
    pub story_reader: bool,
}

impl KindPage {
    pub fn levels(&self) -> &'static [(&'static str, &'static str)] {
        LEVEL_LABELS
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    pub fn shown(&self, spec: &FieldSpec, item: &Artefact) -> String {
        spec.display(item.field(spec.name)).to_string()
    }

    pub fn visibilities(&self) -> Vec<Visibility> {
        self.choices.clone()
    }
}

/// Builds a kind's page; `values` and `errors` carry a form being corrected.
pub async fn kind_page(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    kind: Kind,
    values: Fields,
    errors: FormErrors,
) -> Result<KindPage, PageError> {
    let (person_name, is_self, story_reader) = story::open_space_for(state, viewer, person, kind).await?;
    let store = state.store();
    let (items, mut history) = store.artefact_history(&viewer.actor, person, kind).await?;
    let parents = match kind.parent() {
        Some(parent_kind) => store.artefacts(&viewer.actor, person, Some(parent_kind)).await?,
        None => Vec::new(),
    };
    let today = jiff::Zoned::now().date();
    // Only competencies ask the policy a second question (may the viewer observe?).
    let relations = match kind {
        Kind::Competency => store.relations(&viewer.actor, person).await?,
        _ => Relations::new([]),
    };
    let items: Vec<ItemView> = items
        .into_iter()
        .map(|artefact| {
            let log = history.remove(&artefact.id).unwrap_or_default();
            ItemView {
                changes: log
                    .iter()
                    .filter(|e| e.entry == "status")
                    .map(|e| {
                        (
                            kind.statuses().iter().find(|(k, _)| *k == e.value).map_or("", |(_, l)| *l),
                            e.on_date.clone(),
                            e.note.clone(),
                        )
                    })
                    .collect(),
                weeks: if kind == Kind::WeeklySkill { recent_weeks(&log, today) } else { Vec::new() },
                ratings: entries(&log, "rating"),
                observations: entries(&log, "observation"),
                may_observe: kind == Kind::Competency
                    && may_observe(&viewer.actor.id, &relations, artefact.access(), artefact.field("invite") == "yes"),
                parent_name: artefact
                    .parent_id
                    .as_ref()
                    .and_then(|p| parents.iter().find(|a| &a.id == p))
                    .map(headline)
                    .unwrap_or_default(),
                warnings: warnings(kind, &artefact.fields, today),
                artefact,
            }
        })
        .collect();
    let board = match kind {
        Kind::Competency => competencies::board(state, viewer, person, &items, is_self).await?,
        _ => CompetencyBoard::default(),
    };
    let visibility = values.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or_default();
    let parent = values.get("parent").cloned().unwrap_or_default();
    let title = if is_self { kind.title().to_string() } else { format!("{}: {person_name}", kind.title()) };
    Ok(KindPage {
        layout: Layout::for_viewer(state, viewer, &title).await?,
        errors,
        person_id: person.to_string(),
        person_name,
        is_self,
        kind,
        items,
        parents: parents.iter().map(|p| (p.id.to_string(), headline(p))).collect(),
        values,
        visibility,
        parent,
        board,
        choices: story::visibility_choices(state, person, kind).await?,
        story_reader,
    })
}

pub fn parse_kind(raw: &str) -> Result<Kind, Error> {
    Kind::parse(raw).ok_or_else(|| Error::NotFound("There is no such part of the plan.".into()))
}

pub async fn show_kind(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kind)): Path<(String, String)>,
    Query(query): Query<Fields>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let kind = parse_kind(&kind)?;
    // A link may fill the add form in (a dream started from the careers catalogue).
    let prefill: Fields = query
        .iter()
        .filter(|(name, _)| name.as_str() == "parent" || kind.fields().iter().any(|f| f.name == name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let mut page = kind_page(&state, &viewer, &person, kind, prefill, FormErrors::default()).await?;
    page.layout = page.layout.with_notice(query.get("done").map(String::as_str));
    Ok(render(&page)?.into_response())
}
