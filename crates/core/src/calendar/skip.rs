//! Bounding the work of repeat rules. A rule is expanded by walking from its first occurrence,
//! so "every second since 1970" would walk for minutes before reaching the range. A rule
//! without COUNT repeats the same way each period, so its start can move forward by whole
//! periods to just before the range without changing a single occurrence. A rule with COUNT
//! must be walked from its start; the walk is capped per rule by the `rrule` crate, and the file
//! as a whole gets a budget of such walks.

use jiff::civil::{Date, DateTime};
use jiff::Span;

/// The most steps all counted rules of one file may take together.
pub(super) const COUNTED_STEPS_BUDGET: u64 = 2_000_000;
/// The `rrule` crate stops one walk after this many steps.
const STEPS_PER_WALK: u64 = 100_000;

/// The parts of a rule that say how far apart its periods are.
struct Period {
    freq: String,
    interval: i64,
}

fn part<'a>(rule: &'a str, key: &str) -> Option<&'a str> {
    rule.split(';').filter_map(|p| p.split_once('=')).find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

fn period(rule: &str) -> Option<Period> {
    let freq = part(rule, "FREQ")?.to_ascii_uppercase();
    let interval = part(rule, "INTERVAL").map_or(Some(1), |v| v.trim().parse::<i64>().ok())?.max(1);
    Some(Period { freq, interval })
}

/// How many steps walking `rule` may cost, when it has a COUNT (0 otherwise).
pub(super) fn counted_steps(rule: &str) -> u64 {
    part(rule, "COUNT").and_then(|c| c.trim().parse::<u64>().ok()).map_or(0, |count| count.min(STEPS_PER_WALK))
}

/// A start for `rule` as close before `window_start` as whole periods allow, or `first` when
/// the rule has a COUNT (or cannot be read; the parser will say so).
pub(super) fn start_near(rule: &str, first: DateTime, window_start: DateTime) -> DateTime {
    if part(rule, "COUNT").is_some() || first >= window_start {
        return first;
    }
    let Some(Period { freq, interval }) = period(rule) else { return first };
    let step = |n: i64| -> Option<Span> {
        let n = n.checked_mul(interval)?;
        match freq.as_str() {
            "SECONDLY" => Span::new().try_seconds(n).ok(),
            "MINUTELY" => Span::new().try_minutes(n).ok(),
            "HOURLY" => Span::new().try_hours(n).ok(),
            "DAILY" => Span::new().try_days(n).ok(),
            "WEEKLY" => Span::new().try_weeks(n).ok(),
            _ => None,
        }
    };
    match freq.as_str() {
        "MONTHLY" | "YEARLY" => shift_by_calendar(&freq, interval, first, window_start),
        _ => {
            // Periods between the two, less one so the new start stays before the range.
            let unit = step(1).and_then(|s| s.total((jiff::Unit::Second, first)).ok()).unwrap_or(1.0).max(1.0);
            let gap =
                first.until(window_start).ok().and_then(|s| s.total((jiff::Unit::Second, first)).ok()).unwrap_or(0.0);
            let periods = ((gap / unit).floor() as i64 - 1).max(0);
            step(periods).and_then(|s| first.checked_add(s).ok()).unwrap_or(first)
        }
    }
}

/// Moves a monthly or yearly start forward by whole intervals, keeping its day of the month
/// (a start on the 31st or on 29 February moves only to a month or year that has that day).
fn shift_by_calendar(freq: &str, interval: i64, first: DateTime, window_start: DateTime) -> DateTime {
    let months_per_period = if freq == "YEARLY" { 12 * interval } else { interval };
    let months_between =
        i64::from(window_start.year() - first.year()) * 12 + i64::from(window_start.month() - first.month());
    let mut periods = (months_between / months_per_period - 1).max(0);
    while periods > 0 {
        let months = periods * months_per_period + i64::from(first.month()) - 1;
        let year = i64::from(first.year()) + months.div_euclid(12);
        let month = months.rem_euclid(12) + 1;
        let moved =
            i16::try_from(year).ok().zip(i8::try_from(month).ok()).and_then(|(y, m)| Date::new(y, m, first.day()).ok());
        if let Some(date) = moved {
            return date.to_datetime(first.time());
        }
        periods -= 1;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(y: i16, m: i8, d: i8, h: i8) -> DateTime {
        date(y, m, d).at(h, 0, 0, 0)
    }

    #[test]
    fn a_rule_without_count_starts_again_just_before_the_range_on_its_own_beat() {
        let window = at(2024, 1, 10, 0);
        let weekly = start_near("FREQ=WEEKLY;INTERVAL=2", at(2000, 1, 3, 9), window);
        assert!(weekly < window && window.since(weekly).is_ok_and(|s| s.get_days() < 28));
        assert_eq!(at(2000, 1, 3, 9).until(weekly).unwrap().get_days() % 14, 0, "whole fortnights");
        let every_second = start_near("FREQ=SECONDLY", at(1970, 1, 1, 0), window);
        assert!(every_second < window && every_second > at(2024, 1, 9, 0));
        let monthly_31st = start_near("FREQ=MONTHLY", at(2000, 1, 31, 9), window);
        assert_eq!((monthly_31st.day(), monthly_31st < window), (31, true));
        let leap_day = start_near("FREQ=YEARLY", at(2000, 2, 29, 9), window);
        assert_eq!((leap_day.month(), leap_day.day()), (2, 29));
        assert!(leap_day.year() >= 2016 && leap_day < window);
    }

    #[test]
    fn a_counted_rule_keeps_its_start_and_is_charged_to_the_budget() {
        let first = at(2000, 1, 1, 0);
        assert_eq!(start_near("FREQ=DAILY;COUNT=10", first, at(2024, 1, 1, 0)), first);
        assert_eq!(counted_steps("FREQ=DAILY;COUNT=10"), 10);
        assert_eq!(counted_steps("FREQ=SECONDLY;COUNT=99999999"), 100_000);
        assert_eq!(counted_steps("FREQ=DAILY"), 0);
    }
}
