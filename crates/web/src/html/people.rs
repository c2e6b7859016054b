//! The people directory and a person's page: their details, reporting line, reports, and (for
//! those allowed) their manager history. The people team also gets its actions here.

use super::forms::FormErrors;
use super::layout::{Done, Layout};
use super::{format_time, query_string, render, Pager};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use trellis_core::ids::PersonId;
use trellis_core::person::Person;
use trellis_core::policy::{may_open_space, may_open_story, may_see_career_level, Relation};
use trellis_store::{ManagerChange, OrgNode, PeopleFilter, PersonSummary};

const PER_PAGE: u32 = 50;
const REPORTS_SHOWN: u32 = 20;

#[derive(Template)]
#[template(path = "pages/people/directory.html")]
struct DirectoryPage {
    layout: Layout,
    is_admin: bool,
    people: Vec<Person>,
    total: i64,
    query: String,
    department: String,
    departments: Vec<String>,
    status: String,
    pager: Pager,
}

#[derive(serde::Deserialize, Default)]
pub struct DirectoryQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

pub async fn directory(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<DirectoryQuery>,
) -> Result<Html<String>, PageError> {
    let status = if query.status.is_empty() { "active".to_string() } else { query.status.clone() };
    let active = match status.as_str() {
        "inactive" => Some(false),
        "all" => None,
        _ => Some(true),
    };
    let page = query.page.unwrap_or(1);
    let filter = PeopleFilter {
        query: Some(query.q.clone()),
        department: Some(query.department.clone()),
        manager_id: None,
        active,
        page,
        per_page: PER_PAGE,
    };
    let store = state.store();
    let found = store.list_people(&filter).await?;
    let base =
        format!("/people?{}", query_string(&[("q", &query.q), ("department", &query.department), ("status", &status)]));
    render(&DirectoryPage {
        layout: Layout::for_viewer(&state, &viewer, "People").await?,
        is_admin: viewer.person.is_admin,
        people: found.people,
        total: found.total,
        query: query.q,
        department: query.department,
        departments: store.departments().await?,
        status,
        pager: Pager::new(page, PER_PAGE, found.total, base),
    })
}

/// One manager change, as a row of the history table.
pub struct HistoryRow {
    pub when: String,
    pub from: String,
    pub to: String,
    pub by: String,
}

impl From<ManagerChange> for HistoryRow {
    fn from(change: ManagerChange) -> Self {
        let name = |p: Option<PersonSummary>| p.map_or_else(|| "no manager".to_string(), |p| p.name);
        Self {
            when: format_time(change.at_millis),
            from: name(change.previous),
            to: name(change.manager),
            by: change.changed_by.unwrap_or_else(|| match change.source.as_str() {
                "scim" => "(SCIM)".to_string(),
                other => format!("({other})"),
            }),
        }
    }
}

#[derive(Template)]
#[template(path = "pages/people/show.html")]
pub(super) struct PersonPage {
    pub layout: Layout,
    pub person: Person,
    pub chain: Vec<PersonSummary>,
    pub reports: Vec<OrgNode>,
    pub report_total: i64,
    pub history: Option<Vec<HistoryRow>>,
    pub viewer_is_admin: bool,
    pub is_self: bool,
    pub can_open_space: bool,
    /// The viewer reports to this person, so may read what they shared with their team.
    pub can_read_story: bool,
    /// "Engineering: Senior Engineer 1", for the person, their line and the people team.
    pub level: Option<String>,
    /// For the people team's form: ("ladder/level", "Ladder: Level") and the current value.
    pub level_choices: Vec<(String, String)>,
    pub level_value: String,
    pub errors: FormErrors,
    pub manager_value: String,
    /// Whether invitations and reset links can go by e-mail.
    pub email_on: bool,
}

/// Gathers a person's page for the viewer (the admin actions re-render it with errors).
pub(super) async fn person_page(state: &AppState, viewer: &Viewer, id: &PersonId) -> Result<PersonPage, PageError> {
    let store = state.store();
    let profile = store.profile(&viewer.actor, id).await?;
    let (reports, report_total) = match profile.report_count {
        0 => (Vec::new(), 0),
        _ => store.direct_reports(id, 1, REPORTS_SHOWN).await?,
    };
    let current = if may_see_career_level(&profile.relations) { store.person_level(id).await? } else { None };
    let level = match &current {
        Some(at) => at
            .ladder
            .ladder()?
            .levels()
            .iter()
            .find(|l| l.key == at.level_key)
            .map(|l| format!("{}: {}", at.ladder.name, l.name)),
        None => None,
    };
    let mut level_choices = Vec::new();
    if viewer.person.is_admin {
        for stored in store.ladders().await? {
            for step in stored.ladder()?.levels() {
                level_choices.push((format!("{}/{}", stored.key, step.key), format!("{}: {}", stored.name, step.name)));
            }
        }
    }
    Ok(PersonPage {
        level,
        level_value: current.map(|at| format!("{}/{}", at.ladder.key, at.level_key)).unwrap_or_default(),
        level_choices,
        layout: Layout::for_viewer(state, viewer, &profile.person.name).await?,
        chain: profile.chain,
        reports,
        report_total,
        history: profile.history.map(|h| h.into_iter().map(HistoryRow::from).collect()),
        viewer_is_admin: viewer.person.is_admin,
        is_self: profile.relations.has(Relation::Myself),
        can_open_space: may_open_space(&profile.relations),
        can_read_story: may_open_story(&profile.relations) && !may_open_space(&profile.relations),
        errors: FormErrors::default(),
        manager_value: String::new(),
        email_on: state.config().email.is_some(),
        person: profile.person,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let id = PersonId::parse(&id)?;
    let mut page = person_page(&state, &viewer, &id).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    render(&page)
}
