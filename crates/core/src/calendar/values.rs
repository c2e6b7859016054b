//! Date and date-time values (RFC 5545 §3.3.4–3.3.5): a whole day (20240312), a time in UTC
//! (20240312T090000Z), a time in a named zone (TZID=Europe/Paris:20240312T090000), or a
//! "floating" time that means the same clock time wherever one is — read here in the
//! importing person's zone.

use super::zones::ZoneBook;
use icalendar::parser::Property;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// When something happens, as the file says it.
#[derive(Clone, Debug)]
pub(super) enum When {
    /// An all-day entry.
    Day(Date),
    /// A clock time in a zone.
    At(DateTime, TimeZone),
}

impl When {
    /// The clock time in `zone` (an all-day entry stays at midnight of its date).
    pub fn civil_in(&self, zone: &TimeZone) -> DateTime {
        match self {
            When::Day(date) => date.to_datetime(jiff::civil::Time::midnight()),
            When::At(at, own) => own.to_timestamp(*at).map(|t| zone.to_datetime(t)).unwrap_or(*at),
        }
    }
}

/// The values of a date or date-time property (EXDATE and RDATE may list several; a
/// PERIOD's end is ignored, only its start matters here). Empty items and bare times of day
/// (VALUE=TIME, which RFC 5545 does not allow here) are passed over.
pub(super) fn read_values(property: &Property<'_>, zones: &ZoneBook, home: &TimeZone) -> Result<Vec<When>, String> {
    let name = property.name.as_str().to_ascii_uppercase();
    let param = |key: &str| {
        property
            .params
            .iter()
            .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
            .and_then(|p| p.val.as_ref())
            .map(|v| v.as_str().to_owned())
    };
    let zone = match param("TZID") {
        Some(tzid) => Some(zones.resolve(&tzid).map_err(|e| format!("{name}: {e}"))?),
        None => None,
    };
    if param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("TIME")) {
        // A time of day without a date names no day: nothing to list.
        return Ok(Vec::new());
    }
    property
        .val
        .as_str()
        .split(',')
        .filter(|value| !value.trim().is_empty())
        .map(|value| {
            let start = value.split('/').next().unwrap_or("").trim();
            read_one(start, zone.as_ref(), home).ok_or_else(|| {
                format!("{name} {start:?} is not a date (YYYYMMDD) or a date and time (YYYYMMDDTHHMMSS)")
            })
        })
        .collect()
}

fn read_one(value: &str, zone: Option<&TimeZone>, home: &TimeZone) -> Option<When> {
    let digits = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = value.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let date = Date::new(digits(0..4)?, i8::try_from(digits(4..6)?).ok()?, i8::try_from(digits(6..8)?).ok()?).ok()?;
    if value.len() == 8 {
        return Some(When::Day(date));
    }
    let (time, utc) = match value.get(8..)? {
        rest if rest.len() == 7 && rest.starts_with('T') => (&rest[1..], false),
        rest if rest.len() == 8 && rest.starts_with('T') && rest.ends_with(['Z', 'z']) => (&rest[1..7], true),
        _ => return None,
    };
    let part = |range: std::ops::Range<usize>| -> Option<i8> {
        let text = time.get(range)?;
        text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse().ok()).flatten()
    };
    // A leap second (60) is read as the last second of the minute.
    let clock = jiff::civil::Time::new(part(0..2)?, part(2..4)?, part(4..6)?.min(59), 0).ok()?;
    let zone = if utc { TimeZone::UTC } else { zone.cloned().unwrap_or_else(|| home.clone()) };
    Some(When::At(date.to_datetime(clock), zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> Option<When> {
        read_one(value, None, &TimeZone::UTC)
    }

    #[test]
    fn dates_times_and_utc_are_read() {
        assert!(matches!(one("20240229"), Some(When::Day(d)) if d.day() == 29));
        assert!(matches!(one("20240312T090000Z"), Some(When::At(t, _)) if t.hour() == 9));
        assert!(matches!(one("20240312T090000"), Some(When::At(t, _)) if t.minute() == 0));
    }

    #[test]
    fn impossible_values_are_refused() {
        for bad in ["20241301", "2024031", "20240312T25", "20240312T250000", "abcdefgh", "20240230", ""] {
            assert!(one(bad).is_none(), "{bad}");
        }
    }
}
