//! The careers catalogue (O*NET and ESCO occupations, compiled in) as the person browses it:
//! search, page through, cross out liberally, or start a dream from a career. Each career
//! crossed out or kept becomes an item of the person's "careers explored", private unless
//! they share it. The page is the person's alone.

use super::own_space;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::HtmlForm;
use crate::html::forms::Query;
use crate::html::layout::Layout;
use crate::html::{query_string, render, Pager};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use trellis_core::artefact::{Fields, Kind};
use trellis_core::catalogue::{Career, Catalogue, Source, ESCO_CREDIT, ONET_CREDIT};
use trellis_core::policy::Visibility;
use trellis_core::Error;
use trellis_store::NewArtefact;

/// Careers per page.
const PAGE_SIZE: usize = 25;

#[derive(Debug, Default, serde::Deserialize)]
pub struct CatalogueQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    page: u32,
    done: Option<String>,
}

/// One career on the page, with what the person made of it so far.
pub struct CareerRow {
    pub reference: String,
    pub title: &'static str,
    pub summary: &'static str,
    pub source: &'static str,
    /// The label of the person's mark ("Crossed out", "Kept in mind"), if any.
    pub mark: &'static str,
    /// The dream form, filled in from this career.
    pub dream_link: String,
}

#[derive(Template)]
#[template(path = "pages/plan/careers.html")]
struct CataloguePage {
    layout: Layout,
    person_id: String,
    query: String,
    source: String,
    rows: Vec<CareerRow>,
    total: usize,
    pager: Pager,
    crossed_out: usize,
    onet_credit: &'static str,
    esco_credit: &'static str,
}

pub async fn browse(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(query): Query<CatalogueQuery>,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, "The careers catalogue is for the person to explore.").await?;
    let explored = state.store().artefacts(&viewer.actor, &person, Some(Kind::Career)).await?;
    let marks: HashMap<&str, &'static str> =
        explored.iter().map(|a| (a.field("occupation"), a.status_label())).collect();
    let source = Source::parse(&query.source);
    let page = query.page.max(1);
    let offset = (page as usize - 1) * PAGE_SIZE;
    let found = Catalogue::builtin().search_careers(&query.q, source, offset, PAGE_SIZE);
    let source = source.map_or("", Source::key);
    let base = format!("/people/{person}/careers?{}", query_string(&[("q", &query.q), ("source", source)]));
    let row = |career: &&Career| CareerRow {
        dream_link: format!(
            "/people/{person}/plan/dreams?{}#add-heading",
            query_string(&[("role", career.title), ("occupation", &career.reference())])
        ),
        reference: career.reference(),
        title: career.title,
        summary: career.summary,
        source: career.source.name(),
        mark: marks.get(career.reference().as_str()).copied().unwrap_or(""),
    };
    let page = CataloguePage {
        layout: Layout::for_viewer(&state, &viewer, "Explore careers").await?.with_notice(query.done.as_deref()),
        person_id: person.to_string(),
        rows: found.careers.iter().map(row).collect(),
        total: found.total,
        pager: Pager::new(page, PAGE_SIZE as u32, i64::try_from(found.total).unwrap_or(i64::MAX), base),
        query: query.q,
        source: source.to_string(),
        crossed_out: explored.iter().filter(|a| a.status == Kind::Career.first_status()).count(),
        onet_credit: ONET_CREDIT,
        esco_credit: ESCO_CREDIT,
    };
    Ok(render(&page)?.into_response())
}

/// Crosses a career out: it joins the person's "careers explored", private. Crossing out one
/// already there changes nothing. The page returns to the same search.
pub async fn cross_out(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<Fields>,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, "Only the person crosses out careers.").await?;
    let reference = form.get("occupation").map_or("", String::as_str);
    let career = Catalogue::builtin()
        .career(reference)
        .ok_or_else(|| Error::invalid("occupation", "is not in the careers catalogue"))?;
    let explored = state.store().artefacts(&viewer.actor, &person, Some(Kind::Career)).await?;
    if !explored.iter().any(|a| a.field("occupation") == reference) {
        let fields: Fields = [("title", career.title), ("occupation", reference)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let new = NewArtefact { kind: Kind::Career, fields, visibility: Visibility::Private, parent: None };
        state.store().add_artefact(&viewer.actor, &person, &new).await?;
    }
    let back = form.get("back").filter(|b| b.starts_with(&format!("/people/{person}/careers")));
    let back = back.cloned().unwrap_or_else(|| format!("/people/{person}/careers"));
    let separator = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{separator}done=saved")).into_response())
}
