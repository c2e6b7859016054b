//! Reading the calendar exports in shared/testdata/icalendar (every file, each with the
//! outcome it must have), plus small calendars written here for the rules themselves.

use super::*;
use jiff::civil::date;
use jiff::ToSpan;
use std::path::PathBuf;

enum Expect {
    /// Read, with this many occurrences listed in the range.
    Read(usize),
    /// Refused with a message containing this.
    Refused(&'static str),
}
use Expect::{Read, Refused};

const WELL_FORMED: &[(&str, Expect)] = &[
    ("icalendar__america_new_york.ics", Read(1)),
    ("icalendar__calendar_with_unicode.ics", Refused("it holds no events")),
    ("icalendar__event_with_recurrence_exdates_on_different_lines.ics", Read(10)),
    ("icalendar__issue_101_icalendar_chokes_on_umlauts_in_organizer.ics", Read(1)),
    ("icalendar__issue_722_timezone_transition_ambiguity.ics", Read(4)),
    ("icalendar__multiple_timezones.ics", Read(2)),
    ("icalendar__pacific_fiji.ics", Read(1)),
    ("icalendar__rfc_5545_RDATE_example.ics", Read(9)),
    ("icaljs__duration_instead_of_dtend.ics", Read(1)),
    // The date-only EXDATE removes that day's occurrence of the timed series (as recurring-ical-events does).
    ("icaljs__rdate_exdate.ics", Read(3)),
    ("icaljs__utc_negative_zero.ics", Read(1)),
    ("recurring-ical-events__discourse_no_dtend.ics", Read(4)),
    ("recurring-ical-events__each_week_but_two_deleted.ics", Read(6)),
    ("recurring-ical-events__issue_132_swapped_start_and_end.ics", Read(1)),
    ("recurring-ical-events__issue_18_cancel_status.ics", Read(2)),
    ("recurring-ical-events__issue_75_range_parameter.ics", Read(186)),
    ("recurring-ical-events__recurring_events_changed_duration.ics", Read(7)),
    ("recurring-ical-events__recurring_events_moved.ics", Read(7)),
];

/// Broken input is refused with a message naming the line or the event, or repaired where
/// the intent is plain (a byte-order mark, blank lines, two calendars in one file).
const MALFORMED: &[(&str, Expect)] = &[
    ("icalendar-fuzz__Index_Error.ics", Refused("line 1 is not UTF-8 text")),
    ("icalendar-fuzz__Type_Error.ics", Refused("line 3 is not UTF-8 text")),
    ("icalendar__big_bad_calendar.ics", Refused("(an END: line is missing); it may have been cut short")),
    ("icalendar__bom_calendar.ics", Refused("it holds no events")),
    ("icalendar__broken_dtstart.ics", Refused("event 1 (\"(no title)\"): DTSTART \"INVALID-DATE\" is not a date")),
    ("icalendar__broken_ical.ics", Read(1)),
    ("icalendar__empty.ics", Refused("it holds no events")),
    ("icalendar__fuzz_testcase_0_char_in_component_name.ics", Refused("line 1 contains a NUL byte")),
    ("icalendar__fuzz_testcase_invalid_month.ics", Refused("(an END: line is missing); it may have been cut short")),
    ("icalendar__fuzz_testcase_vtimezone_lone_cr.ics", Refused("it holds no events")),
    ("icalendar__invalid_duration.ics", Read(1)),
    ("icalendar__issue_104_broken_calendar.ics", Read(1)),
    ("icalendar__issue_1081_invalid_rrule_freq.ics", Refused("the repeat rule \"FREQ=INVALID_TYPE_CAUSES_ERROR\"")),
    ("icalendar__issue_1081_invalid_start_and_end.ics", Refused("event 1 (\"Test\"): DTSTART \"INVALID-DATE\"")),
    ("icalendar__issue_178_component_with_invalid_name_represented.ics", Refused("it holds no events")),
    ("icalendar__issue_218_bad_tzid.ics", Read(1)),
    ("icalendar__issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics", Read(1)),
    // A bad property of the calendar itself (not of an event) is passed over: events are what is read.
    ("icalendar__issue_351_whitespace_in_property_and_params.ics", Read(1)),
    // The event without a start is left out and named (see below); the other is read.
    ("icalendar__issue_722_missing_timezones.ics", Read(1)),
    ("icalendar__multiple_calendar_components.ics", Read(2)),
    ("icalendar__parsing_error.ics", Read(20)),
    ("icalendar__parsing_error_in_UTC_offset.ics", Refused("it holds no events")),
    ("icalendar__small_bad_calendar.ics", Refused("(an END: line is missing); it may have been cut short")),
    ("icaljs__blank_line_end.ics", Refused("it holds no events")),
    ("icaljs__blank_line_mid.ics", Refused("it holds no events")),
    ("icaljs__newline_junk.ics", Refused("it holds no events")),
    ("recurring-ical-events__issue_186_invalid_trigger.ics", Read(1)),
];

pub(super) fn london() -> TimeZone {
    TimeZone::get("Europe/London").unwrap()
}

pub(super) fn folder(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/icalendar").join(name)
}

/// The date of the first event's start, to put the range around it.
fn first_start(bytes: &[u8]) -> Date {
    let text = String::from_utf8_lossy(bytes);
    text.split("BEGIN:VEVENT")
        .skip(1)
        .flat_map(|event| event.lines())
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("RDATE"))
        .filter_map(|l| l.rsplit(':').next())
        .find_map(|v| v.get(0..8).and_then(|d| Date::strptime("%Y%m%d", d).ok()))
        .unwrap_or(date(2024, 1, 1))
}

pub(super) fn read_file(path: &std::path::Path) -> Result<CalendarRead> {
    let bytes = std::fs::read(path).unwrap();
    let from = first_start(&bytes).checked_sub(30.days()).unwrap();
    events_between(&bytes, from, from.checked_add(399.days()).unwrap(), &london())
}

fn check_folder(name: &str, expected: &[(&str, Expect)]) {
    let mut seen = 0;
    for entry in std::fs::read_dir(folder(name)).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let (_, expect) =
            expected.iter().find(|(f, _)| *f == file).unwrap_or_else(|| panic!("no expectation for {file}"));
        match (expect, read_file(&path)) {
            (Read(n), Ok(read)) => assert_eq!(read.occurrences.len(), *n, "{file}"),
            (Refused(part), Err(error)) => {
                let message = error.to_string();
                assert!(message.contains(part), "{file}: {message}");
                assert!(message.contains("This file cannot be imported"), "{file}: {message}");
            }
            (Read(_), Err(error)) => panic!("{file} was refused: {error}"),
            (Refused(part), Ok(read)) => {
                panic!("{file} was read ({} events), expected {part:?}", read.occurrences.len())
            }
        }
        seen += 1;
    }
    assert_eq!(seen, expected.len(), "every listed file is in {name}");
}

#[test]
fn every_well_formed_export_is_read_with_its_occurrences() {
    check_folder("recurrence-timezones", WELL_FORMED);
}

#[test]
fn every_malformed_file_is_refused_with_a_reason_or_repaired() {
    check_folder("malformed", MALFORMED);
}

fn listed(path: &str) -> Vec<String> {
    let read = read_file(&folder("recurrence-timezones").join(path)).unwrap();
    read.occurrences
        .iter()
        .map(|o| {
            format!("{} {} {}", o.date, o.time.map(|t| t.strftime("%H:%M").to_string()).unwrap_or_default(), o.title)
        })
        .collect()
}

#[test]
fn cancelled_and_excluded_occurrences_are_left_out() {
    // Three evenings in Berlin, the middle one cancelled; shown on the London clock.
    assert_eq!(
        listed("recurring-ical-events__issue_18_cancel_status.ics"),
        ["2020-01-28 21:00 one is cancelled", "2020-01-30 21:00 one is cancelled",]
    );
    // Eight weeks with two EXDATEs given in UTC for a Berlin-time event.
    let weekly = listed("recurring-ical-events__each_week_but_two_deleted.ics");
    assert_eq!(weekly.len(), 6);
    assert!(!weekly.iter().any(|o| o.starts_with("2019-03-10") || o.starts_with("2019-03-24")), "{weekly:?}");
}

#[test]
fn changes_to_this_and_future_occurrences_rename_and_move_them() {
    let all = listed("recurring-ical-events__issue_75_range_parameter.ics");
    assert!(all.contains(&"2024-09-11 13:00 ORIGINAL EVENT".to_owned()), "{all:?}");
    assert!(all.contains(&"2024-09-13 10:00 MODIFIED EVENT".to_owned()), "{all:?}");
    assert!(all.contains(&"2024-09-15 18:00 MODIFIED EVENT".to_owned()), "{all:?}");
    assert!(all.contains(&"2024-09-24 15:22 EDITED EVENT".to_owned()), "{all:?}");
    assert!(!all.iter().any(|o| o.starts_with("2024-09-21")), "the changed one moved to the 22nd");
}

#[test]
fn zones_defined_only_in_the_file_are_honoured() {
    // 08:00 in Fiji (UTC+12) is 21:00 the evening before in London (BST).
    assert_eq!(listed("icalendar__pacific_fiji.ics"), ["2014-08-28 21:00 an event with a custom tz name"]);
    // 08:00 in a file-defined New York zone is 13:00 in London.
    assert_eq!(listed("icalendar__america_new_york.ics"), ["2014-08-29 13:00 an event with a custom tz name"]);
}

fn calendar(body: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n").into_bytes()
}

#[test]
fn a_repeat_keeps_its_own_clock_across_daylight_saving_changes() {
    // 09:00 in Berlin every Monday: Europe moves its clocks on 31 March, New York on 10 March.
    let ics = calendar(
        "BEGIN:VEVENT\r\nUID:standup\r\nSUMMARY:Stand-up\r\nDTSTART;TZID=Europe/Berlin:20240304T090000\r\n\
         RRULE:FREQ=WEEKLY;UNTIL=20240408T070000Z\r\nEND:VEVENT\r\n",
    );
    let new_york = TimeZone::get("America/New_York").unwrap();
    let read = events_between(&ics, date(2024, 3, 1), date(2024, 4, 30), &new_york).unwrap();
    let hours: Vec<i8> = read.occurrences.iter().map(|o| o.time.unwrap().hour()).collect();
    assert_eq!(hours, [3, 4, 4, 4, 3, 3], "six Mondays up to UNTIL, an hour apart in the gap weeks");
}

#[test]
fn all_day_events_keep_their_date_whatever_the_zone() {
    let ics = calendar("BEGIN:VEVENT\r\nUID:h\r\nSUMMARY:Offsite\r\nDTSTART;VALUE=DATE:20240612\r\nEND:VEVENT\r\n");
    let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
    let read = events_between(&ics, date(2024, 6, 1), date(2024, 6, 30), &tokyo).unwrap();
    assert_eq!(read.occurrences, [Occurrence { date: date(2024, 6, 12), time: None, title: "Offsite".into() }]);
}

#[test]
fn ranges_must_be_ordered_short_and_hold_a_listable_number_of_events() {
    let ics = calendar("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240101T000000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n");
    let message = |from, to| events_between(&ics, from, to, &london()).unwrap_err().to_string();
    assert!(message(date(2024, 2, 1), date(2024, 1, 1)).contains("before the start"));
    assert!(message(date(2024, 1, 1), date(2025, 6, 1)).contains("longer than 400 days"));
    assert!(message(date(2024, 1, 1), date(2024, 1, 31)).contains("more than 500 events"));
}

#[test]
fn text_escapes_in_titles_are_undone() {
    let ics = calendar(
        "BEGIN:VEVENT\r\nUID:e\r\nSUMMARY:Plan\\, review\\; ship\r\nDTSTART:20240105T100000Z\r\nEND:VEVENT\r\n",
    );
    let read = events_between(&ics, date(2024, 1, 1), date(2024, 1, 31), &TimeZone::UTC).unwrap();
    assert_eq!(read.occurrences[0].title, "Plan, review; ship");
}

proptest::proptest! {
    #[test]
    fn any_jumble_of_calendar_lines_is_read_or_refused_never_a_panic(
        lines in proptest::collection::vec(proptest::sample::select(vec![
            "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTIMEZONE", "END:VTIMEZONE",
            "DTSTART:20240301T090000Z", "DTSTART;VALUE=DATE:20240302", "DTSTART;TZID=Nowhere/Else:20240301T090000",
            "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=WEEKLY;UNTIL=20240401", "RRULE:FREQ=YEARLY;BYMONTH=13",
            "EXDATE:20240302T090000Z", "RDATE:2024", "RECURRENCE-ID:20240302T090000Z", "SUMMARY:x", " folded",
            "", "STATUS:CANCELLED", "TZID:Europe/Paris", "UID:1", ":", ";;;", "\u{feff}BEGIN:VCALENDAR",
        ]), 0..24)
    ) {
        let bytes = lines.join("\r\n").into_bytes();
        let _ = events_between(&bytes, date(2024, 2, 1), date(2024, 4, 30), &TimeZone::UTC);
    }
}

#[test]
fn a_file_of_deeply_nested_components_is_refused_with_its_line_not_a_stack_overflow() {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    ics.push_str(&"BEGIN:VEVENT\r\n".repeat(1_600));
    ics.push_str(&"END:VEVENT\r\n".repeat(1_600));
    ics.push_str("END:VCALENDAR\r\n");
    let message =
        events_between(ics.as_bytes(), date(2024, 1, 1), date(2024, 1, 31), &london()).unwrap_err().to_string();
    assert!(message.contains("line 10 opens a component nested 9 deep"), "{message}");
}

#[test]
fn many_events_repeating_every_second_are_refused_quickly_not_expanded_for_minutes() {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for i in 0..4_000 {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    assert!(ics.len() < 1024 * 1024, "fits in an ordinary upload");
    let started = std::time::Instant::now();
    let result = events_between(ics.as_bytes(), date(2024, 1, 1), date(2024, 1, 31), &london());
    let message = result.unwrap_err().to_string();
    assert!(message.contains("repeats more than 5000 times"), "{message}");
    // How long it took is printed, not asserted: timing is for benchmarks.
    eprintln!("refused in {:?}", started.elapsed());
}
