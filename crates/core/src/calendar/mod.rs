//! Reading a calendar export (.ics, RFC 5545) for the love/loathe journal's look back: which
//! events happened between two dates, on the person's own clock. Repeating events are
//! expanded, all-day events keep their date, time zones are honoured (by name, or from the
//! file's own definitions). An event that cannot be read (no start, say) is left out and named;
//! a file of which nothing can be read is refused as a whole with a message naming the line
//! or the event.
//!
//! Parsing the text is the `icalendar` crate's; expanding repeat rules is the `rrule` crate's.

mod events;
mod expand;
mod lines;
mod skip;
mod values;
mod zones;

use crate::{Error, Result};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

/// The longest range one import may cover.
pub const MAX_RANGE_DAYS: i32 = 400;
/// The largest calendar file one look-back reads (a busy year exports to about 5 MB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The most events one import lists for tagging.
pub const MAX_OCCURRENCES: usize = 500;

/// One event on one day, as the person will tag it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub date: Date,
    /// None for an all-day event.
    pub time: Option<Time>,
    pub title: String,
}

/// How much of a file was read, besides what fell in the range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarRead {
    pub occurrences: Vec<Occurrence>,
    /// VEVENTs in the file (before expanding repeats).
    pub events_in_file: usize,
    /// Events that could not be read and were left out, each with the reason (the file is
    /// refused only when no event can be read).
    pub left_out: Vec<String>,
}

/// Checks a range the person picked.
pub fn check_range(from: Date, to: Date) -> Result<()> {
    if to < from {
        return Err(Error::invalid("to", "is before the start of the range"));
    }
    let days = from.until(to).map(|span| span.get_days()).unwrap_or(i32::MAX);
    if days > MAX_RANGE_DAYS {
        return Err(Error::invalid(
            "to",
            format!("makes the range longer than {MAX_RANGE_DAYS} days; pick a shorter one"),
        ));
    }
    Ok(())
}

/// The events of the .ics file `bytes` that fall between `from` and `to` (inclusive) on the
/// `home` clock.
pub fn events_between(bytes: &[u8], from: Date, to: Date, home: &TimeZone) -> Result<CalendarRead> {
    check_range(from, to)?;
    let refuse = |message: String| Error::invalid("calendar", format!("This file cannot be imported: {message}."));
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        refuse(format!("line {line} is not UTF-8 text; export the calendar again as .ics"))
    })?;
    let unfolded = lines::unfold(text).map_err(refuse)?;
    // The events and zones of every calendar in the file, and those given without a calendar
    // around them, each parsed on its own.
    let mut components = Vec::new();
    for (lines_before, part) in unfolded.components().map_err(refuse)? {
        components.extend(
            icalendar::parser::read_components(part)
                .map_err(|message| refuse(lines::explain_parse_error(&unfolded, lines_before, &message)))?,
        );
    }
    let parts: Vec<&icalendar::parser::Component<'_>> = components.iter().collect();
    let book = zones::ZoneBook::new(&parts);
    let vevents: Vec<_> = parts.iter().filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT")).collect();
    if vevents.is_empty() {
        return Err(refuse("it holds no events".to_owned()));
    }
    let (mut events, mut left_out) = (Vec::new(), Vec::new());
    for (i, component) in vevents.iter().enumerate() {
        match events::read_event(i + 1, component, &book, home) {
            Ok(event) => events.push(event),
            Err(reason) => left_out.push(reason),
        }
    }
    if events.is_empty() {
        return Err(refuse(left_out.join("; ")));
    }
    let occurrences = expand::occurrences(&events, from, to, home).map_err(refuse)?;
    if occurrences.len() > MAX_OCCURRENCES {
        return Err(Error::invalid(
            "to",
            format!("more than {MAX_OCCURRENCES} events fall in this range, more than one import can list; pick a shorter range"),
        ));
    }
    Ok(CalendarRead { occurrences, events_in_file: vevents.len(), left_out })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod export_tests;
