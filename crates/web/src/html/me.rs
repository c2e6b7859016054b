//! The signed-in person's own pages: their API tokens and the trail of who has looked at their
//! career space.

use super::forms::{FormErrors, HtmlForm};
use super::layout::{Done, Layout};
use super::{format_time, render, Pager};
use crate::auth::Viewer;
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::artefact::Kind;
use trellis_core::ids::TokenId;
use trellis_store::AuditEvent;

/// A token as a row of the list.
struct TokenRow {
    id: String,
    name: String,
    prefix: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "pages/me/tokens.html")]
struct TokensPage {
    layout: Layout,
    errors: FormErrors,
    tokens: Vec<TokenRow>,
    new_secret: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

async fn tokens_page(
    state: &AppState,
    viewer: &Viewer,
    errors: FormErrors,
    new_secret: Option<String>,
) -> Result<TokensPage, PageError> {
    let tokens = state.store().list_tokens(&viewer.actor.id).await?;
    Ok(TokensPage {
        layout: Layout::for_viewer(state, viewer, "API tokens").await?,
        errors,
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id.to_string(),
                name: t.name,
                prefix: t.prefix,
                created: format_time(t.created_at),
                last_used: t.last_used_at.map_or_else(|| "never".to_string(), format_time),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        new_secret,
    })
}

pub async fn tokens(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut page = tokens_page(&state, &viewer, FormErrors::default(), None).await?;
    page.layout = page.layout.with_notice(done.done.as_deref());
    Ok(render(&page)?.into_response())
}

/// Creates a token and shows its secret on this response only.
pub async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    HtmlForm(form): HtmlForm<TokenForm>,
) -> Result<Response, PageError> {
    match state.store().create_token(&viewer.actor.id, &form.name).await {
        Ok((_, secret)) => {
            Ok(render(&tokens_page(&state, &viewer, FormErrors::default(), Some(secret)).await?)?.into_response())
        }
        Err(error) => {
            let page = tokens_page(&state, &viewer, FormErrors::from_error(error)?, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    state.store().revoke_token(&viewer.actor.id, &TokenId::parse(&id)?).await?;
    Ok(Redirect::to("/me/tokens?done=revoked").into_response())
}

/// One visit, as a row.
struct AuditRow {
    when: String,
    who: String,
    what: String,
}

/// A kind of item as the trail names it: a plan item by its kind ("competencies" → "a
/// competency", "3 competencies"), anything else by its stored name ("document_versions").
fn kind_words(kind: &str, count: i64) -> String {
    let one = match Kind::parse(kind) {
        Some(kind) => kind.singular().to_string(),
        None if kind == "artefact" => "plan item".to_string(),
        None => kind.replace('_', " "),
    };
    match count {
        1 => trellis_core::names::with_article(&one),
        n if one.ends_with('y') => format!("{n} {}ies", &one[..one.len() - 1]),
        n if one.ends_with('s') => format!("{n} {one}"),
        n => format!("{n} {one}s"),
    }
}

/// A decision recorded in the trail, in words.
fn decision_words(kind: &str) -> String {
    match kind.split_once('_') {
        Some(("handoff", "nothing")) => "decided that nothing from before travels to the new manager".into(),
        Some(("handoff", "everything")) => "let everything shared before travel to the new manager".into(),
        Some(("handoff", _)) => "chose which topics travel to the new manager".into(),
        _ => match kind.strip_prefix("plan_") {
            Some(plan) => format!("chose how to go on with the new manager: {}", plan.replace('-', " ")),
            None => kind.replace('_', " "),
        },
    }
}

impl AuditRow {
    fn new(event: AuditEvent) -> Self {
        let what = match event.action.as_str() {
            "read" => format!("read {}", kind_words(&event.item_kind, event.item_count)),
            "write" => format!("wrote or changed {}", kind_words(&event.item_kind, 1)),
            "delete" if event.item_kind == "space" => "deleted the career space".to_string(),
            "delete" => format!("deleted {}", kind_words(&event.item_kind, 1)),
            "decide" => decision_words(&event.item_kind),
            "made_link" if event.item_kind == "invitation" => "made an invitation link for you".to_string(),
            "made_link" => "made a link to set your password".to_string(),
            "set_password" => "set your password through that link".to_string(),
            "sign_in" => "signed in as you".to_string(),
            other => other.to_string(),
        };
        let what = match event.times {
            1 => what,
            n => format!("{what} ({n} times)"),
        };
        let who = match &event.link_maker_name {
            Some(maker) if event.by_the_person => {
                format!("You or {maker} (your password was set through {maker}'s link)")
            }
            Some(maker) => format!("{} or {maker} (their password was set through {maker}'s link)", event.actor_name),
            None => event.actor_name,
        };
        let (first, last) = (format_time(event.first_at_millis), format_time(event.at_millis));
        let when = if first == last { last } else { format!("{first} to {last}") };
        Self { when, who, what }
    }
}

#[derive(Template)]
#[template(path = "pages/me/audit.html")]
struct AuditPage {
    layout: Layout,
    events: Vec<AuditRow>,
    pager: Pager,
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    page: Option<u32>,
}

pub async fn audit(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let page = query.page.unwrap_or(1);
    let events = state.store().audit_trail(&viewer.actor, &viewer.actor.id, page).await?;
    // The trail is read a page at a time; offer a next page while pages come back full.
    let shown = i64::try_from(events.len()).unwrap_or(0);
    let total = i64::from(page - 1) * 100 + shown + if shown == 100 { 1 } else { 0 };
    render(&AuditPage {
        layout: Layout::for_viewer(&state, &viewer, "Who has looked at your space").await?,
        events: events.into_iter().map(AuditRow::new).collect(),
        pager: Pager::new(page, 100, total, "/me/audit".into()),
    })
    .map(IntoResponse::into_response)
}
