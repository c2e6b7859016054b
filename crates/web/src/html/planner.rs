//! The planner for a manager with many reports: choose who (those who said they are keen
//! first) and at what pace, see the plan as a calendar of weeks, and propose each conversation
//! when its week comes. Rules in `trellis_core::planner`; the plan itself in the store.

use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::{FormErrors, HtmlForm, Query};
use crate::html::layout::Layout;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use trellis_core::ids::PersonId;
use trellis_core::planner::{monday_of, week_has_come, Pace};
use trellis_core::{Error, Result};
use trellis_store::{Member, PlanRequest, Planned};

/// One week of the calendar.
pub struct Week {
    pub monday: Date,
    pub label: String,
    pub has_come: bool,
    pub entries: Vec<Planned>,
}

#[derive(Template)]
#[template(path = "pages/team/planner.html")]
struct PlannerPage {
    layout: Layout,
    errors: FormErrors,
    reports: Vec<Member>,
    playbooks: Vec<(String, String)>,
    paces: [Pace; 4],
    weeks: Vec<Week>,
    today: String,
    left_out: Vec<String>,
}

impl PlannerPage {
    fn playbook_name(&self, key: &str) -> String {
        self.playbooks.iter().find(|(k, _)| k == key).map_or_else(|| key.to_string(), |(_, name)| name.clone())
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    playbook: String,
    #[serde(default)]
    pace: String,
    #[serde(default)]
    first_week: String,
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    keen: Vec<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PlannerQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    left_out: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    errors: FormErrors,
    left_out: Vec<String>,
) -> Result<PlannerPage, PageError> {
    let store = state.store();
    let reports = store.team_members(&viewer.actor).await?;
    if reports.is_empty() {
        return Err(Error::Forbidden("The planner is for managers: nobody reports to you.".into()).into());
    }
    let playbooks = store.current_playbooks().await?;
    let today = jiff::Zoned::now().date();
    let mut weeks: Vec<Week> = Vec::new();
    for entry in store.planned_conversations(&viewer.actor).await? {
        match weeks.last_mut() {
            Some(week) if week.monday == entry.week => week.entries.push(entry),
            _ => weeks.push(Week {
                monday: entry.week,
                label: format!("Week of {}", entry.week.strftime("%a %-d %b %Y")),
                has_come: week_has_come(entry.week, today),
                entries: vec![entry],
            }),
        }
    }
    Ok(PlannerPage {
        layout: Layout::for_viewer(state, viewer, "Plan conversations for your team").await?,
        errors,
        reports,
        playbooks: playbooks
            .iter()
            .filter(|p| p.key != trellis_core::one_on_one::PLAYBOOK)
            .map(|p| (p.key.clone(), p.name.clone()))
            .collect(),
        paces: Pace::ALL,
        weeks,
        today: monday_of(today).to_string(),
        left_out,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<PlannerQuery>,
) -> Result<Response, PageError> {
    let left_out = query.left_out.map(|names| names.split('|').map(str::to_string).collect()).unwrap_or_default();
    let mut page = page(&state, &viewer, FormErrors::default(), left_out).await?;
    page.layout = page.layout.with_notice(query.done.as_deref());
    render(&page).map(IntoResponse::into_response)
}

fn request_from(form: &PlanForm) -> Result<PlanRequest> {
    let mut errors = Vec::new();
    let pace = Pace::parse(&form.pace);
    if pace.is_none() {
        errors.push(trellis_core::FieldError::new("pace", "choose how many conversations a week"));
    }
    let first_week = form.first_week.trim().parse::<Date>().ok();
    if first_week.is_none() {
        errors.push(trellis_core::FieldError::new("first_week", "must be a date like 2026-12-07"));
    }
    let mut people = Vec::new();
    for raw in &form.person {
        people.push(PersonId::parse(raw)?);
    }
    // Those who said they are keen first, each group in the order listed.
    people.sort_by_key(|id| !form.keen.iter().any(|k| k == id.as_str()));
    match (pace, first_week, errors.is_empty()) {
        (Some(pace), Some(first_week), true) => {
            Ok(PlanRequest { playbook_key: form.playbook.clone(), people, first_week, pace })
        }
        _ => Err(Error::Invalid(errors)),
    }
}

pub async fn plan(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<PlanForm>,
) -> Result<Response, PageError> {
    let outcome = match request_from(&form) {
        Ok(request) => state.store().plan_conversations(&viewer.actor, &request).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(left_out) if left_out.is_empty() => Ok(Redirect::to("/team/planner?done=saved").into_response()),
        Ok(left_out) => {
            let names: String = form_urlencoded::byte_serialize(left_out.join("|").as_bytes()).collect();
            Ok(Redirect::to(&format!("/team/planner?done=saved&left_out={names}")).into_response())
        }
        Err(error @ Error::Invalid(_)) => {
            let page = page(&state, &viewer, FormErrors::from_error(error)?, Vec::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn propose(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(entry): Path<String>,
) -> Result<Response, PageError> {
    let time_zone = crate::html::layout::reader_zone();
    let id = state.store().propose_planned(&viewer.actor, &entry, &time_zone).await?;
    Ok(Redirect::to(&format!("/conversations/{id}?done=saved")).into_response())
}

pub async fn clear(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    state.store().clear_plan(&viewer.actor).await?;
    Ok(Redirect::to("/team/planner?done=saved").into_response())
}
