//! Journeys in real headless Chromium, each checked with axe-core, on SQLite and on
//! PostgreSQL. One test binary with a module per journey, sharing the WebDriver helper.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod driver;

mod cascade;
mod conversations;
mod follow_through;
mod journal;
mod one_on_one;
mod plan;
mod planner;
mod roster;
mod six_month;
mod sso;
mod trust;

/// Moves every scheduled conversation `days` into the past, as if that much time had gone by
/// (a conversation is marked held only once its time has come).
pub(crate) async fn let_time_pass(db: &trellis_testkit::TestDb, days: i64) {
    db.execute(&format!(
        "UPDATE conversations SET starts_at = starts_at - {} WHERE starts_at IS NOT NULL",
        days * 86_400_000
    ))
    .await;
}
