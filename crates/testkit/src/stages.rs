//! Stages of the team's conversations that several scenarios start from, reached through the
//! same store calls the pages use.

use crate::team::Team;
use trellis_core::artefact::{FieldType, Fields, Kind};
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_core::ids::ConversationId;
use trellis_store::{MoveRequest, Proposal, ProposalOutcome, Store};

/// `by` proposes a whole playbook to `to` (or `to` starts it alone when `solo`); the ids of its
/// steps in order.
pub async fn propose(
    store: &Store,
    team: &Team,
    by: &str,
    to: &str,
    playbook: &str,
    solo: bool,
) -> Vec<ConversationId> {
    let proposal = Proposal {
        person: team.id(to),
        playbook_key: playbook.into(),
        step: None,
        solo,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "UTC".into(),
        rhythm: None,
    };
    let outcome = store.propose_conversation(&team.actor(by), &proposal).await.expect("the proposal is stored");
    let ProposalOutcome::Proposed(first) = outcome else { panic!("a proposal without a time never warns") };
    let view = store.conversation_view(&team.actor(by), &first).await.expect("the proposer reads it");
    view.series.into_iter().map(|c| c.id).collect()
}

/// `by` makes `mv`; a move that needs a time gets one a minute ago (so it can be held at once).
pub async fn make(store: &Store, team: &Team, by: &str, id: &ConversationId, mv: Move) {
    let request = if mv.needs_time() {
        let now = jiff::Timestamp::now().as_millisecond();
        let slot = Slot { starts_at: now - 60_000, minutes: 60, time_zone: "UTC".into() };
        MoveRequest { short_notice_confirmed: true, ..MoveRequest::with_slot(mv, slot) }
    } else {
        MoveRequest::plain(mv)
    };
    store.move_conversation(&team.actor(by), id, &request).await.expect("the move is open");
}

/// Lena proposes the three conversations to Ana, Ana accepts, and they hold the life story now;
/// the ids of the three steps.
pub async fn life_story_held(store: &Store, team: &Team) -> Vec<ConversationId> {
    let series = propose(store, team, "Lena", "Ana", "three-conversations", false).await;
    make(store, team, "Ana", &series[0], Move::Accept).await;
    make(store, team, "Lena", &series[0], Move::Schedule).await;
    make(store, team, "Lena", &series[0], Move::Hold).await;
    series
}

/// Fields that pass every kind's rules: the first option of a choice, a date, an occupation,
/// and `text` everywhere else.
pub fn valid_fields(kind: Kind, text: &str) -> Fields {
    kind.fields()
        .iter()
        .map(|spec| {
            let value = match spec.ty {
                FieldType::Choice(options) => {
                    options.iter().find(|(v, _)| !v.is_empty()).expect("a choice").0.to_string()
                }
                FieldType::Date => "2026-12-01".to_string(),
                FieldType::Occupation => "onet:15-1132.00".to_string(),
                _ => text.to_string(),
            };
            (spec.name.to_string(), value)
        })
        .collect()
}
