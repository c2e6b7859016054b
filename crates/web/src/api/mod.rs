//! The JSON API under `/api/v1`, authenticated by personal API tokens (`Authorization: Bearer`).
//! Every error is `{"error": code, "message": …}` with the matching status. The OpenAPI
//! document is generated from the handlers and types below and served at `openapi.json`.

mod field_rules;
mod json;
mod me;
mod people;
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
        description = "The roster of a Trellis installation. Authenticate with a personal API token: \
            `Authorization: Bearer <token>` (create one under API tokens in the web app). Reading \
            the roster needs any token; changing it needs a token of someone on the people team. \
            A person's own space is theirs alone: `/me/export` answers only for the token's owner."
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
        crate::error::ApiErrorBody,
        crate::error::FieldErrorBody,
    )),
    modifiers(&BearerToken, &CommonErrors, &FieldRules),
    tags(
        (name = "people", description = "The roster: people, their managers, imports"),
        (name = "me", description = "The caller's own account and space")
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
        .route("/people", get(people::list_people).post(people::create_person))
        .route("/people/{id}", get(people::get_person).patch(people::update_person))
        .route("/people/{id}/deactivate", post(people::deactivate_person))
        .route("/people/{id}/reactivate", post(people::reactivate_person))
        .route("/people/{id}/manager", put(people::change_manager))
        .route("/people/{id}/manager-history", get(people::manager_history))
        .route(
            "/roster/import",
            post(roster::import_roster).layer(DefaultBodyLimit::max(state.config().max_upload_bytes)),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}
