//! The words of each mail, in a plain-text part and an HTML part. A mail names the person it
//! is for and who acted, says what happened and links to Trellis; it never carries what
//! anyone wrote.

use crate::nudge::{Nudge, NudgeHtml, NudgeText};
use askama::Template;
use trellis_core::{Error, Result};
use trellis_store::jobs::News;

/// A mail ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar invitation (`METHOD:REQUEST` or `METHOD:CANCEL`) to attach, if any.
    pub invitation: Option<String>,
    /// Where one click stops this kind of mail (for `List-Unsubscribe`); none for security
    /// mail.
    pub unsubscribe: Option<String>,
}

/// What a mail says, with the link it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A link to set a new password, asked for on the sign-in page.
    PasswordReset { name: String, link: String, hours: i64 },
    /// A link to set a password for the first time.
    Invitation { name: String, inviter: String, link: String, days: i64 },
    /// What the other side did to a conversation, with its heading, a link to it, and for an
    /// agreed or called-off time the invitation for the recipient's calendar.
    Conversation {
        name: String,
        by: String,
        title: String,
        news: News,
        when: Option<String>,
        link: String,
        invitation: Option<String>,
        unsubscribe: Option<String>,
    },
    /// A mail that asks something of its reader (see `nudge`).
    Nudge(Nudge),
}

#[derive(Template)]
#[template(path = "news.txt")]
struct NewsText<'a> {
    first_name: &'a str,
    sentence: &'a str,
    by: &'a str,
    link: &'a str,
    unsubscribe: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "news.html")]
struct NewsHtml<'a> {
    first_name: &'a str,
    sentence: &'a str,
    by: &'a str,
    link: &'a str,
    unsubscribe: Option<&'a str>,
}

/// The subject and the sentence of a conversation's news.
fn news_words(by: &str, title: &str, news: News, when: Option<&str>) -> (String, String) {
    let at = when.map(|when| format!(" for {when}")).unwrap_or_default();
    match news {
        News::Proposed => (
            format!("{by} proposed a career conversation: {title}"),
            format!(
                "{by} proposed a career conversation, “{title}”{at}. You can accept it, suggest a time or decline."
            ),
        ),
        News::Accepted => (format!("{by} accepted: {title}"), format!("{by} accepted “{title}”{at}.")),
        News::Declined => (
            format!("{by} would rather not have “{title}” now"),
            format!("{by} declined “{title}”. Nothing more is asked of either of you, and Trellis sends no reminder."),
        ),
        News::TimeAgreed => (format!("{title}{at}"), format!("“{title}” is agreed{at}.")),
        News::TimeProposed => (
            format!("{by} suggests another time for {title}"),
            format!("{by} suggests another time for “{title}”{at}."),
        ),
        News::Cancelled => (format!("{by} called off: {title}"), format!("{by} called off “{title}”{at}.")),
        News::ForYourCalendar => (
            format!("For your calendar: {title}"),
            format!("“{title}” with {by}{at}: the invitation attached puts it in your calendar (or takes it out)."),
        ),
    }
}

#[derive(Template)]
#[template(path = "password_reset.txt")]
struct PasswordResetText<'a> {
    first_name: &'a str,
    link: &'a str,
    hours: i64,
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct PasswordResetHtml<'a> {
    first_name: &'a str,
    link: &'a str,
    hours: i64,
}

#[derive(Template)]
#[template(path = "invitation.txt")]
struct InvitationText<'a> {
    first_name: &'a str,
    inviter: &'a str,
    link: &'a str,
    days: i64,
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationHtml<'a> {
    first_name: &'a str,
    inviter: &'a str,
    link: &'a str,
    days: i64,
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

impl Notice {
    /// The subject and both parts.
    pub fn compose(&self) -> Result<Composed> {
        let (subject, text, html) = match self {
            Notice::PasswordReset { name, link, hours } => {
                let first_name = first_name(name);
                (
                    "Set a new password for Trellis".to_string(),
                    PasswordResetText { first_name, link, hours: *hours }.render(),
                    PasswordResetHtml { first_name, link, hours: *hours }.render(),
                )
            }
            Notice::Invitation { name, inviter, link, days } => {
                let first_name = first_name(name);
                (
                    format!("{inviter} invites you to Trellis"),
                    InvitationText { first_name, inviter, link, days: *days }.render(),
                    InvitationHtml { first_name, inviter, link, days: *days }.render(),
                )
            }
            Notice::Conversation { name, by, title, news, when, link, unsubscribe, .. } => {
                let first_name = first_name(name);
                let (subject, sentence) = news_words(by, title, *news, when.as_deref());
                let unsubscribe = unsubscribe.as_deref();
                (
                    subject,
                    NewsText { first_name, sentence: &sentence, by, link, unsubscribe }.render(),
                    NewsHtml { first_name, sentence: &sentence, by, link, unsubscribe }.render(),
                )
            }
            Notice::Nudge(nudge) => {
                let first_name = first_name(&nudge.name);
                (
                    nudge.subject.clone(),
                    NudgeText { first_name, nudge }.render(),
                    NudgeHtml { first_name, nudge }.render(),
                )
            }
        };
        let (invitation, unsubscribe) = match self {
            Notice::Conversation { invitation, unsubscribe, .. } => (invitation.clone(), unsubscribe.clone()),
            Notice::Nudge(nudge) => (None, nudge.unsubscribe.clone()),
            Notice::PasswordReset { .. } | Notice::Invitation { .. } => (None, None),
        };
        Ok(Composed {
            subject,
            text: text.map_err(Error::internal)?,
            html: html.map_err(Error::internal)?,
            invitation,
            unsubscribe,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reset_mail_links_and_says_how_long_and_what_to_do_if_unasked() {
        let mail =
            Notice::PasswordReset { name: "Ana Ruiz".into(), link: "https://t.example/reset/abc".into(), hours: 4 };
        let composed = mail.compose().unwrap();
        assert!(composed.text.starts_with("Hello Ana,"), "{}", composed.text);
        assert!(composed.text.contains("https://t.example/reset/abc"));
        assert!(composed.text.contains("4 hours"));
        assert!(composed.text.contains("did not ask"));
        assert!(composed.html.contains("href=\"https://t.example/reset/abc\""));
    }

    #[test]
    fn conversation_news_says_what_happened_and_links_to_it() {
        let mail = Notice::Conversation {
            name: "Lena Park".into(),
            by: "Ana Ruiz".into(),
            title: "Life story".into(),
            news: News::Declined,
            when: None,
            link: "https://t.example/conversations/c1".into(),
            invitation: None,
            unsubscribe: None,
        };
        let composed = mail.compose().unwrap();
        assert_eq!(composed.subject, "Ana Ruiz would rather not have “Life story” now");
        assert!(composed.text.contains("no reminder"), "{}", composed.text);
        assert!(composed.text.contains("https://t.example/conversations/c1"));
        let proposed = Notice::Conversation {
            name: "Lena Park".into(),
            by: "Ana Ruiz".into(),
            title: "Life story".into(),
            news: News::Proposed,
            when: Some("Thu 17 Dec 2026, 14:00 (Europe/London)".into()),
            link: "https://t.example/conversations/c1".into(),
            invitation: None,
            unsubscribe: None,
        };
        let composed = proposed.compose().unwrap();
        assert!(composed.text.contains("for Thu 17 Dec 2026, 14:00 (Europe/London)"), "{}", composed.text);
    }

    #[test]
    fn names_are_escaped_in_the_html_part() {
        let mail = Notice::Invitation {
            name: "<b>Bo</b> Smith".into(),
            inviter: "Lena & co".into(),
            link: "https://t.example/invite/x".into(),
            days: 7,
        };
        let composed = mail.compose().unwrap();
        assert_eq!(composed.subject, "Lena & co invites you to Trellis");
        assert!(!composed.html.contains("Lena & co"), "{}", composed.html);
        assert!(composed.html.contains("Lena &#38; co"), "{}", composed.html);
        assert!(!composed.html.contains("<b>"), "{}", composed.html);
        assert!(composed.text.starts_with("Hello <b>Bo</b>,"), "the text part is text");
        assert!(composed.text.contains("7 days"));
    }
}
