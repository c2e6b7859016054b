-- Career ladders: an organisation's tracks, levels and what each level expects. Each save adds
-- a version (as playbooks do), stored in Trellis's TOML format whatever format it came in.
CREATE TABLE ladders (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    UNIQUE (key, version)
);
