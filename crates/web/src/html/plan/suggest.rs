//! Competencies suggested for a dream: when the dream names a career from the catalogue, the
//! O*NET data's most important skills and work styles for it (at most ten), which the person
//! ticks, renames or leaves out before adding them under the dream, all at once or none.

use super::competencies::dream_career;
use super::own_space;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::html::forms::{FormErrors, HtmlForm};
use crate::html::layout::Layout;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::{Fields, Kind, LEVEL_LABELS};
use trellis_core::catalogue::{Catalogue, ONET_CREDIT};
use trellis_core::ids::PersonId;
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::{Artefact, NewArtefact};

/// The level a suggestion is wanted at unless the person changes it.
const DEFAULT_WANTED: &str = "4";

/// One suggestion on the form.
pub struct Suggestion {
    pub name: String,
    pub summary: &'static str,
    pub kind: &'static str,
    pub picked: bool,
    pub wanted: String,
    pub already: bool,
}

#[derive(Template)]
#[template(path = "pages/plan/suggest.html")]
struct SuggestPage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    dream: Artefact,
    career: &'static str,
    existing: Vec<String>,
    suggestions: Vec<Suggestion>,
    visibility: Visibility,
    credit: &'static str,
}

impl SuggestPage {
    fn visibilities(&self) -> [Visibility; 3] {
        Visibility::LINE
    }

    fn levels(&self) -> &'static [(&'static str, &'static str)] {
        LEVEL_LABELS
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct DreamQuery {
    dream: String,
}

/// The dream (one of the person's own, active, with a career that has suggestions) and the
/// names of the competencies already under it.
async fn dream_and_existing(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    dream: &str,
) -> Result<(Artefact, &'static str, Vec<String>), PageError> {
    let store = state.store();
    let dreams = store.artefacts(&viewer.actor, person, Some(Kind::Dream)).await?;
    let dream = dreams
        .into_iter()
        .find(|d| d.id.as_str() == dream && d.writable)
        .ok_or_else(|| Error::NotFound("There is no such dream, or it is not yours.".into()))?;
    let career = dream_career(&dream).ok_or_else(|| {
        Error::invalid("dream", "names no career the data can suggest competencies for; add them by hand instead")
    })?;
    let competencies = store.artefacts(&viewer.actor, person, Some(Kind::Competency)).await?;
    let existing = competencies
        .iter()
        .filter(|c| c.parent_id.as_ref() == Some(&dream.id))
        .map(|c| c.field("name").to_string())
        .collect();
    Ok((dream, career, existing))
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    dream: &str,
    form: Option<&Fields>,
    errors: FormErrors,
) -> Result<SuggestPage, PageError> {
    let (person, _) = own_space(state, viewer, id, "Only the person adds competencies to their plan.").await?;
    let (dream, career, existing) = dream_and_existing(state, viewer, &person, dream).await?;
    let suggestions = Catalogue::builtin()
        .suggestions(dream.field("occupation"))
        .into_iter()
        .enumerate()
        .map(|(i, competency)| {
            let already = existing.iter().any(|e| e.eq_ignore_ascii_case(competency.name));
            let value = |name: &str| form.and_then(|f| f.get(&format!("{name}_{i}"))).cloned();
            Suggestion {
                name: value("name").unwrap_or_else(|| competency.name.to_string()),
                summary: competency.summary,
                kind: competency.group_label(),
                picked: form.map_or(!already, |_| value("pick").is_some()),
                wanted: value("wanted").unwrap_or_else(|| DEFAULT_WANTED.to_string()),
                already,
            }
        })
        .collect();
    let visibility = form.and_then(|f| f.get("visibility")).and_then(|v| Visibility::parse(v)).unwrap_or_default();
    Ok(SuggestPage {
        layout: Layout::for_viewer(state, viewer, "Competencies for a dream").await?,
        errors,
        person_id: person.to_string(),
        dream,
        career,
        existing,
        suggestions,
        visibility,
        credit: ONET_CREDIT,
    })
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(query): Query<DreamQuery>,
) -> Result<Response, PageError> {
    Ok(render(&page(&state, &viewer, &id, &query.dream, None, FormErrors::default()).await?)?.into_response())
}

/// Adds the ticked suggestions under the dream: all of them, or none if any is refused.
pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let dream_id = form.get("dream").cloned().unwrap_or_default();
    let (person, _) = own_space(&state, &viewer, &id, "Only the person adds competencies to their plan.").await?;
    let (dream, _, _) = dream_and_existing(&state, &viewer, &person, &dream_id).await?;
    let get = |name: String| form.get(&name).cloned().unwrap_or_default();
    let visibility = form.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or_default();
    let items: Vec<NewArtefact> = (0..Catalogue::builtin().suggestions(dream.field("occupation")).len())
        .filter(|i| form.contains_key(&format!("pick_{i}")))
        .map(|i| NewArtefact {
            kind: Kind::Competency,
            fields: [
                ("name", get(format!("name_{i}"))),
                ("wanted", get(format!("wanted_{i}"))),
                ("invite", "no".into()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            visibility,
            parent: Some(dream.id.clone()),
        })
        .collect();
    let outcome = if items.is_empty() {
        Err(Error::invalid("form", "Tick at least one competency to add."))
    } else {
        state.store().add_artefacts(&viewer.actor, &person, &items).await.map(|_| ())
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/people/{person}/plan/competencies?done=saved")).into_response()),
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let page = page(&state, &viewer, &id, &dream_id, Some(&form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
