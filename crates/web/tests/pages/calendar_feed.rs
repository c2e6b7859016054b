//! The calendar feed over HTTP, on both engines: a person makes a private address (shown
//! once), a calendar application reads it without signing in and finds their agreed
//! conversations as events with a stable UID, the right instant and a link; their manager's
//! feed holds the meetings with their reports but nothing the person does alone; cancelling
//! marks the event cancelled; a new address ends the old one; no event carries what was written.

use trellis_core::conversation::document::Slot;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot as TimeSlot;
use trellis_core::policy::Visibility::Shared;
use trellis_store::{DocumentSave, MoveRequest};
use trellis_testkit::stages::{make, propose};
use trellis_testkit::team::{email, import_team_with_passwords, TEAM_PASSWORD};
use trellis_testkit::{both_engines, TestApp, Visitor};

/// The feed address `visitor` makes on their calendar page.
async fn make_feed(visitor: &Visitor) -> String {
    assert!(visitor.get("/me/calendar").await.has("no feed address yet"));
    let page = visitor.post("/me/calendar", &[]).await;
    assert!(page.has("shown only this once"), "{}", page.body);
    let field = page.body.find("id=\"feed-address\"").unwrap();
    let start = page.body[field..].find("value=\"").unwrap() + field + "value=\"".len();
    let end = page.body[start..].find('"').unwrap() + start;
    page.body[start..end].to_string()
}

/// The events of the feed at `address`, as (UID, summary, status) read back by a parser.
async fn events(app: &TestApp, address: &str) -> Vec<(String, String, String)> {
    let response = app.api().get(address).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/calendar; charset=utf-8");
    let text = response.text().await.unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            use icalendar::Component;
            let status = e.property_value("STATUS").unwrap_or_default().to_string();
            (e.get_uid().unwrap_or_default().to_string(), e.get_summary().unwrap_or_default().to_string(), status)
        })
        .collect()
}

both_engines! {
    async fn a_feed_holds_the_agreed_conversations_and_nothing_that_was_written(db) {
        let store = &db.store;
        let team = import_team_with_passwords(store).await;
        let app = TestApp::start(db).await;
        let series = propose(store, &team, "Lena", "Ana", "three-conversations", false).await;
        make(store, &team, "Ana", &series[0], Move::Accept).await;
        make(store, &team, "Lena", &series[0], Move::Schedule).await;
        // One agreed for the morning clocks go forward in London: 10:00 BST is 09:00 UTC.
        let six_month = propose(store, &team, "Lena", "Ana", "six-month", false).await;
        make(store, &team, "Ana", &six_month[0], Move::Accept).await;
        let spring: jiff::Zoned = "2027-03-28T10:00[Europe/London]".parse().unwrap();
        let slot = TimeSlot { starts_at: spring.timestamp().as_millisecond(), minutes: 45, time_zone: "Europe/London".into() };
        let request = MoveRequest { short_notice_confirmed: true, ..MoveRequest::with_slot(Move::Schedule, slot) };
        store.move_conversation(&team.actor("Lena"), &six_month[0], &request).await.unwrap();
        let alone = propose(store, &team, "Ana", "Ana", "first-one-on-one", true).await;
        make(store, &team, "Ana", &alone[0], Move::Schedule).await;
        let ana_actor = team.actor("Ana");
        let conversation = store.conversation_view(&ana_actor, &series[0]).await.unwrap().conversation;
        let save = DocumentSave { person: &team.id("Ana"), conversation: Some(&conversation), slot: Slot::SharedNotes, visibility: Shared, body: "Wombatcrumble notes", base_revision: 0 };
        store.save_document(&ana_actor, &save).await.unwrap();

        let ana = app.visitor();
        ana.sign_in(&email("Ana"), TEAM_PASSWORD).await;
        let address = make_feed(&ana).await;
        assert!(address.starts_with(&format!("{}/calendar/", app.base_url)) && address.ends_with(".ics"));
        let domain = app.base_url.trim_start_matches("http://");
        let mine = events(&app, &address).await;
        assert_eq!(mine.len(), 3, "{mine:?}");
        assert!(mine.contains(&(format!("{}@{domain}", series[0]), "Career conversation: Your story so far".into(), "CONFIRMED".into())));
        // Long lines are folded (RFC 5545 §3.1): unfold before looking.
        let raw = app.api().get(&address).send().await.unwrap().text().await.unwrap().replace("\r\n ", "");
        assert!(!raw.contains("Wombatcrumble"), "no content in a feed");
        assert!(raw.contains(&format!("{}/conversations/{}", app.base_url, series[0])));
        // An independent reader (Python's icalendar) finds the same instants.
        let read = trellis_testkit::ical::read_events(&raw);
        let spring_event = read.iter().find(|e| e.uid == format!("{}@{domain}", six_month[0])).expect("the six-month conversation");
        assert_eq!((spring_event.start.as_str(), spring_event.end.as_str()), ("2027-03-28T09:00:00+00:00", "2027-03-28T09:45:00+00:00"));
        assert_eq!(spring_event.summary, "Career conversation: Six-month career conversation");
        assert_eq!(read.len(), 3);

        let lena = app.visitor();
        lena.sign_in(&email("Lena"), TEAM_PASSWORD).await;
        let lenas = events(&app, &make_feed(&lena).await).await;
        assert!(lenas.contains(&(format!("{}@{domain}", series[0]), "Ana Ruiz: Your story so far".into(), "CONFIRMED".into())), "{lenas:?}");
        assert_eq!(lenas.len(), 2, "the six-month conversation too, and nothing Ana does alone: {lenas:?}");
        assert!(!lenas.iter().any(|(uid, _, _)| uid.starts_with(alone[0].as_str())));

        make(store, &team, "Lena", &series[0], Move::Cancel).await;
        let after = events(&app, &address).await;
        assert!(after.iter().any(|(uid, _, status)| uid.starts_with(series[0].as_str()) && status == "CANCELLED"), "{after:?}");

        ana.post("/me/calendar", &[]).await;
        assert_eq!(app.api().get(&address).send().await.unwrap().status(), 404, "the old address ends at once");
        assert_eq!(app.api().get(format!("{}/calendar/not-a-feed.ics", app.base_url)).send().await.unwrap().status(), 404);
    }
}
