//! Where mail goes: an SMTP URL (`smtp://host:port` for a local relay, `?tls=required` for
//! STARTTLS, `smtps://` for implicit TLS, `user:password@` for authentication) and the sender.
//! The password is never shown: `Debug` and every message about the URL redact it.

use lettre::message::Mailbox;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::Tokio1Executor;
use std::fmt;
use trellis_core::{Error, Result};
use trellis_store::redact_url;

/// The SMTP settings, checked.
#[derive(Clone)]
pub struct SmtpSettings {
    url: String,
    pub from: Mailbox,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings").field("url", &redact_url(&self.url)).field("from", &self.from).finish()
    }
}

impl SmtpSettings {
    /// Checks `url` and `from` (an address, or `Name <address>`), naming the setting at fault.
    pub fn new(url: &str, from: &str) -> Result<Self> {
        let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
        if !matches!(scheme, "smtp" | "smtps") {
            return Err(Error::invalid(
                "smtp_url",
                format!(
                    "\"{}\" is not an SMTP address; use smtp://HOST:PORT or smtps://USER:PASSWORD@HOST",
                    redact_url(url)
                ),
            ));
        }
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| {
            Error::invalid(
                "smtp_url",
                format!("cannot use {}: {}", redact_url(url), without_secrets(&e.to_string(), url)),
            )
        })?;
        let from: Mailbox = from.parse().map_err(|_| {
            Error::invalid(
                "smtp_from",
                format!("\"{from}\" is not a mail address (e.g. Trellis <trellis@example.org>)"),
            )
        })?;
        Ok(Self { url: url.to_string(), from })
    }

    /// The transport for these settings.
    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.url)
            .map(|builder| builder.build())
            .map_err(|e| Error::internal(without_secrets(&e.to_string(), &self.url)))
    }

    /// The URL with its password hidden, for the settings page and the logs.
    pub fn shown_url(&self) -> String {
        redact_url(&self.url)
    }

    /// The host part of the sender's address (for Message-IDs).
    pub fn domain(&self) -> &str {
        self.from.email.domain()
    }
}

/// `message` with the URL's password taken out, should an error quote it.
fn without_secrets(message: &str, url: &str) -> String {
    let password =
        url.split_once("://").and_then(|(_, rest)| rest.split_once('@')).and_then(|(user, _)| user.split_once(':'));
    match password {
        Some((_, password)) if !password.is_empty() => message.replace(password, "***"),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows() {
        let settings =
            SmtpSettings::new("smtps://mailer:s3cret-pw@mail.example.org", "Trellis <t@example.org>").unwrap();
        assert!(!format!("{settings:?}").contains("s3cret-pw"));
        assert!(!settings.shown_url().contains("s3cret-pw"));
        assert_eq!(settings.domain(), "example.org");
    }

    #[test]
    fn a_wrong_scheme_or_sender_names_the_setting() {
        let err = SmtpSettings::new("http://mail.example.org", "t@example.org").unwrap_err();
        assert!(err.to_string().contains("smtp_url"), "{err}");
        let err = SmtpSettings::new("smtp://127.0.0.1:2525", "not an address").unwrap_err();
        assert!(err.to_string().contains("smtp_from"), "{err}");
    }
}
