//! Signing in and out. A new session id is issued at every sign-in (and any earlier session of
//! that browser ends), so a session id planted before sign-in is worthless after it.

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::render;
use crate::auth::{clear_session_cookie, session_cookie, RequestContext};
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use trellis_core::Error;

#[derive(Template)]
#[template(path = "pages/auth/sign_in.html")]
struct SignInPage {
    layout: Layout,
    errors: FormErrors,
    problem: Option<String>,
    email: String,
    next: String,
}

#[derive(serde::Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
    done: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only local paths are followed after sign-in, never another site.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}

pub async fn sign_in_page(context: RequestContext, Query(query): Query<SignInQuery>) -> Result<Response, PageError> {
    let next = query.next.unwrap_or_default();
    if context.session.is_some() {
        return Ok(Redirect::to(safe_next(&next)).into_response());
    }
    let page = SignInPage {
        layout: Layout::anonymous(&context, "Sign in").with_notice(query.done.as_deref()),
        errors: FormErrors::default(),
        problem: None,
        email: String::new(),
        next,
    };
    Ok(render(&page)?.into_response())
}

pub async fn sign_in(
    State(state): State<AppState>,
    context: RequestContext,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignInForm>,
) -> Result<Response, PageError> {
    let store = state.store();
    let (status, problem) =
        match store.sign_in(&form.email, &form.password, &context.client, &state.config().sign_in_limits).await {
            Ok(person) => {
                if let Some(old) = &context.session_secret {
                    store.end_session(old).await?;
                }
                let secret = store.create_session(&person.id).await?;
                let jar = jar.add(session_cookie(secret, state.config().secure_cookies));
                return Ok((jar, Redirect::to(safe_next(&form.next))).into_response());
            }
            Err(Error::Unauthorized) => {
                (StatusCode::UNAUTHORIZED, "That e-mail and password do not match an account.".to_string())
            }
            Err(Error::RateLimited(message)) => (StatusCode::TOO_MANY_REQUESTS, message),
            Err(other) => return Err(other.into()),
        };
    let page = SignInPage {
        layout: Layout::anonymous(&context, "Sign in"),
        errors: FormErrors::default(),
        problem: Some(problem),
        email: form.email,
        next: form.next,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn sign_out(
    State(state): State<AppState>,
    context: RequestContext,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if let Some(secret) = &context.session_secret {
        state.store().end_session(secret).await?;
    }
    let jar = jar.add(clear_session_cookie(state.config().secure_cookies));
    Ok((jar, Redirect::to("/sign-in?done=signed-out")).into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/people/1"), "/people/1");
        for evil in ["https://evil.example", "//evil.example", "/\\evil.example", ""] {
            assert_eq!(safe_next(evil), "/", "{evil}");
        }
    }
}
