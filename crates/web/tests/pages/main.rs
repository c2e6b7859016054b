//! HTTP tests of the pages and the JSON API against a real server, on SQLite and on
//! PostgreSQL. One test binary with a module per area, so the web crate is linked once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod api_conformance;
mod api_content;
mod auth;
mod calendar_feed;
mod competencies;
mod compose;
mod conversations;
mod exports;
mod hardening;
mod home;
mod journal;
mod ladders;
mod manager_story;
mod operations;
mod plan;
mod playbooks;
mod roster;
mod scim;
mod space;
mod sso;
mod words;
