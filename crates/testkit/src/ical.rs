//! An independent reading of iCalendar text: the Python `icalendar` package (installed into
//! `.tools/venv` by `scripts/test`) parses what Trellis wrote, and says what it found.

/// One event as `icalendar` reads it; times as UTC instants (`YYYY-MM-DDTHH:MM:SS+00:00`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadEvent {
    pub method: String,
    pub uid: String,
    pub summary: String,
    pub start: String,
    pub end: String,
    pub status: String,
    pub sequence: String,
    pub attendees: Vec<String>,
    /// The `TZID` the start is given in (empty for UTC).
    pub tzid: String,
    /// The start as the file's own `VTIMEZONE` defines that zone (not the reader's database);
    /// empty when the file has none.
    pub start_by_vtimezone: String,
}

const READER: &str = r#"
import sys, icalendar
from datetime import timezone
cal = icalendar.Calendar.from_ical(sys.stdin.read())
method = str(cal.get("METHOD", ""))
zones = {str(z["TZID"]): z.to_tz(lookup_tzid=False) for z in cal.walk("VTIMEZONE")}
def by_vtimezone(prop):
    tzid = prop.params.get("TZID")
    if tzid not in zones:
        return ""
    naive = prop.dt.replace(tzinfo=None)
    tz = zones[tzid]
    local = tz.localize(naive) if hasattr(tz, "localize") else naive.replace(tzinfo=tz)
    return local.astimezone(timezone.utc).isoformat()
for ev in cal.walk("VEVENT"):
    att = ev.get("ATTENDEE", [])
    att = att if isinstance(att, list) else [att]
    fields = [method, str(ev.get("UID")), str(ev.get("SUMMARY")),
              ev.decoded("DTSTART").astimezone(timezone.utc).isoformat(),
              ev.decoded("DTEND").astimezone(timezone.utc).isoformat(),
              str(ev.get("STATUS", "")), str(ev.get("SEQUENCE", "")), ",".join(str(a) for a in att),
              str(ev["DTSTART"].params.get("TZID", "")), by_vtimezone(ev["DTSTART"])]
    print("\t".join(fields))
"#;

/// The events of `text`, read by Python's `icalendar`; panics if it cannot read them.
pub fn read_events(text: &str) -> Vec<ReadEvent> {
    let output = crate::python::run_script(READER, &[], text)
        .unwrap_or_else(|error| panic!("icalendar cannot read it: {error}"));
    output
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            ReadEvent {
                method: f[0].into(),
                uid: f[1].into(),
                summary: f[2].into(),
                start: f[3].into(),
                end: f[4].into(),
                status: f[5].into(),
                sequence: f[6].into(),
                attendees: f[7].split(',').filter(|a| !a.is_empty()).map(str::to_string).collect(),
                tzid: f[8].into(),
                start_by_vtimezone: f[9].into(),
            }
        })
        .collect()
}

const EXPANDER: &str = r#"
import sys, datetime, icalendar, recurring_ical_events
from datetime import timezone
start, end = (datetime.date.fromisoformat(d) for d in sys.argv[1:3])
cal = icalendar.Calendar.from_ical(sys.stdin.read())
for ev in recurring_ical_events.of(cal).between(start, end + datetime.timedelta(days=1)):
    at = ev.decoded("DTSTART")
    if isinstance(at, datetime.datetime):
        if at.tzinfo is not None:
            at = at.astimezone(timezone.utc)
        shown = at.strftime("%Y-%m-%d %H:%M:%S")
    else:
        shown = at.isoformat()
    title = str(ev.get("SUMMARY", "(no title)")).strip() or "(no title)"
    if at.strftime("%Y-%m-%d") <= end.isoformat():
        print(shown + "\t" + title)
"#;

/// The occurrences between `from` and `to` (inclusive, on the UTC clock) of the calendar
/// `text` as Python's `recurring-ical-events` expands them: "YYYY-MM-DD HH:MM:SS\tTitle" for a
/// timed event (in UTC), "YYYY-MM-DD\tTitle" for an all-day one, sorted.
pub fn expand_independently(text: &str, from: &str, to: &str) -> Result<Vec<String>, String> {
    let output = crate::python::run_script(EXPANDER, &[from, to], text)?;
    let mut lines: Vec<String> = output.lines().map(str::to_string).collect();
    lines.sort();
    Ok(lines)
}
