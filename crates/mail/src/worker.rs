//! The mail worker inside every `trellis serve`: it claims due mail jobs from the queue,
//! works out what the mail says (`notices`), sends it over SMTP with the job's id in its
//! Message-ID, and marks the job done; a failure is retried later by the queue. Several
//! instances may run it on one database: each job is claimed by one of them. Every quarter
//! of an hour it also offers the period's sweep of reminders (`trellis_store::reminders`),
//! which one instance runs.

use crate::compose::Composed;
use crate::settings::SmtpSettings;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use trellis_core::{Error, Result};
use trellis_store::jobs::{Job, Mail, MAIL_JOB};
use trellis_store::{Store, SWEEP_EVERY_MS, SWEEP_JOB};

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
        let mut builder = Message::builder()
            .from(self.settings.from.clone())
            .to(to)
            .subject(composed.subject)
            .message_id(Some(format!("<{key}@{}>", self.settings.domain())));
        if let Some(link) = composed.unsubscribe {
            // RFC 2369 and RFC 8058: a mail client may offer one-click unsubscribe.
            let header =
                |name: &'static str, value: String| HeaderValue::new(HeaderName::new_from_ascii_str(name), value);
            builder = builder
                .raw_header(header("List-Unsubscribe", format!("<{link}>")))
                .raw_header(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()));
        }
        let message = builder
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
    pub(crate) store: Store,
    mailer: Mailer,
    /// The address people reach Trellis at (links in mails start with it).
    pub(crate) public_url: String,
    /// This worker's name in the queue's leases.
    id: String,
    /// The last period whose sweep this worker offered.
    offered_sweep: Arc<AtomicI64>,
}

impl Worker {
    pub fn new(store: Store, mailer: Mailer, public_url: &str) -> Self {
        let id = format!("{}-{}", std::process::id(), trellis_store::new_secret().chars().take(8).collect::<String>());
        let public_url = public_url.trim_end_matches('/').to_string();
        Self { store, mailer, public_url, id, offered_sweep: Arc::new(AtomicI64::new(-1)) }
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

    /// Runs the period's sweep of reminders if this worker gets it, then claims one batch of
    /// due mail jobs and works through it; returns how many mails were claimed.
    pub async fn run_once(&self) -> Result<usize> {
        self.sweep_if_due().await?;
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

    /// Offers the current period's sweep (once per period per worker) and runs any sweep this
    /// worker claims.
    async fn sweep_if_due(&self) -> Result<()> {
        let period = trellis_store::now_millis() / SWEEP_EVERY_MS;
        if self.offered_sweep.swap(period, Ordering::Relaxed) != period {
            self.store.schedule_sweep().await?;
        }
        // A sweep over a large organisation takes minutes: it is this worker's for the period.
        for job in self.store.claim_jobs_for(SWEEP_JOB, &self.id, 1, SWEEP_EVERY_MS).await? {
            match self.store.sweep_reminders().await {
                Ok(report) => {
                    tracing::info!(people = report.people, mails = report.mails, "reminders swept");
                    self.store.finish_job(&job.id, &self.id).await?;
                }
                Err(e) => self.store.fail_job(&job, &self.id, &e.to_string()).await?,
            }
        }
        Ok(())
    }

    async fn deliver(&self, job: &Job) -> std::result::Result<(), String> {
        let mail: Mail = serde_json::from_str(&job.payload).map_err(|e| format!("unreadable mail job: {e}"))?;
        let recipient = self.store.person(&mail.recipient()).await.map_err(|e| e.to_string())?;
        let Some(address) = recipient.email.as_deref().filter(|_| recipient.active) else {
            // Nobody to write to any more (left, or no address): nothing to send.
            return Ok(());
        };
        if let Some(category) = mail.category() {
            let turned_off = self.store.mails_turned_off(&recipient.id).await.map_err(|e| e.to_string())?;
            if turned_off.contains(&category) {
                return Ok(());
            }
        }
        let to = Mailbox::new(Some(recipient.name.clone()), address.parse().map_err(|_| "an unusable address")?);
        let notice = match self.notice(&mail, &recipient).await {
            Ok(notice) => notice,
            // What the mail was about is gone (a deleted space): nothing to tell.
            Err(Error::NotFound(_)) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        let composed = notice.compose().map_err(|e| e.to_string())?;
        self.mailer.send(&job.id, to, composed).await
    }
}
