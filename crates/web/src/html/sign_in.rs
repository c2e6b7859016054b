//! Signing in and out. A new session id is issued at every sign-in (and any earlier session of
//! that browser ends), so a session id planted before sign-in is worthless after it.

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::render;
use crate::auth::{clear_session_cookie, device_cookie, start_session, RequestContext, DEVICE_COOKIE};
use crate::error::PageError;
use crate::html::forms::Query;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
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
    /// The address of "Sign in with your organisation's account", when single sign-on is on.
    sso_href: Option<String>,
    /// Whether the password form is shown (it is hidden when password sign-in is off, except
    /// on the break-glass page `?with=password`).
    password_shown: bool,
}

impl SignInPage {
    fn new(state: &AppState, context: &RequestContext, next: String, with_password: bool) -> Self {
        let config = state.config();
        let sso_href = state.sso().map(|_| {
            format!(
                "/sign-in/sso?next={}",
                percent_encoding::utf8_percent_encode(&next, percent_encoding::NON_ALPHANUMERIC)
            )
        });
        Self {
            layout: Layout::anonymous(context, "Sign in"),
            errors: FormErrors::default(),
            problem: None,
            email: String::new(),
            next,
            sso_href,
            password_shown: config.password_sign_in || with_password,
        }
    }
}

/// Whether `email` may sign in with a password: everyone, unless password sign-in is off, when
/// only the break-glass account may.
fn password_allowed(state: &AppState, email: &str) -> bool {
    let config = state.config();
    config.password_sign_in
        || config.break_glass_email.as_deref().is_some_and(|allowed| allowed.trim().eq_ignore_ascii_case(email.trim()))
}

#[derive(serde::Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
    done: Option<String>,
    /// `password`: the break-glass form, when password sign-in is off.
    with: Option<String>,
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

/// Only local paths are followed after sign-in, never another site. Browsers drop tabs and
/// newlines from a URL and read a backslash as a slash, so `/\t/evil.example` would leave the
/// site: a path with any of those, or with another slash or backslash right after the first
/// one, is not followed.
pub(super) fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next[1..].starts_with(['/', '\\'])
        && !next.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if local {
        next
    } else {
        "/"
    }
}

pub async fn sign_in_page(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<SignInQuery>,
) -> Result<Response, PageError> {
    let next = query.next.unwrap_or_default();
    if context.session.is_some() {
        return Ok(Redirect::to(safe_next(&next)).into_response());
    }
    let mut page = SignInPage::new(&state, &context, next, query.with.as_deref() == Some("password"));
    page.layout = page.layout.with_notice(query.done.as_deref());
    Ok(render(&page)?.into_response())
}

pub async fn sign_in(
    State(state): State<AppState>,
    context: RequestContext,
    jar: CookieJar,
    HtmlForm(form): HtmlForm<SignInForm>,
) -> Result<Response, PageError> {
    let store = state.store();
    if !password_allowed(&state, &form.email) {
        state.metrics().record_sign_in_failure("password_off");
        let mut page = SignInPage::new(&state, &context, form.next, true);
        page.problem = Some("Password sign-in is off here: sign in with your organisation's account.".into());
        page.email = form.email;
        return Ok((StatusCode::FORBIDDEN, render(&page)?).into_response());
    }
    let device = jar.get(DEVICE_COOKIE).map(|c| c.value().to_string());
    let limits = &state.config().sign_in_limits;
    let (status, problem) = match store
        .sign_in_from_device(&form.email, &form.password, &context.client, device.as_deref(), limits)
        .await
    {
        Ok(signed_in) => {
            let jar = start_session(&state, &context, jar, &signed_in.person.id).await?;
            let jar = jar.add(device_cookie(signed_in.device, state.config().secure_cookies));
            // Someone whose password was set through another's link is told so first.
            let next = match signed_in.person.password_link_by {
                Some(_) => "/",
                None => safe_next(&form.next),
            };
            return Ok((jar, Redirect::to(next)).into_response());
        }
        Err(Error::Unauthorized) => {
            state.metrics().record_sign_in_failure("wrong_password");
            (StatusCode::UNAUTHORIZED, "That e-mail and password do not match an account.".to_string())
        }
        Err(Error::RateLimited(message)) => {
            state.metrics().record_sign_in_failure("throttled");
            (StatusCode::TOO_MANY_REQUESTS, message)
        }
        Err(other) => return Err(other.into()),
    };
    let mut page = SignInPage::new(&state, &context, form.next, true);
    page.problem = Some(problem);
    page.email = form.email;
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
        for evil in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/people\\..\\evil",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(safe_next(evil), "/", "{evil}");
        }
    }
}
