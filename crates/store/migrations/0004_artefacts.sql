-- The person's career artefacts (journal entries, life story, values, dreams, plans, goals,
-- mentors): one table, one row per item, its fields as a JSON object checked by the kind's
-- rules in trellis-core. `on_date` copies the item's date field for ordering and ranges.

CREATE TABLE artefacts (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES people (id),
    visibility TEXT NOT NULL,
    parent_id TEXT REFERENCES artefacts (id),
    status TEXT NOT NULL,
    data TEXT NOT NULL,
    on_date TEXT,
    revision BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX artefacts_person_kind_idx ON artefacts (person_id, kind, on_date);
CREATE INDEX artefacts_parent_idx ON artefacts (parent_id);
