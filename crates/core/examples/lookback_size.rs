//! Benchmark (not a test): how the calendar look-back's time grows with a file's size. Writes
//! calendars of a busy year (meetings every working day, some repeating weekly, in a named
//! zone with its VTIMEZONE) of about 250 KB, 500 KB, 1 MB, 2 MB and 5 MB, and times the
//! preview of a month of each (the whole file is read; the month is what is listed).
//!
//! Run: `cargo run --release -p trellis-core --example lookback_size`.

use jiff::civil::date;
use jiff::tz::TimeZone;
use std::time::Instant;

const ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

/// A calendar of about `bytes` bytes.
fn calendar(bytes: usize) -> String {
    let mut text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n{ZONE}");
    let mut i = 0u32;
    while text.len() < bytes {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let hour = 8 + i % 9;
        let weekly = if i.is_multiple_of(10) { "RRULE:FREQ=WEEKLY;COUNT=20\r\n" } else { "" };
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bench-{i}@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART;TZID=Europe/Berlin:2026{month:02}{day:02}T{hour:02}0000\r\n\
             DTEND;TZID=Europe/Berlin:2026{month:02}{day:02}T{hour:02}4500\r\n{weekly}\
             SUMMARY:Meeting number {i} about the quarterly planning of the team\r\n\
             DESCRIPTION:An agenda that is long enough to be realistic for an exported meeting invitation\r\n\
             LOCATION:Room {i}\r\nEND:VEVENT\r\n"
        ));
        i += 1;
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

fn main() {
    let Ok(home) = TimeZone::get("Europe/Berlin") else {
        return eprintln!("the time-zone database has no Europe/Berlin");
    };
    for size in [250_000, 500_000, 1_000_000, 2_000_000, 5_000_000] {
        let file = calendar(size);
        let started = Instant::now();
        let read = trellis_core::calendar::events_between(file.as_bytes(), date(2026, 3, 1), date(2026, 3, 31), &home);
        let seconds = started.elapsed().as_secs_f64();
        match read {
            Ok(read) => println!(
                "{} KB: {} events in the file, {} in the month, {seconds:.3} s",
                file.len() / 1000,
                read.events_in_file,
                read.occurrences.len()
            ),
            Err(error) => println!("{} KB: refused after {seconds:.3} s: {error}", file.len() / 1000),
        }
    }
}
