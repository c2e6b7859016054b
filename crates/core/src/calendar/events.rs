//! The VEVENTs of a parsed calendar, read into what the journal import needs: a title, a
//! start, how it repeats (RRULE, RDATE, EXDATE) or which occurrence it replaces
//! (RECURRENCE-ID), and its SEQUENCE (which of two versions is the newer). Everything else in
//! an event (attendees, alarms, end times) is ignored.

use super::values::{read_values, When};
use super::zones::ZoneBook;
use icalendar::parser::Component;
use jiff::tz::TimeZone;

/// One VEVENT.
#[derive(Clone, Debug)]
pub(super) struct CalendarEvent {
    pub uid: String,
    pub title: String,
    pub start: When,
    /// Its repeat rules (RFC 5545 allows more than one; their occurrences are joined).
    pub rules: Vec<String>,
    /// Its SEQUENCE: of two versions of one event, the higher is the newer.
    pub sequence: i64,
    pub rdates: Vec<When>,
    pub exdates: Vec<When>,
    /// For an event that changes one occurrence of a repeating event: which one.
    pub replaces: Option<When>,
    /// RANGE=THISANDFUTURE: the change applies to every later occurrence too.
    pub this_and_future: bool,
    pub cancelled: bool,
}

/// Reads VEVENT number `number` (1-based, for messages).
pub(super) fn read_event(
    number: usize,
    event: &Component<'_>,
    zones: &ZoneBook,
    home: &TimeZone,
) -> Result<CalendarEvent, String> {
    let text = |name: &str| event.find_prop(name).map(|p| p.val.clone().unescape_text().as_str().trim().to_owned());
    let title = text("SUMMARY").filter(|t| !t.is_empty()).unwrap_or_else(|| "(no title)".to_owned());
    let named = |problem: String| format!("event {number} ({title:?}): {problem}");
    let values = |name: &str| -> Result<Vec<When>, String> {
        let mut all = Vec::new();
        for property in event.properties.iter().filter(|p| p.name.as_str().eq_ignore_ascii_case(name)) {
            all.extend(read_values(property, zones, home).map_err(named)?);
        }
        Ok(all)
    };
    let rdates = values("RDATE")?;
    // Without DTSTART, an event listing its dates (RDATE) starts on the first of them.
    let start = values("DTSTART")?
        .into_iter()
        .next()
        .or_else(|| rdates.first().cloned())
        .ok_or_else(|| named("it has no start (DTSTART)".to_owned()))?;
    let replaces = values("RECURRENCE-ID")?.into_iter().next();
    let this_and_future = event.find_prop("RECURRENCE-ID").is_some_and(|p| {
        p.params.iter().any(|param| {
            param.key.as_str().eq_ignore_ascii_case("RANGE")
                && param.val.as_ref().is_some_and(|v| v.as_str().eq_ignore_ascii_case("THISANDFUTURE"))
        })
    });
    Ok(CalendarEvent {
        uid: text("UID").unwrap_or_else(|| format!("event-{number}")),
        rules: event
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("RRULE"))
            .map(|p| p.val.as_str().trim().to_owned())
            .filter(|r| !r.is_empty())
            .collect(),
        sequence: text("SEQUENCE").and_then(|s| s.parse().ok()).unwrap_or(0),
        rdates,
        exdates: values("EXDATE")?,
        replaces,
        this_and_future,
        cancelled: text("STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
        title,
        start,
    })
}
