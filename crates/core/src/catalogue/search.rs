//! Searching the careers: every word of the query must appear in the title or the summary;
//! titles that contain the whole query come first, then titles with every word, then the rest,
//! each group alphabetical. An empty query lists everything, alphabetically.

use super::{Career, Catalogue, Source};

/// One page of search results.
pub struct CareerPage<'a> {
    /// How many careers match in all.
    pub total: usize,
    pub careers: Vec<&'a Career>,
}

/// The longest query looked at, in characters.
const MAX_QUERY: usize = 100;

impl Career {
    /// 0 = the title holds the whole query, 1 = the title holds every word, 2 = the summary
    /// does, None = no match.
    fn rank(&self, query: &str, words: &[&str]) -> Option<u8> {
        let (title, summary) = &self.haystack;
        if words.iter().all(|w| title.contains(w)) {
            Some(if title.contains(query) { 0 } else { 1 })
        } else if words.iter().all(|w| title.contains(w) || summary.contains(w)) {
            Some(2)
        } else {
            None
        }
    }
}

impl Catalogue {
    /// The careers matching `query` (from `source`, or both), `limit` of them from `offset`.
    pub fn search_careers(&self, query: &str, source: Option<Source>, offset: usize, limit: usize) -> CareerPage<'_> {
        let query: String = query.trim().to_lowercase().chars().take(MAX_QUERY).collect();
        let words: Vec<&str> = query.split_whitespace().collect();
        let query = words.join(" ");
        let mut hits: Vec<(u8, &Career)> = self
            .careers
            .iter()
            .filter(|c| source.is_none_or(|s| c.source == s))
            .filter_map(|c| c.rank(&query, &words).map(|rank| (rank, c)))
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.haystack.0.cmp(&b.1.haystack.0)));
        CareerPage { total: hits.len(), careers: hits.into_iter().skip(offset).take(limit).map(|(_, c)| c).collect() }
    }
}
