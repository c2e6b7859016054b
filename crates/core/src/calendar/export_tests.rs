//! Tests of what real exports write that a stricter reading refused or miscounted: events
//! without a start, Windows zone names, several repeat rules, versions of one event, date-only
//! exclusions, and errors named by their own line.

use super::tests::{folder, london, read_file};
use super::*;
use jiff::civil::date;

#[test]
fn an_event_without_a_start_is_left_out_and_named_and_a_file_of_nothing_readable_is_refused() {
    let path = folder("malformed").join("icalendar__issue_722_missing_timezones.ics");
    let read = read_file(&path).unwrap();
    assert_eq!(read.left_out, ["event 2 (\"(no title)\"): it has no start (DTSTART)"]);
    let only_broken = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\nEND:VCALENDAR\n";
    let day = jiff::civil::date(2026, 1, 1);
    let refused = events_between(only_broken.as_bytes(), day, day, &london()).unwrap_err().to_string();
    assert!(refused.contains("event 1 (\"No start\"): it has no start"), "{refused}");
}

#[test]
fn windows_zone_names_a_leading_slash_and_a_line_after_the_end_are_read() {
    let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w1\r\nSUMMARY:Weekly sync\r\n\
        DTSTART;TZID=Pacific Standard Time:20260105T090000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n\
        EXDATE;TZID=Pacific Standard Time:20260112T090000\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:s1\r\nSUMMARY:Fika\r\nDTSTART;TZID=/Europe/Stockholm:20260106T150000\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\nX-TRAILING:left by an exporter\r\n";
    let utc = TimeZone::UTC;
    let read =
        events_between(file.as_bytes(), jiff::civil::date(2026, 1, 1), jiff::civil::date(2026, 1, 31), &utc).unwrap();
    let seen: Vec<(String, String, String)> = read
        .occurrences
        .iter()
        .map(|o| (o.date.to_string(), o.time.map(|t| t.to_string()).unwrap_or_default(), o.title.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-01-05".into(), "17:00:00".into(), "Weekly sync".into()),
            ("2026-01-06".into(), "14:00:00".into(), "Fika".into()),
            ("2026-01-19".into(), "17:00:00".into(), "Weekly sync".into()),
        ],
        "09:00 Pacific is 17:00 UTC; the excluded week is left out; 15:00 in Stockholm is 14:00 UTC"
    );
}

#[test]
fn two_rules_are_joined_the_newer_version_wins_and_a_date_only_exdate_removes_a_timed_occurrence() {
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:two-rules\r\nSUMMARY:Office hours\r\nDTSTART:20260105T100000Z\r\n\
        RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=2\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:moved\r\nSEQUENCE:0\r\nSUMMARY:Planning (old time)\r\nDTSTART:20260107T090000Z\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:moved\r\nSEQUENCE:2\r\nSUMMARY:Planning\r\nDTSTART:20260107T140000Z\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:daily\r\nSUMMARY:Stand-up\r\nDTSTART:20260112T083000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n\
        EXDATE;VALUE=DATE:20260113\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let read = events_between(file.as_bytes(), date(2026, 1, 1), date(2026, 1, 31), &TimeZone::UTC).unwrap();
    let seen: Vec<String> = read
        .occurrences
        .iter()
        .map(|o| format!("{} {} {}", o.date, o.time.map(|t| t.to_string()).unwrap_or_default(), o.title))
        .collect();
    assert_eq!(
        seen,
        [
            "2026-01-05 10:00:00 Office hours",
            "2026-01-07 14:00:00 Planning",
            "2026-01-08 10:00:00 Office hours",
            "2026-01-12 08:30:00 Stand-up",
            "2026-01-12 10:00:00 Office hours",
            "2026-01-14 08:30:00 Stand-up",
            "2026-01-15 10:00:00 Office hours",
        ]
    );
}

#[test]
fn a_bad_line_and_a_misspelt_end_are_named_by_their_own_line() {
    let day = date(2026, 1, 1);
    let bad_line = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T090000Z\nthis line is broken\nEND:VEVENT\nEND:VCALENDAR\n";
    let message = events_between(bad_line.as_bytes(), day, day, &london()).unwrap_err().to_string();
    assert!(message.contains("line 6:"), "{message}");
    let misspelt = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T090000Z\nEND:VEVENT\nEND:VCALENDARD\n";
    let message = events_between(misspelt.as_bytes(), day, day, &london()).unwrap_err().to_string();
    assert!(message.contains("line 6: \"END:VCALENDARD\" does not end the VCALENDAR begun on line 1"), "{message}");
}

#[test]
fn an_all_day_occurrence_moved_by_outlook_with_a_zoned_recurrence_id_is_listed_once() {
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:retro\r\nSUMMARY:Retro day\r\nDTSTART;VALUE=DATE:20260105\r\n\
        RRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:retro\r\nSUMMARY:Retro day\r\n\
        RECURRENCE-ID;TZID=W. Europe Standard Time:20260112T000000\r\nDTSTART;VALUE=DATE:20260114\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";
    let read = events_between(file.as_bytes(), date(2026, 1, 1), date(2026, 1, 31), &london()).unwrap();
    let days: Vec<String> = read.occurrences.iter().map(|o| o.date.to_string()).collect();
    assert_eq!(days, ["2026-01-05", "2026-01-14", "2026-01-19", "2026-01-26"], "moved, not doubled");
}
