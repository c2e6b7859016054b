//! What a love/loathe journal says when read as a whole: the themes that keep coming back (the
//! tags, and the words used most in the activities), each with how often it was loved and
//! loathed, and the balance of loved against loathed week by week.

use super::{week_start, Fields};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use std::collections::BTreeMap;

/// How many themes of each sort are shown.
pub const THEMES_SHOWN: usize = 8;
/// How many of the most recent weeks the balance covers.
pub const WEEKS_SHOWN: usize = 26;

/// A tag or a word, and how the entries carrying it felt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub loved: usize,
    pub loathed: usize,
}

/// One week (starting on Monday) of the balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    pub starts: Date,
    pub loved: usize,
    pub loathed: usize,
}

/// The whole picture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalSummary {
    pub loved: usize,
    pub loathed: usize,
    pub tags: Vec<Theme>,
    pub words: Vec<Theme>,
    pub weeks: Vec<Week>,
}

/// Words too common to say anything about the work.
const COMMON: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "onto", "that", "this", "our", "your", "their", "about", "after",
    "before", "over", "was", "were", "had", "has", "have", "then", "than", "all", "any", "out", "off", "via", "per",
];

/// Summarises journal entries, given as their fields (activity, feeling, on, tags).
pub fn summarise<'a>(entries: impl IntoIterator<Item = &'a Fields>) -> JournalSummary {
    let mut summary = JournalSummary::default();
    let mut tags: BTreeMap<String, Theme> = BTreeMap::new();
    let mut words: BTreeMap<String, Theme> = BTreeMap::new();
    let mut weeks: BTreeMap<Date, Week> = BTreeMap::new();
    for fields in entries {
        let get = |name: &str| fields.get(name).map_or("", String::as_str);
        let loved = match get("feeling") {
            "love" => true,
            "loathe" => false,
            _ => continue,
        };
        if loved {
            summary.loved += 1;
        } else {
            summary.loathed += 1;
        }
        for tag in get("tags").split(',').map(str::trim).filter(|t| !t.is_empty()) {
            count(&mut tags, tag, loved);
        }
        let mut seen: Vec<String> = significant_words(get("activity")).collect();
        seen.sort();
        seen.dedup();
        for word in seen {
            count(&mut words, &word, loved);
        }
        if let Ok(date) = get("on").parse::<Date>() {
            let starts = week_start(date);
            let week = weeks.entry(starts).or_insert(Week { starts, loved: 0, loathed: 0 });
            if loved {
                week.loved += 1;
            } else {
                week.loathed += 1;
            }
        }
    }
    summary.tags = top(tags);
    summary.words = top(words).into_iter().filter(|w| w.loved + w.loathed > 1).collect();
    summary.weeks = with_empty_weeks(weeks);
    summary
}

fn count(themes: &mut BTreeMap<String, Theme>, name: &str, loved: bool) {
    let theme = themes.entry(name.to_owned()).or_insert(Theme { name: name.to_owned(), loved: 0, loathed: 0 });
    if loved {
        theme.loved += 1;
    } else {
        theme.loathed += 1;
    }
}

fn significant_words(activity: &str) -> impl Iterator<Item = String> + '_ {
    activity
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !COMMON.contains(&w.as_str()) && !w.chars().all(|c| c.is_numeric()))
}

/// The most frequent first; ties by name.
fn top(themes: BTreeMap<String, Theme>) -> Vec<Theme> {
    let mut all: Vec<Theme> = themes.into_values().collect();
    all.sort_by(|a, b| (b.loved + b.loathed).cmp(&(a.loved + a.loathed)).then_with(|| a.name.cmp(&b.name)));
    all.truncate(THEMES_SHOWN);
    all
}

/// The weeks from the first to the last entry (the last `WEEKS_SHOWN` of them), quiet ones included.
fn with_empty_weeks(weeks: BTreeMap<Date, Week>) -> Vec<Week> {
    let (Some(first), Some(last)) = (weeks.keys().next().copied(), weeks.keys().last().copied()) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let mut starts = first;
    while starts <= last {
        all.push(weeks.get(&starts).cloned().unwrap_or(Week { starts, loved: 0, loathed: 0 }));
        match starts.checked_add(1.week()) {
            Ok(next) => starts = next,
            Err(_) => break,
        }
    }
    let skip = all.len().saturating_sub(WEEKS_SHOWN);
    debug_assert!(all.iter().all(|w| w.starts.weekday() == Weekday::Monday));
    all.split_off(skip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn entry(activity: &str, feeling: &str, on: &str, tags: &str) -> Fields {
        Fields::from([
            ("activity".into(), activity.into()),
            ("feeling".into(), feeling.into()),
            ("on".into(), on.into()),
            ("tags".into(), tags.into()),
        ])
    }

    #[test]
    fn themes_count_loved_and_loathed_and_weeks_fill_the_gaps() {
        let entries = [
            entry("Pairing with the new hire", "love", "2024-03-04", "people, teaching"),
            entry("Budget spreadsheet for the quarter", "loathe", "2024-03-06", "admin"),
            entry("Pairing on the billing bug", "love", "2024-03-07", "people, code"),
            entry("Quarter budget review", "loathe", "2024-03-20", "admin, meetings"),
        ];
        let summary = summarise(&entries);
        assert_eq!((summary.loved, summary.loathed), (2, 2));
        assert_eq!(summary.tags[0], Theme { name: "admin".into(), loved: 0, loathed: 2 });
        assert_eq!(summary.tags[1], Theme { name: "people".into(), loved: 2, loathed: 0 });
        let words: Vec<&str> = summary.words.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(words, ["budget", "pairing", "quarter"], "words used once are not themes");
        let weeks: Vec<(Date, usize, usize)> = summary.weeks.iter().map(|w| (w.starts, w.loved, w.loathed)).collect();
        assert_eq!(weeks, [(date(2024, 3, 4), 2, 1), (date(2024, 3, 11), 0, 0), (date(2024, 3, 18), 0, 1)]);
    }

    #[test]
    fn an_empty_journal_has_an_empty_summary() {
        assert_eq!(summarise(&[]), JournalSummary::default());
    }
}
