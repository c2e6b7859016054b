//! "Forgot your password?": the person gives their address and, if it belongs to an active
//! account, a mail with a link to set a new one is queued. The page answers the same whether
//! or not the address is known, and says so. Without e-mail set up, it says whom to ask.

use super::forms::HtmlForm;
use super::layout::Layout;
use super::render;
use crate::auth::RequestContext;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use trellis_core::Error;
use trellis_store::RESET_LINK_MS;

#[derive(Template)]
#[template(path = "pages/auth/forgot_password.html")]
struct ForgotPasswordPage {
    layout: Layout,
    email_on: bool,
    /// Set once a request was taken.
    sent_to: Option<String>,
    problem: Option<String>,
    email: String,
    hours: i64,
}

#[derive(serde::Deserialize)]
pub struct ForgotPasswordForm {
    #[serde(default)]
    email: String,
}

fn page(context: &RequestContext, state: &AppState) -> ForgotPasswordPage {
    ForgotPasswordPage {
        layout: Layout::anonymous(context, "Forgot your password?"),
        email_on: state.config().email.is_some(),
        sent_to: None,
        problem: None,
        email: String::new(),
        hours: RESET_LINK_MS / 3_600_000,
    }
}

pub async fn forgot_password_page(
    State(state): State<AppState>,
    context: RequestContext,
) -> Result<Response, PageError> {
    Ok(render(&page(&context, &state))?.into_response())
}

pub async fn request_reset(
    State(state): State<AppState>,
    context: RequestContext,
    HtmlForm(form): HtmlForm<ForgotPasswordForm>,
) -> Result<Response, PageError> {
    let mut answer = page(&context, &state);
    let email = form.email.trim().to_string();
    if !answer.email_on {
        return Ok((StatusCode::CONFLICT, render(&answer)?).into_response());
    }
    if !email.contains('@') {
        answer.problem = Some("Enter the e-mail address you sign in with, such as name@example.org.".into());
        answer.email = email;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&answer)?).into_response());
    }
    match state.store().request_password_reset(&email, &context.client, &state.config().sign_in_limits).await {
        Ok(()) => answer.sent_to = Some(email),
        Err(Error::RateLimited(message)) => {
            answer.problem = Some(message);
            answer.email = email;
            return Ok((StatusCode::TOO_MANY_REQUESTS, render(&answer)?).into_response());
        }
        Err(other) => return Err(other.into()),
    }
    Ok(render(&answer)?.into_response())
}
