//! The JSON API under `/api/v1`, authenticated by personal API tokens (`Authorization: Bearer`).
//! Every error is `{"error": code, "message": …}` with the matching status. The OpenAPI
//! document is generated from the handlers and types below and served at `openapi.json`.

mod content_params;
mod conversation_views;
mod conversations;
mod documents;
mod field_rules;
mod json;
mod lookback;
mod me;
mod notes;
mod people;
mod plan;
mod playbooks;
pub(crate) mod query;
mod responses;
mod roster;
mod roster_params;
mod views;

use crate::error::api_error;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use field_rules::FieldRules;
use responses::CommonErrors;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trellis API",
        version = "1",
        description = "The roster of a Trellis installation and everything a person owns in it. \
            Authenticate with a personal API token: `Authorization: Bearer <token>` (create one \
            under API tokens in the web app). Reading the roster needs any token; changing it \
            needs a token of someone on the people team. Career content (conversations, their \
            documents, the plan, the journal) answers under the same access policy as the pages: \
            the person sees and changes their own; their manager reads what is shared with them, \
            and every such read is recorded in the person's trail (`/me/audit`)."
    ),
    paths(
        people::list_people,
        people::get_person,
        people::create_person,
        people::update_person,
        people::deactivate_person,
        people::reactivate_person,
        people::change_manager,
        people::manager_history,
        roster::import_roster,
        me::me,
        me::export,
        conversations::list,
        conversations::get,
        conversations::propose,
        conversations::make_move,
        documents::save,
        documents::history,
        plan::list,
        plan::add,
        plan::change,
        plan::set_status,
        plan::remove,
        lookback::read,
        lookback::save,
        playbooks::list,
        playbooks::get,
        playbooks::import,
        me::audit,
        me::shared_with_me,
        notes::list,
        notes::add,
        notes::delete,
    ),
    components(schemas(
        views::PersonView,
        views::PeoplePageView,
        views::NewPersonBody,
        views::PersonPatchBody,
        views::ManagerBody,
        views::ManagerChangeView,
        views::ImportOutcomeView,
        views::ImportProblemView,
        roster_params::UnknownManagerParam,
        roster_params::DateFormatParam,
        roster_params::NameOrderParam,
        roster_params::DelimiterParam,
        roster_params::EncodingParam,
        conversation_views::ConversationSummary,
        conversation_views::ConversationDetail,
        conversation_views::EventView,
        conversation_views::DocumentView,
        conversation_views::TimeBody,
        conversation_views::ProposalBody,
        conversation_views::MoveBody,
        conversation_views::DocumentBody,
        conversation_views::RevisionView,
        conversation_views::DocumentHistoryView,
        content_params::PlanKindParam,
        content_params::VisibilityParam,
        content_params::MoveParam,
        content_params::FeelingParam,
        plan::PlanItemView,
        plan::NewPlanItemBody,
        plan::PlanItemChangeBody,
        plan::StatusBody,
        lookback::LookbackEvent,
        lookback::LookbackView,
        lookback::LookbackEntry,
        lookback::LookbackEntriesBody,
        playbooks::PlaybookSummary,
        playbooks::PromptView,
        playbooks::StepView,
        playbooks::PlaybookDetail,
        me::AuditEventView,
        me::SharedOverlapView,
        me::SharedItemView,
        notes::NoteView,
        notes::NewNoteBody,
        crate::error::ApiErrorBody,
        crate::error::FieldErrorBody,
    )),
    modifiers(&BearerToken, &CommonErrors, &FieldRules),
    tags(
        (name = "people", description = "The roster: people, their managers, imports"),
        (name = "me", description = "The caller's own account and space"),
        (name = "conversations", description = "Conversations and their documents, as the policy lets the caller see them"),
        (name = "plan", description = "Every kind of a person's plan, the journal included"),
        (name = "playbooks", description = "The organisation's playbooks")
    )
)]
struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document as JSON.
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

async fn not_found() -> Response {
    api_error(StatusCode::NOT_FOUND, "not_found", "There is no such API endpoint.")
}

async fn method_not_allowed() -> Response {
    api_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "This endpoint does not take that method.")
}

/// The API's routes, relative to `/api/v1`.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me::me))
        .route("/me/export", get(me::export))
        .route("/me/audit", get(me::audit))
        .route("/me/shared-with-me", get(me::shared_with_me))
        .route(
            "/me/journal/lookback",
            post(lookback::read).layer(DefaultBodyLimit::max(trellis_core::calendar::MAX_FILE_BYTES)),
        )
        .route("/me/journal/lookback/entries", post(lookback::save))
        .route("/playbooks", get(playbooks::list).post(playbooks::import))
        .route("/playbooks/{key}", get(playbooks::get))
        .route("/people/{id}/plan", get(plan::list))
        .route("/people/{id}/plan/{kind}", post(plan::add))
        .route("/plan/{item}", axum::routing::patch(plan::change).delete(plan::remove))
        .route("/plan/{item}/status", put(plan::set_status))
        .route("/people/{id}/notes", get(notes::list).post(notes::add))
        .route("/notes/{note}", axum::routing::delete(notes::delete))
        .route("/people", get(people::list_people).post(people::create_person))
        .route("/people/{id}", get(people::get_person).patch(people::update_person))
        .route("/people/{id}/deactivate", post(people::deactivate_person))
        .route("/people/{id}/reactivate", post(people::reactivate_person))
        .route("/people/{id}/manager", put(people::change_manager))
        .route("/people/{id}/manager-history", get(people::manager_history))
        .route("/people/{id}/conversations", get(conversations::list).post(conversations::propose))
        .route("/conversations/{id}", get(conversations::get))
        .route("/conversations/{id}/moves", post(conversations::make_move))
        .route("/conversations/{id}/documents/{slot}", put(documents::save))
        .route("/conversations/{id}/documents/{document}/history", get(documents::history))
        .route(
            "/roster/import",
            post(roster::import_roster).layer(DefaultBodyLimit::max(state.config().max_upload_bytes)),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}
