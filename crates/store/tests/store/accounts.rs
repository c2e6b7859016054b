//! Store scenarios for accounts: sign-in, throttling, sessions, tokens and one-time links,
//! each run on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::person::{PersonDraft, PersonInput};
use trellis_core::Error;
use trellis_store::{LinkPurpose, SessionPolicy, SignInLimits};
use trellis_testkit::both_engines;
use trellis_testkit::team::import_team;

const PASSWORD: &str = "correct horse battery";

both_engines! {
    async fn a_person_signs_in_with_the_right_password_only(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.set_password(&team.id("Ana"), PASSWORD).await.unwrap();
        let limits = SignInLimits::default();
        let ana = store.sign_in("ANA@acme.test ", PASSWORD, "10.1.1.1", &limits).await.unwrap();
        assert_eq!(ana.id, team.id("Ana"));
        assert!(matches!(store.sign_in("ana@acme.test", "wrong password", "10.1.1.1", &limits).await, Err(Error::Unauthorized)));
        assert!(matches!(store.sign_in("nobody@acme.test", PASSWORD, "10.1.1.1", &limits).await, Err(Error::Unauthorized)));
        assert!(matches!(store.sign_in("ben@acme.test", PASSWORD, "10.1.1.1", &limits).await, Err(Error::Unauthorized)), "no password yet");
        store.set_person_active(None, &team.id("Ana"), false).await.unwrap();
        assert!(matches!(store.sign_in("ana@acme.test", PASSWORD, "10.1.1.1", &limits).await, Err(Error::Unauthorized)));
    }

    async fn failed_sign_ins_are_throttled_per_account_and_per_address(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.set_password(&team.id("Ana"), PASSWORD).await.unwrap();
        let limits = SignInLimits { per_client: 6, per_account: 3, window_ms: 60_000 };
        for _ in 0..3 {
            assert!(matches!(store.sign_in("ana@acme.test", "guess", "10.0.0.66", &limits).await, Err(Error::Unauthorized)));
        }
        let blocked = store.sign_in("ana@acme.test", PASSWORD, "10.0.0.66", &limits).await.unwrap_err();
        assert!(matches!(&blocked, Error::RateLimited(m) if m.contains("this account")), "{blocked:?}");
        // The attacker cannot lock Ana out: from her own address she still signs in.
        assert!(store.sign_in("ana@acme.test", PASSWORD, "10.0.0.7", &limits).await.is_ok());
        for email in ["ben@acme.test", "cy@acme.test", "vic@acme.test"] {
            let _ = store.sign_in(email, "guess", "10.0.0.66", &limits).await;
        }
        let blocked = store.sign_in("lena@acme.test", "guess", "10.0.0.66", &limits).await.unwrap_err();
        assert!(matches!(&blocked, Error::RateLimited(m) if m.contains("your network")), "{blocked:?}");
    }

    async fn sessions_live_until_sign_out_idle_or_absolute_expiry(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let policy = SessionPolicy::default();
        let secret = store.create_session(&team.id("Ana")).await.unwrap();
        let session = store.session(&secret, &policy).await.unwrap().unwrap();
        assert_eq!(session.person.id, team.id("Ana"));
        assert!(session.csrf_token.len() >= 32);
        assert!(store.session("forged", &policy).await.unwrap().is_none());
        let idle = SessionPolicy { idle_ms: -1, ..policy };
        assert!(store.session(&secret, &idle).await.unwrap().is_none(), "idle expiry");
        assert!(store.session(&secret, &policy).await.unwrap().is_none(), "an expired session is gone");
        let secret = store.create_session(&team.id("Ana")).await.unwrap();
        let absolute = SessionPolicy { absolute_ms: -1, ..policy };
        assert!(store.session(&secret, &absolute).await.unwrap().is_none(), "absolute expiry");
        let secret = store.create_session(&team.id("Ana")).await.unwrap();
        store.end_session(&secret).await.unwrap();
        assert!(store.session(&secret, &policy).await.unwrap().is_none(), "sign-out");
        let secret = store.create_session(&team.id("Ana")).await.unwrap();
        store.set_person_active(None, &team.id("Ana"), false).await.unwrap();
        assert!(store.session(&secret, &policy).await.unwrap().is_none(), "deactivation ends sessions");
    }

    async fn api_tokens_are_shown_once_stored_hashed_and_revocable(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (token, secret) = store.create_token(&team.id("Hana"), "HRIS sync").await.unwrap();
        assert!(secret.starts_with("trellis_") && secret.starts_with(&token.prefix));
        assert_eq!(store.person_for_token(&secret).await.unwrap().unwrap().id, team.id("Hana"));
        assert!(store.person_for_token("trellis_forged").await.unwrap().is_none());
        let listed = store.list_tokens(&team.id("Hana")).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].last_used_at.is_some());
        assert!(store.revoke_token(&team.id("Ana"), &token.id).await.is_err(), "only the owner revokes");
        store.revoke_token(&team.id("Hana"), &token.id).await.unwrap();
        assert!(store.person_for_token(&secret).await.unwrap().is_none());
    }

    async fn an_invitation_link_sets_a_password_exactly_once(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let code = store.create_link(LinkPurpose::Invite, Some(&team.id("Ben")), Some(&team.id("Hana")), 60_000).await.unwrap();
        assert_eq!(store.pending_invitations().await.unwrap()[0].0.id, team.id("Ben"));
        let link = store.peek_link(&code, LinkPurpose::Invite).await.unwrap();
        assert_eq!(link.person.unwrap().name, "Ben Ode");
        assert!(store.peek_link(&code, LinkPurpose::Reset).await.is_err(), "a link serves one purpose");
        store.redeem_password_link(&code, LinkPurpose::Invite, PASSWORD).await.unwrap();
        assert!(store.sign_in("ben@acme.test", PASSWORD, "10.0.0.1", &SignInLimits::default()).await.is_ok());
        assert!(store.redeem_password_link(&code, LinkPurpose::Invite, "another password").await.is_err());
        assert!(store.pending_invitations().await.unwrap().is_empty());
    }

    async fn expired_and_replaced_links_stop_working(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let expired = store.create_link(LinkPurpose::Reset, Some(&team.id("Ana")), None, -1).await.unwrap();
        assert!(store.peek_link(&expired, LinkPurpose::Reset).await.is_err());
        let first = store.create_link(LinkPurpose::Reset, Some(&team.id("Ana")), None, 60_000).await.unwrap();
        let second = store.create_link(LinkPurpose::Reset, Some(&team.id("Ana")), None, 60_000).await.unwrap();
        assert!(store.peek_link(&first, LinkPurpose::Reset).await.is_err(), "a newer link replaces the older");
        assert!(store.peek_link(&second, LinkPurpose::Reset).await.is_ok());
    }

    async fn the_setup_link_makes_the_first_admin_once(db) {
        let store = &db.store;
        assert!(!store.has_admin_account().await.unwrap());
        let code = store.create_link(LinkPurpose::Setup, None, None, 60_000).await.unwrap();
        let bad = PersonDraft::parse(&PersonInput { name: "Hana Kim".into(), ..Default::default() }).unwrap();
        assert_eq!(store.complete_setup(&code, &bad, PASSWORD).await.unwrap_err().field_errors()[0].field, "email");
        let draft = PersonDraft::parse(&PersonInput { name: "Hana Kim".into(), email: "hana@acme.test".into(), ..Default::default() }).unwrap();
        let admin = store.complete_setup(&code, &draft, PASSWORD).await.unwrap();
        assert!(admin.is_admin && admin.can_sign_in);
        assert!(store.has_admin_account().await.unwrap());
        let again = store.create_link(LinkPurpose::Setup, None, None, 60_000).await.unwrap();
        assert!(store.complete_setup(&again, &draft, PASSWORD).await.is_err(), "only while there is no admin");
        assert_eq!(store.count_people().await.unwrap(), 1);
    }
}
