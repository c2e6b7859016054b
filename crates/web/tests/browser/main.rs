//! Journeys in real headless Chromium, each checked with axe-core, on SQLite and on
//! PostgreSQL. One test binary with a module per journey, sharing the WebDriver helper.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod driver;

mod conversations;
mod journal;
mod plan;
mod roster;
mod six_month;
