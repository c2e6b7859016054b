//! The HTML pages. One module per area; each handler extracts, calls the store, and renders
//! an askama template. Every form posts and then redirects (Post/Redirect/Get), except where a
//! secret is shown once (a new API token, an invitation link).

pub mod admin;
pub mod cascade;
pub mod conversations;
pub mod follow_through;
pub mod forms;
pub mod handoff;
pub mod home;
pub mod journal;
pub mod layout;
pub mod library;
pub mod me;
pub mod org;
pub mod people;
pub mod people_admin;
pub mod plan;
pub mod planner;
pub mod playbooks;
pub mod roster_import;
pub mod sign_in;
pub mod space;
pub mod space_deletion;
pub mod welcome_links;

use crate::error::PageError;
use askama::Template;
use axum::response::Html;

/// Renders a page.
pub fn render(page: &impl Template) -> Result<Html<String>, PageError> {
    Ok(Html(page.render()?))
}

/// Previous/next links of a paged list.
#[derive(Clone, Debug)]
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    /// The list's URL with its filters and no page, e.g. `/people?q=ana`.
    pub base: String,
}

impl Pager {
    pub fn new(page: u32, per_page: u32, total: i64, base: String) -> Self {
        let pages = u32::try_from((total.max(0) as u64).div_ceil(u64::from(per_page.max(1)))).unwrap_or(u32::MAX);
        Self { page: page.max(1), pages: pages.max(1), base }
    }

    /// The URL of `page`.
    pub fn link(&self, page: u32) -> String {
        let separator = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{separator}page={page}", self.base)
    }
}

/// A stored time (milliseconds) as a person reads it, in UTC.
pub fn format_time(millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map_or_else(|_| "—".into(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
}

/// Builds a query string from pairs, skipping empty values.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_count_pages_and_keep_filters() {
        let pager = Pager::new(2, 50, 101, "/people?q=ana".into());
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.link(3), "/people?q=ana&page=3");
        assert_eq!(Pager::new(1, 50, 0, "/org".into()).pages, 1);
    }

    #[test]
    fn times_read_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
    }
}
