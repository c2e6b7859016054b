//! The job queue: what leaves the system (mails, invitations, reminders) is a row written in
//! the same transaction as the change that causes it (`enqueue`), and the workers of every
//! `trellis serve` claim due rows with a lease (`claim_jobs`; on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, on SQLite through its one writing connection), so two instances
//! never take the same job. A job is marked done once it succeeded; a failure is retried with
//! a growing delay, and after `MAX_ATTEMPTS` it waits in the failed list for someone to retry
//! it. A worker that dies mid-job leaves its lease to run out, and the job is taken again:
//! at least once, with the job's id as the idempotency key.

mod mail;

pub use mail::{Mail, News, Reminder, MAIL_JOB};

use crate::db::{now_millis, Backend, DbResult, Store};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use trellis_core::{Error, Result};

/// How long a claimed job is its worker's before another may take it.
pub const LEASE_MS: i64 = 2 * 60 * 1000;

/// How many times a job is tried before it waits for a person to retry it.
pub const MAX_ATTEMPTS: i64 = 8;

/// The delay before try `attempt + 1` after a failure: 30 s, doubling, at most 6 hours.
pub fn backoff_ms(attempt: i64) -> i64 {
    let doublings = u32::try_from(attempt.clamp(1, 20) - 1).unwrap_or(0);
    (30_000_i64 << doublings).min(6 * 60 * 60 * 1000)
}

/// Where a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Done,
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Self {
        match raw {
            "done" => JobState::Done,
            "failed" => JobState::Failed,
            _ => JobState::Queued,
        }
    }
}

/// One job, as a worker or `trellis jobs` sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// Also the idempotency key of what the job sends.
    pub id: String,
    pub kind: String,
    /// What the job needs, as JSON (never career content).
    pub payload: String,
    pub state: JobState,
    pub attempts: i64,
    pub run_at: i64,
    pub last_error: String,
    pub created_at: i64,
    pub done_at: Option<i64>,
}

/// A job to add to the queue.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub kind: &'static str,
    pub payload: serde_json::Value,
    /// When set, a second job with the same key is not added (the same reminder twice).
    pub dedupe_key: Option<String>,
    /// When the job is due (milliseconds); now if earlier.
    pub run_at: i64,
}

/// The queue at a glance, for the admin settings page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueHealth {
    pub waiting: i64,
    /// Waiting and already due (a large number means no worker is running).
    pub due: i64,
    pub failed: i64,
    /// Jobs done in the last day, the sweeps of reminders aside (in practice: mails sent).
    pub done_last_day: i64,
    /// When the oldest due job was due.
    pub oldest_due_at: Option<i64>,
}

const JOB_COLUMNS: &str = "id, kind, payload, state, attempts, run_at, last_error, created_at, done_at";

fn job_from_row(row: &AnyRow) -> Result<Job> {
    Ok(Job {
        id: row.try_get("id").db()?,
        kind: row.try_get("kind").db()?,
        payload: row.try_get("payload").db()?,
        state: JobState::parse(&row.try_get::<String, _>("state").db()?),
        attempts: row.try_get("attempts").db()?,
        run_at: row.try_get("run_at").db()?,
        last_error: row.try_get("last_error").db()?,
        created_at: row.try_get("created_at").db()?,
        done_at: row.try_get("done_at").db()?,
    })
}

/// Adds `job` inside the caller's transaction, so it exists exactly when the change that
/// causes it does. Returns whether it was added (not a duplicate of its dedupe key).
pub(crate) async fn enqueue(conn: &mut AnyConnection, job: &NewJob) -> Result<bool> {
    let now = now_millis();
    let added = sqlx::query(
        "INSERT INTO jobs (id, kind, payload, dedupe_key, state, attempts, run_at, created_at) \
         VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(job.kind)
    .bind(job.payload.to_string())
    .bind(job.dedupe_key.as_deref())
    .bind(job.run_at.max(now))
    .bind(now)
    .execute(conn)
    .await
    .db()?;
    Ok(added.rows_affected() == 1)
}

impl Store {
    /// Adds a job on its own (for jobs no other change comes with).
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let added = enqueue(&mut tx, job).await?;
        tx.commit().await.db()?;
        Ok(added)
    }

    /// Takes up to `limit` due jobs of `kind` for `worker` until the lease (`LEASE_MS`) runs
    /// out, oldest due first. The lease is checked again on the row being updated, so a job
    /// another worker took in the meantime is left to it.
    pub async fn claim_jobs(&self, kind: &str, worker: &str, limit: i64) -> Result<Vec<Job>> {
        self.claim_jobs_for(kind, worker, limit, LEASE_MS).await
    }

    /// As `claim_jobs`, with a lease of `lease_ms` (for jobs that take longer than a mail).
    pub async fn claim_jobs_for(&self, kind: &str, worker: &str, limit: i64, lease_ms: i64) -> Result<Vec<Job>> {
        let now = now_millis();
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET leased_by = $1, leased_until = $2, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM jobs WHERE state = 'queued' AND kind = $5 AND run_at <= $3 \
             AND (leased_until IS NULL OR leased_until < $3) ORDER BY run_at LIMIT $4{lock}) \
             AND state = 'queued' AND (leased_until IS NULL OR leased_until < $3) RETURNING {JOB_COLUMNS}"
        );
        let rows = sqlx::query(&sql)
            .bind(worker)
            .bind(now + lease_ms)
            .bind(now)
            .bind(limit)
            .bind(kind)
            .fetch_all(&self.writer)
            .await
            .db()?;
        let mut jobs = rows.iter().map(job_from_row).collect::<Result<Vec<Job>>>()?;
        jobs.sort_by_key(|job| (job.run_at, job.created_at));
        Ok(jobs)
    }

    /// `worker` did the job: it is done, and stays in the list for a while.
    pub async fn finish_job(&self, id: &str, worker: &str) -> Result<()> {
        sqlx::query(
            "UPDATE jobs SET state = 'done', done_at = $1, leased_by = NULL, leased_until = NULL, last_error = '' \
             WHERE id = $2 AND leased_by = $3 AND state = 'queued'",
        )
        .bind(now_millis())
        .bind(id)
        .bind(worker)
        .execute(&self.writer)
        .await
        .db()?;
        Ok(())
    }

    /// The job failed with `error` (words for an operator, never content): it is tried again
    /// later, or after its last attempt it waits in the failed list.
    pub async fn fail_job(&self, job: &Job, worker: &str, error: &str) -> Result<()> {
        let (state, run_at) = match job.attempts >= MAX_ATTEMPTS {
            true => (JobState::Failed, job.run_at),
            false => (JobState::Queued, now_millis() + backoff_ms(job.attempts)),
        };
        sqlx::query(
            "UPDATE jobs SET state = $1, run_at = $2, last_error = $3, leased_by = NULL, leased_until = NULL \
             WHERE id = $4 AND leased_by = $5",
        )
        .bind(state.as_str())
        .bind(run_at)
        .bind(error.chars().take(500).collect::<String>())
        .bind(&job.id)
        .bind(worker)
        .execute(&self.writer)
        .await
        .db()?;
        Ok(())
    }

    /// The jobs in `state`, newest first (at most `limit`).
    pub async fn jobs_in(&self, state: JobState, limit: i64) -> Result<Vec<Job>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE state = $1 ORDER BY run_at DESC, id DESC LIMIT $2");
        let rows = sqlx::query(&sql).bind(state.as_str()).bind(limit).fetch_all(&self.pool).await.db()?;
        rows.iter().map(job_from_row).collect()
    }

    /// Puts a failed job back in the queue, due now, with its attempts counted afresh.
    pub async fn retry_job(&self, id: &str) -> Result<()> {
        let retried = sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, leased_by = NULL, leased_until = NULL \
             WHERE id = $2 AND state = 'failed'",
        )
        .bind(now_millis())
        .bind(id)
        .execute(&self.writer)
        .await
        .db()?;
        match retried.rows_affected() {
            1 => Ok(()),
            _ => Err(Error::NotFound(format!("No failed job has the id {id}."))),
        }
    }

    /// How the queue is doing.
    pub async fn queue_health(&self) -> Result<QueueHealth> {
        let now = now_millis();
        let row = sqlx::query(
            "SELECT COALESCE(SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END), 0) AS waiting, \
             COALESCE(SUM(CASE WHEN state = 'queued' AND run_at <= $1 THEN 1 ELSE 0 END), 0) AS due, \
             COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS failed, \
             COALESCE(SUM(CASE WHEN state = 'done' AND done_at > $2 AND kind <> $3 THEN 1 ELSE 0 END), 0) AS done_last_day, \
             MIN(CASE WHEN state = 'queued' AND run_at <= $1 THEN run_at END) AS oldest_due_at FROM jobs",
        )
        .bind(now)
        .bind(now - 24 * 60 * 60 * 1000)
        .bind(crate::reminders::SWEEP_JOB)
        .fetch_one(&self.pool)
        .await
        .db()?;
        Ok(QueueHealth {
            waiting: row.try_get("waiting").db()?,
            due: row.try_get("due").db()?,
            failed: row.try_get("failed").db()?,
            done_last_day: row.try_get("done_last_day").db()?,
            oldest_due_at: row.try_get("oldest_due_at").db()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_from_half_a_minute_up_to_six_hours() {
        assert_eq!(backoff_ms(1), 30_000);
        assert_eq!(backoff_ms(2), 60_000);
        assert_eq!(backoff_ms(3), 120_000);
        assert_eq!(backoff_ms(15), 6 * 60 * 60 * 1000);
        assert_eq!(backoff_ms(0), 30_000);
    }
}
