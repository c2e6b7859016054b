-- What a mail lets its reader do without signing in: answer the readiness question, say
-- their plan is still right, or stop a kind of mail (RFC 8058 one-click unsubscribe). Only
-- the hash of the code in the link is kept; an answer link works once, an unsubscribe link
-- until it expires.
CREATE TABLE mail_links (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    action TEXT NOT NULL,
    subject TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX mail_links_person_idx ON mail_links (person_id);

-- The kinds of mail a person has turned off; every kind is on until they do.
CREATE TABLE mail_preferences (
    person_id TEXT NOT NULL REFERENCES people (id),
    category TEXT NOT NULL,
    off_since BIGINT NOT NULL,
    PRIMARY KEY (person_id, category)
);
