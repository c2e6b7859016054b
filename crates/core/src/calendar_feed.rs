//! A person's calendar feed (RFC 5545) and the invitations mailed for a conversation (RFC
//! 5546). An event carries the title, the time and a link, never what anyone wrote. In the
//! feed times are in UTC (the same instant in every zone and across a change of daylight
//! saving); an invitation gives the time in the zone it was agreed in, with that zone as a
//! `VTIMEZONE`. A stable `UID` per conversation lets a calendar move or cancel the event when
//! the conversation moves. Built with `icalendar`.

use crate::calendar_zone::{local_time, vtimezone};
use chrono::{DateTime, NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};

/// One conversation in a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedEvent {
    /// The conversation's id (the event's UID is made from it).
    pub id: String,
    /// What the calendar shows, e.g. "Career conversation: Your story so far".
    pub summary: String,
    /// Milliseconds since the epoch.
    pub starts_at: i64,
    pub minutes: u32,
    pub cancelled: bool,
    /// Where the conversation is, in Trellis.
    pub link: String,
    /// When it last changed (milliseconds), for `LAST-MODIFIED`.
    pub updated_at: i64,
}

/// What calendars call a conversation of one's own.
pub fn event_title(title: &str) -> String {
    format!("Career conversation: {title}")
}

fn utc(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// What makes UIDs unique to an installation: its address without the scheme, so the feed and
/// the invitations name the same event alike.
fn uid_domain(public_url: &str) -> &str {
    public_url.split_once("://").map_or(public_url, |(_, rest)| rest)
}

/// The event of `event`, with its UID made unique by the installation's `public_url`.
fn vevent(event: &FeedEvent, public_url: &str) -> Event {
    let mut item = Event::new();
    item.uid(&format!("{}@{}", event.id, uid_domain(public_url)))
        .summary(&event.summary)
        .starts(utc(event.starts_at))
        .ends(utc(event.starts_at + i64::from(event.minutes) * 60_000))
        .description(&format!("{}\n{}", event.summary, event.link))
        .url(&event.link)
        .timestamp(utc(event.updated_at))
        .status(if event.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
    item.done()
}

/// Someone in an invitation: their name and address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitee {
    pub name: String,
    pub email: String,
}

fn person_property(key: &str, who: &Invitee) -> Property {
    let mut property = Property::new(key, format!("mailto:{}", who.email));
    property.add_parameter("CN", &who.name);
    property.done()
}

/// `millis` as a local time in `zone`, for a `DTSTART;TZID=…`.
fn zoned(millis: i64, zone: &str) -> Option<CalendarDateTime> {
    let date_time = NaiveDateTime::parse_from_str(&local_time(millis, zone)?, "%Y%m%dT%H%M%S").ok()?;
    Some(CalendarDateTime::WithTimezone { date_time, tzid: zone.to_string() })
}

/// An invitation (RFC 5546 `METHOD:REQUEST`, or `METHOD:CANCEL` when the event is cancelled)
/// from `organizer` to `attendees`, with the time in `time_zone` (UTC if the zone is unknown).
/// `sequence` grows with each new time, so a calendar replaces the event it has under the
/// same UID.
pub fn render_invitation(
    event: &FeedEvent,
    public_url: &str,
    (sequence, time_zone): (u32, &str),
    organizer: &Invitee,
    attendees: &[Invitee],
) -> String {
    let mut item = vevent(event, public_url);
    let ends_at = event.starts_at + i64::from(event.minutes) * 60_000;
    let zone = vtimezone(time_zone, event.starts_at);
    if let (Some(_), Some(start), Some(end)) = (&zone, zoned(event.starts_at, time_zone), zoned(ends_at, time_zone)) {
        item.starts(start).ends(end);
    }
    item.add_property("SEQUENCE", sequence.to_string());
    item.append_property(person_property("ORGANIZER", organizer));
    for attendee in attendees {
        let mut property = person_property("ATTENDEE", attendee);
        property.add_parameter("ROLE", "REQ-PARTICIPANT");
        item.append_multi_property(property.done());
    }
    let mut calendar = Calendar::new();
    calendar.append_property(Property::new("METHOD", if event.cancelled { "CANCEL" } else { "REQUEST" }));
    calendar.push(item.done());
    let text = calendar.done().to_string();
    match zone {
        Some(zone) => text.replacen("BEGIN:VEVENT\r\n", &format!("{zone}BEGIN:VEVENT\r\n"), 1),
        None => text,
    }
}

/// The feed named `name`, with `events`; `public_url` (the installation's address) makes the
/// UIDs unique to it.
pub fn render_feed(name: &str, public_url: &str, events: &[FeedEvent]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for event in events {
        calendar.push(vevent(event, public_url));
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_holds_its_title_time_and_link_and_a_stable_uid() {
        let event = FeedEvent {
            id: "c1".into(),
            summary: "Career conversation: Your story so far".into(),
            starts_at: 1_806_231_600_000, // 2027-03-28 11:00 UTC, the day clocks change in Europe
            minutes: 60,
            cancelled: false,
            link: "https://t.example/conversations/c1".into(),
            updated_at: 1_800_000_000_000,
        };
        let text = render_feed("Trellis: Ana Ruiz", "https://t.example", std::slice::from_ref(&event));
        let parsed: icalendar::Calendar = text.parse().unwrap();
        let first = parsed.components.iter().find_map(|c| c.as_event()).unwrap();
        assert_eq!(first.get_uid(), Some("c1@t.example"));
        assert_eq!(first.get_summary(), Some("Career conversation: Your story so far"));
        assert!(text.contains("DTSTART:20270328T110000Z"), "{text}");
        assert!(text.contains("DTEND:20270328T120000Z"), "{text}");
        assert!(text.contains("STATUS:CONFIRMED"));
        assert_eq!(
            first.get_description(),
            Some("Career conversation: Your story so far\nhttps://t.example/conversations/c1"),
            "the title and a link, nothing else"
        );
        let cancelled = render_feed("x", "https://t.example", &[FeedEvent { cancelled: true, ..event.clone() }]);
        assert!(cancelled.contains("STATUS:CANCELLED"));

        let lena = Invitee { name: "Lena Park".into(), email: "lena@t.example".into() };
        let ana = Invitee { name: "Ana Ruiz".into(), email: "ana@t.example".into() };
        let invitation =
            render_invitation(&event, "https://t.example", (2, "Europe/London"), &lena, &[lena.clone(), ana.clone()]);
        let unfolded = invitation.replace("\r\n ", "");
        assert!(unfolded.contains("DTSTART;TZID=Europe/London:20270328T120000"), "{unfolded}");
        assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"), "{unfolded}");
        assert!(unfolded.find("END:VTIMEZONE") < unfolded.find("BEGIN:VEVENT"), "the zone comes before the event");
        assert!(unfolded.contains("METHOD:REQUEST"), "{unfolded}");
        assert!(unfolded.contains("SEQUENCE:2"));
        assert!(unfolded.contains("ORGANIZER;CN=Lena Park:mailto:lena@t.example"), "{unfolded}");
        assert!(unfolded.contains("ATTENDEE;CN=Ana Ruiz;ROLE=REQ-PARTICIPANT:mailto:ana@t.example"), "{unfolded}");
        let parsed: icalendar::Calendar = invitation.parse().unwrap();
        assert_eq!(parsed.components.iter().filter_map(|c| c.as_event()).count(), 1);
        let called_off =
            render_invitation(&FeedEvent { cancelled: true, ..event }, "https://t.example", (3, "UTC"), &lena, &[ana]);
        assert!(called_off.contains("METHOD:CANCEL") && called_off.contains("STATUS:CANCELLED"));
    }
}
