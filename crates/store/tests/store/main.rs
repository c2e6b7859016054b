//! The store's scenarios, each run on SQLite and on PostgreSQL. They live in one test binary
//! (one module per subject) so that a build links the store once rather than once per file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod artefact_history;
mod artefacts;
mod backup;
mod cascade;
mod competencies;
mod concurrent_writes;
mod content_access;
mod conversation_documents;
mod conversation_page;
mod conversations;
mod follow_through;
mod handoff;
mod import;
mod jobs;
mod naughty_strings;
mod one_on_ones;
mod playbooks;
mod roster;
mod space_deletion;
mod trust;

use trellis_core::ids::ConversationId;
use trellis_store::{Proposal, ProposalOutcome, Store};
use trellis_testkit::team::Team;

/// `first_name` decides what of their space travels to their new manager.
pub(crate) async fn hand_over(store: &Store, team: &Team, first_name: &str, carried: trellis_core::handoff::Carried) {
    store.decide_handoff(&team.actor(first_name), &carried).await.unwrap();
}

/// Lena proposes the six-month conversation to one of her reports, without a time.
pub(crate) async fn six_month_for(store: &Store, team: &Team, person: &str) -> ConversationId {
    let proposal = Proposal {
        person: team.id(person),
        playbook_key: "six-month".into(),
        step: None,
        solo: false,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "UTC".into(),
        rhythm: None,
    };
    match store.propose_conversation(&team.actor("Lena"), &proposal).await.unwrap() {
        ProposalOutcome::Proposed(id) => id,
        ProposalOutcome::ShortNotice(warning) => panic!("no time was given, yet: {warning}"),
    }
}
