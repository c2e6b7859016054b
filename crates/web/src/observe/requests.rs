//! One log line and one measurement per request. Each request gets an id: the proxy's
//! `X-Request-Id` when it sent a sensible one, a new one otherwise; it is returned in the
//! response's `X-Request-Id` and written on the log line. The line names the method, the
//! route template (`/people/{id}`, never the path or the query), the status and the latency:
//! nothing a person wrote, no cookie, no token. Whatever is logged while the request is
//! answered carries its id.

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tracing::Instrument;

/// The header that carries a request's id.
const REQUEST_ID: &str = "x-request-id";

/// The route label of a request no route matched: one word, so a scan of random addresses
/// cannot grow the figures.
const UNMATCHED: &str = "unmatched";

/// An id from a proxy is kept when it is short and made of letters, digits, `-`, `_`, `.`
/// and `:` only; anything else (which could forge log lines) is replaced.
fn usable_id(given: &HeaderValue) -> Option<String> {
    let text = given.to_str().ok()?;
    let fits = !text.is_empty()
        && text.len() <= 128
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    fits.then(|| text.to_string())
}

/// A method as a fixed word (an unusual one is "other", to keep the figures bounded).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The middleware: id, log line, figures.
pub async fn observe_request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(usable_id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let method = method_label(request.method());
    let route = request.extensions().get::<MatchedPath>().map(|path| path.as_str().to_string());
    // Whatever a handler logs carries the request's id too.
    let span = tracing::info_span!("request", request_id = id.as_str());
    let mut response = next.run(request).instrument(span).await;
    let route = route.as_deref().unwrap_or(UNMATCHED);
    let status = response.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    tracing::info!(
        target: "trellis::http",
        method,
        route,
        status,
        latency_ms = (seconds * 1000.0 * 100.0).round() / 100.0,
        request_id = id.as_str(),
        "request"
    );
    state.metrics().record_request(method, route, status, seconds);
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_id_is_kept_only_when_it_cannot_forge_a_log_line() {
        let kept = |text: &str| usable_id(&HeaderValue::from_str(text).unwrap());
        assert_eq!(kept("b7e1c0de-42").as_deref(), Some("b7e1c0de-42"));
        assert_eq!(kept("nginx:1700000000.123").as_deref(), Some("nginx:1700000000.123"));
        assert_eq!(kept("two words"), None);
        assert_eq!(kept("x\" status=200"), None);
        assert_eq!(kept(&"a".repeat(129)), None);
        assert_eq!(kept(""), None);
    }
}
