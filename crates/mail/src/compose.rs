//! The words of each mail, in a plain-text part and an HTML part. A mail names the person it
//! is for and who acted, says what happened and links to Trellis; it never carries what
//! anyone wrote.

use askama::Template;
use trellis_core::{Error, Result};

/// A mail ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What a mail says, with the link it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A link to set a new password, asked for on the sign-in page.
    PasswordReset { name: String, link: String, hours: i64 },
    /// A link to set a password for the first time.
    Invitation { name: String, inviter: String, link: String, days: i64 },
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
        };
        Ok(Composed { subject, text: text.map_err(Error::internal)?, html: html.map_err(Error::internal)? })
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
