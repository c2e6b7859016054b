-- What happened to an artefact over time: each status it moved to (a goal achieved, carried
-- over, redefined or dropped, and at which conversation), and each week its weekly practice
-- skill was practised. Rows are only added, never changed, so the history is kept.

CREATE TABLE artefact_log (
    id TEXT PRIMARY KEY,
    artefact_id TEXT NOT NULL REFERENCES artefacts (id) ON DELETE CASCADE,
    entry TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    conversation_id TEXT REFERENCES conversations (id),
    on_date TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX artefact_log_artefact_idx ON artefact_log (artefact_id, created_at);
CREATE UNIQUE INDEX artefact_log_practised_idx ON artefact_log (artefact_id, on_date) WHERE entry = 'practised';
