//! Reminders on a schedule, through a real SMTP server and a running Trellis, on both engines:
//! the day before a conversation the person is asked whether they are ready, and either link
//! answers once without signing in (opening it changes nothing); the prompts to prepare and
//! the gentle probe of an untouched plan come once however often the rules run; a manager's
//! weekly summary lists who needs them and is not sent when nobody does; a change of manager
//! asks the person what travels; one-click unsubscribe (RFC 8058) and the settings page turn a
//! kind of mail off, and security mail carries no unsubscribe link.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{app_with_mail, drain};
use trellis_core::artefact::Kind;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::ids::ConversationId;
use trellis_core::policy::Visibility::Shared;
use trellis_store::jobs::Mail;
use trellis_store::{MailCategory, MoveRequest, NewArtefact, Store};
use trellis_testkit::both_engines;
use trellis_testkit::smtp::{Delivered, SmtpServer};
use trellis_testkit::stages::{make, propose, valid_fields};
use trellis_testkit::team::{import_team, import_team_with_passwords, signed_in, Team};

const HOUR_MS: i64 = 3_600_000;

/// Lena agrees a time `hours_ahead` from now (in London) for `id`.
async fn agree_time(store: &Store, team: &Team, id: &ConversationId, hours_ahead: i64) {
    let starts_at = trellis_store::now_millis() + hours_ahead * HOUR_MS;
    let slot = Slot { starts_at, minutes: 60, time_zone: "Europe/London".into() };
    let request = MoveRequest { short_notice_confirmed: true, ..MoveRequest::with_slot(Move::Schedule, slot) };
    store.move_conversation(&team.actor("Lena"), id, &request).await.unwrap();
}

fn find<'a>(delivered: &'a [Delivered], subject: &str) -> &'a Delivered {
    delivered.iter().find(|m| m.subject == subject).unwrap_or_else(|| {
        panic!("no mail “{subject}” among {:?}", delivered.iter().map(|m| &m.subject).collect::<Vec<_>>())
    })
}

both_engines! {
    async fn the_readiness_question_comes_the_day_before_and_its_links_answer_once(db) {
        let store = &db.store;
        let team = import_team_with_passwords(store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        store.set_time_zone(&team.actor("Ana"), Some("Europe/Berlin")).await.unwrap();
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        agree_time(store, &team, &series[0], 20).await;
        // The worker's own sweep of this quarter hour queues the question with the news (three
        // mails, and the invitation for Lena's own calendar).
        drain(&worker).await;
        let delivered = smtp.wait_for(5).await;
        assert_eq!(store.sweep_reminders().await.unwrap().mails, 0, "the next sweep finds nothing new");
        let asked = find(&delivered, "Are you ready for “Your story so far”?");
        assert_eq!(asked.to, ["ana@acme.test"]);
        assert!(asked.text.contains("(Europe/Berlin)"), "in the reader's zone: {}", asked.text);
        let answers = asked.links(&app.url("/mail/"));
        assert_eq!(answers.len(), 2, "{}", asked.text);
        let (ready, more_time) = (answers[0].trim_start_matches(&app.base_url), answers[1].trim_start_matches(&app.base_url));
        assert!(ready.ends_with("/ready") && more_time.ends_with("/more-time"), "{answers:?}");
        assert_eq!(asked.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));

        // Opening the link shows what the button does and changes nothing (a mail scanner
        // following links answers nothing); the button answers, once.
        let visitor = app.visitor();
        let opened = visitor.get(ready).await;
        assert_eq!(opened.status, 200);
        assert!(opened.has("Are you ready?") && opened.has("Your story so far"), "{}", opened.body);
        let ready_now = || async { store.conversation_view(&team.actor("Lena"), &series[0]).await.unwrap().conversation.ready };
        assert!(!ready_now().await, "opening the link is not an answer");
        let answered = visitor.post(ready, &[]).await;
        assert_eq!(answered.status, 200, "{}", answered.body);
        assert!(answered.has("your manager sees that you are ready"), "{}", answered.body);
        assert!(ready_now().await);
        assert_eq!(visitor.post(ready, &[]).await.status, 404, "a second press finds the link spent");
        assert_eq!(visitor.get(more_time).await.status, 404, "either link answers once for both");

        // A mail client's one-click unsubscribe: a POST without cookie or form token.
        let unsubscribe = asked.list_unsubscribe.clone().unwrap();
        let unsubscribe = unsubscribe.trim_start_matches('<').trim_end_matches('>');
        let one_click = app.visitor().post_raw(unsubscribe.trim_start_matches(&app.base_url), &[("List-Unsubscribe", "One-Click")]).await;
        assert_eq!(one_click.status, 200, "{}", one_click.body);
        assert_eq!(store.mails_turned_off(&team.id("Ana")).await.unwrap(), [MailCategory::Reminders]);
        let news_mail = find(&delivered, "Lena Park proposed a career conversation: Your story so far");
        assert!(news_mail.list_unsubscribe.is_some(), "news can be stopped too");

        // Ana turns reminders back on and news off on her settings page.
        let ana = signed_in(&app, "Ana").await;
        let settings = ana.get("/me/settings").await;
        assert!(settings.has("name=\"reminders\"") && settings.has("name=\"digest\""), "Ana manages Cy: {}", settings.body);
        assert!(!settings.has("id=\"mail-reminders\" name=\"reminders\" value=\"on\" checked"), "{}", settings.body);
        let saved = ana.post("/me/settings", &[("time_zone", ""), ("mails_shown", "yes"), ("reminders", "on"), ("digest", "on")]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        assert_eq!(store.mails_turned_off(&team.id("Ana")).await.unwrap(), [MailCategory::News]);
    }

    async fn prompts_to_prepare_and_the_probe_of_an_untouched_plan_come_once_and_answer_by_mail(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        let goal = NewArtefact { kind: Kind::Goal, fields: valid_fields(Kind::Goal, "Lead a project"), visibility: Shared, parent: None };
        store.add_artefact(&ana, &ana_id, &goal).await.unwrap();
        store.backdate_plan_for_demo(&ana_id, 200).await.unwrap();
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        agree_time(store, &team, &series[0], 72).await;
        drain(&worker).await;
        let delivered = smtp.wait_for(6).await;
        let prepare = find(&delivered, "The questions for “Your story so far” are ready");
        assert_eq!(prepare.link(&app.url("/conversations/")), Some(app.url(&format!("/conversations/{}", series[0]))));
        let probe = find(&delivered, "Is your plan still right?");
        assert!(probe.text.contains("has not changed since"), "{}", probe.text);
        let still_right = probe.link(&app.url("/mail/")).unwrap();
        assert!(still_right.ends_with("/still-right"));
        assert_eq!(store.sweep_reminders().await.unwrap().mails, 0, "each is told once");

        let visitor = app.visitor();
        let path = still_right.trim_start_matches(&app.base_url);
        assert!(visitor.get(path).await.has("Yes, it is still right"));
        let answered = visitor.post(path, &[]).await;
        assert!(answered.has("your plan stays as it is"), "{}", answered.body);
        let playbooks = store.current_playbooks().await.unwrap();
        let own = store.follow_through_of(&ana, &ana_id, &playbooks, "UTC").await.unwrap();
        assert!(own.items.iter().all(|item| item.next != trellis_core::follow_through::NextStep::ReviewPlan), "answered");
    }

    async fn the_weekly_summary_lists_who_needs_the_manager_and_a_new_manager_asks_what_travels(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let (app, worker) = app_with_mail(db, &smtp).await;
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        drain(&worker).await;
        let news = smtp.wait_for(2).await.len();
        // The week as the sweep names it on Monday mornings; a test week, so a real Monday's
        // sweep cannot have taken it.
        let digest = |who: &str| Mail::Digest { person: team.id(who).to_string(), week: "test-week".into() }.job();
        for who in ["Lena", "Cy"] {
            assert!(store.enqueue_job(&digest(who)).await.unwrap());
        }
        assert!(!store.enqueue_job(&digest("Lena")).await.unwrap(), "once a week");
        drain(&worker).await;
        store.change_manager(Some(&team.id("Hana")), &team.id("Ana"), Some(&team.id("Hana")), "web").await.unwrap();
        drain(&worker).await;
        let delivered = smtp.wait_for(news + 2).await;
        assert!(delivered.iter().all(|m| m.to != ["cy@acme.test"]), "nobody needs Cy: no summary");
        let summary = find(&delivered, "Your team this week: 1 person needs you");
        assert_eq!(summary.to, ["lena@acme.test"]);
        assert!(summary.text.contains("- Ana Ruiz — Due:"), "{}", summary.text);
        let consent = find(&delivered, "Hana Kim is now your manager: choose what they may see");
        assert_eq!(consent.to, ["ana@acme.test"]);
        assert!(consent.text.contains("What was written with Lena Park before the change stays with you"), "{}", consent.text);
        assert_eq!(consent.link(&app.url("/me/")), Some(app.url("/me/handoff")));
        assert_eq!(consent.list_unsubscribe, None, "what a new manager may see is always asked");
    }
}
