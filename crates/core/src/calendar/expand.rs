//! Expanding repeating events into the occurrences that fall in a date range.
//!
//! Repetition is worked out on the clock in the event's own zone (a 09:00 weekly meeting stays
//! at 09:00 across a daylight-saving change), by handing the `rrule` crate that clock time as if
//! it were UTC, a zone without jumps. RDATE adds occurrences, EXDATE removes them, an event
//! with a RECURRENCE-ID replaces one occurrence (or, with RANGE=THISANDFUTURE, shifts and
//! renames every later one), and cancelled ones are dropped. Each occurrence is then shown on
//! the importing person's clock.

use super::events::CalendarEvent;
use super::skip;
use super::values::When;
use super::Occurrence;
use chrono::TimeZone as _;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::ToSpan;

/// At most this many occurrences of one repeating event are generated inside a range.
const PER_RULE_LIMIT: u16 = 5000;
/// Once this many occurrences are found (a few days either side of the range included), the
/// range holds more than one import can list, whatever the other events add.
const ENOUGH_TO_REFUSE: usize = 4 * super::MAX_OCCURRENCES;

/// Every occurrence of `events` whose date, on the `home` clock, lies in `from..=to`.
pub(super) fn occurrences(
    events: &[CalendarEvent],
    from: Date,
    to: Date,
    home: &TimeZone,
) -> Result<Vec<Occurrence>, String> {
    // Of two versions of one event (or of one changed occurrence), only the newer counts.
    let newest = |e: &CalendarEvent| {
        let key = |e: &CalendarEvent| e.replaces.as_ref().map(|r| r.civil_in(&TimeZone::UTC));
        !events.iter().any(|o| o.uid == e.uid && key(o) == key(e) && o.sequence > e.sequence)
    };
    let events: Vec<&CalendarEvent> = events.iter().filter(|e| newest(e)).collect();
    let counted: u64 = events.iter().flat_map(|e| &e.rules).map(|r| skip::counted_steps(r)).sum();
    if counted > skip::COUNTED_STEPS_BUDGET {
        return Err(format!(
            "its repeating events with a fixed number of repeats add up to {counted} repeats to work through, more than one import reads ({}); export a shorter period",
            skip::COUNTED_STEPS_BUDGET
        ));
    }
    let mut found = Vec::new();
    let changes: Vec<&CalendarEvent> = events.iter().copied().filter(|e| e.replaces.is_some()).collect();
    for event in events.iter().copied() {
        if event.replaces.is_some() {
            if !event.cancelled {
                found.push(occurrence(&event.title, &event.start, home));
            }
            continue;
        }
        if event.cancelled {
            continue;
        }
        let zone = match &event.start {
            When::At(_, zone) => zone.clone(),
            When::Day(_) => home.clone(),
        };
        let mut mine: Vec<&CalendarEvent> = changes.iter().copied().filter(|c| c.uid == event.uid).collect();
        // Later changes to "this and future" occurrences override earlier ones.
        mine.sort_by_key(|c| c.replaces.as_ref().map(|r| r.civil_in(&zone)));
        for start in starts(event, &zone, from, to)? {
            if let Some(when) = apply_changes(event, &mine, start, &zone, home) {
                found.push(when);
            }
        }
        // Far more than can be listed: no need to expand the rest to refuse the range.
        if found.len() > ENOUGH_TO_REFUSE {
            break;
        }
    }
    found.retain(|o| o.date >= from && o.date <= to);
    found.sort_by(|a, b| (a.date, a.time, &a.title).cmp(&(b.date, b.time, &b.title)));
    found.dedup();
    Ok(found)
}

/// The occurrence at `start` after the changes recorded for this event, if it still happens.
fn apply_changes(
    event: &CalendarEvent,
    changes: &[&CalendarEvent],
    start: DateTime,
    zone: &TimeZone,
    home: &TimeZone,
) -> Option<Occurrence> {
    let mut title = &event.title;
    let mut shifted = start;
    for change in changes {
        let replaced = change.replaces.as_ref()?;
        let original = replaced.civil_in(zone);
        // An all-day occurrence is named by its date, even when a writer (Outlook) gives the
        // RECURRENCE-ID as midnight in some zone.
        let same = match (&event.start, replaced) {
            (When::Day(_), When::At(written, _)) => written.date() == start.date(),
            (When::Day(_), When::Day(day)) => *day == start.date(),
            _ => original == start,
        };
        if same {
            return None; // the change is listed on its own
        }
        if change.this_and_future && original < start {
            title = &change.title;
            let delta = original.until(change.start.civil_in(zone)).ok()?;
            shifted = start.checked_add(delta).ok()?;
        }
    }
    let when = match event.start {
        When::Day(_) => When::Day(shifted.date()),
        When::At(..) => When::At(shifted, zone.clone()),
    };
    Some(occurrence(title, &when, home))
}

fn occurrence(title: &str, when: &When, home: &TimeZone) -> Occurrence {
    match when {
        When::Day(date) => Occurrence { date: *date, time: None, title: title.to_owned() },
        When::At(..) => {
            let clock = when.civil_in(home);
            Occurrence { date: clock.date(), time: Some(clock.time()), title: title.to_owned() }
        }
    }
}

/// The start times (on the event's own clock) of every occurrence near the range.
fn starts(event: &CalendarEvent, zone: &TimeZone, from: Date, to: Date) -> Result<Vec<DateTime>, String> {
    let first = event.start.civil_in(zone);
    let mut all = vec![first];
    for rule in &event.rules {
        let window = (from.checked_sub(2.days()).unwrap_or(from), to.checked_add(2.days()).unwrap_or(to));
        let walk_from = skip::start_near(rule, first, window.0.to_datetime(jiff::civil::Time::midnight()));
        all.extend(repeat(rule, walk_from, zone, window).map_err(|e| format!("event {:?}: {e}", event.title))?);
    }
    all.extend(event.rdates.iter().map(|d| d.civil_in(zone)));
    // A date-only EXDATE removes the day's occurrence, of an all-day or a timed series alike.
    let removed: Vec<(DateTime, bool)> =
        event.exdates.iter().map(|d| (d.civil_in(zone), matches!(d, When::Day(_)))).collect();
    let all_day = matches!(event.start, When::Day(_));
    all.retain(|s| !removed.iter().any(|(r, day)| r == s || ((all_day || *day) && r.date() == s.date())));
    all.sort();
    all.dedup();
    Ok(all)
}

fn repeat(rule: &str, first: DateTime, zone: &TimeZone, window: (Date, Date)) -> Result<Vec<DateTime>, String> {
    let rule = rule.trim_start_matches("RRULE:");
    let rewritten: Vec<String> = rule
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") => until_as_clock(value, zone)
                .map(|until| format!("UNTIL={}", floating(until)))
                .ok_or_else(|| format!("the repeat rule's end (UNTIL={value}) is not a date")),
            _ => Ok(part.to_owned()),
        })
        .collect::<Result<_, _>>()?;
    let parsed: rrule::RRule<rrule::Unvalidated> =
        rewritten.join(";").parse().map_err(|e| format!("the repeat rule {rule:?} cannot be read ({e})"))?;
    let set = parsed.build(as_utc(first)?).map_err(|e| format!("the repeat rule {rule:?} is not valid ({e})"))?;
    let edge = |date: Date| as_utc(date.to_datetime(jiff::civil::Time::midnight()));
    let result = set.after(edge(window.0)?).before(edge(window.1)?).all(PER_RULE_LIMIT);
    if result.dates.len() >= usize::from(PER_RULE_LIMIT) {
        return Err(format!(
            "it repeats more than {PER_RULE_LIMIT} times around this range, more than one import can list; pick a shorter range"
        ));
    }
    result.dates.iter().map(|d| from_utc(d.naive_utc())).collect()
}

/// UNTIL on the event's own clock: a date means the end of that day.
fn until_as_clock(value: &str, zone: &TimeZone) -> Option<DateTime> {
    let probe = icalendar::parser::Property::new_ref("UNTIL", value);
    let book = super::zones::ZoneBook::new(&[]);
    match super::values::read_values(&probe, &book, zone).ok()?.into_iter().next()? {
        When::Day(date) => Some(date.to_datetime(jiff::civil::Time::new(23, 59, 59, 0).ok()?)),
        at @ When::At(..) => Some(at.civil_in(zone)),
    }
}

fn floating(at: DateTime) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn as_utc(at: DateTime) -> Result<chrono::DateTime<rrule::Tz>, String> {
    rrule::Tz::UTC
        .with_ymd_and_hms(
            i32::from(at.year()),
            u32::try_from(at.month()).unwrap_or(1),
            u32::try_from(at.day()).unwrap_or(1),
            u32::try_from(at.hour()).unwrap_or(0),
            u32::try_from(at.minute()).unwrap_or(0),
            u32::try_from(at.second()).unwrap_or(0),
        )
        .single()
        .ok_or_else(|| format!("{at} is out of range"))
}

fn from_utc(at: chrono::NaiveDateTime) -> Result<DateTime, String> {
    use chrono::{Datelike, Timelike};
    let small = |n: u32| i8::try_from(n).map_err(|_| "out of range".to_owned());
    let date =
        Date::new(i16::try_from(at.year()).map_err(|_| "year out of range")?, small(at.month())?, small(at.day())?);
    let time = jiff::civil::Time::new(small(at.hour())?, small(at.minute())?, small(at.second())?, 0);
    Ok(date.map_err(|e| e.to_string())?.to_datetime(time.map_err(|e| e.to_string())?))
}
