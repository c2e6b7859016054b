//! The store's scenarios, each run on SQLite and on PostgreSQL. They live in one test binary
//! (one module per subject) so that a build links the store once rather than once per file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod artefact_history;
mod artefacts;
mod competencies;
mod concurrent_writes;
mod content_access;
mod conversation_documents;
mod conversations;
mod import;
mod naughty_strings;
mod playbooks;
mod roster;
