//! Taking the plan away: a one-page printable plan (what the viewer may read, laid out for
//! paper by the print stylesheet), the plan as Markdown, and everything in the space as JSON.
//! The two downloads are the person's alone.

use super::{headline, open_space, own_space};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::layout::Layout;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use trellis_core::artefact::markdown::{plan_markdown, PlanItem};
use trellis_core::artefact::{FieldSpec, Kind};
use trellis_core::ids::PersonId;
use trellis_core::Error;
use trellis_store::Artefact;

/// The kinds on the printed page: the plan itself, not the records behind it.
const PRINTED: [Kind; 8] = [
    Kind::Value,
    Kind::Dream,
    Kind::GrowPlan,
    Kind::Action,
    Kind::WeeklySkill,
    Kind::Goal,
    Kind::Mentor,
    Kind::SameWorkCheck,
];

/// One kind's items on the printed page.
pub struct PrintedSection {
    pub kind: Kind,
    pub items: Vec<Artefact>,
}

#[derive(Template)]
#[template(path = "pages/plan/print.html")]
struct PrintPage {
    layout: Layout,
    person_id: String,
    person_name: String,
    is_self: bool,
    today: String,
    sections: Vec<PrintedSection>,
}

impl PrintPage {
    fn headline(&self, item: &Artefact) -> String {
        headline(item)
    }

    /// The fields after the headline, with a value, as (label, shown value).
    fn details(&self, item: &Artefact) -> Vec<(&'static str, String)> {
        let first = headline(item);
        item.kind
            .fields()
            .iter()
            .filter(|spec: &&FieldSpec| !item.field(spec.name).is_empty())
            .skip_while(|spec| item.field(spec.name) == first)
            .map(|spec| (spec.label, spec.display(item.field(spec.name)).to_string()))
            .collect()
    }
}

pub async fn print(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let person = PersonId::parse(&id)?;
    let (person_name, is_self) = open_space(&state, &viewer, &person).await?;
    let all = state.store().artefacts(&viewer.actor, &person, None).await?;
    let sections = PRINTED
        .into_iter()
        .map(|kind| PrintedSection { kind, items: all.iter().filter(|a| a.kind == kind).cloned().collect() })
        .filter(|section| !section.items.is_empty())
        .collect();
    let page = PrintPage {
        layout: Layout::for_viewer(&state, &viewer, &format!("Career plan: {person_name}")).await?,
        person_id: person.to_string(),
        person_name,
        is_self,
        today: jiff::Zoned::now().date().to_string(),
        sections,
    };
    Ok(render(&page)?.into_response())
}

const DOWNLOADS_ARE_THE_PERSONS: &str = "Only the person can download their plan.";

fn download(content_type: &'static str, file_name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response()
}

pub async fn markdown(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (person, name) = own_space(&state, &viewer, &id, DOWNLOADS_ARE_THE_PERSONS).await?;
    let all = state.store().artefacts(&viewer.actor, &person, None).await?;
    let items: Vec<PlanItem<'_>> =
        all.iter().map(|a| PlanItem { kind: a.kind, status: a.status_label(), fields: &a.fields }).collect();
    let today = jiff::Zoned::now().date().to_string();
    Ok(download("text/markdown; charset=utf-8", "career-plan.md", plan_markdown(&name, &today, &items)))
}

pub async fn json(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, DOWNLOADS_ARE_THE_PERSONS).await?;
    let export = state.store().export_space(&viewer.actor, &person).await?;
    let body = serde_json::to_string_pretty(&export).map_err(Error::internal)?;
    Ok(download("application/json", "trellis-space.json", body))
}
