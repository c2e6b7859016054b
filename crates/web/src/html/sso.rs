//! Signing in with the organisation's identity provider: `/sign-in/sso` sends the browser
//! there, `/sign-in/sso/callback` takes it back. The person is found in the roster by the
//! e-mail the provider vouches for; someone who is not on the roster, or no longer active, is
//! told so and not signed in (nobody is created). The attempt lives in the database, so the
//! browser may come back to any instance, and works once.

use super::layout::Layout;
use super::render;
use crate::auth::sso::SsoFailure;
use crate::auth::{start_session, RequestContext};
use crate::error::{error_page, PageError};
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use trellis_store::SsoAttempt;

#[derive(serde::Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/auth/sso_refused.html")]
struct RefusedPage {
    layout: Layout,
    heading: &'static str,
    message: String,
}

fn refused(context: &RequestContext, status: StatusCode, heading: &'static str, message: String) -> Response {
    let page = RefusedPage { layout: Layout::anonymous(context, heading), heading, message };
    match render(&page) {
        Ok(html) => (status, html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `GET /sign-in/sso`: off (404) unless single sign-on is set up.
pub async fn start(State(state): State<AppState>, Query(query): Query<StartQuery>) -> Result<Response, PageError> {
    let Some(sso) = state.sso() else {
        return Ok(error_page(StatusCode::NOT_FOUND, "Single sign-on is not set up here.".into()));
    };
    let started = match sso.start().await {
        Ok(started) => started,
        Err(failure) => return Ok(unavailable(&failure)),
    };
    let next = super::sign_in::safe_next(query.next.as_deref().unwrap_or_default()).to_string();
    let attempt = SsoAttempt { nonce: started.nonce, pkce_verifier: started.pkce_verifier, next_path: next };
    state.store().begin_sso_attempt(&started.state, &attempt).await?;
    Ok(Redirect::to(&started.url).into_response())
}

fn unavailable(failure: &SsoFailure) -> Response {
    tracing::warn!(?failure, "single sign-on: the identity provider cannot be used");
    error_page(
        StatusCode::BAD_GATEWAY,
        "Your organisation's sign-in service cannot be reached just now. Try again in a moment.".into(),
    )
}

/// `GET /sign-in/sso/callback`: the browser back from the provider.
pub async fn callback(
    State(state): State<AppState>,
    context: RequestContext,
    jar: CookieJar,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, PageError> {
    let Some(sso) = state.sso() else {
        return Ok(error_page(StatusCode::NOT_FOUND, "Single sign-on is not set up here.".into()));
    };
    let attempt = match query.state.as_deref() {
        Some(code_state) => state.store().take_sso_attempt(code_state).await?,
        None => None,
    };
    let Some(attempt) = attempt else {
        state.metrics().record_sign_in_failure("sso_state");
        let message =
            "This sign-in was already used, has expired, or was not started here. Start again from the sign-in page.";
        return Ok(refused(&context, StatusCode::BAD_REQUEST, "Sign-in not completed", message.into()));
    };
    let Some(code) = query.code.filter(|_| query.error.is_none()) else {
        let message = "Your organisation's sign-in service did not sign you in. Start again from the sign-in page.";
        return Ok(refused(&context, StatusCode::UNAUTHORIZED, "Sign-in not completed", message.into()));
    };
    let identity = match sso.finish(&code, &attempt.nonce, &attempt.pkce_verifier).await {
        Ok(identity) => identity,
        Err(SsoFailure::Unavailable(reason)) => return Ok(unavailable(&SsoFailure::Unavailable(reason))),
        Err(failure) => {
            tracing::warn!(?failure, "single sign-on refused");
            state.metrics().record_sign_in_failure("sso_token");
            let message = match failure {
                SsoFailure::Unverified => "Your organisation's sign-in service does not vouch for your e-mail address, so Trellis cannot tell who you are.".to_string(),
                SsoFailure::NoEmail => "Your organisation's sign-in service did not say which e-mail address is yours.".to_string(),
                _ => "The answer from your organisation's sign-in service could not be trusted, so nobody was signed in. Start again; if it keeps happening, tell your administrator.".to_string(),
            };
            return Ok(refused(&context, StatusCode::UNAUTHORIZED, "Sign-in not completed", message));
        }
    };
    let person = state.store().person_by_email(&identity.email).await?.filter(|person| person.active);
    let Some(person) = person else {
        state.metrics().record_sign_in_failure("sso_unknown");
        let message = format!(
            "You are signed in at your organisation as {}, but nobody active with that address is on Trellis's roster. Ask your people team to add you.",
            identity.email
        );
        return Ok(refused(&context, StatusCode::FORBIDDEN, "Not on the roster", message));
    };
    let jar = start_session(&state, &context, jar, &person.id).await?;
    Ok((jar, Redirect::to(&attempt.next_path)).into_response())
}
