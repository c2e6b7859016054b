//! The demo's career conversations, so that a newcomer sees every stage and every follow-through
//! status: a series proposed and declined, a life story held and then stalled, a first one-on-one
//! waiting for an answer, another whose follow-up a month later is overdue, a six-month
//! conversation the person asked for (due for the manager to answer), one coming up with prep
//! answers and boundaries, and weekly one-on-ones with an agenda; then (in `demo_plan`) one person's full plan, last changed months ago
//! so that the gentle probe shows. Everything goes through the same store calls the pages use.

use anyhow::Result;
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot as TimeSlot;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::one_on_one::{self, AgendaKind, Rhythm};
use trellis_core::policy::Visibility::{self, Private, Shared};
use trellis_store::{Actor, DocumentSave, MoveOutcome, MoveRequest, Proposal, ProposalOutcome, SaveOutcome, Store};

const DAY: i64 = 86_400_000;

fn in_days(days: i64, hour: i64) -> TimeSlot {
    let midnight = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .start_of_day()
        .map_or(0, |z| z.timestamp().as_millisecond());
    TimeSlot { starts_at: midnight + days * DAY + hour * 3_600_000, minutes: 60, time_zone: "Europe/London".into() }
}

pub fn date_in_days(days: i64) -> String {
    let today = jiff::Zoned::now().date();
    today.checked_add(jiff::Span::new().days(days)).map(|d| d.to_string()).unwrap_or_default()
}

/// `by` proposes the whole of `playbook` to `person`, without a time; the ids of its steps.
pub async fn propose(store: &Store, by: &Actor, person: &PersonId, playbook: &str) -> Result<Vec<ConversationId>> {
    let proposal = Proposal {
        person: person.clone(),
        playbook_key: playbook.into(),
        step: None,
        solo: false,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "Europe/London".into(),
        rhythm: None,
    };
    let ProposalOutcome::Proposed(first) = store.propose_conversation(by, &proposal).await? else {
        anyhow::bail!("a proposal without a time never warns");
    };
    let view = store.conversation_view(by, &first).await?;
    Ok(view.series.into_iter().map(|c| c.id).collect())
}

async fn make(store: &Store, by: &Actor, id: &ConversationId, mv: Move, slot: Option<TimeSlot>) -> Result<()> {
    let request = MoveRequest { slot, short_notice_confirmed: true, ..MoveRequest::plain(mv) };
    match store.move_conversation(by, id, &request).await? {
        MoveOutcome::Moved(_) => Ok(()),
        MoveOutcome::ShortNotice(warning) => anyhow::bail!("unexpected warning: {warning}"),
    }
}

async fn write(
    store: &Store,
    by: &Actor,
    person: &PersonId,
    on: Option<&ConversationId>,
    slot: Slot,
    body: &str,
    visibility: Visibility,
) -> Result<()> {
    let conversation = match on {
        Some(id) => Some(store.conversation_view(by, id).await?.conversation),
        None => None,
    };
    let save = DocumentSave { person, conversation: conversation.as_ref(), slot, visibility, body, base_revision: 0 };
    match store.save_document(by, &save).await? {
        SaveOutcome::Saved(_) => Ok(()),
        SaveOutcome::Stale { .. } => anyhow::bail!("the demo wrote a document twice"),
    }
}

/// Adds the conversations and plans. `ana` reports to `lena`; `others` are Lena's other reports.
pub async fn seed_stages(store: &Store, lena: &Actor, ana: &Actor, others: &[Actor]) -> Result<()> {
    let [declines, stalls, more @ ..] = others else { anyhow::bail!("Lena needs at least two other reports") };

    // A series proposed and declined: an ordinary outcome.
    let series = propose(store, lena, &declines.id, "three-conversations").await?;
    make(store, declines, &series[0], Move::Decline, None).await?;

    // A life story held, then the series stalled: dreams accepted but never scheduled.
    let series = propose(store, lena, &stalls.id, "three-conversations").await?;
    make(store, stalls, &series[0], Move::Accept, None).await?;
    // Held five weeks ago: a conversation is only marked held once its time has come.
    make(store, lena, &series[0], Move::Schedule, Some(in_days(-35, 10))).await?;
    make(store, lena, &series[0], Move::Hold, None).await?;
    write(store, lena, &stalls.id, Some(&series[0]), Slot::SharedNotes, "Chapters: school in Porto, first job in a call centre, the move to logistics. Values we heard: fairness, calm, being useful.", Shared).await?;

    if let [waits, late, asks, ..] = more {
        follow_through_stages(store, lena, waits, late, asks).await?;
    }

    // Ana's six-month conversation, coming up, with prep answers and boundaries.
    write(store, ana, &ana.id, None, Slot::Boundaries, "My health, and family plans.", Shared).await?;
    let six_month = propose(store, ana, &ana.id, "six-month").await?;
    make(store, lena, &six_month[0], Move::Accept, None).await?;
    make(store, lena, &six_month[0], Move::Schedule, Some(in_days(16, 14))).await?;
    write(
        store,
        ana,
        &ana.id,
        Some(&six_month[0]),
        Slot::Prep("0.0".into()),
        "Pairing with the new hires; the design review of the billing service.",
        Shared,
    )
    .await?;
    write(
        store,
        ana,
        &ana.id,
        Some(&six_month[0]),
        Slot::Prep("0.1".into()),
        "Late incident calls. Writing status reports nobody reads.",
        Private,
    )
    .await?;
    write(
        store,
        lena,
        &ana.id,
        Some(&six_month[0]),
        Slot::PrivateNotes,
        "Ask about the onboarding buddies idea. Coach, don't direct.",
        Private,
    )
    .await?;

    // Weekly one-on-ones between Lena and Ana, the next on Thursday, with something on the agenda.
    let proposal = Proposal {
        person: ana.id.clone(),
        playbook_key: one_on_one::PLAYBOOK.into(),
        step: None,
        solo: false,
        slot: Some(TimeSlot { minutes: 30, ..in_days(2, 9) }),
        short_notice_confirmed: true,
        default_time_zone: "Europe/London".into(),
        rhythm: Some(Rhythm::Weekly),
    };
    let ProposalOutcome::Proposed(meeting) = store.propose_conversation(lena, &proposal).await? else {
        anyhow::bail!("a one-on-one has no preparation lead time");
    };
    make(store, ana, &meeting, Move::Accept, None).await?;
    store.add_agenda_item(ana, &meeting, AgendaKind::Topic, "Budget for the conference in March").await?;

    crate::demo_plan::seed_plan(store, ana, lena).await?;
    // Ana wrote her plan three months ago and has not changed it since.
    store.backdate_plan_for_demo(&ana.id, 100).await?;
    Ok(())
}

/// In a team large enough: a first one-on-one waiting for its answer, another whose follow-up a
/// month later is overdue, and a six-month conversation the person asked for.
async fn follow_through_stages(store: &Store, lena: &Actor, waits: &Actor, late: &Actor, asks: &Actor) -> Result<()> {
    // A first one-on-one Lena proposed, waiting for the answer.
    propose(store, lena, &waits.id, "first-one-on-one").await?;

    // A first one-on-one held seven weeks ago, whose follow-up a month later never happened.
    let first = propose(store, lena, &late.id, "first-one-on-one").await?;
    make(store, late, &first[0], Move::Accept, None).await?;
    make(store, lena, &first[0], Move::Schedule, Some(in_days(-50, 11))).await?;
    make(store, lena, &first[0], Move::Hold, None).await?;

    // A six-month conversation the person asked for: Lena's turn to answer.
    propose(store, asks, &asks.id, "six-month").await?;
    Ok(())
}
