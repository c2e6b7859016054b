//! The HTML pages. One module per area; each handler extracts, calls the store, and renders
//! an askama template. Every form posts and then redirects (Post/Redirect/Get), except where a
//! secret is shown once (a new API token, an invitation link).

pub mod admin;
pub mod calendar_feed;
pub mod cascade;
pub mod conversations;
pub mod follow_through;
pub mod forgot_password;
pub mod forms;
pub mod handoff;
pub mod home;
pub mod journal;
pub mod ladders;
pub mod layout;
pub mod library;
pub mod mail_links;
pub mod me;
pub mod my_settings;
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
pub mod sso;
pub mod welcome_links;

use crate::error::PageError;
use askama::Template;
use axum::response::Html;
use trellis_core::conversation::schedule::format_in_zone;

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
    format_in_zone(millis, &layout::reader_zone())
}

/// A conversation's time for the reader: in their zone, with the local time it was agreed in
/// when that zone is another ("Thu 3 Dec 2026, 13:30 (Europe/London) · 14:30 in Europe/Berlin").
pub fn format_for_reader(millis: i64, agreed_zone: &str) -> String {
    let zone = layout::reader_zone();
    let theirs = format_in_zone(millis, &zone);
    if zone == agreed_zone || !trellis_core::conversation::schedule::is_known_time_zone(agreed_zone) {
        return theirs;
    }
    let (_, clock) = trellis_core::conversation::schedule::local_fields(millis, agreed_zone);
    format!("{theirs} · {clock} in {agreed_zone}")
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

    #[tokio::test]
    async fn times_read_in_the_readers_zone_and_say_which() {
        assert_eq!(format_time(0), "Thu 1 Jan 1970, 00:00 (UTC)", "UTC outside a request");
        let local = layout::RequestLocal { nav: None, zone: "Asia/Tokyo".into() };
        let (stamp, meeting) =
            layout::REQUEST.scope(local, async { (format_time(0), format_for_reader(0, "Europe/Berlin")) }).await;
        assert_eq!(stamp, "Thu 1 Jan 1970, 09:00 (Asia/Tokyo)");
        assert_eq!(meeting, "Thu 1 Jan 1970, 09:00 (Asia/Tokyo) · 01:00 in Europe/Berlin");
    }
}
