//! A `VTIMEZONE` (RFC 5545 §3.6.5) for an invitation: the IANA zone a time was agreed in,
//! described by its offsets from a year before the event to a year after, so a calendar that
//! does not know the zone's name still shows the right local time. Each change of offset in
//! that span is one observance with its own onset (no recurrence rules to get wrong), read
//! from jiff's copy of the time-zone database.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// How far before and after the event the zone is described.
const SPAN: SignedDuration = SignedDuration::from_hours(24 * 400);

/// The zone's local date and time of `millis`, as an iCalendar local time (`20261217T140000`).
pub fn local_time(millis: i64, zone: &str) -> Option<String> {
    let tz = TimeZone::get(zone).ok()?;
    let at = Timestamp::from_millisecond(millis).ok()?;
    Some(ical_local(at.to_zoned(tz).datetime()))
}

fn ical_local(datetime: DateTime) -> String {
    datetime.strftime("%Y%m%dT%H%M%S").to_string()
}

/// `+0100`, `-0430`, `+053730` (seconds only when there are some).
fn ical_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let (hours, minutes, seconds) = (total.abs() / 3600, total.abs() % 3600 / 60, total.abs() % 60);
    match seconds {
        0 => format!("{sign}{hours:02}{minutes:02}"),
        _ => format!("{sign}{hours:02}{minutes:02}{seconds:02}"),
    }
}

fn observance(lines: &mut Vec<String>, daylight: bool, onset: DateTime, from: Offset, to: Offset, name: &str) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    lines.push(format!("BEGIN:{kind}"));
    lines.push(format!("DTSTART:{}", ical_local(onset)));
    lines.push(format!("TZOFFSETFROM:{}", ical_offset(from)));
    lines.push(format!("TZOFFSETTO:{}", ical_offset(to)));
    if !name.is_empty() && name.is_ascii() {
        lines.push(format!("TZNAME:{name}"));
    }
    lines.push(format!("END:{kind}"));
}

/// The `VTIMEZONE` of `zone` around `millis`, as iCalendar lines ending in CRLF; `None` for
/// a name the time-zone database does not know.
pub fn vtimezone(zone: &str, millis: i64) -> Option<String> {
    let tz = TimeZone::get(zone).ok()?;
    let around = Timestamp::from_millisecond(millis).ok()?;
    let (start, end) = (around.checked_sub(SPAN).ok()?, around.checked_add(SPAN).ok()?);
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{zone}")];
    let first = tz.to_offset_info(start);
    let onset = first.offset().to_datetime(start);
    observance(&mut lines, first.dst().is_dst(), onset, first.offset(), first.offset(), first.abbreviation());
    for transition in tz.following(start).take_while(|t| t.timestamp() <= end) {
        let before = tz.to_offset(transition.timestamp() - SignedDuration::from_secs(1));
        let onset = before.to_datetime(transition.timestamp());
        let daylight = transition.dst().is_dst();
        observance(&mut lines, daylight, onset, before, transition.offset(), transition.abbreviation());
    }
    lines.push("END:VTIMEZONE".to_string());
    Some(lines.iter().map(|line| format!("{line}\r\n")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2027-03-28 09:00 UTC: 10:00 in London, the first morning of summer time.
    const SPRING_MORNING: i64 = 1_806_224_400_000;

    #[test]
    fn london_around_a_spring_change_has_both_observances_with_their_onsets() {
        let text = vtimezone("Europe/London", SPRING_MORNING).unwrap();
        assert!(text.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"), "{text}");
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT"
            ),
            "{text}"
        );
        assert!(text.ends_with("END:VTIMEZONE\r\n"));
        assert_eq!(local_time(SPRING_MORNING, "Europe/London").as_deref(), Some("20270328T100000"));
    }

    #[test]
    fn a_zone_without_changes_is_one_observance_and_odd_offsets_keep_their_minutes() {
        let tokyo = vtimezone("Asia/Tokyo", SPRING_MORNING).unwrap();
        assert_eq!(tokyo.matches("BEGIN:STANDARD").count(), 1, "{tokyo}");
        assert!(tokyo.contains("TZOFFSETTO:+0900"));
        assert!(vtimezone("Asia/Kathmandu", SPRING_MORNING).unwrap().contains("TZOFFSETTO:+0545"));
        assert!(vtimezone("America/St_Johns", SPRING_MORNING).unwrap().contains("TZOFFSETFROM:-0330"));
        assert!(vtimezone("Mars/Olympus", SPRING_MORNING).is_none());
    }
}
