//! The pages a mail's links open without signing in: answering the readiness question ("I'm
//! ready", or "I need more time" with another time), saying the plan is still right, and
//! turning a kind of mail off. Opening a link only shows what its button will do, so a mail
//! scanner that follows every link changes nothing; one press does it, once. The one-click
//! unsubscribe of RFC 8058 is a POST to the same address for the same reason, and needs no
//! form token: the code in the address is the proof.

use super::conversations::propose::TimeFields;
use super::forms::{FormErrors, HtmlForm};
use super::layout::Layout;
use super::render;
use crate::auth::RequestContext;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use trellis_core::conversation::schedule::{format_in_zone, local_fields};
use trellis_core::follow_through::DAY_MS;
use trellis_core::ids::ConversationId;
use trellis_core::Error;
use trellis_store::{MailAction, MailCategory};

/// What a mail link answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Ready,
    MoreTime,
    StillRight,
}

impl Answer {
    fn parse(raw: &str) -> Result<Self, PageError> {
        match raw {
            "ready" => Ok(Answer::Ready),
            "more-time" => Ok(Answer::MoreTime),
            "still-right" => Ok(Answer::StillRight),
            _ => Err(Error::NotFound("There is no page at this address.".into()).into()),
        }
    }

    fn action(self) -> MailAction {
        match self {
            Answer::Ready | Answer::MoreTime => MailAction::Readiness,
            Answer::StillRight => MailAction::PlanStillRight,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/mail/answer.html")]
struct AnswerPage {
    layout: Layout,
    errors: FormErrors,
    /// "ready", "more-time" or "still-right".
    answer: String,
    action: String,
    /// What the link is about, in a sentence.
    about: String,
    form: MoreTimeForm,
    /// Set once the answer is taken.
    done: Option<String>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct MoreTimeForm {
    #[serde(flatten)]
    time: TimeFields,
}

/// The page of `code`, before its button is pressed.
async fn answer_page(
    state: &AppState,
    context: &RequestContext,
    code: &str,
    answer: Answer,
    form: Option<MoreTimeForm>,
    errors: FormErrors,
) -> Result<AnswerPage, PageError> {
    let store = state.store();
    let link = store.mail_link(code, answer.action()).await?;
    let (about, suggested) = match (answer, &link.subject) {
        (Answer::StillRight, _) => {
            ("One press tells Trellis your plan still fits; it asks again in a few months.".into(), None)
        }
        (_, Some(conversation)) => {
            let heading = store.conversation_heading(&ConversationId::from_stored(conversation.clone())).await?;
            let zone = link.person.time_zone.clone().unwrap_or(heading.time_zone.clone());
            let starts_at = heading.starts_at.unwrap_or(link.expires_at);
            let (date, time) = local_fields(starts_at + 7 * DAY_MS, &zone);
            let suggested = TimeFields {
                date,
                time,
                minutes: heading.minutes.to_string(),
                time_zone: zone.clone(),
                ..TimeFields::default()
            };
            (format!("“{}”, {}.", heading.title, format_in_zone(starts_at, &zone)), Some(suggested))
        }
        (_, None) => return Err(Error::NotFound("This link has expired or has already been used.".into()).into()),
    };
    let answer_word = match answer {
        Answer::Ready => "ready",
        Answer::MoreTime => "more-time",
        Answer::StillRight => "still-right",
    };
    Ok(AnswerPage {
        layout: Layout::anonymous(context, "Your answer"),
        errors,
        answer: answer_word.into(),
        action: format!("/mail/{code}/{answer_word}"),
        about,
        form: form.unwrap_or(MoreTimeForm { time: suggested.unwrap_or_default() }),
        done: None,
    })
}

pub async fn show_answer(
    State(state): State<AppState>,
    context: RequestContext,
    Path((code, answer)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let page = answer_page(&state, &context, &code, Answer::parse(&answer)?, None, FormErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

pub async fn give_answer(
    State(state): State<AppState>,
    context: RequestContext,
    Path((code, answer)): Path<(String, String)>,
    HtmlForm(form): HtmlForm<MoreTimeForm>,
) -> Result<Response, PageError> {
    let answer = Answer::parse(&answer)?;
    let mut page = answer_page(&state, &context, &code, answer, Some(form.clone()), FormErrors::default()).await?;
    let store = state.store();
    let taken = match answer {
        Answer::Ready => store.answer_readiness(&code, true, None).await.map(drop),
        Answer::MoreTime => match form.time.slot(60) {
            Ok(slot) => store.answer_readiness(&code, false, Some(slot)).await.map(drop),
            Err(error) => Err(error),
        },
        Answer::StillRight => store.plan_still_right_by_mail(&code).await.map(drop),
    };
    match taken {
        Ok(_) => {
            page.done = Some(match answer {
                Answer::Ready => "Thank you: your manager sees that you are ready.".into(),
                Answer::MoreTime => {
                    "Thank you: your manager sees that you need more time, with the time you suggested to confirm."
                        .into()
                }
                Answer::StillRight => "Thank you: your plan stays as it is.".into(),
            });
            Ok(render(&page)?.into_response())
        }
        Err(error @ Error::Invalid(_)) => {
            page.errors = FormErrors::from_error(error)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "pages/mail/unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    action: String,
    category: String,
    address: String,
    done: bool,
}

/// What an unsubscribe link would turn off, with the button that does it.
pub async fn show_unsubscribe(
    State(state): State<AppState>,
    context: RequestContext,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let link = state.store().mail_link(&code, MailAction::Unsubscribe).await?;
    let category = link
        .subject
        .as_deref()
        .and_then(MailCategory::parse)
        .ok_or_else(|| PageError(Error::NotFound("This link has expired or has already been used.".into())))?;
    let page = UnsubscribePage {
        layout: Layout::anonymous(&context, "Stop these mails"),
        action: format!("/unsubscribe/{code}"),
        category: category.label().to_string(),
        address: link.person.email.unwrap_or_default(),
        done: false,
    };
    Ok(render(&page)?.into_response())
}

/// Turns the kind of mail off: the page's button, or a mail client's one-click POST.
pub async fn unsubscribe(
    State(state): State<AppState>,
    context: RequestContext,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let (person, category) = state.store().unsubscribe(&code).await?;
    let page = UnsubscribePage {
        layout: Layout::anonymous(&context, "Stopped"),
        action: String::new(),
        category: category.label().to_string(),
        address: person.email.unwrap_or_default(),
        done: true,
    };
    Ok(render(&page)?.into_response())
}
