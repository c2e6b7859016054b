-- Where each person stands on the organisation's career ladders: one ladder and one of its
-- levels, set by the people team (a fact of the roster, like a title).
CREATE TABLE person_levels (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    ladder_key TEXT NOT NULL,
    level_key TEXT NOT NULL,
    set_by TEXT REFERENCES people (id),
    set_at BIGINT NOT NULL
);
