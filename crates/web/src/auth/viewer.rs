//! The signed-in person behind an HTML request. Handlers that take a `Viewer` are only reached
//! by people who are signed in; others are sent to the sign-in page and brought back after.

use super::context::RequestContext;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use trellis_core::person::Person;
use trellis_store::{Actor, PersonSummary};

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub person: Person,
    pub actor: Actor,
    /// Their current manager.
    pub manager: Option<PersonSummary>,
    /// Whether anyone reports to them.
    pub is_manager: bool,
    pub csrf_token: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let context = RequestContext::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        match context.session {
            Some(session) => Ok(Viewer {
                actor: Actor::from(&session.person),
                manager: session.manager,
                is_manager: session.is_manager,
                person: session.person,
                csrf_token: context.csrf_token,
            }),
            None => {
                let back = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
                Err(Redirect::to(&format!("/sign-in?next={next}")).into_response())
            }
        }
    }
}
