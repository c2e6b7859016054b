//! Mail through a real SMTP server (aiosmtpd), on both engines: the worker sends what the
//! queue holds once, with the job's id in the Message-ID, both parts and a link that works;
//! nobody is written to who has left; a mail server that refuses leaves the job to be tried
//! again later, with the reason kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_mail::{Mailer, SmtpSettings, Worker};
use trellis_store::jobs::{JobState, Mail, MAIL_JOB};
use trellis_store::LinkPurpose;
use trellis_testkit::both_engines;
use trellis_testkit::smtp::SmtpServer;
use trellis_testkit::team::import_team;

mod support;

fn worker(db: &trellis_testkit::TestDb, smtp_url: &str) -> Worker {
    support::worker_for(db, smtp_url, "http://trellis.acme.test/")
}

/// The mail jobs done, newest first (the sweep of reminders is a job too).
async fn done_mails(store: &trellis_store::Store) -> Vec<trellis_store::jobs::Job> {
    let done = store.jobs_in(JobState::Done, 1000).await.unwrap();
    done.into_iter().filter(|job| job.kind == MAIL_JOB).collect()
}

both_engines! {
    async fn a_reset_mail_is_sent_once_with_a_link_that_works(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let worker = worker(db, &smtp.url());
        let ana = team.id("Ana");
        assert!(store.enqueue_job(&Mail::PasswordReset { person: ana.to_string() }.job()).await.unwrap());
        assert!(!store.enqueue_job(&Mail::PasswordReset { person: ana.to_string() }.job()).await.unwrap(), "folded");

        assert_eq!(worker.run_once().await.unwrap(), 1);
        assert_eq!(worker.run_once().await.unwrap(), 0, "nothing is sent twice");
        let delivered = smtp.wait_for(1).await;
        assert_eq!(delivered.len(), 1);
        let mail = &delivered[0];
        assert_eq!(mail.to, ["ana@acme.test"]);
        assert_eq!(mail.from, "trellis@acme.test");
        assert_eq!(mail.subject, "Set a new password for Trellis");
        let job = done_mails(store).await.remove(0);
        assert_eq!(mail.message_id, format!("{}@acme.test", job.id), "the job's id is the mail's");
        assert!(mail.text.starts_with("Hello Ana,"), "{}", mail.text);
        assert!(mail.html.contains("Choose a new password"), "{}", mail.html);
        let link = mail.link("http://trellis.acme.test/reset/").expect("a reset link");
        let code = link.rsplit('/').next().unwrap();
        let found = store.peek_link(code, LinkPurpose::Reset).await.unwrap();
        assert_eq!(found.person.unwrap().id, ana);
        assert_eq!(found.made_by, None, "asked for by the person, made by nobody else");
    }

    async fn an_invitation_names_who_invites_and_nobody_who_left_is_written_to(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let worker = worker(db, &smtp.url());
        let invite = Mail::Invitation { person: team.id("Cy").to_string(), by: team.id("Hana").to_string() };
        store.enqueue_job(&invite.job()).await.unwrap();
        store.set_person_active(Some(&team.id("Hana")), &team.id("Ben"), false).await.unwrap();
        store.enqueue_job(&Mail::PasswordReset { person: team.id("Ben").to_string() }.job()).await.unwrap();

        assert_eq!(worker.run_once().await.unwrap(), 2);
        let delivered = smtp.wait_for(2).await;
        assert_eq!(delivered.len(), 1, "Ben has left: no mail");
        let mail = &delivered[0];
        assert_eq!(mail.to, ["cy@acme.test"]);
        assert_eq!(mail.subject, "Hana Kim invites you to Trellis");
        assert!(mail.text.contains("7 days"), "{}", mail.text);
        let code = mail.link("http://trellis.acme.test/invite/").unwrap().rsplit('/').next().unwrap().to_string();
        let link = store.peek_link(&code, LinkPurpose::Invite).await.unwrap();
        assert_eq!(link.made_by, Some(team.id("Hana")));
        assert_eq!(done_mails(store).await.len(), 2);
    }

    async fn a_mail_server_that_is_down_leaves_the_job_for_later(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let worker = worker(db, &format!("smtp://127.0.0.1:{closed_port}"));
        store.enqueue_job(&Mail::PasswordReset { person: team.id("Ana").to_string() }.job()).await.unwrap();
        assert_eq!(worker.run_once().await.unwrap(), 1);
        let waiting = store.jobs_in(JobState::Queued, 1).await.unwrap().remove(0);
        assert_eq!(waiting.attempts, 1);
        assert!(waiting.last_error.contains("the mail server refused"), "{}", waiting.last_error);
        assert!(waiting.run_at > waiting.created_at + 25_000, "tried again about 30 s later");
        assert_eq!(worker.run_once().await.unwrap(), 0, "not before then");

        // The server is back.
        let smtp = SmtpServer::start();
        db.execute("UPDATE jobs SET run_at = 0").await;
        let worker = self::worker(db, &smtp.url());
        assert_eq!(worker.run_once().await.unwrap(), 1);
        assert_eq!(smtp.wait_for(1).await.len(), 1);
    }
}

both_engines! {
    async fn two_instances_send_two_hundred_queued_mails_each_exactly_once(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        // A second instance: its own pools on the same database, its own worker.
        let other = trellis_store::Store::connect(&db.url, &trellis_store::StoreOptions { max_connections: 5, sends_mail: true })
            .await
            .unwrap();
        let settings = SmtpSettings::new(&smtp.url(), "Trellis <trellis@acme.test>").unwrap();
        let workers = [
            worker(db, &smtp.url()),
            Worker::new(other.clone(), Mailer::new(settings).unwrap(), "http://trellis.acme.test/"),
        ];
        // Their first pass: the quarter hour's sweep of reminders runs on one of them.
        for worker in &workers {
            assert_eq!(worker.run_once().await.unwrap(), 0);
        }
        for _ in 0..200 {
            let invite = Mail::Invitation { person: team.id("Cy").to_string(), by: team.id("Hana").to_string() };
            store.enqueue_job(&invite.job()).await.unwrap();
        }
        // Both start at the same moment, so each claims a first batch while the other does.
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let runs: Vec<_> = workers
            .into_iter()
            .map(|worker| {
                let start = start.clone();
                tokio::spawn(async move {
                    start.wait().await;
                    let mut claimed = 0;
                    loop {
                        match worker.run_once().await.unwrap() {
                            0 => return claimed,
                            n => claimed += n,
                        }
                    }
                })
            })
            .collect();
        let mut shares = Vec::new();
        for run in runs {
            shares.push(run.await.unwrap());
        }
        eprintln!("mails sent by each instance: {shares:?}");
        assert!(shares.iter().all(|&n| n > 0), "both instances sent some: {shares:?}");
        let delivered = smtp.wait_for(200).await;
        let ids: std::collections::HashSet<&str> = delivered.iter().map(|m| m.message_id.as_str()).collect();
        assert_eq!((delivered.len(), ids.len()), (200, 200), "each mail once, none twice");
        assert_eq!(done_mails(store).await.len(), 200);
        other.close().await;
    }
}
