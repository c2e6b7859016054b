//! Store scenarios for the trust promises: a password link made by the people team is never
//! quiet, a new password ends every session and token, sign-in throttling holds under
//! concurrent guesses and spares browsers that signed in before, the trail records visits
//! rather than items, and only an author deletes. Each runs on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::policy::Visibility::Shared;
use trellis_core::Error;
use trellis_store::{Actor, LinkPurpose, NewArtefact, SignInLimits, Store};
use trellis_testkit::both_engines;
use trellis_testkit::stages::valid_fields;
use trellis_testkit::team::{import_team, Team};

const PASSWORD: &str = "correct horse battery";

/// Ana as she is signed in now (the roster row as it stands, with any link mark).
async fn ana_now(store: &Store, team: &Team) -> Actor {
    Actor::from(&store.person(&team.id("Ana")).await.unwrap())
}

both_engines! {
    async fn a_password_link_made_by_the_people_team_is_in_the_trail_and_marks_everything_done_with_it(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let (ana, hana) = (team.id("Ana"), team.id("Hana"));
        store.set_password(&ana, PASSWORD).await.unwrap();
        let (_, token) = store.create_token(&ana, "script").await.unwrap();
        let session = store.create_session(&ana).await.unwrap();

        let code = store.create_link(LinkPurpose::Reset, Some(&ana), Some(&hana), 60_000).await.unwrap();
        let trail = store.audit_trail(&ana_now(store, &team).await, &ana, 1).await.unwrap();
        assert_eq!((trail[0].actor_name.as_str(), trail[0].action.as_str()), ("Hana Kim", "made_link"), "{trail:?}");

        store.redeem_password_link(&code, LinkPurpose::Reset, "hana knows this one").await.unwrap();
        assert!(store.person_for_token(&token).await.unwrap().is_none(), "a new password revokes every token");
        assert!(store.session(&session, &Default::default()).await.unwrap().is_none(), "and ends every session");
        let marked = store.person(&ana).await.unwrap();
        assert_eq!(marked.password_link_by.as_ref(), Some(&hana));
        assert!(store.password_link_notice(&ana).await.unwrap().is_some_and(|(maker, _)| maker == "Hana Kim"));

        store.sign_in("ana@acme.test", "hana knows this one", "10.0.0.9", &SignInLimits::default()).await.unwrap();
        let as_ana = ana_now(store, &team).await;
        let entry = NewArtefact { kind: Kind::Mentor, fields: valid_fields(Kind::Mentor, "Mo"), visibility: trellis_core::policy::Visibility::Private, parent: None };
        store.add_artefact(&as_ana, &ana, &entry).await.unwrap();
        store.artefacts(&as_ana, &ana, None).await.unwrap();
        let trail = store.audit_trail(&as_ana, &ana, 1).await.unwrap();
        let under_hana: Vec<&str> = trail.iter().filter(|e| e.link_maker_name.as_deref() == Some("Hana Kim")).map(|e| e.action.as_str()).collect();
        assert!(["set_password", "sign_in", "write", "read"].iter().all(|a| under_hana.contains(a)), "{trail:?}");

        // Changing the password while signed in keeps the mark: it may be Hana changing it.
        store.set_password(&ana, "changed while signed in").await.unwrap();
        assert!(store.person(&ana).await.unwrap().password_link_by.is_some());
        // A link nobody else made (the server's command line) ends it.
        let own = store.create_link(LinkPurpose::Reset, Some(&ana), None, 60_000).await.unwrap();
        store.redeem_password_link(&own, LinkPurpose::Reset, "only ana knows").await.unwrap();
        assert!(store.person(&ana).await.unwrap().password_link_by.is_none());
        assert!(store.password_link_notice(&ana).await.unwrap().is_none());
    }

    async fn concurrent_wrong_passwords_for_one_account_are_checked_no_more_than_the_limit(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.set_password(&team.id("Ana"), PASSWORD).await.unwrap();
        let limits = SignInLimits { per_client: 1_000, per_account: 5, window_ms: 60_000 };
        let guesses = (0..64).map(|i| {
            let (store, limits) = (store.clone(), limits.clone());
            tokio::spawn(async move { store.sign_in("ana@acme.test", &format!("guess {i}"), "10.0.0.66", &limits).await })
        });
        let mut checked = 0;
        let mut throttled = 0;
        for guess in guesses {
            match guess.await.unwrap() {
                Err(Error::Unauthorized) => checked += 1,
                Err(Error::RateLimited(_)) => throttled += 1,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!((checked, throttled), (5, 59));
    }

    async fn a_flood_from_one_address_does_not_lock_out_a_browser_that_signed_in_before(db) {
        let store = &db.store;
        let team = import_team(store).await;
        store.set_password(&team.id("Ana"), PASSWORD).await.unwrap();
        let limits = SignInLimits { per_client: 6, per_account: 3, window_ms: 60_000 };
        let office = "10.0.0.1";
        let first = store.sign_in_from_device("ana@acme.test", PASSWORD, office, None, &limits).await.unwrap();
        for i in 0..20 {
            let _ = store.sign_in("ana@acme.test", &format!("guess {i}"), office, &limits).await;
            let _ = store.sign_in("lena@acme.test", &format!("guess {i}"), office, &limits).await;
        }
        let blocked = store.sign_in("ana@acme.test", PASSWORD, office, &limits).await.unwrap_err();
        assert!(matches!(blocked, Error::RateLimited(_)), "an unknown browser behind that address is held back");
        let again = store.sign_in_from_device("ana@acme.test", PASSWORD, office, Some(&first.device), &limits).await.unwrap();
        assert_eq!(again.person.id, team.id("Ana"), "Ana's own browser still signs in");
        assert!(store.sign_in_from_device("lena@acme.test", PASSWORD, office, Some(&first.device), &limits).await.is_err(), "the device is Ana's, not Lena's");
    }

    async fn the_trail_records_one_visit_for_many_items_read_many_times(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        let entries: Vec<NewArtefact> = (0..300)
            .map(|i| NewArtefact { kind: Kind::JournalEntry, fields: valid_fields(Kind::JournalEntry, &format!("entry {i}")), visibility: Shared, parent: None })
            .collect();
        store.add_artefacts(&team.actor("Ana"), &ana, &entries).await.unwrap();
        for _ in 0..20 {
            assert_eq!(store.artefacts(&team.actor("Lena"), &ana, Some(Kind::JournalEntry)).await.unwrap().len(), 300);
        }
        assert_eq!(store.audit_trail_len(&ana).await.unwrap(), 1, "20 views of 300 entries: one visit");
        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        assert_eq!((trail[0].actor_name.as_str(), trail[0].item_count, trail[0].times), ("Lena Park", 300, 20));
        assert!(trail[0].first_at_millis <= trail[0].at_millis);
    }

    async fn only_the_author_deletes_a_note_and_a_deletion_reads_as_one(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let ana = team.id("Ana");
        let hers = store.add_note(&team.actor("Ana"), &ana, Shared, "Ana and me").await.unwrap();
        let listed = store.notes_for(&team.actor("Lena"), &ana).await.unwrap();
        assert!(!listed[0].deletable, "the manager is not offered to delete it");
        let refused = store.delete_note(&team.actor("Lena"), &hers.id).await.unwrap_err();
        assert!(matches!(refused, Error::Forbidden(_)), "{refused:?}");
        let lenas = store.add_note(&team.actor("Lena"), &ana, Shared, "from Lena").await.unwrap();
        store.delete_note(&team.actor("Lena"), &lenas.id).await.unwrap();
        let trail = store.audit_trail(&team.actor("Ana"), &ana, 1).await.unwrap();
        assert!(trail.iter().any(|e| e.action == "delete" && e.item_kind == "note"), "{trail:?}");
        assert_eq!(store.notes_for(&team.actor("Ana"), &ana).await.unwrap().len(), 1, "Ana's note is still there");
    }
}
