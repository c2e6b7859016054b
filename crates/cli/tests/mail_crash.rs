//! A `trellis serve` killed with SIGKILL in the middle of sending, on both engines: once a
//! new one is up (and the dead one's leases have run out, which the test lets happen through
//! SQL rather than waiting two minutes), every queued mail arrives, and at most the one mail
//! that was in flight arrives twice (the same Message-ID, so a receiving system can tell).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use trellis_store::jobs::Mail;
use trellis_testkit::smtp::SmtpServer;
use trellis_testkit::team::import_team;
use trellis_testkit::{both_engines, TestDb};

const MAILS: usize = 300;

fn serve(db: &TestDb, smtp: &SmtpServer) -> Child {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &db.url, "--smtp-url", &smtp.url()])
        .env_remove("TRELLIS_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("trellis serve starts")
}

/// Waits up to `seconds` for at least `count` mails; returns how many arrived.
async fn wait_for(smtp: &SmtpServer, count: usize, seconds: u64) -> usize {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while smtp.count() < count && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    smtp.count()
}

both_engines! {
    async fn a_server_killed_while_sending_loses_no_mail_and_repeats_at_most_the_one_in_flight(db) {
        let team = import_team(&db.store).await;
        let smtp = SmtpServer::start();
        for _ in 0..MAILS {
            let invite = Mail::Invitation { person: team.id("Cy").to_string(), by: team.id("Hana").to_string() };
            db.store.enqueue_job(&invite.job()).await.unwrap();
        }
        let mut first = serve(db, &smtp);
        let sent_before_kill = wait_for(&smtp, MAILS / 5, 60).await;
        first.kill().unwrap(); // SIGKILL: no chance to finish or mark anything
        first.wait().unwrap();
        assert!(sent_before_kill < MAILS, "killed in the middle, after {sent_before_kill}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let at_kill = smtp.count();

        // Two minutes pass: the dead worker's leases run out.
        db.execute("UPDATE jobs SET leased_until = 0 WHERE leased_until IS NOT NULL").await;
        let mut second = serve(db, &smtp);
        let total = wait_for(&smtp, MAILS, 120).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        second.kill().unwrap();
        second.wait().unwrap();

        let delivered = smtp.delivered();
        let mut copies: HashMap<&str, usize> = HashMap::new();
        for mail in &delivered {
            *copies.entry(mail.message_id.as_str()).or_default() += 1;
        }
        let repeated = copies.values().filter(|&&n| n > 1).count();
        eprintln!("killed after {at_kill} of {MAILS} mails; in all {} arrived, {} distinct, {repeated} twice", delivered.len(), copies.len());
        assert!(total >= MAILS, "only {total} arrived");
        assert_eq!(copies.len(), MAILS, "every queued mail arrived");
        assert!(copies.values().all(|&n| n <= 2) && repeated <= 1, "at most the mail in flight twice: {repeated}");
    }
}
