//! The demo person's exploring and competencies: careers crossed out in the catalogue (one kept
//! in mind), and for her lead dream the competencies the O*NET data suggests for its career,
//! sorted, rated twice, two picked as the focus, and one her manager was invited to observe.

use crate::demo_plan::add;
use anyhow::{Context, Result};
use trellis_core::artefact::Kind;
use trellis_core::catalogue::Catalogue;
use trellis_core::ids::ArtefactId;
use trellis_core::policy::Visibility::{Private, Shared};
use trellis_store::{Actor, Store};

/// Careers crossed out while exploring, and the one kept in mind.
const EXPLORED: &[(&str, &str)] = &[
    ("onet:29-1141.00", "crossed-out"),
    ("onet:13-2011.01", "crossed-out"),
    ("onet:41-3031.01", "crossed-out"),
    ("onet:25-1021.00", "kept"),
];

pub async fn seed_competencies(store: &Store, ana: &Actor, lena: &Actor, dream: &ArtefactId) -> Result<()> {
    let catalogue = Catalogue::builtin();
    for (reference, status) in EXPLORED {
        let career = catalogue.career(reference).with_context(|| format!("{reference} in the catalogue"))?;
        let fields = [("title", career.title), ("occupation", reference)];
        let id = add(store, ana, Kind::Career, &fields, Private, None).await?;
        if *status != Kind::Career.first_status() {
            store.set_artefact_status(ana, &id, status).await?;
        }
    }
    // Five of the suggestions for the dream's career, then one in her own words.
    let suggested = catalogue.suggestions("onet:11-3021.00");
    let mut names: Vec<&str> = suggested.iter().take(5).map(|c| c.name).collect();
    names.push("Growing people through delegation");
    // (latest self-rating, earlier one, status)
    let sorting = [("3", "2", "focus"), ("4", "4", "strength"), ("2", "2", "focus"), ("3", "3", "listed")];
    for (n, name) in names.iter().enumerate() {
        let invite = if n == 0 { "yes" } else { "no" };
        let fields = [("name", *name), ("wanted", "4"), ("invite", invite)];
        let id = add(store, ana, Kind::Competency, &fields, Shared, Some(dream)).await?;
        let (latest, earlier, status) = sorting.get(n).copied().unwrap_or(("2", "1", "not-now"));
        store.rate_competency(ana, &id, earlier, "When I started the plan").await?;
        store.rate_competency(ana, &id, latest, "").await?;
        if status != Kind::Competency.first_status() {
            store.set_artefact_status(ana, &id, status).await?;
        }
        if n == 0 {
            let seen = "Ran the onboarding for two new hires: clear, patient, followed up a week later.";
            store.observe_competency(lena, &id, "3", seen).await?;
        }
    }
    Ok(())
}
