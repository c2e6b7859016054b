//! The planner for a manager with many reports: the people chosen, in order (those who said
//! they are keen first), spread over the weeks at a chosen pace — one life story a week across
//! a year, say — so that each conversation is proposed when its week comes.

use jiff::civil::Date;
use jiff::Span;

/// How many conversations a week the manager takes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    TwoAWeek,
    OneAWeek,
    OneEveryTwoWeeks,
    OneEveryFourWeeks,
}

impl Pace {
    pub const ALL: [Pace; 4] = [Pace::TwoAWeek, Pace::OneAWeek, Pace::OneEveryTwoWeeks, Pace::OneEveryFourWeeks];

    pub fn key(self) -> &'static str {
        match self {
            Pace::TwoAWeek => "two-a-week",
            Pace::OneAWeek => "one-a-week",
            Pace::OneEveryTwoWeeks => "one-every-two-weeks",
            Pace::OneEveryFourWeeks => "one-every-four-weeks",
        }
    }

    pub fn parse(key: &str) -> Option<Pace> {
        Pace::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Pace::TwoAWeek => "Two people a week",
            Pace::OneAWeek => "One person a week",
            Pace::OneEveryTwoWeeks => "One person every two weeks",
            Pace::OneEveryFourWeeks => "One person every four weeks",
        }
    }

    /// The week (counted from the first, 0-based) of the `n`th person (0-based).
    fn week_of(self, n: usize) -> usize {
        match self {
            Pace::TwoAWeek => n / 2,
            Pace::OneAWeek => n,
            Pace::OneEveryTwoWeeks => n * 2,
            Pace::OneEveryFourWeeks => n * 4,
        }
    }
}

/// The Monday of the week `day` falls in.
pub fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(Span::new().days(back)).unwrap_or(day)
}

/// Each person's week (its Monday), in the order given, starting the week of `first`.
pub fn spread<T: Clone>(people: &[T], first: Date, pace: Pace) -> Vec<(T, Date)> {
    let start = monday_of(first);
    people
        .iter()
        .enumerate()
        .filter_map(|(n, person)| {
            let weeks = i64::try_from(pace.week_of(n)).ok()?;
            start.checked_add(Span::new().weeks(weeks)).ok().map(|week| (person.clone(), week))
        })
        .collect()
}

/// Whether a planned week has come (it is that week or later) on `today`.
pub fn week_has_come(week: Date, today: Date) -> bool {
    monday_of(today) >= week
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_people_one_a_week_take_ten_weeks_from_the_monday() {
        let people: Vec<u32> = (0..10).collect();
        let thursday = Date::constant(2026, 12, 3);
        let plan = spread(&people, thursday, Pace::OneAWeek);
        assert_eq!(plan.len(), 10);
        assert_eq!(plan[0].1, Date::constant(2026, 11, 30));
        assert_eq!(plan[9].1, Date::constant(2027, 2, 1));
        let weeks: std::collections::BTreeSet<Date> = plan.iter().map(|(_, w)| *w).collect();
        assert_eq!(weeks.len(), 10, "one person a week");
        let two = spread(&people, thursday, Pace::TwoAWeek);
        assert_eq!(two[9].1, Date::constant(2026, 12, 28));
        assert!(week_has_come(plan[0].1, thursday) && !week_has_come(plan[1].1, thursday));
        assert_eq!(Pace::parse("one-every-two-weeks"), Some(Pace::OneEveryTwoWeeks));
    }
}
