//! Trellis persistence. One store, written once in portable SQL, that runs on SQLite (the
//! embedded default) and PostgreSQL (shared by several instances). The backend is chosen from
//! the database URL's scheme. Domain rules come from `trellis-core`; this crate loads the facts
//! they need, applies their answers, and keeps every multi-row change in one transaction.

mod access;
mod accounts;
mod artefacts;
mod audit;
mod backdate;
pub mod backup;
mod calendar_feed;
mod cascade;
mod conversations;
mod db;
mod document_history;
mod documents;
mod export;
mod follow_through;
mod handoffs;
mod import;
pub mod jobs;
mod ladders;
mod library;
mod links;
mod mail_links;
mod notes;
mod one_on_ones;
mod password_reset;
mod people;
mod person_levels;
mod planner;
mod playbooks;
mod pool_use;
mod rate_limit;
mod reminders;
mod scim;
mod secrets;
mod sessions;
mod settings;
mod space_deletion;
mod sso;
mod tokens;

pub use access::Actor;
pub use accounts::{dummy_password_check, hash_password, hash_password_off_thread, SignedIn};
pub use artefacts::{Artefact, ArtefactHistory, LogEntry, NewArtefact, StatusChange};
pub use audit::AuditEvent;
pub use calendar_feed::Feed;
pub use cascade::{Lead, SHARED_SHOWN};
pub use conversations::{
    Composition, Conversation, ConversationEvent, ConversationHeading, ConversationPageData, ConversationView,
    MoveOutcome, MoveRequest, Proposal, ProposalOutcome,
};
pub use db::{now_millis, redact_url, Backend, Store, StoreOptions};
pub use document_history::Revision;
pub use documents::{Document, DocumentSave, SaveOutcome};
pub use export::{ExportedArtefact, ExportedConversation, ExportedPerson, SpaceExport};
pub use follow_through::{HomeFollowThrough, Member, MemberFollowThrough, TeamFollowThrough};
pub use handoffs::{Handoff, PLAN_CHOICES};
pub use import::{ChangeSummary, ImportDraft, ImportOutcome, ImportRequest};
pub use ladders::{problems_as_error, StoredLadder};
pub use library::LibraryCompetency;
pub use links::{LinkPurpose, OneTimeLink, RESET_LINK_MS};
pub use mail_links::{MailAction, MailCategory, MailLink, UNSUBSCRIBE_LINK_MS};
pub use notes::{check_note_body, Note, MAX_NOTE_CHARS};
pub use one_on_ones::{AgendaItem, CheckInRecord};
pub use people::{ManagerChange, OrgNode, PeopleFilter, PeoplePage, PersonSummary, Profile};
pub use person_levels::PersonLevel;
pub use planner::{PlanRequest, Planned};
pub use playbooks::StoredPlaybook;
pub use pool_use::PoolUse;
pub use rate_limit::{SignInLimits, DEVICE_LIFETIME_MS};
pub use reminders::{SweepReport, SWEEP_EVERY_MS, SWEEP_JOB};
pub use scim::{ScimPage, ScimRecord};
pub use secrets::new_secret;
pub use sessions::{Session, SessionPolicy};
pub use settings::{Settings, SettingsInput};
pub use space_deletion::SpaceContents;
pub use sso::{SsoAttempt, SSO_ATTEMPT_MS};
pub use tokens::ApiToken;
