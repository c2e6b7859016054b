-- Each person's private calendar feed: the hash of the secret in its address (the address is
-- shown once, when made; making a new one ends the old at once).

CREATE TABLE calendar_feeds (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
