//! Time zones named by a calendar's TZID parameters. A name the time-zone database knows
//! (Europe/Berlin) is used as it is, as is the database zone a definition names in
//! X-LIC-LOCATION. Otherwise the file's own VTIMEZONE definition is read: its yearly
//! daylight-saving rules become a POSIX TZ rule, or, failing that, its standard offset is used
//! all year. A name neither known nor defined is an error naming it.

use icalendar::parser::Component;
use jiff::tz::{Offset, TimeZone};
use std::collections::HashMap;

/// The zones a calendar defines, by TZID.
pub(super) struct ZoneBook {
    defined: HashMap<String, Option<TimeZone>>,
}

impl ZoneBook {
    /// Reads every VTIMEZONE among `components`.
    pub fn new(components: &[&Component<'_>]) -> Self {
        let defined = components
            .iter()
            .filter(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE"))
            .filter_map(|c| Some((c.find_prop("TZID")?.val.as_str().trim().to_owned(), from_definition(c))))
            .collect();
        ZoneBook { defined }
    }

    /// The zone called `tzid`: a zone of the database by name (also wrapped in a path, or
    /// with a leading slash), the file's own definition, or a Windows zone name (Outlook and
    /// Exchange write "Pacific Standard Time") by the CLDR table.
    pub fn resolve(&self, tzid: &str) -> Result<TimeZone, String> {
        let tzid = tzid.trim().trim_matches('"');
        if let Some(zone) = known(tzid) {
            return Ok(zone);
        }
        match (self.defined.get(tzid), windows_zone(tzid)) {
            (Some(Some(zone)), _) => Ok(zone.clone()),
            (_, Some(zone)) => Ok(zone),
            (Some(None), None) => {
                Err(format!("the time zone {tzid:?} is defined in the file, but its rules cannot be read"))
            }
            (None, None) => {
                Err(format!("the time zone {tzid:?} is not a known zone name and is not defined in the file"))
            }
        }
    }
}

/// The zone a Windows time-zone name stands for (Unicode CLDR's windowsZones table).
fn windows_zone(tzid: &str) -> Option<TimeZone> {
    include_str!("../../data/windows-zones.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
        .and_then(|(_, iana)| TimeZone::get(iana).ok())
}

/// A zone from the database, also when wrapped as "/mozilla.org/20050126_1/Europe/Berlin" or
/// written with a leading slash ("/Europe/Stockholm").
fn known(tzid: &str) -> Option<TimeZone> {
    if tzid.is_empty() {
        return None;
    }
    TimeZone::get(tzid).ok().or_else(|| {
        let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
        (2..=parts.len()).rev().find_map(|n| TimeZone::get(&parts[parts.len() - n..].join("/")).ok())
    })
}

fn from_definition(definition: &Component<'_>) -> Option<TimeZone> {
    // Some writers name the database zone they copied the rules from.
    if let Some(zone) = definition.find_prop("X-LIC-LOCATION").and_then(|p| known(p.val.as_str().trim())) {
        return Some(zone);
    }
    // A zone of one-off changes only (no yearly rule): each change at its own moment.
    let observances: Vec<&Component<'_>> = definition
        .components
        .iter()
        .filter(|c| {
            c.name.as_str().eq_ignore_ascii_case("STANDARD") || c.name.as_str().eq_ignore_ascii_case("DAYLIGHT")
        })
        .collect();
    if observances.len() > 1 && observances.iter().all(|c| c.find_prop("RRULE").is_none()) {
        if let Some(zone) = one_off_changes(&observances) {
            return Some(zone);
        }
    }
    // The rules in force today are the yearly ones (RRULE); the others are history.
    let last = |name: &str| {
        let mut parts = definition.components.iter().rev().filter(|c| c.name.as_str().eq_ignore_ascii_case(name));
        let all: Vec<&Component<'_>> = parts.by_ref().collect();
        all.iter().find(|c| c.find_prop("RRULE").is_some()).or(all.first()).copied()
    };
    let standard = last("STANDARD").or_else(|| last("DAYLIGHT"))?;
    let standard_offset = offset_of(standard)?;
    if let Some(daylight) = last("DAYLIGHT").filter(|_| last("STANDARD").is_some()) {
        if let Some(zone) = posix_rule(standard, standard_offset, daylight) {
            return Some(zone);
        }
    }
    Some(TimeZone::fixed(standard_offset))
}

/// A zone that changes offset at each observance's onset (DTSTART, on the clock before the
/// change), written as TZif data for jiff to read.
fn one_off_changes(observances: &[&Component<'_>]) -> Option<TimeZone> {
    let mut changes: Vec<(i64, Offset, bool)> = Vec::new();
    let mut first_before = None;
    for part in observances {
        let (from, to) = (offset_named(part, "TZOFFSETFROM")?, offset_of(part)?);
        let onset = part.find_prop("DTSTART")?.val.as_str().trim().to_owned();
        let local = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", &onset).ok()?;
        let at = local.to_zoned(TimeZone::fixed(from)).ok()?.timestamp().as_second();
        let daylight = part.name.as_str().eq_ignore_ascii_case("DAYLIGHT");
        if first_before.is_none_or(|(t, _)| at < t) {
            first_before = Some((at, from));
        }
        changes.push((at, to, daylight));
    }
    changes.sort_by_key(|(at, ..)| *at);
    let (_, before) = first_before?;
    // TZif version 1 (RFC 8536): header, transition times, their types, the types, names.
    let mut types: Vec<(Offset, bool)> = vec![(before, false)];
    let mut indices = Vec::new();
    for (_, offset, daylight) in &changes {
        let index = types.iter().position(|t| t == &(*offset, *daylight)).unwrap_or_else(|| {
            types.push((*offset, *daylight));
            types.len() - 1
        });
        indices.push(u8::try_from(index).ok()?);
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(0).to_be_bytes();
    let mut data = b"TZif\0".to_vec();
    data.extend([0u8; 15]);
    for n in [0, 0, 0, changes.len(), types.len(), 4] {
        data.extend(count(n));
    }
    for (at, ..) in &changes {
        data.extend(i32::try_from(*at).ok()?.to_be_bytes());
    }
    data.extend(&indices);
    for (offset, daylight) in &types {
        data.extend(offset.seconds().to_be_bytes());
        data.extend([u8::from(*daylight), 0]);
    }
    data.extend(b"ZZZ\0");
    TimeZone::tzif("file", &data).ok()
}

fn offset_of(part: &Component<'_>) -> Option<Offset> {
    offset_named(part, "TZOFFSETTO")
}

fn offset_named(part: &Component<'_>, name: &str) -> Option<Offset> {
    let text = part.find_prop(name)?.val.as_str().trim().to_owned();
    let (sign, digits) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text.as_str()),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits.get(range).and_then(|d| d.parse::<i32>().ok()).unwrap_or(0);
    let seconds = number(0..2) * 3600 + number(2..4) * 60 + number(4..6);
    Offset::from_seconds(sign * seconds).ok()
}

/// "<+01>-1<+02>-2,M3.5.0/02:00:00,M10.5.0/03:00:00" from two yearly rules.
fn posix_rule(standard: &Component<'_>, standard_offset: Offset, daylight: &Component<'_>) -> Option<TimeZone> {
    let daylight_offset = offset_of(daylight)?;
    let rule = format!(
        "<STD>{}<DST>{},{},{}",
        posix_offset(standard_offset),
        posix_offset(daylight_offset),
        transition(daylight)?,
        transition(standard)?
    );
    TimeZone::posix(&rule).ok()
}

fn posix_offset(offset: Offset) -> String {
    // POSIX counts west of Greenwich as positive.
    let seconds = -offset.seconds();
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.abs();
    format!("{sign}{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// "M10.5.0/03:00:00" from RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU and the DTSTART time.
fn transition(part: &Component<'_>) -> Option<String> {
    let rule = part.find_prop("RRULE")?.val.as_str().to_ascii_uppercase();
    let get = |key: &str| rule.split(';').find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='));
    let month: u8 = get("BYMONTH")?.parse().ok()?;
    let byday = get("BYDAY")?;
    let weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"].iter().position(|d| byday.ends_with(d))?;
    let ordinal = &byday[..byday.len() - 2];
    let week = match (ordinal, get("BYMONTHDAY")) {
        ("-1", _) => 5,
        ("", Some(days)) => days.split(',').next()?.parse::<u8>().ok()?.saturating_sub(1) / 7 + 1,
        (n, _) => n.trim_start_matches('+').parse::<u8>().ok().filter(|w| (1..=4).contains(w))?,
    };
    let start = part.find_prop("DTSTART")?.val.as_str().to_owned();
    let time = start.split('T').nth(1).filter(|t| t.len() >= 6)?;
    Some(format!("M{month}.{week}.{weekday}/{}:{}:{}", &time[0..2], &time[2..4], &time[4..6]))
}
