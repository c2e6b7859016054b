//! The mails as people meet them, over HTTP against a running Trellis and a real SMTP server,
//! on both engines: a person who forgot their password asks on the sign-in page, gets the same
//! answer whether or not the address is known, and signs in with the new password set through
//! the link in the mail; the people team sends an invitation by e-mail; without e-mail set up,
//! the page says whom to ask.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::app_with_mail;
use trellis_testkit::both_engines;
use trellis_testkit::smtp::SmtpServer;
use trellis_testkit::team::import_team;
use trellis_testkit::{Page, TestApp};

both_engines! {
    async fn a_person_who_forgot_their_password_sets_a_new_one_from_the_mail(db) {
        let team = import_team(&db.store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        let ana = app.visitor();
        assert!(ana.get("/sign-in").await.has("href=\"/forgot-password\""));
        ana.get("/forgot-password").await;
        let known = ana.post("/forgot-password", &[("email", "ana@acme.test")]).await;
        assert_eq!(known.status, 200);
        assert!(known.has("is on its way"), "{}", known.body);
        ana.get("/forgot-password").await;
        let unknown = ana.post("/forgot-password", &[("email", "nobody@acme.test")]).await;
        assert_eq!(unknown.status, 200);
        let said = |page: &Page, address: &str| page.body.replace(address, "ADDRESS");
        assert_eq!(said(&known, "ana@acme.test"), said(&unknown, "nobody@acme.test"), "the same answer");

        assert_eq!(worker.run_once().await.unwrap(), 1, "one mail, for the known address only");
        let delivered = smtp.wait_for(1).await;
        assert_eq!(delivered.len(), 1);
        assert_eq!(delivered[0].to, ["ana@acme.test"]);
        let link = delivered[0].link(&format!("{}/reset/", app.base_url)).expect("the link");
        let path = link.trim_start_matches(&app.base_url).to_string();
        let form = ana.get(&path).await;
        assert_eq!(form.status, 200, "{}", form.body);
        let set = ana.post(&path, &[("password", "my new long password"), ("password_confirmation", "my new long password")]).await;
        assert_eq!(set.location(), Some("/sign-in?done=password"));
        assert_eq!(ana.get(&path).await.status, 404, "the link works once");
        let signed_in = ana.sign_in("ana@acme.test", "my new long password").await;
        assert_eq!(signed_in.location(), Some("/"));
        assert!(team.ids.contains_key("Ana"));
    }

    async fn asking_again_and_again_is_one_mail_and_then_refused(db) {
        import_team(&db.store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        let someone = app.visitor();
        let mut statuses = Vec::new();
        for _ in 0..7 {
            someone.get("/forgot-password").await;
            statuses.push(someone.post("/forgot-password", &[("email", "ben@acme.test")]).await.status);
        }
        assert_eq!(statuses[..5], [200; 5]);
        assert_eq!(statuses[5..], [429, 429], "more than five requests from one address are refused");
        worker.run_once().await.unwrap();
        assert_eq!(smtp.wait_for(2).await.len(), 1, "five requests, one mail");
    }

    async fn the_people_team_sends_an_invitation_by_mail(db) {
        let team = import_team(&db.store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        db.store.set_password(&team.id("Hana"), "hana's long password").await.unwrap();
        let hana = app.visitor();
        hana.sign_in("hana@acme.test", "hana's long password").await;
        let person = hana.get(&format!("/people/{}", team.id("Cy"))).await;
        assert!(person.has("Send an invitation by e-mail"), "{}", person.body);
        let sent = hana.post(&format!("/people/{}/send-invitation", team.id("Cy")), &[]).await;
        assert_eq!(sent.location(), Some(format!("/people/{}?done=invitation-sent", team.id("Cy")).as_str()));
        let settings = hana.get("/admin/settings").await;
        assert!(settings.has("E-mail is on") && settings.has("Waiting: 1"), "{}", settings.body);

        worker.run_once().await.unwrap();
        let delivered = smtp.wait_for(1).await;
        assert_eq!(delivered[0].to, ["cy@acme.test"]);
        assert_eq!(delivered[0].subject, "Hana Kim invites you to Trellis");
        let path = delivered[0].link(&format!("{}/invite/", app.base_url)).unwrap().trim_start_matches(&app.base_url).to_string();
        assert!(app.visitor().get(&path).await.has("Welcome, Cy Lam"));
        assert!(hana.get("/admin/settings").await.has("Sent in the last 24 hours: 1"));
    }

    async fn without_email_the_pages_say_whom_to_ask(db) {
        let team = import_team(&db.store).await;
        let app = TestApp::start(db).await;
        let visitor = app.visitor();
        let page = visitor.get("/forgot-password").await;
        assert!(page.has("does not send e-mail") && !page.has("Send me a link"), "{}", page.body);
        visitor.get("/sign-in").await;
        assert_eq!(visitor.post("/forgot-password", &[("email", "ana@acme.test")]).await.status, 409);
        assert_eq!(db.store.queue_health().await.unwrap().waiting, 0, "nothing queued");
        db.store.set_password(&team.id("Hana"), "hana's long password").await.unwrap();
        let hana = app.visitor();
        hana.sign_in("hana@acme.test", "hana's long password").await;
        assert!(!hana.get(&format!("/people/{}", team.id("Cy"))).await.has("Send an invitation by e-mail"));
        assert!(hana.get("/admin/settings").await.has("E-mail is off"));
    }
}
