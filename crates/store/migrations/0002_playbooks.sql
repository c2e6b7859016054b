-- Playbooks, versioned: an edit adds a version and never changes an old one, so a conversation
-- can keep the version it started with. The source is the TOML text as written (and exported).

CREATE TABLE playbooks (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    builtin BIGINT NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    UNIQUE (key, version)
);
