//! CSRF protection for every state-changing HTML request: the Origin (when the browser sends
//! one) must be this site, and the request must carry the token of the session (or of the
//! anonymous cookie), masked as pages carry it (`csrf_mask`) and compared in constant time.
//! Form posts carry it as the `csrf_token` field; file uploads carry it in the query string,
//! since their bodies are streamed.

use super::context::RequestContext;
use super::csrf_mask::unmask;
use crate::error::error_page;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

fn refused() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "This form has expired or did not come from Trellis. Go back, reload the page and try again.".into(),
    )
}

fn token_in(pairs: &[u8]) -> Option<String> {
    form_urlencoded::parse(pairs).find(|(key, _)| key == "csrf_token").map(|(_, value)| value.into_owned())
}

/// Whether the Origin header (if any) names this site: the configured public address, or the
/// Host the request was sent to under the public address's scheme. An origin of the same host
/// over another scheme (plain http beside https) is another site.
fn origin_is_ours(request: &Request, public_url: &str) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let scheme = public_url.split_once("://").map_or("http", |(scheme, _)| scheme);
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    origin.eq_ignore_ascii_case(public_url) || origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"))
}

pub async fn verify_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    if !origin_is_ours(&request, &state.config().public_url) {
        return refused();
    }
    let Some(expected) = request.extensions().get::<RequestContext>().map(|c| c.csrf_secret.clone()) else {
        return refused();
    };
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (given, request) = if is_multipart {
        let given = request.uri().query().and_then(|q| token_in(q.as_bytes()));
        (given, request)
    } else {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, state.config().max_body_bytes).await else {
            return error_page(StatusCode::PAYLOAD_TOO_LARGE, "That form is larger than Trellis accepts.".into());
        };
        (token_in(&bytes), Request::from_parts(parts, Body::from(bytes)))
    };
    match given {
        Some(given) if unmask(&given).is_some_and(|given| bool::from(given.ct_eq(expected.as_bytes()))) => {
            next.run(request).await
        }
        _ => refused(),
    }
}
