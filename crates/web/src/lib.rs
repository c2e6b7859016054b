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
mod observe;
mod routes;
mod scim;
mod security;
mod state;

pub use config::{EmailShown, SsoSettings, WebConfig};
pub use routes::router;
pub use state::AppState;

use std::future::Future;
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

/// Serves the app on `listener` until `shutdown` completes; then stops taking connections,
/// lets the requests already running finish, and returns after `grace` at the latest (a
/// client that stalls must not keep a stopping instance alive).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let (stopping, stop_asked) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("stopping: no new connections; requests running get {} s to finish", grace.as_secs());
        let _ = stopping.send(());
    });
    let deadline = async move {
        match stop_asked.await {
            Ok(()) => tokio::time::sleep(grace).await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        result = server.into_future() => result,
        () = deadline => {
            tracing::warn!("stopping with requests still running: the {} s grace ran out", grace.as_secs());
            Ok(())
        }
    }
}

/// The OpenAPI document of the JSON API, as served at `/api/v1/openapi.json`.
pub fn openapi_json() -> String {
    api::openapi_json()
}
