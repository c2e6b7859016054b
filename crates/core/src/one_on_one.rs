//! The recurring one-on-one of a manager and a report. Each meeting is a conversation of the
//! built-in "one-on-one" playbook; the pair agrees a rhythm once (weekly, fortnightly or
//! monthly), and when one meeting is held the next is booked at the same local time. Its
//! agenda has the person's goals at the top, then the career check-in when it is due (monthly
//! 5–10 minutes, quarterly about 30), then what either side added.

use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// The playbook every one-on-one meeting belongs to.
pub const PLAYBOOK: &str = "one-on-one";

/// How often the pair meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rhythm {
    Weekly,
    Fortnightly,
    Monthly,
}

impl Rhythm {
    pub const ALL: [Rhythm; 3] = [Rhythm::Weekly, Rhythm::Fortnightly, Rhythm::Monthly];

    /// The stored and submitted name.
    pub fn key(self) -> &'static str {
        match self {
            Rhythm::Weekly => "weekly",
            Rhythm::Fortnightly => "fortnightly",
            Rhythm::Monthly => "monthly",
        }
    }

    pub fn parse(key: &str) -> Option<Rhythm> {
        Rhythm::ALL.into_iter().find(|r| r.key() == key)
    }

    /// How a form offers it.
    pub fn label(self) -> &'static str {
        match self {
            Rhythm::Weekly => "Every week",
            Rhythm::Fortnightly => "Every two weeks",
            Rhythm::Monthly => "Every month",
        }
    }

    /// The next meeting after one starting at `starts_at`, at the same local time in
    /// `time_zone` (so a summer-time change does not move it by an hour).
    pub fn next_after(self, starts_at: i64, time_zone: &str) -> Option<i64> {
        let zone = TimeZone::get(time_zone).unwrap_or(TimeZone::UTC);
        let start = Timestamp::from_millisecond(starts_at).ok()?.to_zoned(zone);
        let step = match self {
            Rhythm::Weekly => Span::new().weeks(1),
            Rhythm::Fortnightly => Span::new().weeks(2),
            Rhythm::Monthly => Span::new().months(1),
        };
        start.checked_add(step).ok().map(|next| next.timestamp().as_millisecond())
    }
}

/// What an agenda item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgendaKind {
    /// Something either side wants to talk about.
    Topic,
    /// The monthly career check-in (5–10 minutes).
    CheckIn,
    /// The quarterly extended check-in (about 30 minutes).
    ExtendedCheckIn,
}

impl AgendaKind {
    pub fn key(self) -> &'static str {
        match self {
            AgendaKind::Topic => "topic",
            AgendaKind::CheckIn => "check-in",
            AgendaKind::ExtendedCheckIn => "extended-check-in",
        }
    }

    pub fn parse(key: &str) -> Option<AgendaKind> {
        [AgendaKind::Topic, AgendaKind::CheckIn, AgendaKind::ExtendedCheckIn].into_iter().find(|k| k.key() == key)
    }

    /// For a check-in: its heading and the questions it walks through.
    pub fn check_in(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            AgendaKind::Topic => None,
            AgendaKind::CheckIn => Some(("Career check-in (5–10 minutes)", MONTHLY_QUESTIONS)),
            AgendaKind::ExtendedCheckIn => Some(("Extended career check-in (about 30 minutes)", QUARTERLY_QUESTIONS)),
        }
    }
}

const MONTHLY_QUESTIONS: &[&str] = &[
    "What moved your plan forward since the last check-in?",
    "Is anything in the way that I could help with?",
    "Is the weekly practice skill still the right one?",
];

const QUARTERLY_QUESTIONS: &[&str] = &[
    "Goal by goal: on track, stuck, or no longer right?",
    "Which actions are done, and what is the next step for the others?",
    "Is the dream you are working towards still the one you want?",
    "What should change in the plan for the next three months?",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_meeting_keeps_the_local_time_across_a_clock_change() {
        // Mon 23 Mar 2026, 09:00 in Berlin (UTC+1); a week later Berlin is on UTC+2.
        let monday = 1_774_252_800_000;
        let next = Rhythm::Weekly.next_after(monday, "Europe/Berlin").unwrap();
        assert_eq!(next - monday, 7 * 86_400_000 - 3_600_000);
        let month = Rhythm::Monthly.next_after(monday, "Europe/Berlin").unwrap();
        let local = Timestamp::from_millisecond(month).unwrap().to_zoned(TimeZone::get("Europe/Berlin").unwrap());
        assert_eq!(local.strftime("%Y-%m-%d %H:%M").to_string(), "2026-04-23 09:00");
        assert_eq!(Rhythm::parse("fortnightly"), Some(Rhythm::Fortnightly));
        assert_eq!(
            AgendaKind::parse("check-in").and_then(AgendaKind::check_in).map(|c| c.0),
            Some("Career check-in (5–10 minutes)")
        );
    }
}
