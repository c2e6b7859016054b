//! Today in the reader's zone, and the words for days: "5 weeks ago", "in 3 days", "27 Oct".

use super::DAY_MS;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The moment rules are evaluated at, and the zone in which days are counted.
#[derive(Clone, Debug)]
pub struct Clock {
    pub now: i64,
    zone: TimeZone,
}

impl Clock {
    /// `now` in milliseconds; an unknown zone counts days in UTC.
    pub fn new(now: i64, time_zone: &str) -> Self {
        Self { now, zone: TimeZone::get(time_zone).unwrap_or(TimeZone::UTC) }
    }

    fn date(&self, millis: i64) -> Option<Date> {
        Timestamp::from_millisecond(millis).ok().map(|t| t.to_zoned(self.zone.clone()).date())
    }

    /// Whole calendar days from `millis` to now (negative for the future).
    pub fn days_since(&self, millis: i64) -> i64 {
        match (self.date(millis), self.date(self.now)) {
            (Some(then), Some(today)) => i64::from((today - then).get_days()),
            _ => (self.now - millis).div_euclid(DAY_MS),
        }
    }

    /// Whole weeks since a fixed Monday (5 Jan 1970), counted in the zone: the same number from
    /// Monday to Sunday.
    pub fn week(&self) -> i64 {
        let epoch_monday = Date::constant(1970, 1, 5);
        self.date(self.now).map_or(0, |today| i64::from((today - epoch_monday).get_days()).div_euclid(7))
    }

    /// On a Monday from 7:00 in the zone, the ISO week it begins ("2026-W49"): the moment a
    /// manager's weekly summary is due. Any other time, `None`.
    pub fn digest_week(&self) -> Option<String> {
        let local = Timestamp::from_millisecond(self.now).ok()?.to_zoned(self.zone.clone());
        let monday_morning = local.weekday() == jiff::civil::Weekday::Monday && local.hour() >= 7;
        let week = local.date().iso_week_date();
        monday_morning.then(|| format!("{}-W{:02}", week.year(), week.week()))
    }

    /// The day as people write it: "27 Oct", with the year when it is not this year's.
    pub fn day(&self, millis: i64) -> String {
        match (self.date(millis), self.date(self.now)) {
            (Some(day), Some(today)) if day.year() == today.year() => day.strftime("%-d %b").to_string(),
            (Some(day), _) => day.strftime("%-d %b %Y").to_string(),
            _ => "—".to_string(),
        }
    }

    /// "today", "yesterday", "3 days ago", "5 weeks ago", "7 months ago", "2 years ago".
    pub fn ago(&self, millis: i64) -> String {
        let days = self.days_since(millis);
        match days {
            i64::MIN..=-1 => self.ahead(millis),
            0 => "today".to_string(),
            1 => "yesterday".to_string(),
            2..=13 => format!("{days} days ago"),
            14..=59 => format!("{} weeks ago", days / 7),
            60..=729 => format!("{} months ago", days * 12 / 365),
            _ => format!("{} years ago", days / 365),
        }
    }

    /// "today", "tomorrow", "in 3 days", "in 2 weeks", "in 4 months".
    pub fn ahead(&self, millis: i64) -> String {
        let days = -self.days_since(millis);
        match days {
            i64::MIN..=0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            2..=13 => format!("in {days} days"),
            14..=59 => format!("in {} weeks", days / 7),
            _ => format!("in {} months", days * 12 / 365),
        }
    }

    /// "5 weeks ago (27 Oct)".
    pub fn ago_on(&self, millis: i64) -> String {
        format!("{} ({})", self.ago(millis), self.day(millis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEC_1_2026_NOON: i64 = 1_796_126_400_000;

    #[test]
    fn days_are_counted_in_the_readers_zone() {
        let clock = Clock::new(DEC_1_2026_NOON, "Europe/London");
        assert_eq!(clock.day(DEC_1_2026_NOON), "1 Dec");
        assert_eq!(clock.ago(DEC_1_2026_NOON - 35 * DAY_MS), "5 weeks ago");
        assert_eq!(clock.ago_on(DEC_1_2026_NOON - 35 * DAY_MS), "5 weeks ago (27 Oct)");
        assert_eq!(clock.ago(DEC_1_2026_NOON - DAY_MS), "yesterday");
        assert_eq!(clock.ago(DEC_1_2026_NOON - 400 * DAY_MS), "13 months ago");
        assert_eq!(clock.day(DEC_1_2026_NOON - 400 * DAY_MS), "27 Oct 2025");
        assert_eq!(clock.ahead(DEC_1_2026_NOON + 3 * DAY_MS), "in 3 days");
        // 23:30 in London on 1 Dec is already 2 Dec in Tokyo.
        let late = DEC_1_2026_NOON + 11 * 3_600_000 + 30 * 60_000;
        assert_eq!(Clock::new(DEC_1_2026_NOON, "Asia/Tokyo").days_since(late), -1);
        assert_eq!(clock.days_since(late), 0);
    }

    #[test]
    fn the_weekly_summary_is_due_on_monday_mornings_in_the_zone() {
        // 1 Dec 2026 is a Tuesday; 30 Nov the Monday of ISO week 49.
        let monday_eight_london = DEC_1_2026_NOON - DAY_MS - 4 * 3_600_000;
        assert_eq!(Clock::new(monday_eight_london, "Europe/London").digest_week().as_deref(), Some("2026-W49"));
        assert_eq!(Clock::new(monday_eight_london - 2 * 3_600_000, "Europe/London").digest_week(), None);
        // 08:00 in London is 03:00 in New York: not yet.
        assert_eq!(Clock::new(monday_eight_london, "America/New_York").digest_week(), None);
        assert_eq!(Clock::new(DEC_1_2026_NOON, "Europe/London").digest_week(), None);
    }
}
