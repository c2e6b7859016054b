//! The demo person's plan, from values to actions, mostly shared with their manager: values,
//! chapters of a life story, the same-work check, dreams (one crossed out; competencies in
//! `demo_competencies`), a GROW plan with
//! actions, a weekly skill, goals with outcomes, a mentor, and a few weeks of journal.

use crate::demo_stages::date_in_days;
use anyhow::{Context, Result};
use trellis_core::artefact::{Fields, Kind};
use trellis_core::ids::ArtefactId;
use trellis_core::policy::Visibility::{self, Private, Shared, Upward};
use trellis_store::{Actor, NewArtefact, StatusChange, Store};

pub(crate) async fn add(
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

/// Adds the plan to `ana`'s own space; `lena`, her manager, observes one competency.
pub async fn seed_plan(store: &Store, ana: &Actor, lena: &Actor) -> Result<()> {
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
            ("occupation", "onet:11-3021.00"),
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
    crate::demo_competencies::seed_competencies(store, ana, lena, &lead).await?;
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
    let skill = add(
        store,
        ana,
        Kind::WeeklySkill,
        &[("skill", "Ask one open question in every 1:1"), ("started", &date_in_days(-14))],
        Shared,
        None,
    )
    .await?;
    // Practised the last two weeks.
    let this_week = trellis_core::artefact::week_start(jiff::Zoned::now().date());
    for weeks_back in 1..=2 {
        let monday = this_week.checked_sub(jiff::ToSpan::weeks(weeks_back)).context("a week before this one")?;
        store.mark_practised(ana, &skill, monday, true).await?;
    }
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
        ("Lead one project end to end", Some(("achieved", "Shipped the billing export in September."))),
        ("Present at the engineering all-hands", Some(("carried-over", "The slot moved to January."))),
        ("Run the onboarding buddies", None),
    ] {
        let id = add(store, ana, Kind::Goal, &[("goal", goal), ("due", &date_in_days(150))], Upward, None).await?;
        if let Some((status, note)) = outcome {
            store.change_status(ana, &id, &StatusChange { status, note, conversation: None }).await?;
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
