//! Conversation news by mail, through a real SMTP server on both engines: a proposal reaches
//! the person, an answer reaches the proposer, a declined offer reaches the manager as a calm
//! note and the person hears nothing more, a conversation held alone tells nobody; and no mail
//! carries a word of what anyone wrote (a marker planted in every kind of item, in notes and
//! in the conversation's documents appears in none of them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::flow::Move;
use trellis_core::policy::Visibility::Shared;
use trellis_mail::{Mailer, SmtpSettings, Worker};
use trellis_store::{DocumentSave, NewArtefact};
use trellis_testkit::both_engines;
use trellis_testkit::smtp::SmtpServer;
use trellis_testkit::stages::{make, propose, valid_fields};
use trellis_testkit::team::import_team;

/// A word written only into Ana's space.
const MARK: &str = "Quokkamarmalade";

both_engines! {
    async fn each_side_hears_what_the_other_did_and_no_mail_carries_what_was_written(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let settings = SmtpSettings::new(&smtp.url(), "Trellis <trellis@acme.test>").unwrap();
        let worker = Worker::new(store.clone(), Mailer::new(settings).unwrap(), "http://trellis.acme.test");
        let (ana, ana_id) = (team.actor("Ana"), team.id("Ana"));
        for kind in Kind::ALL {
            let new = NewArtefact { kind, fields: valid_fields(kind, &format!("{MARK} {kind:?}")), visibility: Shared, parent: None };
            store.add_artefact(&ana, &ana_id, &new).await.unwrap();
        }
        store.add_note(&ana, &ana_id, Shared, &format!("{MARK} note")).await.unwrap();

        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        let conversation = store.conversation_view(&ana, &series[0]).await.unwrap().conversation;
        let prep = DocumentSave { person: &ana_id, conversation: Some(&conversation), slot: Slot::SharedNotes, visibility: Shared, body: &format!("{MARK} notes"), base_revision: 0 };
        store.save_document(&ana, &prep).await.unwrap();
        make(store, &team, "Lena", &series[0], Move::Schedule).await;
        let six_month = propose(store, &team, "Lena", "Ana", "six-month", false).await;
        make(store, &team, "Ana", &six_month[0], Move::Decline).await;
        propose(store, &team, "Ana", "Ana", "three-conversations", true).await;
        // Each mail is composed when it is sent, from the conversation as it is then.
        while worker.run_once().await.unwrap() > 0 {}
        make(store, &team, "Lena", &series[0], Move::Cancel).await;
        while worker.run_once().await.unwrap() > 0 {}
        let delivered = smtp.wait_for(8).await;
        let mut said: Vec<(String, String)> = delivered.iter().map(|m| (m.to[0].clone(), m.subject.clone())).collect();
        said.sort();
        let agreed = delivered.iter().find(|m| m.subject.starts_with("Your story so far for ")).expect("the agreed time");
        let mut expected = [
            ("ana@acme.test", "Lena Park proposed a career conversation: Your story so far".to_string()),
            ("lena@acme.test", "Ana Ruiz accepted: Your story so far".to_string()),
            ("ana@acme.test", agreed.subject.clone()),
            ("lena@acme.test", "For your calendar: Your story so far".to_string()),
            ("ana@acme.test", "Lena Park proposed a career conversation: Six-month career conversation".to_string()),
            ("lena@acme.test", "Ana Ruiz would rather not have “Six-month career conversation” now".to_string()),
            ("ana@acme.test", "Lena Park called off: Your story so far".to_string()),
            ("lena@acme.test", "For your calendar: Your story so far".to_string()),
        ]
        .map(|(to, subject)| (to.to_string(), subject));
        expected.sort();
        assert_eq!(said, expected, "the solo conversation tells nobody; the decline reaches the manager only");
        assert!(agreed.subject.ends_with("(UTC)"), "the agreed time in the reader's zone: {}", agreed.subject);
        let declined = delivered.iter().find(|m| m.subject.contains("would rather not")).unwrap();
        assert!(declined.text.contains("no reminder"), "{}", declined.text);
        let proposed = delivered.iter().find(|m| m.subject.ends_with("proposed a career conversation: Your story so far")).unwrap();
        let link = proposed.link("http://trellis.acme.test/conversations/").unwrap();
        assert_eq!(link, format!("http://trellis.acme.test/conversations/{}", series[0]));
        for mail in &delivered {
            assert!(!mail.raw.contains(MARK), "a mail carried what was written: {}", mail.raw);
        }

        // The agreed time comes with an invitation, the cancellation with its cancel, same UID;
        // the one who acted gets the same for their own calendar.
        let invitation = agreed.calendar.clone().expect("an invitation with the agreed time");
        let called_off = delivered.iter().find(|m| m.subject == "Lena Park called off: Your story so far").unwrap();
        let cancel = called_off.calendar.clone().expect("a cancellation for the calendar");
        assert!(proposed.calendar.is_none(), "a proposal has no time to put in a calendar");
        let copies: Vec<String> = delivered.iter().filter(|m| m.subject.starts_with("For your calendar")).map(|m| m.calendar.clone().expect("the organiser's copy")).collect();
        let uid = format!("UID:{}@trellis.acme.test", series[0]);
        for (ics, method) in [(&invitation, "METHOD:REQUEST"), (&cancel, "METHOD:CANCEL"), (&copies[0], "METHOD:"), (&copies[1], "METHOD:")] {
            let unfolded = ics.replace("\r\n ", "");
            assert!(unfolded.contains(method) && unfolded.contains(&uid), "{uid} in {unfolded}");
            assert!(unfolded.contains("ORGANIZER;CN=Lena Park:mailto:lena@acme.test"), "{unfolded}");
            assert!(unfolded.contains("ATTENDEE;CN=Ana Ruiz;ROLE=REQ-PARTICIPANT:mailto:ana@acme.test"), "{unfolded}");
            let parsed: icalendar::Calendar = ics.parse().unwrap();
            assert_eq!(parsed.components.iter().filter_map(|c| c.as_event()).count(), 1);
            assert!(!ics.contains(MARK));
        }
        // An independent reader (Python's icalendar) sees one event per invitation, the same UID,
        // both attendees, the growing sequence.
        let (requested, called_off) = (trellis_testkit::ical::read_events(&invitation), trellis_testkit::ical::read_events(&cancel));
        assert_eq!((requested.len(), called_off.len()), (1, 1));
        assert_eq!((requested[0].method.as_str(), called_off[0].method.as_str()), ("REQUEST", "CANCEL"));
        assert_eq!(requested[0].uid, called_off[0].uid);
        assert_eq!(called_off[0].status, "CANCELLED");
        assert_eq!(requested[0].attendees, ["mailto:lena@acme.test", "mailto:ana@acme.test"]);
        assert!(called_off[0].sequence.parse::<u32>().unwrap() > requested[0].sequence.parse::<u32>().unwrap());
        let sequence = |ics: &str| ics.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).unwrap().trim().parse::<u32>().unwrap();
        assert!(sequence(&cancel) > sequence(&invitation), "the cancellation supersedes the invitation");
    }
}

/// Lena agrees `local` (e.g. "2027-03-28 10:00") in London for a new conversation with Ana;
/// the invitation Ana receives.
async fn invitation_for(
    store: &trellis_store::Store,
    team: &trellis_testkit::team::Team,
    worker: &Worker,
    smtp: &SmtpServer,
    local: &str,
) -> String {
    use trellis_core::conversation::schedule::parse_slot;
    let (date, time) = local.split_once(' ').unwrap();
    let slot = parse_slot(date, time, "60", "Europe/London", 0).unwrap();
    let id = propose(store, team, "Lena", "Ana", "first-one-on-one", false).await[0].clone();
    make(store, team, "Ana", &id, Move::Accept).await;
    let request = trellis_store::MoveRequest {
        short_notice_confirmed: true,
        ..trellis_store::MoveRequest::with_slot(Move::Schedule, slot)
    };
    store.move_conversation(&team.actor("Lena"), &id, &request).await.unwrap();
    while worker.run_once().await.unwrap() > 0 {}
    let delivered = smtp.delivered();
    let agreed =
        delivered.iter().rev().find(|m| m.to == ["ana@acme.test"] && m.calendar.is_some()).expect("an invitation");
    agreed.calendar.clone().unwrap()
}

both_engines! {
    async fn an_invitation_gives_the_agreed_zone_and_the_right_instant_on_both_sides_of_a_clock_change(db) {
        let store = &db.store;
        let team = import_team(store).await;
        let smtp = SmtpServer::start();
        let settings = SmtpSettings::new(&smtp.url(), "Trellis <trellis@acme.test>").unwrap();
        let worker = Worker::new(store.clone(), Mailer::new(settings).unwrap(), "http://trellis.acme.test");
        // 10:00 in London on the first morning of summer time is 09:00 UTC; on the first
        // morning of winter time, 10:00 UTC.
        for (local, utc) in [("2027-03-28 10:00", "2027-03-28T09:00:00+00:00"), ("2027-10-31 10:00", "2027-10-31T10:00:00+00:00")] {
            let ics = invitation_for(store, &team, &worker, &smtp, local).await;
            assert!(ics.replace("\r\n ", "").contains(&format!("DTSTART;TZID=Europe/London:{}T100000", local[..10].replace('-', ""))), "{ics}");
            let read = trellis_testkit::ical::read_events(&ics);
            assert_eq!(read.len(), 1);
            assert_eq!(read[0].tzid, "Europe/London");
            assert_eq!(read[0].start, utc, "as Python's time-zone database reads the zone's name");
            assert_eq!(read[0].start_by_vtimezone, utc, "as the invitation's own VTIMEZONE defines it: {ics}");
        }
    }
}
