//! The pages behind single-use links: setting up the first admin, accepting an invitation,
//! and choosing a new password.

use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::render;
use crate::auth::{session_cookie, RequestContext};
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use axum_extra::extract::CookieJar;
use trellis_core::credentials::check_new_password;
use trellis_core::person::{PersonDraft, PersonInput};
use trellis_core::Error;
use trellis_store::LinkPurpose;

#[derive(Template)]
#[template(path = "pages/auth/set_password.html")]
struct SetPasswordPage {
    layout: Layout,
    errors: FormErrors,
    heading: String,
    intro: String,
    action: String,
    button: &'static str,
    ask_identity: bool,
    name: String,
    email: String,
}

#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

fn page_for(context: &RequestContext, purpose: LinkPurpose, code: &str, who: Option<&str>) -> SetPasswordPage {
    let (heading, intro, path, button) = match purpose {
        LinkPurpose::Setup => (
            "Set up Trellis".to_string(),
            "Create the first account. It belongs to the people team: it manages the roster and settings, and never sees anyone's career content.".to_string(),
            "setup",
            "Create the account",
        ),
        LinkPurpose::Invite => (
            format!("Welcome, {}", who.unwrap_or_default()),
            "Choose a password to start using Trellis. Your career space is private unless you choose to share.".to_string(),
            "invite",
            "Set my password",
        ),
        LinkPurpose::Reset => (
            "Choose a new password".to_string(),
            format!("This sets a new password for {}. You will be signed out everywhere else.", who.unwrap_or_default()),
            "reset",
            "Set the new password",
        ),
    };
    SetPasswordPage {
        layout: Layout::anonymous(context, &heading),
        errors: FormErrors::default(),
        heading,
        intro,
        action: format!("/{path}/{code}"),
        button,
        ask_identity: purpose == LinkPurpose::Setup,
        name: String::new(),
        email: String::new(),
    }
}

async fn show(
    state: &AppState,
    context: &RequestContext,
    purpose: LinkPurpose,
    code: &str,
) -> Result<Response, PageError> {
    let link = state.store().peek_link(code, purpose).await?;
    let who = link.person.as_ref().map(|p| p.name.as_str());
    Ok(render(&page_for(context, purpose, code, who))?.into_response())
}

async fn submit(
    state: &AppState,
    context: &RequestContext,
    jar: CookieJar,
    purpose: LinkPurpose,
    code: &str,
    form: PasswordForm,
) -> Result<Response, PageError> {
    let store = state.store();
    let link = store.peek_link(code, purpose).await?;
    let result = async {
        check_new_password(&form.password, &form.password_confirmation)?;
        match purpose {
            LinkPurpose::Setup => {
                let input = PersonInput { name: form.name.clone(), email: form.email.clone(), ..Default::default() };
                let draft = PersonDraft::parse(&input)?;
                store.complete_setup(code, &draft, &form.password).await
            }
            LinkPurpose::Invite | LinkPurpose::Reset => store.redeem_password_link(code, purpose, &form.password).await,
        }
    }
    .await;
    match result {
        Ok(person) if purpose == LinkPurpose::Setup => {
            let secret = store.create_session(&person.id).await?;
            let jar = jar.add(session_cookie(secret, state.config().secure_cookies));
            Ok((jar, Redirect::to("/?done=password")).into_response())
        }
        Ok(_) => Ok(Redirect::to("/sign-in?done=password").into_response()),
        Err(Error::Invalid(errors)) => {
            let who = link.person.as_ref().map(|p| p.name.as_str());
            let mut page = page_for(context, purpose, code, who);
            page.errors = FormErrors::from_error(Error::Invalid(errors))?;
            page.name = form.name;
            page.email = form.email;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// The link pages: `/setup/{code}`, `/invite/{code}` and `/reset/{code}`, each a form and its
/// submission.
pub fn routes() -> Router<AppState> {
    [
        (LinkPurpose::Setup, "/setup/{code}"),
        (LinkPurpose::Invite, "/invite/{code}"),
        (LinkPurpose::Reset, "/reset/{code}"),
    ]
    .into_iter()
    .fold(Router::new(), |router, (purpose, path)| {
        let page = move |State(state): State<AppState>, context: RequestContext, Path(code): Path<String>| async move {
            show(&state, &context, purpose, &code).await
        };
        let submission = move |State(state): State<AppState>,
                               context: RequestContext,
                               jar: CookieJar,
                               Path(code): Path<String>,
                               HtmlForm(form): HtmlForm<PasswordForm>| async move {
            submit(&state, &context, jar, purpose, &code, form).await
        };
        router.route(path, get(page).post(submission))
    })
}
