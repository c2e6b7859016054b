//! The demo's career conversations and plans, so that a newcomer sees every stage: a series
//! proposed and declined, a life story held and then stalled, a six-month conversation coming
//! up with prep answers and boundaries, and one person's full plan (values, dreams, a GROW plan
//! with actions, a weekly skill, goals reviewed with outcomes, mentors, a few weeks of journal).
//! Everything goes through the same store calls the pages use.

use anyhow::{Context, Result};
use trellis_core::artefact::{Fields, Kind};
use trellis_core::conversation::document::Slot;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot as TimeSlot;
use trellis_core::ids::{ArtefactId, ConversationId, PersonId};
use trellis_core::policy::Visibility::{self, Private, Shared, Upward};
use trellis_store::{
    Actor, DocumentSave, MoveOutcome, MoveRequest, NewArtefact, Proposal, ProposalOutcome, SaveOutcome, Store,
};

const DAY: i64 = 86_400_000;

fn in_days(days: i64, hour: i64) -> TimeSlot {
    let midnight = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .start_of_day()
        .map_or(0, |z| z.timestamp().as_millisecond());
    TimeSlot { starts_at: midnight + days * DAY + hour * 3_600_000, minutes: 60, time_zone: "Europe/London".into() }
}

fn date_in_days(days: i64) -> String {
    let today = jiff::Zoned::now().date();
    today.checked_add(jiff::Span::new().days(days)).map(|d| d.to_string()).unwrap_or_default()
}

async fn propose(store: &Store, by: &Actor, person: &PersonId, playbook: &str) -> Result<Vec<ConversationId>> {
    let proposal = Proposal {
        person: person.clone(),
        playbook_key: playbook.into(),
        step: None,
        solo: false,
        slot: None,
        short_notice_confirmed: false,
        default_time_zone: "Europe/London".into(),
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

async fn add(
    store: &Store,
    ana: &Actor,
    kind: Kind,
    pairs: &[(&str, &str)],
    visibility: Visibility,
    parent: Option<&ArtefactId>,
) -> Result<ArtefactId> {
    let fields: Fields = pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
    let new = NewArtefact { kind, fields, visibility, parent: parent.cloned() };
    Ok(store.add_artefact(ana, &ana.id, &new).await.with_context(|| format!("demo {kind:?}"))?.id)
}

/// Adds the conversations and plans. `ana` reports to `lena`; `others` are Lena's other reports.
pub async fn seed_stages(store: &Store, lena: &Actor, ana: &Actor, others: &[Actor]) -> Result<()> {
    let [declines, stalls, ..] = others else { anyhow::bail!("Lena needs at least two other reports") };

    // A series proposed and declined: an ordinary outcome.
    let series = propose(store, lena, &declines.id, "three-conversations").await?;
    make(store, declines, &series[0], Move::Decline, None).await?;

    // A life story held, then the series stalled: dreams accepted but never scheduled.
    let series = propose(store, lena, &stalls.id, "three-conversations").await?;
    make(store, stalls, &series[0], Move::Accept, None).await?;
    make(store, lena, &series[0], Move::Schedule, Some(in_days(1, 10))).await?;
    make(store, lena, &series[0], Move::Hold, None).await?;
    write(store, lena, &stalls.id, Some(&series[0]), Slot::SharedNotes, "Chapters: school in Porto, first job in a call centre, the move to logistics. Values we heard: fairness, calm, being useful.", Shared).await?;

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

    // Ana's plan, from values to actions, mostly shared with Lena.
    for (name, meaning) in [
        ("learning", "Something new every month."),
        ("craft", "Work I am proud to sign."),
        ("people", "Helping others grow."),
    ] {
        add(store, ana, Kind::Value, &[("name", name), ("meaning", meaning)], Shared, None).await?;
    }
    add(
        store,
        ana,
        Kind::LifeChapter,
        &[
            ("title", "Teaching assistant"),
            ("period", "2014–2016"),
            ("story", "Explaining things well mattered more to me than the grade."),
            ("pivot", "yes"),
        ],
        Shared,
        None,
    )
    .await?;
    add(
        store,
        ana,
        Kind::LifeChapter,
        &[("title", "First engineering job"), ("period", "2017–2021"), ("pivot", "no")],
        Private,
        None,
    )
    .await?;
    add(
        store,
        ana,
        Kind::SameWorkCheck,
        &[("horizon", "five-years"), ("answer", "no"), ("why", "I want to shape what we build, not only build it.")],
        Shared,
        None,
    )
    .await?;
    let lead = add(
        store,
        ana,
        Kind::Dream,
        &[
            ("role", "Engineering manager of a platform team"),
            ("organisation", "A product company of a few hundred people"),
            ("why", "I enjoy growing people and untangling systems."),
            ("values", "people, craft"),
        ],
        Shared,
        None,
    )
    .await?;
    add(
        store,
        ana,
        Kind::Dream,
        &[("role", "Staff engineer"), ("why", "Depth, and still some mentoring."), ("values", "craft, learning")],
        Shared,
        None,
    )
    .await?;
    let founder =
        add(store, ana, Kind::Dream, &[("role", "Founder of a coding school"), ("values", "people")], Private, None)
            .await?;
    store.set_artefact_status(ana, &founder, "crossed-out").await?;
    let plan = add(
        store,
        ana,
        Kind::GrowPlan,
        &[
            ("goal", "Lead a team of five within two years."),
            ("reality", "I mentor two new hires and lead small projects."),
            ("options", "Run onboarding; lead the API migration; a management course."),
            ("will", "Start with onboarding, then the migration."),
        ],
        Shared,
        Some(&lead),
    )
    .await?;
    add(
        store,
        ana,
        Kind::Action,
        &[
            ("what", "Shadow Lena planning the API migration"),
            ("pillar", "current-role"),
            ("mode", "shadowing"),
            ("owner", "manager"),
            ("due", &date_in_days(45)),
        ],
        Shared,
        Some(&plan),
    )
    .await?;
    add(
        store,
        ana,
        Kind::Action,
        &[
            ("what", "Take the new-managers course"),
            ("pillar", "training"),
            ("mode", "training"),
            ("owner", "me"),
            ("due", &date_in_days(120)),
        ],
        Shared,
        Some(&plan),
    )
    .await?;
    add(
        store,
        ana,
        Kind::Action,
        &[
            ("what", "Coffee with two engineering managers elsewhere"),
            ("pillar", "networking"),
            ("owner", "me"),
            ("due", &date_in_days(60)),
        ],
        Private,
        None,
    )
    .await?;
    add(
        store,
        ana,
        Kind::WeeklySkill,
        &[("skill", "Ask one open question in every 1:1"), ("started", &date_in_days(-14))],
        Shared,
        None,
    )
    .await?;
    add(
        store,
        ana,
        Kind::Mentor,
        &[("name", "Grace Liu"), ("where", "inside"), ("learn", "How she grew the data team from two to five.")],
        Shared,
        None,
    )
    .await?;
    for (goal, outcome) in [
        ("Lead one project end to end", Some("achieved")),
        ("Present at the engineering all-hands", Some("carried-over")),
        ("Run the onboarding buddies", None),
    ] {
        let id = add(store, ana, Kind::Goal, &[("goal", goal), ("due", &date_in_days(150))], Upward, None).await?;
        if let Some(outcome) = outcome {
            store.set_artefact_status(ana, &id, outcome).await?;
        }
    }
    let journal = [
        ("Paired with a new hire on their first bug", "love", "mentoring"),
        ("Incident call at 11 pm", "loathe", "on-call"),
        ("Design review of the billing service", "love", "design"),
        ("Wrote the weekly status report", "loathe", "reporting"),
        ("Explained the caching layer to support", "love", "teaching"),
        ("Spent the afternoon on expense reports", "loathe", "admin"),
        ("Planned the sprint with the team", "love", "planning"),
        ("Ran the onboarding session", "love", "mentoring, teaching"),
    ];
    for (n, (activity, feeling, tags)) in journal.iter().enumerate() {
        let days_ago = -(i64::try_from(n).unwrap_or_default() * 3 + 1);
        add(
            store,
            ana,
            Kind::JournalEntry,
            &[("activity", activity), ("feeling", feeling), ("on", &date_in_days(days_ago)), ("tags", tags)],
            Private,
            None,
        )
        .await?;
    }
    Ok(())
}
