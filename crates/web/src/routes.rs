//! The route table: every URL Trellis answers, in one place, reading like a sitemap.

use crate::api;
use crate::assets::serve_asset;
use crate::auth::{load_context, verify_csrf};
use crate::error::error_page;
use crate::html::{
    admin, calendar_feed, cascade, conversations, forgot_password, handoff, home, journal, ladders, library,
    mail_links, me, my_settings, org, people, people_admin, plan, planner, playbooks, roster_import, sign_in, space,
    space_deletion, sso, welcome_links,
};
use crate::security::security_headers;
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let config = state.config().clone();
    let pages = Router::new()
        .route("/", get(home::home))
        .route("/sign-in", get(sign_in::sign_in_page).post(sign_in::sign_in))
        .route("/sign-in/sso", get(sso::start))
        .route("/sign-in/sso/callback", get(sso::callback))
        .route("/forgot-password", get(forgot_password::forgot_password_page).post(forgot_password::request_reset))
        .route("/mail/{code}/{answer}", get(mail_links::show_answer).post(mail_links::give_answer))
        .route("/sign-out", post(sign_in::sign_out))
        // /setup/{code}, /invite/{code}, /reset/{code}: single-use links to set a password.
        .merge(welcome_links::routes())
        .route("/org", get(org::top))
        .route("/org/{id}", get(org::team))
        .route("/org/{id}/reports", get(org::reports_fragment))
        .route("/people", get(people::directory).post(people_admin::create_person))
        .route("/people/new", get(people_admin::new_person))
        .route("/people/{id}", get(people::show).post(people_admin::update_person))
        .route("/people/{id}/edit", get(people_admin::edit_person))
        .route("/people/{id}/manager", post(people_admin::change_manager))
        .route("/people/{id}/level", post(people_admin::set_level))
        .route("/people/{id}/deactivate", post(people_admin::deactivate))
        .route("/people/{id}/reactivate", post(people_admin::reactivate))
        .route("/people/{id}/invite", post(people_admin::make_link))
        .route("/people/{id}/send-invitation", post(people_admin::send_invitation))
        .route("/people/{id}/space", get(space::show))
        .route("/people/{id}/space/notes", post(space::add_note))
        .route("/people/{id}/space/notes/{note}/delete", post(space::delete_note))
        .route("/people/{id}/boundaries", post(conversations::documents::save_boundaries))
        .route("/people/{id}/conversations", get(conversations::propose::new_form).post(conversations::propose::create))
        .route("/people/{id}/conversations/new", get(conversations::propose::new_form))
        .route(
            "/people/{id}/conversations/compose",
            get(conversations::compose::show).post(conversations::compose::create),
        )
        .route("/people/{id}/plan", get(plan::overview))
        .route("/people/{id}/plan/print", get(plan::export::print))
        .route("/people/{id}/plan/export.md", get(plan::export::markdown))
        .route("/people/{id}/export.json", get(plan::export::json))
        .route(
            "/people/{id}/journal/import",
            get(journal::import::upload_form)
                .post(journal::import::preview)
                .layer(DefaultBodyLimit::max(trellis_core::calendar::MAX_FILE_BYTES)),
        )
        .route("/people/{id}/journal/import/save", post(journal::import::save))
        .route("/people/{id}/journal/summary", get(journal::summary::show))
        .route("/people/{id}/plan/{kind}", get(plan::show_kind).post(plan::write::add))
        .route("/people/{id}/plan/{kind}/{item}", post(plan::write::update))
        .route("/people/{id}/plan/{kind}/{item}/edit", get(plan::write::edit_form))
        .route("/people/{id}/plan/{kind}/{item}/status", post(plan::write::set_status))
        .route("/people/{id}/plan/{kind}/{item}/delete", post(plan::write::delete))
        .route("/people/{id}/plan/weekly-skill/{item}/practised", post(plan::write::practised))
        .route("/people/{id}/plan/competencies/{item}/rating", post(plan::competencies::rate))
        .route("/people/{id}/plan/competencies/{item}/observation", post(plan::competencies::observe))
        .route("/competencies/library", get(library::show).post(library::add))
        .route("/competencies/library/{id}/delete", post(library::remove))
        .route("/people/{id}/careers", get(plan::careers::browse))
        .route("/people/{id}/careers/cross-out", post(plan::careers::cross_out))
        .route("/people/{id}/competencies/suggest", get(plan::suggest::show).post(plan::suggest::add))
        .route("/conversations", get(conversations::list))
        .route("/conversations/{id}", get(conversations::page::show))
        .route("/conversations/{id}/moves", post(conversations::moves::make_move))
        .route("/conversations/{id}/agenda", post(conversations::one_on_one::add_item))
        .route("/conversations/{id}/agenda/{item}/remove", post(conversations::one_on_one::remove_item))
        .route("/conversations/{id}/check-in", post(conversations::one_on_one::record_check_in))
        .route("/conversations/{id}/goals/{goal}/reviewed", post(conversations::one_on_one::review_goal))
        .route("/conversations/{id}/quick-note", post(conversations::one_on_one::quick_note))
        .route("/conversations/{id}/stop-rhythm", post(conversations::one_on_one::stop_rhythm))
        .route("/people/{id}/check-in", post(conversations::one_on_one::place_check_in))
        .route("/conversations/{id}/documents", post(conversations::documents::save_conversation_document))
        .route("/conversations/{id}/documents/{document}/history", get(conversations::history::show))
        .route("/ladders", get(ladders::list))
        .route(
            "/ladders/import",
            get(ladders::import_form)
                .post(ladders::import)
                .layer(DefaultBodyLimit::max(trellis_core::ladder::MAX_FILE_BYTES)),
        )
        .route("/ladders/{key}", get(ladders::show).post(ladders::update))
        .route("/ladders/{key}/edit", get(ladders::edit_form))
        .route("/playbooks", get(playbooks::list).post(playbooks::create))
        .route("/playbooks/new", get(playbooks::new_form))
        .route("/playbooks/import", get(playbooks::import_form).post(playbooks::import))
        .route("/playbooks/{key}", get(playbooks::show).post(playbooks::update))
        .route("/playbooks/{key}/edit", get(playbooks::edit_form))
        .route("/playbooks/{key}/export", get(playbooks::export))
        .route("/me/tokens", get(me::tokens).post(me::create_token))
        .route("/me/settings", get(my_settings::settings).post(my_settings::save_settings))
        .route("/me/calendar", get(calendar_feed::calendar_page).post(calendar_feed::make_feed))
        .route("/calendar/{file}", get(calendar_feed::serve_feed))
        .route("/me/tokens/{id}/revoke", post(me::revoke_token))
        .route("/me/audit", get(me::audit))
        .route("/team/planner", get(planner::show).post(planner::plan))
        .route("/team/coverage", get(cascade::coverage))
        .route("/team/shared", get(cascade::shared))
        .route("/team/planner/{entry}/propose", post(planner::propose))
        .route("/team/planner/clear", post(planner::clear))
        .route("/me/plan/still-right", post(home::plan_still_right))
        .route("/me/handoff", get(handoff::show).post(handoff::decide))
        .route("/people/{id}/handoff/plan", post(handoff::choose_plan))
        .route("/people/{id}/space/delete", get(space_deletion::confirm).post(space_deletion::delete))
        .route(
            "/admin/import",
            get(roster_import::upload_form)
                .post(roster_import::preview)
                .layer(DefaultBodyLimit::max(config.max_upload_bytes)),
        )
        .route("/admin/import/{draft}", post(roster_import::confirm))
        .route("/admin/invitations", get(admin::invitations))
        .route("/admin/settings", get(admin::settings).post(admin::save_settings))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), verify_csrf))
        .layer(from_fn_with_state(state.clone(), load_context));
    // RFC 8058: a mail client posts the one-click unsubscribe without a form token.
    let one_click = Router::new()
        .route("/unsubscribe/{code}", get(mail_links::show_unsubscribe).post(mail_links::unsubscribe))
        .layer(from_fn_with_state(state.clone(), load_context));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/assets/{name}", get(serve_asset))
        .route("/favicon.ico", get(crate::assets::favicon))
        .route("/metrics", get(crate::observe::serve_metrics))
        .nest("/api/v1", api::router(&state))
        .nest("/scim/v2", crate::scim::router())
        .merge(one_click)
        .merge(pages)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(config.max_upload_bytes))
        .layer(from_fn_with_state(state.clone(), security_headers))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), crate::observe::observe_request))
        .with_state(state)
}

async fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, "There is no page at this address.".into())
}

async fn method_not_allowed() -> Response {
    error_page(StatusCode::METHOD_NOT_ALLOWED, "This page cannot be reached that way.".into())
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can reach its database.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => "ready".into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}
