-- Career conversations: one row per step of a playbook run, grouped by series; the history of
-- every move; and documents (shared notes, each side's private note, prep answers, the
-- person's boundaries) kept as rows of `notes` with a revision number for conflict detection.

CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    series_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    solo BIGINT NOT NULL DEFAULT 0,
    started_by TEXT NOT NULL,
    playbook_key TEXT NOT NULL,
    playbook_version BIGINT NOT NULL,
    step_index BIGINT NOT NULL,
    title TEXT NOT NULL,
    optional BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    starts_at BIGINT,
    minutes BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    proposed_starts_at BIGINT,
    time_proposed_by TEXT,
    ready BIGINT NOT NULL DEFAULT 0,
    custom_prompts TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX conversations_person_idx ON conversations (person_id, created_at);
CREATE INDEX conversations_series_idx ON conversations (series_id, step_index);

CREATE TABLE conversation_events (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    actor_id TEXT NOT NULL REFERENCES people (id),
    move TEXT NOT NULL,
    state TEXT NOT NULL,
    starts_at BIGINT,
    time_zone TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX conversation_events_idx ON conversation_events (conversation_id, at);

ALTER TABLE notes ADD COLUMN conversation_id TEXT REFERENCES conversations (id);
ALTER TABLE notes ADD COLUMN doc_key TEXT;
ALTER TABLE notes ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE notes ADD COLUMN updated_by TEXT REFERENCES people (id);
CREATE UNIQUE INDEX notes_doc_key_idx ON notes (person_id, doc_key);
CREATE INDEX notes_conversation_idx ON notes (conversation_id);
