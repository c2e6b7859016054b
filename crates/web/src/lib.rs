//! The Trellis web layer: server-rendered HTML pages (askama templates, plain forms that work
//! without JavaScript, Post/Redirect/Get), the JSON API under `/api/v1` with its OpenAPI
//! document, sign-in and sessions, CSRF protection, security headers and embedded assets.
//! Handlers stay thin: they extract input, call the store (which applies the core rules and
//! the access policy), and render.

mod api;
mod assets;
mod auth;
mod config;
mod error;
mod html;
mod routes;
mod security;
mod state;

pub use config::{EmailShown, WebConfig};
pub use routes::router;
pub use state::AppState;

use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Serves the app on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

/// The OpenAPI document of the JSON API, as served at `/api/v1/openapi.json`.
pub fn openapi_json() -> String {
    api::openapi_json()
}
