//! The job queue on both engines: a job is claimed by one worker at a time, done once, retried
//! later after a failure and set aside after its last attempt; a worker that dies leaves its
//! job to be taken again when the lease runs out; two instances on one database (two stores,
//! each with its own pools) share 200 jobs without taking any twice.

use std::collections::HashMap;
use trellis_core::Error;
use trellis_store::jobs::{Job, JobState, NewJob, MAX_ATTEMPTS};
use trellis_store::{Store, StoreOptions};
use trellis_testkit::both_engines;

fn job(n: usize) -> NewJob {
    NewJob { kind: "test", payload: serde_json::json!({ "n": n }), dedupe_key: None, run_at: 0 }
}

/// Claims until the queue has nothing due, as `worker`; returns every job claimed.
async fn drain(store: &Store, worker: &str) -> Vec<Job> {
    let mut claimed = Vec::new();
    loop {
        let batch = store.claim_jobs("test", worker, 7).await.unwrap();
        if batch.is_empty() {
            return claimed;
        }
        for job in &batch {
            store.finish_job(&job.id, worker).await.unwrap();
        }
        claimed.extend(batch);
    }
}

both_engines! {
    async fn a_job_is_claimed_once_and_done_once(db) {
        let store = &db.store;
        assert!(store.enqueue_job(&job(1)).await.unwrap());
        let keyed = NewJob { dedupe_key: Some("reminder:ana:2026-12-01".into()), ..job(2) };
        assert!(store.enqueue_job(&keyed).await.unwrap());
        assert!(!store.enqueue_job(&keyed).await.unwrap(), "the same key is not queued twice");
        let later = NewJob { run_at: i64::MAX / 2, ..job(3) };
        store.enqueue_job(&later).await.unwrap();

        let first = store.claim_jobs("test", "a", 10).await.unwrap();
        assert_eq!(first.len(), 2, "the job due later is not claimed yet");
        assert!(first.iter().all(|j| j.attempts == 1));
        assert!(store.claim_jobs("test", "b", 10).await.unwrap().is_empty(), "leased jobs are nobody else's");
        assert!(store.claim_jobs("other", "a", 10).await.unwrap().is_empty(), "only the kind asked for");
        for job in &first {
            store.finish_job(&job.id, "a").await.unwrap();
        }
        let done = store.jobs_in(JobState::Done, 10).await.unwrap();
        assert_eq!(done.len(), 2);
        assert!(done.iter().all(|j| j.done_at.is_some()));
        let health = store.queue_health().await.unwrap();
        assert_eq!((health.waiting, health.due, health.failed, health.done_last_day), (1, 0, 0, 2));
    }

    async fn a_failed_job_waits_longer_each_time_and_is_set_aside_after_its_last_try(db) {
        let store = &db.store;
        store.enqueue_job(&job(1)).await.unwrap();
        let claimed = store.claim_jobs("test", "a", 1).await.unwrap().remove(0);
        store.fail_job(&claimed, "a", "the mail server refused: 451 try later").await.unwrap();
        assert!(store.claim_jobs("test", "a", 1).await.unwrap().is_empty(), "not before its delay");
        let waiting = store.jobs_in(JobState::Queued, 1).await.unwrap().remove(0);
        assert!(waiting.run_at > claimed.run_at + 25_000, "about 30 s later");
        assert_eq!(waiting.last_error, "the mail server refused: 451 try later");

        for attempt in 2..=MAX_ATTEMPTS {
            db.execute("UPDATE jobs SET run_at = 0").await;
            let again = store.claim_jobs("test", "a", 1).await.unwrap().remove(0);
            assert_eq!(again.attempts, attempt);
            store.fail_job(&again, "a", "still refused").await.unwrap();
        }
        db.execute("UPDATE jobs SET run_at = 0").await;
        assert!(store.claim_jobs("test", "a", 1).await.unwrap().is_empty(), "set aside");
        let failed = store.jobs_in(JobState::Failed, 5).await.unwrap();
        assert_eq!(failed.len(), 1);
        assert_eq!(store.queue_health().await.unwrap().failed, 1);

        store.retry_job(&failed[0].id).await.unwrap();
        let retried = store.claim_jobs("test", "a", 1).await.unwrap().remove(0);
        assert_eq!(retried.attempts, 1, "a retry starts counting afresh");
        assert!(matches!(store.retry_job("no-such-job").await, Err(Error::NotFound(_))));
    }

    async fn a_worker_that_dies_leaves_its_job_to_the_next_when_the_lease_runs_out(db) {
        let store = &db.store;
        for n in 0..3 {
            store.enqueue_job(&job(n)).await.unwrap();
        }
        // Worker "a" finishes one job and dies with the other two claimed.
        let claimed = store.claim_jobs("test", "a", 3).await.unwrap();
        store.finish_job(&claimed[0].id, "a").await.unwrap();
        assert!(store.claim_jobs("test", "b", 3).await.unwrap().is_empty());
        db.execute("UPDATE jobs SET leased_until = 1 WHERE leased_by = 'a'").await;
        let taken_over = drain(store, "b").await;
        let ids: Vec<&str> = taken_over.iter().map(|j| j.id.as_str()).collect();
        assert_eq!(ids, [claimed[1].id.as_str(), claimed[2].id.as_str()], "only what was in flight, once");
        assert!(taken_over.iter().all(|j| j.attempts == 2));
        // The dead worker's late answer changes nothing.
        store.finish_job(&claimed[1].id, "a").await.unwrap();
        assert_eq!(store.jobs_in(JobState::Done, 10).await.unwrap().len(), 3);
    }

    async fn two_instances_share_two_hundred_jobs_without_taking_any_twice(db) {
        let other = Store::connect(&db.url, &StoreOptions { max_connections: 5, sends_mail: true }).await.unwrap();
        for n in 0..200 {
            db.store.enqueue_job(&job(n)).await.unwrap();
        }
        let mut workers = Vec::new();
        for (store, name) in [(db.store.clone(), "one"), (other.clone(), "two"), (db.store.clone(), "three"), (other.clone(), "four")] {
            workers.push(tokio::spawn(async move { drain(&store, name).await }));
        }
        let mut claims: HashMap<String, usize> = HashMap::new();
        let mut per_worker = Vec::new();
        for worker in workers {
            let claimed = worker.await.unwrap();
            per_worker.push(claimed.len());
            for job in claimed {
                *claims.entry(job.id).or_default() += 1;
            }
        }
        assert_eq!(claims.len(), 200, "every job was done");
        assert!(claims.values().all(|&n| n == 1), "no job was taken twice");
        assert_eq!(per_worker.iter().sum::<usize>(), 200);
        assert_eq!(db.store.queue_health().await.unwrap().done_last_day, 200);
        other.close().await;
    }
}
