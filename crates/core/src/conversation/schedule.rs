//! Dates and times of conversations. A time is typed as a local date and clock time in a named
//! time zone (IANA, e.g. "Europe/Berlin"), stored as an instant, and shown again in the zone it
//! was agreed in. The time-zone database is bundled, so a machine without one still works.

use crate::{Error, FieldError, Result};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The shortest and longest conversation accepted, in minutes.
pub const MINUTES_RANGE: std::ops::RangeInclusive<u32> = 5..=480;

const DAY_MILLIS: i64 = 86_400_000;

/// An agreed (or proposed) time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The start, in milliseconds since the Unix epoch.
    pub starts_at: i64,
    pub minutes: u32,
    /// The IANA time zone the time was given in.
    pub time_zone: String,
}

/// Reads a slot from form fields, naming each field that is wrong. A time in the past (before
/// `now`, in milliseconds) is refused.
pub fn parse_slot(date: &str, time: &str, minutes: &str, time_zone: &str, now: i64) -> Result<Slot> {
    let mut errors = Vec::new();
    let zone = TimeZone::get(time_zone.trim())
        .map_err(|_| errors.push(FieldError::new("time_zone", "is not a time zone we know, e.g. Europe/Berlin")))
        .ok();
    let day = date
        .trim()
        .parse::<Date>()
        .map_err(|_| errors.push(FieldError::new("date", "must be a date like 2026-12-03")))
        .ok();
    let clock =
        time.trim().parse::<Time>().map_err(|_| errors.push(FieldError::new("time", "must be a time like 14:30"))).ok();
    let length = match minutes.trim().parse::<u32>() {
        Ok(m) if MINUTES_RANGE.contains(&m) => Some(m),
        _ => {
            let (low, high) = (MINUTES_RANGE.start(), MINUTES_RANGE.end());
            errors.push(FieldError::new("minutes", format!("must be a whole number from {low} to {high}")));
            None
        }
    };
    if let (Some(zone), Some(day), Some(clock), Some(minutes)) = (zone, day, clock, length) {
        let starts_at = day.to_datetime(clock).to_zoned(zone).map(|z| z.timestamp().as_millisecond());
        match starts_at {
            Ok(starts_at) if starts_at < now => errors.push(FieldError::new("date", "is in the past")),
            Ok(starts_at) => return Ok(Slot { starts_at, minutes, time_zone: time_zone.trim().to_string() }),
            Err(_) => errors.push(FieldError::new("date", "is out of range")),
        }
    }
    Err(Error::Invalid(errors))
}

/// Every time zone a person can choose, by IANA name (areas like "Europe/Berlin", and UTC).
pub fn time_zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_string())
        .filter(|name| {
            let area = name.split('/').next().unwrap_or_default();
            name == "UTC"
                || (name.contains('/')
                    && [
                        "Africa",
                        "America",
                        "Antarctica",
                        "Asia",
                        "Atlantic",
                        "Australia",
                        "Europe",
                        "Indian",
                        "Pacific",
                    ]
                    .contains(&area))
        })
        .collect();
    names.sort();
    names
}

/// Whether `name` is a time zone the bundled database knows.
pub fn is_known_time_zone(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

fn zoned(millis: i64, time_zone: &str) -> Option<jiff::Zoned> {
    let zone = TimeZone::get(time_zone).unwrap_or(TimeZone::UTC);
    Timestamp::from_millisecond(millis).ok().map(|t| t.to_zoned(zone))
}

/// A time as people read it, in the zone it was agreed in: "Thu 3 Dec 2026, 14:30 (Europe/Berlin)".
pub fn format_in_zone(millis: i64, time_zone: &str) -> String {
    zoned(millis, time_zone).map_or_else(
        || "—".to_string(),
        |z| format!("{} ({})", z.strftime("%a %-d %b %Y, %H:%M"), z.time_zone().iana_name().unwrap_or("UTC")),
    )
}

/// The local date and clock time of an instant in a zone, to fill in a form again.
pub fn local_fields(millis: i64, time_zone: &str) -> (String, String) {
    zoned(millis, time_zone)
        .map_or_else(Default::default, |z| (z.date().to_string(), z.time().strftime("%H:%M").to_string()))
}

/// When a conversation starts sooner than the playbook's preparation lead time, a sentence
/// saying so (the person may not have time to prepare); otherwise `None`.
pub fn lead_time_warning(starts_at: i64, now: i64, lead_days: Option<u32>) -> Option<String> {
    let lead_days = lead_days?;
    let lead = i64::from(lead_days) * DAY_MILLIS;
    if starts_at - now >= lead {
        return None;
    }
    let days_left = (starts_at - now).max(0) / DAY_MILLIS;
    Some(format!(
        "This is {} away, but the playbook gives the person {lead_days} days to prepare. \
         Choose a later date, or confirm this one if you both agree it is enough time.",
        match days_left {
            0 => "less than a day".to_string(),
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        }
    ))
}

/// When a series step would start after the playbook's series window (counted from the first
/// step of the series, `series_start`), a sentence saying so; otherwise `None`.
pub fn series_window_warning(starts_at: i64, series_start: Option<i64>, window_days: Option<u32>) -> Option<String> {
    let (start, days) = (series_start?, window_days?);
    let end = start + i64::from(days) * DAY_MILLIS;
    if starts_at <= end {
        return None;
    }
    let late = (starts_at - end).div_euclid(DAY_MILLIS).max(1);
    let late = if late == 1 { "1 day".to_string() } else { format!("{late} days") };
    Some(format!(
        "This is {late} after the series window: the playbook keeps its conversations within {days} days of the first, \
         so that what you found in one is still fresh for the next. Choose an earlier date, or keep this one if you both agree."
    ))
}

/// Whether the readiness question is due: the conversation is `days_before` days away or less.
pub fn readiness_due(starts_at: i64, now: i64, days_before: Option<u32>) -> bool {
    let days = i64::from(days_before.unwrap_or(1));
    now < starts_at && starts_at - now <= days * DAY_MILLIS
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21

    #[test]
    fn local_times_honour_the_time_zone() {
        let berlin = parse_slot("2026-12-03", "14:30", "60", "Europe/Berlin", NOW).unwrap();
        let tokyo = parse_slot("2026-12-03", "14:30", "60", "Asia/Tokyo", NOW).unwrap();
        // 14:30 in Tokyo is eight hours before 14:30 in Berlin in December.
        assert_eq!(berlin.starts_at - tokyo.starts_at, 8 * 3_600_000);
        assert_eq!(format_in_zone(berlin.starts_at, "Europe/Berlin"), "Thu 3 Dec 2026, 14:30 (Europe/Berlin)");
        assert_eq!(local_fields(tokyo.starts_at, "Asia/Tokyo"), ("2026-12-03".into(), "14:30".into()));
    }

    #[test]
    fn every_wrong_field_is_named() {
        let error = parse_slot("3/12/2026", "2pm", "0", "Mars/Olympus", NOW).unwrap_err();
        let fields: Vec<&str> = error.field_errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["time_zone", "date", "time", "minutes"]);
        let past = parse_slot("2020-01-01", "10:00", "30", "UTC", NOW).unwrap_err();
        assert_eq!(past.to_string(), "date: is in the past");
    }

    #[test]
    fn scheduling_inside_the_lead_time_warns() {
        let in_three_days = NOW + 3 * DAY_MILLIS + 1;
        let warning = lead_time_warning(in_three_days, NOW, Some(14)).unwrap();
        assert!(warning.contains("3 days away"), "{warning}");
        assert!(lead_time_warning(NOW + 15 * DAY_MILLIS, NOW, Some(14)).is_none());
        assert!(lead_time_warning(in_three_days, NOW, None).is_none());
    }

    #[test]
    fn the_zones_to_choose_from_are_the_named_areas() {
        let names = time_zone_names();
        assert!(names.len() > 300, "{}", names.len());
        assert!(names.iter().any(|n| n == "Europe/Berlin") && names.iter().any(|n| n == "UTC"));
        assert!(names.iter().all(|n| is_known_time_zone(n)));
        assert!(!names.iter().any(|n| n.starts_with("Etc/")));
    }

    #[test]
    fn a_step_after_the_series_window_warns() {
        let first = NOW;
        assert!(series_window_warning(NOW + 29 * DAY_MILLIS, Some(first), Some(30)).is_none());
        let late = series_window_warning(NOW + 33 * DAY_MILLIS, Some(first), Some(30)).unwrap();
        assert!(late.starts_with("This is 3 days after the series window"), "{late}");
        assert!(series_window_warning(NOW + 90 * DAY_MILLIS, None, Some(30)).is_none());
    }

    #[test]
    fn readiness_is_asked_the_day_before() {
        assert!(readiness_due(NOW + DAY_MILLIS / 2, NOW, Some(1)));
        assert!(!readiness_due(NOW + 2 * DAY_MILLIS, NOW, Some(1)));
        assert!(!readiness_due(NOW - 1, NOW, Some(1)));
    }
}
