//! Fills an imported organisation with career conversations and plans, for benchmarks. Every
//! team of three or more gets the demo's stages, through the same store calls the pages use:
//! one report declined a series, one held a life story and stalled, and one has a six-month
//! conversation coming up (prep answers, boundaries, her manager's private note) and a full
//! plan (values, life story, dreams, competencies rated over time, GROW, actions, goals with
//! outcomes, a weekly skill, a mentor and a journal).
//!
//! Prints, on stdout, one team to measure pages with: `manager=EMAIL`, `person=EMAIL`,
//! `person_id=ID` and `conversation=ID` (the person's six-month conversation).
//!
//! Run: `cargo run --release --example synthetic_activity -- DATABASE_URL [MANAGER_EMAIL] [WORKERS] [EVERY]`.
//! Without a manager's email the first team found is the one printed. `WORKERS` teams are
//! filled at once (default 1; more helps most on PostgreSQL). `EVERY` fills one team in that
//! many (default 1: every team); the measured team is always filled.

#[path = "../src/demo_competencies.rs"]
mod demo_competencies;
#[path = "../src/demo_plan.rs"]
mod demo_plan;
#[path = "../src/demo_stages.rs"]
mod demo_stages;

use anyhow::{Context, Result};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use trellis_store::{Actor, OrgNode, Store, StoreOptions};

/// The most reports read per manager; the synthetic organisation has at most ten.
const TEAM_PAGE: u32 = 200;

/// A manager and their active reports, as the actors the store calls take.
struct Team {
    manager: Actor,
    reports: Vec<Actor>,
}

fn actor(node: &OrgNode, manager: Option<&Actor>) -> Actor {
    Actor {
        id: node.person.id.clone(),
        name: node.person.name.clone(),
        is_admin: false,
        manager_id: manager.map(|m| m.id.clone()),
        link_maker: None,
    }
}

/// Every manager's team, walking down from the top of the organisation.
async fn teams(store: &Store) -> Result<Vec<Team>> {
    let (roots, _) = store.org_roots(1, TEAM_PAGE).await?;
    let mut waiting: Vec<Actor> = roots.iter().map(|node| actor(node, None)).collect();
    let mut teams = Vec::new();
    while let Some(manager) = waiting.pop() {
        let (nodes, _) = store.direct_reports(&manager.id, 1, TEAM_PAGE).await?;
        let nodes: Vec<&OrgNode> = nodes.iter().filter(|node| node.person.active).collect();
        waiting.extend(nodes.iter().filter(|node| node.reports > 0).map(|node| actor(node, Some(&manager))));
        let reports = nodes.iter().map(|node| actor(node, Some(&manager))).collect();
        teams.push(Team { manager, reports });
    }
    Ok(teams)
}

async fn fill(store: &Store, team: &Team) -> Result<()> {
    if let [person, others @ ..] = team.reports.as_slice() {
        if others.len() >= 2 {
            demo_stages::seed_stages(store, &team.manager, person, others).await?;
        }
    }
    Ok(())
}

/// Prints the measured team's manager, person and the person's six-month conversation.
async fn print_picks(store: &Store, team: &Team) -> Result<()> {
    let person = team.reports.first().context("the measured team has no reports")?;
    let conversations = store.conversations_of(person, &person.id).await?;
    let six_month = conversations
        .iter()
        .find(|c| c.playbook_key == "six-month")
        .context("the measured person has no six-month conversation")?;
    let email = |id| async move { Ok::<_, anyhow::Error>(store.person(id).await?.email.unwrap_or_default()) };
    println!("manager={}", email(&team.manager.id).await?);
    println!("person={}", email(&person.id).await?);
    println!("person_id={}", person.id.as_str());
    println!("conversation={}", six_month.id.as_str());
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().context("usage: synthetic_activity DATABASE_URL [MANAGER_EMAIL] [WORKERS] [EVERY]")?;
    let measured = args.next().filter(|email| !email.is_empty());
    let workers: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(1).max(1);
    let every: usize = args.next().and_then(|e| e.parse().ok()).unwrap_or(1).max(1);
    let store = Store::connect(&url, &StoreOptions::default()).await?;
    store.migrate().await?;
    let started = Instant::now();
    let teams = Arc::new(teams(&store).await?);
    let measured_team = match &measured {
        Some(email) => {
            let manager = store.person_by_email(email).await?.with_context(|| format!("nobody has {email}"))?;
            teams.iter().position(|team| team.manager.id == manager.id).context("that manager has no team")?
        }
        None => teams.iter().position(|team| team.reports.len() >= 3).context("no team of three or more")?,
    };
    let chosen = move |index: usize| index.is_multiple_of(every) || index == measured_team;
    let next = Arc::new(AtomicUsize::new(0));
    let mut running = tokio::task::JoinSet::new();
    for _ in 0..workers {
        let (store, teams, next) = (store.clone(), teams.clone(), next.clone());
        running.spawn(async move {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(team) = teams.get(index) else { return Ok::<_, anyhow::Error>(()) };
                if !chosen(index) {
                    continue;
                }
                fill(&store, team).await.with_context(|| format!("team of {}", team.manager.name))?;
            }
        });
    }
    while let Some(done) = running.join_next().await {
        done??;
    }
    let filled = teams.iter().enumerate().filter(|(i, team)| chosen(*i) && team.reports.len() >= 3);
    eprintln!("filled {} of {} teams in {:.1} s", filled.count(), teams.len(), started.elapsed().as_secs_f64());
    print_picks(&store, &teams[measured_team]).await
}
