//! What the mail tests share: a worker sending to a test SMTP server, and a running Trellis
//! whose links the mails carry.
#![allow(dead_code, clippy::unwrap_used)]

use trellis_mail::{Mailer, SmtpSettings, Worker};
use trellis_testkit::smtp::SmtpServer;
use trellis_testkit::{TestApp, TestDb};
use trellis_web::EmailShown;

/// A worker on `db` sending to `smtp_url`, with links to `public_url`.
pub fn worker_for(db: &TestDb, smtp_url: &str, public_url: &str) -> Worker {
    let settings = SmtpSettings::new(smtp_url, "Trellis <trellis@acme.test>").unwrap();
    Worker::new(db.store.clone(), Mailer::new(settings).unwrap(), public_url)
}

/// A running Trellis with e-mail on, and a worker whose links lead to it.
pub async fn app_with_mail(db: &TestDb, smtp: &SmtpServer) -> (TestApp, Worker) {
    let shown = EmailShown { server: smtp.url(), from: "trellis@acme.test".into() };
    let app = TestApp::start_with(db, |config| config.email = Some(shown)).await;
    let worker = worker_for(db, &smtp.url(), &app.base_url);
    (app, worker)
}

/// Sends everything the queue holds.
pub async fn drain(worker: &Worker) {
    while worker.run_once().await.unwrap() > 0 {}
}
