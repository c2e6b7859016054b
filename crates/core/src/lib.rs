//! The Trellis domain: people and the roster, the access policy that guards career content,
//! the roster import rules, and the error type every layer speaks. Pure Rust: no I/O, no web
//! framework, no database driver. The store and the web layer call into this crate.

pub mod artefact;
pub mod calendar;
pub mod calendar_feed;
pub mod calendar_zone;
pub mod cascade;
pub mod catalogue;
pub mod conversation;
pub mod credentials;
pub mod error;
pub mod follow_through;
pub mod handoff;
pub mod ids;
pub mod ladder;
pub mod names;
pub mod one_on_one;
pub mod org;
pub mod person;
pub mod planner;
pub mod playbook;
pub mod policy;
pub mod roster;
pub mod scim;
pub mod text;

pub use error::{Error, FieldError, Result};
