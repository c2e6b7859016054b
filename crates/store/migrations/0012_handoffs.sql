-- A change of manager, with the person's consent: what they decided travels to the new
-- manager of what they had shared before the change (`choice`: pending, nothing, everything
-- or topics, with `topics` listing them), and how the two go on (`plan`: continue, catch-up or
-- start-over). One row per change, keyed by the time of the change in `manager_changes`.

CREATE TABLE handoffs (
    person_id TEXT NOT NULL REFERENCES people (id),
    since BIGINT NOT NULL,
    manager_id TEXT NOT NULL REFERENCES people (id),
    choice TEXT NOT NULL,
    topics TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    PRIMARY KEY (person_id, since)
);
