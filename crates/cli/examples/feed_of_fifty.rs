//! Benchmark (not a test): the calendar feed of a manager of fifty. Imports a manager with 50
//! reports, gives each report the three conversations with agreed times and a six-month
//! conversation (200 events in the manager's feed, written through the same store calls the
//! pages use), serves Trellis on loopback, and fetches the manager's feed over HTTP one
//! request at a time, as a calendar application polling it would. Prints the events, the
//! size and p50/p99 of the whole request.
//!
//! Run: `cargo run --release --example feed_of_fifty -- [DATABASE_URL] [REQUESTS]` (default: a
//! temporary SQLite database, 500 requests).

// The demo's stages bring their plan with them; this benchmark uses only `propose`.
#[path = "../src/demo_competencies.rs"]
#[allow(dead_code)]
mod demo_competencies;
#[path = "../src/demo_plan.rs"]
#[allow(dead_code)]
mod demo_plan;
#[path = "../src/demo_stages.rs"]
#[allow(dead_code)]
mod demo_stages;

use anyhow::{bail, Context, Result};
use demo_stages::propose;
use std::io::{Read, Write};
use std::time::Instant;
use trellis_core::conversation::flow::Move;
use trellis_core::conversation::schedule::Slot;
use trellis_store::{Actor, ImportRequest, MoveRequest, Store, StoreOptions};
use trellis_web::{AppState, WebConfig};

const REPORTS: usize = 50;
const DAY: i64 = 86_400_000;

fn roster() -> String {
    let mut csv =
        String::from("name,email,employee_id,manager_id,title\nMara Quist,mara@bench.test,M1,,Head of Engineering\n");
    for i in 0..REPORTS {
        csv.push_str(&format!("Report {i},report{i}@bench.test,R{i},M1,Engineer\n"));
    }
    csv
}

/// Each report accepts the three conversations and a six-month one, and the manager agrees a
/// time for each, a week apart.
async fn fill(store: &Store, manager: &Actor, reports: &[Actor]) -> Result<usize> {
    let now = trellis_store::now_millis();
    let mut events = 0;
    for (i, report) in reports.iter().enumerate() {
        let mut ids = propose(store, manager, &report.id, "three-conversations").await?;
        ids.extend(propose(store, manager, &report.id, "six-month").await?);
        for (step, id) in ids.iter().enumerate() {
            store.move_conversation(report, id, &MoveRequest::plain(Move::Accept)).await.ok();
            let starts_at = now + (7 * step as i64 + 1) * DAY + i as i64 * 3_600_000;
            let slot = Slot { starts_at, minutes: 60, time_zone: "Europe/London".into() };
            let request = MoveRequest { short_notice_confirmed: true, ..MoveRequest::with_slot(Move::Schedule, slot) };
            store.move_conversation(manager, id, &request).await?;
            events += 1;
        }
    }
    Ok(events)
}

/// One GET over a fresh connection; the response's length.
fn fetch(address: &str, path: &str) -> Result<usize> {
    let mut stream = std::net::TcpStream::connect(address)?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    if !response.starts_with(b"HTTP/1.1 200") {
        bail!("the feed answered {}", String::from_utf8_lossy(&response[..response.len().min(80)]));
    }
    Ok(response.len())
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = tempfile::tempdir()?;
    let url = args.next().unwrap_or_else(|| format!("sqlite://{}/feed.db", dir.path().display()));
    let requests: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(500);
    let store = Store::connect(&url, &StoreOptions::default()).await?;
    store.migrate().await?;
    let request = ImportRequest { bytes: roster().into_bytes(), ..Default::default() };
    let outcome = store.import_roster(None, &request, "bench").await?;
    if !outcome.errors.is_empty() {
        bail!("the roster did not import: {:?}", outcome.errors);
    }
    let manager = Actor::from(&store.person_by_email("mara@bench.test").await?.context("the manager")?);
    let mut reports = Vec::new();
    for i in 0..REPORTS {
        reports.push(Actor::from(&store.person_by_email(&format!("report{i}@bench.test")).await?.context("a report")?));
    }
    let events = fill(&store, &manager, &reports).await?;
    let secret = store.make_calendar_feed(&manager).await?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?.to_string();
    let state = AppState::new(store.clone(), WebConfig::for_url(&format!("http://{address}")));
    tokio::spawn(async move {
        trellis_web::serve(listener, state, std::future::pending(), std::time::Duration::ZERO).await
    });
    let path = format!("/calendar/{secret}.ics");
    let timings = tokio::task::spawn_blocking(move || -> Result<(Vec<f64>, usize)> {
        let bytes = fetch(&address, &path)?;
        let mut timings = Vec::with_capacity(requests);
        for _ in 0..requests {
            let started = Instant::now();
            fetch(&address, &path)?;
            timings.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        Ok((timings, bytes))
    })
    .await??;
    let (mut timings, bytes) = timings;
    timings.sort_by(f64::total_cmp);
    let at = |share: f64| timings[((timings.len() as f64 * share) as usize).min(timings.len() - 1)];
    println!(
        "feed of a manager of {REPORTS}: {events} events, {} KiB; {requests} requests one at a time: p50 {:.2} ms, p99 {:.2} ms",
        bytes / 1024,
        at(0.50),
        at(0.99)
    );
    Ok(())
}
