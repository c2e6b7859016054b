-- The job queue (an outbox): what leaves the system — mails, invitations, reminders — is a
-- row written in the same transaction as the change that causes it, and workers in every
-- `trellis serve` claim due rows with a lease, so each job is done once even with several
-- instances. The id is also the job's idempotency key (a mail's Message-ID carries it).
-- `dedupe_key`, when set, makes a second enqueue of the same thing (the same reminder on the
-- same day) a no-op.

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    run_at BIGINT NOT NULL,
    leased_by TEXT,
    leased_until BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX jobs_due_idx ON jobs (state, run_at);
CREATE UNIQUE INDEX jobs_dedupe_idx ON jobs (dedupe_key);
