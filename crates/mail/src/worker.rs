//! The mail worker inside every `trellis serve`: it claims due mail jobs from the queue,
//! makes the link a mail carries, sends the mail over SMTP with the job's id in its
//! Message-ID, and marks the job done; a failure is retried later by the queue. Several
//! instances may run it on one database: each job is claimed by one of them.

use crate::compose::{Composed, Notice};
use crate::settings::SmtpSettings;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use trellis_core::calendar_feed::{render_invitation, FeedEvent, Invitee};
use trellis_core::conversation::schedule::format_in_zone;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::person::Person;
use trellis_core::{Error, Result};
use trellis_store::jobs::{Job, Mail, News, MAIL_JOB};
use trellis_store::{ConversationHeading, LinkPurpose, Store, RESET_LINK_MS};

/// How many jobs a worker takes at a time.
const BATCH: i64 = 20;

/// How long an idle worker waits before looking at the queue again.
const IDLE_WAIT: Duration = Duration::from_secs(2);

/// Sends composed mails.
#[derive(Clone, Debug)]
pub struct Mailer {
    settings: SmtpSettings,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Mailer {
    pub fn new(settings: SmtpSettings) -> Result<Self> {
        let transport = settings.transport()?;
        Ok(Self { settings, transport })
    }

    /// The settings this mailer sends with.
    pub fn settings(&self) -> &SmtpSettings {
        &self.settings
    }

    /// Sends `composed` to `to`, identified by `key` (the same key for a repeat of the same
    /// mail, so a receiving system can tell).
    pub async fn send(&self, key: &str, to: Mailbox, composed: Composed) -> std::result::Result<(), String> {
        let message = Message::builder()
            .from(self.settings.from.clone())
            .to(to)
            .subject(composed.subject)
            .message_id(Some(format!("<{key}@{}>", self.settings.domain())))
            .multipart(with_invitation(
                MultiPart::alternative_plain_html(composed.text, composed.html),
                composed.invitation,
            ))
            .map_err(|e| format!("cannot build the message: {e}"))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| format!("the mail server refused: {e}"))
    }
}

/// The mail's parts, with the invitation attached when there is one (`invite.ics`, the way
/// calendar clients recognise it).
fn with_invitation(parts: MultiPart, invitation: Option<String>) -> MultiPart {
    let Some(ics) = invitation else { return parts };
    let method = if ics.contains("METHOD:CANCEL") { "CANCEL" } else { "REQUEST" };
    let content_type = ContentType::parse(&format!("text/calendar; method={method}; charset=utf-8"))
        .unwrap_or(ContentType::TEXT_PLAIN);
    MultiPart::mixed().multipart(parts).singlepart(Attachment::new("invite.ics".to_string()).body(ics, content_type))
}

/// A worker that sends the queue's mails.
#[derive(Clone, Debug)]
pub struct Worker {
    store: Store,
    mailer: Mailer,
    /// The address people reach Trellis at (links in mails start with it).
    public_url: String,
    /// This worker's name in the queue's leases.
    id: String,
}

impl Worker {
    pub fn new(store: Store, mailer: Mailer, public_url: &str) -> Self {
        let id = format!("{}-{}", std::process::id(), trellis_store::new_secret().chars().take(8).collect::<String>());
        Self { store, mailer, public_url: public_url.trim_end_matches('/').to_string(), id }
    }

    /// Sends mail until the process ends.
    pub async fn run(self) {
        tracing::info!(smtp = %self.mailer.settings().shown_url(), "mail worker started");
        loop {
            match self.run_once().await {
                Ok(0) => tokio::time::sleep(IDLE_WAIT).await,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "mail worker cannot read the queue");
                    tokio::time::sleep(IDLE_WAIT).await;
                }
            }
        }
    }

    /// Claims one batch of due mail jobs and works through it; returns how many were claimed.
    pub async fn run_once(&self) -> Result<usize> {
        let jobs = self.store.claim_jobs(MAIL_JOB, &self.id, BATCH).await?;
        for job in &jobs {
            match self.deliver(job).await {
                Ok(()) => self.store.finish_job(&job.id, &self.id).await?,
                Err(reason) => {
                    tracing::warn!(job = %job.id, attempt = job.attempts, %reason, "a mail was not sent");
                    self.store.fail_job(job, &self.id, &reason).await?;
                }
            }
        }
        Ok(jobs.len())
    }

    async fn deliver(&self, job: &Job) -> std::result::Result<(), String> {
        let mail: Mail = serde_json::from_str(&job.payload).map_err(|e| format!("unreadable mail job: {e}"))?;
        let recipient = self.store.person(&mail.recipient()).await.map_err(|e| e.to_string())?;
        let Some(address) = recipient.email.as_deref().filter(|_| recipient.active) else {
            // Nobody to write to any more (left, or no address): nothing to send.
            return Ok(());
        };
        let to = Mailbox::new(Some(recipient.name.clone()), address.parse().map_err(|_| "an unusable address")?);
        let notice = match self.notice(&mail, &recipient.name, &recipient.id).await {
            Ok(notice) => notice,
            // What the mail was about is gone (a deleted space): nothing to tell.
            Err(Error::NotFound(_)) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        let composed = notice.compose().map_err(|e| e.to_string())?;
        self.mailer.send(&job.id, to, composed).await
    }

    /// The invitation for a conversation with an agreed (or called-off) time, from `by` to both.
    fn invitation(
        &self,
        id: &ConversationId,
        heading: &ConversationHeading,
        link: &str,
        by: &Person,
        recipient: &Person,
    ) -> Option<String> {
        let starts_at = heading.starts_at?;
        let invitee = |p: &Person| p.email.clone().map(|email| Invitee { name: p.name.clone(), email });
        let (organizer, attendee) = (invitee(by)?, invitee(recipient)?);
        let event = FeedEvent {
            id: id.to_string(),
            summary: format!("Career conversation: {}", heading.title),
            starts_at,
            minutes: heading.minutes,
            cancelled: heading.cancelled,
            link: link.to_string(),
            updated_at: heading.updated_at,
        };
        Some(render_invitation(
            &event,
            &self.public_url,
            heading.time_changes,
            &organizer,
            &[organizer.clone(), attendee],
        ))
    }

    /// What the mail says, with a fresh link where it carries one.
    async fn notice(&self, mail: &Mail, name: &str, person: &PersonId) -> Result<Notice> {
        match mail {
            Mail::Conversation { conversation, by, news, .. } => {
                let id = ConversationId::from_stored(conversation.clone());
                let heading = self.store.conversation_heading(&id).await?;
                let by = self.store.person(&PersonId::from_stored(by.clone())).await?;
                let recipient = self.store.person(person).await?;
                let zone = match &recipient.time_zone {
                    Some(zone) => zone.clone(),
                    None => self.store.settings().await?.time_zone,
                };
                let when = heading.starts_at.map(|at| format_in_zone(at, &zone));
                let link = format!("{}/conversations/{id}", self.public_url);
                let invitation = match news {
                    News::TimeAgreed | News::Cancelled => self.invitation(&id, &heading, &link, &by, &recipient),
                    _ => None,
                };
                Ok(Notice::Conversation {
                    name: name.to_string(),
                    by: by.name,
                    title: heading.title,
                    news: *news,
                    when,
                    link,
                    invitation,
                })
            }
            Mail::PasswordReset { .. } => {
                let code = self.store.create_link(LinkPurpose::Reset, Some(person), None, RESET_LINK_MS).await?;
                let link = format!("{}/reset/{code}", self.public_url);
                Ok(Notice::PasswordReset { name: name.to_string(), link, hours: RESET_LINK_MS / 3_600_000 })
            }
            Mail::Invitation { by, .. } => {
                let inviter = self.store.person(&PersonId::from_stored(by.clone())).await?;
                let days = self.store.settings().await?.invitation_days;
                let valid_ms = days * 24 * 60 * 60 * 1000;
                let code =
                    self.store.create_link(LinkPurpose::Invite, Some(person), Some(&inviter.id), valid_ms).await?;
                let link = format!("{}/invite/{code}", self.public_url);
                Ok(Notice::Invitation { name: name.to_string(), inviter: inviter.name, link, days })
            }
        }
    }
}
