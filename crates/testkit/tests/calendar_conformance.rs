//! The calendar look-back against an independent implementation: every well-formed file of
//! `shared/testdata/icalendar/recurrence-timezones` is read by Trellis and by Python's
//! `recurring-ical-events` (installed by `scripts/test`) for the same range on the UTC clock,
//! and both must list the same events. A deliberate difference is listed below with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;

/// Files where Trellis deliberately lists something else, and why. Each is still checked:
/// Trellis reads it (or, for the one without events, says so).
const DELIBERATE: &[(&str, &str)] = &[
    ("icalendar__multiple_timezones.ics", "recurring-ical-events fails on it (a TypeError); Trellis reads both events"),
    ("icalendar__pacific_fiji.ics", "recurring-ical-events fails on it (an AttributeError); Trellis reads the event"),
    (
        "icalendar__rfc_5545_RDATE_example.ics",
        "RFC 5545's own RDATE example has no DTSTART: Trellis starts the event at its first date, recurring-ical-events fails",
    ),
    ("icalendar__calendar_with_unicode.ics", "the file holds no event: Trellis says so instead of listing nothing"),
    (
        "recurring-ical-events__issue_18_cancel_status.ics",
        "a cancelled occurrence did not take place, so the look-back does not offer it for tagging",
    ),
    (
        "recurring-ical-events__issue_132_swapped_start_and_end.ics",
        "Trellis shows the start the file gives (DTSTART); recurring-ical-events the earlier of DTSTART and DTEND",
    ),
];

/// The first start (or listed) date of the file's first event, as the look-back's own tests
/// take it (the range starts a month before it).
fn first_start(text: &str) -> Date {
    text.split("BEGIN:VEVENT")
        .skip(1)
        .flat_map(|event| event.lines())
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("RDATE"))
        .filter_map(|l| l.rsplit(':').next())
        .find_map(|v| v.get(0..8).and_then(|d| Date::strptime("%Y%m%d", d).ok()))
        .unwrap_or(jiff::civil::date(2024, 1, 1))
}

#[test]
fn every_well_formed_export_lists_the_same_events_as_recurring_ical_events() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata/icalendar/recurrence-timezones");
    let mut compared = 0;
    let mut differences = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let from = first_start(&text).checked_sub(30.days()).unwrap();
        let to = from.checked_add(399.days()).unwrap();
        let ours = trellis_core::calendar::events_between(text.as_bytes(), from, to, &TimeZone::UTC)
            .map(|read| {
                let mut lines: Vec<String> = read
                    .occurrences
                    .iter()
                    .map(|o| match o.time {
                        Some(time) => format!("{} {}\t{}", o.date, time.strftime("%H:%M:%S"), o.title),
                        None => format!("{}\t{}", o.date, o.title),
                    })
                    .collect();
                lines.sort();
                lines
            })
            .map_err(|e| e.to_string());
        let theirs = trellis_testkit::ical::expand_independently(&text, &from.to_string(), &to.to_string());
        compared += 1;
        match DELIBERATE.iter().find(|(f, _)| *f == file) {
            Some((_, reason)) if file.contains("unicode") => {
                assert!(ours.as_ref().is_err_and(|e| e.contains("holds no events")), "{file} ({reason}): {ours:?}")
            }
            Some((_, reason)) => assert!(ours.as_ref().is_ok_and(|o| !o.is_empty()), "{file} ({reason}): {ours:?}"),
            None if ours != theirs => {
                differences.push(format!("{file}:\n  Trellis: {ours:?}\n  recurring-ical-events: {theirs:?}"))
            }
            None => {}
        }
    }
    assert!(compared >= 18, "the test data is beside the checkout ({compared} files)");
    assert!(differences.is_empty(), "{} of {compared} files differ:\n{}", differences.len(), differences.join("\n"));
}
