//! The per-request context of HTML routes: the session (if any), the CSRF token forms must
//! carry, and the client's address.

use super::cookies::{anonymous_csrf_cookie, clear_session_cookie, ANONYMOUS_CSRF_COOKIE, SESSION_COOKIE};
use crate::error::PageError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use std::net::SocketAddr;
use trellis_store::{new_secret, Session};

/// What the handlers of HTML routes know about the request.
#[derive(Clone, Debug)]
pub struct RequestContext {
    pub session: Option<Session>,
    /// The token forms carry: masked afresh for each request (see `csrf_mask`).
    pub csrf_token: String,
    /// The secret the token was made from, which a form's token must unmask to.
    pub csrf_secret: String,
    /// The client's address, for sign-in throttling.
    pub client: String,
    /// The session cookie's secret, when signed in (to end the session at sign-out).
    pub session_secret: Option<String>,
}

/// Loads the session once per request and makes sure the browser holds a CSRF token.
pub async fn load_context(State(state): State<AppState>, jar: CookieJar, mut request: Request, next: Next) -> Response {
    let secret = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()).filter(|s| !s.is_empty());
    let session = match &secret {
        Some(secret) => match state.store().session(secret, &state.config().sessions).await {
            Ok(session) => session,
            Err(error) => return PageError(error).into_response(),
        },
        None => None,
    };
    let mut new_anonymous_token = None;
    let csrf_secret = match (&session, jar.get(ANONYMOUS_CSRF_COOKIE)) {
        (Some(session), _) => session.csrf_token.clone(),
        (None, Some(cookie)) if cookie.value().len() >= 32 => cookie.value().to_string(),
        (None, _) => {
            let token = new_secret();
            new_anonymous_token = Some(token.clone());
            token
        }
    };
    let client = client_address(&request, state.config().trust_forwarded_for);
    let stale_cookie = secret.is_some() && session.is_none();
    let csrf_token = super::csrf_mask::mask(&csrf_secret);
    let nav = session.as_ref().map(|s| (crate::html::layout::Nav::of(s), csrf_token.clone()));
    let zone = match session.as_ref().and_then(|s| s.person.time_zone.clone()) {
        Some(zone) => zone,
        None => state.settings().await.map_or_else(|_| "UTC".to_string(), |settings| settings.time_zone),
    };
    request.extensions_mut().insert(RequestContext {
        session_secret: session.as_ref().and(secret),
        session,
        csrf_token,
        csrf_secret,
        client,
    });
    let local = crate::html::layout::RequestLocal { nav, zone };
    let mut response = crate::html::layout::REQUEST.scope(local, next.run(request)).await;
    let secure = state.config().secure_cookies;
    // A stale cookie is removed, unless the response itself starts a new session (a sign-in
    // from a browser that still held an old cookie): removing it then would undo the sign-in.
    let starts_session = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|value| value.as_bytes().starts_with(format!("{SESSION_COOKIE}=").as_bytes()));
    let mut set = |cookie: axum_extra::extract::cookie::Cookie<'static>| {
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    };
    if let Some(token) = new_anonymous_token {
        set(anonymous_csrf_cookie(token, secure));
    }
    if stale_cookie && !starts_session {
        set(clear_session_cookie(secure));
    }
    response
}

/// Signs `person` in on this browser: ends the session it held (so an id planted before
/// sign-in is worthless after it) and adds the new session's cookie to `jar`.
pub async fn start_session(
    state: &AppState,
    context: &RequestContext,
    jar: CookieJar,
    person: &trellis_core::ids::PersonId,
) -> trellis_core::Result<CookieJar> {
    if let Some(old) = &context.session_secret {
        state.store().end_session(old).await?;
    }
    let secret = state.store().create_session(person).await?;
    Ok(jar.add(super::cookies::session_cookie(secret, state.config().secure_cookies)))
}

/// The client's address: the connection's peer, or, behind a trusted reverse proxy, the
/// address that proxy saw. A proxy appends the peer it saw to `X-Forwarded-For`, after
/// whatever the client sent, so only the last entry is the proxy's word: the ones before it
/// are the client's to choose.
fn client_address(request: &Request, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for {
        let forwarded = request.headers().get_all("x-forwarded-for").iter().next_back().and_then(|v| v.to_str().ok());
        if let Some(last) = forwarded.and_then(|v| v.rsplit(',').next()).map(str::trim).filter(|v| !v.is_empty()) {
            return last.to_string();
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |ConnectInfo(addr)| addr.ip().to_string())
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| PageError(trellis_core::Error::internal("request context missing on an HTML route")))
    }
}
